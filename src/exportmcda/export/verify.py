"""Re-run an audit record and say whether the shortlist is reproduced, or what changed.

:func:`verify` re-ranks with the record's own settings (effective scenario TOML, target,
group aggregation, method, normalisation, filters, top N) on the database given, then
compares the shortlists: the same technologies at the same ranks, with scores within
:data:`SCORE_TOLERANCE`, is "reproduced". Otherwise every change is listed (entered,
left, moved, rescored) together with the inputs whose SHA-256 differs, which are what
can explain it; software versions that differ are reported as notes, not failures, since
a new release may well give the same ranks (Sandve et al. 2013, rule 3: record versions
so that a difference can be traced, not to forbid upgrades).

From format 3 a record also pins the market side (:class:`~exportmcda.export.record.MarketRecord`):
the SHA-256 of every indicator file and of the market hierarchy and scenario files are
checked like the others, and each shortlisted technology's country ranking is re-run with the
recorded market weights and normalisation on today's indicator files, so a changed indicator
file is named together with the market rankings it moves (:class:`MarketDifference`). Format 1
and 2 records have no market side and are verified as before.

From format 4 a record may carry shortlist rules (as data) and the rule-bound shortlist they
gave: the rules are solved again on today's ranking (:class:`RuleShortlistCheck`), and a
different set, or rules that no longer apply (a required technology gone), is a difference.
:mod:`exportmcda.register.replay` builds ``exportmcda replay`` on this function.

A record keeps the rank rule it was made with. Format 2 records publish integer ranks and
the top N by that rank (ties ordered by technology id); they are compared with today's
integer ranks. Format 1 records (average ranks, ties at the cut-off cut by database row
order) are compared under their own rule, so they stay verifiable, and a note says whether
today's rule would list another top N (which technologies it adds and drops).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from exportmcda.data.countries import default_directory, get_country
from exportmcda.data.database import Database
from exportmcda.errors import ConfigError, Note
from exportmcda.export.record import (
    Record,
    current_versions,
    file_sha256,
    profile_files,
    sha256_text,
)
from exportmcda.labels import note_text
from exportmcda.model.criteria import default_criteria_path, load_criteria
from exportmcda.model.market_evidence import MarketEvidence, market_evidence
from exportmcda.model.scenarios import parse_scenario, to_toml
from exportmcda.model.selection import Selection, select

__all__ = [
    "SCORE_TOLERANCE",
    "Check",
    "Difference",
    "MarketDifference",
    "RuleShortlistCheck",
    "Verification",
    "database_for",
    "verify",
]

SCORE_TOLERANCE = 1e-9
"""Largest score change still counted as the same result: TOPSIS closeness lies in [0, 1]
and a re-run in double precision (about 1e-16 relative) may differ in the last digits,
e.g. when direct weights are re-normalised after their TOML round trip."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """One input hash or version: what the record says, what is found now."""

    name: str
    recorded: str | None
    current: str | None

    @property
    def same(self) -> bool:
        """Whether the recorded and the current value agree."""
        return self.recorded == self.current

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping (recorded, current, same)."""
        return {"recorded": self.recorded, "current": self.current, "same": self.same}


