"""Issue 13, items 2 and 7: scenario and weight files of the wrong shape are refused, named."""

from __future__ import annotations

import pytest

from exportmcda.cli.main import main
from exportmcda.errors import ConfigError, ExportMcdaError
from exportmcda.model.scenarios import load_scenario, parse_scenario

WRONG_TYPES = {
    'judgments = "x"': "judgments",
    "weights = 5": "weights",
    "directions = 3": "directions",
    "method = 5": "method",
    "label_en = {x = 1}": "label_en",
    "[weights.export_priority]\nregion = {a = 1}": "weights.export_priority.region",
    "[weights]\nexport_priority = 0.5": "weights.export_priority",
    '[judgments.export_priority]\n"region vs policy_fit" = [1, 2]':
        "judgments.export_priority.region vs policy_fit",
    '[judgments]\nexport_priority = "3"': "judgments.export_priority",
    '[directions]\nregion = 1': "directions.region",
}


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
