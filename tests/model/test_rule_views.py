"""A rule-bound shortlist in words: hand-worked costs, membership and conflict (both languages)."""

import pandas as pd
import pytest

from exportmcda.model.rule_views import (
    conflict_lines,
    cost_text,
    membership_changes,
    score_text,
    technology_names,
)
from exportmcda.model.rules import RuleKind
from exportmcda.model.shortlist import shortlist
from exportmcda.model.solver import Pool
from tests.model.test_solver import hand_pool, rule

# hand_pool, N = 3: the top 3 is A, B, C (0.90 + 0.85 + 0.80 = 2.55). At most one per company
# and at least two from outside the capital region (D, E, F) leave A, D, E (2.20): without the
# regional rule A, C, D (2.40: it gives up 0.20, pushes out C, brings in E); without the
# company rule A, D, E again (not binding). D enters only through both rules together.
RULES = [rule(RuleKind.MAX_PER_COMPANY, 1), rule(RuleKind.MIN_NON_CAPITAL, 2)]


def _result():
    return shortlist(hand_pool(), RULES, top=3)


def test_hand_case_numbers():
    result = _result()
    assert result.chosen == ("A", "D", "E")
    assert result.score == pytest.approx(0.90 + 0.70 + 0.60)
    company, region = result.costs
    assert (company.binding, region.binding) == (False, True)
    assert region.pushed_out == ("C",)
    assert region.brought_in == ("E",)


def test_costs_in_words():
    company, region = _result().costs
    assert cost_text(company) == (
        "at most 1 per company: not binding — the best shortlist meets it anyway (no cost)."
    )
    assert cost_text(region) == (
        "at least 2 from outside the capital region: binding — without it the shortlist "
        "would score 0.2000 more; it pushed out C and brought in E."
    )
    assert cost_text(region, "ko") == (
        "수도권 밖 기업 기술 최소 2개: 제약 작용 — 이 규칙이 없으면 점수가 0.2000 더 높습니다. "
        "밀려난 기술: C; 들어온 기술: E."
    )


def test_costs_name_the_technologies_when_the_ranking_gives_names():
    pool = hand_pool()
    named = Pool.from_frame(
        pd.DataFrame(
            {
                "technology_id": list(pool.ids),
                "score": list(pool.scores),
                "company_id": list(pool.companies),
                "capital_region": list(pool.capital),
                "technology_name": [f"name {t}" for t in pool.ids],
            }
        )
    )
    result = shortlist(named, RULES, top=3)
    assert technology_names(result)["C"] == "name C"
    assert "pushed out C (name C) and brought in E (name E)" in cost_text(
        result.costs[1], names=technology_names(result)
    )
    assert technology_names(_result()) == {}


def test_score_against_the_top_n():
    assert score_text(_result()) == (
        "Score (sum of TOPSIS closeness): 2.2000 under the rules against 2.5500 for the "
        "ranking's top 3 without rules: 0.3500 given up (13.7%)."
    )


def test_which_rule_brought_each_member_in():
    assert membership_changes(_result()) == {
        "A": "",
        "D": "the rules together",
        "E": "at least 2 from outside the capital region",
    }
    assert membership_changes(_result(), "ko")["D"] == "규칙들의 결합"


def test_conflict_and_the_smallest_relaxation():
    # excluding A-D leaves E and F: no 3 exist; dropping any one exclusion restores a
    # shortlist, dropping "exclude A" the best one (A, E, F = 2.00)
    result = shortlist(hand_pool(), [rule(RuleKind.EXCLUDE, target=t) for t in "ABCD"], top=3)
    assert not result.feasible
    assert score_text(result) == ""
    assert conflict_lines(result) == [
        "No shortlist of 3 technologies meets every rule.",
        "conflicting rules: exclude A; exclude B; exclude C; exclude D",
        'smallest relaxation: drop "exclude A" (score 2.0000)',
    ]
    assert conflict_lines(_result()) == []
