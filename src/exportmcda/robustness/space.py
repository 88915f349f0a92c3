"""The weights a robustness analysis varies, and how they reach the decision matrix.

A ministry argues about the *top-level* criteria ("policy fit matters more"), not about
the ten leaves. :class:`WeightSpace` holds the varied weights ``w`` (top-level criteria or
leaves), the matrix, the directions and a fixed map ``to_columns`` (d x m) with
``column weights = w @ to_columns``. For top-level criteria each row of the map holds the
leaves' *local* AHP weights inside that criterion, so a criterion's leaves keep their
proportions when its weight moves (the hierarchy composition of Saaty 1980, ch. 2). All
closeness values come from :func:`exportmcda.rank.fasttopsis.topsis_closeness` (Hwang & Yoon
1981 TOPSIS, equal to pymcdm's to 1e-12), many weight vectors per call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import ConfigError, JudgmentError
from exportmcda.rank.fasttopsis import topsis_closeness
from exportmcda.rank.inputs import DirectionLike, read_only, types_vector

__all__ = ["LEVELS", "WeightSpace", "competition_ranks", "shortlist_mask"]

FloatArray = NDArray[np.float64]

#: Which weights a robustness analysis varies.
LEVELS = ("criteria", "leaves")

# Rows of weight vectors per topsis_closeness call when only a few columns are kept.
_ROWS = 2_000


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class WeightSpace:
    """Varied weights (``names``, ``weights``) and the decision problem they act on.

    ``to_columns`` is (d, m) with non-negative rows summing to 1, so a weight vector on
    the simplex maps onto column weights on the simplex.
    """

    names: tuple[str, ...]
    weights: FloatArray
    to_columns: FloatArray
    matrix: FloatArray
    types: NDArray[np.int64]
    alternatives: tuple[str, ...]
    columns: tuple[str, ...]
    normalization: str = "vector"

    @classmethod
    def from_matrix(
        cls,
        matrix: ArrayLike,
        weights: ArrayLike,
        types: ArrayLike | Sequence[DirectionLike],
        *,
        alternatives: Sequence[str] | None = None,
        criteria: Sequence[str] | None = None,
        normalization: str = "vector",
    ) -> WeightSpace:
        """A space whose varied weights are the matrix columns themselves (identity map)."""
        x = np.asarray(matrix, dtype=float)
        names = tuple(criteria or (f"C{j + 1}" for j in range(x.shape[1])))
        alts = tuple(alternatives or (f"A{i + 1}" for i in range(x.shape[0])))
        return cls.grouped(
            x,
            weights,
            types,
            groups={c: (c,) for c in names},
            column_names=names,
            alternatives=alts,
            normalization=normalization,
        )

    @classmethod
    def grouped(
        cls,
        matrix: ArrayLike,
        weights: ArrayLike,
        types: ArrayLike | Sequence[DirectionLike],
        *,
        groups: dict[str, tuple[str, ...]],
        column_names: Sequence[str],
        alternatives: Sequence[str],
        normalization: str = "vector",
        local: ArrayLike | None = None,
    ) -> WeightSpace:
        """A space over groups of columns; ``local`` are column weights inside each group.

        ``weights`` are the groups' weights (summing to 1). ``local`` (length m) defaults to
        equal shares; a group whose local weights are all zero also gets equal shares.
        """
        x = np.asarray(matrix, dtype=float)
        cols = tuple(column_names)
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(groups),) or np.any(~np.isfinite(w)) or np.any(w < 0):
            raise JudgmentError.single(
                "sensitivity.weights",
                f"need {len(groups)} finite non-negative weights, got shape {w.shape}",
                field="weights",
            )
        if not np.isclose(w.sum(), 1.0, atol=1e-9):
            raise JudgmentError.single(
                "sensitivity.weights_sum",
                f"weights must sum to 1, got {w.sum()!r}",
                field="weights",
            )
        shares = np.ones(len(cols)) if local is None else np.asarray(local, dtype=float)
        to_columns = np.zeros((len(groups), len(cols)))
        for g, members in enumerate(groups.values()):
            idx = [cols.index(c) for c in members]
            part = shares[idx]
            total = part.sum()
            to_columns[g, idx] = part / total if total > 0 else 1.0 / len(idx)
        if np.any(to_columns.sum(axis=0) == 0):
            missing = [c for c, s in zip(cols, to_columns.sum(axis=0), strict=True) if s == 0]
            raise ConfigError.single(
                "sensitivity.unmapped_columns", f"columns in no group: {', '.join(missing)}"
            )
        signs = types_vector(types, list(cols))
        return cls(
            names=tuple(groups),
            weights=read_only(w),
            to_columns=read_only(to_columns),
            matrix=read_only(x),
            types=read_only(signs, dtype=np.int64),  # type: ignore[arg-type]
            alternatives=tuple(alternatives),
            columns=cols,
            normalization=normalization,
        )

    @property
    def n_alternatives(self) -> int:
        """Number of alternatives (matrix rows)."""
        return int(self.matrix.shape[0])

    def column_weights(self, weights: ArrayLike) -> FloatArray:
        """Column (leaf) weights for one (d,) or many (k, d) varied weight vectors."""
        out: FloatArray = np.asarray(weights, dtype=float) @ self.to_columns
        return out

    def closeness(self, weights: ArrayLike, matrix: ArrayLike | None = None) -> FloatArray:
        """TOPSIS closeness for (k, d) weights -> (k, n); a row of NaN (all tied) becomes 0.

        pymcdm gives 0/0 = NaN for an alternative only when it sits at both the ideal and
        the anti-ideal on every weighted column, i.e. when every weighted column is
        constant: then the whole row is NaN (checked on the first column) and all
        alternatives are indistinguishable; 0 for all of them ranks them all tied.
        """
        w = np.atleast_2d(np.asarray(weights, dtype=float))
        x = self.matrix if matrix is None else matrix
        c = topsis_closeness(x, self.column_weights(w), self.types, self.normalization)
        c[np.isnan(c[:, 0])] = 0.0
        return c

    def closeness_of(self, weights: ArrayLike, rows: Sequence[int]) -> FloatArray:
        """Closeness of the given alternatives only, (k, len(rows)), memory bounded in k."""
        w = np.atleast_2d(np.asarray(weights, dtype=float))
        out = np.empty((w.shape[0], len(rows)))
        for lo in range(0, w.shape[0], _ROWS):
            out[lo : lo + _ROWS] = self.closeness(w[lo : lo + _ROWS])[:, list(rows)]
        return out

    def index(self, alternative: str | int) -> int:
        """Row of an alternative given by name or 0-based index (ConfigError if unknown)."""
        if isinstance(alternative, int | np.integer):
            if 0 <= int(alternative) < self.n_alternatives:
                return int(alternative)
        elif alternative in self.alternatives:
            return self.alternatives.index(alternative)
        raise ConfigError.single(
            "sensitivity.unknown_alternative",
            "not an alternative of this ranking",
            value=str(alternative),
        )


def competition_ranks(scores: ArrayLike) -> NDArray[np.int64]:
    """1 + the number of strictly better alternatives, per row of (k, n) scores (higher better).

    Ties share the best of their positions ("1224" ranking), so a shortlist "rank <= N"
    keeps every alternative tied at the cut-off rather than cutting by input order.
    """
    s = np.atleast_2d(np.asarray(scores, dtype=float))
    ordered = np.sort(s, axis=1)
    n = s.shape[1]
    out = np.empty(s.shape, dtype=np.int64)
    for row in range(s.shape[0]):  # one binary search per row; k is a grid, not SMAA
        out[row] = n - np.searchsorted(ordered[row], s[row], side="right") + 1
    return out


def shortlist_mask(scores: ArrayLike, top_n: int) -> NDArray[np.bool_]:
    """Per row of (k, n) scores, the alternatives with competition rank <= ``top_n``.

    That is every alternative scoring at least the ``top_n``-th best score: ties at the
    cut-off are all in (the shortlist may be longer than ``top_n``, never arbitrary).
    """
    s = np.atleast_2d(np.asarray(scores, dtype=float))
    n = s.shape[1]
    k = min(max(int(top_n), 1), n)
    kth = np.partition(s, n - k, axis=1)[:, n - k]
    mask: NDArray[np.bool_] = s >= kth[:, np.newaxis]
    return mask
