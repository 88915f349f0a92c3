"""The rule-bound shortlist: rule costs, conflicts explained, brute force as the oracle."""

import itertools
import math
from collections import Counter

import pandas as pd
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from exportmcda.errors import ConfigError
from exportmcda.model.rules import Rule, RuleKind, RuleSet, rules_from_options
from exportmcda.model.shortlist import shortlist
from exportmcda.model.solver import Pool
from tests.model.test_solver import TRAFFIC, WELFARE, hand_pool, rule

# ----------------------------------------------------------------------------- the oracle


def _rows(inst: pd.DataFrame) -> dict[str, dict]:
    return {r["technology_id"]: r for r in inst.to_dict(orient="records")}


def meets(inst: pd.DataFrame, ids: set[str], rules: list[Rule], top: int) -> bool:
    """Whether a set meets every rule, counted here in plain Python (independent check)."""
    rows = [_rows(inst)[t] for t in ids]
    return _meets(rows, ids, rules, top)


def _meets(rows: list[dict], ids: set[str], rules: list[Rule], top: int) -> bool:
    if len(ids) != top:
        return False
    for r in rules:
        if r.kind is RuleKind.EXCLUDE and r.target in ids:
            return False
        if r.kind is RuleKind.REQUIRE and r.target not in ids:
            return False
        if r.kind is RuleKind.MAX_PER_COMPANY and any(
                n > r.value for n in Counter(row["company_id"] for row in rows).values()):
            return False
        if r.kind is RuleKind.MIN_SME_SHARE and sum(row["sme"] for row in rows) < (
                r.value * top - 1e-9):
            return False
        if r.kind is RuleKind.MIN_NON_CAPITAL and sum(
                not row["capital_region"] for row in rows) < r.value:
            return False
        in_field = sum(int(r.target) in row["fields"] for row in rows) if r.kind.per_field else 0
        if r.kind is RuleKind.MIN_PER_FIELD and in_field < r.value:
            return False
        if r.kind is RuleKind.MAX_PER_FIELD and in_field > r.value:
            return False
    return True


def _ranks(inst: pd.DataFrame) -> dict[str, int]:
    """Integer rank of each technology: score descending, then id (the ranking's tie rule)."""
    rows = sorted(_rows(inst).values(), key=lambda r: (-r["score"], r["technology_id"]))
    return {r["technology_id"]: k + 1 for k, r in enumerate(rows)}


def brute(inst: pd.DataFrame, rules: list[Rule], top: int) -> tuple[float, int] | None:
    """Best score over all sets of ``top`` meeting the rules, and the least sum of ranks
    among the sets tied with it (N x 1e-12): the stated tie rule, by enumeration."""
    by_id, rank = _rows(inst), _ranks(inst)
    found = []
    for combo in itertools.combinations(by_id, top):
        rows = [by_id[t] for t in combo]
        if _meets(rows, set(combo), rules, top):
            found.append((sum(r["score"] for r in rows), sum(rank[t] for t in combo)))
    if not found:
        return None
    best = max(s for s, _ in found)
    return best, min(r for s, r in found if s >= best - top * 1e-12)


def ranks_sum(inst: pd.DataFrame, ids) -> int:
    rank = _ranks(inst)
    return sum(rank[t] for t in ids)


FIELD_CHOICES = ["6", "11", "15"]


