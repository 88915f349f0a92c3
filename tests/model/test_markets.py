"""Markets: target countries ranked for a technology; the export-potential matrix."""

import dataclasses
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
    """EGDI 2024 and urban growth 2000-2020, weights 0.4 and 0.6 (CSV values), min-max:

    IDN 0.79911, 2.73; SGP 0.96912, 1.74; VNM 0.77092, 3.19.
    EGDI: min 0.77092 (VNM), max 0.96912 (SGP), range 0.19820;
    r = IDN 0.02819 / 0.19820 = 0.142230, SGP 1, VNM 0.
    Growth: min 1.74 (SGP), max 3.19 (VNM), range 1.45;
    r = IDN 0.99 / 1.45 = 0.682759, SGP 0, VNM 1.
    Weighted: EGDI (x 0.4) IDN 0.056892, SGP 0.4, VNM 0;
    growth (x 0.6) IDN 0.409655, SGP 0, VNM 0.6.
    Ideal (0.4, 0.6), anti-ideal (0, 0): one weight apart on each leaf.
    IDN: D+ = sqrt(0.343108^2 + 0.190345^2) = sqrt(0.117723 + 0.036231) = 0.392370,
    D- = sqrt(0.056892^2 + 0.409655^2) = sqrt(0.003237 + 0.167817) = 0.413587,
    C = 0.413587 / 0.805957 = 0.51316.
    SGP (best on EGDI only): D+ = 0.6, D- = 0.4, C = 0.4 (its EGDI weight).
    VNM (best on growth only): D+ = 0.4, D- = 0.6, C = 0.6 (its growth weight).
    Contributions C x (v - v-)^2 / D-^2: IDN EGDI 0.51316 x 0.003237 / 0.171054 = 0.00971,
    growth 0.50345; SGP all EGDI (0.4); VNM all growth (0.6).
    (Vector normalisation gave VNM 0.70346, IDN 0.58761, SGP 0.29654 with weights 1/2.)
    """
    countries, indicators = world
    ranking = mk.rank_markets(
        db, tree, balanced, countries, indicators, technology="T0001",
        targets=("IDN", "SGP", "VNM"), leaf_weights={"egdi": 0.4, "urban_growth": 0.6},
    )
    rows = ranking.records()
    assert [r["country"] for r in rows] == ["VNM", "IDN", "SGP"]
    assert [r["score"] for r in rows] == pytest.approx([0.6, 0.51316, 0.4], abs=2e-5)
    assert rows[1]["contributions"]["egdi"] == pytest.approx(0.00971, abs=2e-5)
    assert rows[1]["contributions"]["urban_growth"] == pytest.approx(0.50345, abs=2e-5)
    assert rows[2]["contributions"]["egdi"] == pytest.approx(0.4)
    assert rows[0]["criteria"]["egdi"] == pytest.approx(0.77092)
    assert rows[0]["criteria"]["urban_growth"] == pytest.approx(3.19)
    assert ranking.result.normalization == "minmax"
    for r in rows:
        assert r["normalization"] == "minmax"
        assert sum(r["contributions"].values()) == pytest.approx(r["score"])
        assert set(r) >= {"rank", "country", "score", "criteria", "contributions", "sources"}
        egdi = next(s for s in r["sources"] if s["criterion"] == "egdi")
        assert egdi["issuer"] == "UN DESA"
        assert egdi["year"] == "2024"


