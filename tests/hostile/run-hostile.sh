#!/bin/bash
# Hostile-input battery: see hostile.py. Args: <phonec-binary> <source-dir>.
set -euo pipefail
exec python3 "$2/tests/hostile/hostile.py" "$1" "$2"
