"""Target-country smart-city policy profiles: how much each target prioritises each field.

The study selects technologies for export "centering on ASEAN countries" (Kim 2021, §I) and
analyses overseas smart-city policies (§II); a technology's fit with a target's stated
policy is therefore one criterion. Each profile rates the 21 technology fields of
:data:`exportmcda.data.taxonomy.FIELDS` on the reference's scale (``country-policies.md`` §0,
compiled November 2026): 2 = headline priority (a named pillar / focus area), 1 = mentioned,
0 = not found in the sources checked (not "rejected"). ``basis`` keeps apart what a document
names directly (``sourced``) from our mapping of a broader pillar (``assumed-mapping``), and
every rating names its sources, so a user can see how much of a fit score is evidence.

Profiles are data (``data/countries/<CODE>.toml``, ``groups.toml``), validated on load; a
group (e.g. ASEAN) is resolved here into an aggregated profile of its members.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from exportmcda.data.taxonomy import FIELDS, Category, Dimension, lookup
from exportmcda.errors import ConfigError, Issue
from exportmcda.labels import bilingual, t
from exportmcda.resources import data_dir

__all__ = [
    "AGGREGATIONS",
    "BASES",
    "PRIORITIES",
    "CountryProfile",
    "EvidenceLevel",
    "FieldPriority",
    "Source",
    "SourceType",
    "default_directory",
    "get_country",
    "load_countries",
    "target_order",
]

PRIORITIES = (0, 1, 2)
"""The reference's scale (country-policies.md §0): not found / mentioned / headline priority."""
BASES = ("sourced", "assumed-mapping")
SOURCE_ROLES = ("cited", "checked")
"""``cited``: the evidence cites these sources; ``checked``: searched, nothing found (0 rows)."""
AGGREGATIONS = ("mean", "max")
GROUPS_FILE = "groups.toml"


