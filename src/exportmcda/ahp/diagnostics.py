"""Which judgment to revisit when a comparison matrix is too inconsistent, and to what value.

A CR above the limit is only actionable if it says *which* judgment to reconsider. For each
judged pair (i, j) this module reports

* Saaty's deviation ``epsilon_ij = a_ij * w_j / w_i`` (Saaty 2003, "Decision-making with the
  AHP: Why is the principal eigenvector necessary", EJOR 145:85-91): 1 when the
  judgment agrees with the priorities, far from 1 when it pulls against them;
* the value the *other* judgments imply for the pair: the pair is treated as missing and
  completed from the rest (Harker 1987, Math. Modelling 9(11):837-848, for the eigenvector
  method; Bozóki, Fülöp & Rónyai 2010 for the geometric one), its nearest value on Saaty's
  scale, and the CR if the judgment were replaced by either. Ranking the judgments by the
  CR reached by modifying that single judgment is the one-element case of Bozóki, Fülöp &
  Poesz (2015), "On reducing inconsistency of pairwise comparison matrices below an
  acceptance threshold", CEJOR 23:849-866.

When one judgment of an otherwise consistent matrix (n >= 4) was mistyped, the top advice
names it and suggests exactly its consistent value. For n = 3 every pair lies on the only
cycle, so any one of them can restore consistency; the ranking then follows epsilon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from exportmcda.ahp.judgments import components, format_judgment, nearest_saaty, pair_name
from exportmcda.ahp.priorities import AhpResult, ahp

__all__ = ["JudgmentAdvice", "inconsistency_report", "judged_matrix"]


@dataclass(frozen=True, slots=True, kw_only=True)
class JudgmentAdvice:
    """Advice on one judgment ``row`` over ``column``: what it is, what would be consistent."""

    row: str
    column: str
    current: float
    epsilon: float
    suggested: float
    nearest_scale: float
    cr_before: float
    cr_after: float
    cr_after_scale: float
    threshold: float

    def describe(self) -> str:
        """Return one English sentence a decision maker can act on."""
        implied = (f"{self.suggested:.2f}" if self.suggested >= 1
                   else f"1/{1 / self.suggested:.2f}")
        start = (f"{pair_name(self.row, self.column)}: judged {format_judgment(self.current)}; "
                 f"the other judgments imply {implied}")
        if abs(self.nearest_scale - self.current) <= 1e-9 * self.current:
            return (f"{start}, but the scale has no value closer than the current one: "
                    f"revisit the other judgments involving '{self.row}' or '{self.column}'.")
        return (f"{start} (nearest scale value {format_judgment(self.nearest_scale)}). Changing "
                f"it to {format_judgment(self.nearest_scale)} would move CR from "
                f"{self.cr_before:.3f} to {self.cr_after_scale:.3f} (limit {self.threshold:.2f}).")

    def as_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data."""
        return {
            "row": self.row,
            "column": self.column,
            "current": self.current,
            "epsilon": self.epsilon,
            "suggested": self.suggested,
            "nearest_scale": self.nearest_scale,
            "nearest_scale_text": format_judgment(self.nearest_scale),
            "cr_before": self.cr_before,
            "cr_after": self.cr_after,
            "cr_after_scale": self.cr_after_scale,
            "threshold": self.threshold,
        }


def judged_matrix(result: AhpResult) -> NDArray[np.float64]:
    """Return the matrix as judged: completed (estimated) entries put back to ``nan``."""
    matrix = np.array(result.matrix)
    for a, b in result.estimated:
        i, j = result.labels.index(a), result.labels.index(b)
        matrix[i, j] = matrix[j, i] = np.nan
    return matrix


def inconsistency_report(
    result: AhpResult, top: int = 3, *, always: bool = False
) -> tuple[JudgmentAdvice, ...]:
    """Rank the judgments whose revision would most reduce the inconsistency of ``result``.

    Parameters
    ----------
    result
        An :func:`~exportmcda.ahp.priorities.ahp` result; the same method, RI table and
        threshold are used to recompute CR.
    top
        Number of judgments to report.
    always
        Report even when ``result`` is already consistent (default: return ``()`` then).

    Returns
    -------
    tuple of JudgmentAdvice
        Sorted by the CR reached by replacing that single judgment with its implied value
        (lowest first), ties broken by the largest ``|ln epsilon|``. Estimated (missing)
        judgments and judgments whose removal would disconnect the others are not
        candidates.
    """
    n = len(result.labels)
    if n < 3 or top < 1 or (result.consistent and not always):
        return ()
    rule = result.threshold if result.threshold_rule == "fixed" else result.threshold_rule
    options: dict[str, Any] = {"method": result.method, "ri_table": result.ri_table,
                               "threshold": rule}
    judged = judged_matrix(result)
    w = np.array(result.weights)
    advice = []
    for i in range(n):
        for j in range(i + 1, n):
            if math.isnan(judged[i, j]):
                continue
            trial = judged.copy()
            trial[i, j] = trial[j, i] = np.nan
            if len(components(~np.isnan(trial))) > 1:
                continue
            implied = ahp(trial, result.labels, **options)
            suggested = implied.weights[i] / implied.weights[j]
            scale = float(nearest_saaty(suggested))
            trial[i, j], trial[j, i] = scale, 1 / scale
            advice.append(JudgmentAdvice(
                row=result.labels[i], column=result.labels[j], current=float(judged[i, j]),
                epsilon=float(judged[i, j] * w[j] / w[i]), suggested=suggested,
                nearest_scale=scale, cr_before=result.cr, cr_after=implied.cr,
                cr_after_scale=ahp(trial, result.labels, **options).cr,
                threshold=result.threshold))
    advice.sort(key=lambda a: (round(a.cr_after, 12), -abs(math.log(a.epsilon))))
    return tuple(advice[:top])
