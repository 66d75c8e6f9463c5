" For each probe `kind<TAB>word<TAB>text` of the file g:probes (in text, `\n` separates lines and
" `@@` is where the word goes), writes `kind word Group HighlightGroup` to g:dump_out.
let s:out = []
for s:probe in readfile(g:probes)
  let [s:kind, s:word, s:text] = split(s:probe, "\t", 1)
  %delete _
  call setline(1, split(s:text, '\\n'))
  call cursor(1, 1)
  let s:pos = searchpos('@@', 'cW')
  call setline(s:pos[0], substitute(getline(s:pos[0]), '@@', s:word, ''))
  syntax sync fromstart
  let s:id = synID(s:pos[0], s:pos[1], 1)
  call add(s:out, printf('%s %s %s %s', s:kind, s:word, synIDattr(s:id, 'name'), synIDattr(synIDtrans(s:id), 'name')))
endfor
call writefile(s:out, g:dump_out)
