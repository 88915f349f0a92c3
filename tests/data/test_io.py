"""Reading CSV/XLSX files and uploads safely; atomic writes; the sample; interchange export."""

from __future__ import annotations

import csv
import hashlib
import io as stdio
import os
import random
import stat
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from exportmcda.data import io
from exportmcda.data.database import REQUIRED_COLUMNS
from exportmcda.data.taxonomy import FIELDS
from exportmcda.data.validate import summary, validate
from exportmcda.errors import ConfigError, InputError

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "small_database.csv"
HEADER = [
    *REQUIRED_COLUMNS,
    "capital_krw",
    "sales_class",
    "founded_year",
    "employees_class",
    "메모",
]
ROWS = [
    [
        "T1",
        "교통 신호 최적화",
        "C1",
        "한빛모빌리티",
        "교통",
        "인공지능",
        "서울",
        "중소기업",
        "1200000000",
        "2",
        "2009",
        "3",
        "시범 사업",
    ],
    [
        "T1",
        "교통 신호 최적화",
        "C1",
        "한빛모빌리티",
        "방범",
        "",
        "서울특별시",
        "SME",
        "1,200,000,000",
        "2",
        "2009",
        "3",
        "",
    ],
    [
        "T2",
        "Flood Sensor",
        "C2",
        "Daon Water",
        "Water management",
        "Sensor",
        "부산",
        "중견기업",
        "",
        "4",
        "1994",
        "4",
        "x",
    ],
]


def csv_text(rows: list[list[str]] = ROWS, sep: str = ",") -> str:
    out = stdio.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows([HEADER, *rows])
    return out.getvalue()


def xlsx_bytes(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = stdio.BytesIO()
    book.save(out)
    return out.getvalue()


def code_of(source: object, name: str | None = None) -> tuple[str, int | None]:
    with pytest.raises(InputError) as info:
        io.read_table(source, name)  # type: ignore[arg-type]
    issue = info.value.issues[0]
    return issue.code, issue.row


# ------------------------------------------------------------------ encodings and formats


def test_utf8_bom_cp949_and_xlsx_load_to_the_same_database(tmp_path):
    text = csv_text()
    files = {
        "utf-8": ("a.csv", text.encode("utf-8")),
        "utf-8-sig": ("b.csv", text.encode("utf-8-sig")),
        "cp949": ("c.csv", text.encode("cp949")),
        "xlsx": ("d.xlsx", xlsx_bytes(ROWS)),
    }
    dbs = []
    for encoding, (name, data) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        raw = io.read_table(path)
        assert raw.encoding == encoding
        assert raw.name == str(path)
        dbs.append(io.load(path))
    for db in dbs[1:]:
        pd.testing.assert_frame_equal(db.rows, dbs[0].rows)
    db = dbs[0]
    assert db.extra_columns == ("메모",)
    assert db.rows["메모"].tolist() == ["시범 사업", "", "x"]
    assert db.rows["company_name"].tolist()[0] == "한빛모빌리티"
    assert db.rows["field"].tolist() == [6, 13, 11]
    assert summary(db)["rows_without_service_type"] == 1


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated(sep):
    raw = io.read_table(csv_text(sep=sep).encode(), "x.csv")
    assert raw.header == tuple(HEADER)
    assert raw.rows[1][8] == "1,200,000,000"


def test_bytes_and_path_hash_the_bytes_read(tmp_path):
    data = csv_text().encode()
    (tmp_path / "db.csv").write_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    assert io.read_table(data).sha256 == io.read_table(tmp_path / "db.csv").sha256 == expected
    assert io.read_table(data).name == "upload"


def test_xlsx_formula_is_literal_text_and_numbers_keep_their_digits():
    rows: list[list[object]] = [list(ROWS[0]), list(ROWS[2])]
    rows[0][1] = '=HYPERLINK("x")'
    rows[0][8], rows[0][9], rows[0][10] = 1.2e9, 2.0, 2009
    rows[1][12] = 0.1
    raw = io.read_table(xlsx_bytes(rows), "f.xlsx")
    assert raw.rows[0][1] == '=HYPERLINK("x")'
    assert raw.rows[0][8:11] == ("1200000000", "2", "2009")
    assert raw.rows[1][12] == "0.1"
    db = validate(raw)
    assert db.rows.loc[0, "technology_name"] == '=HYPERLINK("x")'
    assert db.rows.loc[0, "capital_krw"] == 1_200_000_000


def test_workbook_is_recognised_by_content_whatever_its_name():
    raw = io.read_table(xlsx_bytes(ROWS), "exported.csv")
    assert raw.encoding == "xlsx"
    assert raw.rows[0][1] == "교통 신호 최적화"


def test_xlsx_empty_rows_keep_spreadsheet_row_numbers():
    raw = io.read_table(xlsx_bytes([ROWS[0], [], [], ROWS[2]]), "gap.xlsx")
    assert raw.row_numbers == (2, 5)
    with pytest.raises(InputError) as info:
        validate(
            io.read_table(
                xlsx_bytes([ROWS[0], [], ["T9", *ROWS[2][1:4], "Nowhere", *ROWS[2][5:]]]),
                "gap.xlsx",
            )
        )
    [issue] = info.value.issues
    assert (issue.code, issue.row, issue.field, issue.path) == (
        "unknown_field",
        4,
        "field",
        "gap.xlsx",
    )


def test_csv_rows_are_padded_and_blank_rows_skipped():
    text = csv_text() + ",,,,\r\n" + "T3,n,C3,c,Finance,,Seoul,SME\r\n"
    raw = io.read_table(text.encode(), "p.csv")
    assert raw.row_numbers == (2, 3, 4, 6)
    assert raw.rows[-1] == ("T3", "n", "C3", "c", "Finance", "", "Seoul", "SME", "", "", "", "", "")


def test_multiline_quoted_cell_counts_as_one_spreadsheet_row():
    text = csv_text([[*ROWS[0][:12], "line one\nline two"], ROWS[2]])
    raw = io.read_table(text.encode(), "m.csv")
    assert raw.row_numbers == (2, 3)
    assert raw.rows[0][12] == "line one\nline two"


# ------------------------------------------------------------------ bad files


def test_random_bytes_are_not_a_table():
    junk = random.Random(0).randbytes(4096)
    assert code_of(junk, "junk.csv")[0] == "not_a_table"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
)
def test_images_pdf_and_old_xls_are_not_a_table(data):
    assert code_of(data, "x.csv")[0] == "not_a_table"


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n"])
def test_empty_file(data):
    assert code_of(data, "e.csv") == ("empty_file", None)


