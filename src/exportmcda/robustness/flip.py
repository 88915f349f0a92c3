"""The smallest weight change that puts technology B above technology A.

Distances are measured in the varied weight space (top-level criteria or leaves), on the
simplex: L1 (default; twice the weight mass moved, Wolters, W. T. M. & Mareschal, B. (1995).
Novel types of sensitivity analysis for additive MCDM methods. *EJOR* 81(2):281-290, who
use it for the weighted sum) or L-infinity (the largest change of any one weight).

TOPSIS closeness is not linear in the weights, so the minimum is searched along candidate
directions ``d`` (``sum d = 0``): every pair transfer ``e_k - e_j`` (weight moved from j to
k), every one-at-a-time direction ``e_k - w`` (towards the vertex where criterion k has all
the weight, the others shrinking proportionally; these reach every vertex, so in the leaf
space a flip is always found when B is not dominated) and, for L-infinity, the balanced
direction ``+1`` on the half of the criteria where the gap ``C_B - C_A`` grows fastest and
``-1`` on the other half (the L-infinity optimum of a linear score). Each direction is
scanned on a grid up to the simplex boundary (all points in one 2-D TOPSIS call) and the
first crossing bisected to ``tol``; the smallest distance wins. For a linear score the L1
optimum is a single pair transfer unless it empties the source weight, so the answer is
exact when the optimum lies on a pair-transfer edge and an upper bound otherwise (the same
holds for L-infinity and the balanced direction while no weight reaches 0). A crossing
narrower than the grid step can be missed.

If A weakly dominates B (at least as good on every column after direction; see
:mod:`exportmcda.rank.dominance` for why weak, not strict), no weight vector puts
B strictly above A: with vector or min-max normalisation each column is normalised
independently of the weights and monotonically, so A is at least as close to the ideal and
at least as far from the anti-ideal as B on every column, for every weight vector.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from exportmcda.errors import ConfigError, Note
from exportmcda.rank.dominance import dominates
from exportmcda.robustness.space import WeightSpace

__all__ = ["NORMS", "FlipResult", "smallest_flip"]

FloatArray = NDArray[np.float64]

#: Distances between weight vectors.
NORMS = ("l1", "linf")


_EXACT_L1 = Note(code="flip_exact_l1")
"""How exact the distance is (the module docstring explains why)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class FlipResult:
    """Outcome of :func:`smallest_flip`.

    ``status``: ``"flip"`` (found: ``weights`` puts ``below`` strictly above ``above``),
    ``"dominated"`` (no weight vector does), ``"not_found"`` (none found along the searched
    directions) or ``"already"`` (``below`` is already at or above ``above``: distance 0).
    """

    above: str
    below: str
    status: str
    norm: str
    criteria: tuple[str, ...]
    current: FloatArray
    distance: float | None = None
    weights: FloatArray | None = None
    direction: str | None = None
    exact: Note = _EXACT_L1

    @property
    def message(self) -> str:
        """One sentence for the report."""
        if self.status == "dominated":
            return f"no weight vector puts {self.below} above {self.above}: it is dominated"
        if self.status == "not_found":
            return f"no weight change along the searched directions puts {self.below} above"
        if self.status == "already":
            return f"{self.below} already ranks at or above {self.above}"
        return (
            f"{self.below} moves above {self.above} at {self.norm} distance "
            f"{self.distance:.4g} ({self.direction})"
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "above": self.above,
            "below": self.below,
            "status": self.status,
            "norm": self.norm,
            "distance": self.distance,
            "direction": self.direction,
            "current": dict(zip(self.criteria, self.current.tolist(), strict=True)),
            "weights": None
            if self.weights is None
            else dict(zip(self.criteria, self.weights.tolist(), strict=True)),
            "message": self.message,
        }


def _gap(space: WeightSpace, w: FloatArray, a: int, b: int) -> FloatArray:
    c = space.closeness_of(w, [a, b])
    out: FloatArray = c[:, 1] - c[:, 0]
    return out


