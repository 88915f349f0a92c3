"""Average, integer and shared ranks, tie groups, rank correlations (exportmcda.rank.ranks)."""

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
from exportmcda.rank.ranks import TIE_TOLERANCE, descending_with_ties, rank_with_ties, tie_groups

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
    # Tie at the cut-off: input order decides (a statistic of positions, not the shortlist).
    assert top_n_overlap([1.5, 1.5, 3, 4], [1, 2, 3, 4], 1) == 1.0
    with pytest.raises(ConfigError, match="between 1 and 4"):  # a setting: ConfigError
        top_n_overlap([1, 2, 3, 4], [1, 2, 3, 4], 5)


# ---- integer ranks, shared ranks and tie groups (rank_with_ties) ------------------------


def test_rank_with_ties_by_hand() -> None:
    # scores 0.5 (e), 0.9 (d), 0.5 (c), 0.7 (b), 0.5 (a): d first, b second, then the tie
    # {e, c, a} over positions 3-5, ordered by key: a, c, e; all three share rank 3.
    ties = rank_with_ties([0.5, 0.9, 0.5, 0.7, 0.5], ["e", "d", "c", "b", "a"])
    assert ties.ordinal.tolist() == [5, 1, 4, 2, 3]
    assert ties.shared.tolist() == [3, 1, 3, 2, 3]
    assert ties.average.tolist() == [4.0, 1.0, 4.0, 2.0, 4.0]
    assert ties.groups.tolist() == [2, 0, 2, 1, 2]
    assert ties.order.tolist() == [1, 3, 4, 2, 0]
    assert ties.tied_with(0) == (4, 2)
    assert ties.tied_with(1) == ()
    assert ties.tie_count == 1
    assert ties.top(3) == (1, 3, 4)
    assert ties.cut_off_ties(3) == (2, 0)  # c and e tie with a, the third
    assert ties.cut_off_ties(4) == (0,)
    assert ties.cut_off_ties(2) == ()  # no tie at the cut
    assert ties.cut_off_ties(5) == ()


def test_competition_ranks_are_1224_and_lower_is_better_flips() -> None:
    ties = rank_with_ties([10.0, 7.0, 7.0, 3.0], ["a", "b", "c", "d"])
    assert ties.shared.tolist() == [1, 2, 2, 4]
    assert ties.ordinal.tolist() == [1, 2, 3, 4]
    low = rank_with_ties([10.0, 7.0, 7.0, 3.0], ["a", "b", "c", "d"], higher_is_better=False)
    assert low.shared.tolist() == [4, 2, 2, 1]
    assert low.ordinal.tolist() == [4, 2, 3, 1]


def test_the_tolerance_ties_rounding_noise_and_chains() -> None:
    eps = 1e-13
    ties = rank_with_ties([0.3 + eps, 0.3, 0.2], ["b", "a", "c"])
    assert ties.shared.tolist() == [1, 1, 3]
    assert ties.ordinal.tolist() == [2, 1, 3]  # tied: by key, not by the 1e-13
    # chained: 0.3, 0.3 + 0.8e-12, 0.3 + 1.6e-12 are one group although the ends differ
    # by more than 1e-12 (single linkage keeps "tied" an equivalence relation)
    chain = tie_groups([0.3, 0.3 + 0.8e-12, 0.3 + 1.6e-12])
    assert chain.tolist() == [0, 0, 0]
    assert tie_groups([0.3, 0.3 + 2e-12]).tolist() == [1, 0]
    assert tie_groups([0.3, 0.3 + 2e-12], tol=1e-11).tolist() == [0, 0]
    assert TIE_TOLERANCE == 1e-12


def test_without_keys_input_order_breaks_ties() -> None:
    assert rank_with_ties([1.0, 2.0, 1.0]).ordinal.tolist() == [2, 1, 3]


def test_rank_with_ties_rejects_bad_input() -> None:
    with pytest.raises(InputError, match="1-D"):
        rank_with_ties([[1.0, 2.0]])
    with pytest.raises(InputError, match="NaN"):
        rank_with_ties([1.0, float("nan")])
    with pytest.raises(InputError, match="2 keys for 3 scores"):
        rank_with_ties([1.0, 2.0, 3.0], ["a", "b"])


def test_the_arrays_are_read_only() -> None:
    ties = rank_with_ties([1.0, 2.0])
    for array in (ties.ordinal, ties.shared, ties.average, ties.groups, ties.order):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0


