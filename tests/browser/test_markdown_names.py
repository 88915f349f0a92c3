"""Names written in Markdown, HTML and KaTeX stay text in a real browser (issue 13 item 1).

The sample with hostile names (``tests/markdown_names.py``) is uploaded and the Ranking page
opened: no link to example.org, no image from a name, no KaTeX, no request to example.org.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import settle
from tests.markdown_names import HOSTILE, markdown_csv

pytestmark = pytest.mark.browser


def test_markdown_names_render_as_text_on_the_ranking_page(page: Page, tmp_path: Path) -> None:
    requests: list[str] = []

    def seen(request: Request) -> None:
        requests.append(request.url)

    page.on("request", seen)
    upload = tmp_path / "markdown.csv"
    upload.write_bytes(markdown_csv())
    page.goto(page.base)  # type: ignore[attr-defined]
    settle(page)
    page.get_by_test_id("stSidebar").locator("input[type=file]").first.set_input_files(upload)
    settle(page)
    expect(page.get_by_text("markdown.csv").first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_text("Ranking").click()
    settle(page)
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Technology ID").first
    expect(grid).to_be_visible()
    # open the number tables and the explanation's choice list: they name the technologies
    for expander in page.get_by_test_id("stExpander").all():
        expander.locator("summary").first.click()
    page.get_by_role("combobox", name="Technology", exact=True).click()
    page.wait_for_timeout(1500)  # images and charts load after the script run
    options = page.get_by_role("option").all_inner_texts()
    assert all(any(o.startswith(f"{name} · T") for o in options) for name in HOSTILE), options
    page.keyboard.press("Escape")
    # the ranking grid holds every name as it is (cell text, read from the grid's DOM copy)
    text = grid.text_content() or ""
    assert all(name in text for name in HOSTILE), text
    links = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.href).filter(h => h.includes('example.org'))")
    assert links == []
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => e.getAttribute('src') || '')"
        ".filter(s => s.includes('example.org') || s === 'x')")
    assert images == []
    assert page.locator(".katex").count() == 0  # $x^2$ is not typeset
    assert page.locator("[data-testid='stMain'] h1").count() == 1  # "# head" is no heading
    main = page.get_by_test_id("stMain")
    assert main.locator("strong", has_text="bold").count() == 0
    assert main.locator("span", has_text="alert").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).color === 'rgb(255, 43, 43)').length") == 0
    assert not [u for u in requests if "example.org" in u], requests
