"""The audit record of an export: everything needed to re-run a shortlist months later.

An auditor who receives a shortlist workbook asks "can you reproduce this?" (USERS.md,
journey 4). A ranking is reproducible when its inputs are pinned by content and its
settings are written down (the practice of recording input checksums and software versions
with a result: Sandve, Nekrutenko, Taylor & Hovig (2013), "Ten simple rules for
reproducible computational research", PLoS Comput. Biol. 9(10): e1003285, rules 1, 3, 4
and 6). :class:`Record` therefore holds: the SHA-256 (FIPS 180-4) of the database, of the
criteria file and of every country-profile file the target used; the effective scenario
as TOML text (slider changes included); the method, normalisation, filters and top N; the
software versions; and the shortlist as published. Since format 3 it also pins the market
side the workbook shows (:class:`MarketRecord`): the SHA-256 of every indicator file
(``data/countries/indicators/*.toml`` and ``groups.toml``) and of the market hierarchy and
market scenario files, the market weights and normalisation used, and each shortlisted
technology's country ranking (when the export had the database), so that ``verify`` can name
a changed indicator file and the market results it moves. Format 4 (the decision register,
issue 12 part 3) states the method settings explicitly (:class:`MethodSettings`: ranking
method, normalisation, AHP priority method, random-index table, consistency rule, completion
of missing judgments, and the seed and number of samples of any robustness figure made from
the record) and, when shortlist rules were applied, the merged rules as data (rules given by
command-line flags live in no file) with the rule-bound shortlist as
:meth:`exportmcda.model.shortlist.Shortlist.as_dict` gives it. It is serialised as JSON (RFC 8259)
with a SHA-256 ``digest`` of its canonical form, so an edited record is refused rather
than silently "verified". The digest has no key: it catches accidental and casual edits,
not a forger who recomputes it (that needs a signature, outside this tool's scope).

In a workbook the JSON sits on the sheet :data:`RECORD_SHEET`, split into cells of at most
:data:`CELL_LIMIT` characters (Excel keeps at most 32,767 characters per cell: Microsoft,
"Excel specifications and limits"). :mod:`exportmcda.export.verify` re-runs a record.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import platform
import tomllib
import zipfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exportmcda.ahp.consistency import DEFAULT_THRESHOLD
from exportmcda.ahp.priorities import AhpResult
from exportmcda.data.countries import CountryProfile, default_directory
from exportmcda.errors import ConfigError, Issue
from exportmcda.export.safe import FORMULA_PREFIXES
from exportmcda.model.market_evidence import MarketEvidence, market_evidence
from exportmcda.model.rules import Rule, RuleKind, RuleSet
from exportmcda.model.scenarios import to_toml
from exportmcda.model.selection import Filters, Selection
from exportmcda.version import __version__

if TYPE_CHECKING:
    from exportmcda.data.database import Database

__all__ = [
    "CELL_LIMIT",
    "RECORD_FILE_LIMIT",
    "RECORD_FORMAT",
    "RECORD_FORMAT_V1",
    "RECORD_FORMAT_V2",
    "RECORD_FORMAT_V3",
    "RECORD_RANK_RULE",
    "RECORD_SHEET",
    "MarketEntry",
    "MarketRecord",
    "MethodSettings",
    "Record",
    "ShortlistEntry",
    "build_record",
    "current_versions",
    "file_sha256",
    "market_record",
    "method_settings",
    "profile_files",
    "read_record",
    "read_record_file",
    "record_cells",
    "rules_body",
    "rules_from_body",
    "sha256_text",
]

RECORD_FORMAT = "exportmcda-record/4"
"""Name and version of the JSON layout; a reader refuses a layout it does not know.