class SourceType(Enum):
    """The md's source-type flags (§0), ordered by :attr:`strength`."""

    OFFICIAL = "official"
    COPY = "copy"
    ANALYSIS = "analysis"
    NEWS = "news"
    WEAK = "weak"

    @property
    def strength(self) -> int:
        """5 (official) ... 1 (weak).

        Our ordering, by closeness to the issuing authority as the md's §0 defines the flags:
        a COPY is an official text on a third-party host (verify before citing), ANALYSIS is
        think-tank/academic, NEWS a report of it, WEAK a low-grade host.
        """
        return len(SourceType) - list(SourceType).index(self)

    def label(self, lang: str = "en") -> str:
        """Display label in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, *_TYPE_LABELS[self])


_TYPE_LABELS = {
    SourceType.OFFICIAL: ("Official", "공식"),
    SourceType.COPY: ("Copy of an official document", "공식 문서 사본"),
    SourceType.ANALYSIS: ("Analysis", "분석·연구"),
    SourceType.NEWS: ("News", "언론 보도"),
    SourceType.WEAK: ("Weak host", "저신뢰 출처"),
}


class EvidenceLevel(Enum):
    """How strong the evidence behind a profile is, computed from its sources (issue 10).

    The rule, stated once (:meth:`from_sources`) and applied to the sources left *after*
    the evidence rule (``min_source``, ``sourced_only``; :meth:`CountryProfile.evidence_sources`):

    * ``strong``: at least one ``official`` source and at least two distinct sources;
    * ``moderate``: otherwise, at least one ``official``, ``copy`` or ``analysis`` source
      (an official text seen once, a copy of one, or a think-tank or academic study);
    * ``thin``: only ``news`` or ``weak`` sources;
    * ``none``: no source at all (e.g. the official-only rule where the profile has none).

    "Distinct" means distinct source ids: the reference lists each document once, but does
    not tell whether two documents copy each other (two copies of one guideline count as two).
    Our rule, not the reference's: the md's hand-written "Evidence strength by target" stays
    in :attr:`CountryProfile.evidence_strength` as the file's note.
    """

    STRONG = "strong"
    MODERATE = "moderate"
    THIN = "thin"
    NONE = "none"

    @classmethod
    def from_sources(cls, sources: Iterable[Source]) -> EvidenceLevel:
        """The level of a set of sources by the rule above."""
        distinct = {s.id: s.type for s in sources}
        types = set(distinct.values())
        if not distinct:
            return cls.NONE
        if SourceType.OFFICIAL in types and len(distinct) >= 2:
            return cls.STRONG
        if types & {SourceType.OFFICIAL, SourceType.COPY, SourceType.ANALYSIS}:
            return cls.MODERATE
        return cls.THIN

    def label(self, lang: str = "en") -> str:
        """Display label in ``lang`` ('en' or 'ko')."""
        return t(f"evidence_level.{self.value}", lang)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One document of a "Sources (as found)" table; ``year`` is kept as found (text)."""

    id: str
    title: str
    issuer: str
    year: str
    url: str
    type: SourceType


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldPriority:
    """A target's rating of one technology field, with its evidence.

    ``priority`` is 0, 1 or 2 for a country; for a group it is the aggregate (a mean may be
    fractional). ``unlisted_sources`` holds "title <url>" of documents not in any Sources table.
    """

    field: int
    priority: float
    basis: str
    evidence: str
    sources: tuple[Source, ...] = ()
    source_role: str = "cited"
    unlisted_sources: tuple[str, ...] = ()

    @property
    def sourced(self) -> bool:
        """Whether a document names the field directly (basis ``sourced``)."""
        return self.basis == "sourced"

    @property
    def category(self) -> Category:
        """The taxonomy field rated."""
        return FIELDS[self.field - 1]

    def sources_meeting(self, min_source: str | None = None) -> tuple[Source, ...]:
        """The sources of type ``min_source`` or stronger (all of them when ``None``)."""
        if not min_source:
            return self.sources
        floor = SourceType(str(min_source)).strength
        return tuple(s for s in self.sources if s.type.strength >= floor)

    def passes(self, min_source: str | None = None, sourced_only: bool = False) -> bool:
        """Whether this rating meets an evidence rule.

        ``min_source``: at least one of its sources is of that type or stronger (official >
        copy > analysis > news > weak); ``sourced_only``: it is not an assumed mapping.
        """
        if min_source and not self.sources_meeting(min_source):
            return False
        return self.sourced or not sourced_only


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryProfile:
    """A target country, regional network or group, with its 21 field ratings in order."""

    code: str
    name_en: str
    name_ko: str
    region: str
    region_ko: str = ""
    sources: tuple[Source, ...]
    fields: tuple[FieldPriority, ...]
    evidence_strength: str
    evidence_note: str = ""
    description: str = ""
    members: tuple[str, ...] = ()
    aggregation: str | None = None

    @property
    def is_group(self) -> bool:
        """Whether this profile aggregates member profiles."""
        return bool(self.members)

    def region_name(self, lang: str = "en") -> str:
        """The region's name in ``lang`` (English where no Korean one is given)."""
        return self.region_ko if lang == "ko" and self.region_ko else self.region

    def name(self, lang: str = "en") -> str:
        """Return the name in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.name_en, self.name_ko)

    def field(self, field: int | str) -> FieldPriority:
        """Return the rating of a field given by number or a name :func:`taxonomy.lookup` knows."""
        category = lookup(Dimension.FIELD, field)
        if category is None:
            raise ConfigError.single(
                "unknown_field", f"unknown technology field {field!r}", field="field",
                value=field,
            )
        return self.fields[category.number - 1]

    def priority(self, field: int | str) -> float:
        """Return the priority (0-2) of a field."""
        return float(self.field(field).priority)

    def fit_vector(self) -> NDArray[np.float64]:
        """Policy fit per field in [0, 1] (priority / 2), field order, read-only."""
        vector = np.array([f.priority for f in self.fields], dtype=np.float64) / max(PRIORITIES)
        vector.setflags(write=False)
        return vector

    def sources_used(self) -> tuple[Source, ...]:
        """Return the sources behind non-zero priorities, in the order of :attr:`sources`."""
        return self.evidence_sources()

    def evidence_sources(
        self, min_source: str | None = None, sourced_only: bool = False
    ) -> tuple[Source, ...]:
        """The sources left behind non-zero priorities after an evidence rule.

        Only ratings with priority > 0 that meet the rule (:meth:`FieldPriority.passes`),
        and of those only the sources of type ``min_source`` or stronger; in the order of
        :attr:`sources`.
        """
        used = {
            s.id for f in self.fields if f.priority > 0 and f.passes(min_source, sourced_only)
            for s in f.sources_meeting(min_source)
        }
        return tuple(s for s in self.sources if s.id in used)

    def evidence_level(
        self, min_source: str | None = None, sourced_only: bool = False
    ) -> EvidenceLevel:
        """The evidence label computed from the sources left after the evidence rule."""
        return EvidenceLevel.from_sources(self.evidence_sources(min_source, sourced_only))

    def evidence_summary(self) -> dict[str, Any]:
        """Count the evidence behind the profile.

        ``sourced``/``assumed_mapping`` count the fields with a non-zero priority (0 rows are
        all ``assumed-mapping`` by the md's convention, so counting them would mislead);
        ``source_types`` counts :meth:`sources_used` per :class:`SourceType` value;
        ``strength`` is the computed :class:`EvidenceLevel` value and ``strength_note`` the
        file's hand-written ``evidence_strength``.
        """
        mentioned = [f for f in self.fields if f.priority > 0]
        sourced = sum(f.sourced for f in mentioned)
        used = self.sources_used()
        return {
            "code": self.code,
            "strength": self.evidence_level().value,
            "strength_note": self.evidence_strength,
            "fields": len(self.fields),
            "mentioned": len(mentioned),
            "not_found": len(self.fields) - len(mentioned),
            "sourced": sourced,
            "assumed_mapping": len(mentioned) - sourced,
            "source_types": {t.value: sum(s.type is t for s in used) for t in SourceType},
        }


def default_directory() -> Path:
    """Return the shipped profiles' folder, ``data/countries`` (see :func:`resources.data_dir`)."""
    return data_dir() / "countries"


def load_countries(
    directory: Path | None = None, *, aggregation: str | None = None
) -> dict[str, CountryProfile]:
    """Load, validate and return every profile by code, groups resolved.

    A group's priority per field is the ``mean`` (default, as set in ``groups.toml``) or
    ``max`` of its members' priorities; ``aggregation`` overrides the files' rule for every
    group. The members that *contribute* are those with priority > 0 (mean) or those at the
    maximum (max); the group's basis is ``sourced`` only if all contributing members are
    sourced, and its field sources are the union of theirs (of all members' checked sources
    when none contributes). The group's ``sources`` are the union of its members' sources.
    All problems in all files are collected, then raised as one :class:`ConfigError`.
    """
    folder = default_directory() if directory is None else Path(directory)
    issues: list[Issue] = []
    files = sorted(p for p in folder.glob("*.toml") if p.name != GROUPS_FILE)
    if not files:
        raise ConfigError.single(
            "country.no_files", "no country profiles (*.toml) found", path=str(folder)
        )
    profiles: dict[str, CountryProfile] = {}
    for path in files:
        profile = _read_country(_Checker(path, issues))
        if profile is not None:
            profiles[profile.code] = profile
    if (folder / GROUPS_FILE).is_file():
        broken = {p.stem for p in files} - set(profiles)  # already reported; not "unknown"
        chk = _Checker(folder / GROUPS_FILE, issues)
        profiles.update(_read_groups(chk, profiles, broken, aggregation))
    if issues:
        raise ConfigError(issues)
    return profiles


def get_country(
    code: str, directory: Path | None = None, *, aggregation: str | None = None
) -> CountryProfile:
    """One profile by code (case-insensitive); an unknown code names the known ones."""
    profiles = load_countries(directory, aggregation=aggregation)
    key = code.strip().upper()
    if key not in profiles:
        known = ", ".join(sorted(profiles))
        raise ConfigError.single(
            "country.unknown_code",
            f"unknown country or group code '{code}'; known codes: {known}",
            field="code",
            value=code,
        )
    return profiles[key]


Table = dict[str, Any]


class _Checker:
    """Reads typed values from one file's TOML, recording an issue for each problem.

    ``at`` is the entry being read (``fields[4].``) and ``label`` the field it rates; both
    prefix what is reported, so a message names file, entry, key and value.
    """

    def __init__(self, path: Path, issues: list[Issue]) -> None:
        self.path, self.issues, self.start = path, issues, len(issues)
        self.doc: Table = {}
        self.at = self.label = ""
        try:
            self.doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.add("country.toml_syntax", f"not valid TOML: {exc}", None)

    @property
    def ok(self) -> bool:
        return len(self.issues) == self.start

    def add(self, code: str, message: str, key: str | None, value: object = None) -> None:
        message = self.label + message + ("" if value is None else f", got {value!r}")
        where = None if key is None else self.at + key
        shown = None if value is None else str(value)
        self.issues.append(
            Issue(code=code, message=message, path=str(self.path), field=where, value=shown)
        )

    def get(self, table: Table, key: str, kind: type, default: Any = None) -> Any:
        value = table.get(key, default)
        if value is None:
            self.add("country.missing_key", f"'{key}' is missing", key)
        elif not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
            self.add("country.wrong_type", f"expected {kind.__name__}", key, value)
            return None
        return value

    def choice(self, table: Table, key: str, allowed: tuple[Any, ...], default: Any = None) -> Any:
        value = self.get(table, key, type(allowed[0]), default)
        if value is not None and value not in allowed:
            expected = ", ".join(map(str, allowed))
            code = "country.source_type" if key == "type" else f"country.{key}"
            self.add(code, f"{key} must be one of {expected}", key, value)
        return value

    def tables(self, key: str) -> list[Table]:
        value = self.doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add("country.wrong_type", f"'{key}' must be an array of tables", key)
            return []
        return value


def _read_country(chk: _Checker) -> CountryProfile | None:
    if not chk.ok:  # not TOML: nothing more to check
        return None
    text = {k: chk.get(chk.doc, k, str) for k in ("code", "name_en", "name_ko", "region")}
    text |= {k: chk.get(chk.doc, k, str, "") for k in ("region_ko", "evidence_note")}
    text["evidence_strength"] = chk.get(chk.doc, "evidence_strength", str)
    if text["code"] not in (None, chk.path.stem):
        chk.add("country.code_mismatch", "code differs from the file name", "code", text["code"])
    sources = _read_sources(chk)
    fields = _read_fields(chk, sources)
    if not chk.ok:
        return None
    return CountryProfile(**text, sources=tuple(sources.values()), fields=fields)


def _read_sources(chk: _Checker) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    types = tuple(t.value for t in SourceType)
    for i, entry in enumerate(chk.tables("sources"), start=1):
        chk.at = f"sources[{i}]."
        values = {k: chk.get(entry, k, str) for k in ("id", "title", "issuer", "url")}
        year, kind = entry.get("year"), chk.choice(entry, "type", types)
        if values["id"] in sources:
            chk.add("country.duplicate_source", "source id listed twice", "id", values["id"])
        elif not isinstance(year, str | int):
            chk.add("country.wrong_type", "year must be text or a number", "year", year)
        elif None not in values.values() and kind in types:
            sources[values["id"]] = Source(**values, year=str(year), type=SourceType(kind))
    chk.at = ""
    return sources


def _read_fields(chk: _Checker, sources: dict[str, Source]) -> tuple[FieldPriority, ...]:
    entries = chk.tables("fields")
    if len(entries) != len(FIELDS):
        chk.add("country.field_count", f"expected {len(FIELDS)} [[fields]]", "fields", len(entries))
    out: dict[int, FieldPriority] = {}
    for i, entry in enumerate(entries, start=1):
        chk.at, chk.label = f"fields[{i}].", ""
        number = chk.get(entry, "field", int)
        if number is None or not 1 <= number <= len(FIELDS) or number in out:
            chk.add(
                "country.field_number", f"expected a new number 1-{len(FIELDS)}", "field", number
            )
            continue
        chk.label = f"technology field {number} ({FIELDS[number - 1].en}): "
        name = entry.get("name")
        if name is not None and lookup(Dimension.FIELD, str(name)) is not FIELDS[number - 1]:
            chk.add("country.field_name", "the name names another field", "name", name)
        rating = {
            "priority": chk.choice(entry, "priority", PRIORITIES),
            "basis": chk.choice(entry, "basis", BASES),
            "source_role": chk.choice(entry, "source_role", SOURCE_ROLES, "cited"),
            "evidence": chk.get(entry, "evidence", str),
        }
        ids = chk.get(entry, "source_ids", list, []) or []
        for source_id in (s for s in ids if s not in sources):
            chk.add("country.source_id", "source id not in [[sources]]", "source_ids", source_id)
        unlisted = tuple(str(u) for u in chk.get(entry, "unlisted_sources", list, []) or [])
        if chk.ok:
            found = tuple(sources[s] for s in ids)
            out[number] = FieldPriority(
                field=number, **rating, sources=found, unlisted_sources=unlisted
            )
    chk.at = chk.label = ""
    return tuple(out[n] for n in sorted(out))


def _read_groups(
    chk: _Checker, countries: dict[str, CountryProfile], broken: set[str], aggregation: str | None
) -> dict[str, CountryProfile]:
    groups = chk.doc.get("groups", {})
    out: dict[str, CountryProfile] = {}
    for code, entry in groups.items() if isinstance(groups, dict) else ():
        chk.at = "groups."
        if code in countries:
            chk.add("country.group_code", "a group code must not be a country code", code, code)
        if not isinstance(entry, dict):
            chk.add("country.wrong_type", "a group must be a table [groups.CODE]", code)
            continue
        chk.at = f"groups.{code}."
        members = [str(m) for m in chk.get(entry, "members", list) or []]
        rules = {"aggregation": aggregation} if aggregation else entry
        rule = chk.choice(rules, "aggregation", AGGREGATIONS, "mean")
        known = ", ".join(sorted(countries))
        unknown = [m for m in members if m not in countries and m not in broken]
        for member in unknown or ([] if members else [""]):
            chk.add("country.group_member", f"unknown (known: {known})", "members", member)
        if chk.ok and not broken.intersection(members):
            out[code] = _aggregate(code, entry, [countries[m] for m in members], rule)
    return out


def _union(sources: Iterable[Source]) -> tuple[Source, ...]:
    return tuple({s.id: s for s in reversed(list(sources))}.values())[::-1]


def _aggregate_field(number: int, members: list[CountryProfile], rule: str) -> FieldPriority:
    rows = [m.fields[number - 1] for m in members]
    values = [f.priority for f in rows]
    value = sum(values) / len(values) if rule == "mean" else max(values)
    used = [f for f in rows if f.priority > 0 and (rule == "mean" or f.priority == value)]
    sourced = bool(used) and all(f.sourced for f in used)
    shown = (
        f"{m.code} {f.priority:g} ({f.basis if f.priority else 'not found'})"
        for m, f in zip(members, rows, strict=True)
    )
    return FieldPriority(
        field=number,
        priority=value,
        basis=BASES[0] if sourced else BASES[1],
        evidence=f"{rule} of the members: {', '.join(shown)}",
        sources=_union(s for f in used or rows for s in f.sources),
        source_role="cited" if used else "checked",
    )


def _aggregate(code: str, entry: Table, members: list[CountryProfile], rule: str) -> CountryProfile:
    text = {k: str(entry.get(k, "")) for k in ("region", "region_ko", "description")}
    return CountryProfile(
        code=code,
        name_en=str(entry.get("name_en", code)),
        name_ko=str(entry.get("name_ko", code)),
        **text,
        sources=_union(s for m in members for s in m.sources),
        fields=tuple(_aggregate_field(n, members, rule) for n in range(1, len(FIELDS) + 1)),
        evidence_strength="; ".join(f"{m.code}: {m.evidence_strength}" for m in members),
        members=tuple(m.code for m in members),
        aggregation=rule,
    )


def target_order(profiles: Mapping[str, CountryProfile], lang: str = "en") -> list[str]:
    """The targets in the order a reader scans a list of them: groups, then by region.

    Groups (several countries ranked together) come first, as the broadest choice; then the
    single targets grouped by region, regions and names each in the reader's alphabetical
    order (Hangul syllables are encoded in 가나다 order, Unicode 15 ch. 18.6, so a code-point
    sort is the Korean dictionary order for these names). Issue 11, item 7: a Korean
    analyst looked for 베트남 among names in English order.
    """
    groups = sorted((c for c, p in profiles.items() if p.is_group),
                    key=lambda c: profiles[c].name(lang))
    singles = sorted(
        (c for c, p in profiles.items() if not p.is_group),
        key=lambda c: (profiles[c].region_name(lang), profiles[c].name(lang)),
    )
    return groups + singles
