"""Scenarios: AHP judgments per node → global leaf weights."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.errors import ConfigError, JudgmentError
from exportmcda.labels import notes_text
from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import (
    available_scenarios,
    load_scenario,
    parse_scenario,
    rescale_weights,
    scenario_from_weights,
    scenario_weights,
    to_toml,
)
from exportmcda.rank.directions import Direction


@pytest.fixture(scope="module")
def tree():
    return load_criteria()


def test_the_four_required_scenarios_ship():
    assert {"balanced", "market_fit_first", "sme_first", "balanced_regional"} <= set(
        available_scenarios()
    )


def test_balanced_judgments_give_the_hand_computed_weights(tree):
    # utilization = track record = firm capacity = policy fit = 3 × region = 3 × SME support
    # (consistent)
    w = scenario_weights(load_scenario("balanced"), tree)
    assert w.criterion_weights["utilization"] == pytest.approx(3 / 14)
    assert w.criterion_weights["track_record"] == pytest.approx(3 / 14)
    assert w.criterion_weights["region"] == pytest.approx(1 / 14)
    assert w.local["export_priority"].cr == pytest.approx(0, abs=1e-9)
    # inside utilization: field 2 × service type
    assert w.leaf_weights["field_utilization"] == pytest.approx(3 / 14 * 2 / 3)
    # firm capacity: sales 2, employees 2, capital 1, history 1, size 1 (of 7)
    assert w.leaf_weights["sales_class"] == pytest.approx(3 / 14 * 2 / 7)


@pytest.mark.parametrize("name", ["balanced", "market_fit_first", "sme_first", "balanced_regional"])
def test_every_scenario_is_consistent_and_sums_to_one(tree, name):
    w = scenario_weights(load_scenario(name), tree)
    assert sum(w.leaf_weights.values()) == pytest.approx(1)
    assert not w.inconsistent


def test_scenario_emphases(tree):
    def top(name):
        w = scenario_weights(load_scenario(name), tree).criterion_weights
        return max(w, key=w.get)

    assert top("market_fit_first") == "policy_fit"
    assert top("sme_first") == "sme_support"
    assert top("balanced_regional") == "region"


def test_balanced_regional_reverses_the_region_direction(tree):
    w = scenario_weights(load_scenario("balanced_regional"), tree)
    assert w.tree.leaf("regional_base").direction is Direction.COST
    assert tree.leaf("regional_base").direction is Direction.BENEFIT


def test_toml_round_trip():
    s = load_scenario("balanced_regional")
    again = parse_scenario(to_toml(s), name=s.path)
    assert again == s


def test_direct_weights_from_sliders(tree):
    base = load_scenario("balanced")
    s = scenario_from_weights(
        base, tree.goal_id,
        {"utilization": 2, "track_record": 0, "firm_capacity": 1, "region": 1, "policy_fit": 4,
         "sme_support": 0},
    )
    w = scenario_weights(s, tree)
    assert w.criterion_weights["policy_fit"] == pytest.approx(0.5)
    assert w.criterion_weights["sme_support"] == 0
    assert w.leaf_weights["field_utilization"] == pytest.approx(0.25 * 2 / 3)  # sub-judgments kept


@given(st.lists(st.floats(0.01, 100), min_size=6, max_size=6))
def test_slider_weights_always_sum_to_one(values):
    tree = load_criteria()
    ids = [c.id for c in tree.criteria]
    weights = dict(zip(ids, values, strict=True))
    s = scenario_from_weights(load_scenario("balanced"), tree.goal_id, weights)
    w = scenario_weights(s, tree)
    assert sum(w.criterion_weights.values()) == pytest.approx(1)
    assert all(v >= 0 for v in w.leaf_weights.values())


def test_inconsistent_judgments_are_reported(tree):
    text = to_toml(load_scenario("balanced")).replace(
        '"utilization vs region" = "3"', '"utilization vs region" = "1/9"'
    )
    w = scenario_weights(parse_scenario(text), tree)
    assert "export_priority" in w.inconsistent
    assert any("inconsistent" in n for n in notes_text(w.notes))


@pytest.mark.parametrize(
    ("edit", "error", "message"),
    [
        (('"utilization vs region"', '"utilization vs astrology"'), JudgmentError, "astrology"),
        (('"utilization vs region" = "3"', '"utilization vs region" = "0"'), JudgmentError,
         "utilization"),
        (('[judgments."utilization"]', '[judgments."nowhere"]'), ConfigError, "nowhere"),
        (('method = "eigen"', 'method = "magic"'), ConfigError, "method"),
        (('"utilization vs region" = "3"', '"utilization versus region" = "3"'), ConfigError,
         "A vs B"),
    ],
)
def test_bad_scenarios_name_the_problem(tree, edit, error, message):
    text = to_toml(load_scenario("balanced")).replace(*edit)
    with pytest.raises(error, match=message):
        scenario_weights(parse_scenario(text, name="bad.toml"), tree)


def test_unknown_scenario_lists_the_known_ones():
    with pytest.raises(ConfigError, match="balanced"):
        load_scenario("nope")


def test_rescale_weights_is_the_one_at_a_time_rescaling() -> None:
    """The app's named-weights rescaling: 0.5/0.3/0.2 with a → 0.8 gives 0.8/0.12/0.08."""
    out = rescale_weights({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.8)
    assert out == pytest.approx({"a": 0.8, "b": 0.12, "c": 0.08}, abs=1e-12)


def test_leave_out_is_the_one_at_a_time_rescaling_to_zero():
    from exportmcda.model.scenarios import leave_out, rescale_weights
    from exportmcda.robustness.oat import perturbed

    w = {"a": 0.5, "b": 0.2, "c": 0.2, "d": 0.1}
    kept = leave_out(w, ["b", "d"])
    assert kept == pytest.approx({"a": 0.5 / 0.7, "c": 0.2 / 0.7})
    assert sum(kept.values()) == pytest.approx(1)
    one = leave_out(w, ["b"])
    assert one == pytest.approx({k: v for k, v in rescale_weights(w, "b", 0.0).items()
                                 if k != "b"})
    assert list(one.values()) == pytest.approx(
        [v for i, v in enumerate(perturbed(list(w.values()), 1, [0.0])[0]) if i != 1])
    with pytest.raises(ConfigError, match="not among the weights"):
        leave_out(w, ["zzz"])


def test_completion_key_is_optional_validated_and_round_trips(tree):
    """Issue 9: a scenario may choose how missing judgments are completed (default bfr)."""
    base = to_toml(load_scenario("balanced"))
    assert "completion" not in base  # default: not written, so record hashes stay the same
    assert parse_scenario(base).completion == "bfr"
    gap = base.replace('"utilization vs region" = "3"\n', "").replace(
        'ri_table = "saaty_1980"', 'ri_table = "saaty_1980"\ncompletion = "harker"')
    harker = parse_scenario(gap)
    assert harker.completion == "harker"
    assert parse_scenario(to_toml(harker)) == harker
    local = scenario_weights(harker, tree).local["export_priority"]
    assert local.completion == "harker"
    assert local.estimated == (("utilization", "region"),)
    bfr = scenario_weights(parse_scenario(gap.replace('"harker"', '"bfr"')), tree)
    assert bfr.local["export_priority"].completion == "bfr"
    # the balanced judgments are consistent: both completions restore the removed 3
    assert bfr.local["export_priority"].judgment("utilization", "region") == pytest.approx(3)
    assert local.judgment("utilization", "region") == pytest.approx(3)
    with pytest.raises(ConfigError, match="unknown completion 'llsm'"):
        parse_scenario(gap.replace('"harker"', '"llsm"'))


# --- shortlist rules in a scenario (issue 12, part 2) ---


def test_a_scenario_states_shortlist_rules_and_writes_them_back():
    from exportmcda.model.rules import RuleKind

    base = to_toml(load_scenario("balanced"))
    text = base + (
        "\n[rules]\nmax_per_company = 1\nmin_sme_share = 0.25\n"
        "\n[rules.min_per_field]\n\"Water management\" = 2\n"
        "\n[rules.country.IND]\nmin_non_capital = 3\n"
    )
    scenario = parse_scenario(text, name="ruled.toml")
    assert [r.id for r in scenario.rules.rules] == [
        "max_per_company=1", "min_sme_share=0.25", "min_per_field:Water management=2"]
    assert "min_non_capital=3" in [r.id for r in scenario.rules.for_country("IND")]
    company = scenario.rules.rules[0]
    assert (company.kind, company.origin, company.key) == (
        RuleKind.MAX_PER_COMPANY, "ruled.toml", "rules.max_per_company")
    again = parse_scenario(to_toml(scenario), name="again.toml")
    assert [r.id for r in again.rules.rules] == [r.id for r in scenario.rules.rules]
    assert [r.id for r in again.rules.for_country("IND")] == [
        r.id for r in scenario.rules.for_country("IND")]


@pytest.mark.parametrize("name", ["balanced", "market_fit_first", "sme_first", "balanced_regional"])
def test_shipped_scenarios_state_no_rules_and_keep_their_text(name):
    scenario = load_scenario(name)
    assert not scenario.rules
    assert "[rules" not in to_toml(scenario)  # same text, so the same recorded hash


def test_bad_rules_in_a_scenario_name_the_file_and_key():
    base = to_toml(load_scenario("balanced"))
    for extra, key in (("[rules]\nmin_sme_share = 2", "rules.min_sme_share"),
                       ("[rules.max_per_field]\nNowhere = 1", "rules.max_per_field.Nowhere"),
                       ("[rules]\nmax_per_compnay = 1", "rules.max_per_compnay"),
                       ("rules = 3", "rules")):
        with pytest.raises(ConfigError) as error:
            parse_scenario(extra + "\n" + base if extra.startswith("rules =") else
                           base + "\n" + extra, name="bad.toml")
        issue = error.value.issues[0]
        assert (issue.path, issue.field) == ("bad.toml", key)