def test_the_market_file_states_min_max_and_a_weight_is_its_influence(db, tree, balanced, world):
    """Min-max: on every leaf used, the ideal and the anti-ideal lie one weight apart."""
    assert mk.market_normalization(mk.load_market_criteria()) == "minmax"
    countries, indicators = world
    ranking = mk.rank_markets(db, tree, balanced, countries, indicators, technology="T0607")
    r = ranking.result
    assert r.normalization == "minmax"
    np.testing.assert_allclose(r.ideal - r.anti_ideal, r.weights, atol=1e-15)
    np.testing.assert_allclose(r.normalized.min(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(r.normalized.max(axis=0), 1.0, atol=1e-15)


def test_the_normalisation_setting_is_checked(tmp_path):
    text = (criteria_dir() / "markets.toml").read_text("utf-8")
    bad = tmp_path / "markets.toml"
    bad.write_text(text.replace('normalization = "minmax"', 'normalization = "sum"'), "utf-8")
    with pytest.raises(ConfigError, match="normalization must be one of") as caught:
        mk.load_market_criteria(bad)
    assert caught.value.issues[0].field == "method.normalization"
    bad.write_text(text.replace('normalization = "minmax"', 'normalisation = "minmax"'), "utf-8")
    with pytest.raises(ConfigError, match=r"\[method\] accepts normalization"):
        mk.load_market_criteria(bad)
    bad.write_text(text.replace('normalization = "minmax"', 'normalization = "vector"'), "utf-8")
    assert mk.market_normalization(mk.load_market_criteria(bad)) == "vector"
    bad.write_text(text.replace('[method]\nnormalization = "minmax"\n', ""), "utf-8")
    assert mk.market_normalization(mk.load_market_criteria(bad)) == mk.DEFAULT_NORMALIZATION


def test_a_leaf_constant_over_the_countries_is_left_out_and_named(db, tree, balanced, world):
    """T0001 is exported to none of IDN, SGP, VNM: exported_here is 0 for all three.

    With weight 0.2 on it next to EGDI 0.32 and growth 0.48 (the 0.4 : 0.6 of the hand
    example, scaled), it cannot separate them: left out, the others renormalised to 0.4 and
    0.6, so the scores are the hand example's 0.6, 0.51316, 0.4 exactly.
    """
    countries, indicators = world
    assert set(mk._exported(db, ("IDN", "SGP", "VNM")).loc["T0001"]) == {0.0}
    ranking = mk.rank_markets(
        db, tree, balanced, countries, indicators, technology="T0001",
        targets=("IDN", "SGP", "VNM"),
        leaf_weights={"egdi": 0.32, "urban_growth": 0.48, "exported_here": 0.2},
    )
    rows = ranking.records()
    assert [r["score"] for r in rows] == pytest.approx([0.6, 0.51316, 0.4], abs=2e-5)
    assert "exported_here" in ranking.left_out
    assert "exported_here" not in ranking.result.criteria
    assert all(r["contributions"]["exported_here"] == 0.0 for r in rows)
    (note,) = [n for n in ranking.notes if n.code == "market_leaves_constant"]
    assert "exported_here" in note.params["leaves"].split(", ")
    names = mk.load_market_criteria().names("ko")
    assert "기존 수출국" in note_text(note, "ko", names)
    assert "Already exported here" in note_text(note, "en", mk.load_market_criteria().names())
    for r in rows:
        assert np.isfinite(r["score"])


def test_a_one_country_ranking_has_nothing_to_compare(db, tree, balanced, world):
    countries, indicators = world
    ranking = mk.rank_markets(db, tree, balanced, countries, indicators, technology="T0607",
                              targets=("IND",))
    (row,) = ranking.records()
    assert row["country"] == "IND"
    assert row["rank"] == 1
    assert row["score"] == 1.0
    assert set(row["contributions"].values()) == {0.0}
    assert row["criteria"]["egdi"] == pytest.approx(indicators["IND"].value("egdi", "2024"))
    assert set(ranking.left_out) == {leaf.id for leaf in mk.load_market_criteria().leaves}
    codes = [n.code for n in ranking.notes]
    assert "market_leaves_constant" in codes
    assert "market_nothing_to_compare" in codes
    for note in ranking.notes:
        assert note_text(note, "ko")
    matrix = mk.export_potential(db, mk.prepare_supply(db, tree, balanced, countries, ("IND",)),
                                 indicators)
    assert set(matrix.demand["IND"]) == {1.0}
    assert any(n.code == "market_leaves_constant_rows" for n in matrix.notes)


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


@pytest.mark.parametrize("normalization", ["minmax", "vector"])
def test_batched_demand_equals_the_engine(db, tree, balanced, world, supply, tmp_path,
                                          normalization):
    countries, indicators = world
    text = (criteria_dir() / "markets.toml").read_text("utf-8")
    market_file = tmp_path / "markets.toml"
    market_file.write_text(text.replace('normalization = "minmax"',
                                        f'normalization = "{normalization}"'), "utf-8")
    market = mk.load_market_criteria(market_file)
    matrix = mk.export_potential(db, supply, indicators, market_tree=market)
    assert matrix.normalization == normalization
    assert matrix.as_dict(top=1)["normalization"] == normalization
    for tid in ("T0004", "T0001", "T0500"):
        one = mk.rank_markets(db, tree, balanced, countries, indicators, technology=tid,
                              targets=TARGETS, market_tree=market)
        assert one.result.normalization == normalization
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


def test_several_technologies_at_once_equal_one_at_a_time(db, tree, balanced, world):
    countries, indicators = world
    many = mk.rank_markets_for(db, tree, balanced, countries, indicators,
                               ["T0004", "T0607", "T0004"], targets=TARGETS)
    assert list(many) == ["T0004", "T0607"]
    for tid, ranking in many.items():
        one = mk.rank_markets(db, tree, balanced, countries, indicators, technology=tid,
                              targets=TARGETS)
        assert ranking.records() == one.records()
    with pytest.raises(ConfigError, match="no such technology"):
        mk.rank_markets_for(db, tree, balanced, countries, indicators, ["T9999"])


def test_an_adjusted_scenario_uses_its_base_market_judgments(balanced):
    custom = dataclasses.replace(balanced, id="balanced-custom", basis="user")
    assert mk.market_scenario_file(custom) == criteria_dir() / "markets" / "balanced.toml"
    assert mk.market_scenario_for(custom).id == "balanced"
    with pytest.raises(ConfigError, match="no market judgments") as caught:
        mk.market_scenario_file(dataclasses.replace(balanced, id="my_panel"))
    assert caught.value.issues[0].code == "market_no_judgments"
