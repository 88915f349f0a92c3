"""AHP priorities and consistency against published cases (tests/fixtures/mcda-cases.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from exportmcda.ahp.judgments import SAATY_SCALE, pairwise_from_table
from exportmcda.ahp.priorities import (
    RI_TABLES,
    AhpResult,
    ahp,
    ahp_from_pairs,
    approximate_lambda_max,
    consistency_threshold,
    direct_weights,
    global_weights,
    method_name,
    short_method_name,
)
from exportmcda.errors import ConfigError, JudgmentError
from exportmcda.labels import note_text

CASES = {c["id"]: c for c in json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json")
                                        .read_text(encoding="utf-8"))}
AHP_CASES = [c for c in CASES.values() if c["method"] == "ahp"]


@pytest.mark.parametrize("case", AHP_CASES, ids=lambda c: c["id"])
def test_published_values(case: dict) -> None:
    inputs, expected, tol = case["inputs"], case["expected"], case["tolerance"]
    result = ahp(inputs["matrix"], inputs["labels"], ri_table=inputs["ri_table"])
    assert result.weights == pytest.approx(expected["weights"], abs=tol["weights"])
    for key in ("cr", "ci", "lambda_max"):
        if key in expected:
            assert getattr(result, key) == pytest.approx(expected[key], abs=tol[key])
    assert result.ri_table == inputs["ri_table"]
    published_ri = CASES["ri-tables"]["expected"][inputs["ri_table"]]
    assert result.ri == published_ri[str(len(inputs["labels"]))]
    assert result.consistent
    assert result.method == "eigenvector"
    assert not result.completed


@pytest.mark.parametrize("case", AHP_CASES, ids=lambda c: c["id"])
def test_text_matrix_equals_float_matrix(case: dict) -> None:
    """The exact fractions as typed ("1/3") give the same result as the float matrix."""
    inputs = case["inputs"]
    rows = [[name, *row] for name, row in
            zip(inputs["labels"], inputs["matrix_text"], strict=True)]
    labels, matrix = pairwise_from_table(["", *inputs["labels"]], rows)
    assert labels == tuple(inputs["labels"])
    np.testing.assert_allclose(matrix, inputs["matrix"], rtol=1e-15)


@pytest.mark.parametrize("case", AHP_CASES, ids=lambda c: c["id"])
@pytest.mark.parametrize("table", sorted(RI_TABLES))
def test_recomputed_full_precision(case: dict, table: str) -> None:
    inputs, eig = case["inputs"], case["recomputed"]["eigenvector"]
    result = ahp(inputs["matrix"], inputs["labels"], ri_table=table)
    assert result.weights == pytest.approx(eig["weights"], abs=1e-6)
    assert result.lambda_max == pytest.approx(eig["lambda_max"], abs=1e-6)
    assert result.ci == pytest.approx(eig["ci"], abs=1e-6)
    assert result.cr == pytest.approx(eig["cr"][table], abs=1e-6)


@pytest.mark.parametrize("case", AHP_CASES, ids=lambda c: c["id"])
def test_recomputed_geometric_mean(case: dict) -> None:
    inputs, gm = case["inputs"], case["recomputed"]["geometric_mean"]
    result = ahp(inputs["matrix"], inputs["labels"], method="geometric")
    assert result.weights == pytest.approx(gm["weights"], abs=1e-6)
    assert approximate_lambda_max(inputs["matrix"], result.weights) == pytest.approx(
        gm["lambda_max_from_gm_weights"], abs=1e-6)
    # lambda_max/CR judge the judgments: the Perron root, whatever the weighting method
    eig = case["recomputed"]["eigenvector"]
    assert result.lambda_max == pytest.approx(eig["lambda_max"], abs=1e-6)
    assert result.method == "geometric"


def test_leader_hierarchy_synthesis() -> None:
    case = CASES["ahp-wikipedia-leader-hierarchy"]
    inputs, expected, tol = case["inputs"], case["expected"], case["tolerance"]
    tree: dict[str, AhpResult] = {
        "Choose a leader": ahp(inputs["criteria_matrix"], inputs["criteria_labels"])}
    for criterion, matrix in zip(inputs["criteria_labels"], inputs["alternative_matrices"],
                                 strict=True):
        tree[criterion] = ahp(matrix, inputs["alternative_labels"])
    scores = global_weights(tree)
    assert list(scores) == inputs["alternative_labels"]
    assert list(scores.values()) == pytest.approx(expected["global_scores"],
                                                  abs=tol["global_scores"])
    assert list(scores.values()) == pytest.approx(
        case["recomputed"]["eigenvector"]["global_scores"], abs=1e-6)
    assert math.fsum(scores.values()) == pytest.approx(1.0, abs=1e-12)
    crs = [tree[c].cr for c in inputs["criteria_labels"]]
    assert crs == pytest.approx(case["recomputed"]["eigenvector"]["cr_saaty_1980"]["alternatives"],
                                abs=1e-6)


def test_global_weights_of_a_criteria_tree() -> None:
    tree = {"goal": {"market": 0.6, "capability": 0.4},
            "market": {"fit": 3, "size": 1},  # points, normalised
            "capability": {"sales": 0.5, "history": 0.5}}
    assert global_weights(tree) == pytest.approx(
        {"fit": 0.45, "size": 0.15, "sales": 0.2, "history": 0.2})


def test_global_weights_rejects_cycles_and_two_roots() -> None:
    with pytest.raises(JudgmentError, match="loops back: goal -> a -> goal"):
        global_weights({"goal": {"a": 1}, "a": {"goal": 1}}, root="goal")
    with pytest.raises(JudgmentError, match="exactly one top node"):
        global_weights({"g1": {"a": 1}, "g2": {"b": 1}})


def test_direct_weights() -> None:
    assert direct_weights({"a": 2, "b": "1", "c": 1.0}) == {"a": 0.5, "b": 0.25, "c": 0.25}
    with pytest.raises(JudgmentError, match="'b' must be a non-negative number"):
        direct_weights({"a": 1, "b": -1})
    with pytest.raises(JudgmentError, match="at least one weight must be positive"):
        direct_weights({"a": 0, "b": 0})
    with pytest.raises(JudgmentError, match="weight of 'a'"):
        direct_weights({"a": float("nan")})


def test_method_names_have_one_registry() -> None:
    assert method_name("eigen") == method_name(" Eigenvector ") == "eigenvector"
    assert method_name("geometric") == "geometric"
    assert short_method_name("eigenvector") == "eigen"
    assert short_method_name("geometric") == "geometric"
    assert ahp([[1, 3], [1 / 3, 1]], ["a", "b"], method="eigen").method == "eigenvector"
    with pytest.raises(ConfigError) as info:
        method_name("magic", path="s.toml", field="method")
    assert info.value.code == "unknown_method"
    assert "eigen, eigenvector, geometric" in str(info.value)


def test_as_dict_is_the_cli_json_contract() -> None:
    case = CASES["ahp-wikipedia-car-criteria"]
    result = ahp(case["inputs"]["matrix"], case["inputs"]["labels"], ri_table="donegan_dodd_1991")
    data = json.loads(json.dumps(result.as_dict()))
    assert {"weights", "lambda_max", "ci", "cr", "ri", "consistent", "method", "ri_table",
            "threshold", "completed"} <= set(data)
    assert data["weights"]["Cost"] == pytest.approx(0.510075, abs=1e-6)
    assert data["ri_table"] == "donegan_dodd_1991"
    assert data["threshold"] == 0.10
    assert data["ri"] == 0.8286
    assert data["consistent"] is True
    assert data["completed"] is False


def test_thresholds() -> None:
    assert consistency_threshold(3) == 0.10
    assert [consistency_threshold(n, "saaty_1994") for n in (3, 4, 5)] == [0.05, 0.08, 0.10]
    education = CASES["ahp-wikipedia-leader-education"]["inputs"]  # CR 0.0559 (Saaty 1980)
    strict = ahp(education["matrix"], education["labels"], threshold="saaty_1994")
    assert (strict.threshold, strict.threshold_rule, strict.consistent) == (0.05, "saaty_1994",
                                                                            False)
    assert ahp(education["matrix"], education["labels"]).consistent
    with pytest.raises(ConfigError):
        consistency_threshold(3, 1.5)
    with pytest.raises(ConfigError, match="unknown random-index table 'dd'"):
        ahp(education["matrix"], education["labels"], ri_table="dd")
    with pytest.raises(ConfigError, match="unknown AHP method"):
        ahp(education["matrix"], education["labels"], method="mean")


def test_small_matrices_are_consistent_by_definition() -> None:
    one = ahp([[1]], ["only"])
    assert (one.weights, one.cr, one.ri) == ((1.0,), 0.0, 0.0)
    two = ahp_from_pairs({("a", "b"): 3})
    assert two.weights == pytest.approx((0.75, 0.25))
    assert two.cr == 0.0


def test_matrix_larger_than_the_ri_table() -> None:
    with pytest.raises(JudgmentError, match="16 criteria in one comparison"):
        ahp(np.ones((16, 16)), [f"c{i}" for i in range(16)])


def test_result_matrix_is_read_only_copy() -> None:
    source = np.array([[1.0, 2.0], [0.5, 1.0]])
    result = ahp(source, ["a", "b"])
    source[0, 1] = 9
    assert result.judgment("a", "b") == 2.0
    with pytest.raises(ValueError, match="read-only"):
        result.matrix[0, 1] = 3


# --- incomplete judgments -------------------------------------------------------------------

def test_harker_completion_of_consistent_matrix() -> None:
    w = np.array([8.0, 4.0, 2.0, 1.0])
    matrix = np.outer(w, 1 / w)
    matrix[0, 3] = matrix[3, 0] = matrix[1, 3] = matrix[3, 1] = np.nan
    for method, completion in (("eigenvector", "harker"), ("eigenvector", "bfr"),
                               ("geometric", "bfr")):
        result = ahp(matrix, list("ABCD"), method=method, completion=completion)
        assert result.weights == pytest.approx(w / w.sum(), abs=1e-12)
        assert result.completed
        assert result.estimated == (("A", "D"), ("B", "D"))
        assert result.judgment("A", "D") == pytest.approx(8.0)
        assert result.cr == pytest.approx(0.0, abs=1e-12)
        assert "estimated" in note_text(result.notes[0])


def test_harker_equals_eigenvector_of_modified_matrix() -> None:
    """Harker (1987): diagonal 1 + missing count, zeros for missing; same lambda_max."""
    drinks = CASES["ahp-saaty2008-drinks"]["inputs"]
    matrix = np.array(drinks["matrix"])
    matrix[0, 6] = matrix[6, 0] = np.nan
    # Harker chosen explicitly: the default completion is BFR (issue 9, see test_completion)
    result = ahp(matrix, drinks["labels"], completion="harker")
    modified = np.nan_to_num(matrix)
    modified[0, 0] = modified[6, 6] = 2.0
    values, vectors = np.linalg.eig(modified)
    k = np.argmax(values.real)
    expected = np.abs(vectors[:, k].real) / np.abs(vectors[:, k].real).sum()
    assert result.weights == pytest.approx(expected, abs=1e-12)
    assert result.lambda_max == pytest.approx(values[k].real, abs=1e-9)


def test_disconnected_judgments_name_the_groups() -> None:
    judgments = {("a", "b"): 3, ("c", "d"): 2}
    with pytest.raises(JudgmentError, match=r"do not link \{a, b\} and \{c, d\}") as info:
        ahp_from_pairs(judgments)
    assert info.value.code == "judgments_disconnected"


# --- properties -----------------------------------------------------------------------------

positive_weights = st.integers(2, 9).flatmap(
    lambda n: arrays(np.float64, n, elements=st.floats(0.05, 20.0)))


@given(positive_weights, st.sampled_from(["eigenvector", "geometric"]))
def test_consistent_matrix_returns_its_weights(w: np.ndarray, method: str) -> None:
    result = ahp(np.outer(w, 1 / w), [f"c{i}" for i in range(len(w))], method=method)
    np.testing.assert_allclose(result.weights, w / w.sum(), atol=1e-9, rtol=0)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.consistent


@st.composite
def saaty_matrices(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 10))
    matrix = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            value = draw(st.sampled_from(SAATY_SCALE))
            matrix[i, j], matrix[j, i] = float(value), float(1 / value)
    return matrix


@given(saaty_matrices(), st.sampled_from(["eigenvector", "geometric"]))
def test_weights_positive_and_sum_to_one(matrix: np.ndarray, method: str) -> None:
    result = ahp(matrix, [f"c{i}" for i in range(len(matrix))], method=method)
    assert all(w > 0 for w in result.weights)
    assert math.fsum(result.weights) == pytest.approx(1.0, abs=1e-12)
    assert result.lambda_max >= len(matrix) - 1e-9
    assert result.cr >= 0


@given(saaty_matrices(), st.randoms(use_true_random=False),
       st.sampled_from(["eigenvector", "geometric"]))
def test_permuting_labels_permutes_weights(matrix: np.ndarray, rnd, method: str) -> None:
    labels = [f"c{i}" for i in range(len(matrix))]
    order = list(range(len(matrix)))
    rnd.shuffle(order)
    base = ahp(matrix, labels, method=method).weights_by_label
    moved = ahp(matrix[np.ix_(order, order)], [labels[k] for k in order], method=method)
    for label, weight in moved.weights_by_label.items():
        assert weight == pytest.approx(base[label], abs=1e-10)


@given(positive_weights, st.data(), st.sampled_from(["eigenvector", "geometric"]))
def test_completion_recovers_consistent_weights(w: np.ndarray, data: st.DataObject,
                                                method: str) -> None:
    n = len(w)
    matrix = np.outer(w, 1 / w)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    drop = data.draw(st.sets(st.sampled_from(pairs), max_size=len(pairs)))
    spanning = {(0, k) for k in range(1, n)}  # keep a star so the judgments stay connected
    for i, j in drop - spanning:
        matrix[i, j] = matrix[j, i] = np.nan
    result = ahp(matrix, [f"c{i}" for i in range(n)], method=method)
    np.testing.assert_allclose(result.weights, w / w.sum(), atol=1e-9, rtol=0)
    assert result.completed == bool(drop - spanning)
