" Vim indent file
" Language: phone-description language (phonec .phone files)
" One level (shiftwidth, 2 spaces by the ftplugin) per open brace; a line starting with '}' or ']'
" closes one.

if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal indentexpr=PhoneIndent(v:lnum)
setlocal indentkeys=0{,0},0],!^F,o,O
setlocal autoindent
let b:undo_indent = "setlocal indentexpr< indentkeys< autoindent<"

if exists("*PhoneIndent")
  finish
endif

" The line without strings and comments: braces inside them do not count.
function! s:Code(line) abort
  let l = substitute(a:line, '"\%([^"\\]\|\\.\)*"', '""', 'g')
  let l = substitute(l, '//.*$', '', '')
  let l = substitute(l, '/\*.\{-}\*/', '', 'g')
  return substitute(l, '/\*.*$', '', '')
endfunction

" The line where the block comment around lnum starts, 0 when lnum is not inside one.
function! s:CommentStart(lnum) abort
  for l in range(a:lnum - 1, 1, -1)
    if getline(l) =~ '\*/'
      return 0
    elseif getline(l) =~ '/\*'
      return l
    endif
  endfor
  return 0
endfunction

function! PhoneIndent(lnum) abort
  " Inside a block comment: ' * text' lines one column right of the '/*'.
  let start = s:CommentStart(a:lnum)
  if start > 0
    return indent(start) + (getline(a:lnum) =~ '^\s*\*' ? 1 : 3)
  endif
  let prev = prevnonblank(a:lnum - 1)
  " A block comment counts as its first line.
  if prev > 0 && getline(prev) =~ '\*/' && getline(prev) !~ '/\*'
    let prev = s:CommentStart(prev)
  endif
  if prev == 0
    return 0
  endif
  let code = s:Code(getline(prev))
  let opens = len(substitute(code, '[^{[(]', '', 'g'))
  let closes = len(substitute(code, '[^}\])]', '', 'g'))
  " A previous line that starts by closing was already dedented for its first closer.
  if code =~ '^\s*[}\])]'
    let closes -= 1
  endif
  let ind = indent(prev) + shiftwidth() * (opens - closes)
  if getline(a:lnum) =~ '^\s*[}\])]'
    let ind -= shiftwidth()
  endif
  return ind < 0 ? 0 : ind
endfunction
