"""Explaining one technology's rank (exportmcda.model.explain)."""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

import exportmcda as em
from exportmcda import labels
from exportmcda.data.taxonomy import FIELDS
from exportmcda.model.explain import explain
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO


@pytest.fixture(scope="module")
def india():
    return em.select(
        em.load_sample(), em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND")
    )


def test_explanation_of_the_first_and_a_later_technology(india):
    first = india.result.alternatives[india.result.order[0]]
    e = explain(india, first)
    assert e.rank == 1
    assert e.above is None
    assert e.sentence.startswith("Ranks 1st of 1,044 for India (closeness ")
    assert e.moves["needed"].isna().all()
    sixth = india.result.alternatives[india.result.order[5]]
    e6 = explain(india, sixth, "ko")
    assert "1,044개 중" in e6.sentence
    # The score and its parts against pymcdm's closeness of the sixth technology.
    r = india.result
    closeness = TOPSIS(normalizations.vector_normalization)(r.matrix, r.weights, r.types)
    sixth_closeness = float(closeness[list(r.alternatives).index(sixth)])
    assert e6.score == pytest.approx(sixth_closeness, abs=1e-12)
    assert e6.table["contribution"].sum() == pytest.approx(sixth_closeness, abs=1e-12)
    assert np.sum(closeness > sixth_closeness) == 5


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


def test_a_tied_technology_is_explained_with_its_integer_rank(no_evidence_db):
    # Saudi Arabia under market_fit_first on the sample without evidence
    # (tests/no_evidence.py): T0909 ties with T0906 at positions 10-11: by id it is 11th,
    # never "10.5"
    tied = em.select(no_evidence_db, em.load_criteria(), em.load_scenario(TIE_SCENARIO),
                     em.get_country(TIE_COUNTRY))
    assert tied.result.tied_with(tied.position("T0909")) == ["T0906"]
    e = explain(tied, "T0909", with_moves=False)
    assert e.rank == 11
    assert e.sentence.startswith("Ranks 11th of 1,044 for Saudi Arabia")
    assert dict(e.reasons[0].params)["rank"] == 11
    assert "10.5" not in e.sentence
    assert e.above == "T0490"  # the next strictly better one, not the tied T0906
    assert e.above != "T0906"


# ------------------------------------------------- evidence in the sentence (issue 9)


def _exported_to_india(selection):
    """The best-ranked technology exported to India with many Korean sites (top 25 %)."""
    tech = selection.technologies
    sites = tech["domestic_sites"].astype(float)
    for position, i in enumerate(selection.result.order):
        row = tech.iloc[i]
        exported = not pd.isna(row["export_countries"]) and "IND" in row["export_countries"]
        if exported and (sites >= row["domestic_sites"]).mean() <= 0.25:
            return position, str(tech.index[i])
    raise AssertionError("the sample has no such technology")


def test_the_sentence_names_the_strongest_evidence_as_notes(india):
    position, tid = _exported_to_india(india)
    e = explain(india, tid)
    codes = [n.code for n in e.reasons]
    assert codes[0] == "explain_rank"
    assert dict(e.reasons[0].params) == {"rank": position + 1, "n": 1044, "country": "IND",
                                         "score": pytest.approx(e.score)}
    assert codes[-1] == "why_furthest"
    # exported to the target comes first, then the Korean sites with their top share
    tech = india.technologies.loc[tid]
    assert codes[1:3] == ["why_exported_to_target", "why_domestic_sites"]
    sites = e.reasons[2]
    assert sites.params["n"] == tech["domestic_sites"]
    share = (india.technologies["domestic_sites"] >= tech["domestic_sites"]).mean()
    assert sites.params["top"] == math.ceil(100 * share)
    ordinal = labels._ordinal(position + 1, "en")
    assert e.sentence.startswith(f"Ranks {ordinal} of 1,044 for India (closeness ")
    assert ": already exported to India, deployed in " in e.sentence
    ko = explain(india, tid, "ko", with_moves=False)
    assert ko.reasons == e.reasons  # the same notes, rendered in Korean
    assert ko.sentence.startswith(f"인도 대상 1,044개 중 {position + 1}위")
    assert ": 인도에 이미 수출, 국내 지자체·현장 " in ko.sentence
    assert "deployed" not in ko.sentence


