"""What a one-page briefing of a decision says, gathered from its record and a re-run.

A director reads one page, an auditor checks it months later (USERS.md, journeys 1 and 4), so
the page carries the decision as *recorded* and, beside it, what a re-run today gives:
:class:`Briefing` holds the target, the scenario, the shortlist as published with each
technology's one-sentence explanation (:func:`exportmcda.model.explain.sentences`), the
criterion weights with the consistency ratio of their AHP judgments (Saaty 1980, CR = CI / RI),
the robustness of the shortlist — SMAA-2 top-N acceptability (Lahdelma & Salminen 2001) and
the closest one-at-a-time weight change that alters it (:mod:`exportmcda.robustness.oat`) — the
shortlist rules and their cost when the record has them (:mod:`exportmcda.brief.rules`), the
target's market indicators with their sources, the policy sources, the synthetic-data notice
where it applies and the record's digest.

Values are kept as data (numbers, ids and the user's own texts, unescaped); words come from
:mod:`exportmcda.labels` in :mod:`exportmcda.brief.page`, which escapes everything it prints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from exportmcda.ahp.priorities import AhpResult
from exportmcda.brief.rules import RecordedRules, recorded_rules
from exportmcda.data.database import SYNTHETIC_NOTICE_EN, SYNTHETIC_NOTICE_KO
from exportmcda.labels import bilingual
from exportmcda.model.explain import sentences
from exportmcda.model.market_views import unit_text, value_text
from exportmcda.model.robustness import one_at_a_time, smaa, weight_space
from exportmcda.robustness.oat import OneAtATime
from exportmcda.robustness.sampling import WeightModel

if TYPE_CHECKING:
    from exportmcda.export.record import Record
    from exportmcda.export.verify import Verification
    from exportmcda.model.market_evidence import MarketEvidence
    from exportmcda.model.selection import Selection

__all__ = [
    "CONCENTRATION",
    "SAMPLES",
    "Briefing",
    "ClosestChange",
    "IndicatorRow",
    "Replay",
    "ShortlistRow",
    "SourceRow",
    "WeightRow",
    "assemble",
]

SAMPLES = 10_000
"""SMAA-2 weight samples (the ``sensitivity`` command's default; ~0.4 s on the sample)."""
CONCENTRATION = 50.0
"""Dirichlet concentration of the weights drawn around the scenario's (as ``sensitivity``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortlistRow:
    """One published technology: rank and score as recorded, the rest from today's data.

    ``name``/``company`` are the database's texts (hostile: escaped when shown);
    ``explanation`` and ``acceptability`` are ``None`` when the technology is no longer a
    candidate of the re-run.
    """

    rank: float
    technology_id: str
    score: float
    name: str | None
    company: str | None
    explanation: str | None
    acceptability: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class WeightRow:
    """A top-level criterion's global weight and the CR of the judgments below it."""

    label: str
    weight: float
    cr: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosestChange:
    """The one-at-a-time weight change nearest to today's weights that alters the shortlist.

    Criterion ``label``'s weight moves from ``current`` to ``to`` (the others rescaled
    proportionally, :func:`exportmcda.robustness.oat.perturbed`); ``leaves`` drop out of
    the top N and ``enters`` come in.
    """

    label: str
    current: float
    to: float
    leaves: tuple[str, ...]
    enters: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorRow:
    """One market indicator of the target, with its year and source."""

    label: str
    value: str
    unit: str
    year: str
    source: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    """One policy document the target's policy fit rests on."""

    id: str
    title: str
    issuer: str
    year: str
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Replay:
    """What re-running the record today gave.

    ``status``: ``identical`` (same shortlist, same input hashes), ``differs`` (a result or
    an input hash changed: ``changed_inputs`` and ``changes`` — (kind, technology id, old
    rank, new rank), kinds as :class:`exportmcda.export.verify.Difference` — say which; those that
    keep their rank with another score are only counted, ``rescored``) or ``current``
    (built from the view on screen, which *is* the record: nothing to re-run).
    """

    status: str
    changed_inputs: tuple[str, ...] = ()
    changes: tuple[tuple[str, str, float | None, float | None], ...] = ()
    rescored: int = 0
    versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    """Everything the one-page briefing shows (see the module docstring)."""

    lang: str
    target: str
    target_name: str
    scenario: str
    scenario_label: str
    created: str
    top: int
    method: str
    normalization: str | None
    candidates: int
    rows: tuple[ShortlistRow, ...]
    weights: tuple[WeightRow, ...]
    goal_cr: float | None
    cr_threshold: float | None
    ri_table: str | None
    samples: int
    seed: int
    closest: ClosestChange | None
    rules: RecordedRules | None
    indicators: tuple[IndicatorRow, ...]
    sources: tuple[SourceRow, ...]
    data_source: str
    data_sha256: str
    synthetic_notice: str | None
    digest: str
    record_format: str
    version: str
    replay: Replay


def _closest(oat: OneAtATime, labels: dict[str, str]) -> ClosestChange | None:
    """The top-N breakpoint nearest to its criterion's current weight, over all criteria."""
    best: tuple[float, ClosestChange] | None = None
    for c in oat.criteria:
        for b in c.breakpoints:
            if b.kind != "top_n":
                continue
            up = b.weight > c.current
            old, new = (b.before, b.after) if up else (b.after, b.before)
            change = ClosestChange(
                label=labels.get(c.criterion, c.criterion),
                current=c.current,
                to=b.weight,
                leaves=tuple(t for t in old if t not in new),
                enters=tuple(t for t in new if t not in old),
            )
            distance = abs(b.weight - c.current)
            if best is None or distance < best[0]:
                best = (distance, change)
    return None if best is None else best[1]


def _weights(selection: Selection, lang: str) -> tuple[tuple[WeightRow, ...], AhpResult | None]:
    """Each top-level criterion's weight and CR; the goal's AHP result (None if direct)."""
    w = selection.weights
    local = w.local
    rows = []
    for c in w.tree.criteria:
        judged = local.get(c.id)
        cr = judged.cr if isinstance(judged, AhpResult) and len(judged.labels) > 2 else None
        rows.append(WeightRow(label=c.label(lang), weight=float(w.criterion_weights[c.id]), cr=cr))
    goal = local.get(w.tree.goal_id)
    return tuple(rows), goal if isinstance(goal, AhpResult) else None


def _indicators(markets: MarketEvidence | None, target: str, lang: str) -> tuple[IndicatorRow, ...]:
    """The target's market indicators (a group's when it has them), each with its source."""
    if markets is None or target not in markets.shown:
        return ()
    rows = []
    for leaf in markets.indicator_leaves:
        value = markets.indicator_values.get((target, leaf.id))
        if value is None:
            continue
        source = value.source
        rows.append(
            IndicatorRow(
                label=leaf.label(lang),
                value=value_text(value.value),
                unit=unit_text(value.unit, lang),
                year=value.year,
                source="" if source is None else f"{source.issuer} ({source.id})",
            )
        )
    return tuple(rows)


def _replay(verification: Verification | None) -> Replay:
    if verification is None:
        return Replay(status="current")
    changes = tuple(
        (d.kind, d.technology_id, d.old_rank, d.new_rank)
        for d in verification.differences
        if d.kind != "rescored"
    )
    rescored = sum(d.kind == "rescored" for d in verification.differences)
    versions = tuple(
        f"{c.name} {c.recorded} → {c.current}" for c in verification.versions if not c.same
    )
    same = verification.reproduced and not verification.changed_inputs
    return Replay(
        status="identical" if same else "differs",
        changed_inputs=verification.changed_inputs,
        changes=changes,
        rescored=rescored,
        versions=versions,
    )


def _rows(
    record: Record,
    selection: Selection,
    rules: RecordedRules | None,
    lang: str,
    acceptability: np.ndarray,
) -> tuple[ShortlistRow, ...]:
    """The published shortlist (the rule-bound one when the record has it), explained today."""
    published: Sequence[tuple[float, str, float]] = (
        rules.shortlist
        if rules is not None and rules.shortlist
        else [(e.rank, e.technology_id, e.score) for e in record.shortlist]
    )
    known = set(selection.result.alternatives)
    present = [tid for _, tid, _ in published if tid in known]
    said = dict(zip(present, sentences(selection, present, lang), strict=True))
    tech = selection.technologies
    rows = []
    for rank, tid, score in published:
        here = tid in known
        rows.append(
            ShortlistRow(
                rank=rank,
                technology_id=tid,
                score=score,
                name=str(tech.at[tid, "technology_name"]) if here else None,
                company=str(tech.at[tid, "company_name"]) if here else None,
                explanation=said.get(tid),
                acceptability=float(acceptability[selection.position(tid)]) if here else None,
            )
        )
    return tuple(rows)


def assemble(
    record: Record,
    selection: Selection,
    *,
    lang: str = "en",
    verification: Verification | None = None,
    markets: MarketEvidence | None = None,
    samples: int = SAMPLES,
    seed: int = 0,
) -> Briefing:
    """The briefing of ``record``, explained and tested for robustness on ``selection``.

    ``selection`` is the record's ranking re-run today (:func:`exportmcda.brief.replay.
    from_record`) or the view the record was just built from (the app); ``verification``
    is the re-run's comparison with the record (``None``: built from the current view).
    ``markets`` gives the target's indicators (none shown without it).
    """
    space = weight_space(selection)
    top = record.top
    n = len(selection.result.alternatives)
    oat = one_at_a_time(space, top_n=min(top, n))
    drawn = smaa(
        space, samples=samples, seed=seed, model=WeightModel.around(space.weights, CONCENTRATION)
    )
    labels = {c.id: c.label(lang) for c in selection.weights.tree.criteria}
    rules = recorded_rules(record, lang)
    weights, goal = _weights(selection, lang)
    synthetic = record.synthetic or selection.synthetic
    notice = bilingual(lang, SYNTHETIC_NOTICE_EN, SYNTHETIC_NOTICE_KO) if synthetic else None
    return Briefing(
        lang=lang,
        target=record.target,
        target_name=selection.country.name(lang),
        scenario=selection.scenario.id,
        scenario_label=selection.scenario.label(lang),
        created=record.created,
        top=top,
        method=record.method,
        normalization=record.normalization,
        candidates=record.candidates,
        rows=_rows(record, selection, rules, lang, drawn.top_n(min(top, n))),
        weights=weights,
        goal_cr=None if goal is None else goal.cr,
        cr_threshold=None if goal is None else goal.threshold,
        ri_table=None if goal is None else goal.ri_table,
        samples=samples,
        seed=seed,
        closest=_closest(oat, labels),
        rules=rules,
        indicators=_indicators(markets, record.target, lang),
        sources=tuple(
            SourceRow(id=s.id, title=s.title, issuer=s.issuer, year=s.year, kind=s.type.label(lang))
            for s in selection.sources()
        ),
        data_source=record.data_source,
        data_sha256=record.data_sha256,
        synthetic_notice=notice,
        digest=_digest(record),
        record_format=record.format,
        version=dict(record.versions).get("exportmcda", "?"),
        replay=_replay(verification),
    )


def _digest(record: Record) -> str:
    """The record's ``digest`` (SHA-256 of its canonical JSON body), as its JSON states it."""
    return str(json.loads(record.to_json())["digest"])
