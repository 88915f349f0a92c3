"""SMAA-2: how likely each technology is to take each rank when the weights are uncertain.

Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making. *Operations Research* 49(3):444-454. For weights drawn from a
:class:`~exportmcda.robustness.sampling.WeightModel` (and optionally noisy criterion values):

* rank acceptability ``b_i^r``: probability that alternative i gets rank r (eq. 6);
* top-N acceptability ``a_i^N = sum_{r <= N} b_i^r`` (the "holistic" N-acceptability);
* central weight vector ``w_i^c``: mean weight of the samples where i is ranked first (eq. 8);
* confidence factor ``p_i^c``: probability that i is ranked first when the weights equal
  ``w_i^c`` (eq. 9). Without value noise the ranking at ``w_i^c`` is deterministic, so
  ``p_i^c`` is 1 or 0 (or 1/k when k alternatives tie for first there).

Ties: a group of k alternatives tied over ranks ``s .. s+k-1`` gives each member 1/k of a
count at each of those ranks, i.e. the acceptability under uniformly random tie-breaking;
rows and columns of ``b`` still sum to 1 (average ranks would not fit a rank column).
Identical matrix rows always tie, so they are ranked once, with their multiplicity.

Value noise (optional) is multiplicative uniform: ``x_ij (1 + e_ij)``, ``e_ij ~ U(-p, p)``
independent per sample, alternative and criterion. With noise each sample has its own
matrix, so closeness is computed one sample at a time (about 100x slower).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from exportmcda.errors import ConfigError, Note
from exportmcda.robustness.sampling import WeightModel
from exportmcda.robustness.space import WeightSpace

__all__ = ["ProgressFn", "SmaaResult", "smaa"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SmaaResult:
    """SMAA-2 indices of one decision problem.

    ``acceptability[i, r - 1]`` is ``b_i^r``; ``central_weights[i]`` is in the varied weight
    space (``criteria``), NaN where ``b_i^1 = 0``; ``confidence[i]`` likewise NaN there.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    seed: int
    model: Note  # the weight model (labels.note_text renders it)
    noise: float
    acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray

    def top_n(self, n: int) -> FloatArray:
        """Top-``n`` acceptability of every alternative."""
        out: FloatArray = self.acceptability[:, :n].sum(axis=1)
        return out

    def rank_probabilities(self, i: int, k: int) -> dict[str, float]:
        """``{"1": b_i^1, ..., str(k): b_i^k, ">k": P(rank > k)}`` for one alternative."""
        row = self.acceptability[i]
        out = {str(r + 1): float(row[r]) for r in range(min(k, row.size))}
        out[f">{k}"] = float(max(0.0, 1.0 - row[:k].sum()))
        return out

    def table(self, top_n: int = 10) -> pd.DataFrame:
        """Alternatives by decreasing top-``top_n`` acceptability, with b^1 and confidence."""
        frame = pd.DataFrame(
            {
                "alternative": self.alternatives,
                "top_n": self.top_n(top_n),
                "first": self.acceptability[:, 0],
                "confidence": self.confidence,
            }
        )
        return frame.sort_values(["top_n", "first"], ascending=False, kind="stable")


@dataclass(slots=True)
class _Counts:
    """Running SMAA sums over representatives (distinct matrix rows)."""

    starts: IntArray  # (u, n): samples where the representative's block starts at rank s
    spread: FloatArray  # (u, n + 1): difference array for blocks merged by exact score ties
    first: FloatArray  # (u,): probability mass of being first (per member)
    central: FloatArray  # (u, d): weight mass of being first (per member)


def _sorted_desc(c: FloatArray) -> tuple[IntArray, IntArray]:
    """Per row, column indices by decreasing score and keys whose high bits are the scores.

    Scores are non-negative, so their IEEE-754 bit patterns sort as integers; the low
    ``b = bit_length(u - 1)`` mantissa bits are replaced by ``mask - column`` and the key
    bit-inverted, so one ascending integer sort per row (SIMD in NumPy >= 2, about 4x faster
    than ``argsort``) orders by decreasing score and the low bits of the sorted keys are
    the columns. Scores that agree in all but those ``b`` bits (relative difference below
    ``2**(b - 52)``, 5e-13 for 1,044 alternatives; the 2-D closeness is accurate to about
    1e-12 only) fall in one bucket and are treated as tied.
    """
    u = c.shape[1]
    b = max(1, int(u - 1).bit_length())
    mask = (1 << b) - 1
    key = np.ascontiguousarray(c, dtype=np.float64).view(np.int64) >> b
    key <<= b
    key |= mask - np.arange(u, dtype=np.int64)
    np.invert(key, out=key)
    key.sort(axis=1)
    order = key & mask
    key >>= b
    return order, key


