"""Measures: how each criterion leaf turns a technology's profile into a number.

Criteria files (``criteria/*.toml``) name a measure and its parameters; the measures are
defined once here, in :data:`MEASURES`. Every imputed value (a company with no class, a
technology with no service type) is counted and reported in :attr:`CriterionScores.notes`,
never silently 0. Sources of the shares: the study's tables (Kim 2021, §III).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from exportmcda.data.countries import CountryProfile, FieldPriority, SourceType
from exportmcda.data.database import Database
from exportmcda.errors import ConfigError
from exportmcda.model.criteria import CriteriaTree, Leaf
from exportmcda.model.measure_params import size_scores
from exportmcda.rank.directions import Direction

__all__ = [
    "MEASURES",
    "CriterionScores",
    "evidence_passes",
    "score",
    "technology_profiles",
]




@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    db: Database
    tech: pd.DataFrame  # one row per technology: company attributes joined
    rows: pd.DataFrame  # db rows
    country: CountryProfile | None
    notes: list[str] = field(default_factory=list)  # measures add what they decided


Measure: TypeAlias = "Callable[[_Context, Leaf], tuple[pd.Series, int]]"
"""A measure returns one value per technology (index technology_id) and how many it imputed."""


def _aggregate(values: pd.Series, how: str) -> pd.Series:
    grouped = values.groupby(level=0, sort=False)
    if how == "max":
        return grouped.max()
    if how == "mean":
        return grouped.mean()
    return grouped.sum()


def _fill(values: pd.Series, how: str) -> tuple[pd.Series, int]:
    """Impute NA by the stated policy: the worst, median or mean observed value."""
    missing = int(values.isna().sum())
    if missing == 0:
        return values.astype("float64"), 0
    observed = values.dropna().astype("float64")
    if observed.empty:
        fill = 0.0
    elif how == "median":
        fill = float(observed.median())
    elif how == "mean":
        fill = float(observed.mean())
    else:
        fill = float(observed.min())
    return values.astype("Float64").fillna(fill).astype("float64"), missing


def _field_share(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    share = ctx.rows["field"].value_counts(normalize=True)
    per_row = ctx.rows.set_index("technology_id")["field"].map(share).astype("float64")
    return _aggregate(per_row, str(leaf.params.get("aggregate", "max"))), 0


def _service_type_share(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    typed = ctx.rows["service_type"].dropna()
    share = typed.value_counts(normalize=True)
    per_row = ctx.rows.set_index("technology_id")["service_type"].map(share)
    per_row = per_row.astype("Float64")
    aggregated = per_row.groupby(level=0, sort=False).agg(
        "max" if leaf.params.get("aggregate", "max") == "max" else "mean"
    )
    return _fill(aggregated, str(leaf.params.get("missing", "worst")))


def _company_size(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    mapping = size_scores(leaf.params["scores"], leaf.id, "")
    return ctx.tech["company_size"].map(mapping).astype("float64"), 0


def _company_class(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    column = f"{leaf.params['scale']}_class"
    return _fill(ctx.tech[column], str(leaf.params.get("missing", "worst")))


def _region_share(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    tech_share = ctx.tech["region"].value_counts(normalize=True)
    companies = ctx.db.companies
    company_share = companies["region"].value_counts(normalize=True)
    region = ctx.tech["region"]
    value = (region.map(tech_share) + region.map(company_share).fillna(0.0)) / 2
    return value.astype("float64"), 0


def evidence_passes(priority: FieldPriority, params: Mapping[str, Any]) -> bool:
    """Whether a field priority meets a policy-fit leaf's evidence rule.

    ``min_source``: at least one of its sources is of that type or stronger (official >
    copy > analysis > news > weak); ``sourced_only``: it is not an assumed mapping.
    """
    min_source = params.get("min_source")
    if min_source:
        floor = SourceType(str(min_source)).strength
        if not any(s.type.strength >= floor for s in priority.sources):
            return False
    return priority.sourced or not params.get("sourced_only", False)


def _policy_fit(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    """Target-country priority / 2 of the technology's fields (best field by default).

    ``min_source`` (a source type: official > copy > analysis > news > weak) and
    ``sourced_only`` (drop assumed mappings) restrict the evidence a priority may rest on;
    a priority without such evidence counts as 0 ("not established"), and the number of
    fields so dropped is reported. For a group, a field passes when any source of its
    contributing members does (the group's sources are their union).
    """
    if ctx.country is None:
        raise ConfigError.single(
            "country_required", "this criterion needs a target country", field=leaf.id
        )
    fit = np.array(ctx.country.fit_vector(), dtype=np.float64)
    min_source = leaf.params.get("min_source")
    sourced_only = bool(leaf.params.get("sourced_only", False))
    if min_source or sourced_only:
        dropped = 0
        for k, fp in enumerate(ctx.country.fields):
            if fp.priority > 0 and not evidence_passes(fp, leaf.params):
                fit[k] = 0.0
                dropped += 1
        rule = " and ".join(
            part for part in (
                f"at least one {min_source} source" if min_source else "",
                "a sourced (not assumed) mapping" if sourced_only else "",
            ) if part
        )
        ctx.notes.append(
            f"{leaf.id}: {dropped} of {ctx.country.code}'s non-zero field priorities lack "
            f"{rule} and count as 0"
        )
    per_row = ctx.rows.set_index("technology_id")["field"].map(
        lambda f: float(fit[int(f) - 1])
    )
    return _aggregate(per_row.astype("float64"), str(leaf.params.get("aggregate", "max"))), 0


MEASURES: dict[str, Measure] = {
    "field_share": _field_share,
    "service_type_share": _service_type_share,
    "company_size": _company_size,
    "company_class": _company_class,
    "region_share": _region_share,
    "policy_fit": _policy_fit,
}
"""Every measure a criteria file may name, defined once."""

@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionScores:
    """The decision matrix: one row per technology, one column per leaf."""

    matrix: pd.DataFrame  # index technology_id, columns leaf ids, raw criterion values
    tree: CriteriaTree
    country: str | None
    notes: tuple[str, ...]

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
) -> CriterionScores:
    """Compute every leaf (or the named ``leaves``) for every technology of ``db``."""
    ctx = _Context(db=db, tech=technology_profiles(db), rows=db.rows, country=country)
    columns: dict[str, pd.Series] = {}
    notes = ctx.notes
    for leaf in tree.leaves:
        if leaves is not None and leaf.id not in leaves:
            continue
        values, imputed = MEASURES[leaf.measure](ctx, leaf)
        columns[leaf.id] = values.reindex(ctx.tech.index)
        if imputed:
            notes.append(
                f"{leaf.id}: {imputed} technolog{'y' if imputed == 1 else 'ies'} without a value "
                f"scored as the {leaf.params.get('missing', 'worst')} observed value"
            )
    matrix = pd.DataFrame(columns, index=ctx.tech.index)
    if matrix.isna().to_numpy().any():  # pragma: no cover - a measure bug, not user input
        raise AssertionError("a measure left NA values")
    if not np.isfinite(matrix.to_numpy(dtype="float64")).all():  # pragma: no cover
        raise AssertionError("a measure produced a non-finite value")
    return CriterionScores(
        matrix=matrix, tree=tree, country=None if country is None else country.code,
        notes=tuple(notes),
    )
