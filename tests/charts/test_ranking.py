"""Altair specs of the ranking, weights and comparison views (checked via to_dict)."""

import math

import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from exportmcda.charts.ranking import (
    bump_chart,
    bump_data,
    contribution_chart,
    contribution_data,
    rank_text,
    weights_chart,
    weights_data,
)
from exportmcda.data.countries import get_country
from exportmcda.data.io import load_sample
from exportmcda.model.comparison import compare
from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import load_scenario
from exportmcda.model.selection import select

KOREAN_FONTS = "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


@pytest.fixture(scope="module")
def tree():
    return load_criteria()


@pytest.fixture(scope="module")
def selections(tree):
    db = load_sample()
    scenario = load_scenario("balanced")
    return {
        code: select(db, tree, scenario, get_country(code), lang="ko")
        for code in ("ASEAN", "IND")
    }


def test_weights_data_keeps_the_weights_and_translates_the_labels(tree):
    data = weights_data(tree, {"utilization": 0.5, "policy_fit": 0.25, "region": 0.25}, "ko")
    assert data["label"].tolist() == ["국내 활용도", "대상국 정책 부합도", "지역 기반"]
    assert data["percent"].tolist() == [50.0, 25.0, 25.0]


def test_weights_chart_spec_is_translated_and_uses_the_korean_font(tree):
    data = weights_data(tree, {"utilization": 0.6, "firm_capacity": 0.4}, "ko")
    spec = weights_chart(data, "ko").to_dict()
    assert spec["config"]["font"] == KOREAN_FONTS
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["title"] == "가중치"
    assert bars["x"]["scale"]["domain"] == [0, 1]
    assert bars["y"]["sort"] == ["국내 활용도", "기업 역량"]


def test_contributions_add_up_to_each_score(selections):
    selection = selections["ASEAN"]
    data = contribution_data(selection, 5, "ko")
    assert len(data) == 5 * len(selection.criteria)
    totals = data.groupby("technology", sort=False)["contribution"].sum().tolist()
    r = selection.result
    closeness = TOPSIS(normalizations.vector_normalization)(r.matrix, r.weights, r.types)
    scores = sorted(closeness, reverse=True)[:5]  # pymcdm's five best, independent of charts
    assert all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(totals, scores, strict=True))
    assert data["technology"].iloc[0].startswith("1. ")
    assert "분야 활용도" in set(data["criterion"])


def test_contribution_chart_stacks_by_criterion_in_tree_order(selections):
    data = contribution_data(selections["ASEAN"], 3, "en")
    spec = contribution_chart(data, "en").to_dict()
    enc = spec["encoding"]
    assert spec["mark"]["type"] == "bar"
    assert enc["x"]["aggregate"] == "sum"
    assert enc["color"]["sort"][0] == "Field utilization"
    assert enc["order"]["field"] == "order"
    assert enc["y"]["sort"] == {"field": "rank", "op": "min"}
    assert data.groupby("technology", sort=False)["rank"].min().is_monotonic_increasing


def test_bump_data_and_chart_cover_every_target(selections):
    result = compare(selections, top=10)
    targets = {code: get_country(code) for code in selections}
    data = bump_data(result, targets, "ko")
    assert set(data["target"]) == {"아세안 회원국", "인도"}
    assert data.groupby("target")["in_top"].sum().tolist() == [10, 10]
    spec = bump_chart(data, 10, "ko").to_dict()
    y = spec["encoding"]["y"]
    assert y["scale"]["reverse"] is True
    assert y["title"] == "순위"
    assert spec["encoding"]["x"]["sort"] == ["아세안 회원국", "인도"]


@pytest.mark.parametrize(("rank", "text"), [(1.0, "1"), (2.5, "2.5"), (10.0, "10")])
def test_rank_text(rank, text):
    assert rank_text(rank) == text


def test_weight_bars_are_labelled_in_the_axis_unit(tree):
    """0–1 axis written in percent, and the bar labels the same weight in percent."""
    data = weights_data(tree, {"utilization": 0.214, "firm_capacity": 0.786}, "en")
    bars, text = (layer["encoding"] for layer in weights_chart(data, "en").to_dict()["layer"])
    assert bars["x"]["field"] == "weight"
    assert bars["x"]["axis"]["format"] == ".0%"
    assert text["text"] == {"field": "weight", "type": "quantitative", "format": ".1%"}


