#!/usr/bin/env bash
# Set up (if needed: Python packages, Chromium, a CJK font) and run the whole test suite,
# browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
