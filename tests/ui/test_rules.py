"""The Ranking page's shortlist rules (ui/rules.py), driven with AppTest (no browser)."""

import json
import re
from collections import Counter

import pytest

from exportmcda.cli.main import run
from exportmcda.resources import criteria_dir
from tests.ui.apppages import caption_texts, lazy_expanders, open_expanders, open_page, tables

RULE_TABLE = ("Rank under the rules", "규칙 적용 순위")


def rule_table(at):
    return next((t.value for t in tables(at) if t.value.index.name in RULE_TABLE), None)


def control(at, kind):
    return next(n for n in at.number_input if n.key == f"rules.{kind}")


def unescaped(markdown):
    """Text as a reader sees it (Markdown escapes of ui.components.plain dropped)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def texts(at):
    return "\n".join(x.value for x in at.text)


@pytest.fixture(scope="module")
def cli_one_per_company():
    code, text = run(
        [
            "shortlist",
            "--country",
            "IND",
            "--top",
            "20",
            "--max-per-company",
            "1",
            "--format",
            "json",
        ]
    )
    assert code == 0
    return json.loads(text)


def test_max_one_per_company_shows_the_shortlist_and_the_rules_cost(cli_one_per_company):
    at = open_page("ui/pages/ranking.py", country="IND", top="20", expand=False)
    assert rule_table(at) is None  # no rule: no rule-bound shortlist
    assert lazy_expanders(at)["open.rules"] is False  # closed while no rule is in effect
    open_expanders(at)
    control(at, "max_per_company").set_value(1).run()
    assert not at.exception
    table = rule_table(at)
    assert table is not None
    assert len(table) == 20
    assert max(Counter(table["Company"]).values()) == 1  # no company twice
    assert list(table["Technology ID"]) == [
        r["technology_id"] for r in cli_one_per_company["shortlist"]
    ]
    (cost,) = cli_one_per_company["rules"]
    shown = texts(at)
    assert (
        f"at most 1 per company: binding — without it the shortlist would score "
        f"{cost['score_given_up']:.4f} more; it pushed out {cost['pushed_out'][0]} ("
    ) in shown
    assert (
        f"{cli_one_per_company['score']:.4f} under the rules against "
        f"{cli_one_per_company['unconstrained_score']:.4f}"
    ) in shown
    assert at.query_params["rules"] == "max_per_company=1"
    assert "Shortlist rules in effect: 1. The rule-bound shortlist below meets them all." in (
        caption_texts(at)
    )
    assert lazy_expanders(at)["open.rules"] is True  # the expander stayed open
    control(at, "max_per_company").set_value(None).run()  # an emptied box: no rule
    assert rule_table(at) is None
    assert at.query_params["rules"] == "none"


def test_infeasible_rules_show_the_conflict_without_a_traceback():
    at = open_page(
        "ui/pages/ranking.py", country="IND", rules="min_per_field.6=6;max_per_field.6=3"
    )
    assert not at.exception
    assert rule_table(at) is None
    assert [unescaped(e.value) for e in at.error] == [
        "No shortlist of 10 technologies meets every rule."
    ]
    shown = texts(at)
    assert "conflicting rules: at least 6 in Traffic; at most 3 in Traffic" in shown
    assert 'smallest relaxation: "at most 3 in Traffic" → "at most 6 in Traffic"' in shown
    assert len(at.table) + len(at.dataframe) > 0  # the ranking itself is still there


def test_rules_come_back_from_the_link_and_can_be_cleared():
    at = open_page(
        "ui/pages/ranking.py",
        country="IND",
        rules="max_per_company=1;min_sme_share=0.4;exclude=T0889",
    )
    assert control(at, "max_per_company").value == 1
    assert control(at, "min_sme_share").value == pytest.approx(40.0)
    excluded = next(m for m in at.multiselect if m.key == "rules.exclude")
    assert excluded.value == ["T0889"]
    assert "T0889" not in list(rule_table(at)["Technology ID"])
    assert "T0889 — Integrated NFC facility inspection tag" in texts(at)  # named as text
    assert "The rules were changed here" in "\n".join(c.value for c in at.caption)
    next(b for b in at.button if b.key == "rules.clear").click().run()
    assert rule_table(at) is None
    assert at.query_params["rules"] == "none"
    next(b for b in at.button if b.key == "rules.reset").click().run()
    assert "rules" not in at.query_params


def test_a_bad_link_is_refused_with_the_reason():
    at = open_page("ui/pages/ranking.py", rules="max_per_company=x")
    assert not at.exception
    assert rule_table(at) is None
    (warning,) = [unescaped(w.value) for w in at.warning if "shortlist rules" in unescaped(w.value)]
    assert "were not applied" in warning
    assert "max_per_company" in warning


def test_field_rules_are_set_and_dropped():
    at = open_page("ui/pages/ranking.py", country="IND")
    next(s for s in at.selectbox if s.key == "rules.field").set_value(6)
    next(n for n in at.number_input if n.key == "rules.field_k").set_value(5)
    next(b for b in at.button if b.key == "rules.field_add").click().run()
    assert at.query_params["rules"] == "min_per_field.6=5"
    table = rule_table(at)
    assert table["Technology field"].str.contains("Traffic").sum() >= 5
    dropped = next(m for m in at.multiselect if m.key == "rules.field_rules")
    assert dropped.value == ["min_per_field:Traffic=5"]
    dropped.set_value([]).run()
    assert at.query_params["rules"] == "none"
    assert rule_table(at) is None


def test_scenario_rules_are_shown_and_editable():
    text = (criteria_dir() / "scenarios" / "balanced.toml").read_text(encoding="utf-8")
    text = text.replace('id = "balanced"', 'id = "ruled"', 1)
    text += "\n[rules]\nmax_per_company = 1\n"
    at = open_page("ui/pages/ranking.py", country="IND")
    at.sidebar.file_uploader[1].set_value(("ruled.toml", text.encode(), "text/plain")).run()
    assert not at.exception
    at.switch_page("ui/pages/ranking.py").run()
    captions = "\n".join(unescaped(c.value) for c in at.caption)
    assert "Rules of the scenario" in captions
    assert "at most 1 per company" in captions
    assert control(at, "max_per_company").value == 1
    assert rule_table(at) is not None
    assert "rules" not in at.query_params  # the scenario's own rules: nothing to link
    control(at, "max_per_company").set_value(2).run()
    assert at.query_params["rules"] == "max_per_company=2"
    assert "at most 2 per company: not binding" in texts(at)


def test_korean_page():
    at = open_page("ui/pages/ranking.py", lang="ko", country="IND", rules="max_per_company=1")
    assert not at.exception
    assert rule_table(at) is not None
    assert "기업당 최대 1개: 제약 작용" in texts(at)
    assert any(s.value == "규칙 기반 후보 목록(10개)" for s in at.subheader)
