#!/usr/bin/env bash
# Every ```phone block of docs/language.md is a complete file that `phonec check` accepts.
# Blocks marked ```phone-fragment are excerpts and are not checked. The editor samples
# (tests/editor/samples) must pass too.
source "$(dirname "$0")/lib.sh"
scratch
DOC="$SRC/docs/language.md"
[ -x "$PHONEC" ] || { fail "phonec binary '$PHONEC' is not executable"; finish; }

# Each block goes to block-<first line of its body>.phone.
awk -v dir="$WORK" '
  /^```phone[ \t]*$/ { inside = 1; file = sprintf("%s/block-%04d.phone", dir, NR + 1); printf "" > file; next }
  /^```/ && inside { inside = 0; close(file); next }
  inside { print >> file }
' "$DOC"
blocks=("$WORK"/block-*.phone)
[ -e "${blocks[0]}" ] && [ "${#blocks[@]}" -ge 10 ] && pass "${#blocks[@]} phone blocks in docs/language.md" ||
  fail "docs/language.md has only ${#blocks[@]} phone blocks"
for f in "${blocks[@]}"; do
  [ -e "$f" ] || continue
  line=$(basename "$f" .phone | sed 's/^block-0*//')
  if out=$("$PHONEC" check "$f" 2>&1); then
    pass "docs/language.md:$line"
  else
    fail "docs/language.md:$line: phonec check failed"
    echo "$out" | sed "s|$f|docs/language.md block at line $line|" | head -20
  fi
done

# The editor samples are real files too: what the grammars are tested on is the language.
if out=$(cd "$EDITOR_TESTS/samples" && "$PHONEC" check *.phone 2>&1); then
  pass "tests/editor/samples/*.phone pass phonec check"
else
  fail "tests/editor/samples/*.phone: phonec check failed"
  echo "$out" | head -30
fi
finish
