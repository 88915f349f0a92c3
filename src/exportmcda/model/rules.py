"""Shortlist rules: the policy constraints a rule-bound shortlist must meet, and their parsing.

A ministry rarely features "the top 20" as ranked: it asks for a spread — at most one
technology per company, a minimum share from SMEs, some from outside the capital region,
at least (or at most) so many per technology field, a few technologies excluded or required.
This module defines those rules once, reads them from a scenario's ``[rules]`` table, a
``rules.toml`` file or command-line flags (each rule remembers where it was stated, so an
error or a rule's cost names the file and key, or the flag), and merges them; the solver is
:mod:`exportmcda.model.shortlist`.

Definitions (the ones the solver counts with):

* **SME** — a company of size 1 of the study's company size definition, "small and
  medium-sized enterprise" (중소기업; Kim 2021, §II; :data:`~exportmcda.data.taxonomy.
  COMPANY_SIZES`): average annual sales below 40–150 billion won by industry and total
  assets below 500 billion won. Medium-sized enterprises (중견기업) are *not* SMEs, as in
  the criteria's ``sme`` leaf (``criteria/criteria.toml``), so the rule and the criterion
  count the same companies.
* **Capital region** (수도권) — Seoul, Incheon and Gyeonggi-do (Seoul Metropolitan Area
  Readjustment Planning Act, art. 2; :data:`~exportmcda.data.taxonomy.REGIONS`
  ``metropolitan``). A "non-capital" technology is one whose company is located elsewhere.
* **Field** — a technology belongs to every field the database lists for it (a technology
  in Traffic and Logistics counts once towards each field's rule).

Rules, as a TOML table (a scenario's ``[rules]``, or the top level of a ``rules.toml``)::

    max_per_company = 1          # at most m technologies of one company
    min_sme_share = 0.3          # at least ceil(S x N) of the N held by SMEs
    min_non_capital = 5          # at least j from companies outside the capital region
    exclude = ["T0012"]          # never in the shortlist
    require = ["T0450"]          # always in the shortlist
    [min_per_field]              # field name (English or Korean) = at least k
    "Water management" = 2
    [max_per_field]              # field name = at most k
    Traffic = 8
    [country.IND]                # rules for one target only: same keys; they replace the
    min_per_field = { Welfare = 1 }   # common rule of the same kind (and field)

Later sources override earlier ones rule by rule (scenario < rules file < flags); exclude
and require lists are joined.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from exportmcda.data.taxonomy import FIELDS, Dimension, lookup
from exportmcda.errors import ConfigError, Issue
from exportmcda.labels import t

__all__ = [
    "RULE_KEYS",
    "Rule",
    "RuleKind",
    "RuleSet",
    "load_rules",
    "parse_rules",
    "rule_text",
    "rules_from_options",
    "rules_toml",
]


class RuleKind(StrEnum):
    """The kinds of shortlist rule, in the order results list them."""

    EXCLUDE = "exclude"
    REQUIRE = "require"
    MAX_PER_COMPANY = "max_per_company"
    MIN_SME_SHARE = "min_sme_share"
    MIN_NON_CAPITAL = "min_non_capital"
    MIN_PER_FIELD = "min_per_field"
    MAX_PER_FIELD = "max_per_field"

    @property
    def per_field(self) -> bool:
        """Whether the rule names a field (its value is a count within that field)."""
        return self in (RuleKind.MIN_PER_FIELD, RuleKind.MAX_PER_FIELD)

    @property
    def per_technology(self) -> bool:
        """Whether the rule names a technology (exclude, require)."""
        return self in (RuleKind.EXCLUDE, RuleKind.REQUIRE)


_ORDER = {kind: k for k, kind in enumerate(RuleKind)}

RULE_KEYS: tuple[str, ...] = (*(kind.value for kind in RuleKind), "country")
"""Keys a rules table takes (``country`` holds the per-target tables)."""

_SCALARS = (RuleKind.MAX_PER_COMPANY, RuleKind.MIN_SME_SHARE, RuleKind.MIN_NON_CAPITAL)
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,15}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One shortlist rule and where it was stated.

    ``value`` is the count k, m or j (a whole number) or the share S (0 to 1); exclude and
    require carry no value (0). ``target`` is the technology id (exclude, require) or the
    field's number (as text) for per-field rules. ``origin`` is the file or the flag that
    stated it and ``key`` the dotted key within the file (the flag again for a flag), so an
    error or a rule's cost names them.
    """

    kind: RuleKind
    value: float = 0
    target: str | None = None
    origin: str = ""
    key: str = ""

    @property
    def field_number(self) -> int | None:
        """The field's number for per-field rules (None otherwise)."""
        return int(self.target) if self.kind.per_field and self.target else None

    @property
    def id(self) -> str:
        """Stable identifier, e.g. ``max_per_company=1``, ``min_per_field:Traffic=2``.

        Field rules name the field in English (the taxonomy's name), technology rules the
        technology id; the identifier is what the JSON ``rule`` key holds.
        """
        kind = self.kind.value
        if self.kind.per_technology:
            return f"{kind}:{self.target}"
        value = f"{self.value:g}"
        if self.kind.per_field:
            return f"{kind}:{FIELDS[int(self.target or 0) - 1].en}={value}"
        return f"{kind}={value}"

    @property
    def slot(self) -> tuple[RuleKind, str | None]:
        """What a later rule of the same slot replaces (kind, and field or technology)."""
        return (self.kind, self.target)

    @property
    def sort_key(self) -> tuple[int, int | str]:
        """Results list rules by kind, then field number or technology id."""
        number = self.field_number
        return (_ORDER[self.kind], number if number is not None else (self.target or ""))

    def where(self) -> str:
        """Where the rule was stated, for messages: ``rules.toml, key max_per_company``."""
        if self.key and self.key != self.origin:
            return f"{self.origin}, key {self.key}" if self.origin else self.key
        return self.origin or self.key

    def replace_value(self, value: float) -> Rule:
        """The same rule with another value (a relaxation); counts stay whole numbers."""
        kept = value if self.kind is RuleKind.MIN_SME_SHARE else round(value)
        return Rule(kind=self.kind, value=kept, target=self.target, origin=self.origin,
                    key=self.key)