@st.composite
def instances(draw):
    n = draw(st.integers(4, 8))
    ids = [f"T{i:02d}" for i in range(n)]
    inst = pd.DataFrame({
        "technology_id": ids,
        # a coarse grid of scores: exact ties are frequent
        "score": [k / 12 for k in draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))],
        "company_id": draw(st.lists(st.sampled_from("abc"), min_size=n, max_size=n)),
        "sme": draw(st.lists(st.booleans(), min_size=n, max_size=n)),
        "capital_region": draw(st.lists(st.booleans(), min_size=n, max_size=n)),
        "fields": [sorted(s) for s in draw(st.lists(
            st.sets(st.sampled_from([6, 11, 15]), min_size=1, max_size=2), min_size=n,
            max_size=n))],
    })
    top = draw(st.integers(2, n - 1))
    counted = st.one_of(
        st.builds(lambda v: rule(RuleKind.MAX_PER_COMPANY, v), st.integers(0, 3)),
        st.builds(lambda v: rule(RuleKind.MIN_SME_SHARE, v),
                  st.sampled_from([0.0, 0.25, 0.5, 2 / 3, 1.0])),
        st.builds(lambda v: rule(RuleKind.MIN_NON_CAPITAL, v), st.integers(0, 4)),
        st.builds(lambda v, f: rule(RuleKind.MIN_PER_FIELD, v, f), st.integers(0, 3),
                  st.sampled_from(FIELD_CHOICES)),
        st.builds(lambda v, f: rule(RuleKind.MAX_PER_FIELD, v, f), st.integers(0, 3),
                  st.sampled_from(FIELD_CHOICES)),
    )
    listed = st.one_of(
        st.builds(lambda t: rule(RuleKind.EXCLUDE, target=t), st.sampled_from(ids)),
        st.builds(lambda t: rule(RuleKind.REQUIRE, target=t), st.sampled_from(ids)),
    )
    drawn = draw(st.lists(counted, min_size=1, max_size=3)) + draw(st.lists(listed, max_size=2))
    rules = {r.slot: r for r in drawn}  # one rule per slot
    return inst, list(rules.values()), top


@settings(max_examples=100)
@given(instances())
def test_the_optimum_equals_brute_force_over_all_subsets(case):
    inst, rules, top = case
    result = shortlist(inst, rules, top=top)
    oracle = brute(inst, rules, top)
    assert result.feasible == (oracle is not None)
    event(f"feasible: {result.feasible}, solver: {result.solver}")
    exact = shortlist(inst, rules, top=top, greedy=False, costs=False)
    assert exact.chosen == result.chosen  # the shortcuts equal the integer program
    if oracle is None:
        core = list(result.conflict.rules)
        assert core
        assert brute(inst, core, top) is None
        for r in core:  # minimal: dropping any one restores feasibility
            assert brute(inst, [q for q in core if q is not r], top) is not None
        for x in result.conflict.relaxations:
            others = [q for q in rules if q is not x.rule]
            relaxed = others if x.value is None else [*others, x.rule.replace_value(x.value)]
            assert brute(inst, relaxed, top)[0] == pytest.approx(x.score, abs=1e-9)
            assert meets(inst, set(x.shortlist), relaxed, top)
            if x.value is not None and x.rule.kind is not RuleKind.MIN_SME_SHARE:
                step = 1 if x.rule.kind in (RuleKind.MIN_PER_FIELD,
                                            RuleKind.MIN_NON_CAPITAL) else -1
                tighter = x.rule.replace_value(x.value + step)  # one less relaxed: infeasible
                assert brute(inst, [*others, tighter], top) is None
        return
    best, least_ranks = oracle
    assert result.score == pytest.approx(best, abs=1e-9)
    assert len(result.chosen) == top
    assert meets(inst, set(result.chosen), rules, top)  # the rules always hold
    assert ranks_sum(inst, result.chosen) == least_ranks  # the tie rule
    for cost in result.costs:
        others = [q for q in rules if q is not cost.rule]
        without, _ = brute(inst, others, top)
        assert cost.score_given_up == pytest.approx(without - best, abs=1e-9)
        assert cost.binding == (set(cost.without) != set(result.chosen))
        assert set(cost.pushed_out) == set(cost.without) - set(result.chosen)


# ----------------------------------------------------------------------------- hand-worked


