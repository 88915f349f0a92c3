"""What a reader sees in a workbook, compared cell by cell with the workbook's audit record.

``verify`` re-runs the record (:mod:`exportmcda.export.verify`); but a director reads the
visible sheets, and an edit there -- ranks 1 and 2 swapped, a score typed over -- leaves the
record untouched, so a re-run alone would still say "reproduced" (issue 11, item 8). This
module reads the numbers the visible sheets copy from the record and names every cell that
differs (sheet, cell reference, recorded and shown value):

- the shortlist sheet: each published row's rank, technology id and score, in the record's
  order, and no row beyond the last published one;
- the markets sheet (format 3, when the export had the country rankings): each shortlisted
  technology's rank in the target (when shown) and its three best countries with their
  scores.

Sheets and columns are found by their titles in English or Korean (a Korean workbook names
them in Korean: :mod:`exportmcda.labels`), so both languages are checked alike. A score is
the same when it is within the tolerance given (``verify`` passes its own
:data:`~exportmcda.export.verify.SCORE_TOLERANCE`: the workbook holds the score's 16
significant digits; its number format only rounds the display).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from exportmcda.export.record import MarketEntry, Record
from exportmcda.labels import LANGUAGES, score_column, t

__all__ = ["ShownDifference", "shown_differences"]

_HEADER_ROWS = 30
"""Rows searched for a sheet's header (the shortlist's heading has at most a few lines)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShownDifference:
    """One visible cell that disagrees with the record.

    ``field``: ``rank``, ``technology_id`` or ``score`` (shortlist sheet); ``target_rank``,
    ``country`` or ``country_score`` (markets sheet); ``sheet`` when a sheet or its header
    is missing (``cell`` is then empty). ``recorded`` is the record's value (``None`` for a
    row the record does not have), ``shown`` the cell's (``None`` when empty).
    """

    sheet: str
    cell: str
    field: str
    technology_id: str | None
    recorded: str | float | None
    shown: str | float | None

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping of the fields, in their order (the JSON contract's names)."""
        return asdict(self)

    def describe(self) -> str:
        """One line, e.g. ``Shortlist!J7 score: recorded 0.659, shown 0.99``."""
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where} {self.field}: recorded {self.recorded}, shown {self.shown}"


class _Sheet:
    """A worksheet's values by (1-based) row and column, read once."""

    def __init__(self, title: str, rows: list[tuple[Any, ...]]) -> None:
        self.title = title
        self.rows = rows

    def value(self, row: int, column: int) -> str | float | None:
        """A cell's value: text, a number or ``None`` (anything else, e.g. a date, as text)."""
        if row - 1 >= len(self.rows) or column - 1 >= len(self.rows[row - 1]):
            return None
        value = self.rows[row - 1][column - 1]
        return value if value is None or isinstance(value, str | int | float) else str(value)

    def header(self, first: str) -> tuple[int, str, list[Any]] | None:
        """The header row whose column A is ``first`` in either language: (row, lang, cells)."""
        for r, cells in enumerate(self.rows[:_HEADER_ROWS], start=1):
            for lang in LANGUAGES:
                if cells and cells[0] == t(first, lang):
                    return r, lang, list(cells)
        return None


def _titles(key: str) -> tuple[str, ...]:
    """A sheet's title in each language, as the workbook writer cuts it (31 characters)."""
    return tuple(dict.fromkeys(t(key, lang)[:31] for lang in LANGUAGES))


def _sheets(data: bytes) -> dict[str, _Sheet]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        wanted = {*_titles("sheet_shortlist"), *_titles("sheet_markets")}
        return {
            name: _Sheet(name, [tuple(r) for r in wb[name].iter_rows(values_only=True)])
            for name in wb.sheetnames
            if name in wanted
        }
    finally:
        wb.close()


