#!/usr/bin/env bash
# Configures and builds phonec into build/ (build/phonec).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default -G Ninja >/dev/null
cmake --build build -j"$(nproc)"
