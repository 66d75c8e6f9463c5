#!/usr/bin/env bash
# A first build (DIR missing or empty) stages its files while the devices render (output/spool.h):
#   - it writes the same tree as a build that goes through the spool (DIR already holding a file);
#   - it leaves no temporary file;
#   - a first build that fails after hundreds of devices were staged (an error in the last batch)
#     leaves DIR as it found it: missing stays missing, empty stays empty.
# Usage: run-first-build.sh PHONEC SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
export PHONEC_DATA_DIR="$src"
cd "$tmp" || exit 1

# 600 devices (three batches of 256), the last one with an unknown model when asked.
python3 - <<'PY'
import json
site = {"admin_password": "x", "sip": {"registrar": "10.34.1.6"}}
def dev(i, model):
    return {"mac": "02:00:00:00:%02x:%02x" % (i // 256, i % 256), "model": model,
            "lines": [{"number": 1, "display_name": "Émilie %d" % i, "username": "1%04d" % i, "password": "pw%d" % i}]}
models = ["yealink.T46S", "snom.D735", "polycom.VVX411"]
good = [dev(i, models[i % 3]) for i in range(600)]
json.dump({"format": "phonec-inventory/1", "site": site, "devices": good}, open("good.json", "w"), ensure_ascii=False)
bad = good[:-1] + [dev(599, "acme.NoSuchPhone")]
json.dump({"format": "phonec-inventory/1", "site": site, "devices": bad}, open("bad.json", "w"), ensure_ascii=False)
PY
listing() { (cd "$1" && find . \( -type d -printf '%p %m\n' \) -o \( ! -name keep.txt ! -name '.phonec-*' ! -name tftpd-hpa \
  ! -name manifest.json -printf '%p %m %s\n' \) | sort); }
content() { (cd "$1" && find . -type f ! -name keep.txt ! -name '.phonec-*' ! -name tftpd-hpa ! -name manifest.json -exec sha256sum {} + | sort -k2); }

"$phonec" build good.json -o first -q 2>/dev/null || ko "first build failed"
mkdir spooled && echo mine >spooled/keep.txt
"$phonec" build good.json -o spooled -q 2>/dev/null || ko "spooled build failed"
n=$(find first -type f | wc -l)
[ "$n" -gt 600 ] && diff <(listing first) <(listing spooled) >/dev/null && diff <(content first) <(content spooled) >/dev/null &&
  ok "a staged first build writes the spooled build's tree ($n files)" ||
  ko "staged and spooled trees differ" "$(diff <(listing first) <(listing spooled); diff <(content first) <(content spooled))"
[ -z "$(find first -name '.phonec-tmp-*')" ] && ok "no temporary file left" || ko "temporary files left" "$(find first -name '.phonec-tmp-*' | head)"

"$phonec" build bad.json -o missing/out -q >bad.log 2>&1
st=$?
[ $st = 1 ] && grep -q 'NoSuchPhone' bad.log && [ ! -e missing ] &&
  ok "a failed first build into a missing folder leaves no folder" || ko "failed first build left something (status $st)" "$(find missing | head; cat bad.log | tail -3)"
mkdir empty
"$phonec" build bad.json -o empty -q >/dev/null 2>&1
[ -d empty ] && [ -z "$(ls -A empty)" ] && ok "a failed first build into an empty folder leaves it empty" ||
  ko "failed first build left files" "$(find empty | head)"

finish
