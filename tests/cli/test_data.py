"""The ``overview`` and ``validate`` commands (exportmcda.cli.data): JSON contracts, exit codes."""

import csv
import io
import json
from pathlib import Path

import pytest

from exportmcda.cli.main import main, run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"


COLUMNS = {
    "regions": ["region", "technologies", "technologies_pct", "companies", "companies_pct"],
    "sizes": ["size", "companies", "pct"],
    "capital": ["class", "label", "companies", "pct"],
    "sales": ["class", "label", "companies", "pct"],
    "history": ["class", "label", "companies", "pct"],
    "employees": ["class", "label", "companies", "pct"],
    "fields": ["field", "technologies", "pct"],
    "service-types": ["service_type", "technologies", "pct"],
}


@pytest.mark.parametrize("table", list(COLUMNS))
def test_overview_json_is_a_list_of_rows_with_the_contract_columns(table):
    code, out = run(["overview", "--table", table, "--format", "json"])
    assert code == 0
    rows = json.loads(out)
    assert isinstance(rows, list)
    assert rows
    assert all(list(row) == COLUMNS[table] for row in rows)
    assert not any(str(row[COLUMNS[table][0]]).lower() == "total" for row in rows)


def test_overview_regions_json_reproduces_the_study_row_for_seoul():
    rows = json.loads(run(["overview", "--table", "regions", "--format", "json"])[1])
    assert rows[0] == {
        "region": "Seoul",
        "technologies": 530,
        "technologies_pct": 50.8,
        "companies": 148,
        "companies_pct": 49.3,
    }
    assert sum(r["technologies"] for r in rows) == 1044
    assert sum(r["companies"] for r in rows) == 300


def test_overview_capital_has_the_others_row_with_null_class():
    rows = json.loads(run(["overview", "--table", "capital", "--format", "json"])[1])
    assert [r["companies"] for r in rows] == [22, 113, 78, 36, 24, 13, 9, 5]
    assert rows[-1]["class"] is None
    assert rows[-1]["pct"] == 1.7


def test_overview_korean_names():
    rows = json.loads(run(["overview", "--table", "sizes", "--format", "json", "--lang", "ko"])[1])
    assert [r["size"] for r in rows] == ["중소기업", "중견기업", "대기업", "공공기관", "비영리법인"]
    assert [r["pct"] for r in rows] == [65.3, 8.0, 17.3, 7.3, 2.0]


def test_overview_csv_has_header_and_no_total():
    code, out = run(["overview", "--table", "service-types", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert rows[0] == {"service_type": "Platform", "technologies": "375", "pct": "20.4"}
    assert len(rows) == 39


def test_overview_table_format_has_a_total_row_and_says_synthetic(capsys):
    code = main(["overview", "--table", "sizes"])
    captured = capsys.readouterr()
    assert code == 0
    assert "Total" in captured.out
    assert "300" in captured.out
    assert "100.0" in captured.out
    assert "Synthetic" in captured.err


def test_overview_on_a_users_file(capsys):
    code = main(["overview", "--table", "sizes", "--data", str(EXAMPLE), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert sum(r["companies"] for r in rows) == 6


def test_validate_clean_file_prints_summary_and_exits_0():
    code, out = run(["validate", str(EXAMPLE), "--format", "json"])
    body = json.loads(out)
    assert code == 0
    assert body["valid"] is True
    assert (body["rows"], body["technologies"], body["companies"]) == (13, 10, 6)


def test_validate_bad_file_lists_every_problem_and_exits_1(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    bad = [text[0]]
    for line in text[1:4]:
        cells = next(csv.reader([line]))
        cells[header.index("field")] = "Teleportation"
        bad.append(",".join(f'"{c}"' for c in cells))
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    code = main(["validate", str(path), "--format", "json"])
    captured = capsys.readouterr()
    body = json.loads(captured.out)
    assert code == 1
    assert body["valid"] is False
    unknown = [i for i in body["issues"] if i["code"] == "unknown_field"]
    assert [i["row"] for i in unknown] == [2, 3, 4]
    assert all(i["field"] == "field" and i["path"].endswith("bad.csv") for i in unknown)
    assert captured.err.splitlines()[-1] == f"Error: 3 problems found in {path}"
    assert "Traceback" not in captured.err


def test_validate_one_problem_as_text_lines(tmp_path, capsys):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("field")] = "Teleportation"
    path = tmp_path / "one.csv"
    path.write_text(lines[0] + "\n" + ",".join(f'"{c}"' for c in cells) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"Error: 1 problem found in {path}\n"
    (line,) = captured.out.splitlines()
    assert line.startswith(f"{path}, row 2, field 'field': ")
    assert "Teleportation" in line


def test_validate_clean_file_as_a_table_ends_with_the_counts(capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "OK: 13 technology × field rows, 10 technologies, 6 companies."
