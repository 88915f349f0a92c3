"""The one place that knows how exportmcda drives pymcdm (``pymcdm>=1.4,<1.5``).

Every other module reaches pymcdm only through the functions here, and nothing here runs at
import time: ``import exportmcda.rank`` loads no pymcdm (whose package ``__init__`` imports
``pymcdm.visuals``, hence matplotlib, plus scipy and pandas: about 0.6 s of start-up).

Public pymcdm API used
    ``pymcdm.methods.<METHOD>(...)`` constructors; ``pymcdm.validators.
    validate_decision_problem``; the ``pymcdm.normalizations.*_normalization`` functions;
    ``pymcdm.correlations.spearman``. ``method(matrix, weights, types, verbose=True)``
    (pymcdm's public way to get every intermediate table) is what :func:`steps` must equal,
    and ``tests/rank/test_pymcdm_adapter.py`` checks that it does.

Not public, and used only here (each checked by that test, which fails with a message
naming the assumption on an incompatible pymcdm)
    1. :func:`steps` calls ``MCDA_method._method`` and reads ``_tables`` labels instead of
       ``verbose=True``: the public call wraps every step in a labelled ``pymcdm.io.Table``
       (a DataFrame each), which costs 10-50 ms a call at 1,044 alternatives (VIKOR: 0.3 ms
       -> 30 ms) and makes PROMETHEE II keep one n x n difference table per criterion
       (87 MB at 1,044 x 10). Same numbers, same labels.
    2. :func:`method_checks` calls ``MCDA_method._additional_validation``: the method's own
       input checks (SPOTIS: matrix within bounds), which the public ``validation=True``
       only runs together with the decision-problem check, while the engine can skip the
       latter (``matrix_checks=False``) but never the former.
    3. :func:`module` loads ``pymcdm/validators.py`` and ``pymcdm/normalizations.py`` from
       their files without running ``pymcdm/__init__.py``: both import nothing but the
       standard library and numpy, so TOPSIS on the fast path (``exportmcda.rank.
       fasttopsis``) and the CLI never pay for matplotlib. If pymcdm is already imported,
       or a file cannot be loaded that way, the ordinary import is used (same functions,
       only slower to import).
    4. :func:`validate_decision_problem` runs pymcdm's ``validate_decision_problem`` step by
       step: ``array_dimension_validator``, then ``matrix_validator``'s dominance test with
       numpy over the whole matrix (pymcdm compares the alternatives one by one in Python,
       about 1 s per 100,000 of them), warning with pymcdm's own words, then
       ``weights_validator`` and ``types_validator``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "LEAF_MODULES",
    "method_checks",
    "method_class",
    "module",
    "normalization",
    "spearman",
    "steps",
    "validate_decision_columns",
    "validate_decision_problem",
]

#: pymcdm modules that import only the standard library and numpy, loaded without
#: ``pymcdm/__init__.py`` (see the module docstring, point 3).
LEAF_MODULES = ("validators", "normalizations")

_loaded: dict[str, ModuleType] = {}


def _standalone(name: str) -> ModuleType | None:
    """``pymcdm/<name>.py`` executed on its own, or None if that is not possible."""
    try:
        spec = importlib.util.find_spec("pymcdm")  # finds the package, does not run it
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        leaf = importlib.util.spec_from_file_location(
            f"exportmcda.rank._pymcdm_{name}", f"{folder}/{name}.py"
        )
        if leaf is None or leaf.loader is None:
            continue
        loaded = importlib.util.module_from_spec(leaf)
        try:
            leaf.loader.exec_module(loaded)
        except Exception:  # no such file, a relative import ...: the ordinary import then
            continue
        return loaded
    return None


def module(name: str) -> ModuleType:
    """The pymcdm submodule ``name`` (a :data:`LEAF_MODULES` one without matplotlib)."""
    cached = _loaded.get(name)
    if cached is not None:
        return cached
    found = None
    if name in LEAF_MODULES and "pymcdm" not in sys.modules:
        found = _standalone(name)
    if found is None:
        found = importlib.import_module(f"pymcdm.{name}")
    _loaded[name] = found
    return found


_DOMINANCE = (
    "Alternatives with indices {} are {}. Consider removing them, as such alternatives can "
    "cause numerical errors in some methods."
)
"""pymcdm 1.4's ``matrix_validator`` warning, word for word (point 4 of the module doc)."""


