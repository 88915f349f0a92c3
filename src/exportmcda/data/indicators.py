"""Target-country market indicators, each value with its source.

The study's question is two-sided (Kim 2021, §I: which technologies to export to which
countries); the market side needs facts about each target. These come from the reference
data set ``country-indicators.csv``/``.md`` (compiled December 2026 from stored copies of the
issuers' files): the UN E-Government Development Index and its sub-indices, population, urban
share and urban population (and its growth), GDP per capita PPP and ASEAN Smart Cities
Network cities. Every value keeps its issuer, title, year, where the copy was found, source
type, whether we computed it, and the reference's note, as the policy profiles of
:mod:`exportmcda.data.countries` keep their source ids.

The values are data (``data/countries/indicators/<CODE>.toml``, written by
``scripts/build_indicators.py``); the indicators themselves (names, unit, direction hint,
definition, editions, missing-value policy) are :data:`INDICATORS`, defined once in
:mod:`exportmcda.data.indicator_catalogue`. Groups
(``groups.toml``: members, and the ``[indicator_aggregation]`` rule per indicator) are resolved
here into aggregated values that name the members they come from.

Missing values: an indicator edition a file does not carry is kept as an
:class:`IndicatorValue` with ``value = None`` and a note (policy ``"report"``, the only one):
never 0, never imputed here, because whether and how to fill a gap is a modelling choice that
belongs to the measure using the value (as :mod:`exportmcda.model.measures` states its own).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from exportmcda.data.countries import GROUPS_FILE, _Checker
from exportmcda.data.countries import default_directory as _countries_directory
from exportmcda.data.indicator_catalogue import BY_ID, INDICATORS, Indicator, indicator
from exportmcda.errors import ConfigError, Issue, Note

__all__ = [
    "AGGREGATION_RULES",
    "INDICATORS",
    "SOURCE_TYPES",
    "CountryIndicators",
    "GroupRule",
    "Indicator",
    "IndicatorSource",
    "IndicatorValue",
    "default_directory",
    "get_indicators",
    "indicator",
    "load_indicators",
]

SOURCE_TYPES = ("official-data-copy", "news")
"""The reference's source types (md "Columns"): an issuer's data file as copied into a public
repository (refresh from the issuer before citing), or a news report of an announcement."""
AGGREGATION_RULES = ("sum", "weighted-mean", "none")
"""Group rules (``groups.toml`` ``[indicator_aggregation]``); see :func:`load_indicators`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorSource:
    """Where a value comes from: the reference's source_title, issuer, found_at, source_type."""

    id: str
    title: str
    issuer: str
    found_at: str
    type: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorValue:
    """One indicator edition of a country or group, with its source.

    ``value`` is ``None`` when missing (see ``notes``). ``note`` is the reference's own note
    (how it computed a value, or the member cities). A group's value is ``computed`` from the
    members in ``computed_from`` by ``rule`` (``groups.toml``); its ``sources`` are theirs.
    """

    indicator: str
    value: float | None
    unit: str
    year: str
    sources: tuple[IndicatorSource, ...] = ()
    computed: bool = False
    note: str = ""
    rule: str | None = None
    computed_from: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def source(self) -> IndicatorSource | None:
        """The (first) source; ``None`` for a missing value."""
        return self.sources[0] if self.sources else None

    @property
    def missing(self) -> bool:
        """Whether there is no value."""
        return self.value is None


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryIndicators:
    """A country's or group's indicators: every edition of :data:`INDICATORS`, in order."""

    code: str
    values: tuple[IndicatorValue, ...]
    members: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        """Whether the values aggregate member countries."""
        return bool(self.members)

    def get(self, indicator_id: str, year: str | None = None) -> IndicatorValue:
        """One indicator's value; without ``year`` the newest edition of the catalogue."""
        year = indicator(indicator_id).editions[0] if year is None else year
        for value in self.values:
            if value.indicator == indicator_id and value.year == year:
                return value
        raise ConfigError.single(
            "indicator.year",
            f"{indicator_id} has no edition {year!r}; editions: "
            f"{', '.join(indicator(indicator_id).editions)}",
            field="year", value=year,
        )

    def value(self, indicator_id: str, year: str | None = None) -> float | None:
        """The number of :meth:`get` (``None`` when missing)."""
        return self.get(indicator_id, year).value

    def missing(self) -> tuple[IndicatorValue, ...]:
        """The editions without a value."""
        return tuple(v for v in self.values if v.value is None)

    @property
    def notes(self) -> tuple[Note, ...]:
        """Every value's notes, in order."""
        return tuple(n for v in self.values for n in v.notes)


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupRule:
    """How a group combines its members' values of one indicator (``groups.toml``)."""

    rule: str
    weight: str | None = None