Format 4 adds ``settings`` (the method settings, explicitly), ``rules`` (the merged shortlist
rules as data, or null) and ``rule_shortlist`` (the rule-bound shortlist, or null).
Format 3 adds the market side (``indicators``, ``market_files``, ``market``: see the module
docstring). Format 2 publishes integer ranks (1..N, ties to 1e-12 ordered by technology id)
and the tied technologies the top N left out (``cut_off_ties``); format 1 records (average
ranks, ties at the cut-off cut by database row order) are still read and verified under their
rule. Format 1 and 2 records are read and verified as they were (no market side)."""
RECORD_FORMAT_V3 = "exportmcda-record/3"
"""The third layout: the market side, no explicit settings or rules (read, not written)."""
RECORD_FORMAT_V2 = "exportmcda-record/2"
"""The second layout: integer ranks and the cut-off ties, no market side (read, not written)."""
RECORD_FORMAT_V1 = "exportmcda-record/1"
"""The first layout: average ranks, ties at the cut-off by row order (read, not written)."""
RECORD_RANK_RULE = (
    "integer rank 1..N by score; scores equal to within 1e-12 are tied and ordered by "
    "technology id, ascending; the shortlist is the first top by this rank"
)
"""The rank rule a format-2 record states (the engine's tie rule, in words)."""
RECORD_SHEET = "record"
"""Sheet holding the record (not translated: it is read by programs)."""
CELL_LIMIT = 32_000
"""Characters per cell, under Excel's 32,767-character cell limit."""
_UNSAFE_START = (*FORMULA_PREFIXES, "\n", " ")
"""A chunk never starts with these: formula triggers (OWASP CSV injection) or blanks."""
_FILTER_KEYS = ("fields", "service_types", "company_sizes", "regions")


def sha256_text(text: str) -> str:
    """SHA-256 (hex) of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: str | Path) -> str | None:
    """SHA-256 (hex) of a file's bytes, or ``None`` when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def profile_files(country: CountryProfile) -> tuple[str, ...]:
    """File names (in the profiles folder) a target's profile is built from.

    A country is its ``CODE.toml``; a group is its members' files and ``groups.toml``,
    since a change to any of them changes the group's aggregated priorities.
    """
    if country.is_group:
        return (*(f"{m}.toml" for m in country.members), "groups.toml")
    return (f"{country.code}.toml",)


def current_versions() -> tuple[tuple[str, str], ...]:
    """Versions of exportmcda, Python and the libraries a ranking depends on."""

    def installed(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (
        ("exportmcda", __version__),
        ("python", platform.python_version()),
        ("pymcdm", installed("pymcdm")),
        ("numpy", installed("numpy")),
        ("pandas", installed("pandas")),
        ("scipy", installed("scipy")),  # the rule-bound shortlist's integer program (milp)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortlistEntry:
    """One published row: technology, rank, score.

    ``rank`` is the integer rank (format 2) or the average rank of a tie (format 1).
    """

    technology_id: str
    rank: float
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketEntry:
    """One country of a technology's recorded market ranking: its integer rank and score."""

    country: str
    rank: int
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketRecord:
    """The market side of an export (format 3).

    ``scenario`` and ``basis`` name the market judgments used (``None`` when the export's
    scenario has none); ``weights`` are the global market weights per leaf as applied
    (re-run as given, so a later change of a judgment file is reported, not silently
    applied); ``countries`` the countries compared; ``rankings`` each shortlisted
    technology's countries in rank order (empty when the export had no database).
    """

    scenario: str | None
    basis: str | None
    normalization: str
    weights: tuple[tuple[str, float], ...]
    countries: tuple[str, ...]
    rankings: tuple[tuple[str, tuple[MarketEntry, ...]], ...] = ()

    def body(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "scenario": self.scenario, "basis": self.basis,
            "normalization": self.normalization,
            "weights": [[leaf, w] for leaf, w in self.weights],
            "countries": list(self.countries),
            "rankings": [[tid, [[e.country, e.rank, e.score] for e in entries]]
                         for tid, entries in self.rankings],
        }

    @classmethod
    def from_body(cls, d: dict[str, Any]) -> MarketRecord:
        """Parse :meth:`body` (TypeError/KeyError/ValueError on a bad entry)."""
        return cls(
            scenario=_optional_str(d["scenario"], "market.scenario"),
            basis=_optional_str(d["basis"], "market.basis"),
            normalization=_typed(d["normalization"], str, "market.normalization"),
            weights=tuple((_typed(k, str, "market.weights"),
                           float(_typed(w, (int, float), k))) for k, w in d["weights"]),
            countries=tuple(_typed(c, str, "market.countries") for c in d["countries"]),
            rankings=tuple(
                (_typed(tid, str, "market.rankings"),
                 tuple(MarketEntry(country=_typed(c, str, tid), rank=_typed(r, int, tid),
                                   score=float(_typed(v, (int, float), tid)))
                       for c, r, v in entries))
                for tid, entries in d["rankings"]
            ),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MethodSettings:
    """The method settings of a decision, each stated explicitly (format 4).

    ``method`` and ``normalization`` are the ranking's (TOPSIS and its normalisation:
    Hwang & Yoon 1981; pymcdm defaults to min-max, so it is always named); ``ahp_method``,
    ``ri_table``, ``cr_rule`` and ``completion`` how the scenario's judgments became weights
    (the priority method, the random-index table named as in
    :data:`exportmcda.ahp.consistency.RI_TABLES`, the consistency limit: a number such as
    ``0.1`` (Saaty 1980) or ``saaty_1994``, and the completion of missing judgments);
    ``seed`` and ``samples`` are those of any robustness figure made from the record (SMAA
    weight samples), ``None`` when none was asked for.
    """

    method: str
    normalization: str | None
    ahp_method: str
    ri_table: str
    cr_rule: str
    completion: str
    seed: int | None = None
    samples: int | None = None

    def body(self) -> dict[str, Any]:
        """Plain JSON data (the field names are the keys)."""
        return asdict(self)

    @classmethod
    def from_body(cls, d: dict[str, Any]) -> MethodSettings:
        """Parse :meth:`body` (TypeError/KeyError on a bad entry)."""
        seed, samples = d["seed"], d["samples"]
        return cls(
            method=_typed(d["method"], str, "settings.method"),
            normalization=_optional_str(d["normalization"], "settings.normalization"),
            ahp_method=_typed(d["ahp_method"], str, "settings.ahp_method"),
            ri_table=_typed(d["ri_table"], str, "settings.ri_table"),
            cr_rule=_typed(d["cr_rule"], str, "settings.cr_rule"),
            completion=_typed(d["completion"], str, "settings.completion"),
            seed=None if seed is None else _typed(seed, int, "settings.seed"),
            samples=None if samples is None else _typed(samples, int, "settings.samples"),
        )


def _rule_body(rule: Rule) -> dict[str, Any]:
    return {"kind": rule.kind.value, "value": rule.value, "target": rule.target,
            "origin": rule.origin, "key": rule.key}


def _rule_from_body(d: dict[str, Any]) -> Rule:
    return Rule(kind=RuleKind(_typed(d["kind"], str, "rules.kind")),
                value=_typed(d["value"], (int, float), "rules.value"),
                target=_optional_str(d["target"], "rules.target"),
                origin=_typed(d["origin"], str, "rules.origin"),
                key=_typed(d["key"], str, "rules.key"))


def rules_body(rules: RuleSet) -> dict[str, Any]:
    """Shortlist rules as JSON data: ``{common: [rule…], countries: {CODE: [rule…]}}``.

    Each rule keeps its kind, value, target (technology id or field number), and where it
    was stated (file and key, or flag), so a replay applies exactly the rules of the
    decision, including rules given by flags that live in no file.
    """
    return {"common": [_rule_body(r) for r in rules.rules],
            "countries": {code: [_rule_body(r) for r in own]
                          for code, own in rules.countries.items()}}


def rules_from_body(d: dict[str, Any]) -> RuleSet:
    """Parse :func:`rules_body` (TypeError/KeyError/ValueError on a bad entry)."""
    countries = _typed(d["countries"], dict, "rules.countries")
    return RuleSet(
        rules=tuple(_rule_from_body(r) for r in _typed(d["common"], list, "rules.common")),
        countries={_typed(code, str, "rules.countries"): tuple(_rule_from_body(r) for r in own)
                   for code, own in countries.items()},
    )


def _shortlist_data(data: Any) -> dict[str, Any]:
    """A rule-bound shortlist's JSON checked for what a replay reads (ids, feasibility)."""
    checked: dict[str, Any] = _typed(data, dict, "rule_shortlist")
    _typed(checked["feasible"], bool, "rule_shortlist.feasible")
    for row in _typed(checked["shortlist"], list, "rule_shortlist.shortlist"):
        _typed(_typed(row, dict, "rule_shortlist.shortlist")["technology_id"], str,
               "rule_shortlist.technology_id")
    return checked


def _json_data(value: Any) -> Any:
    """``value`` as plain JSON data (numpy scalars unwrapped, NaN as null, tuples as lists).

    The round trip through JSON text makes the recorded form equal to the form read back.
    """

    def plain(v: Any) -> Any:
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        if hasattr(v, "item") and not isinstance(v, str | bytes):
            v = v.item()
        if isinstance(v, float) and not math.isfinite(v):
            return None
        return v

    return json.loads(_canonical(plain(value)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """What an export was computed from, and what it published (see the module docstring).

    File hashes are ``None`` when the file could not be read at export time. ``aggregation``
    is the group rule used (``None`` for a country). ``indicator_files`` (named relative to
    the countries folder, ``indicators/IND.toml``, ``groups.toml``), ``market_files``
    (relative to ``criteria/``) and ``market`` exist from format 3 on; ``settings``,
    ``rules`` (``None``: no shortlist rules) and ``rule_shortlist`` (the rule-bound
    shortlist's JSON, :meth:`~exportmcda.model.shortlist.Shortlist.as_dict`) from format 4.
    """

    created: str
    versions: tuple[tuple[str, str], ...]
    data_source: str
    data_sha256: str
    synthetic: bool
    scenario_toml: str
    scenario_sha256: str
    criteria_file: str
    criteria_sha256: str | None
    profile_files: tuple[tuple[str, str | None], ...]
    target: str
    aggregation: str | None
    method: str
    normalization: str | None
    filters: Filters
    top: int
    candidates: int
    shortlist: tuple[ShortlistEntry, ...]
    cut_off_ties: tuple[str, ...] = ()
    indicator_files: tuple[tuple[str, str | None], ...] = ()
    market_files: tuple[tuple[str, str | None], ...] = ()
    market: MarketRecord | None = None
    settings: MethodSettings | None = None
    rules: RuleSet | None = None
    rule_shortlist: dict[str, Any] | None = None
    format: str = RECORD_FORMAT

    @property
    def average_ranks(self) -> bool:
        """Whether the record predates integer ranks (format 1: average ranks, row order)."""
        return self.format == RECORD_FORMAT_V1

    @property
    def has_market_side(self) -> bool:
        """Whether the record's layout pins the market side (format 3 and later)."""
        return self.format not in (RECORD_FORMAT_V1, RECORD_FORMAT_V2)

    @property
    def has_settings(self) -> bool:
        """Whether the layout states settings and rules explicitly (format 4 and later)."""
        return self.has_market_side and self.format != RECORD_FORMAT_V3

    @property
    def scenario_id(self) -> str:
        """The id of the recorded (effective) scenario, as its TOML text states it."""
        try:
            value = tomllib.loads(self.scenario_toml).get("id", "")
        except tomllib.TOMLDecodeError:
            return ""
        return value if isinstance(value, str) else ""

    @property
    def decided(self) -> tuple[str, ...]:
        """The technologies decided on.

        The rule-bound shortlist when rules were applied (empty if no set met them), else
        the top N.
        """
        if self.rule_shortlist is not None:
            return tuple(r["technology_id"] for r in self.rule_shortlist["shortlist"])
        return tuple(e.technology_id for e in self.shortlist)

    @property
    def digest(self) -> str:
        """SHA-256 of the canonical body: the record's identity (see :meth:`to_json`)."""
        return sha256_text(_canonical(self.body()))

    def body(self) -> dict[str, Any]:
        """The record as plain JSON data (without the digest)."""
        extra: dict[str, Any] = {} if self.average_ranks else {
            "rank_rule": RECORD_RANK_RULE, "cut_off_ties": list(self.cut_off_ties),
        }
        if self.has_market_side:  # older layouts byte for byte, so their digests still match
            extra |= {
                "indicators": [list(pair) for pair in self.indicator_files],
                "market_files": [list(pair) for pair in self.market_files],
                "market": None if self.market is None else self.market.body(),
            }
        if self.has_settings:
            extra |= {
                "settings": None if self.settings is None else self.settings.body(),
                "rules": None if self.rules is None else rules_body(self.rules),
                "rule_shortlist": self.rule_shortlist,
            }
        return {
            **extra,
            "format": self.format,
            "created": self.created,
            "versions": [list(pair) for pair in self.versions],
            "data": {"source": self.data_source, "sha256": self.data_sha256,
                     "synthetic": self.synthetic},
            "scenario": {"toml": self.scenario_toml, "sha256": self.scenario_sha256},
            "criteria": {"file": self.criteria_file, "sha256": self.criteria_sha256},
            "profiles": [list(pair) for pair in self.profile_files],
            "target": self.target,
            "aggregation": self.aggregation,
            "method": self.method,
            "normalization": self.normalization,
            "filters": {k: list(getattr(self.filters, k)) for k in _FILTER_KEYS},
            "top": self.top,
            "candidates": self.candidates,
            "shortlist": [[e.technology_id, e.rank, e.score] for e in self.shortlist],
        }

    def to_json(self) -> str:
        """Compact ASCII JSON with a ``digest`` (SHA-256 of the canonical body).

        ASCII (non-ASCII characters escaped) keeps every character one spreadsheet character, so
        the cell limit holds, and no control character reaches the XML of the workbook.
        """
        body = self.body()
        return _canonical({**body, "digest": sha256_text(_canonical(body))})

    def to_file_text(self) -> str:
        """The record as a first-class JSON file: :meth:`to_json`'s data, indented.

        Read back by :meth:`from_json` (the digest covers the data, not the layout).
        """
        return json.dumps(json.loads(self.to_json()), sort_keys=True, ensure_ascii=True,
                          indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, *, path: str | None = None, where: str | None = None) -> Record:
        """Parse :meth:`to_json`'s text; ConfigError naming ``path``/``where`` if invalid."""

        def bad(message: str, value: object = None) -> ConfigError:
            shown = None if value is None else str(value)
            return ConfigError(Issue(code="audit.bad_record", message=message, path=path,
                                     field=where, value=shown))

        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise bad(f"the audit record is not valid JSON ({error})") from None
        if not isinstance(data, dict):
            raise bad("the audit record must be a JSON object")
        known = (RECORD_FORMAT, RECORD_FORMAT_V3, RECORD_FORMAT_V2, RECORD_FORMAT_V1)
        if data.get("format") not in known:
            raise bad(f"unknown record format (expected one of {', '.join(known)})",
                      data.get("format"))
        digest = data.pop("digest", None)
        if digest != sha256_text(_canonical(data)):
            raise bad("the audit record was changed after export: its digest does not match")
        try:
            return _from_body(data)
        except (KeyError, TypeError, ValueError) as error:
            raise bad(f"the audit record lacks or mistypes an entry ({error!r})") from None


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"),
                      allow_nan=False)


def _typed(value: Any, kind: type | tuple[type, ...], name: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise TypeError(f"{name}: {type(value).__name__}")
    return value


def _optional_str(value: Any, name: str) -> str | None:
    return None if value is None else str(_typed(value, str, name))


def _from_body(d: dict[str, Any]) -> Record:
    data, scenario, criteria = d["data"], d["scenario"], d["criteria"]
    version = _typed(d["format"], str, "format")
    v1 = version == RECORD_FORMAT_V1
    filters = {k: tuple(int(_typed(v, int, k)) for v in d["filters"][k]) for k in _FILTER_KEYS}
    return Record(
        created=_typed(d["created"], str, "created"),
        versions=tuple((_typed(k, str, "versions"), _typed(v, str, k)) for k, v in d["versions"]),
        data_source=_typed(data["source"], str, "data.source"),
        data_sha256=_typed(data["sha256"], str, "data.sha256"),
        synthetic=_typed(data["synthetic"], bool, "data.synthetic"),
        scenario_toml=_typed(scenario["toml"], str, "scenario.toml"),
        scenario_sha256=_typed(scenario["sha256"], str, "scenario.sha256"),
        criteria_file=_typed(criteria["file"], str, "criteria.file"),
        criteria_sha256=_optional_str(criteria["sha256"], "criteria.sha256"),
        profile_files=tuple(
            (_typed(k, str, "profiles"), _optional_str(v, k)) for k, v in d["profiles"]
        ),
        target=_typed(d["target"], str, "target"),
        aggregation=_optional_str(d["aggregation"], "aggregation"),
        method=_typed(d["method"], str, "method"),
        normalization=_optional_str(d["normalization"], "normalization"),
        filters=Filters(**filters),
        top=_typed(d["top"], int, "top"),
        candidates=_typed(d["candidates"], int, "candidates"),
        shortlist=tuple(
            ShortlistEntry(technology_id=_typed(tid, str, "shortlist"),
                           rank=float(_typed(rank, (int, float), "rank")) if v1
                           else _typed(rank, int, "rank"),
                           score=float(_typed(score, (int, float), "score")))
            for tid, rank, score in d["shortlist"]
        ),
        cut_off_ties=tuple(_typed(tid, str, "cut_off_ties") for tid in d.get("cut_off_ties", [])),
        indicator_files=_hashes(d.get("indicators", []), "indicators"),
        market_files=_hashes(d.get("market_files", []), "market_files"),
        market=None if d.get("market") is None else MarketRecord.from_body(d["market"]),
        settings=None if d.get("settings") is None else MethodSettings.from_body(
            _typed(d["settings"], dict, "settings")),
        rules=None if d.get("rules") is None else rules_from_body(
            _typed(d["rules"], dict, "rules")),
        rule_shortlist=None if d.get("rule_shortlist") is None else _shortlist_data(
            d["rule_shortlist"]),
        format=version,
    )


def _hashes(pairs: Any, name: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((_typed(k, str, name), _optional_str(v, k)) for k, v in pairs)


def market_record(markets: MarketEvidence) -> MarketRecord:
    """The recorded form of an export's market side (weights in hierarchy order)."""
    scenario = markets.scenario
    return MarketRecord(
        scenario=None if scenario is None else scenario.id,
        basis=None if scenario is None else scenario.basis,
        normalization=markets.normalization,
        weights=tuple((leaf.id, float(markets.weights[leaf.id])) for leaf in markets.tree.leaves
                      if leaf.id in markets.weights),
        countries=markets.compared,
        rankings=tuple(
            (tid, tuple(MarketEntry(country=r.result.alternatives[i], rank=position,
                                    score=float(r.result.scores[i]))
                        for position, i in enumerate(r.result.order, start=1)))
            for tid, r in markets.rankings.items()
        ),
    )


def build_record(
    selection: Selection,
    *,
    top: int,
    created: datetime | None = None,
    countries_dir: Path | None = None,
    markets: MarketEvidence | None = None,
    rules: RuleSet | None = None,
    db: Database | None = None,
    seed: int | None = None,
    samples: int | None = None,
) -> Record:
    """The record of ``selection``'s top ``top`` (profiles read from ``countries_dir``).

    ``countries_dir`` must be the folder the target's profile was loaded from (default:
    the shipped ``data/countries``); the criteria file is the one the weights' tree was
    read from. The scenario recorded is ``selection.scenario``, the *effective* one (the
    app builds it from the sliders), so the record re-runs what was shown. ``markets`` is
    the market side the workbook shows (default: :func:`market_evidence` without the
    database: indicators, weights, normalisation, no country rankings).

    ``rules`` (the merged :class:`~exportmcda.model.rules.RuleSet`: scenario, rules file and
    flags) are recorded as data with the rule-bound shortlist of the same ``top``, solved on
    ``db`` (required with rules: company sizes and regions); ``seed`` and ``samples`` are
    recorded in :class:`MethodSettings` for the robustness figures made from the record.
    """
    folder = default_directory() if countries_dir is None else Path(countries_dir)
    markets = markets or market_evidence(selection, countries_dir=folder)
    when = created or datetime.now(UTC)
    table = selection.table(top)
    text = to_toml(selection.scenario)
    result = selection.result
    tree_path = Path(selection.weights.tree.path)
    return Record(
        created=when.isoformat(timespec="seconds"),
        versions=current_versions(),
        data_source=selection.provenance.source,
        data_sha256=selection.provenance.sha256,
        synthetic=selection.provenance.synthetic,
        scenario_toml=text,
        scenario_sha256=sha256_text(text),
        criteria_file=tree_path.name,
        criteria_sha256=file_sha256(tree_path),
        profile_files=tuple(
            (name, file_sha256(folder / name)) for name in profile_files(selection.country)
        ),
        target=selection.country.code,
        aggregation=selection.country.aggregation,
        method=result.method,
        normalization=result.normalization,
        filters=selection.filters,
        top=top,
        candidates=len(result.alternatives),
        shortlist=tuple(
            ShortlistEntry(technology_id=str(tid), rank=int(rank), score=float(score))
            for tid, rank, score in zip(
                table["technology_id"], table["rank"], table["score"], strict=True
            )
        ),
        cut_off_ties=selection.cut_off_ties(top),
        indicator_files=tuple((name, file_sha256(path)) for name, path in
                              markets.indicator_files()),
        market_files=tuple((name, file_sha256(path)) for name, path in markets.market_files()),
        market=market_record(markets),
        settings=method_settings(selection, seed=seed, samples=samples),
        rules=rules if rules else None,
        rule_shortlist=_rule_shortlist(selection, rules, top, db) if rules else None,
    )


def method_settings(selection: Selection, *, seed: int | None = None,
                    samples: int | None = None) -> MethodSettings:
    """The settings ``selection`` was computed with (see :class:`MethodSettings`).

    The consistency rule is the one the judged nodes were checked against
    (:class:`~exportmcda.ahp.priorities.AhpResult`'s ``threshold_rule``; a fixed limit is
    written as its number), Saaty's 0.1 when every node has direct weights.
    """
    scenario = selection.scenario
    judged = [r for r in selection.weights.local.values() if isinstance(r, AhpResult)]
    rule = f"{DEFAULT_THRESHOLD:g}"
    if judged:
        first = judged[0]
        rule = f"{first.threshold:g}" if first.threshold_rule == "fixed" else (
            first.threshold_rule)
    return MethodSettings(
        method=selection.result.method, normalization=selection.result.normalization,
        ahp_method=scenario.method, ri_table=scenario.ri_table, cr_rule=rule,
        completion=scenario.completion, seed=seed, samples=samples,
    )


def _rule_shortlist(selection: Selection, rules: RuleSet, top: int,
                    db: Database | None) -> dict[str, Any]:
    """The rule-bound shortlist's JSON (English texts; the ids and numbers are the data)."""
    from exportmcda.model.shortlist import shortlist  # scipy: only when rules are recorded

    return dict(_json_data(shortlist(selection, rules, top=top, db=db).as_dict("en")))


def _split(text: str, size: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters, none starting unsafely.

    A boundary moves back (at most 64 characters) while the next piece would start with a
    formula trigger or a blank, or this piece would end with a blank, so no cell is ever
    read as a formula or trimmed; the sheet writer's quote prefix is the second guard.
    """
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        cut = end
        while cut < len(text) and cut > max(start + 1, end - 64) and (
            text[cut].startswith(_UNSAFE_START) or text[cut - 1].isspace()
        ):
            cut -= 1
        if cut < len(text) and (text[cut].startswith(_UNSAFE_START) or text[cut - 1].isspace()):
            cut = end  # no safe boundary nearby: the writer's quote prefix protects it
        pieces.append(text[start:cut])
        start = cut
    return pieces


def record_cells(record: Record, *, size: int = CELL_LIMIT) -> list[str]:
    """The record's JSON split into column-A cells (read back by :func:`read_record`)."""
    return _split(record.to_json(), size)


def read_record(source: str | Path | bytes, name: str | None = None) -> Record:
    """Read the record from an exported workbook's :data:`RECORD_SHEET` sheet.

    Row 1 is the human-readable line; the JSON is the concatenation of column A from row
    2 down to the first empty cell. Errors name the file and the sheet.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    shown = name or ("workbook" if isinstance(source, bytes) else str(source))
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        wb = load_workbook(io.BytesIO(data), read_only=True)
    except OSError as error:
        raise ConfigError.single("unreadable", f"cannot read the file: {error}",
                                 path=shown) from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise ConfigError.single("audit.not_xlsx", f"not an Excel workbook (.xlsx): {error}",
                                 path=shown) from None
    try:
        if RECORD_SHEET not in wb.sheetnames:
            raise ConfigError.single(
                "audit.no_record",
                f"no '{RECORD_SHEET}' sheet: the workbook was not exported by exportmcda "
                f"(version with audit records) or the sheet was removed; sheets: "
                f"{', '.join(wb.sheetnames)}", path=shown, field=RECORD_SHEET,
            )
        parts: list[str] = []
        for (value,) in wb[RECORD_SHEET].iter_rows(min_row=2, max_col=1, values_only=True):
            if value is None or value == "":
                break
            parts.append(str(value))
    finally:
        wb.close()
    if not parts:
        raise ConfigError.single("audit.no_record", f"sheet '{RECORD_SHEET}' holds no record",
                                 path=shown, field=f"{RECORD_SHEET}!A2")
    return Record.from_json("".join(parts), path=shown, where=f"{RECORD_SHEET}!A2")


RECORD_FILE_LIMIT = 64 * 1024 * 1024
"""Largest record file read (bytes): a record of a full ranking of 10^6 rows is far smaller."""


def read_record_file(path: str | Path) -> Record:
    """Read a record JSON file (:meth:`Record.to_file_text`); errors name the file.

    Raises
    ------
    ConfigError
        ``unreadable`` (missing, a folder, not UTF-8, larger than
        :data:`RECORD_FILE_LIMIT`) or ``audit.bad_record`` (not a record, an unknown
        format, a digest that does not match: the record was edited).
    """
    shown = str(path)
    try:
        file = Path(path)
        if file.stat().st_size > RECORD_FILE_LIMIT:
            raise ConfigError.single("unreadable", f"larger than {RECORD_FILE_LIMIT:,} bytes: "
                                     "not a decision record", path=shown)
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigError.single("unreadable", f"cannot read the file: {reason or error}",
                                 path=shown) from None
    return Record.from_json(text, path=shown)
