"""Weight models for SMAA (exportmcda.robustness.sampling): where the sampled weights lie."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.errors import ConfigError
from exportmcda.robustness.sampling import WeightModel


def test_dirichlet_mean_is_the_centre_and_zero_stays_zero() -> None:
    centre = np.array([0.5, 0.3, 0.2, 0.0])
    w = WeightModel.around(centre, 50.0).stream(np.random.default_rng(0)).take(20_000)
    np.testing.assert_allclose(w.mean(axis=0), centre, atol=0.003)
    # Var = w(1 - w)/(kappa + 1) (Kotz et al. 2000): 0.25/51 for w = 0.5.
    assert w[:, 0].var() == pytest.approx(0.25 / 51, rel=0.05)
    assert np.all(w[:, 3] == 0.0)


@given(
    kind=st.sampled_from(["uniform", "dirichlet", "intervals"]),
    d=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
)
def test_sampled_weights_lie_in_the_simplex(kind: str, d: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        model = WeightModel.uniform(d)
    elif kind == "dirichlet":
        model = WeightModel.around(rng.dirichlet(np.ones(d)), float(rng.uniform(1, 100)))
    else:
        model = WeightModel.intervals(np.zeros(d), np.ones(d))
    w = model.stream(rng).take(500)
    assert w.shape == (500, d)
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)


@st.composite
def intervals(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    d = draw(st.integers(2, 6))
    centre = np.array(draw(st.lists(st.floats(0.05, 1.0), min_size=d, max_size=d)))
    centre /= centre.sum()
    below = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=d, max_size=d)))
    above = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=d, max_size=d)))
    lo = centre * (1 - 0.5 * below)
    hi = np.minimum(1.0, centre * (1 + 0.5 * above) + 0.02)
    return lo, hi


@given(bounds=intervals(), seed=st.integers(0, 2**32 - 1))
def test_interval_sampling_respects_the_intervals(
    bounds: tuple[np.ndarray, np.ndarray], seed: int
) -> None:
    lo, hi = bounds
    w = WeightModel.intervals(lo, hi).stream(np.random.default_rng(seed)).take(300)
    assert np.all(w >= lo - 1e-12)
    assert np.all(w <= hi + 1e-12)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)


def test_infeasible_intervals_are_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="sum to 1") as low:
        WeightModel.intervals([0.5, 0.6], [0.9, 0.9])
    assert low.value.code == "smaa.intervals_infeasible"
    with pytest.raises(ConfigError, match="sum to 1"):
        WeightModel.intervals([0.0, 0.1], [0.3, 0.4])
    with pytest.raises(ConfigError, match="lower bound"):
        WeightModel.intervals([0.6, 0.1], [0.5, 0.9])


def test_uniform_weights_have_the_flat_dirichlets_moments() -> None:
    # Dirichlet(1, 1, 1): mean 1/3, variance (d - 1) / (d^2 (d + 1)) = 2/36 = 1/18.
    w = WeightModel.uniform(3).stream(np.random.default_rng(5)).take(30_000)
    np.testing.assert_allclose(w.mean(axis=0), [1 / 3] * 3, atol=0.005)
    np.testing.assert_allclose(w.var(axis=0), [1 / 18] * 3, rtol=0.05)


def test_the_stream_is_the_same_whatever_the_chunk_sizes() -> None:
    model = WeightModel.around([0.6, 0.3, 0.1], 20.0)
    whole = model.stream(np.random.default_rng(11)).take(5_000)
    stream = model.stream(np.random.default_rng(11))
    pieces = np.vstack([stream.take(n) for n in (1, 999, 3_996, 4)])  # 5,000 in all
    np.testing.assert_array_equal(pieces, whole)


def test_each_model_describes_itself() -> None:
    assert WeightModel.uniform(2).describe() == "uniform on the simplex (Dirichlet(1, ..., 1))"
    assert WeightModel.around([0.5, 0.5], 50).describe() == (
        "Dirichlet(kappa * w) around the given weights, kappa = 50"
    )
    assert WeightModel.intervals([0.2, 0.2], [0.8, 0.8]).describe() == (
        "uniform on the simplex within the given intervals (rejection sampling)"
    )


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: WeightModel.uniform(0), "smaa.dimension"),
        (lambda: WeightModel.around([0.5, 0.4]), "smaa.center"),
        (lambda: WeightModel.around([1.2, -0.2]), "smaa.center"),
        (lambda: WeightModel.around([0.5, 0.5], 0.0), "smaa.center"),
        (lambda: WeightModel.intervals([0.1, 0.2], [0.9]), "smaa.intervals"),
        (lambda: WeightModel.intervals([-0.1, 0.2], [0.9, 0.9]), "smaa.intervals"),
    ],
)
def test_bad_models_are_refused_with_the_issue_code(build, code: str) -> None:
    with pytest.raises(ConfigError) as info:
        build()
    assert info.value.code == code
