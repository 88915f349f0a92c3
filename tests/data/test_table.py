"""The raw table between reading and validation (exportmcda.data.table)."""

import dataclasses

import pytest

from exportmcda.data.io import read_table
from exportmcda.data.table import RawTable

# Header on spreadsheet row 1; row 3 is blank and row 4 has only empty cells (both left out
# but counted); row 5 holds a quoted cell over two lines.
CSV = 'id,name\nT1,가로등\n\n,\nT2,"multi\nline"\n'.encode()
CSV_SHA256 = "646df01a10e37519c3a4ab160d3d2612a7860c6179b1757d880a9100da710ab4"


def test_a_read_table_keeps_text_cells_and_spreadsheet_row_numbers():
    assert read_table(CSV, name="x.csv") == RawTable(
        name="x.csv",
        header=("id", "name"),
        rows=(("T1", "가로등"), ("T2", "multi\nline")),
        row_numbers=(2, 5),
        encoding="utf-8",
        sha256=CSV_SHA256,
    )


def test_the_encoding_read_is_recorded():
    table = read_table("id,name\nT1,가로등\n".encode("cp949"), name="y.csv")
    assert (table.encoding, table.rows) == ("cp949", (("T1", "가로등"),))


def test_a_raw_table_is_frozen_and_keyword_only():
    table = read_table(CSV, name="x.csv")
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.name = "other.csv"  # type: ignore[misc]
    with pytest.raises(TypeError):
        RawTable("x.csv", ("id",), (), (), "utf-8", CSV_SHA256)  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(RawTable)] == [
        "name", "header", "rows", "row_numbers", "encoding", "sha256"]


def test_column_rows_read_as_the_rows_they_hold():
    import numpy as np

    from exportmcda.data.table import ColumnRows

    rows = ColumnRows([np.array([0, 1, 0], dtype=np.int32), np.array([0, 0, 1])],
                      [["T1", "T2"], ["가로등", "CCTV"]])
    expected = (("T1", "가로등"), ("T2", "가로등"), ("T1", "CCTV"))
    assert rows == expected
    assert expected == rows
    assert (len(rows), rows[1], rows[-1], rows[1:]) == (3, expected[1], expected[2],
                                                         expected[1:])
    assert list(rows) == list(expected)
    assert hash(rows) == hash(expected)
    assert rows != (("T1", "가로등"),)
    with pytest.raises(ValueError, match="one code array"):
        ColumnRows([np.array([0])], [["a"], ["b"]])


def test_rows_read_in_blocks_are_the_rows_read_at_once(monkeypatch):
    from exportmcda.data import io

    text = b"id,name,note\nT1,a\nT2,b,x\n\n,,\nT3\nT4,d,y,extra\nT5,e\n"
    whole = read_table(text, "b.csv")
    monkeypatch.setattr(io, "_BLOCK_ROWS", 2)  # blocks of unequal width, one of one row
    assert read_table(text, "b.csv") == whole
    assert whole.rows == (("T1", "a", "", ""), ("T2", "b", "x", ""), ("T3", "", "", ""),
                          ("T4", "d", "y", "extra"), ("T5", "e", "", ""))
    assert whole.row_numbers == (2, 3, 6, 7, 8)
    assert whole.header == ("id", "name", "note", "")
