#!/usr/bin/env bash
# With more errors than the error limit (100), the errors kept are the same ones whatever the
# number of threads and whichever finishes first: 400 devices that each break a model
# requirement, built with -j 1 and five times with -j 2, print byte-identical diagnostics.
# Usage: run-error-limit.sh PHONEC SOURCE_DIR
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
export PHONEC_DATA_DIR="$src" LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d /tmp/phonec-errlimit.XXXXXX); trap 'rm -rf "$tmp"' EXIT
cp -r "$src/tests/golden/require-error/models" "$tmp/models"
cd "$tmp" || exit 1
python3 - <<'PY'
import json
site = {"admin_password": "fine", "sip": {"registrar": "10.0.0.1"}}
devs = [{"mac": "02:00:00:00:%02x:%02x" % (i >> 8, i & 255), "model": "acme.Z1",
         "lines": [{"number": 1, "display_name": "Name \"%d\"" % i, "username": "1", "password": "p"}]}
        for i in range(400)]
json.dump({"format": "phonec-inventory/1", "site": site, "devices": devs}, open("site.json", "w"), indent=1)
PY
pass=0; fail=0
"$phonec" build -I models site.json -o out -j 1 >/dev/null 2>"ref" && { echo "FAIL the build succeeded"; exit 1; }
n=$(grep -c ': error: ' ref)
if [ "$n" -ge 100 ] && [ "$n" -lt 400 ]; then pass=$((pass+1)); echo "ok   the limit applies ($n errors shown of 400+)"; else fail=$((fail+1)); echo "FAIL $n errors shown"; fi
for k in 1 2 3 4 5; do
  "$phonec" build -I models site.json -o out -j 2 >/dev/null 2>"got$k"
  if cmp -s ref "got$k"; then pass=$((pass+1)); echo "ok   -j 2 run $k: the same errors as -j 1"; else
    fail=$((fail+1)); echo "FAIL -j 2 run $k differs"; diff ref "got$k" | head -5; fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
