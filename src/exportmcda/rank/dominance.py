"""Dominance between alternatives, weak and strict, defined once for every analysis.

After each column is turned into "higher is better" by its direction (pymcdm's ±1
``types``), alternative *a* **weakly dominates** *b* when it is at least as good on every
criterion, and **strictly dominates** (Pareto-dominates) *b* when, in addition, it is better
on at least one (Hwang & Yoon 1981, *Multiple Attribute Decision Making*, §2.1, the
dominance screening of alternatives). Both are needed, for different questions:

* :func:`exportmcda.robustness.flip.smallest_flip` asks whether *any* weight vector can put
  *b* strictly above *a*. TOPSIS normalises each column independently of the weights and
  monotonically, so under weak dominance *a* is at least as close to the ideal and as far
  from the anti-ideal as *b* for every weight vector: no flip exists. Weak dominance is
  exactly the condition of that argument, so it uses ``strict=False`` (rows that tie,
  e.g. identical ones, are reported as already level before the test is reached).
* :func:`exportmcda.robustness.checks.rank_reversal` adds a copy of a *dominated*
  alternative, the classic rank-reversal test (García-Cascales & Lamata 2012): the copy
  must be really worse than some alternative, not a tie with a duplicate, so it uses
  :func:`dominated_rows`, i.e. ``strict=True``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["dominated_rows", "dominates"]

# Pairwise comparisons per block of dominated_rows (booleans, ~2 MB per temporary).
_BLOCK_CELLS = 2_000_000


def dominates(a: ArrayLike, b: ArrayLike, types: ArrayLike, *, strict: bool) -> bool:
    """Whether row ``a`` dominates row ``b`` given the directions ``types`` (±1 per column).

    ``strict=False``: at least as good on every criterion (weak dominance; identical rows
    dominate each other). ``strict=True``: that, and better on at least one (Pareto).
    """
    gap = (np.asarray(a, dtype=float) - np.asarray(b, dtype=float)) * np.asarray(types)
    weakly = bool(np.all(gap >= 0))
    return weakly and bool(np.any(gap > 0)) if strict else weakly


def dominated_rows(matrix: ArrayLike, types: ArrayLike) -> NDArray[np.bool_]:
    """Rows strictly dominated by another row (``dominates(other, row, strict=True)``).

    Vectorised over all pairs in blocks of rows, so memory stays bounded for large pools.
    """
    v = np.asarray(matrix, dtype=float) * np.asarray(types)
    out = np.zeros(v.shape[0], dtype=bool)
    block = max(1, _BLOCK_CELLS // max(v.size, 1))
    for lo in range(0, v.shape[0], block):
        rows = v[lo : lo + block, np.newaxis, :]
        ge = np.all(v[np.newaxis, :, :] >= rows, axis=2)
        gt = np.any(v[np.newaxis, :, :] > rows, axis=2)
        out[lo : lo + block] = np.any(ge & gt, axis=1)
    return out