@given(score_vectors, st.booleans())
def test_ranks_are_a_permutation_and_shared_never_worse(scores: np.ndarray, higher: bool) -> None:
    keys = [f"T{i:03d}" for i in range(len(scores))]
    ties = rank_with_ties(scores, keys, higher)
    n = len(scores)
    assert sorted(ties.ordinal.tolist()) == list(range(1, n + 1))
    assert np.all(ties.shared <= ties.ordinal)
    assert np.all(ties.shared <= ties.average)
    assert np.all(ties.average <= ties.ordinal + (n - 1))
    # average ranks agree with pymcdm (exact ties, integer-valued scores here)
    np.testing.assert_array_equal(ties.average, ranks_from_scores(scores, higher))
    # the order follows the ordinal rank, and scores never get better down the order
    assert ties.ordinal[ties.order].tolist() == list(range(1, n + 1))
    key = -scores if higher else scores
    assert np.all(np.diff(key[ties.order]) >= 0)


@given(score_vectors)
def test_tie_groups_are_symmetric_and_tied_means_equal(scores: np.ndarray) -> None:
    ties = rank_with_ties(scores, [f"k{i:02d}" for i in range(len(scores))])
    for i in range(len(scores)):
        for j in ties.tied_with(i):
            assert i in ties.tied_with(j)
            assert scores[i] == scores[j]  # integer-valued scores: tied = equal
            assert ties.shared[i] == ties.shared[j]
        assert i not in ties.tied_with(i)
        others = [j for j in range(len(scores)) if j != i and scores[j] == scores[i]]
        assert sorted(ties.tied_with(i)) == others


@given(score_vectors, st.randoms(use_true_random=False))
def test_permuting_the_rows_permutes_the_result(scores: np.ndarray, rnd) -> None:
    keys = [f"T{i:03d}" for i in range(len(scores))]
    perm = list(range(len(scores)))
    rnd.shuffle(perm)
    ties = rank_with_ties(scores, keys)
    moved = rank_with_ties(scores[perm], [keys[p] for p in perm])
    np.testing.assert_array_equal(moved.ordinal, ties.ordinal[perm])
    np.testing.assert_array_equal(moved.shared, ties.shared[perm])
    assert [perm[i] for i in moved.order] == ties.order.tolist()
    for n in range(1, len(scores) + 1):
        assert {perm[i] for i in moved.top(n)} == set(ties.top(n))
        assert {perm[i] for i in moved.cut_off_ties(n)} == set(ties.cut_off_ties(n))


@given(
    st.lists(st.sampled_from([0.1, 0.2, 0.2 + 1e-13, 0.3, 0.5]), min_size=1, max_size=40),
    st.randoms(use_true_random=False),
)
def test_integer_ranks_order_each_tie_group_by_key_like_a_full_sort(scores, rnd):
    """The numpy rank_with_ties equals sorting every alternative by (tie group, key)."""
    keys = [f"T{k:03d}" for k in range(len(scores))]
    rnd.shuffle(keys)
    ties = rank_with_ties(scores, keys)
    groups = tie_groups(scores)
    expected = sorted(range(len(scores)), key=lambda i: (int(groups[i]), keys[i]))
    assert ties.order.tolist() == expected
    for i in range(len(scores)):  # a group's members, by the group alone
        assert ties.tied_with(i) == tuple(j for j in expected if groups[j] == groups[i]
                                          and j != i)
    for n in range(1, len(scores) + 1):
        last = groups[expected[n - 1]]
        assert ties.cut_off_ties(n) == tuple(j for j in expected[n:] if groups[j] == last)


def test_criteria_equal_but_for_the_last_bit_are_tied_in_index_order():
    # The sample's ARE case (min-max, balanced), 29th technology: equally far from the ideal
    # on domestic and overseas deployments; an AVX2 CPU left one ulp between the two, an
    # AVX-512 CPU none, and the sentence named another criterion (4 December 2026).
    gap = 0.055485213254474294
    above = float(np.nextafter(gap, 1.0))
    assert descending_with_ties(np.array([0.0, gap, above, 0.03])) == [1, 2, 3, 0]
    assert descending_with_ties(np.array([0.0, above, gap, 0.03])) == [1, 2, 3, 0]
    # a real difference still orders: 1e-9 is far above the tie tolerance (1e-12)
    assert descending_with_ties(np.array([0.0, gap, gap + 1e-9, 0.03])) == [2, 1, 3, 0]


@given(
    arrays(np.float64, st.integers(1, 20), elements=st.sampled_from([0.0, 0.25, 0.5, 0.75])),
    arrays(np.int8, 20, elements=st.integers(-2, 2)),
)
def test_descending_with_ties_is_the_tie_groups_rule(values: np.ndarray, ulps: np.ndarray) -> None:
    # exact ties pushed a few ulps apart, as another CPU's kernels might leave them
    noisy = values + ulps[: values.size] * np.spacing(values + 1.0)
    groups = tie_groups(noisy)
    assert descending_with_ties(noisy.tolist()) == sorted(
        range(noisy.size), key=lambda j: (groups[j], j)
    )
    assert descending_with_ties(noisy.tolist()) == descending_with_ties(values.tolist())
