"""The decision commands: JSON contracts, exit codes, bad input for every command."""

import json
from pathlib import Path

import openpyxl
import pytest

from exportmcda.cli.main import main, run
from exportmcda.data.io import to_interchange
from exportmcda.export.record import read_record
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text("utf-8"))


def case(case_id):
    return next(c for c in CASES if c["id"] == case_id)


def write_matrix(path, labels, cells):
    lines = ["," + ",".join(labels)]
    lines += [label + "," + ",".join(row) for label, row in zip(labels, cells, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_ahp_json_contract_reproduces_saaty_drinks(tmp_path):
    c = case("ahp-saaty2008-drinks")
    path = write_matrix(tmp_path / "m.csv", c["inputs"]["labels"], c["inputs"]["matrix_text"])
    code, out = run(["ahp", "--matrix", path, "--ri-table", "saaty_2005", "--format", "json"])
    body = json.loads(out)
    assert code == 0
    assert {"weights", "lambda_max", "ci", "cr", "ri", "consistent", "method"} <= set(body)
    assert body["method"] == "eigen"
    expected = dict(zip(c["inputs"]["labels"], c["expected"]["weights"], strict=True))
    for name, w in expected.items():
        assert body["weights"][name] == pytest.approx(w, abs=c["tolerance"]["weights"])
    assert body["cr"] == pytest.approx(c["expected"]["cr"], abs=c["tolerance"]["cr"])
    assert body["ri_table"] == "saaty_2005"
    assert body["consistent"] is True


def test_ahp_geometric_method(tmp_path):
    path = write_matrix(tmp_path / "m.csv", ["a", "b", "c"],
                        [["1", "3", "5"], ["1/3", "1", "2"], ["1/5", "1/2", "1"]])
    body = json.loads(run(["ahp", "--matrix", path, "--method", "geometric", "--format",
                           "json"])[1])
    assert body["method"] == "geometric"
    assert sum(body["weights"].values()) == pytest.approx(1)


POSITIVE = "a judgment must be positive (1 = equal, 1/3 = moderately less important)"


@pytest.mark.parametrize(
    ("labels", "cells", "message"),
    [
        (["a", "b"], [["1", "2", "3"], ["1/2", "1", "1"]],
         ": the header names 3 criteria but the table has 2 rows; a comparison table must be "
         "square"),
        (["a", "b", "c"], [["1", "3", "5"], ["3", "1", "2"], ["1/5", "1/2", "1"]],
         ", row 3, field 'a': judgment 'a' vs 'b' is 3 but 'b' vs 'a' is 3; the second must be "
         "1/3 (write fractions such as 1/3, not 0.33)"),
        (["a", "b", "c"], [["1", "0", "5"], ["", "1", "2"], ["1/5", "1/2", "1"]],
         f", row 2, field 'b': judgment 'a' vs 'b': {POSITIVE}, got '0'"),
        (["a", "b", "c"], [["1", "-3", "5"], ["", "1", "2"], ["1/5", "1/2", "1"]],
         f", row 2, field 'b': judgment 'a' vs 'b': {POSITIVE}, got '-3'"),
        (["a", "b", "c"], [["1", "x", "5"], ["", "1", "2"], ["1/5", "1/2", "1"]],
         ", row 2, field 'b': judgment 'a' vs 'b': expected a number such as 3 or 1/3, got 'x'"),
    ],
)
def test_ahp_bad_matrices_exit_1_with_a_message(tmp_path, capsys, labels, cells, message):
    path = tmp_path / "m.csv"
    if message.endswith("square"):
        path.write_text(",a,b,c\na,1,2,3\nb,1/2,1,1\n", encoding="utf-8")
    else:
        write_matrix(path, labels, cells)
    assert main(["ahp", "--matrix", str(path), "--format", "json"]) == 1
    assert capsys.readouterr().err == f"Error: {path}{message}\n"


def test_mcda_reproduces_tzeng_huang_topsis(tmp_path):
    c = case("topsis-tzeng-huang2011-vector")
    m = c["inputs"]["matrix"]
    lines = ["alt," + ",".join(f"c{j}" for j in range(len(m[0])))]
    lines += [f"A{i + 1}," + ",".join(map(str, row)) for i, row in enumerate(m)]
    path = tmp_path / "d.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    weights = ",".join(map(str, c["inputs"]["weights"]))
    types = ",".join(map(str, c["inputs"]["types"]))
    code, out = run(["mcda", str(path), "--weights", weights, "--types", types,
                     "--normalization", "vector", "--format", "json"])
    rows = json.loads(out)
    assert code == 0
    assert [set(r) for r in rows] == [
        {"alternative", "score", "rank", "shared_rank", "tied_with"}] * len(m)
    by_name = {r["alternative"]: r for r in rows}
    for i, closeness in enumerate(c["expected"]["closeness"]):
        assert by_name[f"A{i + 1}"]["score"] == pytest.approx(closeness, abs=1e-4)
        assert by_name[f"A{i + 1}"]["rank"] == c["expected"]["ranking"][i]
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)


def test_mcda_ties_keep_the_average_rank_and_gain_shared_rank_and_tied_with(tmp_path, capsys):
    # B and C have the same values: tied; the average-rank convention gives them 1.5 each,
    # the competition rank 1; listed by name whatever their row order (C's row is first)
    path = tmp_path / "tie.csv"
    path.write_text("alt,c1,c2\nC,3,1\nA,1,2\nB,3,1\n", encoding="utf-8")
    code, out = run(["mcda", str(path), "--weights", "0.5,0.5", "--types", "1,1",
                     "--format", "json"])
    assert code == 0
    rows = json.loads(out)
    assert [{k: v for k, v in r.items() if k != "score"} for r in rows] == [
        {"alternative": "B", "rank": 1.5, "shared_rank": 1, "tied_with": ["C"]},
        {"alternative": "C", "rank": 1.5, "shared_rank": 1, "tied_with": ["B"]},
        {"alternative": "A", "rank": 3.0, "shared_rank": 3, "tied_with": []},
    ]
    assert rows[0]["score"] == rows[1]["score"] > rows[2]["score"]
    assert "1 tie group(s)" in capsys.readouterr().err


def test_mcda_vikor_scores_lower_is_better(tmp_path):
    c = case("vikor-opricovic2004")
    m = c["inputs"]["matrix"]
    path = tmp_path / "d.csv"
    path.write_text("alt," + ",".join(f"c{j}" for j in range(len(m[0]))) + "\n" + "\n".join(
        f"A{i + 1}," + ",".join(map(str, row)) for i, row in enumerate(m)) + "\n", "utf-8")
    rows = json.loads(run(["mcda", str(path), "--weights",
                           ",".join(map(str, c["inputs"]["weights"])), "--types",
                           ",".join(map(str, c["inputs"]["types"])), "--method", "vikor",
                           "--format", "json"])[1])
    assert rows[0]["score"] <= rows[-1]["score"]


@pytest.mark.parametrize(
    ("weights", "types", "content"),
    [
        ("0.5,0.5,0.1", "1,1", "alt,c1,c2\nA,1,2\nB,2,1\n"),
        ("0.5,0.5", "1,1,1", "alt,c1,c2\nA,1,2\nB,2,1\n"),
        ("0.5,x", "1,1", "alt,c1,c2\nA,1,2\nB,2,1\n"),
        ("0.5,0.5", "1,1", "alt,c1,c2\nA,1,two\nB,2,1\n"),
        ("-0.5,1.5", "1,1", "alt,c1,c2\nA,1,2\nB,2,1\n"),
    ],
)
def test_mcda_bad_input_exit_1(tmp_path, capsys, weights, types, content):
    path = tmp_path / "d.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["mcda", str(path), "--weights", weights, "--types", types]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error:")
    assert "Traceback" not in err


