"""The smallest weight change that swaps two alternatives (exportmcda.robustness.flip)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from exportmcda.errors import ConfigError
from exportmcda.rank.dominance import dominates
from exportmcda.robustness.flip import smallest_flip
from exportmcda.robustness.oat import perturbed
from exportmcda.robustness.space import WeightSpace
from tests.robustness.cases import CASES, HAND, W1_STAR, hand_space, pymcdm


@pytest.mark.parametrize(
    ("norm", "distance"), [("l1", 2 * (0.5 - W1_STAR)), ("linf", 0.5 - W1_STAR)]
)
def test_flip_two_criteria_by_hand(norm: str, distance: float) -> None:
    f = smallest_flip(hand_space(), "A", "B", norm=norm)
    assert f.status == "flip"
    assert f.weights is not None
    assert f.weights[0] == pytest.approx(W1_STAR, abs=1e-6)
    assert f.distance == pytest.approx(distance, abs=1e-6)
    c = pymcdm(HAND, f.weights, np.array([1, 1]))
    assert c[1] > c[0]  # the returned vector really puts B above A


def test_flip_dominated_and_already() -> None:
    case = CASES["topsis-tzeng-huang2011-vector"]["inputs"]
    space = WeightSpace.from_matrix(case["matrix"], case["weights"], case["types"])
    dominated = smallest_flip(space, "A3", "A1")  # A3 = (8, 8, 6) >= A1 = (5, 8, 4)
    assert dominated.status == "dominated"
    assert dominated.weights is None
    assert "no weight vector" in dominated.message
    assert smallest_flip(space, "A2", "A3").status == "already"
    flip = smallest_flip(space, "A3", "A2")
    assert flip.status == "flip"
    assert flip.weights is not None
    assert flip.weights.sum() == pytest.approx(1.0)
    c = pymcdm(np.array(case["matrix"], dtype=float), flip.weights, np.ones(3, dtype=int))
    assert c[1] > c[2]
    # The one-at-a-time breakpoint is a feasible (not necessarily minimal) change.
    oat_change = perturbed(np.array(case["weights"]), 2, np.array([0.361976]))[0]
    assert flip.distance is not None
    assert flip.distance <= np.abs(oat_change - case["weights"]).sum() + 1e-4
    json.dumps(flip.as_dict(), allow_nan=False)


@given(
    x=st.lists(st.lists(st.integers(1, 9), min_size=3, max_size=3), min_size=2, max_size=5),
)
def test_flip_is_dominated_or_found_and_real(x: list[list[int]]) -> None:
    m = np.array(x, dtype=float)
    assume(np.all(m.max(axis=0) > m.min(axis=0)))
    space = WeightSpace.from_matrix(m, [0.4, 0.35, 0.25], [1, 1, -1])
    c = space.closeness(space.weights)[0]
    a, b = int(np.argmax(c)), int(np.argmin(c))
    assume(c[a] != c[b])
    f = smallest_flip(space, a, b)
    if f.status == "dominated":
        assert ((m[a] - m[b]) * [1, 1, -1] >= 0).all()
    else:
        # Not dominated: all weight on a criterion where B is better flips, so one exists.
        assert f.status == "flip"
        assert f.weights is not None
        after = space.closeness(f.weights)[0]
        assert after[b] > after[a]


def test_flip_rejects_an_unknown_norm() -> None:
    with pytest.raises(ConfigError):
        smallest_flip(hand_space(), "A", "B", norm="l2")


def test_dominance_follows_the_directions() -> None:
    # A = (3, 5), B = (2, 6): with C2 a cost, A is at least as good everywhere.
    cost = WeightSpace.from_matrix([[3.0, 5.0], [2.0, 6.0]], [0.5, 0.5], [1, -1])
    benefit = WeightSpace.from_matrix([[3.0, 5.0], [2.0, 6.0]], [0.5, 0.5], [1, 1])
    for space, a_over_b in ((cost, True), (benefit, False)):
        x, types = space.matrix, space.types
        assert dominates(x[0], x[1], types, strict=False) is a_over_b
        assert not dominates(x[1], x[0], types, strict=False)


def test_the_flip_reads_as_one_sentence() -> None:
    f = smallest_flip(hand_space(), "A", "B", norm="linf")
    assert f.as_dict()["message"] == (
        f"B moves above A at linf distance {0.5 - W1_STAR:.4g} ({f.direction})"
    )
    assert f.as_dict()["current"] == {"C1": 0.5, "C2": 0.5}
    assert smallest_flip(hand_space(), "B", "A").message == "A already ranks at or above B"
