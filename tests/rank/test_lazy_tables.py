"""The fast TOPSIS path's tables on demand: rows bit-identical to the whole tables, one copy.

Issue 13 item 10 (memory at 10^6 rows): ``rank_matrix`` no longer keeps the normalised and
weighted matrices; any rows are recomputed (``RankResult.table_rows``), and a selection's
contributions are computed for the rows asked (``Selection.contributions_of``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportmcda.errors import InputError
from exportmcda.rank.engine import LazyTopsisTables, rank_matrix
from exportmcda.rank.inputs import check_matrix

# Hwang & Yoon's 4 x 3 example as used in tests/rank/test_engine.py: criterion 1 of the
# normalised matrix is (5, 7, 8, 7) / sqrt(187), by hand.
MATRIX = [[5.0, 8.0, 4.0], [7.0, 6.0, 8.0], [8.0, 8.0, 6.0], [7.0, 4.0, 6.0]]


def test_rows_of_a_hand_case() -> None:
    r = rank_matrix(MATRIX, [0.3, 0.4, 0.3], ["benefit", "benefit", "cost"])
    assert isinstance(r.intermediates, LazyTopsisTables)
    rows = np.array([3, 0], dtype=np.intp)
    normalized = r.table_rows("nmatrix", rows)
    assert normalized is not None
    np.testing.assert_allclose(normalized[:, 0], np.array([7, 5]) / np.sqrt(187), rtol=1e-15)
    weighted = r.table_rows("wnmatrix", rows)
    assert weighted is not None
    np.testing.assert_allclose(weighted[:, 0], 0.3 * np.array([7, 5]) / np.sqrt(187), rtol=1e-15)
    assert not weighted.flags.writeable
    assert sorted(r.intermediates) == sorted(
        ("nmatrix", "wnmatrix", "nis", "pis", "dnis", "dpis", "pref")
    )
    assert len(r.intermediates) == 7


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 40),
    m=st.integers(1, 12),
    seed=st.integers(0, 2**32 - 1),
    frame=st.booleans(),
    norm=st.sampled_from(["vector", "minmax"]),
)
def test_any_rows_equal_the_whole_tables_bit_for_bit(n, m, seed, frame, norm) -> None:
    rng = np.random.default_rng(seed)
    values = rng.uniform(1.0, 100.0, (n, m))
    matrix = pd.DataFrame(values) if frame else values
    weights = rng.dirichlet(np.ones(m))
    types = np.where(np.arange(m) % 2 == 0, 1, -1)
    r = rank_matrix(matrix, weights, types, normalization=norm)
    rows = rng.integers(0, n, size=int(rng.integers(0, 2 * n))).astype(np.intp)
    for label in ("nmatrix", "wnmatrix", "dpis", "dnis", "pref"):
        whole = r.intermediates[label]
        assert np.array_equal(r.table_rows(label, rows), whole[rows]), label


def test_the_result_keeps_one_read_only_copy_of_the_input() -> None:
    values = np.array(MATRIX)
    frame = pd.DataFrame(values, columns=["a", "b", "c"])
    for given_matrix in (values, frame):
        r = rank_matrix(given_matrix, [0.3, 0.4, 0.3], [1, 1, -1])
        # np.array's layout (column-major for a frame): no second, row-major copy
        assert r.matrix.flags.f_contiguous == np.array(given_matrix).flags.f_contiguous
        assert r.matrix.flags.c_contiguous == np.array(given_matrix).flags.c_contiguous
        assert not r.matrix.flags.writeable
        assert not np.shares_memory(r.matrix, values)
        np.testing.assert_array_equal(r.matrix, values)
    values[0, 0] = 99.0  # the caller's array stays the caller's
    assert r.matrix[0, 0] == 5.0


def test_a_float_frame_is_copied_once_in_numpys_layout() -> None:
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.5]})
    copied, _, criteria = check_matrix(frame, criteria=["a", "b"])
    expected = np.array(frame, dtype=float)
    assert copied.flags.f_contiguous == expected.flags.f_contiguous
    np.testing.assert_array_equal(copied, [[1.0, 4.0], [2.0, 5.0], [3.0, 6.5]])
    assert not np.shares_memory(copied, frame["a"].to_numpy())
    assert criteria == ("a", "b")


def test_a_frame_of_other_types_is_still_checked_as_before() -> None:
    mixed = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    with pytest.raises(InputError, match="numeric"):
        check_matrix(mixed)
