"""Inconsistency advice: a spoiled judgment is found and its consistent value suggested."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from exportmcda.ahp.diagnostics import inconsistency_report
from exportmcda.ahp.priorities import ahp

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

LABELS = ["fit", "size", "sales", "history", "staff"]


def spoiled(w: np.ndarray, i: int, j: int, value: float) -> np.ndarray:
    matrix = np.outer(w, 1 / w)
    matrix[i, j], matrix[j, i] = value, 1 / value
    return matrix


@pytest.mark.parametrize("method", ["eigenvector", "geometric"])
def test_spoiled_judgment_is_named_with_its_original_value(method: str) -> None:
    w = np.array([8.0, 4.0, 2.0, 1.0, 3.0])  # every ratio below is on Saaty's scale or near
    result = ahp(spoiled(w, 0, 1, 1 / 5), LABELS, method=method)  # fit vs size: 2 -> 1/5
    assert not result.consistent
    advice = inconsistency_report(result)
    top = advice[0]
    assert (top.row, top.column, top.current) == ("fit", "size", pytest.approx(0.2))
    assert top.suggested == pytest.approx(2.0, rel=1e-9)
    assert top.nearest_scale == 2.0
    assert top.cr_after == pytest.approx(0.0, abs=1e-9)
    assert top.cr_after_scale < top.threshold == 0.10
    assert top.epsilon < 1  # judged far below what the priorities say
    assert len(advice) == 3
    assert all(a.cr_after > 1e-3 for a in advice[1:])
    fixed = np.array(result.matrix)
    fixed[0, 1], fixed[1, 0] = top.nearest_scale, 1 / top.nearest_scale
    assert ahp(fixed, LABELS, method=method).consistent
    assert "'fit' vs 'size': judged 1/5; the other judgments imply 2.00" in top.describe()
    assert json.loads(json.dumps(top.as_dict()))["nearest_scale_text"] == "2"


@given(arrays(np.float64, st.integers(4, 7), elements=st.floats(0.2, 5.0)), st.data())
def test_spoiled_judgment_found_for_any_consistent_matrix(
    w: np.ndarray, data: st.DataObject
) -> None:
    n = len(w)
    i = data.draw(st.integers(0, n - 2))
    j = data.draw(st.integers(i + 1, n - 1))
    factor = data.draw(st.sampled_from([1 / 9, 1 / 6, 1 / 4, 4.0, 6.0, 9.0]))
    labels = [f"c{k}" for k in range(n)]
    result = ahp(spoiled(w, i, j, w[i] / w[j] * factor), labels)
    top = inconsistency_report(result, always=True)[0]
    assert (top.row, top.column) == (labels[i], labels[j])
    assert top.suggested == pytest.approx(w[i] / w[j], rel=1e-8)
    assert top.cr_after == pytest.approx(0.0, abs=1e-9)


def test_consistent_result_needs_no_advice() -> None:
    w = np.array([4.0, 2.0, 1.0, 1.0])
    result = ahp(np.outer(w, 1 / w), list("abcd"))
    assert inconsistency_report(result) == ()
    assert len(inconsistency_report(result, top=2, always=True)) == 2


def test_estimated_judgments_are_not_advised() -> None:
    w = np.array([8.0, 4.0, 2.0, 1.0, 3.0])
    matrix = spoiled(w, 0, 1, 1 / 5)
    matrix[2, 4] = matrix[4, 2] = np.nan
    result = ahp(matrix, LABELS)
    advice = inconsistency_report(result, top=20)
    pairs = {(a.row, a.column) for a in advice}
    assert ("sales", "staff") not in pairs
    assert advice[0].row == "fit"
    assert len(advice) == 9  # 10 pairs - 1 estimated


def test_three_criteria_rank_by_epsilon() -> None:
    result = ahp([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], list("abc"))
    advice = inconsistency_report(result)
    assert len(advice) == 3
    assert all(a.cr_after == pytest.approx(0.0, abs=1e-9) for a in advice)
    logs = [abs(math.log(a.epsilon)) for a in advice]
    assert logs == sorted(logs, reverse=True)


def test_describe_when_the_scale_end_is_reached() -> None:
    """Saaty's drinks: wine vs water is 1/9, the other judgments imply less than 1/9."""
    cases = json.loads((FIXTURES / "mcda-cases.json").read_text("utf-8"))
    drinks = next(c for c in cases if c["id"] == "ahp-saaty2008-drinks")["inputs"]
    result = ahp(drinks["matrix"], drinks["labels"])
    top = inconsistency_report(result, top=1, always=True)[0]
    assert (top.row, top.column, top.nearest_scale) == ("wine", "water", pytest.approx(1 / 9))
    assert top.suggested < 1 / 9
    assert "no value closer than the current one" in top.describe()
