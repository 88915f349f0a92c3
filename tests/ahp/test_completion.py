"""Completion of missing judgments (exportmcda.ahp.completion) and its notes in ahp()."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportmcda.ahp.completion import (
    SAATY_VALUES,
    bfr_completion,
    completion_name,
    harker_completion,
    missing_dependence,
)
from exportmcda.ahp.judgments import components
from exportmcda.ahp.priorities import ahp
from exportmcda.errors import ConfigError
from exportmcda.labels import note_text

NAN = np.nan

# Bozóki, S., Fülöp, J. & Rónyai, L. (2010). On optimal completion of incomplete pairwise
# comparison matrices. Math. Comput. Modelling 52:318-333, doi:10.1016/j.mcm.2010.02.047,
# the 4 x 4 example with x = c vs d missing (p. 332): lambda_max is least at x = 0.7302965.
# AHPy (PhilipGriffith/AHPy, README "Missing Pairwise Comparisons") reproduces it: computed
# ('c', 'd') 0.7302971, weights b 0.392, a 0.3738, d 0.1357, c 0.0985, CR 0.0372 (its
# default Donegan & Dodd random index).
BOZOKI = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, NAN], [1 / 2, 1 / 4, NAN, 1]])


def test_bfr_reproduces_bozoki_fulop_ronyai_2010() -> None:
    result = ahp(BOZOKI, list("abcd"), ri_table="donegan_dodd_1991")
    assert result.completion == "bfr"
    assert result.estimated == (("c", "d"),)
    assert result.judgment("c", "d") == pytest.approx(0.7302965, abs=1e-6)
    assert result.judgment("d", "c") == pytest.approx(1 / 0.7302965, abs=1e-5)
    assert result.weights_by_label == pytest.approx(
        {"a": 0.3738, "b": 0.3920, "c": 0.0985, "d": 0.1357}, abs=5e-5)
    assert result.cr == pytest.approx(0.0372, abs=5e-5)
    assert "Bozóki, Fülöp & Rónyai (2010)" in note_text(result.notes[0])


def test_bfr_value_is_the_least_lambda_max_by_brute_force() -> None:
    xs = np.linspace(0.5, 1.0, 5001)
    lam = []
    for x in xs:
        m = BOZOKI.copy()
        m[2, 3], m[3, 2] = x, 1 / x
        lam.append(np.max(np.linalg.eigvals(m).real))
    best = xs[int(np.argmin(lam))]
    assert bfr_completion(BOZOKI)[2, 3] == pytest.approx(best, abs=1e-4)
    harker = ahp(BOZOKI, list("abcd"), completion="harker")
    assert harker.judgment("c", "d") == pytest.approx(0.721239, abs=1e-6)
    assert harker.lambda_max > ahp(BOZOKI, list("abcd")).lambda_max


# A constructed 8 x 8 case with 12 of 28 judgments missing (found by a seeded search for
# inconsistent Saaty-scale judgments whose Harker completion leaves the scale): Harker fills
# F vs H with 18.6 (and C vs H, G vs H above 9) and puts F on top; BFR stays on the scale
# and puts A on top.
EIGHT = [
    ["1", "4", "", "9", "", "1/3", "7", "3"],
    ["1/4", "1", "1/3", "1/3", "1/2", "", "3", ""],
    ["", "3", "1", "", "", "3", "1/9", ""],
    ["1/9", "3", "", "1", "1/3", "", "3", "5"],
    ["", "2", "", "3", "1", "", "3", ""],
    ["3", "", "1/3", "", "", "1", "9", ""],
    ["1/7", "1/3", "9", "1/3", "1/3", "1/9", "1", ""],
    ["1/3", "", "", "1/5", "", "", "", "1"],
]


def _eight() -> np.ndarray:
    from exportmcda.ahp.judgments import parse_fraction

    return np.array([[NAN if c == "" else parse_fraction(c) for c in row] for row in EIGHT])


def test_eight_by_eight_harker_leaves_the_scale_bfr_stays_on_it() -> None:
    labels = list("ABCDEFGH")
    harker = ahp(_eight(), labels, completion="harker")
    bfr = ahp(_eight(), labels)
    assert len(bfr.estimated) == 12
    assert harker.judgment("F", "H") == pytest.approx(18.604, abs=1e-3)
    off = [n.params for n in harker.notes if n.code == "completed_off_scale"]
    assert [(p["row"], p["column"]) for p in off] == [("C", "H"), ("F", "H"), ("G", "H")]
    assert "F vs H is 18.604, outside Saaty's scale" in note_text(
        next(n for n in harker.notes if n.code == "completed_off_scale" and
             n.params["row"] == "F"))
    values = [bfr.judgment(a, b) for a, b in bfr.estimated]
    assert all(1 / 9 <= v <= 9 for v in values)
    assert not [n for n in bfr.notes if n.code == "completed_off_scale"]
    assert max(harker.weights_by_label, key=harker.weights_by_label.__getitem__) == "F"
    assert max(bfr.weights_by_label, key=bfr.weights_by_label.__getitem__) == "A"
    assert bfr.lambda_max < harker.lambda_max
    # many missing: how much the weights depend on them
    (dep,) = [n for n in bfr.notes if n.code == "weights_depend_on_missing"]
    assert (dep.params["n"], dep.params["total"], dep.params["criterion"]) == (12, 28, "E")
    assert (dep.params["low"], dep.params["high"]) == pytest.approx((0.1143, 0.2731), abs=1e-4)
    for w, (low, high) in zip(bfr.weights, bfr.weight_ranges, strict=True):
        assert low <= w <= high
    assert bfr.as_dict()["weight_ranges"]["E"] == pytest.approx([0.1143, 0.2731], abs=1e-4)


def test_few_missing_give_no_dependence_note() -> None:
    assert [n.code for n in ahp(BOZOKI, list("abcd")).notes] == ["judgments_estimated"]


@settings(max_examples=30)
@given(
    w=st.lists(st.floats(0.1, 10.0), min_size=4, max_size=7),
    holes=st.lists(st.integers(0, 1000), min_size=1, max_size=6),
)
def test_bfr_completes_a_consistent_matrix_exactly(w: list[float], holes: list[int]) -> None:
    v = np.array(w)
    m = np.outer(v, 1 / v)
    n = v.size
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    for h in holes:
        i, j = pairs[h % len(pairs)]
        trial = m.copy()
        trial[i, j] = trial[j, i] = NAN
        if len(components(~np.isnan(trial))) == 1:
            m = trial
    done = bfr_completion(m)
    np.testing.assert_allclose(done, np.outer(v, 1 / v), rtol=1e-8)
    np.testing.assert_allclose(harker_completion(m), np.outer(v, 1 / v), rtol=1e-8)


def test_missing_dependence_runs_each_gap_over_the_scale() -> None:
    assert len(SAATY_VALUES) == 17
    assert (SAATY_VALUES[0], SAATY_VALUES[-1]) == (1 / 9, 9.0)
    done = bfr_completion(BOZOKI)
    low, high = missing_dependence(done, np.isnan(BOZOKI))
    # c vs d = 9 favours c most, 1/9 least: c's range is the eigenvector weights there
    for value, bound in ((9.0, high[2]), (1 / 9, low[2])):
        m = done.copy()
        m[2, 3], m[3, 2] = value, 1 / value
        vals, vecs = np.linalg.eig(m)
        u = np.abs(vecs[:, np.argmax(vals.real)].real)
        assert bound == pytest.approx(u[2] / u.sum(), abs=1e-12)
    same = missing_dependence(done, np.zeros((4, 4), dtype=bool))
    np.testing.assert_allclose(same[0], same[1])


def test_unknown_completion_is_a_config_error() -> None:
    assert completion_name(" BFR ") == "bfr"
    with pytest.raises(ConfigError, match="choose one of bfr, harker") as info:
        ahp(BOZOKI, list("abcd"), completion="llsm")
    assert info.value.code == "unknown_completion"


def test_geometric_method_keeps_its_own_llsm_completion() -> None:
    result = ahp(BOZOKI, list("abcd"), method="geometric", completion="harker")
    assert result.completion == "llsm"
    assert "LLSM" in note_text(result.notes[0])
