"""Why a technology ranks where it does, and what it would take to move it up.

For one technology of a :class:`~exportmcda.model.selection.Selection`: its criterion values
against the pool's ideal and anti-ideal (TOPSIS, Hwang & Yoon 1981), each criterion's
weight and contribution (see :func:`exportmcda.model.selection.contributions`), a one-sentence
reason naming the strongest evidence (notes rendered by ``labels.explanation_text``: "Ranks
3rd of 1,044 for Viet Nam (closeness 0.674): deployed in 41 Korean local governments or sites
(top 5%), GS-certified, Traffic is a headline priority of Viet Nam's policy; …"), and — per
criterion — the value that alone would lift it above the technology ranked just above it
(found by bisection on the recomputed closeness, since TOPSIS re-normalises the column when
one value changes).

The other ranking methods are explained with what they define: their own score in the rank
sentence, their additive contributions where the score has them (:mod:`exportmcda.model.
attribution`; VIKOR has none: no "comes mostly from" clause), the weakest criterion by the
weighted min-max distance to the pool's best value, w_j |x_ij - x*_j| / (max_j - min_j)
(the per-criterion distance of SPOTIS with the pool's bounds, Dezert et al. 2020), and no
"what would move it up" search (the bisection recomputes TOPSIS closeness only).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exportmcda.data.database import CERTIFICATIONS
from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import Note
from exportmcda.labels import explanation_text
from exportmcda.model.selection import Selection
from exportmcda.rank.fasttopsis import topsis_closeness
from exportmcda.rank.ranks import descending_with_ties

__all__ = ["Explanation", "explain", "sentences"]

_BISECTION_STEPS = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """The explanation of one technology's rank."""

    technology_id: str
    rank: int  # the integer rank (ties ordered by technology id)
    pool_size: int
    score: float
    sentence: str
    table: pd.DataFrame
    moves: pd.DataFrame
    above: str | None  # technology id ranked just above, if any
    reasons: tuple[Note, ...] = ()  # the sentence as notes (labels.explanation_text)


def _label(selection: Selection, leaf_id: str, lang: str) -> str:
    return selection.weights.tree.leaf(leaf_id).label(lang)


def _needed_value(selection: Selection, i: int, j: int, rival: int) -> float | None:
    """Smallest change of x_ij (towards the ideal) that makes i's closeness beat ``rival``.

    Searches between the current value and the pool's best value on criterion j; returns
    ``None`` when even the best observed value does not suffice.
    """
    r = selection.result
    # Row-major, as the search always ran: the chunked closeness's BLAS row sums (hence a
    # score's last bit) depend on the layout, and the result keeps np.array's layout.
    x = np.array(r.matrix, dtype=float, order="C")
    column = x[:, j]
    benefit = r.types[j] > 0
    best = float(column.max() if benefit else column.min())
    start = float(column[i])
    if best == start:
        return None

    def beats(value: float) -> bool:
        x[i, j] = value
        c = topsis_closeness(x, r.weights, r.types, normalization=r.normalization or "vector")
        x[i, j] = start
        return bool(c[i] > c[rival])

    if not beats(best):
        return None
    lo, hi = start, best
    for _ in range(_BISECTION_STEPS):
        mid = (lo + hi) / 2
        if beats(mid):
            hi = mid
        else:
            lo = mid
    return hi


