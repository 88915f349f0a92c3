"""The live consistency of a panel sheet: the only formulas a panel workbook holds.

Written by the tool from cell positions and constants, never from any text: the judgment of
each answer (level for A, 1/level for B, 1 at level 1; :mod:`exportmcda.panel.questions`),
the node's comparison matrix (1 until answered), the row geometric means as weights (Crawford
& Williams 1985, J. Math. Psychol. 29:387-405), Saaty's estimate of lambda_max,
``mean_i (A w)_i / w_i`` (as :func:`exportmcda.ahp.priorities.approximate_lambda_max`),
``CI = (lambda_max - n) / (n - 1)`` and ``CR = CI / RI(n)`` (Saaty 1980, ch. 1) with RI from
the scenario's named table (:mod:`exportmcda.ahp.consistency`). A spreadsheet cannot take a
principal eigenvector, so the live CR is the geometric-mean estimate (equal to the
eigenvector's for n = 3); the import computes the scenario's method exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from exportmcda.labels import t
from exportmcda.panel.layout import COL_JUDGMENT, COL_LABEL_B, COL_LEVEL, COL_SIDE

__all__ = ["CALC_COL", "judgment_formula", "node_block", "ref"]

CALC_COL = COL_JUDGMENT + 2
"""First column of the calculation area (one empty column after the answers)."""


def ref(row: int, col: int, *, absolute: bool = False) -> str:
    """A cell reference (``J7``, or ``$J$7`` when ``absolute``)."""
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    return f"${letter}${row}" if absolute else f"{letter}{row}"


def judgment_formula(row: int) -> str:
    """The judgment of the answer on ``row``: empty until both parts are given."""
    side, level = ref(row, COL_SIDE), ref(row, COL_LEVEL)
    return f'=IF({level}="","",IF({level}=1,1,IF({side}="A",{level},IF({side}="B",1/{level},""))))'


def node_block(
    ws: Any,
    header: int,
    children: Sequence[str],
    rows: dict[tuple[int, int], int],
    ri: float,
    threshold: float,
    lang: str,
) -> None:
    """The matrix, weights, lambda_max and CR of one node, right of its questions.

    Cells (tool-written formulas only): matrix ``M`` at rows ``header..header+n-1``; the
    upper triangle reads each answer's judgment (1 until answered), the lower one its
    reciprocal; then the row geometric mean, the weight, ``(A w)_i / w_i``, lambda_max,
    CI and CR. The CR appears beside the node's heading once every question is answered.
    """
    n = len(children)
    first, gm_col = CALC_COL + 1, CALC_COL + 1 + n
    w_col, aw_col, lam_col, cr_col = gm_col + 1, gm_col + 2, gm_col + 3, gm_col + 4
    last_row = header + n - 1
    for i in range(n):
        r = header + i
        for j in range(n):
            cell = ws.cell(row=r, column=first + j)
            if i == j:
                cell.value = 1
            elif i < j:
                judged = ref(rows[(i, j)], COL_JUDGMENT)
                cell.value = f'=IF({judged}="",1,{judged})'
            else:
                cell.value = f"=1/{ref(header + j, first + i)}"
        row_range = f"{ref(r, first)}:{ref(r, first + n - 1)}"
        ws.cell(row=r, column=gm_col, value=f"=GEOMEAN({row_range})")
        gm_range = f"{ref(header, gm_col, absolute=True)}:{ref(last_row, gm_col, absolute=True)}"
        ws.cell(row=r, column=w_col, value=f"={ref(r, gm_col)}/SUM({gm_range})")
        product = "+".join(
            f"{ref(r, first + j)}*{ref(header + j, w_col, absolute=True)}" for j in range(n)
        )
        ws.cell(row=r, column=aw_col, value=f"=({product})/{ref(r, w_col)}")
    lam = ref(header, lam_col)
    ws.cell(
        row=header,
        column=lam_col,
        value=f"=AVERAGE({ref(header, aw_col)}:{ref(last_row, aw_col)})",
    )
    cr = ref(header, cr_col)
    ws.cell(row=header, column=cr_col, value=f"=(({lam}-{n})/({n - 1}))/{ri!r}" if ri > 0 else "=0")
    answered = f"{ref(header + 1, COL_JUDGMENT)}:{ref(header + len(rows), COL_JUDGMENT)}"
    shown = ws.cell(
        row=header, column=COL_LABEL_B, value=f'=IF(COUNT({answered})<{len(rows)},"",ROUND({cr},3))'
    )
    shown.number_format = "0.000"
    ok, revisit = t("panel_cr_ok", lang), t("panel_cr_revisit", lang)
    ws.cell(
        row=header,
        column=COL_SIDE,
        value=f'=IF({ref(header, COL_LABEL_B)}="","",IF({ref(header, COL_LABEL_B)}'
        f'<={threshold!r},"{ok}","{revisit}"))',
    )
