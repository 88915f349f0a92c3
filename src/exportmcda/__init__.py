"""exportmcda: selecting Korean smart-city technologies for export (Kim 2021), AHP + TOPSIS.

A notebook needs three lines::

    import exportmcda as em
    study = em.load_sample()                       # or em.load("database.xlsx")
    result = em.select(study, em.load_criteria(), em.load_scenario("balanced"),
                       em.get_country("IND"))
    result.table(10)
"""

from __future__ import annotations

from exportmcda.ahp.priorities import AhpResult, ahp, ahp_from_pairs, global_weights
from exportmcda.data.countries import CountryProfile, get_country, load_countries
from exportmcda.data.database import Database, Provenance
from exportmcda.data.io import load, load_sample, read_table
from exportmcda.data.overview import TABLES, OverviewTable, overview
from exportmcda.errors import ConfigError, ExportMcdaError, InputError, Issue, JudgmentError
from exportmcda.export.record import Record, build_record, read_record
from exportmcda.export.verify import verify
from exportmcda.model.criteria import CriteriaTree, load_criteria
from exportmcda.model.measures import score
from exportmcda.model.robustness import RobustnessReport, flip_pair, robustness
from exportmcda.model.scenarios import Scenario, load_scenario, scenario_weights
from exportmcda.model.selection import Filters, Selection, select
from exportmcda.rank.engine import RankResult, rank_matrix
from exportmcda.version import __version__

__all__ = [
    "TABLES",
    "AhpResult",
    "ConfigError",
    "CountryProfile",
    "CriteriaTree",
    "Database",
    "ExportMcdaError",
    "Filters",
    "InputError",
    "Issue",
    "JudgmentError",
    "OverviewTable",
    "Provenance",
    "RankResult",
    "Record",
    "RobustnessReport",
    "Scenario",
    "Selection",
    "__version__",
    "ahp",
    "ahp_from_pairs",
    "build_record",
    "flip_pair",
    "get_country",
    "global_weights",
    "load",
    "load_countries",
    "load_criteria",
    "load_sample",
    "load_scenario",
    "overview",
    "rank_matrix",
    "read_record",
    "read_table",
    "robustness",
    "scenario_weights",
    "score",
    "select",
    "verify",
]
