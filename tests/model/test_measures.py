"""Measures (exportmcda.model.measures): aggregation, imputation and the notes they return."""

import ast
import math
import tomllib
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import pandas as pd
import pytest

from exportmcda.data.countries import get_country
from exportmcda.data.io import load, load_sample
from exportmcda.errors import ConfigError, Note
from exportmcda.labels import note_text, notes_text
from exportmcda.model import measures
from exportmcda.model.criteria import CriteriaTree, load_criteria
from exportmcda.model.measure_params import check_params
from exportmcda.model.measures import MEASURES, Measured, _Context, score, technology_profiles

HEADER = (
    b"technology_id,technology_name,company_id,company_name,field,service_type,region,"
    b"company_size,capital_class,sales_class,history_class,employees_class\n"
)
# T1 serves two fields, both Platform; T2 is IoT; T3 has no service type; C2 has no capital
# class. Service-type shares over the 3 typed rows: Platform 2/3, IoT 1/3.
TINY = HEADER + b"""T1,One,C1,Alpha,Traffic,Platform,Seoul,SME,2,3,4,3
T1,One,C1,Alpha,Welfare,Platform,Seoul,SME,2,3,4,3
T2,Two,C2,Beta,Traffic,IoT,Busan,Major company,,6,6,6
T3,Three,C1,Alpha,Tourism,,Seoul,SME,2,3,4,3
"""
# No company has a capital class and no row a service type: nothing to impute from.
NOTHING_OBSERVED = HEADER + b"""T1,One,C1,Alpha,Traffic,,Seoul,SME,,3,4,3
T2,Two,C2,Beta,Traffic,,Busan,Major company,,6,6,6
T3,Three,C1,Alpha,Tourism,,Seoul,SME,,3,4,3
"""


@pytest.fixture(scope="module")
def tree() -> CriteriaTree:
    return load_criteria()


def _with_params(tree: CriteriaTree, measure: str, **params: object) -> CriteriaTree:
    """The tree with ``params`` set on every leaf of ``measure``, bypassing the file checks."""
    criteria = tuple(
        replace(c, leaves=tuple(
            replace(leaf, params={**leaf.params, **params}) if leaf.measure == measure else leaf
            for leaf in c.leaves
        ))
        for c in tree.criteria
    )
    return replace(tree, criteria=criteria)


def test_sum_aggregate_sums_the_service_type_shares(tree):
    summed = score(load(TINY, name="tiny.csv"),
                   tree.with_measure_params("service_type_share", {"aggregate": "sum"}),
                   get_country("IND"))
    m = summed.matrix["service_type_utilization"]
    assert m["T1"] == pytest.approx(4 / 3)  # Platform in two fields: 2/3 + 2/3, not their mean
    assert m["T2"] == pytest.approx(1 / 3)
    assert m["T3"] == pytest.approx(1 / 3)  # no service type: the worst observed sum
    mean = score(load(TINY, name="tiny.csv"),
                 tree.with_measure_params("service_type_share", {"aggregate": "mean"}),
                 get_country("IND")).matrix["service_type_utilization"]
    assert mean["T1"] == pytest.approx(2 / 3)
    assert Note.of("missing_filled", leaf="service_type_utilization", n=1,
                   missing="worst") in summed.notes


def test_a_technology_without_any_typed_row_is_imputed_under_sum_not_zero(tree):
    summed = score(load(TINY, name="tiny.csv"),
                   tree.with_measure_params("service_type_share", {"aggregate": "sum",
                                                                   "missing": "median"}),
                   get_country("IND"))
    # observed sums: T1 4/3, T2 1/3 -> median 5/6
    assert summed.matrix.loc["T3", "service_type_utilization"] == pytest.approx(5 / 6)
    assert ("service_type_utilization: 1 technology without a value scored as the median "
            "observed value") in notes_text(summed.notes)


def test_when_nothing_is_observed_the_note_says_so_and_the_column_is_zero(tree):
    scored = score(load(NOTHING_OBSERVED, name="none.csv"), tree, get_country("IND"))
    assert (scored.matrix["capital_class"] == 0).all()
    assert (scored.matrix["service_type_utilization"] == 0).all()
    assert Note.of("missing_none_observed", leaf="capital_class", n=3) in scored.notes
    texts = notes_text(scored.notes)
    capital = next(t for t in texts if t.startswith("capital_class:"))
    assert "worst observed" not in capital
    assert capital == ("capital_class: no technology has a value, so all 3 score 0 and the "
                       "criterion cannot change the ranking")
    assert not any(n.code == "missing_filled" for n in scored.notes)


