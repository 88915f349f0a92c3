"""The weights a user edits: seeding, changes, the effective scenario, links, the editor."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda import labels
from exportmcda.ahp.priorities import AhpResult
from exportmcda.model.criteria import load_criteria
from exportmcda.model.markets import load_market_criteria, load_market_scenario
from exportmcda.model.scenarios import load_scenario, scenario_from_weights, scenario_weights
from exportmcda.model.weight_state import (
    NODE_SEPARATOR,
    STALE_REPORT,
    SliderMove,
    WeightState,
    editor_judgment,
    effective_criterion_weights,
    effective_scenario,
    evidence_rule,
    is_modified,
    left_out_nodes,
    local_weights,
    move_slider,
    parse_url_changed_weights,
    parse_url_weights,
    read_slider_report,
    seed,
    url_changed_weights,
    url_weights,
    with_direct,
    with_evidence,
    with_judgments,
    with_slider,
)

GOAL = "export_priority"
CRITERIA = (
    "utilization", "track_record", "firm_capacity", "region", "policy_fit", "sme_support",
)
LINK_CRITERIA = ("utilization", "firm_capacity", "region", "policy_fit", "sme_support")
"""The children a link's weights are checked against (the parser is generic over a node)."""
BALANCED_GOAL = {  # criteria/scenarios/balanced.toml: 3 : 3 : 3 : 1 : 3 : 1 (consistent)
    "utilization": 3 / 14, "track_record": 3 / 14, "firm_capacity": 3 / 14, "region": 1 / 14,
    "policy_fit": 3 / 14, "sme_support": 1 / 14,
}


@pytest.fixture(scope="module")
def tree():
    return load_criteria()


@pytest.fixture(scope="module")
def balanced(tree):
    return scenario_weights(load_scenario("balanced"), tree)


@pytest.fixture(scope="module")
def seeded(balanced):
    return seed(balanced)


# ---- seeding -----------------------------------------------------------------------------


def test_seeding_from_balanced_gives_its_judgments(seeded):
    assert seeded.seeded_from == "balanced"
    assert dict(seeded.modes) == {
        GOAL: "ahp", "utilization": "ahp", "track_record": "ahp", "firm_capacity": "ahp",
    }
    assert dict(seeded.judgments[GOAL]) == {
        ("track_record", "utilization"): "1", ("track_record", "firm_capacity"): "1",
        ("track_record", "region"): "3", ("track_record", "policy_fit"): "1",
        ("track_record", "sme_support"): "3",
        ("utilization", "firm_capacity"): "1", ("utilization", "region"): "3",
        ("utilization", "policy_fit"): "1", ("utilization", "sme_support"): "3",
        ("firm_capacity", "region"): "3", ("firm_capacity", "policy_fit"): "1",
        ("firm_capacity", "sme_support"): "3", ("region", "policy_fit"): "1/3",
        ("region", "sme_support"): "1", ("policy_fit", "sme_support"): "3",
    }
    assert dict(seeded.judgments["utilization"]) == {
        ("field_utilization", "service_type_utilization"): "2"
    }
    assert seeded.judgments["firm_capacity"][("capital_class", "employees_class")] == "1/2"
    assert dict(seeded.evidence) == {}
    # the sliders start from the AHP result
    assert dict(seeded.direct[GOAL]) == pytest.approx(BALANCED_GOAL)
    assert dict(seeded.direct["utilization"]) == pytest.approx(
        {"field_utilization": 2 / 3, "service_type_utilization": 1 / 3}
    )


def test_seeding_a_scenario_with_direct_weights_puts_the_node_in_direct_mode(tree):
    direct = scenario_from_weights(
        load_scenario("balanced"), GOAL,
        {"utilization": 2, "track_record": 0, "firm_capacity": 1, "region": 1, "policy_fit": 0,
         "sme_support": 0},
    )
    state = seed(scenario_weights(direct, tree))
    assert state.seeded_from == "custom"
    assert state.modes[GOAL] == "direct"
    assert GOAL not in state.judgments
    assert dict(state.direct[GOAL]) == pytest.approx(
        {"utilization": 0.5, "track_record": 0.0, "firm_capacity": 0.25, "region": 0.25,
         "policy_fit": 0.0, "sme_support": 0.0}
    )
    assert state.modes["utilization"] == "ahp"


def test_seeding_carries_the_scenario_evidence_rule_without_defaults(tree):
    sme = scenario_weights(load_scenario("market_fit_first"), tree)
    state = seed(sme)
    assert dict(state.evidence) == evidence_rule(sme.scenario.evidence)
    assert not is_modified(state, sme)


