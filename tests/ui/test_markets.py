"""The Markets page and Compare's market parts, driven with AppTest (no browser).

Market scores are never written here: what the page shows is compared with the library's
result for the same inputs (``rank_markets``, ``export_potential``, ``select``), so the
tests hold when the market side's normalisation or judgments change.
"""

import math
import re

import pytest

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.data.taxonomy import FIELDS
from exportmcda.labels import t
from exportmcda.model import markets as mk
from exportmcda.model.market_views import value_text
from exportmcda.model.scenarios import rescale_weights, scenario_weights
from exportmcda.model.weight_state import effective_scenario, local_weights, seed, with_direct
from tests.ui.apppages import caption_texts, open_expanders, open_page, tables, weight_slider

PAGE = "ui/pages/markets.py"
GOAL_CRITERIA = ("digital_readiness", "market_size", "ability_to_pay", "policy_demand")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def page(**params):
    return open_page(PAGE, timeout=180, **params)


@pytest.fixture(scope="module")
def world():
    return em.load_countries(), load_indicators()


@pytest.fixture(scope="module")
def balanced():
    return em.load_scenario("balanced")


@pytest.fixture(scope="module")
def market_base():
    return scenario_weights(mk.load_market_scenario("balanced"), mk.load_market_criteria())


@pytest.fixture(scope="module")
def markets():
    return page()


def country_ranking(at, column="Country"):
    """The country ranking grid (indexed by rank): the table with a Country column."""
    return next(x.value for x in tables(at) if column in x.value.columns)


def heatmap_numbers(at, index="Technology field"):
    return next(x.value for x in tables(at) if x.value.index.name == index)


def reasons_list(at, marker):
    """The reasons block as a reader sees it (escaped for Markdown: see ui.components.plain)."""
    found = [re.sub(r"\\(.)", r"\1", m.value).replace("\u2060", "") for m in at.markdown]
    return next(m for m in found if marker in m).split("\n")


def library_ranking(db, world, balanced, market_base, targets=None, leaf_weights=None,
                    **pick):
    countries, indicators = world
    return mk.rank_markets(
        db, em.load_criteria(), balanced, countries, indicators, targets=targets,
        leaf_weights=leaf_weights or market_base.leaf_weights, **pick,
    )


def names_in(ranking, world, lang="en"):
    return [world[0][r["country"]].name(lang) for r in ranking.records()]


def test_the_page_shows_notice_ranking_heatmap_and_cards(markets, db, world, balanced,
                                                         market_base):
    at = markets
    assert at.title[0].value == "Markets"
    assert any("Synthetic sample data" in w.value for w in at.warning)
    first = em.select(db, em.load_criteria(), balanced, world[0]["ASEAN"]).top_ids(1)[0]
    assert at.selectbox(key="_w.market_technology").value == first  # the shortlist's first
    shown = country_ranking(at)
    expected = library_ranking(db, world, balanced, market_base, technology=first)
    assert shown["Country"].tolist() == names_in(expected, world)
    assert shown["Market score (TOPSIS closeness)"].tolist() == [
        f"{r['score']:.3f}" for r in expected.records()]
    assert shown.index.tolist() == [str(k) for k in range(1, 17)]
    # every criterion's share, summing to the score (to rounding)
    leaves = [c for c in shown.columns if c not in ("Country", "Market score (TOPSIS closeness)")]
    assert len(leaves) == 6
    for _, row in shown.iterrows():
        total = sum(float(row[c]) for c in leaves)
        assert total == pytest.approx(float(row["Market score (TOPSIS closeness)"]), abs=4e-3)
    # the reasons, one per country, in rank order
    lines = reasons_list(at, "markets for")
    assert len(lines) == 16
    assert lines[0].startswith(f"1. {names_in(expected, world)[0]}: 1st of 16 markets for")
    # the heatmap of fields and its numbers: the library's matrix for the same inputs
    assert len(at.get("vega_lite_chart")) == 1
    numbers = heatmap_numbers(at)
    supply = mk.prepare_supply(db, em.load_criteria(), balanced, world[0],
                               mk.single_targets(*world))
    matrix = mk.export_potential(db, supply, world[1], by="field",
                                 leaf_weights=market_base.leaf_weights)
    assert list(numbers.columns) == [world[0][c].name("en") for c in matrix.countries]
    assert len(numbers) == 21
    traffic = numbers.loc["Traffic"].tolist()
    assert traffic == [f"{matrix.score.loc['Traffic', c]:.3f}" for c in matrix.countries]
    # the caption names the rule and the normalisation the results record
    caption = next(c for c in caption_texts(at) if c.startswith("Cell ="))
    assert "√(supply × demand)" in caption
    assert "Export Potential Indicator" in caption
    assert t(f"norm_{expected.result.normalization}", "en") in caption
    # one country's card at a time (the first chosen country's), every indicator with its
    # value and issuer; another country is a choice away
    cards = [x.value for x in tables(at) if x.value.index.name == "Indicator"]
    assert len(cards) == 1
    assert at.selectbox(key="market_card").value == at.multiselect(
        key="_w.market_countries").value[0]
    at.selectbox(key="market_card").set_value("IND").run()
    cards = [x.value for x in tables(at) if x.value.index.name == "Indicator"]
    assert len(cards) == 1
    egdi = cards[0].iloc[0]
    assert egdi["Value"] == value_text(world[1]["IND"].value("egdi", "2024"))
    assert egdi["Issuer"] == "UN DESA"
    assert egdi["Year"] == "2024"


