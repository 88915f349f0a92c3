"""Vectorised TOPSIS for large matrices and for many weight vectors at once.

TOPSIS (Hwang, C. L. & Yoon, K. (1981). *Multiple Attribute Decision Making*, Springer,
pp. 128-140): normalise each column, multiply by the weights, take the per-column best
(ideal, PIS) and worst (anti-ideal, NIS), and score each alternative by its relative
closeness ``C = D- / (D- + D+)`` where ``D+``/``D-`` are Euclidean distances to PIS/NIS.

The arithmetic mirrors ``pymcdm.methods.TOPSIS._method`` (1.4.0) step for step, with
pymcdm's column normalisations (``pymcdm.normalizations.vector_normalization``: ``x/||x||``,
cost ``1 - x/||x||``; ``minmax_normalization``: ``(x-min)/(max-min)``, cost
``(max-x)/(max-min)``, a constant column becomes ones). For one weight vector only the
order of two summations differs (column norms are summed per chunk, row distances through
BLAS), so the closeness agrees with pymcdm's to a few ulps (0 to 2e-14 measured at
10^6 x 10; tests assert 1e-12). What differs is the cost: pymcdm's default validation
loops over every alternative in Python (about 9 s for 1,000,000 x 10), while this module
works in row chunks and never holds more than a chunk of temporaries.

Many weight vectors (SMAA) use that weights are non-negative, so the weighted ideal factors
through them: ``PIS_j = w_j * max_i r_ij`` for every weight vector, hence
``D+_i^2 = sum_j w_j^2 (r_ij - p_j)^2`` and the distances of all samples are one matrix
product ``(R - P)^2 @ (w^2)^T`` (same for ``D-`` with the column minima). Computing
``w (r - p)`` instead of pymcdm's ``w r - w p`` is, if anything, more accurate; the two
agree to about ``1e-16 * |r| / spread`` of a column, i.e. to 1e-12 unless a column's values
differ only in their last ~4 significant digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import ConfigError, InputError, JudgmentError
from exportmcda.rank.inputs import (
    DirectionLike,
    check_shape,
    check_weight_values,
    not_finite_error,
    types_vector,
)

__all__ = [
    "FAST_NORMALIZATIONS",
    "TopsisSteps",
    "TopsisTables",
    "topsis_closeness",
    "topsis_steps",
    "topsis_tables",
]

#: Normalisations implemented here exactly as pymcdm implements them.
FAST_NORMALIZATIONS = ("vector", "minmax")

# About 64k cells (512 KB) per chunk: fits in L2 cache, so each step of a chunk reuses hot
# memory, and the per-chunk overhead (a dozen NumPy calls) stays below 1% at 1e6 rows.
_CHUNK_CELLS = 1 << 16
# Samples x alternatives cells per chunk of weight vectors in the 2-D case (8 MB each).
_SAMPLE_CELLS = 1 << 20

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Columns:
    """Per-column constants that normalise any chunk of rows exactly as the whole column.

    Both pymcdm normalisations are written as ``((x - ref) * sign) / scale + offset``:
    vector ``x/||x||`` (ref 0, sign 1, offset 0) and cost ``1 - x/||x||`` (sign -1, offset
    1; negation is exact, so ``1 + (-q)`` is the same float as ``1 - q``); min-max
    ``(x - min)/(max - min)`` and cost ``(max - x)/(max - min)`` (ref max, sign -1, since
    ``-(x - max)`` is exactly ``max - x``); a constant column gets offset 1 so it becomes
    ones, as in pymcdm. Arrays are (n_criteria,) or pre-tiled to a chunk's shape so every
    step is a contiguous same-shape operation (broadcasting over a 10-wide last axis is
    several times slower in NumPy).
    """

    ref: FloatArray
    sign: FloatArray
    scale: FloatArray
    offset: FloatArray

    def tiled(self, rows: int) -> _Columns:
        shape = (rows, self.ref.shape[-1])
        return _Columns(*(np.broadcast_to(a, shape).copy() for a in self.parameters()))

    def parameters(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        return self.ref, self.sign, self.scale, self.offset

    def head(self, rows: int) -> _Columns:
        return _Columns(*(a[:rows] if a.ndim == 2 else a for a in self.parameters()))


@dataclass(frozen=True, slots=True, kw_only=True)
class TopsisSteps:
    """Every intermediate of one TOPSIS run (pymcdm's ``_tables``, in the same order of steps)."""

    normalized: FloatArray
    weighted: FloatArray
    ideal: FloatArray
    anti_ideal: FloatArray
    d_plus: FloatArray
    d_minus: FloatArray
    closeness: FloatArray


def _column_stats(x: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Column minimum, maximum and sum of squares in one pass over row chunks.

    Each chunk is transposed (it fits in cache) so the reductions run over contiguous
    rows. The sum of squares is pairwise within a chunk and sequential over at most
    ``n / chunk`` partial sums, so its relative error stays near 1e-14 even at 10^6 rows.
    """
    n_crit = x.shape[1]
    low = np.full(n_crit, np.inf)
    high = np.full(n_crit, -np.inf)
    squares = np.zeros(n_crit)
    step = max(1, _CHUNK_CELLS // n_crit)
    for lo in range(0, x.shape[0], step):
        block = x[lo : lo + step].T.copy()
        np.minimum(low, block.min(axis=1), out=low)
        np.maximum(high, block.max(axis=1), out=high)
        np.square(block, out=block)
        squares += block.sum(axis=1)
    return low, high, squares


def _columns(
    x: FloatArray, types: NDArray[np.int64], normalization: str
) -> tuple[_Columns, FloatArray]:
    """Normalisation constants and the normalised matrix's (2, n_criteria) column extremes."""
    low, high, squares = _column_stats(x)
    # NaN propagates into min/max and an infinity shows up in one of them, so the column
    # extremes find a bad cell without another pass over the matrix.
    if not (np.isfinite(low).all() and np.isfinite(high).all()):
        raise not_finite_error(x)
    cost = types == -1
    sign = np.where(cost, -1.0, 1.0)
    if normalization == "vector":
        scale = np.sqrt(squares)
        bad = np.flatnonzero(~np.isfinite(scale) | (scale == 0))
        if bad.size:
            j = int(bad[0])
            raise InputError.single(
                "ranking.vector_norm",
                f"criterion {j + 1}: vector normalisation needs a column that is not all zero "
                f"and whose norm is finite (got norm {scale[j]!r})",
                field=f"C{j + 1}",
            )
        cols = _Columns(np.zeros_like(scale), sign, scale, np.where(cost, 1.0, 0.0))
    else:
        constant = low == high
        cols = _Columns(
            np.where(cost, high, low),
            sign,
            np.where(constant, 1.0, high - low),
            np.where(constant, 1.0, 0.0),
        )
    # Every step of the normalisation is monotone under correct rounding, so normalising a
    # column's min and max gives exactly the extremes of the normalised column.
    return cols, _normalize(np.vstack([low, high]), cols)


def _normalize(x: FloatArray, cols: _Columns) -> FloatArray:
    """Normalise rows ``x``: ``((x - ref) * sign) / scale + offset``, one new array."""
    out = x - cols.ref
    out *= cols.sign
    out /= cols.scale
    out += cols.offset
    return out


def _prepare(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike | list[DirectionLike],
    normalization: str,
) -> tuple[FloatArray, FloatArray, _Columns, FloatArray, FloatArray]:
    if normalization not in FAST_NORMALIZATIONS:
        raise ConfigError.single(
            "ranking.fast_normalization",
            f"fast TOPSIS supports normalization {FAST_NORMALIZATIONS}, got {normalization!r}",
            value=normalization,
        )
    x = np.asarray(matrix, dtype=float)
    criteria = [f"C{j + 1}" for j in range(check_shape(x)[1])]
    w = np.asarray(weights, dtype=float)
    check_weight_values(w, criteria)
    signs = types_vector(types, criteria)
    cols, ends = _columns(x, signs, normalization)
    return x, w, cols, ends.max(axis=0), ends.min(axis=0)


def topsis_closeness(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike | list[DirectionLike],
    normalization: str = "vector",
) -> FloatArray:
    """TOPSIS relative closeness for one weight vector or for many at once.

    Parameters
    ----------
    matrix : array_like, shape (n_alternatives, n_criteria)
        Finite decision matrix (not copied if already float64).
    weights : array_like, shape (n_criteria,) or (n_samples, n_criteria)
        Non-negative weights. Closeness is invariant to rescaling a weight vector, so they
        need not sum to 1 here (``ranking.rank_matrix`` insists that they do).
    types : array_like
        Criterion directions: pymcdm's ±1 or any ``Direction`` alias.
    normalization : {"vector", "minmax"}
        ``"vector"`` (Hwang & Yoon 1981, exportmcda's default) or pymcdm's default min-max.

    Returns
    -------
    ndarray
        Shape (n_alternatives,) for 1-D weights, (n_samples, n_alternatives) for 2-D;
        higher is better. NaN where an alternative is at both PIS and NIS (every weighted
        column constant), as in pymcdm (0/0).
    """
    x, w, cols, best, worst = _prepare(matrix, weights, types, normalization)
    if w.ndim == 2:
        return _closeness_many(x, w, cols, best, worst)
    n_alt, n_crit = x.shape
    step = min(n_alt, max(1, _CHUNK_CELLS // n_crit))
    # Constants tiled once to a chunk's shape: (ref, sign, scale, offset, w, PIS, NIS).
    chunk, w_t, ideal_t, anti_t = cols, w, best * w, worst * w
    if step < n_alt:  # several chunks: pay the tiling once, then every step is same-shape
        chunk = cols.tiled(step)
        w_t, ideal_t, anti_t = (
            np.broadcast_to(a, (step, n_crit)).copy() for a in (w_t, ideal_t, anti_t)
        )
    ones = np.ones(n_crit)
    out = np.empty(n_alt)
    with np.errstate(invalid="ignore", divide="ignore"):
        for lo in range(0, n_alt, step):
            rows = min(step, n_alt - lo)
            v = _normalize(x[lo : lo + rows], chunk.head(rows))
            v *= w_t[:rows] if w_t.ndim == 2 else w_t
            ideal_c = ideal_t[:rows] if ideal_t.ndim == 2 else ideal_t
            anti_c = anti_t[:rows] if anti_t.ndim == 2 else anti_t
            d_plus, d_minus = _distances(v, ideal_c, anti_c, ones)
            d_plus += d_minus
            np.divide(d_minus, d_plus, out=out[lo : lo + rows])
    return out


def _distances(
    v: FloatArray, ideal: FloatArray, anti: FloatArray, ones: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Euclidean distances of the weighted rows ``v`` to PIS and NIS (pymcdm's D+ and D-).

    Row sums of the squared differences go through a matrix-vector product (BLAS) rather
    than ``sum(axis=1)``, which NumPy runs slowly over a short last axis; the terms are
    non-negative, so the changed summation order moves the result by at most a few ulps.
    """
    d = v - ideal
    np.square(d, out=d)
    d_plus = np.sqrt(d @ ones)
    np.subtract(v, anti, out=d)
    np.square(d, out=d)
    return d_plus, np.sqrt(d @ ones)


def _distances_in_place(
    x: FloatArray, cols: _Columns, w: FloatArray, ideal: FloatArray, anti: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """:func:`_distances` of the whole weighted matrix, with one matrix-sized buffer.

    The weighted matrix is computed, turned into its squared gaps to the PIS and summed,
    then computed again into the same buffer for the NIS: two matrices alive at once
    instead of three (x, the weighted matrix, the gaps: 72 MB each at 565,000 x 16,
    bench/README.md, memory at 10^6 rows, fifth pass). Every step is the same elementwise
    operation on the same layout, and the row sums the same BLAS product on an array of
    the same shape and order, so both distances are bit-identical to :func:`_distances`.
    """
    ones = np.ones(x.shape[1])
    buffer = _normalize(x, cols)
    sums: list[FloatArray] = []
    for target in (ideal, anti):
        if sums:  # the weighted matrix again, into the same buffer
            np.subtract(x, cols.ref, out=buffer)
            buffer *= cols.sign
            buffer /= cols.scale
            buffer += cols.offset
        buffer *= w
        buffer -= target
        np.square(buffer, out=buffer)
        sums.append(np.sqrt(buffer @ ones))
    return sums[0], sums[1]


def _closeness_many(
    x: FloatArray, w: FloatArray, cols: _Columns, best: FloatArray, worst: FloatArray
) -> FloatArray:
    r = _normalize(x, cols)
    to_ideal = np.square(r - best).T.copy()  # (m, n): (r_ij - p_j)^2
    to_anti = np.square(r - worst).T.copy()
    n_alt = x.shape[0]
    out = np.empty((w.shape[0], n_alt))
    step = max(1, _SAMPLE_CELLS // n_alt)
    with np.errstate(invalid="ignore", divide="ignore"):
        for lo in range(0, w.shape[0], step):
            w2 = np.square(w[lo : lo + step])
            d_plus = np.sqrt(w2 @ to_ideal)
            d_minus = np.sqrt(w2 @ to_anti)
            d_plus += d_minus
            np.divide(d_minus, d_plus, out=out[lo : lo + step])
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class TopsisTables:
    """One TOPSIS run's per-alternative results, with the normalised rows on demand.

    The normalised and weighted matrices are as large as the input (45 MB each for
    565,000 x 10) and an explanation reads a few rows of them, so they are not kept: any
    rows are recomputed from the input and the column constants with the same elementwise
    arithmetic (:func:`_normalize`, then ``* w``), hence bit-identical to the rows of the
    whole tables. The vectors are read-only.
    """

    matrix: FloatArray
    weights: FloatArray
    columns: _Columns
    ideal: FloatArray
    anti_ideal: FloatArray
    d_plus: FloatArray
    d_minus: FloatArray
    closeness: FloatArray

    def normalized_rows(self, rows: NDArray[np.intp] | None = None) -> FloatArray:
        """Normalised r_ij of ``rows`` (every row when ``None``), a new row-major array."""
        x = self.matrix if rows is None else self.matrix[rows]
        return _normalize(np.ascontiguousarray(x), self.columns)

    def weighted_rows(self, rows: NDArray[np.intp] | None = None) -> FloatArray:
        """Weighted normalised v_ij = w_j r_ij of ``rows`` (every row when ``None``)."""
        out = self.normalized_rows(rows)
        out *= self.weights
        return out


def topsis_tables(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike | list[DirectionLike],
    normalization: str = "vector",
    *,
    row_major: FloatArray | None = None,
) -> TopsisTables:
    """TOPSIS for one weight vector, keeping the per-alternative results (the engine's path).

    The distances are computed exactly as in :func:`topsis_steps` (one BLAS product over
    the whole weighted matrix, which is then freed: OpenBLAS's row sums depend on the
    rows' alignment, so distances of row chunks could differ from these in the last bit),
    and the matrix is referenced, not copied (pass a float64 array you will not modify).
    ``row_major`` (a C-contiguous copy of the same matrix, or None) is kept instead of it
    for recomputing rows, so a column-major input need not outlive the call.
    """
    x, w, cols, best, worst = _prepare(matrix, weights, types, normalization)
    if w.ndim != 1:
        raise JudgmentError.single(
            "ranking.weights_count", "topsis_steps takes one weight vector", field="weights"
        )
    ideal = best * w
    anti = worst * w
    d_plus, d_minus = _distances_in_place(x, cols, w, ideal, anti)
    with np.errstate(invalid="ignore", divide="ignore"):
        closeness = d_minus / (d_minus + d_plus)
    for array in (ideal, anti, d_plus, d_minus, closeness):
        array.flags.writeable = False
    return TopsisTables(
        matrix=x if row_major is None else row_major,
        weights=w,
        columns=cols,
        ideal=ideal,
        anti_ideal=anti,
        d_plus=d_plus,
        d_minus=d_minus,
        closeness=closeness,
    )


def topsis_steps(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike | list[DirectionLike],
    normalization: str = "vector",
) -> TopsisSteps:
    """TOPSIS with every intermediate table, for one weight vector (the "explain" view).

    Same arithmetic as :func:`topsis_closeness` and pymcdm's ``_method``, for matrices that
    fit in memory several times over (it keeps the normalised and weighted matrices).
    """
    tables = topsis_tables(matrix, weights, types, normalization)
    normalized = tables.normalized_rows()
    weighted = normalized * tables.weights
    for array in (normalized, weighted):
        array.flags.writeable = False
    return TopsisSteps(
        normalized=normalized,
        weighted=weighted,
        ideal=tables.ideal,
        anti_ideal=tables.anti_ideal,
        d_plus=tables.d_plus,
        d_minus=tables.d_minus,
        closeness=tables.closeness,
    )
