" Writes the quickfix list to g:dump_out, one entry a line: file|line|col|type|valid|text.
let s:out = []
for s:e in getqflist()
  call add(s:out, printf('%s|%d|%d|%s|%d|%s', s:e.bufnr ? bufname(s:e.bufnr) : '', s:e.lnum, s:e.col, s:e.type, s:e.valid, s:e.text))
endfor
call writefile(s:out, g:dump_out)
