"""The pairwise questions of a criteria hierarchy, and how an answer becomes a judgment.

One question per pair of siblings of every weighted node (the goal and each criterion with
two or more sub-criteria; :meth:`~exportmcda.model.criteria.CriteriaTree.weighted_nodes`), in
the order the app's pairwise editor shows them. An expert answers in two parts, as Saaty
asks them: *which* of the two matters more (side ``A`` or ``B``) and *how much* more, a
level of the fundamental scale 1-9 (Saaty 1980, *The Analytic Hierarchy Process*, Table 1.1;
Saaty 2008, Int. J. Services Sciences 1(1):83-98, Table 1): 1 equal, 3 moderate, 5 strong,
7 very strong, 9 extreme, the even levels between. The judgment ``a_AB`` is the level when A
is chosen, its reciprocal when B is (level 1 is 1 whichever side).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Final

from exportmcda.model.criteria import CriteriaTree

__all__ = ["LEVELS", "SIDES", "Question", "answer_of", "judgment_of", "questions"]

SIDES: Final = ("A", "B")
"""The answers to "which matters more": the question's first or second criterion."""

LEVELS: Final = tuple(range(1, 10))
"""The levels of Saaty's fundamental scale (Saaty 1980, Table 1.1)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """One pairwise question: at ``node``, does ``a`` or ``b`` matter more, and how much."""

    number: int
    node: str
    a: str
    b: str


def questions(tree: CriteriaTree) -> tuple[Question, ...]:
    """Every pairwise question of ``tree``, numbered from 1, node by node (goal first)."""
    found: list[Question] = []
    for node, children in tree.weighted_nodes().items():
        for a, b in combinations(children, 2):
            found.append(Question(number=len(found) + 1, node=node, a=a, b=b))
    return tuple(found)


def judgment_of(side: str, level: int) -> Fraction:
    """The judgment ``a_AB`` an answer gives: ``level`` for A, ``1/level`` for B, 1 at level 1.

    Raises
    ------
    ValueError
        For a side or level outside :data:`SIDES` and :data:`LEVELS` (the reader checks
        answers first and reports them with their sheet and row).
    """
    if level not in LEVELS:
        raise ValueError(f"level {level!r} is not on the 1-9 scale")
    if level == 1:
        return Fraction(1)
    if side not in SIDES:
        raise ValueError(f"side {side!r} is not A or B")
    return Fraction(level) if side == "A" else Fraction(1, level)


def answer_of(value: Fraction) -> tuple[str, int]:
    """The answer (side, level) that gives the judgment ``value`` (a Saaty-scale value)."""
    if value >= 1 and value.denominator == 1 and value.numerator in LEVELS:
        return "A", value.numerator
    if value < 1 and value.numerator == 1 and value.denominator in LEVELS:
        return "B", value.denominator
    raise ValueError(f"{value} is not on Saaty's scale")
