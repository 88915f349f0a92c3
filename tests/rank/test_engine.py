"""rank_matrix against the published cases in tests/fixtures/mcda-cases.json, plus its contract."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, reject
from hypothesis import strategies as st
from pymcdm import normalizations as pn
from pymcdm.helpers import rankdata
from pymcdm.methods import TOPSIS, VIKOR

from exportmcda.errors import ConfigError, InputError, JudgmentError, Note
from exportmcda.labels import notes_text
from exportmcda.rank.engine import (
    METHODS,
    Direction,
    RankResult,
    rank_matrix,
)

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text("utf-8"))
RANKING_CASES = [c for c in CASES if c["method"] in ("topsis", "vikor", "wsm", "promethee_ii")]
TZENG = next(c for c in CASES if c["id"] == "topsis-tzeng-huang2011-vector")["inputs"]


def _run(case: dict[str, Any], **override: Any) -> RankResult:
    inputs = case["inputs"]
    params: dict[str, Any] = {}
    if case["method"] == "vikor":
        params["v"] = inputs["v"]
    if case["method"] == "promethee_ii":
        params.update(
            preference_function=inputs["preference_function"], p=inputs["p"], q=inputs["q"]
        )
    kwargs: dict[str, Any] = {
        "method": case["method"],
        "normalization": inputs.get("normalization"),
        "alternatives": inputs["alternatives"],
        **params,
    }
    kwargs.update(override)
    return rank_matrix(inputs["matrix"], inputs["weights"], inputs["types"], **kwargs)


def test_every_ranking_case_is_covered() -> None:
    assert {c["id"] for c in RANKING_CASES} == {
        "topsis-opricovic2004-minmax",
        "topsis-tzeng-huang2011-vector",
        "vikor-opricovic2004",
        "vikor-yang-wu2020",
        "promethee2-zhao2013-usual",
        "wsm-wikipedia-triantaphyllou",
    }


# Which RankResult value each `expected` key of the reference file is.
def _values(result: RankResult, key: str) -> np.ndarray:
    if key in ("closeness", "Q", "net_flow", "scores"):
        return result.scores
    if key in ("ranking", "ranking_by_Q"):
        return result.ranks
    table = {
        "S": "s",
        "R": "r",
        "distance_to_ideal": "dpis",
        "distance_to_anti_ideal": "dnis",
        "positive_flow": "pos_flow",
        "negative_flow": "neg_flow",
    }[key]
    return result.intermediates[table]


@pytest.mark.parametrize("case", RANKING_CASES, ids=lambda c: c["id"])
def test_published_values_within_tolerance(case: dict[str, Any]) -> None:
    result = _run(case)
    for key, expected in case["expected"].items():
        tol = case["tolerance"].get(key, 1e-9)
        np.testing.assert_allclose(_values(result, key), expected, rtol=0, atol=tol, err_msg=key)


@pytest.mark.parametrize("case", RANKING_CASES, ids=lambda c: c["id"])
def test_recomputed_values_to_1e6(case: dict[str, Any]) -> None:
    result = _run(case)
    for key, expected in case["recomputed"].items():
        if key.endswith("other_normalizations"):
            for norm, values in expected.items():
                other = _run(case, normalization=norm)
                got = other.scores if key.startswith("closeness") else other.ranks
                np.testing.assert_allclose(got, values, atol=1e-6, err_msg=f"{key} {norm}")
        elif key == "scores_raw_weighted_sum":
            np.testing.assert_allclose(result.scores, expected, atol=1e-6)
        elif key == "scores_pymcdm_WSM_default_sum_normalization":
            np.testing.assert_allclose(_run(case, normalization="sum").scores, expected, atol=1e-6)
        else:
            np.testing.assert_allclose(_values(result, key), expected, atol=1e-6, err_msg=key)


def test_opricovic_normalisation_changes_the_winner() -> None:
    """The md's caveat: min-max (pymcdm's default) ranks A2 first, vector ranks A1 first."""
    case = next(c for c in CASES if c["id"] == "topsis-opricovic2004-minmax")
    assert _run(case).table()["alternative"].iloc[0] == "A2"
    vector = _run(case, normalization="vector")
    assert vector.table()["alternative"].tolist() == ["A1", "A2", "A3"]
    assert vector.normalization == "vector"


def test_topsis_default_is_vector_and_recorded() -> None:
    result = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"])
    assert (result.method, result.normalization) == ("topsis", "vector")
    assert result.engine == "exportmcda.rank.fasttopsis"
    np.testing.assert_allclose(result.scores, [0.50372, 0.658085, 0.748249, 0.333997], atol=1e-6)


# Typed here, not taken from exportmcda.rank.methods: the names the engine must map to pymcdm.
PYMCDM_NORMALIZATIONS = {
    "vector": pn.vector_normalization,
    "minmax": pn.minmax_normalization,
    "max": pn.max_normalization,
    "sum": pn.sum_normalization,
    "linear": pn.linear_normalization,
}


@pytest.mark.parametrize("normalization", ["vector", "minmax", "max", "sum", "linear"])
def test_topsis_equals_pymcdm_directly(normalization: str) -> None:
    rng = np.random.default_rng(7)
    x = rng.uniform(1, 50, (40, 5))
    w = rng.dirichlet(np.ones(5))
    types = np.array([1, -1, 1, 1, -1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expected = TOPSIS(PYMCDM_NORMALIZATIONS[normalization])(x, w, types)
    result = rank_matrix(x, w, types, normalization=normalization)
    np.testing.assert_allclose(result.scores, expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(result.ranks, rankdata(result.scores, reverse=True))


def test_topsis_intermediates_are_consistent() -> None:
    result = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"])
    assert result.weighted is not None
    assert result.normalized is not None
    np.testing.assert_allclose(result.weighted, result.normalized * result.weights)
    np.testing.assert_array_equal(result.ideal, result.weighted.max(axis=0))
    np.testing.assert_array_equal(result.anti_ideal, result.weighted.min(axis=0))
    d_plus = np.sqrt(((result.weighted - result.ideal) ** 2).sum(axis=1))
    np.testing.assert_allclose(result.d_plus, d_plus, atol=1e-15)
    np.testing.assert_allclose(result.d_plus, [0.117496, 0.063536, 0.048666, 0.13066], atol=1e-6)
    # Tzeng & Huang's normalised matrix: column 1 is x / sqrt(25 + 49 + 64 + 49).
    np.testing.assert_allclose(result.normalized[:, 0], np.array([5, 7, 8, 7]) / np.sqrt(187))


def test_vikor_is_lower_better_and_matches_pymcdm_rank() -> None:
    case = next(c for c in CASES if c["id"] == "vikor-yang-wu2020")
    result = _run(case)
    assert result.higher_is_better is False
    assert result.normalization == "none"
    body = VIKOR(v=0.5)
    np.testing.assert_array_equal(result.ranks, body.rank(result.scores))
    assert result.table()["alternative"].tolist() == ["A5", "A1", "A4", "A2", "A3"]


def test_table_and_records_in_rank_order_with_ties() -> None:
    case = next(c for c in CASES if c["id"] == "wsm-wikipedia-triantaphyllou")
    result = _run(case)
    assert result.has_ties
    assert Note.of("tie_rule", tol="1e-12", groups=1) in result.notes
    # mcda's contract: ties share the average rank; plus shared_rank and tied_with
    assert result.as_records() == [
        {"alternative": "A2", "score": pytest.approx(22.0), "rank": 1.5, "shared_rank": 1,
         "tied_with": ["A3"]},
        {"alternative": "A3", "score": pytest.approx(22.0), "rank": 1.5, "shared_rank": 1,
         "tied_with": ["A2"]},
        {"alternative": "A1", "score": pytest.approx(21.5), "rank": 3.0, "shared_rank": 3,
         "tied_with": []},
    ]
    assert result.ordinal_ranks.tolist() == [3, 1, 2]
    table = result.table()
    assert list(table.columns) == ["alternative", "score", "rank", "shared_rank", "tied_with"]
    assert table["alternative"].tolist() == ["A2", "A3", "A1"]


def test_tied_order_follows_names_not_rows() -> None:
    """Reversing the rows leaves the order of a tie (by name) unchanged."""
    case = next(c for c in CASES if c["id"] == "wsm-wikipedia-triantaphyllou")
    result = _run(case)
    frame = pd.DataFrame(result.matrix, index=list(result.alternatives),
                         columns=list(result.criteria)).iloc[::-1]
    again = rank_matrix(frame, result.weights, result.types, method=result.method,
                        normalization=result.normalization)
    assert again.table()["alternative"].tolist() == ["A2", "A3", "A1"]
    assert again.as_records() == result.as_records()


def test_result_arrays_are_read_only_copies() -> None:
    matrix = np.array(TZENG["matrix"])
    result = rank_matrix(matrix, TZENG["weights"], TZENG["types"])
    matrix[0, 0] = 99.0
    assert result.matrix[0, 0] == 5.0
    for array in (result.matrix, result.weights, result.scores, result.ranks, result.order):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0
    assert result.d_minus is not None
    with pytest.raises(ValueError, match="read-only"):
        result.d_minus[0] = 0


def test_dataframe_names_mapping_weights_and_direction_aliases() -> None:
    frame = pd.DataFrame(TZENG["matrix"], index=["a", "b", "c", "d"], columns=["x", "y", "z"])
    result = rank_matrix(
        frame, {"z": 0.3, "x": 0.3, "y": 0.4}, {"x": "max", "y": "+", "z": Direction.BENEFIT}
    )
    assert result.alternatives == ("a", "b", "c", "d")
    assert result.criteria == ("x", "y", "z")
    np.testing.assert_array_equal(result.weights, [0.3, 0.4, 0.3])
    assert result.directions == (Direction.BENEFIT,) * 3
    assert result.table()["alternative"].iloc[0] == "c"


def test_pymcdm_warnings_become_notes_not_output() -> None:
    matrix = [[9.0, 9.0], [1.0, 2.0], [3.0, 1.0]]  # A1 best on both criteria
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may escape
        result = rank_matrix(matrix, [0.5, 0.5], [1, 1])
    assert any("pymcdm:" in n and "dominant" in n for n in notes_text(result.notes))


def test_normalize_weights_is_explicit_and_noted() -> None:
    result = rank_matrix(TZENG["matrix"], [3, 4, 3], TZENG["types"], normalize_weights=True)
    np.testing.assert_allclose(result.weights, [0.3, 0.4, 0.3])
    assert any("normalize_weights" in n for n in notes_text(result.notes))


def test_constant_criterion_is_noted_for_topsis() -> None:
    matrix = [[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]
    result = rank_matrix(matrix, [0.5, 0.5], [1, 1], criteria=["cost", "flat"])
    assert any("'flat'" in n and "same value" in n for n in notes_text(result.notes))
    assert result.table()["alternative"].tolist() == ["A3", "A2", "A1"]


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_method_runs_and_agrees_on_dominance(method: str) -> None:
    result = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"], method=method)
    # A3 = (8, 8, 6) dominates A4 = (7, 4, 6); A3 wins under every method here.
    assert result.ranks[2] == 1.0
    assert result.ranks[2] < result.ranks[3]
    assert sorted(result.ranks) == [1.0, 2.0, 3.0, 4.0]


# --- bad input ------------------------------------------------------------------------------

M3 = [[1.0, 2.0, 3.0], [2.0, 1.0, 4.0], [3.0, 3.0, 1.0]]


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"weights": [0.5, 0.5]}, JudgmentError, "2 weights given for 3 criteria"),
        ({"weights": [0.5, -0.1, 0.6]}, JudgmentError, "criterion 'C2': weight must be"),
        ({"weights": [0.5, float("nan"), 0.5]}, JudgmentError, "criterion 'C2'"),
        ({"weights": [0.3, 0.3, 0.3]}, JudgmentError, "sum to 0.9, not 1"),
        ({"weights": [0.0, 0.0, 0.0], "normalize_weights": True}, JudgmentError, "all weights"),
        ({"weights": {"C1": 0.5, "C2": 0.5}}, JudgmentError, r"missing \['C3'\]"),
        ({"types": [1, 0, 1]}, InputError, "criterion 'C2': direction must be"),
        ({"types": [1, "up", 1]}, InputError, "got 'up'"),
        ({"types": [1, 1]}, InputError, "2 criterion directions given for 3 criteria"),
        (
            {"matrix": [[1.0, float("nan"), 2.0]] * 3},
            InputError,
            "alternative 'A1', criterion 'C2'",
        ),
        ({"matrix": [[1.0, 2.0, np.inf], [1.0, 2.0, 3.0]]}, InputError, "'C3': value must be"),
        ({"matrix": [[1.0, 2.0, 3.0]]}, InputError, "at least 2 alternatives"),
        ({"matrix": [1.0, 2.0, 3.0]}, InputError, "must be 2-D"),
        ({"matrix": [["a", "b", "c"]] * 2}, InputError, "must be numeric"),
        ({"alternatives": ["x", "y"]}, InputError, "2 alternative names given for 3"),
        ({"method": "electre"}, ConfigError, "unknown ranking method 'electre'"),
        ({"normalization": "zscore"}, ConfigError, "accepts normalization"),
        ({"method": "vikor", "v": 1.5}, ConfigError, "v should be in range"),
        ({"method": "topsis", "v": 0.5}, ConfigError, "has no parameter v"),
        ({"method": "promethee_ii", "normalization": "vector"}, ConfigError, "no normalisation"),
        ({"method": "promethee_ii", "preference_function": "vshape"}, ConfigError, "needs p"),
        ({"method": "promethee_ii", "preference_function": "x"}, ConfigError, "must be one of"),
        (
            {"method": "promethee_ii", "preference_function": "vshape", "p": [1, 2]},
            ConfigError,
            "p needs 3 values",
        ),
        ({"method": "spotis", "bounds": [[0, 5]] * 2}, ConfigError, r"shape \(3, 2\)"),
    ],
)
def test_bad_input_is_named(kwargs: dict[str, Any], error: type[Exception], pattern: str) -> None:
    call: dict[str, Any] = {"matrix": M3, "weights": [0.2, 0.3, 0.5], "types": [1, 1, -1]}
    call.update(kwargs)
    with pytest.raises(error, match=pattern):
        rank_matrix(call.pop("matrix"), call.pop("weights"), call.pop("types"), **call)


@pytest.mark.parametrize(
    ("matrix", "kwargs", "pattern"),
    [
        ([[1.0, 0.0], [2.0, 0.0]], {}, "criterion 'C2': vector normalisation"),
        ([[1.0, 0.0], [2.0, 3.0]], {"normalization": "sum"}, "criterion 'C2': sum normal"),
        ([[1.0, 4.0], [2.0, 4.0]], {"method": "vikor"}, "criterion 'C2' has the same value"),
        ([[1.0, 4.0], [2.0, 4.0]], {"method": "spotis"}, "criterion 'C2' has the same value"),
        ([[1.0, 4.0], [1.0, 4.0]], {}, "identical on every weighted criterion"),
    ],
)
def test_unusable_columns_are_named(
    matrix: list[list[float]], kwargs: dict[str, Any], pattern: str
) -> None:
    with pytest.raises(InputError, match=pattern) as info:
        rank_matrix(matrix, [0.5, 0.5], [1, 1], **kwargs)
    assert info.value.code.startswith("ranking.")


# --- properties on every method --------------------------------------------------------------

matrices = st.integers(2, 8).flatmap(
    lambda n: st.lists(
        st.lists(st.integers(1, 60).map(float), min_size=3, max_size=3), min_size=n, max_size=n
    )
)


@given(matrices, st.sampled_from(sorted(METHODS)), st.randoms(use_true_random=False))
def test_permuting_alternatives_permutes_scores(
    matrix: list[list[float]], method: str, rnd: Any
) -> None:
    x = np.array(matrix)
    assume(np.all(x.max(axis=0) > x.min(axis=0)))  # VIKOR/SPOTIS refuse constant criteria
    perm = list(range(len(matrix)))
    rnd.shuffle(perm)
    w, types = [0.2, 0.5, 0.3], [1, -1, 1]
    try:
        base = rank_matrix(x, w, types, method=method)
    except InputError:  # e.g. VIKOR with all S equal: undefined either way
        with pytest.raises(InputError, match="no finite score"):
            rank_matrix(x, w, types, method=method)
        with pytest.raises(InputError, match="no finite score"):
            rank_matrix(x[perm], w, types, method=method)
    else:
        permuted = rank_matrix(x[perm], w, types, method=method)
        np.testing.assert_allclose(permuted.scores, base.scores[perm], rtol=0, atol=1e-12)


@given(matrices, st.sampled_from(sorted(METHODS)), st.data())
def test_dominating_alternative_never_ranks_below(
    matrix: list[list[float]], method: str, data: st.DataObject
) -> None:
    x = np.array(matrix)
    types = np.array([1, -1, 1])
    n = len(matrix)
    i, k = data.draw(st.permutations(range(n)))[:2] if n > 1 else (0, 0)
    gain = np.array(data.draw(st.lists(st.integers(0, 5), min_size=3, max_size=3)), dtype=float)
    assume(gain.any())
    x[k] = x[i] + gain * types  # k is at least as good as i everywhere, better somewhere
    assume(np.all(x.max(axis=0) > x.min(axis=0)))
    assume(np.all(x > 0))
    try:
        result = rank_matrix(x, [0.2, 0.5, 0.3], types, method=method)
    except InputError as exc:  # VIKOR's Q is 0/0 when all R tie: no ranking to check
        if "no finite score" not in str(exc):
            raise
        reject()
    assert result.ranks[k] <= result.ranks[i]


def test_spotis_takes_explicit_bounds_for_a_constant_criterion() -> None:
    result = rank_matrix(
        [[1.0, 4.0], [2.0, 4.0]], [0.5, 0.5], [1, 1], method="spotis", bounds=[[0, 3], [0, 5]]
    )
    assert result.ranks.tolist() == [2.0, 1.0]
    np.testing.assert_array_equal(result.params["bounds"], [[0, 3], [0, 5]])
    # SPOTIS score: weighted distance to the ideal point (5 on C2 is 1/5 of the range away).
    np.testing.assert_allclose(result.scores, [0.5 * 2 / 3 + 0.5 * 1 / 5, 0.5 * 1 / 3 + 0.1])


def test_vikor_undefined_q_is_explained() -> None:
    # A2 is better on C1, A1 on C2 (cost): equal S and R, so Q = 0/0 in pymcdm.
    with pytest.raises(InputError, match=r"same S \(group utility\) or the same R"):
        rank_matrix([[1.0, 1.0], [2.0, 2.0]], [0.5, 0.5], [1, -1], method="vikor")
