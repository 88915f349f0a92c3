"""The layout the writer and the reader share."""

from exportmcda.panel import layout


def test_answer_columns_follow_the_question_and_are_inside_what_is_read():
    assert layout.COL_QUESTION < layout.COL_SIDE < layout.COL_LEVEL < layout.COL_JUDGMENT
    assert layout.WIDTH == layout.COL_JUDGMENT
    assert layout.HEADER_ROW < layout.FIRST_ROW
    assert layout.NAME_CELL == "F3"
    assert layout.MARKER_CELL == "B1"
