#!/usr/bin/env bash
# CTest entry (e2e.selftest): proves the real-server harness itself on hand-made output
# trees, a good one that must pass and a broken one that must fail exactly where planted.
# Args (CTest convention): <phonec-binary> <source-dir>; the binary is not used here.
set -euo pipefail
src=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
exec timeout --kill-after=10 120 bash "$src/tests/e2e/harness.sh" --selftest