def test_the_page_in_korean(db, world, balanced, market_base):
    at = page(lang="ko")
    assert at.title[0].value == "대상 시장"
    assert any("합성 샘플 데이터" in w.value for w in at.warning)
    shown = country_ranking(at, "국가")
    first = at.selectbox(key="_w.market_technology").value
    expected = library_ranking(db, world, balanced, market_base, technology=first)
    assert shown["국가"].tolist() == names_in(expected, world, "ko")
    for header in shown.columns:
        assert HANGUL.search(header), header
    korean_name = str(db.technologies.loc[first, "technology_name_ko"])  # the sample's
    headings = [re.sub(r"\\(.)", r"\1", s.value) for s in at.subheader]  # as read
    assert f"{korean_name}: 어느 시장부터, 왜" in headings
    numbers = heatmap_numbers(at, "기술 분야")
    assert set(numbers.index) == {f.ko for f in FIELDS}
    assert all(HANGUL.search(c) for c in numbers.columns)
    reasons = reasons_list(at, "시장 16곳 중")
    assert len(reasons) == 16
    assert not any("markets for" in r for r in reasons)
    assert any(c.startswith("셀 = √(공급 × 수요)") for c in caption_texts(at))
    assert [s.label for s in at.slider if s.key.startswith("market.")][:4] == [
        "디지털 정부 준비도", "도시 시장", "지불 능력", "정책 수요와 진출 기반"]
    card = next(x.value for x in tables(at) if x.value.index.name == "지표")
    assert card.index[0] == "전자정부발전지수"
    assert all(HANGUL.search(c) for c in card.columns)


def test_the_technology_picker_reranks_the_countries(markets, db, world, balanced,
                                                     market_base):
    at = markets
    before = country_ranking(at)["Country"].tolist()
    at.selectbox(key="_w.market_technology").set_value("T0004").run()
    assert not at.exception
    expected = library_ranking(db, world, balanced, market_base, technology="T0004")
    after = country_ranking(at)["Country"].tolist()
    assert after == names_in(expected, world)
    assert after != before
    assert any("Where should" in s.value and "go first" in s.value for s in at.subheader)
    assert at.query_params["technology"] == "T0004"
    # a field instead: Traffic (field 3 of the taxonomy)
    at.radio(key="_w.market_kind").set_value("field").run()
    at.selectbox(key="_w.market_field").set_value(3).run()
    assert not at.exception
    traffic = library_ranking(db, world, balanced, market_base, field_name=3)
    assert country_ranking(at)["Country"].tolist() == names_in(traffic, world)
    assert at.query_params["field"] == "3"
    assert "technology" not in at.query_params