def _merge(*groups: Iterable[Rule]) -> tuple[Rule, ...]:
    """Rules of ``groups`` with later groups replacing earlier rules of the same slot."""
    slots: dict[tuple[RuleKind, str | None], Rule] = {}
    for group in groups:
        for rule in group:
            slots.pop(rule.slot, None)
            slots[rule.slot] = rule
    return tuple(sorted(slots.values(), key=lambda r: r.sort_key))


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleSet:
    """Rules for every target plus, per target code, rules for that target only.

    ``countries`` maps an upper-case target code to its own rules, which replace the common
    rules of the same kind (and field, or technology) for that target.
    """

    rules: tuple[Rule, ...] = ()
    countries: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rules) or any(self.countries.values())

    def for_country(self, code: str | None) -> tuple[Rule, ...]:
        """The rules that apply to target ``code``: common ones, then its own."""
        own = self.countries.get(code.strip().upper(), ()) if code else ()
        return _merge(self.rules, own)

    def merged(self, later: RuleSet) -> RuleSet:
        """These rules, then ``later``'s replacing them rule by rule (and per target)."""
        codes = dict.fromkeys((*self.countries, *later.countries))
        return RuleSet(
            rules=_merge(self.rules, later.rules),
            countries={c: _merge(self.countries.get(c, ()), later.countries.get(c, ()))
                       for c in codes},
        )

    def check_countries(self, known: Iterable[str]) -> None:
        """Refuse per-target tables for codes that are not targets (ConfigError).

        Raises
        ------
        ConfigError
            ``rules_unknown_country`` naming the file and key of each such table.
        """
        valid = sorted(known)
        issues = []
        for code, rules in self.countries.items():
            if code not in valid:
                first = rules[0] if rules else None
                issues.append(Issue.of(
                    "rules_unknown_country", f"'{code}' is not a target country or group; "
                    f"known: {', '.join(valid)}", path=first.origin if first else None,
                    field=f"country.{code}", value=code))
        if issues:
            raise ConfigError(issues)


# ----------------------------------------------------------------------------- parsing


def _error(code: str, message: str, origin: str, key: str, value: object) -> ConfigError:
    """A bad rule: a file's key (``path`` + ``field``) or a flag (``field``)."""
    path = None if origin.startswith("--") else origin
    shown = value if not isinstance(value, Mapping | list) else None
    return ConfigError(Issue.of(code, message, path=path, field=key, value=shown))


def _count(value: object, origin: str, key: str) -> int:
    """A whole number ≥ 0 (TOML integer, or text of one from a flag)."""
    number: object = value
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if re.fullmatch(r"[+-]?\d+", text) else value
    if isinstance(number, bool) or not isinstance(number, int):
        raise _error("rules_bad_count", "expected a whole number of technologies (0 or more)",
                     origin, key, value)
    if number < 0:
        raise _error("rules_negative", f"a count cannot be negative, got {number}", origin,
                     key, value)
    return number


def _share(value: object, origin: str, key: str) -> float:
    """A share in [0, 1] (number, or text of one from a flag; ``30%`` allowed)."""
    number: object = value
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            number = value
    if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(
        number
    ):
        raise _error("rules_bad_share", "expected a share between 0 and 1 (e.g. 0.3 or 30%)",
                     origin, key, value)
    if not 0.0 <= float(number) <= 1.0:
        raise _error("rules_share_range", f"a share lies between 0 and 1, got {number:g}",
                     origin, key, value)
    return float(number)