def _number(value: Any) -> float | None:
    """A cell as a number (a number typed as text counts), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _same_number(shown: Any, recorded: float, tolerance: float = 0.0) -> bool:
    number = _number(shown)
    return number is not None and abs(number - recorded) <= tolerance


def _cell(
    sheet: _Sheet,
    at: tuple[int, int] | None,
    field: str,
    tid: str | None,
    recorded: str | float | None,
    shown: str | float | None,
) -> ShownDifference:
    """A difference at ``at`` = (column, row) of ``sheet``.

    ``at`` is ``None`` when there is no cell to name (a sheet, header or row missing).
    """
    cell = "" if at is None else f"{get_column_letter(at[0])}{at[1]}"
    return ShownDifference(
        sheet=sheet.title, cell=cell, field=field, technology_id=tid, recorded=recorded, shown=shown
    )


def _table(
    sheets: dict[str, _Sheet], key: str, first: str
) -> tuple[_Sheet, tuple[int, str, list[Any]]] | ShownDifference:
    """The sheet titled ``key`` and its header row (column A ``first``).

    Otherwise the difference of field ``sheet`` that says which of the two is missing.
    """
    sheet = next((sheets[name] for name in _titles(key) if name in sheets), None)
    if sheet is None:
        return _cell(_Sheet(_titles(key)[0], []), None, "sheet", None, None, None)
    found = sheet.header(first)
    if found is None:
        return _cell(sheet, None, "sheet", None, t(first, "en"), None)
    return sheet, found


def _shortlist(
    sheets: dict[str, _Sheet], record: Record, tolerance: float
) -> Iterator[ShownDifference]:
    table = _table(sheets, "sheet_shortlist", "col_rank")
    if isinstance(table, ShownDifference):
        yield table
        return
    sheet, (header, lang, cells) = table
    fields = ("rank", "technology_id", "score")
    titles = {"rank": "col_rank", "technology_id": "col_technology_id",
              "score": score_column(record.method)}
    found = [cells.index(t(titles[f], lang)) + 1 for f in fields if t(titles[f], lang) in cells]
    if len(found) < len(fields):
        yield _cell(sheet, None, "sheet", None, t(titles["score"], "en"), None)
        return
    columns = found
    for i, entry in enumerate(record.shortlist):
        row = header + 1 + i
        tid = entry.technology_id
        rank, shown_id, score = (sheet.value(row, c) for c in columns)
        same = (
            _same_number(rank, entry.rank),
            shown_id == tid,
            _same_number(score, entry.score, tolerance),
        )
        recorded: tuple[str | float, ...] = (entry.rank, tid, entry.score)
        for field, column, ok, before, now in zip(
            fields, columns, same, recorded, (rank, shown_id, score), strict=True
        ):
            if not ok:
                yield _cell(sheet, (column, row), field, tid, before, now)
    row = header + 1 + len(record.shortlist)
    for column, field in zip(columns, fields, strict=True):
        extra = sheet.value(row, column)
        if extra not in (None, ""):  # a row the record never published
            yield _cell(sheet, (column, row), field, None, None, extra)


def _markets(
    sheets: dict[str, _Sheet], record: Record, tolerance: float
) -> Iterator[ShownDifference]:
    market = record.market
    if market is None or not market.rankings:
        return
    table = _table(sheets, "sheet_markets", "col_technology_id")
    if isinstance(table, ShownDifference):
        yield table
        return
    sheet, (header, lang, cells) = table
    first = t("market_nth", lang, k=1)
    start = cells.index(first) + 1 if first in cells else 4
    target_col = 3 if start == 4 else None
    rows = {sheet.value(r, 1): r for r in range(header + 1, len(sheet.rows) + 1)}
    for tid, entries in market.rankings:
        row = rows.get(tid)
        if row is None:
            yield _cell(sheet, None, "technology_id", tid, tid, None)
            continue
        yield from _market_row(
            sheet, row, tid, entries, record.target, (start, target_col), tolerance
        )


def _market_row(
    sheet: _Sheet,
    row: int,
    tid: str,
    entries: tuple[MarketEntry, ...],
    target: str,
    layout: tuple[int, int | None],
    tolerance: float,
) -> Iterator[ShownDifference]:
    """One technology's row of the markets sheet against its recorded country ranking.

    ``layout``: the column of the first country and that of the target's rank (or ``None``).
    """
    start, target_col = layout
    if target_col is not None:
        rank = next((e.rank for e in entries if e.country == target), None)
        shown = sheet.value(row, target_col)
        if (rank is None and shown != "-") or (rank is not None and not _same_number(shown, rank)):
            yield _cell(
                sheet, (target_col, row), "target_rank", tid, "-" if rank is None else rank, shown
            )
    for k, entry in enumerate(entries[:3]):
        country_col, score_col = start + 3 * k, start + 3 * k + 1
        country, score = sheet.value(row, country_col), sheet.value(row, score_col)
        if country != entry.country:
            yield _cell(sheet, (country_col, row), "country", tid, entry.country, country)
        if not _same_number(score, entry.score, tolerance):
            yield _cell(sheet, (score_col, row), "country_score", tid, entry.score, score)


def shown_differences(
    data: bytes, record: Record, *, tolerance: float
) -> tuple[ShownDifference, ...]:
    """Every visible cell of the workbook ``data`` that disagrees with ``record``.

    Scores are the same within ``tolerance``; ranks, ids and countries must be equal.
    Empty when the shortlist sheet (and, for a format-3 record with country rankings, the
    markets sheet) shows what the record published. A missing sheet or header is one
    difference of field ``sheet``.
    """
    sheets = _sheets(data)
    return (*_shortlist(sheets, record, tolerance), *_markets(sheets, record, tolerance))
