"""Benchmark case: the rule-bound shortlist over the sample's 1,044 technologies (issue 12).

    python bench/shortlist.py [--quick]

``shortlist_case(quick)`` returns one result dict in ``bench/run.py``'s format (registered
there as ``shortlist-rules-1044``): ``ours_s`` is one rule-bound shortlist, top 20, with a
rule of every kind (``RULES`` below: exclude, require, at most one per company, an SME share,
technologies outside the capital region, a field minimum and a field maximum), solved by
``exportmcda.model.shortlist.shortlist`` without the rules' costs; ``baseline_s`` is the
unconstrained ranking it starts from, re-ranked as a weight change does
(``model.selection.rank_candidates`` + ``top_ids(20)``). ``ratio = baseline_s / ours_s``
(below 1: the shortlist is slower than the ranking). Also: the solve with five rules (the
issue's closing figure), with every rule's cost (one re-solve per rule), and an infeasible
rule set explained (deletion filter + relaxations).
"""

from __future__ import annotations

import sys
from typing import Any

from run import timed  # bench/: the benches' one median timer

import exportmcda as em
from exportmcda.model.rules import rules_from_options
from exportmcda.model.scenarios import scenario_weights
from exportmcda.model.selection import prepare, rank_candidates
from exportmcda.model.shortlist import shortlist

TOP = 20
RULES = {"exclude": ["T0889"], "require": ["T0001"], "max_per_company": "1",
         "min_sme_share": "0.3", "min_non_capital": "5",
         "min_per_field": ["Water management=2"], "max_per_field": ["Traffic=8"]}
FIVE = {"max_per_company": "1", "min_sme_share": "0.3", "min_non_capital": "5",
        "min_per_field": ["Water management=2"], "max_per_field": ["Traffic=8"]}
INFEASIBLE = {"max_per_company": "1", "min_per_field": ["Water management=12", "Welfare=10"]}




def shortlist_case(quick: bool) -> dict[str, Any]:
    db, tree = em.load_sample(), em.load_criteria()
    scenario, country = em.load_scenario("balanced"), em.get_country("IND")
    weights = scenario_weights(scenario, tree)
    candidates = prepare(db, weights.tree, country)
    selection = rank_candidates(candidates, scenario, country, weights)
    every, five = rules_from_options(**RULES), rules_from_options(**FIVE)  # type: ignore[arg-type]
    repeats = 3 if quick else 7
    ours_s = timed(lambda: shortlist(selection, every, top=TOP, db=db, costs=False), repeats)
    baseline_s = timed(
        lambda: rank_candidates(candidates, scenario, country, weights).top_ids(TOP), repeats)
    five_s = timed(lambda: shortlist(selection, five, top=TOP, db=db, costs=False), repeats)
    costs_s = timed(lambda: shortlist(selection, every, top=TOP, db=db), max(1, repeats // 3))
    result = shortlist(selection, every, top=TOP, db=db)
    bad = rules_from_options(**INFEASIBLE)  # type: ignore[arg-type]
    conflict_s = timed(lambda: shortlist(selection, bad, top=TOP, db=db), 1)
    explained = shortlist(selection, bad, top=TOP, db=db).conflict
    out = {
        "name": "shortlist-rules-1044",
        "n": selection.result.matrix.shape[0],
        "criteria": selection.result.matrix.shape[1],
        "data": "sample database (scenario 'balanced', country IND), top 20",
        "ours": "shortlist(selection, 7 rules of every kind, top=20, costs=False)",
        "baseline": "rank_candidates(...) + top_ids(20): the unconstrained ranking",
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        "five_rules_s": five_s,
        "with_costs_s": costs_s,
        "infeasible_explained_s": conflict_s,
        "solver": result.solver,
        "gap": result.gap,
        "score_given_up": result.unconstrained_score - (result.score or 0.0),
        "binding_rules": [c.rule.id for c in result.costs if c.binding],
        "conflict": [r.id for r in explained.rules] if explained else None,
        "goal": "ours_s < 1 s, with_costs_s < 10 s",
    }
    out["goal_met"] = bool(ours_s < 1.0 and costs_s < 10.0)
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(shortlist_case("--quick" in sys.argv), indent=2))
