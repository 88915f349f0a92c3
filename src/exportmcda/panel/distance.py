"""How far an expert is from the group: the mean log-judgment distance, and the outlier rule.

An expert's distance is the mean, over the pairs the expert judged, of ``|ln a_ij - ln g_ij|``:
the judgment against the group's (the aggregated judgment for AIJ, the ratio of the group's
weights ``g_ij = w_i / w_j`` for AIP). Logarithms because judgments are ratios (ln a_ij =
ln w_i - ln w_j + error, Crawford & Williams 1985, J. Math. Psychol. 29:387-405); the absolute
value is the L1 form of the log-deviation behind the geometric consistency index (Aguarón &
Moreno-Jiménez 2003, EJOR 147:137-145). ``exp(distance)`` reads as "on average a factor of ...
away from the group"; an expert beyond :data:`OUTLIER_FACTOR` is an outlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from numpy.typing import NDArray

from exportmcda.ahp.group import GroupResult

__all__ = ["OUTLIER_FACTOR", "group_reference", "log_distance"]

OUTLIER_FACTOR: Final = 2.0
"""An expert whose judgments differ from the group's by more than this factor on average
(``exp(distance) > 2``: e.g. 3 where the group says 6, or 1 where it says 2) is an outlier.
A stated convention, not a published threshold; the distances are reported so a facilitator
can apply another."""


def log_distance(
    judged: Sequence[NDArray[np.float64]], group: Sequence[NDArray[np.float64]]
) -> float | None:
    """Mean of |ln a_ij - ln g_ij| over the upper-triangle pairs the expert judged."""
    gaps: list[float] = []
    for a, g in zip(judged, group, strict=True):
        upper = np.triu(np.ones_like(a, dtype=bool), 1) & ~np.isnan(a) & ~np.isnan(g)
        gaps.extend(np.abs(np.log(a[upper]) - np.log(g[upper])).tolist())
    return float(np.mean(gaps)) if gaps else None


def group_reference(group: GroupResult, aggregation: str) -> NDArray[np.float64]:
    """The group's judgments an expert is compared with: the AIJ matrix, or w_i / w_j."""
    if aggregation == "aij" and group.combined is not None:
        return np.array(group.combined.matrix)
    w = np.array(group.weights)
    return np.asarray(w[:, None] / w[None, :], dtype=np.float64)
