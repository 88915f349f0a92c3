"""Serve the app: Streamlit's own ``streamlit run``, with the app's imports done first.

    python -m ui.serve [app.py] [streamlit run options]      (scripts/app.sh runs this)

Why: a fresh server imports nothing of the app until the first visitor's script run, which
then spends about 0.75 s importing Altair, the charts, the pages' helpers and the library
(``bench/startup.py``, ``app-first-page``: the first page took 3.5 s against a 3 s goal).
Imported here, before the server opens its port and answers its health check, they are
already in ``sys.modules`` when the first run starts; every session shares them, as it
would after that first run. The same for the server-wide resource caches the first page
reads (:func:`ui.state.warm`: the sample, the targets, the criteria).

Then everything alive is **frozen** out of the garbage collector's reach (:func:`gc.freeze`).
Why: Streamlit runs a full collection after every script and fragment run
(``runner.postScriptGC``, ``gc.collect(2)`` in its ``ScriptRunner``). With the app's modules
imported, that collection walked ~140,000 objects in ~110 ms, one C call holding the GIL,
so the messages a run had just queued waited behind it, among them the end-of-run message
a page switch waits for (page switches 736 -> 595 ms, median of all pages, interleaved;
bench/README, "The collection after every run"). Those objects live as long as the server
(modules, the server-wide caches), so scanning them again after every run finds nothing;
after the freeze a collection scans what sessions made since (3-7 ms at start, 24-48 ms
with sessions' charts and caches), and still frees their garbage, which is why Streamlit's
collection stays on. (Python's documentation of :func:`gc.freeze`:
objects moved to the permanent generation are ignored by future collections.)
Nothing else changes: Streamlit's command line parses the rest.
"""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"

# What app.py and its first page (the overview) import; the other pages import on demand.
WARM_MODULES = (
    "altair",
    "exportmcda.charts.overview",
    "exportmcda.data.overview",
    "ui.components",
    "ui.sidebar",
    "ui.state",
    "ui.pages.overview",
)


def warm() -> None:
    """Import :data:`WARM_MODULES` and Streamlit's command line, fill the server-wide caches,
    then freeze what is alive (the module docstring says why)."""
    for name in WARM_MODULES:
        importlib.import_module(name)
    importlib.import_module("streamlit.web.cli")

    from ui import state

    state.warm()  # server-wide caches (st.cache_resource), shared by every session
    gc.collect()  # garbage made while importing is freed, not frozen
    gc.freeze()


def main(argv: list[str] | None = None) -> None:
    """:func:`warm`, then hand over to ``streamlit run`` (which exits)."""
    args = list(sys.argv[1:] if argv is None else argv)
    app = args.pop(0) if args and args[0].endswith(".py") else str(APP)
    warm()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", app, *args]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
