"""The validated database and its interchange columns (exportmcda.data.database)."""

from pathlib import Path

import pytest

from exportmcda.data.database import (
    CANONICAL_COLUMNS,
    COMPANY_COLUMNS,
    SCALE_COLUMNS,
    Database,
    Provenance,
)
from exportmcda.data.io import load, load_sample

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "small_database.csv"


@pytest.fixture(scope="module")
def sample() -> Database:
    return load_sample()


@pytest.fixture(scope="module")
def example() -> Database:
    return load(EXAMPLE)


def test_the_interchange_columns():
    assert SCALE_COLUMNS == {
        "capital": ("capital_krw", "capital_class"),
        "sales": ("sales_krw", "sales_class"),
        "history": ("founded_year", "history_class"),
        "employees": ("employees", "employees_class"),
    }
    assert CANONICAL_COLUMNS == (
        "source_row", "technology_id", "technology_name", "company_id", "company_name",
        "field", "service_type", "region", "company_size", "capital_krw", "capital_class",
        "sales_krw", "sales_class", "founded_year", "history_class", "employees",
        "employees_class",
    )
    assert COMPANY_COLUMNS[:3] == ("company_name", "region", "company_size")


def test_the_example_file_counts(example: Database):
    # data/examples/small_database.csv: 13 technology × field rows of 10 technologies
    # from 6 companies, one extra column ("notes") kept.
    assert (example.n_rows, example.n_technologies, example.n_companies) == (13, 10, 6)
    assert example.extra_columns == ("notes",)
    assert list(example.rows.columns) == [*CANONICAL_COLUMNS, "notes"]


def test_companies_and_technologies_are_one_row_each(example: Database):
    companies = example.companies
    assert companies.index.name == "company_id"
    assert list(companies.columns) == list(COMPANY_COLUMNS)
    first = companies.loc["C01"]
    assert (first["company_name"], first["capital_krw"], first["employees"]) == (
        "Hanbit Mobility Co.", 1_200_000_000, 45)
    technologies = example.technologies
    assert technologies.index.name == "technology_id"
    assert technologies.loc["T001", "technology_name"] == "Smart Crosswalk Sensor"
    assert technologies.loc["T002", "company_id"] == "C01"


def test_the_tables_handed_out_are_copies(example: Database):
    companies, technologies = example.companies, example.technologies
    companies.loc["C01", "company_name"] = "changed"
    technologies.loc["T001", "technology_name"] = "changed"
    assert example.companies.loc["C01", "company_name"] == "Hanbit Mobility Co."
    assert example.technologies.loc["T001", "technology_name"] == "Smart Crosswalk Sensor"


def test_the_database_keeps_its_own_copy_of_the_rows(example: Database):
    frame = example.rows.copy()
    db = Database(rows=frame, provenance=example.provenance)
    frame.loc[frame.index[0], "technology_name"] = "changed"
    assert db.rows["technology_name"].iloc[0] == "Smart Crosswalk Sensor"


def test_only_synthetic_data_carries_a_notice(example: Database, sample: Database):
    assert example.provenance.synthetic is False
    assert example.provenance.notice() is None
    assert example.provenance.notice("ko") is None
    assert sample.provenance.notice("en").startswith("Synthetic sample data: generated to "
                                                     "match the study's published tables")
    assert sample.provenance.notice("ko").startswith("합성 샘플 데이터: ")
    own = Provenance(source="ministry.xlsx", sha256="0" * 64)
    assert (own.synthetic, own.assumptions, own.notice()) == (False, (), None)


def test_totals(sample: Database) -> None:
    assert sample.n_technologies == 1044
    assert sample.n_rows == 1847
    assert sample.n_companies == 300
    assert sample.provenance.synthetic
    assert sample.provenance.assumptions[0].startswith("A1: 12 technology × field rows")


def test_the_evidence_columns_are_defined_once_with_their_rules():
    from exportmcda.data.database import CERTIFICATIONS, EVIDENCE_COLUMNS, NAME_COLUMNS
    from exportmcda.resources import data_dir

    spec = {c.name: (c.kind, c.minimum, c.maximum) for c in EVIDENCE_COLUMNS}
    assert spec == {
        "domestic_sites": ("count", 0, None), "overseas_sites": ("count", 0, None),
        "export_countries": ("countries", None, None),
        "certifications": ("certifications", None, None), "patents": ("count", 0, None),
        "trl": ("count", 1, 9), "launched": ("year", 1950, None),
    }
    assert all(c.label("en") and c.label("ko") != c.label("en") for c in EVIDENCE_COLUMNS)
    assert list(CERTIFICATIONS) == ["GS", "NEP", "NET", "INNO"]
    assert set(NAME_COLUMNS) == {"technology_name_ko", "company_name_ko"}
    header = (data_dir() / "iso" / "iso3166-1-alpha3.csv").read_text("utf-8").splitlines()[:3]
    assert "Source: Debian/Salsa iso-codes" in header[1]


def test_a_database_without_evidence_has_none():
    db = load(EXAMPLE)
    assert db.evidence_columns == ()
    assert db.name_columns == ()
    assert "trl" not in db.technologies.columns
