"""The Compare page's Scenarios tab (weightings of one target side by side), with AppTest.

Ranks hand-checked against ``exportmcda rank --country VNM --top all`` (balanced and
sme_first): T0044 is 45th under balanced and 10th under sme_first.
"""

import re

from tests.ui.apppages import open_page, select_tab, tables

PAGE = "ui/pages/compare.py"


def _plain(text):
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def test_scenarios_tab_shows_ranks_movers_and_what_each_favours():
    at = select_tab(open_page(PAGE, country="VNM", scenarios="balanced,sme_first", top="10"),
                    "compare", 1)
    assert [tab.label for tab in at.tabs] == ["Targets side by side", "Scenarios side by side"]
    heads = [s.value for s in at.subheader]
    assert heads.index("Biggest moves") < heads.index("What each weighting favours")
    assert "Ranks side by side (every technology of a top-10 list)" in heads
    said = "\n".join(_plain(m.value) for m in at.markdown)
    assert (
        "- T0044 (Open-API AI energy management platform) rises 35 places under SME "
        "first: from 45 (Balanced) to 10"
    ) in said
    assert "SME first weighs SME export pathway at 38% (Balanced: 7%)" in said
    ranks = next(t.value for t in tables(at) if "Rank: SME first" in t.value.columns)
    assert ranks.index.name == "Technology ID"
    row = ranks.loc["T0044"]
    assert (row["Rank: Balanced"], row["Rank: SME first"], row["Change: SME first"]) == (
        "45",
        "10",
        "+35",
    )
    assert len(ranks) == 17
    weights = next(t.value for t in tables(at) if t.value.index.name == "Criterion")
    assert weights.loc["SME export pathway", "Balanced"] == "7.1%"  # 1/14
    assert at.query_params["scenarios"] == "balanced,sme_first"


def test_scenarios_tab_in_korean_and_with_the_current_weights():
    at = select_tab(open_page(PAGE, country="VNM", scenarios="balanced,current", lang="ko"),
                    "compare", 1)
    assert "시나리오 비교" in [tab.label for tab in at.tabs]
    texts = [t.value for t in at.text]
    # the current weights are balanced's (nothing moved): no rank changes, nothing favoured
    assert "현재 가중치에서 상위 10개 목록의 기술 순위가 바뀌지 않습니다." in texts
    assert "현재 가중치: 가중치가 균형 기준과 같아 더 유리해지는 것이 없습니다." in texts


def test_one_weighting_asks_for_two():
    at = select_tab(open_page(PAGE, country="VNM"), "compare", 1)
    picker = next(m for m in at.multiselect if m.label.startswith("Weightings to compare"))
    picker.set_value(["balanced"]).run()
    assert not at.exception
    assert "Choose two or three weightings to compare." in [i.value for i in at.info]
