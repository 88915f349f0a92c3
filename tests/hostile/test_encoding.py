"""Issue 13, item 4: the encoding of a CSV is decided on evidence, never guessed silently.

Choice: a Windows-1252 file whose bytes also decode as CP949 is **refused**, with the row and
both readings; we do not read it as Windows-1252 (a guess that is wrong for Korean files with
a rare syllable) and never as CP949 without Korean evidence.
"""

from __future__ import annotations

import pytest

from exportmcda.cli.main import main
from exportmcda.data.io import load, read_table
from exportmcda.errors import InputError
from tests.hostile.cases import (
    WINDOWS_1252_NAMES,
    korean_cp949_csv,
    mixed_encoding_csv,
    sample_csv,
)


def _sample_csv(encoding: str, name_of_first: str | None = None) -> bytes:
    return sample_csv(name_of_first, column="company_name", key="company_id",
                      encoding=encoding, korean=False)


def test_a_genuine_cp949_korean_file_still_loads():
    data = korean_cp949_csv()
    db = load(data, "korean.csv")
    assert db.rows["company_name"].iloc[0].endswith(" 서울스마트(주)")
    assert read_table(data, "korean.csv").encoding == "cp949"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom_reads_typographic_punctuation(encoding):
    data = _sample_csv(encoding, "Kim’s “Smart” Kiosk – Busan")
    db = load(data, "utf8.csv")
    assert db.rows["company_name"].iloc[0] == "Kim’s “Smart” Kiosk – Busan"


def test_windows_1252_read_as_cp949_is_refused_with_both_readings():
    data = _sample_csv("cp1252", "Kim’s Kiosk")
    with pytest.raises(InputError) as caught:
        read_table(data, "kim.csv")
    issue = caught.value.issues[0]
    assert issue.code == "encoding_ambiguous"
    assert issue.row == 2
    assert "Kim뭩 Kiosk" in issue.message  # the CP949 reading
    assert "Kim’s Kiosk" in issue.message  # the Windows-1252 reading
    assert "UTF-8" in issue.message


@pytest.mark.parametrize("name", WINDOWS_1252_NAMES)
def test_no_cp1252_punctuation_ever_loads_as_korean(name):
    data = _sample_csv("cp1252", name)
    with pytest.raises(InputError) as caught:
        load(data, "w.csv")
    assert caught.value.code in ("encoding", "encoding_ambiguous")
    assert caught.value.issues[0].row == 2


def test_a_korean_file_with_one_windows_1252_row_is_refused_at_that_row():
    with pytest.raises(InputError) as caught:
        read_table(mixed_encoding_csv(), "mixed.csv")
    assert caught.value.code == "encoding_ambiguous"
    assert caught.value.issues[0].row == 6


def test_the_cli_exits_1_naming_the_row_and_the_readings(tmp_path, capsys):
    path = tmp_path / "kim.csv"
    path.write_bytes(_sample_csv("cp1252", "Kim’s Kiosk"))
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "row 2" in captured.out
    assert "Kim뭩" in captured.out
    assert "Kim’s" in captured.out
