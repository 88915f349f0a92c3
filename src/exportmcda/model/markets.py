"""Markets: rank target countries for a technology, and the export-potential matrix.

The study's question is two-sided (Kim 2021, §I: which technologies to export to which
countries). The technology side is :func:`exportmcda.model.selection.select` (one target,
1,044 technologies). The market side ranks the targets for one technology (or field) with the
same engine (:func:`~exportmcda.rank.engine.rank_matrix`, TOPSIS) over the market hierarchy of
``criteria/markets.toml``, weighted by the scenario's market judgments
(``criteria/markets/<scenario>.toml``, assumed and labelled so).

Normalisation: min-max over the countries ranked, as the market file states (``[method]
normalization = "minmax"``, :func:`market_normalization`): each leaf becomes
``(x - min) / (max - min)`` (benefit; ``(max - x) / (max - min)`` for a cost), so it spans 0
at the worst country compared to 1 at the best, and the distance between the ideal and the
anti-ideal along a leaf is exactly its weight. The formula is pymcdm's
``minmax_normalization`` (its TOPSIS default) and the "min-max" method of the OECD/JRC
*Handbook on Constructing Composite Indicators* (Nardo et al. 2008, step 5 "normalisation",
p. 30), whose identical [0, 1] range is what lets weights be read as trade-offs. Why not the
textbook vector normalisation ``x / ||x||`` (Hwang & Yoon 1981): it gives a leaf an influence
in proportion to its spread *relative to its size*, so on the 16 targets a 0/1 leaf
(``exported_here``) or urban growth (0.8-7.7 %/yr) moved scores several times more than their
weights said, and the log leaves (ln urban population 12.6-20, ln income 8.6-11.7) far less
(for T0607 under ``balanced``, ``exported_here`` at weight 0.11 gave 0.44 of Malaysia's
0.72). The choice of normalisation changes TOPSIS rankings (Jahan & Edwards 2015, "A
state-of-the-art survey on the influence of normalization techniques in ranking", Materials
& Design 65: 335-342; ``topsis-opricovic2004-minmax`` in the reference cases), so it is
stated in the market file and recorded with every result. A planner who sets a weight
means that share of influence; min-max gives it. The price, stated in the same handbook:
scores are relative to the countries compared (adding a country can move the others), and a
leaf whose values barely differ is stretched to the full range, so a leaf whose spread is
within rounding (:data:`CONSTANT_TOLERANCE`) counts as constant: it cannot separate the
countries and is left out of that ranking with a ``market_leaves_constant`` note (as is a
0/1 leaf that is 0 everywhere, and every leaf of a one-country ranking), never a division
by zero.

The export-potential matrix combines both sides per technology x country:

    potential = supply^(1 - a) * demand^a,   a = ``demand_weight`` (0.5: sqrt(supply x demand))

``supply`` is the technology's TOPSIS closeness for the country (the technology ranking,
country-specific through the policy fit); ``demand`` the country's market closeness for the
technology. The rule follows ITC's Export Potential Indicator, which *multiplies* a supply,
a demand and an ease-of-trade factor (Decreux & Spies 2016, "Export Potential Assessments: A
methodology to identify export opportunities for developing countries", ITC, §3): a product
means a market without demand (or a technology without supply) has no potential, whatever the
other side. The (weighted) geometric mean keeps the product's order for a = 0.5 and keeps the
cell on the 0-1 scale of its factors; we have no ease-of-trade data, so that factor is left
out (stated, not assumed 1 silently: the rule names two factors). With ``a = 0`` or every
market weight 0, demand drops out and a country's column orders the technologies exactly as
its technology ranking does.

Speed: the technology scoring is done once per country (:func:`prepare_supply`); a weight
change re-runs only TOPSIS. The market side for every technology at once is a batched TOPSIS
(:func:`_batched_closeness`, checked against :func:`rank_matrix` in the tests).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from exportmcda.data.countries import CountryProfile
from exportmcda.data.database import Database
from exportmcda.data.indicator_catalogue import BY_ID
from exportmcda.data.indicators import CountryIndicators, IndicatorValue
from exportmcda.data.taxonomy import FIELDS, Dimension, lookup
from exportmcda.errors import ConfigError, ExportMcdaError, Note
from exportmcda.model.criteria import CriteriaTree, Leaf, load_criteria
from exportmcda.model.measures import score
from exportmcda.model.scenarios import (
    Scenario,
    ScenarioWeights,
    available_scenarios,
    load_scenario,
    scenario_weights,
)
from exportmcda.model.selection import Candidates, contributions, prepare, rank_candidates
from exportmcda.model.weight_state import CUSTOM_SUFFIX
from exportmcda.rank.directions import Direction
from exportmcda.rank.engine import RankResult, rank_matrix
from exportmcda.rank.inputs import read_only
from exportmcda.rank.ranks import rank_with_ties
from exportmcda.resources import criteria_dir

__all__ = [
    "CONSTANT_TOLERANCE",
    "DEFAULT_NORMALIZATION",
    "MARKET_MEASURES",
    "MARKET_NORMALIZATIONS",
    "ExportPotential",
    "MarketBase",
    "MarketRanking",
    "Supply",
    "export_potential",
    "load_market_criteria",
    "load_market_scenario",
    "market_base",
    "market_normalization",
    "market_scenario_file",
    "market_scenario_for",
    "market_weights",
    "prepare_supply",
    "rank_markets",
    "rank_markets_for",
    "single_targets",
    "with_targets",
]

MARKET_MEASURES: tuple[str, ...] = ("indicator", "policy_priority", "exported_here")
"""The measures a market leaf may name (see ``criteria/markets.toml``)."""
MARKET_NORMALIZATIONS: tuple[str, ...] = ("minmax", "vector")
"""The normalisations ``[method] normalization`` may name (the fast TOPSIS ones)."""
DEFAULT_NORMALIZATION = "minmax"
"""The market side's normalisation when a market file states none (see the docstring)."""
CONSTANT_TOLERANCE = 1e-12
"""A leaf whose values over the countries ranked differ by at most this (relative to the
largest magnitude, at least 1) is constant: rounding noise (a policy fit computed in another
order differs in the 16th digit), which min-max would otherwise stretch to the full 0-1 range."""
_METHOD_KEYS = ("normalization",)
_TRANSFORMS = ("none", "log")
_MISSING = ("worst",)
BY = ("technology", "field")