def explain(
    selection: Selection, technology_id: str, lang: str = "en", *, with_moves: bool = True
) -> Explanation:
    """Explain the rank of ``technology_id`` in ``selection`` (labels in ``lang``).

    ``with_moves=False`` skips the "what would move it up" search (one bisection of TOPSIS per
    criterion, ~0.1 s on the sample): exports that need only the sentence use it.
    """
    r = selection.result
    i = selection.position(technology_id)
    n = len(r.alternatives)
    contribution = _parts(selection, np.array([i]))[0]
    benefit = r.types > 0
    ideal_raw = np.where(benefit, r.matrix.max(axis=0), r.matrix.min(axis=0))
    anti_raw = np.where(benefit, r.matrix.min(axis=0), r.matrix.max(axis=0))
    gap = _gaps(selection, np.array([i]))[0]
    table = pd.DataFrame(
        {
            "criterion": list(r.criteria),
            "label": [_label(selection, c, lang) for c in r.criteria],
            "direction": ["benefit" if b else "cost" for b in benefit],
            "value": r.matrix[i],
            "ideal": ideal_raw,
            "anti_ideal": anti_raw,
            "weight": r.weights,
            "contribution": contribution,
            "gap_to_ideal": gap,
        }
    )
    position = int(np.nonzero(r.order == i)[0][0])
    above = None if position == 0 else int(r.order[position - 1])
    # ties: the one "above" may share the same score; move past ties to a strictly better one
    while above is not None and r.scores[above] == r.scores[i] and position > 0:
        position -= 1
        above = None if position == 0 else int(r.order[position - 1])
    needed: list[float | None] = []
    for j in range(len(r.criteria)):
        if above is None or r.weights[j] == 0 or not with_moves or r.method != "topsis":
            needed.append(None)
        else:
            needed.append(_needed_value(selection, i, j, above))
    moves = pd.DataFrame(
        {
            "criterion": list(r.criteria),
            "label": [_label(selection, c, lang) for c in r.criteria],
            "value": r.matrix[i],
            "needed": pd.array(needed, dtype="Float64"),
        }
    )
    pool = _Pool.of(selection, lang)
    reasons = _reasons(selection, pool, i, contribution, gap, int(r.ordinal_ranks[i]) - 1)
    sentence = explanation_text(reasons, lang, pool.names)
    return Explanation(
        technology_id=technology_id, rank=int(r.ordinal_ranks[i]), pool_size=n,
        score=float(r.scores[i]), sentence=sentence, reasons=reasons, table=table, moves=moves,
        above=None if above is None else str(r.alternatives[above]),
    )


def sentences(selection: Selection, technology_ids: Sequence[str], lang: str = "en") -> list[str]:
    """The one-sentence explanation of each technology, as :func:`explain` words it.

    What the explanations share (the pool's evidence columns, their sorted values for the
    "top x %" shares, the display names) is computed once, so explaining every row of a
    full ranking costs about as much per row as one explanation of the sample (an export
    of 10^5 rows used to re-scan the pool for each row: hours instead of seconds).
    """
    r = selection.result
    pool = _Pool.of(selection, lang)
    rows = np.array([selection.position(t) for t in technology_ids], dtype=np.intp)
    gaps = _gaps(selection, rows)
    parts = _parts(selection, rows)
    positions = r.ordinal_ranks[rows] - 1
    rendered: dict[object, str] = {}
    return [
        explanation_text(
            _reasons(selection, pool, int(i), parts[k], gaps[k], int(positions[k])), lang,
            pool.names, rendered,
        )
        for k, i in enumerate(rows.tolist())
    ]


def _parts(selection: Selection, rows: np.ndarray) -> np.ndarray:
    """The contributions of ``rows`` (NaN for a method without any: VIKOR)."""
    if selection.has_contributions:
        return selection.contributions_of(rows)
    return np.full((len(rows), len(selection.criteria)), np.nan)


def _gaps(selection: Selection, rows: np.ndarray) -> np.ndarray:
    """How far each of ``rows`` is from the best, per criterion (see the module doc).

    TOPSIS: |v+_j - v_ij| in the weighted normalised matrix. Other methods: the weighted
    min-max distance to the pool's best value (0 on a constant column).
    """
    r = selection.result
    v, pis = r.table_rows("wnmatrix", rows), r.ideal
    if v is not None and pis is not None:
        gap: np.ndarray = np.abs(pis - v)
        return gap
    x = r.matrix
    low, high = x.min(axis=0), x.max(axis=0)
    best = np.where(r.types > 0, high, low)
    span = high - low
    distance = np.divide(np.abs(x[rows] - best), span, out=np.zeros((len(rows), x.shape[1])),
                         where=span > 0)
    weighted: np.ndarray = distance * r.weights
    return weighted


