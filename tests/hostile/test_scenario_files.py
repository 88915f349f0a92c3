"""Issue 13, items 2 and 7: scenario and weight files of the wrong shape are refused, named."""

from __future__ import annotations

import pytest

from exportmcda.cli.main import main
from exportmcda.errors import ConfigError, ExportMcdaError
from exportmcda.model.scenarios import load_scenario, parse_scenario
from tests.hostile.cases import CRITERIA as ALL
from tests.hostile.cases import (
    EMPTY_SCENARIOS,
    RUMOUR_EVIDENCE,
    TYPOS,
    WRONG_TYPES,
    weights_csv_text,
)


@pytest.mark.parametrize(("text", "key"), WRONG_TYPES.items())
def test_a_value_of_the_wrong_type_is_a_config_error_naming_file_and_key(text, key):
    with pytest.raises(ConfigError) as caught:
        parse_scenario(text, name="upload.toml")
    issue = caught.value.issues[0]
    assert issue.path == "upload.toml"
    assert issue.field == key


@pytest.mark.parametrize("text", WRONG_TYPES)
def test_the_file_loader_and_the_cli_refuse_them_too(text, tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_scenario(path)
    code = main(["rank", "--country", "VNM", "--top", "3", "--weights", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.toml" in err
    assert "Traceback" not in err


def test_a_top_level_array_of_tables_is_refused_not_crashed():
    with pytest.raises(ExportMcdaError):
        parse_scenario("[[judgments]]\nx = 1\n", name="s.toml")


# ----------------------------------------------------------------------------- item 7

@pytest.mark.parametrize(("text", "key", "hint"), TYPOS)
def test_unknown_keys_are_refused_with_the_nearest_valid_one(text, key, hint):
    with pytest.raises(ConfigError) as caught:
        parse_scenario(text, name="typo.toml")
    issue = caught.value.issues[0]
    assert (issue.code, issue.path, issue.field) == ("unknown_key", "typo.toml", key)
    assert hint in issue.message


@pytest.mark.parametrize("text", EMPTY_SCENARIOS)
def test_an_empty_scenario_is_refused_not_equal_weights(text, tmp_path, capsys):
    with pytest.raises(ConfigError) as caught:
        parse_scenario(text, name="empty.toml")
    assert caught.value.code == "empty_scenario"
    path = tmp_path / "empty.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["rank", "--country", "VNM", "--weights", str(path)]) == 1
    assert "empty.toml" in capsys.readouterr().err


def test_a_bad_evidence_rule_blames_the_scenario_file_not_the_criteria(tmp_path, capsys):
    path = tmp_path / "rumour.toml"
    path.write_text(RUMOUR_EVIDENCE, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(path)
    issue = caught.value.issues[0]
    assert issue.path == str(path)
    assert issue.field == "evidence.min_source"
    assert main(["rank", "--country", "VNM", "--weights", str(path)]) == 1
    err = capsys.readouterr().err
    assert "rumour.toml" in err
    assert "criteria.toml" not in err


def test_the_shipped_scenarios_still_load():
    from exportmcda.model.scenarios import available_scenarios

    for name in available_scenarios():
        assert load_scenario(name).id


def _weights_csv(tmp_path, values: dict[str, str], extra: str = ""):
    path = tmp_path / "w.csv"
    path.write_text(weights_csv_text(values, extra), encoding="utf-8")
    return path


def _cli_error(path, capsys) -> str:
    code = main(["rank", "--country", "VNM", "--top", "3", "--weights", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    return err


def test_a_criterion_twice_in_a_weights_csv_is_refused_naming_both_rows(tmp_path, capsys):
    err = _cli_error(_weights_csv(tmp_path, dict.fromkeys(ALL, "1"), "region,5\n"), capsys)
    assert "w.csv, row 8" in err
    assert "rows 5 and 8" in err


def test_errors_in_a_weights_csv_name_that_file_and_row(tmp_path, capsys):
    values = dict.fromkeys(ALL, "1")
    values["region"] = "-2"
    err = _cli_error(_weights_csv(tmp_path, values), capsys)
    assert "w.csv, row 5, field 'weight'" in err
    assert "balanced.toml" not in err


def test_a_weights_csv_leaving_a_criterion_out_names_the_csv(tmp_path, capsys):
    err = _cli_error(_weights_csv(tmp_path, {"region": "1"}), capsys)
    assert "w.csv" in err
    assert "balanced.toml" not in err


def test_weights_that_overflow_get_a_true_message(tmp_path, capsys):
    values = dict.fromkeys(ALL, "1")
    values["region"] = "1e309"
    err = _cli_error(_weights_csv(tmp_path, values), capsys)
    assert "too large" in err
    assert "row 5" in err
    values = dict.fromkeys(ALL, "1e308")
    err = _cli_error(_weights_csv(tmp_path, values), capsys)
    assert "sum beyond the largest number" in err