def test_single_column_csv_is_not_a_table():
    assert code_of(b"technology_id\nT1\nT2\n", "one.csv") == ("one_column", 1)


def test_blank_first_row_is_not_a_table():
    assert code_of(b",,\nT1,a,b\n", "blank.csv") == ("not_a_table", 1)


def test_xlsx_name_but_not_a_zip():
    assert code_of(csv_text().encode(), "db.xlsx")[0] == "not_a_table"


def test_zip_that_is_not_a_workbook():
    out = stdio.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert code_of(out.getvalue(), "z.xlsx")[0] == "not_a_table"


def test_zip_bomb_like_member_is_refused_before_opening():
    from tests.hostile.cases import zip_bomb_xlsx

    data = zip_bomb_xlsx()
    assert len(data) < 100_000  # ~1000:1, as DEFLATE bombs are
    with pytest.raises(InputError) as info:
        io.read_table(data, "bomb.xlsx")
    assert info.value.code == "too_large"
    assert "zip bomb" in info.value.issues[0].message


def test_workbook_unpacking_beyond_the_total_limit_is_refused(monkeypatch):
    data = xlsx_bytes(ROWS)
    monkeypatch.setattr(io, "MAX_UNZIPPED_BYTES", 1000)
    assert code_of(data, "big.xlsx")[0] == "too_large"


def test_openpyxl_refuses_xml_entities_because_defusedxml_is_installed():
    assert openpyxl.DEFUSEDXML is True


