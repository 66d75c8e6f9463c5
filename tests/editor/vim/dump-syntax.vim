" Writes the syntax group of every token of the current buffer to the file named by g:dump_out:
" one line per run of bytes with the same innermost group, `LINE:COL Group text`. Blanks around
" a run and blank runs are left out; `-` names plain text.
function! s:Dump() abort
  let out = []
  for lnum in range(1, line('$'))
    let text = getline(lnum)
    let start = 0
    let prev = ''
    for col in range(1, len(text) + 1)
      let name = col <= len(text) ? synIDattr(synID(lnum, col, 1), 'name') : "\n"
      if col > 1 && name !=# prev
        let piece = strpart(text, start, col - 1 - start)
        if piece =~ '\S'
          let lead = len(matchstr(piece, '^\s*'))
          call add(out, printf('%d:%d %s %s', lnum, start + 1 + lead, prev ==# '' ? '-' : prev, trim(piece)))
        endif
        let start = col - 1
      endif
      let prev = name
    endfor
  endfor
  call writefile(out, g:dump_out)
endfunction
call s:Dump()
