"""Country market indicators against the reference data set (country-indicators.csv/.md, Dec 2026).

``tests/fixtures/country-indicators.{csv,md}`` are verbatim copies of the reference files, so
the tests never read outside the repository.
"""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportmcda.data.countries import load_countries
from exportmcda.data.indicators import (
    CountryIndicators,
    default_directory,
    get_indicators,
    load_indicators,
)
from exportmcda.errors import ConfigError, Note
from exportmcda.labels import note_text
from exportmcda.resources import data_dir

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_CSV = ROOT / "tests" / "fixtures" / "country-indicators.csv"
REFERENCE_MD = ROOT / "tests" / "fixtures" / "country-indicators.md"
BUILD_SCRIPT = ROOT / "scripts" / "build_indicators.py"
ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM")
MIDDLE_EAST = ("SAU", "ARE", "QAT", "EGY", "KWT")
COUNTRIES = (*ASEAN, "IND", *MIDDLE_EAST, "TLS", "KOR")


@pytest.fixture(scope="module")
def loaded() -> dict[str, CountryIndicators]:
    return load_indicators()


@pytest.fixture(scope="module")
def reference_rows() -> list[dict[str, str]]:
    with REFERENCE_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the shipped indicators and groups.toml beside them."""
    shutil.copy(default_directory().parent / "groups.toml", tmp_path / "groups.toml")
    return Path(shutil.copytree(default_directory(), tmp_path / "indicators"))


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ---------------------------------------------------------------- the shipped data


def test_default_directory_is_the_shipped_data() -> None:
    assert default_directory() == data_dir() / "countries" / "indicators"


def test_countries_are_the_reference_ones_plus_two_groups(loaded) -> None:
    assert set(loaded) == {*COUNTRIES, "ASEAN", "MIDDLE_EAST"}
    assert loaded["ASEAN"].members == ASEAN
    assert loaded["MIDDLE_EAST"].members == MIDDLE_EAST
    # every single-country policy target has indicators (ASCN is a network, not a country)
    policy = {c for c, p in load_countries().items() if not p.is_group} - {"ASCN"}
    assert policy <= set(loaded)


def test_every_value_traces_to_the_reference_csv(loaded, reference_rows) -> None:
    """All 238 CSV rows, field by field, and nothing else (the rest are reported gaps)."""
    assert len(reference_rows) == 238
    seen = set()
    for row in reference_rows:
        value = loaded[row["country_code"]].get(row["indicator"], row["year"])
        seen.add((row["country_code"], row["indicator"], row["year"]))
        assert value.value == float(row["value"]), row
        assert value.unit == row["unit"]
        assert value.note == row["note"]
        assert value.computed is row["note"].startswith("computed here:")
        assert len(value.sources) == 1
        source = value.sources[0]
        assert (source.title, source.issuer, source.found_at, source.type) == (
            row["source_title"], row["issuer"], row["found_at"], row["source_type"],
        )
        assert not value.notes
    for code in COUNTRIES:
        for value in loaded[code].values:
            if (code, value.indicator, value.year) not in seen:
                assert value.value is None, (code, value.indicator, value.year)
                assert value.sources == ()


def test_urban_population_is_population_times_urban_share(loaded) -> None:
    """The reference computed it (note); the share has 2-3 decimals, hence the tolerance."""
    for code in COUNTRIES:
        c = loaded[code]
        expected = c.value("population") * c.value("urban_share") / 100
        assert c.value("urban_population") == pytest.approx(expected, rel=2e-4), code


def test_indian_values_by_hand(loaded) -> None:
    india = loaded["IND"]
    assert india.value("egdi") == 0.66776  # newest edition by default
    assert india.value("egdi", "2022") == 0.5883
    assert india.value("egdi_rank") == 97
    assert india.get("population").year == "2020"
    assert india.get("urban_population_growth").year == "2000-2020"
    assert india.get("gdp_per_capita_ppp").source.issuer == "World Bank via Our World in Data"
    assert india.get("urban_population").computed


def test_missing_ascn_cities_for_india_is_reported_not_zero(loaded) -> None:
    value = loaded["IND"].get("ascn_cities")
    assert value.value is None
    assert value.missing
    assert value.sources == ()
    assert value.source is None
    assert value.notes == (
        Note.of("indicator_missing", country="IND", indicator="ascn_cities", year="2024",
                missing_policy="report"),
    )
    assert "never counted as 0" in note_text(value.notes[0])
    assert "0으로 계산하지 않습니다" in note_text(value.notes[0], "ko")
    assert loaded["IND"].missing() == (value,)


def test_the_missing_editions_are_exactly_the_reference_gaps(loaded) -> None:
    gaps = {c: [(v.indicator, v.year) for v in loaded[c].missing()] for c in COUNTRIES}
    for code in ASEAN:
        assert gaps[code] == []
    for code in ("IND", *MIDDLE_EAST, "TLS"):
        assert gaps[code] == [("ascn_cities", "2024")]
    survey_2024 = ("egdi", "egdi_rank", "online_service_index", "human_capital_index",
                   "telecom_infrastructure_index", "e_participation_index")
    assert gaps["KOR"] == [*((i, "2024") for i in survey_2024), ("ascn_cities", "2024")]
    assert sum(map(len, gaps.values())) == 14
    assert 18 * 14 - 14 == 238  # 14 editions per country: every CSV row, plus the gaps


def test_asean_aggregates_by_hand(loaded) -> None:
    """ASEAN from the CSV's 2020 / 2024 numbers, computed by hand.

    Urban population (sum): 345,650 (BRN) + 3,973,287 (KHM) + 153,983,073 (IDN)
    + 2,656,210 (LAO) + 25,617,115 (MYS) + 16,636,518 (MMR) + 53,187,498 (PHL)
    + 5,685,807 (SGP) + 36,759,934 (THA) + 36,088,619 (VNM) = 334,933,711.

    EGDI 2024 weighted by population 2020: population x EGDI per member,
    BRN 441,725 x 0.75536 = 333,661.40; KHM 16,396,860 x 0.57536 = 9,434,097.37;
    IDN 271,857,970 x 0.79911 = 217,244,422.41; LAO 7,319,399 x 0.44038 = 3,223,316.93;
    MYS 33,199,993 x 0.81114 = 26,929,842.32; MMR 53,423,198 x 0.50007 = 26,715,338.62;
    PHL 112,190,977 x 0.76212 = 85,502,987.39; SGP 5,685,807 x 0.96912 = 5,510,229.28;
    THA 71,475,664 x 0.83510 = 59,689,327.01; VNM 96,648,685 x 0.77092 = 74,508,404.24;
    sum 509,091,626.97 over the population 668,640,278 = 0.761383 (unweighted mean: 0.741872).

    ASCN cities (sum): 26 pilot cities (2018) + 5 added (2024) = 31, as the md says.
    """
    asean = loaded["ASEAN"]
    urban = asean.get("urban_population")
    assert urban.value == 334_933_711
    assert urban.computed
    assert urban.rule == "sum"
    assert urban.computed_from == ASEAN
    assert asean.value("population") == 668_640_278
    egdi = asean.get("egdi")
    assert egdi.value == pytest.approx(509_091_626.97 / 668_640_278, abs=1e-9)
    assert egdi.value == pytest.approx(0.761383, abs=5e-7)
    assert egdi.rule == "weighted-mean"
    assert egdi.computed_from == ASEAN
    assert egdi.notes == (
        Note.of("indicator_group_mean", country="ASEAN", indicator="egdi", year="2024",
                weight="population", weight_year="2020", members=", ".join(ASEAN)),
    )
    assert [s.id for s in egdi.sources] == ["UNDESA-EGOV-2024"]
    assert asean.value("ascn_cities") == 31
    assert asean.missing() == (asean.get("egdi_rank"), asean.get("egdi_rank", "2022"))


def test_urban_share_of_a_group_is_its_urban_population_over_its_population(loaded) -> None:
    for code in ("ASEAN", "MIDDLE_EAST"):
        g = loaded[code]
        expected = 100 * g.value("urban_population") / g.value("population")
        assert g.value("urban_share") == pytest.approx(expected, rel=2e-4)


def test_rank_is_not_aggregated_and_says_so(loaded) -> None:
    rank = loaded["MIDDLE_EAST"].get("egdi_rank")
    assert rank.value is None
    assert rank.rule == "none"
    assert [n.code for n in rank.notes] == ["indicator_group_not_aggregated"]


def test_middle_east_has_no_ascn_sum_and_names_the_members_lacking_it(loaded) -> None:
    cities = loaded["MIDDLE_EAST"].get("ascn_cities")
    assert cities.value is None
    assert cities.notes == (
        Note.of("indicator_group_missing", country="MIDDLE_EAST", indicator="ascn_cities",
                year="2024", aggregation="sum", lacking=", ".join(MIDDLE_EAST)),
    )
    assert "SAU, ARE, QAT, EGY, KWT have no value" in note_text(cities.notes[0])
    assert "그룹 값을 구하지 않고" in note_text(cities.notes[0], "ko")


def test_a_sum_with_a_member_lacking_the_value_has_no_value(folder: Path) -> None:
    _edit(folder.parent / "groups.toml", '"LAO", "MYS"', '"LAO", "MYS", "IND"')
    asean = load_indicators(folder)["ASEAN"]
    cities = asean.get("ascn_cities")
    assert cities.value is None
    assert cities.notes[0].params["lacking"] == "IND"


def test_a_weighted_mean_leaves_out_a_member_without_the_value_and_says_so(
    folder: Path,
) -> None:
    """KOR has no EGDI 2024: a group of IND and KOR gets India's value, covering India only."""
    _edit(folder.parent / "groups.toml", '["SAU", "ARE", "QAT", "EGY", "KWT"]', '["IND", "KOR"]')
    group = load_indicators(folder)["MIDDLE_EAST"]
    egdi = group.get("egdi")
    assert egdi.value == 0.66776
    assert egdi.computed_from == ("IND",)
    partial = egdi.notes[1]
    assert partial.code == "indicator_group_partial"
    assert partial.params["lacking"] == "KOR"
    assert partial.params["covered"] == pytest.approx(1396387127 / (1396387127 + 51836239))
    assert "KOR have no value (or no weight)" in note_text(partial)
    assert "covers 96.4% of the weight" in note_text(partial)
    # the 2022 edition has both members, so no partial note
    assert [n.code for n in group.get("egdi", "2022").notes] == ["indicator_group_mean"]


