"""The vectorised TOPSIS equals pymcdm's TOPSIS to 1e-12 (exportmcda.rank.fasttopsis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS

from exportmcda.errors import ConfigError, InputError, JudgmentError
from exportmcda.rank.fasttopsis import topsis_closeness, topsis_steps

PYMCDM = {"vector": pn.vector_normalization, "minmax": pn.minmax_normalization}


def pymcdm_topsis(x: np.ndarray, w: np.ndarray, types: np.ndarray, norm: str) -> np.ndarray:
    # validation=False: pymcdm's validation only warns (dominance), it does not change numbers.
    return np.asarray(TOPSIS(PYMCDM[norm])(x, w, types, validation=False))


@st.composite
def problems(draw: st.DrawFn, samples: int | None = None) -> tuple[np.ndarray, ...]:
    """Matrix (quarters in 1..1000), directions, weights (1-D or 2-D) > 0.

    Values differ by at least 1/4000 of their size, the conditioning under which the
    factored 2-D formula is documented to agree with pymcdm to 1e-12.
    """
    n = draw(st.integers(2, 15))
    m = draw(st.integers(1, 6))
    x = draw(arrays(np.float64, (n, m), elements=st.integers(4, 4000).map(lambda k: k / 4)))
    types = draw(arrays(np.int64, m, elements=st.sampled_from([1, -1])))
    shape = (m,) if samples is None else (samples, m)
    w = draw(arrays(np.float64, shape, elements=st.floats(0.01, 1.0)))
    w = w / w.sum(axis=-1, keepdims=True)
    # At least one criterion must separate the alternatives, else closeness is 0/0.
    assume(np.any(x.max(axis=0) > x.min(axis=0)))
    return x, types, w


@pytest.mark.parametrize("norm", ["vector", "minmax"])
@given(data=problems())
def test_equals_pymcdm_one_weight_vector(norm: str, data: tuple[np.ndarray, ...]) -> None:
    x, types, w = data
    expected = pymcdm_topsis(x, w, types, norm)
    got = topsis_closeness(x, w, types, norm)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    steps = topsis_steps(x, w, types, norm)
    np.testing.assert_allclose(steps.closeness, expected, rtol=0, atol=1e-12)
    _, weighted, nis, pis, d_minus, d_plus, _ = TOPSIS(PYMCDM[norm])._method(x, w, types)
    np.testing.assert_allclose(steps.weighted, weighted, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(steps.ideal, pis)
    np.testing.assert_array_equal(steps.anti_ideal, nis)
    np.testing.assert_allclose(steps.d_plus, d_plus, rtol=0, atol=1e-14)
    np.testing.assert_allclose(steps.d_minus, d_minus, rtol=0, atol=1e-14)


@pytest.mark.parametrize("norm", ["vector", "minmax"])
@given(data=problems(samples=7))
def test_equals_pymcdm_many_weight_vectors(norm: str, data: tuple[np.ndarray, ...]) -> None:
    x, types, w = data
    got = topsis_closeness(x, w, types, norm)
    assert got.shape == (7, x.shape[0])
    for row, wk in zip(got, w, strict=True):
        np.testing.assert_allclose(row, pymcdm_topsis(x, wk, types, norm), rtol=0, atol=1e-12)


@pytest.mark.parametrize("norm", ["vector", "minmax"])
@pytest.mark.parametrize(("n", "m"), [(2, 1), (1044, 10), (20_011, 7)])
def test_random_matrices_and_chunking(norm: str, n: int, m: int) -> None:
    rng = np.random.default_rng(n)
    x = rng.uniform(-50, 500, (n, m))
    types = np.where(rng.random(m) < 0.5, 1, -1)
    w = rng.dirichlet(np.ones(m))
    expected = pymcdm_topsis(x, w, types, norm)
    np.testing.assert_allclose(topsis_closeness(x, w, types, norm), expected, rtol=0, atol=1e-12)
    many = topsis_closeness(x, np.vstack([w, w[::-1]]), types, norm)
    np.testing.assert_allclose(many[0], expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        many[1], pymcdm_topsis(x, w[::-1].copy(), types, norm), rtol=0, atol=1e-12
    )


def test_tiny_chunks_take_the_tiled_path(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(1, 9, (101, 4))
    types = np.array([1, -1, -1, 1])
    w = np.array([0.1, 0.2, 0.3, 0.4])
    expected = pymcdm_topsis(x, w, types, "vector")
    monkeypatch.setattr("exportmcda.rank.fasttopsis._CHUNK_CELLS", 12)  # 3 rows per chunk
    monkeypatch.setattr("exportmcda.rank.fasttopsis._SAMPLE_CELLS", 150)
    np.testing.assert_allclose(topsis_closeness(x, w, types), expected, rtol=0, atol=1e-12)
    many = topsis_closeness(x, np.tile(w, (5, 1)), types)
    np.testing.assert_allclose(many, np.tile(expected, (5, 1)), rtol=0, atol=1e-12)


@given(data=problems(samples=3))
def test_closeness_between_0_and_1(data: tuple[np.ndarray, ...]) -> None:
    x, types, w = data
    for norm in ("vector", "minmax"):
        c = topsis_closeness(x, w, types, norm)
        assert np.all((c >= 0) & (c <= 1))
        c1 = topsis_closeness(x, w[0], types, norm)
        np.testing.assert_allclose(c1, c[0], rtol=0, atol=1e-12)


@given(data=problems(), scale=st.floats(1e-3, 1e3), column=st.integers(0, 5))
def test_rescaling_a_column_keeps_vector_topsis(
    data: tuple[np.ndarray, ...], scale: float, column: int
) -> None:
    x, types, w = data
    j = column % x.shape[1]
    scaled = x.copy()
    scaled[:, j] *= scale
    before = topsis_closeness(x, w, types)
    after = topsis_closeness(scaled, w, types)
    np.testing.assert_allclose(after, before, rtol=0, atol=1e-12)
    # Ranks agree wherever scores are not within rounding of each other.
    gap = before[:, None] - before[None, :]
    clear = np.abs(gap) > 1e-9
    after_gap = after[:, None] - after[None, :]
    np.testing.assert_array_equal(np.sign(gap[clear]), np.sign(after_gap[clear]))


def test_reads_direction_aliases_and_does_not_copy_input() -> None:
    x = np.array([[5.0, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]])
    got = topsis_closeness(x, [0.3, 0.4, 0.3], ["max", "benefit", "+"])
    np.testing.assert_allclose(got, [0.50372, 0.658085, 0.748249, 0.333997], atol=1e-6)
    assert x.flags.writeable  # untouched


def test_identical_alternatives_give_nan_like_pymcdm() -> None:
    x = np.array([[1.0, 2.0], [1.0, 2.0]])
    got = topsis_closeness(x, [0.5, 0.5], [1, 1], "minmax")
    assert np.all(np.isnan(got))


@pytest.mark.parametrize(
    ("x", "w", "types", "norm", "error", "pattern"),
    [
        ([[1.0, 2.0], [3.0, 4.0]], [0.5, 0.5], [1, 1], "sum", ConfigError, "supports"),
        ([[1.0, 0.0], [3.0, 0.0]], [0.5, 0.5], [1, 1], "vector", InputError, "criterion 2"),
        ([[1.0, np.nan], [3.0, 1.0]], [0.5, 0.5], [1, 1], "vector", InputError,
         "alternative 'A1', criterion 'C2'.*NaN"),
        ([[1.0, 2.0], [3.0, np.inf]], [0.5, 0.5], [1, 1], "minmax", InputError, "infinity"),
        ([[1.0, 2.0]], [0.5, 0.5], [1, 1], "vector", InputError, "at least 2"),
        ([[1.0, 2.0], [3.0, 4.0]], [1.0], [1, 1], "vector", JudgmentError, "1 weights given"),
        ([[1.0, 2.0], [3.0, 4.0]], [[1.0]], [1, 1], "vector", JudgmentError, r"shape \(1, 1\)"),
        ([[1.0, 2.0], [3.0, 4.0]], [[0.5, 0.5], [0.5, np.nan]], [1, 1], "vector",
         JudgmentError, "criterion 'C2': weight must be a finite number >= 0, got nan"),
        ([[1.0, 2.0], [3.0, 4.0]], [1.5, -0.5], [1, 1], "vector", JudgmentError, ">= 0"),
        ([[1.0, 2.0], [3.0, 4.0]], [0.5, 0.5], [1, 2], "vector", InputError, "direction"),
    ],
)
def test_bad_input(
    x: object, w: object, types: object, norm: str, error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        topsis_closeness(x, w, types, norm)  # type: ignore[arg-type]


def test_steps_need_one_weight_vector() -> None:
    with pytest.raises(JudgmentError, match="one weight vector"):
        topsis_steps([[1.0, 2.0], [3.0, 4.0]], [[0.5, 0.5]], [1, 1])
