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
