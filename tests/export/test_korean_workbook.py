"""A Korean workbook reads in Korean on every sheet (issue 11, item 1).

The allow-list is tests/korean.py.
"""

import io

import openpyxl
import pytest

import exportmcda as em
from exportmcda.export.record import RECORD_SHEETS, read_record
from exportmcda.export.reports import NUMBER_FORMAT, shortlist_xlsx
from exportmcda.model.market_evidence import market_evidence
from tests.export.workbooks import TOP, WHEN
from tests.korean import english_words, is_citation_column


@pytest.fixture(scope="module")
def korean_india(db):
    """India, balanced, names in Korean (as the Korean app and ``export --lang ko`` rank)."""
    return em.select(
        db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND"), lang="ko"
    )


@pytest.fixture(scope="module")
def korean(korean_india, db):
    markets = market_evidence(korean_india, db=db, technologies=list(korean_india.top_ids(TOP)))
    data = shortlist_xlsx(korean_india, top=TOP, lang="ko", created=WHEN, markets=markets)
    return data, openpyxl.load_workbook(io.BytesIO(data))


def _english_cells(ws):
    """(cell, words) of every cell with English outside a citation column.

    A row holding a citation column's title starts a table whose citation columns are
    skipped down to the next blank row."""
    skipped: set[int] = set()
    for row in ws.iter_rows():
        if all(c.value in (None, "") for c in row):
            skipped = set()
            continue
        titles = {c.column for c in row if is_citation_column(c.value)}
        if titles:
            skipped = titles
        for c in row:
            if (
                c.column not in skipped
                and c.value is not None
                and (words := english_words(c.value))
            ):
                yield c.coordinate, words


def test_every_sheet_of_a_korean_workbook_is_korean(korean):
    _, wb = korean
    assert wb.sheetnames == [
        "후보 목록",
        "가중치와 AHP",
        "대상국 정책",
        "지표",
        "시장",
        "출처 정보",
        "가정",
        "감사기록",
    ]
    found = {ws.title: list(_english_cells(ws)) for ws in wb if ws.title != "감사기록"}
    assert found == {title: [] for title in found}


def test_the_scan_finds_english_where_a_code_was_shown(korean):
    """The scan's own check: the codes the Korean workbook used to show are English to it."""
    for code in (
        "benefit",
        "assumed-mapping",
        "utilization",
        "undated",
        "balanced",
        "Strong",
        "Thin",
        "Moderate",
    ):
        assert english_words(code) == [code]
    for allowed in (
        "TOPSIS",
        "T0889",
        "criteria/markets.toml",
        "IoT",
        "λmax = 6.0000",
        "SHA-256",
        "Saaty 1980년 표",
        "VNM, IDN",
    ):
        assert english_words(allowed) == [], allowed


def test_korean_terms_where_the_workbook_showed_codes(korean):
    _, wb = korean
    weights = [r for r in wb["가중치와 AHP"].iter_rows(values_only=True)]
    assert weights[1][:3] == ("국내 활용도", "분야 활용도", "편익(클수록 좋음)")
    assert weights[19][:7] == (
        None,
        "국내 활용도",
        "기술 실적",
        "기업 역량",
        "지역 기반",
        "대상국 정책 부합도",
        "중소기업 수출 지원",
    )
    country = [r for r in wb["대상국 정책"].iter_rows(values_only=True)]
    assert {r[2] for r in country[4:25]} == {"출처 확인", "가정 매핑"}
    years = [r[3] for r in country if r[0] in ("IND2", "IND8", "IND11")]
    assert years == ["연도 미상", "연도 미상", "연도 미상 (약 2018-19)"]
    assumptions = [r[0] for r in wb["가정"].iter_rows(values_only=True)]
    assert assumptions[1].startswith("A1: 기술×분야 행 12개")
    assert len(assumptions) == 1 + 20 + 1 + 2  # title, A1-A20, the scenario, 2 assumed scores
    assert assumptions[21] == "시나리오: 균형 — 근거: 가정(전문가 설문 아님)"
    provenance = {r[0]: r[1] for r in wb["출처 정보"].iter_rows(values_only=True) if r[0]}
    assert provenance["데이터"] == "exportmcda 샘플 데이터베이스(합성)"
    assert provenance["감사 기록"] == (
        "'감사기록' 시트(JSON); 재현 확인: exportmcda verify FILE.xlsx"
    )


def test_scores_and_weights_have_a_number_format(korean):
    data, wb = korean
    shortlist = wb["후보 목록"]
    assert shortlist["J6"].value == "점수(TOPSIS 근접도)"
    score = shortlist["J7"]
    assert score.number_format == NUMBER_FORMAT
    assert score.value == read_record(data).shortlist[0].score  # stored in full
    assert shortlist["A7"].number_format == "General"  # a rank stays a whole number
    weights = wb["가중치와 AHP"]
    assert weights["E2"].number_format == NUMBER_FORMAT  # a global weight
    assert wb["시장"]["E4"].number_format == NUMBER_FORMAT  # a country's score


def test_an_english_workbook_keeps_its_record_sheet_name(india):
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(india, top=3, created=WHEN)))
    assert wb.sheetnames[-1] == RECORD_SHEETS[0] == "record"
