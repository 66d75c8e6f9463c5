" Vim compiler file
" Compiler: phonec (phone-description language)
" `:make` runs `phonec check` on the current file; diagnostics are gcc-style:
"   file:line:col: error: message
"   file:line:col: warning: message [-Wcode]
"   file:line:col: note: message
" each followed by the source line and a caret line, which are skipped. Diagnostics without a
" place (an unreadable input) start with "phonec:" and become entries without a file.

if exists("current_compiler")
  finish
endif
let current_compiler = "phonec"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=phonec\ check\ %:S
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tote:\ %m,
      \phonec:\ %trror:\ %m,
      \phonec:\ %tarning:\ %m,
      \phonec:\ %tote:\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
