"""The registry of ranking methods and normalisations (exportmcda.rank.methods)."""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm import normalizations as pn

from exportmcda.errors import ConfigError
from exportmcda.rank.methods import (
    METHODS,
    NORMALIZATIONS,
    build_method,
    no_normalization,
    resolve,
)


def test_registry_shape() -> None:
    assert {"topsis", "vikor", "wsm", "promethee_ii", "spotis"} <= set(METHODS)
    for spec in METHODS.values():
        assert spec.default_normalization in (*spec.normalizations, None)
        assert set(spec.normalizations) <= set(NORMALIZATIONS)
    assert METHODS["topsis"].default_normalization == "vector"
    assert not METHODS["vikor"].higher_is_better
    assert not METHODS["spotis"].higher_is_better


def test_normalizations_are_pymcdms_functions_by_name() -> None:
    assert dict(NORMALIZATIONS) == {
        "vector": pn.vector_normalization,
        "minmax": pn.minmax_normalization,
        "max": pn.max_normalization,
        "sum": pn.sum_normalization,
        "linear": pn.linear_normalization,
        "none": no_normalization,
    }


def test_no_normalization_reflects_a_cost_column() -> None:
    x = np.array([1.0, 3.0, 6.0])
    np.testing.assert_array_equal(no_normalization(x), [1.0, 3.0, 6.0])
    np.testing.assert_array_equal(no_normalization(x, cost=True), [5.0, 3.0, 0.0])
    assert no_normalization(x) is not x


@pytest.mark.parametrize(
    ("method", "normalization", "params", "chosen", "filled"),
    [
        ("topsis", None, {}, "vector", {}),
        ("topsis", "minmax", {}, "minmax", {}),
        ("vikor", None, {}, "none", {"v": 0.5}),
        ("vikor", None, {"v": 0.3}, "none", {"v": 0.3}),
        ("wsm", None, {}, "minmax", {}),
        ("promethee_ii", None, {}, None, {"preference_function": "usual", "p": None, "q": None}),
        ("promethee_ii", "none", {}, None, {"preference_function": "usual", "p": None, "q": None}),
        ("spotis", None, {}, None, {"bounds": None}),
    ],
)
def test_resolve_fills_in_the_defaults(
    method: str, normalization: str | None, params: dict, chosen: str | None, filled: dict
) -> None:
    spec, norm, full = resolve(method, normalization, params)
    assert spec.name == method
    assert norm == chosen
    assert full == filled


@pytest.mark.parametrize(
    ("method", "normalization", "params", "code"),
    [
        ("electre", None, {}, "ranking.unknown_method"),
        ("topsis", "none", {}, "ranking.bad_normalization"),
        ("spotis", "vector", {}, "ranking.bad_normalization"),
        ("wsm", None, {"v": 0.5}, "ranking.unknown_parameter"),
    ],
)
def test_resolve_refuses_with_the_issue_code(
    method: str, normalization: str | None, params: dict, code: str
) -> None:
    with pytest.raises(ConfigError) as info:
        resolve(method, normalization, params)
    assert info.value.code == code


def test_a_bad_pymcdm_parameter_is_a_config_error() -> None:
    spec, norm, params = resolve("vikor", None, {"v": 1.5})
    with pytest.raises(ConfigError) as info:
        build_method(spec, norm, params)
    assert info.value.code == "ranking.bad_parameter"
    assert str(info.value).startswith("VIKOR: ")
