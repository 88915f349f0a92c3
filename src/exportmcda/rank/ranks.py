"""Ranks from scores (1 = best): average, integer and shared ranks, tie groups, correlations.

Two conventions live here. :func:`ranks_batch`/:func:`ranks_from_scores` give average
ranks (exact ties share the mean position), for the statistics (Kendall, SMAA). For people,
:func:`rank_with_ties` gives, from one tie rule, a unique integer rank 1..N, the shared
(competition, "1224") rank and the tie groups:

* scores that agree to within :data:`TIE_TOLERANCE` (chained: sorted scores with gaps of
  at most the tolerance form one group) are *tied*;
* tied alternatives share the best of their positions (``shared``, shown "=2");
* the integer rank orders each tie group by a key, ascending (the identifier), so it does
  not depend on the order of the input rows.

The average-rank convention is pymcdm's ``helpers.rankdata``/``rrankdata``: exact ties get
the mean of the positions they occupy, so two alternatives tied for first both get 1.5. pymcdm
builds ranks with a Python ``Counter`` per vector; SMAA ranks tens of thousands of score vectors,
so :func:`ranks_batch` does it with one stable ``argsort`` per row and an inverse
permutation (no second sort).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import ConfigError, InputError

__all__ = [
    "TIE_TOLERANCE",
    "TieRanks",
    "descending_with_ties",
    "kendall_tau_b",
    "rank_with_ties",
    "ranks_batch",
    "ranks_from_scores",
    "tie_groups",
    "top_n_overlap",
]

TIE_TOLERANCE = 1e-12
"""Scores closer than this are tied. TOPSIS closeness lies in [0, 1] and is computed to about
1e-16; two technologies with the same criterion values get bit-identical scores, so 1e-12
only absorbs rounding noise, never a real difference a reader could see (scores are shown
to 3-6 decimals)."""

# Row chunk for the O(n^2) pair comparison in kendall_tau_b: bounds the temporary arrays
# to about 4 million elements (32 MB) whatever the number of alternatives.
_PAIR_BLOCK = 4_000_000


def ranks_batch(scores: ArrayLike, higher_is_better: bool = True) -> NDArray[np.float64]:
    """Average ranks of every row of a 2-D score array (row = one score vector).

    Parameters
    ----------
    scores : array_like, shape (n_vectors, n_alternatives)
        Finite scores.
    higher_is_better : bool
        ``True`` for TOPSIS closeness, WSM, PROMETHEE net flow; ``False`` for VIKOR Q and
        SPOTIS (see ``ranking.METHODS``).

    Returns
    -------
    ndarray of float, same shape
        Rank 1 = best; exact ties share the average of their positions (pymcdm
        ``rankdata`` convention).

    Notes
    -----
    After one stable ``argsort`` per row, a tie group occupies consecutive sorted positions
    ``s..e`` (0-based); each member gets ``(s + e) / 2 + 1``. Group starts and ends are
    propagated with cumulative max/min, and ranks are scattered back through the sort
    permutation (its inverse), so the cost is one sort per row.
    """
    values = np.asarray(scores, dtype=float)
    if values.ndim != 2:
        raise InputError.single(
            "ranking.scores_shape",
            f"scores must be 2-D (vectors x alternatives), got {values.shape}",
        )
    if not np.all(np.isfinite(values)):
        raise InputError.single("ranking.scores_not_finite", "scores contain NaN or infinity")
    n = values.shape[1]
    key = -values if higher_is_better else values
    order = np.argsort(key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    changes = ordered[:, 1:] != ordered[:, :-1]
    position = np.arange(n)
    first = np.ones((values.shape[0], 1), dtype=bool)
    starts = np.where(np.concatenate([first, changes], axis=1), position, 0)
    np.maximum.accumulate(starts, axis=1, out=starts)
    ends = np.where(np.concatenate([changes, first], axis=1), position, n - 1)
    ends = np.minimum.accumulate(ends[:, ::-1], axis=1)[:, ::-1]
    ranks = np.empty(values.shape, dtype=float)
    np.put_along_axis(ranks, order, (starts + ends) / 2.0 + 1.0, axis=1)
    return ranks


def ranks_from_scores(scores: ArrayLike, higher_is_better: bool = True) -> NDArray[np.float64]:
    """Average ranks (1 = best) of one score vector; equal to pymcdm ``rankdata``/``rrankdata``.

    Raises
    ------
    InputError
        If ``scores`` is not 1-D or holds NaN/infinity.
    """
    values = np.asarray(scores, dtype=float)
    if values.ndim != 1:
        raise InputError.single(
            "ranking.scores_shape", f"scores must be 1-D, got shape {values.shape}"
        )
    ranks: NDArray[np.float64] = ranks_batch(values[np.newaxis, :], higher_is_better)[0]
    return ranks


def kendall_tau_b(x: ArrayLike, y: ArrayLike) -> float:
    """Kendall's tau-b between two rankings (tie-corrected).

    ``tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))`` with ``n_0 = n(n-1)/2``,
    ``n_1``/``n_2`` the pairs tied in ``x``/``y`` (Kendall, M. G. (1945). The treatment of
    ties in ranking problems. *Biometrika* 33(3):239-251; Agresti, A. (2010). *Analysis of
    Ordinal Categorical Data*, 2nd ed., Wiley, section 7.1). Without ties it equals tau-a,
    which is what ``pymcdm.correlations.kendall_tau`` computes; tau-b is used because tied
    ranks (average ranks) are common in TOPSIS/VIKOR results. Returns NaN when either
    ranking is constant (tau-b undefined).
    """
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise InputError.single(
            "ranking.rank_shape", f"rankings must be 1-D of equal length, got {a.shape}, {b.shape}"
        )
    n = a.shape[0]
    block = max(1, _PAIR_BLOCK // max(n, 1))
    concordance = 0.0
    ties_a = 0.0
    ties_b = 0.0
    for lo in range(0, n, block):
        sa = np.sign(a[lo : lo + block, np.newaxis] - a[np.newaxis, :])
        sb = np.sign(b[lo : lo + block, np.newaxis] - b[np.newaxis, :])
        concordance += float(np.sum(sa * sb))
        ties_a += float(np.count_nonzero(sa == 0))
        ties_b += float(np.count_nonzero(sb == 0))
    # Every unordered pair was seen twice, the diagonal (n self-pairs) once as a tie.
    pairs = n * (n - 1) / 2.0
    n1 = (ties_a - n) / 2.0
    n2 = (ties_b - n) / 2.0
    denominator = np.sqrt((pairs - n1) * (pairs - n2))
    if denominator == 0:
        return float("nan")
    return float(concordance / 2.0 / denominator)


def top_n_overlap(ranks_a: ArrayLike, ranks_b: ArrayLike, n: int) -> float:
    """Share of alternatives that are in the top ``n`` of both rankings (0 to 1).

    Ties at the cut-off are broken by input order: a statistic between methods' rankings of
    the same rows. The shortlist people read is :meth:`TieRanks.top` (ties by key).
    """
    a = np.asarray(ranks_a, dtype=float)
    b = np.asarray(ranks_b, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise InputError.single(
            "ranking.rank_shape", f"rankings must be 1-D of equal length, got {a.shape}, {b.shape}"
        )
    if not 1 <= n <= a.shape[0]:
        raise ConfigError.single(  # a setting, like every other top-N check
            "ranking.top_n", f"top n must be between 1 and {a.shape[0]}, got {n}", value=n
        )
    top_a = set(np.argsort(a, kind="stable")[:n].tolist())
    top_b = set(np.argsort(b, kind="stable")[:n].tolist())
    return len(top_a & top_b) / n


def _score_vector(scores: ArrayLike) -> NDArray[np.float64]:
    values = np.asarray(scores, dtype=float)
    if values.ndim != 1:
        raise InputError.single(
            "ranking.scores_shape", f"scores must be 1-D, got shape {values.shape}"
        )
    if not np.all(np.isfinite(values)):
        raise InputError.single("ranking.scores_not_finite", "scores contain NaN or infinity")
    return values


def tie_groups(
    scores: ArrayLike, higher_is_better: bool = True, tol: float = TIE_TOLERANCE
) -> NDArray[np.intp]:
    """Tie group of each alternative: 0 = the best group, 1 = the next, ...

    Sorted best first, consecutive scores at most ``tol`` apart fall in one group (single
    linkage, so the groups partition the alternatives and "tied" is symmetric). The labels
    depend only on the multiset of scores, not on the order of the input.
    """
    values = _score_vector(scores)
    key = -values if higher_is_better else values
    order = np.argsort(key, kind="stable")
    gaps = np.diff(key[order]) > tol
    labels = np.empty(values.shape[0], dtype=np.intp)
    labels[order] = np.concatenate([[0], np.cumsum(gaps)]).astype(np.intp)
    return labels


def descending_with_ties(values: Sequence[float], tol: float = TIE_TOLERANCE) -> list[int]:
    """Indices from the largest value to the smallest, each tie group in index order.

    The tie rule of :func:`tie_groups` (chained: sorted values at most ``tol`` apart are
    tied), for a few values at a time: an explanation orders one technology's criteria with
    it, once per row of a ranking, where numpy's call overhead would triple the cost (4 vs
    14 µs on 16 values). Values tied in exact arithmetic differ by the last bit from one
    CPU's kernels to another's (AVX2, AVX-512); grouping them keeps the order, and the
    words chosen from it, the same on every machine.
    """
    listed = list(values)
    order = sorted(range(len(listed)), key=lambda j: -listed[j])
    group, previous, groups = 0, 0.0, [0] * len(listed)
    for position, j in enumerate(order):
        if position and previous - listed[j] > tol:
            group += 1
        groups[j], previous = group, listed[j]
    return sorted(order, key=lambda j: (groups[j], j))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class TieRanks:
    """Integer, shared and average ranks of one score vector, from one tie rule.

    All arrays are indexed like the input (alternative ``i``); ``order`` lists the
    alternatives best first (by ``ordinal``). Arrays are read-only. The members of a tie
    group sit next to each other in ``order`` (from position ``shared - 1``), so the
    questions about one alternative's ties look at its group only, not at all N
    alternatives (a full ranking of 10^6 asks them of every row).
    """

    ordinal: NDArray[np.int64]  # unique 1..N: tie groups in key order
    shared: NDArray[np.int64]  # competition rank: 1 + number strictly better ("1224")
    average: NDArray[np.float64]  # mean position of the tie group (pymcdm convention)
    groups: NDArray[np.intp]  # tie group label, 0 = best
    order: NDArray[np.intp]  # indices, best first
    _sizes: NDArray[np.intp] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        sizes = np.bincount(self.groups) if self.groups.size else np.zeros(0, np.intp)
        sizes.flags.writeable = False
        object.__setattr__(self, "_sizes", sizes)

    @property
    def tie_count(self) -> int:
        """Number of tie groups with more than one member."""
        return int(np.count_nonzero(self._sizes > 1))

    def _members(self, i: int) -> NDArray[np.intp]:
        """The tie group of alternative ``i``, in rank order (itself included)."""
        start = int(self.shared[i]) - 1
        return self.order[start:start + int(self._sizes[self.groups[i]])]

    def tied_with(self, i: int) -> tuple[int, ...]:
        """Indices tied with alternative ``i`` (itself excluded), in rank order."""
        members = self._members(i)
        if members.size == 1:
            return ()
        return tuple(int(j) for j in members if j != i)

    def top(self, n: int) -> tuple[int, ...]:
        """The first ``n`` alternatives by integer rank (the shortlist), best first."""
        return tuple(int(j) for j in self.order[: max(int(n), 0)])

    def cut_off_ties(self, n: int) -> tuple[int, ...]:
        """Alternatives left out of :meth:`top` although tied with one of its members.

        Empty when no tie group straddles the cut-off after position ``n``.
        """
        if n <= 0 or n >= len(self.order):
            return ()
        last = int(self.order[n - 1])
        end = int(self.shared[last]) - 1 + int(self._sizes[self.groups[last]])
        return tuple(int(j) for j in self.order[n:end])


def rank_with_ties(
    scores: ArrayLike,
    keys: Sequence[object] | None = None,
    higher_is_better: bool = True,
    tol: float = TIE_TOLERANCE,
) -> TieRanks:
    """Integer ranks 1..N with ties ordered by ``keys``, shared ranks and tie groups.

    Parameters
    ----------
    scores : array_like, 1-D
        Finite scores.
    keys : sequence, optional
        Tie-break key per alternative (its identifier); within a tie group the smaller key
        ranks first. Keys must be unique and mutually comparable for the ranks not to
        depend on the input order; without keys, input order breaks ties.
    higher_is_better : bool
        Direction of the scores.
    tol : float
        Scores at most this far apart (chained) are tied (:func:`tie_groups`).

    Raises
    ------
    InputError
        If ``scores`` is not 1-D, holds NaN/infinity, or ``keys`` has another length.
    """
    values = _score_vector(scores)
    n = values.shape[0]
    groups = tie_groups(values, higher_is_better, tol)
    position: list[object] | None = None if keys is None else list(keys)
    if position is not None and len(position) != n:
        raise InputError.single("ranking.rank_shape", f"{len(position)} keys for {n} scores")
    # Groups best first, members in input order; then each tie group (only those: most
    # alternatives are alone in theirs) sorted by key. The same order as sorting every
    # alternative by (group, key) -- Python's sort is stable -- in O(N log N) numpy.
    order = np.argsort(groups, kind="stable").astype(np.intp)
    sizes = np.bincount(groups) if n else np.zeros(0, dtype=np.intp)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)  # better members
    if position is not None:
        for group in np.flatnonzero(sizes > 1):
            a, b = int(starts[group]), int(starts[group] + sizes[group])
            order[a:b] = sorted(order[a:b].tolist(), key=position.__getitem__)
    ordinal = np.empty(n, dtype=np.int64)
    ordinal[order] = np.arange(1, n + 1)
    shared = (starts[groups] + 1).astype(np.int64)
    average = shared + (sizes[groups] - 1) / 2.0
    for array in (ordinal, shared, average, groups, order):
        array.flags.writeable = False
    return TieRanks(ordinal=ordinal, shared=shared, average=average, groups=groups, order=order)
