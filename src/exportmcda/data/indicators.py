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
definition, editions, missing-value policy) are :data:`INDICATORS`, defined here once. Groups
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
from exportmcda.errors import ConfigError, Issue, Note
from exportmcda.labels import bilingual

__all__ = [
    "AGGREGATION_RULES",
    "INDICATORS",
    "MISSING_POLICIES",
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
MISSING_POLICIES = ("report",)
"""``report``: the value stays ``None`` with an ``indicator_missing`` note (never 0)."""
AGGREGATION_RULES = ("sum", "weighted-mean", "none")
DIRECTIONS = ("benefit", "cost")


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """One indicator of the catalogue.

    ``editions`` are the years a country file is expected to carry, newest first (the first
    is what :meth:`CountryIndicators.get` returns without a year). ``direction`` is a hint
    for a market criterion (``benefit``: more is more attractive; ``cost``: less is), not a
    judgment: which indicators count, and how much, belongs to the scenario.
    """

    id: str
    name_en: str
    name_ko: str
    unit: str
    direction: str
    definition_en: str
    definition_ko: str
    editions: tuple[str, ...]
    computed: bool = False
    missing: str = "report"

    def name(self, lang: str = "en") -> str:
        """Return the name in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.name_en, self.name_ko)

    def definition(self, lang: str = "en") -> str:
        """Return the definition in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.definition_en, self.definition_ko)


_EGOV = ("2024",)
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="egdi", name_en="E-Government Development Index", name_ko="전자정부발전지수",
        unit="index 0-1", direction="benefit", editions=("2024", "2022"),
        definition_en="UN DESA's readiness to deliver digital public services: the mean of "
        "the online service, human capital and telecommunication infrastructure indices.",
        definition_ko="유엔 경제사회국(UN DESA)의 디지털 공공서비스 제공 준비도: 온라인 서비스·"
        "인적 자본·통신 인프라 지수의 평균.",
    ),
    Indicator(
        id="egdi_rank", name_en="EGDI rank", name_ko="전자정부발전지수 순위",
        unit="rank of 193", direction="cost", editions=("2024", "2022"),
        definition_en="Rank of the country's EGDI among the 193 UN member states (1 = best).",
        definition_ko="유엔 회원국 193개국 중 전자정부발전지수 순위(1위가 가장 높음).",
    ),
    Indicator(
        id="online_service_index", name_en="Online Service Index", name_ko="온라인 서비스 지수",
        unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="OSI: scope and quality of online public services.",
        definition_ko="OSI: 온라인 공공서비스의 범위와 품질.",
    ),
    Indicator(
        id="human_capital_index", name_en="Human Capital Index", name_ko="인적 자본 지수",
        unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="HCI: literacy, enrolment and years of schooling.",
        definition_ko="HCI: 문해율, 취학률, 교육 연수.",
    ),
    Indicator(
        id="telecom_infrastructure_index", name_en="Telecommunication Infrastructure Index",
        name_ko="통신 인프라 지수", unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="TII: internet users, mobile and broadband subscriptions.",
        definition_ko="TII: 인터넷 이용자, 이동통신·초고속인터넷 가입.",
    ),
    Indicator(
        id="e_participation_index", name_en="E-Participation Index", name_ko="전자참여 지수",
        unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="EPI: online information, consultation and decision-making with "
        "citizens.",
        definition_ko="EPI: 온라인 정보 제공, 시민 협의, 정책 결정 참여.",
    ),
    Indicator(
        id="population", name_en="Population", name_ko="인구", unit="people",
        direction="benefit", editions=("2020",),
        definition_en="Total population (World Bank SP.POP.TOTL).",
        definition_ko="총인구(세계은행 SP.POP.TOTL).",
    ),
    Indicator(
        id="urban_share", name_en="Urban share", name_ko="도시화율", unit="% of population",
        direction="benefit", editions=("2020",),
        definition_en="Urban population as a percentage of the total (World Bank "
        "SP.URB.TOTL.IN.ZS).",
        definition_ko="총인구 대비 도시 인구 비율(세계은행 SP.URB.TOTL.IN.ZS).",
    ),
    Indicator(
        id="urban_population", name_en="Urban population", name_ko="도시 인구", unit="people",
        direction="benefit", editions=("2020",), computed=True,
        definition_en="Population x urban share, computed in the reference: the size of the "
        "urban market.",
        definition_ko="인구 × 도시화율(참고 자료에서 계산): 도시 시장의 규모.",
    ),
    Indicator(
        id="urban_population_growth", name_en="Urban population growth",
        name_ko="도시 인구 증가율", unit="% per year", direction="benefit",
        editions=("2000-2020",), computed=True,
        definition_en="Compound annual growth of the urban population 2000-2020, computed in "
        "the reference: the growth of the urban market.",
        definition_ko="2000~2020년 도시 인구의 연평균 복합 증가율(참고 자료에서 계산): 도시 "
        "시장의 성장.",
    ),
    Indicator(
        id="gdp_per_capita_ppp", name_en="GDP per capita, PPP", name_ko="1인당 GDP(PPP)",
        unit="international $ (2021 prices)", direction="benefit", editions=("2023",),
        definition_en="GDP per capita at purchasing-power parity (World Bank via Our World "
        "in Data): the ability to pay.",
        definition_ko="구매력평가 기준 1인당 국내총생산(세계은행, Our World in Data 경유): "
        "지불 능력.",
    ),
    Indicator(
        id="ascn_cities", name_en="ASEAN Smart Cities Network cities",
        name_ko="아세안 스마트시티 네트워크 도시 수", unit="cities", direction="benefit",
        editions=("2024",),
        definition_en="Member cities of the ASEAN Smart Cities Network (26 pilot cities in "
        "2018, 5 added in 2024). The network is ASEAN's own: a non-ASEAN country has no "
        "value, which is not zero interest.",
        definition_ko="아세안 스마트시티 네트워크 회원 도시 수(2018년 시범 26개, 2024년 5개 "
        "추가). 아세안 자체의 네트워크이므로 비아세안 국가는 값이 없으며, 이는 관심이 없다는 "
        "뜻이 아닙니다.",
    ),
)
_BY_ID = {i.id: i for i in INDICATORS}


def indicator(indicator_id: str) -> Indicator:
    """The catalogue entry of an indicator id; an unknown id names the known ones."""
    if indicator_id not in _BY_ID:
        raise ConfigError.single(
            "indicator.unknown_indicator",
            f"unknown indicator {indicator_id!r}; known: {', '.join(_BY_ID)}",
            field="indicator", value=indicator_id,
        )
    return _BY_ID[indicator_id]


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
    ind = _BY_ID.get(name) if name is not None else None
    if name is not None and ind is None:
        chk.add("indicator.unknown_indicator", f"unknown indicator (known: "
                f"{', '.join(_BY_ID)})", "indicator", name)
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
    for key in table.keys() - _BY_ID.keys():
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
        elif (rule == "weighted-mean") is not (weight in _BY_ID):
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
    weight_year = _BY_ID[rule.weight].editions[0] if rule.weight else None
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

