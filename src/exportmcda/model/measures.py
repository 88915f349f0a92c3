"""Measures: how each criterion leaf turns a technology's profile into a number.

Criteria files (``criteria/*.toml``) name a measure and its parameters; the measures are
defined once here, in :data:`MEASURES`. Every imputed value (a company with no class, a
technology with no service type) is counted and reported in :attr:`CriterionScores.notes`
(:class:`~exportmcda.errors.Note` codes ``missing_filled``, ``missing_none_observed``), never
silently 0. Each measure returns its values and its notes (:class:`Measured`). Sources of
the shares: the study's tables (Kim 2021, §III).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pandas as pd

from exportmcda.data.countries import CountryProfile, FieldPriority
from exportmcda.data.database import Database, uncached
from exportmcda.errors import ConfigError, Note
from exportmcda.model.criteria import CriteriaTree, Leaf
from exportmcda.model.measure_params import AGGREGATES, MISSING, size_scores
from exportmcda.rank.directions import Direction

if TYPE_CHECKING:
    from pandas.api.typing import SeriesGroupBy

__all__ = [
    "MEASURES",
    "CriterionScores",
    "Measured",
    "evidence_factor",
    "evidence_passes",
    "field_fit",
    "score",
    "technology_profiles",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    db: Database
    tech: pd.DataFrame  # one row per technology: company attributes joined
    rows: pd.DataFrame  # db rows
    country: CountryProfile | None
    row_tech: np.ndarray = field(init=False, repr=False)  # per row: its technology's place

    def __post_init__(self) -> None:
        # The technologies' table lists them in the order the rows first name them (as
        # the database builds it): each row's place is then its id's factorised code,
        # found without a hash table of Python strings for every id and row (about
        # 100 MB at 10^6 rows; issue 13, item 10). Any other table is looked up.
        codes, uniques = pd.factorize(self.rows["technology_id"])
        if not pd.Index(uniques).equals(self.tech.index):
            codes = self.tech.index.get_indexer(pd.Index(self.rows["technology_id"]))
        object.__setattr__(self, "row_tech", codes)

    def by_technology(self, per_row: pd.Series) -> SeriesGroupBy[Any, Any]:
        """Per-row values grouped by technology: integer keys, each row in file order.

        Grouping by the technology's position rather than by its id text hashes no string
        (10^6 rows: 565,000 ids), and pandas sums each group's rows in the same order, so
        the results are the same to the last bit (``tests/model/test_measures_frozen.py``).
        """
        return pd.Series(per_row.array).groupby(self.row_tech, sort=True)

    def indexed(self, per_technology: pd.Series) -> pd.Series:
        """A result grouped by :meth:`by_technology`, indexed by ``technology_id``."""
        positions = per_technology.index.to_numpy()
        return pd.Series(per_technology.array, index=self.tech.index[positions])


@dataclass(frozen=True, slots=True, kw_only=True)
class Measured:
    """What a measure returns: one value per technology and the notes of what it decided."""

    series: pd.Series  # one value per technology, index technology_id
    notes: tuple[Note, ...] = ()
    unavailable: tuple[str, ...] = ()  # the database columns it needs and lacks


Measure: TypeAlias = "Callable[[_Context, Leaf], Measured]"
"""A measure computes one leaf for every technology and says what it imputed or dropped."""


def _aggregate(ctx: _Context, values: pd.Series, how: str, leaf: Leaf) -> pd.Series:
    """Combine a technology's per-field rows: their maximum, mean or sum.

    A technology whose rows are all NA stays NA (``sum`` with ``min_count=1``), so that it
    is imputed and reported rather than silently 0. An unknown ``how`` is refused: criteria
    files are checked on load (:func:`~exportmcda.model.measure_params.check_params`), but
    a tree built in code is not.
    """
    grouped = ctx.by_technology(values)
    if how == "max":
        return ctx.indexed(grouped.max())
    if how == "mean":
        return ctx.indexed(grouped.mean())
    if how == "sum":
        return ctx.indexed(grouped.sum(min_count=1))
    raise ConfigError.single(
        "bad_param", f"aggregate must be one of {', '.join(AGGREGATES)}",
        field=f"{leaf.id}.aggregate", value=how,
    )


def _fill(values: pd.Series, leaf: Leaf) -> Measured:
    """Impute NA by the leaf's ``missing`` policy: the worst, median or mean observed value.

    When no technology has a value at all there is nothing to impute from: every technology
    gets 0 and the note ``missing_none_observed`` says so (not "the worst observed value").
    0 rather than an error because the column is then constant, which cannot change a
    TOPSIS ranking (it adds 0 to both separations); the selection leaves an all-zero column
    out and says so too. Refusing would stop every ranking of a database that simply lacks
    one attribute.
    """
    how = str(leaf.params.get("missing", "worst"))
    if how not in MISSING:
        raise ConfigError.single(
            "bad_param", f"missing must be one of {', '.join(MISSING)}",
            field=f"{leaf.id}.missing", value=how,
        )
    missing = int(values.isna().sum())
    if missing == 0:
        return Measured(series=values.astype("float64"))
    observed = values.dropna().astype("float64")
    if observed.empty:
        zeros = pd.Series(0.0, index=values.index, dtype="float64")
        return Measured(series=zeros, notes=(
            Note.of("missing_none_observed", leaf=leaf.id, n=missing),
        ))
    if how == "median":
        fill = float(observed.median())
    elif how == "mean":
        fill = float(observed.mean())
    else:
        fill = float(observed.min())
    filled = values.astype("Float64").fillna(fill).astype("float64")
    return Measured(series=filled, notes=(
        Note.of("missing_filled", leaf=leaf.id, n=missing, missing=how),
    ))


def _field_share(ctx: _Context, leaf: Leaf) -> Measured:
    share = ctx.rows["field"].value_counts(normalize=True)
    per_row = ctx.rows["field"].map(share).astype("float64")
    return Measured(series=_aggregate(ctx, per_row, str(leaf.params.get("aggregate", "max")),
                                      leaf))


def _service_type_share(ctx: _Context, leaf: Leaf) -> Measured:
    typed = ctx.rows["service_type"].dropna()
    share = typed.value_counts(normalize=True)
    per_row = ctx.rows["service_type"].map(share)
    aggregated = _aggregate(
        ctx, per_row.astype("Float64"), str(leaf.params.get("aggregate", "max")), leaf
    )
    return _fill(aggregated, leaf)


def _company_size(ctx: _Context, leaf: Leaf) -> Measured:
    mapping = size_scores(leaf.params["scores"], leaf.id, "")
    return Measured(series=ctx.tech["company_size"].map(mapping).astype("float64"))


def _company_class(ctx: _Context, leaf: Leaf) -> Measured:
    column = f"{leaf.params['scale']}_class"
    return _fill(ctx.tech[column], leaf)


def _region_share(ctx: _Context, leaf: Leaf) -> Measured:
    tech_share = ctx.tech["region"].value_counts(normalize=True)
    companies = ctx.db.companies
    company_share = companies["region"].value_counts(normalize=True)
    region = ctx.tech["region"]
    value = (region.map(tech_share) + region.map(company_share).fillna(0.0)) / 2
    return Measured(series=value.astype("float64"))


def evidence_passes(priority: FieldPriority, params: Mapping[str, Any]) -> bool:
    """Whether a field priority meets a policy-fit leaf's evidence rule.

    ``min_source``: at least one of its sources is of that type or stronger (official >
    copy > analysis > news > weak); ``sourced_only``: it is not an assumed mapping
    (:meth:`~exportmcda.data.countries.FieldPriority.passes`).
    """
    min_source = params.get("min_source")
    return priority.passes(str(min_source) if min_source else None,
                           bool(params.get("sourced_only", False)))


def evidence_factor(priority: FieldPriority, params: Mapping[str, Any]) -> float:
    """How much of a field's priority its evidence carries, in [0, 1] (issue 10).

    ``factor = min(1, source_weights[strongest] + corroboration_step × min(n − 1,
    corroboration_max)) × (assumed_factor if the basis is an assumed mapping else 1)``,
    where the sources are those of the rating meeting the leaf's ``min_source`` (all when
    none), ``strongest`` is the strongest type among them (official > copy > analysis >
    news > weak, :class:`~exportmcda.data.countries.SourceType`) and ``n`` the number of
    distinct sources (distinct ids: the reference lists each document once; whether two
    documents copy each other is not known, so they count as two). A rating without any
    such source gets 0 (none in the shipped profiles: every non-zero rating cites one).

    Every constant is read from the leaf (``criteria/criteria.toml``, ``country_fit``):
    ``source_weights`` (the shipped ones are :attr:`SourceType.strength` / 5: official 1,
    copy 0.8, analysis 0.6, news 0.4, weak 0.2), ``corroboration_step`` (0.1),
    ``corroboration_max`` (2: news, however often repeated, stays below a copy) and
    ``assumed_factor`` (0.75). They are the exportmcda team's assumptions, labelled
    ``evidence_basis = "assumed"`` there, like the size scores: the reference
    (``country-policies.md`` §0) orders the source types but does not weigh them.
    """
    min_source = params.get("min_source")
    sources = {s.id: s for s in priority.sources_meeting(str(min_source) if min_source else None)}
    if not sources:
        return 0.0
    weights = params["source_weights"]
    strongest = max((s.type for s in sources.values()), key=lambda t: t.strength)
    extra = min(len(sources) - 1, int(params["corroboration_max"]))
    factor = min(1.0, float(weights[strongest.value])
                 + float(params["corroboration_step"]) * extra)
    return factor * (1.0 if priority.sourced else float(params["assumed_factor"]))


def field_fit(country: CountryProfile, params: Mapping[str, Any]) -> tuple[np.ndarray, int]:
    """Policy fit of each of the 21 fields for ``country`` under a leaf's parameters.

    ``priority / 2`` (the reference's 0-1-2 scale read as 0, ½, 1); when the leaf gives
    ``source_weights``, multiplied by :func:`evidence_factor` (the evidence-weighted field
    priority). A priority that fails the leaf's evidence rule (:func:`evidence_passes`)
    counts 0. Returns the values (field order) and how many non-zero priorities the rule
    dropped.
    """
    fit = np.array(country.fit_vector(), dtype=np.float64)
    ruled = bool(params.get("min_source") or params.get("sourced_only", False))
    weighted = "source_weights" in params
    dropped = 0
    for k, fp in enumerate(country.fields):
        if fp.priority <= 0:
            continue
        if ruled and not evidence_passes(fp, params):
            fit[k] = 0.0
            dropped += 1
        elif weighted:
            fit[k] *= evidence_factor(fp, params)
    return fit, dropped


def _primary_and_others(
    values: pd.Series, ctx: _Context | None
) -> tuple[pd.Series, pd.Series]:
    """Per technology: its primary field's value and the mean of its other fields.

    The primary field is the technology's field with the highest value (the database marks
    no main field); the others are the rest of its fields (one copy of the maximum removed).
    The mean of the others is NaN for a single-field technology. ``values`` are indexed by
    ``technology_id``, or, with ``ctx``, one per row of ``ctx.rows`` (grouped without
    hashing the ids: :meth:`_Context.by_technology`).
    """
    if ctx is None:  # values indexed by technology_id
        grouped = values.groupby(level=0, sort=False)
        best, total, count = grouped.max(), grouped.sum(), grouped.count()
    else:  # values per row of ctx.rows
        by = ctx.by_technology(values)
        best, total, count = (ctx.indexed(g) for g in (by.max(), by.sum(), by.count()))
    return best, (total - best) / (count - 1).where(count > 1)


def _primary_plus(values: pd.Series, credit: float, ctx: _Context | None = None
                  ) -> pd.Series:
    """``min(1, primary + credit × mean of the other fields)`` per technology.

    The rule shipped before ``primary_mean`` (kept for older criteria files and records); a
    single-field technology scores its field. The cap saturates: once the primary field is
    at 1, the other fields no longer count (see :func:`_primary_mean`).
    """
    best, others = _primary_and_others(values, ctx)
    return (best + credit * others.fillna(0.0)).clip(upper=1.0)


def _primary_mean(values: pd.Series, credit: float, ctx: _Context | None = None
                  ) -> pd.Series:
    """``(primary + credit × mean of the other fields) / (1 + credit)`` per technology.

    A weighted arithmetic mean of two values in [0, 1] (weights ``1/(1 + credit)`` and
    ``credit/(1 + credit)``: 80 % and 20 % for the shipped 0.25), so it stays in [0, 1]
    without a cap: linear aggregation (OECD/JRC *Handbook on Constructing Composite
    Indicators*, Nardo et al. 2008, step 6 "weighting and aggregation"). A single-field
    technology scores its field (its "others" are taken to be the field itself, so having
    one field is not penalised).
    """
    best, others = _primary_and_others(values, ctx)
    return (best + credit * others.fillna(best)) / (1.0 + credit)


_PRIMARY: dict[str, Callable[[pd.Series, float, _Context | None], pd.Series]] = {
    "primary_mean": _primary_mean,
    "primary_plus": _primary_plus,
}
"""The policy-fit aggregations that weigh a primary field against the others."""


def _policy_fit(ctx: _Context, leaf: Leaf) -> Measured:
    """The target country's policy fit of each technology, from its fields' priorities.

    Per field (:func:`field_fit`): ``priority / 2``, times the evidence factor when the
    leaf gives ``source_weights`` (:func:`evidence_factor`); ``min_source`` (a source
    type: official > copy > analysis > news > weak) and ``sourced_only`` (drop assumed
    mappings) restrict the evidence a priority may rest on: a priority without such
    evidence counts as 0 ("not established"), and the number of fields so dropped is
    reported. For a group, a field passes when any source of its contributing members does
    (the group's sources are their union).

    Over the technology's fields (``aggregate``): ``primary_mean`` (the shipped rule) is
    the weighted arithmetic mean ``(primary + c × mean of the others) / (1 + c)`` with
    ``c = secondary_credit`` (0.25: 80 % the primary field — the one the target prioritises
    most, on the evidence — and 20 % the mean value of its other fields; a single-field
    technology scores its field); linear aggregation as in the OECD/JRC *Handbook on
    Constructing Composite Indicators* (Nardo et al. 2008, step 6) (:func:`_primary_mean`). Why: a
    policymaker reads "the technology serves the target's headline priority X (on such
    evidence), and also serves Y and Z", and the credit for Y and Z is a share of one field,
    not a second full one. Being a mean it needs no cap, so it does not saturate: where two
    targets both rate the primary field 1, their evidence on the other fields still
    separates them (issue 10: under the capped ``primary_plus`` three pairs of targets
    shared a top-10 list although their sourced evidence differs). The database marks no
    main field (the study counts fields "with duplicates", Kim 2021 §III), so the primary
    field is the best-fitting one, not the first row. The mean rather than the sum of the
    others keeps a technology listed under four fields from outscoring one listed under two
    on the breadth of its listing alone. ``primary_plus`` (``min(1, primary + c × mean of
    the others)``, shipped before), ``max`` (the best field; the default when no
    ``aggregate`` is given, as before issue 10), ``mean`` and ``sum`` stay accepted.
    """
    if ctx.country is None:
        raise ConfigError.single(
            "country_required", "this criterion needs a target country", field=leaf.id
        )
    fit, dropped = field_fit(ctx.country, leaf.params)
    min_source = leaf.params.get("min_source")
    sourced_only = bool(leaf.params.get("sourced_only", False))
    notes: tuple[Note, ...] = ()
    if min_source or sourced_only:
        code = ("evidence_dropped_both" if min_source and sourced_only
                else "evidence_dropped_min_source" if min_source
                else "evidence_dropped_sourced_only")
        notes = (Note.of(code, leaf=leaf.id, n=dropped, country=ctx.country.code,
                         min_source=str(min_source) if min_source else None),)
    fields = ctx.rows["field"].to_numpy(dtype=np.int64)
    per_row = pd.Series(fit[fields - 1], dtype="float64")
    how = str(leaf.params.get("aggregate", "max"))
    if how in _PRIMARY:
        aggregated = _PRIMARY[how](per_row, float(leaf.params["secondary_credit"]), ctx)
    else:
        aggregated = _aggregate(ctx, per_row, how, leaf)
    return Measured(series=aggregated, notes=notes)


def _unavailable(ctx: _Context, column: str) -> Measured | None:
    """A leaf that cannot be computed: the database lacks its optional ``column``."""
    if column in ctx.db.evidence_columns:
        return None
    empty = pd.Series(np.nan, index=ctx.tech.index, dtype="float64")
    return Measured(series=empty, unavailable=(column,))


def _transformed(values: pd.Series, leaf: Leaf) -> pd.Series:
    """Apply the leaf's ``transform``: ``log1p`` (ln(1 + x)) or ``none``.

    Counts of sites and patents are heavy-tailed: one technology deployed in 200 places
    would otherwise dominate the vector-normalised column and flatten every other
    difference. ``log1p`` makes each doubling count about the same (diminishing returns),
    keeps 0 at 0 and preserves the order.
    """
    floats = values.astype("float64")
    if str(leaf.params.get("transform", "none")) == "log1p":
        return pd.Series(np.log1p(floats.to_numpy()), index=floats.index, dtype="float64")
    return floats


def _evidence_count(ctx: _Context, leaf: Leaf) -> Measured:
    """A technology-level count or level (``column``): sites, patents, TRL.

    An empty cell means "not known" and is imputed by the leaf's ``missing`` policy (and
    reported); the transform is applied after imputation.
    """
    column = str(leaf.params["column"])
    absent = _unavailable(ctx, column)
    if absent is not None:
        return absent
    filled = _fill(ctx.tech[column].astype("Float64"), leaf)
    return Measured(series=_transformed(filled.series, leaf), notes=filled.notes)


def _code_count(ctx: _Context, leaf: Leaf) -> Measured:
    """How many distinct codes a ``;``-separated column lists (e.g. export countries).

    An empty cell is 0 (a list cannot tell "none" from "not known"; the interchange format
    says an empty list means none).
    """
    column = str(leaf.params["column"])
    absent = _unavailable(ctx, column)
    if absent is not None:
        return absent
    codes = ctx.tech[column].astype("string")
    counts = (codes.str.count(";") + 1).fillna(0)  # n codes: n - 1 separators
    return Measured(series=_transformed(counts.astype("float64"), leaf))


def _certification_score(ctx: _Context, leaf: Leaf) -> Measured:
    """Sum of the leaf's ``scores`` of a technology's certifications (``other`` for other:...).

    An empty cell means no certification (0).
    """
    absent = _unavailable(ctx, "certifications")
    if absent is not None:
        return absent
    scores = {str(k): float(v) for k, v in dict(leaf.params["scores"]).items()}

    def total(value: str | None) -> float:
        if value is None or pd.isna(value):
            return 0.0
        codes = str(value).split(";")
        return sum(scores["other"] if c.startswith("other:") else scores.get(c, 0.0)
                   for c in codes)

    # Each distinct list is scored once (a database repeats a few dozen lists).
    codes, lists = pd.factorize(ctx.tech["certifications"], use_na_sentinel=True)
    # An empty cell's code is -1: the 0.0 appended last.
    totals = np.array([total(v) for v in lists.tolist()] + [0.0], dtype=np.float64)
    return Measured(series=pd.Series(totals[codes], index=ctx.tech.index, dtype="float64"))


MEASURES: dict[str, Measure] = {
    "field_share": _field_share,
    "service_type_share": _service_type_share,
    "company_size": _company_size,
    "company_class": _company_class,
    "region_share": _region_share,
    "policy_fit": _policy_fit,
    "evidence_count": _evidence_count,
    "code_count": _code_count,
    "certification_score": _certification_score,
}
"""Every measure a criteria file may name, defined once."""

@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionScores:
    """The decision matrix: one row per technology, one column per leaf."""

    matrix: pd.DataFrame  # index technology_id, columns leaf ids, raw criterion values
    tree: CriteriaTree
    country: str | None
    notes: tuple[Note, ...]
    left_out: tuple[str, ...] = ()  # leaves not computable from this database
    missing_columns: tuple[str, ...] = ()  # the optional columns they need

    @property
    def directions(self) -> tuple[Direction, ...]:
        """Direction of each column, in column order."""
        return tuple(self.tree.leaf(c).direction for c in self.matrix.columns)


def technology_profiles(db: Database) -> pd.DataFrame:
    """One row per technology with its company's attributes (index ``technology_id``)."""
    return db.technology_profiles()


