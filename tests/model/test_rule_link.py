"""Rules edited one control at a time and carried in a link: origins kept, exact round trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ConfigError
from exportmcda.model.rule_link import (
    APP_ORIGIN,
    LINK_ORIGIN,
    NO_RULES,
    parse_rules_link,
    rules_link,
    with_rule,
    with_technologies,
)
from exportmcda.model.rules import RuleKind, parse_rules

TRAFFIC = next(f.number for f in FIELDS if f.en == "Traffic")


def _scenario_rules():
    """Rules as a scenario file states them (origin and key kept)."""
    return parse_rules(
        {"max_per_company": 2, "exclude": ["T0001"]},
        origin="criteria/scenarios/x.toml",
        prefix="rules.",
    ).rules


def test_a_control_changes_one_rule_and_keeps_where_the_others_were_stated():
    rules = with_rule(_scenario_rules(), RuleKind.MIN_SME_SHARE, 0.3)
    by_kind = {r.kind: r for r in rules}
    assert by_kind[RuleKind.MAX_PER_COMPANY].where() == (
        "criteria/scenarios/x.toml, key rules.max_per_company"
    )
    assert by_kind[RuleKind.EXCLUDE].where() == "criteria/scenarios/x.toml, key rules.exclude"
    assert (by_kind[RuleKind.MIN_SME_SHARE].value, by_kind[RuleKind.MIN_SME_SHARE].origin) == (
        0.3,
        APP_ORIGIN,
    )
    changed = with_rule(rules, RuleKind.MAX_PER_COMPANY, 1)
    assert [r.id for r in changed] == ["exclude:T0001", "max_per_company=1", "min_sme_share=0.3"]
    assert next(r for r in changed if r.kind is RuleKind.MAX_PER_COMPANY).origin == APP_ORIGIN
    dropped = with_rule(changed, RuleKind.MAX_PER_COMPANY, None)
    assert [r.id for r in dropped] == ["exclude:T0001", "min_sme_share=0.3"]


def test_field_rules_are_per_field():
    rules = with_rule((), RuleKind.MIN_PER_FIELD, 2, field=TRAFFIC)
    rules = with_rule(rules, RuleKind.MIN_PER_FIELD, 1, field=1)
    rules = with_rule(rules, RuleKind.MIN_PER_FIELD, 3, field=TRAFFIC)  # replaces Traffic's
    assert [r.id for r in rules] == [f"min_per_field:{FIELDS[0].en}=1", "min_per_field:Traffic=3"]
    assert [r.id for r in with_rule(rules, RuleKind.MIN_PER_FIELD, None, field=1)] == [
        "min_per_field:Traffic=3"
    ]


def test_a_control_value_passes_the_rules_file_checks():
    with pytest.raises(ConfigError) as error:
        with_rule((), RuleKind.MIN_SME_SHARE, 1.5)
    assert error.value.issues[0].code == "rules_share_range"
    with pytest.raises(ConfigError) as error:
        with_rule((), RuleKind.MAX_PER_COMPANY, -1)
    assert error.value.issues[0].code == "rules_negative"
    with pytest.raises(ConfigError):
        with_rule((), RuleKind.EXCLUDE, 1)
    with pytest.raises(ConfigError):
        with_technologies((), RuleKind.MAX_PER_COMPANY, ["T0001"])


def test_technology_lists_keep_old_origins_and_drop_what_is_left_out():
    rules = with_technologies(_scenario_rules(), RuleKind.EXCLUDE, ["T0002", "T0001"])
    excluded = {r.target: r.origin for r in rules if r.kind is RuleKind.EXCLUDE}
    assert excluded == {"T0001": "criteria/scenarios/x.toml", "T0002": APP_ORIGIN}
    rules = with_technologies(rules, RuleKind.EXCLUDE, ["T0002"])
    assert [r.id for r in rules] == ["exclude:T0002", "max_per_company=2"]
    rules = with_technologies(rules, RuleKind.REQUIRE, ["T0450"])
    assert "require:T0450" in [r.id for r in rules]


def test_link_text_is_short_and_reads_back():
    rules = with_rule(_scenario_rules(), RuleKind.MIN_PER_FIELD, 2, field=TRAFFIC)
    rules = with_rule(rules, RuleKind.MIN_SME_SHARE, 0.25)
    text = rules_link(rules)
    assert text == (f"exclude=T0001;max_per_company=2;min_sme_share=0.25;min_per_field.{TRAFFIC}=2")
    back, issues = parse_rules_link(text)
    assert issues == ()
    assert [r.id for r in back] == [r.id for r in rules]
    assert {r.origin for r in back} == {LINK_ORIGIN}


def test_empty_and_cleared_links():
    assert parse_rules_link("") == (None, ())  # nothing stated: the scenario's rules apply
    assert rules_link(()) == NO_RULES
    assert parse_rules_link(NO_RULES) == ((), ())  # cleared on purpose


@pytest.mark.parametrize(
    ("text", "code", "field"),
    [
        ("max_per_company=x", "rules_bad_count", "max_per_company"),
        ("min_sme_share=2", "rules_share_range", "min_sme_share"),
        ("min_per_field.99=2", "rules_unknown_field", "min_per_field.99"),
        ("most_per_company=1", "unknown_key", "most_per_company"),
        ("max_per_company", "rules_bad_link", None),
        ("min_per_field=2;min_per_field.3=1", "rules_bad_link", "min_per_field"),
    ],
)
def test_a_bad_link_is_refused_whole_with_a_named_issue(text, code, field):
    rules, issues = parse_rules_link(text)
    assert rules is None
    assert (issues[0].code, issues[0].field, issues[0].path) == (code, field, LINK_ORIGIN)


_IDS = st.text(min_size=1, max_size=8).filter(lambda s: s.strip() == s and s)


@given(
    company=st.none() | st.integers(0, 30),
    share=st.none() | st.integers(0, 100).map(lambda p: p / 100),
    capital=st.none() | st.integers(0, 30),
    fields=st.dictionaries(st.integers(1, len(FIELDS)), st.integers(0, 20), max_size=4),
    exclude=st.lists(_IDS, max_size=4, unique=True),
    require=st.lists(_IDS, max_size=4, unique=True),
)
def test_any_rule_set_round_trips_through_a_link(company, share, capital, fields, exclude, require):
    rules = with_rule((), RuleKind.MAX_PER_COMPANY, company)
    rules = with_rule(rules, RuleKind.MIN_SME_SHARE, share)
    rules = with_rule(rules, RuleKind.MIN_NON_CAPITAL, capital)
    for number, k in fields.items():
        rules = with_rule(rules, RuleKind.MAX_PER_FIELD, k, field=number)
    rules = with_technologies(rules, RuleKind.EXCLUDE, exclude)
    rules = with_technologies(rules, RuleKind.REQUIRE, [i for i in require if i not in exclude])
    back, issues = parse_rules_link(rules_link(rules))
    assert issues == ()
    assert [(r.kind, r.value, r.target) for r in back] == [
        (r.kind, r.value, r.target) for r in rules
    ]
