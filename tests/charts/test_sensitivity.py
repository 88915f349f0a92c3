"""Sensitivity charts: specs built from a real robustness report, labelled in both languages."""

import json

import pytest

import exportmcda as em
from exportmcda.charts.sensitivity import acceptability_chart, gradient_chart, tornado_chart


@pytest.fixture(scope="module")
def report():
    sel = em.select(em.load_sample(), em.load_criteria(), em.load_scenario("balanced"),
                    em.get_country("IND"))
    return sel, em.robustness(sel, top_n=5, samples=500, seed=1)


def _spec(chart):
    return json.dumps(chart.to_dict(), ensure_ascii=False)


def test_tornado_has_one_bar_per_criterion_and_korean_titles(report):
    sel, r = report
    tornado = r.one_at_a_time.tornado()
    labels = {c.id: c.label("ko") for c in sel.weights.tree.criteria}
    spec = _spec(tornado_chart(tornado, labels, "ko"))
    assert "가중치" in spec
    assert "국내 활용도" in spec
    assert len(tornado) == 6


def test_gradient_chart_ranks_reversed(report):
    _, r = report
    gradient = r.one_at_a_time.gradient()
    one = gradient[gradient["criterion"] == "policy_fit"]
    spec = gradient_chart(one, "Target-country policy fit", {}, "en").to_dict()
    assert spec["encoding"]["y"]["scale"]["reverse"] is True
    assert "Weight: Target-country policy fit" in json.dumps(spec)


def test_acceptability_chart_stacks_probabilities(report):
    _, r = report
    body = r.as_dict()["acceptability"]
    spec = _spec(acceptability_chart(body, {}, "en"))
    assert "Probability" in spec
    for entry in body.values():
        assert sum(entry["rank_probabilities"].values()) == pytest.approx(1)


def test_gradient_marks_the_current_weight_with_a_rule(report):
    sel, r = report
    gradient = r.one_at_a_time.gradient()
    one = gradient[gradient["criterion"] == "policy_fit"]
    current = sel.weights.criterion_weights["policy_fit"]  # 3/14 under balanced
    assert current == pytest.approx(3 / 14)
    spec = gradient_chart(one, "정책 부합도", {}, "ko", current=current).to_dict()
    lines, rule, text = spec["layer"]
    assert rule["mark"]["type"] == "rule"
    assert rule["encoding"]["x"]["field"] == "weight"
    marker = spec["datasets"][rule["data"]["name"]]
    assert marker[0]["weight"] == pytest.approx(3 / 14)
    assert marker[0]["label"] == "현재 가중치 21.4%"
    assert text["encoding"]["text"]["field"] == "label"
    assert lines["encoding"]["x"]["axis"]["format"] == ".0%"


def test_gradient_lines_get_distinct_hues(report):
    _, r = report
    gradient = r.one_at_a_time.gradient()
    one = gradient[gradient["criterion"] == "policy_fit"]
    spec = gradient_chart(one, "Policy fit", {}, "en").to_dict()
    assert spec["encoding"]["color"]["scale"]["scheme"] == "tableau10"  # 5 lines
    assert "layer" not in spec  # no marker without a current weight
    from exportmcda.charts.sensitivity import distinct_scheme

    assert distinct_scheme(10) == "tableau10"
    assert distinct_scheme(11) == "tableau20"
