"""What a reader is shown of the market side: reasons, country cards, two targets' lists."""

from dataclasses import replace

import pandas as pd
import pytest

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.labels import explanation_text
from exportmcda.model import markets as mk
from exportmcda.model.comparison import Comparison
from exportmcda.model.market_views import (
    indicator_table,
    indicators_side_by_side,
    market_reasons,
    reason_names,
    top_lists,
    unit_text,
    value_text,
)


@pytest.fixture(scope="module")
def world():
    return em.load_countries(), load_indicators()


@pytest.fixture(scope="module")
def market():
    return mk.load_market_criteria()


@pytest.fixture(scope="module")
def three(db, world, market):
    """The hand-computed ranking of tests/model/test_markets.py: EGDI 2024 and urban growth
    2000-2020 at 0.4 and 0.6 over IDN, SGP, VNM (T0001: its policy fit and exports weigh 0)."""
    countries, indicators = world
    return mk.rank_markets(
        db, em.load_criteria(), em.load_scenario("balanced"), countries, indicators,
        technology="T0001", targets=("IDN", "SGP", "VNM"), market_tree=market,
        leaf_weights={"egdi": 0.4, "urban_growth": 0.6},
    )


def test_values_are_written_as_the_reference_reads():
    assert value_text(30340882.0) == "30,340,882"
    assert value_text(55055.0) == "55,055"
    assert value_text(1000.0) == "1,000"
    assert value_text(0.96022) == "0.9602"
    assert value_text(2.88) == "2.88"
    assert value_text(11.0) == "11"
    assert value_text(None) == ""
    assert value_text(float("nan")) == ""


def test_units_are_translated_and_an_unknown_unit_is_kept():
    assert unit_text("people", "ko") == "명"
    assert unit_text("% per year", "ko") == "연 %"
    assert unit_text("index 0-1", "en") == "index 0–1"
    assert unit_text("furlongs", "ko") == "furlongs"


def test_reasons_of_the_hand_computed_ranking(three, market, world, db):
    """Min-max weighted values (test_markets.py's hand case): EGDI IDN 0.056892, SGP 0.4,
    VNM 0; growth IDN 0.409655, SGP 0, VNM 0.6; anti-ideal (0, 0), ideal (0.4, 0.6).
    Scores VNM 0.6, IDN 0.51316, SGP 0.4. Contributions split C by (v - anti)^2:
    VNM: growth 100 %; furthest from the ideal: EGDI (0.4 away, growth 0).
    SGP: EGDI 100 %; furthest: growth (0.6).
    IDN: EGDI 0.056892^2 = 0.003237, growth 0.409655^2 = 0.167817 -> growth
    0.167817 / 0.171054 = 98.11 %, EGDI 1.89 %; furthest: EGDI (0.343108 > 0.190345).
    """
    reasons = market_reasons(three, market)
    assert list(reasons) == ["VNM", "IDN", "SGP"]
    vnm, idn, sgp = reasons["VNM"], reasons["IDN"], reasons["SGP"]
    assert vnm[0].code == "market_rank"
    assert dict(vnm[0].params) == pytest.approx(
        {"country": "VNM", "rank": 1, "n": 3, "row": "T0001", "score": 0.6}, abs=2e-5)
    assert [n.code for n in vnm] == ["market_rank", "market_why_indicator", "why_furthest"]
    assert dict(vnm[1].params) == pytest.approx({
        "indicator": "urban_population_growth", "value": "3.19", "unit": "% per year",
        "year": "2000-2020", "issuer": "World Bank", "share": 1.0})
    assert vnm[2].params["criterion"] == "egdi"
    assert [n.params.get("indicator") for n in idn[1:3]] == [
        "urban_population_growth", "egdi"]
    assert idn[1].params["share"] == pytest.approx(0.98108, abs=1e-4)
    assert idn[2].params["share"] == pytest.approx(0.01892, abs=1e-4)
    assert idn[2].params["value"] == "0.7991"  # IDN EGDI 2024: 0.79911
    assert idn[-1].params["criterion"] == "egdi"
    assert [n.code for n in sgp] == ["market_rank", "market_why_indicator", "why_furthest"]
    assert sgp[1].params["indicator"] == "egdi"
    assert sgp[1].params["value"] == "0.9691"  # SGP EGDI 2024: 0.96912
    assert sgp[-1].params["criterion"] == "urban_growth"
    name = str(db.technologies.loc["T0001", "technology_name"])
    names = reason_names(market, world[0], "en", {"T0001": name})
    assert explanation_text(vnm, "en", names) == (
        f"Viet Nam: 1st of 3 markets for {name} (closeness 0.600): Urban population growth "
        "3.19 (% per year; World Bank, 2000-2020; 100% of the score); it is furthest from "
        "the ideal on E-Government Development Index."
    )
    ko = reason_names(market, world[0], "ko", {"T0001": "3D 독거노인 돌봄 모델링 시스템"})
    assert explanation_text(vnm, "ko", ko) == (
        "베트남: 3D 독거노인 돌봄 모델링 시스템의 시장 3곳 중 1위(근접도 0.600): 도시 인구 "
        "증가율 3.19(연 %; World Bank, 2000-2020; 점수의 100%); 이상해와의 격차가 가장 큰 "
        "기준은 전자정부발전지수입니다."
    )


