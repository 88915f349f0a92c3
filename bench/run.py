"""exportmcda benchmarks: ours vs a named baseline, measured in the same run.

    python bench/run.py [--quick] [--json] [--case NAME ...]

Prints ``{"cases": [{"name", "n", "ours_s", "baseline_s", "ratio", ...}], "meta": {...}}``
with ``--json`` (``ratio = baseline_s / ours_s``: how many times faster we are), else a
table. Times are medians of repeated calls after one warm-up call. Add a case by
decorating a function with ``@case("name")``; it receives the ``Settings`` and returns
one result dict (use ``timed`` for the median).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pymcdm
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from exportmcda.rank.fasttopsis import topsis_closeness

Result = dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    quick: bool

    def repeats(self, full: int, quick: int) -> int:
        return quick if self.quick else full


CASES: dict[str, Callable[[Settings], Result]] = {}


def case(name: str) -> Callable[[Callable[[Settings], Result]], Callable[[Settings], Result]]:
    """Register a benchmark case under ``name`` (run in registration order)."""

    def register(func: Callable[[Settings], Result]) -> Callable[[Settings], Result]:
        CASES[name] = func
        return func

    return register


def timed(func: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls after one warm-up call (seconds)."""
    func()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(func: Callable[[], object]) -> int:
    """Peak memory traced by tracemalloc during one call (NumPy reports its buffers to it)."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def synthetic_problem(n: int, m: int = 10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Uniform(1, 100) matrix, alternating benefit/cost criteria, Dirichlet(1) weights."""
    rng = np.random.default_rng(20240601 + n)
    matrix = rng.uniform(1.0, 100.0, (n, m))
    types = np.where(np.arange(m) % 2 == 0, 1, -1)
    weights = rng.dirichlet(np.ones(m))
    return matrix, weights, types


def pymcdm_topsis(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, **kw: Any) -> Any:
    """The baseline exactly as a user calls it: TOPSIS(vector_normalization)(m, w, t)."""
    with warnings.catch_warnings():  # its dominance warnings are not what we time
        warnings.simplefilter("ignore")
        return TOPSIS(normalizations.vector_normalization)(matrix, weights, types, **kw)


def sample_problem() -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """The shipped sample database's 1,044 x 10 criteria matrix, weights and directions.

    Taken from ``exportmcda.select`` (balanced scenario, India) so the benchmark ranks the
    same matrix the app does; falls back to a synthetic 1,044 x 10 problem, and says so, if
    the sample or that API is unavailable.
    """
    try:
        import exportmcda as em

        selection = em.select(
            em.load_sample(),
            em.load_criteria(),
            em.load_scenario("balanced"),
            em.get_country("IND"),
        )
        r = selection.result
        return (
            np.array(r.matrix),
            np.array(r.weights),
            np.array(r.types),
            ("sample database criteria matrix (scenario 'balanced', country IND)"),
        )
    except Exception as exc:  # any failure: fall back, recorded in "data"
        matrix, weights, types = synthetic_problem(1044)
        return matrix, weights, types, f"synthetic (sample unavailable: {exc})"


def topsis_case(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray, str],
    settings: Settings,
    ours_reps: tuple[int, int],
    base_reps: tuple[int, int],
    goal: Callable[[Result], bool],
    goal_text: str,
) -> Result:
    matrix, weights, types, data = problem
    ours = topsis_closeness(matrix, weights, types, "vector")
    base = np.asarray(pymcdm_topsis(matrix, weights, types))
    ours_s = timed(
        lambda: topsis_closeness(matrix, weights, types, "vector"), settings.repeats(*ours_reps)
    )
    baseline_s = timed(lambda: pymcdm_topsis(matrix, weights, types), settings.repeats(*base_reps))
    no_validation_s = timed(
        lambda: pymcdm_topsis(matrix, weights, types, validation=False),
        settings.repeats(*base_reps),
    )
    ours_peak = peak_bytes(lambda: topsis_closeness(matrix, weights, types, "vector"))
    base_peak = peak_bytes(lambda: pymcdm_topsis(matrix, weights, types, validation=False))
    result: Result = {
        "n": matrix.shape[0],
        "criteria": matrix.shape[1],
        "data": data,
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        "ours": "exportmcda.rank.fasttopsis.topsis_closeness(matrix, weights, types, 'vector')",
        "baseline": "pymcdm 1.4.0 TOPSIS(normalizations.vector_normalization)(matrix, weights, "
        "types), default validation=True",
        "baseline_no_validation_s": no_validation_s,
        "ratio_no_validation": no_validation_s / ours_s,
        "max_abs_diff": float(np.max(np.abs(ours - base))),
        "input_mb": matrix.nbytes / 1e6,
        "peak_mem_ratio": ours_peak / matrix.nbytes,
        "baseline_peak_mem_ratio": base_peak / matrix.nbytes,
        "goal": goal_text,
    }
    result["goal_met"] = bool(goal(result))
    return result