# ---- the state itself --------------------------------------------------------------------


def test_state_is_copied_in_and_read_only():
    weights = {"a": 0.5, "b": 0.5}
    state = WeightState(seeded_from="s", modes={"n": "direct"}, direct={"n": weights})
    weights["a"] = 0.9
    assert state.direct["n"]["a"] == 0.5
    with pytest.raises(TypeError):
        state.direct["n"]["a"] = 0.9  # type: ignore[index]
    with pytest.raises(TypeError):
        state.modes["n"] = "ahp"  # type: ignore[index]


def test_equal_states_are_equal_and_hash_alike(seeded):
    again = with_judgments(seeded, GOAL, dict(seeded.judgments[GOAL]))
    assert again is not seeded
    assert again == seeded
    assert hash(again) == hash(seeded)
    moved = with_direct(seeded, GOAL, BALANCED_GOAL)
    assert moved != seeded
    assert {seeded: 1}[again] == 1


def test_changes_return_new_states_and_leave_the_old_one(seeded):
    moved = with_direct(seeded, "utilization", {"field_utilization": 0.9,
                                                "service_type_utilization": 0.1})
    assert moved.modes["utilization"] == "direct"
    assert moved.direct["utilization"]["field_utilization"] == 0.9
    assert seeded.modes["utilization"] == "ahp"
    assert seeded.direct["utilization"]["field_utilization"] == pytest.approx(2 / 3)
    judged = with_judgments(moved, "utilization",
                            {("field_utilization", "service_type_utilization"): "5"})
    assert judged.modes["utilization"] == "ahp"
    assert judged.judgments["utilization"] == {
        ("field_utilization", "service_type_utilization"): "5"
    }


# ---- slider moves (issue 13 item 3) -------------------------------------------------------

FIRM_031 = {  # balanced, Firm capacity slid to 0.31: the others share 0.69 as 3:3:1:3:1 (11)
    "utilization": 2.07 / 11, "track_record": 2.07 / 11, "firm_capacity": 0.31,
    "region": 0.69 / 11, "policy_fit": 2.07 / 11, "sme_support": 0.69 / 11,
}


def test_a_slider_move_rescales_the_others_in_proportion(seeded):
    state = with_slider(seeded, GOAL, "firm_capacity", 0.31, BALANCED_GOAL)
    assert state.modes[GOAL] == "direct"
    assert dict(state.direct[GOAL]) == pytest.approx(FIRM_031, abs=1e-12)
    assert state.moving[GOAL] == SliderMove(child="firm_capacity", anchor=BALANCED_GOAL)
    assert seeded.moving == {}  # the seed is untouched


@given(
    presses=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=12),
    shown=st.lists(st.integers(0, 11), min_size=12, max_size=12),
)
def test_fast_presses_end_where_one_move_to_the_last_value_ends(seeded, presses, shown):
    """Key presses whose reruns were interrupted: each callback may see the weights of any
    earlier state (``shown`` picks which one the app had drawn); the result is still exactly
    the single move to the final value."""
    states = [seeded]
    for value, drawn in zip(presses, shown, strict=False):
        current = dict(states[min(drawn, len(states) - 1)].direct[GOAL])
        current = current if len(states) > 1 else BALANCED_GOAL
        states.append(with_slider(states[-1], GOAL, "firm_capacity", value, current))
    once = with_slider(seeded, GOAL, "firm_capacity", presses[-1], BALANCED_GOAL)
    assert states[-1].direct[GOAL] == once.direct[GOAL]  # exactly, not approximately
    assert states[-1] == once


def test_ten_steps_of_001_end_at_the_hand_computed_weights(seeded):
    state = seeded
    for k in range(1, 11):  # 0.22, 0.23, ..., 0.31 as a browser sends them
        state = with_slider(state, GOAL, "firm_capacity", round(0.21 + k / 100, 2),
                            dict(state.direct[GOAL]))
    assert dict(state.direct[GOAL]) == pytest.approx(FIRM_031, abs=1e-12)


def test_a_slider_dragged_to_one_and_back_gives_the_others_their_proportions(seeded):
    full = with_slider(seeded, GOAL, "firm_capacity", 1.0, BALANCED_GOAL)
    assert dict(full.direct[GOAL]) == {**dict.fromkeys(CRITERIA, 0.0), "firm_capacity": 1.0}
    back = with_slider(full, GOAL, "firm_capacity", 0.31, dict(full.direct[GOAL]))
    assert dict(back.direct[GOAL]) == pytest.approx(FIRM_031, abs=1e-12)


