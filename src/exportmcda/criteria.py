"""Criteria: a goal → criteria → leaves hierarchy read from TOML, scored per technology.

The definitions (labels, directions, parameters, sources) are data in ``criteria/*.toml``;
the *measures* that turn a technology's profile into a number are defined once here, in
:data:`MEASURES`. Every imputed value (a company with no class, a technology with no
service type) is counted and reported in :attr:`CriterionScores.notes`, never silently 0.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from exportmcda.countries import CountryProfile
from exportmcda.database import Database
from exportmcda.directions import Direction
from exportmcda.errors import ConfigError, InputError
from exportmcda.resources import criteria_dir
from exportmcda.taxonomy import CLASS_SCALES, Dimension, lookup

__all__ = [
    "MEASURES",
    "CriteriaTree",
    "Criterion",
    "CriterionScores",
    "Leaf",
    "default_criteria_path",
    "load_criteria",
    "parse_direction",
    "score",
]


def parse_direction(text: object, *, path: str, where: str) -> Direction:
    """Read a direction from a criteria or scenario file (ConfigError naming the place)."""
    try:
        return Direction.parse(str(text))
    except InputError:
        raise ConfigError.single(
            "bad_direction", "direction must be 'benefit' or 'cost'", path=path, field=where,
            value=text,
        ) from None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Node:
    """What every node of the hierarchy shows a user: id, names, definition, source."""

    id: str
    label_en: str
    label_ko: str
    definition_en: str = ""
    definition_ko: str = ""
    source: str = ""

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``."""
        return self.label_ko if lang == "ko" else self.label_en

    def definition(self, lang: str = "en") -> str:
        """One-line definition in ``lang``."""
        return self.definition_ko if lang == "ko" else self.definition_en