def test_oversized_file_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(io, "MAX_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_bytes(csv_text().encode())
    assert code_of(path)[0] == "too_large"
    assert code_of(csv_text().encode())[0] == "too_large"


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(io, "MAX_ROWS", 2)
    assert code_of(csv_text().encode(), "rows.csv") == ("too_many_rows", 4)


def test_undecodable_bytes_and_utf16_are_encoding_issues():
    assert code_of(b"a,b\nx,\xff\xff\n", "bad.csv") == ("encoding", 2)
    assert code_of(csv_text().encode("utf-16"), "u16.csv")[0] == "encoding"


def test_malformed_csv_quoting_is_reported_with_its_row():
    assert code_of(b'a,b\n1,2\n3,"unterminated\n', "q.csv") == ("not_a_table", 3)


def test_missing_file(tmp_path):
    assert code_of(tmp_path / "nope.csv")[0] == "file_not_found"
    assert code_of(tmp_path)[0] == "cannot_read"


# ------------------------------------------------------------------ export, sample, writes


def test_to_interchange_uses_english_names_and_keeps_extras():
    db = io.load(EXAMPLE)
    table = io.to_interchange(db)
    assert list(table.columns[:8]) == [
        "technology_id", "technology_name", "company_id", "company_name", "field",
        "service_type", "region", "company_size",
    ]
    assert table["field"].tolist()[:3] == ["Traffic", "Crime prevention", "Traffic"]
    assert table["region"].tolist()[3] == "Busan"
    assert table["service_type"].tolist()[9] == ""
    assert table["capital_class"].tolist()[0] == 3
    assert table.columns[-1] == "notes"
    again = io.load(table.to_csv(index=False).encode(), "again.csv")
    pd.testing.assert_frame_equal(again.rows, db.rows)


def test_load_sample_reproduces_the_study_counts():
    db = io.load_sample()
    # Study §III: 1,847 technology × field rows, 1,044 technologies, 300 companies,
    # 5 companies without a capital-stock class ("others").
    counts = summary(db)
    assert (counts["rows"], counts["technologies"], counts["companies"]) == (1847, 1044, 300)
    assert counts["companies_without_capital_class"] == 5
    assert db.provenance.synthetic
    assert db.provenance.assumptions
    assert db.provenance.source == "exportmcda sample database (synthetic)"
    assert db.provenance.notice() is not None
    assert set(db.rows["field"].dropna()) <= {f.number for f in FIELDS}


def test_write_bytes_atomic_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "out.csv"
    io.write_bytes_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    io.write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["out.csv"]


def test_write_bytes_atomic_failure_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old content")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ConfigError, match="the disk is full"):  # issue 13: a message
        io.write_bytes_atomic(target, b"new content that never lands")
    assert target.read_bytes() == b"old content"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_open_workbook_reads_several_sheets_behind_the_upload_guards():
    book = openpyxl.Workbook()
    book.active["A1"] = "=1+1"
    book.create_sheet("Second")["B2"] = 7
    buffer = stdio.BytesIO()
    book.save(buffer)
    with io.open_workbook(buffer.getvalue(), "two.xlsx") as (opened, name, sha256):
        assert opened.sheetnames == ["Sheet", "Second"]
        assert next(opened["Sheet"].iter_rows(values_only=True)) == ("=1+1",)  # not evaluated
        assert next(opened["Second"].iter_rows(min_row=2, values_only=True))[1] == 7
    assert name == "two.xlsx"
    assert len(sha256) == 64
    with pytest.raises(InputError) as error, io.open_workbook(b"a,b\n1,2\n", "t.csv"):
        pass
    assert error.value.code == "not_a_table"


def test_the_sample_has_every_assumption_in_korean_with_the_same_numbers() -> None:
    """data/sample/assumptions_ko.toml follows metadata.json: a regenerated sample whose
    figures change fails here until the Korean text follows (issue 11, item 1)."""
    import re

    provenance = io.load_sample().provenance
    korean = provenance.assumption_texts("ko")
    assert len(korean) == len(provenance.assumptions) == 20
    number = re.compile(r"\d+(?:[.,]\d+)*")
    for english, text in zip(provenance.assumptions, korean, strict=True):
        assert text.startswith(english.partition(":")[0] + ": ")
        assert re.search(r"[\uac00-\ud7a3]", text), text
        assert set(number.findall(english)) <= set(number.findall(text)), english[:4]
    assert korean[0].startswith("A1: 기술×분야 행 12개(단일 분야 기술 12개)에는 서비스 유형이")
    assert provenance.assumption_texts("en") == provenance.assumptions
    assert provenance.source_text("ko") == "exportmcda 샘플 데이터베이스(합성)"
    assert provenance.source_text("en") == provenance.source


def test_an_assumption_without_korean_stays_english() -> None:
    from exportmcda.data.database import Provenance

    p = Provenance(source="s", sha256="0", synthetic=True, assumptions=("A1: one", "A2: two"),
                   assumptions_ko=("A1: 하나", ""))
    assert p.assumption_texts("ko") == ("A1: 하나", "A2: two")
    assert Provenance(source="f.csv", sha256="0").source_text("ko") == "f.csv"
