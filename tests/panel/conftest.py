"""A panel workbook written, then filled programmatically as experts would."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Mapping

import openpyxl
import pytest

from exportmcda.model.criteria import CriteriaTree, load_criteria
from exportmcda.model.scenarios import load_scenario
from exportmcda.panel.layout import (
    COL_A,
    COL_B,
    COL_LEVEL,
    COL_NODE,
    COL_SIDE,
    FIRST_ROW,
    NAME_CELL,
)
from exportmcda.panel.template import panel_template

Answers = Mapping[tuple[str, str], tuple[object, object]]


@pytest.fixture(scope="session")
def tree() -> CriteriaTree:
    return load_criteria()


@pytest.fixture(scope="session")
def small_tree(tree: CriteriaTree) -> CriteriaTree:
    """Goal -> region, policy_fit, sme_support (one leaf each): 3 questions, a 3x3 matrix."""
    keep = ("region", "policy_fit", "sme_support")
    return dataclasses.replace(tree, criteria=tuple(tree.criterion(c) for c in keep))


def fill(data: bytes, answers: list[Answers], names: list[str] | None = None) -> bytes:
    """Answer the questions of expert sheet k (2nd sheet on) with ``answers[k]``.

    ``answers[k][(a, b)] = (side, level)``; pairs not given stay blank.
    """
    book = openpyxl.load_workbook(io.BytesIO(data))
    for k, given in enumerate(answers):
        ws = book.worksheets[k + 1]
        if names:
            ws[NAME_CELL] = names[k]
        for row in ws.iter_rows(min_row=FIRST_ROW):
            if row[COL_NODE - 1].value is None:
                continue
            pair = (row[COL_A - 1].value, row[COL_B - 1].value)
            if pair in given:
                row[COL_SIDE - 1].value, row[COL_LEVEL - 1].value = given[pair]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Expert 1: consistent, w = (2, 4, 1) / 7.  Expert 2: inconsistent (9, 1/9, 9).
# Expert 3: leaves region vs sme_support blank (consistent completion: 1/2 x 2 = 1).
EXPERT_1 = {
    ("region", "policy_fit"): ("B", 2),
    ("region", "sme_support"): ("A", 2),
    ("policy_fit", "sme_support"): ("A", 4),
}
EXPERT_2 = {
    ("region", "policy_fit"): ("A", 9),
    ("region", "sme_support"): ("B", 9),
    ("policy_fit", "sme_support"): ("A", 9),
}
EXPERT_3 = {("region", "policy_fit"): ("B", 2), ("policy_fit", "sme_support"): ("A", 2)}


@pytest.fixture(scope="session")
def small_panel(small_tree: CriteriaTree) -> bytes:
    data = panel_template(small_tree, load_scenario("balanced"), experts=3)
    return fill(data, [EXPERT_1, EXPERT_2, EXPERT_3], ["Kim", "Lee", "Park"])


def full_panel(lang: str = "en") -> bytes:
    """The shipped hierarchy, 3 experts: Kim steady (all 2), Lee wild (9 and 1/9 in turn,
    inconsistent), Park steady with every 4th question blank (10 blanks, completed)."""
    from exportmcda.panel.questions import questions

    tree = load_criteria()
    asked = questions(tree)
    steady = {(q.a, q.b): ("A", 2) for q in asked}
    wild = {(q.a, q.b): ("A" if q.number % 2 else "B", 9) for q in asked}
    gaps = {(q.a, q.b): ("A", 2) for q in asked if q.number % 4}
    return fill(
        panel_template(tree, load_scenario("balanced"), experts=3, lang=lang),
        [steady, wild, gaps],
        ["Kim", "Lee", "Park"],
    )
