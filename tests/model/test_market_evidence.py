"""The market side of an export: indicators compared, weights, normalisation, best markets."""

import dataclasses

import pytest

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.labels import note_text
from exportmcda.model import markets as mk
from exportmcda.model.market_evidence import market_evidence
from exportmcda.resources import criteria_dir


def test_without_the_database_the_indicators_weights_and_normalisation(india):
    evidence = market_evidence(india)
    assert evidence.normalization == "minmax"
    assert evidence.assumed
    assert evidence.scenario_file == criteria_dir() / "markets" / "balanced.toml"
    assert len(evidence.compared) == 16
    assert evidence.shown == evidence.compared  # IND is one of them
    assert evidence.rankings == {}
    assert [leaf.id for leaf in evidence.indicator_leaves] == [
        "egdi", "urban_market_size", "urban_growth", "income"]
    value = evidence.indicator_values["IND", "egdi"]
    assert (value.value, value.year, value.source.issuer) == (0.66776, "2024", "UN DESA")
    growth = evidence.indicator_values["SGP", "urban_growth"]
    assert (growth.value, growth.computed) == (1.74, True)
    assert evidence.weights["policy_priority"] == pytest.approx(2 / 9)
    names = [name for name, _ in evidence.indicator_files()]
    assert names[-1] == "groups.toml"
    assert "indicators/KOR.toml" in names
    assert [name for name, _ in evidence.market_files()] == ["markets.toml",
                                                            "markets/balanced.toml"]


def test_a_group_target_is_shown_with_its_aggregated_values(db):
    asean = em.select(db, em.load_criteria(), em.load_scenario("balanced"),
                      em.get_country("ASEAN"))
    evidence = market_evidence(asean)
    assert evidence.shown[-1] == "ASEAN"
    assert "ASEAN" not in evidence.compared
    value = evidence.indicator_values["ASEAN", "urban_market_size"]
    assert value.computed
    assert value.rule == "sum"


def test_with_the_database_each_technology_gets_its_country_ranking(india, db):
    ids = india.top_ids(3)
    evidence = market_evidence(india, db=db, technologies=ids)
    assert list(evidence.rankings) == list(ids)
    one = mk.rank_markets(db, em.load_criteria(), em.load_scenario("balanced"),
                          em.load_countries(), load_indicators(), technology=ids[0])
    assert evidence.rankings[ids[0]].records() == one.records()
    assert evidence.best(ids[0]) == one.records()[:3]
    assert evidence.best("T9999") == []
    assert not any(n.code == "tie_rule" for n in evidence.notes)


def test_a_scenario_without_market_judgments_shows_no_weights(india, db):
    panel = dataclasses.replace(india, scenario=dataclasses.replace(india.scenario,
                                                                    id="my_panel"))
    evidence = market_evidence(panel, db=db, technologies=india.top_ids(2))
    assert evidence.scenario is None
    assert evidence.weights == {}
    assert evidence.rankings == {}
    (note,) = [n for n in evidence.notes if n.code == "market_weights_unknown"]
    assert "my_panel" in note_text(note, "ko")
    assert [name for name, _ in evidence.market_files()] == ["markets.toml"]


def test_weights_and_normalisation_given_are_used(india, db):
    evidence = market_evidence(india, db=db, technologies=india.top_ids(1),
                               leaf_weights={"egdi": 1.0}, normalization="vector")
    assert evidence.normalization == "vector"
    ranking = evidence.rankings[india.top_ids(1)[0]]
    assert ranking.result.normalization == "vector"
    assert dict(zip(ranking.result.criteria, ranking.result.weights, strict=True))[
        "egdi"] == 1.0
    assert ranking.records()[0]["country"] == "SGP"  # the highest EGDI 2024 (0.96912)