def test_unknown_aggregate_is_refused_naming_the_leaf_and_value(tree):
    bad = _with_params(tree, "field_share", aggregate="median")
    with pytest.raises(ConfigError) as caught:
        score(load(TINY, name="tiny.csv"), bad, get_country("IND"))
    issue = caught.value.issues[0]
    assert (issue.code, issue.field, issue.value) == (
        "bad_param", "field_utilization.aggregate", "median")


def test_unknown_aggregate_of_the_service_type_share_is_refused(tree):
    bad = _with_params(tree, "service_type_share", aggregate="total")
    with pytest.raises(ConfigError, match="aggregate must be one of max, mean, sum"):
        score(load(TINY, name="tiny.csv"), bad, get_country("IND"))


def test_unknown_missing_policy_is_refused(tree):
    bad = _with_params(tree, "company_class", missing="zero")
    with pytest.raises(ConfigError) as caught:
        score(load(TINY, name="tiny.csv"), bad, get_country("IND"))
    assert caught.value.issues[0].field == "capital_class.missing"


def test_measures_return_their_notes_and_the_context_holds_none(tree):
    db = load(TINY, name="tiny.csv")
    assert "notes" not in {f.name for f in fields(_Context)}
    ctx = _Context(db=db, tech=technology_profiles(db), rows=db.rows,
                   country=get_country("IND"))
    leaf = tree.leaf("capital_class")
    first = MEASURES[leaf.measure](ctx, leaf)
    again = MEASURES[leaf.measure](ctx, leaf)
    assert isinstance(first, Measured)
    assert first.notes == again.notes == (
        Note.of("missing_filled", leaf="capital_class", n=1, missing="worst"),)
    with pytest.raises(FrozenInstanceError):
        first.notes = ()  # type: ignore[misc]


def test_scoring_twice_gives_the_same_notes(tree):
    db = load(TINY, name="tiny.csv")
    assert score(db, tree, get_country("IND")).notes == score(db, tree, get_country("IND")).notes


def test_evidence_rule_note_names_the_rule_and_translates_the_source_type(tree):
    strict = tree.with_measure_params("policy_fit", {"min_source": "official",
                                                     "sourced_only": True})
    scored = score(load(TINY, name="tiny.csv"), strict, get_country("VNM"))
    note = next(n for n in scored.notes if n.code.startswith("evidence_dropped"))
    assert note.code == "evidence_dropped_both"
    assert note.params["min_source"] == "official"
    assert "'공식' 이상의 출처" in note_text(note, "ko")
    assert "lack at least one official source and a sourced (not assumed) mapping" in (
        note_text(note))


# ------------------------------------------------- technology-level evidence (issue 9)

EVIDENCE_HEADER = HEADER.rstrip(b"\n") + (
    b",domestic_sites,overseas_sites,export_countries,certifications,patents,trl,launched\n"
)
# T1: 2 rows; T2 no evidence known; T3 every certification kind.
WITH_EVIDENCE = EVIDENCE_HEADER + (
    b"T1,One,C1,Alpha,Traffic,Platform,Seoul,SME,2,3,4,3,40,3,VNM;IDN,GS,7,9,2015\n"
    b"T1,One,C1,Alpha,Welfare,Platform,Seoul,SME,2,3,4,3,40,3,VNM;IDN,GS,7,9,2015\n"
    b"T2,Two,C2,Beta,Traffic,IoT,Busan,Major company,,6,6,6,,,,,,,\n"
    b"T3,Three,C1,Alpha,Tourism,,Seoul,SME,2,3,4,3,0,0,,GS;NEP;NET;INNO;other:KC,1,7,2020\n"
)


@pytest.fixture(scope="module")
def evidenced():
    return load(WITH_EVIDENCE, "evidence.csv")