def test_another_slider_starts_from_the_weights_shown(seeded):
    first = with_slider(seeded, GOAL, "firm_capacity", 0.5, BALANCED_GOAL)
    # after firm = 0.5: 1.5/11 for the 3s, 0.5/11 for the 1s; region to 0.2 scales the
    # others by 0.8 / (10.5/11)
    second = with_slider(first, GOAL, "region", 0.2, dict(first.direct[GOAL]))
    assert dict(second.direct[GOAL]) == pytest.approx({
        "utilization": 1.2 / 10.5, "track_record": 1.2 / 10.5, "firm_capacity": 4.4 / 10.5,
        "region": 0.2, "policy_fit": 1.2 / 10.5, "sme_support": 0.4 / 10.5,
    }, abs=1e-12)
    assert second.moving[GOAL].child == "region"
    assert dict(second.moving[GOAL].anchor) == dict(first.direct[GOAL])


def test_moves_on_one_node_leave_another_node_s_move(seeded):
    leaves = {"field_utilization": 2 / 3, "service_type_utilization": 1 / 3}
    inner = with_slider(seeded, "utilization", "field_utilization", 0.5, leaves)
    both = with_slider(inner, GOAL, "firm_capacity", 0.31, BALANCED_GOAL)
    assert both.moving["utilization"].child == "field_utilization"
    assert dict(both.direct["utilization"]) == {
        "field_utilization": 0.5, "service_type_utilization": 0.5,
    }


@pytest.mark.parametrize("change", ["link", "judgments"])
def test_any_other_change_of_the_node_ends_the_move(seeded, change):
    moved = with_slider(seeded, GOAL, "firm_capacity", 1.0, BALANCED_GOAL)
    if change == "link":
        other = with_direct(moved, GOAL, {**dict.fromkeys(CRITERIA, 0.1), "firm_capacity": 0.5})
    else:
        other = with_judgments(moved, GOAL, dict(seeded.judgments[GOAL]))
    assert GOAL not in other.moving
    # the next move of the same slider starts from what the node has now
    shown = dict(other.direct[GOAL]) if change == "link" else BALANCED_GOAL
    after = with_slider(other, GOAL, "firm_capacity", 0.5, shown)
    expected = (
        {**dict.fromkeys(CRITERIA, 0.1), "firm_capacity": 0.5} if change == "link"
        else {"utilization": 1.5 / 11, "track_record": 1.5 / 11, "firm_capacity": 0.5,
              "region": 0.5 / 11, "policy_fit": 1.5 / 11, "sme_support": 0.5 / 11}
    )
    assert dict(after.direct[GOAL]) == pytest.approx(expected, abs=1e-12)


def test_an_evidence_change_keeps_the_move(seeded):
    moved = with_slider(seeded, GOAL, "firm_capacity", 0.4, BALANCED_GOAL)
    assert with_evidence(moved, "official", True).moving == moved.moving


def test_a_slider_move_is_part_of_the_state_s_identity(seeded):
    a = with_slider(seeded, GOAL, "firm_capacity", 0.31, BALANCED_GOAL)
    b = with_direct(seeded, GOAL, dict(a.direct[GOAL]))  # same weights, no move
    assert a != b
    assert a == with_slider(seeded, GOAL, "firm_capacity", 0.31, BALANCED_GOAL)
    assert hash(a) == hash(with_slider(seeded, GOAL, "firm_capacity", 0.31, BALANCED_GOAL))
    with pytest.raises(TypeError):
        a.moving[GOAL].anchor["region"] = 0.5  # type: ignore[index]


def test_move_slider_works_on_any_named_weights():
    """The rule is generic (e.g. market weights): a move starts, continues, or restarts."""
    weights = {"a": 0.5, "b": 0.3, "c": 0.2}
    move, out = move_slider(None, weights, "a", 0.8)
    assert out == pytest.approx({"a": 0.8, "b": 0.12, "c": 0.08}, abs=1e-12)
    again, out = move_slider(move, out, "a", 0.6)
    assert again is move
    assert out == pytest.approx({"a": 0.6, "b": 0.24, "c": 0.16}, abs=1e-12)
    other, out = move_slider(again, out, "b", 0.0)
    assert other.child == "b"
    assert dict(other.anchor) == pytest.approx({"a": 0.6, "b": 0.24, "c": 0.16}, abs=1e-12)
    assert out == pytest.approx({"a": 0.6 / 0.76, "b": 0.0, "c": 0.16 / 0.76}, abs=1e-12)


