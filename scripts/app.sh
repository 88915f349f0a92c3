#!/usr/bin/env bash
# Set up (if needed) and start the app on the embedded sample data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
# ui.serve: streamlit run app.py, with the app's imports done before the server answers
exec .venv/bin/python -m ui.serve app.py --server.headless true --browser.gatherUsageStats false "$@"
