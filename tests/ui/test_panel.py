"""The Expert panel page (AppTest): template download, upload, group weights, use as weights."""

import pytest

from tests.panel.conftest import full_panel
from tests.ui.apppages import open_page, tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def filled() -> bytes:
    return full_panel()


def _uploaded(filled, **params):
    at = open_page("ui/pages/panel.py", **params)
    at.file_uploader(key="panel.upload").set_value(("panel.xlsx", filled, XLSX)).run()
    assert not at.exception, at.exception
    return at


def test_page_offers_the_template_and_says_the_data_is_synthetic():
    at = open_page("ui/pages/panel.py")
    assert at.title[0].value == "Expert panel"
    assert any("Synthetic sample data" in w.value for w in at.warning)
    assert at.number_input(key="panel.experts").value == 5


def test_upload_shows_each_expert_and_the_group(filled):
    at = _uploaded(filled)
    experts = next(t.value for t in tables(at) if t.value.index.name == "Expert")
    assert list(experts.index) == ["Kim", "Lee", "Park"]
    assert experts.loc["Lee", "Outlier"] == "yes"
    assert experts.loc["Lee", "Judgment to revisit"] != ""
    assert experts.loc["Park", "Blank questions"] == 10
    assert [m.label for m in at.metric][:2] == ["Consensus S*", "Consensus level"]
    captions = " ".join(c.value for c in at.caption)
    assert "screening" in captions
    assert "completed" in captions


def test_use_as_weights_makes_the_group_the_session_scenario(filled):
    at = _uploaded(filled)
    at.button(key="panel.use").click().run()
    assert not at.exception, at.exception
    assert at.session_state["scenario"] == "balanced_panel"
    assert "balanced_panel" in at.success[0].value


def test_a_hostile_workbook_is_refused_with_sheet_and_row(filled):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(filled))
    book["Expert 2"]["I7"] = "=1+8"
    out = io.BytesIO()
    book.save(out)
    at = _uploaded(out.getvalue())
    assert "Expert 2" in at.error[0].value
    assert "row 7" in at.error[0].value


def test_korean_page(filled):
    at = _uploaded(filled, lang="ko")
    assert at.title[0].value == "전문가 패널"
    assert next(m.label for m in at.metric) == "합의도 S*"
    assert at.metric[1].value in ("매우 낮음", "낮음", "보통", "높음", "매우 높음")