# ---- a browser's report of a node's sliders (issue 13: fast key presses) ----------------

SHOWN = (  # what the app gave three sliders, oldest first: b moved twice, then c once
    {"a": 0.5, "b": 0.3, "c": 0.2},
    {"a": 0.4286, "b": 0.4, "c": 0.1714},
    {"a": 0.3571, "b": 0.5, "c": 0.1429},
    {"a": 0.3125, "b": 0.4375, "c": 0.25},
)


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        ({"a": 0.3125, "b": 0.4375, "c": 0.25}, None),  # what they show: nothing new
        ({"a": 0.3125, "b": 0.4375, "c": 0.26}, ("c", 0.26)),  # c pressed again
        ({"a": 0.3125, "b": 0.45, "c": 0.25}, ("b", 0.45)),  # then b, after the redraw
        ({"a": 0.3571, "b": 0.5, "c": 0.26}, ("c", 0.26)),  # c pressed before the redraw
        ({"a": 0.4286, "b": 0.41, "c": 0.1714}, ("b", 0.41)),  # two redraws behind
        ({"a": 0.3571, "b": 0.5, "c": 0.1429}, STALE_REPORT),  # an old picture, no press
        ({"a": 0.9, "b": 0.05, "c": 0.05}, STALE_REPORT),  # nothing the app ever showed
    ],
)
def test_a_report_is_read_against_the_values_shown(reported, expected):
    assert read_slider_report(reported, SHOWN) == expected


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        # half-drawn: a from the last entry, b from the one before; c pressed again
        ({"a": 0.3125, "b": 0.5, "c": 0.26}, ("c", 0.26)),
        # c pressed back to the value it had, the others as drawn then: still c's press
        ({"a": 0.3571, "b": 0.5, "c": 0.24}, ("c", 0.24)),
        # half-drawn (a from two redraws back, b from one), c untouched: stale
        ({"a": 0.4286, "b": 0.5, "c": 0.25}, STALE_REPORT),
        # b dragged back to a value it had: b's move (the same as a picture half-drawn in b
        # alone, which only a rerun the mover did not cause could report)
        ({"a": 0.3125, "b": 0.5, "c": 0.25}, ("b", 0.5)),
        # c untouched and what they show: nothing new; b pressed: b's move
        ({"a": 0.3125, "b": 0.4375, "c": 0.25}, None),
        ({"a": 0.3125, "b": 0.44, "c": 0.25}, ("b", 0.44)),
    ],
)
def test_the_mover_s_value_is_always_the_user_s(reported, expected):
    assert read_slider_report(reported, SHOWN, mover="c") == expected


def test_without_a_mover_a_half_drawn_report_is_stale():
    assert read_slider_report({"a": 0.4286, "b": 0.5, "c": 0.26}, SHOWN) == STALE_REPORT


@given(
    entries=st.lists(
        st.lists(st.integers(1, 99), min_size=3, max_size=6, unique=True),
        min_size=1, max_size=8,
    ),
    age=st.integers(0, 7), moved=st.integers(0, 5), value=st.integers(100, 200),
)
def test_one_press_on_any_picture_the_browser_still_shows_is_that_press(
    entries, age, moved, value
):
    """Whatever entry the browser last drew, one slider set to a value no entry held (and
    every other slider as drawn) is read as that slider's move to that value."""
    width = min(len(e) for e in entries)
    shown = [{f"s{i}": v / 100 for i, v in enumerate(e[:width])} for e in entries]
    # entries differ in every slider from one another (as after a move of a 3+ node)
    shown = [{k: v + n for k, v in e.items()} for n, e in enumerate(shown)]
    drawn = shown[-1 - min(age, len(shown) - 1)]
    child = f"s{moved % width}"
    reported = {**drawn, child: value + 0.5}
    assert read_slider_report(reported, shown) == (child, value + 0.5)


def test_evidence_rule_drops_defaults():
    assert evidence_rule({"min_source": None, "sourced_only": False}) == {}
    assert evidence_rule({"min_source": "official", "sourced_only": True}) == {
        "min_source": "official", "sourced_only": True,
    }
    assert evidence_rule({"min_source": "news", "sourced_only": False}) == {"min_source": "news"}


# ---- modified or not ---------------------------------------------------------------------


