"""The Sensitivity page, driven with AppTest (no browser)."""

import re

from pymcdm import normalizations as pn
from pymcdm.methods import WSM
from scipy.stats import kendalltau

import exportmcda as em
from tests.ui.apppages import caption_texts, open_page, tables, weight_slider


def sensitivity(**params):
    return open_page("ui/pages/sensitivity.py", **params)


def unescaped(at):
    """Markdown texts as a reader sees them (names are escaped: ``ui.components.plain``)."""
    return [re.sub(r"\\(.)", r"\1", m.value).replace("\u2060", "") for m in at.markdown]


def acceptability_table(at, header="In the top 10"):
    return next(
        t.value
        for t in tables(at)
        if header in t.value.columns and t.value.index.name in ("Technology", "기술")
    )


def test_page_leads_with_the_answer_without_a_button():
    at = sensitivity(country="IND")
    assert at.title[0].value == "Sensitivity"
    assert any("Synthetic sample data" in w.value for w in at.warning)
    assert not at.button, "nothing waits for a button"
    headers = [h.value for h in at.subheader]
    assert headers[:3] == [
        "The answer in brief",
        "How often each technology stays in the top 10",
        "What would change the shortlist",
    ]
    texts = unescaped(at)
    # the leader (rank 1 of the IND balanced ranking) and its top-10 share, in words
    leader = (
        em.select(
            em.load_sample(),
            em.load_criteria(),
            em.load_scenario("balanced"),
            em.get_country("IND"),
        )
        .table(1)["technology_name"]
        .iloc[0]
    )
    assert any(
        f"- {leader} stays in the top 10 under " in t and "of plausible weightings" in t
        for t in texts
    )
    assert any(
        re.search(
            r"The shortlist holds while the \w.* weight stays (below|above|between)"
            r" [0-9.]+",
            t,
        )
        for t in texts
    )
    # the table is open (not in an expander): the current top 10 first, with shares
    table = acceptability_table(at)
    assert list(table.columns) == ["Current rank", "In the top 10", "Ranked first"]
    assert table.index[0] == leader
    assert list(table["Current rank"][:10]) == [str(r) for r in range(1, 11)]
    assert all(re.fullmatch(r"\d{1,3}%", v) for v in table["In the top 10"])
    # the methods' common top 10 said in words, jargon in the analysts' expander
    assert any(
        t.startswith("In the top 10 of every method (TOPSIS, VIKOR, WSM, SPOTIS)")
        or t.startswith("No technology is in the top 10 of every method")
        for t in texts
    )
    assert [e.label for e in at.expander][:2] == [
        "Sampling settings (for analysts)",
        "For analysts: the methods behind these answers",
    ]
    assert any("**Dirichlet κ**" in t and "**Kendall's τ**" in t for t in texts)
    assert any("Smallest change" in t.value for t in at.text)


def test_analysts_expander_has_every_analysis_with_numbers():
    at = sensitivity(country="IND")
    headers = [h.value for h in at.subheader]
    for header in (
        "Rank acceptability (SMAA-2)",
        "One criterion at a time",
        "Other methods",
        "Rank reversal check",
    ):
        assert header in headers
    shown = [t.value for t in tables(at)]
    tornado = next(
        t
        for t in shown
        if t.index.name == "Criterion" and "Current weight" in t and len(t.columns) == 5
    )
    assert len(tornado) == 6
    tau = next(t for t in shown if "TOPSIS" in t.columns)
    # TOPSIS against the weighted sum as pymcdm and scipy compute it on the same selection
    r = em.select(
        em.load_sample(), em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND")
    ).result
    wsm = WSM(pn.minmax_normalization)(r.matrix, r.weights, r.types)
    assert tau.loc["TOPSIS", "WSM"] == f"{kendalltau(r.scores, wsm).statistic:.3f}"
    reversal = next(t for t in shown if t.index.name == "Change")
    names = set(em.load_sample().technologies["technology_name"])
    assert all(c.startswith(("removed ", "added a copy of ")) for c in reversal.index)
    assert all(
        c.removeprefix("removed ") in names for c in reversal.index if c.startswith("removed ")
    )
    assert any("changes checked" in t.value for t in at.text)


def test_a_slider_move_changes_the_answer_without_a_button():
    at = sensitivity(country="IND")
    before = acceptability_table(at)
    answer_before = unescaped(at)[0]
    weight_slider(at, "sme_support").set_value(0.5).run()
    assert not at.exception, at.exception
    after = acceptability_table(at)
    assert not after.equals(before)
    assert unescaped(at)[0] != answer_before
    # SME export pathway at 0.50 now: said in the limits' sentences
    assert any("SME export pathway weight" in t and "(now 0.500)" in t for t in unescaped(at))


def test_fewer_samples_for_analysts_change_the_caption():
    at = sensitivity(country="IND")
    assert at.selectbox(key="sens_samples").value == 2_000
    at.selectbox(key="sens_samples").set_value(5_000).run()
    assert not at.exception, at.exception
    assert any(c.startswith("Share of 5,000 plausible weightings") for c in caption_texts(at))


def test_korean_sensitivity_page():
    at = sensitivity(country="IND", lang="ko")
    assert at.title[0].value == "민감도 분석"
    assert [h.value for h in at.subheader][:3] == [
        "요약 답변",
        "기술별 상위 10위 유지 확률",
        "후보 목록을 바꾸는 가중치",
    ]
    texts = unescaped(at)
    assert any("그럴듯한 가중치 조합의" in t and "상위 10위 안에 남습니다." in t for t in texts)
    assert any(
        re.search(r"가중치가 [0-9.~]+ (미만인|초과인|사이인) 동안 후보 목록이 유지됩니다", t)
        for t in texts
    )
    table = acceptability_table(at, "상위 10위 안")
    assert list(table.columns) == ["현재 순위", "상위 10위 안", "1위 확률"]
    assert "**디리클레 κ**" in " ".join(texts)


def test_korean_page_translates_the_library_descriptions():
    at = sensitivity(country="IND", lang="ko")
    captions = " ".join(c for c in caption_texts(at))
    assert "디리클레 분포(κ·w, κ = 50)" in captions
    assert "around the given weights" not in captions
    assert "upper bound" not in captions
    reversal = next(t.value for t in tables(at) if t.value.index.name == "변경")
    assert all(c.endswith((" 제외", " 추가")) for c in reversal.index)
