"""Small decision problems with known answers, shared by the robustness engine tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS

from exportmcda.robustness.space import WeightSpace

CASES = {
    c["id"]: c
    for c in json.loads(
        (Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text(encoding="utf-8")
    )
}

# Two alternatives, two benefit criteria: A = (3, 1), B = (1, 2). With two alternatives the
# ideal and anti-ideal are the better and worse value per column, so (vector normalisation,
# r = x/||x||) D+_A = w2 * d2, D-_A = w1 * d1 with d1 = 2/sqrt(10), d2 = 1/sqrt(5), and
# C_A = w1 d1 / (w1 d1 + w2 d2), C_B = w2 d2 / (w1 d1 + w2 d2). They tie where
# w1 d1 = w2 d2, i.e. w1* = d2 / (d1 + d2) = 1 / (1 + sqrt(2)) = sqrt(2) - 1.
HAND = np.array([[3.0, 1.0], [1.0, 2.0]])
W1_STAR = np.sqrt(2.0) - 1.0


def pymcdm(x: np.ndarray, w: np.ndarray, types: np.ndarray) -> np.ndarray:
    """TOPSIS closeness straight from pymcdm (vector normalisation), the independent oracle."""
    return np.asarray(TOPSIS(pn.vector_normalization)(x, w, types, validation=False))


def hand_space() -> WeightSpace:
    return WeightSpace.from_matrix(HAND, [0.5, 0.5], [1, 1], alternatives=["A", "B"])
