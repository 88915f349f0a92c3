"""The rule-bound shortlist: the best-scoring N technologies that meet every shortlist rule.

:func:`shortlist` is the one call (the CLI's ``shortlist``, the app and the record use it): a
ranking (or a scores frame) and rules in, a frozen :class:`Shortlist` out — the chosen set
(solved exactly by :mod:`exportmcda.model.solver`: maximise the sum of TOPSIS closeness
under the rules, a 0/1 integer program), what each rule costs, or why no set meets the rules.

Each rule's cost is the re-solve without it: ``binding`` (the optimum changes), the score
given up, the technologies it pushed out.

Infeasible rules are explained by deletion filtering (Chinneck & Dravnieks 1991, "Locating
minimal infeasible constraint sets in linear programs", ORSA J. Computing 3(2):157-168): drop
each rule in turn and keep it out if the rest stay infeasible; what remains is a minimal
conflicting set (dropping any one of its rules restores feasibility). For each of its rules,
the smallest relaxation of that rule alone that restores feasibility is found by bisection
over its value (feasibility is monotone in it); relaxations are listed smallest first
(fewest technologies of slack, then the best resulting score).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ConfigError, Issue, Note
from exportmcda.model.rules import Rule, RuleKind, RuleSet, rule_text
from exportmcda.model.solver import (
    TIME_LIMIT,
    Pool,
    Solution,
    feasible,
    optimum,
    score_of,
    sme_count,
)
from exportmcda.rank.methods import METHODS
from exportmcda.rank.ranks import TIE_TOLERANCE

if TYPE_CHECKING:
    from exportmcda.data.database import Database
    from exportmcda.model.selection import Selection

__all__ = [
    "Conflict",
    "Relaxation",
    "RuleCost",
    "Shortlist",
    "relaxation_text",
    "shortlist",
]

# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RuleCost:
    """What one rule costs: the optimum without it, against the optimum with every rule.

    ``binding``: the optimum changes without the rule. ``score_given_up``: the score
    without it minus the score with all rules (≥ 0; 0 within the tie tolerance).
    ``pushed_out``: technologies of the optimum without it that are not in the final
    shortlist; ``brought_in``: the reverse (in the ranking's order).
    """

    rule: Rule
    binding: bool
    score_given_up: float
    pushed_out: tuple[str, ...]
    brought_in: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Relaxation:
    """One rule relaxed just enough, alone, to make the rules feasible.

    ``value`` is the relaxed value (``None``: the rule dropped, for exclude/require);
    ``by`` the change in the rule's units (technologies, or a share); ``technologies`` the
    same in technologies (a share: ⌈S·N⌉ minus the SMEs reachable); ``score`` and
    ``shortlist`` the optimum once it is relaxed.
    """

    rule: Rule
    value: float | None
    by: float
    technologies: int
    score: float
    shortlist: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Conflict:
    """Why no shortlist meets the rules: a minimal conflicting set and the relaxations.

    ``rules`` is irreducible: together infeasible, feasible without any one of them.
    ``relaxations`` lists, for each of those rules, the smallest change of it alone that
    restores feasibility, smallest first (fewest technologies, then best resulting score).
    """

    rules: tuple[Rule, ...]
    relaxations: tuple[Relaxation, ...]

    @property
    def smallest(self) -> Relaxation | None:
        """The smallest single-rule relaxation (None if no single rule can restore it)."""
        return self.relaxations[0] if self.relaxations else None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Shortlist:
    """A rule-bound shortlist: the chosen set, what each rule cost, or why none exists.

    ``chosen`` lists technology ids in the ranking's order; ``score`` is the sum of their
    closeness (None when infeasible); ``unconstrained`` the ranking's top N and its score.
    ``solver`` is ``greedy`` (proven equal, see the module) or ``milp``; ``gap`` the
    certified distance to the best possible score (closeness units; 0 for greedy).
    """

    pool: Pool
    top: int
    rules: tuple[Rule, ...]
    feasible: bool
    chosen: tuple[str, ...]
    score: float | None
    unconstrained: tuple[str, ...]
    unconstrained_score: float
    costs: tuple[RuleCost, ...]
    conflict: Conflict | None
    solver: str
    gap: float
    proven: bool = True
    notes: tuple[Note, ...] = ()

    def records(self) -> list[dict[str, Any]]:
        """The shortlist's rows: ``rank`` (1..N) and ``technology_id`` first (the contract).

        Also ``closeness`` (the name is the contract's: it holds the ranking method's
        score, TOPSIS closeness unless another ``--method`` ranked the pool), ``ranking_rank``
        (its rank in the full ranking), ``in_top``
        (in the ranking's top N), ``company_id``, ``sme``, ``capital_region``, ``fields``
        (numbers) and the names the source gave (technology, company, field, region, size).
        """
        position = {t: i for i, t in enumerate(self.pool.ids)}
        shown = self.pool.described
        top = set(self.unconstrained)
        out = []
        for rank, tid in enumerate(self.chosen, start=1):
            i = position[tid]
            row: dict[str, Any] = {"rank": rank, "technology_id": tid}
            if shown is not None:
                for column in ("technology_name", "company_name", "field", "region",
                               "company_size"):
                    if column in shown.columns:
                        row[column] = shown.loc[tid, column]
            row.update({
                "closeness": float(self.pool.scores[i]), "ranking_rank": i + 1,
                "in_top": tid in top, "company_id": self.pool.companies[i],
                "sme": None if self.pool.sme is None else bool(self.pool.sme[i]),
                "capital_region": None if self.pool.capital is None else bool(
                    self.pool.capital[i]),
                "fields": None if self.pool.fields is None else list(self.pool.fields[i]),
            })
            out.append(row)
        return out

    def rule_records(self, lang: str = "en") -> list[dict[str, Any]]:
        """Each rule and its cost: ``rule, binding, score_given_up, pushed_out`` (contract).

        Also ``kind``, ``target``, ``value``, ``text`` (the rule in ``lang``),
        ``stated_in`` (file and key, or flag) and ``brought_in``. Without costs (an
        infeasible set) the cost keys are None.
        """
        costs = {id(c.rule): c for c in self.costs}
        out = []
        for rule in self.rules:
            cost = costs.get(id(rule))
            out.append({
                "rule": rule.id,
                "binding": None if cost is None else cost.binding,
                "score_given_up": None if cost is None else cost.score_given_up,
                "pushed_out": None if cost is None else list(cost.pushed_out),
                "kind": rule.kind.value, "target": _target(rule),
                "value": None if rule.kind.per_technology else rule.value,
                "text": rule_text(rule, lang), "stated_in": rule.where(),
                "brought_in": None if cost is None else list(cost.brought_in),
            })
        return out

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """The ``exportmcda shortlist`` JSON contract (names kept; fields may be added).

        ``{shortlist, rules, score, unconstrained_score, feasible, conflict}`` plus
        ``top``, ``country``, ``solver``, ``gap``, ``proven_optimal``, ``unconstrained``,
        ``notes`` (in ``lang``) and ``note_codes`` (code and parameters).
        """
        from exportmcda.labels import notes_text

        conflict = None
        if self.conflict is not None:
            conflict = {
                "rules": [r.id for r in self.conflict.rules],
                "texts": [rule_text(r, lang) for r in self.conflict.rules],
                "relaxations": [_relaxation_dict(x, lang) for x in self.conflict.relaxations],
                "smallest": None if self.conflict.smallest is None else _relaxation_dict(
                    self.conflict.smallest, lang),
            }
        return {
            "shortlist": self.records(), "rules": self.rule_records(lang),
            "score": self.score, "unconstrained_score": self.unconstrained_score,
            "feasible": self.feasible, "conflict": conflict, "top": self.top,
            "country": self.pool.country, "solver": self.solver, "gap": self.gap,
            "proven_optimal": self.proven, "unconstrained": list(self.unconstrained),
            "notes": notes_text(self.notes, lang),
            "note_codes": [n.as_dict() for n in self.notes],
        }


def _target(rule: Rule) -> str | None:
    number = rule.field_number
    return FIELDS[number - 1].en if number is not None else rule.target


def _relaxation_dict(x: Relaxation, lang: str) -> dict[str, Any]:
    relaxed = None if x.value is None else x.rule.replace_value(x.value)
    return {"rule": x.rule.id, "to": x.value, "by": x.by, "technologies": x.technologies,
            "relaxed_rule": None if relaxed is None else relaxed.id,
            "text": relaxation_text(x, lang), "score": x.score, "shortlist": list(x.shortlist)}


def relaxation_text(relaxation: Relaxation, lang: str = "en") -> str:
    """"min_per_field Traffic: 5 → 3" in words (labels ``relax_drop``/``relax_to``)."""
    from exportmcda.labels import t

    rule = relaxation.rule
    if relaxation.value is None:
        return t("relax_drop", lang, rule=rule_text(rule, lang))
    return t("relax_to", lang, rule=rule_text(rule, lang),
             relaxed=rule_text(rule.replace_value(relaxation.value), lang))


# ----------------------------------------------------------------------------- the call


def _check(pool: Pool, rules: Sequence[Rule], top: int) -> None:
    """Refuse rules the pool cannot evaluate: unknown ids, attributes the source lacks."""
    if not 1 <= top <= pool.size:
        raise ConfigError.single("shortlist_top", f"--top must be between 1 and the "
                                 f"{pool.size} candidates, got {top}", field="top", value=top)
    known = set(pool.ids)
    issues = []
    needs = {RuleKind.MIN_SME_SHARE: ("sme", pool.sme),
             RuleKind.MIN_NON_CAPITAL: ("capital_region", pool.capital),
             RuleKind.MIN_PER_FIELD: ("fields", pool.fields),
             RuleKind.MAX_PER_FIELD: ("fields", pool.fields)}
    for rule in rules:
        path = None if rule.origin.startswith("--") else rule.origin or None
        if rule.kind.per_technology and rule.target not in known:
            issues.append(Issue.of(
                "rules_unknown_technology", f"'{rule.target}' is not a technology of this "
                f"ranking ({pool.size} candidates)", path=path, field=rule.key,
                value=rule.target))
        need = needs.get(rule.kind)
        if need is not None and need[1] is None:
            issues.append(Issue.of("rules_needs_column", f"this rule needs the '{need[0]}' of "
                                   "each technology, which the scores do not give",
                                   path=path, field=rule.key, value=need[0]))
    if issues:
        raise ConfigError(issues)


def _cost(pool: Pool, rules: Sequence[Rule], rule: Rule, top: int,
          solution: Solution) -> RuleCost:
    others = [r for r in rules if r is not rule]
    free = optimum(pool, others, top)
    assert free is not None  # dropping a rule of a feasible set keeps it feasible
    ids = solution.ids(pool)
    without = free.ids(pool)
    given_up = free.score - solution.score
    if abs(given_up) <= top * TIE_TOLERANCE:
        given_up = 0.0
    return RuleCost(
        rule=rule, binding=bool(np.any(free.chosen != solution.chosen)),
        score_given_up=given_up, pushed_out=tuple(t for t in without if t not in ids),
        brought_in=tuple(t for t in ids if t not in without), without=without)


def _bisect(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The smallest v in [low, high] with holds(v), holds(high) known true (monotone)."""
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _loosened(rule: Rule, step: int, top: int) -> Rule:
    """``rule`` loosened by ``step`` technologies (a minimum lowered, a cap raised)."""
    if rule.kind is RuleKind.MIN_SME_SHARE:
        return rule.replace_value((sme_count(rule.value, top) - step) / top)
    if rule.kind in (RuleKind.MIN_PER_FIELD, RuleKind.MIN_NON_CAPITAL):
        return rule.replace_value(rule.value - step)
    return rule.replace_value(rule.value + step)  # MAX_PER_FIELD, MAX_PER_COMPANY


def _relax(pool: Pool, rules: Sequence[Rule], rule: Rule, top: int) -> Relaxation | None:
    """The smallest relaxation of ``rule`` alone restoring feasibility (None if none).

    Exclude/require: dropped. A count rule: loosened by the fewest technologies that make
    the rules feasible, by bisection between 1 and the step that removes the rule's effect
    (a minimum of 0, a cap of N; feasible, since the others are).
    """
    others = [r for r in rules if r is not rule]
    if not feasible(pool, others, top):
        return None
    value: float | None = None
    by, step, relaxed = 1.0, 1, others
    if not rule.kind.per_technology:
        k = int(rule.value)
        limit = {RuleKind.MIN_SME_SHARE: sme_count(rule.value, top),
                 RuleKind.MIN_PER_FIELD: k, RuleKind.MIN_NON_CAPITAL: k}.get(
            rule.kind, max(top - k, 1))
        step = _bisect(lambda d: feasible(pool, [*others, _loosened(rule, d, top)], top), 1,
                       limit)
        loose = _loosened(rule, step, top)
        value, by, relaxed = loose.value, abs(rule.value - loose.value), [*others, loose]
    best = optimum(pool, relaxed, top)
    assert best is not None
    return Relaxation(rule=rule, value=value, by=by, technologies=step, score=best.score,
                      shortlist=best.ids(pool))


def _explain(pool: Pool, rules: Sequence[Rule], top: int) -> Conflict:
    """Deletion filter over the rules, then each core rule's smallest relaxation."""
    core = list(rules)
    for rule in rules:
        trial = [r for r in core if r is not rule]
        if not feasible(pool, trial, top):
            core = trial
    relaxations = [x for x in (_relax(pool, rules, r, top) for r in core) if x is not None]
    order = {id(r): k for k, r in enumerate(rules)}
    relaxations.sort(key=lambda x: (x.technologies, -x.score, order[id(x.rule)]))
    return Conflict(rules=tuple(core), relaxations=tuple(relaxations))


def shortlist(
    source: Selection | Pool | pd.DataFrame,
    rules: RuleSet | Sequence[Rule] = (),
    *,
    top: int = 20,
    db: Database | None = None,
    costs: bool = True,
    greedy: bool = True,
) -> Shortlist:
    """The best-scoring ``top`` technologies of a ranking that meet every rule.

    Parameters
    ----------
    source : Selection, Pool or DataFrame
        A ranking (with ``db``, which gives company sizes and regions), a prepared
        :class:`Pool`, or a scores frame (:meth:`Pool.from_frame`).
    rules : RuleSet or sequence of Rule
        A :class:`RuleSet` applies its common rules and the target's own
        (:meth:`RuleSet.for_country`).
    top : int
        N, the size of the shortlist.
    db : Database, optional
        Required with a Selection.
    costs : bool
        Whether to compute each rule's cost (one re-solve per rule).
    greedy : bool
        Use the proven greedy shortcuts (default); ``False`` always solves the integer
        program (the same result: a check of the shortcuts).

    Raises
    ------
    ConfigError
        A bad ``top``, a technology id that is not a candidate, a rule the source cannot
        evaluate; ``shortlist.lower_is_better`` for rules on a ranking whose score is better
        when lower (VIKOR, SPOTIS: the solver maximises the total score).
    """
    from exportmcda.model.selection import Selection

    if isinstance(source, Selection):
        if db is None:
            raise ConfigError.single("shortlist_needs_database", "a ranking's shortlist "
                                     "needs its database (company sizes and regions)")
        pool = Pool.from_selection(source, db)
    elif isinstance(source, Pool):
        pool = source
    else:
        pool = Pool.from_frame(source)
    chosen_rules = (rules.for_country(pool.country) if isinstance(rules, RuleSet)
                    else tuple(sorted(rules, key=lambda r: r.sort_key)))
    if chosen_rules and isinstance(source, Selection) and not source.result.higher_is_better:
        # The solver maximises the sum of the scores: with VIKOR's Q or SPOTIS's distance
        # (lower is better) it would pick the worst technologies that meet the rules.
        raise ConfigError.single(
            "shortlist.lower_is_better", f"shortlist rules choose the set with the highest "
            f"total score, and a {METHODS[source.result.method].label} score is better when "
            "lower; use --method topsis, wsm or promethee_ii", field="method",
            value=source.result.method)
    _check(pool, chosen_rules, top)
    unconstrained = tuple(pool.ids[:top])
    free_score = score_of(pool, np.arange(pool.size) < top)
    solution = optimum(pool, chosen_rules, top, greedy=greedy)
    notes = [Note.of("shortlist_definitions")] if any(
        r.kind in (RuleKind.MIN_SME_SHARE, RuleKind.MIN_NON_CAPITAL) for r in chosen_rules
    ) else []
    if solution is None:
        conflict = _explain(pool, chosen_rules, top)
        notes.insert(0, Note.of("shortlist_infeasible", n=top,
                                rules=", ".join(r.id for r in conflict.rules)))
        return Shortlist(pool=pool, top=top, rules=chosen_rules, feasible=False, chosen=(),
                         score=None, unconstrained=unconstrained,
                         unconstrained_score=free_score, costs=(), conflict=conflict,
                         solver="milp", gap=0.0, notes=tuple(notes))
    notes.insert(0, Note.of("shortlist_milp" if solution.solver == "milp" else
                            "shortlist_greedy", n=top, gap=solution.gap))
    if not solution.proven:
        notes.append(Note.of("shortlist_not_proven", seconds=TIME_LIMIT, gap=solution.gap))
    return Shortlist(
        pool=pool, top=top, rules=chosen_rules, feasible=True, chosen=solution.ids(pool),
        score=solution.score, unconstrained=unconstrained, unconstrained_score=free_score,
        costs=tuple(_cost(pool, chosen_rules, r, top, solution) for r in chosen_rules)
        if costs else (),
        conflict=None, solver=solution.solver, gap=solution.gap, proven=solution.proven,
        notes=tuple(notes),
    )
