"""The Ranking page's downloads follow the weights without being drawn again.

They sit outside the weight fragment (ui.state.ShownRanking): a slider move reruns only the
fragment, and the files are built at click time from what it drew last. These tests hold
the page to what the user sees: the shortlist downloaded after a move is the table on the
screen, the scenario file carries the moved weight, and the file names say the weights are
the user's (and say so no more after a reset).
"""

from __future__ import annotations

import csv
import re
import tomllib

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import settle
from tests.browser.test_app_browser import open_page, ranking_table, slider

pytestmark = pytest.mark.browser

_ID = re.compile(r"T\d{4}")


def _download(page: Page, button: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    return download.suggested_filename, download.path().read_bytes()


def _csv_ids(data: bytes) -> list[str]:
    """The technology ids of the shortlist CSV, in its row order."""
    lines = data.decode("utf-8-sig").splitlines()
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))  # provenance
    column = next(i for i, cell in enumerate(rows[1]) if _ID.fullmatch(cell))
    return [row[column] for row in rows[1:]]


def _shown_ids(page: Page) -> list[str]:
    """The ids in the ranking table's text copy (its rows in order; each id once)."""
    text = ranking_table(page).text_content() or ""
    return list(dict.fromkeys(_ID.findall(text)))


def test_downloads_after_a_weight_move_are_the_ranking_on_screen(page: Page) -> None:
    open_page(page, "ranking", country="IND", scenario="balanced", top="10")
    name, before = _download(page, "Shortlist (CSV)")
    assert "_IND_balanced_" in name
    assert _csv_ids(before) == _shown_ids(page)

    thumb = slider(page, "Firm capacity")
    thumb.focus()
    for _ in range(25):  # 0.21 -> 0.46: the order changes (bench/README, the user check)
        page.keyboard.press("ArrowRight")
    settle(page, delay_ms=600)
    expect(page.get_by_role("button", name="Shortlist (CSV)")).to_be_visible()
    moved_weight = float(thumb.input_value())
    assert moved_weight == pytest.approx(3 / 14 + 0.25, abs=0.015)

    name, after = _download(page, "Shortlist (CSV)")
    assert "_IND_balanced-custom_" in name  # the first move renamed the files
    shown = _shown_ids(page)
    assert len(shown) == 10
    assert _csv_ids(after) == shown
    assert _csv_ids(after) != _csv_ids(before)

    name, scenario = _download(page, "Scenario file (TOML)")
    assert name == "balanced-custom.toml"
    parsed = tomllib.loads(scenario.decode("utf-8"))
    assert parsed["basis"] == "user"
    goal = parsed["weights"]["export_priority"]  # the hierarchy's goal (criteria.toml)
    assert goal["firm_capacity"] / sum(goal.values()) == pytest.approx(moved_weight, abs=0.015)

    page.get_by_role("button", name="Reset weights to the scenario").click()
    settle(page)
    name, reset = _download(page, "Shortlist (CSV)")
    assert "_IND_balanced_" in name
    assert _csv_ids(reset) == _csv_ids(before) == _shown_ids(page)
