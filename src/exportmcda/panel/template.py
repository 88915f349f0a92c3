"""The expert-panel workbook a facilitator sends out: every pairwise question, in plain words.

One instructions sheet (in the language chosen), one sheet per expert and a hidden sheet of
settings. Each question names both criteria ("Which matters more for export success: A or
B? How much more?") and is answered by two drop-downs (data validation lists: the side A/B
and Saaty's level 1-9, :mod:`exportmcda.panel.questions`); the sheet is protected so that
only the answers and the expert's name can be typed.

The consistency of each node is shown *live* by formulas the tool writes itself
(:mod:`exportmcda.panel.formulas`), the only formulas in the workbook. Every text cell passes
:func:`exportmcda.export.safe.text_cell`.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from exportmcda.ahp.consistency import consistency_threshold, random_index
from exportmcda.errors import ConfigError
from exportmcda.export.safe import text_cell
from exportmcda.labels import t
from exportmcda.model.criteria import CriteriaTree
from exportmcda.model.scenarios import Scenario
from exportmcda.panel.formulas import CALC_COL, judgment_formula, node_block, ref
from exportmcda.panel.layout import (
    COL_A,
    COL_B,
    COL_JUDGMENT,
    COL_LABEL_A,
    COL_LABEL_B,
    COL_LEVEL,
    COL_NODE,
    COL_NUMBER,
    COL_QUESTION,
    COL_SIDE,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    MARKER,
    MARKER_CELL,
    MAX_EXPERTS,
    META_SHEET,
    NAME_CELL,
)
from exportmcda.panel.questions import LEVELS, SIDES, Question, questions

__all__ = ["expert_sheet_title", "node_title", "panel_template", "question_text"]


def expert_sheet_title(k: int, lang: str) -> str:
    """Title of expert ``k``'s sheet (``Expert 1``, ``전문가 1``)."""
    return t("panel_sheet_expert", lang, n=k)


def node_title(tree: CriteriaTree, node: str, lang: str) -> str:
    """What a node's questions are about, in ``lang``."""
    if node == tree.goal_id:
        return t("panel_node_goal", lang)
    return t("panel_node_within", lang, criterion=tree.criterion(node).label(lang))


def _label(tree: CriteriaTree, item: str, lang: str) -> str:
    names = tree.names(lang)
    return names.get(item, item)


def question_text(tree: CriteriaTree, q: Question, lang: str) -> str:
    """The question in plain words, both criteria named."""
    a, b = _label(tree, q.a, lang), _label(tree, q.b, lang)
    if q.node == tree.goal_id:
        return t("panel_question_goal", lang, a=a, b=b)
    return t("panel_question_within", lang, a=a, b=b, criterion=tree.criterion(q.node).label(lang))


def _write_text(ws: Any, row: int, col: int, text: object, **style: Any) -> None:
    cell = ws.cell(row=row, column=col)
    text_cell(cell, text)
    for key, value in style.items():
        setattr(cell, key, value)


def _instructions(
    ws: Any,
    tree: CriteriaTree,
    scenario: Scenario,
    experts: int,
    lang: str,
    created: datetime,
    threshold_text: str,
) -> None:
    from openpyxl.styles import Alignment, Font

    lines = [
        (t("panel_title", lang), Font(bold=True, size=14)),
        (t("panel_notice_synthetic", lang), Font(bold=True, color="9C0006")),
        (t("panel_notice_assumed", lang, scenario=scenario.label(lang)), None),
        ("", None),
        *((t(f"panel_instruction_{k}", lang, threshold=threshold_text), None) for k in range(1, 6)),
        ("", None),
        (t("panel_scale_title", lang), Font(bold=True)),
    ]
    row = 1
    for text, font in lines:
        _write_text(ws, row, 1, text, alignment=Alignment(wrap_text=True, vertical="top"))
        _fit(ws, row, [(text, 100)])
        if font is not None:
            ws.cell(row=row, column=1).font = font
        row += 1
    for level in LEVELS:
        ws.cell(row=row, column=1, value=level).alignment = Alignment(horizontal="left")
        _write_text(ws, row, 2, t(f"panel_level_{level}", lang))
        row += 1
    row += 1
    facts = [
        (t("panel_fact_scenario", lang), scenario.label(lang)),
        (t("panel_fact_experts", lang), str(experts)),
        (t("panel_fact_questions", lang), str(len(questions(tree)))),
        (t("panel_fact_ri_table", lang), scenario.ri_table),
        (t("panel_fact_created", lang), created.strftime("%Y-%m-%d %H:%M UTC")),
    ]
    for key, value in facts:
        _write_text(ws, row, 1, key, font=Font(bold=True))
        _write_text(ws, row, 2, value)
        row += 1
    ws.column_dimensions["A"].width = 100
    _printable(ws)
    ws.column_dimensions["B"].width = 45