def test_rank_json_contract_and_top(no_evidence_csv):
    # the sample without its evidence columns has ties for Saudi Arabia under
    # market_fit_first (tests/no_evidence.py)
    code, out = run(["rank", "--country", TIE_COUNTRY, "--scenario", TIE_SCENARIO, "--top", "7",
                     "--format", "json", "--data", str(no_evidence_csv)])
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 7
    for row in rows:
        assert {"rank", "technology_id", "technology_name", "company_name", "score",
                "criteria"} <= set(row)
    assert rows[0]["rank"] == 1
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    # integer ranks 1..7 (T0135 and T0735 tie at 6: "=6", ordered by id)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert all(type(r["rank"]) is int for r in rows)
    assert [(r["technology_id"], r["shared_rank"], r["tied_with"]) for r in rows[5:]] == [
        ("T0135", 6, ["T0735"]), ("T0735", 6, ["T0135"])]
    assert rows[5]["score"] == rows[6]["score"]
    assert rows[0]["tied_with"] == []


def test_rank_json_of_the_sample_has_no_ties():
    # the sample's evidence separates every technology: 1,044 distinct scores for India
    code, out = run(["rank", "--country", "IND", "--top", "1044", "--format", "json"])
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 1044
    assert [r["technology_id"] for r in rows[:5]] == ["T0889", "T0966", "T0273", "T0607",
                                                       "T0682"]
    assert [r["rank"] for r in rows] == [r["shared_rank"] for r in rows] == list(range(1, 1045))
    assert all(r["tied_with"] == [] for r in rows)


