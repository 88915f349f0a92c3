"""Completion of missing pairwise judgments, and how much the weights depend on it.

Two completions of an incomplete (connected) comparison matrix, both returning the completed
matrix whose principal eigenvector gives the weights:

* ``bfr`` (the default): the completion that minimises lambda_max, Bozóki, S., Fülöp, J. &
  Rónyai, L. (2010), "On optimal completion of incomplete pairwise comparison matrices",
  Math. Comput. Modelling 52:318-333. lambda_max is a strictly convex function of the
  logarithms of the missing entries when the judgment graph is connected (their Theorem 2
  and section 4), so the minimiser is unique; it is found by the paper's cyclic coordinate
  algorithm (section 5): minimise over one log-entry at a time (a one-dimensional convex
  problem: bracketing, then regula falsi on the slope of lambda_max from its left and right
  eigenvectors, written here on numpy so the package needs no optimiser), cycle until no
  entry moves. This is the completion AHPy
  uses; it fills a gap with the value that makes the judgments most consistent, so the
  completed CR is the lowest any filling can give.
* ``harker``: Harker, P. T. (1987), "Incomplete pairwise comparisons in the analytic
  hierarchy process", Math. Modelling 9(11):837-848: the eigenvector of the matrix with
  missing entries 0 and 1 + (missing in row i) on the diagonal, each gap filled with
  ``w_i / w_j``. With many gaps it can fill a judgment far outside Saaty's scale (21.6 in
  the 8 x 8 case of ``tests/ahp/test_completion.py``), and the top element can change.

Either way a completed value outside 1/9 ... 9 is flagged, and
:func:`missing_dependence` says how far each weight moves when each missing judgment in
turn runs over Saaty's scale (the others kept at their completed values).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import numpy as np
from numpy.typing import NDArray

from exportmcda.errors import ConfigError, Issue, Note

__all__ = [
    "COMPLETIONS",
    "DEFAULT_COMPLETION",
    "SAATY_VALUES",
    "bfr_completion",
    "completion_name",
    "harker_completion",
    "llsm_weights",
    "missing_dependence",
    "off_scale_notes",
    "perron",
]

FloatArray = NDArray[np.float64]

COMPLETIONS: Final[Mapping[str, str]] = MappingProxyType({
    "bfr": "Bozóki, Fülöp & Rónyai (2010), minimal lambda_max",
    "harker": "Harker (1987)",
})
"""Completions of missing judgments (eigenvector method) and how notes cite them."""

DEFAULT_COMPLETION: Final = "bfr"

#: Saaty's scale and its reciprocals, 1/9 ... 9 (17 values).
SAATY_VALUES: Final = tuple(sorted({*(1.0 / k for k in range(1, 10)), *map(float, range(1, 10))}))


def completion_name(name: object, *, path: str | None = None, field: str | None = None) -> str:
    """The completion (a key of :data:`COMPLETIONS`) a name stands for, case-insensitively.

    Raises
    ------
    ConfigError
        ``unknown_completion``, naming the accepted names.
    """
    key = str(name).strip().lower()
    if key not in COMPLETIONS:
        raise ConfigError(Issue.of(
            "unknown_completion", f"unknown completion '{name}'; choose one of "
            f"{', '.join(COMPLETIONS)}", path=path, field=field, value=name))
    return key


def perron(matrix: FloatArray) -> tuple[float, FloatArray]:
    """Perron root and its normalised eigenvector (positive for an irreducible matrix)."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return float(values[k].real), vector / vector.sum()


def _lambda_max(matrix: FloatArray) -> float:
    return float(np.max(np.linalg.eigvals(matrix).real))


def harker_completion(matrix: FloatArray) -> FloatArray:
    """Harker's (1987) completion: gaps filled with ``w_i / w_j`` of his eigenvector."""
    missing = np.isnan(matrix)
    modified = np.where(missing, 0.0, matrix)
    modified[np.diag_indices_from(modified)] = 1.0 + missing.sum(axis=1)
    w = perron(modified)[1]
    return np.where(missing, np.outer(w, 1.0 / w), matrix)


