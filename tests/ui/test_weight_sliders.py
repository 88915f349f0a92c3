"""The weight sliders' mechanism (issue 13 item 3), driven with AppTest (no browser).

Every slider keeps its widget while the user moves sliders (the browser keeps its value and
focus); a move sets the siblings' values in place; a report is read as a whole against the
values the sliders were given (``ui.state.take_slider_report``), so a stale copy of the
siblings is not a move; a report from a replaced widget (after a reset) changes nothing; the
weights are always the library's :func:`exportmcda.model.weight_state.with_slider` for the
user's value. The race itself (reruns interrupted by fast key presses) needs a real browser:
tests/browser/test_fast_sliders.py.
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
# the balanced scenario's top-level weights as the sliders show them (3:3:3:1:3:1 of 14)
BALANCED_SHOWN = {"utilization": 0.2143, "track_record": 0.2143, "firm_capacity": 0.2143,
                  "region": 0.0714, "policy_fit": 0.2143, "sme_support": 0.0714}


def library(value, child="firm_capacity"):
    """The balanced scenario's top-level weights with ``child``'s slider at ``value``."""
    balanced = scenario_weights(load_scenario("balanced"), load_criteria())
    state = with_slider(seed(balanced), GOAL, child, value, local_weights(balanced, GOAL))
    return dict(state.direct[GOAL])


def keys(at, children):
    return {c: weight_slider(at, c).key for c in children}


def shown(at, children=CRITERIA):
    return {c: weight_slider(at, c).value for c in children}


@pytest.fixture
def ranking():
    return open_page("ui/pages/ranking.py", timeout=90)


def test_presses_keep_every_widget_and_set_the_siblings_in_place(ranking):
    assert shown(ranking) == BALANCED_SHOWN
    top, leaves = keys(ranking, CRITERIA), keys(ranking, FIRM_LEAVES)
    for value in (0.22, 0.25, 0.28, 0.31):
        weight_slider(ranking, "firm_capacity").set_value(value).run()
        assert not ranking.exception
        assert keys(ranking, CRITERIA) == top  # no widget replaced: no remount in the browser
        assert keys(ranking, FIRM_LEAVES) == leaves
    stored = dict(ranking.session_state["weight_state"].direct[GOAL])
    assert stored == library(0.31)  # exactly the library's result for the final value
    for c, weight in library(0.31).items():
        assert weight_slider(ranking, c).value == pytest.approx(
            0.31 if c == "firm_capacity" else round(weight, 4), abs=1e-12)
    # by hand: the others share 0.69 as 3:3:1:3:1
    assert weight_slider(ranking, "utilization").value == pytest.approx(0.1882, abs=1e-12)
    assert weight_slider(ranking, "region").value == pytest.approx(0.0627, abs=1e-12)


def test_a_sub_criterion_move_sets_its_siblings_only(ranking):
    top_values = shown(ranking)
    before = shown(ranking, FIRM_LEAVES)
    weight_slider(ranking, "sales_class").set_value(0.6).run()
    assert shown(ranking) == top_values
    after = shown(ranking, FIRM_LEAVES)
    assert after["sales_class"] == 0.6
    others = [c for c in FIRM_LEAVES if c != "sales_class"]
    assert all(after[c] != before[c] for c in others)
    assert sum(after[c] for c in others) == pytest.approx(0.4, abs=5e-4)  # 4-decimal shares


def test_reset_renews_every_slider_and_shows_the_scenario(ranking):
    weight_slider(ranking, "firm_capacity").set_value(0.5).run()
    moved = keys(ranking, CRITERIA)
    ranking.button(key="reset-ranking").click().run()
    assert all(weight_slider(ranking, c).key != moved[c] for c in CRITERIA)
    assert shown(ranking) == BALANCED_SHOWN


def _sliders_with_a_report():
    """The goal's sliders; ``_test.report`` = {child: value} is a report of the goal's
    sliders (the browser's values; ``_test.keys`` the widget keys it names them by, today's
    when absent) that Streamlit delivers to the first slider's callback before the sliders
    are drawn, as it does for a browser that had not drawn the last run yet. ``_test.reset``
    reseeds the weights as the reset button does."""
    import streamlit as st

    from exportmcda.model.weight_state import local_weights
    from ui import components, state

    state.init()
    goal = state.tree().goal_id
    if st.session_state.pop("_test.reset", False):
        state.seed_weights(state.scenario())
    report = st.session_state.pop("_test.report", None)
    named = st.session_state.pop("_test.keys", None) or {}
    if report is not None:
        for child, value in report.items():
            st.session_state[named.get(child, state.slider_key(child))] = value
        child = next(iter(report))
        state.move_slider(goal, child, named.get(child, state.slider_key(child)))
    components.weight_sliders(goal, local_weights(state.weights(), goal), "en")


@pytest.fixture
def sliders():
    return AppTest.from_function(_sliders_with_a_report, default_timeout=60).run()


def report(at, values):
    at.session_state["_test.report"] = values
    at.run()
    assert not at.exception


def test_a_stale_copy_of_the_siblings_is_not_a_move(sliders):
    weight_slider(sliders, "firm_capacity").set_value(0.31).run()
    # the browser had not drawn that run: the siblings as first shown, the user's next press
    report(sliders, {**BALANCED_SHOWN, "firm_capacity": 0.32})
    assert dict(sliders.session_state["weight_state"].direct[GOAL]) == library(0.32)
    assert shown(sliders) == {c: 0.32 if c == "firm_capacity" else round(w, 4)
                              for c, w in library(0.32).items()}
    # the same old copy of the siblings again, no press: nothing moves, the sliders are set
    report(sliders, {**BALANCED_SHOWN, "firm_capacity": 0.32})
    assert dict(sliders.session_state["weight_state"].direct[GOAL]) == library(0.32)
    assert shown(sliders)["utilization"] == pytest.approx(0.1855, abs=1e-12)


def test_after_the_browser_caught_up_another_slider_s_report_is_the_user_s_move(sliders):
    weight_slider(sliders, "firm_capacity").set_value(0.31).run()
    report(sliders, {**shown(sliders), "utilization": 0.3})
    moved = sliders.session_state["weight_state"]
    assert moved.moving[GOAL].child == "utilization"
    assert dict(moved.moving[GOAL].anchor) == library(0.31)
    assert moved.direct[GOAL]["utilization"] == 0.3
    # by hand: the others share 0.7 as before: 0.7 * 0.31 / (1 - 0.69 * 3/11) = 0.26730
    assert weight_slider(sliders, "firm_capacity").value == pytest.approx(0.2673, abs=1e-12)


def test_a_replaced_slider_s_report_changes_nothing(sliders):
    weight_slider(sliders, "firm_capacity").set_value(0.31).run()
    replaced = keys(sliders, CRITERIA)
    sliders.session_state["_test.reset"] = True  # as the reset button: every slider renewed
    sliders.run()
    assert all(weight_slider(sliders, c).key != replaced[c] for c in CRITERIA)
    before = sliders.session_state["weight_state"]
    sliders.session_state["_test.keys"] = replaced
    report(sliders, {**BALANCED_SHOWN, "utilization": 0.5})
    assert sliders.session_state["weight_state"] == before
    assert shown(sliders) == BALANCED_SHOWN
