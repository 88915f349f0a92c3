"""Average ranks, batch ranks and rank correlations (exportmcda.rank.ranks)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm.correlations import kendall_tau
from pymcdm.helpers import rankdata

from exportmcda.errors import ConfigError, InputError
from exportmcda.rank.engine import kendall_tau_b, ranks_batch, ranks_from_scores, top_n_overlap

# Few distinct values, so ties are frequent.
score_vectors = arrays(np.float64, st.integers(1, 30), elements=st.integers(-4, 4).map(float))


def test_pymcdm_docstring_examples() -> None:
    np.testing.assert_array_equal(ranks_from_scores([0, 3, 2, 5], False), [1, 3, 2, 4])
    np.testing.assert_array_equal(ranks_from_scores([0, 3, 2, 5]), [4, 2, 3, 1])
    np.testing.assert_array_equal(ranks_from_scores([0, 3, 2, 3], False), [1, 3.5, 2, 3.5])
    np.testing.assert_array_equal(ranks_from_scores([0, 3, 2, 3]), [4, 1.5, 3, 1.5])


@given(score_vectors, st.booleans())
def test_equals_pymcdm_rankdata(scores: np.ndarray, higher: bool) -> None:
    np.testing.assert_array_equal(
        ranks_from_scores(scores, higher), rankdata(scores.tolist(), reverse=higher)
    )


@given(score_vectors, st.booleans(), st.randoms(use_true_random=False))
def test_average_rank_vector_properties(scores: np.ndarray, higher: bool, rnd: object) -> None:
    ranks = ranks_from_scores(scores, higher)
    n = len(scores)
    assert ranks.sum() == pytest.approx(n * (n + 1) / 2)
    assert ranks.min() >= 1
    assert ranks.max() <= n
    # Equal scores <=> equal ranks; a better score never has a worse rank.
    same = scores[:, None] == scores[None, :]
    np.testing.assert_array_equal(same, ranks[:, None] == ranks[None, :])
    better = scores[:, None] > scores[None, :] if higher else scores[:, None] < scores[None, :]
    assert np.all(ranks[:, None][better.nonzero()[0]].ravel() < ranks[better.nonzero()[1]])
    perm = np.array(rnd.sample(range(n), n))  # type: ignore[attr-defined]
    np.testing.assert_array_equal(ranks_from_scores(scores[perm], higher), ranks[perm])


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 12)),
        elements=st.integers(0, 3).map(float),
    ),
    st.booleans(),
)
def test_batch_equals_row_by_row(scores: np.ndarray, higher: bool) -> None:
    batch = ranks_batch(scores, higher)
    for row, ranks in zip(scores, batch, strict=True):
        np.testing.assert_array_equal(ranks, ranks_from_scores(row, higher))


def test_batch_ranks_large() -> None:
    rng = np.random.default_rng(3)
    scores = rng.random((2000, 50))
    batch = ranks_batch(scores)
    expected = (-scores).argsort(axis=1).argsort(axis=1) + 1.0
    np.testing.assert_array_equal(batch, expected)


@pytest.mark.parametrize("bad", [[[1.0, np.nan]], [1.0, 2.0]])
def test_batch_rejects_bad_scores(bad: list[object]) -> None:
    with pytest.raises(InputError):
        ranks_batch(bad)


def test_scores_must_be_1d_and_finite() -> None:
    with pytest.raises(InputError, match="1-D"):
        ranks_from_scores([[1.0, 2.0]])
    with pytest.raises(InputError, match="NaN"):
        ranks_from_scores([1.0, np.inf])


distinct = st.integers(2, 25).flatmap(lambda n: st.permutations(range(n)))


@given(distinct, st.randoms(use_true_random=False))
def test_tau_b_equals_pymcdm_tau_without_ties(x: list[int], rnd: object) -> None:
    y = list(x)
    rnd.shuffle(y)  # type: ignore[attr-defined]
    assert kendall_tau_b(x, y) == pytest.approx(kendall_tau(x, y), abs=1e-12)
    assert kendall_tau_b(x, x) == pytest.approx(1.0)
    assert kendall_tau_b(x, [-v for v in x]) == pytest.approx(-1.0)


def test_tau_b_with_ties_textbook_value() -> None:
    # x = (1, 2, 2, 3), y = (1, 2, 3, 3): 6 pairs, n1 = n2 = 1 tie, concordant 4, discordant
    # 0 -> tau_b = 4 / sqrt(5 * 5) = 0.8 (Kendall 1945 formula).
    assert kendall_tau_b([1, 2, 2, 3], [1, 2, 3, 3]) == pytest.approx(0.8)
    assert np.isnan(kendall_tau_b([1, 1, 1], [1, 2, 3]))


def test_tau_b_chunked_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    x = rng.integers(0, 40, 300).astype(float)
    y = x + rng.integers(0, 3, 300)
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    n0 = 300 * 299 / 2
    n1 = (np.count_nonzero(sx == 0) - 300) / 2
    n2 = (np.count_nonzero(sy == 0) - 300) / 2
    expected = (sx * sy).sum() / 2 / np.sqrt((n0 - n1) * (n0 - n2))
    assert kendall_tau_b(x, y) == pytest.approx(expected, abs=1e-12)
    monkeypatch.setattr("exportmcda.rank.ranks._PAIR_BLOCK", 7 * 300)  # 7-row chunks
    assert kendall_tau_b(x, y) == pytest.approx(expected, abs=1e-12)


def test_top_n_overlap() -> None:
    assert top_n_overlap([1, 2, 3, 4], [2, 1, 4, 3], 2) == 1.0
    assert top_n_overlap([1, 2, 3, 4], [4, 3, 2, 1], 2) == 0.0
    assert top_n_overlap([1, 2, 3, 4], [1, 3, 2, 4], 2) == 0.5
    # Tie at the cut-off: input order decides, as in RankResult.order.
    assert top_n_overlap([1.5, 1.5, 3, 4], [1, 2, 3, 4], 1) == 1.0
    with pytest.raises(ConfigError, match="between 1 and 4"):  # a setting: ConfigError
        top_n_overlap([1, 2, 3, 4], [1, 2, 3, 4], 5)
