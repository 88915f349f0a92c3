"""SMAA-2 (robustness.smaa): known properties and pymcdm cross-checks (weights: test_sampling)."""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS

from exportmcda.errors import ConfigError
from exportmcda.rank.engine import ranks_batch
from exportmcda.robustness.sampling import WeightModel
from exportmcda.robustness.smaa import smaa
from exportmcda.robustness.space import WeightSpace

# Tzeng & Huang (2011) TOPSIS example (tests/fixtures/mcda-cases.json): A1 is dominated by A3.
TZENG = np.array([[5.0, 8.0, 4.0], [7.0, 6.0, 8.0], [8.0, 8.0, 6.0], [7.0, 4.0, 6.0]])


def space(matrix: np.ndarray = TZENG, weights: np.ndarray | None = None) -> WeightSpace:
    m = matrix.shape[1]
    w = np.full(m, 1.0 / m) if weights is None else weights
    return WeightSpace.from_matrix(matrix, w, np.ones(m, dtype=int))


def random_problem(n: int = 30, m: int = 4, seed: int = 3) -> WeightSpace:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 100.0, (n, m))
    return WeightSpace.from_matrix(x, np.full(m, 1.0 / m), np.where(np.arange(m) % 2, -1, 1))


def pymcdm_closeness(x: np.ndarray, w: np.ndarray, types: np.ndarray) -> np.ndarray:
    return np.asarray(TOPSIS(pn.vector_normalization)(x, w, types, validation=False))


def test_dominated_alternative_is_never_first() -> None:
    r = smaa(space(), samples=5_000, seed=1)
    assert r.acceptability[0, 0] == 0.0  # A1 dominated by A3
    assert np.isnan(r.central_weights[0]).all()
    assert np.isnan(r.confidence[0])
    # A1 can never beat A3, so it is never ranked above 2nd... nor is A3 ever last.
    assert r.acceptability[2, 3] == 0.0


