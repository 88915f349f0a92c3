"""Issue 11, items 3 and 4 in a real browser: a pairwise judgment in words moved with the
keyboard, and the Sensitivity page following a weight slider without a button."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser

SLOW = 180_000  # the first Sensitivity run computes every analysis (the machine is shared)


def local_weights(page: Page) -> dict[str, float]:
    """The pairwise page's resulting local weights, from the table behind the chart."""
    panel = page.get_by_role("tabpanel").first
    details = panel.get_by_test_id("stExpander").first.locator("details")
    if details.get_attribute("open") is None:  # a click on an open one would close it
        panel.get_by_text("Numbers behind the chart").first.click()
    cells = panel.get_by_test_id("stDataFrame").first.locator("[role=gridcell]")
    for _ in range(50):  # the grid fills its cells after it is shown
        texts = [cells.nth(i).inner_text() for i in range(cells.count())]
        if texts and all(texts):
            break
        page.wait_for_timeout(200)
    return {texts[i]: float(texts[i + 1]) for i in range(0, len(texts) - 1, 2)}


def test_a_pairwise_judgment_in_words_moves_with_the_arrow_keys(page: Page) -> None:
    page.goto(f"{page.base}/weights")  # type: ignore[attr-defined]
    settle(page, SLOW)
    panel = page.get_by_role("tabpanel").first
    # both criteria named at the ends of the control, without focus or hover
    row = (
        panel.get_by_test_id("stHorizontalBlock")
        .filter(has=page.get_by_role("slider", name="Domestic utilization vs Track record"))
        .last
    )
    ends = row.locator("strong")  # the innermost row: name, control, name
    assert ends.all_inner_texts() == ["Domestic utilization", "Track record"]
    assert ends.first.is_visible()
    assert ends.last.is_visible()
    thumb = page.get_by_role("slider", name="Domestic utilization vs Track record")
    assert thumb.get_attribute("aria-valuetext") == "equally important (1)"
    before = local_weights(page)
    assert before["Domestic utilization"] == before["Track record"]  # balanced: 1 = equal
    thumb.focus()
    page.keyboard.press("ArrowLeft")  # one step towards the left end's criterion
    page.wait_for_timeout(700)
    settle(page, SLOW)
    thumb = page.get_by_role("slider", name="Domestic utilization vs Track record")
    assert thumb.get_attribute("aria-valuetext") == (
        "Domestic utilization: slightly more important (2)"
    )
    assert panel.get_by_test_id("stSliderThumbValue").first.inner_text() == (
        "Domestic utilization: slightly more important (2)"
    )
    after = local_weights(page)
    assert after["Domestic utilization"] > before["Domestic utilization"]
    assert after["Track record"] < before["Track record"]
    assert after["Domestic utilization"] > after["Track record"]
    screenshot(page, "weights-keyboard-en")
    thumb.focus()
    for _ in range(2):  # back to equal, then one step towards the right end's criterion
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(700)
        settle(page, SLOW)
    thumb = page.get_by_role("slider", name="Domestic utilization vs Track record")
    assert thumb.get_attribute("aria-valuetext") == "Track record: slightly more important (2)"
    flipped = local_weights(page)
    assert flipped["Track record"] > flipped["Domestic utilization"]


def answer(page: Page) -> list[str]:
    """The bullets of "The answer in brief" and "What would change the shortlist"."""
    items = page.get_by_test_id("stMarkdownContainer").locator("li")
    return [items.nth(i).inner_text() for i in range(items.count())]


def acceptability_cells(page: Page) -> list[str]:
    """The open top-10 acceptability table (the first table of the page)."""
    cells = page.get_by_test_id("stDataFrame").first.locator("[role=gridcell]")
    return [cells.nth(i).inner_text() for i in range(cells.count())]


def test_sensitivity_follows_a_weight_slider_without_a_button(page: Page) -> None:
    page.goto(f"{page.base}/sensitivity?country=IND")  # type: ignore[attr-defined]
    settle(page, SLOW)
    page.get_by_text("What would change the shortlist").wait_for(timeout=SLOW)
    assert page.get_by_role("button", name=re.compile("Run")).count() == 0
    texts, cells = answer(page), acceptability_cells(page)
    assert re.match(r".+ stays in the top 10 under \d+% of plausible weightings", texts[0])
    assert any("SME export pathway weight" in t and "(now 0.071)" in t for t in texts)
    thumb = page.get_by_test_id("stSlider").filter(has_text="SME export pathway").first
    thumb.get_by_role("slider").focus()
    for _ in range(10):  # 0.07 -> 0.17
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.wait_for_timeout(1000)
    settle(page, SLOW)
    page.get_by_text("What would change the shortlist").wait_for(timeout=SLOW)
    moved = answer(page)
    assert any("SME export pathway weight" in t and "(now 0.170)" in t for t in moved), moved
    assert moved[0] != texts[0] or acceptability_cells(page) != cells
    assert acceptability_cells(page) != cells
    screenshot(page, "sensitivity-live-en")