def test_each_rules_cost_on_the_hand_worked_instance():
    # one per company + two outside the capital region: A, D, E (2.20).
    # Without the company rule: still A, D, E (not binding). Without the regional rule:
    # A, C, D (2.40): binding, 0.20 given up, C pushed out, E brought in.
    company, regional = rule(RuleKind.MAX_PER_COMPANY, 1), rule(RuleKind.MIN_NON_CAPITAL, 2)
    result = shortlist(hand_pool(), [regional, company], top=3)
    assert result.feasible
    assert result.chosen == ("A", "D", "E")
    assert result.score == pytest.approx(2.20)
    assert result.unconstrained == ("A", "B", "C")
    assert result.unconstrained_score == pytest.approx(2.55)
    assert [c.rule for c in result.costs] == [company, regional]  # kind order
    free, costly = result.costs
    assert (free.binding, free.score_given_up, free.pushed_out) == (False, 0.0, ())
    assert costly.binding
    assert costly.score_given_up == pytest.approx(0.20)
    assert costly.pushed_out == ("C",)
    assert costly.brought_in == ("E",)
    assert costly.without == ("A", "C", "D")


def test_an_infeasible_rule_set_is_explained():
    # top 3, all SMEs (C, D, F), nothing in Welfare (F is Welfare), E excluded.
    # Deletion filter: dropping "exclude E" leaves it infeasible -> out; dropping either
    # other rule restores feasibility -> the conflict is {all SMEs, no Welfare}.
    # Relaxations: SMEs reachable without Welfare are C and D -> share 2/3 (one technology;
    # best set A, C, D 2.40); Welfare at most 1 -> C, D, F (one technology; 2.00).
    # Same size, so the better score first: the SME share.
    sme, welfare = rule(RuleKind.MIN_SME_SHARE, 1.0), rule(RuleKind.MAX_PER_FIELD, 0, WELFARE)
    result = shortlist(hand_pool(), [welfare, rule(RuleKind.EXCLUDE, target="E"), sme], top=3)
    assert not result.feasible
    assert result.chosen == ()
    assert result.score is None
    assert result.costs == ()
    assert result.conflict.rules == (sme, welfare)
    first, second = result.conflict.relaxations
    assert result.conflict.smallest is first
    assert first.rule is sme
    assert first.value == pytest.approx(2 / 3)
    assert first.by == pytest.approx(1 / 3)
    assert first.technologies == 1
    assert first.score == pytest.approx(2.40)
    assert first.shortlist == ("A", "C", "D")
    assert (second.rule, second.value, second.by, second.technologies) == (welfare, 1.0, 1.0, 1)
    assert second.score == pytest.approx(2.00)
    assert [n.code for n in result.notes] == ["shortlist_infeasible", "shortlist_definitions"]
    data = result.as_dict()
    assert data["feasible"] is False
    assert data["conflict"]["rules"] == ["min_sme_share=1", "max_per_field:Welfare=0"]
    assert data["conflict"]["smallest"]["relaxed_rule"] == "min_sme_share=0.666667"
    assert data["conflict"]["smallest"]["text"] == (
        '"at least 100% from SMEs" → "at least 67% from SMEs"')
    assert data["rules"][0]["binding"] is None


def test_a_rule_alone_infeasible_and_a_clash_of_exclude_and_require():
    # three in Welfare, which only E and F are in: the rule alone; relax to 2
    result = shortlist(hand_pool(), [rule(RuleKind.MIN_PER_FIELD, 3, WELFARE)], top=3)
    assert [r.id for r in result.conflict.rules] == ["min_per_field:Welfare=3"]
    assert result.conflict.smallest.value == 2
    clash = [rule(RuleKind.EXCLUDE, target="C"), rule(RuleKind.REQUIRE, target="C")]
    result = shortlist(hand_pool(), clash, top=3)
    assert [r.id for r in result.conflict.rules] == ["exclude:C", "require:C"]
    assert [x.value for x in result.conflict.relaxations] == [None, None]  # drop either
    assert result.conflict.smallest.rule.kind is RuleKind.EXCLUDE  # A, B, C (2.55) first


