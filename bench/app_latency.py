"""Browser latency of a weight change: slider key press → ranking table updated.

    python bench/app_latency.py [--moves 20]

Starts the app on a free port (as tests/browser does), opens the ranking page in Debian's
headless Chromium, focuses the "Firm capacity" weight slider and presses an arrow key
``--moves`` times (alternating right and left). For each move it records, in the page's
own clock (``performance.now()``), the time from the key press until the ranking table's
text differs from before the press (polled every animation frame), then waits for the
Streamlit status widget to settle. Also times, in this process, the part of a move that
is computation (``exportmcda.model.selection.rank_candidates`` on the cached ``prepare`` result,
as the app does). Prints
``{"name": "app-slider-latency", "n", "median_ms", "p90_ms", "max_ms", "misses",
"rank_median_ms", "samples_ms"}``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from conftest import free_port, launch, settle, start_server

# The ranking grid (st.dataframe, found by its "Technology ID" header): its DOM copy
# (textContent; the canvas shows the same) holds the columns in view, Rank to Region.
RESULT_TEXT = """() => [...document.querySelectorAll("[data-testid='stDataFrame']")]
  .map(e => e.textContent).filter(t => t.includes('Technology ID')).join('\\n')"""

CHANGED = (
    "(before) => { const text = (" + RESULT_TEXT + ")();"
    " return text !== before ? performance.now() : false; }"
)


def measure(moves: int) -> dict[str, object]:
    port = free_port()
    server = start_server(port)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/ranking")
            settle(page)
            thumb = (
                page.get_by_test_id("stSlider").filter(has_text="Firm capacity").first
                .get_by_role("slider")
            )
            thumb.focus()
            samples: list[float] = []
            misses = 0
            for i in range(moves + 2):  # two warm-up moves
                before = page.evaluate(RESULT_TEXT)
                start = page.evaluate("() => performance.now()")
                page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                try:
                    done = page.wait_for_function(
                        CHANGED, arg=before, polling="raf",
                        timeout=5000,
                    ).json_value()
                except Exception:  # no visible change within 5 s: counted, not timed
                    misses += 1
                    settle(page)
                    continue
                settle(page)
                if i >= 2:
                    samples.append(float(done) - float(start))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    ordered = sorted(samples)
    return {
        "name": "app-slider-latency",
        "n": len(samples),
        "median_ms": round(statistics.median(ordered), 1),
        "p90_ms": round(ordered[max(0, int(0.9 * len(ordered)) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
        "misses": misses,
        "samples_ms": [round(s, 1) for s in samples],
    }


def rank_median_ms(repeats: int = 20) -> float:
    """Median time of one re-ranking with new weights (the app's per-move computation)."""
    from exportmcda.data.countries import load_countries
    from exportmcda.data.io import load_sample
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import load_scenario, scenario_weights
    from exportmcda.model.selection import prepare, rank_candidates

    tree, scenario = load_criteria(), load_scenario("balanced")
    country = load_countries()["ASEAN"]
    weights = scenario_weights(scenario, tree)
    prepared = prepare(load_sample(), tree, country, "en")
    times = []
    for _ in range(repeats + 2):
        start = time.perf_counter()
        rank_candidates(prepared, scenario, country, weights)
        times.append(1000 * (time.perf_counter() - start))
    return round(statistics.median(times[2:]), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    result = measure(args.moves)
    samples = result.pop("samples_ms")
    print(json.dumps({**result, "rank_median_ms": rank_median_ms(), "samples_ms": samples}))


if __name__ == "__main__":
    main()
