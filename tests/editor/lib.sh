# Shared by tests/editor/run-*.sh: pass/fail counting and the test's node_modules.
# Each runner is called as: run-X.sh <phonec-binary> <source-dir>.
set -uo pipefail
PHONEC=${1:+$(realpath -m "$1")}
SRC=$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)
EDITOR_TESTS="$SRC/tests/editor"
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
scratch() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/phonec-editor.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
}

# Installs the committed package-lock.json into tests/editor/node_modules once (npm ci); later
# runs, and parallel runners, reuse it offline. The lock file's hash is the cache key.
ensure_node_modules() {
  local dir="$EDITOR_TESTS" stamp="$EDITOR_TESTS/node_modules/.phonec-lock-sha256" want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  (
    flock 9
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
      (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2) || exit 1
      echo "$want" > "$stamp"
    fi
  ) 9> "${TMPDIR:-/tmp}/phonec-editor-npm.lock" || { echo "npm ci failed in $dir" >&2; return 1; }
}

# Runs Vim headless with the plugin on the runtimepath, nothing else.
vim_run() {
  vim -Nu NONE -i NONE -es --cmd "set rtp^=$SRC/editor-support/vim" --cmd 'filetype plugin indent on' --cmd 'syntax on' "$@"
}
