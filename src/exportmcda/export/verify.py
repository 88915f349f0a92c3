"""Re-run an audit record and say whether the shortlist is reproduced, or what changed.

:func:`verify` re-ranks with the record's own settings (effective scenario TOML, target,
group aggregation, method, normalisation, filters, top N) on the database given, then
compares the shortlists: the same technologies at the same ranks, with scores within
:data:`SCORE_TOLERANCE`, is "reproduced". Otherwise every change is listed (entered,
left, moved, rescored) together with the inputs whose SHA-256 differs, which are what
can explain it; software versions that differ are reported as notes, not failures, since
a new release may well give the same ranks (Sandve et al. 2013, rule 3: record versions
so that a difference can be traced, not to forbid upgrades).

A record keeps the rank rule it was made with. Format 2 records publish integer ranks and
the top N by that rank (ties ordered by technology id); they are compared with today's
integer ranks. Format 1 records (average ranks, ties at the cut-off cut by database row
order) are compared under their own rule, so they stay verifiable, and a note says whether
today's rule would list another top N (which technologies it adds and drops).
"""

from __future__ import annotations

from dataclasses import dataclass
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
from exportmcda.model.scenarios import parse_scenario, to_toml
from exportmcda.model.selection import Selection, select

__all__ = [
    "SCORE_TOLERANCE",
    "Check",
    "Difference",
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
        """Plain mapping (kind, technology_id, old/new rank, old/new score)."""
        return {
            "kind": self.kind, "technology_id": self.technology_id,
            "old_rank": self.old_rank, "new_rank": self.new_rank,
            "old_score": self.old_score, "new_score": self.new_score,
        }

    def describe(self) -> str:
        """One line, e.g. ``T0726 moved: rank 1 → 3, score 0.792117 → 0.771010``."""

        def num(value: float | None, fmt: str) -> str:
            return "–" if value is None else format(value, fmt)

        return (f"{self.technology_id} {self.kind}: rank {num(self.old_rank, 'g')} → "
                f"{num(self.new_rank, 'g')}, score {num(self.old_score, '.6f')} → "
                f"{num(self.new_score, '.6f')}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Verification:
    """The answer to "can you reproduce this?"."""

    record: Record
    reproduced: bool
    differences: tuple[Difference, ...]
    inputs: tuple[Check, ...]
    versions: tuple[Check, ...]
    notes: tuple[Note, ...]

    @property
    def changed_inputs(self) -> tuple[str, ...]:
        """Names of the inputs whose hash differs from the record's."""
        return tuple(c.name for c in self.inputs if not c.same)

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``exportmcda verify --format json``."""
        return {
            "reproduced": self.reproduced,
            "target": self.record.target,
            "top": self.record.top,
            "created": self.record.created,
            "format": self.record.format,
            "differences": [d.as_dict() for d in self.differences],
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


def _input_checks(
    record: Record, db: Database, selection: Selection, criteria: Path, countries: Path
) -> list[Check]:
    recorded_profiles = dict(record.profile_files)
    names = list(dict.fromkeys([*recorded_profiles, *profile_files(selection.country)]))
    scenario_now = to_toml(parse_scenario(record.scenario_toml, name="record"))
    return [
        Check(name="data", recorded=record.data_sha256, current=db.provenance.sha256),
        Check(name=f"criteria/{record.criteria_file}", recorded=record.criteria_sha256,
              current=file_sha256(criteria)),
        Check(name="scenario", recorded=record.scenario_sha256,
              current=sha256_text(scenario_now)),
        *(Check(name=f"countries/{n}", recorded=recorded_profiles.get(n),
                current=file_sha256(countries / n)) for n in names),
    ]


def verify(
    record: Record,
    db: Database,
    *,
    criteria_path: str | Path | None = None,
    countries_dir: str | Path | None = None,
) -> Verification:
    """Re-run ``record`` on ``db`` and compare (see the module docstring).

    ``criteria_path`` and ``countries_dir`` default to the shipped criteria file and
    profiles, as the export commands use them. Errors of the inputs (an unknown target, a
    broken profile) are raised as they are for any ranking.
    """
    criteria = Path(criteria_path) if criteria_path is not None else default_criteria_path()
    countries = Path(countries_dir) if countries_dir is not None else default_directory()
    scenario = parse_scenario(record.scenario_toml, name="audit record (scenario)")
    country = get_country(record.target, countries, aggregation=record.aggregation)
    selection = select(
        db, load_criteria(criteria), scenario, country, filters=record.filters,
        method=record.method, normalization=record.normalization,
    )
    differences = tuple(_shortlist_changes(record, selection))
    inputs = tuple(_input_checks(record, db, selection, criteria, countries))
    now = dict(current_versions())
    versions = tuple(Check(name=k, recorded=v, current=now.get(k))
                     for k, v in record.versions)
    notes: list[Note] = _rule_notes(record, selection)
    changed = ", ".join(c.name for c in inputs if not c.same)
    moved = [c for c in versions if not c.same]
    if len(selection.result.alternatives) != record.candidates:
        notes.append(Note.of("verify_candidates", recorded=record.candidates,
                             current=len(selection.result.alternatives)))
    if differences:
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
    return Verification(record=record, reproduced=not differences, differences=differences,
                        inputs=inputs, versions=versions, notes=tuple(notes))
