"""Selecting technologies: the full score → weight → TOPSIS → explain chain."""

import json
from pathlib import Path

import numpy as np
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

import exportmcda as em
from exportmcda.data.io import load, to_interchange
from exportmcda.errors import ConfigError
from exportmcda.labels import notes_text
from exportmcda.model.measures import technology_profiles
from exportmcda.model.selection import Filters, contributions, prepare, rank_candidates
from exportmcda.rank.engine import rank_matrix
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text("utf-8"))


def test_ranking_equals_pymcdm_topsis_on_the_same_matrix(india):
    r = india.result
    reference = TOPSIS(normalizations.vector_normalization)(r.matrix, r.weights, r.types)
    np.testing.assert_allclose(r.scores, reference, atol=1e-12)
    assert r.method == "topsis"
    assert r.normalization == "vector"


def test_ranks_and_table(india):
    table = india.table(10)
    assert list(table.columns)[:6] == ["rank", "shared_rank", "tied_with", "technology_id",
                                       "technology_name", "company_name"]
    assert table["score"].is_monotonic_decreasing
    assert table["rank"].tolist() == list(range(1, 11))  # integers, unique, no 9.5
    assert len(india.table()) == 1044
    assert sorted(india.table()["rank"]) == list(range(1, 1045))


def test_ties_share_a_rank_and_the_cut_off_names_who_is_left_out(tied_target):
    # Saudi Arabia under market_fit_first on the sample without evidence
    # (tests/no_evidence.py): T0906 and T0909 (one company, same fields and service type) tie
    # at positions 10-11: ordered by id, they share rank 10; the top 10 keeps T0906 and
    # leaves out T0909. T0135 = T0735 share rank 6, inside the top 10.
    tied = tied_target
    table = tied.table(11).set_index("technology_id")
    assert table.loc[["T0906", "T0909"], "rank"].tolist() == [10, 11]
    assert table.loc[["T0906", "T0909"], "shared_rank"].tolist() == [10, 10]
    assert table.loc[["T0135", "T0735"], "shared_rank"].tolist() == [6, 6]
    assert table.loc["T0906", "tied_with"] == ["T0909"]
    assert table.loc["T0018", "tied_with"] == []
    assert tied.top_ids(10)[-2:] == ("T0490", "T0906")
    assert tied.cut_off_ties(10) == ("T0909",)
    assert tied.cut_off_ties(11) == ()
    assert tied.cut_off_ties(6) == ("T0735",)
    assert tied.cut_off_ties(8) == ()
    note = tied.cut_off_note(10)
    assert note is not None
    assert dict(note.params) == {"n": 10, "kept": "T0906", "left": "T0909", "shared": 10}
    assert note in tied.notes_for(10)
    assert tied.cut_off_note(11) is None
    assert {"tie_rule", "criteria_left_out"} <= {n.code for n in tied.notes}


def test_ranking_does_not_depend_on_the_order_of_the_database_rows(no_evidence_db, tied_target):
    # on a database with ties (the sample without evidence), where row order could matter
    tied = tied_target
    frame = to_interchange(no_evidence_db).sample(frac=1.0, random_state=7)
    shuffled = load(frame.to_csv(index=False).encode("utf-8"), name="shuffled.csv")
    again = em.select(shuffled, em.load_criteria(), em.load_scenario(TIE_SCENARIO),
                      em.get_country(TIE_COUNTRY))
    assert not again.technologies.index.equals(tied.technologies.index)  # really shuffled
    assert again.top_ids() == tied.top_ids()
    keys = ("rank", "shared_rank", "tied_with", "technology_id", "company_id")
    mine, theirs = tied.records(40), again.records(40)
    assert [[r[k] for k in keys] for r in theirs] == [[r[k] for k in keys] for r in mine]
    # sums taken in another row order may differ in the last bits, never beyond 1e-12
    np.testing.assert_allclose([r["score"] for r in theirs], [r["score"] for r in mine],
                               rtol=0, atol=1e-12)
    assert again.top_ids(10)[-2:] == ("T0490", "T0906")
    assert again.cut_off_ties(10) == ("T0909",)


def test_records_contract(india):
    row = india.records(1)[0]
    assert {"rank", "technology_id", "technology_name", "company_name", "score", "criteria"} <= set(
        row
    )
    assert set(row["criteria"]) == set(india.criteria)


