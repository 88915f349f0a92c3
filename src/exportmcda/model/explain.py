"""Why a technology ranks where it does, and what it would take to move it up.

For one technology of a :class:`~exportmcda.model.selection.Selection`: its criterion values
against the pool's ideal and anti-ideal (TOPSIS, Hwang & Yoon 1981), each criterion's
weight and contribution (see :func:`exportmcda.model.selection.contributions`), a one-sentence
reason, and — per criterion — the value that alone would lift it above the technology
ranked just above it (found by bisection on the recomputed closeness, since TOPSIS
re-normalises the column when one value changes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from exportmcda.model.selection import Selection
from exportmcda.rank.fasttopsis import topsis_closeness

__all__ = ["Explanation", "explain"]

_BISECTION_STEPS = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """The explanation of one technology's rank."""

    technology_id: str
    rank: int  # the integer rank (ties ordered by technology id)
    pool_size: int
    score: float
    sentence: str
    table: pd.DataFrame
    moves: pd.DataFrame
    above: str | None  # technology id ranked just above, if any


def _label(selection: Selection, leaf_id: str, lang: str) -> str:
    return selection.weights.tree.leaf(leaf_id).label(lang)


def _needed_value(selection: Selection, i: int, j: int, rival: int) -> float | None:
    """Smallest change of x_ij (towards the ideal) that makes i's closeness beat ``rival``.

    Searches between the current value and the pool's best value on criterion j; returns
    ``None`` when even the best observed value does not suffice.
    """
    r = selection.result
    x = np.array(r.matrix, dtype=float)
    column = x[:, j]
    benefit = r.types[j] > 0
    best = float(column.max() if benefit else column.min())
    start = float(column[i])
    if best == start:
        return None

    def beats(value: float) -> bool:
        x[i, j] = value
        c = topsis_closeness(x, r.weights, r.types, normalization=r.normalization or "vector")
        x[i, j] = start
        return bool(c[i] > c[rival])

    if not beats(best):
        return None
    lo, hi = start, best
    for _ in range(_BISECTION_STEPS):
        mid = (lo + hi) / 2
        if beats(mid):
            hi = mid
        else:
            lo = mid
    return hi


def explain(
    selection: Selection, technology_id: str, lang: str = "en", *, with_moves: bool = True
) -> Explanation:
    """Explain the rank of ``technology_id`` in ``selection`` (labels in ``lang``).

    ``with_moves=False`` skips the "what would move it up" search (one bisection of TOPSIS per
    criterion, ~0.1 s on the sample): exports that need only the sentence use it.
    """
    r = selection.result
    i = selection.position(technology_id)
    n = len(r.alternatives)
    contribution = selection.contributions[i]
    benefit = r.types > 0
    ideal_raw = np.where(benefit, r.matrix.max(axis=0), r.matrix.min(axis=0))
    anti_raw = np.where(benefit, r.matrix.min(axis=0), r.matrix.max(axis=0))
    v, pis = r.weighted, r.ideal
    gap = np.zeros(len(r.criteria)) if v is None or pis is None else np.abs(pis - v[i])
    table = pd.DataFrame(
        {
            "criterion": list(r.criteria),
            "label": [_label(selection, c, lang) for c in r.criteria],
            "direction": ["benefit" if b else "cost" for b in benefit],
            "value": r.matrix[i],
            "ideal": ideal_raw,
            "anti_ideal": anti_raw,
            "weight": r.weights,
            "contribution": contribution,
            "gap_to_ideal": gap,
        }
    )
    position = int(np.nonzero(r.order == i)[0][0])
    above = None if position == 0 else int(r.order[position - 1])
    # ties: the one "above" may share the same score; move past ties to a strictly better one
    while above is not None and r.scores[above] == r.scores[i] and position > 0:
        position -= 1
        above = None if position == 0 else int(r.order[position - 1])
    needed: list[float | None] = []
    for j in range(len(r.criteria)):
        if above is None or r.weights[j] == 0 or not with_moves:
            needed.append(None)
        else:
            needed.append(_needed_value(selection, i, j, above))
    moves = pd.DataFrame(
        {
            "criterion": list(r.criteria),
            "label": [_label(selection, c, lang) for c in r.criteria],
            "value": r.matrix[i],
            "needed": pd.array(needed, dtype="Float64"),
        }
    )
    labels = [_label(selection, c, lang) for c in r.criteria]
    sentence = _sentence(selection, i, labels, contribution, gap, above, lang)
    return Explanation(
        technology_id=technology_id, rank=int(r.ordinal_ranks[i]), pool_size=n,
        score=float(r.scores[i]), sentence=sentence, table=table, moves=moves,
        above=None if above is None else str(r.alternatives[above]),
    )


def _sentence(
    selection: Selection,
    i: int,
    labels: list[str],
    contribution: np.ndarray,
    gap: np.ndarray,
    above: int | None,
    lang: str,
) -> str:
    r = selection.result
    weighted = r.weights > 0
    total = float(contribution.sum())
    leading = [j for j in np.argsort(-contribution, kind="stable") if weighted[j]][:2]
    shares = [(labels[j], float(contribution[j]) / total if total > 0 else 0.0) for j in leading]
    far = [j for j in np.argsort(-gap, kind="stable") if weighted[j]]
    weak = labels[far[0]] if far else "-"
    rank = f"{r.ordinal_ranks[i]}"
    n = len(r.alternatives)
    if lang == "ko":
        lead = ", ".join(f"{name}({share:.0%})" for name, share in shares)
        return (
            f"{n:,}개 중 {rank}위(근접도 {r.scores[i]:.3f}): 점수는 주로 {lead}에서 나오며, "
            f"이상해와의 격차가 가장 큰 기준은 {weak}입니다."
        )
    lead = " and ".join(f"{name} ({share:.0%})" for name, share in shares)
    tail = "" if above is not None else " It is ranked first."
    return (
        f"Rank {rank} of {n:,} (closeness {r.scores[i]:.3f}): its score comes mostly from "
        f"{lead}; it is furthest from the ideal on {weak}.{tail}"
    )