def _field(name: object, origin: str, key: str) -> int:
    """A field's number from its English or Korean name (or number); ConfigError if unknown."""
    category = lookup(Dimension.FIELD, name) if isinstance(name, str | int) else None
    if category is None:
        names = [f.en for f in FIELDS]
        close = difflib.get_close_matches(str(name), names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"fields: {', '.join(names)}"
        raise _error("rules_unknown_field", f"unknown technology field '{name}'; {hint}",
                     origin, key, name)
    return category.number


def _ids(value: object, origin: str, key: str) -> list[str]:
    """Technology ids: a TOML array of text, or comma-separated text (a flag)."""
    items: list[object]
    if isinstance(value, str):
        items = [p for p in (s.strip() for s in value.split(",")) if p]
    elif isinstance(value, list):
        items = list(value)
    else:
        raise _error("rules_bad_ids", "expected a list of technology ids", origin, key, value)
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise _error("rules_bad_ids", "a technology id is non-empty text", origin, key,
                         item)
        out.append(item.strip())
    return list(dict.fromkeys(out))


def _unknown(keys: Iterable[str], valid: Sequence[str], origin: str, prefix: str) -> None:
    issues = []
    for key in keys:
        close = difflib.get_close_matches(key, valid, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"valid: {', '.join(valid)}"
        issues.append(Issue.of("unknown_key", f"unknown rule '{key}'; {hint}", path=origin,
                               field=f"{prefix}{key}", value=key))
    if issues:
        raise ConfigError(issues)


def _table_rules(table: Mapping[str, Any], origin: str, prefix: str) -> list[Rule]:
    """The rules of one table (without ``country``); keys are reported as ``prefix + key``."""
    rules: list[Rule] = []
    for kind in RuleKind:
        if kind.value not in table:
            continue
        value, key = table[kind.value], f"{prefix}{kind.value}"
        if kind in (RuleKind.MAX_PER_COMPANY, RuleKind.MIN_NON_CAPITAL):
            rules.append(Rule(kind=kind, value=_count(value, origin, key), origin=origin,
                              key=key))
        elif kind is RuleKind.MIN_SME_SHARE:
            rules.append(Rule(kind=kind, value=_share(value, origin, key), origin=origin,
                              key=key))
        elif kind.per_technology:
            rules += [Rule(kind=kind, target=tid, origin=origin, key=key)
                      for tid in _ids(value, origin, key)]
        else:
            if not isinstance(value, Mapping):
                raise _error("rules_bad_table", f"[{key}] is a table of field name = count",
                             origin, key, value)
            for name, count in value.items():
                item = f"{key}.{name}"
                number = _field(name, origin, item)
                rules.append(Rule(kind=kind, value=_count(count, origin, item),
                                  target=str(number), origin=origin, key=item))
    return rules


def parse_rules(table: Mapping[str, Any], *, origin: str, prefix: str = "") -> RuleSet:
    """Rules from a TOML table (a scenario's ``[rules]``, or a rules file's top level).

    ``origin`` is the file the table came from and ``prefix`` the dotted path to the table
    (``"rules."`` in a scenario), so that every error names the file and the full key.

    Raises
    ------
    ConfigError
        An unknown key (with the nearest valid one), an unknown field name, a negative or
        fractional count, a share outside [0, 1], a bad list of ids, a bad target code.
    """
    if not isinstance(table, Mapping):
        raise _error("rules_bad_table", "the rules are a table", origin, prefix.rstrip("."),
                     table)
    _unknown([str(k) for k in table if k not in RULE_KEYS], RULE_KEYS, origin, prefix)
    common = _table_rules(table, origin, prefix)
    countries: dict[str, tuple[Rule, ...]] = {}
    per_target = table.get("country", {})
    if not isinstance(per_target, Mapping):
        raise _error("rules_bad_table", f"[{prefix}country.CODE] tables hold one target's "
                     "rules", origin, f"{prefix}country", per_target)
    for code, own in per_target.items():
        where = f"{prefix}country.{code}"
        if not _CODE.match(str(code)):
            raise _error("rules_unknown_country", "a target code such as IND or ASEAN",
                         origin, where, code)
        if not isinstance(own, Mapping):
            raise _error("rules_bad_table", f"[{where}] is a table of rules", origin, where,
                         own)
        valid = tuple(k for k in RULE_KEYS if k != "country")
        _unknown([str(k) for k in own if k not in valid], valid, origin, f"{where}.")
        countries[str(code).upper()] = _merge(_table_rules(own, origin, f"{where}."))
    return RuleSet(rules=_merge(common), countries=countries)


def load_rules(path: str | Path) -> RuleSet:
    """Read a ``rules.toml`` file (the rules table at its top level).

    Raises
    ------
    ConfigError
        ``unreadable`` / ``bad_toml`` for the file, or any error of :func:`parse_rules`.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError.single("unreadable", f"cannot read the file: {error}",
                                 path=name) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError.single("bad_toml", f"not valid TOML: {error}", path=name) from None
    if set(data) == {"rules"} and isinstance(data["rules"], Mapping):
        return parse_rules(data["rules"], origin=name, prefix="rules.")  # a [rules] table
    return parse_rules(data, origin=name)


def _pairs(items: Sequence[str], flag: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        name, sep, count = item.rpartition("=")
        if not sep or not name.strip():
            raise _error("rules_bad_pair", "expected FIELD=K, e.g. Traffic=2", flag, flag, item)
        out.append((name.strip(), count))
    return out


def rules_from_options(
    *,
    max_per_company: str | None = None,
    min_sme_share: str | None = None,
    min_non_capital: str | None = None,
    min_per_field: Sequence[str] = (),
    max_per_field: Sequence[str] = (),
    exclude: Sequence[str] = (),
    require: Sequence[str] = (),
) -> RuleSet:
    """Rules from command-line options (text as typed); errors name the flag.

    ``min_per_field``/``max_per_field`` take ``FIELD=K`` items, ``exclude``/``require``
    comma-separated ids (each option may be repeated).
    """
    rules: list[Rule] = []
    scalars = {RuleKind.MAX_PER_COMPANY: max_per_company,
               RuleKind.MIN_SME_SHARE: min_sme_share,
               RuleKind.MIN_NON_CAPITAL: min_non_capital}
    for kind, text in scalars.items():
        if text is None:
            continue
        flag = "--" + kind.value.replace("_", "-")
        value = _share(text, flag, flag) if kind is RuleKind.MIN_SME_SHARE else _count(
            text, flag, flag)
        rules.append(Rule(kind=kind, value=value, origin=flag, key=flag))
    for kind, items in ((RuleKind.MIN_PER_FIELD, min_per_field),
                        (RuleKind.MAX_PER_FIELD, max_per_field)):
        flag = "--" + kind.value.replace("_", "-")
        for name, count in _pairs(items, flag):
            rules.append(Rule(kind=kind, value=_count(count, flag, flag),
                              target=str(_field(name, flag, flag)), origin=flag, key=flag))
    for kind, texts in ((RuleKind.EXCLUDE, exclude), (RuleKind.REQUIRE, require)):
        flag = "--" + kind.value
        for text in texts:
            rules += [Rule(kind=kind, target=tid, origin=flag, key=flag)
                      for tid in _ids(text, flag, flag)]
    return RuleSet(rules=_merge(rules))


def rule_text(rule: Rule, lang: str = "en") -> str:
    """The rule in words, in ``lang`` (labels ``rule_<kind>``)."""
    number = rule.field_number
    field = FIELDS[number - 1].name(lang) if number is not None else ""
    value: object = f"{rule.value:.0%}" if rule.kind is RuleKind.MIN_SME_SHARE else (
        int(rule.value))
    return t(f"rule_{rule.kind.value}", lang, value=value, field=field,
             technology=rule.target or "")


# ----------------------------------------------------------------------------- writing


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _body(rules: Sequence[Rule]) -> tuple[list[str], dict[str, list[str]]]:
    """Inline lines (scalars, lists) and sub-tables (per field) of one rules table."""
    lines: list[str] = []
    tables: dict[str, list[str]] = {}
    for kind in RuleKind:
        mine = [r for r in rules if r.kind is kind]
        if not mine:
            continue
        if kind in _SCALARS:
            lines.append(f"{kind.value} = {mine[-1].value:g}" if kind is
                         RuleKind.MIN_SME_SHARE else f"{kind.value} = {int(mine[-1].value)}")
        elif kind.per_technology:
            lines.append(f"{kind.value} = [" + ", ".join(_quote(r.target or "") for r in mine)
                         + "]")
        else:
            tables[kind.value] = [
                f"{_quote(FIELDS[(r.field_number or 1) - 1].en)} = {int(r.value)}"
                for r in mine]
    return lines, tables


def rules_toml(rules: RuleSet, table: str = "rules") -> list[str]:
    """TOML lines of ``rules`` under ``[table]`` (empty when there are none).

    Read back by :func:`parse_rules` (the scenario writer's ``[rules]`` section); fields are
    written by their English names.
    """
    if not rules:
        return []
    lines, tables = _body(rules.rules)
    out = [f"[{table}]", *lines]
    for name, body in tables.items():
        out += ["", f"[{table}.{name}]", *body]
    for code, own in rules.countries.items():
        lines, tables = _body(own)
        out += ["", f"[{table}.country.{code}]", *lines]
        for name, body in tables.items():
            out += ["", f"[{table}.country.{code}.{name}]", *body]
    return out
