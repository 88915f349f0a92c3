"""``exportmcda panel template`` and ``panel import``: files, JSON, errors with sheet and row."""

from __future__ import annotations

import json

import openpyxl
import pytest

from exportmcda.cli.main import run
from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import load_scenario, scenario_weights
from tests.panel.conftest import full_panel


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("panel") / "filled.xlsx"
    path.write_bytes(full_panel("ko"))
    return path


def test_template_writes_the_sheets(tmp_path):
    out = tmp_path / "p.xlsx"
    code, _ = run(["panel", "template", "--experts", "2", "--out", str(out)])
    assert code == 0
    assert openpyxl.load_workbook(out).sheetnames[:3] == ["Instructions", "Expert 1", "Expert 2"]


def test_import_json(filled, tmp_path):
    saved = tmp_path / "group.toml"
    code, out = run(
        [
            "panel",
            "import",
            str(filled),
            "--format",
            "json",
            "--screen",
            "exclude",
            "--save-scenario",
            str(saved),
        ]
    )
    assert code == 0
    body = json.loads(out)
    assert body["screening"]["rule"] == "exclude"
    assert body["screening"]["excluded"] == ["Lee"]
    assert body["aggregation"] == "aij"
    assert body["scenario"] == "balanced"
    assert [e["name"] for e in body["experts"]] == ["Kim", "Lee", "Park"]
    lee = body["experts"][1]
    assert not lee["included"]
    assert lee["outlier"]
    assert lee["nodes"]["export_priority"]["advice"]
    park = body["experts"][2]
    assert park["missing"] == 10
    assert "export_priority" in park["completed"]
    assert sum(body["weights"].values()) == pytest.approx(1)
    weighed = scenario_weights(load_scenario(saved), load_criteria())
    assert dict(weighed.leaf_weights) == pytest.approx(body["weights"], abs=1e-9)


def test_import_table_in_korean(filled):
    code, out = run(
        [
            "panel",
            "import",
            str(filled),
            "--lang",
            "ko",
            "--expert-weights",
            "1,1,2",
            "--aggregation",
            "aip",
        ]
    )
    assert code == 0
    assert "전문가" in out
    assert "이상치: Lee" in out


def test_hostile_answer_exit_1_naming_sheet_and_row(filled, tmp_path, capsys):
    book = openpyxl.load_workbook(filled)
    book["전문가 2"]["I7"] = "=1+8"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    code, _ = run(["panel", "import", str(bad)])
    assert code == 1
    err = capsys.readouterr().err
    assert "bad.xlsx [전문가 2], row 7, field 'I'" in err
    assert "formula" in err


def test_scenario_named_in_the_file_must_be_shipped(filled, tmp_path, capsys):
    book = openpyxl.load_workbook(filled)
    book["_exportmcda_panel"]["B2"] = "/etc/passwd.toml"
    bad = tmp_path / "meta.xlsx"
    book.save(bad)
    assert run(["panel", "import", str(bad)])[0] == 1
    assert "--scenario" in capsys.readouterr().err
    assert run(["panel", "import", str(bad), "--scenario", "balanced"])[0] == 0


@pytest.mark.parametrize(
    "args", [["--cr-threshold", "2"], ["--expert-weights", "a,b"], ["--screen", "drop"]]
)
def test_bad_usage_exit_2(filled, args):
    assert run(["panel", "import", str(filled), *args])[0] == 2


def test_wrong_number_of_expert_weights_exit_1(filled, capsys):
    assert run(["panel", "import", str(filled), "--expert-weights", "1,2"])[0] == 1
    assert "expert weights" in capsys.readouterr().err
