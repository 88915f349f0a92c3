"""Markets: target countries ranked for a technology; the export-potential matrix."""

import time

import numpy as np
import pytest

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.errors import ConfigError
from exportmcda.labels import note_text
from exportmcda.model import markets as mk
from exportmcda.model.measures import score
from exportmcda.model.scenarios import available_scenarios, scenario_weights
from exportmcda.resources import criteria_dir

TARGETS = ("IND", "VNM", "SAU")


@pytest.fixture(scope="module")
def world():
    return em.load_countries(), load_indicators()


@pytest.fixture(scope="module")
def tree():
    return em.load_criteria()


@pytest.fixture(scope="module")
def balanced():
    return em.load_scenario("balanced")


@pytest.fixture(scope="module")
def supply(db, tree, balanced, world):
    return mk.prepare_supply(db, tree, balanced, world[0], TARGETS)


def test_the_hierarchy_states_every_leaf():
    market = mk.load_market_criteria()
    assert [leaf.id for leaf in market.leaves] == [
        "egdi", "urban_market_size", "urban_growth", "income", "policy_priority",
        "exported_here"]
    for leaf in market.leaves:
        assert leaf.label_en
        assert leaf.label_ko
        assert leaf.source
        assert leaf.definition_en
        assert leaf.definition_ko
    assert market.leaf("urban_market_size").params["transform"] == "log"
    assert "logarithm" in market.leaf("urban_market_size").definition_en


def test_every_shipped_scenario_has_assumed_consistent_market_judgments():
    market = mk.load_market_criteria()
    assert set(available_scenarios(criteria_dir() / "markets")) == set(available_scenarios())
    for name in available_scenarios():
        scenario = mk.load_market_scenario(name)
        assert scenario.basis == "assumed"
        weighed = scenario_weights(scenario, market)
        assert weighed.inconsistent == ()
        assert not any(n.code == "equal_weights" for n in weighed.notes)
        assert sum(weighed.leaf_weights.values()) == pytest.approx(1.0)
        text = (criteria_dir() / "markets" / f"{name}.toml").read_text("utf-8")
        assert "ASSUMPTION" in text


def test_a_market_leaf_with_a_bad_parameter_is_refused(tmp_path):
    text = (criteria_dir() / "markets.toml").read_text("utf-8")
    bad = tmp_path / "markets.toml"
    bad.write_text(text.replace('\n  transform = "log"', '\n  transform = "sqrt"'), "utf-8")
    with pytest.raises(ConfigError, match="transform"):
        mk.load_market_criteria(bad)
    bad.write_text(text.replace('measure = "exported_here"', 'measure = "field_share"'), "utf-8")
    with pytest.raises(ConfigError, match="unknown measure"):
        mk.load_market_criteria(bad)


def test_the_sixteen_single_country_targets(world):
    codes = mk.single_targets(*world)
    assert len(codes) == 16
    assert "ASCN" not in codes
    assert "ASEAN" not in codes
    assert "KOR" not in codes


def test_hand_computed_three_country_ranking(db, tree, balanced, world):
    """EGDI 2024 and urban growth 2000-2020, weights 1/2 each (CSV values):

    IDN 0.79911, 2.73; SGP 0.96912, 1.74; VNM 0.77092, 3.19.
    Vector norms: EGDI sqrt(0.638577 + 0.939193 + 0.594318) = 1.473801,
    growth sqrt(7.4529 + 3.0276 + 10.1761) = 4.544953.
    Weighted (x 1/2): EGDI IDN 0.271106, SGP 0.328783, VNM 0.261541;
    growth IDN 0.300333, SGP 0.191421, VNM 0.350939.
    Ideal (0.328783, 0.350939), anti-ideal (0.261541, 0.191421).
    IDN: D+ = sqrt(0.057677^2 + 0.050606^2) = 0.076731, D- = sqrt(0.009565^2 + 0.108912^2)
    = 0.109331, C = 0.58761. SGP: D+ = 0.159518, D- = 0.067242, C = 0.29654.
    VNM: D+ = 0.067242, D- = 0.159518, C = 0.70346.
    """
    countries, indicators = world
    ranking = mk.rank_markets(
        db, tree, balanced, countries, indicators, technology="T0001",
        targets=("IDN", "SGP", "VNM"), leaf_weights={"egdi": 0.5, "urban_growth": 0.5},
    )
    rows = ranking.records()
    assert [r["country"] for r in rows] == ["VNM", "IDN", "SGP"]
    assert [r["score"] for r in rows] == pytest.approx([0.70346, 0.58761, 0.29654], abs=2e-5)
    assert rows[0]["criteria"]["egdi"] == pytest.approx(0.77092)
    assert rows[0]["criteria"]["urban_growth"] == pytest.approx(3.19)
    for r in rows:
        assert sum(r["contributions"].values()) == pytest.approx(r["score"])
        assert set(r) >= {"rank", "country", "score", "criteria", "contributions", "sources"}
        egdi = next(s for s in r["sources"] if s["criterion"] == "egdi")
        assert egdi["issuer"] == "UN DESA"
        assert egdi["year"] == "2024"