def test_a_fresh_seed_is_not_modified(seeded, balanced):
    assert not is_modified(seeded, balanced)


def test_the_same_judgments_again_are_not_a_change(seeded, balanced):
    assert not is_modified(with_judgments(seeded, GOAL, dict(seeded.judgments[GOAL])), balanced)
    assert not is_modified(with_evidence(seeded, None, False), balanced)


@pytest.mark.parametrize("change", ["other_judgment", "direct_same_values", "evidence", "seed"])
def test_every_kind_of_change_counts(seeded, balanced, tree, change):
    if change == "other_judgment":
        pairs = {**seeded.judgments[GOAL], ("utilization", "region"): "5"}
        state = with_judgments(seeded, GOAL, pairs)
    elif change == "direct_same_values":  # judged in the scenario, slid now
        state = with_direct(seeded, GOAL, BALANCED_GOAL)
    elif change == "evidence":
        state = with_evidence(seeded, "official", False)
    else:
        state = seed(scenario_weights(load_scenario("sme_first"), tree))
    assert is_modified(state, balanced)


def test_direct_weights_count_as_changed_beyond_round_off(tree):
    shares = {"utilization": 0.3, "track_record": 0.1, "firm_capacity": 0.1, "region": 0.1,
              "policy_fit": 0.3, "sme_support": 0.1}
    base = scenario_weights(scenario_from_weights(load_scenario("balanced"), GOAL, shares), tree)
    state = seed(base)
    nudged = {**state.direct[GOAL], "utilization": state.direct[GOAL]["utilization"] + 1e-12}
    assert not is_modified(with_direct(state, GOAL, nudged), base)
    moved = {**state.direct[GOAL], "utilization": 0.31, "region": 0.09}
    assert is_modified(with_direct(state, GOAL, moved), base)


# ---- the effective scenario --------------------------------------------------------------


def test_unchanged_weights_keep_the_scenario_itself(seeded, balanced):
    assert effective_scenario(seeded, balanced) is balanced.scenario


def test_changed_weights_make_an_adjusted_user_scenario(seeded, balanced, tree):
    shares = {"utilization": 0.3, "track_record": 0.1, "firm_capacity": 0.1, "region": 0.1,
              "policy_fit": 0.3, "sme_support": 0.1}
    state = with_evidence(with_direct(seeded, GOAL, shares), "official", True)
    custom = effective_scenario(state, balanced)
    assert custom.id == "balanced-custom"
    assert custom.label_en == "Balanced (adjusted)"
    assert custom.label_ko == "균형 (조정)"
    assert custom.basis == "user"
    assert dict(custom.weights) == {GOAL: shares}
    assert set(custom.judgments) == {"utilization", "track_record", "firm_capacity"}
    assert dict(custom.judgments["utilization"]) == {
        ("field_utilization", "service_type_utilization"): "2"
    }
    assert dict(custom.evidence) == {"min_source": "official", "sourced_only": True}
    assert custom.method == balanced.scenario.method
    assert custom.ri_table == balanced.scenario.ri_table
    weighed = scenario_weights(custom, tree)
    assert weighed.criterion_weights == pytest.approx(shares)
    assert weighed.leaf_weights["field_utilization"] == pytest.approx(0.3 * 2 / 3)


# ---- local weights and the pairwise editor -----------------------------------------------


def test_local_weights_of_a_judged_and_a_direct_node(balanced, tree):
    assert isinstance(balanced.local[GOAL], AhpResult)
    assert local_weights(balanced, GOAL) == pytest.approx(BALANCED_GOAL)
    assert list(local_weights(balanced, GOAL)) == list(CRITERIA)
    direct = scenario_weights(
        scenario_from_weights(balanced.scenario, "utilization",
                              {"field_utilization": 3, "service_type_utilization": 1}),
        tree,
    )
    assert local_weights(direct, "utilization") == {
        "field_utilization": 0.75, "service_type_utilization": 0.25,
    }


def test_editor_shows_the_judgment_of_a_judged_node(seeded, balanced):
    assert editor_judgment(seeded, balanced, GOAL, "utilization", "region") == "3"
    assert editor_judgment(seeded, balanced, GOAL, "region", "utilization") == "1/3"
    assert editor_judgment(seeded, balanced, GOAL, "utilization", "policy_fit") == "1"