def default_directory() -> Path:
    """Return the shipped indicators' folder, ``data/countries/indicators``."""
    return _countries_directory() / "indicators"


def load_indicators(
    directory: Path | None = None, *, groups: Path | None = None
) -> dict[str, CountryIndicators]:
    """Load, validate and return every country's indicators by code, groups resolved.

    ``groups`` is the group file (members and ``[indicator_aggregation]``); by default
    ``groups.toml`` next to ``directory`` (``data/countries/groups.toml``), skipped if absent.
    A group's value per indicator edition follows the rule stated there: ``sum`` needs every
    member's value (else the group has none, and an ``indicator_group_missing`` note names
    the members lacking it: a partial sum would understate a size); ``weighted-mean`` (by the
    newest edition of the ``weight`` indicator) leaves out members lacking the value or the
    weight and names them with the weight share covered (``indicator_group_partial``);
    ``none`` leaves it empty (``indicator_group_not_aggregated``). Each group value is
    ``computed``, lists ``computed_from`` and carries its members' sources.

    All problems in all files are collected, then raised as one :class:`ConfigError` naming
    the file, the entry (``values[3].unit``) and the value.
    """
    folder = default_directory() if directory is None else Path(directory)
    issues: list[Issue] = []
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ConfigError.single(
            "indicator.no_files", "no indicator files (*.toml) found", path=str(folder)
        )
    out: dict[str, CountryIndicators] = {}
    for path in files:
        country = _read_country(_Checker(path, issues))
        if country is not None:
            out[country.code] = country
    group_file = folder.parent / GROUPS_FILE if groups is None else Path(groups)
    if group_file.is_file():
        broken = {p.stem for p in files} - set(out)
        out.update(_read_groups(_Checker(group_file, issues), out, broken))
    if issues:
        raise ConfigError(issues)
    return out


def get_indicators(code: str, directory: Path | None = None) -> CountryIndicators:
    """One country's or group's indicators by code (case-insensitive)."""
    loaded = load_indicators(directory)
    key = code.strip().upper()
    if key not in loaded:
        raise ConfigError.single(
            "country.unknown_code",
            f"unknown country or group code '{code}'; known codes: {', '.join(sorted(loaded))}",
            field="code", value=code,
        )
    return loaded[key]


Table = dict[str, Any]


def _missing_note(code: str, ind: Indicator, year: str) -> Note:
    return Note.of("indicator_missing", country=code, indicator=ind.id, year=year,
                   missing_policy=ind.missing)


def _read_country(chk: _Checker) -> CountryIndicators | None:
    if not chk.ok:
        return None
    code = chk.get(chk.doc, "code", str)
    if code not in (None, chk.path.stem):
        chk.add("indicator.code_mismatch", "code differs from the file name", "code", code)
    sources = _read_sources(chk)
    found: dict[tuple[str, str], IndicatorValue] = {}
    for i, entry in enumerate(chk.tables("values"), start=1):
        chk.at = f"values[{i}]."
        value = _read_value(chk, entry, sources)
        if value is not None and (value.indicator, value.year) in found:
            chk.add("indicator.duplicate", "indicator and year given twice", "year", value.year)
        elif value is not None:
            found[value.indicator, value.year] = value
    chk.at = ""
    if not chk.ok or code is None:
        return None
    values = tuple(
        found.get((ind.id, year))
        or IndicatorValue(indicator=ind.id, value=None, unit=ind.unit, year=year,
                          computed=ind.computed, notes=(_missing_note(code, ind, year),))
        for ind in INDICATORS
        for year in ind.editions
    )
    return CountryIndicators(code=code, values=values)


