"""Fast key presses on a weight slider end in the weights the library gives for the final
value (issue 13 item 3).

Ten ArrowRight presses 120 ms apart (and 40 ms apart) on the Firm capacity slider of the
Ranking page, in fresh sessions. Before the fix the app's reruns for the first presses were
interrupted, the browser reported the other sliders' stale values, Streamlit ran their
callbacks and re-sent values reset the slider under the keys: 16 of 20 sessions ended at
weights nobody set. Now every press counts and the weights are
:func:`exportmcda.model.weight_state.with_slider` of the scenario's for the final value.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page

from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import load_scenario, scenario_weights
from exportmcda.model.weight_state import local_weights, seed, with_slider
from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

MOVED = "firm_capacity"
PRESSES = 10
STEP = 0.01  # the sliders' step (ui.components.weight_sliders)


def criterion_labels() -> dict[str, str]:
    """Top-level criterion id -> its English slider label."""
    return {c.id: c.label("en") for c in load_criteria().criteria}


def library_weights(value: float) -> dict[str, float]:
    """The top-level weights the library gives when the balanced scenario's Firm capacity
    slider is set to ``value`` (the app's default scenario)."""
    balanced = scenario_weights(load_scenario("balanced"), load_criteria())
    goal = balanced.tree.goal_id
    state = with_slider(seed(balanced), goal, MOVED, value, local_weights(balanced, goal))
    return dict(state.direct[goal])


def slider_value(page: Page, label: str) -> float:
    thumb = page.get_by_test_id("stSlider").filter(has_text=label).first.get_by_role("slider")
    return float(thumb.input_value())


def url_weights(page: Page) -> dict[str, float]:
    """The session's top-level weights as the app writes them into the link (4 decimals)."""
    link = parse_qs(urlparse(page.url).query)["weights"][0]
    return {name: float(value) for name, value in (p.split(":") for p in link.split(","))}


def press_fast(page: Page, interval_ms: int) -> tuple[float, float]:
    """Focus the slider, press ArrowRight ``PRESSES`` times; the value before and after."""
    labels = criterion_labels()
    before = slider_value(page, labels[MOVED])
    thumb = page.get_by_test_id("stSlider").filter(has_text=labels[MOVED]).first
    thumb.get_by_role("slider").focus()
    for _ in range(PRESSES):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(interval_ms)
    for _ in range(2):  # a rerun queued by the last press may start after the first settle
        page.wait_for_timeout(700)
        settle(page)
    return before, slider_value(page, labels[MOVED])


def assert_library_state(page: Page, final: float) -> None:
    """Every shown slider and the session's stored weights are the library's for ``final``."""
    expected = library_weights(final)
    stored = url_weights(page)
    assert stored.keys() == expected.keys()
    for name, weight in expected.items():
        assert stored[name] == pytest.approx(weight, abs=5e-5), (name, stored, expected)
    for name, label in criterion_labels().items():
        shown = slider_value(page, label)
        assert shown == pytest.approx(expected[name], abs=STEP / 2 + 1e-9), (name, shown)


def fresh_session(browser: Browser, server: str) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{server}/ranking")
    settle(page)
    return page


@pytest.mark.parametrize(
    ("interval_ms", "sessions"), [(120, 5), (40, 1)], ids=["120ms-x5", "40ms-x1"]
)
def test_fast_presses_end_in_the_library_weights_for_the_final_value(
    browser: Browser, server: str, interval_ms: int, sessions: int
) -> None:
    for _ in range(sessions):
        page = fresh_session(browser, server)
        try:
            before, final = press_fast(page, interval_ms)
            # every press counted: the slider shows its start on the step grid plus ten steps
            assert final == pytest.approx(round(before + PRESSES * STEP, 2), abs=1e-9)
            assert_library_state(page, final)
        finally:
            page.context.close()