def _accumulate(c: FloatArray, mult: IntArray, w: FloatArray, acc: _Counts, n: int) -> None:
    """Add one chunk of scores ``c`` (k, u) of representatives with multiplicities ``mult``."""
    k, u = c.shape
    order, ordered = _sorted_desc(c)
    if u == n:  # no duplicate rows: every block has size 1
        start = np.broadcast_to(np.arange(n), (k, n))
    else:
        start = np.cumsum(mult[order], axis=1)
        start -= mult[order]
    tied = ordered[:, 1:] == ordered[:, :-1]
    with_ties = tied.any(axis=1)
    if with_ties.any():  # rare: distinct rows with equal scores (e.g. zero weights)
        _accumulate_ties(
            order[with_ties], start[with_ties], tied[with_ties], mult, w[with_ties], acc, n
        )
        order, start, w = order[~with_ties], start[~with_ties], w[~with_ties]
    # Each representative is its own block: integer counts of block starts, exact.
    top = order[:, 0]
    index = order * n
    index += start
    acc.starts += np.bincount(index.ravel(), minlength=u * n).reshape(u, n)
    share = 1.0 / mult[top]
    np.add.at(acc.first, top, share)
    np.add.at(acc.central, top, w * share[:, np.newaxis])


def _accumulate_ties(
    order: IntArray,
    start: IntArray,
    tied: NDArray[np.bool_],
    mult: IntArray,
    w: FloatArray,
    acc: _Counts,
    n: int,
) -> None:
    """Rows with exact ties: merged blocks spread 1/K over their K ranks (difference array)."""
    k, u = order.shape
    size = mult[order]
    end = start + size
    new = np.ones((k, u), dtype=bool)
    new[:, 1:] = ~tied
    g_start = np.maximum.accumulate(np.where(new, start, 0), axis=1)
    last = np.ones((k, u), dtype=bool)
    last[:, :-1] = new[:, 1:]
    g_end = np.minimum.accumulate(np.where(last, end, n)[:, ::-1], axis=1)[:, ::-1]
    merged = (g_end - g_start) > size
    acc.starts += np.bincount((order * n + start)[~merged], minlength=u * n).reshape(u, n)
    rep = order[merged]
    share = 1.0 / (g_end - g_start)[merged]
    acc.spread += np.bincount(
        np.concatenate([rep * (n + 1) + g_start[merged], rep * (n + 1) + g_end[merged]]),
        weights=np.concatenate([share, -share]),
        minlength=u * (n + 1),
    ).reshape(u, n + 1)
    first_share = np.where(g_start == 0, 1.0 / (g_end - g_start), 0.0)
    per_rep = np.zeros((k, u))
    per_rep[np.arange(k)[:, np.newaxis], order] = first_share
    acc.first += per_rep.sum(axis=0)
    acc.central += per_rep.T @ w


def _representatives(x: FloatArray, dedupe: bool) -> tuple[IntArray, IntArray, IntArray]:
    """Distinct rows: (their first row index, multiplicity, representative of every row)."""
    if not dedupe:
        idx = np.arange(x.shape[0])
        return idx, np.ones_like(idx), idx
    _, first, inverse, counts = np.unique(
        x, axis=0, return_index=True, return_inverse=True, return_counts=True
    )
    # Number representatives in order of first occurrence (identity when rows are distinct).
    perm = np.argsort(first, kind="stable")
    label = np.empty_like(perm)
    label[perm] = np.arange(perm.size)
    rep_of = label[inverse.reshape(-1)]
    return (first[perm].astype(np.int64), counts[perm].astype(np.int64), rep_of.astype(np.int64))


def _finish(acc: _Counts, mult: IntArray, n: int) -> FloatArray:
    """Per-representative acceptability: box-spread block starts, plus merged-tie blocks."""
    u = mult.size
    if u == n and not acc.spread.any():
        # Distinct rows and no exact ties: every block is one alternative at one rank, so
        # the box spread below is the identity (cs[r] - cs[r-1] == starts[r-1], exact for
        # integer counts below 2**53) and the tie term is 0. Same floats, a third of the time.
        return acc.starts.astype(np.float64)
    cs = np.zeros((u, n + 1))
    np.cumsum(acc.starts, axis=1, out=cs[:, 1:])
    r = np.arange(1, n + 1)
    back = np.clip(r[np.newaxis, :] - mult[:, np.newaxis], 0, None)
    # ranks r (0-based r-1) receive the starts s with r - mult <= s <= r - 1
    box = (cs[:, 1:] - np.take_along_axis(cs, back, axis=1)) / mult[:, np.newaxis]
    out: FloatArray = box + np.cumsum(acc.spread, axis=1)[:, :n]
    return out


