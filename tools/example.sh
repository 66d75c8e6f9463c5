#!/usr/bin/env bash
# The main job: install, build, compile the shipped example site into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
build/phonec build examples/office.json -o out --depfile out.d
echo "example: output written to $(pwd)/out (manifest: out/manifest.json)"