def test_growth_is_weighted_by_urban_population(loaded) -> None:
    members = [loaded[c] for c in MIDDLE_EAST]
    weights = [m.value("urban_population") for m in members]
    expected = sum(m.value("urban_population_growth") * w
                   for m, w in zip(members, weights, strict=True)) / sum(weights)
    assert loaded["MIDDLE_EAST"].value("urban_population_growth") == pytest.approx(expected)


def test_get_indicators_by_code_and_unknown_code() -> None:
    assert get_indicators(" ind ").code == "IND"
    assert get_indicators("asean").is_group
    with pytest.raises(ConfigError, match="unknown country or group code 'XYZ'") as err:
        get_indicators("XYZ")
    assert err.value.code == "country.unknown_code"


def test_an_unknown_edition_is_named(loaded) -> None:
    with pytest.raises(ConfigError, match="egdi has no edition '2020'; editions: 2024, 2022"):
        loaded["IND"].get("egdi", "2020")


# ---------------------------------------------------------------- errors name file and key


def _issues(folder: Path) -> list:
    with pytest.raises(ConfigError) as err:
        load_indicators(folder)
    return list(err.value.issues)


def test_a_wrong_unit_names_file_entry_and_value(folder: Path) -> None:
    _edit(folder / "IND.toml", 'unit = "index 0-1"', 'unit = "points"')
    [issue] = _issues(folder)
    assert issue.path == str(folder / "IND.toml")
    assert issue.field == "values[1].unit"
    assert issue.value == "points"
    assert issue.code == "indicator.unit"
    assert str(issue).startswith(f"{folder / 'IND.toml'}, field 'values[1].unit': egdi: unit")