def _directions(
    space: WeightSpace, w: FloatArray, a: int, b: int, norm: str
) -> tuple[FloatArray, list[str]]:
    d = w.size
    dirs, names = [], []
    for j in range(d):
        for k in range(d):
            if j != k and w[j] > 0:
                v = np.zeros(d)
                v[j], v[k] = -1.0, 1.0
                dirs.append(v)
                names.append(f"move weight from {space.names[j]} to {space.names[k]}")
    for k in range(d):  # the one-at-a-time direction: towards the vertex e_k
        if w[k] < 1.0:
            v = -w.copy()
            v[k] += 1.0
            dirs.append(v)
            names.append(f"towards {space.names[k]} (others rescaled proportionally)")
    if norm == "linf" and d >= 2:
        h = 1e-6  # central differences of the gap along each coordinate, then rank them
        probe = np.vstack([w + h * np.eye(d), w - h * np.eye(d)])
        g = _gap(space, np.clip(probe, 0.0, None), a, b)
        slope = g[:d] - g[d:]
        ranked = np.argsort(-slope, kind="stable")
        v = np.zeros(d)
        v[ranked[: d // 2]] = 1.0
        v[ranked[d - d // 2 :]] = -1.0
        dirs.append(v)
        names.append("balanced: +s on " + ", ".join(space.names[i] for i in ranked[: d // 2]))
    return np.array(dirs).reshape(-1, d), names


def smallest_flip(
    space: WeightSpace,
    above: str | int,
    below: str | int,
    *,
    norm: str = "l1",
    steps: int = 64,
    tol: float = 1e-9,
) -> FlipResult:
    """The smallest change of ``space.weights`` that puts ``below`` strictly above ``above``.

    Returns the new weight vector at the crossing (within ``tol`` of the step where the
    two alternatives tie, on the side where ``below`` is strictly ahead) and its distance.
    """
    if norm not in NORMS:
        raise ConfigError.single(
            "sensitivity.norm", f"norm must be one of {NORMS}, got {norm!r}", value=norm
        )
    a, b = space.index(above), space.index(below)
    w = np.asarray(space.weights, dtype=float)
    base = FlipResult(
        above=space.alternatives[a],
        below=space.alternatives[b],
        status="not_found",
        norm=norm,
        criteria=space.names,
        current=w.copy(),
    )
    if a == b or _gap(space, w[np.newaxis, :], a, b)[0] >= 0:
        return replace(base, status="already", distance=0.0, weights=w.copy())
    if dominates(space.matrix[a], space.matrix[b], space.types, strict=False):
        return replace(base, status="dominated")
    dirs, names = _directions(space, w, a, b, norm)
    neg = np.where(dirs < 0, -dirs, 0.0)
    with np.errstate(divide="ignore"):
        s_max = np.min(np.where(neg > 0, w / np.where(neg > 0, neg, 1.0), np.inf), axis=1)
    fractions = np.arange(1, steps + 1) / steps
    s = s_max[:, np.newaxis] * fractions  # (P, T) step lengths
    points = w + s[:, :, np.newaxis] * dirs[:, np.newaxis, :]
    g = _gap(space, np.clip(points.reshape(-1, w.size), 0.0, None), a, b).reshape(s.shape)
    hit = g > 0
    found = np.flatnonzero(hit.any(axis=1))
    if found.size == 0:
        return base
    first = hit[found].argmax(axis=1)
    hi = s[found, first]
    lo = np.where(first > 0, s[found, np.maximum(first - 1, 0)], 0.0)
    while np.max(hi - lo) > tol:
        mid = (lo + hi) / 2.0
        pts = np.clip(w + mid[:, np.newaxis] * dirs[found], 0.0, None)
        ok = _gap(space, pts, a, b) > 0
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid)
    scale = np.abs(dirs[found]).sum(axis=1) if norm == "l1" else np.abs(dirs[found]).max(axis=1)
    dist = hi * scale
    best = int(np.argmin(dist))
    new = np.clip(w + hi[best] * dirs[found[best]], 0.0, None)
    new /= new.sum()
    change = np.abs(new - w)
    return replace(
        base,
        status="flip",
        distance=float(change.sum() if norm == "l1" else change.max()),
        weights=new,
        direction=names[int(found[best])],
    )
