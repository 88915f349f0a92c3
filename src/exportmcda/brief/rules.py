"""The shortlist rules a decision record holds, and what they cost, read defensively.

From record format 4 a decision made under policy rules carries the rule-bound shortlist's
result in the shape of :meth:`exportmcda.model.shortlist.Shortlist.as_dict` (``shortlist``:
rows with ``rank`` and ``technology_id``; ``rules``: each rule's ``rule``, ``binding``,
``score_given_up``, ``pushed_out``, with ``kind``, ``target``, ``value``, ``text``;
``score``, ``unconstrained_score``, ``feasible``, ``conflict``). The briefing reads that
shape wherever the record's JSON body keeps it (found by its keys, not by the name of the
entry, so a later layout that nests it elsewhere is still read), and reads nothing from a
record without it (formats 1-3). Every value is type-checked: a field of the wrong type is
skipped, never trusted. A rule is worded again in the briefing's language from its kind,
field and value (:func:`exportmcda.model.rules.rule_text`), falling back to the recorded
text, then to its identifier.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exportmcda.data.taxonomy import FIELDS
from exportmcda.model.rules import Rule, RuleKind, rule_text

if TYPE_CHECKING:
    from exportmcda.export.record import Record

__all__ = ["RecordedRule", "RecordedRules", "recorded_rules"]

_SHAPE = frozenset({"shortlist", "rules", "feasible", "unconstrained_score"})
"""Keys that make a mapping a rule-bound shortlist result (``Shortlist.as_dict``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedRule:
    """One rule and its cost, as recorded (``binding`` etc. ``None`` when not recorded)."""

    id: str
    text: str
    binding: bool | None
    score_given_up: float | None
    pushed_out: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedRules:
    """The recorded rule-bound shortlist: its rows, the rules' costs, feasibility."""

    shortlist: tuple[tuple[float, str, float], ...]  # (rank, technology id, closeness)
    rules: tuple[RecordedRule, ...]
    score: float | None
    unconstrained_score: float | None
    feasible: bool
    conflict: tuple[str, ...]  # the conflicting rules in words (infeasible only)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _worded(entry: Mapping[str, Any], lang: str) -> str:
    """The rule in ``lang`` from its kind, target and value, else its recorded words."""
    try:
        kind = RuleKind(str(entry.get("kind")))
        target = entry.get("target")
        if kind.per_field:
            target = str(next(f.number for f in FIELDS if target in (f.en, f.ko)))
        value = _number(entry.get("value"))
        rule = Rule(
            kind=kind,
            value=0 if value is None else value,
            target=None if target is None else str(target),
        )
        return rule_text(rule, lang)
    except (ValueError, StopIteration, TypeError):
        for key in ("text", "rule"):
            if isinstance(entry.get(key), str):
                return str(entry[key])
        return "?"


def _rule(entry: Any, lang: str) -> RecordedRule | None:
    if not isinstance(entry, Mapping):
        return None
    binding = entry.get("binding")
    rule_id = entry.get("rule")
    return RecordedRule(
        id=rule_id if isinstance(rule_id, str) else "?",
        text=_worded(entry, lang),
        binding=binding if isinstance(binding, bool) else None,
        score_given_up=_number(entry.get("score_given_up")),
        pushed_out=_ids(entry.get("pushed_out")),
    )


def _row(entry: Any) -> tuple[float, str, float] | None:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("technology_id"), str):
        return None
    rank, score = _number(entry.get("rank")), _number(entry.get("closeness"))
    if rank is None:
        return None
    return (rank, entry["technology_id"], 0.0 if score is None else score)


def _candidates(data: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    """Mappings of the rule-bound result's shape in ``data`` (two levels deep at most)."""
    if isinstance(data, Mapping):
        if set(data) >= _SHAPE:
            yield data
        if depth < 2:
            for value in data.values():
                yield from _candidates(value, depth + 1)


def recorded_rules(record: Record, lang: str = "en") -> RecordedRules | None:
    """The record's rule-bound shortlist result, or ``None`` when it has none."""
    found = next(_candidates(record.body()), None)
    if found is None:
        return None
    rules = tuple(r for r in (_rule(e, lang) for e in found.get("rules") or []) if r)
    rows = tuple(r for r in (_row(e) for e in found.get("shortlist") or []) if r)
    conflict = found.get("conflict")
    texts = conflict.get("texts") if isinstance(conflict, Mapping) else None
    feasible = found.get("feasible")
    return RecordedRules(
        shortlist=rows,
        rules=rules,
        score=_number(found.get("score")),
        unconstrained_score=_number(found.get("unconstrained_score")),
        feasible=feasible if isinstance(feasible, bool) else bool(rows),
        conflict=_ids(texts),
    )
