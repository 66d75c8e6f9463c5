#!/usr/bin/env bash
# CTest entry (e2e.servers) once renamed to run-servers.sh: compile the e2e site with the
# phonec under test and provision every phone of tests/e2e/phones.json from that output
# tree with real servers (harness.sh). There is no fallback: if `phonec build` fails, the
# test fails. The firmware images the site needs (`phonec assets list`) are synthesised
# (random bytes of the declared size) into the directory given to `build --assets`, and the
# harness compares the image a phone fetches with the file there.
#   run-servers.sh <phonec-binary> <source-dir>
set -uo pipefail
[ $# = 2 ] || { echo "usage: $0 <phonec-binary> <source-dir>" >&2; exit 2; }
phonec=$1
src=$2
tmp=$(mktemp -d /tmp/phonec-e2e-build.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
# in.tftpd (user tftp) and nginx workers (nobody) only read a copy, but keep it traversable.
chmod 755 "$tmp"

fail() { echo "FAIL - - $1"; echo "0 passed, 1 failed"; exit 1; }

if ! "$phonec" assets list "$src/tests/e2e/site.json" --format json > "$tmp/assets.json" 2> "$tmp/assets.err"; then
    cat "$tmp/assets.err" >&2
    fail "phonec-assets: phonec assets list tests/e2e/site.json exited non-zero"
fi
# Random bytes, not zeros: a block lost, repeated or reordered must change the content. An
# asset whose vendor publishes a checksum cannot be synthesised: that fails, it is not skipped.
/usr/bin/python3 -c '
import json, os, sys
assets = json.load(open(sys.argv[1]))
if not assets:
    sys.exit("the site needs no firmware: nothing to fetch")
for a in assets:
    if a["sha256"] is not None:
        sys.exit("%s has a published sha256: use the real file" % a["path"])
    path = os.path.join(sys.argv[2], a["path"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(os.urandom(a["size"] if a["size"] is not None else 100000))
    print("# synthetic asset %s: %d random bytes" % (a["path"], os.path.getsize(path)))
' "$tmp/assets.json" "$tmp/assets" || fail "assets: cannot synthesise the site's firmware"

if ! "$phonec" build "$src/tests/e2e/site.json" -o "$tmp/out" --assets "$tmp/assets"; then
    fail "phonec-build: phonec build tests/e2e/site.json --assets DIR exited non-zero"
fi
# In the background so that a TERM from CTest reaches the harness, whose trap cleans up.
timeout --kill-after=10 120 bash "$src/tests/e2e/harness.sh" --assets "$tmp/assets" \
    "$tmp/out" "$src/tests/e2e/phones.json" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT
wait "$child"