def test_contributions_of_a_two_by_two_case_by_hand():
    # A = (3, 1), B = (1, 2), w = (0.5, 0.5), vector normalisation: v_A = (1.5/sqrt(10),
    # 0.5/sqrt(5)), v_B = (0.5/sqrt(10), 1/sqrt(5)); the anti-ideal is (0.5/sqrt(10),
    # 0.5/sqrt(5)), so A differs from it only on C1 and B only on C2. All of A's closeness
    # C_A = 2 - sqrt(2) comes from C1, all of B's C_B = sqrt(2) - 1 from C2.
    result = rank_matrix([[3.0, 1.0], [1.0, 2.0]], [0.5, 0.5], [1, 1])
    expected = [[2 - np.sqrt(2), 0.0], [0.0, np.sqrt(2) - 1]]
    np.testing.assert_allclose(contributions(result), expected, atol=1e-12)


def test_contributions_add_up_to_tzeng_and_huangs_closeness():
    case = next(c for c in CASES if c["id"] == "topsis-tzeng-huang2011-vector")
    inputs = case["inputs"]
    parts = contributions(rank_matrix(inputs["matrix"], inputs["weights"], inputs["types"]))
    tol = case["tolerance"]["closeness"]
    np.testing.assert_allclose(parts.sum(axis=1), case["expected"]["closeness"], atol=tol)
    assert (parts >= 0).all()
    # A1 = (5, 8, 4) sits at the anti-ideal on C1 and C3: all of its closeness is C2's.
    np.testing.assert_allclose(parts[0], [0.0, 0.5037, 0.0], atol=tol)
    # A4 = (7, 4, 6) sits at the anti-ideal on C2: nothing from C2.
    assert parts[3, 1] == 0.0


def test_contributions_of_the_selection_add_up_to_pymcdms_closeness(india):
    r = india.result
    reference = TOPSIS(normalizations.vector_normalization)(r.matrix, r.weights, r.types)
    np.testing.assert_allclose(contributions(r).sum(axis=1), reference, atol=1e-12)


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
    # by hand: a field counts when one of its sources is official or a copy of one; it is
    # then rated on its copy/official sources only (criteria.toml: copy 0.8, +0.1 a further
    # one, x 0.75 if assumed). India: only 1 Construction (IND1, assumed) and 16 Business
    # (IND1 + IND8, assumed) pass: 1 x 0.8 x 0.75 = 0.6 and 0.5 x 0.9 x 0.75 = 0.3375.
    passing = {fp.field for fp in india.fields if fp.priority > 0 and any(
        s.type.strength >= SourceType.COPY.strength for s in fp.sources)}
    assert passing == {1, 16}
    value = {1: 0.6, 16: 0.3375}
    for row in strict.records(50):
        fields = strict.fields_of.loc[row["technology_id"]]
        values = sorted((value.get(f, 0.0) for f in fields), reverse=True)
        others = values[1:]
        # primary_mean: (primary + 0.25 x mean of the others) / 1.25; one field: itself
        mean_others = sum(others) / len(others) if others else values[0]
        expected = (values[0] + 0.25 * mean_others) / 1.25
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


def test_technology_profiles_join_is_the_database_s(db):
    profiles = db.technology_profiles()
    assert profiles.index.name == "technology_id"
    assert len(profiles) == db.n_technologies
    assert {"technology_name", "company_id", "company_name", "region", "company_size"} <= set(
        profiles.columns)
    first = profiles.iloc[0]
    assert first["company_name"] == db.companies.loc[first["company_id"], "company_name"]
    assert technology_profiles(db).equals(profiles)  # the model calls the one join


def test_candidates_refuse_another_country_s_ranking(db):
    # regression: Candidates did not record their country, so IND's scores could be
    # ranked and labelled as Vietnam's
    tree, scenario = em.load_criteria(), em.load_scenario("balanced")
    weights = em.scenario_weights(scenario, tree)
    india, vietnam = em.get_country("IND"), em.get_country("VNM")
    candidates = prepare(db, weights.tree, india)
    assert candidates.country == india
    assert rank_candidates(candidates, scenario, india, weights).country == india
    with pytest.raises(ConfigError) as info:
        rank_candidates(candidates, scenario, vietnam, weights)
    assert info.value.code == "candidates_country_mismatch"
    assert "IND" in str(info.value)


