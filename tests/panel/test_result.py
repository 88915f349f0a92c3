"""The panel analysis against hand-computed 3x3 cases.

For a 3x3 reciprocal matrix (a = a12, b = a13, c = a23) the principal eigenvector equals the
row geometric mean (Crawford & Williams 1985) and lambda_max = 1 + (b/(ac))^(1/3) +
(ac/b)^(1/3) (Saaty 1980; e.g. Aguarón & Moreno-Jiménez 2003, eq. for n = 3), so weights
and CR (RI(3) = 0.58, Saaty 1980) are computed here by hand, not by the code under test.
"""

from __future__ import annotations

import math

import pytest

from exportmcda.errors import JudgmentError
from exportmcda.model.scenarios import load_scenario, parse_scenario, scenario_weights, to_toml
from exportmcda.panel.reader import read_panel
from exportmcda.panel.result import analyse_panel
from exportmcda.panel.template import panel_template
from tests.panel.conftest import fill

GOAL = "export_priority"


def _rgm(a: float, b: float, c: float) -> list[float]:
    rows = [(a * b) ** (1 / 3), (c / a) ** (1 / 3), (1 / (b * c)) ** (1 / 3)]
    return [r / sum(rows) for r in rows]


def _cr(a: float, b: float, c: float) -> float:
    lam = 1 + (b / (a * c)) ** (1 / 3) + (a * c / b) ** (1 / 3)
    return (lam - 3) / 2 / 0.58


@pytest.fixture(scope="module")
def answers(small_panel, small_tree):
    return read_panel(small_panel, tree=small_tree, name="panel.xlsx")


def test_each_expert_weights_and_cr_by_hand(answers, small_tree):
    result = analyse_panel(answers, small_tree)
    kim, lee, park = result.experts
    assert [e.name for e in result.experts] == ["Kim", "Lee", "Park"]
    assert list(kim.nodes[GOAL].weights) == pytest.approx([2 / 7, 4 / 7, 1 / 7], abs=1e-9)
    assert kim.nodes[GOAL].cr == pytest.approx(0, abs=1e-9)
    assert lee.nodes[GOAL].cr == pytest.approx(_cr(9, 1 / 9, 9), rel=1e-9)
    assert _cr(9, 1 / 9, 9) == pytest.approx((1 + 1 / 9 + 9 - 3) / 2 / 0.58)
    assert not lee.consistent
    assert kim.consistent
    assert park.consistent
    # Park's blank pair is completed to 1/2 x 2 = 1: weights (1, 2, 1) / 4, flagged.
    assert list(park.nodes[GOAL].weights) == pytest.approx([0.25, 0.5, 0.25], abs=1e-6)
    assert park.completed == (GOAL,)
    assert park.missing == 1
    assert park.nodes[GOAL].estimated == (("region", "sme_support"),)
    assert lee.advice[GOAL]  # the judgment to revisit is named
    codes = [n.code for n in result.notes]
    assert codes[0] == "panel_screen_flag"
    assert "panel_completed" in codes


