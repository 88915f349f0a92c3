"""Reading a filled panel workbook back, treating it as hostile.

The file comes back from people outside the tool, so it is read like any upload
(:func:`exportmcda.data.io.open_workbook`: size, zip-bomb and DTD guards, defusedxml,
formulas never evaluated) and only where the template put things
(:mod:`exportmcda.panel.layout`): a bounded number of rows and columns per sheet, so a sheet
grown to a million rows is not parsed past the questions. An answer must be a side A/B and a
level 1-9 typed or picked from the drop-downs; a formula, another value or half an answer is
refused, and every problem names the sheet, the row and the column, all reported at once.
A question left blank is a missing judgment: the analysis completes it and says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from exportmcda.ahp.consistency import RI_TABLES
from exportmcda.ahp.priorities import method_name
from exportmcda.data.io import open_workbook
from exportmcda.errors import ExportMcdaError, InputError, Issue
from exportmcda.export.safe import one_line
from exportmcda.labels import t
from exportmcda.model.criteria import CriteriaTree
from exportmcda.panel.layout import (
    COL_A,
    COL_B,
    COL_LEVEL,
    COL_NODE,
    COL_SIDE,
    FIRST_ROW,
    FORMAT,
    MARKER,
    MAX_EXPERTS,
    MAX_NAME_CHARS,
    META_SHEET,
    NAME_CELL,
    WIDTH,
)
from exportmcda.panel.questions import LEVELS, SIDES, Question, judgment_of, questions

__all__ = ["ExpertAnswers", "PanelAnswers", "read_panel"]

_INSTRUCTIONS = frozenset(t("panel_sheet_instructions", lang) for lang in ("en", "ko"))
"""The template's instructions sheet, in either language (not an expert sheet, no note)."""
_META_ROWS = 40
"""Rows of the meta sheet read (the template writes 8)."""
_SLACK_ROWS = 50
"""Rows read past the last question's place (room for rows a facilitator inserted)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpertAnswers:
    """One expert's answers: per node, each pair's judgment or ``None`` when left blank."""

    sheet: str
    name: str
    judgments: Mapping[str, Mapping[tuple[str, str], Fraction | None]]
    rows: Mapping[int, int] = field(default_factory=dict)
    """Question number -> the sheet row it was read from (to point at a judgment)."""

    @property
    def missing(self) -> tuple[tuple[str, str, str], ...]:
        """The (node, a, b) questions left blank."""
        return tuple(
            (node, a, b)
            for node, pairs in self.judgments.items()
            for (a, b), v in pairs.items()
            if v is None
        )

    @property
    def answered(self) -> int:
        """How many questions were answered."""
        return sum(v is not None for pairs in self.judgments.values() for v in pairs.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class PanelAnswers:
    """Every expert's answers and the template's settings, as read from one workbook."""

    name: str
    sha256: str
    scenario: str
    method: str
    ri_table: str
    lang: str
    experts: tuple[ExpertAnswers, ...]
    ignored_sheets: tuple[str, ...] = ()


def _issue(
    code: str,
    message: str,
    where: str,
    row: int | None = None,
    field: str | None = None,
    value: object = None,
) -> Issue:
    return Issue.of(code, message, path=where, row=row, field=field, value=value)


def _is_formula(value: object) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or hasattr(value, "text")


def _meta(book: Any, name: str) -> dict[str, object]:
    if META_SHEET not in book.sheetnames:
        raise InputError(
            _issue(
                "panel_not_template",
                "not an exportmcda panel workbook (its "
                "settings sheet is missing): write one with `exportmcda panel "
                "template`",
                name,
            )
        )
    where = f"{name} [{META_SHEET}]"
    found: dict[str, object] = {}
    for row in book[META_SHEET].iter_rows(
        min_row=1, max_row=_META_ROWS, max_col=2, values_only=True
    ):
        if row and isinstance(row[0], str):
            found[row[0]] = row[1] if len(row) > 1 else None
    if found.get("format") != FORMAT:
        raise InputError(
            _issue(
                "panel_format",
                f"panel workbook format {found.get('format')!r}"
                f"; this version reads format {FORMAT}",
                where,
                field="format",
                value=found.get("format"),
            )
        )
    for key in ("scenario", "method", "ri_table", "lang"):
        if not isinstance(found.get(key), str) or _is_formula(found.get(key)):
            raise InputError(
                _issue("panel_meta", f"setting '{key}' is missing or not text", where, field=key)
            )
    if found["ri_table"] not in RI_TABLES:
        raise InputError(
            _issue(
                "panel_meta",
                "unknown random-index table",
                where,
                field="ri_table",
                value=found["ri_table"],
            )
        )
    try:
        found["method"] = method_name(found["method"], path=where, field="method")
    except ExportMcdaError as error:
        raise InputError(error.issues) from None
    return found


def _side(value: object) -> str | Issue | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip().upper() in SIDES:
        return value.strip().upper()
    return _issue("panel_bad_side", f"'which matters more' must be {' or '.join(SIDES)}", "")


def _level(value: object) -> int | Issue | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: object = value
    if isinstance(value, str):
        number = int(value.strip()) if value.strip().isdigit() else None
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int) and not isinstance(number, bool) and number in LEVELS:
        return number
    return _issue("panel_bad_level", "'how much more' must be a whole number 1 to 9", "")


def _answer(row: tuple[object, ...], where: str, r: int) -> tuple[Fraction | None, list[Issue]]:
    side_cell, level_cell = row[COL_SIDE - 1], row[COL_LEVEL - 1]
    from openpyxl.utils import get_column_letter

    issues = []
    for col, value in ((COL_SIDE, side_cell), (COL_LEVEL, level_cell)):
        if _is_formula(value):
            issues.append(
                _issue(
                    "panel_formula",
                    "a formula where an answer belongs; type or pick the answer",
                    where,
                    r,
                    get_column_letter(col),
                    one_line(getattr(value, "text", value))[:80],
                )
            )
    if issues:
        return None, issues
    side, level = _side(side_cell), _level(level_cell)
    for col, parsed, cell in ((COL_SIDE, side, side_cell), (COL_LEVEL, level, level_cell)):
        if isinstance(parsed, Issue):
            issues.append(
                _issue(
                    parsed.code,
                    parsed.message,
                    where,
                    r,
                    get_column_letter(col),
                    one_line(cell)[:80],
                )
            )
    if issues:
        return None, issues
    assert not isinstance(side, Issue)
    assert not isinstance(level, Issue)
    if level is None and side is None:
        return None, []
    if level is None or (side is None and level != 1):
        missing = COL_LEVEL if level is None else COL_SIDE
        return None, [
            _issue(
                "panel_half_answer",
                "half an answer: give both which matters "
                "more and how much (or clear both to skip the question)",
                where,
                r,
                get_column_letter(missing),
            )
        ]
    return judgment_of(side or "A", level), []


def _expert(
    sheet: Any,
    title: str,
    name: str,
    asked: Mapping[tuple[str, str, str], Question],
    issues: list[Issue],
) -> ExpertAnswers:
    where = f"{name} [{title}]"
    last = FIRST_ROW + len(asked) + 2 * len({q.node for q in asked.values()}) + _SLACK_ROWS
    judgments: dict[str, dict[tuple[str, str], Fraction | None]] = {}
    rows: dict[int, int] = {}
    expert = title
    for r, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=last, max_col=WIDTH, values_only=True), start=1
    ):
        cells = tuple(row) + (None,) * (WIDTH - len(row))
        if r == int(NAME_CELL[1:]):
            given = cells[ord(NAME_CELL[0]) - ord("A")]
            if isinstance(given, str) and given.strip() and not _is_formula(given):
                expert = one_line(given.strip())[:MAX_NAME_CHARS]
        if r < FIRST_ROW or cells[COL_NODE - 1] in (None, ""):
            continue
        key = tuple(str(cells[c - 1]) for c in (COL_NODE, COL_A, COL_B))
        q = asked.get((key[0], key[1], key[2]))
        if q is None:
            issues.append(
                _issue(
                    "panel_unknown_question",
                    "this row names no question of the "
                    "criteria hierarchy (were the hidden columns B-D changed?)",
                    where,
                    r,
                    "B",
                    one_line(key[0])[:80],
                )
            )
            continue
        if q.number in rows:
            issues.append(
                _issue(
                    "panel_duplicate_question",
                    f"question {q.number} appears twice (also row {rows[q.number]})",
                    where,
                    r,
                    "B",
                )
            )
            continue
        value, problems = _answer(cells, where, r)
        issues.extend(problems)
        rows[q.number] = r
        judgments.setdefault(q.node, {})[(q.a, q.b)] = value
    for key, q in asked.items():
        if q.number not in rows:
            issues.append(
                _issue(
                    "panel_question_missing",
                    f"question {q.number} ({key[1]} vs "
                    f"{key[2]}) is not on the sheet: rows were deleted",
                    where,
                )
            )
            judgments.setdefault(q.node, {})[(q.a, q.b)] = None
    return ExpertAnswers(sheet=title, name=expert, judgments=judgments, rows=rows)


def read_panel(
    source: str | os.PathLike[str] | bytes, *, tree: CriteriaTree, name: str | None = None
) -> PanelAnswers:
    """Read every expert sheet of a filled panel workbook.

    ``tree`` is the hierarchy whose questions the workbook must hold (each exactly once).
    Sheets without the expert marker (one a facilitator added) are listed in
    ``ignored_sheets``, not read. Two experts who wrote the same name keep their sheet's title
    after it.

    Raises
    ------
    InputError
        The file is not a readable ``.xlsx`` or not a panel workbook, or any answer is
        invalid (a formula, a value off the scale, half an answer, a changed or missing
        question): every problem, each naming the sheet, row and column.
    """
    asked = {(q.node, q.a, q.b): q for q in questions(tree)}
    with open_workbook(source, name) as (book, shown, sha256):
        meta = _meta(book, shown)
        experts: list[ExpertAnswers] = []
        ignored: list[str] = []
        issues: list[Issue] = []
        for title in book.sheetnames:
            if title == META_SHEET:
                continue
            sheet = book[title]
            marker = next(
                sheet.iter_rows(min_row=1, max_row=1, min_col=2, max_col=2, values_only=True),
                (None,),
            )
            if not marker or marker[0] != MARKER:
                if title not in _INSTRUCTIONS:
                    ignored.append(one_line(title))
                continue
            if len(experts) == MAX_EXPERTS:
                raise InputError(
                    _issue(
                        "panel_too_many_experts", f"more than {MAX_EXPERTS} expert sheets", shown
                    )
                )
            experts.append(_expert(sheet, one_line(title), shown, asked, issues))
    if not experts:
        issues.append(_issue("panel_no_experts", "no expert sheet found", shown))
    if issues:
        raise InputError(issues)
    seen: dict[str, int] = {}
    for e in experts:
        seen[e.name] = seen.get(e.name, 0) + 1
    unique = tuple(
        e
        if seen[e.name] == 1
        else ExpertAnswers(
            sheet=e.sheet, name=f"{e.name} ({e.sheet})", judgments=e.judgments, rows=e.rows
        )
        for e in experts
    )
    return PanelAnswers(
        name=shown,
        sha256=sha256,
        scenario=str(meta["scenario"]),
        method=str(meta["method"]),
        ri_table=str(meta["ri_table"]),
        lang=str(meta["lang"]),
        experts=unique,
        ignored_sheets=tuple(ignored),
    )
