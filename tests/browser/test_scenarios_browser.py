"""Scenarios side by side in a real browser: the Compare page's Scenarios tab and its chart.

Ranks hand-checked against ``exportmcda rank --country VNM --top all`` (balanced and
sme_first): T0044 is 45th under balanced and 10th under sme_first; T0681 1st and 617th.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


def _scenarios_tab(page: Page, lang: str = "en") -> None:
    page.goto(f"{page.base}/compare?country=VNM&scenarios=balanced,sme_first&lang={lang}")  # type: ignore[attr-defined]
    settle(page)
    name = "Scenarios side by side" if lang == "en" else "시나리오 비교"
    page.get_by_role("tab", name=name).click()
    settle(page)


def test_scenario_comparison_shows_movers_ranks_and_a_labelled_chart(page: Page) -> None:
    _scenarios_tab(page)
    expect(page.get_by_text("rises 35 places under SME first").first).to_be_visible()
    expect(page.get_by_text("SME first weighs SME export pathway at 38%").first).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Rank: SME first").first
    expect(grid).to_contain_text("T0044")
    chart = page.locator("[data-testid=stVegaLiteChart]:visible").last
    chart.scroll_into_view_if_needed()
    # every line is labelled by its id at an end (SVG text), the ranks beyond 20 on one row
    expect(chart.locator("svg text", has_text="T0044")).to_have_count(1)
    expect(chart.locator("svg text", has_text="T0681")).to_have_count(1)
    expect(chart.locator("svg text", has_text="beyond 20")).to_have_count(1)
    screenshot(page, "compare-scenarios-en")


def test_hovering_a_line_dims_the_others(page: Page) -> None:
    _scenarios_tab(page)
    chart = page.locator("[data-testid=stVegaLiteChart]:visible").last
    chart.scroll_into_view_if_needed()
    mine = chart.locator("svg text", has_text="T0044")
    other = chart.locator("svg text", has_text="T0681")
    expect(other).to_have_attribute("opacity", "1")
    box = mine.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] - 8, box["y"] + box["height"] / 2)  # T0044's point, rank 10
    expect(other).to_have_attribute("opacity", "0.12")
    expect(mine).to_have_attribute("opacity", "1")
    page.mouse.move(5, 5)  # the pointer leaves: every line back
    expect(other).to_have_attribute("opacity", "1")


def test_scenario_comparison_in_korean(page: Page) -> None:
    _scenarios_tab(page, "ko")
    expect(page.get_by_text("중소기업 우선에서 35계단 상승").first).to_be_visible()
    chart = page.locator("[data-testid=stVegaLiteChart]:visible").last
    chart.scroll_into_view_if_needed()
    expect(chart.locator("svg text", has_text="20위 밖")).to_have_count(1)
    screenshot(page, "compare-scenarios-ko")
