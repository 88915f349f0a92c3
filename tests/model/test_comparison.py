"""Comparing the shortlists of several targets (exportmcda.model.comparison)."""

import pytest

import exportmcda as em
from exportmcda.errors import ConfigError
from exportmcda.model.comparison import compare


def test_compare_two_targets(db):
    tree, scenario = em.load_criteria(), em.load_scenario("balanced")
    sels = {c: em.select(db, tree, scenario, em.get_country(c)) for c in ("ASEAN", "IND")}
    result = compare(sels, top=50)
    assert result.overlap.loc["ASEAN", "ASEAN"] == 50
    assert result.overlap.loc["ASEAN", "IND"] == len(result.strong_everywhere)
    for _, row in result.strong_everywhere.iterrows():
        assert row["rank_ASEAN"] <= 50
        assert row["rank_IND"] <= 50
    body = result.as_dict()
    assert body["countries"] == ["ASEAN", "IND"]
    with pytest.raises(ConfigError, match="two"):
        compare({"IND": sels["IND"]}, top=5)
