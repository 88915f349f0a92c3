"""The Streamlit app's logic, driven with streamlit.testing (no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.apppages import caption_texts, each_tab, open_expanders, tables

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"


def table_starting_with(at, column):
    """The first table whose first column is ``column``."""
    return next(t.value for t in tables(at) if t.value.columns[0] == column)


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return open_expanders(at)


def test_opens_on_the_sample_and_says_it_is_synthetic(app):
    assert app.title[0].value == "Database overview"
    assert any("Synthetic sample data" in w.value for w in app.warning)
    values = [m.value for m in app.metric]
    assert values == ["1,847", "1,044", "300"]


def test_every_overview_table_is_shown_with_its_numbers(app):
    # one chart per table, each with a table of its numbers (a tab's content is built when
    # the tab is chosen)
    assert len(app.tabs) == 8
    regions = table_starting_with(app, "Region")
    assert regions.iloc[0].tolist() == ["Seoul", "530", "50.8", "148", "49.3"]
    numbers = [  # (charts, first columns of the tables besides the provenance's assumptions)
        (len(shown.get("vega_lite_chart")),
         [table.value.columns[0] for table in tables(shown)
          if table.value.columns[0] != "Assumptions"])
        for shown in each_tab(app, "overview")
    ]
    assert numbers == [
        (1, ["Region"]), (1, ["Company size"]), (1, ["Class"]), (1, ["Class"]), (1, ["Class"]),
        (1, ["Class"]), (1, ["Technology field"]), (1, ["Service type"]),
    ]


def test_language_switch_to_korean(app):
    radio = app.sidebar.radio[0]
    assert radio.options == ["English", "한국어"]
    open_expanders(radio.set_value("한국어").run())  # new labels: new expanders, closed
    assert app.title[0].value == "데이터베이스 현황"
    assert any("합성 샘플 데이터" in w.value for w in app.warning)
    assert table_starting_with(app, "지역").iloc[0, 0] == "서울"


def test_korean_overview_notes_are_korean_with_the_same_counts(app):
    english = [c for shown in each_tab(app, "overview") for c in caption_texts(shown)]
    app.sidebar.radio[0].set_value("한국어").run()
    korean = [c for shown in each_tab(app, "overview") for c in caption_texts(shown)]
    assert len(korean) == len(english)
    assert not any("Percentages" in c or "Counts are" in c for c in korean)
    assert any("1,044" in c and "고유 기술" in c for c in korean)  # regions: unique techs
    assert any("12" in c and "1,835" in c for c in korean)  # service types without a type
    assert any("기업 5개" in c and "'기타'" in c for c in korean)  # capital: 'The others'


def test_valid_upload_replaces_the_sample(app):
    app.sidebar.file_uploader[0].set_value(
        ("mine.csv", EXAMPLE.read_bytes(), "text/csv")
    ).run()
    assert not app.exception
    assert [m.value for m in app.metric] == ["13", "10", "6"]
    assert not any("Synthetic sample data" in w.value for w in app.warning)


def test_invalid_upload_shows_every_problem_and_keeps_the_data(app):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    broken = [lines[0], *(line.replace("Traffic", "Teleportation") for line in lines[1:])]
    content = "\n".join(broken).encode("utf-8")
    assert b"Teleportation" in content
    app.sidebar.file_uploader[0].set_value(("bad.csv", content, "text/csv")).run()
    assert not app.exception
    assert app.error, "an error message is shown"
    problems = app.dataframe[0].value
    assert set(problems.columns) >= {"Row", "Column", "Value", "Problem"}
    assert (problems["Value"] == "Teleportation").any()
    assert [m.value for m in app.metric] == ["1,847", "1,044", "300"]  # still the sample


def test_hostile_upload_is_refused_cleanly(app):
    app.sidebar.file_uploader[0].set_value(
        ("evil.xlsx", b"PK\x03\x04" + b"\x00" * 64, "application/octet-stream")
    ).run()
    assert not app.exception
    assert app.error
