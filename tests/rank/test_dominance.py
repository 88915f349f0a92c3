"""Weak and strict dominance: one definition each, and which analysis uses which."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from exportmcda.rank.dominance import dominated_rows, dominates
from exportmcda.robustness.flip import smallest_flip
from exportmcda.robustness.space import WeightSpace


@pytest.mark.parametrize(
    ("a", "b", "types", "weak", "strict"),
    [
        ([3, 5], [2, 5], [1, 1], True, True),  # better on one, equal on the other
        ([3, 5], [3, 5], [1, 1], True, False),  # identical: weak only
        ([3, 5], [4, 1], [1, 1], False, False),  # a trade-off: neither
        ([3, 5], [4, 5], [-1, 1], True, True),  # cost column: 3 is better than 4
        ([3, 5], [2, 6], [-1, -1], False, False),
    ],
)
def test_weak_and_strict(a, b, types, weak, strict) -> None:
    assert dominates(a, b, types, strict=False) is weak
    assert dominates(a, b, types, strict=True) is strict


def test_dominated_rows_are_the_strictly_dominated() -> None:
    x = np.array([[2.0, 7.0], [4.0, 5.0], [4.0, 2.0], [4.0, 5.0]])
    # row 2 is below row 1; rows 1 and 3 are identical: weakly, not strictly, dominated
    assert dominated_rows(x, [1, 1]).tolist() == [False, False, True, False]
    assert dominated_rows(x, [1, -1]).tolist() == [True, True, False, True]


@given(arrays(np.float64, (5, 3), elements=st.integers(0, 3).map(float)),
       st.lists(st.sampled_from([1, -1]), min_size=3, max_size=3))
def test_dominated_rows_agrees_with_pairwise_strict_dominance(x, types) -> None:
    expected = [any(dominates(x[j], x[i], types, strict=True) for j in range(5) if j != i)
                for i in range(5)]
    assert dominated_rows(x, types).tolist() == expected


def test_flip_search_uses_weak_dominance() -> None:
    # B equals A on C1 and is worse on C2: no weight vector puts B strictly above A
    x = np.array([[3.0, 5.0], [3.0, 4.0], [1.0, 9.0]])
    space = WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1], alternatives=["A", "B", "C"])
    assert dominates(x[0], x[1], [1, 1], strict=False)
    assert smallest_flip(space, "A", "B").status == "dominated"
    # a trade-off is not dominance: the search finds the weights that flip it
    assert smallest_flip(space, "A", "C").status != "dominated"
