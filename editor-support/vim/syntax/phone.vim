" Vim syntax file
" Language: phone-description language (phonec .phone files)
" The grammar is grammar/phone.hpp; keep the keyword lists in step with its PHONEC_KEYWORD lines
" (tests/editor/run-keywords.sh checks them).

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync fromstart

" ---- comments ------------------------------------------------------------------------------
syn keyword phoneTodo contained TODO FIXME XXX NOTE
syn match phoneLineComment "//.*$" contains=phoneTodo,@Spell
syn region phoneBlockComment start="/\*" end="\*/" contains=phoneTodo,@Spell fold
syn cluster phoneComment contains=phoneLineComment,phoneBlockComment

" ---- strings: escapes and {expression} interpolation (which may hold strings) --------------
syn match phoneEscapeError contained "\\."
syn match phoneEscape contained +\\\%(["\\ntr{}]\|u{\x\{1,6}}\)+
syn match phoneBraceError contained "}"
syn region phoneInterp contained matchgroup=phoneInterpDelim start="{" end="}" contains=@phoneExpr
syn cluster phoneStringContents contains=phoneEscapeError,phoneEscape,phoneBraceError,phoneInterp
syn region phoneString start=+"+ end=+"+ end=+$+ contains=@phoneStringContents,@Spell

" ---- expressions ---------------------------------------------------------------------------
syn match phoneNumber contained "\<\d\+\>"
syn keyword phoneBoolean contained true false
syn keyword phoneNone contained none
syn keyword phoneStatus contained Y N NT NYT FK HK SK MN
syn keyword phoneConditional contained if then else
syn keyword phoneLogical contained and or not
syn match phoneOperator contained "??\|==\|!=\|<=\|>=\|[-+*/%<>=]"
syn match phoneFunction contained "\<\h\w*\ze\s*("
syn match phoneBuiltin contained "\<\%(upper\|lower\|hex\|replace\|str\|onoff\|yesno\|truefalse\|count\|join\|url_host\|url_join\|url_port\|url_scheme\|url_path\|label\|lookup\|timezone\)\ze\s*("
syn match phoneGlobal contained "\<\%(device\|site\|model\|codes\)\>\ze\s*[.\[]"
syn match phoneGlobal contained "\<devices\>"
syn match phoneMember contained "\.\s*\w\+"
syn cluster phoneExpr contains=@phoneComment,phoneString,phoneNumber,phoneBoolean,phoneNone,phoneStatus,phoneConditional,phoneLogical,phoneOperator,phoneFunction,phoneBuiltin,phoneGlobal,phoneMember,phoneParens,phoneList
syn region phoneParens contained transparent matchgroup=phoneDelimiter start="(" end=")" contains=@phoneExpr
syn region phoneList contained transparent matchgroup=phoneDelimiter start="\[" end="\]" contains=@phoneExpr

" ---- members of a declaration block and content statements --------------------------------
syn match phoneProperty contained "\%(^\s*\|[{;]\s*\)\@<=\h\w*\>\ze\s*\%([^=:.(\[ \t]\|$\)"
syn match phoneProperty contained "\%(^\s*\|[{;]\s*\)\@<=\h\w*\>\ze\s\+\%([.(\[]\)"
syn match phoneEntryKey contained "\<\h\w*\ze\s*=\%(=\)\@!"
syn match phoneField contained "\<\h\w*\ze\s*:"
" A field's type, list brackets included (they would otherwise open a list expression).
syn match phoneFieldType contained "\%(:\s*\)\@<=\[\=\s*\h\w*\s*\]\="
syn match phoneTypeOp contained "\.\.\|?\%(?\)\@!"
syn keyword phoneFileKw contained file nextgroup=phoneFileId skipwhite
syn match phoneFileId contained "\h\w*"
syn keyword phoneKeyword contained per content
syn match phoneScope contained "\%(\<per\s\+\)\@<=\h\w*"
syn keyword phoneOptionKw contained option nextgroup=phoneOptionRef skipwhite
syn match phoneOptionRef contained "\%(\d\+\|\h\w*\)\%(\.\d\+\)\="
syn keyword phoneRepeat contained for in
syn keyword phoneStatement contained let require element section text
syn match phoneLoopVar contained "\%(\<for\s\+\)\@<=\h\w*"
syn match phoneLetVar contained "\%(\<let\s\+\)\@<=\h\w*"
syn region phoneAttr contained matchgroup=phoneAttrDelim start=+@\s*"+ end=+"+ end=+$+ contains=@phoneStringContents
syn cluster phoneInBlock contains=@phoneExpr,phoneProperty,phoneEntryKey,phoneField,phoneFieldType,phoneTypeOp,phoneFileKw,phoneKeyword,phoneScope,phoneOptionKw,phoneRepeat,phoneStatement,phoneLoopVar,phoneLetVar,phoneAttr,phoneBlock
syn region phoneBlock transparent matchgroup=phoneBrace start="{" end="}" contains=@phoneInBlock fold

" ---- top level: imports, type aliases, declarations ----------------------------------------
syn keyword phoneInclude import
syn keyword phoneTypeDecl type nextgroup=phoneTypeName skipwhite
syn match phoneTypeName contained "\h\w*" nextgroup=phoneAliasEq skipwhite
syn match phoneAliasEq contained "=" nextgroup=phoneAlias skipwhite
syn match phoneAlias contained "[^;]*" contains=phoneFieldType,phoneAliasType,phoneTypeOp,phoneNumber,phoneDelimiter
syn match phoneAliasType contained "\<\h\w*"
syn match phoneDecl "\<\%(vendor\|family\|model\|site\|device\|record\|enum\|key_type\|feature_group\|profile\|dhcp_option\)\>" nextgroup=phoneDeclName skipwhite skipnl
syn match phoneDeclName contained +\h\w*\%(\.[A-Za-z0-9_-]\+\)*\|"\%([^"\\]\|\\.\)*"+
syn match phoneParent "\%(:\s*\)\@<=\h\w*\%(\.[A-Za-z0-9_-]\+\)*"
syn match phoneDelimiter contained "[[\]]"
" Keywords outside their usual place still read as keywords.
syn keyword phoneStrayKeyword per content option file for in if else let require element section text true false none and or not then