def test_a_zero_written_for_a_gap_is_still_a_value_but_text_is_not(folder: Path) -> None:
    _edit(folder / "IND.toml", "value = 0.66776", 'value = "n/a"')
    [issue] = _issues(folder)
    assert (issue.code, issue.field, issue.value) == ("indicator.value", "values[1].value", "n/a")
    assert "never 0" in issue.message


def test_all_problems_of_all_files_are_reported_together(folder: Path) -> None:
    _edit(folder / "IND.toml", 'indicator = "egdi"', 'indicator = "edgi"')
    _edit(folder / "KOR.toml", 'source_id = "UNDESA-EGOV-2022"', 'source_id = "X"')
    _edit(folder / "SAU.toml", "computed = true", "computed = false")
    _edit(folder / "SGP.toml", 'year = "2024"', 'year = "2023"')
    (folder / "TLS.toml").write_text("code = [", encoding="utf-8")
    found = {(Path(i.path).name, i.field, i.code) for i in _issues(folder)}
    assert found == {
        ("IND.toml", "values[1].indicator", "indicator.unknown_indicator"),
        ("KOR.toml", "values[1].source_id", "indicator.source_id"),
        ("SAU.toml", "values[12].computed", "indicator.computed"),
        ("SGP.toml", "values[1].year", "indicator.year"),
        ("TLS.toml", None, "country.toml_syntax"),
    }


def test_duplicate_value_and_code_mismatch(folder: Path) -> None:
    text = (folder / "IND.toml").read_text(encoding="utf-8")
    first = text[text.index("[[values]]"):text.index("[[values]]", text.index("[[values]]") + 1)]
    (folder / "IND.toml").write_text(text + "\n" + first, encoding="utf-8")
    _edit(folder / "THA.toml", 'code = "THA"', 'code = "TH"')
    found = {(Path(i.path).name, i.field, i.code) for i in _issues(folder)}
    assert found == {
        ("IND.toml", "values[14].year", "indicator.duplicate"),
        ("THA.toml", "code", "indicator.code_mismatch"),
    }


