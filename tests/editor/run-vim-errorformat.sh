#!/usr/bin/env bash
# compiler/phonec.vim: Vim's quickfix list built from real `phonec check` output on a broken
# sample (errors, a warning, notes, an error without a location) holds exactly phonec's
# diagnostics, as its --diagnostics json reports them, and the reviewed golden
# tests/editor/broken/expected.qf; `:make` in a .phone buffer gives the same list.
source "$(dirname "$0")/lib.sh"
scratch
[ -x "$PHONEC" ] || { fail "phonec binary '$PHONEC' is not executable"; finish; }
command -v vim > /dev/null || { fail "vim is not installed"; finish; }
cp "$EDITOR_TESTS/broken/broken.phone" "$EDITOR_TESTS/broken/bom.json" "$WORK/"
cd "$WORK" || exit 1
INPUTS=(broken.phone bom.json missing.phone)

"$PHONEC" check "${INPUTS[@]}" 2> text.out > /dev/null
status=$?
[ "$status" = 1 ] && pass "phonec check exits 1" || fail "phonec check exited $status, expected 1"
"$PHONEC" check --diagnostics json "${INPUTS[@]}" > diags.json 2> /dev/null
python3 "$EDITOR_TESTS/expected-quickfix.py" diags.json > expected.qf || fail "cannot read the JSON diagnostics"

vim_run -c 'compiler phonec' -c 'cgetfile text.out' -c "let g:dump_out = 'cgetfile.qf'" \
  -c "source $EDITOR_TESTS/vim/dump-quickfix.vim" -c 'qa!'
if diff -u expected.qf cgetfile.qf; then pass "quickfix list = phonec's JSON diagnostics"; else fail "quickfix list differs from the JSON diagnostics"; fi
if diff -u "$EDITOR_TESTS/broken/expected.qf" cgetfile.qf; then pass "quickfix list = reviewed golden"; else fail "quickfix list differs from tests/editor/broken/expected.qf"; fi
for t in e w n; do
  grep -q "^[^|]*|[0-9]*|[0-9]*|$t|1|" cgetfile.qf && pass "an entry of type $t" || fail "no entry of type $t"
done
grep -q '^broken.phone|[1-9][0-9]*|[1-9][0-9]*|e|1|' cgetfile.qf && pass "errors carry file, line and column" ||
  fail "no located error"
if grep -Eq '^\s+\^|~~~|titel "Broken' cgetfile.qf; then fail "source or caret lines leaked into the list"; else pass "source and caret lines skipped"; fi

# :make runs makeprg (phonec check on the buffer's file) and fills the same list.
mkdir bin && ln -s "$PHONEC" bin/phonec
PATH="$WORK/bin:$PATH" vim_run -c 'silent make' -c "let g:dump_out = 'make.qf'" \
  -c "source $EDITOR_TESTS/vim/dump-quickfix.vim" -c 'qa!' broken.phone > /dev/null 2>&1
"$PHONEC" check --diagnostics json broken.phone > make.json 2> /dev/null
python3 "$EDITOR_TESTS/expected-quickfix.py" make.json > make-expected.qf
if [ -s make.qf ] && diff -u make-expected.qf make.qf; then pass ":make fills the quickfix list"; else fail ":make quickfix list"; fi
finish
