"""The panel strip chart: experts as ticks, the group as a diamond, Korean labels."""

import pandas as pd

from exportmcda.charts.panel import panel_strip_chart


def test_strip_chart_layers_experts_and_group():
    data = pd.DataFrame(
        {
            "label": ["지역 기반", "지역 기반", "지역 기반"],
            "who": ["Kim", "Lee", "그룹"],
            "weight": [0.2, 0.4, 0.3],
            "group": [False, False, True],
        }
    )
    spec = panel_strip_chart(data, "ko").to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["tick", "point"]
    assert spec["layer"][1]["mark"]["shape"] == "diamond"
    assert spec["title"]["text"] == "전문가별 가중치와 그룹 가중치"
    assert spec["title"]["subtitle"].startswith("◆ 그룹")
    assert spec["layer"][0]["encoding"]["x"]["title"] == "가중치"
