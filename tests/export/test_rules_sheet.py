"""The workbook's Rules sheet and rule-bound shortlist, read back and checked against the CLI.

The expected numbers come from ``exportmcda shortlist --format json`` (the CLI path: flags
parsed by the command) and from hand checks on the written rows (no company twice, the SME
count); the workbook is built the app's way (rules set one control at a time).
"""

import csv
import io
import json
from collections import Counter

import openpyxl
import pytest

import exportmcda as em
from exportmcda.cli.main import run
from exportmcda.export.reports import shortlist_csv, shortlist_xlsx
from exportmcda.model.rule_link import with_rule, with_technologies
from exportmcda.model.rules import RuleKind
from exportmcda.model.shortlist import shortlist
from tests.export.test_reports import HOSTILE

TOP = 20
TRAFFIC = 6  # field number of "Traffic" (data.taxonomy.FIELDS)


def _cli(*flags):
    code, text = run(
        ["shortlist", "--country", "IND", "--top", str(TOP), *flags, "--format", "json"]
    )
    return code, json.loads(text)


@pytest.fixture(scope="module")
def cli_bound():
    code, data = _cli("--max-per-company", "1", "--min-sme-share", "0.5")
    assert code == 0
    return data


@pytest.fixture(scope="module")
def app_bound(db, india):
    rules = with_rule(with_rule((), RuleKind.MAX_PER_COMPANY, 1), RuleKind.MIN_SME_SHARE, 0.5)
    return shortlist(india, rules, top=TOP, db=db)


def _book(selection, result, lang="en", top=TOP):
    return openpyxl.load_workbook(
        io.BytesIO(shortlist_xlsx(selection, top=top, lang=lang, rules=result))
    )