# ----------------------------------------------------------------------------- hierarchy


def load_market_criteria(path: str | Path | None = None) -> CriteriaTree:
    """Read the market hierarchy (default ``criteria/markets.toml``) and check its leaves.

    Also checks its ``[method]`` table (only ``normalization``, one of
    :data:`MARKET_NORMALIZATIONS`).
    """
    file = Path(path) if path is not None else criteria_dir() / "markets.toml"
    tree = load_criteria(file, measures=MARKET_MEASURES)
    for leaf in tree.leaves:
        _check_leaf(leaf, str(file))
    unknown = [k for k in tree.method if k not in _METHOD_KEYS]
    if unknown:
        raise ConfigError.single(
            "bad_param", f"[method] accepts {', '.join(_METHOD_KEYS)}", path=str(file),
            field=f"method.{unknown[0]}", value=str(tree.method[unknown[0]]),
        )
    market_normalization(tree)
    return tree


def market_normalization(tree: CriteriaTree) -> str:
    """The normalisation the market hierarchy states (``[method] normalization``).

    :data:`DEFAULT_NORMALIZATION` (min-max) when the file states none; ConfigError naming
    the file for a value not in :data:`MARKET_NORMALIZATIONS`.
    """
    value = tree.method.get("normalization", DEFAULT_NORMALIZATION)
    if value not in MARKET_NORMALIZATIONS:
        raise ConfigError.single(
            "bad_param", f"normalization must be one of {', '.join(MARKET_NORMALIZATIONS)}",
            path=tree.path, field="method.normalization", value=str(value),
        )
    return str(value)


def _constant(high: np.ndarray, low: np.ndarray) -> np.ndarray:
    """Where a leaf's values (their maximum and minimum) do not differ beyond rounding."""
    scale = np.maximum(1.0, np.maximum(np.abs(high), np.abs(low)))
    flat: np.ndarray = (high - low) <= CONSTANT_TOLERANCE * scale
    return flat


def _check_leaf(leaf: Leaf, path: str) -> None:
    p = leaf.params

    def bad(key: str, message: str) -> ExportMcdaError:
        return ConfigError.single("bad_param", message, path=path, field=f"{leaf.id}.{key}",
                                  value=p.get(key))

    if leaf.measure != "indicator":
        return
    ind = BY_ID.get(str(p.get("indicator")))
    if ind is None:
        raise bad("indicator", f"indicator must be one of {', '.join(BY_ID)}")
    if p.get("year", ind.editions[0]) not in ind.editions:
        raise bad("year", f"year must be one of {', '.join(ind.editions)}")
    if p.get("transform", "none") not in _TRANSFORMS:
        raise bad("transform", f"transform must be one of {', '.join(_TRANSFORMS)}")
    if p.get("missing", "worst") not in _MISSING:
        raise bad("missing", "missing must be 'worst'")


def load_market_scenario(name_or_path: str | Path) -> Scenario:
    """The market judgments of a scenario (``criteria/markets/<id>.toml``) or a file."""
    return load_scenario(name_or_path, directory=criteria_dir() / "markets")