def test_evidence_leaves_score_counts_codes_and_certifications(evidenced, tree):
    s = score(evidenced, tree, get_country("VNM"))
    m = s.matrix
    assert s.left_out == ()
    assert m.loc["T1", "domestic_use"] == pytest.approx(math.log1p(40))  # log1p transform
    assert m.loc["T1", "overseas_references"] == pytest.approx(math.log1p(3))
    assert m.loc["T1", "export_markets"] == 2
    assert m.loc["T1", "certifications"] == 1
    assert m.loc["T3", "certifications"] == 4.5  # four national ones 1 each, other 0.5
    assert m.loc["T1", "patents"] == pytest.approx(math.log1p(7))
    assert m.loc["T1", "maturity"] == 9
    # T2 knows nothing: empty lists are none (0), unknown counts the worst observed value
    assert m.loc["T2", "export_markets"] == 0
    assert m.loc["T2", "certifications"] == 0
    assert m.loc["T2", "domestic_use"] == 0  # the worst observed (T3's 0 sites)
    assert m.loc["T2", "maturity"] == 7
    texts = notes_text(s.notes)
    assert "maturity: 1 technology without a value scored as the worst observed value" in texts


def test_a_database_without_evidence_leaves_those_leaves_out_never_zero(tree):
    s = score(load(TINY, "tiny.csv"), tree, get_country("IND"))
    evidence = ("domestic_use", "overseas_references", "export_markets", "certifications",
                "patents", "maturity")
    assert s.left_out == evidence
    assert not set(evidence) & set(s.matrix.columns)
    assert s.missing_columns == (
        "domestic_sites", "overseas_sites", "export_countries", "certifications", "patents",
        "trl",
    )


def test_evidence_params_are_checked(tree):
    from exportmcda.model.measure_params import check_params

    with pytest.raises(ConfigError, match="column must be one of"):
        check_params("evidence_count", {"column": "export_countries"}, "x", "c.toml")
    with pytest.raises(ConfigError, match="transform must be one of"):
        check_params("evidence_count", {"column": "patents", "transform": "sqrt"}, "x", "c.toml")
    with pytest.raises(ConfigError, match="'scores' must give a number"):
        check_params("certification_score", {"scores": {"GS": 1}}, "x", "c.toml")


# ------------------------------------------------- evidence-weighted policy fit (issue 10)

CRITERIA_TOML = Path(__file__).parents[2] / "criteria" / "criteria.toml"
FIT_CONSTANTS = ("secondary_credit", "source_weights", "corroboration_step",
                 "corroboration_max", "assumed_factor")


def _file_fit_params() -> dict:
    """The policy-fit leaf as written in criteria/criteria.toml, read without exportmcda."""
    doc = tomllib.loads(CRITERIA_TOML.read_text(encoding="utf-8"))
    (leaf,) = [leaf for c in doc["criterion"] for leaf in c.get("leaf", [])
               if leaf["measure"] == "policy_fit"]
    return leaf


def _fit_params(tree: CriteriaTree, params: dict) -> CriteriaTree:
    """``tree`` with the policy-fit leaf's parameters replaced (not merged) by ``params``."""
    criteria = tuple(
        replace(c, leaves=tuple(replace(leaf, params=params) if leaf.measure == "policy_fit"
                                else leaf for leaf in c.leaves))
        for c in tree.criteria)
    return replace(tree, criteria=criteria)


def _by_hand(country, fields: list[int], p: dict) -> float:
    """The stated rule, written out again from the criteria file's words."""
    values = []
    for f in fields:
        fp = country.fields[f - 1]
        floor = p.get("min_source")
        order = ["weak", "news", "analysis", "copy", "official"]
        kept = {s.id: s.type.value for s in fp.sources
                if not floor or order.index(s.type.value) >= order.index(floor)}
        if fp.priority == 0 or not kept:
            values.append(0.0)
            continue
        strongest = max(kept.values(), key=order.index)
        extra = min(len(kept) - 1, p["corroboration_max"])
        factor = min(1.0, p["source_weights"][strongest] + p["corroboration_step"] * extra)
        if fp.basis == "assumed-mapping":
            factor *= p["assumed_factor"]
        values.append(fp.priority / 2 * factor)
    values.sort(reverse=True)
    primary, others = values[0], values[1:]
    c = p["secondary_credit"]
    if p["aggregate"] == "primary_plus":  # min(1, primary + c x mean of the others)
        return min(1.0, primary + c * (sum(others) / len(others) if others else 0.0))
    # primary_mean: (primary + c x mean of the others) / (1 + c); one field scores itself
    return (primary + c * (sum(others) / len(others) if others else primary)) / (1 + c)


