"""The Decisions page in Chromium: two sessions save at once (nothing lost), one replays.

The server runs with its own register (``EXPORTMCDA_REGISTER`` in a temporary folder), so
the test never writes to the user's data folder. Screenshots: artifacts/screens/
decisions-saved.png and decisions-replayed-ko.png.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from exportmcda.register.store import ENV_VAR, Register
from tests.browser.conftest import free_port, screenshot, settle, start_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def register_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    path = tmp_path_factory.mktemp("register") / "decisions.sqlite"
    port = free_port()
    proc = start_server(port, env={**os.environ, ENV_VAR: str(path)})
    try:
        yield f"http://127.0.0.1:{port}", path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_two_sessions_save_at_once_and_one_replays(browser: Browser, register_server):
    base, path = register_server
    pages = []
    for name, country in (("Kim", "IND"), ("Lee", "SAU")):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{base}/decisions?country={country}&top=5")
        settle(page, 60_000)
        page.get_by_label("Saved by").fill(name)
        pages.append(page)
    for page in pages:  # both clicks before either is waited for: the server runs both
        page.get_by_role("button", name="Save decision").click()
    for page in pages:
        expect(page.get_by_text("Saved as decision")).to_be_visible(timeout=60_000)
    decisions = Register(path).decisions()
    assert sorted((d.saved_by, d.target, d.top) for d in decisions) == [
        ("Kim", "IND", 5),
        ("Lee", "SAU", 5),
    ]
    first = pages[0]
    first.reload()
    settle(first, 60_000)
    screenshot(first, "decisions-saved")
    first.goto(f"{base}/decisions?lang=ko")
    settle(first, 60_000)
    first.get_by_role("button", name="재실행").click()
    expect(first.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "동일: 같은 입력", timeout=60_000
    )
    screenshot(first, "decisions-replayed-ko")
    for page in pages:
        page.context.close()
