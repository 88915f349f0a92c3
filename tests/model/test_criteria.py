"""Criteria measures, computed by hand on a four-row database."""

from pathlib import Path

import numpy as np
import pytest

from exportmcda.data.countries import get_country
from exportmcda.data.io import load, load_sample
from exportmcda.errors import ConfigError
from exportmcda.labels import notes_text
from exportmcda.model.criteria import load_criteria
from exportmcda.model.measures import score
from exportmcda.rank.directions import Direction

TINY = (
    b"technology_id,technology_name,company_id,company_name,field,service_type,region,"
    b"company_size,capital_class,sales_class,history_class,employees_class\n"
    b"""T1,One,C1,Alpha,Traffic,Platform,Seoul,SME,2,3,4,3
T1,One,C1,Alpha,Welfare,Platform,Seoul,SME,2,3,4,3
T2,Two,C2,Beta,Traffic,IoT,Busan,Major company,,6,6,6
T3,Three,C1,Alpha,Tourism,,Seoul,SME,2,3,4,3
"""
)


@pytest.fixture(scope="module")
def tiny():
    return load(TINY, name="tiny.csv")


@pytest.fixture(scope="module")
def tree():
    return load_criteria()


def test_default_tree_has_the_issue_criteria(tree):
    assert [c.id for c in tree.criteria] == [
        "utilization", "track_record", "firm_capacity", "region", "policy_fit", "sme_support",
    ]
    assert [leaf.id for leaf in tree.criterion("track_record").leaves] == [
        "domestic_use", "overseas_references", "export_markets", "certifications", "patents",
        "maturity",
    ]
    assert all(leaf.definition_en and leaf.definition_ko for leaf in tree.leaves)
    assert [leaf.id for leaf in tree.criterion("firm_capacity").leaves] == [
        "size_type", "capital_class", "sales_class", "history_class", "employees_class",
    ]
    assert all(leaf.label_en and leaf.label_ko and leaf.source for leaf in tree.leaves)


def test_field_utilization_is_the_best_field_share(tiny, tree):
    m = score(tiny, tree, get_country("IND")).matrix
    # rows per field: Traffic 2, Welfare 1, Tourism 1 (of 4)
    assert m.loc["T1", "field_utilization"] == pytest.approx(0.5)  # max(Traffic, Welfare)
    assert m.loc["T2", "field_utilization"] == pytest.approx(0.5)
    assert m.loc["T3", "field_utilization"] == pytest.approx(0.25)


def test_service_type_share_over_rows_with_a_type_and_missing_is_worst(tiny, tree):
    s = score(tiny, tree, get_country("IND"))
    m = s.matrix
    assert m.loc["T1", "service_type_utilization"] == pytest.approx(2 / 3)  # Platform 2 of 3
    assert m.loc["T2", "service_type_utilization"] == pytest.approx(1 / 3)
    assert m.loc["T3", "service_type_utilization"] == pytest.approx(1 / 3)  # worst observed
    assert any("service_type_utilization: 1 technology" in n for n in notes_text(s.notes))


def test_missing_capital_class_is_filled_explicitly(tiny, tree):
    s = score(tiny, tree, get_country("IND"))
    assert s.matrix.loc["T2", "capital_class"] == 2  # worst observed, not 0
    assert any(n.startswith("capital_class: 1 technology") for n in notes_text(s.notes))


def test_size_and_sme_scores_follow_the_mapping(tiny, tree):
    m = score(tiny, tree, get_country("IND")).matrix
    assert m.loc["T1", "size_type"] == 1
    assert m.loc["T2", "size_type"] == 3
    assert m.loc["T1", "sme"] == 1
    assert m.loc["T2", "sme"] == 0


def test_regional_base_is_the_mean_of_technology_and_company_shares(tiny, tree):
    m = score(tiny, tree, get_country("IND")).matrix
    # Seoul: technologies 2/3, companies 1/2; Busan: 1/3 and 1/2
    assert m.loc["T1", "regional_base"] == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert m.loc["T2", "regional_base"] == pytest.approx((1 / 3 + 1 / 2) / 2)


