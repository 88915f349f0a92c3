"""The pymcdm contract of rank.pymcdm_adapter: every assumption it makes, checked by name.

A failure here means the installed pymcdm is not one exportmcda supports (``pymcdm>=1.4,<1.5``
in pyproject.toml); the message names the assumption that broke. Fix the adapter (the only
module that touches pymcdm's internals), then widen the pin.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pymcdm
import pymcdm.correlations
import pymcdm.methods
import pymcdm.normalizations
import pymcdm.validators
import pytest

from exportmcda.rank import pymcdm_adapter
from exportmcda.rank.methods import METHODS, NORMALIZATIONS, build_method

VERSION = importlib.metadata.version("pymcdm")
CLASSES = {"topsis": "TOPSIS", "vikor": "VIKOR", "wsm": "WSM",
           "promethee_ii": "PROMETHEE_II", "spotis": "SPOTIS"}
ROOT = Path(__file__).resolve().parents[2]


def require(condition: object, assumption: str) -> None:
    """Fail with a message that names the broken assumption and the installed version."""
    if not condition:
        pytest.fail(
            f"pymcdm {VERSION} is incompatible with exportmcda.rank.pymcdm_adapter: "
            f"{assumption}. Adapt src/exportmcda/rank/pymcdm_adapter.py and the pymcdm pin "
            "in pyproject.toml.",
            pytrace=False,
        )


def problem(n: int = 12, m: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.uniform(1, 100, (n, m))
    return x, np.full(m, 1 / m), np.where(np.arange(m) % 2 == 0, 1, -1)


def params_for(method: str, x: np.ndarray) -> dict[str, Any]:
    params = dict(METHODS[method].defaults)
    if method == "spotis":
        params["bounds"] = np.column_stack([x.min(axis=0) - 1, x.max(axis=0) + 1])
    return params


def test_installed_version_is_in_the_supported_range() -> None:
    major, minor = (int(p) for p in VERSION.split(".")[:2])
    require((major, minor) == (1, 4), f"version {VERSION} is outside >=1.4,<1.5")


def test_public_api_the_adapter_uses() -> None:
    for name in CLASSES.values():
        require(hasattr(pymcdm.methods, name), f"pymcdm.methods.{name} is missing")
    call = inspect.signature(pymcdm.methods.TOPSIS.__call__).parameters
    require({"validation", "verbose"} <= set(call),
            "MCDA_method.__call__ has no validation=/verbose= arguments")
    require(callable(getattr(pymcdm.validators, "validate_decision_problem", None)),
            "pymcdm.validators.validate_decision_problem is missing")
    for name in NORMALIZATIONS:
        if name != "none":
            require(callable(getattr(pymcdm.normalizations, f"{name}_normalization", None)),
                    f"pymcdm.normalizations.{name}_normalization is missing")
    require(callable(getattr(pymcdm.correlations, "spearman", None)),
            "pymcdm.correlations.spearman is missing")


@pytest.mark.parametrize("method", sorted(CLASSES))
def test_private_members_the_adapter_uses(method: str) -> None:
    cls = getattr(pymcdm.methods, CLASSES[method])
    for member in ("_method", "_additional_validation"):
        require(callable(getattr(cls, member, None)), f"{cls.__name__}.{member} is missing")
    tables = getattr(cls, "_tables", None)
    require(isinstance(tables, list) and tables, f"{cls.__name__}._tables is not a list")
    require(all(isinstance(getattr(t, "label", None), str) for t in tables),
            f"{cls.__name__}._tables entries have no .label")


def test_topsis_has_no_checks_of_its_own() -> None:
    """The fast TOPSIS path skips the pymcdm object, hence its _additional_validation."""
    from pymcdm.methods.mcda_method import MCDA_method

    require(pymcdm.methods.TOPSIS._additional_validation is MCDA_method._additional_validation,
            "TOPSIS now overrides _additional_validation (the fast path would skip it)")


@pytest.mark.parametrize("method", sorted(CLASSES))
def test_steps_equal_the_public_verbose_output(method: str) -> None:
    """steps() (private _method/_tables) gives exactly what verbose=True gives, minus
    PROMETHEE's unlabelled per-criterion difference tables."""
    x, w, t = problem()
    spec = METHODS[method]
    body = build_method(spec, spec.default_normalization, params_for(method, x))
    ours = pymcdm_adapter.steps(body, x, w, t)
    public = [
        (table.desc.label, table.data)
        for table in body(x, w, t, validation=False, verbose=True).results
        if not table.desc.label.startswith("diff_c")
    ]
    require([label for label, _ in ours] == [label for label, _ in public],
            f"{body.__class__.__name__}: step labels differ from verbose=True "
            f"({[lb for lb, _ in ours]} vs {[lb for lb, _ in public]})")
    for (label, a), (_, b) in zip(ours, public, strict=True):
        require(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True),
                f"{body.__class__.__name__}: step {label!r} differs from verbose=True")
    score = body(x, w, t, validation=False)
    require(np.array_equal(ours[-1][1], score, equal_nan=True),
            f"{body.__class__.__name__}: the last step is not the method's score")


