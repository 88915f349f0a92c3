"""One-at-a-time weight sensitivity (exportmcda.robustness.oat)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from exportmcda.robustness.oat import one_at_a_time, perturbed
from exportmcda.robustness.space import WeightSpace
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