def test_policy_fit_is_the_evidence_weighted_primary_field_and_a_share_of_the_others(tiny,
                                                                                      tree):
    # India, by hand with the constants of criteria/criteria.toml (issue 10):
    # Traffic (6): priority 2, sourced, IND2 + IND6 (news): 2/2 x (0.4 + 0.1) = 0.5
    # Welfare (15): priority 1, assumed mapping, IND2 (news): 1/2 x 0.4 x 0.75 = 0.15
    # T1 (Traffic, Welfare): primary Traffic, primary_mean with credit 0.25:
    #   (0.5 + 0.25 x 0.15) / (1 + 0.25) = 0.5375 / 1.25 = 0.43
    # T2 (Traffic alone) its field, 0.5; T3 (Tourism, priority 0) 0.
    m = score(tiny, tree, get_country("IND")).matrix
    assert m.loc["T1", "country_fit"] == pytest.approx(0.43)
    assert m.loc["T2", "country_fit"] == pytest.approx(0.5)
    assert m.loc["T3", "country_fit"] == 0


def test_policy_fit_needs_a_country(tiny, tree):
    with pytest.raises(ConfigError, match="target country"):
        score(tiny, tree, None)


def test_direction_override_for_balanced_regional_development(tree):
    reversed_tree = tree.with_directions({"region": Direction.COST})
    assert reversed_tree.leaf("regional_base").direction is Direction.COST
    assert reversed_tree.leaf("field_utilization").direction is Direction.BENEFIT


def test_sample_matrix_is_complete_and_finite():
    s = score(load_sample(), load_criteria(), get_country("VNM"))
    assert s.matrix.shape == (1044, 16)
    assert s.left_out == ()  # the sample has every evidence column
    assert np.isfinite(s.matrix.to_numpy()).all()
    # the sample has 5 companies without a capital class; their technologies are noted
    assert any(n.startswith("capital_class:") for n in notes_text(s.notes))


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ('measure = "field_share"', "unknown measure"),
        ('aggregate = "max"', "aggregate must be"),
        ('direction = "benefit"', "direction must be"),
    ],
)
def test_bad_criteria_files_name_the_problem(tmp_path, snippet, message):
    text = (Path(load_criteria().path)).read_text(encoding="utf-8")
    broken = {
        "unknown measure": text.replace(snippet, 'measure = "astrology"', 1),
        "aggregate must be": text.replace(snippet, 'aggregate = "median"', 1),
        "direction must be": text.replace(snippet, 'direction = "sideways"', 1),
    }[message]
    path = tmp_path / "criteria.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_criteria(path)
    assert "criteria.toml" in str(info.value)


def test_invalid_toml_is_a_config_error(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[[criterion]\nid=", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_criteria(path)


def test_the_method_table_is_kept_as_read(tmp_path):
    assert load_criteria().method == {}
    text = (Path(load_criteria().path)).read_text(encoding="utf-8")
    path = tmp_path / "criteria.toml"
    path.write_text('[method]\nnormalization = "minmax"\n\n' + text, encoding="utf-8")
    assert load_criteria(path).method == {"normalization": "minmax"}
    path.write_text('method = "minmax"\n\n' + text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[method\] must be a table") as info:
        load_criteria(path)
    assert info.value.issues[0].field == "method"


def test_weighted_nodes_are_the_goal_and_criteria_with_several_leaves():
    tree = load_criteria()
    nodes = tree.weighted_nodes()
    assert list(nodes) == ["export_priority", "utilization", "track_record", "firm_capacity"]
    assert nodes["export_priority"] == (
        "utilization", "track_record", "firm_capacity", "region", "policy_fit", "sme_support"
    )
    assert nodes["utilization"] == ("field_utilization", "service_type_utilization")
    assert sorted(nodes["firm_capacity"]) == [
        "capital_class", "employees_class", "history_class", "sales_class", "size_type"
    ]
    leaves = tree.criterion("firm_capacity").leaves
    assert nodes["firm_capacity"] == tuple(leaf.id for leaf in leaves)  # file order