def score(
    db: Database,
    tree: CriteriaTree,
    country: CountryProfile | None = None,
    leaves: tuple[str, ...] | None = None,
    *,
    profiles: pd.DataFrame | None = None,
) -> CriterionScores:
    """Compute every leaf (or the named ``leaves``) for every technology of ``db``.

    A leaf whose measure needs an optional column the database lacks (the technology-level
    evidence, e.g. ``domestic_sites``) is not computed: it is listed in
    :attr:`CriterionScores.left_out` (with the columns in ``missing_columns``), never scored
    0; the selection leaves it out and shares its weight among the others
    (:func:`exportmcda.model.scenarios.leave_out`), with a note.

    ``profiles``: ``db.technology_profiles()`` when the caller has it already (the join
    costs about 140 MB at 10^6 rows; :func:`~exportmcda.model.selection.prepare` builds it
    once for the scores and the descriptions, issue 13, item 10).
    """
    tech = technology_profiles(db) if profiles is None else profiles
    ctx = _Context(db=db, tech=tech, rows=db.rows, country=country)
    columns: list[str] = []
    notes: list[Note] = []
    left_out: list[str] = []
    missing: dict[str, None] = {}
    # The matrix is filled column by column into the one block pandas would consolidate
    # the columns into (criteria x technologies, C order): building a frame from a dict
    # of columns held the columns and their consolidated copy at once (2 x 72 MB at 10^6
    # rows; issue 13, item 10). Rows of the block no leaf fills are never touched.
    block = np.empty((len(tree.leaves), len(ctx.tech)), dtype="float64")
    for leaf in tree.leaves:
        if leaves is not None and leaf.id not in leaves:
            continue
        measured = MEASURES[leaf.measure](ctx, leaf)
        if measured.unavailable:
            left_out.append(leaf.id)
            missing.update(dict.fromkeys(measured.unavailable))
            continue
        series = measured.series
        if not series.index.equals(ctx.tech.index):
            series = series.reindex(ctx.tech.index)
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        if not np.isfinite(values).all():  # pragma: no cover - a measure bug, not user input
            raise AssertionError(f"a measure left NA or non-finite values ({leaf.id})")
        block[len(columns)] = values
        columns.append(leaf.id)
        notes += measured.notes
    # The matrix outlives the scoring: a new index object (same labels, same memory),
    # without the hash table the scoring's lookups cached on ``ctx.tech.index``.
    matrix = pd.DataFrame(block[: len(columns)].T, index=uncached(ctx.tech.index),
                          columns=pd.Index(columns) if columns else pd.RangeIndex(0),
                          copy=False)  # (the column labels a frame of a dict would get)
    return CriterionScores(
        matrix=matrix, tree=tree, country=None if country is None else country.code,
        notes=tuple(notes), left_out=tuple(left_out), missing_columns=tuple(missing),
    )
