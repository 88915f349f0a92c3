"""Issue 13, item 11: --top bounds, the count written, blocked XML entities, a 1×1 AHP matrix.

Choice: ``--top 0`` and ``--top -5`` are usage errors (exit 2, argparse's message), like any
malformed option; omit ``--top`` for every technology.
"""

from __future__ import annotations

import pytest

from exportmcda.ahp.judgments import pairwise_from_table
from exportmcda.cli.main import main
from exportmcda.data.io import read_table
from exportmcda.errors import InputError, JudgmentError
from tests.hostile.cases import xlsx_with_entities


@pytest.mark.parametrize("command", [
    ["rank", "--country", "VNM"],
    ["compare", "--countries", "VNM,IND"],
    ["export", "--country", "VNM", "--out", "never.csv"],
    ["sensitivity", "--country", "VNM"],
])
@pytest.mark.parametrize("top", ["0", "-5", "x"])
def test_top_below_one_is_a_usage_error(command, top, capsys):
    assert main([*command, "--top", top]) == 2
    err = capsys.readouterr().err
    assert "--top" in err
    assert "Traceback" not in err


def test_top_one_still_works(capsys):
    assert main(["rank", "--country", "VNM", "--top", "1", "--format", "json"]) == 0
    assert capsys.readouterr().out.count('"technology_id"') == 1


def test_export_reports_what_it_wrote_not_what_was_asked(tmp_path, capsys):
    target = tmp_path / "s.csv"
    assert main(["export", "--country", "VNM", "--top", "100000", "--out", str(target)]) == 0
    err = capsys.readouterr().err
    written = [line for line in target.read_text(encoding="utf-8-sig").splitlines()
               if line and not line.startswith("#")]
    count = len(written) - 1  # the header
    assert count < 100000
    assert f"({count:,} technologies" in err or f"({count} technologies" in err
    assert "100000 technologies" not in err


def test_blocked_xml_entities_say_so(tmp_path, capsys):
    with pytest.raises(InputError) as caught:
        read_table(xlsx_with_entities(), "ent.xlsx")
    issue = caught.value.issues[0]
    assert issue.code == "xml_entities"
    assert "XML entities" in issue.message
    assert "safety" in issue.message
    assert "None" not in issue.message
    path = tmp_path / "ent.xlsx"
    path.write_bytes(xlsx_with_entities())
    assert main(["validate", str(path)]) == 1
    assert "refused for safety" in capsys.readouterr().out


def test_a_one_by_one_ahp_matrix_says_it_needs_two_criteria(tmp_path, capsys):
    path = tmp_path / "one.csv"
    path.write_text(",a\na,1\n", encoding="utf-8")
    assert main(["ahp", "--matrix", str(path)]) == 1
    err = capsys.readouterr().err
    assert "at least 2 criteria" in err
    assert "one.csv" in err
    assert "only one column" not in err


def test_a_one_by_one_table_from_any_reader_is_refused_in_the_library():
    with pytest.raises(JudgmentError) as caught:
        pairwise_from_table(["corner", "a"], [["a", "1"]], path="m.csv")
    assert caught.value.code == "ahp_too_small"
