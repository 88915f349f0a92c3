"""One-at-a-time weight sensitivity: the weight intervals within which the shortlist holds.

Scheme (that of the ``topsis-sensitivity-tzeng-huang2011`` reference case in
``tests/fixtures/mcda-cases.json``): criterion k's weight is set to ``x`` and every other
weight is rescaled proportionally, ``w_j := w_j (1 - x) / (1 - w_k)``, so ratios between
the other criteria stay as the AHP gave them (the usual "gradient" sensitivity of Expert
Choice; Saaty & Vargas 2012, *Models, Methods, Concepts & Applications of the AHP*, ch. 4).
If all other weights are zero they share ``1 - x`` equally.

Breakpoints are found on a dense grid (all grid points in one 2-D TOPSIS call) and each
change between neighbouring grid points is refined by bisection to ``tol``; a change that
happens and reverts between two grid points (narrower than the grid step) can be missed.
The shortlist is every alternative with competition rank <= N (ties at the cut-off all in,
see :func:`~exportmcda.robustness.space.shortlist_mask`); the top-1 is the set of
alternatives sharing the best score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import ConfigError
from exportmcda.rank.ranks import ranks_batch
from exportmcda.robustness.space import WeightSpace, shortlist_mask

__all__ = ["Breakpoint", "CriterionSensitivity", "OneAtATime", "one_at_a_time", "perturbed"]

FloatArray = NDArray[np.float64]
KINDS = ("top_1", "top_n")


@dataclass(frozen=True, slots=True, kw_only=True)
class Breakpoint:
    """A weight of one criterion at which the top-1 or the shortlist changes."""

    criterion: str
    kind: str  # "top_1" or "top_n"
    weight: float
    before: tuple[str, ...]  # the set just below ``weight``
    after: tuple[str, ...]  # the set just above

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "weight": self.weight,
            "before": list(self.before),
            "after": list(self.after),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionSensitivity:
    """Stability intervals of one criterion's weight (the tornado chart's bar)."""

    criterion: str
    current: float
    top_1: tuple[float, float]
    top_n: tuple[float, float]
    breakpoints: tuple[Breakpoint, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "current": self.current,
            "top_1": {"lo": self.top_1[0], "hi": self.top_1[1]},
            "top_n": {"lo": self.top_n[0], "hi": self.top_n[1]},
            "breakpoints": [b.as_dict() for b in self.breakpoints],
        }


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class OneAtATime:
    """One-at-a-time sensitivity of every varied criterion.

    ``ranks[k, g, s]`` is the (average) rank of shortlisted alternative ``s`` when
    criterion ``k`` has weight ``grid[k][g]`` (the gradient chart's lines).
    """

    top_n: int
    bounds: tuple[float, float]
    shortlist: tuple[str, ...]
    top_1: tuple[str, ...]
    criteria: tuple[CriterionSensitivity, ...]
    grid: tuple[FloatArray, ...]
    ranks: tuple[FloatArray, ...]
    scheme: str = "w_k := x; w_j := w_j (1 - x) / (1 - w_k) for j != k"

    def tornado(self) -> pd.DataFrame:
        """One row per criterion: current weight and the top-1 / shortlist intervals."""
        return pd.DataFrame(
            [
                {
                    "criterion": c.criterion,
                    "current": c.current,
                    "top_1_lo": c.top_1[0],
                    "top_1_hi": c.top_1[1],
                    "top_n_lo": c.top_n[0],
                    "top_n_hi": c.top_n[1],
                }
                for c in self.criteria
            ]
        )

    def gradient(self) -> pd.DataFrame:
        """Long table (criterion, weight, alternative, rank) for the gradient line chart."""
        frames = []
        for c, grid, ranks in zip(self.criteria, self.grid, self.ranks, strict=True):
            frames.append(
                pd.DataFrame(
                    {
                        "criterion": c.criterion,
                        "weight": np.repeat(grid, len(self.shortlist)),
                        "alternative": np.tile(np.array(self.shortlist, dtype=object), len(grid)),
                        "rank": ranks.ravel(),
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: per criterion intervals, breakpoints and gradient data."""
        out: dict[str, Any] = {
            "scheme": self.scheme,
            "bounds": list(self.bounds),
            "top_n": self.top_n,
            "shortlist": list(self.shortlist),
            "top_1": list(self.top_1),
            "criteria": {},
        }
        for c, grid, ranks in zip(self.criteria, self.grid, self.ranks, strict=True):
            entry = c.as_dict()
            entry["gradient"] = {
                "weights": grid.tolist(),
                "ranks": {a: ranks[:, s].tolist() for s, a in enumerate(self.shortlist)},
            }
            out["criteria"][c.criterion] = entry
        return out


def perturbed(weights: ArrayLike, k: int, x: ArrayLike) -> FloatArray:
    """Weight vectors (len(x), d) with ``w_k = x`` and the others rescaled to ``1 - x``.

    The one-at-a-time scheme of this module (``w_j := w_j (1 - x) / (1 - w_k)``) and the one
    place it is computed: the sensitivity grid, the flip search and the app's sliders
    (:func:`exportmcda.model.scenarios.rescale_weights`) all call it, so a slider move and
    a sensitivity interval mean the same thing. ``x`` is clipped to [0, 1] and a negative
    other weight counts as 0; if the others are all 0 they share ``1 - x`` equally; a
    single weight is always 1.
    """
    w = np.asarray(weights, dtype=float)
    xs = np.clip(np.asarray(x, dtype=float).reshape(-1), 0.0, 1.0)
    if w.size == 1:
        return np.ones((xs.size, 1))
    rest = np.maximum(np.delete(w, k), 0.0)
    total = rest.sum()
    share = rest / total if total > 0 else np.full(rest.size, 1.0 / rest.size)
    out = np.empty((xs.size, w.size))
    out[:, k] = xs
    out[:, np.arange(w.size) != k] = (1.0 - xs)[:, np.newaxis] * share
    return out


def _states(space: WeightSpace, w: FloatArray, top_n: int) -> dict[str, NDArray[np.bool_]]:
    c = space.closeness(w)
    return {"top_1": shortlist_mask(c, 1), "top_n": shortlist_mask(c, top_n)}


def _names(space: WeightSpace, mask: NDArray[np.bool_]) -> tuple[str, ...]:
    return tuple(space.alternatives[i] for i in np.flatnonzero(mask))


def _refine(
    space: WeightSpace,
    k: int,
    lo: FloatArray,
    hi: FloatArray,
    ref: NDArray[np.bool_],
    kind: str,
    top_n: int,
    tol: float,
) -> tuple[FloatArray, FloatArray]:
    """Bisect every bracket at once: state(lo) == ref, state(hi) != ref, until hi - lo < tol."""
    lo, hi = lo.copy(), hi.copy()
    while lo.size and np.max(hi - lo) > tol:
        mid = (lo + hi) / 2.0
        state = _states(space, perturbed(space.weights, k, mid), top_n)[kind]
        same = np.all(state == ref, axis=1)
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return lo, hi


def one_at_a_time(
    space: WeightSpace,
    *,
    top_n: int = 10,
    grid: int = 201,
    tol: float = 1e-6,
    bounds: tuple[float, float] = (0.0, 1.0),
) -> OneAtATime:
    """Weight intervals within which the top-1 and the top-``top_n`` shortlist stay the same.

    Parameters
    ----------
    space : WeightSpace
        The varied weights (e.g. ``model.robustness.weight_space(sel)``: top-level criteria).
    top_n : int
        Shortlist length (ties at the cut-off are all in).
    grid : int
        Grid points over ``bounds`` (the current weight is added to the grid).
    tol : float
        Bisection tolerance on each breakpoint's weight.
    bounds : (float, float)
        Scanned weight range, within [0, 1]. At 0 or 1 many alternatives can tie (only
        one criterion or none left); the reference case scans [0.001, 0.999].
    """
    lo_b, hi_b = float(bounds[0]), float(bounds[1])
    if not 0.0 <= lo_b < hi_b <= 1.0 or grid < 2 or top_n < 1:
        raise ConfigError.single(
            "sensitivity.oat_settings",
            f"need 0 <= lo < hi <= 1, grid >= 2 and top_n >= 1; got bounds {bounds}, "
            f"grid {grid}, top_n {top_n}",
        )
    base = _states(space, space.weights[np.newaxis, :], top_n)
    short_idx = np.flatnonzero(base["top_n"][0])
    short_idx = short_idx[np.argsort(-space.closeness(space.weights)[0][short_idx], kind="stable")]
    results, grids, rank_lines = [], [], []
    for k, name in enumerate(space.names):
        w0 = float(space.weights[k])
        xs = np.linspace(lo_b, hi_b, grid)
        if lo_b <= w0 <= hi_b:
            xs = np.unique(np.append(xs, w0))
        scores = space.closeness(perturbed(space.weights, k, xs))
        states = {"top_1": shortlist_mask(scores, 1), "top_n": shortlist_mask(scores, top_n)}
        rank_lines.append(ranks_batch(scores)[:, short_idx])
        grids.append(xs)
        found: list[Breakpoint] = []
        intervals = {}
        for kind in KINDS:
            st = states[kind]
            change = np.flatnonzero(np.any(st[1:] != st[:-1], axis=1))
            lo, hi = _refine(space, k, xs[change], xs[change + 1], st[change], kind, top_n, tol)
            after = _states(space, perturbed(space.weights, k, hi), top_n)[kind]
            points = (lo + hi) / 2.0
            for p, before_mask, after_mask in zip(points, st[change], after, strict=True):
                found.append(
                    Breakpoint(
                        criterion=name,
                        kind=kind,
                        weight=float(p),
                        before=_names(space, before_mask),
                        after=_names(space, after_mask),
                    )
                )
            below = points[points <= w0]
            above = points[points > w0]
            intervals[kind] = (
                float(below.max()) if below.size else lo_b,
                float(above.min()) if above.size else hi_b,
            )
        results.append(
            CriterionSensitivity(
                criterion=name,
                current=w0,
                top_1=intervals["top_1"],
                top_n=intervals["top_n"],
                breakpoints=tuple(sorted(found, key=lambda b: (b.kind, b.weight))),
            )
        )
    for array in (*grids, *rank_lines):
        array.flags.writeable = False
    return OneAtATime(
        top_n=top_n,
        bounds=(lo_b, hi_b),
        shortlist=tuple(space.alternatives[i] for i in short_idx),
        top_1=_names(space, base["top_1"][0]),
        criteria=tuple(results),
        grid=tuple(grids),
        ranks=tuple(rank_lines),
    )