def test_a_market_slider_moves_the_heatmap_and_the_ranking(db, world, balanced, market_base):
    at = page(technology="T0004")
    heat_before = heatmap_numbers(at)
    rank_before = country_ranking(at)["Market score (TOPSIS closeness)"].tolist()
    weight_slider(at, "digital_readiness", "market.").set_value(0.6).run()
    assert not at.exception
    values = {c: weight_slider(at, c, "market.").value for c in GOAL_CRITERIA}
    assert values["digital_readiness"] == pytest.approx(0.6)
    assert math.isclose(sum(values.values()), 1.0, abs_tol=2e-3)
    # the library, given the same slider move
    goal = "market_attractiveness"
    state = with_direct(seed(market_base), goal, rescale_weights(
        local_weights(market_base, goal), "digital_readiness", 0.6))
    moved = scenario_weights(effective_scenario(state, market_base),
                             mk.load_market_criteria()).leaf_weights
    supply = mk.prepare_supply(db, em.load_criteria(), balanced, world[0],
                               mk.single_targets(*world))
    matrix = mk.export_potential(db, supply, world[1], by="field", leaf_weights=moved)
    heat_after = heatmap_numbers(at)
    assert not heat_after.equals(heat_before)
    assert heat_after.loc["Traffic"].tolist() == [
        f"{matrix.score.loc['Traffic', c]:.3f}" for c in matrix.countries]
    expected = library_ranking(db, world, balanced, market_base, technology="T0004",
                               leaf_weights=moved)
    ranking = country_ranking(at)
    assert ranking["Country"].tolist() == names_in(expected, world)
    assert ranking["Market score (TOPSIS closeness)"].tolist() != rank_before
    assert any("market weights differ" in i.value for i in at.info)
    assert at.query_params["mweights"].startswith("digital_readiness:0.6000,")
    at.button(key="reset-market").click().run()
    assert heatmap_numbers(at).equals(heat_before)
    assert "mweights" not in at.query_params


def test_the_link_reproduces_the_markets_view(db, world, balanced, market_base):
    link = "digital_readiness:0.4,market_size:0.2,ability_to_pay:0.1,policy_demand:0.3"
    at = page(technology="T0004", markets="IND,SAU,VNM", rows="shortlist", mweights=link)
    assert at.selectbox(key="_w.market_technology").value == "T0004"
    assert at.multiselect(key="_w.market_countries").value == ["IND", "SAU", "VNM"]
    assert at.radio(key="_w.market_rows").value == "shortlist"
    assert weight_slider(at, "digital_readiness", "market.").value == pytest.approx(0.4)
    assert weight_slider(at, "policy_demand", "market.").value == pytest.approx(0.3)
    shown = country_ranking(at)
    assert len(shown) == 3
    # the shortlist heatmap: the Ranking page's top 10 for ASEAN, as rows
    numbers = heatmap_numbers(at, "Technology")
    top = em.select(db, em.load_criteria(), balanced, world[0]["ASEAN"]).table(10)
    assert numbers.index.tolist() == [
        f"{r}. {n}" for r, n in zip(top["rank"], top["technology_name"], strict=True)]
    assert list(numbers.columns) == ["India", "Saudi Arabia", "Viet Nam"]
    params = at.query_params
    assert params["technology"] == "T0004"
    assert params["markets"] == "IND,SAU,VNM"
    assert params["rows"] == "shortlist"
    assert params["mweights"] == (
        "digital_readiness:0.4000,market_size:0.2000,ability_to_pay:0.1000,"
        "policy_demand:0.3000")


def test_a_bad_market_link_is_not_applied_and_says_why(market_base):
    at = page(mweights="digital_readiness:abc,market_size:0.2,ability_to_pay:0.1,"
              "policy_demand:0.3")
    assert any("market weights were not applied" in w.value for w in at.warning)
    assert any("digital_readiness = abc" in x.value for x in at.text)
    assert weight_slider(at, "digital_readiness", "market.").value == pytest.approx(
        round(local_weights(market_base, "market_attractiveness")["digital_readiness"], 4))
    assert "mweights" not in at.query_params


