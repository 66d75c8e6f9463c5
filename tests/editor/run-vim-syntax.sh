#!/usr/bin/env bash
# Vim plugin, headless: the syntax group of every token of every sample against
# tests/editor/vim/golden/<sample>.syntax, re-indentation of every sample (=G gives the file back),
# and the buffer settings of the ftplugin. UPDATE_GOLDENS=1 rewrites the goldens (review the diff).
source "$(dirname "$0")/lib.sh"
scratch
command -v vim > /dev/null || { fail "vim is not installed"; finish; }

for sample in "$EDITOR_TESTS"/samples/*.phone; do
  name=$(basename "$sample" .phone)
  golden="$EDITOR_TESTS/vim/golden/$name.syntax"
  vim_run -c "let g:dump_out = '$WORK/$name.syntax'" -c "source $EDITOR_TESTS/vim/dump-syntax.vim" -c 'qa!' "$sample"
  [ "${UPDATE_GOLDENS:-}" = 1 ] && cp "$WORK/$name.syntax" "$golden"
  if [ ! -f "$golden" ]; then
    fail "$name syntax: no golden $golden (UPDATE_GOLDENS=1 creates it)"
  elif diff -u "$golden" "$WORK/$name.syntax" > "$WORK/diff"; then
    pass "$name syntax"
  else
    fail "$name syntax"
    head -40 "$WORK/diff"
  fi

  # Indentation: strip every line's indentation, re-indent the whole buffer, compare.
  sed 's/^[[:space:]]*//' "$sample" > "$WORK/$name.phone"
  vim_run -c 'normal! gg=G' -c 'wq' "$WORK/$name.phone"
  if diff -u "$sample" "$WORK/$name.phone" > "$WORK/diff"; then
    pass "$name indentation"
  else
    fail "$name indentation"
    head -40 "$WORK/diff"
  fi
done

cat > "$WORK/expected-settings" <<'TXT'
filetype=phone
syntax=phone
commentstring=// %s
comments=s1:/*,mb:*,ex:*/,://
shiftwidth=2
softtabstop=2
expandtab=1
matchpairs=(:),{:},[:]
indentexpr=PhoneIndent(v:lnum)
compiler=phonec
makeprg=phonec check %:S
TXT
cp "$EDITOR_TESTS/samples/model.phone" "$WORK/settings.phone"
vim_run -c "let g:dump_out = '$WORK/settings'" -c "source $EDITOR_TESTS/vim/check-ftplugin.vim" -c 'qa!' "$WORK/settings.phone"
if diff -u "$WORK/expected-settings" "$WORK/settings"; then pass "ftplugin settings"; else fail "ftplugin settings"; fi
finish
