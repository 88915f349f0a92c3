"""The Ranking page's briefing download in a real browser: a one-page PDF of the view."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, screenshot
from tests.browser.test_app_browser import open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "button", "title"),
    [
        ("en", "Briefing (PDF)", "Decision briefing: India (IND)"),
        ("ko", "브리핑(PDF)", "의사결정 브리핑: 인도(IND)"),
    ],
)
def test_the_briefing_of_the_view_downloads_as_one_page(
    page: Page, tmp_path, lang, button, title
) -> None:  # type: ignore[no-untyped-def]
    open_page(page, "ranking", lang=lang, country="IND", scenario="balanced")
    expect(page.get_by_role("button", name=button)).to_be_visible()
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = tmp_path / "brief.pdf"
    path.write_bytes(download.path().read_bytes())
    assert path.read_bytes().startswith(b"%PDF-")
    info_text = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info_text
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert title in text.replace("\n", " ")
    assert "T0889" in text  # India's first technology under the balanced scenario
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / f"app-brief-{lang}.pdf").write_bytes(path.read_bytes())
    screenshot(page, f"ranking-brief-button-{lang}")
