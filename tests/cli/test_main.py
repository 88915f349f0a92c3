"""The command line: JSON contracts, exit codes, messages on stderr, no tracebacks."""

import json
import subprocess
import sys

import pytest

from exportmcda.cli.main import main, run


def test_missing_file_is_an_input_error_not_a_traceback(capsys):
    code = main(["overview", "--table", "sizes", "--data", "/nonexistent/x.csv"])
    err = capsys.readouterr().err
    assert code == 1
    assert "x.csv" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv", [["overview"], ["overview", "--table", "nope"], ["frobnicate"], ["validate"]]
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_python_dash_m_and_console_script_agree():
    result = subprocess.run(
        [sys.executable, "-m", "exportmcda", "overview", "--table", "sizes", "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["companies"] == 196


def test_version_prints_the_package_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == "exportmcda 0.1.0\n"


def test_an_unexpected_error_exits_3_without_a_traceback(monkeypatch, capsys):
    def boom(args, out):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sys.modules["exportmcda.cli.main"], "cmd_overview", boom)
    assert main(["overview", "--table", "sizes"]) == 3
    err = capsys.readouterr().err
    assert err == (
        "Internal error: RuntimeError: disk on fire\n"
        "Run again with --debug for the traceback, and report it.\n"
    )
    assert main(["--debug", "overview", "--table", "sizes"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_negative_number_lists_are_values_not_options(tmp_path):
    # argparse alone reads "-1,1" after --types as an unknown option (exit 2).
    # A = (1, 2), B = (3, 5): with c1 a cost, A is better on c1 and B on c2. By hand
    # (vector normalisation, w = 0.5 each) D-_A = D+_B = 1/sqrt(10) = 0.316228 and
    # D+_A = D-_B = 1.5/sqrt(29) = 0.278543, so C_A = 0.531680 and C_B = 0.468320.
    path = tmp_path / "m.csv"
    path.write_text("alternative,c1,c2\nA,1,2\nB,3,5\n", encoding="utf-8")
    argv = ["mcda", str(path), "--weights", "0.5,0.5", "--types", "-1,1", "--format", "json"]
    code, out = run(argv)
    assert code == 0
    rows = json.loads(out)
    assert [r["alternative"] for r in rows] == ["A", "B"]
    assert [r["score"] for r in rows] == pytest.approx([0.531680, 0.468320], abs=1e-6)
