"""Twenty simultaneous browser sessions on one app server never see each other's state
(issue 13, "Done means"; loopback only).

Twenty browser contexts (one Chromium) open the app at once, each with its own weights in
the link, upload its own database (the small example with the session's prefix on every
technology name, under its own file name), go to the Ranking page and press the Firm capacity
slider their own number of times (they open on the pairwise-weights page, the lightest with
the sample, and rank only their own ten technologies). Every step is started in all sessions
before any is waited for, so the server runs them side by side. Then each session must show
exactly its own names, its own weights (:func:`exportmcda.model.weight_state.with_slider` of
its link's weights) and the ranking the library computes from those
(:func:`exportmcda.model.selection.select`).

It takes about 80 s of CPU (server and Chromium): 40-50 s on two idle cores.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from exportmcda.data.countries import get_country
from exportmcda.data.io import load
from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import load_scenario, scenario_weights
from exportmcda.model.selection import select
from exportmcda.model.weight_state import (
    effective_scenario,
    parse_url_weights,
    seed,
    with_direct,
    with_slider,
)
from tests.browser.conftest import ROOT, settle
from tests.browser.test_fast_sliders import criterion_labels, slider_value, url_weights

pytestmark = pytest.mark.browser

SESSIONS = 20
EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"
MOVED = "firm_capacity"
TOP = 10  # the app's default list length; the example has 10 technologies
WAIT_MS = 240_000  # per step and session: 20 sessions share one server process (and 2 cores)


def prefix(i: int) -> str:
    return f"S{i:02d}-"


def session_csv(i: int, folder: Path) -> Path:
    """The example database with every technology name prefixed by the session's id."""
    frame = EXAMPLE.read_text(encoding="utf-8")
    names = {line.split(",")[1] for line in frame.splitlines()[1:]}
    for name in sorted(names, key=len, reverse=True):
        frame = frame.replace(f",{name},", f",{prefix(i)}{name},")
    path = folder / f"session{i:02d}.csv"
    path.write_text(frame, encoding="utf-8")
    return path


def link(i: int) -> str:
    """Twenty different top-level weight vectors, as a shared link writes them."""
    raw = [1 + i % 4, 1 + (i // 4) % 5, 2, 1, 3, 1]
    return ",".join(f"{c}:{w / sum(raw):.4f}" for c, w in zip(criterion_labels(), raw,
                                                                strict=True))


def presses(i: int) -> int:
    return 1 + i % 3


def expected(i: int, path: Path, final: float) -> tuple[dict[str, float], list[str]]:
    """The session's weights and top names as the library computes them."""
    tree = load_criteria()
    balanced = scenario_weights(load_scenario("balanced"), tree)
    goal = tree.goal_id
    given, issues = parse_url_weights(link(i), tree.weighted_nodes()[goal])
    assert given is not None, issues
    linked = with_direct(seed(balanced), goal, given)
    state = with_slider(linked, goal, MOVED, final, given)
    scenario = effective_scenario(state, balanced)
    db = load(path.read_bytes(), name=path.name)
    table = select(db, tree, scenario, get_country("ASEAN")).table(TOP)
    return dict(state.direct[goal]), table["technology_name"].astype(str).tolist()


def open_all(browser: Browser, server: str, n: int) -> list[Page]:
    pages = []
    for i in range(n):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(f"{server}/weights?weights={link(i)}", wait_until="commit")
        pages.append(page)
    return pages


def settle_all(pages: list[Page]) -> None:
    """:func:`settle` every page; the status widget's delay is waited for once, not per page."""
    pages[0].wait_for_timeout(300)
    for page in pages:
        settle(page, timeout=WAIT_MS, delay_ms=0)


def test_twenty_sessions_see_only_their_own_upload_and_weights(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    started = time.monotonic()
    uploads = [session_csv(i, tmp_path) for i in range(SESSIONS)]
    labels = criterion_labels()
    pages = open_all(browser, server, SESSIONS)
    try:
        settle_all(pages)
        for page, upload in zip(pages, uploads, strict=True):
            page.get_by_test_id("stSidebar").locator("input[type=file]").first.set_input_files(
                upload)
        for page, upload in zip(pages, uploads, strict=True):
            expect(page.get_by_text(upload.name).first).to_be_visible(timeout=WAIT_MS)
        settle_all(pages)
        for page in pages:
            page.get_by_test_id("stSidebarNav").get_by_text("Ranking").click()
        for page in pages:
            expect(page.get_by_role("heading", name="Ranking", exact=True)).to_be_visible(
                timeout=WAIT_MS)
        settle_all(pages)
        starts = [slider_value(page, labels[MOVED]) for page in pages]
        for i, page in enumerate(pages):
            page.get_by_test_id("stSlider").filter(has_text=labels[MOVED]).first.get_by_role(
                "slider").focus()
            for _ in range(presses(i)):
                page.keyboard.press("ArrowRight")
                page.wait_for_timeout(50)
        settle_all(pages)
        settle_all(pages)  # a rerun queued by a late press may start after the first pass
        for i, (page, upload) in enumerate(zip(pages, uploads, strict=True)):
            final = slider_value(page, labels[MOVED])
            assert final == pytest.approx(round(starts[i] + presses(i) / 100, 2), abs=1e-9)
            weights, names = expected(i, upload, final)
            stored = url_weights(page)
            assert stored == pytest.approx(weights, abs=5e-5), (i, stored, weights)
            for name, label in labels.items():
                assert slider_value(page, label) == pytest.approx(weights[name], abs=0.005 + 1e-9)
            grid = page.get_by_test_id("stDataFrame").filter(has_text="Technology ID").first
            text = grid.text_content() or ""
            # its own names, in the library's order; nobody else's
            positions = [text.find(name) for name in names]
            assert all(p >= 0 for p in positions), (i, names, text)
            assert positions == sorted(positions), (i, names, text)
            others = [prefix(j) for j in range(SESSIONS) if j != i]
            assert not [p for p in others if p in text], (i, text)
            assert all(name.startswith(prefix(i)) for name in names)
    finally:
        for page in pages:
            page.context.close()
    print(f"{SESSIONS} simultaneous sessions: {time.monotonic() - started:.1f} s")
