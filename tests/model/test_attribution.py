"""Each criterion's part of a non-TOPSIS score (exportmcda.model.attribution), by hand."""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import exportmcda as em
from exportmcda.errors import ConfigError
from exportmcda.model.attribution import contributions_note, criterion_parts, has_parts
from exportmcda.model.explain import explain, sentences
from exportmcda.rank.engine import rank_matrix

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text("utf-8"))


def case(case_id):
    return next(c for c in CASES if c["id"] == case_id)


def test_wsm_parts_are_w_times_x_of_the_triantaphyllou_example():
    c = case("wsm-wikipedia-triantaphyllou")["inputs"]
    r = rank_matrix(c["matrix"], c["weights"], c["types"], method="wsm", normalization="none")
    parts = criterion_parts(r)
    # w = (0.2, 0.15, 0.4, 0.25) times each row of the matrix, by hand
    assert parts == pytest.approx(
        np.array([[5.0, 3.0, 6.0, 7.5], [2.0, 4.5, 8.0, 7.5], [6.0, 1.5, 12.0, 2.5]]), abs=1e-12
    )
    assert parts.sum(axis=1) == pytest.approx([21.5, 22.0, 22.0], abs=1e-12)


def test_promethee_parts_are_the_weighted_unicriterion_flows_of_zhao_2013():
    c = case("promethee2-zhao2013-usual")
    i = c["inputs"]
    r = rank_matrix(i["matrix"], i["weights"], i["types"], method="promethee_ii")
    parts = criterion_parts(r)
    # usual criterion, flows over m - 1 = 2: criterion 1 (4, 3, 5) gives phi_1 = (0, -1, 1),
    # criterion 2 (3, 2, 1) gives (1, 0, -1), criterion 3 (2, 4, 3) gives (-1, 1, 0);
    # times w = (0.5, 0.3, 0.2)
    assert parts == pytest.approx(
        np.array([[0.0, 0.3, -0.2], [-0.5, 0.0, 0.2], [0.5, -0.3, 0.0]]), abs=1e-12
    )
    assert parts.sum(axis=1) == pytest.approx(c["expected"]["net_flow"], abs=1e-12)


def test_spotis_parts_are_weighted_distances_to_the_ideal_point():
    x = [[10.0, 5.0], [20.0, 1.0], [15.0, 3.0]]
    r = rank_matrix(
        x, [0.6, 0.4], [1, -1], method="spotis", bounds=np.array([[0.0, 20.0], [0.0, 10.0]])
    )
    parts = criterion_parts(r)
    # ideal point (20, 0); d_ij = |x_ij - S*_j| / 20 and / 10
    assert parts == pytest.approx(np.array([[0.3, 0.2], [0.0, 0.04], [0.15, 0.12]]), abs=1e-12)
    assert r.scores == pytest.approx([0.5, 0.04, 0.27], abs=1e-12)


def test_vikor_has_no_parts_and_says_so():
    r = rank_matrix([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]], [0.5, 0.5], [1, 1], method="vikor")
    assert criterion_parts(r) is None
    assert not has_parts("vikor")
    note = contributions_note("vikor")
    assert note is not None
    assert note.code == "contributions_undefined"
    assert note.params == {"method": "VIKOR"}
    assert contributions_note("topsis") is None
    assert contributions_note("wsm").code == "contributions_wsm"


@given(
    arrays(np.float64, (5, 3), elements=st.floats(0, 100, allow_subnormal=False)),
    st.sampled_from(["usual", "vshape", "level"]),
)
def test_promethee_parts_add_up_to_pymcdm_net_flow(x, preference):
    """phi(a) = sum_j w_j phi_j(a) (Brans & Mareschal 2005) for any preference function."""
    x = x + np.arange(5)[:, None]  # no column constant
    params = {
        "usual": {},
        "vshape": {"p": [10.0, 20.0, 5.0]},
        "level": {"p": [10.0, 20.0, 5.0], "q": [1.0, 2.0, 0.5]},
    }[preference]
    r = rank_matrix(
        x,
        [0.2, 0.5, 0.3],
        [1, -1, 1],
        method="promethee_ii",
        preference_function=preference,
        matrix_checks=False,
        **params,
    )
    assert criterion_parts(r).sum(axis=1) == pytest.approx(r.scores, abs=1e-12)


