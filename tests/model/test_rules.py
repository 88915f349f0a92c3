"""Shortlist rules: reading them from TOML and flags, every bad rule named, merging."""

import tomllib

import pytest

from exportmcda.errors import ConfigError
from exportmcda.model.rules import (
    RULE_KEYS,
    Rule,
    RuleKind,
    RuleSet,
    load_rules,
    parse_rules,
    rule_text,
    rules_from_options,
    rules_toml,
)

RULES_TOML = """
max_per_company = 1
min_sme_share = 0.3
min_non_capital = 5
exclude = ["T0012", "T0013"]
require = ["T0450"]

[min_per_field]
"Water management" = 2
"교통" = 3

[max_per_field]
traffic = 8

[country.ind]
max_per_company = 2
min_per_field = { Welfare = 1 }
"""


def test_a_rules_file_reads_every_kind(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES_TOML, encoding="utf-8")
    rules = load_rules(path)
    assert [r.id for r in rules.rules] == [
        "exclude:T0012", "exclude:T0013", "require:T0450", "max_per_company=1",
        "min_sme_share=0.3", "min_non_capital=5", "min_per_field:Traffic=3",
        "min_per_field:Water management=2", "max_per_field:Traffic=8",
    ]
    water = rules.rules[7]
    assert (water.kind, water.value, water.target, water.field_number) == (
        RuleKind.MIN_PER_FIELD, 2, "11", 11)
    assert water.origin == str(path)
    assert water.key == "min_per_field.Water management"
    assert water.where() == f"{path}, key min_per_field.Water management"
    # India's own rules replace the common rule of the same kind (and field)
    india = {r.id for r in rules.for_country("IND")}
    assert "max_per_company=2" in india
    assert "max_per_company=1" not in india
    assert "min_per_field:Welfare=1" in india
    assert "min_per_field:Water management=2" in india
    assert {r.id for r in rules.for_country("VNM")} == {r.id for r in rules.rules}
    assert rules.for_country(None) == rules.rules