@dataclass(frozen=True, slots=True, kw_only=True)
class Difference:
    """One change of the shortlist.

    ``kind``: ``moved`` (in both, rank changed), ``rescored`` (same rank, score beyond the
    tolerance), ``entered`` (only in the new shortlist; its old rank was not published),
    ``left`` (only in the recorded one; ``new_rank`` is its rank in the full new ranking,
    ``None`` when it is no longer a candidate).
    """

    kind: str
    technology_id: str
    old_rank: float | None
    new_rank: float | None
    old_score: float | None
    new_score: float | None

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping of the fields, in their order (the JSON contract's names)."""
        return asdict(self)

    def describe(self) -> str:
        """One line, e.g. ``T0726 moved: rank 1 → 3, score 0.792117 → 0.771010``."""

        def num(value: float | None, fmt: str) -> str:
            return "–" if value is None else format(value, fmt)

        return (f"{self.technology_id} {self.kind}: rank {num(self.old_rank, 'g')} → "
                f"{num(self.new_rank, 'g')}, score {num(self.old_score, '.6f')} → "
                f"{num(self.new_score, '.6f')}")


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketDifference:
    """One change of a shortlisted technology's recorded country ranking (format 3).

    ``kind``: ``moved`` (rank changed), ``rescored`` (same rank, score beyond the
    tolerance), ``entered`` (a country compared now, not then), ``left`` (compared then,
    not now, or the technology is no longer in the database).
    """

    technology_id: str
    country: str
    kind: str
    old_rank: int | None
    new_rank: int | None
    old_score: float | None
    new_score: float | None

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping of the fields, in their order (the JSON contract's names)."""
        return asdict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleShortlistCheck:
    """The recorded rule-bound shortlist (format 4) against the one the rules give now.

    Both list technology ids in ranking order; ``same`` when the lists and the feasibility
    agree. ``entered``/``left``: ids only in the current / only in the recorded list.
    """

    recorded: tuple[str, ...]
    current: tuple[str, ...]
    recorded_feasible: bool
    current_feasible: bool

    @property
    def same(self) -> bool:
        """Whether the rules give the recorded shortlist again, in the same order."""
        return (self.recorded, self.recorded_feasible) == (self.current, self.current_feasible)

    @property
    def entered(self) -> tuple[str, ...]:
        """Technologies the rules choose now that the record did not list."""
        return tuple(t for t in self.current if t not in self.recorded)

    @property
    def left(self) -> tuple[str, ...]:
        """Technologies of the record the rules no longer choose."""
        return tuple(t for t in self.recorded if t not in self.current)

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping: recorded, current, feasibility, same, entered, left."""
        return {"recorded": list(self.recorded), "current": list(self.current),
                "recorded_feasible": self.recorded_feasible,
                "current_feasible": self.current_feasible, "same": self.same,
                "entered": list(self.entered), "left": list(self.left)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Verification:
    """The answer to "can you reproduce this?".

    ``reproduced`` means the same shortlist, (format 3) the same market rankings and
    (format 4 with rules) the same rule-bound shortlist; :attr:`identical` also asks for the
    same input hashes and library versions (what ``exportmcda replay`` answers).
    """

    record: Record
    reproduced: bool
    differences: tuple[Difference, ...]
    inputs: tuple[Check, ...]
    versions: tuple[Check, ...]
    notes: tuple[Note, ...]
    market_differences: tuple[MarketDifference, ...] = ()
    rule_shortlist: RuleShortlistCheck | None = None

    @property
    def changed_inputs(self) -> tuple[str, ...]:
        """Names of the inputs whose hash differs from the record's."""
        return tuple(c.name for c in self.inputs if not c.same)

    @property
    def changed_versions(self) -> tuple[str, ...]:
        """Names of the libraries whose version differs from the record's."""
        return tuple(c.name for c in self.versions if not c.same)

    @property
    def identical(self) -> bool:
        """The same results from the same inputs (hashes) with the same library versions."""
        return self.reproduced and not self.changed_inputs and not self.changed_versions

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``exportmcda verify --format json``."""
        return {
            "reproduced": self.reproduced,
            "target": self.record.target,
            "top": self.record.top,
            "created": self.record.created,
            "format": self.record.format,
            "differences": [d.as_dict() for d in self.differences],
            "market_differences": [d.as_dict() for d in self.market_differences],
            "rule_shortlist": None if self.rule_shortlist is None else
            self.rule_shortlist.as_dict(),
            "inputs": {c.name: c.as_dict() for c in self.inputs},
            "versions": {c.name: c.as_dict() for c in self.versions},
            "notes": [note_text(n) for n in self.notes],
            "note_codes": [n.as_dict() for n in self.notes],
        }


def database_for(record: Record, data: str | Path | None = None) -> Database:
    """The database to re-run ``record`` on: ``data``, or the sample if the record used it.

    A record of the user's own data cannot be re-run without that file: the error says
    which file (its name and SHA-256) to pass with ``--data``.
    """
    from exportmcda.data.io import load, load_sample

    if data is not None:
        return load(data)
    if record.synthetic:
        return load_sample()
    raise ConfigError.single(
        "audit.data_needed",
        f"the export was computed from '{record.data_source}' (SHA-256 "
        f"{record.data_sha256}); pass that file with --data", field="--data",
    )


def _ranked(record: Record, selection: Selection) -> tuple[dict[str, tuple[float, float]],
                                                            list[str]]:
    """Each technology's (rank, score) and the top N, under the record's rank rule."""
    r = selection.result
    if record.average_ranks:  # format 1: average ranks, ties cut by row order
        ranks: Any = r.ranks
        order = np.argsort(r.ranks, kind="stable")
    else:
        ranks, order = r.ordinal_ranks, r.order
    new = {r.alternatives[i]: (ranks[i].item(), float(r.scores[i])) for i in range(len(ranks))}
    return new, [r.alternatives[i] for i in order[: record.top]]


def _rule_notes(record: Record, selection: Selection) -> list[Note]:
    """For a format-1 record: its rule, and what today's tie rule would list instead."""
    if not record.average_ranks:
        return []
    old_top = _ranked(record, selection)[1]
    today = list(selection.top_ids(record.top))
    notes = [Note.of("verify_old_rank_rule", n=record.top)]
    added = [t for t in today if t not in old_top]
    dropped = [t for t in old_top if t not in today]
    if added or dropped:
        notes.append(Note.of("verify_rule_changes_shortlist", n=record.top,
                             added=", ".join(added) or "-", dropped=", ".join(dropped) or "-"))
    return notes


def _shortlist_changes(record: Record, selection: Selection) -> list[Difference]:
    new, new_top = _ranked(record, selection)
    old = {e.technology_id: (e.rank, e.score) for e in record.shortlist}
    out: list[Difference] = []
    for entry in record.shortlist:
        tid = entry.technology_id
        now = new.get(tid)
        new_rank, new_score = now if now is not None else (None, None)
        if tid not in new_top:
            kind = "left"
        elif new_rank != entry.rank:
            kind = "moved"
        elif new_score is None or abs(new_score - entry.score) > SCORE_TOLERANCE:
            kind = "rescored"
        else:
            continue
        out.append(Difference(kind=kind, technology_id=tid, old_rank=entry.rank,
                              new_rank=new_rank, old_score=entry.score, new_score=new_score))
    for tid in new_top:
        if tid not in old:
            rank, score = new[tid]
            out.append(Difference(kind="entered", technology_id=tid, old_rank=None,
                                  new_rank=rank, old_score=None, new_score=score))
    return out


def _market_changes(record: Record, now: MarketEvidence | None) -> list[MarketDifference]:
    """Each recorded market ranking against today's (countries entered, left, moved)."""
    if record.market is None:
        return []
    out: list[MarketDifference] = []
    for tid, entries in record.market.rankings:
        ranking = None if now is None else now.rankings.get(tid)
        new: dict[str, tuple[int, float]] = {} if ranking is None else {
            ranking.result.alternatives[i]: (position, float(ranking.result.scores[i]))
            for position, i in enumerate(ranking.result.order, start=1)
        }
        for e in entries:
            got = new.get(e.country)
            new_rank, new_score = got if got is not None else (None, None)
            if got is None:
                kind = "left"
            elif new_rank != e.rank:
                kind = "moved"
            elif new_score is None or abs(new_score - e.score) > SCORE_TOLERANCE:
                kind = "rescored"
            else:
                continue
            out.append(MarketDifference(technology_id=tid, country=e.country, kind=kind,
                                        old_rank=e.rank, new_rank=new_rank,
                                        old_score=e.score, new_score=new_score))
        recorded = {e.country for e in entries}
        out += [MarketDifference(technology_id=tid, country=c, kind="entered", old_rank=None,
                                 new_rank=rank, old_score=None, new_score=value)
                for c, (rank, value) in new.items() if c not in recorded]
    return out


def _market_now(
    record: Record, db: Database, selection: Selection, countries: Path,
    indicators: Path | None, market_path: Path | None,
) -> MarketEvidence | None:
    """Today's market side, re-run with the record's market weights and normalisation."""
    if not record.has_market_side:
        return None
    market = record.market
    techs = [] if market is None else [t for t, _ in market.rankings
                                       if t in db.technologies.index]
    return market_evidence(
        selection, db=db, technologies=techs, countries_dir=countries,
        indicators_dir=indicators, market_path=market_path,
        leaf_weights=dict(market.weights) if market is not None and market.weights else None,
        normalization=None if market is None else market.normalization,
    )


def _rule_check(record: Record, db: Database, selection: Selection
                ) -> tuple[RuleShortlistCheck | None, list[Note]]:
    """Re-solve the recorded rules (format 4) on today's ranking.

    A rule that no longer applies (a required technology gone) is a difference, said in a
    note, not an error.
    """
    from exportmcda.model.shortlist import shortlist  # scipy: only for records with rules

    if record.rules is None or record.rule_shortlist is None:
        return None, []
    recorded = record.decided
    was_feasible = bool(record.rule_shortlist["feasible"])
    try:
        now = shortlist(selection, record.rules, top=record.top, db=db, costs=False)
    except ConfigError as error:
        check = RuleShortlistCheck(recorded=recorded, current=(),
                                   recorded_feasible=was_feasible, current_feasible=False)
        return check, [Note.of("replay_rules_fail", problem=error.issues[0].message)]
    check = RuleShortlistCheck(recorded=recorded, current=now.chosen,
                               recorded_feasible=was_feasible, current_feasible=now.feasible)
    notes = [] if check.same else [Note.of(
        "replay_rule_shortlist_changed", entered=", ".join(check.entered) or "-",
        left=", ".join(check.left) or "-")]
    return check, notes


def _file_checks(
    prefix: str, recorded: tuple[tuple[str, str | None], ...], current: tuple[tuple[str, Path], ...]
) -> list[Check]:
    """Recorded against current hashes, for every file named in either (added or removed)."""
    before, now = dict(recorded), dict(current)
    return [Check(name=f"{prefix}/{n}", recorded=before.get(n),
                  current=file_sha256(now[n]) if n in now else None)
            for n in dict.fromkeys([*before, *now])]


def _input_checks(
    record: Record, db: Database, selection: Selection, criteria: Path, countries: Path,
    markets: MarketEvidence | None,
) -> list[Check]:
    recorded_profiles = dict(record.profile_files)
    names = list(dict.fromkeys([*recorded_profiles, *profile_files(selection.country)]))
    scenario_now = to_toml(parse_scenario(record.scenario_toml, name="record"))
    market: list[Check] = [] if markets is None else [
        *_file_checks("countries", record.indicator_files, markets.indicator_files()),
        *_file_checks("criteria", record.market_files, markets.market_files()),
    ]
    checks = [
        Check(name="data", recorded=record.data_sha256, current=db.provenance.sha256),
        Check(name=f"criteria/{record.criteria_file}", recorded=record.criteria_sha256,
              current=file_sha256(criteria)),
        Check(name="scenario", recorded=record.scenario_sha256,
              current=sha256_text(scenario_now)),
        *(Check(name=f"countries/{n}", recorded=recorded_profiles.get(n),
                current=file_sha256(countries / n)) for n in names),
        *market,
    ]
    unique: dict[str, Check] = {}
    for check in checks:  # groups.toml is both a profile and an indicator file: check it once
        unique.setdefault(check.name, check)
    return list(unique.values())


def verify(
    record: Record,
    db: Database,
    *,
    criteria_path: str | Path | None = None,
    countries_dir: str | Path | None = None,
    indicators_dir: str | Path | None = None,
    market_path: str | Path | None = None,
) -> Verification:
    """Re-run ``record`` on ``db`` and compare (see the module docstring).

    ``criteria_path`` and ``countries_dir`` default to the shipped criteria file and
    profiles, as the export commands use them; ``indicators_dir`` to
    ``<countries_dir>/indicators`` and ``market_path`` to ``criteria/markets.toml``. Errors
    of the inputs (an unknown target, a broken profile) are raised as they are for any
    ranking.
    """
    criteria = Path(criteria_path) if criteria_path is not None else default_criteria_path()
    countries = Path(countries_dir) if countries_dir is not None else default_directory()
    indicators = None if indicators_dir is None else Path(indicators_dir)
    markets_file = None if market_path is None else Path(market_path)
    scenario = parse_scenario(record.scenario_toml, name="audit record (scenario)")
    country = get_country(record.target, countries, aggregation=record.aggregation)
    selection = select(
        db, load_criteria(criteria), scenario, country, filters=record.filters,
        method=record.method, normalization=record.normalization,
    )
    differences = tuple(_shortlist_changes(record, selection))
    markets = _market_now(record, db, selection, countries, indicators, markets_file)
    market_differences = tuple(_market_changes(record, markets))
    rule_check, rule_notes = _rule_check(record, db, selection)
    rules_moved = rule_check is not None and not rule_check.same
    inputs = tuple(_input_checks(record, db, selection, criteria, countries, markets))
    now = dict(current_versions())
    versions = tuple(Check(name=k, recorded=v, current=now.get(k))
                     for k, v in record.versions)
    notes: list[Note] = _rule_notes(record, selection)
    changed = ", ".join(c.name for c in inputs if not c.same)
    moved = [c for c in versions if not c.same]
    if len(selection.result.alternatives) != record.candidates:
        notes.append(Note.of("verify_candidates", recorded=record.candidates,
                             current=len(selection.result.alternatives)))
    if market_differences:
        moved_techs = list(dict.fromkeys(d.technology_id for d in market_differences))
        notes.append(Note.of(
            "verify_market_moved", n=len(moved_techs),
            total=0 if record.market is None else len(record.market.rankings),
            technologies=", ".join(moved_techs),
        ))
    notes += rule_notes
    if differences or market_differences or rules_moved:
        if changed:
            notes.append(Note.of("verify_inputs_explain", inputs=changed))
        elif moved:
            notes.append(Note.of("verify_versions_explain"))
        else:
            notes.append(Note.of("verify_unexplained"))
    elif changed:
        notes.append(Note.of("verify_same_despite_inputs", inputs=changed))
    notes += [Note.of("verify_version_differs", name=c.name, recorded=c.recorded,
                      current=c.current) for c in moved]
    return Verification(record=record,
                        reproduced=not differences and not market_differences and not rules_moved,
                        differences=differences, inputs=inputs, versions=versions,
                        notes=tuple(notes), market_differences=market_differences,
                        rule_shortlist=rule_check)
