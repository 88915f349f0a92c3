"""Issue 13, item 4: the encoding of a CSV is decided on evidence, never guessed silently.

Choice: a Windows-1252 file whose bytes also decode as CP949 is **refused**, with the row and
both readings; we do not read it as Windows-1252 (a guess that is wrong for Korean files with
a rare syllable) and never as CP949 without Korean evidence.
"""

from __future__ import annotations

import pytest

from exportmcda.cli.main import main
from exportmcda.data.io import load, load_sample, read_table, to_interchange
from exportmcda.errors import InputError


def _frame():
    frame = to_interchange(load_sample()).head(30)
    return frame[[c for c in frame.columns if not c.endswith("_ko")]].copy()


def _sample_csv(encoding: str, name_of_first: str | None = None) -> bytes:
    frame = _frame()
    if name_of_first is not None:
        first = frame["company_id"] == frame["company_id"].iloc[0]
        frame.loc[first, "company_name"] = name_of_first
    return frame.to_csv(index=False).encode(encoding)


def test_a_genuine_cp949_korean_file_still_loads():
    frame = _frame()
    frame["company_name"] = frame["company_id"] + " 서울스마트(주)"
    frame["technology_name"] = "지능형 교통 신호 제어"
    data = frame.to_csv(index=False).encode("cp949")
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


@pytest.mark.parametrize("name", ["“Smart” – bus", "Kim’s", "Café Ölçü", "naïve—done"])
def test_no_cp1252_punctuation_ever_loads_as_korean(name):
    data = _sample_csv("cp1252", name)
    with pytest.raises(InputError) as caught:
        load(data, "w.csv")
    assert caught.value.code in ("encoding", "encoding_ambiguous")
    assert caught.value.issues[0].row == 2


def test_a_korean_file_with_one_windows_1252_row_is_refused_at_that_row():
    frame = _frame()
    frame["company_name"] = "서울스마트(주)"
    text = frame.to_csv(index=False)
    lines = text.splitlines(keepends=True)
    bad = lines[5].replace("서울스마트(주)", "Kim’s Kiosk")
    data = b"".join(line.encode("cp949") for line in lines[:5]) + bad.encode("cp1252") + \
        b"".join(line.encode("cp949") for line in lines[6:])
    with pytest.raises(InputError) as caught:
        read_table(data, "mixed.csv")
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
