"""Shortlist rules in a real browser: a linked rule, its workbook sheet, clearing a control."""

from __future__ import annotations

import io
from collections import Counter

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_app_browser import open_page

pytestmark = pytest.mark.browser


def test_linked_rule_shows_the_shortlist_and_the_download_has_the_rules_sheet(page: Page) -> None:
    open_page(page, "ranking", country="IND", top="20", rules="max_per_company%3D1")
    expect(page.get_by_role("heading", name="Rule-bound shortlist (20)")).to_be_visible()
    expect(page.get_by_text("at most 1 per company: binding").first).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Shortlist (Excel)").click()
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    assert book.sheetnames[:2] == ["Shortlist", "Rules"]
    record = "".join(str(r[0]) for r in book["record"].iter_rows(values_only=True) if r[0])
    assert '"kind":"max_per_company"' in record.replace(" ", "")  # the rules, as data
    rules = [r for r in book["Rules"].iter_rows(values_only=True) if r and r[0]]
    assert any(r[0] == "max_per_company=1" and r[3] == "yes" for r in rules)
    sheet = list(book["Shortlist"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(sheet) if r[0] == "Rank under the rules")
    header = list(sheet[start])
    members = [r for r in sheet[start + 1 :] if r[0] is not None]
    assert len(members) == 20
    companies = Counter(r[header.index("Company")] for r in members)
    assert max(companies.values()) == 1


def test_clearing_the_control_drops_the_rule(page: Page) -> None:
    open_page(page, "ranking", country="IND", rules="max_per_company%3D1")
    box = page.get_by_label("At most per company")
    expect(box).to_have_value("1")
    box.fill("")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Rule-bound shortlist (10)")).to_have_count(0)
    assert "rules=none" in page.url
