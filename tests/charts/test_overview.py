"""Overview chart specs (charts.overview): titles, layers, data in the chosen language."""

import pytest

from exportmcda.charts.overview import overview_chart
from exportmcda.data.io import load_sample
from exportmcda.data.overview import TABLES, overview

# Korean-capable fonts first (Windows: Malgun Gothic, macOS: Apple SD Gothic Neo).
KOREAN_FONTS = "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


@pytest.fixture(scope="module")
def db():
    return load_sample()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", TABLES)
def test_every_overview_chart_has_its_title_font_and_bars(db, name, lang):
    table = overview(db, name, lang=lang)
    spec = overview_chart(table, lang).to_dict()
    assert spec["config"]["font"] == KOREAN_FONTS
    views = spec["hconcat"] if name == "regions" else [spec]
    first_line = views[0]["title"]["text"][0]
    assert first_line.startswith(table_title(name, lang)[: len(first_line)])
    for view in views:
        assert [layer["mark"]["type"] for layer in view["layer"]] == ["bar", "text"]
    records = next(iter(spec["datasets"].values()))
    assert len(records) == len(table.rows)


def table_title(name, lang):
    from exportmcda.labels import t

    return t(f"tbl_{name}", lang)


def test_long_titles_break_before_the_parenthesis(db):
    spec = overview_chart(overview(db, "service-types", lang="en"), "en").to_dict()
    assert spec["title"]["text"] == ["Technologies by service type", "(technology × field rows)"]
    short = overview_chart(overview(db, "sizes", lang="en"), "en").to_dict()
    assert short["title"]["text"] == ["Companies by size"]


@pytest.mark.parametrize("name", TABLES)
def test_bar_labels_are_counts_like_their_axis(db, name):
    """Each bar is labelled with its count, the axis' unit, not with a percentage."""
    spec = overview_chart(overview(db, name, lang="en"), "en").to_dict()
    views = spec["hconcat"] if name == "regions" else [spec]
    for view in views:
        bars, text = (layer["encoding"] for layer in view["layer"])
        assert bars["x"]["axis"]["format"] == ",d"
        assert text["text"] == {"field": bars["x"]["field"], "type": "quantitative",
                                "format": ",d"}
        assert not bars["x"]["field"].endswith("pct")
    records = next(iter(spec["datasets"].values()))
    if name == "sizes":  # the sample's 300 companies: 196 SMEs (65.3%, in the tooltip)
        assert (records[0]["companies"], round(records[0]["pct"], 1)) == (196, 65.3)
