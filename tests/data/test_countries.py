"""Country policy profiles against the reference data set (country-policies.csv/.md, Nov 2026).

``tests/fixtures/country-policies.{csv,md}`` are verbatim copies of the reference files, so the
tests never read outside the repository.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.data.countries import (
    CountryProfile,
    EvidenceLevel,
    Source,
    SourceType,
    default_directory,
    get_country,
    load_countries,
)
from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ConfigError
from exportmcda.resources import data_dir

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_CSV = ROOT / "tests" / "fixtures" / "country-policies.csv"
REFERENCE_MD = ROOT / "tests" / "fixtures" / "country-policies.md"
BUILD_SCRIPT = ROOT / "scripts" / "build_countries.py"
ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM")
COUNTRIES = ("ASCN", *ASEAN, "IND", "SAU", "ARE", "QAT", "EGY", "KWT")


@pytest.fixture(scope="module")
def profiles() -> dict[str, CountryProfile]:
    return load_countries()


@pytest.fixture(scope="module")
def reference_rows() -> list[dict[str, str]]:
    with REFERENCE_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the shipped profiles."""
    return Path(shutil.copytree(default_directory(), tmp_path / "countries"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _raise_config(folder: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_countries(folder)
    return info.value


# --------------------------------------------------------------------------- reference


def test_default_directory_is_the_shipped_data() -> None:
    assert default_directory() == data_dir() / "countries"


def test_profiles_are_the_reference_targets_plus_two_groups(profiles) -> None:
    assert set(profiles) == {*COUNTRIES, "ASEAN", "MIDDLE_EAST"}


def test_all_357_priorities_and_bases_match_the_csv(profiles, reference_rows) -> None:
    assert len(reference_rows) == 17 * 21 == 357
    for row in reference_rows:
        rating = profiles[row["country_code"]].field(int(row["field_no"]))
        where = f"{row['country_code']} field {row['field_no']}"
        assert rating.priority == int(row["priority"]), where
        assert rating.basis == row["basis"], where
        assert rating.category.en == row["field_name"], where


def test_evidence_and_sources_round_trip_to_the_csv(profiles, reference_rows) -> None:
    for row in reference_rows:
        rating = profiles[row["country_code"]].field(int(row["field_no"]))
        ids = [s.id for s in rating.sources]
        if rating.source_role == "cited":
            assert f"{rating.evidence} [{'; '.join(ids)}]" == row["evidence"]
        else:  # 0 rows: nothing cited; the documents checked, by URL
            assert rating.priority == 0
            assert rating.evidence == row["evidence"] == "not mentioned in the sources found"
        assert [s.url for s in rating.sources] == row["source_url"].split(" | ")
        assert [s.title for s in rating.sources] == row["source_title"].split(" | ")
        assert rating.unlisted_sources == ()


@pytest.mark.parametrize(
    ("code", "number", "priority", "basis", "sources"),
    [
        # md §1 Mapping: 'built infrastructure' focus area, ASCN1 speech + ASCN6 news
        ("ASCN", 1, 2, "assumed-mapping", {"ASCN1": "official", "ASCN6": "news"}),
        # md §1: Siem Reap SCAP via a Cambodian news item
        ("ASCN", 4, 1, "sourced", {"KHM1": "news"}),
        # md §12: core element 'sanitation, including solid waste management'
        ("IND", 18, 2, "sourced", {"IND2": "news"}),
        # md §8: Davao command centre / public safety
        ("PHL", 13, 2, "sourced", {"PHL1": "official", "PHL2": "official"}),
        # md §6: 'Smart People' component, report seen as a Scribd copy
        ("MYS", 2, 1, "assumed-mapping", {"MYS1": "copy"}),
        # md §13: Quality of Life Program only on a WEAK host
        ("SAU", 10, 1, "sourced", {"SAU6": "weak"}),
        # md §17: 'Kuwait 2035' trade hub, WEAK host
        ("KWT", 12, 1, "assumed-mapping", {"KWT4": "weak"}),
        # md §15: TASMU sector 'transport'
        ("QAT", 6, 2, "sourced", {"QAT1": "news"}),
    ],
)
def test_hand_checked_rows(profiles, code, number, priority, basis, sources) -> None:
    rating = profiles[code].field(number)
    assert (rating.priority, rating.basis, rating.source_role) == (priority, basis, "cited")
    assert {s.id: s.type.value for s in rating.sources} == sources


def test_a_zero_row_keeps_the_documents_checked(profiles) -> None:
    rating = profiles["ASCN"].field("Labor employment")
    assert (rating.priority, rating.basis, rating.source_role) == (0, "assumed-mapping", "checked")
    assert [s.id for s in rating.sources] == ["ASCN1", "ASCN3"]


def test_sources_tables_and_evidence_strength_from_the_md(profiles) -> None:
    ascn = {s.id: s for s in profiles["ASCN"].sources}
    assert len(ascn) == 16  # md §1 table: ASCN1-11 plus BRN4, KHM1, KHM2, PHL1, PHL4
    assert ascn["ASCN2"].issuer == "Melinda Martinus, ISEAS-Yusof Ishak Institute"
    assert ascn["ASCN2"].year == "2020-04-21"
    assert ascn["ASCN7"].type is SourceType.COPY
    assert ascn["ASCN1"].url == "https://www.mtic.gov.bn/Lists/Speeches/NewDispItem.aspx?ID=179"
    assert {s.type for s in profiles["SGP"].sources if s.id == "SGP6"} == {SourceType.WEAK}
    strength = {c: profiles[c].evidence_strength for c in ("IND", "KHM", "ASCN", "EGY")}
    assert strength == {
        "IND": "Strong",
        "KHM": "Thin",
        "ASCN": "Moderate–strong",
        "EGY": "Moderate–thin",
    }
    assert profiles["KWT"].evidence_note.startswith("Project-level (South Saad Al-Abdullah)")


def test_names_and_regions(profiles) -> None:
    assert profiles["IDN"].name("ko") == "인도네시아"
    assert profiles["IND"].name("ko") == "인도"
    assert profiles["SAU"].name("ko") == "사우디아라비아"
    assert profiles["ARE"].name("ko") == "아랍에미리트"
    assert profiles["ASCN"].name("ko") == "아세안 스마트시티 네트워크"
    assert profiles["VNM"].name() == "Viet Nam"
    assert all(p.name_ko and p.region and p.region_ko for p in profiles.values())


def test_headline_counts_published_in_the_md(profiles) -> None:
    # md "Reading the matrix": how many of the 17 targets rate a field 2.
    twos = {f.en: sum(profiles[c].priority(f.number) == 2 for c in COUNTRIES) for f in FIELDS}
    assert twos["Green·Energy"] == twos["E-government"] == twos["Communications technology"] == 12
    assert twos["Traffic"] == 10
    assert twos["Business"] == 8
    assert twos["Construction"] == twos["Tourism"] == twos["Medical·Health"] == 6
    assert twos["Disaster prevention"] == twos["Factory"] == 0
    assert [c for c in COUNTRIES if profiles[c].priority("Refuse disposal") == 2] == ["IND"]


@pytest.mark.parametrize(
    ("code", "n_twos", "n_ones"),
    [("ASCN", 6, 11), ("BRN", 12, 3), ("MMR", 0, 15), ("IND", 11, 3), ("KWT", 3, 7)],
)
def test_overview_matrix_counts(profiles, code, n_twos, n_ones) -> None:
    priorities = [f.priority for f in profiles[code].fields]
    assert (priorities.count(2), priorities.count(1)) == (n_twos, n_ones)


# --------------------------------------------------------------------------- profile API


def test_fit_vector_is_priority_over_two_and_read_only(profiles) -> None:
    fit = profiles["IND"].fit_vector()
    assert fit.shape == (21,)
    assert fit[0] == 1.0
    assert fit[1] == 0.0
    assert fit[13] == 0.5
    with pytest.raises(ValueError, match="read-only"):
        fit[0] = 0.0


def test_priority_by_number_or_name(profiles) -> None:
    thailand = profiles["THA"]
    assert thailand.priority(6) == thailand.priority("Traffic") == thailand.priority("교통") == 2
    with pytest.raises(ConfigError, match="unknown technology field") as info:  # was ValueError
        thailand.priority(22)
    assert info.value.code == "unknown_field"


def test_evidence_summary_kuwait(profiles) -> None:
    # md §17: ten non-zero fields; 12 Logistics and 20 E-government are assumed mappings;
    # they rest on KWT1, KWT2 (news) and KWT4 (weak); KWT3 is cited by no field.
    summary = profiles["KWT"].evidence_summary()
    assert summary == {
        "code": "KWT",
        "strength": "thin",  # computed: news and a weak host only
        "strength_note": "Thin",  # the md's hand-written rating
        "fields": 21,
        "mentioned": 10,
        "not_found": 11,
        "sourced": 8,
        "assumed_mapping": 2,
        "source_types": {"official": 0, "copy": 0, "analysis": 0, "news": 2, "weak": 1},
    }
    assert [s.id for s in profiles["KWT"].sources_used()] == ["KWT1", "KWT2", "KWT4"]


def test_india_evidence_label_follows_the_sources_left_by_the_evidence_rule(profiles) -> None:
    # Issue 10: the md rates India "Strong", yet its non-zero priorities rest on two copies
    # (IND1, IND8) and five news items (IND2, IND6, IND7, IND10, IND14), no official page.
    india = profiles["IND"]
    assert india.evidence_strength == "Strong"  # the file's note, kept
    used = india.evidence_sources()
    assert [s.id for s in used] == ["IND1", "IND2", "IND6", "IND7", "IND8", "IND10", "IND14"]
    assert sorted(s.type.value for s in used) == ["copy"] * 2 + ["news"] * 5
    assert india.evidence_level() is EvidenceLevel.MODERATE
    # official only: nothing left
    assert india.evidence_sources("official") == ()
    assert india.evidence_level("official") is EvidenceLevel.NONE
    # copies or better: IND1 and IND8, still moderate
    assert [s.id for s in india.evidence_sources("copy")] == ["IND1", "IND8"]
    assert india.evidence_level("copy") is EvidenceLevel.MODERATE
    # sourced mappings only: the copies back assumed mappings (1, 16) alone -> news only
    assert india.evidence_level(sourced_only=True) is EvidenceLevel.THIN
    assert india.evidence_level("official").label("en") == "None"
    assert india.evidence_level().label("ko") == "보통"


def test_evidence_level_rule() -> None:
    def src(i: str, kind: str) -> Source:
        return Source(id=i, title=i, issuer="x", year="2024", url="u", type=SourceType(kind))

    level = EvidenceLevel.from_sources
    assert level([src("a", "official"), src("b", "news")]) is EvidenceLevel.STRONG
    assert level([src("a", "official"), src("a", "official")]) is EvidenceLevel.MODERATE
    assert level([src("a", "official")]) is EvidenceLevel.MODERATE
    assert level([src("a", "analysis"), src("b", "weak")]) is EvidenceLevel.MODERATE
    assert level([src("a", "copy")]) is EvidenceLevel.MODERATE
    assert level([src("a", "news"), src("b", "weak"), src("c", "news")]) is EvidenceLevel.THIN
    assert level([]) is EvidenceLevel.NONE
    for lvl in EvidenceLevel:
        assert lvl.label("en")
        assert lvl.label("ko") != lvl.label("en")


def test_source_type_strength_order_and_labels() -> None:
    order = sorted(SourceType, key=lambda t: t.strength, reverse=True)
    assert [t.value for t in order] == ["official", "copy", "analysis", "news", "weak"]
    assert all(
        t.label("en") and t.label("ko") and t.label("en") != t.label("ko") for t in SourceType
    )


def test_get_country_is_case_insensitive() -> None:
    assert get_country(" idn ").code == "IDN"
    assert get_country("asean").members == ASEAN


def test_unknown_code_lists_the_known_codes() -> None:
    with pytest.raises(ConfigError, match="unknown country or group code 'FRA'") as info:
        get_country("FRA")
    message = str(info.value)
    assert all(code in message for code in (*COUNTRIES, "ASEAN", "MIDDLE_EAST"))
    assert info.value.code == "country.unknown_code"


# --------------------------------------------------------------------------- groups


def test_asean_is_the_mean_of_its_ten_members(profiles) -> None:
    asean = profiles["ASEAN"]
    assert asean.is_group
    assert asean.members == ASEAN
    assert asean.aggregation == "mean"
    # Traffic (field 6), md matrix: BRN 2, KHM 1, IDN 1, LAO 1, MYS 2, MMR 1, PHL 2, SGP 2,
    # THA 2, VNM 1 -> 15 / 10 = 1.5. IDN's 1 is an assumed mapping, so the mean is not sourced.
    assert asean.priority("Traffic") == pytest.approx(1.5)
    assert asean.field(6).basis == "assumed-mapping"
    # Construction: eight 1s, THA 0, VNM 2 -> 10 / 10 = 1.0
    assert asean.priority(1) == pytest.approx(1.0)
    members = np.array([profiles[c].fit_vector() for c in ASEAN])
    np.testing.assert_allclose(asean.fit_vector(), members.mean(axis=0))
    assert {s.id for s in asean.sources} >= {"BRN1", "VNM1", "SGP1"}
    assert profiles["MIDDLE_EAST"].members == ("SAU", "ARE", "QAT", "EGY", "KWT")


def test_max_aggregation_and_its_basis() -> None:
    asean = load_countries(aggregation="max")["ASEAN"]
    assert asean.aggregation == "max"
    # Traffic max = 2, reached by BRN, MYS, PHL, SGP, THA, all sourced.
    assert asean.priority(6) == 2
    assert asean.field(6).basis == "sourced"
    assert {s.id[:3] for s in asean.field(6).sources} == {"BRN", "MYS", "PHL", "SGP", "THA"}


@pytest.fixture(scope="module")
def group_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(default_directory(), tmp_path_factory.mktemp("g") / "countries"))


@given(
    members=st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=6, unique=True),
    rule=st.sampled_from(["mean", "max"]),
)
def test_any_group_aggregates_its_members(group_folder: Path, members, rule) -> None:
    listed = ", ".join(f'"{m}"' for m in members)
    (group_folder / "groups.toml").write_text(
        f'[groups.TEST]\nname_en = "Test"\nmembers = [{listed}]\naggregation = "{rule}"\n',
        encoding="utf-8",
    )
    profiles = load_countries(group_folder)
    stack = np.array([profiles[m].fit_vector() for m in members])
    expected = stack.mean(axis=0) if rule == "mean" else stack.max(axis=0)
    np.testing.assert_allclose(profiles["TEST"].fit_vector(), expected)
    assert profiles["TEST"].members == tuple(members)
    for rating in profiles["TEST"].fields:
        contributing = [profiles[m].field(rating.field) for m in members]
        contributing = [f for f in contributing if f.priority > 0]
        if rule == "max":
            contributing = [f for f in contributing if f.priority == rating.priority]
        assert rating.sourced == (bool(contributing) and all(f.sourced for f in contributing))


# --------------------------------------------------------------------------- broken files


def test_priority_3_names_file_field_and_value(folder: Path) -> None:
    _edit(folder / "IDN.toml", 'name = "Tourism"\npriority = 2', 'name = "Tourism"\npriority = 3')
    error = _raise_config(folder)
    issue = error.issues[0]
    assert (issue.code, issue.field, issue.value) == ("country.priority", "fields[4].priority", "3")
    assert issue.path is not None
    assert issue.path.endswith("IDN.toml")
    assert "IDN.toml" in str(error)
    assert "fields[4].priority" in str(error)
    assert "got 3" in str(error)
    assert "Tourism" in str(error)


def test_unknown_source_id(folder: Path) -> None:
    _edit(
        folder / "KWT.toml",
        'source_ids = ["KWT4"]\n\n[[fields]]\nfield = 5',
        'source_ids = ["KWT9"]\n\n[[fields]]\nfield = 5',
    )
    issue = _raise_config(folder).issues[0]
    assert (issue.code, issue.field, issue.value) == (
        "country.source_id",
        "fields[4].source_ids",
        "KWT9",
    )
    assert issue.path is not None
    assert issue.path.endswith("KWT.toml")


def test_twenty_fields(folder: Path) -> None:
    path = folder / "QAT.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("[[fields]]")], encoding="utf-8")
    issue = _raise_config(folder).issues[0]
    assert (issue.code, issue.field, issue.value) == ("country.field_count", "fields", "20")
    assert issue.path is not None
    assert issue.path.endswith("QAT.toml")


def test_all_problems_of_all_files_are_reported_together(folder: Path) -> None:
    _edit(folder / "SGP.toml", 'type = "weak"', 'type = "blog"')
    _edit(folder / "groups.toml", '"VNM"]', '"VNM", "FRA"]')
    _edit(folder / "EGY.toml", 'code = "EGY"', 'code = "EGX"')
    error = _raise_config(folder)
    found = {(i.code, Path(i.path or "").name, i.value) for i in error.issues}
    assert found == {
        ("country.source_type", "SGP.toml", "blog"),
        ("country.code_mismatch", "EGY.toml", "EGX"),
        ("country.group_member", "groups.toml", "FRA"),
    }
    member = next(i for i in error.issues if i.code == "country.group_member")
    assert "ASCN" in member.message
    assert "KWT" in member.message


def test_invalid_basis_duplicate_field_and_bad_toml(folder: Path) -> None:
    _edit(
        folder / "THA.toml",
        'field = 2\nname = "Labor employment"\npriority = 1\nbasis = "sourced"',
        'field = 2\nname = "Labor employment"\npriority = 1\nbasis = "guessed"',
    )
    _edit(folder / "LAO.toml", "field = 2\n", "field = 1\n")
    (folder / "MMR.toml").write_text('code = "MMR"\nname_en = \n', encoding="utf-8")
    codes = {(i.code, Path(i.path or "").name) for i in _raise_config(folder).issues}
    assert codes == {
        ("country.basis", "THA.toml"),
        ("country.field_number", "LAO.toml"),
        ("country.toml_syntax", "MMR.toml"),
    }


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no country profiles"):
        load_countries(tmp_path)


# --------------------------------------------------------------------------- build script


def _build(out: Path, md: Path = REFERENCE_MD) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        str(BUILD_SCRIPT),
        "--csv",
        str(REFERENCE_CSV),
        "--md",
        str(md),
        "--out",
        str(out),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_build_is_deterministic_and_matches_the_shipped_layout(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert _build(first).returncode == 0
    assert _build(second).returncode == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert names == sorted(p.name for p in default_directory().glob("*.toml"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        # the shipped files are the build's output byte for byte (groups.toml's indicator
        # aggregation rules included), so a rebuild can never drop a hand edit silently
        assert (first / name).read_bytes() == (default_directory() / name).read_bytes(), name
    rebuilt = load_countries(first)
    assert {c: p.fit_vector().tolist() for c, p in rebuilt.items()} == {
        c: p.fit_vector().tolist() for c, p in load_countries().items()
    }


def test_build_stops_when_the_reference_files_disagree(tmp_path: Path) -> None:
    md = tmp_path / "country-policies.md"
    text = REFERENCE_MD.read_text(encoding="utf-8")
    row = re.search(r"^\| 4 \| Tourism \| \*\*1\*\* \| sourced \| Pilot-city SCAP.*$", text, re.M)
    assert row is not None
    md.write_text(
        text.replace(row.group(0), row.group(0).replace("**1**", "**2**")), encoding="utf-8"
    )
    result = _build(tmp_path / "out", md)
    assert result.returncode == 1
    assert "ASCN field 4: md priority '2' != CSV '1'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_targets_are_listed_groups_first_then_by_region_in_the_reader_s_order():
    from exportmcda.data.countries import load_countries, target_order

    profiles = load_countries()
    korean = target_order(profiles, "ko")
    assert korean[:2] == ["ASEAN", "MIDDLE_EAST"]  # 아세안 회원국, 중동 대상국
    # 남아시아 < 동남아시아 < 아세안(지역 네트워크) < 중동(걸프) < 중동·북아프리카
    assert korean[2:] == [
        "IND",
        "LAO", "MYS", "MMR", "VNM", "BRN", "SGP", "IDN", "KHM", "THA", "PHL",
        "ASCN",
        "SAU", "ARE", "QAT", "KWT",
        "EGY",
    ]
    english = target_order(profiles, "en")
    assert english[2:6] == ["ASCN", "KWT", "QAT", "SAU"]
    assert english[-3:] == ["SGP", "THA", "VNM"]
