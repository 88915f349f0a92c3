"""The log-judgment distance from the group, by hand."""

import math

import numpy as np
import pytest

from exportmcda.panel.distance import OUTLIER_FACTOR, log_distance

NAN = float("nan")


def test_mean_absolute_log_gap_over_the_judged_pairs_only():
    expert = np.array([[1, 3, NAN], [1 / 3, 1, 2], [NAN, 1 / 2, 1]])
    group = np.array([[1, 6, 4], [1 / 6, 1, 1], [1 / 4, 1, 1]])
    # pairs judged: (0,1) 3 vs 6 and (1,2) 2 vs 1: (ln 2 + ln 2) / 2
    assert log_distance([expert], [group]) == pytest.approx(math.log(2))
    assert math.exp(log_distance([expert], [group])) == pytest.approx(OUTLIER_FACTOR)


def test_pairs_pooled_over_nodes_and_none_when_nothing_judged():
    a = np.array([[1, 9], [1 / 9, 1]])
    g = np.array([[1, 1], [1, 1]])
    blank = np.array([[1, NAN], [NAN, 1]])
    three = np.array([[1, 3, 1], [1 / 3, 1, 1], [1, 1, 1]])
    ones = np.ones((3, 3))
    pooled = log_distance([a, three], [g, ones])
    assert pooled == pytest.approx((math.log(9) + math.log(3)) / 4)
    assert log_distance([blank], [g]) is None
