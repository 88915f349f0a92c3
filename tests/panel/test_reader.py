"""Reading a filled panel workbook: answers as given, hostile workbooks refused with sheet/row."""

from __future__ import annotations

import io
from fractions import Fraction

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportmcda.errors import InputError
from exportmcda.model.scenarios import load_scenario
from exportmcda.panel.questions import LEVELS, SIDES, judgment_of
from exportmcda.panel.reader import read_panel
from exportmcda.panel.template import panel_template
from tests.panel.conftest import EXPERT_1, fill


def _edit(data: bytes, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def blank(small_tree) -> bytes:
    return panel_template(small_tree, load_scenario("balanced"), experts=2)


def test_answers_read_back_as_judgments(small_panel, small_tree):
    answers = read_panel(small_panel, tree=small_tree, name="p.xlsx")
    assert [e.name for e in answers.experts] == ["Kim", "Lee", "Park"]
    assert answers.scenario == "balanced"
    assert answers.ri_table == "saaty_1980"
    kim = answers.experts[0].judgments["export_priority"]
    assert kim == {
        ("region", "policy_fit"): Fraction(1, 2),
        ("region", "sme_support"): Fraction(2),
        ("policy_fit", "sme_support"): Fraction(4),
    }
    park = answers.experts[2]
    assert park.missing == (("export_priority", "region", "sme_support"),)
    assert answers.ignored_sheets == ()
    assert len(answers.sha256) == 64


def _issues(data: bytes, tree) -> list:
    with pytest.raises(InputError) as error:
        read_panel(data, tree=tree, name="p.xlsx")
    return error.value.issues


def test_formula_in_an_answer_is_refused_with_sheet_and_row(blank, small_tree):
    def edit(book):
        book["Expert 1"]["I7"] = "=1+8"
        book["Expert 2"]["H8"] = '=HYPERLINK("http://x","A")'

    issues = _issues(_edit(fill(blank, [EXPERT_1, EXPERT_1]), edit), small_tree)
    assert [(i.code, i.path, i.row, i.field) for i in issues] == [
        ("panel_formula", "p.xlsx [Expert 1]", 7, "I"),
        ("panel_formula", "p.xlsx [Expert 2]", 8, "H"),
    ]


@pytest.mark.parametrize(
    ("side", "level", "code", "column"),
    [
        ("C", 3, "panel_bad_side", "H"),
        ("A", 10, "panel_bad_level", "I"),
        ("A", 2.5, "panel_bad_level", "I"),
        ("A", "three", "panel_bad_level", "I"),
        ("A", True, "panel_bad_level", "I"),
        ("A", None, "panel_half_answer", "I"),
        (None, 5, "panel_half_answer", "H"),
    ],
)
def test_wrong_values_are_refused_with_sheet_row_and_column(
    blank, small_tree, side, level, code, column
):
    data = fill(blank, [{("region", "policy_fit"): (side, level)}])
    issues = _issues(data, small_tree)
    assert [(i.code, i.path, i.row, i.field) for i in issues] == [
        (code, "p.xlsx [Expert 1]", 7, column)
    ]


def test_level_one_needs_no_side_and_text_answers_are_read(blank, small_tree):
    data = fill(
        blank, [{("region", "policy_fit"): (None, 1), ("region", "sme_support"): (" b ", "3")}]
    )
    judged = read_panel(data, tree=small_tree).experts[0].judgments["export_priority"]
    assert judged[("region", "policy_fit")] == 1
    assert judged[("region", "sme_support")] == Fraction(1, 3)


def test_changed_or_deleted_questions_are_refused(blank, small_tree):
    def edit(book):
        book["Expert 1"]["C7"] = "sme_support"  # hidden id changed: now a duplicate
        book["Expert 2"].delete_rows(8)

    issues = _issues(_edit(blank, edit), small_tree)
    codes = {(i.code, i.path) for i in issues}
    assert ("panel_unknown_question", "p.xlsx [Expert 1]") in codes
    assert ("panel_question_missing", "p.xlsx [Expert 2]") in codes


def test_a_huge_sheet_is_read_only_where_the_questions_are(blank, small_tree):
    def edit(book):
        ws = book["Expert 1"]
        for r in range(200, 20_200):
            ws.cell(row=r, column=9, value=9)

    data = _edit(fill(blank, [EXPERT_1]), edit)
    answers = read_panel(data, tree=small_tree)
    assert answers.experts[0].answered == 3


def test_not_a_panel_workbook(small_tree, tmp_path):
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    assert _issues(out.getvalue(), small_tree)[0].code == "panel_not_template"
    assert _issues(b"not a zip at all", small_tree)[0].code == "not_a_table"


def test_settings_sheet_is_checked(blank, small_tree):
    def edit(book):
        book["_exportmcda_panel"]["B4"] = "no_such_table"

    assert _issues(_edit(blank, edit), small_tree)[0].code == "panel_meta"


def test_hostile_names_stay_one_line_text(blank, small_tree):
    data = fill(blank, [EXPERT_1, EXPERT_1], names=["=cmd|'/C calc'!A0\nx", "=cmd|'/C calc'!A0\nx"])
    names = [e.name for e in read_panel(data, tree=small_tree).experts]
    assert names == ["Expert 1", "Expert 2"]  # a formula is no name: the sheet title is used


def test_other_sheets_are_listed_not_read(small_panel, small_tree):
    data = _edit(small_panel, lambda book: book.create_sheet("Summary"))
    assert read_panel(data, tree=small_tree).ignored_sheets == ("Summary",)


_ANSWER = st.one_of(st.none(), st.tuples(st.sampled_from(SIDES), st.sampled_from(LEVELS)))


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(_ANSWER, _ANSWER, _ANSWER))
def test_any_answers_round_trip_through_the_workbook(blank, small_tree, given_answers):
    pairs = [("region", "policy_fit"), ("region", "sme_support"), ("policy_fit", "sme_support")]
    answers = {p: a for p, a in zip(pairs, given_answers, strict=True) if a is not None}
    judged = read_panel(fill(blank, [answers]), tree=small_tree).experts[0]
    expected = {
        p: None if a is None else judgment_of(*a) for p, a in zip(pairs, given_answers, strict=True)
    }
    assert dict(judged.judgments["export_priority"]) == expected
