"""Criterion directions and their spellings (exportmcda.rank.directions)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.errors import InputError
from exportmcda.rank.directions import Direction


@given(
    st.sampled_from(["benefit", "max", "+", 1, 1.0, "BENEFIT", " Max "]),
    st.sampled_from(["cost", "min", "-", -1, -1.0, "Cost"]),
)
def test_direction_aliases(benefit: Any, cost: Any) -> None:
    assert Direction.parse(benefit) is Direction.BENEFIT
    assert Direction.parse(cost) is Direction.COST
    assert (Direction.BENEFIT.sign, Direction.COST.sign) == (1, -1)


@given(st.sampled_from([0, 2, "up", None, True, 0.5, "", "benefits"]))
def test_bad_direction(value: Any) -> None:
    with pytest.raises(InputError, match="direction must be"):
        Direction.parse(value)


BENEFIT_SPELLINGS = ["benefit", "profit", "max", "maximize", "+", "1", 1, 1.0, np.int64(1),
                     np.float32(1.0), " Benefit ", "MAX", Direction.BENEFIT]
COST_SPELLINGS = ["cost", "min", "minimize", "-", "-1", -1, -1.0, np.int64(-1), " COST",
                  "Minimize", Direction.COST]


@pytest.mark.parametrize("spelling", BENEFIT_SPELLINGS, ids=repr)
def test_every_benefit_spelling(spelling: Any) -> None:
    assert Direction.parse(spelling) is Direction.BENEFIT
    assert Direction.parse(spelling).sign == 1


@pytest.mark.parametrize("spelling", COST_SPELLINGS, ids=repr)
def test_every_cost_spelling(spelling: Any) -> None:
    assert Direction.parse(spelling) is Direction.COST
    assert Direction.parse(spelling).sign == -1


@pytest.mark.parametrize("value", [False, "maximise", "+1", "benefit cost", 1.5, -2, "b"])
def test_near_misses_are_refused_with_the_issue_code(value: Any) -> None:
    with pytest.raises(InputError) as info:
        Direction.parse(value)
    assert info.value.code == "ranking.bad_direction"
    assert info.value.issues[0].value == str(value)


def test_reversed_swaps_the_direction() -> None:
    assert Direction.BENEFIT.reversed() is Direction.COST
    assert Direction.COST.reversed() is Direction.BENEFIT
    assert Direction("cost") is Direction.COST
