"""A worksheet's data rows written as SpreadsheetML directly, for a ranking of any length.

openpyxl builds an object per cell and serialises it element by element: about 10–30 µs a
cell on the development machine, so a full ranking of 56,000 technologies (1.8 million
cells) took minutes (issue 13, item 10; its write-only mode is not much faster). The
shortlist's data rows are plain -- numbers and text, no formulas, no styles but the quote
prefix -- so they are written here as text: the same ``<row>``/``<c>`` elements openpyxl
3.1 writes (inline strings, ``%.16g`` numbers, ``xml:space="preserve"`` around surrounding
spaces, error codes as ``t="e"``; ECMA-376 Part 1, §18.3.1.4 ``c`` and §18.3.1.73 ``row``),
and spliced into the workbook openpyxl wrote for the rest (:func:`splice_rows`).

Security is unchanged: text that a spreadsheet would run as a formula
(:func:`~exportmcda.export.safe.looks_like_formula`, or any text openpyxl would store as a
formula: ``=`` and more) is written as a string cell with the quote prefix, exactly as the
workbook writer does for every other sheet; characters XML cannot hold raise openpyxl's
``IllegalCharacterError``, as openpyxl would.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from exportmcda.export.safe import FORMULA_PREFIXES, looks_like_formula

__all__ = ["RowsXml", "cell_text", "rows_xml", "splice_rows"]

_CELL_CHARS = 32_767
"""openpyxl cuts a text cell to Excel's limit (``Cell.check_string``); so do we."""
_QUOTE_XF = (
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="1" '
    'xfId="0" />'
)
"""The cell format openpyxl writes for a plain cell with the quote prefix."""
_QUOTE_XF_RE = re.compile(
    r'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="1" '
    r'xfId="0"\s*/>'
)
_CELL_XFS = re.compile(r'<cellXfs count="(\d+)"\s*>(.*?)</cellXfs>', re.DOTALL)
_ERROR_CODES = frozenset(ERROR_CODES)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_ZIP64_BYTES = 1 << 30
"""Above about this much XML the sheet part is written as Zip64 (it may pass 2 GiB)."""
_QUOTE = ' s="<q>"'
"""Stands for the quote-prefix format until its index is known (:func:`splice_rows`).

It cannot occur in a written text: ``<`` in text is always escaped as ``&lt;``."""


