"""Deciding a CSV's encoding on evidence, chunk by chunk (exportmcda.data.encoding)."""

from __future__ import annotations

import io

import pytest

from exportmcda.data import encoding
from exportmcda.data.encoding import decide_encoding
from exportmcda.errors import InputError

KOREAN = "id,name\nT1,지능형 교통 신호\nT2,스마트 가로등\n"


def _decide(data: bytes) -> str:
    return decide_encoding(io.BytesIO(data), "x.csv")


def _refusal(data: bytes) -> tuple[str, int | None, str]:
    with pytest.raises(InputError) as caught:
        _decide(data)
    issue = caught.value.issues[0]
    return issue.code, issue.row, issue.message


@pytest.mark.parametrize(("data", "expected"), [
    (KOREAN.encode("utf-8"), "utf-8"),
    (KOREAN.encode("utf-8-sig"), "utf-8-sig"),
    (KOREAN.encode("cp949"), "cp949"),
    (b"id,name\nT1,plain\n", "utf-8"),
])
def test_the_encodings_read(data, expected):
    stream = io.BytesIO(data)
    assert decide_encoding(stream, "x.csv") == expected
    assert stream.tell() == 0  # left at the start for the reader


def test_a_character_cut_by_a_chunk_boundary_is_still_utf8(monkeypatch):
    monkeypatch.setattr(encoding, "CHUNK_BYTES", 7)  # cuts the 3-byte Hangul characters
    assert _decide(KOREAN.encode("utf-8")) == "utf-8"
    assert _decide(KOREAN.encode("cp949")) == "cp949"


def test_the_first_bad_byte_is_named_with_its_row(monkeypatch):
    monkeypatch.setattr(encoding, "CHUNK_BYTES", 5)
    data = b"a,b\nx,y\nz,\xff\xfe\n"
    code, row, message = _refusal(data)
    assert (code, row) == ("encoding", 3)
    assert "0xff" in message


def test_a_bad_byte_after_a_bom_is_the_byte_shown():
    code, row, message = _refusal(b"\xef\xbb\xbfa,b\n1,\xfe\n")
    assert (code, row) == ("encoding", 2)
    assert "0xfe" in message  # not a byte 3 places off (the BOM)


def test_windows_1252_is_refused_with_both_readings_and_the_row(monkeypatch):
    monkeypatch.setattr(encoding, "CHUNK_BYTES", 4)
    data = "id,name\nT1,fine\nT2,Kim’s Kiosk\n".encode("cp1252")
    code, row, message = _refusal(data)
    assert (code, row) == ("encoding_ambiguous", 3)
    assert "'T2,Kim뭩 Kiosk'" in message
    assert "'T2,Kim’s Kiosk'" in message


@pytest.mark.parametrize(("data", "code"), [
    ("a,b\n".encode("utf-16"), "encoding"),
    (b"a,b\n\x00\x01", "not_a_table"),
])
def test_utf16_and_binary_files(data, code):
    assert _refusal(data)[0] == code
