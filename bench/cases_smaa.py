"""Benchmark cases: SMAA-2 over the sample database, ours vs pymcdm TOPSIS once per sample.

    python bench/cases_smaa.py [--quick] [--live]

``smaa_case(quick)`` returns one result dict in ``bench/run.py``'s format (``name``, ``n``,
``ours_s``, ``baseline_s``, ``ratio`` = baseline_s / ours_s, ...). To register it there:
``@case("smaa-10k-1044")`` on ``lambda s: smaa_case(s.quick)`` (minus the ``name`` key).

Ours: ``robustness.smaa.smaa`` with 10,000 weight vectors uniform on the simplex of the 10
leaf criteria, 1,044 technologies (closeness of a whole chunk of samples through the 2-D
``fasttopsis.topsis_closeness``, ranks by one integer sort per sample, counts by
``bincount``). Baseline: what a user would write with pymcdm 1.4.0, one
``TOPSIS(vector_normalization)(matrix, w, types)`` call plus ``rankdata`` per sample and a
count per rank. The baseline is timed on a few hundred samples and extrapolated linearly
to 10,000 (its cost per sample is constant); the dict says so.

``smaa_live_case(quick)`` (``--live``, run.py's ``smaa-live-2k``) times what the Sensitivity
page runs after a slider move (issue 11, item 4; goal: 2,000 samples in <= 300 ms):
``model.robustness.acceptability(selection, samples=2_000)``, i.e. 2,000 weight vectors
drawn around the current weights of the 6 top-level criteria (Dirichlet, kappa 50), mapped
to the 16 leaf columns, over 1,044 technologies. Baseline in the same run: pymcdm 1.4.0
TOPSIS once per sample on the same column weights (the engine's single ranking x 2,000),
extrapolated from a few hundred samples as above.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import tracemalloc
import warnings
from typing import Any

import numpy as np
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

import exportmcda as em
from exportmcda.model.robustness import acceptability, weight_space
from exportmcda.robustness.sampling import WeightModel
from exportmcda.robustness.smaa import smaa
from exportmcda.robustness.space import WeightSpace

SAMPLES = 10_000
LIVE_SAMPLES = 2_000
LIVE_GOAL_S = 0.3


def _selection() -> em.Selection:
    return em.select(
        em.load_sample(), em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND")
    )


def _space() -> tuple[WeightSpace, str]:
    data = "sample database criteria matrix (scenario 'balanced', country IND), leaf weights"
    return weight_space(_selection(), "leaves"), data


def _baseline(space: WeightSpace, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pymcdm TOPSIS + rankdata once per sample, counting ranks; returns closeness, counts."""
    body = TOPSIS(normalizations.vector_normalization)
    x, types = np.asarray(space.matrix), np.asarray(space.types)
    n = x.shape[0]
    counts = np.zeros((n, n))
    closeness = np.empty((weights.shape[0], n))
    with warnings.catch_warnings():  # its dominance warnings are not what we time
        warnings.simplefilter("ignore")
        for s, w in enumerate(weights):
            c = body(x, w, types)
            ranks = body.rank(c)
            counts[np.arange(n), np.floor(ranks).astype(int) - 1] += 1
            closeness[s] = c
    return closeness, counts


def smaa_case(quick: bool) -> dict[str, Any]:
    """Time SMAA-2 (10,000 samples x 1,044 x 10) against pymcdm per sample."""
    space, data = _space()
    repeats = 2 if quick else 5
    base_samples = 100 if quick else 300
    smaa(space, samples=SAMPLES, seed=0)  # warm-up
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        smaa(space, samples=SAMPLES, seed=0)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    ours_s = statistics.median(times)
    weights = WeightModel.uniform(len(space.names)).stream(np.random.default_rng(0))
    w = weights.take(base_samples)
    start = time.perf_counter()
    base_closeness, _ = _baseline(space, w)
    measured = time.perf_counter() - start
    baseline_s = measured * SAMPLES / base_samples
    tracemalloc.start()
    try:
        smaa(space, samples=SAMPLES, seed=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    diff = float(np.max(np.abs(space.closeness(w) - base_closeness)))
    return {
        "name": "smaa-10k-1044",
        "n": SAMPLES,
        "alternatives": space.n_alternatives,
        "criteria": len(space.names),
        "data": data,
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        # CPU time of this process: equals one core's time when BLAS runs one thread
        # (OPENBLAS_NUM_THREADS=1), and is less disturbed than wall time on a busy machine.
        "ours_cpu_s": statistics.median(cpu),
        "ours": "exportmcda.robustness.smaa.smaa(space, samples=10_000, seed=0), chunks of 2,000",
        "baseline": "pymcdm 1.4.0 TOPSIS(vector_normalization)(m, w, t) + rank() per sample",
        "baseline_measured_samples": base_samples,
        "baseline_measured_s": measured,
        "baseline_extrapolated": True,
        "max_abs_diff": diff,
        "peak_mb": peak / 1e6,
        "goal": "ours_s < 0.5 s, max_abs_diff <= 1e-12",
        "goal_met": bool(ours_s < 0.5 and diff <= 1e-12),
    }


def smaa_live_case(quick: bool) -> dict[str, Any]:
    """Time the Sensitivity page's SMAA-2 (2,000 samples) against pymcdm per sample."""
    selection = _selection()
    space = weight_space(selection)
    repeats = 3 if quick else 9
    base_samples = 100 if quick else 300

    def ours() -> None:
        acceptability(selection, samples=LIVE_SAMPLES, seed=0)

    ours()  # warm-up
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        ours()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    ours_s = statistics.median(times)
    model = WeightModel.around(space.weights, 50.0)
    w = model.stream(np.random.default_rng(0)).take(base_samples)
    start = time.perf_counter()
    base_closeness, _ = _baseline(space, w @ space.to_columns)
    measured = time.perf_counter() - start
    baseline_s = measured * LIVE_SAMPLES / base_samples
    diff = float(np.max(np.abs(space.closeness(w) - base_closeness)))
    return {
        "name": "smaa-live-2k",
        "n": LIVE_SAMPLES,
        "alternatives": space.n_alternatives,
        "criteria": len(space.names),
        "columns": space.matrix.shape[1],
        "data": "sample database (scenario 'balanced', country IND), top-level criteria "
        "weights around the current ones (Dirichlet, kappa 50): the Sensitivity page's run",
        "ours_s": ours_s,
        "ours_min_s": min(times),
        "ours_cpu_s": statistics.median(cpu),
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        "ours": "exportmcda.model.robustness.acceptability(selection, samples=2_000, seed=0)",
        "baseline": "pymcdm 1.4.0 TOPSIS(vector_normalization)(m, w @ to_columns, t) + rank() "
        "per sample",
        "baseline_measured_samples": base_samples,
        "baseline_measured_s": measured,
        "baseline_extrapolated": True,
        "max_abs_diff": diff,
        # wall time on a machine shared by other processes: the 1-minute load average says
        # how shared (on 2 cores, 2.0 is full); ours_cpu_s is this process's own time
        "load_average_1min": os.getloadavg()[0],
        "goal": f"ours_s <= {LIVE_GOAL_S} s, max_abs_diff <= 1e-12",
        "goal_met": bool(ours_s <= LIVE_GOAL_S and diff <= 1e-12),
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    result = (smaa_live_case if "--live" in args else smaa_case)("--quick" in args)
    for key, value in result.items():
        sys.stdout.write(f"{key:>26}: {value}\n")