def _escape(text: str) -> str:
    """Text content as ElementTree writes it (``&``, ``<``, ``>`` escaped)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def cell_text(value: Any) -> Any:
    """The value a workbook cell gets (the writer's rule: NaN, NA and None are empty)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def _cell(ref: str, value: Any) -> str:
    """One ``<c>`` element, or '' for an empty cell (openpyxl skips those)."""
    value = cell_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        number = "" if np.isinf(value) else f"{value:.16g}"
        return f'<c r="{ref}" t="n"><v>{number}</v></c>' if number else (
            f'<c r="{ref}" t="n"><v /></c>'
        )
    text = str(value)[:_CELL_CHARS]
    if ILLEGAL_CHARACTERS_RE.search(text):
        raise IllegalCharacterError(f"{text} cannot be used in worksheets.")
    if text == "":
        return f'<c r="{ref}" t="inlineStr" />'
    formula = len(text) > 1 and text.startswith("=")
    if text in ERROR_CODES and not formula:
        return f'<c r="{ref}" t="e"><v>{_escape(text)}</v></c>'
    styled = _QUOTE if formula or looks_like_formula(text) else ""
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


class RowsXml:
    """Data rows as SpreadsheetML, added chunk by chunk, and what they need of the sheet.

    ``widths`` holds, per column, the longest ``str`` of a non-empty value (for the column
    width rule of :mod:`exportmcda.export.reports`); ``quoted`` whether any cell needs the
    quote prefix; ``last_row`` the last spreadsheet row written. Chunks are kept
    compressed (a full ranking of 10^6 rows is about a gigabyte of XML).
    """

    def __init__(
        self, first_row: int, columns: int, number_formats: dict[int, str] | None = None
    ) -> None:
        self.number_formats = dict(number_formats or {})
        # One placeholder per distinct format, not per column: splice_rows replaces each in
        # every chunk (a pass over ~100 MB per placeholder and chunk for a full ranking of
        # 10^5 rows; per column, 34 of them took 8 of the export's 25 s)
        self.format_codes = list(dict.fromkeys(self.number_formats.values()))
        self._marks = {j: f' s="<f{self.format_codes.index(code)}>" t="n"'
                       for j, code in self.number_formats.items()}
        self.next_row = first_row
        self.last_row = first_row - 1
        self.widths: list[int | None] = [None] * columns
        self.letters = [get_column_letter(j + 1) for j in range(columns)]
        self.chunks: list[bytes] = []
        self.size = 0
        self.quoted = False

    def add(self, columns: Sequence[Sequence[Any] | np.ndarray]) -> None:
        """Append rows given as columns (one sequence per column, all of one length).

        A float or integer numpy column is formatted in one pass (the common case: ranks,
        scores, criterion values); any other column cell by cell.
        """
        n = len(columns[0]) if len(columns) else 0
        if not n:
            return
        rows = [str(r) for r in range(self.next_row, self.next_row + n)]
        cells: list[list[str]] = []
        for j, values in enumerate(columns):
            letter = self.letters[j]
            if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
                written, longest = _numbers(letter, rows, values)
            elif not isinstance(values, np.ndarray) and _plain(values):
                written, longest = _texts(letter, rows, values)
            else:
                shown = [cell_text(v) for v in values]
                longest = max((len(str(v)) for v in shown if v is not None), default=None)
                written = [_cell(letter + r, v) for r, v in zip(rows, shown, strict=True)]
            if longest is not None:
                self.widths[j] = max(self.widths[j] or 0, longest)
            if j in self._marks:  # numbers of this column shown in its format
                mark = self._marks[j]
                written = [w.replace(' t="n"', mark, 1) for w in written]
            cells.append(written)
        text = "".join(
            f'<row r="{r}">{"".join(row)}</row>'
            for r, row in zip(rows, zip(*cells, strict=True), strict=True)
        )
        self.quoted = self.quoted or _QUOTE in text
        data = text.encode("utf-8")
        self.chunks.append(zlib.compress(data, 1))
        self.size += len(data)
        self.next_row += n
        self.last_row = self.next_row - 1


def _plain(values: Sequence[Any]) -> bool:
    """Whether every value is text openpyxl writes as is: non-empty, no character to check.

    Checked once per column, so the rare column that needs a closer look (an illegal
    character, an over-long cell, an error code such as ``#N/A``) is found in one pass.
    """
    if not all(type(v) is str and v for v in values):
        return False
    return (
        ILLEGAL_CHARACTERS_RE.search("\n".join(values)) is None
        and max(map(len, values)) <= _CELL_CHARS
        and _ERROR_CODES.isdisjoint(values)
    )


def _texts(letter: str, rows: list[str], values: Sequence[str]) -> tuple[list[str], int]:
    """The cells of a :func:`_plain` text column, as :func:`_cell` writes each."""
    escape = any(c in "".join(values) for c in "&<>")
    written = []
    for r, text in zip(rows, values, strict=True):
        shown = _escape(text) if escape else text
        styled = _QUOTE if text.startswith(FORMULA_PREFIXES) else ""
        space = ' xml:space="preserve"' if (text[0].isspace() or text[-1].isspace()) and (
            not text.isspace()) else ""
        written.append(
            f'<c r="{letter}{r}"{styled} t="inlineStr"><is><t{space}>{shown}</t></is></c>'
        )
    return written, max(map(len, values))


def _numbers(letter: str, rows: list[str], values: np.ndarray) -> tuple[list[str], int | None]:
    """The cells of a numeric column, as :func:`_cell` writes each, and its longest text."""
    items = values.tolist()  # Python ints and floats, as a cell holds them
    if values.dtype.kind == "f":
        finite = np.isfinite(values)
        if not finite.all():  # NaN is an empty cell; infinities are rare: one by one
            written = [_cell(letter + r, v) for r, v in zip(rows, items, strict=True)]
            shown = [v for v, nan in zip(items, np.isnan(values).tolist(), strict=True)
                     if not nan]
            return written, max(map(len, map(str, shown)), default=None)
    written = [f'<c r="{letter}{r}" t="n"><v>{v:.16g}</v></c>'
               for r, v in zip(rows, items, strict=True)]
    return written, max(map(len, map(str, items)), default=None)


def rows_xml(rows: Iterable[Sequence[Any]], first_row: int, columns: int) -> RowsXml:
    """Rows (each a sequence of cell values) as :class:`RowsXml`."""
    out = RowsXml(first_row, columns)
    listed = [list(row) + [None] * (columns - len(row)) for row in rows]
    if listed:
        out.add([list(column) for column in zip(*listed, strict=True)])
    return out


def _quote_style(styles: str) -> tuple[str, int]:
    """The index of the quote-prefix cell format in ``styles.xml``, added if missing."""
    found = _CELL_XFS.search(styles)
    if found is None:  # pragma: no cover - openpyxl always writes cellXfs
        raise ValueError("styles.xml has no cellXfs")
    body = found.group(2)
    match = _QUOTE_XF_RE.search(body)
    if match is not None:
        return styles, body[: match.start()].count("<xf ")
    return _add_xf(styles, _QUOTE_XF)


def _add_xf(styles: str, xf: str) -> tuple[str, int]:
    """``styles.xml`` with the cell format ``xf`` appended to ``cellXfs``, and its index."""
    found = _CELL_XFS.search(styles)
    if found is None:  # pragma: no cover - openpyxl always writes cellXfs
        raise ValueError("styles.xml has no cellXfs")
    count = int(found.group(1))
    updated = f'<cellXfs count="{count + 1}">{found.group(2)}{xf}</cellXfs>'
    return styles[: found.start()] + updated + styles[found.end():], count


_NUM_FMTS = re.compile(r'<numFmts count="(\d+)"\s*>(.*?)</numFmts>', re.DOTALL)
_EMPTY_NUM_FMTS = re.compile(r'<numFmts count="0"\s*/>')
_FIRST_CUSTOM_FORMAT = 164
"""Custom number formats are numbered from 164 (ECMA-376 Part 1, §18.8.30 ``numFmt``)."""


def _number_style(styles: str, code: str) -> tuple[str, int]:
    """``styles.xml`` with a cell format showing numbers as ``code``, and its index.

    ``code`` is e.g. ``0.0000``: a ``numFmt`` in ``numFmts`` (created if need be) and an
    ``xf`` that applies it.
    """
    code_xml = code.replace("&", "&amp;").replace('"', "&quot;")
    found = _NUM_FMTS.search(styles)
    ids = [] if found is None else [int(i) for i in re.findall(r'numFmtId="(\d+)"',
                                                               found.group(2))]
    number = max([_FIRST_CUSTOM_FORMAT - 1, *ids]) + 1
    entry = f'<numFmt numFmtId="{number}" formatCode="{code_xml}" />'
    if found is None:  # none, or openpyxl's empty <numFmts count="0" /> (replaced: one only)
        styles = _EMPTY_NUM_FMTS.sub("", styles, count=1)
        at = styles.index(">", styles.index("<styleSheet")) + 1
        styles = f'{styles[:at]}<numFmts count="1">{entry}</numFmts>{styles[at:]}'
    else:
        updated = f'<numFmts count="{int(found.group(1)) + 1}">{found.group(2)}{entry}</numFmts>'
        styles = styles[: found.start()] + updated + styles[found.end():]
    xf = (f'<xf numFmtId="{number}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" '
          'pivotButton="0" quotePrefix="0" xfId="0" />')
    return _add_xf(styles, xf)


def splice_rows(package: bytes, sheet: str, rows: RowsXml, last_column: int) -> bytes:
    """Insert ``rows`` at the end of ``sheet``'s ``<sheetData>`` in the workbook ``package``.

    The sheet's ``<dimension>`` is set to cover the new rows, and the quote-prefix cell
    format is added to ``xl/styles.xml`` when a row needs it, as is a number format per
    column of ``rows.number_formats`` (numbers are stored in full and shown rounded); every
    other part is copied unchanged.
    """
    source = zipfile.ZipFile(io.BytesIO(package))
    styles, quote = _quote_style(source.read("xl/styles.xml").decode("utf-8"))
    placeholder, index = _QUOTE.encode(), f' s="{quote}"'.encode()
    formats: list[tuple[bytes, bytes]] = []
    for k, code in enumerate(rows.format_codes):
        styles, style = _number_style(styles, code)
        formats.append((f' s="<f{k}>"'.encode(), f' s="{style}"'.encode()))
    out = io.BytesIO()
    # Level 1 for the new sheet part (by name): it holds nearly all the bytes, and level 6
    # deflates them at a third of the speed for a file a few percent smaller.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == sheet:
                text = data.decode("utf-8")
                ref = f"A1:{get_column_letter(last_column)}{max(rows.last_row, 1)}"
                text = _DIMENSION.sub(f'<dimension ref="{ref}" />', text, count=1)
                head, tail = text.split("</sheetData>", 1)
                with target.open(info.filename, "w",
                                 force_zip64=rows.size > _ZIP64_BYTES) as part:
                    part.write(head.encode("utf-8"))
                    for chunk in rows.chunks:
                        data = zlib.decompress(chunk).replace(placeholder, index)
                        for mark, style_index in formats:
                            data = data.replace(mark, style_index)
                        part.write(data)
                    part.write(("</sheetData>" + tail).encode("utf-8"))
            elif info.filename == "xl/styles.xml" and (rows.quoted or formats):
                target.writestr(info, styles)
            else:
                target.writestr(info, data)
    return out.getvalue()
