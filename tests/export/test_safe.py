"""Formula prefixes and file-name cleaning: the one place each is defined."""

from __future__ import annotations

import pytest

from exportmcda.export import record, reports
from exportmcda.export.safe import FORMULA_PREFIXES, looks_like_formula, safe_filename


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_prefixes_are_the_owasp_list(text: str) -> None:
    assert looks_like_formula(text)


@pytest.mark.parametrize("value", ["Seoul", " =x", "", 3, None, -1.0])
def test_other_values_are_not_formulas(value: object) -> None:
    assert not looks_like_formula(value)


def test_the_record_avoids_the_same_prefixes_and_blanks() -> None:
    assert (*FORMULA_PREFIXES, "\n", " ") == record._UNSAFE_START
    assert not hasattr(reports, "FORMULA_PREFIXES")  # imported, not redefined


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("exportmcda_IND_balanced_20260102", "exportmcda_IND_balanced_20260102"),
        ("café/../..", "cafe"),
        ("a b\\c:d", "a-b-c-d"),
        ("..hidden.", "hidden"),
        ("스마트시티", "exportmcda"),
    ],
)
def test_safe_filename(text: str, name: str) -> None:
    assert safe_filename(text) == name


def test_safe_filename_fallback_and_limit() -> None:
    assert safe_filename("균형", fallback="scenario") == "scenario"
    assert safe_filename("x" * 200) == "x" * 80
    assert safe_filename("ab-" + "c" * 10, limit=3) == "ab"


def test_neutral_text_prefixes_formula_text_only():
    from exportmcda.export.safe import neutral_text

    assert neutral_text("=1+1") == "'=1+1"
    assert neutral_text("\t=1") == "'\t=1"
    assert neutral_text("a\n=1") == "a\n=1"  # a line break inside a value stays
    assert neutral_text(-3.5) == -3.5  # numbers are not text
    assert neutral_text("Smart Pole") == "Smart Pole"


def test_text_cell_writes_formula_looking_text_as_text():
    import openpyxl

    from exportmcda.export.safe import text_cell

    ws = openpyxl.Workbook().active
    text_cell(ws["A1"], "=HYPERLINK(\"http://x\")\nnext")
    text_cell(ws["A2"], "Regional base")
    assert (ws["A1"].value, ws["A1"].data_type, ws["A1"].quotePrefix) == (
        '=HYPERLINK("http://x")\\nnext', "s", True)
    assert (ws["A2"].value, ws["A2"].data_type, ws["A2"].quotePrefix) == (
        "Regional base", "s", False)
