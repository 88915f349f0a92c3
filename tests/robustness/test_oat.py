"""One-at-a-time weight sensitivity (exportmcda.robustness.oat)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exportmcda.robustness.oat import one_at_a_time, perturbed
from exportmcda.robustness.space import WeightSpace, shortlist_mask
from tests.robustness.cases import CASES, W1_STAR, hand_space


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
    assume(not np.all(m.max(axis=0) == m.min(axis=0)))
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


def test_perturbed_is_the_one_rescaling_and_handles_the_edges() -> None:
    base = np.array([0.5, 0.3, 0.2])
    np.testing.assert_allclose(perturbed(base, 0, [0.8])[0], [0.8, 0.12, 0.08])
    # clipped to [0, 1]; others all 0 share 1 - x equally; negative counts as 0
    np.testing.assert_allclose(perturbed(base, 1, [1.7, -0.2]), [[0, 1, 0], [5 / 7, 0, 2 / 7]])
    np.testing.assert_allclose(perturbed([1.0, 0.0, 0.0], 0, [0.4])[0], [0.4, 0.3, 0.3])
    np.testing.assert_allclose(perturbed([0.5, -0.1, 0.6], 0, [0.5])[0], [0.5, 0.0, 0.5])
    assert perturbed([0.7], 0, [0.3]).tolist() == [[1.0]]


# --- every change is found (issue 9) ---------------------------------------------------


def _brute_interval(space: WeightSpace, k: int, top_n: int, points: int) -> tuple[float, float]:
    """The shortlist interval around the current weight from a sweep of ``points`` weights.

    Returns the last swept weight below the current one whose shortlist differs (0 when
    none) and the first above (1 when none): the true endpoints lie within one sweep step
    inside them.
    """
    w0 = float(space.weights[k])
    xs = np.linspace(0.0, 1.0, points)
    base = shortlist_mask(space.closeness(space.weights), top_n)[0]
    differs = ~np.all(shortlist_mask(space.closeness(perturbed(space.weights, k, xs)), top_n)
                      == base, axis=1)
    below, above = xs[(xs < w0) & differs], xs[(xs > w0) & differs]
    return (float(below.max()) if below.size else 0.0, float(above.min()) if above.size else 1.0)


SWEEP = 20_001  # steps of 5e-5


@settings(max_examples=40)
@given(
    x=st.lists(st.lists(st.floats(0.0, 10.0, allow_subnormal=False), min_size=4, max_size=4),
               min_size=6, max_size=10),
    raw=st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
    d=st.integers(3, 4),
    top_n=st.integers(2, 3),
)
def test_intervals_agree_with_a_fine_sweep(
    x: list[list[float]], raw: list[float], d: int, top_n: int
) -> None:
    m = np.array(x)[:, :d] + 1.0  # positive, so vector normalisation is defined
    assume(np.all(m.max(axis=0) > m.min(axis=0)))
    w = np.array(raw[:d]) / sum(raw[:d])
    space = WeightSpace.from_matrix(m, w, [1, -1, 1, 1][:d])
    base = shortlist_mask(space.closeness(space.weights), top_n)[0]
    assume(np.unique(np.round(space.closeness(space.weights)[0], 9)).size == m.shape[0])
    oat = one_at_a_time(space, top_n=top_n, grid=3)  # grid 0, 0.5, 1: many changes per step
    step = 1.0 / (SWEEP - 1)
    for k, c in enumerate(oat.criteria):
        lo, hi = c.top_n
        below, above = _brute_interval(space, k, top_n, SWEEP)
        # the sweep's last differing weight lies at or below the endpoint, within one step
        assert below - 1e-6 <= lo <= below + step + 1e-6 or (below == 0.0 and lo == 0.0)
        assert above - step - 1e-6 <= hi <= above + 1e-6 or (above == 1.0 and hi == 1.0)
        # and just outside a reported endpoint the shortlist really is different
        for edge, outside in ((lo, lo - 2e-6), (hi, hi + 2e-6)):
            if 0.0 < edge < 1.0:
                state = shortlist_mask(
                    space.closeness(perturbed(space.weights, k, [outside])), top_n)[0]
                assert not np.array_equal(state, base)


def test_two_changes_inside_one_grid_step_are_both_found() -> None:
    """The IND bug in miniature: the top-1 changes twice inside one grid step.

    Five alternatives, two benefit criteria, w = (0.5, 0.5), grid 0, 0.5, 1 (3 points). As
    w1 falls from 0.5 the leader goes C -> D at w1 = 0.365765 and D -> B at 0.224990 (a sweep
    of 10^5 points agrees); the grid sees only B at 0 and C at 0.5, and the old bisection
    found the change at 0.224990 and reported C's interval from there.
    """
    m = np.array([[3.0, 6.0], [5.0, 10.0], [10.0, 8.0], [7.0, 9.0], [9.0, 1.0]])
    space = WeightSpace.from_matrix(m, [0.5, 0.5], [1, 1], alternatives=list("ABCDE"))
    xs = np.linspace(0, 1, 100_001)
    leader = np.argmax(space.closeness(perturbed(space.weights, 0, xs)), axis=1)
    changes = xs[1:][leader[1:] != leader[:-1]]
    np.testing.assert_allclose(changes, [0.22499, 0.36577], atol=1e-5)
    crit = one_at_a_time(space, top_n=1, grid=3).criteria[0]
    found = [b for b in crit.breakpoints if b.kind == "top_1"]
    assert [(b.before, b.after) for b in found] == [(("B",), ("D",)), (("D",), ("C",))]
    np.testing.assert_allclose([b.weight for b in found], changes, atol=1e-5)
    assert crit.top_1 == pytest.approx((0.365765, 1.0), abs=1e-6)