def smaa(
    space: WeightSpace,
    *,
    samples: int = 10_000,
    seed: int = 0,
    model: WeightModel | None = None,
    noise: float = 0.0,
    chunk: int = 2_000,
    progress: ProgressFn | None = None,
    confidence_samples: int = 1_000,
) -> SmaaResult:
    """SMAA-2 indices of TOPSIS over ``samples`` weight vectors (seeded, chunked).

    Parameters
    ----------
    space : WeightSpace
        Decision problem and varied weights; samples are drawn in this space and mapped to
        the matrix columns with ``space.to_columns``.
    samples, seed : int
        Monte-Carlo size and ``numpy.random.default_rng`` seed (weights, noise and the
        confidence samples use independent child streams, so results depend on ``seed``
        only, not on ``chunk``).
    model : WeightModel, optional
        Default: uniform on the simplex (SMAA-2's no-information case).
    noise : float
        Multiplicative uniform value noise ``p`` in [0, 1); 0 = exact criterion values.
    chunk : int
        Samples per chunk; memory is O(chunk x alternatives) whatever ``samples`` is.
    progress : callable(done, total), optional
        Called after each chunk.
    confidence_samples : int
        Noisy matrices per confidence factor (only with ``noise > 0``).
    """
    if samples < 1 or chunk < 1 or not 0.0 <= noise < 1.0:
        raise ConfigError.single(
            "smaa.settings",
            f"need samples >= 1, chunk >= 1 and 0 <= noise < 1; got {samples}, {chunk}, {noise}",
        )
    d = len(space.names)
    model = model or WeightModel.uniform(d)
    if model.dimension != d:
        raise ConfigError.single(
            "smaa.dimension", f"the weight model has {model.dimension} criteria, the space {d}"
        )
    weight_rng, noise_rng, confidence_rng = np.random.default_rng(seed).spawn(3)
    stream = model.stream(weight_rng)
    x = space.matrix
    n = x.shape[0]
    reps, mult, rep_of = _representatives(x, dedupe=noise == 0.0)
    u = reps.size
    acc = _Counts(
        starts=np.zeros((u, n), dtype=np.int64),
        spread=np.zeros((u, n + 1)),
        first=np.zeros(u),
        central=np.zeros((u, d)),
    )
    done = 0
    while done < samples:
        k = min(chunk, samples - done)
        w = stream.take(k)
        if noise == 0.0:
            c = space.closeness(w)
            c = c if u == n else c[:, reps]
        else:
            c = np.empty((k, n))
            for s in range(k):
                noisy = x * (1.0 + noise_rng.uniform(-noise, noise, x.shape))
                c[s] = space.closeness(w[s], noisy)[0]
        _accumulate(c, mult, w, acc, n)
        done += k
        if progress is not None:
            progress(done, samples)
    b = _finish(acc, mult, n) / samples
    with np.errstate(invalid="ignore", divide="ignore"):
        central = acc.central / acc.first[:, np.newaxis]
    central[acc.first == 0] = np.nan
    confidence = _confidence(space, central, reps, mult, noise, confidence_rng, confidence_samples)
    for array in (b, central, confidence):
        array.flags.writeable = False
    return SmaaResult(
        alternatives=space.alternatives,
        criteria=space.names,
        samples=samples,
        seed=seed,
        model=model.note(),
        noise=noise,
        acceptability=b[rep_of],
        central_weights=central[rep_of],
        confidence=confidence[rep_of],
    )


def _confidence(
    space: WeightSpace,
    central: FloatArray,
    reps: IntArray,
    mult: IntArray,
    noise: float,
    rng: np.random.Generator,
    draws: int,
) -> FloatArray:
    """Confidence factor of every representative with a central weight vector (eq. 9)."""
    out = np.full(reps.size, np.nan)
    who = np.flatnonzero(~np.isnan(central[:, 0]))
    if who.size == 0:
        return out
    x = space.matrix
    if noise == 0.0:
        c = space.closeness(central[who])[:, reps]
        best = c.max(axis=1, keepdims=True)
        at_top = c == best
        size = (at_top * mult).sum(axis=1)
        out[who] = np.where(at_top[np.arange(who.size), who], 1.0 / size, 0.0)
        return out
    hits = np.zeros(who.size)
    for _ in range(draws):
        noisy = x * (1.0 + rng.uniform(-noise, noise, x.shape))
        c = space.closeness(central[who], noisy)[:, reps]
        at_top = c == c.max(axis=1, keepdims=True)
        hits += np.where(at_top[np.arange(who.size), who], 1.0 / at_top.sum(axis=1), 0.0)
    out[who] = hits / draws
    return out
