"""The policy-fit evidence rule on the Ranking page (AppTest)."""

import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP = str(ROOT / "app.py")


def ranking(**params):
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("ui/pages/ranking.py").run()
    assert not at.exception, at.exception
    return at


def table(at):
    return next(t.value for t in at.table if t.value.index.name in ("Rank", "순위"))


def test_requiring_official_sources_changes_the_ranking_and_says_so():
    at = ranking(country="ASEAN")
    before = table(at).iloc[:, 0].tolist()
    at.selectbox(key="evidence.min_source").set_value("official").run()
    assert not at.exception, at.exception
    after = table(at).iloc[:, 0].tolist()
    assert after != before
    texts = " ".join(t.value for t in at.text) + " ".join(c.value for c in at.caption)
    assert "official" in texts
    at.checkbox(key="evidence.sourced_only").check().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="evidence.min_source").value == "official"


def test_evidence_rule_can_be_undone():
    at = ranking(country="IND")
    before = table(at).iloc[:, 0].tolist()
    at.selectbox(key="evidence.min_source").set_value("official").run()
    at.selectbox(key="evidence.min_source").set_value("any").run()
    assert table(at).iloc[:, 0].tolist() == before
