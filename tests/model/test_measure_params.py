"""Measure parameters: the names a criteria file may use and their checks."""

import pytest

from exportmcda.errors import ConfigError
from exportmcda.model.measure_params import MEASURE_NAMES, check_params, size_scores
from exportmcda.model.measures import MEASURES

WEIGHTS = {"official": 1.0, "copy": 0.8, "analysis": 0.6, "news": 0.4, "weak": 0.2}
EVIDENCE = {"source_weights": WEIGHTS, "corroboration_step": 0.1, "corroboration_max": 2,
            "assumed_factor": 0.75}


def test_the_policy_fit_aggregations_and_evidence_constants_accepted() -> None:
    for how in ("max", "mean", "sum"):  # the values accepted before issue 10
        check_params("policy_fit", {"aggregate": how}, "leaf", "c.toml")
    check_params("policy_fit", {"aggregate": "primary_plus", "secondary_credit": 0.25,
                                **EVIDENCE}, "leaf", "c.toml")


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
        # issue 10: primary_plus is a policy-fit aggregation only, and needs its credit
        ("field_share", {"aggregate": "primary_plus"}, "leaf.aggregate"),
        ("policy_fit", {"aggregate": "primary_plus"}, "leaf.secondary_credit"),
        ("policy_fit", {"aggregate": "primary_plus", "secondary_credit": 1.5},
         "leaf.secondary_credit"),
        # the evidence weighting: all of its constants or none, each in range
        ("policy_fit", {"source_weights": {"official": 1}}, "leaf.source_weights"),
        ("policy_fit", {**EVIDENCE, "source_weights": {"official": 1}}, "leaf.source_weights"),
        ("policy_fit", {**EVIDENCE, "source_weights": {**WEIGHTS, "news": 2}},
         "leaf.source_weights.news"),
        ("policy_fit", {**EVIDENCE, "corroboration_step": -0.1}, "leaf.corroboration_step"),
        ("policy_fit", {**EVIDENCE, "corroboration_max": 1.5}, "leaf.corroboration_max"),
        ("policy_fit", {**EVIDENCE, "assumed_factor": True}, "leaf.assumed_factor"),
    ],
)
def test_bad_parameters_name_file_and_leaf(measure: str, params: dict, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_params(measure, params, "leaf", "c.toml")
    assert (caught.value.issues[0].path, caught.value.issues[0].field) == ("c.toml", field)
