"""Reading a record's shortlist rules and their cost (exportmcda.brief.rules)."""

from __future__ import annotations

import pytest

from exportmcda.brief.rules import recorded_rules
from exportmcda.model.rules import Rule, RuleKind
from exportmcda.model.shortlist import shortlist
from tests.brief.withrules import WithRules

ONE_PER_COMPANY = Rule(
    kind=RuleKind.MAX_PER_COMPANY, value=1, origin="--max-per-company", key="--max-per-company"
)
TRAFFIC = Rule(
    kind=RuleKind.MIN_PER_FIELD,
    value=4,
    target="6",
    origin="rules.toml",
    key="min_per_field.Traffic",
)


@pytest.fixture(scope="module")
def bound(india, db):
    return shortlist(india, [ONE_PER_COMPANY, TRAFFIC], top=10, db=db)


def test_a_record_without_rules_has_none(india_record):
    assert recorded_rules(india_record) is None


def test_the_rule_bound_result_is_read_wherever_it_sits(india_record, bound):
    record = WithRules(india_record, bound.as_dict())
    got = recorded_rules(record, "en")
    assert got is not None
    assert [tid for _, tid, _ in got.shortlist] == list(bound.chosen)
    assert [rank for rank, _, _ in got.shortlist] == list(range(1, 11))
    assert got.feasible is True
    assert got.score == pytest.approx(bound.score)
    assert got.unconstrained_score == pytest.approx(bound.unconstrained_score)
    assert [r.id for r in got.rules] == ["max_per_company=1", "min_per_field:Traffic=4"]
    assert [r.text for r in got.rules] == ["at most 1 per company", "at least 4 in Traffic"]
    costs = {c.rule.id: c for c in bound.costs}
    for r in got.rules:
        assert r.binding == costs[r.id].binding
        assert r.pushed_out == costs[r.id].pushed_out


def test_rules_are_worded_again_in_korean(india_record, bound):
    got = recorded_rules(WithRules(india_record, bound.as_dict("en")), "ko")
    assert [r.text for r in got.rules] == ["기업당 최대 1개", "교통 분야 최소 4개"]


def test_values_of_the_wrong_type_are_skipped_not_trusted(india_record):
    result = {
        "shortlist": [
            {"rank": 1, "technology_id": "T0889", "closeness": 0.6},
            {"rank": "1", "technology_id": "T0001"},
            "junk",
            {"rank": 2, "technology_id": 7},
        ],
        "rules": [
            {
                "rule": "exclude:T0001",
                "kind": "exclude",
                "target": "T0001",
                "binding": "yes",
                "score_given_up": True,
                "pushed_out": "T0002",
            },
            {"rule": "x", "kind": "no such kind", "text": "<b>as recorded</b>"},
            5,
        ],
        "feasible": "yes",
        "score": None,
        "unconstrained_score": 1.0,
        "conflict": "none",
    }
    got = recorded_rules(WithRules(india_record, result, key="anything"))
    assert got.shortlist == ((1.0, "T0889", 0.6),)
    first, second = got.rules
    assert (first.text, first.binding, first.score_given_up, first.pushed_out) == (
        "exclude T0001",
        None,
        None,
        (),
    )
    assert second.text == "<b>as recorded</b>"  # kept as text; the page escapes it
    assert got.feasible is True
    assert got.conflict == ()


def test_a_format_4_record_built_with_rules_is_read_as_its_shortlist_says(india, db, bound):
    """A real record (build_record(rules=...), format 4), not a wrapped one: the briefing
    reads the same rules and costs the solver gave."""
    from exportmcda.export.record import Record, build_record
    from exportmcda.model.rules import RuleSet

    record = Record.from_json(
        build_record(india, top=10, rules=RuleSet(rules=(ONE_PER_COMPANY, TRAFFIC)), db=db)
        .to_json()
    )
    got = recorded_rules(record, "en")
    assert got is not None
    assert [r.id for r in got.rules] == ["max_per_company=1", "min_per_field:Traffic=4"]
    assert [tid for _, tid, _ in got.shortlist] == list(bound.chosen)
    assert got.feasible


def test_the_app_s_briefing_carries_the_page_s_rules(india, db):
    from exportmcda.brief.replay import from_view
    from exportmcda.model.rules import RuleSet

    briefing = from_view(india, top=10, lang="en", samples=200,
                         rules=RuleSet(rules=(ONE_PER_COMPANY,)), db=db)
    assert briefing.rules is not None
    assert [r.id for r in briefing.rules.rules] == ["max_per_company=1"]
    plain = from_view(india, top=10, lang="en", samples=200)
    assert plain.rules is None
