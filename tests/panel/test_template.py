"""The panel workbook: questions in plain words, drop-downs, protection, formulas by the tool."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest

from exportmcda.errors import ConfigError
from exportmcda.model.scenarios import load_scenario
from exportmcda.panel.layout import COL_JUDGMENT, FIRST_ROW, MARKER, META_SHEET
from exportmcda.panel.questions import questions
from exportmcda.panel.template import panel_template


@pytest.fixture(scope="module")
def book(tree):
    data = panel_template(tree, load_scenario("balanced"), experts=2, lang="ko")
    return openpyxl.load_workbook(io.BytesIO(data))


def test_sheets_instructions_then_one_per_expert_then_hidden_settings(book):
    assert book.sheetnames == ["안내", "전문가 1", "전문가 2", META_SHEET]
    assert book[META_SHEET].sheet_state == "hidden"
    assert book["전문가 1"]["B1"].value == MARKER
    texts = [c.value for c in book["안내"]["A"] if c.value]
    assert any("합성 데이터" in str(x) for x in texts)  # the synthetic-data notice


def test_every_question_named_in_plain_korean_with_two_drop_downs(book, tree):
    ws = book["전문가 1"]
    rows = [r for r in ws.iter_rows(min_row=FIRST_ROW) if r[1].value]
    assert len(rows) == len(questions(tree)) == 15 + 1 + 15 + 10
    first = rows[0]
    assert first[4].value == (
        "수출 성공에 국내 활용도(A)와 기술 실적(B) 중 어느 쪽이 더 중요하며, 얼마나 더 중요합니까?"
    )
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert set(lists) == {'"A,B"', '"1,2,3,4,5,6,7,8,9"'}
    assert f"H{first[0].row}" in lists['"A,B"']
    assert f"I{first[0].row}" in lists['"1,2,3,4,5,6,7,8,9"']
    assert ws.protection.sheet
    assert not ws[f"H{first[0].row}"].protection.locked
    assert ws["E4"].protection.locked


def test_the_only_formulas_are_the_tools_and_hold_no_label_text(book, tree):
    names = [v for lang in ("en", "ko") for v in tree.names(lang).values()]
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                assert ws.title.startswith("전문가")
                assert cell.column >= COL_JUDGMENT - 3
                assert not any(name in cell.value for name in names)


def test_hostile_labels_are_text_never_formulas(tree):
    evil = dataclasses.replace(tree.criterion("region"), label_en='=HYPERLINK("http://x","y")')
    hostile = dataclasses.replace(tree, criteria=(evil, *tree.criteria[1:3]))
    data = panel_template(hostile, load_scenario("balanced"), experts=1)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Expert 1"]
    cells = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells
    assert all(c.data_type == "s" for c in cells)
    assert any(c.quotePrefix for c in cells if c.value.startswith("="))


def test_experts_out_of_range(tree):
    with pytest.raises(ConfigError) as error:
        panel_template(tree, load_scenario("balanced"), experts=0)
    assert error.value.code == "panel_experts"
