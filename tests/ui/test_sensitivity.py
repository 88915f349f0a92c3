"""The Sensitivity page, driven with AppTest (no browser)."""

from pymcdm import normalizations as pn
from pymcdm.methods import WSM
from scipy.stats import kendalltau

import exportmcda as em
from tests.ui.apppages import caption_texts, open_page, tables


def sensitivity(**params):
    return open_page("ui/pages/sensitivity.py", **params)


def test_page_waits_for_the_run_button_and_offers_the_pair_flip():
    at = sensitivity(country="IND")
    assert at.title[0].value == "Sensitivity"
    assert any("Synthetic sample data" in w.value for w in at.warning)
    assert at.info, "asks the user to press the button"
    assert at.button(key="sens_run")
    # the pair flip works without the run: the two top technologies, with the needed weights
    assert any("Smallest change" in t.value for t in at.text)


def test_running_shows_every_analysis_with_numbers():
    at = sensitivity(country="IND")
    at.selectbox(key="sens_samples").set_value(1_000)
    at.button(key="sens_run").click().run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.subheader]
    assert headers[:4] == ["One criterion at a time", "Rank acceptability (SMAA-2)",
                           "Other methods", "Rank reversal check"]
    shown = [t.value for t in tables(at)]
    tornado = next(t for t in shown if t.index.name == "Criterion" and "Current weight" in t)
    assert len(tornado) == 6
    tau = next(t for t in shown if "TOPSIS" in t.columns)
    # TOPSIS against the weighted sum as pymcdm and scipy compute it on the same selection
    r = em.select(em.load_sample(), em.load_criteria(), em.load_scenario("balanced"),
                  em.get_country("IND")).result
    wsm = WSM(pn.minmax_normalization)(r.matrix, r.weights, r.types)
    assert tau.loc["TOPSIS", "WSM"] == f"{kendalltau(r.scores, wsm).statistic:.3f}"
    reversal = next(t for t in shown if t.index.name == "Change")
    names = set(em.load_sample().technologies["technology_name"])
    assert all(c.startswith(("removed ", "added a copy of ")) for c in reversal.index)
    assert all(c.removeprefix("removed ") in names
               for c in reversal.index if c.startswith("removed "))
    assert any("changes checked" in t.value for t in at.text)


def test_korean_sensitivity_page():
    at = sensitivity(country="IND", lang="ko")
    assert at.title[0].value == "민감도 분석"
    assert at.button(key="sens_run").label == "민감도 분석 실행"


def test_korean_run_translates_the_library_descriptions():
    at = sensitivity(country="IND", lang="ko")
    at.selectbox(key="sens_samples").set_value(1_000)
    at.button(key="sens_run").click().run()
    assert not at.exception, at.exception
    captions = " ".join(c for c in caption_texts(at))
    assert "디리클레 분포(kappa·w, kappa = 50)" in captions
    assert "around the given weights" not in captions
    assert "upper bound" not in captions
    reversal = next(t.value for t in tables(at) if t.value.index.name == "변경")
    assert all(c.endswith((" 제외", " 추가")) for c in reversal.index)
