"""Questions of the hierarchy and the answer -> judgment rule (Saaty 1980, Table 1.1)."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.ahp.judgments import SAATY_SCALE
from exportmcda.panel.questions import LEVELS, SIDES, answer_of, judgment_of, questions


def test_one_question_per_pair_of_siblings(tree):
    asked = questions(tree)
    assert [q.number for q in asked] == list(range(1, 42))  # C(6,2)+C(2,2)+C(6,2)+C(5,2)
    assert (asked[0].node, asked[0].a, asked[0].b) == (
        "export_priority",
        "utilization",
        "track_record",
    )
    assert {q.node for q in asked} == set(tree.weighted_nodes())


def test_answers_to_judgments():
    assert judgment_of("A", 3) == 3
    assert judgment_of("B", 3) == Fraction(1, 3)
    assert judgment_of("B", 1) == judgment_of("A", 1) == 1
    with pytest.raises(ValueError, match="1-9"):
        judgment_of("A", 10)
    with pytest.raises(ValueError, match="A or B"):
        judgment_of("C", 2)


@given(st.sampled_from(SAATY_SCALE))
def test_every_scale_value_has_one_answer_and_back(value):
    side, level = answer_of(value)
    assert side in SIDES
    assert level in LEVELS
    assert judgment_of(side, level) == value