def market_weights(
    scenario: Scenario | None, tree: CriteriaTree,
    leaf_weights: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Global weight per market leaf: ``leaf_weights`` given, else the scenario's AHP weights.

    A leaf ``leaf_weights`` does not name weighs 0; without ``leaf_weights`` a scenario is
    required (ConfigError ``market_no_judgments``).
    """
    if leaf_weights is not None:
        return {leaf.id: float(leaf_weights.get(leaf.id, 0.0)) for leaf in tree.leaves}
    if scenario is None:
        raise ConfigError.single("market_no_judgments",
                                 "no market judgments and no market weights given",
                                 field="scenario")
    return dict(scenario_weights(scenario, tree).leaf_weights)


def single_targets(
    countries: Mapping[str, CountryProfile], indicators: Mapping[str, CountryIndicators]
) -> tuple[str, ...]:
    """The single-country targets: profiles that are not groups and have indicators (16)."""
    return tuple(c for c, p in countries.items() if not p.is_group and c in indicators
                 and not indicators[c].is_group)


# ----------------------------------------------------------------------------- market base


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketBase:
    """The indicator leaves for the ranked countries, filled by the stated policy.

    ``table`` (countries x indicator leaves) is what TOPSIS uses (after ``transform``);
    ``raw`` keeps the indicator values (``None`` where missing); ``used`` the
    :class:`IndicatorValue` read per (country, leaf); ``notes`` one ``market_value_filled``
    per filled cell.
    """

    countries: tuple[str, ...]
    table: pd.DataFrame
    raw: Mapping[tuple[str, str], IndicatorValue]
    notes: tuple[Note, ...] = ()


def market_base(
    tree: CriteriaTree, indicators: Mapping[str, CountryIndicators], countries: Sequence[str]
) -> MarketBase:
    """Read every indicator leaf for ``countries``; fill a missing value with the worst.

    The policy (``missing = "worst"``, the only one): the lowest value observed among the
    countries ranked for a benefit leaf (the highest for a cost leaf), so an unknown value
    gives no advantage; a ``market_value_filled`` note names the country, indicator, year
    and the value used. A leaf no ranked country has is an error (nothing to fill from).
    """
    unknown = [c for c in countries if c not in indicators]
    if unknown:
        raise ConfigError.single(
            "market_unknown_target",
            f"no indicators for {', '.join(unknown)}; known: {', '.join(sorted(indicators))}",
            field="countries", value=", ".join(unknown),
        )
    columns: dict[str, list[float]] = {}
    raw: dict[tuple[str, str], IndicatorValue] = {}
    notes: list[Note] = []
    for leaf in tree.leaves:
        if leaf.measure != "indicator":
            continue
        name = str(leaf.params["indicator"])
        year = leaf.params.get("year")
        log = leaf.params.get("transform") == "log"
        got = []
        for c in countries:
            value = indicators[c].get(name, None if year is None else str(year))
            raw[c, leaf.id] = value
            got.append(value.value)
        present = [v for v in got if v is not None]
        if not present:
            raise ConfigError.single(
                "market_no_values", f"no ranked country has a value of {name}",
                field=leaf.id, value=name,
            )
        if log and min(present) <= 0:
            raise ConfigError.single(
                "bad_param", "a log transform needs positive values", field=leaf.id, value=name
            )
        worst = min(present) if leaf.direction is Direction.BENEFIT else max(present)
        for c, v in zip(countries, got, strict=True):
            if v is None:
                notes.append(Note.of("market_value_filled", country=c, leaf=leaf.id,
                                     indicator=name, year=raw[c, leaf.id].year, value=worst))
        columns[leaf.id] = [math.log(v) if log else v
                            for v in (worst if v is None else v for v in got)]
    table = pd.DataFrame(columns, index=pd.Index(list(countries), name="country"))
    return MarketBase(countries=tuple(countries), table=table, raw=raw, notes=tuple(notes))


# ----------------------------------------------------------------------------- demand inputs


def _policy_leaf(tech_tree: CriteriaTree) -> str:
    found = [leaf.id for leaf in tech_tree.leaves if leaf.measure == "policy_fit"]
    if not found:
        raise ConfigError.single(
            "market_no_policy_leaf", "the technology criteria have no policy_fit leaf",
            path=tech_tree.path,
        )
    return found[0]


def _exported(db: Database, countries: Sequence[str]) -> pd.DataFrame:
    """Technologies x countries, 1.0 where ``export_countries`` lists the country."""
    tech = db.technologies
    if "export_countries" not in tech.columns:
        return pd.DataFrame(0.0, index=tech.index, columns=list(countries))
    codes = tech["export_countries"].fillna("").astype(str).map(
        lambda s: {c.strip().upper() for c in s.replace(",", ";").split(";") if c.strip()}
    )
    return pd.DataFrame(
        {c: codes.map(lambda have, c=c: float(c in have)) for c in countries}, index=tech.index
    )


def _field_members(db: Database) -> dict[int, list[str]]:
    rows = db.rows
    out: dict[int, list[str]] = {}
    for tid, f in zip(rows["technology_id"], rows["field"], strict=True):
        out.setdefault(int(f), []).append(str(tid))
    return {f: sorted(set(ids)) for f, ids in sorted(out.items())}


def _resolve_field(name: str | int) -> int:
    category = lookup(Dimension.FIELD, name)
    if category is None:
        raise ConfigError.single("unknown_field", f"unknown technology field {name!r}",
                                 field="field", value=str(name))
    return category.number


# ----------------------------------------------------------------------------- one row


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketRanking:
    """Target countries ranked for one technology or field, with explanations and sources.

    ``matrix`` holds every market leaf (the values used); ``result`` ranks on the leaves that
    separate the countries (``left_out`` the constant ones, reported in ``notes``).
    """

    row: str  # technology id or field name
    kind: str  # "technology" | "field"
    result: RankResult
    matrix: pd.DataFrame  # countries x every market leaf (values used)
    weights: Mapping[str, float]  # global weight per market leaf (as given)
    sources: Mapping[str, list[dict[str, Any]]]  # country -> per-leaf sources
    notes: tuple[Note, ...] = ()
    normalization: str = DEFAULT_NORMALIZATION
    left_out: tuple[str, ...] = ()  # leaves constant over the countries ranked
    _contributions: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_contributions", contributions(self.result))

    @property
    def contributions(self) -> np.ndarray:
        """Each used leaf's share of each country's closeness (rows sum to the score).

        With nothing to compare (:func:`rank_markets`: one country) there is no used leaf
        and the neutral score 1 has no contributions.
        """
        return self._contributions

    def records(self) -> list[dict[str, Any]]:
        """``[{rank, country, score, criteria, contributions, sources}]``, best first."""
        r = self.result
        out = []
        for position, i in enumerate(r.order, start=1):
            country = r.alternatives[i]
            parts = dict(zip(r.criteria, self._contributions[i].tolist(), strict=True))
            out.append({
                "rank": position,
                "shared_rank": int(r.shared_ranks[i]),
                "country": country,
                "score": float(r.scores[i]),
                "criteria": {k: float(v) for k, v in self.matrix.loc[country].items()},
                "contributions": {k: parts.get(k, 0.0) for k in self.matrix.columns},
                "top_criteria": sorted(parts, key=lambda k: -parts[k])[:2],
                "sources": self.sources[country],
                "normalization": self.normalization,
            })
        return out


def _sources(
    base: MarketBase, tree: CriteriaTree, country: CountryProfile | None, code: str,
    fields: Sequence[int], exported: float,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for leaf in tree.leaves:
        if leaf.measure == "indicator":
            v = base.raw[code, leaf.id]
            s = v.source
            out.append({
                "criterion": leaf.id, "indicator": v.indicator, "year": v.year,
                "value": v.value, "unit": v.unit, "filled": v.value is None,
                "issuer": s.issuer if s else None, "title": s.title if s else None,
                "found_at": s.found_at if s else None,
            })
        elif leaf.measure == "policy_priority":
            docs = {} if country is None else {
                src.id: src.title for f in fields for src in country.fields[f - 1].sources
                if country.fields[f - 1].priority > 0
            }
            out.append({
                "criterion": leaf.id, "fields": list(fields),
                "priorities": [] if country is None
                else [country.fields[f - 1].priority for f in fields],
                "source_ids": list(docs), "titles": list(docs.values()),
                "file": f"data/countries/{code}.toml",
            })
        else:
            out.append({"criterion": leaf.id, "column": "export_countries",
                        "value": exported})
    return out


def _demand_columns(
    tree: CriteriaTree, base: MarketBase, policy: pd.Series, exported: pd.Series
) -> pd.DataFrame:
    """Countries x market leaves for one row, in leaf order."""
    cols: dict[str, pd.Series] = {}
    for leaf in tree.leaves:
        if leaf.measure == "indicator":
            cols[leaf.id] = base.table[leaf.id]
        elif leaf.measure == "policy_priority":
            cols[leaf.id] = policy.reindex(base.table.index).astype("float64")
        else:
            cols[leaf.id] = exported.reindex(base.table.index).astype("float64")
    return pd.DataFrame(cols, index=base.table.index)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Setting:
    """What every row ranked by one call shares: hierarchy, weights, countries, indicators."""

    tree: CriteriaTree
    weights: Mapping[str, float]
    codes: tuple[str, ...]
    base: MarketBase
    normalization: str
    weighed: CriteriaTree  # the technology criteria as the scenario weighs them


def _setting(
    tech_tree: CriteriaTree, scenario: Scenario, countries: Mapping[str, CountryProfile],
    indicators: Mapping[str, CountryIndicators], targets: Sequence[str] | None,
    market_tree: CriteriaTree | None, market_scenario: Scenario | None,
    leaf_weights: Mapping[str, float] | None,
) -> _Setting:
    tree = market_tree if market_tree is not None else load_market_criteria()
    judged = (market_scenario if market_scenario is not None or leaf_weights is not None
              else market_scenario_for(scenario))
    weights_of = market_weights(judged, tree, leaf_weights)
    codes = tuple(targets) if targets else single_targets(countries, indicators)
    missing = [c for c in codes if c not in countries]
    if missing:
        raise ConfigError.single(
            "market_unknown_target", f"unknown target(s) {', '.join(missing)}; known: "
            f"{', '.join(sorted(countries))}", field="countries", value=", ".join(missing),
        )
    return _Setting(tree=tree, weights=weights_of, codes=codes,
                    base=market_base(tree, indicators, codes),
                    normalization=market_normalization(tree),
                    weighed=scenario_weights(scenario, tech_tree).tree)


def market_scenario_file(scenario: Scenario) -> Path:
    """The file of a scenario's market judgments, ``criteria/markets/<id>.toml``.

    A scenario the user adjusted (id ``<id>-custom``, :mod:`exportmcda.model.weight_state`)
    changes the technology weights only: its market judgments are its base scenario's.
    ConfigError ``market_no_judgments`` when neither file exists.
    """
    known = available_scenarios(criteria_dir() / "markets")
    for name in (scenario.id, scenario.id.removesuffix(CUSTOM_SUFFIX)):
        if name in known:
            return known[name]
    raise ConfigError.single(
        "market_no_judgments", f"no market judgments for scenario {scenario.id!r} in "
        f"criteria/markets/; known: {', '.join(known)}", field="scenario", value=scenario.id,
    )


def market_scenario_for(scenario: Scenario) -> Scenario:
    """The market judgments of a (technology) scenario (see :func:`market_scenario_file`)."""
    return load_market_scenario(market_scenario_file(scenario))


def _technology_policy(
    db: Database, s: _Setting, countries: Mapping[str, CountryProfile],
    technologies: Sequence[str],
) -> pd.DataFrame:
    """Technologies x countries: the policy fit, scored once per country for all of them."""
    unknown = [t for t in technologies if t not in db.technologies.index]
    if unknown:
        raise ConfigError.single("unknown_technology", "no such technology id",
                                 field="technology", value=", ".join(unknown))
    leaf = _policy_leaf(s.weighed)
    return pd.DataFrame({
        c: score(db, s.weighed, countries[c], leaves=(leaf,)).matrix[leaf] for c in s.codes
    }).loc[list(technologies)].astype("float64")


def _fields_of(db: Database, technology: str) -> list[int]:
    return sorted({int(f) for f in db.rows.loc[db.rows["technology_id"] == technology,
                                                "field"]})


def rank_markets(
    db: Database,
    tech_tree: CriteriaTree,
    scenario: Scenario,
    countries: Mapping[str, CountryProfile],
    indicators: Mapping[str, CountryIndicators],
    *,
    technology: str | None = None,
    field_name: str | int | None = None,
    targets: Sequence[str] | None = None,
    market_tree: CriteriaTree | None = None,
    market_scenario: Scenario | None = None,
    leaf_weights: Mapping[str, float] | None = None,
) -> MarketRanking:
    """Rank the targets for one technology (or one field) over the market leaves.

    TOPSIS (:func:`rank_matrix`) with the market file's normalisation (min-max: see the
    module docstring). A leaf with the same value for every country ranked (e.g.
    ``exported_here`` for a technology sold to none of them) cannot separate them: it is left
    out and its weight shared in proportion among the others, with a
    ``market_leaves_constant`` note naming it. TOPSIS closeness is unchanged by this: a
    constant column adds 0 to both separations, and closeness is invariant to scaling all
    weights by one factor (Hwang & Yoon 1981). When no leaf separates the countries (a
    one-country ranking) there is nothing to compare: every country scores 1 (demand
    neutral, as in :func:`export_potential`), with a ``market_nothing_to_compare`` note,
    never a division by zero. The market judgments default to the scenario's
    (:func:`market_scenario_for`).
    """
    if (technology is None) == (field_name is None):
        raise ConfigError.single("market_one_of", "give a technology or a field, not both",
                                 field="technology")
    s = _setting(tech_tree, scenario, countries, indicators, targets, market_tree,
                 market_scenario, leaf_weights)
    if technology is not None:
        policy = pd.Series(_technology_policy(db, s, countries, [technology]).loc[technology],
                           dtype="float64")
        exported = pd.Series(_exported(db, s.codes).loc[technology], dtype="float64")
        return _rank_row(s, countries, technology, "technology", policy, exported,
                         _fields_of(db, technology))
    number = _resolve_field(field_name if field_name is not None else "")
    policy = pd.Series({c: float(countries[c].fit_vector()[number - 1]) for c in s.codes})
    members = _field_members(db).get(number, [])
    exported = pd.Series(_exported(db, s.codes).reindex(members).mean() if members
                         else 0.0, index=list(s.codes), dtype="float64")
    return _rank_row(s, countries, FIELDS[number - 1].en, "field", policy, exported, [number])


def rank_markets_for(
    db: Database,
    tech_tree: CriteriaTree,
    scenario: Scenario,
    countries: Mapping[str, CountryProfile],
    indicators: Mapping[str, CountryIndicators],
    technologies: Sequence[str],
    *,
    targets: Sequence[str] | None = None,
    market_tree: CriteriaTree | None = None,
    market_scenario: Scenario | None = None,
    leaf_weights: Mapping[str, float] | None = None,
) -> dict[str, MarketRanking]:
    """:func:`rank_markets` for several technologies, the policy fit scored once per country.

    The same rankings as one call per technology (tested), at the cost of one call (the
    scoring, ~0.2 s for 16 countries) plus one small TOPSIS per technology: what an export
    of a shortlist and its audit record need.
    """
    s = _setting(tech_tree, scenario, countries, indicators, targets, market_tree,
                 market_scenario, leaf_weights)
    ids = list(dict.fromkeys(technologies))
    policy = _technology_policy(db, s, countries, ids)
    exported = _exported(db, s.codes)
    return {
        t: _rank_row(s, countries, t, "technology", pd.Series(policy.loc[t], dtype="float64"),
                     pd.Series(exported.loc[t], dtype="float64"), _fields_of(db, t))
        for t in ids
    }


def _rank_row(
    s: _Setting, countries: Mapping[str, CountryProfile], row: str, kind: str,
    policy: pd.Series, exported: pd.Series, fields: Sequence[int],
) -> MarketRanking:
    """Rank ``s.codes`` for one row (technology or field) given its policy and exports."""
    codes, tree = s.codes, s.tree
    matrix = _demand_columns(tree, s.base, policy, exported)
    values = matrix.to_numpy(dtype=float)
    flat = _constant(values.max(axis=0), values.min(axis=0))
    used = [c for c, f in zip(matrix.columns, flat, strict=True) if not f]
    dropped = tuple(c for c in matrix.columns if c not in used)
    notes = list(s.base.notes)
    if dropped:
        notes.append(Note.of("market_leaves_constant", leaves=", ".join(dropped),
                             n=len(codes)))
    provenance = "country indicators (data/countries/indicators) and policy profiles"
    if not used:
        notes.append(Note.of("market_nothing_to_compare", n=len(codes)))
        result = _neutral_result(codes, s.normalization, provenance)
    else:
        w = np.array([s.weights[c] for c in used], dtype=float)
        if not w.sum() > 0:
            raise ConfigError.single(
                "no_weight_left",
                "every market criterion with a weight is the same for every country",
            )
        result = rank_matrix(
            matrix[used], w / w.sum(), {c: tree.leaf(c).direction for c in used},
            normalization=s.normalization, provenance=provenance,
        )
    notes += list(result.notes)
    sources = {
        c: _sources(s.base, tree, countries[c], c, fields,
                    float(exported.to_dict().get(c, 0.0)))
        for c in codes
    }
    return MarketRanking(row=row, kind=kind, result=result, matrix=matrix, weights=s.weights,
                         sources=sources, notes=tuple(dict.fromkeys(notes)),
                         normalization=s.normalization, left_out=dropped)


def _neutral_result(codes: Sequence[str], normalization: str, provenance: str) -> RankResult:
    """The ranking of countries no leaf separates: all score 1, tied, ordered by code.

    What TOPSIS gives when the ideal and the anti-ideal coincide is 0/0; the market side's
    stated convention (as :func:`_batched_closeness`) is closeness 1, "demand neutral". No
    leaf is used, so there is nothing to apportion (no contributions).
    """
    n = len(codes)
    scores = read_only(np.ones(n))
    none = read_only(np.zeros((n, 0)))
    ties = rank_with_ties(scores, list(codes))
    return RankResult(
        method="topsis", normalization=normalization, params=MappingProxyType({}),
        engine="none (nothing to compare)", alternatives=tuple(codes), criteria=(),
        matrix=none, weights=read_only(np.zeros(0)),
        types=read_only(np.zeros(0), dtype=np.int64),  # type: ignore[arg-type]
        scores=scores, ranks=ties.average, order=ties.order, higher_is_better=True, ties=ties,
        intermediates=MappingProxyType({
            "nmatrix": none, "wnmatrix": none, "nis": read_only(np.zeros(0)),
            "pis": read_only(np.zeros(0)), "dnis": read_only(np.zeros(n)),
            "dpis": read_only(np.zeros(n)), "pref": scores,
        }),
        provenance=provenance,
    )


# ----------------------------------------------------------------------------- matrix


@dataclass(frozen=True, slots=True, kw_only=True)
class Supply:
    """The technology side prepared once per country (scoring; re-ranking is cheap)."""

    weights: ScenarioWeights
    scenario: Scenario
    candidates: Mapping[str, Candidates]


def prepare_supply(
    db: Database, tech_tree: CriteriaTree, scenario: Scenario,
    countries: Mapping[str, CountryProfile], targets: Sequence[str],
) -> Supply:
    """Score the technologies once per target (the slow part, ~0.14 s per country)."""
    weighed = scenario_weights(scenario, tech_tree)
    return Supply(weights=weighed, scenario=scenario, candidates={
        c: prepare(db, weighed.tree, countries[c]) for c in targets
    })


def _batched_closeness(
    x: np.ndarray, w: np.ndarray, signs: np.ndarray, normalization: str = DEFAULT_NORMALIZATION
) -> tuple[np.ndarray, np.ndarray]:
    """TOPSIS closeness of many small problems at once: x (rows, countries, leaves).

    Each (row, leaf) is normalised over the countries as :func:`rank_matrix` does it
    (min-max: ``(x - min) / (max - min)``, cost ``(max - x) / (max - min)``; vector:
    ``x / ||x||``, cost ``1 - x / ||x||``). A (row, leaf) constant over the countries
    (:data:`CONSTANT_TOLERANCE`) normalises to 0: it adds 0 to both separations, the same
    closeness as leaving it out, as :func:`rank_markets` does. A row whose countries do not
    differ on any weighted leaf has no ranking: closeness 1 for all (demand neutral).
    Returns the closeness (rows, countries) and the constant mask (rows, leaves), which the
    caller reports.
    """
    high, low = x.max(axis=1, keepdims=True), x.min(axis=1, keepdims=True)
    flat = _constant(high, low)
    cost = signs < 0
    if normalization == "minmax":
        span = np.where(flat, 1.0, high - low)
        n = np.where(cost, high - x, x - low) / span
    else:
        norm = np.sqrt((x**2).sum(axis=1, keepdims=True))
        q = np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
        n = np.where(cost, 1.0 - q, q)
    n = np.where(flat, 0.0, n)
    v = n * w
    hi, lo = v.max(axis=1, keepdims=True), v.min(axis=1, keepdims=True)
    ideal = np.where(signs > 0, hi, lo)
    anti = np.where(signs > 0, lo, hi)
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=2))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=2))
    total = d_plus + d_minus
    out: np.ndarray = np.divide(d_minus, total, out=np.ones_like(total), where=total > 0)
    return out, flat[:, 0, :]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportPotential:
    """Rows (technologies or fields) x countries: supply, demand and their combination."""

    by: str
    rows: tuple[str, ...]
    countries: tuple[str, ...]
    supply: pd.DataFrame
    demand: pd.DataFrame
    score: pd.DataFrame
    rank_in_row: pd.DataFrame
    rank_in_country: pd.DataFrame
    demand_weight: float
    market_leaf_weights: Mapping[str, float]
    rule: str = "weighted geometric mean supply^(1-a) * demand^a (Decreux & Spies 2016)"
    notes: tuple[Note, ...] = ()
    normalization: str = DEFAULT_NORMALIZATION  # of the market side (demand)

    def best_rows(self, top: int | None) -> tuple[str, ...]:
        """The ``top`` rows by their best cell (all when ``None``), best first."""
        best = self.score.max(axis=1).to_numpy()
        order = rank_with_ties(best, list(self.rows)).order
        picked = [self.rows[i] for i in order]
        return tuple(picked if top is None else picked[:top])

    def as_dict(self, top: int | None = None) -> dict[str, Any]:
        """``{rows, countries, cells: [{row, country, score, rank_in_row, rank_in_country}]}``."""
        rows = self.best_rows(top)
        at = {r: i for i, r in enumerate(self.rows)}
        score, supply, demand = (f.to_numpy(dtype=float)
                                 for f in (self.score, self.supply, self.demand))
        in_row, in_country = self.rank_in_row.to_numpy(), self.rank_in_country.to_numpy()
        cells = [
            {"row": r, "country": c, "score": float(score[at[r], j]),
             "rank_in_row": int(in_row[at[r], j]), "rank_in_country": int(in_country[at[r], j]),
             "supply": float(supply[at[r], j]), "demand": float(demand[at[r], j])}
            for r in rows for j, c in enumerate(self.countries)
        ]
        return {
            "by": self.by, "rows": list(rows), "countries": list(self.countries),
            "cells": cells, "rule": self.rule, "demand_weight": self.demand_weight,
            "market_weights": dict(self.market_leaf_weights),
            "normalization": self.normalization,
            "notes": [n.as_dict() for n in self.notes],
        }


def _ranks(frame: pd.DataFrame, axis: int) -> pd.DataFrame:
    """Integer ranks (1 = best) along rows (axis 1) or columns (axis 0), engine tie rule."""
    out = np.zeros(frame.shape, dtype=np.int64)
    values = frame.to_numpy()
    if axis == 0:
        keys = list(frame.index)
        for j in range(values.shape[1]):
            out[:, j] = rank_with_ties(values[:, j], keys).ordinal
    else:
        keys = list(frame.columns)
        for i in range(values.shape[0]):
            out[i, :] = rank_with_ties(values[i, :], keys).ordinal
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)


def export_potential(
    db: Database,
    supply: Supply,
    indicators: Mapping[str, CountryIndicators],
    *,
    by: str = "technology",
    market_tree: CriteriaTree | None = None,
    market_scenario: Scenario | None = None,
    leaf_weights: Mapping[str, float] | None = None,
    demand_weight: float = 0.5,
) -> ExportPotential:
    """The export-potential matrix for the prepared targets (see the module docstring).

    ``by = "field"``: a field's supply in a country is the best closeness among its
    technologies there (what the field can offer), its demand the market closeness with the
    field's priority / 2 and the share of its technologies exported there.
    """
    if by not in BY:
        raise ConfigError.single("bad_param", f"by must be one of {', '.join(BY)}",
                                 field="by", value=by)
    if not 0.0 <= demand_weight <= 1.0:
        raise ConfigError.single("bad_param", "demand_weight must be in [0, 1]",
                                 field="demand_weight", value=str(demand_weight))
    tree = market_tree if market_tree is not None else load_market_criteria()
    weights_of = market_weights(
        market_scenario if market_scenario is not None
        else market_scenario_for(supply.scenario), tree, leaf_weights,
    )
    codes = tuple(supply.candidates)
    base = market_base(tree, indicators, codes)
    normalization = market_normalization(tree)
    ranked = {c: rank_candidates(cand, supply.scenario, cand.country, supply.weights)
              for c, cand in supply.candidates.items()}
    techs = ranked[codes[0]].result.alternatives
    sup = pd.DataFrame({c: pd.Series(s.result.scores, index=s.result.alternatives)
                        for c, s in ranked.items()}).loc[list(techs)]
    policy_leaf = _policy_leaf(supply.weights.tree)
    policy = pd.DataFrame({c: cand.scores.matrix[policy_leaf]
                           for c, cand in supply.candidates.items()}).loc[list(techs)]
    exported = _exported(db, codes).loc[list(techs)]
    notes: list[Note] = list(base.notes)
    if by == "field":
        members = _field_members(db)
        numbers = sorted(members)
        names = [FIELDS[f - 1].en for f in numbers]
        sup = pd.DataFrame([sup.loc[members[f]].max() for f in numbers], index=names)
        exported = pd.DataFrame([exported.loc[members[f]].mean() for f in numbers],
                                index=names)
        policy = pd.DataFrame(
            [[supply.candidates[c].country.fit_vector()[f - 1] for c in codes]
             for f in numbers], index=names, columns=list(codes))
    rows = tuple(str(r) for r in sup.index)
    leaves = tree.leaves
    w = np.array([weights_of[leaf.id] for leaf in leaves], dtype=float)
    if demand_weight == 0 or not w.sum() > 0:
        demand = np.ones((len(rows), len(codes)))
        notes.append(Note.of("market_demand_neutral", demand_weight=demand_weight))
    else:
        x = np.empty((len(rows), len(codes), len(leaves)))
        for k, leaf in enumerate(leaves):
            if leaf.measure == "indicator":
                x[:, :, k] = base.table[leaf.id].to_numpy()[None, :]
            elif leaf.measure == "policy_priority":
                x[:, :, k] = policy.to_numpy(dtype=float)
            else:
                x[:, :, k] = exported.to_numpy(dtype=float)
        signs = np.array([1 if leaf.direction is Direction.BENEFIT else -1 for leaf in leaves])
        demand, flat = _batched_closeness(x, w / w.sum(), signs, normalization)
        notes += [
            Note.of("market_leaves_constant_rows", leaf=leaf.id, rows=int(k), total=len(rows),
                    n=len(codes))
            for leaf, k in zip(leaves, flat.sum(axis=0), strict=True) if k
        ]
    demand_frame = pd.DataFrame(demand, index=list(rows), columns=list(codes))
    sup.index = list(rows)
    cell = sup.to_numpy(dtype=float) ** (1 - demand_weight) * demand**demand_weight
    scores = pd.DataFrame(cell, index=list(rows), columns=list(codes))
    return ExportPotential(
        by=by, rows=rows, countries=codes, supply=sup, demand=demand_frame, score=scores,
        rank_in_row=_ranks(scores, 1), rank_in_country=_ranks(scores, 0),
        demand_weight=demand_weight, market_leaf_weights=weights_of,
        notes=tuple(dict.fromkeys(notes)), normalization=normalization,
    )


def with_targets(supply: Supply, targets: Sequence[str]) -> Supply:
    """The prepared supply restricted to ``targets`` (in that order)."""
    return replace(supply, candidates={c: supply.candidates[c] for c in targets})