def _table(ws, first):
    """Rows from the header row whose column A is ``first``, as dicts, until a blank row."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] == first)
    header = [h for h in rows[start] if h is not None]
    out = []
    for r in rows[start + 1 :]:
        if r[0] is None:
            break
        out.append(dict(zip(header, r, strict=False)))
    return out


def _value(ws, label):
    return next(r[1] for r in ws.iter_rows(values_only=True) if r and r[0] == label)


def test_rules_sheet_holds_the_clis_numbers(india, app_bound, cli_bound):
    wb = _book(india, app_bound)
    assert wb.sheetnames[:2] == ["Shortlist", "Rules"]
    ws = wb["Rules"]
    assert any("Synthetic sample data" in str(r[0]) for r in ws.iter_rows(values_only=True))
    assert _value(ws, "A shortlist meets every rule") == "yes"
    assert _value(ws, "Score under the rules") == pytest.approx(cli_bound["score"], abs=1e-12)
    assert _value(ws, f"Score of the top {TOP} without rules") == pytest.approx(
        cli_bound["unconstrained_score"], abs=1e-12
    )
    assert _value(ws, "Score given up") == pytest.approx(
        cli_bound["unconstrained_score"] - cli_bound["score"], abs=1e-12
    )
    rows = _table(ws, "Rule (id)")
    assert (
        [r["Rule (id)"] for r in rows]
        == [r["rule"] for r in cli_bound["rules"]]
        == ["max_per_company=1", "min_sme_share=0.5"]
    )
    for written, cli in zip(rows, cli_bound["rules"], strict=True):
        assert written["Binding"] == ("yes" if cli["binding"] else "no")
        assert written["Score given up"] == pytest.approx(cli["score_given_up"], abs=1e-12)
        assert written["Pushed out"] == (", ".join(cli["pushed_out"]) or None)
        assert written["Stated in"] == f"app, key {cli['rule'].partition('=')[0]}"
    # the sample's IND top 20 holds three pairs from one company: the cap is binding
    assert rows[0]["Binding"] == "yes"
    assert rows[0]["Cost in words"].startswith("at most 1 per company: binding — without it")


def test_shortlist_sheet_lists_the_rule_bound_members(db, india, app_bound, cli_bound):
    ws = _book(india, app_bound)["Shortlist"]
    heading = [r[0] for r in ws.iter_rows(values_only=True, max_row=8)]
    assert any(str(h).startswith("Rule-bound shortlist: the best-scoring 20") for h in heading)
    rows = _table(ws, "Rank under the rules")
    ids = [r["Technology ID"] for r in rows]
    assert ids == [r["technology_id"] for r in cli_bound["shortlist"]]
    assert [r["Rank under the rules"] for r in rows] == list(range(1, TOP + 1))
    assert [r["Rank"] for r in rows] == [r["ranking_rank"] for r in cli_bound["shortlist"]]
    profiles = db.technology_profiles()
    assert max(Counter(profiles.loc[ids, "company_id"]).values()) == 1  # no company twice
    assert (profiles.loc[ids, "company_size"] == 1).sum() >= TOP // 2  # 50 % SMEs (size 1)
    top = set(cli_bound["unconstrained"])
    for r in rows:
        assert (r["Changed by rule"] is None) == (r["Technology ID"] in top), r
    entered = [r for r in rows if r["Technology ID"] not in top]
    assert len(entered) == len(set(india.top_ids(TOP)) - set(ids)) > 0


def test_korean_workbook_names_the_sheet_and_columns(india, app_bound):
    wb = _book(india, app_bound, lang="ko")
    assert wb.sheetnames[:2] == ["후보 목록", "선정 규칙"]
    rows = _table(wb["선정 규칙"], "규칙(ID)")
    assert rows[0]["규칙"] == "기업당 최대 1개"
    assert rows[1]["규칙"] == "중소기업 기술 최소 50%"


def test_infeasible_rules_show_the_conflict_and_keep_the_top_n(db, india):
    code, cli = _cli("--min-per-field", "Traffic=6", "--max-per-field", "Traffic=3", "--top", "10")
    assert code == 1
    assert cli["feasible"] is False
    rules = with_rule(
        with_rule((), RuleKind.MIN_PER_FIELD, 6, field=TRAFFIC),
        RuleKind.MAX_PER_FIELD,
        3,
        field=TRAFFIC,
    )
    result = shortlist(india, rules, top=10, db=db)
    wb = _book(india, result, top=10)
    ws = wb["Rules"]
    assert _value(ws, "A shortlist meets every rule") == "no"
    assert _value(ws, "Score under the rules") == "-"
    texts = [r[0] for r in ws.iter_rows(values_only=True) if r and r[0]]
    assert "conflicting rules: at least 6 in Traffic; at most 3 in Traffic" in texts
    assert (
        f"smallest relaxation: {cli['conflict']['smallest']['text']} (score "
        f"{cli['conflict']['smallest']['score']:.4f})" in texts
    )
    relaxations = _table(ws, "Rule")
    assert [r["Score (TOPSIS closeness)"] for r in relaxations] == pytest.approx(
        [x["score"] for x in cli["conflict"]["relaxations"]], abs=1e-12
    )
    assert (
        [r["Technologies of slack"] for r in relaxations]
        == [x["technologies"] for x in cli["conflict"]["relaxations"]]
        == [3, 3]
    )
    sheet = wb["Shortlist"]
    heading = [r[0] for r in sheet.iter_rows(values_only=True, max_row=8)]
    assert any(str(h).startswith("No set of 10 technologies meets the rules") for h in heading)
    assert [r["Technology ID"] for r in _table(sheet, "Rank")] == list(india.top_ids(10))


def test_csv_lists_the_rule_bound_shortlist_too(india, app_bound, cli_bound):
    text = shortlist_csv(india, top=TOP, rules=app_bound).decode("utf-8-sig")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert list(rows[0])[:3] == ["Rank under the rules", "Rank", "Shared rank"]
    assert [r["Technology ID"] for r in rows] == [
        r["technology_id"] for r in cli_bound["shortlist"]
    ]


def _hostile_ids_db():
    header = (
        "technology_id,technology_name,company_id,company_name,field,service_type,"
        "region,company_size,capital_class,sales_class,history_class,employees_class\n"
    )
    rows = []
    for k, text in enumerate(HOSTILE, start=1):
        quoted = '"' + text.replace('"', '""') + '"'
        rows.append(f"{quoted},{quoted},C{k},{quoted},Traffic,Platform,Seoul,SME,{k},{k},{k},{k}\n")
    return em.load((header + "".join(rows)).encode(), name="hostile.csv")


def test_no_rule_text_runs_as_a_formula():
    db = _hostile_ids_db()
    selection = em.select(
        db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND")
    )
    last = selection.top_ids()[-1]
    assert last == HOSTILE[0]  # =HYPERLINK(...), required: the rule brings it in
    rules = with_technologies((), RuleKind.REQUIRE, [last])
    result = shortlist(selection, rules, top=1, db=db)
    assert result.costs[0].pushed_out == (selection.top_ids(1)[0],)  # a hostile id
    wb = _book(selection, result, top=1)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    brought = next(c for c in cells if c.value == last and c.parent.title == "Rules")
    assert brought.data_type == "s"
    assert brought.quotePrefix
