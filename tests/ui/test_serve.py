"""ui.serve: the app's launcher (scripts/app.sh) hands its arguments to ``streamlit run``.

The browser tests start every server of app.py through it (tests/browser/conftest.py), so
the app as served is what they test; here only the hand-over is checked, without a server.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_arguments_reach_streamlit_run_after_the_warm_imports() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui.serve", "app.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: streamlit run [OPTIONS] [TARGET]")
    assert "Traceback" not in done.stderr


def test_the_warm_modules_are_the_app_s_own_imports() -> None:
    from ui import serve

    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "from ui import components, sidebar, state" in app
    assert "from ui.pages import overview" in app
    assert {"ui.components", "ui.sidebar", "ui.state", "ui.pages.overview"} <= set(
        serve.WARM_MODULES
    )


def test_what_the_warm_up_loaded_is_frozen_out_of_the_collections_after_each_run() -> None:
    """Streamlit collects garbage after every script and fragment run (gc.collect(2)); the
    modules and server-wide caches loaded before the server starts are frozen, so that
    collection no longer walks them (bench/README, "The collection after every run")."""
    probe = (
        "import gc\n"
        "from ui import serve\n"
        "assert gc.get_freeze_count() == 0\n"
        "serve.warm()\n"
        "frozen = gc.get_freeze_count()\n"
        "tracked = len(gc.get_objects())\n"
        "print(frozen, tracked)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    frozen, tracked = (int(n) for n in done.stdout.split())
    # Altair, pandas, Streamlit and the sample: over 100,000 objects; a collection now
    # walks only what was made after the warm-up, a small fraction of them
    assert frozen > 100_000
    assert tracked < frozen / 5
