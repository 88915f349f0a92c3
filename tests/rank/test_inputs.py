"""The checks every ranking input passes (exportmcda.rank.inputs): codes and named places."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.errors import InputError, JudgmentError
from exportmcda.rank.directions import Direction
from exportmcda.rank.inputs import (
    check_matrix,
    check_values,
    check_weights,
    read_only,
    types_vector,
)

CRITERIA = ("cost", "quality", "speed")


@pytest.mark.parametrize(
    ("weights", "code", "field", "shown"),
    [
        ([0.5, float("nan"), 0.5], "ranking.bad_weight", "quality", "nan"),
        ([0.5, 0.6, -0.1], "ranking.bad_weight", "speed", "-0.1"),
        ([float("inf"), 0.0, 0.0], "ranking.bad_weight", "cost", "inf"),
        ([0.0, 0.0, 0.0], "ranking.zero_weights", "weights", "0.0"),
        ([0.3, 0.3, 0.3], "ranking.weights_sum", "weights", "0.8999999999999999"),
        ([0.5, 0.5], "ranking.weights_count", "weights", "2"),
        ({"cost": 0.5, "quality": 0.5}, "ranking.weights_keys", "weights", None),
        ({"cost": 0.2, "quality": 0.3, "speed": 0.4, "size": 0.1}, "ranking.weights_keys",
         "weights", None),
        (["a", "b", "c"], "ranking.weights_not_numeric", None, None),
    ],
)
def test_bad_weights_are_refused_with_the_issue_code(
    weights: Any, code: str, field: str | None, shown: str | None
) -> None:
    with pytest.raises(JudgmentError) as info:
        check_weights(weights, CRITERIA)
    (issue,) = info.value.issues
    assert (issue.code, issue.field, issue.value) == (code, field, shown)


def test_a_bad_weight_message_names_the_criterion() -> None:
    with pytest.raises(JudgmentError) as info:
        check_weights([0.5, -0.25, 0.75], CRITERIA)
    assert str(info.value) == "field 'quality': criterion 'quality': weight must be a finite " \
        "number >= 0, got -0.25"


def test_weights_by_name_come_back_in_criterion_order() -> None:
    w = check_weights({"speed": 0.5, "cost": 0.2, "quality": 0.3}, CRITERIA)
    np.testing.assert_array_equal(w, [0.2, 0.3, 0.5])


def test_sum_tolerance_and_explicit_normalisation() -> None:
    np.testing.assert_array_equal(check_weights([0.25, 0.25, 0.5 + 1e-7], CRITERIA),
                                  [0.25, 0.25, 0.5 + 1e-7])
    with pytest.raises(JudgmentError, match=r"sum to 0\.99,"):
        check_weights([0.33, 0.33, 0.33], CRITERIA)
    np.testing.assert_allclose(check_weights([1, 1, 2], CRITERIA, normalize=True),
                               [0.25, 0.25, 0.5])


@given(st.lists(st.floats(0.01, 100.0), min_size=3, max_size=3))
def test_normalised_weights_sum_to_one_and_keep_their_ratios(raw: list[float]) -> None:
    w = check_weights(raw, CRITERIA, normalize=True)
    assert w.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(w * sum(raw), raw, rtol=1e-12)


@pytest.mark.parametrize(
    ("matrix", "code", "row", "field"),
    [
        ([[1.0, 2.0], [float("nan"), 3.0]], "ranking.not_finite", 2, "C1"),
        ([[1.0, 2.0], [4.0, -np.inf]], "ranking.not_finite", 2, "C2"),
        ([[1.0, 2.0]], "ranking.too_few_alternatives", None, None),
        ([1.0, 2.0], "ranking.matrix_shape", None, None),
        ([[], []], "ranking.no_criteria", None, None),
        ([["x", "y"], ["1", "2"]], "ranking.not_numeric", None, None),
    ],
)
def test_bad_matrices_are_refused_with_the_issue_code(
    matrix: Any, code: str, row: int | None, field: str | None
) -> None:
    with pytest.raises(InputError) as info:
        check_matrix(matrix)
    (issue,) = info.value.issues
    assert (issue.code, issue.row, issue.field) == (code, row, field)
    # check_values (no alternative names until a refusal) refuses alike, word for word
    criteria = [f"C{j + 1}" for j in range(np.shape(matrix)[-1])] if code != (
        "ranking.matrix_shape") else ["C1"]
    with pytest.raises(InputError) as same:
        check_values(matrix, criteria)
    assert same.value.issues == info.value.issues


def test_check_values_returns_check_matrix_s_float_copy() -> None:
    matrix = [[1, 2.5], [3, 4]]
    values = check_values(matrix, ["a", "b"])
    assert values.tolist() == [[1.0, 2.5], [3.0, 4.0]]
    assert values.dtype == np.float64


def test_the_first_bad_cell_is_named_and_the_others_counted() -> None:
    matrix = [[1.0, np.nan], [np.inf, 2.0], [3.0, np.nan]]
    with pytest.raises(InputError) as info:
        check_matrix(matrix, alternatives=["x", "y", "z"], criteria=["price", "size"])
    assert info.value.issues[0].message == (
        "alternative 'x', criterion 'size': value must be a finite number (not NaN or "
            "infinity), got nan "
        "(3 such cells)"
    )


def test_default_and_given_names() -> None:
    values, alts, crits = check_matrix([[1, 2, 3], [4, 5, 6]])
    assert (alts, crits) == (("A1", "A2"), ("C1", "C2", "C3"))
    assert values.dtype == np.float64
    with pytest.raises(InputError) as info:
        check_matrix([[1, 2], [3, 4]], alternatives=["only one"])
    assert info.value.code == "ranking.names_count"


def test_types_vector_reads_every_form() -> None:
    np.testing.assert_array_equal(types_vector(["max", "cost", 1], CRITERIA), [1, -1, 1])
    np.testing.assert_array_equal(
        types_vector({"speed": "-", "cost": Direction.COST, "quality": "+"}, CRITERIA),
        [-1, 1, -1],
    )
    np.testing.assert_array_equal(types_vector(np.array([1.0, -1.0, 1.0]), CRITERIA), [1, -1, 1])
    assert types_vector(np.array([1, -1, 1]), CRITERIA).dtype == np.int64


@pytest.mark.parametrize(
    ("types", "code", "field"),
    [
        (["max", "sideways", "min"], "ranking.bad_direction", "quality"),
        ([1, -1], "ranking.directions_count", "types"),
        ({"cost": 1, "quality": 1}, "ranking.directions_keys", "directions"),
    ],
)
def test_bad_directions_are_refused_with_the_issue_code(types: Any, code: str, field: str) -> None:
    with pytest.raises(InputError) as info:
        types_vector(types, CRITERIA)
    assert (info.value.code, info.value.issues[0].field) == (code, field)


def test_read_only_is_a_frozen_copy() -> None:
    source = [[1, 2], [3, 4]]
    frozen = read_only(source)
    assert frozen.dtype == np.float64
    assert frozen.flags.c_contiguous
    with pytest.raises(ValueError, match="read-only"):
        frozen[0, 0] = 9.0
    original = np.array([1.0, 2.0])
    copy = read_only(original)
    original[0] = 5.0
    assert copy.tolist() == [1.0, 2.0]
