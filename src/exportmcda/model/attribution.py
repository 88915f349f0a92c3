"""Each criterion's part of a ranking's score, for the methods other than TOPSIS.

TOPSIS closeness is not additive over criteria; :func:`exportmcda.model.selection.
contributions` apportions it (Hwang & Yoon 1981, the separation measure). For the other
methods a part is given only where the method's own score is a sum over the criteria, so
that the parts add up to the score exactly (never an apportionment made up for display):

* weighted sum (WSM): P_i = sum_j w_j r_ij (Fishburn 1967; Triantaphyllou 2000, ch. 2),
  part_ij = w_j r_ij, pymcdm's ``wmatrix`` table;
* PROMETHEE II: the net flow is the weighted sum of the unicriterion net flows,
  phi(a) = sum_j w_j phi_j(a), phi_j(a) = 1/(m-1) sum_b [P_j(a, b) - P_j(b, a)]
  (Brans, J. P. & Mareschal, B. (2005). PROMETHEE methods. In Figueira, Greco & Ehrgott
  (eds.), Multiple Criteria Decision Analysis: State of the Art Surveys, Springer, ch. 5,
  the profile of an action), part_ij = w_j phi_j(a_i), which may be negative;
* SPOTIS: the score is the weighted distance to the ideal solution point,
  d(A_i, S*) = sum_j w_j |x_ij - S*_j| / |max_j - min_j| (Dezert et al. 2020), part_ij =
  w_j d_ij, a part of a *distance* (lower is better).

VIKOR's Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*) mixes the sum S with
the largest single regret R_i = max_j (Opricovic & Tzeng 2004, eqs. 1-4): no published
decomposition of Q over criteria exists, so VIKOR has no parts (``None``) and says so with
the ``contributions_undefined`` note.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from exportmcda.errors import Note
from exportmcda.rank.engine import METHODS, RankResult, rank_matrix

__all__ = ["ADDITIVE_METHODS", "contributions_note", "criterion_parts", "has_parts"]

#: Methods whose score is a sum over criteria, each with its note code (see the module doc).
ADDITIVE_METHODS = ("wsm", "promethee_ii", "spotis")


def has_parts(method: str) -> bool:
    """Whether a ranking by ``method`` has per-criterion contributions (TOPSIS included)."""
    return method == "topsis" or method in ADDITIVE_METHODS


def contributions_note(method: str) -> Note | None:
    """What a non-TOPSIS ranking's contributions are, or that it has none (TOPSIS: None)."""
    if method == "topsis":
        return None
    if method in ADDITIVE_METHODS:
        return Note.of(f"contributions_{method}")
    return Note.of("contributions_undefined", method=METHODS[method].label)


def criterion_parts(result: RankResult) -> np.ndarray | None:
    """Each criterion's part of each alternative's score, shape (m, n); rows sum to the score.

    ``None`` for a method without a decomposition (VIKOR) and for TOPSIS (apportioned by
    :func:`exportmcda.model.selection.contributions` instead).
    """
    if result.method == "wsm":
        return np.array(result.intermediates["wmatrix"], dtype=float)
    if result.method == "spotis":
        return np.asarray(result.intermediates["nmatrix"], dtype=float) * result.weights
    if result.method == "promethee_ii":
        return _promethee_parts(result)
    return None


def _promethee_parts(result: RankResult) -> np.ndarray:
    """w_j phi_j(a): PROMETHEE II on each criterion alone (weight 1), times its weight.

    Each unicriterion net flow is pymcdm's own PROMETHEE II on that column with the
    ranking's preference function and that criterion's thresholds, so the parts use the
    very preference functions the ranking used.
    """
    params = result.params
    parts = np.empty_like(result.matrix, dtype=float)
    for j in range(len(result.criteria)):
        thresholds: dict[str, Any] = {
            key: None if params[key] is None else [params[key][j]] for key in ("p", "q")
        }
        one = rank_matrix(
            result.matrix[:, [j]],
            [1.0],
            [int(result.types[j])],
            method="promethee_ii",
            alternatives=result.alternatives,
            criteria=[result.criteria[j]],
            matrix_checks=False,
            preference_function=params["preference_function"],
            **thresholds,
        )
        parts[:, j] = result.weights[j] * one.scores
    return parts
