"""The sidebar tells why a shared link's weights were not applied (AppTest, no browser)."""

import pytest

from tests.ui.apppages import open_page, weight_slider

GOOD = ("utilization:0.4,track_record:0.1,firm_capacity:0.1,region:0.1,policy_fit:0.2,"
        "sme_support:0.1")
BALANCED_UTILIZATION = 3 / 14  # criteria/scenarios/balanced.toml


def link_texts(at):
    return [x.value for x in at.sidebar.text]


def test_a_bad_link_keeps_the_scenario_weights_and_says_why():
    at = open_page("ui/pages/ranking.py", weights="utilization:0.5,region:x")
    assert weight_slider(at, "utilization").value == pytest.approx(
        BALANCED_UTILIZATION, abs=1e-4
    )
    assert any("Parts of the link were not applied" in w.value for w in at.sidebar.warning)
    texts = link_texts(at)
    assert "Link weight is not a number: region = x" in texts
    assert "Criterion missing from link: sme_support" in texts
    # moving a slider is the user's own choice: the warning goes
    weight_slider(at, "utilization").set_value(0.5).run()
    assert not at.exception, at.exception
    assert not at.sidebar.warning
    link = at.query_params["weights"]
    link = link if isinstance(link, str) else link[0]  # a list in older Streamlit versions
    assert link.startswith("utilization:0.5000,")


def test_the_warning_speaks_korean():
    at = open_page("ui/pages/ranking.py", lang="ko", weights="utilization:0.5,regoin:0.1")
    assert any("링크의 일부를 적용하지 않았습니다" in w.value for w in at.sidebar.warning)
    assert "링크에 알 수 없는 기준: regoin = 0.1" in link_texts(at)


def test_a_good_link_applies_without_a_warning():
    at = open_page("ui/pages/ranking.py", weights=GOOD)
    assert weight_slider(at, "utilization").value == pytest.approx(0.4)
    assert not at.sidebar.warning