def test_the_policy_priority_of_the_primary_field_is_named(india):
    # India's first, T0889, serves Construction and Traffic. By hand (criteria.toml):
    # Construction: priority 2, assumed mapping, IND1 (copy) + IND2 (news):
    #   1 x min(1, 0.8 + 0.1) x 0.75 = 0.675; Traffic: priority 2, sourced, IND2 + IND6
    #   (news): 1 x (0.4 + 0.1) = 0.5. Primary: Construction; fit (primary_mean)
    #   (0.675 + 0.25 x 0.5) / (1 + 0.25) = 0.8 / 1.25 = 0.64.
    first = india.result.alternatives[india.result.order[0]]
    assert first == "T0889"
    assert india.records(1)[0]["criteria"]["country_fit"] == pytest.approx(0.64)
    assert india.policy_fields(first) == [1, 6]
    assert india.policy_sources(first) == ["IND2", "IND1", "IND6"]
    e = explain(india, first, with_moves=False)
    policy = next(n for n in e.reasons if n.code == "why_policy_headline")
    assert dict(policy.params) == {"field": "Construction", "country": "IND"}
    assert "Construction is a headline priority of India's policy" in e.sentence
    ko = explain(india, first, "ko", with_moves=False)
    assert f"{FIELDS[0].name('ko')}은(는) 인도 정책의 핵심 우선순위" in ko.sentence


def test_certifications_and_at_most_three_pieces_of_evidence(india):
    certified = {"why_cert_gs": "GS", "why_cert_nep": "NEP", "why_cert_net": "NET",
                 "why_cert_inno": "INNO"}
    evidence = {"why_exported_to_target", "why_domestic_sites", "why_overseas_sites",
                "why_overseas_sites_only", "why_patents", "why_trl", *certified}
    seen_gs = False
    for k in range(40):
        e = explain(india, india.result.alternatives[india.result.order[k]], with_moves=False)
        cited = [n for n in e.reasons if n.code in evidence]
        assert len(cited) <= 3
        for note in cited:
            if note.code in certified:
                tid = e.technology_id
                assert certified[note.code] in india.technologies.loc[tid, "certifications"]
                seen_gs |= note.code == "why_cert_gs"
    assert seen_gs
    assert "GS-certified (Good Software)" in _sentence_citing(india, "why_cert_gs")


def _sentence_citing(selection, code):
    for k in range(60):
        e = explain(selection, selection.result.alternatives[selection.result.order[k]],
                    with_moves=False)
        if any(n.code == code for n in e.reasons):
            return e.sentence
    return ""


def test_without_evidence_columns_the_sentence_cites_none():
    small = em.load(Path(__file__).parents[2] / "data" / "examples" / "small_database.csv")
    sel = em.select(small, em.load_criteria(), em.load_scenario("balanced"),
                    em.get_country("VNM"))
    for tid in sel.result.alternatives:
        e = explain(sel, tid, with_moves=False)
        cited = ("why_domestic", "why_cert", "why_overseas", "why_patents", "why_trl")
        assert not [n for n in e.reasons if n.code.startswith(cited)]
        assert len(e.reasons) >= 2


def test_sentences_of_many_technologies_are_their_explanations(india):
    from exportmcda.model.explain import sentences

    ids = [*india.top_ids(15), *india.result.alternatives[-5:]]
    for lang in ("en", "ko"):
        batch = sentences(india, ids, lang)
        assert batch == [explain(india, t, lang, with_moves=False).sentence for t in ids]
    assert sentences(india, ids[:1], "en")[0].startswith("Ranks 1st of ")
    assert "1위" in batch[0]
