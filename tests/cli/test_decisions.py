"""The ``record``, ``replay`` and ``decisions`` commands (exportmcda.cli.decisions): files,
JSON shapes, exit codes, the register."""

import json

import pytest

from exportmcda.cli.main import run
from exportmcda.export.record import Record, read_record_file
from exportmcda.register.store import ENV_VAR, FILE_NAME, Register
from tests.export.workbooks import SAMPLE_SHA256
from tests.register.changed import FIRST_IND, without_first
from tests.register.test_replay import RULED

RECORD_KEYS = {
    "aggregation",
    "candidates",
    "created",
    "criteria",
    "cut_off_ties",
    "data",
    "digest",
    "filters",
    "format",
    "indicators",
    "market",
    "market_files",
    "method",
    "normalization",
    "profiles",
    "rank_rule",
    "rule_shortlist",
    "rules",
    "scenario",
    "settings",
    "shortlist",
    "target",
    "top",
    "versions",
}
REPLAY_KEYS = {
    "status",
    "identical",
    "reproduced",
    "target",
    "top",
    "created",
    "format",
    "differences",
    "market_differences",
    "shown_differences",  # empty for a JSON record: no workbook to read (issue 11 item 8)
    "rule_shortlist",
    "inputs",
    "versions",
    "notes",
    "note_codes",
    "changed_inputs",
    "changed_versions",
    "scenario",
    "digest",
}
RULE_FLAGS = ["--max-per-company", "1", "--min-sme-share", "0.5"]


@pytest.fixture
def register(tmp_path, monkeypatch):
    path = tmp_path / "reg" / FILE_NAME
    monkeypatch.setenv(ENV_VAR, str(path))
    return Register(path)


@pytest.fixture(scope="module")
def demoted_csv(tmp_path_factory):
    return without_first(tmp_path_factory.mktemp("changed"))


@pytest.fixture(scope="module")
def decision(tmp_path_factory):
    path = tmp_path_factory.mktemp("record") / "decision.json"
    code, out = run(["record", "--country", "IND", "--top", "10", *RULE_FLAGS, "--out", str(path)])
    assert (code, out) == (0, "")
    return path


def test_record_file_shape(decision):
    body = json.loads(decision.read_text("utf-8"))
    assert set(body) == RECORD_KEYS
    assert body["format"] == "exportmcda-record/4"
    assert body["data"] == {
        "source": "exportmcda sample database (synthetic)",
        "sha256": SAMPLE_SHA256,
        "synthetic": True,
    }
    assert body["settings"] == {
        "method": "topsis",
        "normalization": "vector",
        "ahp_method": "eigenvector",
        "ri_table": "saaty_1980",
        "cr_rule": "0.1",
        "completion": "bfr",
        "seed": 0,
        "samples": 10_000,
    }
    assert body["rules"] == {
        "common": [
            {
                "kind": "max_per_company",
                "value": 1,
                "target": None,
                "origin": "--max-per-company",
                "key": "--max-per-company",
            },
            {
                "kind": "min_sme_share",
                "value": 0.5,
                "target": None,
                "origin": "--min-sme-share",
                "key": "--min-sme-share",
            },
        ],
        "countries": {},
    }
    chosen = body["rule_shortlist"]
    assert tuple(r["technology_id"] for r in chosen["shortlist"]) == RULED
    assert chosen["feasible"] is True
    assert chosen["conflict"] is None
    assert [(r["rule"], r["binding"]) for r in chosen["rules"]] == [
        ("max_per_company=1", False),
        ("min_sme_share=0.5", True),
    ]
    assert {"scipy", "pymcdm", "numpy", "pandas", "python", "exportmcda"} <= {
        name for name, _ in body["versions"]
    }


def test_record_to_stdout_is_the_same_record(capsys):
    code, out = run(["record", "--country", "IND", "--top", "3"])
    assert code == 0
    record = Record.from_json(out)
    assert record.rules is None
    assert record.rule_shortlist is None
    assert record.decided == ("T0889", "T0966", "T0273")
    assert "Synthetic sample data" in capsys.readouterr().err


