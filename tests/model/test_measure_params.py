"""Measure parameters: the names a criteria file may use and their checks."""

import pytest

from exportmcda.errors import ConfigError
from exportmcda.model.measure_params import MEASURE_NAMES, check_params, size_scores
from exportmcda.model.measures import MEASURES


def test_every_named_measure_is_defined_once() -> None:
    assert tuple(MEASURES) == MEASURE_NAMES


def test_size_scores_by_size_number() -> None:
    scores = {
        "Small and medium-sized enterprise": 1, "Medium-sized enterprise": 2,
        "Major company": 3, "Public institution": 2, "Non-profit corporation": 1,
    }
    assert size_scores(scores, "size_type", "c.toml") == {1: 1.0, 2: 2.0, 3: 3.0, 4: 2.0, 5: 1.0}


def test_size_scores_name_the_missing_size() -> None:
    with pytest.raises(ConfigError) as caught:
        size_scores({"Small and medium-sized enterprise": 1}, "size_type", "c.toml")
    assert caught.value.issues[0].field == "size_type.scores"
    assert "Medium-sized enterprise" in caught.value.issues[0].message


@pytest.mark.parametrize(
    ("measure", "params", "field"),
    [
        ("field_share", {"aggregate": "median"}, "leaf.aggregate"),
        ("company_class", {"scale": "profit"}, "leaf.scale"),
        ("company_class", {"scale": "sales", "missing": "zero"}, "leaf.missing"),
        ("policy_fit", {"min_source": "rumour"}, "leaf.min_source"),
        ("policy_fit", {"sourced_only": "yes"}, "leaf.sourced_only"),
    ],
)
def test_bad_parameters_name_file_and_leaf(measure: str, params: dict, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_params(measure, params, "leaf", "c.toml")
    assert (caught.value.issues[0].path, caught.value.issues[0].field) == ("c.toml", field)
