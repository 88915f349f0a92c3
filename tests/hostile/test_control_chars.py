"""Issue 13, item 5: what the export cannot write is refused by validation, with row and column.

Choice: tab, line feed and carriage return inside a cell are **kept** (valid XML, and a
multi-line cell is ordinary in Excel; the CSV export quotes them, a leading tab or CR is
neutralised as a formula prefix). Every other C0 control character and U+FFFE/U+FFFF are
refused; a cell over 32,767 characters (Excel's limit) is refused.
"""

from __future__ import annotations

import dataclasses

import pytest

from exportmcda.cli.main import main
from exportmcda.data.io import load
from exportmcda.data.validate import MAX_CELL_CHARS
from exportmcda.errors import InputError
from tests.hostile.cases import CONTROL_CHARACTERS, header_control_csv, late_nul_csv
from tests.hostile.cases import sample_csv as _csv


@pytest.mark.parametrize("char", CONTROL_CHARACTERS)
def test_a_control_character_is_refused_with_row_and_column(char):
    with pytest.raises(InputError) as caught:
        load(_csv(f"Smart{char}Pole"), "ctl.csv")
    issue = caught.value.issues[0]
    assert (issue.code, issue.row, issue.field) == ("control_character", 2, "technology_name")
    assert f"U+{ord(char):04X}" in issue.message
    assert "\\x" in (issue.value or "")


def test_a_nul_in_the_first_64_kib_is_a_binary_file():
    with pytest.raises(InputError) as caught:
        load(_csv("Smart\x00Pole"), "nul.csv")
    assert caught.value.code == "not_a_table"


def test_a_nul_after_the_first_64_kib_is_refused_too():
    data, row = late_nul_csv()
    assert data.index(b"\x00") > 65536
    with pytest.raises(InputError) as caught:
        load(data, "late-nul.csv")
    issue = caught.value.issues[0]
    assert issue.code == "control_character"
    assert issue.row == row


def test_a_control_character_in_a_header_or_an_extra_column_is_refused():
    with pytest.raises(InputError) as caught:
        load(header_control_csv(), "h.csv")
    found = {(i.row, i.field) for i in caught.value.issues if i.code == "control_character"}
    assert (1, "notes\x07") in found
    assert any(row >= 2 and field == "memo" for row, field in found)


def test_tab_and_newline_inside_a_cell_are_kept():
    db = load(_csv("Line one\nline\ttwo"), "multi.csv")
    assert db.rows["technology_name"].iloc[0] == "Line one\nline\ttwo"


def test_any_reader_s_table_is_checked_not_only_csv():
    # openpyxl returns "_x0007_" literally for inline strings; whatever a reader yields, the
    # check sits in validate(), on the RawTable every reader produces.
    from exportmcda.data.io import read_table
    from exportmcda.data.validate import validate

    raw = read_table(_csv("fine"), "t.csv")
    rows = list(raw.rows)
    rows[0] = ("T\x1bX", *rows[0][1:])
    with pytest.raises(InputError) as caught:
        validate(dataclasses.replace(raw, rows=tuple(rows)))
    found = [(i.row, i.field) for i in caught.value.issues if i.code == "control_character"]
    assert found == [(2, raw.header[0])]


def test_a_name_over_excels_cell_limit_is_refused():
    with pytest.raises(InputError) as caught:
        load(_csv("x" * (MAX_CELL_CHARS + 1)), "long.csv")
    issue = caught.value.issues[0]
    assert (issue.code, issue.row, issue.field) == ("cell_too_long", 2, "technology_name")
    assert len(issue.value or "") < 100


def test_a_name_at_the_limit_validates_and_exports(tmp_path):
    path = tmp_path / "edge.csv"
    path.write_bytes(_csv("x" * MAX_CELL_CHARS))
    assert main(["validate", str(path)]) == 0


def test_validate_exits_1_and_export_never_sees_the_character(tmp_path, capsys):
    path = tmp_path / "bell.csv"
    path.write_bytes(_csv("Smart\x07Pole"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "row 2" in out
    assert "technology_name" in out
    code = main(["export", "--country", "VNM", "--data", str(path), "--out",
                 str(tmp_path / "s.xlsx")])
    assert code == 1
    assert not (tmp_path / "s.xlsx").exists()
