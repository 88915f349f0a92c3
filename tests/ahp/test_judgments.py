"""Parsing judgments and building comparison matrices; every error names the pair or row."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from exportmcda.ahp.judgments import (
    SAATY_OPTIONS,
    SAATY_SCALE,
    check_matrix,
    format_judgment,
    nearest_saaty,
    pairwise_from_pairs,
    pairwise_from_table,
    parse_fraction,
    parse_judgment,
)
from exportmcda.ahp.priorities import ahp
from exportmcda.errors import JudgmentError


@pytest.mark.parametrize(("text", "value"), [
    ("3", 3.0), ("1/3", 1 / 3), (" 1 / 9 ", 1 / 9), ("0.5", 0.5), ("2.5", 2.5), (7, 7.0),
    (Fraction(1, 4), 0.25), (np.float64(2.0), 2.0), (np.int64(5), 5.0)])
def test_parse_judgment(text: object, value: float) -> None:
    assert parse_judgment(text) == value


@pytest.mark.parametrize(("text", "code"), [
    ("0", "judgment_not_positive"), ("-3", "judgment_not_positive"),
    ("abc", "judgment_not_a_number"), ("1/0", "judgment_not_a_number"),
    (float("nan"), "judgment_not_a_number"), ("nan", "judgment_not_a_number"),
    (float("inf"), "judgment_not_a_number"), (True, "judgment_not_a_number"),
    (None, "judgment_not_a_number"), ("10", "judgment_out_of_scale"),
    ("1/12", "judgment_out_of_scale")])
def test_parse_judgment_rejects(text: object, code: str) -> None:
    with pytest.raises(JudgmentError) as info:
        parse_judgment(text, pair=("cost", "quality"))
    assert info.value.code == code
    assert "'cost' vs 'quality'" in str(info.value)


@pytest.mark.parametrize(("text", "value"), [
    ("3", 3.0), ("1/5", 0.2), (" 1 / 5 ", 0.2), ("0.5", 0.5), ("-2", -2.0), (4, 4.0),
    (Fraction(2, 3), 2 / 3), (np.float64(1.5), 1.5)])
def test_parse_fraction_reads_typed_numbers(text: object, value: float) -> None:
    assert parse_fraction(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "1/0", "", None, True, "1/3/4", [3]])
def test_parse_fraction_gives_nan_for_what_is_not_a_number(text: object) -> None:
    assert np.isnan(parse_fraction(text))


def test_saaty_options_are_the_scale_as_written() -> None:
    assert (SAATY_OPTIONS[0], SAATY_OPTIONS[8], SAATY_OPTIONS[-1]) == ("1/9", "1", "9")
    assert [Fraction(o) for o in SAATY_OPTIONS] == list(SAATY_SCALE)
    assert [parse_fraction(o) for o in SAATY_OPTIONS] == [float(s) for s in SAATY_SCALE]


@pytest.mark.parametrize("value", [0.0, -1.0, float("nan"), float("inf")])
def test_nearest_saaty_refuses_what_is_not_a_ratio(value: float) -> None:
    with pytest.raises(JudgmentError) as info:
        nearest_saaty(value)
    assert info.value.code == "judgment_not_positive"


def test_limit_can_be_lifted() -> None:
    assert parse_judgment("12", limit=None) == 12.0


def test_scale_and_formatting() -> None:
    assert len(SAATY_SCALE) == 17
    assert min(SAATY_SCALE) == Fraction(1, 9)
    assert nearest_saaty(2.9) == 3
    assert nearest_saaty(0.3) == Fraction(1, 3)
    assert nearest_saaty(100) == 9
    assert nearest_saaty(1.4) == 1
    assert [format_judgment(x) for x in (3.0, 1 / 3, 2.5, 1.0, 1 / 9)] == [
        "3", "1/3", "2.5", "1", "1/9"]


def test_pairs_build_reciprocal_matrix() -> None:
    labels, matrix = pairwise_from_pairs(
        {("cost", "quality"): "1/3", ("cost", "speed"): 5, ("speed", "quality"): None,
         ("quality", "cost"): 3})
    assert labels == ("cost", "quality", "speed")
    assert matrix[1, 0] == 3
    assert matrix[0, 1] == pytest.approx(1 / 3)
    assert matrix[2, 0] == pytest.approx(0.2)
    assert np.isnan(matrix[1, 2])
    assert np.isnan(matrix[2, 1])
    assert list(np.diag(matrix)) == [1, 1, 1]


def test_pairs_errors_are_all_listed() -> None:
    with pytest.raises(JudgmentError) as info:
        pairwise_from_pairs({("cost", "quality"): "0", ("cost", "price"): 3},
                            labels=["cost", "quality"])
    codes = [issue.code for issue in info.value.issues]
    assert codes == ["judgment_not_positive", "unknown_label"]
    assert "'price'" in str(info.value.issues[1])


def test_pairs_contradiction() -> None:
    with pytest.raises(JudgmentError, match=r"'a' vs 'b' is 3 but 'b' vs 'a' is 3.*must be 1/3"):
        pairwise_from_pairs({("a", "b"): 3, ("b", "a"): 3})


HEADER = ["", "cost", "quality", "speed"]


def test_table_upper_triangle_and_missing() -> None:
    labels, matrix = pairwise_from_table(HEADER, [["cost", "1", "3", ""],
                                                  ["quality", "", "", "1/2"],
                                                  ["speed", "", "", "1"]])
    assert labels == ("cost", "quality", "speed")
    assert matrix[1, 0] == pytest.approx(1 / 3)
    assert matrix[2, 1] == 2
    assert np.isnan(matrix[0, 2])
    result = ahp(matrix, labels)
    assert result.completed
    assert result.estimated == (("cost", "speed"),)
    assert result.judgment("cost", "speed") == pytest.approx(1.5)  # 3 x 1/2: consistent path


def test_table_trailing_empty_cells_are_ignored() -> None:
    labels, _ = pairwise_from_table([*HEADER[:3], ""], [["cost", "1", "2", ""],
                                                        ["quality", "1/2", "1"]])
    assert labels == ("cost", "quality")


def test_table_label_mismatch_names_row() -> None:
    with pytest.raises(JudgmentError) as info:
        pairwise_from_table(HEADER, [["cost", "1", "3", "5"], ["speed", "1/3", "1", "2"],
                                     ["quality", "1/5", "1/2", "1"]], path="ahp.csv")
    text = str(info.value)
    assert text.startswith("ahp.csv, row 3: row 3 is labelled 'speed' but column 3 is 'quality'")
    assert info.value.issues[0].code == "matrix_label_mismatch"


def test_table_bad_cells_name_row_and_column() -> None:
    with pytest.raises(JudgmentError) as info:
        pairwise_from_table(HEADER, [["cost", "1", "x", "5"], ["quality", "", "1", "-2"],
                                     ["speed", "", "", "1"]], path="ahp.csv")
    first, second = info.value.issues
    assert (first.row, first.field, first.value, first.code) == (2, "quality", "x",
                                                                 "judgment_not_a_number")
    assert (second.row, second.field, second.code) == (3, "speed", "judgment_not_positive")
    assert "'cost' vs 'quality'" in str(first)
    assert "'quality' vs 'speed'" in str(second)


def test_table_not_square() -> None:
    with pytest.raises(JudgmentError, match="3 criteria but the table has 2 rows"):
        pairwise_from_table(HEADER, [["cost", "1", "3", "5"], ["quality", "1/3", "1", "2"]])
    with pytest.raises(JudgmentError, match="row 'quality' has 2 judgment cells, expected 3"):
        pairwise_from_table(HEADER, [["cost", "1", "3", "5"], ["quality", "1/3", "1"],
                                     ["speed", "1/5", "1/2", "1"]])


def test_table_non_reciprocal_and_diagonal() -> None:
    with pytest.raises(JudgmentError) as info:
        pairwise_from_table(HEADER, [["cost", "2", "3", "5"], ["quality", "0.33", "1", "2"],
                                     ["speed", "1/5", "1/2", "1"]], path="p.csv")
    diagonal, reciprocal = info.value.issues
    assert diagonal.code == "judgment_diagonal"
    assert diagonal.row == 2
    assert reciprocal.code == "judgment_not_reciprocal"
    assert reciprocal.row == 3
    assert "not 0.33" in reciprocal.message
    assert "'cost' vs 'quality' is 3" in reciprocal.message


def test_check_matrix_errors() -> None:
    with pytest.raises(JudgmentError, match=r"must be square, got shape \(2, 3\)"):
        check_matrix(np.ones((2, 3)), ["a", "b"])
    with pytest.raises(JudgmentError, match="2 rows but 3 criterion names"):
        check_matrix(np.ones((2, 2)), ["a", "b", "c"])
    with pytest.raises(JudgmentError, match="'a' vs 'b' must be a positive finite number, got 0"):
        check_matrix([[1, 0], [np.inf, 1]], ["a", "b"])
    with pytest.raises(JudgmentError, match="criterion 'a' appears twice"):
        check_matrix(np.ones((2, 2)), ["a", "a"])
    with pytest.raises(JudgmentError, match="'a' vs 'b' is 2 but 'b' vs 'a' is 2"):
        ahp([[1, 2], [2, 1]], ["a", "b"])


def test_check_matrix_accepts_none_and_off_scale_values() -> None:
    matrix = check_matrix([[1, 12.5, None], [None, 1, 2], [None, None, 1]], ["a", "b", "c"])
    assert matrix[1, 0] == pytest.approx(0.08)
    assert np.isnan(matrix[0, 2])


def test_saaty_options_read_as_written_and_parse_back_to_the_scale() -> None:
    assert SAATY_OPTIONS[:3] == ("1/9", "1/8", "1/7")
    assert SAATY_OPTIONS[7:10] == ("1/2", "1", "2")
    assert SAATY_OPTIONS[-1] == "9"
    assert len(SAATY_OPTIONS) == 17
    assert [Fraction(parse_judgment(o)).limit_denominator(9) for o in SAATY_OPTIONS] == list(
        SAATY_SCALE
    )