_WIDTHS: Final = {
    COL_NUMBER: 6,
    COL_QUESTION: 62,
    COL_LABEL_A: 22,
    COL_LABEL_B: 22,
    COL_SIDE: 14,
    COL_LEVEL: 14,
    COL_JUDGMENT: 12,
}
"""Column widths of an expert sheet (characters)."""


def _fit(ws: Any, row: int, texts: Sequence[tuple[str, int]]) -> None:
    """Make ``row`` tall enough for its wrapped texts (spreadsheets do not grow it on open).

    A text of display width W in a column of width C takes ceil(W / (C - 2)) lines; a
    Korean (East Asian wide) character counts 2.
    """
    lines = max(
        math.ceil(
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
            / max(width - 2, 1)
        )
        for text, width in texts
    )
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines + 2


def _printable(ws: Any) -> None:
    """Print landscape, one page wide (experts often answer on paper first)."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _drop_down(ws: Any, options: Sequence[object], error: str, lang: str) -> Any:
    """A drop-down list of fixed ``options`` (data validation) added to ``ws``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = ",".join(map(str, options))
    validation = DataValidation(
        type="list",
        formula1=f'"{listed}"',
        allow_blank=True,
        showErrorMessage=True,
        error=t(error, lang),
        errorTitle=t("panel_bad_answer", lang),
    )
    ws.add_data_validation(validation)
    return validation


def _expert_sheet(ws: Any, k: int, tree: CriteriaTree, scenario: Scenario, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    bold = Font(bold=True)
    heading_fill = PatternFill("solid", fgColor="DDEBF7")
    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    _write_text(ws, 1, COL_QUESTION, t("panel_title", lang), font=Font(bold=True, size=13))
    ws[MARKER_CELL] = MARKER
    for r, key, font in (
        (2, "panel_notice_synthetic", Font(bold=True, color="9C0006")),
        (4, "panel_sheet_help", None),
    ):
        text = t(key, lang)
        _write_text(ws, r, COL_QUESTION, text, alignment=wrap)
        ws.merge_cells(start_row=r, start_column=COL_QUESTION, end_row=r, end_column=COL_LEVEL)
        if font is not None:
            ws.cell(row=r, column=COL_QUESTION).font = font
        _fit(ws, r, [(text, _WIDTHS[COL_QUESTION] + 70)])
    _write_text(
        ws,
        3,
        COL_QUESTION,
        t("panel_name_prompt", lang),
        font=bold,
        alignment=Alignment(horizontal="right"),
    )
    name = ws[NAME_CELL]
    text_cell(name, expert_sheet_title(k, lang))
    name.fill, name.protection = answer_fill, Protection(locked=False)
    headers = {
        COL_NUMBER: "panel_col_number",
        COL_QUESTION: "panel_col_question",
        COL_LABEL_A: "panel_col_a",
        COL_LABEL_B: "panel_col_b",
        COL_SIDE: "panel_col_side",
        COL_LEVEL: "panel_col_level",
        COL_JUDGMENT: "panel_col_judgment",
    }
    for col, key in headers.items():
        _write_text(ws, HEADER_ROW, col, t(key, lang), font=bold, fill=heading_fill, alignment=wrap)
    _write_text(ws, HEADER_ROW, CALC_COL + 1, t("panel_col_calculation", lang), font=bold)
    sides = _drop_down(ws, SIDES, "panel_bad_side", lang)
    levels = _drop_down(ws, LEVELS, "panel_bad_level", lang)
    ri_table = scenario.ri_table
    row = FIRST_ROW
    by_node: dict[str, list[Question]] = {}
    for q in questions(tree):
        by_node.setdefault(q.node, []).append(q)
    nodes = tree.weighted_nodes()
    for node, asked in by_node.items():
        header = row
        _write_text(
            ws, header, COL_QUESTION, node_title(tree, node, lang), font=bold, fill=heading_fill
        )
        _write_text(ws, header, COL_LABEL_A, t("panel_cr_live", lang), font=bold, fill=heading_fill)
        children = nodes[node]
        rows: dict[tuple[int, int], int] = {}
        for q in asked:
            row += 1
            rows[(children.index(q.a), children.index(q.b))] = row
            number = ws.cell(row=row, column=COL_NUMBER, value=q.number)
            number.alignment = Alignment(vertical="top")
            for col, text in ((COL_NODE, q.node), (COL_A, q.a), (COL_B, q.b)):
                _write_text(ws, row, col, text)
            _write_text(ws, row, COL_QUESTION, question_text(tree, q, lang), alignment=wrap)
            _write_text(ws, row, COL_LABEL_A, _label(tree, q.a, lang), alignment=wrap)
            _write_text(ws, row, COL_LABEL_B, _label(tree, q.b, lang), alignment=wrap)
            _fit(
                ws,
                row,
                [
                    (question_text(tree, q, lang), _WIDTHS[COL_QUESTION]),
                    (_label(tree, q.a, lang), _WIDTHS[COL_LABEL_A]),
                    (_label(tree, q.b, lang), _WIDTHS[COL_LABEL_B]),
                ],
            )
            for col, validation in ((COL_SIDE, sides), (COL_LEVEL, levels)):
                cell = ws.cell(row=row, column=col)
                cell.fill, cell.protection = answer_fill, Protection(locked=False)
                cell.alignment = Alignment(horizontal="center")
                validation.add(cell)
            ws.cell(row=row, column=COL_JUDGMENT, value=judgment_formula(row))
            ws.cell(row=row, column=COL_JUDGMENT).number_format = "0.000"
        n = len(children)
        node_block(
            ws, header, children, rows, random_index(n, ri_table), consistency_threshold(n), lang
        )
        row = max(row, header + n - 1) + 2
    from openpyxl.utils import get_column_letter

    for col, width in _WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for col in (COL_NODE, COL_A, COL_B):
        ws.column_dimensions[get_column_letter(col)].hidden = True
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=COL_QUESTION)
    _printable(ws)
    ws.print_area = f"A1:{ref(row, COL_JUDGMENT)}"
    ws.protection.sheet = True  # no password: a facilitator may unprotect to fix a label