def _read_sources(chk: _Checker) -> dict[str, IndicatorSource]:
    sources: dict[str, IndicatorSource] = {}
    for i, entry in enumerate(chk.tables("sources"), start=1):
        chk.at = f"sources[{i}]."
        text = {k: chk.get(entry, k, str) for k in ("id", "title", "issuer", "found_at", "type")}
        if text["type"] is not None and text["type"] not in SOURCE_TYPES:
            chk.add("indicator.source_type", f"type must be one of {', '.join(SOURCE_TYPES)}",
                    "type", text["type"])
        elif text["id"] in sources:
            chk.add("indicator.duplicate_source", "source id listed twice", "id", text["id"])
        elif None not in text.values():
            sources[text["id"]] = IndicatorSource(**text)
    chk.at = ""
    return sources


def _read_value(
    chk: _Checker, entry: Table, sources: dict[str, IndicatorSource]
) -> IndicatorValue | None:
    start = len(chk.issues)
    name = chk.get(entry, "indicator", str)
    ind = BY_ID.get(name) if name is not None else None
    if name is not None and ind is None:
        chk.add("indicator.unknown_indicator", f"unknown indicator (known: "
                f"{', '.join(BY_ID)})", "indicator", name)
    year, unit = chk.get(entry, "year", str), chk.get(entry, "unit", str)
    number = entry.get("value")
    if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(
        number
    ):
        chk.add("indicator.value", "value must be a finite number (a missing value is left "
                "out of the file, never 0)", "value", number)
    source_id = chk.get(entry, "source_id", str)
    if source_id is not None and source_id not in sources:
        chk.add("indicator.source_id", "source id not in [[sources]]", "source_id", source_id)
    computed = chk.get(entry, "computed", bool)
    note = chk.get(entry, "note", str, "")
    if ind is not None:
        chk.label = f"{ind.id}: "
        if year is not None and year not in ind.editions:
            chk.add("indicator.year", f"year must be one of {', '.join(ind.editions)}",
                    "year", year)
        if unit is not None and unit != ind.unit:
            chk.add("indicator.unit", f"unit must be {ind.unit!r}", "unit", unit)
        if computed is not None and computed is not ind.computed:
            chk.add("indicator.computed", f"computed must be {str(ind.computed).lower()}",
                    "computed", computed)
        chk.label = ""
    if len(chk.issues) > start or ind is None or not isinstance(number, int | float):
        return None
    return IndicatorValue(
        indicator=ind.id, value=float(number), unit=unit, year=year,
        sources=(sources[source_id],), computed=computed, note=note,
    )


def _read_groups(
    chk: _Checker, countries: dict[str, CountryIndicators], broken: set[str]
) -> dict[str, CountryIndicators]:
    if not chk.ok:
        return {}
    rules = _read_rules(chk)
    groups = chk.doc.get("groups", {})
    out: dict[str, CountryIndicators] = {}
    for code, entry in groups.items() if isinstance(groups, dict) else ():
        chk.at = f"groups.{code}."
        members = [str(m) for m in (entry.get("members") if isinstance(entry, dict) else [])
                   or []]
        for member in members:
            if member not in countries and member not in broken:
                chk.add("indicator.group_member", "member without an indicator file "
                        f"(files: {', '.join(sorted(countries))})", "members", member)
        if members and chk.ok and rules is not None and not broken.intersection(members):
            out[code] = _aggregate(code, [countries[m] for m in members], rules)
    chk.at = ""
    return out


