# Sourced by tests/make/run-*.sh with their arguments (PHONEC SOURCE_DIR): the phonec and source
# paths, a scratch folder removed on exit, and the ok/ko counting every script reports with.
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
export LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d "/tmp/phonec-$(basename "$0" .sh).XXXXXX"); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); echo "ok   $1"; }
ko() { fail=$((fail+1)); echo "FAIL $1"; [ -n "${2:-}" ] && echo "$2" | head -20; }
# check NAME EXPR: ok when EXPR (a shell condition, evaluated here) holds.
check() { if eval "$2"; then ok "$1"; else ko "$1"; fi; }
finish() { echo "$pass passed, $fail failed"; [ $fail = 0 ]; }

# A data folder of the test's own (the stdlib, no library models) and the unicode-latin1 golden's
# models in $tmp/models, for tests that edit a model; then into $tmp.
use_own_models() {
  mkdir -p "$tmp/data" && cp -r "$src/stdlib" "$tmp/data/" && mkdir -p "$tmp/data/models"
  export PHONEC_DATA_DIR="$tmp/data"
  cp -r "$src/tests/golden/unicode-latin1/models" "$tmp/models"
  cd "$tmp" || exit 1
}