def test_weights_of_another_hierarchy_are_a_judgment_error(db):
    from dataclasses import replace

    from exportmcda.errors import JudgmentError

    tree, scenario = em.load_criteria(), em.load_scenario("balanced")
    weights = em.scenario_weights(scenario, tree)
    candidates = prepare(db, weights.tree, em.get_country("IND"))
    partial = replace(weights, leaf_weights=dict(list(weights.leaf_weights.items())[1:]))
    with pytest.raises(JudgmentError) as info:  # was a bare KeyError
        rank_candidates(candidates, scenario, em.get_country("IND"), partial)
    assert info.value.code == "weights_mismatch"


# ------------------------------------------------- a database without evidence (issue 9)

SMALL = Path(__file__).parents[2] / "data" / "examples" / "small_database.csv"


def test_a_database_without_the_evidence_columns_ranks_with_the_stated_note():
    small = em.load(SMALL)
    weights = em.scenario_weights(em.load_scenario("balanced"), em.load_criteria())
    sel = em.select(small, em.load_criteria(), em.load_scenario("balanced"),
                    em.get_country("VNM"), weights=weights)
    evidence = [leaf.id for leaf in weights.tree.criterion("track_record").leaves]
    assert not set(evidence) & set(sel.criteria)
    note = next(n for n in sel.notes if n.code == "criteria_left_out")
    assert note.params["leaves"] == ", ".join(evidence)
    assert note.params["weight"] == pytest.approx(weights.criterion_weights["track_record"])
    text = notes_text([note])[0]
    assert "not computed, the database lacks the column(s) domestic_sites" in text
    assert "shared among the others in proportion" in text
    assert "제외" in notes_text([note], "ko")[0]
    # the stated rule: the others keep their proportions and sum to 1 (never a silent 0)
    kept = {c: weights.leaf_weights[c] for c in sel.criteria}
    total = sum(kept.values())
    assert sel.leaf_weights == pytest.approx({c: w / total for c, w in kept.items()})
    assert sum(sel.leaf_weights.values()) == pytest.approx(1)
    assert len(sel.table()) == 10


def test_korean_names_are_shown_in_korean(db):
    en = em.select(db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("VNM"))
    ko = em.select(db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("VNM"),
                   lang="ko")
    first_en, first_ko = en.table(1).iloc[0], ko.table(1).iloc[0]
    assert first_en["technology_id"] == first_ko["technology_id"]
    assert first_ko["technology_name"] == db.technologies.loc[
        first_ko["technology_id"], "technology_name_ko"]
    assert first_ko["company_name"].endswith("(가상)")
    assert first_en["company_name"].endswith("(fictional)")


def test_matrix_notes_are_pymcdm_s_dominance_warnings_without_a_second_ranking():
    # T1 is best on both informative leaves (pymcdm: "dominant"), T2 worst on both
    # ("dominated"); the all-zero leaf is left out as the ranking leaves it out.
    import pandas as pd

    from exportmcda.errors import InputError
    from exportmcda.model.selection import _matrix_notes

    tree = em.load_criteria()
    matrix = pd.DataFrame(
        {"field_utilization": [3.0, 1.0, 2.0], "domestic_use": [3.0, 1.0, 2.5],
         "maturity": [0.0, 0.0, 0.0]},
        index=pd.Index(["T1", "T2", "T3"], name="technology_id"),
    )
    tail = (
        ". Consider removing them, as such alternatives can cause numerical errors in some "
        "methods."
    )
    notes = _matrix_notes(matrix, tree)
    assert [(n.code, n.params["message"]) for n in notes] == [
        ("pymcdm_warning", "Alternatives with indices [0] are dominant" + tail),
        ("pymcdm_warning", "Alternatives with indices [1] are dominated" + tail),
    ]
    leaves = ["field_utilization", "domestic_use"]
    directions = {c: tree.leaf(c).direction for c in leaves}
    checked = rank_matrix(matrix[leaves], np.full(2, 0.5), directions)
    assert notes == tuple(n for n in checked.notes if n.code == "pymcdm_warning")
    with pytest.raises(InputError):  # one technology: refused as the checked ranking refused it
        _matrix_notes(matrix.iloc[:1], tree)