def test_a_rules_table_under_rules_is_accepted(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text("[rules]\nmax_per_company = 1\n", encoding="utf-8")
    (only,) = load_rules(path).rules
    assert only.key == "rules.max_per_company"


@pytest.mark.parametrize(("text", "code", "key"), [
    ("max_per_company = -1", "rules_negative", "max_per_company"),
    ("max_per_company = 1.5", "rules_bad_count", "max_per_company"),
    ("max_per_company = true", "rules_bad_count", "max_per_company"),
    ("min_sme_share = 1.2", "rules_share_range", "min_sme_share"),
    ("min_sme_share = \"lots\"", "rules_bad_share", "min_sme_share"),
    ("min_non_capital = -3", "rules_negative", "min_non_capital"),
    ("[min_per_field]\nTrafic = 2", "rules_unknown_field", "min_per_field.Trafic"),
    ("[max_per_field]\nTraffic = -1", "rules_negative", "max_per_field.Traffic"),
    ("min_per_field = 2", "rules_bad_table", "min_per_field"),
    ("exclude = [1, 2]", "rules_bad_ids", "exclude"),
    ("exclude = 3", "rules_bad_ids", "exclude"),
    ("max_per_compnay = 1", "unknown_key", "max_per_compnay"),
    ("[country.IND]\nmax_per_compnay = 1", "unknown_key", "country.IND.max_per_compnay"),
    ("[country.IND]\ncountry = {}", "unknown_key", "country.IND.country"),
    ("country = 3", "rules_bad_table", "country"),
    ("[country.\"I N D\"]\nmax_per_company = 1", "rules_unknown_country", "country.I N D"),
])
def test_bad_rules_name_the_file_and_key(tmp_path, text, code, key):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_rules(path)
    issue = error.value.issues[0]
    assert (issue.code, issue.path, issue.field) == (code, str(path), key)


def test_a_misspelt_key_gets_a_suggestion():
    with pytest.raises(ConfigError, match="did you mean 'max_per_company'"):
        parse_rules({"max_per_compnay": 1}, origin="s.toml")


def test_unreadable_and_invalid_files(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_rules(tmp_path / "missing.toml")
    assert error.value.code == "unreadable"
    bad = tmp_path / "bad.toml"
    bad.write_text("max_per_company = ", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_rules(bad)
    assert error.value.code == "bad_toml"


def test_flags_read_every_kind():
    rules = rules_from_options(
        max_per_company="1", min_sme_share="30%", min_non_capital="4",
        min_per_field=["Traffic=2", "Water management = 1"], max_per_field=["교통=6"],
        exclude=["T0001, T0002", "T0003"], require=["T0004"],
    )
    assert [r.id for r in rules.rules] == [
        "exclude:T0001", "exclude:T0002", "exclude:T0003", "require:T0004",
        "max_per_company=1", "min_sme_share=0.3", "min_non_capital=4",
        "min_per_field:Traffic=2", "min_per_field:Water management=1",
        "max_per_field:Traffic=6",
    ]
    assert {r.origin for r in rules.rules if r.kind is RuleKind.EXCLUDE} == {"--exclude"}


@pytest.mark.parametrize(("options", "code", "flag"), [
    ({"max_per_company": "-1"}, "rules_negative", "--max-per-company"),
    ({"max_per_company": "one"}, "rules_bad_count", "--max-per-company"),
    ({"min_sme_share": "1.5"}, "rules_share_range", "--min-sme-share"),
    ({"min_sme_share": "150%"}, "rules_share_range", "--min-sme-share"),
    ({"min_sme_share": "nan"}, "rules_bad_share", "--min-sme-share"),
    ({"min_non_capital": "2.5"}, "rules_bad_count", "--min-non-capital"),
    ({"min_per_field": ["Trafic=2"]}, "rules_unknown_field", "--min-per-field"),
    ({"min_per_field": ["Traffic"]}, "rules_bad_pair", "--min-per-field"),
    ({"max_per_field": ["Traffic=-2"]}, "rules_negative", "--max-per-field"),
    ({"max_per_field": ["=2"]}, "rules_bad_pair", "--max-per-field"),
])
def test_bad_flags_name_the_flag(options, code, flag):
    with pytest.raises(ConfigError) as error:
        rules_from_options(**options)
    issue = error.value.issues[0]
    assert (issue.code, issue.field, issue.path) == (code, flag, None)


def test_later_sources_replace_earlier_rules_rule_by_rule():
    scenario = parse_rules({"max_per_company": 1, "min_non_capital": 3,
                            "exclude": ["T1"], "min_per_field": {"Traffic": 2}},
                           origin="scenario.toml", prefix="rules.")
    flags = rules_from_options(max_per_company="2", exclude=["T2"],
                               min_per_field=["Welfare=1"])
    merged = scenario.merged(flags)
    assert [r.id for r in merged.rules] == [
        "exclude:T1", "exclude:T2", "max_per_company=2", "min_non_capital=3",
        "min_per_field:Traffic=2", "min_per_field:Welfare=1",
    ]
    assert next(r for r in merged.rules if r.kind is RuleKind.MAX_PER_COMPANY).origin == (
        "--max-per-company")
    assert not RuleSet()
    assert merged


def test_unknown_targets_are_refused_with_the_known_ones():
    rules = parse_rules({"country": {"XYZ": {"max_per_company": 1}}}, origin="r.toml")
    rules.check_countries(["IND", "XYZ"])  # known: fine
    with pytest.raises(ConfigError) as error:
        rules.check_countries(["IND", "VNM"])
    issue = error.value.issues[0]
    assert (issue.code, issue.path, issue.field) == ("rules_unknown_country", "r.toml",
                                                     "country.XYZ")


def test_rules_write_back_to_toml_and_read_the_same(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES_TOML, encoding="utf-8")
    rules = load_rules(path)
    text = "\n".join(rules_toml(rules))
    again = parse_rules(tomllib.loads(text)["rules"], origin="again", prefix="rules.")
    assert [r.id for r in again.rules] == [r.id for r in rules.rules]
    assert {c: [r.id for r in v] for c, v in again.countries.items()} == {
        c: [r.id for r in v] for c, v in rules.countries.items()}
    assert rules_toml(RuleSet()) == []


def test_rules_in_words_in_both_languages():
    def one(kind, value=0, target=None):
        return rule_text(Rule(kind=kind, value=value, target=target), "en"), rule_text(
            Rule(kind=kind, value=value, target=target), "ko")

    assert one(RuleKind.MAX_PER_COMPANY, 1) == ("at most 1 per company", "기업당 최대 1개")
    assert one(RuleKind.MIN_SME_SHARE, 0.3) == ("at least 30% from SMEs",
                                                "중소기업 기술 최소 30%")
    assert one(RuleKind.MIN_PER_FIELD, 2, "6") == ("at least 2 in Traffic", "교통 분야 최소 2개")
    assert one(RuleKind.EXCLUDE, target="T1") == ("exclude T1", "T1 제외")
    assert set(RULE_KEYS) == {k.value for k in RuleKind} | {"country"}
