"""The shipped synthetic sample: deterministic, self-describing, visibly fictitious."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from exportmcda.data.taxonomy import (
    COMPANY_SIZES,
    FIELDS,
    HISTORY,
    REGIONS,
    SERVICE_TYPES,
    Dimension,
    lookup,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "generate_sample.py"
SAMPLE = ROOT / "data" / "sample"
FILES = ("technologies.csv", "metadata.json", "ASSUMPTIONS.md")
HEADER = [
    "technology_id",
    "technology_name",
    "company_id",
    "company_name",
    "field",
    "service_type",
    "region",
    "company_size",
    "capital_class",
    "sales_class",
    "history_class",
    "employees_class",
    "technology_name_ko",
    "company_name_ko",
    "domestic_sites",
    "overseas_sites",
    "export_countries",
    "certifications",
    "patents",
    "trl",
    "launched",
]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sample", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_sample", module)  # dataclasses look their module up
    spec.loader.exec_module(sys.modules["generate_sample"])
    return sys.modules["generate_sample"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    text = (SAMPLE / "technologies.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture(scope="module")
def meta() -> dict[str, object]:
    loaded = json.loads((SAMPLE / "metadata.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_script_regenerates_committed_files_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True
    )
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_generate_is_deterministic_in_process() -> None:
    gen = _generator()
    first = gen.generate()
    assert gen.generate() == first
    assert first[0] == (SAMPLE / "technologies.csv").read_bytes()


def test_another_seed_gives_another_sample_with_the_same_margins(tmp_path: Path) -> None:
    gen = _generator()
    assert gen.main(["--out", str(tmp_path), "--seed", "7"]) == 0
    other = (tmp_path / "technologies.csv").read_bytes()
    assert other != (SAMPLE / "technologies.csv").read_bytes()
    assert len(other.decode("utf-8").splitlines()) == 1 + 1847


def test_csv_encoding_and_header() -> None:
    data = (SAMPLE / "technologies.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data
    assert data.decode("utf-8").splitlines()[0].split(",") == HEADER


def test_metadata_keys_and_checksum(meta: dict[str, object]) -> None:
    assert set(meta) == {
        "synthetic", "title", "study", "generator", "seed", "csv", "csv_sha256", "assumptions",
    }  # fmt: skip
    assert meta["synthetic"] is True
    assert meta["csv"] == "technologies.csv"
    assert meta["generator"] == "scripts/generate_sample.py"
    assert isinstance(meta["seed"], int)
    assert str(meta["study"]).startswith("Kim, D. (2021) A Study on Smart City Policy")
    digest = hashlib.sha256((SAMPLE / "technologies.csv").read_bytes()).hexdigest()
    assert meta["csv_sha256"] == digest


def test_assumptions_numbered_and_in_markdown(meta: dict[str, object]) -> None:
    assumptions = meta["assumptions"]
    assert isinstance(assumptions, list)
    assert len(assumptions) >= 10
    markdown = (SAMPLE / "ASSUMPTIONS.md").read_text(encoding="utf-8")
    for i, text in enumerate(assumptions, start=1):
        assert text.startswith(f"A{i}: ")
        assert f"**A{i}**" in markdown
    # The service-type denominator decision is documented (1,835 of 1,847 rows).
    assert "1,835" in assumptions[0]
    assert "12" in assumptions[0]


def test_no_duplicate_technology_field_rows(rows: list[dict[str, str]]) -> None:
    keys = [(r["technology_id"], r["field"]) for r in rows]
    assert len(keys) == len(set(keys)) == 1847


def test_names_are_visibly_fictitious(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["company_name"].endswith(" (fictional)")
        assert r["company_name_ko"].endswith("(가상)")
    companies = {r["company_id"]: r["company_name"] for r in rows}
    assert len(set(companies.values())) == len(companies) == 300
    gen = _generator()
    assert not {name.split()[0] for name in companies.values()} & gen.REAL_BRANDS


def test_technology_names_are_readable_and_bilingual(rows: list[dict[str, str]]) -> None:
    gen = _generator()
    names = {r["technology_id"]: (r["technology_name"], r["technology_name_ko"]) for r in rows}
    assert len(set(names.values())) == len(names) == 1044  # a repeated name gets a version
    assert names["T0073"] == (
        "AI traffic-signal optimisation platform", "AI 교통신호 최적화 플랫폼"
    )
    for r in rows:
        en, ko = r["technology_name"], r["technology_name_ko"]
        form_en, form_ko = gen.SERVICE_FORMS[r["service_type"]]
        assert form_en.split("{t}")[-1].strip().lower() in en.lower()
        assert form_ko.split("{t}")[-1].strip() in ko
        assert "synthetic" not in en.lower()


def test_evidence_columns_are_valid_and_differ_within_a_company() -> None:
    from exportmcda.data.io import load_sample

    db = load_sample()
    assert db.evidence_columns == (
        "domestic_sites", "overseas_sites", "export_countries", "certifications", "patents",
        "trl", "launched",
    )
    tech = db.technologies
    assert tech["trl"].between(6, 9).all()
    assert tech["launched"].between(1950, 2021).all()
    assert tech["domestic_sites"].between(0, 243).all()
    # no deployment abroad, no export country (A17, A18)
    assert ((tech["overseas_sites"] == 0) == tech["export_countries"].isna()).all()
    # technologies of one company differ (A14-A20): most multi-technology companies have
    # technologies with different domestic sites
    multi = tech.groupby("company_id").filter(lambda g: len(g) > 1)
    varied = multi.groupby("company_id")["domestic_sites"].nunique() > 1
    assert varied.mean() > 0.8


def test_assumptions_number_the_evidence_after_a13(meta: dict[str, object]) -> None:
    assumptions = meta["assumptions"]
    assert isinstance(assumptions, list)
    assert len(assumptions) == 20
    for i, column in ((14, "launch year"), (15, "TRL"), (16, "domestic_sites"),
                      (17, "overseas_sites"), (18, "export_countries"), (19, "certifications"),
                      (20, "patents")):
        assert str(assumptions[i - 1]).startswith(f"A{i}: {column}")


def test_ids_are_sequential(rows: list[dict[str, str]]) -> None:
    techs = sorted({r["technology_id"] for r in rows})
    companies = sorted({r["company_id"] for r in rows})
    assert techs == [f"T{i:04d}" for i in range(1, 1045)]
    assert companies == [f"C{i:03d}" for i in range(1, 301)]


def test_cells_use_taxonomy_english_names(rows: list[dict[str, str]]) -> None:
    field_names = {c.en for c in FIELDS}
    service_names = {c.en for c in SERVICE_TYPES} | {""}
    region_names = {c.en for c in REGIONS}
    size_names = {c.en for c in COMPANY_SIZES}
    for r in rows:
        assert r["field"] in field_names
        assert r["service_type"] in service_names
        assert r["region"] in region_names
        assert r["company_size"] in size_names
        for column, top in (
            ("capital_class", 7), ("sales_class", 7), ("history_class", HISTORY.max_level),
            ("employees_class", 7),
        ):  # fmt: skip
            assert r[column] == "" or 1 <= int(r[column]) <= top


def test_technology_and_company_attributes_are_consistent(rows: list[dict[str, str]]) -> None:
    tech: dict[str, tuple[str, ...]] = {}
    company: dict[str, tuple[str, ...]] = {}
    fields_per_tech: dict[str, int] = {}
    for r in rows:
        key = (r["technology_name"], r["company_id"], r["service_type"],
               *(r[c] for c in HEADER[12:] if c != "company_name_ko"))
        assert tech.setdefault(r["technology_id"], key) == key
        attrs = (*(r[c] for c in HEADER[3:12] if c not in ("field", "service_type")),
                 r["company_name_ko"])
        assert company.setdefault(r["company_id"], attrs) == attrs
        fields_per_tech[r["technology_id"]] = fields_per_tech.get(r["technology_id"], 0) + 1
    assert set(fields_per_tech.values()) <= {1, 2, 3, 4}
    # The 12 rows without a service type belong to single-field technologies (assumption A1).
    blank = [r["technology_id"] for r in rows if r["service_type"] == ""]
    assert len(blank) == 12
    assert all(fields_per_tech[t] == 1 for t in blank)


def test_classes_plausible_for_size(rows: list[dict[str, str]]) -> None:
    sme = lookup(Dimension.COMPANY_SIZE, "SME")
    major = lookup(Dimension.COMPANY_SIZE, "Major company")
    assert sme is not None
    assert major is not None
    seen: dict[str, dict[str, str]] = {r["company_id"]: r for r in rows}
    for r in seen.values():
        if r["company_size"] == major.en:
            assert int(r["capital_class"]) >= 3
            assert int(r["employees_class"]) >= 4
        if r["company_size"] == sme.en:
            assert int(r["sales_class"]) <= 4
            assert int(r["employees_class"]) <= 4