def test_rank_table_shows_a_shared_rank_as_equals(no_evidence_csv, capsys):
    code, out = run(["rank", "--country", TIE_COUNTRY, "--scenario", TIE_SCENARIO, "--top", "7",
                     "--data", str(no_evidence_csv)])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["rank", "shared_rank", "technology_id"]
    assert [line.split()[:3] for line in lines[-2:]] == [["6", "=6", "T0135"],
                                                          ["7", "=6", "T0735"]]
    err = capsys.readouterr().err
    assert "Note: ties: scores equal to within 1e-12 are tied" in err
    assert "cut-off" not in err  # the tie is inside the top 7


TIED_TOP_10 = ["T0018", "T0569", "T0488", "T0952", "T0861", "T0135", "T0735", "T0470", "T0490",
               "T0906"]
"""SAU's top 10 under market_fit_first on the sample without evidence (tests/no_evidence.py)."""


def _cross_command_sets(tmp_path, data=None, country="IND", scenario=None):
    """A top 10 as rank, compare, export (and its record) and sensitivity report it."""
    extra = ([] if data is None else ["--data", str(data)]) + (
        [] if scenario is None else ["--scenario", scenario])
    code, out = run(["rank", "--country", country, "--top", "10", "--format", "json", *extra])
    assert code == 0
    ranked = [r["technology_id"] for r in json.loads(out)]
    code, out = run(["compare", "--countries", f"{country},VNM", "--top", "10", "--format", "json",
                     *extra])
    assert code == 0
    compared = json.loads(out)
    book = tmp_path / "ind.xlsx"
    assert main(["export", "--country", country, "--top", "10", "--out", str(book), *extra]) == 0
    wb = openpyxl.load_workbook(book)
    rows = list(wb.active.iter_rows(values_only=True))
    start = next(k for k, r in enumerate(rows) if r[0] == "Rank")
    exported = [r[2] for r in rows[start + 1:]]
    record = read_record(book)
    code, out = run(["sensitivity", "--country", country, "--top", "10", "--samples", "200",
                     "--format", "json", *extra])
    assert code == 0
    sensed = json.loads(out)
    return {
        "rank": ranked,
        "compare": [r["technology_id"] for r in compared["tops"][country]],
        "export": exported,
        "record": [e.technology_id for e in record.shortlist],
        "sensitivity": sensed["shortlist"],
        "sensitivity_oat": sensed["one_at_a_time"]["shortlist"],
    }, compared, sensed, record, rows


def test_every_command_reports_the_same_top_n_and_the_tie_at_the_cut_off(
        tmp_path, capsys, no_evidence_csv):
    # SAU top 10 under market_fit_first on the sample without evidence: T0906 and T0909 tie
    # at positions 10-11 (and T0135 = T0735 at 6-7, inside)
    sets, compared, sensed, record, rows = _cross_command_sets(
        tmp_path, no_evidence_csv, TIE_COUNTRY, TIE_SCENARIO)
    expected = sets["rank"]
    assert expected == TIED_TOP_10
    assert "T0909" not in expected
    for name, ids in sets.items():
        assert ids == expected, name  # the same ten, in the same order
    # the cut-off is said everywhere: JSON fields, the record, the workbook and stderr
    assert compared["cut_off_ties"][TIE_COUNTRY] == ["T0909"]
    assert sensed["cut_off_ties"] == ["T0909"]
    assert record.cut_off_ties == ("T0909",)
    assert set(sensed["one_at_a_time"]["tracked"]) == {*expected, "T0909"}
    assert any("leaves out T0909" in str(r[0]) for r in rows[:6])
    err = capsys.readouterr().err
    assert err.count("the top 10 keeps T0906 and leaves out T0909") >= 4
    # why there are ties: the track-record leaves are left out (the database lacks them)
    assert "these criteria are left out" in err
    # the record re-runs to the same shortlist on the same file
    code, out = run(["verify", str(tmp_path / "ind.xlsx"), "--data", str(no_evidence_csv),
                     "--format", "json"])
    assert code == 0
    assert json.loads(out)["reproduced"] is True


def test_the_top_n_does_not_depend_on_the_order_of_the_database_rows(
        tmp_path, capsys, no_evidence_db):
    frame = to_interchange(no_evidence_db)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_bytes(frame.sample(frac=1.0, random_state=3).to_csv(index=False).encode())
    assert not shuffled.read_text(encoding="utf-8").splitlines()[1].startswith("T0001,")
    sets, compared, sensed, _, _ = _cross_command_sets(tmp_path, shuffled, TIE_COUNTRY,
                                                       TIE_SCENARIO)
    first = sets["rank"]
    assert first == TIED_TOP_10
    for name, ids in sets.items():
        assert ids == first, name
    assert compared["cut_off_ties"][TIE_COUNTRY] == sensed["cut_off_ties"] == ["T0909"]


