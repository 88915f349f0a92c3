"""Group AHP: AIJ/AIP aggregation, per-expert CR, Goepel's consensus indicator."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.ahp.group import (
    aggregate_judgments,
    aggregate_priorities,
    consensus_indicator,
    consensus_level,
    group_ahp,
)
from exportmcda.ahp.judgments import SAATY_SCALE
from exportmcda.ahp.priorities import ahp
from exportmcda.errors import ConfigError, JudgmentError

LABELS = ("Experience", "Education", "Charisma", "Age")
LEADER = np.array([[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]])
OTHER = np.array([[1, 2, 1, 3], [1 / 2, 1, 1 / 2, 2], [1, 2, 1, 4], [1 / 3, 1 / 2, 1 / 4, 1]])


def test_aij_is_elementwise_weighted_geometric_mean() -> None:
    group = aggregate_judgments([LEADER, OTHER], [3, 1])
    expected = LEADER ** 0.75 * OTHER ** 0.25
    np.testing.assert_allclose(group, expected, rtol=1e-12)
    np.testing.assert_allclose(group * group.T, np.ones((4, 4)), rtol=1e-12)  # reciprocal


def test_aij_skips_missing_judgments() -> None:
    partial = OTHER.copy()
    partial[0, 3] = partial[3, 0] = np.nan
    group = aggregate_judgments([LEADER, partial, partial])
    assert group[0, 3] == pytest.approx(7.0)  # only the first expert judged it
    assert group[0, 1] == pytest.approx((4 * 2 * 2) ** (1 / 3))
    nobody = aggregate_judgments([partial, partial])
    assert np.isnan(nobody[0, 3])


def test_aip_is_normalised_geometric_mean_of_priorities() -> None:
    p = aggregate_priorities([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    g = np.sqrt([0.1, 0.09, 0.1])
    assert p == pytest.approx(g / g.sum())


def test_group_ahp_reports_every_expert() -> None:
    result = group_ahp({"kim": (LABELS, LEADER), "lee": (LABELS, OTHER)})
    assert result.experts == ("kim", "lee")
    assert result.expert_weights == (0.5, 0.5)
    kim = ahp(LEADER, LABELS)
    assert result.individual[0].cr == pytest.approx(kim.cr)  # 0.0439 (Saaty 1980 RI)
    assert result.individual[0].cr == pytest.approx(0.043859, abs=1e-6)
    assert result.combined is not None
    assert result.weights == result.combined.weights
    expected = ahp(np.sqrt(LEADER * OTHER), LABELS).weights
    assert result.weights == pytest.approx(expected, abs=1e-12)
    assert 0 < result.consensus < 1
    data = json.loads(json.dumps(result.as_dict()))
    assert data["experts"]["kim"]["cr"] == pytest.approx(kim.cr)
    assert {"weights", "cr", "ri_table", "consensus", "consensus_level"} <= set(data)


def test_group_ahp_aip_and_expert_weights() -> None:
    result = group_ahp({"kim": (LABELS, LEADER), "lee": (LABELS, OTHER)}, aggregation="aip",
                       expert_weights={"kim": 3, "lee": 1})
    assert result.combined is None
    assert result.expert_weights == (0.75, 0.25)
    expected = aggregate_priorities([ahp(LEADER, LABELS).weights, ahp(OTHER, LABELS).weights],
                                    [0.75, 0.25])
    assert result.weights == pytest.approx(expected)
    assert "cr" not in result.as_dict()


def test_experts_may_list_criteria_in_another_order() -> None:
    order = [2, 0, 3, 1]
    shuffled = ([LABELS[k] for k in order], OTHER[np.ix_(order, order)])
    a = group_ahp({"kim": (LABELS, LEADER), "lee": (LABELS, OTHER)})
    b = group_ahp({"kim": (LABELS, LEADER), "lee": shuffled})
    assert a.weights == pytest.approx(b.weights, abs=1e-12)


def test_mismatched_expert_labels() -> None:
    with pytest.raises(JudgmentError, match=r"expert 'lee' compared other criteria than 'kim': "
                       r"missing \['Age'\], extra \['Cost'\]") as info:
        group_ahp({"kim": (LABELS, LEADER), "lee": (("Experience", "Education", "Charisma",
                                                     "Cost"), OTHER)})
    assert info.value.code == "expert_labels_mismatch"


def test_invalid_expert_matrix_names_the_expert() -> None:
    bad = OTHER.copy()
    bad[1, 0] = 3  # not reciprocal with 2
    with pytest.raises(JudgmentError, match="expert 'lee': judgment 'Experience' vs 'Education'"):
        group_ahp({"kim": (LABELS, LEADER), "lee": (LABELS, bad)})


def test_bad_options() -> None:
    experts = {"kim": (LABELS, LEADER)}
    with pytest.raises(ConfigError, match="unknown aggregation"):
        group_ahp(experts, aggregation="mean")
    with pytest.raises(JudgmentError, match="unknown experts"):
        group_ahp(experts, expert_weights={"park": 1})
    with pytest.raises(JudgmentError, match="must be a non-negative number"):
        group_ahp(experts, expert_weights={"kim": -1})


def test_consensus_extremes() -> None:
    """S* = 1 for identical priorities; 0 when n experts each put 9:1 on a different one."""
    p = [0.5, 0.3, 0.2]
    assert consensus_indicator([p, p, p]) == pytest.approx(1.0)
    n = 4
    extreme = [[9 / (n + 8) if i == k else 1 / (n + 8) for i in range(n)] for k in range(n)]
    assert consensus_indicator(extreme) == pytest.approx(0.0, abs=1e-12)
    assert consensus_indicator([p]) == 1.0


def test_consensus_worked_value() -> None:
    """Goepel's formula evaluated by hand for two mirrored experts over 3 criteria."""
    p, q = np.array([0.5, 0.3, 0.2]), np.array([0.2, 0.3, 0.5])
    h = -(0.5 * math.log(0.5) + 0.3 * math.log(0.3) + 0.2 * math.log(0.2))  # both experts
    mean = np.array([0.35, 0.3, 0.35])
    h_gamma = -float(np.sum(mean * np.log(mean)))
    e = np.array([9, 1, 1]) / 11
    c = math.exp(-float(np.sum(e * np.log(e)))) / 3
    expected = (math.exp(h - h_gamma) - c) / (1 - c)
    assert consensus_indicator([p, q]) == pytest.approx(expected, abs=1e-12)
    # by hand: H_alpha 1.02965, H_gamma 1.09607, 1/D_beta 0.93573, c = e^0.60016 / 3 = 0.60747
    assert consensus_indicator([p, q]) == pytest.approx(0.8363, abs=1e-4)


def test_consensus_levels() -> None:
    assert [consensus_level(x) for x in (0.3, 0.55, 0.7, 0.8, 0.95)] == [
        "very low", "low", "moderate", "high", "very high"]


@st.composite
def saaty_matrix(draw: st.DrawFn, n: int) -> np.ndarray:
    matrix = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            value = draw(st.sampled_from(SAATY_SCALE))
            matrix[i, j], matrix[j, i] = float(value), float(1 / value)
    return matrix


@given(st.integers(2, 7).flatmap(saaty_matrix), st.integers(1, 5))
def test_identical_experts_equal_the_expert(matrix: np.ndarray, k: int) -> None:
    labels = [f"c{i}" for i in range(len(matrix))]
    alone = ahp(matrix, labels)
    for aggregation in ("aij", "aip"):
        group = group_ahp({f"e{e}": (labels, matrix) for e in range(k)}, aggregation=aggregation)
        assert group.weights == pytest.approx(alone.weights, abs=1e-12)
        assert group.consensus == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(aggregate_judgments([matrix] * k), matrix, rtol=1e-12)