def test_a_filled_value_is_said_to_be_filled(three, market):
    sources = {c: [dict(s) for s in rows] for c, rows in three.sources.items()}
    for entry in sources["VNM"]:
        if entry["criterion"] == "urban_growth":
            entry.update(filled=True, value=None)
    notes = market_reasons(replace(three, sources=sources), market)["VNM"]
    assert notes[1].code == "market_why_filled"
    assert dict(notes[1].params) == {"indicator": "urban_population_growth",
                                     "year": "2000-2020", "share": 1.0}


def test_policy_and_exports_are_cited_with_their_evidence(db, world, market):
    """T0004 is exported to MMR and SAU (export_countries "MMR;SAU" in the sample); its
    fields are Water management (SAU priority 0: fit 0) and E-government (priority 2,
    sourced on SAU1 and SAU3: fit 1), so its policy fit for Saudi Arabia (primary_mean) is
    (1 + 0.25 x 0) / 1.25 = 0.8, resting on those two sources (data/countries/SAU.toml)."""
    countries, indicators = world
    ranking = mk.rank_markets(
        db, em.load_criteria(), em.load_scenario("balanced"), countries, indicators,
        technology="T0004", targets=("IND", "SAU", "MMR"), market_tree=market,
        leaf_weights={"policy_priority": 0.5, "exported_here": 0.5},
    )
    reasons = market_reasons(ranking, market)
    sau = {n.code: n for n in reasons["SAU"]}
    assert sau["market_why_policy"].params["value"] == pytest.approx(0.8)
    assert sau["market_why_policy"].params["n"] == 2
    assert "market_why_exported" in sau
    ind = {n.code for n in reasons["IND"]}
    assert "market_why_exported" not in ind  # India is not in T0004's export_countries
    field = mk.rank_markets(
        db, em.load_criteria(), em.load_scenario("balanced"), countries, indicators,
        field_name="Traffic", targets=("IND", "SAU", "MMR"), market_tree=market,
        leaf_weights={"exported_here": 1.0},
    )
    reasons = market_reasons(field, market)
    for notes in reasons.values():
        assert {n.code for n in notes[1:]} <= {"market_why_exported_share", "why_furthest"}
    best, *_ = reasons
    share = reasons[best][1]
    assert share.code == "market_why_exported_share"
    assert share.params["value"] == field.matrix.loc[best, "exported_here"] > 0
    assert share.params["share"] == pytest.approx(1.0)  # the only weighted criterion


def test_a_country_card_names_every_value_its_year_and_source(world, market):
    countries, indicators = world
    names = reason_names(market, countries, "en")
    card = indicator_table(indicators["IND"], "en", names).set_index(["indicator", "year"])
    egdi = card.loc[("egdi", "2024")]
    assert egdi["value"] == "0.6678"  # reference CSV: IND egdi 2024 0.66776
    assert egdi["unit"] == "index 0–1"
    assert egdi["issuer"] == "UN DESA"
    assert egdi["title"] == "UN DESA E-Government Survey 2024 (EGDI and sub-indices)"
    assert "MaryliaCruzS" in egdi["found_at"]
    assert egdi["status"] == ""
    urban = card.loc[("urban_population", "2020")]
    assert urban["value"] == "487,702,168"  # reference CSV: 487702168, computed there
    assert urban["status"] == "computed by the reference (see its note)"
    assert urban["note"] == "computed here: population x urban share"
    ascn = card.loc[("ascn_cities", "2024")]  # India is not in ASEAN: no value, not 0
    assert ascn["value"] == ""
    assert "never counted as 0" in ascn["status"]
    assert len(card) == sum(len(i.editions) for i in em.data.indicators.INDICATORS)


