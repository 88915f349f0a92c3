"""Select technologies for export to a target: score → weight → rank → explain.

This is the study's stated aim (Kim 2021, §I "a plan for selecting Korea smart city export
technologies") as one call: :func:`select` scores every technology on the criteria
(``criteria``), weighs them with a scenario (``scenarios``, AHP), ranks them with TOPSIS
(``ranking``; vector normalisation, Hwang & Yoon 1981) and keeps everything needed to
explain each rank: criterion values, weights, each criterion's contribution, distances to
the ideal and anti-ideal, the country sources the policy fit rests on, and the provenance.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from exportmcda.ahp.priorities import AhpResult
from exportmcda.data.countries import CountryProfile, EvidenceLevel, Source, SourceType
from exportmcda.data.database import Database, Provenance
from exportmcda.data.table import release_freed_texts
from exportmcda.data.taxonomy import (
    COMPANY_SIZES,
    FIELDS,
    REGIONS,
    SERVICE_TYPES,
    Dimension,
    lookup,
)
from exportmcda.errors import ConfigError, InputError, JudgmentError, Note
from exportmcda.model.attribution import contributions_note, criterion_parts, has_parts
from exportmcda.model.criteria import CriteriaTree
from exportmcda.model.measures import CriterionScores, evidence_passes, field_fit, score
from exportmcda.model.scenarios import (
    Scenario,
    ScenarioWeights,
    leave_out,
    scenario_weights,
)
from exportmcda.rank import pymcdm_adapter
from exportmcda.rank.engine import METHODS, RankResult, rank_matrix
from exportmcda.rank.inputs import check_shape, check_values, check_weights, types_vector

__all__ = [
    "Candidates",
    "Filters",
    "Selection",
    "contributions",
    "describe_technologies",
    "prepare",
    "rank_candidates",
    "select",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """Which technologies are candidates; empty tuples mean "all".

    Filters define the candidate pool *before* ranking (TOPSIS's ideal and anti-ideal are
    those of the pool); criterion values such as domestic utilization stay computed over
    the whole database, since they describe Korea's use, not the pool.
    """

    fields: tuple[int, ...] = ()
    service_types: tuple[int, ...] = ()
    company_sizes: tuple[int, ...] = ()
    regions: tuple[int, ...] = ()

    @classmethod
    def parse(
        cls,
        *,
        fields: Sequence[str | int] = (),
        service_types: Sequence[str | int] = (),
        company_sizes: Sequence[str | int] = (),
        regions: Sequence[str | int] = (),
    ) -> Filters:
        """Build filters from numbers or English/Korean names (ConfigError if unknown)."""

        def numbers(dim: Dimension, values: Sequence[str | int], name: str) -> tuple[int, ...]:
            out = []
            for value in values:
                cat = lookup(dim, value)
                if cat is None:
                    raise ConfigError.single(
                        f"unknown_{dim.value}", f"unknown {name} in the filter", field=name,
                        value=value,
                    )
                out.append(cat.number)
            return tuple(out)

        return cls(
            fields=numbers(Dimension.FIELD, fields, "field"),
            service_types=numbers(Dimension.SERVICE_TYPE, service_types, "service_type"),
            company_sizes=numbers(Dimension.COMPANY_SIZE, company_sizes, "company_size"),
            regions=numbers(Dimension.REGION, regions, "region"),
        )

    def mask(self, db: Database, index: pd.Index) -> pd.Series:
        """Boolean Series over ``index`` (technology ids): True for candidates."""
        rows = db.rows
        keep = pd.Series(True, index=rows.index)
        if self.fields:
            keep &= rows["field"].isin(self.fields)
        if self.service_types:
            keep &= rows["service_type"].isin(self.service_types).fillna(False).astype(bool)
        if self.company_sizes:
            keep &= rows["company_size"].isin(self.company_sizes)
        if self.regions:
            keep &= rows["region"].isin(self.regions)
        chosen = set(rows.loc[keep, "technology_id"])
        return pd.Series([t in chosen for t in index], index=index)

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.fields or self.service_types or self.company_sizes or self.regions)


def _sequences(
    keys: pd.Series, values: pd.Series
) -> tuple[pd.Index, np.ndarray, list[tuple[int, ...]]]:
    """Per key, the numbers ``values`` holds on its rows, in row order: each list once.

    Returns the keys in order of first appearance, per key the place of its list among the
    distinct lists, and those lists (an NA value is ``0``). A technology's fields and
    service types are a few short lists from small taxonomies: the per-key lists are laid
    out as rows of a small integer grid and the distinct rows found at once, with no
    Python object per key or per row (a tuple and a slice per technology cost about
    170 MB at the peak for 565,000 technologies; issue 13, item 10). The keys are
    factorised as the column holds them (Arrow text: no Python string per row).
    """
    codes, uniques = pd.factorize(keys)
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes, minlength=len(uniques))
    starts = np.cumsum(counts) - counts
    position = np.arange(len(order)) - np.repeat(starts, counts)
    shifted = values.fillna(0).to_numpy(dtype=np.int64)[order] + 1  # 0 marks "no value"
    grid = np.zeros((len(uniques), int(counts.max(initial=0))), dtype=np.int64)
    grid[np.repeat(np.arange(len(uniques)), counts), position] = shifted
    # The distinct rows of the grid, column by column: the number of a row's first j
    # values (at most one per key) times the base, plus its next value, factorised again.
    base = int(grid.max(initial=0)) + 1
    inverse = np.zeros(len(uniques), dtype=np.int64)
    for j in range(grid.shape[1]):
        inverse = pd.factorize(inverse * base + grid[:, j])[0]
    first = np.zeros(int(inverse.max(initial=-1)) + 1, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]  # each list's first key
    lists = [tuple(number - 1 for number in row if number) for row in grid[first].tolist()]
    return pd.Index(uniques), inverse, lists


def _shared(items: list[Any], inverse: np.ndarray) -> np.ndarray:
    """An object array holding ``items[inverse[i]]`` at ``i`` (each item shared, not copied)."""
    table = np.empty(len(items), dtype=object)
    for k, item in enumerate(items):  # (a slice assignment would unpack tuples)
        table[k] = item
    shared: np.ndarray = table[inverse]
    return shared


def _aligned(values: pd.Series, index: pd.Index) -> pd.Series:
    """``values`` in ``index``'s order, without a lookup when it is that order already.

    The per-technology tables come in the rows' order of first appearance, as
    :func:`_sequences` gives the keys: comparing the labels (in Arrow) then replaces a hash
    table of every technology id (issue 13, item 10).
    """
    if values.index.equals(index):
        return values.set_axis(index)
    return values.reindex(index)


def _name(tech: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """A name column in ``lang``: the optional Korean name (``<column>_ko``) where given."""
    korean = f"{column}_ko"
    if lang != "ko" or korean not in tech.columns:
        return tech[column]
    return tech[korean].where(tech[korean].notna(), tech[column])


def _named_lists(
    rows: pd.DataFrame, column: str, names: dict[int, str], *, distinct: bool
) -> pd.Series:
    """Per technology, the names of the numbers ``column`` holds on its rows, joined.

    :func:`_joined` makes one string per distinct list; :func:`_shared` shares it.
    """
    ids, inverse, lists = _sequences(rows["technology_id"], rows[column])
    texts: dict[tuple[str | None, ...], str] = {}
    return pd.Series(_shared([
        _joined(texts, tuple(names.get(n) for n in numbers), distinct) for numbers in lists
    ], inverse), index=ids, dtype=object)


def _joined(
    known: dict[tuple[str | None, ...], str], names: tuple[str | None, ...], distinct: bool
) -> str:
    """``names`` joined with " · " (``distinct``: each once, none left out, "–" if empty)."""
    text = known.get(names)
    if text is None:
        if distinct:
            text = " · ".join(dict.fromkeys(n for n in names if n is not None)) or "–"
        else:
            text = " · ".join(n or "" for n in names)  # (a field always has a name)
        known[names] = text
    return text


def describe_technologies(
    db: Database, lang: str = "en", *, profiles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per technology: name, company, fields, service type, region, size (names).

    Names follow ``lang``: the Korean interface shows ``technology_name_ko`` and
    ``company_name_ko`` where the database gives them, the original names otherwise. The
    database's evidence columns follow, raw (what an explanation cites). ``profiles``:
    ``db.technology_profiles()`` when the caller has it already (see :func:`prepare`).
    """
    rows = db.rows
    field_names = {c.number: c.name(lang) for c in FIELDS}
    service_names = {c.number: c.name(lang) for c in SERVICE_TYPES}
    # One string per distinct list of names, shared by every technology that has it: the
    # lists are few (fields and service types are taxonomies) and a string per technology
    # took about 90 MB at 565,000 technologies. No Python function per group: a groupby
    # took ~100 ms of every ``rank`` command for 1,044 technologies, and minutes at 10^6.
    fields = _named_lists(rows, "field", field_names, distinct=False)
    services = _named_lists(rows, "service_type", service_names, distinct=True)
    tech = db.technology_profiles() if profiles is None else profiles
    region_names = {c.number: c.name(lang) for c in REGIONS}
    size_names = {c.number: c.name(lang) for c in COMPANY_SIZES}
    return pd.DataFrame(
        {
            "technology_name": _name(tech, "technology_name", lang),
            "company_id": tech["company_id"],
            "company_name": _name(tech, "company_name", lang),
            "field": _aligned(fields, tech.index),
            "service_type": _aligned(services, tech.index),
            "region": tech["region"].map(region_names),
            "company_size": tech["company_size"].map(size_names),
            **{column: tech[column] for column in db.evidence_columns},
        },
        index=tech.index,
    )


