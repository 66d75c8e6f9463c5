#!/bin/bash
# SIGKILL during builds of a 2000-device site: see kill.py. Args: <phonec-binary> <source-dir>.
set -euo pipefail
exec python3 "$2/tests/crash/kill.py" "$1" "$2"