def test_the_aggregation_stated_in_the_criteria_file_is_what_the_measure_does():
    leaf = _file_fit_params()
    assert leaf["aggregate"] == "primary_mean"
    assert leaf["evidence_basis"] == "assumed"  # a team assumption, labelled as such
    for name in FIT_CONSTANTS:  # each constant is stated in the leaf's definition too
        assert name in leaf
    assert "0.25" in leaf["definition_en"]
    assert "0.75" in leaf["definition_en"]
    db = load_sample()
    tree = load_criteria()
    for code in ("IND", "SAU", "ASEAN"):
        country = get_country(code)
        fit = score(db, tree, country, leaves=("country_fit",)).matrix["country_fit"]
        fields = db.rows.groupby("technology_id", sort=False)["field"].apply(list)
        expected = [_by_hand(country, [int(f) for f in fields[t]], leaf) for t in fit.index]
        assert fit.tolist() == pytest.approx(expected, abs=1e-12), code


def test_a_two_field_technology_by_hand_for_saudi_arabia(tree):
    # SAU Traffic (6): priority 2, sourced, SAU8 (analysis) + SAU2, SAU16 (news):
    #   2/2 x min(1, 0.6 + 0.1 x 2) = 0.8
    # SAU Welfare (15): priority 1, sourced, SAU1 (official) + SAU15 (news):
    #   1/2 x min(1, 1.0 + 0.1) = 0.5
    # T1 (Traffic, Welfare): primary Traffic (0.8 > 0.5), primary_mean:
    #   (0.8 + 0.25 x 0.5) / (1 + 0.25) = 0.925 / 1.25 = 0.74
    # T2 (Traffic alone): its field, 0.8 (one field is not penalised)
    saudi = get_country("SAU")
    traffic, welfare = saudi.fields[5], saudi.fields[14]
    assert (traffic.priority, traffic.basis) == (2, "sourced")
    assert sorted((s.id, s.type.value) for s in traffic.sources) == [
        ("SAU16", "news"), ("SAU2", "news"), ("SAU8", "analysis")]
    assert (welfare.priority, welfare.basis) == (1, "sourced")
    assert sorted((s.id, s.type.value) for s in welfare.sources) == [
        ("SAU1", "official"), ("SAU15", "news")]
    m = score(load(TINY, "tiny.csv"), tree, saudi).matrix
    assert m.loc["T1", "country_fit"] == pytest.approx(0.74)
    assert m.loc["T2", "country_fit"] == pytest.approx(0.8)
    # T3 (Tourism, 4): priority 2, sourced, SAU7 + SAU16 (news): 2/2 x (0.4 + 0.1) = 0.5
    assert sorted(s.id for s in saudi.fields[3].sources) == ["SAU16", "SAU7"]
    assert m.loc["T3", "country_fit"] == pytest.approx(0.5)
    # the rule shipped before, primary_plus: T1 0.8 + 0.25 x 0.5 = 0.925 (under the cap)
    plus = {**_file_fit_params(), "aggregate": "primary_plus"}
    old = score(load(TINY, "tiny.csv"), _fit_params(tree, {k: v for k, v in plus.items()
                                                         if k in {*FIT_CONSTANTS, "aggregate"}}),
                saudi).matrix
    assert old.loc["T1", "country_fit"] == pytest.approx(0.925)
    assert old.loc["T2", "country_fit"] == pytest.approx(0.8)


def test_the_weighted_mean_does_not_saturate_where_the_capped_rule_did():
    # issue 10: two technologies whose primary field is at 1 and whose other field differs
    # (0.2 for A, 0.6 for B), and C with one field at 0.6; credit 0.25.
    # primary_plus: A min(1, 1 + 0.25 x 0.2) = 1, B min(1, 1 + 0.25 x 0.6) = 1: the cap
    #   hides the difference;
    # primary_mean: A (1 + 0.25 x 0.2) / 1.25 = 1.05 / 1.25 = 0.84,
    #   B (1 + 0.25 x 0.6) / 1.25 = 1.15 / 1.25 = 0.92, C 0.6 (its field).
    values = pd.Series([1.0, 0.2, 0.6, 1.0, 0.6], index=["A", "A", "C", "B", "B"])
    plus = measures._primary_plus(values, 0.25)
    assert plus.to_dict() == {"A": 1.0, "C": pytest.approx(0.6), "B": 1.0}
    mean = measures._primary_mean(values, 0.25)
    assert mean["A"] == pytest.approx(0.84)
    assert mean["B"] == pytest.approx(0.92)
    assert mean["C"] == pytest.approx(0.6)


