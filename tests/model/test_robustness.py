"""Robustness of a ranking (exportmcda.model.robustness and its sensitivity_* modules)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS

import exportmcda as em
from exportmcda.errors import ConfigError
from exportmcda.labels import note_text, notes_text
from exportmcda.model.robustness import (
    WeightSpace,
    flip_pair,
    method_agreement,
    one_at_a_time,
    rank_reversal,
    robustness,
    smallest_flip,
    weight_space,
)
from exportmcda.rank.engine import rank_matrix
from exportmcda.rank.ranks import kendall_tau_b
from exportmcda.robustness.checks import dominated_rows
from exportmcda.robustness.oat import perturbed
from exportmcda.robustness.space import competition_ranks, shortlist_mask

CASES = {
    c["id"]: c
    for c in json.loads(
        (Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text(encoding="utf-8")
    )
}

# Two alternatives, two benefit criteria: A = (3, 1), B = (1, 2). With two alternatives the
# ideal and anti-ideal are the better and worse value per column, so (vector normalisation,
# r = x/||x||) D+_A = w2 * d2, D-_A = w1 * d1 with d1 = 2/sqrt(10), d2 = 1/sqrt(5), and
# C_A = w1 d1 / (w1 d1 + w2 d2), C_B = w2 d2 / (w1 d1 + w2 d2). They tie where
# w1 d1 = w2 d2, i.e. w1* = d2 / (d1 + d2) = 1 / (1 + sqrt(2)) = sqrt(2) - 1.
HAND = np.array([[3.0, 1.0], [1.0, 2.0]])
W1_STAR = np.sqrt(2.0) - 1.0


def pymcdm(x: np.ndarray, w: np.ndarray, types: np.ndarray) -> np.ndarray:
    return np.asarray(TOPSIS(pn.vector_normalization)(x, w, types, validation=False))


def hand_space() -> WeightSpace:
    return WeightSpace.from_matrix(HAND, [0.5, 0.5], [1, 1], alternatives=["A", "B"])


@pytest.fixture(scope="module")
def selection() -> em.Selection:
    return em.select(
        em.load_sample(), em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND")
    )


# --- one-at-a-time ----------------------------------------------------------------------


def test_tzeng_huang_top1_breakpoints() -> None:
    case = CASES["topsis-sensitivity-tzeng-huang2011"]
    inp, expected = case["inputs"], case["expected"]
    names = inp["alternatives"]
    space = WeightSpace.from_matrix(inp["matrix"], inp["weights"], inp["types"], alternatives=names)
    # The case scans x over [0.001, 0.999] with the same proportional re-scaling.
    oat = one_at_a_time(space, top_n=2, bounds=(0.001, 0.999))
    assert oat.top_1 == (names[expected["baseline_top"]],)
    tol = case["tolerance"]["weight"]
    for k, crit in enumerate(oat.criteria):
        found = [b for b in crit.breakpoints if b.kind == "top_1"]
        want = expected["breakpoints_by_criterion"][str(k)]
        assert len(found) == len(want)
        for b, e in zip(found, want, strict=True):
            assert b.weight == pytest.approx(e["weight"], abs=tol)
            assert b.before == (names[e["top_before"]],)
            assert b.after == (names[e["top_after"]],)
    # The winner A3 holds for w2 in [0.3204, 0.999] and w3 in [0.001, 0.3620].
    assert oat.criteria[1].top_1 == pytest.approx((0.3204, 0.999), abs=tol)
    assert oat.criteria[2].top_1 == pytest.approx((0.001, 0.361976), abs=tol)
    assert oat.criteria[0].top_1 == (0.001, 0.999)


def test_two_criterion_breakpoint_by_hand() -> None:
    oat = one_at_a_time(hand_space(), top_n=1)
    (b,) = [b for b in oat.criteria[0].breakpoints if b.kind == "top_1"]
    assert b.weight == pytest.approx(W1_STAR, abs=1e-6)
    assert (b.before, b.after) == (("B",), ("A",))
    assert oat.criteria[0].top_1[0] == pytest.approx(W1_STAR, abs=1e-6)
    assert oat.criteria[1].top_1[1] == pytest.approx(1 - W1_STAR, abs=1e-6)


def test_gradient_and_tornado_data() -> None:
    case = CASES["topsis-sensitivity-tzeng-huang2011"]["inputs"]
    space = WeightSpace.from_matrix(case["matrix"], case["weights"], case["types"])
    oat = one_at_a_time(space, top_n=2, grid=50)  # 0.4 is not a grid point
    tornado = oat.tornado()
    assert list(tornado["criterion"]) == ["C1", "C2", "C3"]
    assert tornado["current"].tolist() == [0.3, 0.4, 0.3]
    grad = oat.gradient()
    assert set(grad["alternative"]) == set(oat.shortlist) == {"A3", "A2"}
    at_current = grad[(grad["criterion"] == "C2") & (grad["weight"] == 0.4)]
    assert dict(zip(at_current["alternative"], at_current["rank"], strict=True)) == {
        "A3": 1.0,
        "A2": 2.0,
    }
    d = oat.as_dict()
    assert len(d["criteria"]["C2"]["gradient"]["weights"]) == 51  # 50 + current weight
    json.dumps(d, allow_nan=False)


@given(
    x=st.lists(st.lists(st.integers(1, 20), min_size=3, max_size=3), min_size=3, max_size=6),
    raw=st.lists(st.floats(0.05, 1.0), min_size=3, max_size=3),
    top_n=st.integers(1, 3),
)
def test_oat_interval_contains_the_current_weight(
    x: list[list[int]], raw: list[float], top_n: int
) -> None:
    m = np.array(x, dtype=float)
    if np.all(m.max(axis=0) == m.min(axis=0)):
        return
    w = np.array(raw) / sum(raw)
    oat = one_at_a_time(WeightSpace.from_matrix(m, w, [1, -1, 1]), top_n=top_n, grid=21)
    for c in oat.criteria:
        assert c.top_1[0] <= c.current <= c.top_1[1]
        assert c.top_n[0] <= c.current <= c.top_n[1]


@given(w=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=6), x=st.floats(0.0, 1.0))
def test_perturbed_weights_follow_the_scheme(w: list[float], x: float) -> None:
    base = np.array(w) + 1e-3
    base /= base.sum()
    out = perturbed(base, 0, np.array([x]))[0]
    assert out[0] == x
    assert out.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(out[1:] * base[1:].sum(), base[1:] * (1 - x), atol=1e-12)


def test_shortlist_keeps_ties_at_the_cut_off() -> None:
    scores = np.array([0.9, 0.5, 0.7, 0.7, 0.1])
    assert competition_ranks(scores)[0].tolist() == [1, 4, 2, 2, 5]
    assert shortlist_mask(scores, 2)[0].tolist() == [True, False, True, True, False]
    assert shortlist_mask(scores, 1)[0].tolist() == [True, False, False, False, False]


# --- smallest flip ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("norm", "distance"), [("l1", 2 * (0.5 - W1_STAR)), ("linf", 0.5 - W1_STAR)]
)
def test_flip_two_criteria_by_hand(norm: str, distance: float) -> None:
    f = smallest_flip(hand_space(), "A", "B", norm=norm)
    assert f.status == "flip"
    assert f.weights is not None
    assert f.weights[0] == pytest.approx(W1_STAR, abs=1e-6)
    assert f.distance == pytest.approx(distance, abs=1e-6)
    c = pymcdm(HAND, f.weights, np.array([1, 1]))
    assert c[1] > c[0]  # the returned vector really puts B above A


def test_flip_dominated_and_already() -> None:
    case = CASES["topsis-tzeng-huang2011-vector"]["inputs"]
    space = WeightSpace.from_matrix(case["matrix"], case["weights"], case["types"])
    dominated = smallest_flip(space, "A3", "A1")  # A3 = (8, 8, 6) >= A1 = (5, 8, 4)
    assert dominated.status == "dominated"
    assert dominated.weights is None
    assert "no weight vector" in dominated.message
    assert smallest_flip(space, "A2", "A3").status == "already"
    flip = smallest_flip(space, "A3", "A2")
    assert flip.status == "flip"
    assert flip.weights is not None
    assert flip.weights.sum() == pytest.approx(1.0)
    c = pymcdm(np.array(case["matrix"], dtype=float), flip.weights, np.ones(3, dtype=int))
    assert c[1] > c[2]
    # The one-at-a-time breakpoint is a feasible (not necessarily minimal) change.
    oat_change = perturbed(np.array(case["weights"]), 2, np.array([0.361976]))[0]
    assert flip.distance is not None
    assert flip.distance <= np.abs(oat_change - case["weights"]).sum() + 1e-4
    json.dumps(flip.as_dict(), allow_nan=False)


@given(
    x=st.lists(st.lists(st.integers(1, 9), min_size=3, max_size=3), min_size=2, max_size=5),
)
def test_flip_is_dominated_or_found_and_real(x: list[list[int]]) -> None:
    m = np.array(x, dtype=float)
    if np.any(m.max(axis=0) == m.min(axis=0)):
        return
    space = WeightSpace.from_matrix(m, [0.4, 0.35, 0.25], [1, 1, -1])
    c = space.closeness(space.weights)[0]
    a, b = int(np.argmax(c)), int(np.argmin(c))
    if c[a] == c[b]:
        return
    f = smallest_flip(space, a, b)
    if f.status == "dominated":
        assert ((m[a] - m[b]) * [1, 1, -1] >= 0).all()
    else:
        # Not dominated: all weight on a criterion where B is better flips, so one exists.
        assert f.status == "flip"
        assert f.weights is not None
        after = space.closeness(f.weights)[0]
        assert after[b] > after[a]


def test_flip_rejects_an_unknown_norm() -> None:
    with pytest.raises(ConfigError):
        smallest_flip(hand_space(), "A", "B", norm="l2")


# --- method agreement and rank reversal ------------------------------------------------


def test_method_agreement_diagonal_and_common_shortlist() -> None:
    case = CASES["topsis-tzeng-huang2011-vector"]["inputs"]
    space = WeightSpace.from_matrix(case["matrix"], case["weights"], case["types"])
    agree = method_agreement(space, top_n=2, methods=("topsis", "vikor", "wsm", "promethee_ii"))
    tau = agree.tau.to_numpy()
    np.testing.assert_array_equal(np.diag(tau), 1.0)
    np.testing.assert_allclose(tau, tau.T)
    v = rank_matrix(case["matrix"], case["weights"], case["types"], method="vikor")
    t = rank_matrix(case["matrix"], case["weights"], case["types"], method="topsis")
    assert agree.tau.loc["topsis", "vikor"] == pytest.approx(kendall_tau_b(t.ranks, v.ranks))
    assert agree.shortlists["topsis"] == ("A3", "A2")
    for name in agree.common:
        assert all(name in s for s in agree.shortlists.values())
    assert "A3" in agree.common
    json.dumps(agree.as_dict(), allow_nan=False)


def test_method_agreement_notes_a_method_that_cannot_run() -> None:
    x = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])  # constant 2nd column: VIKOR refuses
    agree = method_agreement(WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1]), top_n=1)
    assert "vikor" not in agree.shortlists
    assert any("vikor skipped" in n for n in notes_text(agree.notes))


def test_rank_reversal_when_an_alternative_is_removed() -> None:
    # Constructed here (found by a search over small integer matrices), the effect that
    # García-Cascales & Lamata (2012) describe: C = (2, 8) holds the best value on C2 and
    # the worst on C1; removing it moves the C2 ideal from 8 to 2 and the C1 anti-ideal
    # from 2 to 4, and A = (4, 2) overtakes B = (5, 1).
    x = np.array([[4.0, 2.0], [5.0, 1.0], [2.0, 8.0]])
    before = pymcdm(x, np.array([0.5, 0.5]), np.array([1, 1]))
    after = pymcdm(x[:2], np.array([0.5, 0.5]), np.array([1, 1]))
    assert before[1] > before[0]
    assert after[0] > after[1]
    space = WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1], alternatives=["A", "B", "C"])
    (report,) = rank_reversal(space, top_n=1, remove=["C"], add=None)
    assert report.swapped == (("B", "A"),)
    assert report.n_swapped == 1
    assert report.shortlist_changed


def test_rank_reversal_when_a_dominated_copy_is_added() -> None:
    # C = (4, 2) is dominated by B = (4, 5); a second copy of C enlarges the C2 norm more
    # than the C1 norm (vector normalisation), reweighting the criteria: B and A swap.
    x = np.array([[2.0, 7.0], [4.0, 5.0], [4.0, 2.0]])
    space = WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1], alternatives=["A", "B", "C"])
    assert dominated_rows(space).tolist() == [False, False, True]
    (report,) = rank_reversal(space, top_n=1, remove=[], add="dominated")
    assert note_text(report.change) == "added a copy of C (dominated)"
    assert report.swapped == (("B", "A"),)
    after = pymcdm(np.vstack([x, x[2]]), np.array([0.5, 0.5]), np.array([1, 1]))
    assert after[0] > after[1]


def test_no_rank_reversal_in_a_dominance_chain() -> None:
    # A > B > C > D on every criterion: TOPSIS keeps a dominance order whatever the other
    # alternatives (each column is normalised monotonically), so nothing can swap.
    x = np.array([[9.0, 8.0, 7.0], [7.0, 6.0, 6.0], [5.0, 5.0, 3.0], [2.0, 1.0, 1.0]])
    space = WeightSpace.from_matrix(x, [0.2, 0.5, 0.3], [1, 1, 1])
    reports = rank_reversal(space, top_n=2, remove=[0, 1, 2, 3], add=[8.0, 9.0, 1.0])
    assert len(reports) == 5
    assert all(r.n_swapped == 0 and r.swapped == () for r in reports)


# --- the selection ----------------------------------------------------------------------


def test_criteria_space_reproduces_the_leaf_weights(selection: em.Selection) -> None:
    space = weight_space(selection)
    assert space.names == tuple(c.id for c in selection.weights.tree.criteria)
    np.testing.assert_allclose(
        space.weights, list(selection.weights.criterion_weights.values()), atol=1e-12
    )
    np.testing.assert_allclose(
        space.column_weights(space.weights), selection.result.weights, atol=1e-12
    )
    np.testing.assert_allclose(
        space.closeness(space.weights)[0], selection.result.scores, atol=1e-12
    )
    leaves = weight_space(selection, "leaves")
    assert leaves.names == selection.result.criteria
    with pytest.raises(ConfigError):
        weight_space(selection, "nodes")


def test_robustness_json_contract(selection: em.Selection) -> None:
    calls: list[tuple[int, int]] = []
    report = robustness(
        selection, top_n=5, samples=3_000, seed=1, progress=lambda d, t: calls.append((d, t))
    )
    d = report.as_dict()
    assert {"one_at_a_time", "acceptability", "central_weights", "method_agreement"} <= set(d)
    assert calls[-1] == (3_000, 3_000)
    text = json.dumps(d, allow_nan=False)
    assert json.loads(text) == d
    best = selection.result.alternatives[int(selection.result.order[0])]
    assert best in d["acceptability"]
    for entry in d["acceptability"].values():
        p = entry["rank_probabilities"]
        assert list(p)[-1] == ">10"
        assert len(p) == 11
        assert sum(p.values()) == pytest.approx(1.0)
        assert entry["top_n"] == pytest.approx(sum(list(p.values())[:5]))
    for weights in d["central_weights"].values():
        assert sum(weights.values()) == pytest.approx(1.0)
        assert set(weights) == set(d["settings"]["criteria"])
    assert set(d["one_at_a_time"]["criteria"]) == set(d["settings"]["criteria"])
    assert d["method_agreement"]["kendall_tau"]["topsis"]["topsis"] == 1.0
    assert d["settings"]["synthetic"] is True
    again = robustness(selection, top_n=5, samples=3_000, seed=1).as_dict()
    assert again == d


def test_robustness_rejects_unknown_weight_model(selection: em.Selection) -> None:
    with pytest.raises(ConfigError):
        robustness(selection, samples=10, weights="gaussian")


def test_flip_pair_on_the_selection(selection: em.Selection) -> None:
    r = selection.result
    first, second = (r.alternatives[int(i)] for i in r.order[:2])
    f = flip_pair(selection, first, second)
    assert f.status == "flip"
    assert f.criteria == tuple(c.id for c in selection.weights.tree.criteria)
    assert f.weights is not None
    space = weight_space(selection)
    c = space.closeness(f.weights)[0]
    assert c[space.index(second)] > c[space.index(first)]
    assert f.distance == pytest.approx(np.abs(f.weights - space.weights).sum())
