"""A real Streamlit server and headless Chromium for the browser tests.

Streamlit's own e2e pattern (streamlit/streamlit ``e2e_playwright/conftest.py``): the server
runs on a free port, the fixture polls ``/_stcore/health``, and every page is asserted only
after the ``stStatusWidget`` (the "Running…" indicator) has detached. Debian's Chromium is
used; browsers are never downloaded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "artifacts" / "screens"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    port: int, app: Path = ROOT / "app.py", env: Mapping[str, str] | None = None, *,
    as_app: bool | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``streamlit run <app>`` headless on ``port`` and wait until it is healthy.

    ``bench/startup.py`` and ``scripts/screens.py`` start their servers here too. The app is
    served as scripts/app.sh serves it (``ui.serve``: its imports and caches loaded and
    frozen before the health check); any other app (a bench's floor) by plain
    ``streamlit run``, unless ``as_app`` says to serve it the app's way too.
    """
    env = {**(os.environ if env is None else env), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if as_app is None:
        as_app = app == ROOT / "app.py"
    launcher = ["ui.serve"] if as_app else ["streamlit", "run"]
    proc = subprocess.Popen(
        [sys.executable, "-m", *launcher, str(app),
         "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("the Streamlit server did not become healthy within 60 s")


def launch(playwright) -> Browser:  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def settle(page: Page, timeout: float = 30_000, delay_ms: int = 300) -> None:
    """Wait until the app has rendered and no script run is in progress.

    ``delay_ms``: how long the status widget may take to appear after an action (0 when the
    caller has already waited that long since its last action on this page).
    """
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout)
    # every page starts with its title: on a cold start (first load, caches empty) the
    # status widget may not be up yet when the 300 ms below have passed
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    page.wait_for_timeout(delay_ms)  # the status widget appears only after a short delay
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=timeout)
    page.wait_for_selector("[data-testid='stSkeleton']", state="detached", timeout=timeout)


def screenshot(page: Page, name: str) -> Path:
    """Full-height screenshot of the app (the main area scrolls, so grow the viewport)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    measure = (
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return m ? m.scrollHeight : 1000 }"
    )
    height, previous = page.evaluate(measure), -1
    while height != previous:  # charts render after the script run: wait until stable
        page.wait_for_timeout(400)
        previous, height = height, page.evaluate(measure)
    size = page.viewport_size or {"width": 1400, "height": 1000}
    page.set_viewport_size({"width": size["width"], "height": max(1000, int(height) + 40)})
    page.wait_for_timeout(600)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    port = free_port()
    proc = start_server(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(30_000)
    p.base = server  # type: ignore[attr-defined]
    yield p
    context.close()