def _meta(
    ws: Any, scenario: Scenario, experts: int, lang: str, created: datetime, count: int
) -> None:
    rows: list[tuple[str, object]] = [
        ("format", FORMAT),
        ("scenario", scenario.id),
        ("method", scenario.method),
        ("ri_table", scenario.ri_table),
        ("lang", lang),
        ("experts", experts),
        ("questions", count),
        ("created", created.isoformat(timespec="seconds")),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        ws.cell(row=r, column=1, value=key)
        if isinstance(value, int):
            ws.cell(row=r, column=2, value=value)
        else:
            _write_text(ws, r, 2, value)
    ws.sheet_state = "hidden"


def panel_template(
    tree: CriteriaTree,
    scenario: Scenario,
    *,
    experts: int,
    lang: str = "en",
    created: datetime | None = None,
) -> bytes:
    """Return the panel workbook (``.xlsx`` bytes) for ``experts`` experts.

    ``scenario`` is the one the panel's answers will replace: its RI table fixes the live
    CR, its id is recorded so the import can save the result as a scenario built on it.

    Raises
    ------
    ConfigError
        ``panel_experts`` when ``experts`` is not 1..:data:`MAX_EXPERTS`.
    """
    if not 1 <= experts <= MAX_EXPERTS:
        raise ConfigError.single(
            "panel_experts", f"the number of experts must be 1 to {MAX_EXPERTS}", value=experts
        )
    from openpyxl import Workbook

    when = created or datetime.now(UTC)
    book = Workbook()
    first = book.active
    first.title = t("panel_sheet_instructions", lang)
    threshold = consistency_threshold(3)
    _instructions(first, tree, scenario, experts, lang, when, f"{threshold:.2f}")
    for k in range(1, experts + 1):
        _expert_sheet(book.create_sheet(expert_sheet_title(k, lang)), k, tree, scenario, lang)
    _meta(book.create_sheet(META_SHEET), scenario, experts, lang, when, len(questions(tree)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