def test_editor_shows_the_weight_ratio_of_a_direct_node(seeded, balanced):
    state = with_direct(seeded, "utilization",
                        {"field_utilization": 0.6, "service_type_utilization": 0.2})
    node = "utilization"
    assert editor_judgment(state, balanced, node, "field_utilization",
                           "service_type_utilization") == "3"
    assert editor_judgment(state, balanced, node, "service_type_utilization",
                           "field_utilization") == "1/3"
    # ratio 2.9 is nearest to 3 on a log axis; a zero weight has no ratio
    state = with_direct(seeded, node, {"field_utilization": 0.74, "service_type_utilization": 0.26})
    assert editor_judgment(state, balanced, node, "field_utilization",
                           "service_type_utilization") == "3"
    state = with_direct(seeded, node, {"field_utilization": 1.0, "service_type_utilization": 0.0})
    assert editor_judgment(state, balanced, node, "field_utilization",
                           "service_type_utilization") == "1"


def test_editor_reads_the_pairs_when_the_weights_predate_the_judgments(seeded, tree):
    # weights computed while the goal was slid (direct); the user has just judged it
    slid = scenario_weights(
        scenario_from_weights(load_scenario("balanced"), GOAL, BALANCED_GOAL), tree
    )
    state = with_judgments(seeded, GOAL, {("region", "utilization"): "1/5",
                                          ("utilization", "policy_fit"): "2"})
    assert editor_judgment(state, slid, GOAL, "utilization", "region") == "5"
    assert editor_judgment(state, slid, GOAL, "utilization", "policy_fit") == "2"
    assert editor_judgment(state, slid, GOAL, "firm_capacity", "region") == "1"


# ---- shared links ------------------------------------------------------------------------


def test_link_weights_are_read_and_normalised():
    weights, issues = parse_url_weights(
        "utilization:2,firm_capacity:1,region:1,policy_fit:0,sme_support:0", LINK_CRITERIA
    )
    assert issues == ()
    assert weights == {"utilization": 0.5, "firm_capacity": 0.25, "region": 0.25,
                       "policy_fit": 0.0, "sme_support": 0.0}
    weights, _ = parse_url_weights(
        " sme_support:0.1, policy_fit:0.3,region:0.1,firm_capacity:0.1,utilization:0.4,",
        LINK_CRITERIA,
    )
    assert list(weights) == list(LINK_CRITERIA)  # the children's order, not the link's
    assert weights == pytest.approx({"utilization": 0.4, "firm_capacity": 0.1, "region": 0.1,
                                     "policy_fit": 0.3, "sme_support": 0.1})


def test_no_link_is_no_problem():
    assert parse_url_weights("", LINK_CRITERIA) == (None, ())
    assert parse_url_weights("  ", LINK_CRITERIA) == (None, ())


def test_a_value_that_is_not_a_number_is_reported_and_nothing_applies():
    weights, issues = parse_url_weights("utilization:0.5,region:x", LINK_CRITERIA)
    assert weights is None
    first = issues[0]
    assert (first.code, first.field, first.value) == ("url_weight_not_number", "region", "x")
    assert [(i.code, i.field, i.value) for i in issues[1:]] == [
        ("url_weights_incomplete", "firm_capacity", None),
        ("url_weights_incomplete", "policy_fit", None),
        ("url_weights_incomplete", "sme_support", None),
    ]


@pytest.mark.parametrize(
    ("entry", "code", "field", "value"),
    [
        ("region:x", "url_weight_not_number", "region", "x"),
        ("region:", "url_weight_not_number", "region", ""),
        ("region", "url_weight_not_number", "region", ""),
        ("region:nan", "url_weight_not_number", "region", "nan"),
        ("region:inf", "url_weight_not_number", "region", "inf"),
        ("region:-0.1", "url_weight_negative", "region", "-0.1"),
        ("region:0.1,region:0.2", "url_weight_duplicate", "region", "0.2"),
    ],
)
def test_each_bad_entry_names_its_criterion_and_value(entry, code, field, value):
    others = "utilization:0.4,firm_capacity:0.1,policy_fit:0.3,sme_support:0.1"
    weights, issues = parse_url_weights(f"{others},{entry}", LINK_CRITERIA)
    assert weights is None
    assert [(i.code, i.field, i.value) for i in issues] == [(code, field, value)]


def test_an_unknown_name_is_reported_with_the_criterion_it_left_out():
    weights, issues = parse_url_weights(
        "utilization:0.4,firm_capacity:0.1,regoin:0.1,policy_fit:0.3,sme_support:0.1", LINK_CRITERIA
    )
    assert weights is None
    assert [(i.code, i.field, i.value) for i in issues] == [
        ("url_weight_unknown", "regoin", "0.1"), ("url_weights_incomplete", "region", None),
    ]