@pytest.mark.parametrize(
    "model",
    [
        None,
        WeightModel.around([0.3, 0.4, 0.3], 20.0),
        WeightModel.intervals([0.1, 0.2, 0.1], [0.5, 0.6, 0.5]),
    ],
)
def test_acceptability_rows_and_columns_sum_to_one(model: WeightModel | None) -> None:
    r = smaa(space(), samples=3_000, seed=2, model=model)
    np.testing.assert_allclose(r.acceptability.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(r.acceptability.sum(axis=1), 1.0, atol=1e-12)
    first = ~np.isnan(r.central_weights[:, 0])
    np.testing.assert_allclose(r.central_weights[first].sum(axis=1), 1.0, atol=1e-12)
    assert np.all(r.central_weights[first] >= 0)


def test_same_seed_identical_other_seed_close() -> None:
    sp = random_problem()
    a = smaa(sp, samples=8_000, seed=7)
    b = smaa(sp, samples=8_000, seed=7)
    c = smaa(sp, samples=8_000, seed=8)
    np.testing.assert_array_equal(a.acceptability, b.acceptability)
    np.testing.assert_array_equal(a.central_weights, b.central_weights)
    assert not np.array_equal(a.acceptability, c.acceptability)
    # Monte-Carlo error of a proportion with 8,000 samples is at most 0.0056 (1 sd).
    assert np.max(np.abs(a.acceptability - c.acceptability)) < 0.03
    assert np.max(np.abs(a.top_n(5) - c.top_n(5))) < 0.03


@pytest.mark.parametrize("noise", [0.0, 0.05])
def test_chunked_equals_unchunked(noise: float) -> None:
    sp = random_problem(n=12)
    samples = 600 if noise else 5_000
    whole = smaa(sp, samples=samples, seed=4, chunk=samples, noise=noise, confidence_samples=50)
    for chunk in (1, 97, 1_000) if noise == 0 else (97,):
        parts = smaa(sp, samples=samples, seed=4, chunk=chunk, noise=noise, confidence_samples=50)
        np.testing.assert_array_equal(parts.acceptability, whole.acceptability)
        np.testing.assert_allclose(
            parts.central_weights, whole.central_weights, atol=1e-12, equal_nan=True
        )
        np.testing.assert_array_equal(parts.confidence, whole.confidence)


def test_closeness_of_samples_equals_pymcdm_per_sample() -> None:
    sp = random_problem(n=40, m=5)
    w = WeightModel.uniform(5).stream(np.random.default_rng(0)).take(200)
    ours = sp.closeness(w)
    for s in range(0, 200, 7):
        base = pymcdm_closeness(np.asarray(sp.matrix), w[s], np.asarray(sp.types))
        np.testing.assert_allclose(ours[s], base, rtol=0, atol=1e-12)


def test_acceptability_equals_counting_pymcdm_ranks() -> None:
    """The whole pipeline against ranks of pymcdm's closeness, sample by sample."""
    sp = random_problem(n=8, m=3)
    samples, seed = 300, 5
    r = smaa(sp, samples=samples, seed=seed)
    # The weights smaa() draws: the first child stream of default_rng(seed).
    w = WeightModel.uniform(3).stream(np.random.default_rng(seed).spawn(3)[0]).take(samples)
    closeness = np.array(
        [pymcdm_closeness(np.asarray(sp.matrix), row, np.asarray(sp.types)) for row in w]
    )
    ranks = ranks_batch(closeness)
    expected = np.stack([(ranks == k + 1).mean(axis=0) for k in range(8)], axis=1)
    np.testing.assert_allclose(r.acceptability, expected, atol=1e-12)
    first = ranks == 1
    for i in np.flatnonzero(first.any(axis=0)):
        np.testing.assert_allclose(r.central_weights[i], w[first[:, i]].mean(axis=0), atol=1e-12)


def test_duplicate_rows_share_ranks_equally() -> None:
    x = np.vstack([TZENG, TZENG[2]])  # A5 is a copy of the winner A3
    r = smaa(space(x), samples=2_000, seed=0)
    np.testing.assert_array_equal(r.acceptability[2], r.acceptability[4])
    np.testing.assert_allclose(r.acceptability.sum(axis=0), 1.0, atol=1e-12)
    # Only A2 or the A3 pair can lead (A1 and A4 are dominated by A3); when the pair leads
    # it ties over ranks 1-2, so each copy gets half of "first".
    assert r.acceptability[2, 0] == pytest.approx((1.0 - r.acceptability[1, 0]) / 2, abs=1e-12)
    assert r.acceptability[1, 0] > 0
    assert r.confidence[2] == 0.5  # two alternatives tie for first at the central weights


def test_exact_ties_between_distinct_rows() -> None:
    """Rows differing only on a zero-weight criterion tie in every sample."""
    x = np.array([[1.0, 5.0, 1.0], [1.0, 5.0, 9.0], [4.0, 2.0, 3.0], [3.0, 3.0, 5.0]])
    sp = space(x, np.array([0.5, 0.5, 0.0]))
    model = WeightModel.around(sp.weights, 10.0)
    r = smaa(sp, samples=2_000, seed=1, model=model)
    np.testing.assert_allclose(r.acceptability[0], r.acceptability[1], atol=1e-12)
    np.testing.assert_allclose(r.acceptability.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(r.acceptability.sum(axis=1), 1.0, atol=1e-12)
    chunked = smaa(sp, samples=2_000, seed=1, model=model, chunk=333)
    np.testing.assert_allclose(chunked.acceptability, r.acceptability, atol=1e-12)
    assert np.all(r.central_weights[~np.isnan(r.central_weights[:, 0]), 2] == 0.0)


def test_confidence_without_noise_is_zero_or_one_and_with_noise_a_probability() -> None:
    sp = random_problem(n=10)
    exact = smaa(sp, samples=2_000, seed=0)
    c = exact.confidence[~np.isnan(exact.confidence)]
    assert set(c.tolist()) <= {0.0, 1.0}
    noisy = smaa(sp, samples=300, seed=0, noise=0.1, confidence_samples=100)
    c = noisy.confidence[~np.isnan(noisy.confidence)]
    assert np.all((c >= 0) & (c <= 1))
    np.testing.assert_allclose(noisy.acceptability.sum(axis=1), 1.0, atol=1e-12)


def test_dominant_alternative_is_always_first_even_with_small_noise() -> None:
    x = np.array([[10.0, 10.0], [5.0, 6.0], [6.0, 5.0]])
    r = smaa(space(x), samples=500, seed=0, noise=0.02, confidence_samples=200)
    assert r.acceptability[0, 0] == 1.0
    assert r.confidence[0] == 1.0


def test_progress_called_after_each_chunk() -> None:
    calls: list[tuple[int, int]] = []
    smaa(space(), samples=5_000, chunk=2_000, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(2_000, 5_000), (4_000, 5_000), (5_000, 5_000)]


def test_rank_probabilities_compact() -> None:
    r = smaa(random_problem(), samples=2_000, seed=0)
    p = r.rank_probabilities(0, 5)
    assert list(p) == ["1", "2", "3", "4", "5", ">5"]
    assert sum(p.values()) == pytest.approx(1.0)
    assert r.table(5)["top_n"].is_monotonic_decreasing


def test_bad_settings_raise() -> None:
    with pytest.raises(ConfigError):
        smaa(space(), samples=0)
    with pytest.raises(ConfigError):
        smaa(space(), noise=1.5)
    with pytest.raises(ConfigError, match="criteria"):
        smaa(space(), model=WeightModel.uniform(5))


def test_chunk_with_ties_in_some_rows_only() -> None:
    """Sample 1 ties A1 and A2 over ranks 1-2; sample 2 has no tie (private accumulator)."""
    from exportmcda.robustness.smaa import _accumulate, _Counts, _finish

    c = np.array([[0.5, 0.5, 0.1], [0.9, 0.2, 0.4]])
    mult = np.ones(3, dtype=np.int64)
    w = np.array([[0.2, 0.8], [0.6, 0.4]])
    acc = _Counts(
        starts=np.zeros((3, 3), dtype=np.int64),
        spread=np.zeros((3, 4)),
        first=np.zeros(3),
        central=np.zeros((3, 2)),
    )
    _accumulate(c, mult, w, acc, 3)
    b = _finish(acc, mult, 3) / 2
    np.testing.assert_allclose(b, [[0.75, 0.25, 0.0], [0.25, 0.25, 0.5], [0.0, 0.5, 0.5]])
    np.testing.assert_allclose(acc.first, [1.5, 0.5, 0.0])
    # A1: half of sample 1's weights plus all of sample 2's, over a first-mass of 1.5.
    np.testing.assert_allclose(acc.central[0] / acc.first[0], (0.5 * w[0] + w[1]) / 1.5)
