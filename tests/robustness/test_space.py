"""The weight space the robustness engines vary (exportmcda.robustness.space)."""

from __future__ import annotations

import numpy as np
import pytest

from exportmcda.errors import ConfigError, ExportMcdaError
from exportmcda.robustness.space import WeightSpace, competition_ranks, shortlist_mask
from tests.robustness.cases import pymcdm


def test_shortlist_keeps_ties_at_the_cut_off() -> None:
    scores = np.array([0.9, 0.5, 0.7, 0.7, 0.1])
    assert competition_ranks(scores)[0].tolist() == [1, 4, 2, 2, 5]
    assert shortlist_mask(scores, 2)[0].tolist() == [True, False, True, True, False]
    assert shortlist_mask(scores, 1)[0].tolist() == [True, False, False, False, False]


def test_a_grouped_space_spreads_group_weights_over_their_columns() -> None:
    # Two groups: "g1" = columns a, b with local weights 3:1, "g2" = column c.
    x = np.array([[5.0, 8.0, 4.0], [7.0, 6.0, 8.0], [8.0, 8.0, 6.0], [7.0, 4.0, 6.0]])
    space = WeightSpace.grouped(
        x, [0.4, 0.6], [1, 1, 1], groups={"g1": ("a", "b"), "g2": ("c",)},
        column_names=["a", "b", "c"], alternatives=["A1", "A2", "A3", "A4"], local=[3, 1, 1],
    )
    np.testing.assert_allclose(space.column_weights([0.4, 0.6]), [0.3, 0.1, 0.6])
    np.testing.assert_allclose(
        space.column_weights([[1.0, 0.0], [0.0, 1.0]]), [[0.75, 0.25, 0.0], [0.0, 0.0, 1.0]]
    )
    c = space.closeness([0.4, 0.6])
    np.testing.assert_allclose(c[0], pymcdm(x, np.array([0.3, 0.1, 0.6]), np.ones(3)), atol=1e-12)
    # One group per column with Tzeng & Huang's weights: their published closeness.
    tzeng = WeightSpace.from_matrix(x, [0.3, 0.4, 0.3], [1, 1, 1])
    np.testing.assert_allclose(
        tzeng.closeness(tzeng.weights)[0], [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-4
    )
    np.testing.assert_allclose(tzeng.closeness_of([[0.3, 0.4, 0.3]], [2, 0]),
                               [[0.748249, 0.50372]], atol=1e-6)


def test_all_constant_columns_tie_everyone_at_zero() -> None:
    space = WeightSpace.from_matrix([[2.0, 3.0], [2.0, 3.0]], [0.5, 0.5], [1, -1])
    np.testing.assert_array_equal(space.closeness([0.5, 0.5]), [[0.0, 0.0]])


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"weights": [0.5, 0.6]}, "sensitivity.weights_sum"),
        ({"weights": [1.0]}, "sensitivity.weights"),
        ({"weights": [1.5, -0.5]}, "sensitivity.weights"),
        ({"groups": {"g1": ("a",), "g2": ("a",)}}, "sensitivity.unmapped_columns"),
    ],
)
def test_bad_spaces_are_refused_with_the_issue_code(kwargs: dict, code: str) -> None:
    call = {"matrix": [[1.0, 2.0], [2.0, 1.0]], "weights": [0.5, 0.5], "types": [1, 1],
            "groups": {"g1": ("a",), "g2": ("b",)}, "column_names": ["a", "b"],
            "alternatives": ["x", "y"]}
    call.update(kwargs)
    with pytest.raises(ExportMcdaError) as info:
        WeightSpace.grouped(**call)
    assert info.value.code == code


def test_alternatives_are_found_by_name_or_position() -> None:
    space = WeightSpace.from_matrix([[1.0], [2.0], [3.0]], [1.0], [1], alternatives="xyz")
    assert (space.index("y"), space.index(2), space.index(np.int64(0))) == (1, 2, 0)
    for unknown in ("w", 3, -1):
        with pytest.raises(ConfigError) as info:
            space.index(unknown)
        assert info.value.code == "sensitivity.unknown_alternative"