def test_replay_identical_and_json_shape(decision):
    code, out = run(["replay", str(decision)])
    assert code == 0
    assert out.splitlines()[1].startswith("identical: the same 10 technologies")
    code, out = run(["replay", str(decision), "--format", "json"])
    body = json.loads(out)
    assert code == 0
    assert set(body) == REPLAY_KEYS
    assert (body["status"], body["identical"], body["reproduced"]) == ("identical", True, True)
    assert body["rule_shortlist"]["current"] == list(RULED)


def test_replay_names_a_changed_database(decision, demoted_csv, capsys):
    code, out = run(["replay", str(decision), "--data", str(demoted_csv), "--format", "json"])
    body = json.loads(out)
    assert code == 1
    assert body["status"] == "differs"
    assert body["changed_inputs"] == ["data"]
    assert body["inputs"]["data"]["recorded"] == SAMPLE_SHA256
    assert {
        "kind": "left",
        "technology_id": FIRST_IND,
        "old_rank": 1,
        "new_rank": None,
    }.items() <= body["differences"][0].items()
    assert FIRST_IND in body["rule_shortlist"]["left"]
    code, out = run(["replay", str(decision), "--data", str(demoted_csv), "--lang", "ko"])
    assert code == 1
    assert "차이 있음:" in out
    assert "입력 data 변경" in out


def test_an_edited_or_unreadable_record_is_refused(decision, tmp_path, capsys):
    edited = tmp_path / "edited.json"
    edited.write_text(decision.read_text("utf-8").replace('"top": 10', '"top": 9'), "utf-8")
    assert run(["replay", str(edited)]) == (1, "")
    err = capsys.readouterr().err
    assert "digest does not match" in err
    assert str(edited) in err
    assert "Traceback" not in err
    for bad, text in ((tmp_path / "missing.json", None), (tmp_path / "x.json", "{not json")):
        if text is not None:
            bad.write_text(text, "utf-8")
        assert run(["replay", str(bad)]) == (1, "")
        assert str(bad) in capsys.readouterr().err


def test_record_save_and_decisions_list_show_replay(register, capsys):
    code, _ = run(["record", "--country", "IND", "--top", "5", "--save", "--saved-by", "Kim"])
    assert code == 0
    assert f"Saved as decision 1 in {register.path} (saved by Kim)." in capsys.readouterr().err
    code, out = run(["decisions", "list", "--format", "json"])
    rows = json.loads(out)
    assert code == 0
    assert [set(r) for r in rows] == [
        {"id", "saved_at", "saved_by", "target", "scenario", "top", "shortlist", "digest"}
    ]
    assert (
        rows[0]["id"],
        rows[0]["saved_by"],
        rows[0]["target"],
        rows[0]["scenario"],
        rows[0]["top"],
    ) == (1, "Kim", "IND", "balanced", 5)
    assert rows[0]["shortlist"] == ["T0889", "T0966", "T0273", "T0607", "T0682"]
    code, out = run(["decisions", "list"])
    assert code == 0
    assert "Kim" in out
    assert "T0889, T0966" in out
    code, out = run(["decisions", "show", "1", "--format", "json"])
    shown = json.loads(out)
    assert code == 0
    assert shown["record"]["digest"] == rows[0]["digest"]
    code, out = run(["decisions", "replay", "1", "--format", "json"])
    assert code == 0
    assert json.loads(out)["decision"] == 1
    assert run(["decisions", "replay", "9"]) == (1, "")
    assert "no decision 9 in the register" in capsys.readouterr().err


def test_infeasible_rules_still_record_and_exit_1(tmp_path, capsys):
    path = tmp_path / "d.json"
    code, _ = run(
        [
            "record",
            "--country",
            "IND",
            "--top",
            "5",
            "--max-per-field",
            "Traffic=0",
            "--min-per-field",
            "Traffic=1",
            "--out",
            str(path),
        ]
    )
    assert code == 1
    record = read_record_file(path)
    assert record.rule_shortlist["feasible"] is False
    assert record.decided == ()
    assert "no shortlist meets its rules" in capsys.readouterr().err