def test_a_link_weighing_everything_zero_is_refused():
    weights, issues = parse_url_weights(",".join(f"{c}:0" for c in LINK_CRITERIA), LINK_CRITERIA)
    assert weights is None
    assert [i.code for i in issues] == ["weights_all_zero"]


def test_every_link_problem_has_an_english_and_korean_title():
    texts = ["region:x", "region:-1", "foo:1", "region:1,region:1",
             ",".join(f"{c}:0" for c in LINK_CRITERIA)]
    codes = {i.code for text in texts for i in parse_url_weights(text, LINK_CRITERIA)[1]}
    assert codes == {"url_weight_not_number", "url_weight_negative", "url_weight_unknown",
                     "url_weight_duplicate", "url_weights_incomplete", "weights_all_zero"}
    for code in codes:
        assert set(labels.ISSUE_CODES[code]) == {"en", "ko"}
        assert labels.issue_title(code, "ko") != labels.GENERIC_ISSUE["ko"]


def test_a_link_carries_direct_weights_only(seeded):
    assert url_weights(seeded, GOAL) is None  # judged: the scenario id reproduces it
    state = with_direct(seeded, GOAL, {"utilization": 0.4, "firm_capacity": 0.1, "region": 0.1,
                                       "policy_fit": 0.3, "sme_support": 0.1})
    assert url_weights(state, GOAL) == (
        "utilization:0.4000,firm_capacity:0.1000,region:0.1000,policy_fit:0.3000,"
        "sme_support:0.1000"
    )


@given(st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=5, max_size=5))
def test_a_link_round_trips_to_four_decimals(raw):
    total = sum(raw)
    shares = {c: w / total for c, w in zip(LINK_CRITERIA, raw, strict=True)}
    state = WeightState(seeded_from="s", modes={GOAL: "direct"}, direct={GOAL: shares})
    text = url_weights(state, GOAL)
    assert text is not None
    weights, issues = parse_url_weights(text, LINK_CRITERIA)
    assert issues == ()
    assert weights is not None
    assert math.isclose(sum(weights.values()), 1.0)
    assert weights == pytest.approx(shares, abs=1e-3)


# ---- what the ranking made of the weights --------------------------------------------------


def _balanced_india(db):
    from exportmcda.data.countries import get_country
    from exportmcda.model.selection import select

    return select(db, load_criteria(), load_scenario("balanced"), get_country("IND"))


def test_without_evidence_track_record_is_left_out_and_its_weight_shared(no_evidence_db):
    sel = _balanced_india(no_evidence_db)
    track = load_criteria().criterion("track_record")
    leaves = tuple(leaf.id for leaf in track.leaves)
    assert leaves == ("domestic_use", "overseas_references", "export_markets",
                      "certifications", "patents", "maturity")
    assert left_out_nodes(sel) == ("track_record", *leaves)
    assert dict(sel.weights.criterion_weights) == pytest.approx(BALANCED_GOAL)
    # balanced.toml without its track-record rows: utilization = firm capacity = policy fit,
    # each 3 times region and SME support, region = SME support -- consistent, 3:3:3:1:1
    effective = effective_criterion_weights(sel)
    assert list(effective) == list(CRITERIA)
    assert effective == pytest.approx({
        "utilization": 3 / 11, "track_record": 0.0, "firm_capacity": 3 / 11,
        "region": 1 / 11, "policy_fit": 3 / 11, "sme_support": 1 / 11,
    }, abs=1e-12)
    assert math.isclose(sum(effective.values()), 1.0)


def test_with_every_column_the_effective_weights_are_the_scenario_s():
    from exportmcda.data.io import load_sample

    sel = _balanced_india(load_sample())
    assert left_out_nodes(sel) == ()
    assert effective_criterion_weights(sel) == pytest.approx(BALANCED_GOAL, abs=1e-12)