@pytest.fixture(scope="module")
def sample_by_method():
    db, tree, scenario, country = (
        em.load_sample(),
        em.load_criteria(),
        em.load_scenario("balanced"),
        em.get_country("VNM"),
    )
    return {
        m: em.select(db, tree, scenario, country, method=m, normalization=None)
        for m in ("vikor", "wsm", "promethee_ii", "spotis")
    }


def test_wsm_on_the_sample_is_the_min_max_weighted_sum_by_hand(sample_by_method):
    s = sample_by_method["wsm"]
    r = s.result
    assert r.normalization == "minmax"  # the weighted sum's own default
    x = np.asarray(r.matrix)
    low, high = x.min(axis=0), x.max(axis=0)
    scaled = np.where(r.types > 0, (x - low) / (high - low), (high - x) / (high - low))
    by_hand = scaled * r.weights
    rows = np.array(r.order[:10])
    assert s.contributions_of(rows) == pytest.approx(by_hand[rows], abs=1e-12)
    assert r.scores == pytest.approx(by_hand.sum(axis=1), abs=1e-12)


@pytest.mark.parametrize("method", ["wsm", "promethee_ii", "spotis"])
def test_sample_contributions_add_up_to_the_score(sample_by_method, method):
    s = sample_by_method[method]
    rows = np.array(s.result.order[:20])
    assert s.has_contributions
    assert s.contributions_of(rows).sum(axis=1) == pytest.approx(s.result.scores[rows], abs=1e-9)
    assert any(n.code == f"contributions_{method}" for n in s.notes)
    record = s.records(3)[0]
    assert record["d_plus"] is None
    assert record["d_minus"] is None
    assert sum(record["contributions"].values()) == pytest.approx(record["score"], abs=1e-9)


def test_vikor_selection_has_null_contributions_and_a_note(sample_by_method):
    s = sample_by_method["vikor"]
    assert not s.has_contributions
    with pytest.raises(ConfigError) as caught:
        s.contributions_of(np.array([0]))
    assert caught.value.issues[0].code == "contributions_undefined"
    record = s.records(2)[0]
    assert record["contributions"] is None
    assert any(n.code == "contributions_undefined" for n in s.notes)


def test_a_vikor_explanation_names_its_own_score_and_no_share(sample_by_method):
    s = sample_by_method["vikor"]
    first = s.result.alternatives[s.result.order[0]]
    e = explain(s, first)
    q = float(s.result.scores[s.result.order[0]])
    assert e.sentence.startswith(
        f"Ranks 1st of 1,044 for Viet Nam (VIKOR Q {q:.3f}, lower is better)"
    )
    assert "comes mostly from" not in e.sentence
    assert e.table["contribution"].isna().all()
    assert e.moves["needed"].isna().all()  # the bisection is TOPSIS's only
    ko = sentences(s, [first], "ko")[0]
    assert f"VIKOR Q {q:.3f}, 낮을수록 좋음" in ko


def test_the_weakest_criterion_of_a_non_topsis_explanation_is_the_largest_weighted_gap(
    sample_by_method,
):
    s = sample_by_method["spotis"]
    r = s.result
    i = int(r.order[4])
    e = explain(s, r.alternatives[i], with_moves=False)
    x = np.asarray(r.matrix)
    low, high = x.min(axis=0), x.max(axis=0)
    best = np.where(r.types > 0, high, low)
    gap = np.abs(x[i] - best) / (high - low) * r.weights  # SPOTIS's own d_ij with data bounds
    assert e.table["gap_to_ideal"].to_numpy() == pytest.approx(gap, abs=1e-12)
    weakest = s.weights.tree.leaf(r.criteria[int(np.argmax(gap))]).label("en")
    assert e.sentence.endswith(f"it is furthest from the ideal on {weakest}.")
