"""The app in a real browser: notice, keyboard weights, Korean, comparison, Excel download."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, screenshot, settle
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO

pytestmark = pytest.mark.browser

EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"
HOSTILE = '=HYPERLINK("x")'


def open_page(page: Page, path: str = "", **params: str) -> None:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    page.goto(f"{page.base}/{path}" + (f"?{query}" if query else ""))  # type: ignore[attr-defined]
    settle(page)


def ranking_table(page: Page, header: str = "Technology ID"):  # type: ignore[no-untyped-def]
    """The ranking grid (st.dataframe: its names are user text, shown as text). Its DOM copy
    holds the cells of the columns in view: Rank to Region, not the score."""
    return page.get_by_test_id("stDataFrame").filter(has_text=header).first


def slider(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stSlider").filter(has_text=label).first.get_by_role("slider")


def test_opens_with_the_synthetic_notice(page: Page) -> None:
    open_page(page)
    expect(page.get_by_text("Synthetic sample data").first).to_be_visible()
    expect(page.get_by_role("heading", name="Database overview")).to_be_visible()


def test_keyboard_moves_a_weight_and_the_ranking_follows(page: Page) -> None:
    open_page(page, "ranking")
    table = ranking_table(page)
    before = table.text_content()
    thumb = slider(page, "Firm capacity")
    thumb.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
        settle(page)
    # balanced: 3/14 ≈ 0.21, ten steps of 0.01 up
    assert float(thumb.input_value()) == pytest.approx(3 / 14 + 0.10, abs=0.015)
    assert table.text_content() != before
    # the weights still sum to 1: read the six top-level sliders
    total = sum(
        float(slider(page, label).input_value())
        for label in ("Domestic utilization", "Track record", "Firm capacity", "Regional base",
                      "Target-country policy fit", "SME export pathway")
    )
    assert abs(total - 1.0) <= 0.03  # each slider shows its weight rounded to 0.01


def test_korean_switch_and_screenshots_of_every_page(page: Page) -> None:
    for lang in ("en", "ko"):
        for path in ("", "ranking", "weights", "compare"):
            open_page(page, path, lang=lang)
            if lang == "ko":
                expect(page.get_by_text("합성 샘플 데이터").first).to_be_visible()
            screenshot(page, f"{path or 'overview'}-{lang}")
    open_page(page, "ranking")
    page.get_by_text("한국어", exact=True).click()
    settle(page)
    expect(page.get_by_role("heading", name="수출 기술 순위")).to_be_visible()
    korean_table = ranking_table(page, "기술 ID")
    expect(korean_table).to_be_visible()
    assert "lang=ko" in page.url


def test_ranking_with_ties_in_english_and_korean(page: Page, no_evidence_csv: Path) -> None:
    """SAU under market_fit_first, top 10: the ties T0135/T0735 (=6) and T0906 (=10) are shown
    and the cut-off note names T0909.

    The sample has no ties: the sample without its evidence columns (tests/no_evidence.py)
    is uploaded in the sidebar. Its track record is left out: the slider says so.
    """
    for lang, header, note, left_out in (
        ("en", "Technology ID", "leaves out T0909", "Left out: the database lacks"),
        ("ko", "기술 ID", "T0909를 제외", "제외됨: 데이터베이스에 이 기준을"),
    ):
        open_page(page, "ranking", lang=lang, country=TIE_COUNTRY, scenario=TIE_SCENARIO,
                  top="10")
        page.get_by_test_id("stSidebar").locator("input[type=file]").first.set_input_files(
            no_evidence_csv)
        settle(page)
        expect(page.get_by_text(no_evidence_csv.name).first).to_be_visible()
        table = ranking_table(page, header)
        expect(table).to_contain_text("=6")
        expect(table).to_contain_text("=10")
        expect(table).to_contain_text("T0906")  # the ids the note names are in the table
        assert "10.5" not in (table.text_content() or "")
        expect(page.get_by_text(note).first).to_be_visible()
        expect(page.get_by_text(left_out).first).to_be_visible()
        screenshot(page, f"ranking-ties-{TIE_COUNTRY}-{lang}")


def test_compare_two_targets(page: Page) -> None:
    open_page(page, "compare", compare="ASEAN,IND")
    expect(page.get_by_role("heading", name="ASEAN member states")).to_be_visible()
    expect(page.get_by_role("heading", name="India", exact=True)).to_be_visible()
    overlap = page.get_by_test_id("stTable").filter(has_text="ASEAN member states").filter(
        has_text="India").last
    expect(overlap).to_contain_text("10")
    expect(page.get_by_text("Strong in every target").first).to_be_visible()


def test_excel_shortlist_keeps_a_hostile_name_as_text(page: Page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "Smart Crosswalk Sensor", '"=HYPERLINK(""x"")"'
    )
    upload = tmp_path / "hostile.csv"
    upload.write_text(text, encoding="utf-8")
    open_page(page)
    page.get_by_test_id("stSidebar").locator("input[type=file]").first.set_input_files(upload)
    settle(page)
    expect(page.get_by_text("hostile.csv").first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_text("Ranking").click()
    settle(page)
    expect(ranking_table(page)).to_contain_text(HOSTILE)
    with page.expect_download() as info:
        page.get_by_role("button", name="Shortlist (Excel)").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    assert "Shortlist" in book.sheetnames
    assert len(book.sheetnames) >= 3
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells, "the hostile name is in the workbook"
    assert all(c.data_type == "s" for c in cells)
    assert not any(str(c.value).startswith("=") and c.data_type == "f" for c in cells)
