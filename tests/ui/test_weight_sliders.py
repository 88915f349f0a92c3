"""The weight sliders' mechanism (issue 13 item 3), driven with AppTest (no browser).

A slider the user moves keeps its widget (the browser keeps its value and focus); the
sliders whose values the app sets get new widgets (``ui.state.slider_key``); a report from a
replaced widget changes nothing; the weights are always the library's
:func:`exportmcda.model.weight_state.with_slider` for the user's value. The race itself
(reruns interrupted by fast key presses) needs a real browser: tests/browser/test_fast_sliders.py.
"""

import pytest
from streamlit.testing.v1 import AppTest

from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import load_scenario, scenario_weights
from exportmcda.model.weight_state import local_weights, seed, with_slider
from tests.ui.apppages import open_page, weight_slider

GOAL = "export_priority"
CRITERIA = ["utilization", "track_record", "firm_capacity", "region", "policy_fit", "sme_support"]
FIRM_LEAVES = ["size_type", "capital_class", "sales_class", "history_class", "employees_class"]


def library(value, child="firm_capacity"):
    """The balanced scenario's top-level weights with ``child``'s slider at ``value``."""
    balanced = scenario_weights(load_scenario("balanced"), load_criteria())
    state = with_slider(seed(balanced), GOAL, child, value, local_weights(balanced, GOAL))
    return dict(state.direct[GOAL])


def keys(at, children):
    return {c: weight_slider(at, c).key for c in children}


@pytest.fixture
def ranking():
    return open_page("ui/pages/ranking.py", timeout=90)


def test_presses_keep_the_moving_slider_s_widget_and_renew_the_others(ranking):
    seen = {c: {k} for c, k in keys(ranking, CRITERIA).items()}
    firm = weight_slider(ranking, "firm_capacity").key
    leaves = keys(ranking, FIRM_LEAVES)
    for value in (0.22, 0.25, 0.28, 0.31):
        weight_slider(ranking, "firm_capacity").set_value(value).run()
        assert not ranking.exception
        now = keys(ranking, CRITERIA)
        assert now["firm_capacity"] == firm  # the browser keeps this one (value, focus)
        for c in CRITERIA:
            if c != "firm_capacity":
                assert now[c] not in seen[c], c  # a widget never comes back
                seen[c].add(now[c])
        assert keys(ranking, FIRM_LEAVES) == leaves  # another node: unchanged
    stored = dict(ranking.session_state["weight_state"].direct[GOAL])
    assert stored == library(0.31)  # exactly the library's result for the final value
    for c, weight in library(0.31).items():
        assert weight_slider(ranking, c).value == pytest.approx(
            0.31 if c == "firm_capacity" else round(weight, 4), abs=1e-12)
    # by hand: the others share 0.69 as 3:3:1:3:1
    assert weight_slider(ranking, "utilization").value == pytest.approx(0.1882, abs=1e-12)
    assert weight_slider(ranking, "region").value == pytest.approx(0.0627, abs=1e-12)


def test_a_sub_criterion_move_renews_its_siblings_only(ranking):
    top = keys(ranking, CRITERIA)
    leaves = keys(ranking, FIRM_LEAVES)
    weight_slider(ranking, "sales_class").set_value(0.6).run()
    assert keys(ranking, CRITERIA) == top
    now = keys(ranking, FIRM_LEAVES)
    assert now["sales_class"] == leaves["sales_class"]
    assert all(now[c] != leaves[c] for c in FIRM_LEAVES if c != "sales_class")


def test_reset_renews_every_slider_and_shows_the_scenario(ranking):
    weight_slider(ranking, "firm_capacity").set_value(0.5).run()
    moved = keys(ranking, CRITERIA)
    ranking.button(key="reset-ranking").click().run()
    assert all(weight_slider(ranking, c).key != moved[c] for c in CRITERIA)
    assert weight_slider(ranking, "firm_capacity").value == pytest.approx(0.2143, abs=1e-12)
    assert weight_slider(ranking, "region").value == pytest.approx(0.0714, abs=1e-12)


def _sliders_with_a_stale_report():
    """The goal's sliders; ``_test.report`` = (key, value) is a slider report Streamlit
    delivers to the slider's callback before the sliders are drawn (as for a widget the
    browser still shows after the app replaced it)."""
    import streamlit as st

    from exportmcda.model.weight_state import local_weights
    from ui import components, state

    state.init()
    goal = state.tree().goal_id
    report = st.session_state.pop("_test.report", None)
    if report is not None:
        key, value = report
        st.session_state[key] = value
        state.move_slider(goal, "utilization", key)
    components.weight_sliders(goal, local_weights(state.weights(), goal), "en")


def test_a_replaced_slider_s_report_changes_nothing():
    at = AppTest.from_function(_sliders_with_a_stale_report, default_timeout=60).run()
    replaced = weight_slider(at, "utilization").key
    weight_slider(at, "firm_capacity").set_value(0.31).run()
    before = at.session_state["weight_state"]
    at.session_state["_test.report"] = (replaced, 0.2143)  # the value the browser showed
    at.run()
    assert not at.exception
    assert at.session_state["weight_state"] == before
    assert dict(before.direct[GOAL]) == library(0.31)
    # the same report from the slider's current widget is the user's move
    at.session_state["_test.report"] = (weight_slider(at, "utilization").key, 0.3)
    at.run()
    moved = at.session_state["weight_state"]
    assert moved.moving[GOAL].child == "utilization"
    assert dict(moved.moving[GOAL].anchor) == library(0.31)
    assert moved.direct[GOAL]["utilization"] == 0.3