def position_of(order: np.ndarray, i: int) -> int:
    """0-based position of alternative ``i`` in the ranking ``order``."""
    return int(np.nonzero(order == i)[0][0])


TOP_PERCENT = 25
"""A count is cited when the technology is in the top quarter of the pool on it."""
MAX_EVIDENCE = 3
"""At most this many pieces of technology-level evidence are cited (the strongest first)."""
NATIONAL_CERTIFICATIONS = tuple(CERTIFICATIONS)


def _certified(cert: str) -> Note:
    """The note citing one national certification (one code each: its name is translated)."""
    if cert == "GS":
        return Note.of("why_cert_gs")
    if cert == "NEP":
        return Note.of("why_cert_nep")
    if cert == "NET":
        return Note.of("why_cert_net")
    return Note.of("why_cert_inno")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Pool:
    """What the explanations of one selection share, computed once (see :func:`sentences`).

    ``counts``: each count column by technology (float, NaN where not known); ``ranked``:
    its known values sorted (how many are at least a value: one binary search);
    ``codes``: each ``;``-list column (None where empty); ``names``: the display names.
    """

    size: int
    counts: dict[str, np.ndarray]
    ranked: dict[str, np.ndarray]
    codes: dict[str, list[str | None]]
    names: dict[str, str]
    policy: bool

    @classmethod
    def of(cls, selection: Selection, lang: str) -> _Pool:
        tech = selection.technologies
        counts, ranked, codes = {}, {}, {}
        for column in ("domestic_sites", "overseas_sites", "patents", "trl"):
            if column in tech.columns:
                values = tech[column].astype("Float64").to_numpy(dtype=np.float64,
                                                                 na_value=np.nan)
                counts[column] = values
                ranked[column] = np.sort(values[~np.isnan(values)])
        for column in ("export_countries", "certifications"):
            if column in tech.columns:
                codes[column] = [None if pd.isna(v) else str(v)
                                 for v in tech[column].to_numpy(dtype=object)]
        policy = any(selection.weights.tree.leaf(c).measure == "policy_fit"
                     for c in selection.result.criteria)
        return cls(size=len(tech), counts=counts, ranked=ranked, codes=codes,
                   names=_names(selection, lang), policy=policy)

    def count(self, column: str, i: int) -> int | None:
        """Technology ``i``'s value of a count column (None when not known or absent)."""
        values = self.counts.get(column)
        if values is None or np.isnan(values[i]):
            return None
        return int(values[i])

    def top_percent(self, column: str, value: float) -> int:
        """Share of the pool with a value at least ``value``, in whole percent (rounded up).

        Unknown values count in the pool but never as at least ``value``.
        """
        known = self.ranked[column]
        at_least = len(known) - int(np.searchsorted(known, value, side="left"))
        return math.ceil(100 * at_least / max(self.size, 1))


def _evidence(selection: Selection, pool: _Pool, i: int) -> list[Note]:
    """The technology-level evidence worth citing, strongest first (see the module doc)."""
    found: list[Note] = []
    exported = pool.codes["export_countries"][i] if "export_countries" in pool.codes else None
    if exported is not None:
        codes = exported.split(";")
        if selection.country.code in codes:
            found.append(Note.of("why_exported_to_target", country=selection.country.code))
    domestic = pool.count("domestic_sites", i)
    if domestic is not None and domestic > 0:
        top = pool.top_percent("domestic_sites", float(domestic))
        if top <= TOP_PERCENT:
            found.append(Note.of("why_domestic_sites", n=domestic, top=top))
    overseas = pool.count("overseas_sites", i)
    if overseas is not None and overseas > 0:
        if exported:
            found.append(Note.of("why_overseas_sites", n=overseas,
                                 countries=exported.replace(";", ", ")))
        else:
            found.append(Note.of("why_overseas_sites_only", n=overseas))
    held_text = pool.codes["certifications"][i] if "certifications" in pool.codes else None
    if held_text is not None:
        held = held_text.split(";")
        for cert in NATIONAL_CERTIFICATIONS:  # the vocabulary's order: GS, NEP, NET, INNO
            if cert in held:
                found.append(_certified(cert))
    patents = pool.count("patents", i)
    if patents is not None and patents > 0:
        top = pool.top_percent("patents", float(patents))
        if top <= TOP_PERCENT:
            found.append(Note.of("why_patents", n=patents, top=top))
    if pool.count("trl", i) == 9:
        found.append(Note.of("why_trl"))
    return found[:MAX_EVIDENCE]