def test_a_technology_ranking_uses_the_policy_fit_and_its_exports(db, tree, balanced, world):
    countries, indicators = world
    ranking = mk.rank_markets(db, tree, balanced, countries, indicators, technology="T0004")
    assert len(ranking.records()) == 16
    weighed = scenario_weights(balanced, tree).tree
    for code in ("IND", "SAU"):
        fit = score(db, weighed, countries[code], leaves=("country_fit",)).matrix
        assert ranking.matrix.loc[code, "policy_priority"] == fit.loc["T0004", "country_fit"]
    # T0004's export_countries is "MMR;SAU" in the sample
    exported = ranking.matrix["exported_here"]
    assert set(exported[exported == 1].index) == {"MMR", "SAU"}
    assert set(exported[exported == 0].index) == set(ranking.matrix.index) - {"MMR", "SAU"}


def test_a_field_ranking_uses_the_field_priority(db, tree, balanced, world):
    countries, indicators = world
    ranking = mk.rank_markets(db, tree, balanced, countries, indicators, field_name="Traffic",
                              targets=TARGETS)
    assert ranking.row == "Traffic"
    assert ranking.kind == "field"
    for code in TARGETS:
        assert ranking.matrix.loc[code, "policy_priority"] == countries[code].priority(
            "Traffic") / 2
    with pytest.raises(ConfigError):
        mk.rank_markets(db, tree, balanced, countries, indicators)
    with pytest.raises(ConfigError):
        mk.rank_markets(db, tree, balanced, countries, indicators, field_name="No such field")


def test_a_missing_indicator_is_filled_with_the_worst_and_reported(world):
    """KOR has no EGDI 2024 row in the reference (it lacks the 2024 survey copy)."""
    _, indicators = world
    assert indicators["KOR"].value("egdi", "2024") is None
    base = mk.market_base(mk.load_market_criteria(), indicators, ("IND", "VNM", "KOR"))
    lowest = min(indicators["IND"].value("egdi"), indicators["VNM"].value("egdi"))
    assert base.table.loc["KOR", "egdi"] == lowest
    assert base.table.loc["KOR", "egdi"] != 0
    (note,) = [n for n in base.notes if n.params["indicator"] == "egdi"]
    assert note.code == "market_value_filled"
    assert note.params["country"] == "KOR"
    assert "KOR" in note_text(note, "en")
    assert "KOR" in note_text(note, "ko")


def test_batched_demand_equals_the_engine(db, tree, balanced, world, supply):
    countries, indicators = world
    matrix = mk.export_potential(db, supply, indicators)
    for tid in ("T0004", "T0001", "T0500"):
        one = mk.rank_markets(db, tree, balanced, countries, indicators, technology=tid,
                              targets=TARGETS)
        closeness = dict(zip(one.result.alternatives, one.result.scores, strict=True))
        for code in TARGETS:
            assert matrix.demand.loc[tid, code] == pytest.approx(closeness[code], abs=1e-12)


def test_geometric_mean_rule_and_ranks(db, world, supply):
    matrix = mk.export_potential(db, supply, world[1])
    cell = np.sqrt(matrix.supply.to_numpy() * matrix.demand.to_numpy())
    np.testing.assert_allclose(matrix.score.to_numpy(), cell)
    row = matrix.score.loc["T0004"]
    assert matrix.rank_in_row.loc["T0004", row.idxmax()] == 1
    column = matrix.score["IND"]
    assert matrix.rank_in_country.loc[column.idxmax(), "IND"] == 1
    assert sorted(matrix.rank_in_country["IND"]) == list(range(1, 1045))


@pytest.mark.parametrize("off", ["weights", "demand_weight"])
def test_with_the_market_side_off_a_column_orders_as_rank(db, tree, balanced, world, supply,
                                                          off):
    countries, indicators = world
    kwargs = ({"leaf_weights": {}} if off == "weights" else {"demand_weight": 0.0})
    matrix = mk.export_potential(db, supply, indicators, **kwargs)
    assert any(n.code == "market_demand_neutral" for n in matrix.notes)
    for code in TARGETS:
        selection = em.select(db, tree, balanced, countries[code])
        column = matrix.rank_in_country[code].sort_values()
        assert tuple(column.index) == selection.top_ids()


def test_matrix_by_field_and_the_json_contract(db, world, supply):
    matrix = mk.export_potential(db, supply, world[1], by="field")
    assert matrix.score.shape == (21, 3)
    # a field's supply is its best technology's closeness in that country
    by_tech = mk.export_potential(db, supply, world[1])
    members = mk._field_members(db)[1]
    assert matrix.supply.iloc[0]["IND"] == pytest.approx(by_tech.supply.loc[members, "IND"].max())
    data = matrix.as_dict(top=5)
    assert list(data)[:3] == ["by", "rows", "countries"]
    assert len(data["rows"]) == 5
    assert data["countries"] == list(TARGETS)
    assert len(data["cells"]) == 15
    assert set(data["cells"][0]) >= {"row", "country", "score", "rank_in_row",
                                     "rank_in_country"}
    with pytest.raises(ConfigError):
        mk.export_potential(db, supply, world[1], by="region")


def test_the_full_matrix_recomputes_fast(db, world, supply):
    start = time.perf_counter()
    matrix = mk.export_potential(db, supply, world[1])
    assert matrix.score.shape == (1044, 3)
    assert time.perf_counter() - start < 2.0
