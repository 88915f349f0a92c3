"""The ``shortlist`` command: the JSON contract, formats, rules from files and flags, errors."""

import csv
import io
import json
from collections import Counter

import pytest

from exportmcda.cli.main import run
from exportmcda.model.scenarios import load_scenario, to_toml

CONTRACT = {"shortlist", "rules", "score", "unconstrained_score", "feasible", "conflict"}


@pytest.fixture(scope="module")
def one_per_company():
    code, text = run(["shortlist", "--country", "IND", "--top", "20", "--max-per-company", "1",
                      "--format", "json"])
    assert code == 0
    return json.loads(text)


def test_json_contract(one_per_company):
    data = one_per_company
    assert set(data) >= CONTRACT
    assert data["feasible"] is True
    assert data["conflict"] is None
    assert [r["rank"] for r in data["shortlist"]] == list(range(1, 21))
    for row in data["shortlist"]:
        assert {"rank", "technology_id", "technology_name", "company_name", "closeness",
                "ranking_rank", "company_id"} <= set(row)
    (rule,) = data["rules"]
    assert {"rule", "binding", "score_given_up", "pushed_out"} <= set(rule)
    assert rule["rule"] == "max_per_company=1"
    assert data["score"] <= data["unconstrained_score"]
    assert rule["score_given_up"] == pytest.approx(data["unconstrained_score"] - data["score"])


def test_one_per_company_removes_the_pairs_of_the_top_20(db, india, one_per_company):
    company = db.technology_profiles()["company_id"]
    before = Counter(company[t] for t in india.top_ids(20))
    assert sum(n - 1 for n in before.values()) == 3  # 3 + 2 from two companies
    ids = [r["technology_id"] for r in one_per_company["shortlist"]]
    assert len({company[t] for t in ids}) == 20
    (rule,) = one_per_company["rules"]
    assert rule["binding"] is True
    assert len(rule["pushed_out"]) == 3
    assert set(rule["pushed_out"]) == set(india.top_ids(20)) - set(ids)


def test_no_rules_gives_the_rank_commands_top_n():
    code, text = run(["shortlist", "--country", "IND", "--top", "10", "--format", "json"])
    assert code == 0
    data = json.loads(text)
    code, ranked = run(["rank", "--country", "IND", "--top", "10", "--format", "json"])
    assert [r["technology_id"] for r in data["shortlist"]] == [
        r["technology_id"] for r in json.loads(ranked)]
    assert data["rules"] == []
    assert data["score"] == pytest.approx(data["unconstrained_score"])


def test_table_and_csv(capsys):
    code, text = run(["shortlist", "--country", "IND", "--top", "5", "--max-per-field",
                      "Traffic=2", "--lang", "ko"])
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["순위", "기술", "ID"]
    assert any(line.startswith("교통 분야 최대 2개") for line in lines)
    assert lines[-1].startswith("점수 ")
    assert "정수계획" in capsys.readouterr().err
    code, text = run(["shortlist", "--country", "IND", "--top", "5", "--max-per-field",
                      "Traffic=2", "--format", "csv"])
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert sum("6" in r["fields"].split(";") for r in rows) <= 2  # field 6 = Traffic
    assert "max_per_field:Traffic=2: binding True" in capsys.readouterr().err


def test_rules_from_a_scenario_a_file_and_flags(tmp_path):
    scenario = tmp_path / "ruled.toml"
    scenario.write_text(to_toml(load_scenario("balanced")) + "\n[rules]\nmax_per_company = 1\n"
                        "min_non_capital = 2\n", encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text("min_non_capital = 4\n[country.IND]\nexclude = [\"T0889\"]\n"
                     "[country.VNM]\nexclude = [\"T0966\"]\n", encoding="utf-8")
    code, text = run(["shortlist", "--country", "IND", "--top", "10", "--scenario",
                      str(scenario), "--rules", str(rules), "--max-per-company", "2",
                      "--format", "json"])
    assert code == 0
    data = json.loads(text)
    stated = {r["rule"]: r["stated_in"] for r in data["rules"]}
    assert stated == {
        "exclude:T0889": f"{rules}, key country.IND.exclude",  # India's own table
        "max_per_company=2": "--max-per-company",  # the flag replaces the scenario's 1
        "min_non_capital=4": f"{rules}, key min_non_capital",  # the file replaces 2
    }
    assert "T0889" not in [r["technology_id"] for r in data["shortlist"]]
    assert sum(not r["capital_region"] for r in data["shortlist"]) >= 4


def test_infeasible_rules_print_the_conflict_and_exit_1(capsys):
    code, text = run(["shortlist", "--country", "IND", "--top", "5", "--min-per-field",
                      "Water management=3", "--min-per-field", "Welfare=3", "--format", "json"])
    assert code == 1
    data = json.loads(text)
    assert data["feasible"] is False
    assert data["shortlist"] == []
    assert data["score"] is None
    assert data["conflict"]["rules"] == ["min_per_field:Water management=3",
                                         "min_per_field:Welfare=3"]
    smallest = data["conflict"]["smallest"]
    assert smallest["rule"] in data["conflict"]["rules"]
    err = capsys.readouterr().err
    assert "conflicting rules: at least 3 in Water management; at least 3 in Welfare" in err
    assert "smallest relaxation:" in err


@pytest.mark.parametrize(("argv", "named"), [
    (["--min-per-field", "Trafic=2"], "'--min-per-field': unknown technology field 'Trafic'"),
    (["--max-per-company", "-1"], "'--max-per-company': a count cannot be negative"),
    (["--min-sme-share", "1.5"], "'--min-sme-share': a share lies between 0 and 1"),
    (["--exclude", "T0001,T9999"], "'--exclude': 'T9999' is not a technology"),
    (["--require", "nope"], "'--require': 'nope' is not a technology"),
])
def test_bad_rules_exit_1_naming_the_flag(capsys, argv, named):
    code, text = run(["shortlist", "--country", "IND", *argv])
    assert code == 1
    assert text == ""
    err = capsys.readouterr().err
    assert named in err
    assert "Traceback" not in err


def test_a_bad_rules_file_names_the_file_and_key(tmp_path, capsys):
    rules = tmp_path / "rules.toml"
    rules.write_text("[min_per_field]\nTraffic = 2.5\n[country.XYZ]\nmax_per_company = 1\n",
                     encoding="utf-8")
    assert run(["shortlist", "--country", "IND", "--rules", str(rules)])[0] == 1
    assert f"{rules}, field 'min_per_field.Traffic'" in capsys.readouterr().err
    rules.write_text("[country.XYZ]\nmax_per_company = 1\n", encoding="utf-8")
    assert run(["shortlist", "--country", "IND", "--rules", str(rules)])[0] == 1
    assert "'XYZ' is not a target country or group" in capsys.readouterr().err
