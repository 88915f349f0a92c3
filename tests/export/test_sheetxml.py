"""Shortlist rows written as SpreadsheetML read back as openpyxl would have written them."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import openpyxl
import pytest
from openpyxl.utils.exceptions import IllegalCharacterError

from exportmcda.export.sheetxml import RowsXml, cell_text, rows_xml, splice_rows

VALUES = [
    1, 0.1234567890123456789, "Smart pole", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2",
    "@SUM(A1)", "\tTab", "#N/A", " lead", "trail ", "a&b<c>d", "", None, float("nan"),
    True, "Kim’s 한글", "=", 1e-05, 12.0,
]


def _openpyxl_book(rows: list[list[object]]) -> bytes:
    """What the workbook writer did before: openpyxl cells, formula text made text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["head"])
    for row in rows:
        sheet.append([cell_text(v) for v in row])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and (
                cell.data_type == "f" or cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
            ):
                cell.data_type = "s"
                cell.quotePrefix = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _spliced(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["head"])
    out = io.BytesIO()
    book.save(out)
    data = rows_xml(rows, 2, len(VALUES))
    return splice_rows(out.getvalue(), "xl/worksheets/sheet1.xml", data, len(VALUES))


def _cells(package: bytes) -> list[list[tuple[object, ...]]]:
    sheet = openpyxl.load_workbook(io.BytesIO(package)).active
    return [[(c.value, c.data_type, c.quotePrefix, c.coordinate) for c in row]
            for row in sheet.iter_rows()]


def test_every_kind_of_cell_reads_back_as_openpyxl_wrote_it():
    rows = [VALUES, list(reversed(VALUES))]
    assert _cells(_spliced(rows)) == _cells(_openpyxl_book(rows))


def test_formula_text_is_a_quoted_string_never_a_formula():
    sheet = openpyxl.load_workbook(io.BytesIO(_spliced([VALUES]))).active
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    cell = sheet["D2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        '=HYPERLINK("http://x","y")', "s", True)
    assert sheet["C2"].quotePrefix is False
    assert sheet["I2"].data_type == "e"  # "#N/A" as openpyxl stores it


def test_numeric_columns_match_the_cell_by_cell_path():
    columns = [np.array([1.5, 2.0, 1e-05, 0.1234567890123456789]), np.array([1, 2, 3, 40])]
    fast = RowsXml(2, 2)
    fast.add(columns)
    slow = RowsXml(2, 2)
    slow.add([c.tolist() for c in columns])
    assert fast.chunks == slow.chunks
    assert fast.widths == slow.widths == [len("0.12345678901234568"), 2]


def test_widths_count_what_a_cell_shows_and_skip_empty_cells():
    data = rows_xml([["abc", None, 1.25], ["a", float("nan"), 10.5]], 2, 3)
    assert data.widths == [3, None, 4]
    assert (data.last_row, data.quoted) == (3, False)


def test_the_dimension_covers_the_new_rows():
    sheet = openpyxl.load_workbook(io.BytesIO(_spliced([VALUES] * 3)), read_only=True).active
    assert sheet.calculate_dimension() == "A1:T4"


def test_a_character_xml_cannot_hold_is_refused_as_openpyxl_does():
    with pytest.raises(IllegalCharacterError):
        rows_xml([["bell\x07"]], 2, 1)


def test_number_formats_apply_per_column_with_one_style_per_distinct_format():
    book = openpyxl.Workbook()
    book.active.append(["head"])
    out = io.BytesIO()
    book.save(out)
    data = RowsXml(2, 4, number_formats={0: "0.0000", 1: "0.000", 3: "0.0000"})
    data.add([np.array([0.123456, 2.0]), np.array([1.5, 0.25]), ["a", "b"],
              np.array([7.0, 0.00005])])
    package = splice_rows(out.getvalue(), "xl/worksheets/sheet1.xml", data, 4)
    sheet = openpyxl.load_workbook(io.BytesIO(package)).active
    assert [[c.number_format for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["0.0000", "0.000", "General", "0.0000"]] * 2
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        [0.123456, 1.5, "a", 7.0], [2.0, 0.25, "b", 0.00005]]  # stored in full
    styles = zipfile.ZipFile(io.BytesIO(package)).read("xl/styles.xml").decode()
    assert styles.count('formatCode="0.0000"') == 1
    assert styles.count('formatCode="0.000"') == 1
    assert styles.count("<numFmts") == 1  # openpyxl's empty one replaced, not doubled
