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
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["reverse"] is True
    assert y["title"] == "순위"
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["아세안 회원국", "인도"]


@pytest.mark.parametrize(("rank", "text"), [(1.0, "1"), (2.5, "2.5"), (10.0, "10")])
def test_rank_text(rank, text):
    assert rank_text(rank) == text
