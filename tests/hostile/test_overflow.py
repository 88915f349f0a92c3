"""Issue 13, item 6: numbers beyond a float (``1e309``) are messages, never OverflowError."""

from __future__ import annotations

import pytest

from exportmcda.ahp.judgments import parse_fraction, parse_judgment
from exportmcda.cli.main import main
from exportmcda.errors import ExportMcdaError, JudgmentError
from exportmcda.model.scenarios import parse_scenario
from tests.hostile.cases import TOML_OVERFLOW, TOML_SUM_OVERFLOW


def _fails_cleanly(argv, capsys) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert "Internal error" not in err
    return err


@pytest.mark.parametrize("text", ["1e309", "-1e309", "1e99999999", "123456789" * 40])
def test_parse_fraction_never_overflows(text):
    value = parse_fraction(text)
    assert value != value or abs(value) == float("inf")


def test_parse_fraction_of_a_huge_integer_is_inf():
    assert parse_fraction(10**400) == float("inf")
    assert parse_fraction(-(10**400)) == float("-inf")


def test_a_judgment_of_1e309_is_too_large_not_an_overflow():
    with pytest.raises(JudgmentError) as caught:
        parse_judgment("1e309", pair=("a", "b"))
    assert caught.value.code == "number_too_large"


def test_an_ahp_cell_of_1e309_exits_1_naming_the_cell(tmp_path, capsys):
    path = tmp_path / "m.csv"
    path.write_text(",a,b\na,1,1e309\nb,1e-309,1\n", encoding="utf-8")
    err = _fails_cleanly(["ahp", "--matrix", str(path)], capsys)
    assert "m.csv" in err
    assert "too large" in err


def test_an_mcda_weight_of_1e309_exits_1(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("alt,c1,c2\nA,1,2\nB,2,1\n", encoding="utf-8")
    err = _fails_cleanly(["mcda", str(path), "--weights", "1e309,1", "--types", "1,1"], capsys)
    assert "too large" in err


def test_an_mcda_cell_of_1e309_exits_1_naming_row_and_column(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("alt,c1,c2\nA,1e309,2\nB,2,1\n", encoding="utf-8")
    err = _fails_cleanly(["mcda", str(path), "--weights", "0.5,0.5", "--types", "1,1"], capsys)
    assert "row 2" in err
    assert "c1" in err


@pytest.mark.parametrize("text", TOML_OVERFLOW)
def test_a_toml_judgment_or_weight_of_1e309_is_a_message(text, tmp_path, capsys):
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import scenario_weights

    with pytest.raises(ExportMcdaError) as caught:  # when parsed, or when weighed
        scenario_weights(parse_scenario(text, name="big.toml"), load_criteria())
    assert caught.value.issues[0].path == "big.toml"
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    err = _fails_cleanly(["rank", "--country", "VNM", "--top", "3", "--weights", str(path)],
                         capsys)
    assert "big.toml" in err
    assert "too large" in err


def test_toml_weights_whose_sum_overflows_are_refused():
    with pytest.raises(JudgmentError) as caught:
        parse_scenario(TOML_SUM_OVERFLOW, name="sum.toml")
    assert caught.value.code == "weights_too_large"
