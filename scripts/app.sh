#!/usr/bin/env bash
# Set up (if needed) and start the app on the embedded sample data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
exec .venv/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"
