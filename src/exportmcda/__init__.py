"""exportmcda: selecting Korean smart-city technologies for export (Kim 2021), AHP + TOPSIS.

A notebook needs three lines::

    import exportmcda as em
    study = em.load_sample()                       # or em.load("database.xlsx")
    result = em.select(study, em.load_criteria(), em.load_scenario("balanced"),
                       em.get_country("IND"))
    result.table(10)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from exportmcda.errors import ConfigError, ExportMcdaError, InputError, Issue, JudgmentError
from exportmcda.version import __version__

if TYPE_CHECKING:  # what mypy and IDEs see; at run time each name is imported on first use
    from exportmcda.ahp.priorities import AhpResult, ahp, ahp_from_pairs, global_weights
    from exportmcda.data.countries import CountryProfile, get_country, load_countries
    from exportmcda.data.database import Database, Provenance
    from exportmcda.data.io import load, load_sample, read_table
    from exportmcda.data.overview import TABLES, OverviewTable, overview
    from exportmcda.export.record import Record, build_record, read_record
    from exportmcda.export.verify import verify
    from exportmcda.model.criteria import CriteriaTree, load_criteria
    from exportmcda.model.measures import score
    from exportmcda.model.robustness import RobustnessReport, flip_pair, robustness
    from exportmcda.model.scenarios import Scenario, load_scenario, scenario_weights
    from exportmcda.model.selection import Filters, Selection, select
    from exportmcda.rank.engine import RankResult, rank_matrix

# Lazy attributes (PEP 562): ``import exportmcda`` costs only what is used, so the CLI and
# the app's first page do not import pandas' and pymcdm's worth of modules they never call.
_LAZY = {
    "exportmcda.ahp.priorities": ("AhpResult", "ahp", "ahp_from_pairs", "global_weights"),
    "exportmcda.data.countries": ("CountryProfile", "get_country", "load_countries"),
    "exportmcda.data.database": ("Database", "Provenance"),
    "exportmcda.data.io": ("load", "load_sample", "read_table"),
    "exportmcda.data.overview": ("TABLES", "OverviewTable", "overview"),
    "exportmcda.export.record": ("Record", "build_record", "read_record"),
    "exportmcda.export.verify": ("verify",),
    "exportmcda.model.criteria": ("CriteriaTree", "load_criteria"),
    "exportmcda.model.measures": ("score",),
    "exportmcda.model.robustness": ("RobustnessReport", "flip_pair", "robustness"),
    "exportmcda.model.scenarios": ("Scenario", "load_scenario", "scenario_weights"),
    "exportmcda.model.selection": ("Filters", "Selection", "select"),
    "exportmcda.rank.engine": ("RankResult", "rank_matrix"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}

# ``ahp`` and ``robustness`` are functions of __all__ and also subpackages; importing a
# subpackage binds it on its parent. Import both (empty) subpackages now and unbind them, so
# that the names always resolve to the functions, whatever is imported later.
for _subpackage in ("ahp", "robustness"):
    importlib.import_module(f"exportmcda.{_subpackage}")
    del globals()[_subpackage]
del _subpackage


if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any em.<typo>

    def __getattr__(name: str) -> Any:
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module 'exportmcda' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups skip this function
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
