"""Timing of the export-potential matrix (issue 10, part 4), and best markets of a sample.

    python bench/markets.py [--scenario NAME]

Prints, for the sample database and the 16 single-country targets: the time to prepare the
technology side once per country (scoring 1,044 technologies, the slow part), the time to
recompute the full 1,044 x 16 matrix from the prepared side (what a weight change costs:
16 TOPSIS re-rankings plus one batched market TOPSIS), the 21 x 16 field matrix, and one
technology's market ranking. Medians of 5 runs after a warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.model import markets as mk


def _median(call: Callable[[], Any], repeats: int = 5) -> float:
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="balanced")
    args = parser.parse_args()
    db, tree = em.load_sample(), em.load_criteria()
    scenario = em.load_scenario(args.scenario)
    countries, indicators = em.load_countries(), load_indicators()
    targets = mk.single_targets(countries, indicators)
    start = time.perf_counter()
    supply = mk.prepare_supply(db, tree, scenario, countries, targets)
    prepare_s = time.perf_counter() - start
    tech_s = _median(lambda: mk.export_potential(db, supply, indicators))
    field_s = _median(lambda: mk.export_potential(db, supply, indicators, by="field"))
    one_s = _median(lambda: mk.rank_markets(db, tree, scenario, countries, indicators,
                                            technology="T0004"))
    print(f"targets {len(targets)}, technologies {len(db.technologies)}")
    print(f"prepare supply once (16 countries)      {prepare_s:7.3f} s")
    print(f"matrix 1,044 x 16 from prepared supply  {tech_s:7.3f} s")
    print(f"matrix 21 fields x 16                   {field_s:7.3f} s")
    print(f"markets for one technology              {one_s:7.3f} s")


if __name__ == "__main__":
    main()