def test_records_and_the_json_contract():
    result = shortlist(hand_pool(), [rule(RuleKind.MAX_PER_COMPANY, 1)], top=3)
    data = result.as_dict()
    assert {"shortlist", "rules", "score", "unconstrained_score", "feasible",
            "conflict"} <= set(data)
    assert [r["rank"] for r in data["shortlist"]] == [1, 2, 3]
    assert [r["technology_id"] for r in data["shortlist"]] == ["A", "C", "D"]
    assert [r["ranking_rank"] for r in data["shortlist"]] == [1, 3, 4]
    assert [r["in_top"] for r in data["shortlist"]] == [True, True, False]
    assert data["shortlist"][2]["fields"] == [6, 11]
    assert data["shortlist"][2]["sme"] is True
    (cost,) = data["rules"]
    assert cost["rule"] == "max_per_company=1"
    assert cost["binding"] is True
    assert cost["score_given_up"] == pytest.approx(0.15)  # 2.55 - 2.40
    assert cost["pushed_out"] == ["B"]
    assert cost["text"] == "at most 1 per company"
    assert cost["stated_in"] == "test, key max_per_company"
    assert data["solver"] == "milp"
    assert data["conflict"] is None
    assert result.as_dict("ko")["rules"][0]["text"] == "기업당 최대 1개"


def test_rule_sets_apply_the_targets_own_rules():
    rules = RuleSet(rules=(rule(RuleKind.MAX_PER_COMPANY, 2),),
                    countries={"IND": (rule(RuleKind.MAX_PER_COMPANY, 1),)})
    pool = hand_pool()
    assert shortlist(pool, rules, top=3).chosen == ("A", "B", "C")  # no target: common
    india = Pool.from_frame(pd.DataFrame({
        "technology_id": list(pool.ids), "score": list(pool.scores),
        "company_id": list(pool.companies)}), country="IND")
    assert shortlist(india, rules, top=3).chosen == ("A", "C", "D")


def test_errors_name_the_rule_and_where_it_was_stated():
    flags = rules_from_options(exclude=["A,Z9"])
    with pytest.raises(ConfigError) as error:
        shortlist(hand_pool(), flags, top=3)
    issue = error.value.issues[0]
    assert (issue.code, issue.field, issue.value, issue.path) == (
        "rules_unknown_technology", "--exclude", "Z9", None)
    bare = Pool.from_frame(pd.DataFrame({"technology_id": ["a", "b"], "score": [1.0, 0.5],
                                         "company_id": ["x", "y"]}))
    with pytest.raises(ConfigError) as error:
        shortlist(bare, [rule(RuleKind.MIN_SME_SHARE, 0.5), rule(RuleKind.MIN_PER_FIELD, 1,
                                                                  TRAFFIC)], top=1)
    assert [i.value for i in error.value.issues] == ["sme", "fields"]
    with pytest.raises(ConfigError, match="between 1 and the 6"):
        shortlist(hand_pool(), [], top=7)
    from exportmcda.model.selection import Selection

    with pytest.raises(ConfigError, match="database"):
        shortlist(object.__new__(Selection), [], top=3)


# ----------------------------------------------------------------------------- the sample


def test_no_rules_on_the_sample_is_todays_shortlist(db, india):
    result = shortlist(india, RuleSet(), top=20, db=db)
    assert result.chosen == india.top_ids(20)
    assert result.solver == "greedy"
    assert result.score == pytest.approx(result.unconstrained_score)
    assert [n.code for n in result.notes] == ["shortlist_greedy"]


def test_one_per_company_on_the_sample_removes_the_company_pairs(db, india):
    company = db.technology_profiles()["company_id"]
    result = shortlist(india, rules_from_options(max_per_company="1"), top=20, db=db)
    assert len({company[t] for t in result.chosen}) == 20
    (cost,) = result.costs
    assert cost.binding
    # today's top 20: one company holds 3, another 2 -> 3 pushed out, each its company's
    # lower-ranked technology, replaced by the next technologies of new companies
    assert len(cost.pushed_out) == 3
    assert all(Counter(company[t] for t in india.top_ids(20))[company[t]] > 1
               for t in cost.pushed_out)
    assert cost.score_given_up == pytest.approx(
        result.unconstrained_score - result.score, abs=1e-12)
    assert 0 < cost.score_given_up < 0.1
    assert math.isclose(sum(r["closeness"] for r in result.records()), result.score)