def test_method_checks_are_the_methods_own_validation() -> None:
    x, w, t = problem()
    body = pymcdm.methods.SPOTIS(np.column_stack([x.min(axis=0) + 1, x.max(axis=0)]))
    with pytest.raises(ValueError, match="bounds"):
        body(x, w, t, validation=True)
    with pytest.raises(ValueError, match="bounds"):
        pymcdm_adapter.method_checks(body, x, w, t)


@pytest.mark.parametrize("name", pymcdm_adapter.LEAF_MODULES)
def test_leaf_modules_import_only_numpy_and_the_standard_library(name: str) -> None:
    """Loading them without pymcdm/__init__.py is sound only while this holds."""
    path = Path(pymcdm.__file__).parent / f"{name}.py"
    require(path.is_file(), f"pymcdm/{name}.py no longer exists")
    allowed = set(sys.stdlib_module_names) | {"numpy"}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            require(node.level == 0 and (node.module or "").split(".")[0] in allowed,
                    f"pymcdm/{name}.py imports {'.' * node.level}{node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                require(alias.name.split(".")[0] in allowed,
                        f"pymcdm/{name}.py imports {alias.name}")


def test_standalone_leaf_modules_behave_as_pymcdm_s() -> None:
    validators = pymcdm_adapter._standalone("validators")
    normalizations = pymcdm_adapter._standalone("normalizations")
    require(validators is not None and normalizations is not None,
            "pymcdm/validators.py or normalizations.py cannot be loaded on its own")
    x = np.array([[5.0, 1.0], [1.0, 5.0], [0.5, 6.0], [6.0, 0.5], [0.1, 0.1]])
    w, t = np.array([0.5, 0.4]), np.array([1, 1])
    caught = []
    for module in (validators, pymcdm.validators):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            module.validate_decision_problem(x, w, t)
        caught.append([str(s.message) for s in seen])
    require(caught[0] == caught[1] and len(caught[0]) == 2,
            f"standalone validators warn differently: {caught}")
    for name in NORMALIZATIONS:
        if name == "none":
            continue
        ours = getattr(normalizations, f"{name}_normalization")
        theirs = getattr(pymcdm.normalizations, f"{name}_normalization")
        for cost in (False, True):
            require(np.array_equal(ours(x[:, 0], cost=cost), theirs(x[:, 0], cost=cost)),
                    f"standalone {name}_normalization differs")


def test_leaf_modules_load_without_pymcdm_or_matplotlib() -> None:
    code = (
        "import sys\n"
        "from exportmcda.rank import pymcdm_adapter as a\n"
        "v = a.module('validators'); n = a.module('normalizations')\n"
        "assert v.__name__ == 'exportmcda.rank._pymcdm_validators', v.__name__\n"
        "assert callable(n.vector_normalization)\n"
        "loaded = sorted(m for m in ('pymcdm', 'matplotlib', 'scipy') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    require(done.returncode == 0,
            f"the standalone load of pymcdm's leaf modules failed: {done.stderr.strip()}")


def test_the_dominance_check_warns_exactly_as_pymcdm_s() -> None:
    """Point 4: the vectorised decision-problem check gives pymcdm's warnings, word for word."""
    rng = np.random.default_rng(7)
    cases = []
    for n in (3, 50, 2000):
        x = rng.uniform(1, 9, (n, 4))
        t = np.array([1, -1, 1, -1])
        best = np.where(t == 1, x.max(axis=0), x.min(axis=0))
        worst = np.where(t == 1, x.min(axis=0), x.max(axis=0))
        x[n // 2] = best  # one dominant alternative
        x[-1] = worst  # one dominated
        x[0] = worst  # and another
        cases.append((x, np.full(4, 0.25), t))
    cases.append((np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([0.5, 0.4]), np.array([1, 1])))
    for x, w, t in cases:
        caught = []
        for check in (pymcdm_adapter.validate_decision_problem,
                      pymcdm.validators.validate_decision_problem):
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                check(x, w, t)
            caught.append([str(s.message) for s in seen])
        with warnings.catch_warnings(record=True) as seen:  # the column form, in place
            warnings.simplefilter("always")
            pymcdm_adapter.validate_decision_columns([x[:, j] for j in range(x.shape[1])], w, t)
        caught.append([str(s.message) for s in seen])
        require(caught[0] == caught[1] == caught[2] and caught[0],
                f"warnings differ: {caught}")
    with pytest.raises(ValueError, match="Matrix should be 2d array"):
        pymcdm_adapter.validate_decision_problem(np.ones(3), np.ones(3) / 3, np.ones(3))
