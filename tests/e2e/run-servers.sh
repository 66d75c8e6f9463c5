#!/usr/bin/env bash
# CTest entry (e2e.servers) once renamed to run-servers.sh: compile the e2e site with the
# phonec under test and provision every phone of tests/e2e/phones.json from that output
# tree with real servers (harness.sh). There is no fallback: if `phonec build` fails, the
# test fails.
#   run-servers.sh <phonec-binary> <source-dir>
set -uo pipefail
[ $# = 2 ] || { echo "usage: $0 <phonec-binary> <source-dir>" >&2; exit 2; }
phonec=$1
src=$2
tmp=$(mktemp -d /tmp/phonec-e2e-build.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
# in.tftpd (user tftp) and nginx workers (nobody) only read a copy, but keep it traversable.
chmod 755 "$tmp"

if ! "$phonec" build "$src/tests/e2e/site.json" -o "$tmp/out"; then
    echo "FAIL - - phonec-build: phonec build tests/e2e/site.json exited non-zero"
    echo "0 passed, 1 failed"
    exit 1
fi
# In the background so that a TERM from CTest reaches the harness, whose trap cleans up.
timeout --kill-after=10 120 bash "$src/tests/e2e/harness.sh" "$tmp/out" "$src/tests/e2e/phones.json" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT
wait "$child"
