"""``exportmcda compare-scenarios``: JSON, table and CSV on the sample, exit codes.

Ranks hand-checked against ``exportmcda rank --country VNM --top all`` with ``--scenario
balanced`` and ``--scenario sme_first`` (see tests/model/test_scenario_compare.py): T0044 is
45th under balanced and 10th under sme_first; T0681 is 1st and 617th; T0135 5th and 1st.
"""

import csv
import io
import json

from exportmcda.cli.main import main, run

VNM = ["compare-scenarios", "--country", "VNM"]


def compare(scenarios="balanced,sme_first", *options):
    """Run ``compare-scenarios`` for VNM; return (exit code, stdout)."""
    return run([*VNM, "--scenarios", scenarios, *options])


def test_json_names_ranks_movers_and_favours():
    code, out = compare("balanced,sme_first", "--top", "10", "--format", "json")
    assert code == 0
    body = json.loads(out)
    assert body["country"] == "VNM"
    assert body["reference"] == "balanced"
    assert [(s["key"], s["label"]) for s in body["scenarios"]] == [
        ("balanced", "Balanced"),
        ("sme_first", "SME first"),
    ]
    assert [r["technology_id"] for r in body["tops"]["sme_first"]][:3] == [
        "T0135",
        "T0113",
        "T0299",
    ]
    ranks = {r["technology_id"]: r["ranks"] for r in body["ranks"]}
    assert ranks["T0044"] == {"balanced": 45, "sme_first": 10}
    assert ranks["T0681"] == {"balanced": 1, "sme_first": 617}
    assert len(ranks) == 17  # 10 + 10, three in both (T0135, T0113, T0299)
    rises = body["movers"]["sme_first"]["rises"]
    assert [(m["technology_id"], m["places"]) for m in rises] == [
        ("T0044", 35),
        ("T0823", 32),
        ("T0004", 25),
    ]
    assert body["summary"]["sme_first"][0] == (
        "T0044 (Open-API AI energy management platform) rises 35 places under SME first: "
        "from 45 (Balanced) to 10"
    )
    sizes = body["favours"]["sme_first"]["company_size"]
    assert sizes[0] == {
        "name": "Small and medium-sized enterprise",
        "reference_count": 3,
        "count": 10,
        "change": 7,
    }


def test_table_prints_ranks_side_by_side_then_sentences(capsys):
    code, out = compare("balanced,sme_first", "--top", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Technology", "ID"]
    assert "Rank: Balanced" in lines[0]
    assert "Change: SME first" in lines[0]
    t0135 = next(line for line in lines if line.startswith("T0135"))
    assert t0135.split()[-3:] == ["5", "1", "4"]
    assert "- SME first weighs SME export pathway at 38% (Balanced: 7%)" in lines
    err = capsys.readouterr().err
    assert "scenario 'sme_first'" in err
    assert "Synthetic" in err


def test_table_in_korean():
    code, out = compare("balanced,sme_first", "--top", "5", "--lang", "ko")
    assert code == 0
    assert "순위: 중소기업 우선" in out.splitlines()[0]
    assert "중소기업 우선에서 35계단 상승" not in out  # T0044 is not in a top 5
    assert "T0902(보안 강화 안심귀가 플랫폼): 중소기업 우선에서 13계단 상승(균형 18위 → 5위)" in out


def test_csv_one_row_per_technology_of_the_union():
    code, out = compare("balanced,sme_first,market_fit_first", "--top", "3", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:5] == [
        "technology_id",
        "technology_name",
        "company_name",
        "rank_balanced",
        "rank_sme_first",
    ]
    by_id = {r["technology_id"]: r for r in rows}
    assert by_id["T0681"]["rank_sme_first"] == "617"
    assert by_id["T0681"]["change_sme_first"] == "-616"
    assert by_id["T0135"]["in_top_sme_first"] == "True"


def test_bad_scenario_lists_exit_1(capsys):
    assert main([*VNM, "--scenarios", "balanced"]) == 1
    assert "two or three" in capsys.readouterr().err
    assert main([*VNM, "--scenarios", "balanced,balanced"]) == 1
    assert "named twice" in capsys.readouterr().err
    assert main([*VNM, "--scenarios", "balanced,nope"]) == 1
    assert "unknown scenario" in capsys.readouterr().err
    assert main([*VNM, "--scenarios", "balanced,sme_first", "--top", "0"]) == 2
