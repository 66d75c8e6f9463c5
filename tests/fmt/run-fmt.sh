#!/usr/bin/env bash
# phonec fmt end to end:
#  1. every shipped .phone file (stdlib/, models/*/, examples/) is formatted: `fmt --check` passes
#     and `fmt` leaves it byte for byte unchanged (the folders are globbed: new models count);
#  2. each ugly/*.phone formats to expected/*.phone, `--check` lists it first without writing,
#     a second `fmt` changes nothing, and `phonec check` reports the same diagnostics (code,
#     severity, message) before and after;
#  3. a file with a syntax error: the diagnostic, exit 1, the file untouched.
# Usage: run-fmt.sh PHONEC SOURCE_DIR
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
here="$src/tests/fmt"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export PHONEC_DATA_DIR="$src" LC_ALL=C.UTF-8
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# 1. The shipped files.
mapfile -t shipped < <(find "$src/stdlib" "$src/models" "$src/examples" -name '*.phone' -type f 2>/dev/null | sort)
[ ${#shipped[@]} -ge 3 ] || bad "found only ${#shipped[@]} shipped .phone files"
if ! out=$("$phonec" fmt --check "${shipped[@]}" 2>&1); then bad "shipped files are not formatted (run phonec fmt on them):"$'\n'"$out"; fi
for f in "${shipped[@]}"; do
  cp "$f" "$tmp/copy.phone"
  "$phonec" fmt "$tmp/copy.phone" || bad "fmt failed on $f"
  cmp -s "$f" "$tmp/copy.phone" || bad "fmt changes $f (not idempotent or not formatted)"
done

# Diagnostics without positions (formatting moves them), sorted.
diags() { "$phonec" check --diagnostics json "$1" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
for x in sorted((x["severity"], x["code"], x["message"]) for x in d): print(*x, sep="\t")'; }

# 2. The ugly corpus.
for u in "$here"/ugly/*.phone; do
  name=$(basename "$u"); w="$tmp/$name"
  cp "$u" "$w"
  before=$(diags "$w")
  listed=$("$phonec" fmt --check "$w"); rc=$?
  [ $rc -eq 1 ] || bad "$name: fmt --check exit $rc, want 1"
  [ "$listed" = "$w" ] || bad "$name: fmt --check listed '$listed'"
  cmp -s "$u" "$w" || bad "$name: fmt --check wrote the file"
  "$phonec" fmt "$w" || bad "$name: fmt failed"
  cmp -s "$w" "$here/expected/$name" || { bad "$name: differs from expected/$name"; diff "$here/expected/$name" "$w"; }
  cp "$w" "$w.once"; touch -d '2000-01-01' "$w"; chmod 0600 "$w"
  "$phonec" fmt "$w" || bad "$name: second fmt failed"
  cmp -s "$w" "$w.once" || bad "$name: not idempotent"
  [ "$(stat -c %Y "$w")" = "$(date -d '2000-01-01' +%s)" ] || bad "$name: an unchanged file was rewritten"
  "$phonec" fmt --check "$w" >/dev/null || bad "$name: --check fails on formatted output"
  # A rewrite keeps the file's mode.
  cp "$u" "$w"; chmod 0600 "$w"; "$phonec" fmt "$w"
  [ "$(stat -c %a "$w")" = 600 ] || bad "$name: fmt changed the mode to $(stat -c %a "$w")"
  [ -z "$(find "$(dirname "$w")" -name '*.phonec-fmt-*')" ] || bad "$name: a temporary file was left behind"
  after=$(diags "$w")
  [ "$before" = "$after" ] || { bad "$name: diagnostics changed"; diff <(echo "$before") <(echo "$after"); }
done
# The corpus must exercise diagnostics at least once, or the comparison above proves nothing.
[ -n "$(diags "$here/ugly/records.phone")" ] || bad "records.phone has no diagnostics to compare"

# 3. Syntax errors.
cp "$here/bad/syntax.phone" "$tmp/syntax.phone"
err=$("$phonec" fmt "$tmp/syntax.phone" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || bad "syntax error: exit $rc, want 1"
case "$err" in *"syntax.phone:3:3: error:"*) ;; *) bad "syntax error: no diagnostic at 3:3: $err" ;; esac
cmp -s "$here/bad/syntax.phone" "$tmp/syntax.phone" || bad "syntax error: the file was modified"
"$phonec" fmt >/dev/null 2>&1; [ $? -eq 2 ] || bad "fmt without files: want exit 2"

[ $fail -eq 0 ] && echo "fmt: all passed"
exit $fail
