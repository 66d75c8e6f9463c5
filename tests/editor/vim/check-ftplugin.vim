" Prints the buffer-local settings the ftplugin, indent and compiler scripts give a .phone buffer.
let s:out = [
      \ 'filetype=' . &filetype,
      \ 'syntax=' . get(b:, 'current_syntax', ''),
      \ 'commentstring=' . &commentstring,
      \ 'comments=' . &comments,
      \ 'shiftwidth=' . &shiftwidth,
      \ 'softtabstop=' . &softtabstop,
      \ 'expandtab=' . &expandtab,
      \ 'matchpairs=' . &matchpairs,
      \ 'indentexpr=' . &indentexpr,
      \ 'compiler=' . get(b:, 'current_compiler', ''),
      \ 'makeprg=' . &makeprg,
      \ ]
call writefile(s:out, g:dump_out)