" ---- colours -------------------------------------------------------------------------------
hi def link phoneTodo Todo
hi def link phoneLineComment Comment
hi def link phoneBlockComment Comment
hi def link phoneString String
hi def link phoneEscape SpecialChar
hi def link phoneEscapeError Error
hi def link phoneBraceError Error
hi def link phoneInterpDelim Delimiter
hi def link phoneNumber Number
hi def link phoneBoolean Boolean
hi def link phoneNone Constant
hi def link phoneStatus Constant
hi def link phoneConditional Conditional
hi def link phoneLogical Operator
hi def link phoneOperator Operator
hi def link phoneFunction Function
hi def link phoneBuiltin Function
hi def link phoneGlobal Special
hi def link phoneProperty Identifier
hi def link phoneEntryKey Identifier
hi def link phoneField Identifier
hi def link phoneFieldType Type
hi def link phoneTypeOp Operator
hi def link phoneFileKw StorageClass
hi def link phoneFileId Function
hi def link phoneKeyword Keyword
hi def link phoneScope Constant
hi def link phoneOptionKw Keyword
hi def link phoneOptionRef Constant
hi def link phoneRepeat Repeat
hi def link phoneStatement Statement
hi def link phoneLoopVar Identifier
hi def link phoneLetVar Identifier
hi def link phoneAttr Tag
hi def link phoneAttrDelim Delimiter
hi def link phoneBrace Delimiter
hi def link phoneDelimiter Delimiter
hi def link phoneInclude Include
hi def link phoneTypeDecl StorageClass
hi def link phoneTypeName Typedef
hi def link phoneAliasEq Operator
hi def link phoneAliasType Type
hi def link phoneDecl StorageClass
hi def link phoneDeclName Typedef
hi def link phoneParent Type
hi def link phoneStrayKeyword Keyword

let b:current_syntax = "phone"
let &cpo = s:cpo_save
unlet s:cpo_save
