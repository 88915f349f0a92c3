"""exportmcda: selecting Korean smart-city technologies for export (Kim 2021), AHP + TOPSIS.

A notebook needs three lines::

    import exportmcda as em
    study = em.load_sample()                       # or em.load("database.xlsx")
    result = em.select(study, em.load_criteria(), em.load_scenario("balanced"),
                       em.get_country("IND"))
    result.table(10)
"""

from __future__ import annotations

from exportmcda.audit import Record, build_record, read_record
from exportmcda.audit_verify import verify
from exportmcda.countries import CountryProfile, get_country, load_countries
from exportmcda.criteria import CriteriaTree, load_criteria
from exportmcda.database import Database, Provenance
from exportmcda.errors import ConfigError, ExportMcdaError, InputError, Issue, JudgmentError
from exportmcda.io import load, load_sample, read_table
from exportmcda.measures import score
from exportmcda.profiles import TABLES, OverviewTable, overview
from exportmcda.ranking import RankResult, rank_matrix
from exportmcda.scenarios import Scenario, load_scenario, scenario_weights
from exportmcda.selection import Filters, Selection, select
from exportmcda.sensitivity import RobustnessReport, flip_pair, robustness
from exportmcda.weighting import AhpResult, ahp, ahp_from_pairs, global_weights

__version__ = "0.1.0"

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