def test_rank_with_scenario_filter_and_csv():
    code, out = run(["rank", "--country", "VNM", "--scenario", "sme_first", "--field", "Traffic",
                     "--top", "3", "--format", "csv"])
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert "criteria.country_fit" in header
    assert "score" in header


def test_rank_with_a_weights_csv(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("criterion,weight\nutilization,1\ntrack_record,0\nfirm_capacity,0\n"
                    "region,0\npolicy_fit,0\nsme_support,0\n", encoding="utf-8")
    rows = json.loads(run(["rank", "--country", "IND", "--weights", str(path), "--top", "3",
                           "--format", "json"])[1])
    assert rows[0]["contributions"]["capital_class"] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "--country", "ATLANTIS"],
        ["rank", "--country", "IND", "--scenario", "nope"],
        ["rank", "--country", "IND", "--field", "Teleportation"],
        ["compare", "--countries", "IND"],
        ["compare", "--countries", "IND,ATLANTIS"],
        ["export", "--country", "IND", "--out", "shortlist.pdf"],
    ],
)
def test_decision_commands_bad_input_exit_1(argv, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Error:" in err
    assert "Traceback" not in err


def test_unknown_country_lists_the_known_codes(capsys):
    main(["rank", "--country", "ATLANTIS"])
    err = capsys.readouterr().err
    assert "ASEAN" in err
    assert "IND" in err


def test_compare_json():
    code, out = run(["compare", "--countries", "ASEAN,IND,SAU", "--top", "10", "--format",
                     "json"])
    body = json.loads(out)
    assert code == 0
    assert body["countries"] == ["ASEAN", "IND", "SAU"]
    assert set(body["tops"]) == {"ASEAN", "IND", "SAU"}
    assert all(len(v) == 10 for v in body["tops"].values())
    assert body["overlap"]["IND"]["IND"] == 10
    assert isinstance(body["strong_everywhere"], list)


def test_export_writes_a_workbook_atomically(tmp_path, capsys):
    out = tmp_path / "shortlist.xlsx"
    assert main(["export", "--country", "IND", "--top", "7", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    # heading (title, date, synthetic notice, tie rule + blank), header, 7 rows
    assert wb.active.max_row == 5 + 1 + 7
    assert "Wrote" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [out]
    # the command has the database: each shortlisted technology's best markets too
    assert "Indicators" in wb.sheetnames
    markets = list(wb["Markets"].iter_rows(values_only=True))
    assert len(markets) == 3 + 7


def test_export_csv(tmp_path):
    out = tmp_path / "s.csv"
    assert main(["export", "--country", "ASCN", "--top", "3", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_sensitivity_json_contract():
    code, out = run(["sensitivity", "--country", "IND", "--samples", "500", "--seed", "7",
                     "--top", "5", "--format", "json"])
    body = json.loads(out)
    assert code == 0
    assert {"one_at_a_time", "acceptability", "central_weights", "method_agreement"} <= set(body)
    for entry in body["acceptability"].values():
        assert {"top_n", "rank_probabilities"} <= set(entry)
        assert sum(entry["rank_probabilities"].values()) == pytest.approx(1)
    again = json.loads(run(["sensitivity", "--country", "IND", "--samples", "500", "--seed",
                            "7", "--top", "5", "--format", "json"])[1])
    assert again["acceptability"] == body["acceptability"]  # seeded: reproducible


def test_sensitivity_bad_country_exits_1(capsys):
    assert main(["sensitivity", "--country", "ATLANTIS", "--samples", "10"]) == 1


def test_ahp_panel_of_experts(tmp_path):
    a = write_matrix(tmp_path / "ann.csv", ["x", "y", "z"],
                     [["1", "3", "5"], ["1/3", "1", "2"], ["1/5", "1/2", "1"]])
    b = write_matrix(tmp_path / "bo.csv", ["x", "y", "z"],
                     [["1", "1/3", "1/5"], ["3", "1", "1/2"], ["5", "2", "1"]])
    body = json.loads(run(["ahp", "--matrix", a, "--matrix", b, "--format", "json"])[1])
    assert set(body["experts"]) == {"ann", "bo"}
    assert body["aggregation"] == "aij"
    # AIJ: the group's x-vs-y judgment is the geometric mean (3 · 1/3)^(1/2) = 1
    assert body["matrix"][0][1] == pytest.approx(1.0)
    assert 0 <= body["consensus"] <= 1
    same = json.loads(run(["ahp", "--matrix", a, "--matrix", a, "--format", "json"])[1])
    single = json.loads(run(["ahp", "--matrix", a, "--format", "json"])[1])
    for name, w in single["weights"].items():
        assert same["weights"][name] == pytest.approx(w)
    assert same["consensus"] == pytest.approx(1.0)


def test_ahp_panel_with_different_criteria_names_the_expert(tmp_path, capsys):
    a = write_matrix(tmp_path / "ann.csv", ["x", "y"], [["1", "3"], ["1/3", "1"]])
    b = write_matrix(tmp_path / "bo.csv", ["x", "w"], [["1", "3"], ["1/3", "1"]])
    assert main(["ahp", "--matrix", a, "--matrix", b]) == 1
    assert "bo" in capsys.readouterr().err


def test_rank_min_evidence_flag(capsys):
    assert main(["rank", "--country", "ASEAN", "--top", "3", "--min-evidence", "official",
                 "--sourced-only", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert "9 sources (9 official)" in captured.err
    for row in rows:
        assert all(s.startswith(("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA",
                                 "VNM", "KOR")) for s in row["policy_fit_sources"])


def test_export_with_an_evidence_rule_verifies(tmp_path):
    from exportmcda.export.record import read_record

    out = tmp_path / "ev.xlsx"
    assert main(["export", "--country", "ASEAN", "--top", "10", "--min-evidence", "official",
                 "--out", str(out)]) == 0
    assert 'min_source = "official"' in read_record(out).scenario_toml
    code, text = run(["verify", str(out), "--format", "json"])
    assert code == 0
    assert json.loads(text)["reproduced"] is True


def test_rank_notes_follow_lang_and_english_keeps_its_wording(capsys):
    assert run(["rank", "--country", "VNM", "--top", "2", "--lang", "ko"])[0] == 0
    korean = capsys.readouterr().err
    assert "자본금 등급: 값이 없는 기술 14개는 관측값 중 가장 나쁜 값으로" in korean
    assert "without a value" not in korean
    assert run(["rank", "--country", "VNM", "--top", "2"])[0] == 0
    english = capsys.readouterr().err
    assert ("Note: Capital stock class: 14 technologies without a value scored as the worst "
            "observed value") in english


def test_error_titles_follow_lang(capsys):
    assert run(["rank", "--country", "XXX", "--lang", "ko"])[0] == 1
    assert "알 수 없는 국가 ('XXX')" in capsys.readouterr().err


def test_ahp_json_keeps_note_strings_and_adds_their_codes(tmp_path):
    path = write_matrix(tmp_path / "m.csv", ["a", "b", "c"],
                        [["1", "3", ""], ["1/3", "1", "2"], ["", "1/2", "1"]])
    # Harker chosen explicitly: the default is BFR since issue 9
    code, out = run(["ahp", "--matrix", path, "--completion", "harker", "--format", "json"])
    body = json.loads(out)
    assert code == 0
    assert body["completion"] == "harker"
    assert body["notes"] == ["1 of 3 judgments were missing and estimated by Harker (1987); "
                             "CR is that of the completed matrix"]
    assert body["note_codes"] == [{"code": "judgments_estimated",
                                   "params": {"n": 1, "total": 3, "how": "Harker (1987)"}}]


def test_rank_of_a_database_without_evidence_states_the_left_out_criteria(capsys):
    small = Path(__file__).resolve().parents[2] / "data" / "examples" / "small_database.csv"
    code, out = run(["rank", "--data", str(small), "--country", "VNM", "--top", "3",
                     "--format", "json"])
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3
    assert "domestic_use" not in rows[0]["criteria"]
    err = capsys.readouterr().err
    assert ("Domestic deployments, Overseas deployments, Export countries, Certifications, "
            "Patents, Maturity (TRL): not computed, the database lacks the column(s) "
            "domestic_sites, overseas_sites, export_countries, certifications, patents, trl; "
            "these criteria are left out and their weight (21.4%) is shared among the others "
            "in proportion to their weights") in err


# --- issue 9: completion of missing judgments, method parameters of mcda ------------------


def test_ahp_completion_defaults_to_bfr_and_reproduces_bozoki_2010(tmp_path):
    """Bozóki, Fülóp & Rónyai (2010), Math. Comput. Modelling 52:318-333, the 4 x 4 example
    with c vs d missing: lambda_max is least at c vs d = 0.7302965 (as in AHPy's README)."""
    path = write_matrix(tmp_path / "m.csv", list("abcd"),
                        [["1", "1", "5", "2"], ["1", "1", "3", "4"], ["1/5", "1/3", "1", ""],
                         ["1/2", "1/4", "", "1"]])
    body = json.loads(run(["ahp", "--matrix", path, "--format", "json"])[1])
    assert body["completion"] == "bfr"
    assert body["estimated"] == [{"row": "c", "column": "d", "value": pytest.approx(0.7302965,
                                                                                    abs=1e-6)}]
    assert "Bozóki, Fülöp & Rónyai (2010)" in body["notes"][0]
    harker = json.loads(run(["ahp", "--matrix", path, "--completion", "harker", "--format",
                             "json"])[1])
    assert harker["estimated"][0]["value"] == pytest.approx(0.721239, abs=1e-6)
    assert main(["ahp", "--matrix", path, "--completion", "llsm"]) == 2


def _csv(path, header, rows):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


# Dezert, J., Tchamova, A., Han, D. & Tacnet, J.-M. (2020). The SPOTIS rank reversal free
# method for multi-criteria decision-making support. FUSION 2020, pp. 1-8 (the car example;
# also the test of the evo_spotis package, tests/test_spotis.py): cost, fuel, CO2 (min),
# power, comfort (max), bounds from the paper, scores 0.4779, 0.5781, 0.5558, 0.5801.
SPOTIS_ROWS = ["A1,15000,4.3,99,42,737", "A2,15290,5.0,116,42,892",
               "A3,15350,5.0,114,45,952", "A4,15490,5.3,123,45,1120"]
SPOTIS_BOUNDS = ["price,14000,16000", "fuel,3,8", "co2,80,140", "power,35,60",
                 "comfort,650,1300"]
SPOTIS_ARGS = ["--weights", "0.2941,0.2353,0.2353,0.0588,0.1765", "--types", "-1,-1,-1,1,1",
               "--method", "spotis"]


def test_mcda_spotis_with_bounds_reproduces_dezert_2020(tmp_path, capsys):
    data = _csv(tmp_path / "cars.csv", "car,price,fuel,co2,power,comfort", SPOTIS_ROWS)
    bounds = _csv(tmp_path / "bounds.csv", "criterion,min,max", SPOTIS_BOUNDS)
    code, out = run(["mcda", data, *SPOTIS_ARGS, "--bounds", bounds, "--format", "json"])
    assert code == 0
    rows = json.loads(out)
    assert [set(r) >= {"alternative", "score", "rank"} for r in rows] == [True] * 4
    scores = {r["alternative"]: r["score"] for r in rows}
    for name, published in zip(("A1", "A2", "A3", "A4"), (0.4779, 0.5781, 0.5558, 0.5801),
                               strict=True):
        assert scores[name] == pytest.approx(published, abs=1.5e-4)
    assert [r["alternative"] for r in rows] == ["A1", "A3", "A2", "A4"]
    err = capsys.readouterr().err
    assert f"Note: method SPOTIS: normalization none; bounds from {bounds}" in err
    assert "taken from the data" not in err
    # without bounds: the data's min and max, other scores, and a note that says so
    code, out = run(["mcda", data, *SPOTIS_ARGS, "--format", "json"])
    assert json.loads(out)[0]["score"] == pytest.approx(0.2353, abs=1e-4)
    assert "SPOTIS bounds were taken from the data's column minima" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        ("criterion,low,high", SPOTIS_BOUNDS, "bounds.csv, row 1: the header must read"),
        ("criterion,min,max", [*SPOTIS_BOUNDS[:4], "comfort,650,x"],
         "bounds.csv, row 6, field 'max': not a finite number"),
        ("criterion,min,max", [*SPOTIS_BOUNDS[:4], "comfort,1300,650"],
         "bounds.csv, row 6, field 'max': max must be greater than min"),
        ("criterion,min,max", [*SPOTIS_BOUNDS[:4], "comfort,650,1000"],
         "bounds.csv, row 6, field 'comfort': the data of 'comfort' run from 737 to 1120"),
        ("criterion,min,max", [*SPOTIS_BOUNDS[:4], "speed,1,2"],
         "bounds.csv, row 6, field 'criterion': not a criterion of the matrix"),
        ("criterion,min,max", SPOTIS_BOUNDS[:4], "no bounds for comfort"),
    ],
)
def test_mcda_bounds_file_errors_name_row_and_field(tmp_path, capsys, header, rows, message):
    data = _csv(tmp_path / "cars.csv", "car,price,fuel,co2,power,comfort", SPOTIS_ROWS)
    bounds = _csv(tmp_path / "bounds.csv", header, rows)
    assert main(["mcda", data, *SPOTIS_ARGS, "--bounds", bounds]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_mcda_vikor_v_changes_the_compromise(tmp_path, capsys):
    """Yang & Wu (2020) example: S and R as published (case vikor-yang-wu2020).

    Q = v (S - S*)/(S- - S*) + (1 - v)(R - R*)/(R- - R*) (Opricovic & Tzeng 2004, eq. 4):
    at v = 0.5 A4 (Q 0.7493) is ahead of A2 (0.7667); at v = 1 only the group utility S
    counts and A2 (S 0.5509) is ahead of A4 (0.6721).
    """
    c = case("vikor-yang-wu2020")
    data = _csv(tmp_path / "d.csv", "alt,c1,c2,c3,c4", [
        f"A{i + 1}," + ",".join(map(str, row)) for i, row in enumerate(c["inputs"]["matrix"])])
    base = ["mcda", data, "--weights", "0.25,0.25,0.25,0.25", "--types", "1,1,1,1",
            "--method", "vikor", "--format", "json"]
    half = {r["alternative"]: r for r in json.loads(run([*base, "--v", "0.5"])[1])}
    assert "Note: method VIKOR: normalization none; v = 0.5" in capsys.readouterr().err
    for i, q in enumerate(c["expected"]["Q"]):
        assert half[f"A{i + 1}"]["score"] == pytest.approx(q, abs=c["tolerance"]["Q"])
    assert half["A4"]["rank"] < half["A2"]["rank"]
    only_s = {r["alternative"]: r for r in json.loads(run([*base, "--v", "1"])[1])}
    s = c["recomputed"]["S"]
    for i, value in enumerate(s):
        assert only_s[f"A{i + 1}"]["score"] == pytest.approx(
            (value - min(s)) / (max(s) - min(s)), abs=1e-5)
    assert only_s["A2"]["rank"] < only_s["A4"]["rank"]
    assert main([*base, "--v", "1.5"]) == 1
    assert "--v (the weight of the strategy" in capsys.readouterr().err


def test_mcda_promethee_usual_and_linear_by_hand(tmp_path, capsys):
    """Zhao et al. (2013) matrix (case promethee2-zhao2013-usual), w = 0.5, 0.3, 0.2.

    Usual: net flows 0.1, -0.3, 0.2 (published). Linear (pymcdm 'vshape', type III) with
    p = 2 on every criterion, by hand: P(d) = d/2 for 0 < d <= 2. pi(A1,A2) = .5(.5) +
    .3(.5) = .40, pi(A1,A3) = .3, pi(A2,A1) = .2, pi(A2,A3) = .3(.5) + .2(.5) = .25,
    pi(A3,A1) = .5(.5) + .2(.5) = .35, pi(A3,A2) = .5; flows over m - 1 = 2: phi+ = .35,
    .225, .425, phi- = .275, .45, .275, net = .075, -.225, .15.
    """
    data = _csv(tmp_path / "z.csv", "alt,c1,c2,c3", ["A1,4,3,2", "A2,3,2,4", "A3,5,1,3"])
    base = ["mcda", data, "--weights", "0.5,0.3,0.2", "--types", "1,1,1", "--method",
            "promethee_ii", "--format", "json"]
    usual = {r["alternative"]: r["score"] for r in json.loads(run(base)[1])}
    assert usual == pytest.approx({"A1": 0.1, "A2": -0.3, "A3": 0.2}, abs=1e-12)
    assert "preference function usual" in capsys.readouterr().err
    linear = {r["alternative"]: r["score"]
              for r in json.loads(run([*base, "--preference", "vshape", "--p", "2"])[1])}
    assert linear == pytest.approx({"A1": 0.075, "A2": -0.225, "A3": 0.15}, abs=1e-12)
    assert "preference function vshape; p = 2,2,2" in capsys.readouterr().err
    # per criterion thresholds, and their checks
    per = json.loads(run([*base, "--preference", "vshape", "--p", "2,2,2"])[1])
    assert {r["alternative"]: r["score"] for r in per} == linear
    assert main([*base, "--preference", "vshape", "--p", "2,2"]) == 1
    assert "--p needs one non-negative threshold or one per criterion" in (
        capsys.readouterr().err)
    assert main([*base, "--preference", "level", "--q", "3", "--p", "1"]) == 1
    assert "--q must not exceed" in capsys.readouterr().err
    assert main([*base, "--preference", "vshape"]) == 1  # p missing: the engine says so
    assert main(["mcda", data, "--weights", "0.5,0.3,0.2", "--types", "1,1,1",
                 "--p", "2"]) == 1
    assert "--p do not apply to --method topsis" in capsys.readouterr().err


def test_mcda_normalize_weights(tmp_path, capsys):
    data = _csv(tmp_path / "z.csv", "alt,c1,c2,c3", ["A1,4,3,2", "A2,3,2,4", "A3,5,1,3"])
    args = ["mcda", data, "--weights", "0.5,0.3,0.199", "--types", "1,1,1", "--format", "json"]
    assert main(args) == 1
    assert "--weights sum to 0.999, not 1; fix them or pass --normalize-weights" in (
        capsys.readouterr().err)
    code, out = run([*args, "--normalize-weights"])
    assert code == 0
    exact = json.loads(run(["mcda", data, "--weights", str(0.5 / 0.999) + "," +
                            str(0.3 / 0.999) + "," + str(0.199 / 0.999), "--types", "1,1,1",
                            "--format", "json"])[1])
    got = json.loads(out)
    assert [r["alternative"] for r in got] == [r["alternative"] for r in exact]
    assert [r["score"] for r in got] == pytest.approx([r["score"] for r in exact], abs=1e-12)
    assert "weights were divided by their sum" in capsys.readouterr().err


def test_ahp_table_prints_the_completion_notes_on_stderr(tmp_path, capsys):
    from tests.ahp.test_completion import EIGHT  # 12 of 28 missing; Harker leaves the scale

    path = write_matrix(tmp_path / "m.csv", list("ABCDEFGH"), EIGHT)
    assert main(["ahp", "--matrix", path, "--completion", "harker"]) == 0
    err = capsys.readouterr().err
    assert "Note: the completed judgment F vs H is 18.604, outside Saaty's scale" in err
    assert "Note: 12 of 28 judgments are missing" in err
    assert main(["ahp", "--matrix", path]) == 0
    assert "outside Saaty's scale" not in capsys.readouterr().err


# --- issue 11 item 9: one default N, method choices printed, sensitivity as tables ---


def test_rank_export_compare_sensitivity_share_one_default_n(tmp_path, capsys):
    code, out = run(["rank", "--country", "IND", "--format", "json"])
    assert code == 0
    assert [r["technology_id"] for r in json.loads(out)][:5] == [
        "T0889", "T0966", "T0273", "T0607", "T0682"]
    assert len(json.loads(out)) == 10
    assert "Note: top 10 of 1,044 shown (--top N for more, --top all for every one)" in (
        capsys.readouterr().err)
    code, out = run(["compare", "--countries", "IND,VNM", "--format", "json"])
    assert code == 0
    assert json.loads(out)["top"] == 10
    target = tmp_path / "shortlist.csv"
    assert main(["export", "--country", "IND", "--out", str(target)]) == 0
    assert f"Wrote {target} (10 technologies for IND)." in capsys.readouterr().err


def test_rank_top_all_lists_every_technology_and_no_top_note(capsys):
    code, out = run(["rank", "--country", "IND", "--top", "all", "--format", "json"])
    assert code == 0
    assert len(json.loads(out)) == 1044
    assert "shown (--top N" not in capsys.readouterr().err


def test_rank_prints_its_method_choices_in_english_and_korean(capsys):
    assert main(["rank", "--country", "IND", "--top", "3"]) == 0
    err = capsys.readouterr().err
    # balanced.toml: judged by AHP, principal eigenvector, Saaty's 1980 RI table (README)
    assert ("Note: method: TOPSIS with vector normalisation; weights: scenario 'balanced' "
            "by AHP (principal eigenvector; largest CR ") in err
    assert "random index Saaty 1980)" in err
    assert "Note: policy fit for IND rests on: IND2 (news), IND1 (copy)" in err
    assert main(["rank", "--country", "IND", "--top", "3", "--normalization", "minmax",
                 "--lang", "ko"]) == 0
    err = capsys.readouterr().err
    assert ("Note: 방법: TOPSIS, 최소-최대 정규화; 가중치: 시나리오 'balanced', "
            "AHP(주고유벡터;") in err
    assert "무작위 지수: Saaty 1980년 표)" in err
    assert "IND의 정책 부합도 근거: IND2 (news)" in err


def test_sensitivity_table_prints_the_report_as_titled_tables(capsys):
    assert main(["sensitivity", "--country", "IND", "--samples", "200", "--format",
                 "table"]) == 0
    out = capsys.readouterr().out
    for title in ("One criterion at a time", "Rank acceptability (SMAA-2)", "Other methods",
                  "Rank reversal check"):
        assert f"\n{title}\n" in out
    assert "{" not in out  # no JSON
    oat = out.split("One criterion at a time\n")[1].splitlines()
    assert oat[0].split("  ")[0] == "Criterion"
    assert [line.split("  ")[0] for line in oat[2:8]] == [
        "Domestic utilization", "Track record", "Firm capacity", "Regional base",
        "Target-country policy fit", "SME export pathway"]
    smaa = out.split("Rank acceptability (SMAA-2)\n")[1].splitlines()
    assert smaa[3].split()[:5] == ["T0889", "Integrated", "NFC", "facility", "inspection"]


def test_sensitivity_csv_is_the_acceptability_table(capsys):
    assert main(["sensitivity", "--country", "IND", "--samples", "200", "--format",
                 "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == ("technology_id,technology_name,baseline_rank,shared_rank,top_n,first,"
                        "confidence")
    # the listed technologies: India's top 10 plus the 10 most often in the SMAA top 10;
    # with 200 samples T0044 (14th) is in it more often (0.300) than the baseline's T0681
    # (0.285), so one row more than the shortlist
    assert len(lines) == 1 + 11
    assert {line.split(",")[0] for line in lines[1:]} == {
        "T0889", "T0966", "T0273", "T0607", "T0682", "T0748", "T0725", "T0468", "T0270",
        "T0681", "T0044"}
    assert lines[1].startswith("T0889,Integrated NFC facility inspection tag,1,1,")