def validate_decision_problem(
    matrix: NDArray[np.float64], weights: NDArray[np.float64], types: NDArray[Any]
) -> None:
    """Pymcdm's decision-problem check (dominance warnings, weights, directions).

    The same checks and warnings as ``pymcdm.validators.validate_decision_problem``, whose
    dominance search is a Python loop over the alternatives; here one numpy comparison
    (``tests/rank/test_pymcdm_adapter.py`` checks both warn alike).
    """
    module("validators").array_dimension_validator(matrix, 2, "Matrix")
    _check_columns([matrix[:, j] for j in range(matrix.shape[1])], weights, types)


def validate_decision_columns(
    columns: Sequence[NDArray[np.float64]], weights: NDArray[np.float64], types: NDArray[Any]
) -> None:
    """:func:`validate_decision_problem` for a matrix given as its columns (same warnings).

    A frame's columns are read in place: the check needs no matrix-sized copy (72 MB at
    565,000 x 16; issue 13, item 10). The columns must be of one length.
    """
    _check_columns(columns, weights, types)


def _check_columns(
    columns: Sequence[NDArray[np.float64]], weights: NDArray[np.float64], types: NDArray[Any]
) -> None:
    """The dominance warnings, then pymcdm's weight and direction checks (shape only)."""
    validators = module("validators")
    signs = np.asarray(types)
    n_rows = len(columns[0]) if columns else 0
    best = np.array([np.max(c) for c in columns])
    worst = np.array([np.min(c) for c in columns])
    dominant = np.where(signs == 1, best, worst)
    dominated = np.where(signs == -1, best, worst)
    for ideal, word in ((dominant, "dominant"), (dominated, "dominated")):
        equal = np.ones(n_rows, dtype=bool)
        for column, value in zip(columns, ideal, strict=True):
            equal &= column == value
        found = np.flatnonzero(equal)
        if found.size > 0:
            warnings.warn(_DOMINANCE.format(found, word), UserWarning, stacklevel=3)
    shape = np.broadcast_to(np.float64(0), (n_rows, len(columns)))  # pymcdm reads the shape
    validators.weights_validator(shape, weights)
    validators.types_validator(shape, types)


def normalization(name: str) -> Callable[..., NDArray[np.float64]]:
    """``pymcdm.normalizations.<name>_normalization``."""
    fn: Callable[..., NDArray[np.float64]] = getattr(
        module("normalizations"), f"{name}_normalization"
    )
    return fn


def method_class(name: str) -> Any:
    """The class ``pymcdm.methods.<name>`` (imports pymcdm, and with it matplotlib)."""
    return getattr(importlib.import_module("pymcdm.methods"), name)


def spearman(a: Sequence[float] | NDArray[Any], b: Sequence[float] | NDArray[Any]) -> float:
    """``pymcdm.correlations.spearman`` of two rankings."""
    return float(importlib.import_module("pymcdm.correlations").spearman(a, b))


def method_checks(
    body: Any, matrix: NDArray[np.float64], weights: NDArray[np.float64], types: NDArray[Any]
) -> None:
    """The method's own input checks (not the decision-problem check); may raise ValueError."""
    body._additional_validation(matrix, weights, types)


def steps(
    body: Any, matrix: NDArray[np.float64], weights: NDArray[np.float64], types: NDArray[Any]
) -> list[tuple[str, Any]]:
    """Every labelled intermediate of one run, in pymcdm's order; the last is the score.

    Labels are those of ``verbose=True`` (TOPSIS: ``nmatrix``, ``wnmatrix``, ``nis``,
    ``pis``, ``dnis``, ``dpis``, ``pref``). PROMETHEE's per-criterion difference tables,
    which ``_method`` returns first and without a label, are left out.
    """
    results = tuple(body._method(matrix, weights, types))
    labels = [t.label for t in (body._tables or [])]
    # Align from the end: only the leading, unlabelled values can be extra.
    return list(zip(reversed(labels), reversed(results), strict=False))[::-1]