def test_aij_group_is_the_geometric_mean_of_the_given_judgments(answers, small_tree):
    result = analyse_panel(answers, small_tree, aggregation="aij")
    g_rp = (0.5 * 9 * 0.5) ** (1 / 3)
    g_rs = (2 * (1 / 9)) ** (1 / 2)  # Park left it blank: the mean of Kim's and Lee's
    g_ps = (4 * 9 * 2) ** (1 / 3)
    group = result.groups[GOAL]
    assert list(group.weights) == pytest.approx(_rgm(g_rp, g_rs, g_ps), abs=1e-9)
    assert group.combined is not None
    assert group.combined.cr == pytest.approx(_cr(g_rp, g_rs, g_ps), rel=1e-9)
    assert dict(result.leaf_weights) == pytest.approx(
        dict(zip(("regional_base", "country_fit", "sme"), _rgm(g_rp, g_rs, g_ps), strict=True)),
        abs=1e-9,
    )
    # distance: mean |ln a - ln g| over each expert's judged pairs
    kim = abs(math.log(0.5 / g_rp)) + abs(math.log(2 / g_rs)) + abs(math.log(4 / g_ps))
    lee = abs(math.log(9 / g_rp)) + abs(math.log((1 / 9) / g_rs)) + abs(math.log(9 / g_ps))
    park = (abs(math.log(0.5 / g_rp)) + abs(math.log(2 / g_ps))) / 2
    distances = [e.distance for e in result.experts]
    assert distances == pytest.approx([kim / 3, lee / 3, park], abs=1e-9)
    # factors 3.98, 2.34 and 2.26: Lee's extreme judgments pull the group away from all
    assert math.exp(lee / 3) == pytest.approx(3.98, abs=0.01)
    assert result.outliers == ("Lee", "Park", "Kim")


def test_exclude_screening_leaves_the_inconsistent_expert_out(answers, small_tree):
    result = analyse_panel(answers, small_tree, screen="exclude")
    assert result.included == ("Kim", "Park")
    # Kim and Park: g_rp = 1/2, g_rs = 2 (Kim only), g_ps = sqrt(8): rows 1, 2^(5/6), 2^(-5/6)
    rows = [1.0, 2 ** (5 / 6), 2 ** (-5 / 6)]
    assert list(result.groups[GOAL].weights) == pytest.approx(
        [r / sum(rows) for r in rows], abs=1e-9
    )
    body = result.as_dict()
    assert body["screening"]["rule"] == "exclude"
    assert body["screening"]["excluded"] == ["Lee"]
    assert "left out of the group" in body["screening"]["text"]
    assert result.outliers == ("Lee",)  # measured against the group of Kim and Park


def test_aip_and_expert_weights(answers, small_tree):
    result = analyse_panel(answers, small_tree, aggregation="aip", expert_weights=[2, 0, 1])
    kim, park = [2 / 7, 4 / 7, 1 / 7], [0.25, 0.5, 0.25]
    g = [(k**2 * p) ** (1 / 3) for k, p in zip(kim, park, strict=True)]
    assert list(result.groups[GOAL].weights) == pytest.approx([x / sum(g) for x in g], abs=1e-6)
    with pytest.raises(JudgmentError) as error:
        analyse_panel(answers, small_tree, expert_weights=[1, 1])
    assert error.value.code == "expert_weights_invalid"


def test_everyone_excluded_is_an_error(small_tree):
    data = panel_template(small_tree, load_scenario("balanced"), experts=1)
    from tests.panel.conftest import EXPERT_2

    answers = read_panel(fill(data, [EXPERT_2]), tree=small_tree)
    with pytest.raises(JudgmentError) as error:
        analyse_panel(answers, small_tree, screen="exclude")
    assert error.value.code == "panel_node_empty"


def test_saved_scenario_loads_to_the_group_weights(tree):
    """Full hierarchy: the saved scenario, loaded back, gives the group's weights."""
    from exportmcda.panel.questions import questions

    consistent = {(q.a, q.b): ("A", 2) if q.number % 2 else ("B", 3) for q in questions(tree)}
    second = {(q.a, q.b): ("A", 1) for q in questions(tree) if q.number % 5}
    data = fill(panel_template(tree, load_scenario("balanced"), experts=2), [consistent, second])
    result = analyse_panel(read_panel(data, tree=tree), tree)
    base = load_scenario("balanced")
    saved = parse_scenario(to_toml(result.scenario(base)), name="panel.toml")
    assert saved.id == "balanced_panel"
    assert saved.basis == "panel"
    weighed = scenario_weights(saved, tree)
    assert dict(weighed.leaf_weights) == pytest.approx(dict(result.leaf_weights), abs=1e-9)
    assert sum(result.leaf_weights.values()) == pytest.approx(1)
