"""The market side of a shortlist export: indicators compared, market weights, best markets.

A shortlist workbook (:mod:`exportmcda.export.reports`) goes to a planning meeting, where
the market planner wants every indicator with its year and source (USERS.md, journey 5,
step 4), and to an auditor months later, who wants it re-run or told exactly what changed
(journey 4). :class:`MarketEvidence` is that part of an export, gathered once: the market
hierarchy and its normalisation, the scenario's market weights (labelled assumed when the
market scenario file says so), the indicator values of the countries the market side
compares (each :class:`~exportmcda.data.indicators.IndicatorValue` keeps its issuer, year,
where it was found and whether it was computed), the files they were read from (for the
audit record's hashes), and, when the database is at hand, each shortlisted technology's
country ranking (:func:`~exportmcda.model.markets.rank_markets_for`).

Without the database (the app exports from a ranking alone) there are no country rankings;
the indicators, weights and normalisation are still shown and pinned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from exportmcda.data.countries import GROUPS_FILE, load_countries
from exportmcda.data.countries import default_directory as countries_directory
from exportmcda.data.database import Database
from exportmcda.data.indicators import IndicatorValue, load_indicators
from exportmcda.errors import ConfigError, Note
from exportmcda.model.criteria import CriteriaTree, Leaf, load_criteria
from exportmcda.model.markets import (
    MarketRanking,
    load_market_criteria,
    load_market_scenario,
    market_normalization,
    market_scenario_file,
    market_weights,
    rank_markets_for,
    single_targets,
)
from exportmcda.model.scenarios import Scenario
from exportmcda.model.selection import Selection
from exportmcda.resources import criteria_dir

__all__ = ["MarketEvidence", "default_market_path", "market_evidence"]


def default_market_path() -> Path:
    """The shipped market hierarchy, ``criteria/markets.toml``."""
    return criteria_dir() / "markets.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketEvidence:
    """What an export shows and pins of the market side (see the module docstring).

    ``scenario`` is ``None`` (and ``weights`` empty) when no market judgments exist for the
    export's scenario and none were given; ``compared`` are the countries the market side
    ranks (the single-country targets), ``shown`` those plus the export's target when it is
    a group with indicators; ``indicator_values`` holds each (country, indicator leaf)'s value;
    ``rankings`` each shortlisted technology's country ranking (empty without a database).
    """

    tree: CriteriaTree
    market_file: Path
    scenario: Scenario | None
    scenario_file: Path | None
    weights: Mapping[str, float]
    normalization: str
    compared: tuple[str, ...]
    shown: tuple[str, ...]
    indicator_values: Mapping[tuple[str, str], IndicatorValue]
    countries_dir: Path
    indicators_dir: Path
    rankings: Mapping[str, MarketRanking] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()

    @property
    def indicator_leaves(self) -> tuple[Leaf, ...]:
        """The market leaves read from the indicator files, in hierarchy order."""
        return tuple(leaf for leaf in self.tree.leaves if leaf.measure == "indicator")

    @property
    def assumed(self) -> bool:
        """Whether the market weights are assumed judgments (the scenario file says so)."""
        return self.scenario is not None and self.scenario.basis == "assumed"

    def indicator_files(self) -> tuple[tuple[str, Path], ...]:
        """Every file the indicators are read from, named relative to the countries folder.

        ``indicators/<CODE>.toml`` for each country and ``groups.toml`` (members and the
        group aggregation rules), as :func:`~exportmcda.data.indicators.load_indicators`
        reads them: a change to any of them can change a value shown or a ranking.
        """
        files = [(f"indicators/{p.name}", p) for p in sorted(self.indicators_dir.glob("*.toml"))]
        groups = self.indicators_dir.parent / GROUPS_FILE
        if groups.is_file():
            files.append((GROUPS_FILE, groups))
        return tuple(files)

    def market_files(self) -> tuple[tuple[str, Path], ...]:
        """The market hierarchy and the market scenario file used, relative to ``criteria/``."""
        files = [(self.market_file.name, self.market_file)]
        if self.scenario_file is not None:
            files.append((f"markets/{self.scenario_file.name}", self.scenario_file))
        return tuple(files)

    def best(self, technology: str, n: int = 3) -> list[dict[str, Any]]:
        """The ``n`` best markets of a shortlisted technology (``markets`` JSON rows)."""
        ranking = self.rankings.get(technology)
        return [] if ranking is None else ranking.records()[:n]


def _market_scenario(selection: Selection) -> tuple[Scenario | None, Path | None, list[Note]]:
    """The export scenario's market judgments, or none (with a note) when it has none."""
    try:
        path = market_scenario_file(selection.scenario)
    except ConfigError as error:
        if error.issues[0].code != "market_no_judgments":
            raise
        return None, None, [Note.of("market_weights_unknown", scenario=selection.scenario.id)]
    return load_market_scenario(path), path, []