def test_group_rules_are_required_and_checked(folder: Path) -> None:
    groups = folder.parent / "groups.toml"
    _edit(groups, 'population = { rule = "sum" }', 'population = { rule = "max" }')
    _edit(groups, 'egdi_rank = { rule = "none" }', 'egdi_rank = { rule = "weighted-mean" }')
    _edit(groups, 'ascn_cities = { rule = "sum" }\n', "")
    _edit(groups, '"THA", "VNM"]', '"THA", "VNM", "XYZ"]')
    found = {(Path(i.path).name, i.field, i.code, i.value) for i in _issues(folder)}
    assert found == {
        ("groups.toml", "indicator_aggregation.population.rule", "indicator.aggregation", "max"),
        ("groups.toml", "indicator_aggregation.egdi_rank.weight", "indicator.weight", None),
        ("groups.toml", "indicator_aggregation.ascn_cities", "indicator.aggregation", None),
        ("groups.toml", "groups.ASEAN.members", "indicator.group_member", "XYZ"),
    }


def test_a_group_file_without_rules_is_an_error(folder: Path) -> None:
    groups = folder.parent / "groups.toml"
    text = groups.read_text(encoding="utf-8")
    groups.write_text(text[: text.index("[indicator_aggregation]")], encoding="utf-8")
    [issue] = _issues(folder)
    assert (issue.field, issue.code) == ("indicator_aggregation", "indicator.aggregation")


def test_without_a_group_file_there_are_no_groups(folder: Path) -> None:
    (folder.parent / "groups.toml").unlink()
    assert set(load_indicators(folder)) == set(COUNTRIES)


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no indicator files") as err:
        load_indicators(tmp_path)
    assert err.value.issues[0].path == str(tmp_path)


# ---------------------------------------------------------------- the build


def _build(out: Path, md: Path = REFERENCE_MD, csv_path: Path = REFERENCE_CSV):
    command = [sys.executable, str(BUILD_SCRIPT), "--csv", str(csv_path), "--md", str(md),
               "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_build_reproduces_the_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "indicators"
    result = _build(out)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in default_directory().glob("*.toml"))
    assert len(names) == 18
    for name in names:
        assert (out / name).read_bytes() == (default_directory() / name).read_bytes(), name


def test_build_stops_when_the_reference_files_disagree(tmp_path: Path) -> None:
    md = tmp_path / "country-indicators.md"
    text = REFERENCE_MD.read_text(encoding="utf-8")
    md.write_text(text.replace("238 rows", "239 rows"), encoding="utf-8")
    result = _build(tmp_path / "out", md)
    assert result.returncode == 1
    assert "CSV has 238 rows, the md states 239" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_stops_on_a_value_that_is_not_a_number(tmp_path: Path) -> None:
    bad = tmp_path / "country-indicators.csv"
    bad.write_bytes(REFERENCE_CSV.read_bytes().replace(b"IND,egdi,0.66776", b"IND,egdi,n/a"))
    result = _build(tmp_path / "out", csv_path=bad)
    assert result.returncode == 1
    assert "(IND egdi 2024): value 'n/a' is not a plain number" in result.stderr


def test_values_are_written_as_the_csv_spells_them() -> None:
    text = (default_directory() / "BRN.toml").read_text(encoding="utf-8")
    assert "value = 0.58020\n" in text  # online_service_index, trailing zero kept
    assert math.isclose(load_indicators()["BRN"].value("online_service_index"), 0.5802)


@settings(max_examples=25)
@given(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=6, unique=True))
def test_any_group_aggregates_by_its_rules(members: list[str]) -> None:
    """Sums add the members' values; weighted means lie between the members' values."""
    with tempfile.TemporaryDirectory() as scratch:
        groups = Path(scratch) / "groups.toml"
        text = (default_directory().parent / "groups.toml").read_text(encoding="utf-8")
        listed = ", ".join(f'"{m}"' for m in members)
        groups.write_text(text.replace('["SAU", "ARE", "QAT", "EGY", "KWT"]', f"[{listed}]"),
                          encoding="utf-8")
        loaded = load_indicators(groups=groups)
    group = loaded["MIDDLE_EAST"]
    assert group.members == tuple(members)
    for value in group.values:
        rows = [loaded[m].get(value.indicator, value.year).value for m in members]
        present = [r for r in rows if r is not None]
        if value.rule == "sum":
            expected = sum(present) if len(present) == len(rows) else None
            assert value.value == expected
        elif value.rule == "weighted-mean" and present:
            assert min(present) - 1e-9 <= value.value <= max(present) + 1e-9
            assert value.computed_from == tuple(
                m for m, r in zip(members, rows, strict=True) if r is not None)
        else:
            assert value.value is None
        assert value.value != 0 or 0 in present
