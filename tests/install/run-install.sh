#!/usr/bin/env bash
# `cmake --install` puts phonec in P/bin and the stdlib and models in P/share/phonec, where the
# installed binary finds them without any option (proved by breaking the installed copy).
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
build=$(dirname "$phonec")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass+1)); echo "ok   $1"; else fail=$((fail+1)); echo "FAIL $1"; fi; }
unset PHONEC_DATA_DIR
cmake --install "$build" --prefix "$tmp/p" >/dev/null 2>&1
check "binary installed" '[ -x "$tmp/p/bin/phonec" ]'
check "stdlib and models installed" '[ -f "$tmp/p/share/phonec/stdlib/inventory.phone" ] && [ -d "$tmp/p/share/phonec/models/yealink" ]'
(cd "$tmp" && "$tmp/p/bin/phonec" check >/dev/null 2>&1); rc=$?
check "the installed library checks clean" '[ $rc = 0 ]'
(cd "$tmp" && "$tmp/p/bin/phonec" build "$src/examples/office.json" -o "$tmp/out" -q >/dev/null 2>&1); rc=$?
check "the installed binary builds the example" '[ $rc = 0 ] && [ -f "$tmp/out/tftp/001565aabbcc.cfg" ]'
echo 'model broken' > "$tmp/p/share/phonec/stdlib/zz-broken.phone"
(cd "$tmp" && "$tmp/p/bin/phonec" check >/dev/null 2>&1); rc=$?
check "it reads the installed stdlib, not the source tree" '[ $rc = 1 ]'
echo "$pass passed, $fail failed"
[ $fail = 0 ]