def market_evidence(
    selection: Selection,
    *,
    db: Database | None = None,
    technologies: Sequence[str] = (),
    countries_dir: str | Path | None = None,
    indicators_dir: str | Path | None = None,
    market_path: str | Path | None = None,
    leaf_weights: Mapping[str, float] | None = None,
    normalization: str | None = None,
) -> MarketEvidence:
    """Gather the market side of ``selection``'s export.

    Parameters
    ----------
    db : Database, optional
        The database ``selection`` was ranked from; with it, each of ``technologies`` (the
        shortlist) gets its country ranking.
    countries_dir, indicators_dir : path, optional
        The profiles (default the shipped ``data/countries``) and the indicators (default
        ``<countries_dir>/indicators``; ``groups.toml`` is read next to that folder).
    market_path : path, optional
        The market hierarchy (default ``criteria/markets.toml``).
    leaf_weights, normalization : optional
        Market weights per leaf and normalisation to use instead of the scenario's and the
        file's: what :func:`exportmcda.export.verify.verify` re-runs from a record.
    """
    folder = countries_directory() if countries_dir is None else Path(countries_dir)
    ind_folder = folder / "indicators" if indicators_dir is None else Path(indicators_dir)
    market_file = default_market_path() if market_path is None else Path(market_path)
    tree = load_market_criteria(market_file)
    if normalization is not None:
        tree = replace(tree, method={**tree.method, "normalization": normalization})
    norm = market_normalization(tree)
    scenario, scenario_file, notes = _market_scenario(selection)
    weights = ({} if scenario is None and leaf_weights is None
               else market_weights(scenario, tree, leaf_weights))
    indicators = load_indicators(ind_folder)
    profiles = load_countries(folder)
    compared = single_targets(profiles, indicators)
    target = selection.country.code
    shown = compared + ((target,) if target not in compared and target in indicators else ())
    indicator_values = {
        (c, leaf.id): indicators[c].get(str(leaf.params["indicator"]),
                                        None if leaf.params.get("year") is None
                                        else str(leaf.params["year"]))
        for c in shown for leaf in tree.leaves if leaf.measure == "indicator"
    }
    notes += [n for v in indicator_values.values() for n in v.notes]
    rankings: dict[str, MarketRanking] = {}
    if db is not None and technologies and weights and compared:
        rankings = rank_markets_for(
            db, load_criteria(selection.weights.tree.path), selection.scenario, profiles,
            indicators, technologies, targets=compared, market_tree=tree,
            market_scenario=scenario, leaf_weights=leaf_weights,
        )
        notes += [n for r in rankings.values() for n in r.notes if n.code != "tie_rule"]
    return MarketEvidence(
        tree=tree, market_file=market_file, scenario=scenario, scenario_file=scenario_file,
        weights=weights, normalization=norm, compared=compared, shown=shown,
        indicator_values=indicator_values,
        countries_dir=folder, indicators_dir=ind_folder, rankings=rankings,
        notes=tuple(dict.fromkeys(notes)),
    )