@case("topsis-sample-1044")
def _sample(settings: Settings) -> Result:
    return topsis_case(
        sample_problem(),
        settings,
        (200, 50),
        (50, 10),
        lambda r: r["ours_s"] < 1e-3 and r["max_abs_diff"] <= 1e-12,
        "ours_s < 1 ms, max_abs_diff <= 1e-12",
    )


@case("topsis-100k")
def _100k(settings: Settings) -> Result:
    return topsis_case(
        (*synthetic_problem(100_000), "synthetic uniform(1, 100)"),
        settings,
        (15, 5),
        (5, 2),
        lambda r: r["ratio"] >= 10 and r["max_abs_diff"] <= 1e-12,
        "ratio >= 10, max_abs_diff <= 1e-12",
    )


@case("topsis-1m")
def _1m(settings: Settings) -> Result:
    return topsis_case(
        (*synthetic_problem(1_000_000), "synthetic uniform(1, 100)"),
        settings,
        (7, 3),
        (3, 1),
        lambda r: r["ratio"] >= 10 and r["max_abs_diff"] <= 1e-12 and r["peak_mem_ratio"] < 3,
        "ratio >= 10, max_abs_diff <= 1e-12, peak_mem_ratio < 3",
    )


@case("smaa-10k-1044")
def _smaa(settings: Settings) -> Result:
    """SMAA-2, 10,000 weight samples over the sample's 1,044 technologies (bench/cases_smaa.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases_smaa import smaa_case

    return {k: v for k, v in smaa_case(settings.quick).items() if k != "name"}


@case("smaa-live-2k")
def _smaa_live(settings: Settings) -> Result:
    """The Sensitivity page's SMAA-2 after a slider move: 2,000 samples (bench/cases_smaa.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases_smaa import smaa_live_case

    return {k: v for k, v in smaa_live_case(settings.quick).items() if k != "name"}


@case("shortlist-rules-1044")
def _shortlist(settings: Settings) -> Result:
    """The rule-bound shortlist, top 20, every rule kind, vs the ranking (bench/shortlist.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from shortlist import shortlist_case

    return {k: v for k, v in shortlist_case(settings.quick).items() if k != "name"}


def _startup() -> Any:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import startup

    return startup


def _unnamed(result: Result) -> Result:
    return {k: v for k, v in result.items() if k != "name"}


@case("startup-import")
def _startup_import(settings: Settings) -> Result:
    """``python -c "import exportmcda"`` vs ``import pandas, pymcdm`` (bench/startup.py)."""
    return _unnamed(_startup().cli_case("import-exportmcda", settings.repeats(7, 3)))


@case("startup-validate")
def _startup_validate(settings: Settings) -> Result:
    """``exportmcda validate data/examples/small_database.csv``, wall time of the process."""
    return _unnamed(_startup().cli_case("cli-validate", settings.repeats(7, 3)))


@case("startup-rank")
def _startup_rank(settings: Settings) -> Result:
    """``exportmcda rank --country IND --top 10``, wall time of the process."""
    return _unnamed(_startup().cli_case("cli-rank-top10", settings.repeats(7, 3)))


@case("app-first-page")
def _first_page(settings: Settings) -> Result:
    """Health check answered -> overview chart shown, vs a one-table Streamlit page."""
    return _unnamed(_startup().first_page_case(settings.repeats(3, 2)))


def meta(settings: Settings) -> Result:
    return {
        "quick": settings.quick,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pymcdm": getattr(pymcdm, "__version__", "1.4.0"),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def table(results: list[Result]) -> str:
    head = (
        f"{'case':<20} {'n':>9} {'ours ms':>10} {'baseline ms':>11} {'ratio':>7} "
        f"{'no-valid ratio':>14} {'max|diff|':>10} {'peak mem':>8}  goal"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r['name']:<20} {r['n']:>9,} {r['ours_s'] * 1e3:>10.3f} "
            f"{r['baseline_s'] * 1e3:>11.1f} {r['ratio']:>7.1f} "
            f"{r.get('ratio_no_validation', float('nan')):>14.1f} "
            f"{r.get('max_abs_diff', float('nan')):>10.1e} "
            f"{r.get('peak_mem_ratio', float('nan')):>7.2f}x  "
            f"{'met' if r.get('goal_met') else 'NOT met'}: {r.get('goal', '')}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, every size")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these")
    args = parser.parse_args(argv)
    settings = Settings(quick=args.quick)
    results = []
    for name, func in CASES.items():
        if args.case and name not in args.case:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results.append({"name": name, **func(settings)})
    if args.json:
        print(json.dumps({"cases": results, "meta": meta(settings)}, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
