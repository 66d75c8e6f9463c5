" Vim filetype plugin
" Language: phone-description language (phonec .phone files)

if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1
let s:cpo_save = &cpo
set cpo&vim

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
setlocal shiftwidth=2 softtabstop=2 tabstop=8 expandtab
setlocal matchpairs=(:),{:},[:]
setlocal iskeyword=@,48-57,_
setlocal suffixesadd=.phone
" `gf` on an import path: relative to the file, then the shipped model library.
setlocal includeexpr=substitute(v:fname,'^\"\\\|\"$','','g')
setlocal include=^\\s*import\\s\\+\"

if exists("loaded_matchit")
  let b:match_words = '{:},\[:\],(:)'
endif

compiler phonec

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< shiftwidth< softtabstop< tabstop< expandtab<"
      \ . " matchpairs< iskeyword< suffixesadd< includeexpr< include< makeprg< errorformat<"
      \ . " | unlet! b:match_words"

let &cpo = s:cpo_save
unlet s:cpo_save