def _policy(selection: Selection, pool: _Pool, i: int) -> Note | None:
    """The target's priority of the technology's primary field, when one counts at all.

    The primary field is the first of :meth:`Selection.policy_fields` (the best-fitting
    field on the evidence); "headline" when the target rates it 2, else "mentioned".
    """
    r = selection.result
    if not pool.policy:
        return None
    fields = selection.policy_fields(str(r.alternatives[i]))
    if not fields:
        return None
    primary = fields[0]
    headline = selection.country.field(primary).priority >= 2
    code = "why_policy_headline" if headline else "why_policy_mentioned"
    return Note.of(code, field=FIELDS[primary - 1].en, country=selection.country.code)


def _reasons(
    selection: Selection, pool: _Pool, i: int, contribution: np.ndarray, gap: np.ndarray,
    position: int,
) -> tuple[Note, ...]:
    """The explanation as notes: the rank, the strongest evidence, the weakest criterion.

    The first note is the rank (``explain_rank``); then up to :data:`MAX_EVIDENCE` pieces of
    technology-level evidence (already exported to the target; domestic sites and patents
    when in the top :data:`TOP_PERCENT` % of the pool; deployments abroad; national
    certifications; TRL 9), then the target's policy priority of its field; when none of
    these applies, the two criteria its score comes mostly from. The last note is the
    criterion on which it is furthest from the ideal. ``labels.explanation_text`` renders them.
    """
    r = selection.result
    weighted = r.weights > 0
    code = "explain_rank" if r.method == "topsis" else f"explain_rank_{r.method}"
    notes = [Note.of(code, rank=position + 1, n=len(r.alternatives),
                     country=selection.country.code, score=float(r.scores[i]))]
    notes += _evidence(selection, pool, i)
    policy = _policy(selection, pool, i)
    if policy is not None:
        notes.append(policy)
    # "comes mostly from": shares of a higher-is-better score whose parts are all >= 0
    # (TOPSIS, weighted sum; not VIKOR's NaN, nor negative PROMETHEE flows or SPOTIS
    # distances, of which no share is "where the score comes from")
    shares_mean = r.higher_is_better and bool(np.all(contribution >= 0))
    if len(notes) == 1 and shares_mean:
        total = float(contribution.sum())
        leading = [j for j in descending_with_ties(contribution.tolist()) if weighted[j]][:2]
        shares = [float(contribution[j]) / total if total > 0 else 0.0 for j in leading]
        if len(leading) == 2:
            notes.append(Note.of("why_mostly", first=r.criteria[leading[0]], first_share=shares[0],
                                 second=r.criteria[leading[1]], second_share=shares[1]))
        elif leading:
            notes.append(Note.of("why_mostly_one", first=r.criteria[leading[0]],
                                 first_share=shares[0]))
    far = [j for j in descending_with_ties(gap.tolist()) if weighted[j]]
    if far:
        notes.append(Note.of("why_furthest", criterion=r.criteria[far[0]]))
    return tuple(notes)


def _names(selection: Selection, lang: str) -> dict[str, str]:
    """Display names in ``lang`` of the ids the notes carry: criteria, fields, the target."""
    names = {c: _label(selection, c, lang) for c in selection.result.criteria}
    names.update({f.en: f.name(lang) for f in FIELDS})
    names[selection.country.code] = selection.country.name(lang)
    return names