def contributions(result: RankResult, rows: np.ndarray | None = None) -> np.ndarray:
    """Each criterion's share of each alternative's TOPSIS closeness (rows sum to C_i).

    ``rows`` (alternative indices) computes only those rows, in that order, each equal to
    its row of the whole table: the arithmetic is per row (a display or an export asks
    for the rows it shows; the whole table is as large as the decision matrix).

    TOPSIS closeness C_i = D-_i / (D+_i + D-_i) is not additive over criteria; for display
    it is apportioned by each criterion's share of the squared separation from the
    anti-ideal, D-_i^2 = sum_j (v_ij - v-_j)^2 (Hwang & Yoon 1981, the separation measure):
    contribution_ij = C_i * (v_ij - v-_j)^2 / D-_i^2. An alternative at the anti-ideal on
    every criterion has C_i = 0 and no contributions.
    """
    if rows is None:
        rows = np.arange(len(result.alternatives))
    v, nis = result.table_rows("wnmatrix", rows), result.anti_ideal
    if v is None or nis is None:
        raise ConfigError.single("not_topsis", "contributions are defined for TOPSIS results")
    gap = (v - nis) ** 2
    total = gap.sum(axis=1, keepdims=True)
    share = np.divide(gap, total, out=np.zeros_like(gap), where=total > 0)
    parts: np.ndarray = share * result.scores[rows][:, None]
    return parts


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """A ranked candidate pool for one target, with everything needed to explain it."""

    country: CountryProfile
    scenario: Scenario
    weights: ScenarioWeights
    scores: CriterionScores
    result: RankResult
    technologies: pd.DataFrame  # describe_technologies of the pool, in matrix order
    filters: Filters
    provenance: Provenance
    pool_fields: tuple[int, ...] = ()
    fields_of: pd.Series | None = None  # technology_id -> tuple of its field numbers
    notes: tuple[Note, ...] = ()
    _cache: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # What every technology's explanation or record shares, computed on first use
        # (positions by id, the policy fit per field set): a full ranking asks per row.
        object.__setattr__(self, "_cache", {})

    @property
    def contributions(self) -> np.ndarray:
        """Each criterion's share of each technology's closeness (see :func:`contributions`).

        Every row, computed on each access (as large as the decision matrix: 45 MB at
        565,000 technologies); :meth:`contributions_of` computes the rows one shows.
        """
        return self.contributions_of(np.arange(len(self.result.alternatives)))

    @property
    def has_contributions(self) -> bool:
        """Whether the method's score has per-criterion parts (all but VIKOR).

        TOPSIS: apportioned (:func:`contributions`); weighted sum, PROMETHEE II, SPOTIS:
        exactly additive (:mod:`exportmcda.model.attribution`).
        """
        return has_parts(self.result.method)

    def contributions_of(self, rows: np.ndarray) -> np.ndarray:
        """The rows ``rows`` (matrix positions) of :attr:`contributions`, only those.

        For the methods other than TOPSIS, the method's own additive parts
        (:func:`~exportmcda.model.attribution.criterion_parts`, computed once); a
        ``ConfigError`` ``contributions_undefined`` for VIKOR (see :attr:`has_contributions`).
        """
        rows = np.asarray(rows, dtype=np.intp)
        if self.result.method == "topsis":
            return contributions(self.result, rows)
        if "parts" not in self._cache:
            self._cache["parts"] = criterion_parts(self.result)
        parts = self._cache["parts"]
        if parts is None:
            label = METHODS[self.result.method].label
            raise ConfigError.single(
                "contributions_undefined", f"{label} has no per-criterion contributions",
                value=self.result.method,
            )
        shown: np.ndarray = parts[rows]
        return shown

    @property
    def synthetic(self) -> bool:
        """Whether the ranking rests on the synthetic sample database."""
        return self.provenance.synthetic

    @property
    def criteria(self) -> tuple[str, ...]:
        """Leaf ids, in matrix column order."""
        return self.result.criteria

    @property
    def leaf_weights(self) -> dict[str, float]:
        """Global weight of each leaf."""
        return dict(zip(self.result.criteria, self.result.weights.tolist(), strict=True))

    def method_note(self) -> Note:
        """The method choices behind this ranking, for every result to print (README promise).

        ``ranking_method``: the ranking method and its normalisation as the engine recorded
        them, and how the weights came about: AHP (the priority method, the largest CR over
        the hierarchy's judged nodes and the random-index table it was computed with) or
        ``ranking_method_direct`` when the scenario states weights directly.
        """
        ahp = [r for r in self.weights.local.values() if isinstance(r, AhpResult)]
        common = {
            "method": METHODS[self.result.method].label,
            "normalization": self.result.normalization or "none",
            "scenario": self.scenario.id,
        }
        if not ahp:
            return Note.of("ranking_method_direct", **common)
        return Note.of(
            "ranking_method", **common, ahp_method=ahp[0].method,
            max_cr=max(r.cr for r in ahp), ri_table=ahp[0].ri_table,
        )

    def top_ids(self, n: int | None = None) -> tuple[str, ...]:
        """The shortlist: the first ``n`` technologies by integer rank (all when ``None``).

        This is the one definition of "the top N" used by ``rank``, ``compare``, ``export``,
        ``sensitivity``, the app and the audit record: ties are ordered by technology id
        (the engine's tie rule), so the set does not depend on the order of the rows.
        """
        return tuple(self.result.alternatives[i] for i in self._top(n))

    def cut_off_ties(self, n: int | None) -> tuple[str, ...]:
        """Technologies tied with a member of the top ``n`` that the tie rule leaves out."""
        if not n:
            return ()
        r = self.result
        return tuple(r.alternatives[i] for i in r.ties.cut_off_ties(n))

    def cut_off_note(self, n: int | None) -> Note | None:
        """The ``cut_off_ties`` note for a top ``n`` (None when no tie straddles the cut)."""
        left = self.cut_off_ties(n)
        if not n or not left:
            return None
        r = self.result
        last = int(r.order[n - 1])
        kept = [r.alternatives[i] for i in r.order[:n] if r.ties.groups[i] == r.ties.groups[last]]
        return Note.of("cut_off_ties", n=n, kept=", ".join(kept), left=", ".join(left),
                       shared=int(r.shared_ranks[last]))

    def notes_for(self, n: int | None) -> tuple[Note, ...]:
        """The selection's notes plus, for a top ``n``, the cut-off note (if any)."""
        note = self.cut_off_note(n)
        return self.notes if note is None else (*self.notes, note)

    def _top(self, top: int | None) -> np.ndarray:
        order = self.result.order
        return order[:top] if top else order

    def table(
        self,
        top: int | None = None,
        *,
        start: int = 0,
        stop: int | None = None,
        ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Ranked rows (``top``: the first ``top`` of :meth:`top_ids`).

        Columns: rank, shared_rank, tied_with, technology, company, field, service type,
        region, size, score.
        ``rank`` is the unique integer rank, ``shared_rank`` the competition rank
        (ties share the best position), ``tied_with`` the list of tied technology ids.
        ``start``/``stop`` take a slice of those rows (an export writes a long ranking in
        slices). ``ids`` lists other rows instead of the top (a rule-bound shortlist), in
        the order given, each with its rank in this ranking.
        """
        order = self._top(top) if ids is None else np.array(
            [self.position(i) for i in ids], dtype=np.intp)
        order = order[start:stop]
        described = self.technologies.iloc[order]
        r = self.result
        frame = pd.DataFrame(
            {
                "rank": r.ordinal_ranks[order],
                "shared_rank": r.shared_ranks[order],
                "tied_with": [r.tied_with(int(i)) for i in order],
                "technology_id": described.index,
                "technology_name": described["technology_name"].to_numpy(),
                "company_name": described["company_name"].to_numpy(),
                "field": described["field"].to_numpy(),
                "service_type": described["service_type"].to_numpy(),
                "region": described["region"].to_numpy(),
                "company_size": described["company_size"].to_numpy(),
                "score": r.scores[order],
            }
        )
        return frame

    def contribution_frame(self, top: int | None = None) -> pd.DataFrame:
        """Long table (technology_id, rank, criterion, contribution) for stacked bars."""
        order = self._top(top)
        ids = self.technologies.index[order]
        parts = self.contributions_of(order)
        return pd.DataFrame(
            {
                "technology_id": np.repeat(ids.to_numpy(), len(self.criteria)),
                "rank": np.repeat(self.result.ordinal_ranks[order], len(self.criteria)),
                "criterion": np.tile(np.array(self.criteria, dtype=object), len(ids)),
                "contribution": parts.ravel(),
            }
        )

    def records(self, top: int | None = None) -> list[dict[str, Any]]:
        """Rows of the ``exportmcda rank`` JSON contract, in rank order.

        Each row: ``rank, technology_id, technology_name, company_name, score, criteria``
        (leaf id → criterion value) plus ``company_id, field, service_type, region,
        company_size, contributions, d_plus, d_minus, policy_fit_sources`` (the country
        source ids behind its policy-fit value), ``shared_rank`` and ``tied_with``.
        ``rank`` is the unique integer rank (see :meth:`top_ids` for the tie rule).
        ``d_plus``/``d_minus`` are TOPSIS's and null for the other methods;
        ``contributions`` is null for VIKOR, which has none (:attr:`has_contributions`).
        """
        r = self.result
        order = self._top(top)
        d_plus, d_minus = r.d_plus, r.d_minus
        tech = self.technologies

        # The rows asked first, then Python objects: a whole column as objects was 565,000
        # strings per column for a top 20 (bench/README.md, memory at 10^6 rows).
        def texts(column: str) -> list[str]:
            return [str(v) for v in tech[column].iloc[order].to_numpy(dtype=object)]

        ids = [str(v) for v in tech.index[order].to_numpy(dtype=object)]
        columns = {c: texts(c) for c in ("technology_name", "company_name", "company_id",
                                         "field", "service_type", "region", "company_size")}
        values = r.matrix[order].tolist()
        parts = self.contributions_of(order).tolist() if self.has_contributions else None
        plus = None if d_plus is None else d_plus[order].tolist()
        minus = None if d_minus is None else d_minus[order].tolist()
        ranks, shared = r.ordinal_ranks[order].tolist(), r.shared_ranks[order].tolist()
        scores = r.scores[order].tolist()
        out = []
        for k, i in enumerate(order.tolist()):
            out.append(
                {
                    "rank": ranks[k],
                    "technology_id": ids[k],
                    "technology_name": columns["technology_name"][k],
                    "company_name": columns["company_name"][k],
                    "score": scores[k],
                    "criteria": dict(zip(r.criteria, values[k], strict=True)),
                    "company_id": columns["company_id"][k],
                    "field": columns["field"][k],
                    "service_type": columns["service_type"][k],
                    "region": columns["region"][k],
                    "company_size": columns["company_size"][k],
                    "contributions": None if parts is None
                    else dict(zip(r.criteria, parts[k], strict=True)),
                    "d_plus": None if plus is None else plus[k],
                    "d_minus": None if minus is None else minus[k],
                    "policy_fit_sources": self._sources_at(i, ids[k]),
                    "shared_rank": shared[k],
                    "tied_with": r.tied_with(i),
                }
            )
        return out

    def evidence_level(self) -> EvidenceLevel:
        """The target profile's evidence label after this ranking's evidence rule.

        :meth:`CountryProfile.evidence_level` of the sources left once ``min_source`` and
        ``sourced_only`` are applied (e.g. India: "moderate" with any source, "none" with
        official sources only).
        """
        rule = self._evidence_rule()
        floor = rule.get("min_source")
        return self.country.evidence_level(str(floor) if floor else None,
                                           bool(rule.get("sourced_only", False)))

    def policy_fields(self, technology_id: str) -> list[int]:
        """The technology's fields that enter its policy-fit value, primary field first.

        The fields whose priority counts (non-zero and meeting the evidence rule), ordered
        by their field value (:func:`~exportmcda.model.measures.field_fit`; the database
        order among equals): the first is the primary field of ``aggregate =
        "primary_mean"`` (and ``"primary_plus"``). With ``aggregate = "max"`` only the
        fields at the maximum enter.
        """
        fields = self._fields(technology_id)
        return [] if fields is None else list(self._policy(fields)[0])

    def policy_sources(self, technology_id: str) -> list[str]:
        """Ids of the country sources behind a technology's policy-fit value.

        The sources (meeting the evidence rule) of the fields in :meth:`policy_fields`,
        primary field first; empty when no priority counts ("not found in the sources
        checked").
        """
        fields = self._fields(technology_id)
        return [] if fields is None else list(self._policy(fields)[1])

    def _sources_at(self, i: int, technology_id: str) -> list[str]:
        """:meth:`policy_sources` of the technology at matrix row ``i``.

        Read by position where ``fields_of`` is in matrix order (as :func:`rank_candidates`
        builds it): a top 20 then needs no dictionary of every technology's fields (about
        50 MB at 565,000 technologies), which :meth:`policy_sources` builds once.
        """
        fields_of = self.fields_of
        if fields_of is not None and i < len(fields_of) and fields_of.index[i] == technology_id:
            found = fields_of.iloc[i]
            if isinstance(found, tuple):
                return list(self._policy(found)[1])
        return self.policy_sources(technology_id)

    def _fields(self, technology_id: str) -> tuple[int, ...] | None:
        """The technology's field numbers (None when the pool does not list it)."""
        if self.fields_of is None:
            return None
        by_id = self._cache.get("fields_of")
        if by_id is None:
            by_id = self._cache["fields_of"] = self.fields_of.to_dict()
        found = by_id.get(technology_id)
        return None if found is None else tuple(found)

    def _policy(self, fields: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """Policy fields and source ids of one set of fields, computed once per set.

        Many technologies share a set of fields, and the target's field values
        (:func:`~exportmcda.model.measures.field_fit`) are the same for all of them.
        """
        known = self._cache.setdefault("policy", {})
        if fields in known:
            return known[fields]  # type: ignore[no-any-return]
        if "field_fit" not in self._cache:
            self._cache["field_fit"] = field_fit(self.country, self._evidence_rule())[0]
        values = self._cache["field_fit"]
        params = self._evidence_rule()
        chosen = [int(f) for f in fields if self._counts(int(f))]
        chosen.sort(key=lambda f: -values[f - 1])
        if chosen and str(params.get("aggregate", "max")) == "max":
            chosen = [f for f in chosen if values[f - 1] == values[chosen[0] - 1]]
        ids: dict[str, None] = {}
        for f in chosen:
            ids.update(dict.fromkeys(
                source.id for source in self.country.field(f).sources
                if self._strong_enough(source)
            ))
        known[fields] = (tuple(chosen), tuple(ids))
        return known[fields]  # type: ignore[no-any-return]

    def position(self, technology_id: str) -> int:
        """Matrix row of a technology of the pool (ConfigError if not a candidate)."""
        at = self._cache.get("positions")
        if at is None:  # built once: an export explains every row it writes
            at = self._cache["positions"] = {}
            for k, tid in enumerate(self.technologies.index.tolist()):
                at[tid] = -1 if tid in at else k  # -1: listed twice, not one position
        found = at.get(technology_id, -1)
        if found >= 0:
            return int(found)
        raise ConfigError.single(
            "unknown_technology", "not a technology of this ranking", value=technology_id
        )

    def _evidence_rule(self) -> dict[str, Any]:
        for leaf in self.weights.tree.leaves:
            if leaf.measure == "policy_fit":
                return dict(leaf.params)
        return {}

    def _strong_enough(self, source: Source) -> bool:
        floor = self._evidence_rule().get("min_source")
        return not floor or source.type.strength >= SourceType(str(floor)).strength

    def _counts(self, number: int) -> bool:
        """Whether the target's priority for field ``number`` enters the policy fit."""
        priority = self.country.field(number)
        return priority.priority > 0 and evidence_passes(priority, self._evidence_rule())

    def sources(self) -> tuple[Source, ...]:
        """The country sources behind the policy-fit values of the pool's fields.

        Only priorities that count (non-zero, and meeting the scenario's evidence rule).
        """
        found: dict[str, Source] = {}
        for number in self.pool_fields:
            priority = self.country.field(number)
            if self._counts(number):
                for source in priority.sources:
                    if self._strong_enough(source):
                        found.setdefault(source.id, source)
        return tuple(found.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidates:
    """Everything about the technologies that does not depend on the weights.

    Computed once per (database, country, directions) and reused on every weight change:
    the app caches it, so a slider move only re-runs TOPSIS (:func:`rank_candidates`).
    ``country`` is the profile the policy fit was scored for; :func:`rank_candidates`
    refuses another one, so a ranking cannot pair one country's scores with another's name
    and sources.
    """

    country: CountryProfile
    scores: CriterionScores
    described: pd.DataFrame
    fields_of: pd.Series  # technology_id -> tuple of field numbers
    provenance: Provenance
    matrix_notes: tuple[Note, ...] = ()  # pymcdm's checks of the full matrix, run once


def prepare(
    db: Database, tree: CriteriaTree, country: CountryProfile, lang: str = "en"
) -> Candidates:
    """Score every technology for ``country`` and describe it (names in ``lang``).

    The technology + company join both start from is built once, here, and dropped when
    both are done (two joins cost about 140 MB each at 10^6 rows; issue 13, item 10).
    """
    profiles = db.technology_profiles()
    scored = score(db, tree, country, profiles=profiles)
    described = describe_technologies(db, lang, profiles=profiles)
    if not described.index.equals(scored.matrix.index):
        described = described.loc[scored.matrix.index]
    described = described.set_axis(scored.matrix.index)  # its index, not the join's
    # (Both come in the technologies' order: no reordering copy, so the columns taken from
    # the database's technology table stay shared with it, about 80 MB at 10^6 rows.)
    del profiles
    ids, field_of, field_lists = _sequences(db.rows["technology_id"], db.rows["field"])
    fields_of = pd.Series(_shared(field_lists, field_of), index=ids, dtype=object)
    matrix_notes = _matrix_notes(scored.matrix, tree)
    release_freed_texts()  # the join's company columns, freed (Arrow's pool; see there)
    return Candidates(
        country=country, scores=scored, described=described,
        fields_of=_aligned(fields_of, scored.matrix.index), provenance=db.provenance,
        matrix_notes=matrix_notes,
    )


def _matrix_notes(matrix: pd.DataFrame, tree: CriteriaTree) -> tuple[Note, ...]:
    """Pymcdm's decision-problem warnings (dominant, dominated alternatives) for ``matrix``.

    Only the check runs, on the informative columns with equal weights, as the checked
    ranking that collected these notes ran it before; ranking the whole matrix a second
    time for them cost a second ``RankResult`` (about 450 MB at the peak for 10^6 rows,
    issue 13, item 10). The same input checks run first, so a matrix the ranking refused
    (fewer than two technologies, a NaN cell) is refused alike.
    """
    leaves = _informative(matrix)
    # A float frame with finite cells is checked column by column, in place; anything
    # else gets the float copy that names the refusal (check_values). A copy of the matrix
    # (72 MB at 10^6 rows) and names for every alternative were made for a check that
    # passes (issue 13, item 10).
    columns = [matrix[c].to_numpy() for c in leaves]
    if not all(c.dtype == np.float64 and np.isfinite(c).all() for c in columns):
        x = check_values(matrix[leaves], leaves)
        columns = [x[:, j] for j in range(x.shape[1])]
    check_shape(np.broadcast_to(np.float64(0), (len(matrix), len(leaves))))
    names = tuple(leaves)
    signs = types_vector({c: tree.leaf(c).direction for c in leaves}, names)
    weights = check_weights(np.full(len(leaves), 1 / len(leaves)), names)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            pymcdm_adapter.validate_decision_columns(columns, weights, signs)
        except ValueError as exc:  # as rank_matrix maps pymcdm's own checks
            label = METHODS["topsis"].label
            raise InputError.single("ranking.method_failed", f"{label}: {exc}") from None
    notes = (Note.of("pymcdm_warning", message=str(w.message)) for w in caught)
    return tuple(dict.fromkeys(notes))


def _informative(matrix: pd.DataFrame) -> list[str]:
    """Columns that are not 0 for every alternative.

    An all-zero column (e.g. a policy fit when no priority meets the evidence rule) cannot
    be vector-normalised (0/0); it is left out. TOPSIS closeness is exactly unchanged by
    this: a constant column adds 0 to both separations, and closeness is invariant to
    scaling all weights by one factor (Hwang & Yoon 1981), so renormalising the rest is
    the same ranking. Column by column: a float column is then read in place, where the
    whole matrix as one array was a copy (45 MB at 10^6 rows, issue 13, item 10).
    """
    return [
        c for j, c in enumerate(matrix.columns)
        if np.any(matrix.iloc[:, j].to_numpy(dtype="float64") != 0)
    ]


def rank_candidates(
    candidates: Candidates,
    scenario: Scenario,
    country: CountryProfile,
    weights: ScenarioWeights,
    *,
    keep: pd.Series | None = None,
    filters: Filters | None = None,
    method: str = "topsis",
    normalization: str | None = "vector",
) -> Selection:
    """Rank prepared candidates with ``weights`` (``keep``: boolean mask of the pool).

    ``country`` must be the profile the candidates were prepared for (it is kept in the
    signature for the callers that pass it; ``candidates.country`` is the one used).

    Raises
    ------
    ConfigError
        ``candidates_country_mismatch`` when ``country`` is not the profile the candidates
        were scored for; ``too_few_candidates``, ``no_weight_left`` as before.
    JudgmentError
        ``weights_mismatch`` when ``weights`` lack a criterion of the candidates.
    """
    if country != candidates.country:
        raise ConfigError.single(
            "candidates_country_mismatch",
            f"the candidates were scored for {candidates.country.code}, not for {country.code}; "
            f"prepare them for {country.code} first",
            field="country", value=country.code,
        )
    matrix = candidates.scores.matrix
    unweighted = [c for c in matrix.columns if c not in weights.leaf_weights]
    if unweighted:  # weights of another hierarchy: was a bare KeyError
        raise JudgmentError.single(
            "weights_mismatch",
            f"the weights do not cover the candidates' criteria: {', '.join(unweighted)}",
            field="weights", value=", ".join(unweighted),
        )
    notes = list(weights.notes) + list(candidates.scores.notes)
    filters = filters or Filters()
    if keep is not None and not bool(keep.all()):
        total = len(matrix)
        matrix = matrix.loc[keep.to_numpy()]
        notes.append(Note.of("filtered_pool", n=len(matrix), total=total))
    if len(matrix) < 2:
        raise ConfigError.single(
            "too_few_candidates",
            f"the filters leave {len(matrix)} technolog{'y' if len(matrix) == 1 else 'ies'}: "
            "at least 2 are needed to rank",
        )
    leaf_ids = _informative(matrix)
    dropped = [c for c in matrix.columns if c not in leaf_ids]
    if dropped:
        notes.append(Note.of("zero_columns_dropped", leaves=", ".join(dropped)))
        matrix = matrix[leaf_ids]
    left_out = [c for c in candidates.scores.left_out if c in weights.leaf_weights]
    if left_out:
        share = sum(weights.leaf_weights[c] for c in left_out)
        notes.append(Note.of(
            "criteria_left_out", leaves=", ".join(left_out),
            columns=", ".join(candidates.scores.missing_columns), weight=share,
        ))
    if not sum(weights.leaf_weights[c] for c in leaf_ids) > 0:
        raise ConfigError.single(
            "no_weight_left", "every criterion with a weight is 0 for every candidate"
        )
    # The stated rule: weights of leaves that cannot be used are shared among the others
    # in proportion (the one-at-a-time rescaling; see scenarios.leave_out).
    kept = leave_out(
        {c: weights.leaf_weights[c] for c in (*leaf_ids, *dropped, *left_out)},
        (*dropped, *left_out),
    )
    w = np.array([kept[c] for c in leaf_ids])
    directions = {c: weights.tree.leaf(c).direction for c in leaf_ids}
    result = rank_matrix(
        matrix, w / w.sum(), directions, method=method, normalization=normalization,
        provenance=candidates.provenance.source, matrix_checks=False,
    )
    notes += list(candidates.matrix_notes) + list(result.notes)
    method_note = contributions_note(result.method)  # what its contributions are (if any)
    if method_note is not None:
        notes.append(method_note)
    pool = candidates.fields_of if keep is None else candidates.fields_of.loc[matrix.index]
    pool_fields = sorted({f for fs in pool for f in fs})
    return Selection(
        country=country, scenario=scenario, weights=weights,
        scores=CriterionScores(
            matrix=matrix, tree=weights.tree, country=country.code,
            notes=candidates.scores.notes, left_out=candidates.scores.left_out,
            missing_columns=candidates.scores.missing_columns,
        ),
        result=result,
        technologies=candidates.described if keep is None else candidates.described.loc[
            matrix.index
        ],
        filters=filters,
        provenance=candidates.provenance,
        notes=tuple(dict.fromkeys(notes)), pool_fields=tuple(pool_fields), fields_of=pool,
    )


def select(
    db: Database,
    tree: CriteriaTree,
    scenario: Scenario,
    country: CountryProfile,
    *,
    weights: ScenarioWeights | None = None,
    filters: Filters | None = None,
    method: str = "topsis",
    normalization: str | None = "vector",
    lang: str = "en",
) -> Selection:
    """Rank ``db``'s technologies for ``country`` under ``scenario`` (one call).

    Filters define the candidate pool before ranking (see :class:`Filters`); leaves with
    zero weight stay in the matrix (shown, not counted).
    """
    weighed = weights if weights is not None else scenario_weights(scenario, tree)
    candidates = prepare(db, weighed.tree, country, lang)
    filters = filters or Filters()
    keep = filters.mask(db, candidates.scores.matrix.index) if filters.active else None
    return rank_candidates(
        candidates, scenario, country, weighed, keep=keep, filters=filters, method=method,
        normalization=normalization,
    )