def test_a_group_card_states_its_rule_and_members(world, market):
    countries, indicators = world
    card = indicator_table(indicators["MIDDLE_EAST"], "en",
                           reason_names(market, countries, "en")).set_index(
        ["indicator", "year"])
    pop = card.loc[("population", "2020")]["status"]
    assert pop == ("Middle East targets Population (2020): computed, the sum of Saudi Arabia, "
                   "United Arab Emirates, Qatar, Egypt, Kuwait")
    egdi = card.loc[("egdi", "2024")]["status"]
    assert "the mean of" in egdi
    assert "weighted by Population (2020)" in egdi
    assert "not aggregated for a group (rule: none)" in card.loc[("egdi_rank", "2024")]["status"]
    korean = indicator_table(indicators["MIDDLE_EAST"], "ko",
                             reason_names(market, countries, "ko"))
    assert "사우디아라비아" in korean.loc[korean["indicator"] == "population", "status"].iloc[0]


def test_indicators_side_by_side(world):
    _, indicators = world
    table = indicators_side_by_side(
        {"IND": indicators["IND"], "ASEAN": indicators["ASEAN"], "ASCN": None}, "en")
    assert list(table.columns) == ["name", "year", "unit", "IND", "IND_source", "ASEAN",
                                   "ASEAN_source", "ASCN", "ASCN_source"]
    first = table.iloc[0]
    assert (first["name"], first["year"], first["unit"]) == (
        "E-Government Development Index", "2024", "index 0–1")
    assert first["IND"] == "0.6678"
    assert first["IND_source"] == "UN DESA"
    assert first["ASEAN_source"] == "UN DESA; computed from 10 members"
    assert first["ASCN"] == ""
    rank = table[(table["name"] == "EGDI rank") & (table["year"] == "2024")].iloc[0]
    assert rank["IND"] == "97"  # reference CSV: IND egdi_rank 2024
    assert rank["ASEAN"] == ""  # rule "none": no group rank
    ko = indicators_side_by_side({"IND": indicators["IND"]}, "ko")
    assert ko.iloc[0]["name"] == "전자정부발전지수"


def _hand_comparison():
    """Top 3 of A: T1, T2, T3; of B: T3, T4, T1 (ranks beyond the lists: T4 is 7th in A,
    T2 is 5th in B)."""
    tops = {
        "A": pd.DataFrame({"technology_id": ["T1", "T2", "T3"]}),
        "B": pd.DataFrame({"technology_id": ["T3", "T4", "T1"]}),
    }
    ranks = pd.DataFrame(
        [(t, f"name {t}", c, r) for t, c, r in [
            ("T1", "A", 1), ("T1", "B", 3), ("T2", "A", 2), ("T2", "B", 5),
            ("T3", "A", 3), ("T3", "B", 1), ("T4", "A", 7), ("T4", "B", 2)]],
        columns=["technology_id", "technology_name", "country", "rank"],
    )
    return Comparison(codes=("A", "B"), top=3, tops=tops, overlap=pd.DataFrame(),
                      strong_everywhere=pd.DataFrame(), ranks=ranks, cut_off_ties={})


def test_only_in_a_only_in_b_and_in_both():
    lists = top_lists(_hand_comparison(), "A", "B")
    assert lists.only_a["technology_id"].tolist() == ["T2"]
    assert lists.only_a[["rank_a", "rank_b"]].to_numpy().tolist() == [[2, 5]]
    assert lists.only_b["technology_id"].tolist() == ["T4"]
    assert lists.only_b[["rank_a", "rank_b"]].to_numpy().tolist() == [[7, 2]]
    assert lists.both["technology_id"].tolist() == ["T1", "T3"]  # in A's order
    assert lists.both["technology_name"].tolist() == ["name T1", "name T3"]
    swapped = top_lists(_hand_comparison(), "B", "A")
    assert swapped.only_a["technology_id"].tolist() == ["T4"]
    assert swapped.both["technology_id"].tolist() == ["T3", "T1"]
    with pytest.raises(em.ConfigError):
        top_lists(_hand_comparison(), "A", "C")
