"""The exact solver: hand-worked optima, the greedy shortcuts against the integer program, ties."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from exportmcda.errors import ConfigError
from exportmcda.model.rules import Rule, RuleKind
from exportmcda.model.solver import (
    CAPITAL_REGIONS,
    SME_SIZE,
    Pool,
    feasible,
    optimum,
    sme_count,
)

TRAFFIC, WATER, WELFARE = "6", "11", "15"  # field numbers of the study's taxonomy


def hand_pool(shuffle: bool = False) -> Pool:
    """Six technologies with scores written down (the hand-worked instance of these tests).

    id  score  company  SME  capital  fields
    A   0.90   c1       no   yes      Traffic
    B   0.85   c1       no   yes      Traffic
    C   0.80   c2       yes  yes      Water management
    D   0.70   c3       yes  no       Traffic, Water management
    E   0.60   c2       no   no       Welfare
    F   0.50   c4       yes  no       Welfare
    """
    rows = [
        ("A", 0.90, "c1", False, True, [6]),
        ("B", 0.85, "c1", False, True, [6]),
        ("C", 0.80, "c2", True, True, [11]),
        ("D", 0.70, "c3", True, False, [6, 11]),
        ("E", 0.60, "c2", False, False, [15]),
        ("F", 0.50, "c4", True, False, ["Welfare"]),  # names are read too
    ]
    if shuffle:
        rows = rows[::-1]
    return Pool.from_frame(pd.DataFrame(rows, columns=[
        "technology_id", "score", "company_id", "sme", "capital_region", "fields"]))


def rule(kind: RuleKind, value: float = 0, target: str | None = None) -> Rule:
    return Rule(kind=kind, value=value, target=target, origin="test", key=kind.value)


def chosen(rules: list[Rule], top: int = 3, **kw: bool) -> tuple[tuple[str, ...], float]:
    solution = optimum(hand_pool(), rules, top, **kw)
    assert solution is not None
    return solution.ids(hand_pool()), solution.score


def test_the_pool_is_ordered_by_the_tie_rule_whatever_the_row_order():
    a, b = hand_pool(), hand_pool(shuffle=True)
    assert a.ids == b.ids == ("A", "B", "C", "D", "E", "F")
    assert a.fields == b.fields == ((6,), (6,), (11,), (6, 11), (15,), (15,))
    assert list(a.scores) == [0.9, 0.85, 0.8, 0.7, 0.6, 0.5]
    assert not a.scores.flags.writeable


# Each optimum below was worked out by hand over the C(6, 3) = 20 sets (see each comment).
@pytest.mark.parametrize(("rules", "expected", "score"), [
    # no rule: the top 3
    ([], ("A", "B", "C"), 2.55),
    # one per company: A and B share c1, C and E share c2; A + the best two of C, D, F
    # without C & E together: C, D -> 2.40 (B instead of A: 2.35; neither: C, D, F 2.00)
    ([rule(RuleKind.MAX_PER_COMPANY, 1)], ("A", "C", "D"), 2.40),
    # every one an SME: the SMEs are C, D, F
    ([rule(RuleKind.MIN_SME_SHARE, 1.0)], ("C", "D", "F"), 2.00),
    # half of 3 -> ceil(1.5) = 2 SMEs: A + C + D 2.40 (A, B, C has one)
    ([rule(RuleKind.MIN_SME_SHARE, 0.5)], ("A", "C", "D"), 2.40),
    # two outside the capital region (D, E, F): A + D + E 2.20 (A, D, F 2.10; B, D, E 2.15)
    ([rule(RuleKind.MIN_NON_CAPITAL, 2)], ("A", "D", "E"), 2.20),
    # at most one in Traffic (A, B, D): A + C + E 2.30 (B, C, E 2.25; A, C, F 2.20)
    ([rule(RuleKind.MAX_PER_FIELD, 1, TRAFFIC)], ("A", "C", "E"), 2.30),
    # two in Welfare (E, F): both, plus A: 2.00
    ([rule(RuleKind.MIN_PER_FIELD, 2, WELFARE)], ("A", "E", "F"), 2.00),
    # A excluded, F required: F + the best two of the rest, B and C: 2.15
    ([rule(RuleKind.EXCLUDE, target="A"), rule(RuleKind.REQUIRE, target="F")],
     ("B", "C", "F"), 2.15),
    # one per company and two outside the capital region: A, D, E (companies c1, c3, c2)
    ([rule(RuleKind.MAX_PER_COMPANY, 1), rule(RuleKind.MIN_NON_CAPITAL, 2)],
     ("A", "D", "E"), 2.20),
])
def test_hand_worked_optima(rules, expected, score):
    ids, value = chosen(rules)
    assert ids == expected
    assert value == pytest.approx(score, abs=1e-12)
    # the integer program without shortcuts finds the same set
    assert chosen(rules, greedy=False) == (ids, value)


def test_solver_kinds():
    pool = hand_pool()
    assert optimum(pool, [], 3).solver == "greedy"  # no rule: the top 3
    assert optimum(pool, [rule(RuleKind.EXCLUDE, target="B")], 3).solver == "greedy"
    # a rule the top 3 already meets: greedy, proven (the optimum without rules is feasible)
    assert optimum(pool, [rule(RuleKind.MAX_PER_COMPANY, 2)], 3).solver == "greedy"
    solved = optimum(pool, [rule(RuleKind.MAX_PER_COMPANY, 1)], 3)
    assert solved.solver == "milp"
    assert solved.proven
    assert 0 <= solved.gap <= 1e-12


@pytest.mark.parametrize("rules", [
    [rule(RuleKind.MIN_PER_FIELD, 3, WELFARE)],  # only E and F are in Welfare
    [rule(RuleKind.MIN_SME_SHARE, 1.0), rule(RuleKind.MAX_PER_FIELD, 0, WELFARE)],
    [rule(RuleKind.EXCLUDE, target="C"), rule(RuleKind.REQUIRE, target="C")],
    [rule(RuleKind.REQUIRE, target=t) for t in "ABCD"],  # four required in a top 3
    [rule(RuleKind.EXCLUDE, target=t) for t in "ABCD"],  # two left for a top 3
])
def test_infeasible_rules_have_no_optimum(rules):
    assert optimum(hand_pool(), rules, 3) is None
    assert not feasible(hand_pool(), rules, 3)
    assert feasible(hand_pool(), rules[:1], 3) or rules[0].value == 3


def test_sme_count_is_a_ceiling_that_survives_rounding():
    assert sme_count(0.3, 10) == 3  # 0.3 * 10 = 3.0000000000000004 in floating point
    assert sme_count(0.35, 10) == 4
    assert sme_count(0.5, 3) == 2
    assert sme_count(0.0, 20) == 0
    assert sme_count(1.0, 20) == 20


def test_tied_scores_go_to_the_smaller_technology_ids():
    # T2 and T3 share company c2; T2..T5 are tied at 0.8. One per company: T1, then two of
    # the tied T2|T3, T4, T5 -> the tie rule takes the smallest ids that fit: T2 and T4.
    rows = [("T1", 0.9, "c1"), ("T2", 0.8, "c2"), ("T3", 0.8, "c2"), ("T4", 0.8, "c3"),
            ("T5", 0.8, "c4")]
    frame = pd.DataFrame(rows, columns=["technology_id", "score", "company_id"])
    cap = [rule(RuleKind.MAX_PER_COMPANY, 1)]
    for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]):
        pool = Pool.from_frame(frame.iloc[order])
        assert optimum(pool, cap, 3).ids(pool) == ("T1", "T2", "T4")
        assert optimum(pool, [], 3, greedy=False).ids(pool) == ("T1", "T2", "T3")
        # exclude T2: the next id of the tie
        assert optimum(pool, [*cap, rule(RuleKind.EXCLUDE, target="T2")], 3).ids(pool) == (
            "T1", "T3", "T4")


def test_the_capital_region_and_sme_definitions():
    # Seoul (1), Incheon (4), Gyeonggi-do (9): the capital region; size 1: SME (중소기업)
    assert set(CAPITAL_REGIONS) == {1, 4, 9}
    assert SME_SIZE == 1


def test_pool_of_a_ranking_counts_sizes_and_regions_from_the_database(db, india):
    pool = Pool.from_selection(india, db)
    assert pool.ids == india.top_ids()
    profiles = db.technology_profiles()
    assert int(pool.sme.sum()) == int((profiles["company_size"] == 1).sum()) == 615
    assert int((~pool.capital).sum()) == int(
        (~profiles["region"].isin([1, 4, 9])).sum())
    assert pool.country == "IND"


def test_no_rules_is_todays_shortlist_also_through_the_integer_program(db, india):
    pool = Pool.from_selection(india, db)
    for top in (1, 10, 20):
        greedy = optimum(pool, [], top)
        exact = optimum(pool, [], top, greedy=False)
        assert greedy.solver == "greedy"
        assert exact.solver == "milp"
        assert greedy.ids(pool) == exact.ids(pool) == india.top_ids(top)


def test_no_rules_with_ties_cut_at_the_top_n(no_evidence_db, tied_target):
    # ties at 6-7 and at 10-11 (tests/no_evidence.py): a top 6 cuts the first, a top 10 the
    # second
    pool = Pool.from_selection(tied_target, no_evidence_db)
    assert tied_target.cut_off_ties(6) == ("T0735",)
    assert tied_target.cut_off_ties(10) == ("T0909",)
    for top in (6, 7, 10):
        assert optimum(pool, [], top, greedy=False).ids(pool) == tied_target.top_ids(top)


def test_one_per_company_on_the_sample_equals_the_matroid_greedy(db, india):
    # "At most one per company" is a partition matroid; with the cardinality N its best
    # set is the greedy one (Edmonds 1971): walk down the ranking, skip a company seen.
    company = db.technology_profiles()["company_id"]
    top20 = india.top_ids(20)
    pairs = Counter(company[t] for t in top20)
    assert sorted(n for n in pairs.values() if n > 1) == [2, 3]  # 2 companies hold 5
    seen, walk = set(), []
    for t in india.top_ids():
        if company[t] not in seen:
            seen.add(company[t])
            walk.append(t)
        if len(walk) == 20:
            break
    pool = Pool.from_selection(india, db)
    found = optimum(pool, [rule(RuleKind.MAX_PER_COMPANY, 1)], 20)
    assert found.solver == "milp"
    assert found.ids(pool) == tuple(walk)
    assert len({company[t] for t in found.ids(pool)}) == 20
    assert len(set(top20) - set(walk)) == 3


def test_pool_refuses_another_database_and_a_bad_frame(india):
    from pathlib import Path

    from exportmcda.data.io import load

    small = load(Path(__file__).resolve().parents[2] / "data/examples/small_database.csv")
    with pytest.raises(ConfigError) as error:
        Pool.from_selection(india, small)
    assert error.value.code == "unknown_technology"
    with pytest.raises(ConfigError, match="company_id"):
        Pool.from_frame(pd.DataFrame({"technology_id": ["a"], "score": [1.0]}))
    with pytest.raises(ConfigError, match="unique"):
        Pool.from_frame(pd.DataFrame({"technology_id": ["a", "a"], "score": [1.0, 0.5],
                                      "company_id": ["x", "y"]}))
    with pytest.raises(ConfigError, match="finite"):
        Pool.from_frame(pd.DataFrame({"technology_id": ["a"], "score": [np.nan],
                                      "company_id": ["x"]}))
    with pytest.raises(ConfigError, match="unknown field"):
        Pool.from_frame(pd.DataFrame({"technology_id": ["a"], "score": [1.0],
                                      "company_id": ["x"], "fields": [["Nowhere"]]}))