def _read_rules(chk: _Checker) -> dict[str, GroupRule] | None:
    table = chk.doc.get("indicator_aggregation")
    if not isinstance(table, dict):
        chk.add("indicator.aggregation", "[indicator_aggregation] is missing: a group needs "
                "a stated rule per indicator", "indicator_aggregation")
        return None
    rules: dict[str, GroupRule] = {}
    chk.at = "indicator_aggregation."
    for key in table.keys() - BY_ID.keys():
        chk.add("indicator.unknown_indicator", "unknown indicator", key, key)
    for ind in INDICATORS:
        entry = table.get(ind.id)
        if not isinstance(entry, dict):
            chk.add("indicator.aggregation", "no rule stated", ind.id)
            continue
        rule, weight = entry.get("rule"), entry.get("weight")
        if rule not in AGGREGATION_RULES:
            chk.add("indicator.aggregation", f"rule must be one of "
                    f"{', '.join(AGGREGATION_RULES)}", f"{ind.id}.rule", rule)
        elif (rule == "weighted-mean") is not (weight in BY_ID):
            chk.add("indicator.weight", "a weighted mean, and only it, names a weight "
                    "indicator", f"{ind.id}.weight", weight)
        else:
            rules[ind.id] = GroupRule(rule=rule, weight=weight)
    chk.at = ""
    return rules if len(rules) == len(INDICATORS) else None


def _aggregate(
    code: str, members: list[CountryIndicators], rules: dict[str, GroupRule]
) -> CountryIndicators:
    values = tuple(
        _aggregate_value(code, members, ind, year, rules[ind.id])
        for ind in INDICATORS
        for year in ind.editions
    )
    return CountryIndicators(code=code, values=values, members=tuple(m.code for m in members))


def _aggregate_value(
    code: str, members: list[CountryIndicators], ind: Indicator, year: str, rule: GroupRule
) -> IndicatorValue:
    rows = [m.get(ind.id, year) for m in members]
    empty = IndicatorValue(indicator=ind.id, value=None, unit=ind.unit, year=year,
                           computed=True, rule=rule.rule)
    if rule.rule == "none":
        note = Note.of("indicator_group_not_aggregated", country=code, indicator=ind.id,
                       year=year)
        return replace(empty, notes=(note,))
    weights = [m.value(rule.weight) for m in members] if rule.weight else [1.0] * len(rows)
    used = [(m.code, r, w) for m, r, w in zip(members, rows, weights, strict=True)
            if r.value is not None and w is not None]
    lacking = ", ".join(m.code for m, r, w in zip(members, rows, weights, strict=True)
                        if r.value is None or w is None)
    if not used or (rule.rule == "sum" and lacking):
        note = Note.of("indicator_group_missing", country=code, indicator=ind.id, year=year,
                       aggregation=rule.rule, lacking=lacking)
        return replace(empty, notes=(note,))
    total_weight = sum(w for _, _, w in used if w is not None)
    if rule.rule == "sum":
        number = math.fsum(r.value for _, r, _ in used if r.value is not None)
    else:
        number = math.fsum(r.value * w for _, r, w in used
                           if r.value is not None and w is not None) / total_weight
    code_of_rule = "indicator_group_sum" if rule.rule == "sum" else "indicator_group_mean"
    weight_year = BY_ID[rule.weight].editions[0] if rule.weight else None
    notes = [Note.of(code_of_rule, country=code, indicator=ind.id, year=year,
                     weight=rule.weight, weight_year=weight_year,
                     members=", ".join(c for c, _, _ in used))]
    if lacking:
        covered = total_weight / math.fsum(w for w in weights if w is not None)
        notes.append(Note.of("indicator_group_partial", country=code, indicator=ind.id,
                             year=year, lacking=lacking, covered=covered))
    sources = tuple({s.id: s for _, r, _ in used for s in r.sources}.values())
    return IndicatorValue(
        indicator=ind.id, value=number, unit=ind.unit, year=year, sources=sources,
        computed=True, rule=rule.rule, computed_from=tuple(c for c, _, _ in used),
        notes=tuple(notes),
    )

