"""Issue 13, item 9: a large file is refused after its header, and reading stays bounded.

Choice: the header is checked before any data row (``load`` passes
``validate.check_header``), so a file that lacks a required column is refused after reading
one row, whatever its length; the other limits (rows, cells per row, cell length, time) are
named constants in ``exportmcda.data.limits`` and each refusal names the file and the row.
The tests assert behaviour -- which rows were read (a counting hook on the readers'
record generators) and how much memory reading took -- never wall time.
"""

from __future__ import annotations

import io as stdio
import tracemalloc

import openpyxl
import pytest

from exportmcda.cli.main import main
from exportmcda.data import io
from exportmcda.data.database import REQUIRED_COLUMNS
from exportmcda.data.limits import MAX_CELL_CHARS
from exportmcda.errors import InputError

ROW = ["T{n}", "Smart pole", "C1", "Hanbit", "Traffic", "AI", "Seoul", "SME", "3", "2", "3",
       "3"]
HEADER = [*REQUIRED_COLUMNS, "capital_class", "sales_class", "history_class", "employees_class"]
ROWS = 200_000


def _csv(header: list[str], rows: int) -> bytes:
    """A CSV of ``rows`` data rows (about 14 MB for 200,000), one technology per row."""
    keep = [k for k, name in enumerate(HEADER) if name in header]
    template = ",".join(ROW[k] for k in keep) + "\n"
    body = "".join(template.replace("{n}", str(n)) for n in range(rows))
    return (",".join(header) + "\n" + body).encode("utf-8")


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the records each reader yields (CSV and xlsx): the rows actually read."""
    seen: list[int] = []
    for name in ("_csv_records", "_xlsx_records"):
        original = getattr(io, name)

        def counting(*args: object, original: object = original, **kwargs: object):
            for record in original(*args, **kwargs):  # type: ignore[operator]
                seen.append(1)
                yield record

        monkeypatch.setattr(io, name, counting)
    return seen


def test_a_long_csv_without_a_column_is_refused_after_its_header(tmp_path, rows_read):
    header = [c for c in HEADER if c != "region"]
    path = tmp_path / "big.csv"
    path.write_bytes(_csv(header, ROWS))
    assert path.stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            io.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [issue] = caught.value.issues
    assert (issue.code, issue.field, issue.path) == ("missing_column", "region", str(path))
    assert "region" in str(issue)
    assert len(rows_read) == 1  # the header, and no data row
    assert peak < 8_000_000  # a few chunks of the file, never the file or its rows


def test_every_missing_column_is_named_at_once(tmp_path):
    header = [c for c in HEADER if c not in ("region", "field", "sales_class")]
    path = tmp_path / "two.csv"
    path.write_bytes(_csv(header, 1000))
    with pytest.raises(InputError) as caught:
        io.load(path)
    assert {(i.code, i.field) for i in caught.value.issues} == {
        ("missing_column", "field"), ("missing_column", "region"),
        ("missing_column", "sales_class"),
    }


def test_a_workbook_without_a_column_is_refused_after_its_header(rows_read):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    header = [c for c in HEADER if c != "company_size"]
    sheet.append(header)
    for n in range(20_000):
        sheet.append([f"T{n}", "Smart pole", "C1", "Hanbit", "Traffic", "AI", "Seoul", 3, 2, 3,
                      3])
    out = stdio.BytesIO()
    book.save(out)
    with pytest.raises(InputError) as caught:
        io.load(out.getvalue(), "big.xlsx")
    [issue] = caught.value.issues
    assert (issue.code, issue.field, issue.path) == ("missing_column", "company_size",
                                                     "big.xlsx")
    assert len(rows_read) == 1


def test_the_cli_names_the_file_and_the_column(tmp_path, capsys):
    path = tmp_path / "no-region.csv"
    path.write_bytes(_csv([c for c in HEADER if c != "region"], 5000))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "no-region.csv" in out
    assert "'region'" in out


def test_a_complete_header_reads_every_row(rows_read):
    raw = io.read_table(_csv(HEADER, 3000), "ok.csv", header_check=lambda h, n: None)
    assert len(raw.rows) == 3000
    assert len(rows_read) == 3001


def test_too_many_rows_is_refused_at_the_first_row_beyond(monkeypatch):
    monkeypatch.setattr(io, "MAX_ROWS", 1000)
    with pytest.raises(InputError) as caught:
        io.read_table(_csv(HEADER, 5000), "rows.csv")
    assert (caught.value.code, caught.value.issues[0].row) == ("too_many_rows", 1002)


def test_too_many_cells_in_a_row_is_refused_with_its_row(monkeypatch):
    monkeypatch.setattr(io, "MAX_COLUMNS", 12)
    data = _csv(HEADER, 10) + b"T9,a,C1,b,Traffic,AI,Seoul,SME,3,2,3,3,extra\n"
    with pytest.raises(InputError) as caught:
        io.read_table(data, "wide.csv")
    issue = caught.value.issues[0]
    assert (issue.code, issue.row, issue.path) == ("too_many_columns", 12, "wide.csv")
    assert "13" in issue.message


def test_a_cell_placed_far_right_in_a_workbook_is_refused():
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(ROW)
    book.active["XFD2"] = "far"  # column 16,384
    out = stdio.BytesIO()
    book.save(out)
    with pytest.raises(InputError) as caught:
        io.read_table(out.getvalue(), "far.xlsx")
    assert (caught.value.code, caught.value.issues[0].row) == ("too_many_columns", 2)


def test_reading_longer_than_the_time_limit_stops_with_the_row(monkeypatch):
    monkeypatch.setattr(io, "MAX_READ_SECONDS", 0.0)
    with pytest.raises(InputError) as caught:
        io.read_table(_csv(HEADER, 10_000), "slow.csv")
    issue = caught.value.issues[0]
    assert issue.code == "read_too_slow"
    assert issue.row == 4096  # the clock is read every 4,096 rows
    assert "CSV" in issue.message


def test_a_cell_over_the_limit_names_row_and_column(tmp_path):
    long = "x" * (MAX_CELL_CHARS + 1)
    data = _csv(HEADER, 3).replace(b"Smart pole", long.encode(), 1)
    with pytest.raises(InputError) as caught:
        io.load(data, "long.csv")
    issue = caught.value.issues[0]
    assert (issue.code, issue.row, issue.field) == ("cell_too_long", 2, "technology_name")
