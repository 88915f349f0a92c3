"""Every page in Korean shows no English the tool wrote (issue 11, item 1).

Each page is rendered with AppTest in Korean (``?lang=ko``) on the sample, with every
expander's content (AppTest renders collapsed ones too), and each text a reader can see is
scanned: titles, captions, alerts, metrics, widget labels, help texts, placeholders and
options, table headers, indexes and cells. The allow-list is tests/korean.py (codes,
identifiers, names, citation columns).
"""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.korean import english_words, is_citation_column
from tests.ui.apppages import each_tab, open_expanders, open_page, tables

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"
PAGES = [
    "ui/pages/ranking.py",
    "ui/pages/weights.py",
    "ui/pages/compare.py",
    "ui/pages/markets.py",
    "ui/pages/sensitivity.py",
]
_TEXT_ELEMENTS = (
    "markdown",
    "caption",
    "error",
    "warning",
    "info",
    "success",
    "title",
    "header",
    "subheader",
    "text",
    "metric",
    "exception",
)
_WIDGETS = (
    "selectbox",
    "multiselect",
    "slider",
    "select_slider",
    "radio",
    "number_input",
    "text_input",
    "checkbox",
    "toggle",
    "button",
    "expander",
    "tabs",
)


def visible_texts(at):
    """(where, text) of everything a reader can see on the page AppTest rendered."""
    for kind in _TEXT_ELEMENTS:
        for e in getattr(at, kind):
            yield kind, str(e.value)
            if getattr(e, "label", None):
                yield f"{kind} label", e.label
    for kind in _WIDGETS:
        for e in getattr(at, kind):
            for attribute in ("label", "help", "placeholder"):
                if getattr(e, attribute, None):
                    yield f"{kind} {attribute}", str(getattr(e, attribute))
            for option in getattr(e, "options", None) or ():
                yield f"{kind} option", str(option)
    for table in (*at.table, *at.dataframe):
        frame = table.value
        yield from (("table header", str(c)) for c in frame.columns)
        if not is_citation_column(frame.index.name or ""):
            yield from (("table index", str(i)) for i in frame.index)
        for column in frame.columns:
            if not is_citation_column(column):
                yield from ((f"cell of {column}", str(v)) for v in frame[column].tolist())


def english_on(at):
    """(where, text, English words) of each text with English outside the allow-list."""
    return sorted(
        {
            (where, text[:120], tuple(words))
            for where, text in visible_texts(at)
            if (words := english_words(text))
        }
    )


def test_the_overview_is_korean():
    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    overview.query_params["lang"] = "ko"
    open_expanders(overview.run())
    assert overview.title[0].value == "데이터베이스 현황"
    found, texts = [], []
    for shown in each_tab(overview, "overview"):  # a tab's content: built when chosen
        found += english_on(shown)
        texts += [text for _, text in visible_texts(shown)]
    assert found == []
    assert "출처: exportmcda 샘플 데이터베이스(합성)" in texts
    assert any(text.startswith("A1: 기술×분야 행 12개") for text in texts)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_korean(path):
    at = open_page(path, lang="ko")
    found = english_on(at)
    for shown in each_tab(at, LAZY_TABS[path]) if path in LAZY_TABS else ():
        found += english_on(shown)  # a tab's content: built when the tab is chosen
    assert found == []


LAZY_TABS = {"ui/pages/weights.py": "weights", "ui/pages/compare.py": "compare"}


def test_the_country_sources_give_undated_in_korean():
    at = open_page("ui/pages/ranking.py", lang="ko", country="IND")
    years = [
        str(v)
        for table in tables(at)  # the sources: a scrolling grid (issue 11 item 7)
        for c in table.value.columns
        if c == "연도"
        for v in table.value[c]
    ]
    assert "연도 미상" in years
    assert not any("undated" in y for y in years)


def test_upload_problems_are_detailed_in_korean():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "ko"
    at.run()
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    broken = [lines[0], *(line.replace("Traffic", "Teleportation") for line in lines[1:])]
    at.sidebar.file_uploader[0].set_value(
        ("bad.csv", "\n".join(broken).encode("utf-8"), "text/csv")
    ).run()
    assert not at.exception
    table = next(t.value for t in at.dataframe if "상세" in t.value.columns)
    assert set(table["문제"]) == {"알 수 없는 기술 분야"}
    assert table["상세"].iloc[0] == (
        "'Teleportation'은(는) 연구의 기술 분야 21개에 없습니다. "
        "분야 이름(한글 또는 영문)이나 번호 1–21을 쓰세요."
    )
    # the value typed and the file's own column name ("field": the interchange format's
    # columns are English by definition) are the user's file; everything else is Korean
    assert [
        words for _, _, words in english_on(at) if words not in (("Teleportation",), ("field",))
    ] == []


def test_an_inconsistent_judgment_warns_in_korean_on_the_ranking_page():
    at = open_page("ui/pages/weights.py", lang="ko")
    first = at.select_slider[0]
    first.set_value("1/9").run()  # 1/9 against the scenario's judgments
    assert not at.exception
    at.switch_page(str(ROOT / "ui" / "pages" / "ranking.py")).run()
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]  # Markdown escapes
    assert (
        "'대상국 수출 우선순위'의 판단은 일관성이 부족합니다: CR 0.104 > 0.10(무작위 지수 표 "
        "Saaty 1980년 표)" in warnings
    )
    assert english_on(at) == []


@pytest.mark.parametrize(
    "path", ["ui/pages/compare.py", "ui/pages/markets.py", "ui/pages/ranking.py"]
)
def test_multiselects_say_what_to_choose_in_korean(path):
    """Streamlit's own placeholder ("Choose options") shows when a multiselect is emptied."""
    at = open_page(path, lang="ko")
    placeholders = [m.placeholder for m in at.multiselect]
    assert placeholders
    assert all(re.search(r"[\uac00-\ud7a3]", p) for p in placeholders)
