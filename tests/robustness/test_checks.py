"""Method agreement and rank reversal checks (exportmcda.robustness.checks)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from exportmcda.labels import note_text, notes_text
from exportmcda.rank.dominance import dominated_rows
from exportmcda.robustness.checks import method_agreement, rank_reversal
from exportmcda.robustness.space import WeightSpace
from tests.robustness.cases import CASES, pymcdm


def test_method_agreement_diagonal_and_common_shortlist() -> None:
    # Tzeng & Huang (2011): A1 = (5, 8, 4), A2 = (7, 6, 8), A3 = (8, 8, 6), A4 = (7, 4, 6),
    # w = (0.3, 0.4, 0.3). By hand every method orders A3 > A2 > A1 > A4:
    # TOPSIS closeness (the paper) 0.748, 0.658, 0.504, 0.334;
    # VIKOR (v = 0.5) S = (0.6, 0.3, 0.15, 0.65), R = (0.3, 0.2, 0.15, 0.4),
    #   Q = (0.75, 0.25, 0, 1);
    # weighted sum of min-max scores 0.4, 0.7, 0.85, 0.35;
    # PROMETHEE II (usual) net flows -1/3, 1/6, 17/30, -0.4.
    # So Kendall's tau-b is 1 for every pair, not only on the diagonal.
    case = CASES["topsis-tzeng-huang2011-vector"]["inputs"]
    space = WeightSpace.from_matrix(case["matrix"], case["weights"], case["types"])
    methods = ("topsis", "vikor", "wsm", "promethee_ii")
    agree = method_agreement(space, top_n=2, methods=methods)
    assert list(agree.tau.index) == list(agree.tau.columns) == list(methods)
    np.testing.assert_allclose(agree.tau.to_numpy(), np.ones((4, 4)), atol=1e-12)
    assert agree.shortlists == dict.fromkeys(methods, ("A3", "A2"))
    assert agree.common == ("A3", "A2")
    assert agree.notes == ()
    json.dumps(agree.as_dict(), allow_nan=False)


def test_vikor_disagrees_with_topsis_on_opricovic_and_tzeng() -> None:
    # Opricovic & Tzeng (2004), the paper's point: f1 (cost) = (1, 2, 5), f2 = (3000, 3750,
    # 4500), w = (0.5, 0.5). TOPSIS (vector) ranks A1 > A2 > A3 (closeness 0.762, 0.722,
    # 0.238, the recomputed values in mcda-cases.json); VIKOR's Q = (1, 0, 1) puts A2 first
    # and ties A1 with A3; the weighted sum of min-max scores (0.5, 0.625, 0.5) agrees with
    # VIKOR. Kendall's tau-b by hand, TOPSIS ranks (1, 2, 3) against (2.5, 1, 2.5): the pair
    # (A1, A2) is discordant, (A2, A3) concordant, (A1, A3) tied in one ranking, so
    # tau_b = (1 - 1) / sqrt(3 * 2) = 0; VIKOR against the weighted sum: identical, tau_b = 1.
    case = CASES["vikor-opricovic2004"]["inputs"]
    space = WeightSpace.from_matrix(case["matrix"], case["weights"], case["types"])
    agree = method_agreement(space, top_n=1, methods=("topsis", "vikor", "wsm"))
    np.testing.assert_allclose(
        agree.tau.to_numpy(), [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [0.0, 1.0, 1.0]], atol=1e-12
    )
    assert agree.shortlists == {"topsis": ("A1",), "vikor": ("A2",), "wsm": ("A2",)}
    assert agree.common == ()
    pair = agree.pairs.set_index(["method_a", "method_b"]).loc[("topsis", "vikor")]
    assert pair["spearman"] == pytest.approx(0.0, abs=1e-12)
    assert pair["top_n_overlap"] == 0.0


def test_method_agreement_notes_a_method_that_cannot_run() -> None:
    x = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])  # constant 2nd column: VIKOR refuses
    agree = method_agreement(WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1]), top_n=1)
    assert "vikor" not in agree.shortlists
    assert any("vikor skipped" in n for n in notes_text(agree.notes))


def test_rank_reversal_when_an_alternative_is_removed() -> None:
    # Constructed here (found by a search over small integer matrices), the effect that
    # García-Cascales & Lamata (2012) describe: C = (2, 8) holds the best value on C2 and
    # the worst on C1; removing it moves the C2 ideal from 8 to 2 and the C1 anti-ideal
    # from 2 to 4, and A = (4, 2) overtakes B = (5, 1).
    x = np.array([[4.0, 2.0], [5.0, 1.0], [2.0, 8.0]])
    before = pymcdm(x, np.array([0.5, 0.5]), np.array([1, 1]))
    after = pymcdm(x[:2], np.array([0.5, 0.5]), np.array([1, 1]))
    assert before[1] > before[0]
    assert after[0] > after[1]
    space = WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1], alternatives=["A", "B", "C"])
    (report,) = rank_reversal(space, top_n=1, remove=["C"], add=None)
    assert report.swapped == (("B", "A"),)
    assert report.n_swapped == 1
    assert report.shortlist_changed


def test_rank_reversal_when_a_dominated_copy_is_added() -> None:
    # C = (4, 2) is dominated by B = (4, 5); a second copy of C enlarges the C2 norm more
    # than the C1 norm (vector normalisation), reweighting the criteria: B and A swap.
    x = np.array([[2.0, 7.0], [4.0, 5.0], [4.0, 2.0]])
    space = WeightSpace.from_matrix(x, [0.5, 0.5], [1, 1], alternatives=["A", "B", "C"])
    assert dominated_rows(space.matrix, space.types).tolist() == [False, False, True]
    (report,) = rank_reversal(space, top_n=1, remove=[], add="dominated")
    assert note_text(report.change) == "added a copy of C (dominated)"
    assert report.swapped == (("B", "A"),)
    after = pymcdm(np.vstack([x, x[2]]), np.array([0.5, 0.5]), np.array([1, 1]))
    assert after[0] > after[1]


def test_no_rank_reversal_in_a_dominance_chain() -> None:
    # A > B > C > D on every criterion: TOPSIS keeps a dominance order whatever the other
    # alternatives (each column is normalised monotonically), so nothing can swap.
    x = np.array([[9.0, 8.0, 7.0], [7.0, 6.0, 6.0], [5.0, 5.0, 3.0], [2.0, 1.0, 1.0]])
    space = WeightSpace.from_matrix(x, [0.2, 0.5, 0.3], [1, 1, 1])
    reports = rank_reversal(space, top_n=2, remove=[0, 1, 2, 3], add=[8.0, 9.0, 1.0])
    assert len(reports) == 5
    assert all(r.n_swapped == 0 and r.swapped == () for r in reports)
