"""The Markets page in a real browser: heatmap and its numbers, the technology picker, Korean.

No market score is written here: the page is compared with the library's country ranking
for the same inputs.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.model import markets as mk
from exportmcda.model.scenarios import scenario_weights
from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


def open_page(page: Page, path: str, **params: str) -> None:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    page.goto(f"{page.base}/{path}" + (f"?{query}" if query else ""))  # type: ignore[attr-defined]
    settle(page, 90_000)


def first_market(technology: str, lang: str) -> str:
    """The library's best market for ``technology`` (balanced, the sixteen countries)."""
    countries, indicators = em.load_countries(), load_indicators()
    weights = scenario_weights(mk.load_market_scenario("balanced"), mk.load_market_criteria())
    ranking = mk.rank_markets(
        em.load_sample(), em.load_criteria(), em.load_scenario("balanced"), countries,
        indicators, technology=technology, leaf_weights=weights.leaf_weights,
    )
    return countries[ranking.records()[0]["country"]].name(lang)


def test_markets_page_heatmap_numbers_and_picker(page: Page) -> None:
    open_page(page, "markets")
    expect(page.get_by_role("heading", name="Markets", exact=True)).to_be_visible()
    expect(page.get_by_text("Synthetic sample data").first).to_be_visible()
    heatmap = page.get_by_test_id("stVegaLiteChart").first
    expect(heatmap).to_be_visible()
    expect(heatmap.locator("canvas, svg").first).to_be_visible()
    expect(page.get_by_text("Export potential: technology fields × target countries")
           ).to_be_visible()
    page.get_by_text("Numbers behind the chart").first.click()
    numbers = page.get_by_test_id("stDataFrame").filter(has_text="Technology field").first
    expect(numbers).to_be_visible()
    expect(numbers).to_contain_text("Traffic")
    screenshot(page, "markets-en")
    # pick a technology: the ranking and its reasons follow, as the library ranks it
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Technology").first
    picker.click()
    page.keyboard.type("T0004")
    page.keyboard.press("Enter")
    settle(page, 90_000)
    expect(picker.get_by_role("combobox")).to_have_value(re.compile(r"^T0004 · "))
    best = first_market("T0004", "en")
    reasons = page.get_by_test_id("stMarkdown").filter(has_text="1st of 16 markets for").first
    expect(reasons).to_contain_text(f"{best}: 1st of 16 markets for")
    assert "technology=T0004" in page.url


def test_markets_page_in_korean(page: Page) -> None:
    open_page(page, "markets", lang="ko", technology="T0004")
    expect(page.get_by_role("heading", name="대상 시장", exact=True)).to_be_visible()
    expect(page.get_by_text("합성 샘플 데이터").first).to_be_visible()
    expect(page.get_by_text("수출 잠재력: 기술 분야 × 대상국")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    best = first_market("T0004", "ko")
    reasons = page.get_by_test_id("stMarkdown").filter(has_text="시장 16곳 중").first
    expect(reasons).to_contain_text(f"{best}:")
    expect(page.get_by_text("국가 카드: 지표별 값, 연도, 출처")).to_be_visible()
    screenshot(page, "markets-ko")


def test_compare_page_lists_and_indicators(page: Page) -> None:
    for lang, only, indicators in (("en", "Only in India", "Market indicators side by side"),
                                   ("ko", "인도에만 있음", "시장 지표 비교")):
        open_page(page, "compare", compare="ASEAN,IND", lang=lang)
        expect(page.get_by_text(only).first).to_be_visible()
        expect(page.get_by_role("heading", name=indicators)).to_be_visible()
        screenshot(page, f"compare-{lang}")
