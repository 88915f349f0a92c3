"""Consistency of pairwise judgments: the random-index tables and the acceptance limit.

Saaty's consistency ratio ``CR = CI / RI(n)`` compares a matrix's consistency index with
the mean index RI(n) of random reciprocal matrices of the same size (Saaty 1980, *The
Analytic Hierarchy Process*, ch. 1). Published RI tables differ by up to ~10 % (they come
from different simulations), so the table is a named, cited choice reported with every CR.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from exportmcda.errors import ConfigError, Issue, JudgmentError

__all__ = [
    "DEFAULT_RI_TABLE",
    "DEFAULT_THRESHOLD",
    "RI_SOURCES",
    "RI_TABLES",
    "SAATY_1994_THRESHOLDS",
    "consistency_threshold",
    "random_index",
]


def _config(code: str, message: str, value: object) -> ConfigError:
    return ConfigError(Issue(code=code, message=message, value=str(value)))


def _table(values: Sequence[float]) -> Mapping[int, float]:
    return MappingProxyType({n: v for n, v in enumerate((0.0, 0.0, *values), start=1)})


RI_TABLES: Final[Mapping[str, Mapping[int, float]]] = MappingProxyType({
    "saaty_1980": _table((0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
                          1.51, 1.48, 1.56, 1.57, 1.59)),
    "saaty_2005": _table((0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49,
                          1.52, 1.54, 1.56, 1.58, 1.59)),
    "alonso_lamata_2006": _table((0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499,
                                  1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838)),
    "donegan_dodd_1991": _table((0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733,
                                 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969)),
    "tummala_ling_1998": _table((0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537,
                                 1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831)),
})
"""Random index RI(n), n = 1..15: mean CI of random reciprocal matrices on Saaty's scale.

The table moves CR by up to ~10 % (n = 3: 0.58 vs 0.49), so it is a named choice carried in
every result. Sources in :data:`RI_SOURCES`; values as transcribed in the project's
reference cases (``mcda-cases.json``, case ``ri-tables``).
"""

RI_SOURCES: Final[Mapping[str, str]] = MappingProxyType({
    "saaty_1980": "Saaty, T.L. (1980) The Analytic Hierarchy Process, McGraw-Hill "
    "(n = 11..15 as commonly reprinted, incl. the non-monotone 1.48 at n = 12)",
    "saaty_2005": "Saaty, T.L. (2005) Theory and Applications of the Analytic Network "
    "Process, RWS Publications, p. 31",
    "alonso_lamata_2006": "Alonso, J.A. & Lamata, M.T. (2006) Int. J. Uncertainty, Fuzziness "
    "and Knowledge-Based Systems 14(4):445-459",
    "donegan_dodd_1991": "Donegan, H.A. & Dodd, F.J. (1991) Math. Comput. Modelling "
    "15(10):135-137",
    "tummala_ling_1998": "Tummala, V.M.R. & Ling, H. (1998) Theory and Decision 44(3):221-230",
})
"""Citation of each RI table."""

DEFAULT_RI_TABLE: Final = "saaty_1980"
"""Saaty's original table: the one most textbooks (and pyDecision) print."""

DEFAULT_THRESHOLD: Final = 0.10
"""Saaty's (1980) acceptance limit CR <= 0.10, used for every n unless told otherwise."""

SAATY_1994_THRESHOLDS: Final[Mapping[int, float]] = MappingProxyType({3: 0.05, 4: 0.08})
"""Stricter limits for small matrices: 0.05 for n = 3, 0.08 for n = 4, 0.10 above (Saaty 1994,
"How to make a decision", Interfaces 24(6):19-43). Chosen with ``threshold="saaty_1994"``."""


def random_index(n: int, table: str = DEFAULT_RI_TABLE) -> float:
    """Return RI(n) from the named table (0 for n <= 2, where every matrix is consistent).

    Raises
    ------
    ConfigError
        For an unknown table name.
    JudgmentError
        For n outside the table (1..15): splitting into sub-criteria is the AHP remedy,
        as judgments of more than 7-9 items are unreliable (Saaty & Ozdemir 2003, Math.
        Comput. Modelling 38:233-244).
    """
    if table not in RI_TABLES:
        raise _config("unknown_ri_table", f"unknown random-index table '{table}'; choose one "
                      f"of {', '.join(RI_TABLES)}", table)
    values = RI_TABLES[table]
    if n not in values:
        raise JudgmentError(Issue(code="matrix_too_large", value=str(n), message=(
            f"{n} criteria in one comparison: the RI table '{table}' covers 1 to {max(values)}; "
            "group the criteria into sub-criteria")))
    return values[n]


def consistency_threshold(n: int, rule: float | str = DEFAULT_THRESHOLD) -> float:
    """Return the CR acceptance limit for an n x n matrix: a number, or ``"saaty_1994"``."""
    if rule == "saaty_1994":
        return SAATY_1994_THRESHOLDS.get(n, DEFAULT_THRESHOLD)
    if isinstance(rule, str) or not 0 < rule < 1:
        raise _config("bad_threshold", "the consistency threshold must be a number in (0, 1) "
                      "or 'saaty_1994'", rule)
    return float(rule)
