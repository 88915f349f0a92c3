"""Selecting technologies: the full score → weight → TOPSIS → explain chain."""

import numpy as np
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

import exportmcda as em
from exportmcda.errors import ConfigError
from exportmcda.labels import notes_text
from exportmcda.model.comparison import compare
from exportmcda.model.explain import explain
from exportmcda.model.selection import Filters, contributions


@pytest.fixture(scope="module")
def db():
    return em.load_sample()


@pytest.fixture(scope="module")
def india(db):
    return em.select(db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND"))


def test_ranking_equals_pymcdm_topsis_on_the_same_matrix(india):
    r = india.result
    reference = TOPSIS(normalizations.vector_normalization)(r.matrix, r.weights, r.types)
    np.testing.assert_allclose(r.scores, reference, atol=1e-12)
    assert r.method == "topsis"
    assert r.normalization == "vector"


def test_ranks_and_table(india):
    table = india.table(10)
    assert list(table.columns)[:4] == ["rank", "technology_id", "technology_name", "company_name"]
    assert table["score"].is_monotonic_decreasing
    assert table["rank"].iloc[0] == 1
    assert len(india.table()) == 1044


def test_records_contract(india):
    row = india.records(1)[0]
    assert {"rank", "technology_id", "technology_name", "company_name", "score", "criteria"} <= set(
        row
    )
    assert set(row["criteria"]) == set(india.criteria)


def test_contributions_sum_to_the_closeness(india):
    parts = contributions(india.result)
    np.testing.assert_allclose(parts.sum(axis=1), india.result.scores, atol=1e-12)
    assert (parts >= 0).all()


def test_scenario_changes_the_ranking(db):
    tree, country = em.load_criteria(), em.get_country("IND")
    sme = em.select(db, tree, em.load_scenario("sme_first"), country)
    top = sme.table(20)
    assert (top["company_size"] == "Small and medium-sized enterprise").all()


def test_balanced_regional_development_favours_non_metropolitan_companies(db):
    tree, country = em.load_criteria(), em.get_country("IND")
    base = em.select(db, tree, em.load_scenario("balanced"), country).table(50)
    regional = em.select(db, tree, em.load_scenario("balanced_regional"), country).table(50)
    metro = {"Seoul", "Incheon", "Gyeonggi-do"}
    assert (~regional["region"].isin(metro)).sum() > (~base["region"].isin(metro)).sum()


def test_filters_define_the_pool(db):
    sel = em.select(
        db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("VNM"),
        filters=Filters.parse(fields=["교통"], company_sizes=["SME"]),
    )
    assert (sel.table()["company_size"] == "Small and medium-sized enterprise").all()
    assert sel.table()["field"].str.contains("Traffic").all()
    assert any("filters leave" in n for n in notes_text(sel.notes))


def test_filters_that_leave_nothing_say_so(db):
    with pytest.raises(ConfigError, match="at least 2"):
        em.select(
            db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("VNM"),
            filters=Filters.parse(regions=["Ulsan"]),
        )


def test_unknown_filter_value_is_a_config_error():
    with pytest.raises(ConfigError, match="field"):
        Filters.parse(fields=["Teleportation"])


def test_sources_are_those_behind_nonzero_priorities(india):
    ids = {s.id for s in india.sources()}
    assert ids
    assert all(s.id.startswith(("IND", "KOR")) for s in india.sources())


def test_synthetic_flag_travels_with_the_result(india):
    assert india.synthetic
    assert "synthetic" in india.provenance.source


def test_explanation_of_the_first_and_a_later_technology(india):
    first = india.result.alternatives[india.result.order[0]]
    e = explain(india, first)
    assert e.rank == 1
    assert e.above is None
    assert "ranked first" in e.sentence
    assert e.moves["needed"].isna().all()
    sixth = india.result.alternatives[india.result.order[5]]
    e6 = explain(india, sixth, "ko")
    assert "1,044개 중" in e6.sentence
    assert e6.table["contribution"].sum() == pytest.approx(e6.score)


def test_what_it_would_take_actually_moves_it_up(india):
    r = india.result
    tid = r.alternatives[r.order[5]]
    e = explain(india, tid)
    row = e.moves.dropna().iloc[0]
    j = list(r.criteria).index(row["criterion"])
    i = list(r.alternatives).index(tid)
    above = list(r.alternatives).index(e.above)
    x = np.array(r.matrix)
    x[i, j] = row["needed"] * (1 + 1e-9) if r.types[j] > 0 else row["needed"] * (1 - 1e-9)
    c = TOPSIS(normalizations.vector_normalization)(x, r.weights, r.types)
    assert c[i] > c[above]
    x[i, j] = r.matrix[i, j]
    assert TOPSIS(normalizations.vector_normalization)(x, r.weights, r.types)[i] <= c[above]


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


def test_every_ranked_row_names_the_sources_of_its_policy_fit(india):
    country = india.country
    for row in india.records(20):
        ids = row["policy_fit_sources"]
        fit = row["criteria"]["country_fit"]
        if fit > 0:
            assert ids, row["technology_id"]
            known = {s.id for s in country.sources}
            assert set(ids) <= known
        else:
            assert ids == []


def _with_evidence(name, **evidence):
    from dataclasses import replace

    return replace(em.load_scenario(name), evidence=evidence)


def test_evidence_rule_zeroes_priorities_without_strong_sources(db):
    from exportmcda.data.countries import SourceType

    india = em.get_country("IND")
    strict = em.select(db, em.load_criteria(), _with_evidence("balanced", min_source="copy"),
                       india)
    # by hand: a field counts when one of its sources is official or a copy of one
    passing = {fp.field for fp in india.fields if fp.priority > 0 and any(
        s.type.strength >= SourceType.COPY.strength for s in fp.sources)}
    for row in strict.records(50):
        fields = strict.fields_of.loc[row["technology_id"]]
        expected = max((india.field(f).priority for f in fields if f in passing), default=0) / 2
        assert row["criteria"]["country_fit"] == pytest.approx(expected)
    assert all(s.type.strength >= SourceType.COPY.strength for s in strict.sources())
    assert any("lack at least one copy source" in n for n in notes_text(strict.notes))


def test_sourced_only_drops_assumed_mappings(db):
    asean = em.get_country("ASEAN")
    sel = em.select(db, em.load_criteria(), _with_evidence("balanced", sourced_only=True), asean)
    assumed = {fp.field for fp in asean.fields if fp.priority > 0 and not fp.sourced}
    assert assumed, "ASEAN has assumed mappings to drop"
    for row in sel.records(30):
        fields = sel.fields_of.loc[row["technology_id"]]
        if all(f in assumed or asean.field(f).priority == 0 for f in fields):
            assert row["criteria"]["country_fit"] == 0


def test_when_no_priority_survives_the_criterion_is_left_out_exactly(db):
    from pymcdm import normalizations as norms
    from pymcdm.methods import TOPSIS

    sel = em.select(db, em.load_criteria(), _with_evidence("balanced", min_source="official"),
                    em.get_country("IND"))
    assert "country_fit" not in sel.criteria
    assert any("left out" in n for n in notes_text(sel.notes))
    r = sel.result
    np.testing.assert_allclose(
        r.scores, TOPSIS(norms.vector_normalization)(r.matrix, r.weights, r.types), atol=1e-12
    )


def test_evidence_rule_travels_in_the_scenario_file():
    from exportmcda.model.scenarios import parse_scenario, to_toml

    s = _with_evidence("sme_first", min_source="official", sourced_only=True)
    assert parse_scenario(to_toml(s), name=s.path) == s
    with pytest.raises(ConfigError, match="min_source"):
        em.scenario_weights(_with_evidence("balanced", min_source="rumour"), em.load_criteria())
