"""The whole view in a real browser (issue 11): a link after a pairwise edit reopens the
same ranking (item 2); Korean typography and layout (item 7)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, settle
from tests.browser.test_app_browser import open_page, ranking_table

pytestmark = pytest.mark.browser


def grid_text(page: Page) -> str:
    """The ranking grid's cells in view (id, name, company ...), as the browser shows them."""
    return str(ranking_table(page).text_content())


def test_a_link_after_a_pairwise_edit_reopens_the_same_ranking(page: Page) -> None:
    open_page(page, "weights", country="IND")
    # the first judgment of the goal node, moved by keyboard as a user would
    control = page.get_by_test_id("stSlider").first.get_by_role("slider")
    control.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        settle(page)
    params = parse_qs(urlparse(page.url).query)
    assert "judgments" in params, page.url
    page.get_by_role("link", name="Ranking").first.click()
    settle(page)
    mine = grid_text(page)
    link = page.url
    other = page.context.browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        theirs = other.new_page()
        theirs.goto(link)
        settle(theirs)
        expect(ranking_table(theirs)).to_be_visible()
        assert grid_text(theirs) == mine
        assert theirs.get_by_text("were not applied").count() == 0
    finally:
        other.close()
    # the scenario's own ranking differs, so the link carried the edit
    open_page(page, "ranking", country="IND")
    assert grid_text(page) != mine


def test_korean_targets_are_grouped_by_region_in_korean_order(page: Page) -> None:
    open_page(page, "ranking", lang="ko")
    page.get_by_test_id("stSelectbox").first.click()
    options = [o.strip() for o in page.get_by_role("option").all_text_contents()]
    page.keyboard.press("Escape")
    singles = [o for o in options if " · " in o]
    southeast = [o.split(" · ")[1] for o in singles if o.startswith("동남아시아 · ")]
    assert southeast == sorted(southeast)
    assert southeast[:3] == ["라오스", "말레이시아", "미얀마"]
    regions = [o.split(" · ")[0] for o in singles]
    assert regions == sorted(regions)  # each region's countries together, regions in order
    assert options[0].startswith("아세안 회원국")  # groups first


def test_korean_text_breaks_between_words_and_tabs_fit(page: Page) -> None:
    open_page(page, "", lang="ko")
    style = page.evaluate(
        "() => getComputedStyle(document.querySelector("
        "'[data-testid=stMarkdownContainer] p')).wordBreak"  # Streamlit styles the p itself
    )
    assert style == "keep-all"
    tabs = page.get_by_role("tablist").first
    overflow = tabs.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 1, f"the overview tabs overflow by {overflow} px"
    screenshot(page, "overview-ko-tabs")


def test_the_filter_expander_stays_open_when_a_filter_changes(page: Page) -> None:
    open_page(page, "ranking", lang="ko")
    expander = page.get_by_test_id("stExpander").filter(has_text="후보 기술 필터").first
    expander.locator("summary").click()
    settle(page)
    before = ranking_table(page, "기술 ID").text_content()
    expander.get_by_test_id("stMultiSelect").first.locator("input").first.click()
    page.get_by_role("option", name="교육", exact=True).click()
    page.keyboard.press("Escape")
    settle(page)
    assert expander.locator("details").first.get_attribute("open") is not None
    expect(page.get_by_text("필터 1개 적용 중").first).to_be_visible()
    assert ranking_table(page, "기술 ID").text_content() != before
    screenshot(page, "ranking-ko-filters")


def test_a_sub_criterion_expander_stays_open_when_its_slider_moves(page: Page) -> None:
    """The first move changes the weights from the scenario's, and a note appears above the
    sub-criterion expanders: the expanders must keep their place, and so stay open."""
    open_page(page, "ranking")
    expander = page.get_by_test_id("stExpander").filter(
        has_text="Sub-criteria of Domestic utilization").first
    expander.locator("summary").click()
    settle(page)
    thumb = expander.get_by_test_id("stSlider").filter(has_text="Field utilization").first
    thumb.get_by_role("slider").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        settle(page)
    assert expander.locator("details").first.get_attribute("open") is not None
    expect(page.get_by_text("The weights differ from the scenario's").first).to_be_visible()
    assert float(thumb.get_by_role("slider").input_value()) == pytest.approx(0.7)
