"""Scenarios side by side on the sample (VNM), against ranks read off ``exportmcda rank``.

Hand-checked from ``exportmcda rank --country VNM --top all`` with ``--scenario balanced``
and ``--scenario sme_first`` (synthetic sample): balanced's top 10 is T0681, T0270, T0966,
T0646, T0135, T0113, T0291, T0299, T0593, T0673 (6 major companies, 1 public institution,
3 SMEs); sme_first's is T0135, T0113, T0299, T0862, T0902, T0004, T0986, T0241, T0823, T0044
(all SMEs). T0044 is 45th under balanced, T0673 631st under sme_first. The balanced
judgments are consistent with weights 3:3:3:3:1:1 (utilization, track record, firm capacity,
policy fit : region, SME support), so SME support weighs 1/14 there.
"""

import pytest

import exportmcda as em
from exportmcda.errors import ConfigError
from exportmcda.labels import note_text
from exportmcda.model.scenario_compare import compare_scenarios

BALANCED_TOP = [
    "T0681",
    "T0270",
    "T0966",
    "T0646",
    "T0135",
    "T0113",
    "T0291",
    "T0299",
    "T0593",
    "T0673",
]
SME_TOP = ["T0135", "T0113", "T0299", "T0862", "T0902", "T0004", "T0986", "T0241", "T0823", "T0044"]


@pytest.fixture(scope="module")
def world():
    return em.load_sample(), em.load_criteria()


@pytest.fixture(scope="module")
def vnm(world):
    db, tree = world
    country = em.get_country("VNM")
    return {
        k: em.select(db, tree, em.load_scenario(k), country)
        for k in ("balanced", "sme_first", "market_fit_first")
    }


@pytest.fixture(scope="module")
def two(vnm):
    return compare_scenarios({k: vnm[k] for k in ("balanced", "sme_first")}, top=10)


def test_ranks_side_by_side_are_the_union_of_the_tops_reference_first(two):
    ranks = two.ranks
    assert ranks["technology_id"].tolist() == BALANCED_TOP + [
        t for t in SME_TOP if t not in BALANCED_TOP
    ]
    row = ranks.set_index("technology_id")
    assert row.loc["T0044", "rank_balanced"] == 45
    assert row.loc["T0044", "rank_sme_first"] == 10
    assert row.loc["T0673", "rank_sme_first"] == 631
    assert row.loc["T0135", "rank_balanced"] == 5
    assert bool(row.loc["T0135", "in_top_sme_first"])
    assert not bool(row.loc["T0681", "in_top_sme_first"])
    assert two.tops["sme_first"]["technology_id"].tolist() == SME_TOP


def test_movers_are_the_largest_gains_and_losses(two):
    rises = two.rises("sme_first", 3)
    assert [(m.technology_id, m.rank_from, m.rank_to, m.places) for m in rises] == [
        ("T0044", 45, 10, 35),
        ("T0823", 41, 9, 32),
        ("T0004", 31, 6, 25),
    ]
    falls = two.falls("sme_first", 2)
    assert [(m.technology_id, m.rank_from, m.rank_to, m.places) for m in falls] == [
        ("T0673", 10, 631, -621),
        ("T0593", 9, 627, -618),
    ]


def test_movers_read_in_words_in_both_languages(two):
    mover = two.rises("sme_first", 1)[0]
    names = {"sme_first": "SME first", "balanced": "Balanced"}
    assert note_text(mover.note(), "en", names) == (
        "T0044 (Open-API AI energy management platform) rises 35 places under SME first: "
        "from 45 (Balanced) to 10"
    )
    ko = note_text(mover.note(), "ko", {"sme_first": "중소기업 우선", "balanced": "균형"})
    assert ko.endswith("중소기업 우선에서 35계단 상승(균형 45위 → 10위)")


def test_what_sme_first_favours(two):
    shifts = two.weight_shifts["sme_first"]
    assert shifts[0].criterion == "sme_support"
    assert shifts[0].reference_weight == pytest.approx(1 / 14)
    sizes = {
        g.name: (g.reference_count, g.count) for g in two.group_shifts["sme_first"]["company_size"]
    }
    assert sizes == {
        "Small and medium-sized enterprise": (3, 10),
        "Major company": (6, 0),
        "Public institution": (1, 0),
    }
    favours = two.favours("sme_first")
    assert [n.code for n in favours][:2] == ["scenario_weighs_more", "scenario_gains_size"]
    assert note_text(favours[1], "en", {"sme_first": "SME first", "balanced": "Balanced"}) == (
        "Small and medium-sized enterprise: 10 of the top 10 under SME first (3 under Balanced)"
    )


def test_json_shape(two):
    body = two.as_dict(movers=2)
    assert body["reference"] == "balanced"
    assert [s["key"] for s in body["scenarios"]] == ["balanced", "sme_first"]
    assert body["movers"]["sme_first"]["rises"][0] == {
        "technology_id": "T0044",
        "technology_name": "Open-API AI energy management platform",
        "rank_from": 45,
        "rank_to": 10,
        "places": 35,
    }
    assert len(body["movers"]["sme_first"]["falls"]) == 2
    first = body["ranks"][0]
    assert first["ranks"] == {"balanced": 1, "sme_first": 617}
    assert first["in_top"] == ["balanced"]
    assert set(body["favours"]["sme_first"]) == {"criteria", "company_size", "field"}


def test_three_weightings_read_against_the_first(vnm):
    result = compare_scenarios(vnm, top=5)
    assert result.keys == ("balanced", "sme_first", "market_fit_first")
    assert set(result.movers) == {"sme_first", "market_fit_first"}
    assert result.weight_shifts["market_fit_first"][0].criterion == "policy_fit"


def test_a_weighting_against_itself_moves_nothing(vnm):
    result = compare_scenarios({"balanced": vnm["balanced"], "same": vnm["balanced"]}, top=10)
    assert result.movers["same"] == ()
    assert all(s.change == 0 for s in result.weight_shifts["same"])
    assert result.favours("same") == ()


def test_refuses_one_four_or_mixed_targets(world, vnm):
    with pytest.raises(ConfigError) as one:
        compare_scenarios({"balanced": vnm["balanced"]})
    assert one.value.code == "scenario_compare_count"
    with pytest.raises(ConfigError):
        compare_scenarios({**vnm, "x": vnm["balanced"]})
    db, tree = world
    ind = em.select(db, tree, em.load_scenario("sme_first"), em.get_country("IND"))
    with pytest.raises(ConfigError) as mixed:
        compare_scenarios({"balanced": vnm["balanced"], "sme_first": ind})
    assert mixed.value.code == "scenario_compare_targets"
    with pytest.raises(ConfigError):
        compare_scenarios({"a": vnm["balanced"], "b": vnm["sme_first"]}, top=0)
