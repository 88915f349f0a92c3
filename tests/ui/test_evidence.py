"""The policy-fit evidence rule on the Ranking page (AppTest)."""

from tests.ui.apppages import caption_texts, open_page
from tests.ui.apppages import ranking_table as table


def ranking(**params):
    return open_page("ui/pages/ranking.py", **params)


def test_requiring_official_sources_changes_the_ranking_and_says_so():
    at = ranking(country="ASEAN")
    before = table(at)["Technology"].tolist()
    at.selectbox(key="evidence.min_source").set_value("official").run()
    assert not at.exception, at.exception
    after = table(at)["Technology"].tolist()
    assert after != before
    texts = " ".join(t.value for t in at.text) + " ".join(c for c in caption_texts(at))
    assert "official" in texts
    at.checkbox(key="evidence.sourced_only").check().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="evidence.min_source").value == "official"


def test_evidence_rule_can_be_undone():
    at = ranking(country="IND")
    before = table(at)["Technology"].tolist()
    at.selectbox(key="evidence.min_source").set_value("official").run()
    at.selectbox(key="evidence.min_source").set_value("any").run()
    assert table(at)["Technology"].tolist() == before


def test_the_app_offers_every_source_type_the_cli_does():
    # regression: the app's evidence rule left out "weak", which the CLI offers
    from exportmcda.cli.main import build_parser
    from exportmcda.data.countries import SourceType

    at = ranking(country="IND")
    offered = at.selectbox(key="evidence.min_source").options  # shown labels
    assert offered[1:] == [k.label("en") for k in SourceType]
    assert SourceType.WEAK.label("en") in offered
    rank = build_parser()._subparsers._group_actions[0].choices["rank"]
    (flag,) = [a for a in rank._actions if "--min-evidence" in a.option_strings]
    assert list(flag.choices) == [k.value for k in SourceType]
    at.selectbox(key="evidence.min_source").set_value("weak").run()
    assert not at.exception, at.exception


def test_the_evidence_label_is_computed_after_the_evidence_rule():
    # issue 10: India's profile rests on two copies and five news items: "Moderate", not the
    # md's "Strong"; with official sources only, nothing is left: "None"
    at = ranking(country="IND")
    texts = [t.value for t in at.text]
    assert any(t.startswith("Evidence strength of the profile: Moderate") for t in texts), texts
    at.selectbox(key="evidence.min_source").set_value("official").run()
    assert not at.exception, at.exception
    texts = [t.value for t in at.text]
    assert "Evidence strength of the profile: None" in texts, texts
    korean = ranking(country="IND", lang="ko")
    assert any(t.value.startswith("국가 정책 프로필의 근거 강도: 보통") for t in korean.text)