@pytest.mark.parametrize(("name", "value"), [
    ("secondary_credit", 0.0), ("secondary_credit", 1.0),
    ("source_weights", {"official": 0.9, "copy": 0.5, "analysis": 0.5, "news": 0.1,
                        "weak": 0.05}),
    ("corroboration_step", 0.0), ("corroboration_step", 0.3),
    ("corroboration_max", 0), ("corroboration_max", 6),
    ("assumed_factor", 0.0), ("assumed_factor", 1.0),
])
def test_every_constant_is_read_from_the_criteria_file(tree, name, value):
    # change one constant in the leaf: the measure follows the changed value (by hand)
    changed = {**_file_fit_params(), name: value}
    moved = _fit_params(tree, {k: v for k, v in changed.items()
                               if k not in {"id", "label_en", "label_ko", "measure",
                                            "direction", "definition_en", "definition_ko",
                                            "source"}})
    db = load(TINY, "tiny.csv")
    for code in ("IND", "SAU", "VNM"):
        country = get_country(code)
        m = score(db, moved, country).matrix["country_fit"]
        assert m["T1"] == pytest.approx(_by_hand(country, [6, 15], changed)), code
        assert m["T2"] == pytest.approx(_by_hand(country, [6], changed)), code


@pytest.mark.parametrize("name", FIT_CONSTANTS)
def test_no_constant_has_a_hidden_default(tree, name):
    params = {k: v for k, v in _file_fit_params().items() if k in {*FIT_CONSTANTS, "aggregate"}}
    del params[name]
    with pytest.raises(ConfigError, match=name if name == "secondary_credit" else "lacks"):
        check_params("policy_fit", params, "country_fit", "c.toml")


def test_the_policy_fit_functions_hold_no_constant_of_their_own():
    # the rule's numbers come from the leaf: the only literals are 0 and 1 (bounds, counts)
    source = Path(measures.__file__).read_text(encoding="utf-8")
    module = ast.parse(source)
    names = {"evidence_factor", "field_fit", "_primary_and_others", "_primary_plus",
             "_primary_mean", "_policy_fit"}
    found = set()
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name in names:
            found.add(node.name)
            numbers = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
                       and isinstance(n.value, int | float) and not isinstance(n.value, bool)}
            assert numbers <= {0, 1}, (node.name, numbers)
    assert found == names


def test_the_old_rule_stays_available_for_old_criteria_files(tree):
    # a criteria file from before issue 10 (aggregate = "max", no evidence constants): the
    # best field's priority / 2, as records made with it are replayed
    old = _fit_params(tree, {"aggregate": "max"})
    india = get_country("IND")
    m = score(load(TINY, "tiny.csv"), old, india).matrix["country_fit"]
    assert m["T1"] == max(india.priority(6), india.priority(15)) / 2 == 1.0
    assert m["T3"] == 0
    mean = score(load(TINY, "tiny.csv"), _fit_params(tree, {"aggregate": "mean"}), india)
    assert mean.matrix.loc["T1", "country_fit"] == pytest.approx((1.0 + 0.5) / 2)
    nothing = score(load(TINY, "tiny.csv"), _fit_params(tree, {}), india)
    assert nothing.matrix.loc["T1", "country_fit"] == 1.0  # the default stays "max"


def test_india_has_no_technology_at_one_any_more():
    # issue 10: 904 of 1,044 at 1.0 under "max" of priority / 2; none now (India's
    # sources are copies and news: no field reaches a factor of 1)
    db = load_sample()
    fit = score(db, load_criteria(), get_country("IND"), leaves=("country_fit",)).matrix
    assert int((fit["country_fit"] >= 1.0).sum()) == 0
    old = _fit_params(load_criteria(), {"aggregate": "max"})
    before = score(db, old, get_country("IND"), leaves=("country_fit",)).matrix
    assert int((before["country_fit"] == 1.0).sum()) == 904


def test_a_table_in_another_order_scores_each_technology_the_same(tree):
    """Rows are placed by factorised id only when the table lists technologies in the
    rows' order; any other order is looked up (issue 13, item 10): same values per id."""
    db = load_sample()
    country = get_country("IND")
    profiles = db.technology_profiles()
    ordered = score(db, tree, country, profiles=profiles).matrix
    reversed_ = score(db, tree, country, profiles=profiles.iloc[::-1]).matrix
    assert list(reversed_.index) == list(ordered.index[::-1])
    pd.testing.assert_frame_equal(reversed_.loc[ordered.index], ordered)
    assert ordered._mgr.nblocks == 1  # one block, as a frame of a dict consolidates
    assert ordered.columns.tolist() == [leaf.id for leaf in tree.leaves]
