"""What a reader is shown of a rule-bound shortlist, in English or Korean.

The app's Ranking page and the workbook's Rules sheet say the same things in the same words
(labels): each rule's cost in plain words (binding or not, the score given up, the
technologies pushed out and brought in, named), the rule-bound against the unconstrained
score, which rule brought each member in, and, for rules no shortlist meets, the conflicting
rules and the smallest single-rule relaxations. The numbers are those of
:class:`~exportmcda.model.shortlist.Shortlist` (the CLI's ``shortlist --format json``); this
module only words them.

"Which rule changed membership": a member outside the ranking's top N was brought in by
each rule whose removal drops it (:attr:`~exportmcda.model.shortlist.RuleCost.brought_in`);
when no single rule's removal drops it, the rules brought it in only together (e.g. two
minimums that either could meet with another technology).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from exportmcda.labels import t
from exportmcda.model.rules import rule_text
from exportmcda.model.shortlist import Relaxation, RuleCost, Shortlist, relaxation_text

__all__ = [
    "conflict_lines",
    "cost_text",
    "membership_changes",
    "score_text",
    "technology_names",
]


def technology_names(result: Shortlist) -> dict[str, str]:
    """Technology id → name, as the ranking gave them (empty when it gave none)."""
    shown = result.pool.described
    if shown is None or "technology_name" not in shown.columns:
        return {}
    return {str(k): str(v) for k, v in shown["technology_name"].items()}


def _listed(ids: Sequence[str], names: Mapping[str, str], lang: str) -> str:
    """``T0012 (name), T0040 (name)``, or "none"."""
    if not ids:
        return t("rules_none_listed", lang)
    return ", ".join(f"{i} ({names[i]})" if i in names else i for i in ids)


def cost_text(cost: RuleCost, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
    """One rule's cost in plain words: binding, score given up, pushed out and brought in."""
    rule = rule_text(cost.rule, lang)
    if not cost.binding:
        return t("rule_cost_free", lang, rule=rule)
    names = names or {}
    return t(
        "rule_cost_binding",
        lang,
        rule=rule,
        lost=cost.score_given_up,
        out=_listed(cost.pushed_out, names, lang),
        into=_listed(cost.brought_in, names, lang),
    )


def score_text(result: Shortlist, lang: str = "en") -> str:
    """The rule-bound score against the ranking's top N (empty when no shortlist exists)."""
    if result.score is None:
        return ""
    free = result.unconstrained_score
    lost = max(free - result.score, 0.0)
    return t(
        "rules_score",
        lang,
        score=result.score,
        free=free,
        n=result.top,
        lost=lost,
        share=lost / free if free > 0 else 0.0,
    )


def membership_changes(result: Shortlist, lang: str = "en") -> dict[str, str]:
    """Member id → the rule(s) that brought it in; "" for a member of the ranking's top N."""
    top = set(result.unconstrained)
    out = {}
    for tid in result.chosen:
        if tid in top:
            out[tid] = ""
            continue
        by = [rule_text(c.rule, lang) for c in result.costs if tid in c.brought_in]
        out[tid] = "; ".join(by) if by else t("rules_joint", lang)
    return out


def conflict_lines(result: Shortlist, lang: str = "en") -> list[str]:
    """Why no shortlist meets the rules, in lines (none for a feasible set).

    The conflicting rules, then the smallest relaxation (or that no single rule can be
    relaxed to restore a shortlist).
    """
    conflict = result.conflict
    if conflict is None:
        return []
    lines = [
        t("rules_infeasible_title", lang, n=result.top),
        t("shortlist_conflict", lang, rules="; ".join(rule_text(r, lang) for r in conflict.rules)),
    ]
    smallest: Relaxation | None = conflict.smallest
    if smallest is None:
        lines.append(t("shortlist_no_relaxation", lang))
    else:
        lines.append(
            t(
                "shortlist_relaxation",
                lang,
                relaxation=relaxation_text(smallest, lang),
                score=smallest.score,
            )
        )
    return lines
