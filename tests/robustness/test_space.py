"""The weight space the robustness engines vary (exportmcda.robustness.space)."""

from __future__ import annotations

import numpy as np

from exportmcda.robustness.space import competition_ranks, shortlist_mask


def test_shortlist_keeps_ties_at_the_cut_off() -> None:
    scores = np.array([0.9, 0.5, 0.7, 0.7, 0.1])
    assert competition_ranks(scores)[0].tolist() == [1, 4, 2, 2, 5]
    assert shortlist_mask(scores, 2)[0].tolist() == [True, False, True, True, False]
    assert shortlist_mask(scores, 1)[0].tolist() == [True, False, False, False, False]
