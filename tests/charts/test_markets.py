"""Altair spec of the export-potential heatmap (checked via to_dict)."""

import pandas as pd
import pytest

import exportmcda as em
from exportmcda.charts.markets import CELL_HEIGHT, CELL_WIDTH, heatmap_chart, heatmap_data
from exportmcda.errors import ConfigError
from exportmcda.model.markets import ExportPotential

KOREAN_FONTS = "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


def _frame(values, rows, codes):
    return pd.DataFrame(values, index=list(rows), columns=list(codes))


@pytest.fixture(scope="module")
def matrix():
    """Two fields x three countries, by hand: supply, demand, cell = sqrt(supply x demand)."""
    rows, codes = ("Traffic", "Welfare"), ("IND", "SAU", "VNM")
    supply = _frame([[0.64, 0.36, 0.49], [0.25, 0.81, 0.16]], rows, codes)
    demand = _frame([[0.25, 1.0, 0.49], [0.64, 0.49, 0.25]], rows, codes)
    score = _frame([[0.40, 0.60, 0.49], [0.40, 0.63, 0.20]], rows, codes)
    return ExportPotential(
        by="field", rows=rows, countries=codes, supply=supply, demand=demand, score=score,
        rank_in_row=_frame([[3, 1, 2], [2, 1, 3]], rows, codes),
        rank_in_country=_frame([[1, 2, 1], [2, 1, 2]], rows, codes),
        demand_weight=0.5, market_leaf_weights={},
    )


def test_heatmap_data_is_the_matrix_in_long_form(matrix):
    countries = em.load_countries()
    data = heatmap_data(matrix, countries, "ko")
    # rows best first by their best cell: Welfare 0.63 > Traffic 0.60
    assert data["row"].tolist() == ["Welfare"] * 3 + ["Traffic"] * 3
    assert data["row_label"].tolist()[:1] == ["복지"]
    assert data["country_label"].tolist()[:3] == ["인도", "사우디아라비아", "베트남"]
    assert data["score"].tolist() == [0.40, 0.63, 0.20, 0.40, 0.60, 0.49]
    assert data["supply"].tolist()[:3] == [0.25, 0.81, 0.16]
    assert data["demand"].tolist()[:3] == [0.64, 0.49, 0.25]
    assert data["rank_in_row"].tolist()[:3] == [2, 1, 3]
    assert data["rank_in_country"].tolist()[3:] == [1, 2, 1]
    assert data["row_order"].tolist() == [0, 0, 0, 1, 1, 1]
    assert data["country_order"].tolist() == [0, 1, 2, 0, 1, 2]
    # the middle of 0.20 .. 0.63 is 0.415: above it the number is written in white
    assert data["dark"].tolist() == [False, True, False, False, True, True]


def test_heatmap_data_keeps_the_rows_asked_and_their_labels(matrix):
    data = heatmap_data(matrix, em.load_countries(), "en", rows=["Traffic"],
                        row_labels={"Traffic": "1. Smart signals"})
    assert data["row_label"].unique().tolist() == ["1. Smart signals"]
    assert data["country_label"].tolist() == ["India", "Saudi Arabia", "Viet Nam"]
    with pytest.raises(ConfigError):
        heatmap_data(matrix, em.load_countries(), "en", rows=["No such row"])


def test_heatmap_spec_cells_numbers_fonts_and_order(matrix):
    data = heatmap_data(matrix, em.load_countries(), "ko")
    spec = heatmap_chart(data, "ko", by="field").to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rect", "text"]
    assert spec["width"] == 3 * CELL_WIDTH
    assert spec["height"] == 2 * CELL_HEIGHT
    assert spec["config"]["font"] == KOREAN_FONTS
    x, y = spec["layer"][0]["encoding"]["x"], spec["layer"][0]["encoding"]["y"]
    assert x["sort"] == {"field": "country_order", "op": "min"}
    assert y["sort"] == {"field": "row_order", "op": "min"}
    assert x["axis"]["orient"] == "top"
    assert x["axis"]["labelOverlap"] is False  # every country named, none skipped
    color = spec["layer"][0]["encoding"]["color"]
    assert color["field"] == "score"
    assert color["title"] == "수출 잠재력"
    text = spec["layer"][1]["encoding"]["text"]
    assert (text["field"], text["format"]) == ("score", ".2f")
    tooltips = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert tooltips[:3] == ["기술 분야", "국가", "수출 잠재력"]
    technology = heatmap_chart(data, "en", by="technology").to_dict()
    assert technology["layer"][0]["encoding"]["tooltip"][0]["title"] == "Technology"
