"""One-at-a-time weight sensitivity: the weight intervals within which the shortlist holds.

Scheme (that of the ``topsis-sensitivity-tzeng-huang2011`` reference case in
``tests/fixtures/mcda-cases.json``): criterion k's weight is set to ``x`` and every other
weight is rescaled proportionally, ``w_j := w_j (1 - x) / (1 - w_k)``, so ratios between
the other criteria stay as the AHP gave them (the usual "gradient" sensitivity of Expert
Choice; Saaty & Vargas 2012, *Models, Methods, Concepts & Applications of the AHP*, ch. 4).
If all other weights are zero they share ``1 - x`` equally.

Every change is found, not only those a grid sees. Along the scheme the column weights are
affine in ``x`` (``w(x) = a + b x``) and non-negative, so the weighted ideal and anti-ideal
factor through them (:mod:`exportmcda.rank.fasttopsis`) and ``D+_i(x)^2``, ``D-_i(x)^2``
are quadratics in ``x``. Two alternatives tie, ``C_i = C_j``, exactly where
``D-_i^2 D+_j^2 - D-_j^2 D+_i^2`` (a quartic) vanishes, and a set changes only where one
of its members ties with another alternative. The crossing weights of every pair with a
member of any set seen (a fixpoint: an alternative that enters and leaves within one grid
step is added and its pairs solved too) split ``bounds`` into pieces on which every set is
constant; the sets are evaluated with the real closeness at a point inside each piece and
each change between neighbouring points is refined by bisection to ``tol`` (so rounding in
the roots never decides a set). Each interval then runs from the breakpoint below the
current weight to the one above, across pieces whose set equals the baseline set. Before
this (issue 9) two changes inside one grid step were seen as one: for the sample's IND
top 10 the firm-capacity interval started at 0.270039 instead of 0.271905.

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
from exportmcda.rank.fasttopsis import topsis_steps
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


def _distance_quadratics(space: WeightSpace, k: int) -> tuple[FloatArray, FloatArray]:
    """Coefficients (n, 3), lowest first, of ``D+_i(x)^2`` and ``D-_i(x)^2`` along criterion k.

    Column weights along the scheme are ``a + b x`` (``perturbed`` is affine on [0, 1]);
    with ``p_j``/``q_j`` the normalised columns' best/worst values,
    ``D+_i^2 = sum_j (a_j + b_j x)^2 (r_ij - p_j)^2`` (same for ``D-`` with ``q_j``).
    """
    ends = perturbed(space.weights, k, np.array([0.0, 1.0]))
    a, slope = space.column_weights(ends[0]), space.column_weights(ends[1] - ends[0])
    m = space.matrix.shape[1]
    r = topsis_steps(space.matrix, np.full(m, 1.0 / m), space.types, space.normalization)
    weights = np.column_stack([a * a, 2.0 * a * slope, slope * slope])  # (m, 3)
    to_best = np.square(r.normalized - r.normalized.max(axis=0))
    to_worst = np.square(r.normalized - r.normalized.min(axis=0))
    return to_best @ weights, to_worst @ weights


def _product(u: FloatArray, v: FloatArray) -> FloatArray:
    """Coefficients (k, 5) of the products of quadratics ``u`` and ``v`` (k, 3), lowest first."""
    out = np.zeros((u.shape[0], 5))
    for d in range(3):
        out[:, d : d + 3] += u[:, d : d + 1] * v
    return out


def _crossings(
    plus: FloatArray, minus: FloatArray, members: NDArray[np.intp], others: NDArray[np.intp],
    lo: float, hi: float,
) -> tuple[FloatArray, NDArray[np.intp], NDArray[np.intp]]:
    """Weights in (lo, hi) where a member's closeness may equal another alternative's.

    Roots of ``D-_i^2 D+_j^2 - D-_j^2 D+_i^2`` (degree <= 4) for i in ``members`` and j in
    ``others``, from the eigenvalues of companion matrices (all pairs at once), with the
    pair (i, j) of each root. Near-real roots count too: a spurious candidate only adds a
    point where the sets are evaluated. A pair of identical alternatives (the polynomial
    vanishes) never changes a set.
    """
    i, j = np.repeat(members, others.size), np.tile(others, members.size)
    keep = i != j
    i, j = i[keep], j[keep]
    left, right = _product(minus[i], plus[j]), _product(minus[j], plus[i])
    poly = left - right  # (pairs, 5), lowest degree first
    size = np.abs(poly).max(axis=1, initial=0.0)
    real = size > 1e-12 * np.maximum(np.abs(left).max(axis=1, initial=0.0),
                                     np.abs(right).max(axis=1, initial=0.0))
    poly, i, j, size = poly[real], i[real], j[real], size[real]
    xs, pi, pj = [np.empty(0)], [np.empty(0, dtype=np.intp)], [np.empty(0, dtype=np.intp)]
    lead = np.abs(poly[:, 4]) > 1e-9 * size
    if lead.any():
        monic = poly[lead, :4] / poly[lead, 4:5]
        companion = np.zeros((monic.shape[0], 4, 4))
        companion[:, 1:, :3] = np.eye(3)
        companion[:, :, 3] = -monic
        z = np.linalg.eigvals(companion)
        xs.append(z.real.ravel())
        pi.append(np.repeat(i[lead], 4))
        pj.append(np.repeat(j[lead], 4))
        near = np.abs(z.imag) <= 1e-6 * (1.0 + np.abs(z.real))
        xs[-1] = np.where(near.ravel(), xs[-1], np.nan)
    for row, a, b in zip(poly[~lead], i[~lead], j[~lead], strict=True):  # degree < 4: singly
        z = np.roots(np.trim_zeros(row[::-1], "f")).astype(complex)
        z = z[np.abs(z.imag) <= 1e-6 * (1.0 + np.abs(z.real))].real
        xs.append(z)
        pi.append(np.full(z.size, a))
        pj.append(np.full(z.size, b))
    x, ii, jj = np.concatenate(xs), np.concatenate(pi), np.concatenate(pj)
    inside = (x > lo) & (x < hi)
    return x[inside], ii[inside], jj[inside]


def _sample_points(
    space: WeightSpace, k: int, xs: FloatArray, top_n: int
) -> tuple[FloatArray, dict[str, NDArray[np.bool_]]]:
    """Points of [xs[0], xs[-1]] with at least one inside every piece of constant sets.

    Within grid step g a set changes only where a member ties with another alternative,
    and the members just before the first change are those of the set at ``xs[g]``; after
    it, those or alternatives that entered within the step (which are in the set at the
    point added after their entry). So, by induction over the changes of a step: the
    crossing weights of the pairs with an alternative in a set seen in that step (at its
    left end or at any point added inside it) cut the step, a point between every two
    cuts is added, and this repeats until no step sees a new alternative. Crossings
    within 1e-9 of the ends of ``bounds`` are ignored: at ``x = 1`` a single criterion is
    left and hundreds of alternatives can tie exactly, a change there is refined like any
    other but would make every one of them a member.
    """
    plus, minus = _distance_quadratics(space, k)
    lo, hi = float(xs[0]), float(xs[-1])
    n = space.n_alternatives
    solved = np.zeros(n, dtype=bool)
    relevant = np.zeros((xs.size - 1, n), dtype=bool)  # per grid step
    roots, pair_i, pair_j = np.empty(0), np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    points = np.empty(0)
    states = {kind: np.empty((0, n), dtype=bool) for kind in KINDS}
    wanted = xs
    while True:
        new_points = np.setdiff1d(wanted, points)
        if new_points.size:
            added = _states(space, perturbed(space.weights, k, new_points), top_n)
            points = np.concatenate([points, new_points])
            order = np.argsort(points, kind="stable")
            points = points[order]
            states = {kind: np.concatenate([states[kind], added[kind]])[order] for kind in KINDS}
        step = np.searchsorted(xs, points, side="right") - 1
        inside = step < xs.size - 1  # the point hi itself ends the last step
        seen = relevant.copy()
        # points are sorted, so each grid step's points are one run: OR them per run
        steps, first = np.unique(step[inside], return_index=True)
        if steps.size:
            seen[steps] |= np.logical_or.reduceat(states["top_n"][inside], first, axis=0)
        if np.array_equal(seen, relevant):
            return points, states
        relevant = seen
        new = np.flatnonzero(relevant.any(axis=0) & ~solved)
        if new.size:
            margin = 1e-9 * (hi - lo)
            x, a, b = _crossings(plus, minus, new, np.flatnonzero(~solved), lo + margin,
                                 hi - margin)
            solved[new] = True
            roots = np.concatenate([roots, x])
            pair_i, pair_j = np.concatenate([pair_i, a]), np.concatenate([pair_j, b])
        g = np.searchsorted(xs, roots, side="right") - 1
        cuts = roots[relevant[g, pair_i] | relevant[g, pair_j]]
        edges = np.unique(np.concatenate([xs, cuts]))
        wanted = np.unique(np.concatenate([edges, (edges[1:] + edges[:-1]) / 2.0]))


def _interval(
    points: FloatArray, same: NDArray[np.bool_], found: list[float], w0: float,
    bounds: tuple[float, float],
) -> tuple[float, float]:
    """The run of points whose set equals the baseline's around ``w0``, to its breakpoints.

    ``found[g]`` is the breakpoint between ``points[g]`` and ``points[g + 1]`` (NaN when
    the set does not change there). A current weight whose own set differs from its
    neighbours' (a tie at the baseline) gives the one-point interval ``(w0, w0)``.
    """
    g0 = int(np.searchsorted(points, w0))
    if g0 >= points.size or points[g0] != w0 or not same[g0]:
        return (w0, w0) if bounds[0] <= w0 <= bounds[1] else bounds
    g = g0
    while g > 0 and same[g - 1] and np.isnan(found[g - 1]):
        g -= 1
    lower = bounds[0] if g == 0 else float(found[g - 1])
    g = g0
    while g < points.size - 1 and same[g + 1] and np.isnan(found[g]):
        g += 1
    upper = bounds[1] if g == points.size - 1 else float(found[g])
    return lower, upper


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
        Grid points over ``bounds`` for the gradient chart (the current weight is added to
        the grid). Breakpoints do not depend on it: every crossing is solved for.
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
        rank_lines.append(ranks_batch(scores)[:, short_idx])
        grids.append(xs)
        points, states = _sample_points(space, k, xs, top_n)
        found: list[Breakpoint] = []
        intervals = {}
        for kind in KINDS:
            st = states[kind]
            change = np.flatnonzero(np.any(st[1:] != st[:-1], axis=1))
            lo, hi = _refine(space, k, points[change], points[change + 1], st[change], kind,
                             top_n, tol)
            at = (lo + hi) / 2.0
            for p, before_mask, after_mask in zip(at, st[change], st[change + 1], strict=True):
                found.append(
                    Breakpoint(
                        criterion=name,
                        kind=kind,
                        weight=float(p),
                        before=_names(space, before_mask),
                        after=_names(space, after_mask),
                    )
                )
            between = np.full(points.size - 1, np.nan)
            between[change] = at
            same = np.all(st == base[kind][0], axis=1)
            intervals[kind] = _interval(points, same, list(between), w0, (lo_b, hi_b))
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