def llsm_weights(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Logarithmic least squares over the known judgments (Bozóki, Fülöp & Rónyai 2010).

    Solves ``L y = r`` (L = Laplacian of the judgment graph, r_i = sum of ln a_ij over known
    j) with sum(y) = 0; for a complete matrix this is exactly the row geometric mean.
    """
    n = matrix.shape[0]
    known = ~np.isnan(matrix)
    np.fill_diagonal(known, False)
    logs = np.log(np.where(known, matrix, 1.0))
    laplacian = np.diag(known.sum(axis=1)) - known
    y = np.linalg.solve(laplacian + 1.0 / n, logs.sum(axis=1))
    w = np.exp(y - y.max())
    return np.asarray(w / w.sum(), dtype=np.float64)


def _slope(a: FloatArray, i: int, j: int) -> float:
    """Slope of lambda_max in t, where ``a_ij = e^t``, ``a_ji = e^-t`` (first order).

    ``v' (dA/dt) u / (v' u)`` with u, v the right and left Perron vectors (Wilkinson 1965,
    *The Algebraic Eigenvalue Problem*, ch. 2); exact to rounding, unlike a difference of
    lambda_max values, which is flat to sqrt(eps) at the minimum.
    """
    u, v = perron(a)[1], perron(a.T)[1]
    return float((v[i] * a[i, j] * u[j] - v[j] * a[j, i] * u[i]) / (v @ u))


def _line_minimum(a: FloatArray, i: int, j: int, t0: float, xtol: float = 1e-13) -> float:
    """The log-entry ``t`` of (i, j) minimising lambda_max, the others fixed (a is updated).

    lambda_max is convex in ``t``, so its slope is increasing: step from ``t0`` against the
    slope by doubling steps until the slope changes sign, then
    find its zero by regula falsi (Illinois variant).
    """

    def slope(t: float) -> float:
        a[i, j], a[j, i] = math.exp(t), math.exp(-t)
        return _slope(a, i, j)

    s0 = slope(t0)
    if s0 == 0.0:
        return t0
    direction = -1.0 if s0 > 0 else 1.0
    lo, step = t0, 0.1
    hi = t0 + direction * step
    while slope(hi) * s0 > 0:
        lo, step = hi, step * 2.0
        hi = t0 + direction * step
        if step > 100.0:  # e^100: the judgments leave this entry unbounded
            break
    lo, hi = min(lo, hi), max(lo, hi)
    s_lo, s_hi = slope(lo), slope(hi)
    side = 0
    for _ in range(200):  # Illinois regula falsi on the slope: superlinear, stays bracketed
        if hi - lo <= xtol * max(1.0, abs(lo)) or s_lo == s_hi:
            break
        mid = (lo * s_hi - hi * s_lo) / (s_hi - s_lo)
        s_mid = slope(mid)
        if s_mid == 0.0:
            lo = hi = mid
            break
        if (s_mid > 0) == (s_lo > 0):
            lo, s_lo = mid, s_mid
            s_hi, side = (s_hi / 2.0, 1) if side == 1 else (s_hi, 1)
        else:
            hi, s_hi = mid, s_mid
            s_lo, side = (s_lo / 2.0, -1) if side == -1 else (s_lo, -1)
    t = (lo + hi) / 2.0 if hi - lo <= xtol * max(1.0, abs(lo)) else (
        lo if abs(s_lo) < abs(s_hi) else hi)
    a[i, j], a[j, i] = math.exp(t), math.exp(-t)
    return t


def bfr_completion(
    matrix: FloatArray, *, tol: float = 1e-12, max_sweeps: int = 1_000
) -> FloatArray:
    """The completion minimising lambda_max (Bozóki, Fülöp & Rónyai 2010, cyclic coordinates).

    Starts from the logarithmic least squares completion; each sweep minimises lambda_max
    over one missing log-entry at a time (the reciprocal entry follows) until no entry
    moves by more than ``tol`` in a sweep (or after ``max_sweeps``).
    """
    a = np.array(matrix, dtype=np.float64)
    pairs = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(np.isnan(a), 1)), strict=True)]
    if not pairs:
        return a
    y = np.log(llsm_weights(a))
    logs = {(i, j): float(y[i] - y[j]) for i, j in pairs}
    for (i, j), t in logs.items():
        a[i, j], a[j, i] = math.exp(t), math.exp(-t)
    for _ in range(max_sweeps):
        moved = 0.0
        for i, j in pairs:
            t = _line_minimum(a, i, j, logs[(i, j)])
            moved = max(moved, abs(t - logs[(i, j)]))
            logs[(i, j)] = t
        if moved <= tol:
            break
    return a


def missing_dependence(
    completed: FloatArray, missing: NDArray[np.bool_]
) -> tuple[FloatArray, FloatArray]:
    """Lowest and highest eigenvector weight of each element over the missing judgments.

    Each missing judgment in turn is set to every value of :data:`SAATY_VALUES` (the other
    missing ones kept at their completed values, the known ones as given); returns the
    per-element minimum and maximum weight over all these matrices and the completed one.
    A sensitivity statement, not a bound over all joint fillings.
    """
    base = perron(completed)[1]
    low, high = base.copy(), base.copy()
    for i, j in zip(*np.nonzero(np.triu(missing, 1)), strict=True):
        trial = completed.copy()
        for value in SAATY_VALUES:
            trial[i, j], trial[j, i] = value, 1.0 / value
            w = perron(trial)[1]
            np.minimum(low, w, out=low)
            np.maximum(high, w, out=high)
    return low, high


def off_scale_notes(
    completed: NDArray[np.float64], estimated: tuple[tuple[str, str], ...], names: tuple[str, ...]
) -> list[Note]:
    """A note per completed judgment outside Saaty's 1/9 ... 9 (beyond rounding)."""
    notes = []
    for a, b in estimated:
        value = float(completed[names.index(a), names.index(b)])
        if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
            notes.append(Note.of("completed_off_scale", row=a, column=b,
                                 value=round(value, 3)))
    return notes