@dataclass(frozen=True, slots=True, kw_only=True)
class Leaf(_Node):
    """A sub-criterion computed per technology by a named measure."""

    parent: str
    measure: str
    direction: Direction
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion(_Node):
    """A top-level criterion grouping one or more leaves."""

    leaves: tuple[Leaf, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CriteriaTree:
    """The whole hierarchy, as read from a criteria file."""

    goal_id: str
    goal_en: str
    goal_ko: str
    criteria: tuple[Criterion, ...]
    path: str

    @property
    def leaves(self) -> tuple[Leaf, ...]:
        """All leaves, in file order."""
        return tuple(leaf for c in self.criteria for leaf in c.leaves)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (ConfigError if unknown)."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        known = ", ".join(c.id for c in self.criteria)
        raise ConfigError.single(
            "unknown_criterion", f"unknown criterion; known: {known}", path=self.path,
            value=criterion_id,
        )

    def leaf(self, leaf_id: str) -> Leaf:
        """The leaf with this id (ConfigError if unknown)."""
        for leaf in self.leaves:
            if leaf.id == leaf_id:
                return leaf
        known = ", ".join(leaf.id for leaf in self.leaves)
        raise ConfigError.single(
            "unknown_criterion", f"unknown sub-criterion; known: {known}", path=self.path,
            value=leaf_id,
        )

    def with_directions(self, overrides: Mapping[str, Direction]) -> CriteriaTree:
        """A copy with the directions of the named criteria or leaves replaced.

        A criterion id applies to all of its leaves (e.g. ``region = "cost"`` for the
        balanced-regional-development scenario).
        """
        criteria = []
        for c in self.criteria:
            leaves = tuple(
                replace(leaf, direction=overrides.get(leaf.id, overrides.get(c.id, leaf.direction)))
                for leaf in c.leaves
            )
            criteria.append(replace(c, leaves=leaves))
        return replace(self, criteria=tuple(criteria))


def default_criteria_path() -> Path:
    """The shipped ``criteria/criteria.toml``."""
    return criteria_dir() / "criteria.toml"


def _text(table: Mapping[str, Any], key: str, path: str, where: str, required: bool = True) -> str:
    value = table.get(key, "")
    if (required and not value) or not isinstance(value, str):
        raise ConfigError.single(
            "missing_key", f"'{key}' must be a non-empty string", path=path, field=where,
            value=value,
        )
    return value


def load_criteria(path: str | Path | None = None) -> CriteriaTree:
    """Read a criteria hierarchy from TOML and check every leaf's measure and parameters."""
    file = Path(path) if path is not None else default_criteria_path()
    name = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError.single(
            "unreadable", f"cannot read the file: {error}", path=name
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError.single("bad_toml", f"not valid TOML: {error}", path=name) from None
    goal = data.get("goal", {})
    criteria = []
    seen: set[str] = set()
    for i, block in enumerate(data.get("criterion", []), start=1):
        where = f"criterion[{i}]"
        cid = _text(block, "id", name, where)
        leaves = []
        for j, leaf_block in enumerate(block.get("leaf", []), start=1):
            lwhere = f"{where}.leaf[{j}]"
            lid = _text(leaf_block, "id", name, lwhere)
            measure = _text(leaf_block, "measure", name, lwhere)
            if measure not in MEASURES:
                raise ConfigError.single(
                    "unknown_measure", f"unknown measure; known: {', '.join(MEASURES)}",
                    path=name, field=f"{lwhere}.measure", value=measure,
                )
            params = {
                k: v
                for k, v in leaf_block.items()
                if k not in {"id", "label_en", "label_ko", "measure", "direction", "source",
                             "definition_en", "definition_ko"}
            }
            leaves.append(
                Leaf(
                    id=lid, parent=cid, label_en=_text(leaf_block, "label_en", name, lwhere),
                    label_ko=_text(leaf_block, "label_ko", name, lwhere), measure=measure,
                    direction=parse_direction(
                        leaf_block.get("direction", "benefit"), path=name, where=lwhere
                    ),
                    params=params, definition_en=leaf_block.get("definition_en", ""),
                    definition_ko=leaf_block.get("definition_ko", ""),
                    source=leaf_block.get("source", ""),
                )
            )
        if not leaves:
            raise ConfigError.single(
                "no_leaves", "a criterion needs at least one [[criterion.leaf]]", path=name,
                field=where, value=cid,
            )
        for item in (cid, *(leaf.id for leaf in leaves)):
            if item in seen:
                raise ConfigError.single(
                    "duplicate_id", "ids must be unique", path=name, field=where, value=item
                )
            seen.add(item)
        criteria.append(
            Criterion(
                id=cid, label_en=_text(block, "label_en", name, where),
                label_ko=_text(block, "label_ko", name, where), leaves=tuple(leaves),
                definition_en=block.get("definition_en", ""),
                definition_ko=block.get("definition_ko", ""), source=block.get("source", ""),
            )
        )
    if not criteria:
        raise ConfigError.single("no_criteria", "no [[criterion]] blocks", path=name)
    tree = CriteriaTree(
        goal_id=str(goal.get("id", "goal")), goal_en=str(goal.get("label_en", "Goal")),
        goal_ko=str(goal.get("label_ko", "목표")), criteria=tuple(criteria), path=name,
    )
    for leaf in tree.leaves:
        _check_params(leaf, name)
    return tree


# ------------------------------------------------------------------------------ scoring


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    db: Database
    tech: pd.DataFrame  # one row per technology: company attributes joined
    rows: pd.DataFrame  # db rows
    country: CountryProfile | None


Measure = Callable[[_Context, Leaf], tuple[pd.Series, int]]
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
    mapping = _size_scores(leaf.params["scores"], leaf, "")
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


def _policy_fit(ctx: _Context, leaf: Leaf) -> tuple[pd.Series, int]:
    if ctx.country is None:
        raise ConfigError.single(
            "country_required", "this criterion needs a target country", field=leaf.id
        )
    fit = ctx.country.fit_vector()
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

_AGGREGATES = ("max", "mean", "sum")
_MISSING = ("worst", "median", "mean")


def _size_scores(raw: Any, leaf: Leaf, path: str) -> dict[int, float]:
    if not isinstance(raw, Mapping):
        raise ConfigError.single(
            "bad_param", "'scores' must map each company size to a number", path=path,
            field=f"{leaf.id}.scores",
        )
    out: dict[int, float] = {}
    for name, value in raw.items():
        cat = lookup(Dimension.COMPANY_SIZE, name)
        if cat is None or not isinstance(value, int | float):
            raise ConfigError.single(
                "bad_param", "unknown company size or non-numeric score", path=path,
                field=f"{leaf.id}.scores", value=f"{name} = {value}",
            )
        out[cat.number] = float(value)
    missing = [c.en for c in Dimension.COMPANY_SIZE.categories if c.number not in out]
    if missing:
        raise ConfigError.single(
            "bad_param", f"'scores' lacks: {', '.join(missing)}", path=path,
            field=f"{leaf.id}.scores",
        )
    return out


def _check_params(leaf: Leaf, path: str) -> None:
    p = leaf.params
    if "aggregate" in p and p["aggregate"] not in _AGGREGATES:
        raise ConfigError.single(
            "bad_param", f"aggregate must be one of {', '.join(_AGGREGATES)}", path=path,
            field=f"{leaf.id}.aggregate", value=p["aggregate"],
        )
    if "missing" in p and p["missing"] not in _MISSING:
        raise ConfigError.single(
            "bad_param", f"missing must be one of {', '.join(_MISSING)}", path=path,
            field=f"{leaf.id}.missing", value=p["missing"],
        )
    if leaf.measure == "company_class" and p.get("scale") not in {s.key for s in CLASS_SCALES}:
        raise ConfigError.single(
            "bad_param", "scale must be capital, sales, history or employees", path=path,
            field=f"{leaf.id}.scale", value=p.get("scale"),
        )
    if leaf.measure == "company_size":
        _size_scores(p.get("scores"), leaf, path)


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
    companies = db.companies
    tech = db.technologies.join(companies, on="company_id")
    return tech


def score(
    db: Database,
    tree: CriteriaTree,
    country: CountryProfile | None = None,
    leaves: tuple[str, ...] | None = None,
) -> CriterionScores:
    """Compute every leaf (or the named ``leaves``) for every technology of ``db``."""
    ctx = _Context(db=db, tech=technology_profiles(db), rows=db.rows, country=country)
    columns: dict[str, pd.Series] = {}
    notes: list[str] = []
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
