"""Explaining one technology's rank (exportmcda.model.explain)."""

import numpy as np
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

import exportmcda as em
from exportmcda.model.explain import explain


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
    assert "ranked first" in e.sentence
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


def test_a_tied_technology_is_explained_with_its_integer_rank(india):
    # T0967 ties with T0962, T0964, T0965 at positions 8-11: by id it is 11th, never "9.5"
    e = explain(india, "T0967", with_moves=False)
    assert e.rank == 11
    assert e.sentence.startswith("Rank 11 of 1,044")
    assert "9.5" not in e.sentence
    assert e.above not in {"T0962", "T0964", "T0965"}  # the next strictly better one
