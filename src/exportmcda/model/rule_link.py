"""Shortlist rules as the app edits them, one control at a time, and as a link carries them.

The app's rule controls change one rule (or the exclude/require list) at a time; the rules
they leave alone keep where they were stated (a scenario's file and key), so a rule's cost
still names its source. A shared link carries the whole rule set in one query parameter,
read back through the same checks as a rules file (:func:`exportmcda.model.rules.
parse_rules`), so a hand-edited link fails with the same named issues as a bad file:

    max_per_company=1;min_sme_share=0.3;min_per_field.6=2;exclude=T0012,T0013

Entries are separated by ``;``; a per-field rule names the field by its taxonomy number
(short and language-independent); technology ids are percent-encoded (a database's ids are
user text and may hold ``;``, ``,`` or ``=``). :data:`NO_RULES` is an empty rule set stated
on purpose (the user cleared the scenario's rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, unquote

from exportmcda.errors import ConfigError, Issue
from exportmcda.model.rules import Rule, RuleKind, RuleSet, parse_rules

__all__ = [
    "APP_ORIGIN",
    "LINK_ORIGIN",
    "NO_RULES",
    "parse_rules_link",
    "rules_link",
    "with_rule",
    "with_technologies",
]

APP_ORIGIN = "app"
"""Where a rule set in the app's controls was stated (a rule's ``stated_in``)."""

LINK_ORIGIN = "link"
"""Where a rule read from a shared link was stated."""

NO_RULES = "none"
"""The link value of an empty rule set (no rule, whatever the scenario states)."""


def _stated(table: dict[str, Any], origin: str) -> tuple[Rule, ...]:
    """Rules of a one-entry rules table, through the rules file's checks."""
    return parse_rules(table, origin=origin).rules


def _without(rules: Iterable[Rule], drop: Iterable[tuple[RuleKind, str | None]]) -> list[Rule]:
    slots = set(drop)
    return [r for r in rules if r.slot not in slots]


def with_rule(
    rules: Sequence[Rule],
    kind: RuleKind,
    value: float | None,
    *,
    field: int | None = None,
    origin: str = APP_ORIGIN,
) -> tuple[Rule, ...]:
    """``rules`` with one count or share rule set to ``value`` (removed when ``None``).

    ``field`` is the taxonomy number of a per-field rule. The other rules are kept as they
    were stated. The new rule passes the rules file's checks.

    Raises
    ------
    ConfigError
        A negative or fractional count, a share outside [0, 1], an unknown field, or an
        exclude/require kind (see :func:`with_technologies`).
    """
    if kind.per_technology:
        raise ConfigError.single(
            "rules_bad_table",
            "exclude and require take technology ids",
            field=kind.value,
            value=kind.value,
        )
    target = str(field) if kind.per_field else None
    kept = _without(rules, [(kind, target)])
    if value is None:
        return RuleSet(rules=tuple(kept)).rules
    entry: Any = {str(field): value} if kind.per_field else value
    new = _stated({kind.value: entry}, origin)
    return RuleSet(rules=tuple(kept)).merged(RuleSet(rules=new)).rules


def with_technologies(
    rules: Sequence[Rule], kind: RuleKind, ids: Sequence[str], *, origin: str = APP_ORIGIN
) -> tuple[Rule, ...]:
    """``rules`` whose exclude (or require) list is ``ids``.

    Ids already listed keep their origin; new ones are stated at ``origin``.
    """
    if not kind.per_technology:
        raise ConfigError.single(
            "rules_bad_table",
            "only exclude and require take ids",
            field=kind.value,
            value=kind.value,
        )
    wanted = list(dict.fromkeys(ids))
    old = {r.target: r for r in rules if r.kind is kind}
    kept = _without(rules, [(kind, t) for t in old if t not in wanted])
    new = [t for t in wanted if t not in old]
    added = _stated({kind.value: new}, origin) if new else ()
    return RuleSet(rules=tuple(kept)).merged(RuleSet(rules=added)).rules


def rules_link(rules: Sequence[Rule]) -> str:
    """The link value of ``rules`` (:data:`NO_RULES` when there is none); see the module."""
    parts: list[str] = []
    ids: dict[RuleKind, list[str]] = {}
    for rule in sorted(rules, key=lambda r: r.sort_key):
        if rule.kind.per_technology:
            ids.setdefault(rule.kind, []).append(quote(rule.target or "", safe=""))
        elif rule.kind.per_field:
            parts.append(f"{rule.kind.value}.{rule.target}={int(rule.value)}")
        elif rule.kind is RuleKind.MIN_SME_SHARE:
            parts.append(f"{rule.kind.value}={rule.value:g}")
        else:
            parts.append(f"{rule.kind.value}={int(rule.value)}")
    parts = [f"{kind.value}={','.join(listed)}" for kind, listed in ids.items()] + parts
    return ";".join(parts) or NO_RULES


def _link_table(text: str) -> dict[str, Any]:
    """The link's entries as a rules table (values as text, as flags give them)."""
    table: dict[str, Any] = {}
    for entry in (p.strip() for p in text.split(";")):
        if not entry:
            continue
        key, sep, value = entry.partition("=")
        if not sep:
            raise ConfigError.single(
                "rules_bad_link",
                "expected rule=value entries separated by ';'",
                path=LINK_ORIGIN,
                value=entry,
            )
        name, dot, field = key.strip().partition(".")
        if dot:
            table.setdefault(name, {})
            if not isinstance(table[name], dict):
                raise ConfigError.single(
                    "rules_bad_link",
                    "a rule given twice",
                    path=LINK_ORIGIN,
                    field=name,
                    value=entry,
                )
            table[name][field] = value.strip()
        elif name in (RuleKind.EXCLUDE.value, RuleKind.REQUIRE.value):
            table[name] = [unquote(i) for i in value.split(",") if i.strip()]
        else:
            table[name] = value.strip()
    return table


def parse_rules_link(text: str) -> tuple[tuple[Rule, ...] | None, tuple[Issue, ...]]:
    """The rules a link states, or ``None`` and the issues when it is malformed.

    An empty ``text`` states nothing (``None``, no issue: the scenario's rules apply);
    :data:`NO_RULES` states an empty rule set. A bad link is refused as a whole (its
    issues name the entry), never half applied.
    """
    text = text.strip()
    if not text:
        return None, ()
    if text == NO_RULES:
        return (), ()
    try:
        return parse_rules(_link_table(text), origin=LINK_ORIGIN).rules, ()
    except ConfigError as error:
        return None, error.issues