def test_fewer_than_two_countries_asks_for_two():
    at = page(markets="IND")  # a link with one country falls back to the default sixteen
    assert len(at.multiselect(key="_w.market_countries").value) == 16
    at.multiselect(key="_w.market_countries").set_value(["IND"]).run()
    assert not at.exception
    assert any("at least two target countries" in i.value for i in at.info)


# ---- Compare: each target's indicators, and what is only in one top list ----------------


def test_compare_lists_only_in_a_only_in_b_and_in_both(db, world, balanced):
    at = open_page("ui/pages/compare.py", timeout=180, compare="ASEAN,IND", top="10")
    tree = em.load_criteria()
    asean = set(em.select(db, tree, balanced, world[0]["ASEAN"]).top_ids(10))
    india = set(em.select(db, tree, balanced, world[0]["IND"]).top_ids(10))
    lists = {
        frozenset(x.value.index): list(x.value.columns)
        for x in tables(at) if x.value.index.name == "Technology ID"
        and "Rank in ASEAN member states" in x.value.columns
        and "Rank in India" in x.value.columns and "Company" not in x.value.columns
    }
    assert set(lists) == {frozenset(asean - india), frozenset(asean & india),
                          frozenset(india - asean)}
    headings = [m.value for m in at.markdown if m.value.startswith("**")]
    assert f"**Only in ASEAN member states \\({len(asean - india)}\\)**" in headings
    assert f"**In both \\({len(asean & india)}\\)**" in headings
    assert f"**Only in India \\({len(india - asean)}\\)**" in headings
    # three targets: the lists wait for two
    at.multiselect(key="_w.compare").set_value(["ASEAN", "IND", "SAU"]).run()
    assert any("exactly two targets" in i.value for i in at.info)


def test_compare_shows_each_target_s_indicators_with_their_source(world):
    at = open_page("ui/pages/compare.py", timeout=180, compare="IND,SAU")
    table = next(x.value for x in tables(at) if x.value.index.name == "Indicator")
    assert list(table.columns) == ["Unit", "India", "Saudi Arabia", "India: source",
                                   "Saudi Arabia: source"]
    egdi = table.loc["E-Government Development Index (2024)"]
    indicators = world[1]
    assert egdi["India"] == value_text(indicators["IND"].value("egdi", "2024"))
    assert egdi["Saudi Arabia"] == value_text(indicators["SAU"].value("egdi", "2024"))
    assert egdi["India: source"] == "UN DESA"
    korean = open_page("ui/pages/compare.py", timeout=180, compare="IND,ASCN", lang="ko")
    table = next(x.value for x in tables(korean) if x.value.index.name == "지표")
    assert list(table.columns)[:3] == ["단위", "인도", "아세안 스마트시티 네트워크"]
    assert set(table["아세안 스마트시티 네트워크"]) == {""}  # a network has no indicators
    assert any("시장 지표가 없습니다" in c for c in caption_texts(korean))


def test_a_markets_link_passes_through_another_page_untouched():
    """Another first page keeps the link's market choices and does no market work (no
    indicators read, no market judgments solved) until the markets page is opened."""
    from streamlit.testing.v1 import AppTest

    from tests.ui.apppages import APP

    link = "policy_priority:0.2500,exported_here:0.7500"
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in {"technology": "T0004", "markets": "IND,SAU", "mweights": link,
                       "top": "5"}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("ui/pages/ranking.py").run()
    assert not at.exception
    assert "market_weight_state" not in at.session_state
    assert at.query_params["technology"] == "T0004"
    assert at.query_params["markets"] == "IND,SAU"
    assert at.query_params["mweights"] == link
    open_expanders(at.switch_page(PAGE).run())
    assert at.multiselect(key="_w.market_countries").value == ["IND", "SAU"]
    assert weight_slider(at, "exported_here", "market.").value == pytest.approx(0.75)
    assert at.query_params["mweights"] == link
