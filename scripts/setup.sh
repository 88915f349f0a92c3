#!/usr/bin/env bash
# Set up exportmcda on a fresh Debian/Ubuntu machine (Python 3.11+).
#   scripts/setup.sh app    # the app and the CLI
#   scripts/setup.sh test   # + test tools, Chromium and a CJK font for the browser tests
# Idempotent: re-running only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-app}"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}
apt_updated=0
apt_install() {  # install Debian packages that are missing
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "setup: please install ${missing[*]}" >&2; return 1; }
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
}

PY="${PYTHON:-python3}"
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' || {
  echo "setup: exportmcda needs Python 3.11 or newer (found $("$PY" --version 2>&1))" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv 2>/dev/null || { apt_install python3-venv && rm -rf .venv && "$PY" -m venv .venv; }
fi
.venv/bin/python -m pip install -q --upgrade pip
# WeasyPrint (the PDF briefing) needs Pango, HarfBuzz's subsetter and a Korean font (Debian 12)
apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-noto-cjk
if [ "$kind" = test ]; then
  apt_install chromium fonts-noto-cjk
  apt_install poppler-utils  # pdftotext/pdftoppm: the briefing tests read and render the PDF
  # the panel workbook's live CR formulas are recalculated by LibreOffice in a test
  # (tests/panel/test_template.py): the formulas a user sees are checked, not just written
  apt_install libreoffice-calc-nogui
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e ".[app]"
fi
