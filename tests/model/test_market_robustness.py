"""Robustness of a technology's country ranking under the market weights."""

import numpy as np
import pytest

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.errors import ConfigError
from exportmcda.model import markets as mk
from exportmcda.model.market_robustness import market_robustness, market_space


@pytest.fixture(scope="module")
def ranking(db):
    return mk.rank_markets(db, em.load_criteria(), em.load_scenario("balanced"),
                           em.load_countries(), load_indicators(), technology="T0004")


def test_the_space_reproduces_the_ranking(ranking):
    space = market_space(ranking)
    np.testing.assert_allclose(space.closeness(space.weights)[0], ranking.result.scores,
                               atol=1e-12)


def test_intervals_and_acceptability(ranking):
    report = market_robustness(ranking, top_n=3, samples=2_000)
    best = ranking.records()[0]["country"]
    for c in report.one_at_a_time.criteria:
        assert c.top_1[0] <= c.current <= c.top_1[1]
    acceptability = report.smaa.acceptability
    np.testing.assert_allclose(acceptability.sum(axis=1), 1.0)
    data = report.as_dict()
    assert data["acceptability"][best]["rank_1"] > 0
    assert sum(v["rank_1"] for v in data["acceptability"].values()) == pytest.approx(1.0)
    assert market_robustness(ranking, samples=500).as_dict() == market_robustness(
        ranking, samples=500).as_dict()


def test_the_space_keeps_the_min_max_normalisation(ranking):
    assert market_space(ranking).normalization == "minmax"


def test_a_one_country_ranking_has_nothing_to_vary(db):
    one = mk.rank_markets(db, em.load_criteria(), em.load_scenario("balanced"),
                          em.load_countries(), load_indicators(), technology="T0004",
                          targets=("IND",))
    with pytest.raises(ConfigError, match="no market criterion separates") as caught:
        market_robustness(one)
    assert caught.value.issues[0].code == "market_nothing_to_vary"
