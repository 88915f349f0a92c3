"""A link carries judgments, the evidence rule and filters (issue 11, item 2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda import labels
from exportmcda.model.criteria import load_criteria
from exportmcda.model.links import (
    parse_url_evidence,
    parse_url_filters,
    parse_url_judgments,
    url_evidence,
    url_filters,
    url_judgments,
)
from exportmcda.model.scenarios import load_scenario, scenario_weights
from exportmcda.model.selection import Filters
from exportmcda.model.weight_state import (
    effective_scenario,
    seed,
    with_direct,
    with_evidence,
    with_judgments,
)

GOAL = "export_priority"
UTILIZATION_PAIRS = {("field_utilization", "service_type_utilization"): "2"}  # balanced.toml


@pytest.fixture(scope="module")
def tree():
    return load_criteria()


@pytest.fixture(scope="module")
def balanced(tree):
    return scenario_weights(load_scenario("balanced"), tree)


@pytest.fixture(scope="module")
def nodes(tree):
    return tree.weighted_nodes()


# ---- judgments ---------------------------------------------------------------------------


def test_the_scenario_s_own_judgments_need_no_link(balanced):
    assert url_judgments(seed(balanced), balanced) is None


def test_an_edited_node_is_written_with_all_its_pairs(balanced):
    edited = with_judgments(
        seed(balanced), "utilization", {("field_utilization", "service_type_utilization"): "1/5"}
    )
    assert url_judgments(edited, balanced) == "field_utilization~service_type_utilization:1/5"


def test_a_node_set_by_weights_is_not_a_judgment(balanced):
    moved = with_direct(
        seed(balanced), "utilization", {"field_utilization": 0.5, "service_type_utilization": 0.5}
    )
    assert url_judgments(moved, balanced) is None


def test_two_edited_nodes_in_the_hierarchy_s_order(balanced):
    state = seed(balanced)
    goal_pairs = dict(state.judgments[GOAL])
    goal_pairs[("utilization", "region")] = "5"
    state = with_judgments(state, "utilization", {("field_utilization",
                                                  "service_type_utilization"): "3"})
    state = with_judgments(state, GOAL, goal_pairs)
    text = url_judgments(state, balanced)
    assert text is not None
    goal_part, utilization_part = text.split(";")
    assert "utilization~region:5" in goal_part.split(",")
    assert "utilization~firm_capacity:1" in goal_part.split(",")
    assert len(goal_part.split(",")) == 15  # 6 criteria: 15 pairs in balanced.toml
    assert utilization_part == "field_utilization~service_type_utilization:3"


def test_judgments_round_trip_to_the_same_effective_scenario(balanced, nodes):
    state = seed(balanced)
    goal_pairs = dict(state.judgments[GOAL])
    goal_pairs[("region", "policy_fit")] = "7"
    edited = with_judgments(state, GOAL, goal_pairs)
    text = url_judgments(edited, balanced)
    read, issues = parse_url_judgments(text, nodes)
    assert issues == ()
    assert read is not None
    rebuilt = seed(balanced)
    for node, pairs in read.items():
        rebuilt = with_judgments(rebuilt, node, pairs)
    assert effective_scenario(rebuilt, balanced).judgments == effective_scenario(
        edited, balanced).judgments
    assert read[GOAL][("region", "policy_fit")] == "7"


@pytest.mark.parametrize(("text", "code", "field"), [
    ("utilization~nonsense:3", "url_judgment_pair", "utilization~nonsense"),
    ("utilization~utilization:3", "url_judgment_pair", "utilization~utilization"),
    # two criteria of different nodes
    ("utilization~field_utilization:3", "url_judgment_pair", "utilization~field_utilization"),
    ("field_utilization~service_type_utilization:10", "url_judgment_value",
     "field_utilization~service_type_utilization"),
    ("field_utilization~service_type_utilization:0", "url_judgment_value",
     "field_utilization~service_type_utilization"),
    ("field_utilization~service_type_utilization:x", "url_judgment_value",
     "field_utilization~service_type_utilization"),
    ("field_utilization~service_type_utilization:2,service_type_utilization~field_utilization:3",
     "url_judgment_duplicate", "service_type_utilization~field_utilization"),
    # region is compared with nobody: the goal's six criteria are not connected
    ("utilization~firm_capacity:3", "url_judgments_unsolvable", GOAL),
])
def test_a_wrong_judgment_link_is_not_applied_and_says_why(nodes, text, code, field):
    read, issues = parse_url_judgments(text, nodes)
    assert read is None
    assert [(i.code, i.field) for i in issues] == [(code, field)]
    assert code in labels.ISSUE_CODES


def test_one_wrong_part_keeps_the_whole_link_out(nodes):
    read, issues = parse_url_judgments(
        "field_utilization~service_type_utilization:3;sales_class~nonsense:2", nodes
    )
    assert read is None
    assert [i.code for i in issues] == ["url_judgment_pair"]


def test_an_empty_judgments_link_is_no_link(nodes):
    assert parse_url_judgments("", nodes) == (None, ())
    assert parse_url_judgments(" ; ", nodes) == (None, ())


@given(st.text(max_size=80))
def test_any_text_is_read_or_refused_never_raises(text):
    nodes = load_criteria().weighted_nodes()
    read, issues = parse_url_judgments(text, nodes)
    assert (read is None) or issues == ()


# ---- evidence rule -----------------------------------------------------------------------


def test_the_scenario_s_evidence_rule_needs_no_link(balanced):
    assert url_evidence(seed(balanced), balanced) == {}


def test_a_stricter_evidence_rule_round_trips(balanced):
    stricter = with_evidence(seed(balanced), "official", True)
    params = url_evidence(stricter, balanced)
    assert params == {"source": "official", "sourced": "1"}
    assert parse_url_evidence(params) == (("official", True), ())


def test_no_evidence_parameters_is_no_rule():
    assert parse_url_evidence({}) == (None, ())


@pytest.mark.parametrize(("params", "code"), [
    ({"source": "rumour"}, "url_evidence_source"),
    ({"source": "official", "sourced": "yes"}, "url_evidence_sourced"),
])
def test_a_wrong_evidence_rule_is_refused(params, code):
    rule, issues = parse_url_evidence(params)
    assert rule is None
    assert [i.code for i in issues] == [code]
    assert code in labels.ISSUE_CODES


# ---- filters -----------------------------------------------------------------------------


def test_filters_round_trip():
    filters = Filters(fields=(3, 1), company_sizes=(4,), regions=(1, 9))
    params = url_filters(filters)
    assert params == {"fields": "3,1", "sizes": "4", "regions": "1,9"}
    assert parse_url_filters(params) == (filters, ())


def test_no_filter_is_no_link():
    assert url_filters(Filters()) == {}
    assert parse_url_filters({}) == (None, ())


@pytest.mark.parametrize(("params", "value"), [
    ({"fields": "22"}, "22"),  # 21 fields in the study's taxonomy
    ({"regions": "0"}, "0"),
    ({"sizes": "6"}, "6"),  # 5 company sizes
    ({"services": "40"}, "40"),  # 39 service types
    ({"fields": "1,x"}, "x"),
])
def test_a_wrong_filter_number_is_refused(params, value):
    filters, issues = parse_url_filters(params)
    assert filters is None
    assert [(i.code, i.value) for i in issues] == [("url_filter_value", value)]
    assert "url_filter_value" in labels.ISSUE_CODES
