#!/usr/bin/env bash
# Every test: install, build, run the whole CTest suite (unit, golden, servers, editors).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
