"""Start-up time: ``import exportmcda``, two CLI commands, and the app's first page.

    python bench/startup.py [--quick] [--json] [--skip-app]

Every figure is wall time of a fresh process (or a fresh Streamlit server), the median of
repeated runs after one warm-up run (page cache). Each case measures ours and a named
baseline in the same run, interleaved run by run so that a busy machine slows both:

* ``import-exportmcda``, ``cli-validate``, ``cli-rank-top10``: baseline
  ``python -c "import pandas, pymcdm"``, the imports every command paid before start-up
  was made lazy (the package root imported every module, and pymcdm pulls in matplotlib
  and scipy through ``pymcdm.visuals``). ``ratio = baseline_s / ours_s``.
* ``app-first-page``: the app as ``scripts/app.sh`` serves it (``python -m ui.serve app.py``:
  ``streamlit run`` with the app's imports and resource caches done before the server
  answers) on a free port; the clock starts when
  ``/_stcore/health`` answers and stops when the overview page shows its first chart and
  its numbers table is in the page (headless Debian Chromium via Playwright, launched
  before the clock starts). Baseline: the same for a one-table Streamlit page (the floor
  Streamlit itself costs). ``ratio`` < 1 here: how many times the floor we take.

``bench/run.py`` runs these as its ``startup-*`` and ``app-first-page`` cases.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

Result = dict[str, Any]

IMPORT_BASELINE = ("-c", "import pandas, pymcdm")
IMPORT_BASELINE_TEXT = 'python -c "import pandas, pymcdm" (what every command imported before)'

CLI_CASES: dict[str, tuple[str, ...]] = {
    "import-exportmcda": ("-c", "import exportmcda"),
    "cli-validate": ("-m", "exportmcda", "validate", "data/examples/small_database.csv"),
    "cli-rank-top10": ("-m", "exportmcda", "rank", "--country", "IND", "--top", "10"),
}
CLI_GOAL_S = 1.0
FIRST_PAGE_GOAL_S = 3.0

BASELINE_APP = """\
import pandas as pd
import streamlit as st

st.title("Baseline")
st.table(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}))
"""


def _env() -> dict[str, str]:
    """This checkout's ``src`` first on the path (wins over an editable install)."""
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
    )
    return env


def _run_s(args: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=_env(), check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def cli_case(name: str, repeats: int) -> Result:
    """Median wall time of one command vs the import baseline, interleaved run by run."""
    args = CLI_CASES[name]
    _run_s(args), _run_s(IMPORT_BASELINE)  # warm-up: page cache, .pyc files
    ours, base = [], []
    for _ in range(repeats):
        ours.append(_run_s(args))
        base.append(_run_s(IMPORT_BASELINE))
    ours_s, baseline_s = statistics.median(ours), statistics.median(base)
    return {
        "name": name,
        "n": repeats,
        "ours": "python " + " ".join(args),
        "ours_s": ours_s,
        "ours_range_s": [min(ours), max(ours)],
        "baseline": IMPORT_BASELINE_TEXT,
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        "goal": f"ours_s < {CLI_GOAL_S:g} s",
        "goal_met": ours_s < CLI_GOAL_S,
    }


# ----------------------------------------------------------------------------- first page


def _first_page_s(app: Path, baseline: bool) -> float:
    """Seconds from a healthy fresh server to the page's content being shown."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))  # the browser tests' server and Chromium settings
    from tests.browser.conftest import free_port, launch, start_server

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        port = free_port()
        server = start_server(port, app, _env())
        try:
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
            if baseline:
                page.get_by_test_id("stTable").first.wait_for(state="visible", timeout=120_000)
            else:  # the overview: its first chart drawn and its script run ended (the
                # numbers tables under the charts are built when opened: until December 2026
                # the first of them, attached, marked the end of the page)
                page.get_by_test_id("stVegaLiteChart").first.wait_for(
                    state="visible", timeout=120_000
                )
                page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=120_000)
            elapsed = time.perf_counter() - start
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
            browser.close()
    return elapsed


def first_page_case(repeats: int) -> Result:
    """Median first-page time of app.py vs a one-table Streamlit page, interleaved."""
    with tempfile.TemporaryDirectory() as tmp:
        floor = Path(tmp) / "baseline_app.py"
        floor.write_text(BASELINE_APP, encoding="utf-8")
        _first_page_s(floor, baseline=True)  # warm-up: Streamlit's own imports into cache
        ours, base = [], []
        for _ in range(repeats):
            ours.append(_first_page_s(ROOT / "app.py", baseline=False))
            base.append(_first_page_s(floor, baseline=True))
    ours_s, baseline_s = statistics.median(ours), statistics.median(base)
    return {
        "name": "app-first-page",
        "n": repeats,
        "ours": "python -m ui.serve app.py: health check answered -> overview chart shown",
        "ours_s": ours_s,
        "ours_range_s": [min(ours), max(ours)],
        "baseline": "the same for a one-table Streamlit page (Streamlit's own floor)",
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        "goal": f"ours_s < {FIRST_PAGE_GOAL_S:g} s",
        "goal_met": ours_s < FIRST_PAGE_GOAL_S,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--skip-app", action="store_true", help="no browser case")
    args = parser.parse_args(argv)
    results = [cli_case(name, 3 if args.quick else 7) for name in CLI_CASES]
    if not args.skip_app:
        results.append(first_page_case(2 if args.quick else 3))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(
                f"{r['name']:<18} ours {r['ours_s']:6.2f} s  (range {r['ours_range_s'][0]:.2f}"
                f"–{r['ours_range_s'][1]:.2f})  baseline {r['baseline_s']:6.2f} s  "
                f"ratio {r['ratio']:5.2f}  {'met' if r['goal_met'] else 'NOT met'}: {r['goal']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