@pytest.fixture(scope="module")
def bump(selections):
    result = compare(selections, top=10)
    targets = {code: get_country(code) for code in selections}
    data = bump_data(result, targets, "en")
    return result, data, bump_chart(data, 10, "en").to_dict()


def test_bump_lines_are_labelled_by_id_at_their_ends(bump):
    result, data, spec = bump
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [(layer["mark"]["align"], layer["transform"][-1]) for layer in texts] == [
        ("right", {"filter": "datum.label_first"}), ("left", {"filter": "datum.label_last"})]
    assert all(layer["encoding"]["text"]["field"] == "technology_id" for layer in texts)
    # two targets: each end labels that target's own top 10, every line labelled once or twice
    first = data[data["label_first"]]
    assert set(first["target"]) == {"ASEAN member states"}
    assert sorted(first["technology_id"]) == sorted(result.tops["ASEAN"]["technology_id"])
    last = data[data["label_last"]]
    assert sorted(last["technology_id"]) == sorted(result.tops["IND"]["technology_id"])
    assert set(first["technology_id"]) | set(last["technology_id"]) == set(
        data["technology_id"])
    assert "legend" in spec["encoding"]["color"]  # none: the labels name lines
    assert spec["encoding"]["color"]["legend"] is None


def test_bump_highlights_the_line_under_the_pointer(bump):
    _, _, spec = bump
    (param,) = spec["params"]
    assert param["name"] == "hover"
    assert param["select"] == {"type": "point", "fields": ["technology_id"],
                               "on": "pointerover", "clear": "pointerout"}
    assert param["views"] == ["bump_catcher"]
    catcher = spec["layer"][0]
    assert catcher["name"] == "bump_catcher"
    assert catcher["mark"]["strokeOpacity"] == 0  # invisible, yet it takes the pointer
    assert catcher["mark"]["strokeWidth"] >= 10
    # every layer inherits the layer chart's opacity: the hovered line 1, the others dimmed
    opacity = spec["encoding"]["opacity"]
    assert opacity["condition"] == [{"param": "hover", "value": 1.0, "empty": True}]
    assert opacity["value"] < 0.2
    assert all("opacity" not in layer.get("encoding", {}) for layer in spec["layer"])


def test_bump_rank_axis_is_even_to_twice_the_top_then_beyond(selections):
    result = compare(selections, top=10)
    targets = {code: get_country(code) for code in selections}
    spec = bump_chart(bump_data(result, targets, "ko"), 10, "ko").to_dict()
    y = spec["encoding"]["y"]
    assert y["field"] == "shown"
    assert y["scale"]["domain"] == [1, 22]
    assert y["axis"]["values"] == [1, 5, 10, 15, 20, 22]
    assert y["axis"]["labelExpr"] == 'datum.value == 22 ? "20위 밖" : datum.label'
    assert {"calculate": "min(datum.rank, 22)", "as": "shown"} in spec["transform"]
    tooltip = spec["encoding"]["tooltip"]
    assert tooltip[-1]["field"] == "rank"  # the exact rank, beyond the axis too


def test_bump_draws_only_the_union_of_the_tops(bump):
    result, data, _ = bump
    union = set(result.tops["ASEAN"]["technology_id"]) | set(result.tops["IND"]["technology_id"])
    assert set(data["technology_id"]) == union
    assert len(data) == 2 * len(union)


def test_scenario_bump_data_puts_the_reference_left():
    from exportmcda.charts.ranking import scenario_bump_data
    from exportmcda.model.scenario_compare import compare_scenarios

    db, tree = load_sample(), load_criteria()
    vnm = get_country("VNM")
    result = compare_scenarios(
        {k: select(db, tree, load_scenario(k), vnm) for k in ("balanced", "sme_first")}, top=10)
    data = scenario_bump_data(result, {"balanced": "Balanced", "sme_first": "SME first"})
    # T0044: 45th under balanced, 10th under sme_first (exportmcda rank, VNM)
    t0044 = data[data["technology_id"] == "T0044"]
    assert t0044[["target", "rank", "in_top", "label_first", "label_last"]].to_dict(
        "records") == [
        {"target": "Balanced", "rank": 45.0, "in_top": False, "label_first": False,
         "label_last": False},
        {"target": "SME first", "rank": 10.0, "in_top": True, "label_first": False,
         "label_last": True}]
    spec = bump_chart(data, 10, "en", column_title="Scenario").to_dict()
    assert spec["encoding"]["x"]["sort"] == ["Balanced", "SME first"]
    assert spec["encoding"]["tooltip"][2]["title"] == "Scenario"