def test_one_missing_column_leaves_out_its_leaf_not_the_criterion(tmp_path):
    import csv
    import io

    from exportmcda.data.io import load
    from exportmcda.resources import data_dir

    rows = list(csv.reader(io.StringIO(
        (data_dir() / "sample" / "technologies.csv").read_text(encoding="utf-8"), newline="")))
    drop = rows[0].index("patents")
    path = tmp_path / "technologies.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(
            [v for k, v in enumerate(row) if k != drop] for row in rows)
    sel = _balanced_india(load(path))
    assert left_out_nodes(sel) == ("patents",)
    stated = sel.weights.leaf_weights
    effective = effective_criterion_weights(sel)
    # the patents leaf's weight is shared among all other leaves in proportion
    scale = 1 / (1 - stated["patents"])
    assert effective["track_record"] == pytest.approx(
        (BALANCED_GOAL["track_record"] - stated["patents"]) * scale, abs=1e-12)
    assert effective["utilization"] == pytest.approx(BALANCED_GOAL["utilization"] * scale,
                                                     abs=1e-12)
    assert 0 < effective["track_record"] < BALANCED_GOAL["track_record"]


def test_a_criterion_zero_for_every_candidate_weighs_zero_but_is_not_left_out():
    # an evidence rule no IND priority meets: the policy-fit column is 0 for everyone and
    # dropped (note zero_columns_dropped); the slider stays usable, the rule can be relaxed
    from dataclasses import replace

    from exportmcda.data.countries import get_country
    from exportmcda.data.io import load_sample
    from exportmcda.model.selection import select

    strict = replace(load_scenario("balanced"), evidence={"min_source": "official"})
    sel = select(load_sample(), load_criteria(), strict, get_country("IND"))
    assert "zero_columns_dropped" in {n.code for n in sel.notes}
    assert left_out_nodes(sel) == ()
    assert effective_criterion_weights(sel) == pytest.approx({
        "utilization": 3 / 11, "track_record": 3 / 11, "firm_capacity": 3 / 11,
        "region": 1 / 11, "policy_fit": 0.0, "sme_support": 1 / 11,
    }, abs=1e-12)


# ---- a whole hierarchy in one link (the markets page) -----------------------------------


@pytest.fixture(scope="module")
def market_base():
    return scenario_weights(load_market_scenario("balanced"), load_market_criteria())


def test_an_unchanged_hierarchy_writes_no_link(market_base):
    assert url_changed_weights(seed(market_base), market_base) is None


def test_changed_nodes_are_written_in_hierarchy_order_and_read_back(market_base):
    state = with_direct(seed(market_base), "policy_demand",
                        {"policy_priority": 0.25, "exported_here": 0.75})
    state = with_direct(state, "market_attractiveness", {
        "digital_readiness": 0.4, "market_size": 0.2, "ability_to_pay": 0.1,
        "policy_demand": 0.3})
    text = url_changed_weights(state, market_base)
    assert text == (
        "digital_readiness:0.4000,market_size:0.2000,ability_to_pay:0.1000,"
        "policy_demand:0.3000" + NODE_SEPARATOR + "policy_priority:0.2500,exported_here:0.7500")
    nodes = market_base.tree.weighted_nodes()
    given, issues = parse_url_changed_weights(text, nodes)
    assert issues == ()
    assert given == {
        "market_attractiveness": pytest.approx({"digital_readiness": 0.4, "market_size": 0.2,
                                                "ability_to_pay": 0.1, "policy_demand": 0.3}),
        "policy_demand": pytest.approx({"policy_priority": 0.25, "exported_here": 0.75}),
    }
    # a node moved back to the scenario's weights (balanced: 2/3, 1/3) is not written
    back = with_direct(state, "policy_demand", {"policy_priority": 2 / 3, "exported_here": 1 / 3})
    assert NODE_SEPARATOR not in url_changed_weights(back, market_base)


@pytest.mark.parametrize(("text", "code", "field"), [
    ("egdi:0.5,urban_growth:0.5", "url_weight_unknown", "egdi"),
    ("policy_priority:1,exported_here:1;exported_here:1,policy_priority:0",
     "url_weight_duplicate", "policy_demand"),
    ("policy_priority:x,exported_here:1", "url_weight_not_number", "policy_priority"),
    ("policy_priority:1", "url_weights_incomplete", "exported_here"),
])
def test_a_bad_hierarchy_link_applies_nothing_and_says_why(market_base, text, code, field):
    given, issues = parse_url_changed_weights(
        "urban_market_size:0.5,urban_growth:0.5;" + text, market_base.tree.weighted_nodes())
    assert given is None
    assert (issues[0].code, issues[0].field) == (code, field)


def test_an_empty_hierarchy_link_is_no_link(market_base):
    assert parse_url_changed_weights("", market_base.tree.weighted_nodes()) == (None, ())
    assert parse_url_changed_weights(";", market_base.tree.weighted_nodes()) == (None, ())
