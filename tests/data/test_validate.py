"""Raw table → Database: the interchange format and every kind of bad input (all reported)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.data.database import (
    CANONICAL_COLUMNS,
    DICTIONARY_COLUMNS,
    REQUIRED_COLUMNS,
    SCALE_COLUMNS,
)
from exportmcda.data.io import RawTable, read_table, to_interchange
from exportmcda.data.taxonomy import (
    CLASS_SCALES,
    COMPANY_SIZES,
    FIELDS,
    HISTORY,
    REFERENCE_YEAR,
    REGIONS,
    SERVICE_TYPES,
    Category,
)
from exportmcda.data.validate import summary, validate
from exportmcda.errors import InputError, Issue

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "small_database.csv"
SCALE_COLS = [c for pair in SCALE_COLUMNS.values() for c in pair]
HEADER = [*REQUIRED_COLUMNS, *SCALE_COLS]


def row(**overrides: str) -> dict[str, str]:
    """A valid row of company C1 / technology T1 in field Traffic; overrides by column."""
    base = {
        "technology_id": "T1",
        "technology_name": "Signal Optimizer",
        "company_id": "C1",
        "company_name": "Hanbit Co.",
        "field": "Traffic",
        "service_type": "AI",
        "region": "Seoul",
        "company_size": "SME",
        "capital_krw": "1200000000",
        "capital_class": "",
        "sales_krw": "",
        "sales_class": "2",
        "founded_year": "2009",
        "history_class": "",
        "employees": "45",
        "employees_class": "3",
    }
    base.update(overrides)
    return base


def table(
    rows: list[dict[str, str]], header: list[str] | None = None, name: str = "db.csv"
) -> RawTable:
    header = header or list(rows[0])
    return RawTable(
        name=name,
        header=tuple(header),
        rows=tuple(tuple(r.get(c, "") for c in header) for r in rows),
        row_numbers=tuple(range(2, len(rows) + 2)),
        encoding="utf-8",
        sha256="0" * 64,
    )


def issues_of(raw: RawTable) -> list[Issue]:
    with pytest.raises(InputError) as info:
        validate(raw)
    return list(info.value.issues)


def where(issues: list[Issue]) -> set[tuple[str, int | None, str | None]]:
    return {(i.code, i.row, i.field) for i in issues}


# ------------------------------------------------------------------ valid input


def test_small_example_validates_with_expected_values():
    db = validate(read_table(EXAMPLE))
    assert summary(db) == {
        "rows": 13,
        "technologies": 10,
        "companies": 6,
        "rows_without_service_type": 1,
        "companies_without_capital_class": 2,
        "companies_without_sales_class": 1,
        "companies_without_history_class": 0,
        "companies_without_employees_class": 0,
    }
    assert db.extra_columns == ("notes",)
    assert list(db.rows.columns) == [*CANONICAL_COLUMNS, "notes"]
    first = db.rows.iloc[0]
    # 1,200,000,000 won → capital class 3 (1–10 billion); 8.5e9 won → sales class 2;
    # founded 2009 → 12 years in 2021 → history class 3 (10–20 years); 45 people → class 3.
    assert first["capital_krw"] == 1_200_000_000
    assert first["capital_class"] == 3
    assert first["sales_class"] == 2
    assert first["history_class"] == 3
    assert first["employees_class"] == 3
    assert first["field"] == 6
    assert first["region"] == 1
    assert first["company_size"] == 1
    # T001 is listed in two fields; Korean names normalize to the same numbers.
    assert db.rows.loc[db.rows.technology_id == "T001", "field"].tolist() == [6, 13]
    assert db.rows.iloc[2]["field"] == 6  # "교통"
    assert db.companies.loc["C05", "capital_krw"] == 450_000_000_000  # "450,000,000,000"
    assert db.companies.loc["C05", "sales_krw"] == 2_300_000_000_000  # "2.3E+12"
    assert pd.isna(db.companies.loc["C04", "capital_class"])  # no class: the study's "others"
    assert db.rows["source_row"].tolist() == list(range(2, 15))


def test_empty_service_type_and_empty_scale_cells_are_na():
    db = validate(table([row(service_type="  ", capital_krw="", capital_class="")]))
    assert pd.isna(db.rows.loc[0, "service_type"])
    assert pd.isna(db.rows.loc[0, "capital_krw"])
    assert pd.isna(db.rows.loc[0, "capital_class"])
    assert summary(db)["companies_without_capital_class"] == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200000000", 1_200_000_000),
        ("1,200,000,000", 1_200_000_000),
        ("1.2e9", 1_200_000_000),
        ("1.2E+09", 1_200_000_000),
        ("+1200000000.0", 1_200_000_000),
        ("0", 0),
    ],
)
def test_raw_numbers_as_excel_writes_them(text, value):
    db = validate(table([row(capital_krw=text)]))
    assert db.rows.loc[0, "capital_krw"] == value


def test_class_written_as_float_is_accepted():
    db = validate(table([row(capital_krw="", capital_class="3.0")]))
    assert db.rows.loc[0, "capital_class"] == 3


def test_history_is_counted_to_the_reference_year():
    cases = [(REFERENCE_YEAR, 1), (REFERENCE_YEAR - 5, 2), (1971, 6), (1972, 5)]
    rows = [row(technology_id=f"T{y}", company_id=f"C{y}", founded_year=str(y)) for y, _ in cases]
    db = validate(table(rows))
    assert db.rows["history_class"].tolist() == [c for _, c in cases]


def test_column_names_match_case_and_space_insensitively_and_extras_are_kept_as_text():
    r = row()
    header = [f"  {c.upper()} " for c in r] + ["Notes", "Code"]
    raw = RawTable(
        name="x.csv",
        header=tuple(header),
        rows=((*tuple(r.values()), "=1+1", "007"),),
        row_numbers=(2,),
        encoding="utf-8",
        sha256="",
    )
    db = validate(raw)
    assert db.extra_columns == ("Notes", "Code")
    assert db.rows.loc[0, "Notes"] == "=1+1"
    assert db.rows.loc[0, "Code"] == "007"
    assert db.rows.loc[0, "technology_id"] == "T1"


def test_class_only_file_and_blank_unnamed_column_are_fine():
    header = [*REQUIRED_COLUMNS, *(s.class_column for s in CLASS_SCALES), ""]
    db = validate(table([row(capital_class="4", history_class="6")], header))
    assert db.rows.loc[0, "capital_class"] == 4
    assert pd.isna(db.rows.loc[0, "capital_krw"])
    assert db.rows.loc[0, "history_class"] == 6


def test_fully_empty_rows_are_skipped_but_keep_their_row_number():
    raw = table([row(), {}, row(field="Finance")])
    assert raw.rows[1] == ("",) * len(HEADER)
    db = validate(raw)
    assert db.rows["source_row"].tolist() == [2, 4]


def test_same_company_written_in_english_and_korean_agrees():
    a = row()
    b = row(
        technology_id="T2",
        region="서울",
        company_size="중소기업",
        capital_krw="1,200,000,000",
        capital_class="3",
        sales_class="2.0",
        history_class="3",
    )
    assert validate(table([a, b])).n_companies == 1


# ------------------------------------------------------------------ bad input, one kind each


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("field", "Trafic", "unknown_field"),
        ("service_type", "Hologram", "unknown_service_type"),
        ("region", "Tokyo", "unknown_region"),
        ("company_size", "Huge", "unknown_company_size"),
        ("field", "22", "unknown_field"),
    ],
)
def test_unknown_taxonomy_name(column, value, code):
    [issue] = issues_of(table([row(), row(technology_id="T2", **{column: value})]))
    assert (issue.code, issue.row, issue.field, issue.value) == (code, 3, column, value)
    assert issue.path == "db.csv"
    assert repr(value) in issue.message
    assert "expected" in issue.message


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("capital_class", "0"),
        ("capital_class", "8"),
        ("capital_class", "3.5"),
        ("history_class", "7"),
        ("employees_class", "-1"),
    ],
)
def test_class_out_of_range_or_not_an_integer(column, value):
    raw_col = {s.class_column: s.raw_column for s in CLASS_SCALES}[column]
    [issue] = issues_of(table([row(**{column: value, raw_col: ""})]))
    assert (issue.code, issue.row, issue.field, issue.value) == (
        "class_out_of_range",
        2,
        column,
        value,
    )


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("capital_krw", "12억", "not_a_number"),
        ("sales_krw", "abc", "not_a_number"),
        ("capital_krw", "1,2", "not_a_number"),
        ("employees", "1_000", "not_a_number"),
        ("capital_class", "three", "not_a_number"),
        ("employees", "-3", "negative_number"),
        ("employees", "12.5", "not_an_integer"),
        ("founded_year", "2030", "future_year"),
        ("founded_year", "98", "implausible_year"),
        ("capital_krw", "1e30", "number_out_of_range"),
    ],
)
def test_bad_numbers(column, value, code):
    [issue] = issues_of(table([row(**{column: value})]))
    assert (issue.code, issue.row, issue.field, issue.value) == (code, 2, column, value)


def test_raw_and_class_must_agree():
    [issue] = issues_of(table([row(capital_krw="1200000000", capital_class="5")]))
    assert (issue.code, issue.row, issue.field) == ("raw_class_mismatch", 2, "capital_class")
    assert "class 3" in issue.message
    assert "'5'" in issue.message


@pytest.mark.parametrize(
    ("column", "code"),
    [
        ("technology_id", "empty_id"),
        ("company_id", "empty_id"),
        ("technology_name", "empty_value"),
        ("company_name", "empty_value"),
        ("field", "empty_value"),
        ("region", "empty_value"),
        ("company_size", "empty_value"),
    ],
)
def test_empty_required_cell(column, code):
    [issue] = issues_of(table([row(**{column: " \t "})]))
    assert (issue.code, issue.row, issue.field) == (code, 2, column)


def test_company_conflict_names_both_rows_and_values():
    rows = [row(), row(technology_id="T2"), row(technology_id="T3", company_size="Major company")]
    [issue] = issues_of(table(rows))
    assert (issue.code, issue.row, issue.field) == ("company_conflict", 4, "company_size")
    assert "row 2" in issue.message
    assert "row 4" in issue.message
    assert "'SME'" in issue.message
    assert "'Major company'" in issue.message


def test_company_conflict_on_raw_value_is_not_repeated_for_its_class():
    rows = [row(), row(technology_id="T2", capital_krw="50000000000")]
    [issue] = issues_of(table(rows))
    assert (issue.code, issue.row, issue.field) == ("company_conflict", 3, "capital_krw")


def test_technology_conflict_names_both_rows():
    rows = [row(), row(field="Finance", technology_name="Other name")]
    [issue] = issues_of(table(rows))
    assert (issue.code, issue.row, issue.field) == ("technology_conflict", 3, "technology_name")
    assert "row 2" in issue.message
    assert "row 3" in issue.message


def test_duplicate_technology_field_row_names_both_rows():
    [issue] = issues_of(table([row(), row(service_type="IoT", field="교통")]))
    assert (issue.code, issue.row, issue.field) == ("duplicate_row", 3, "field")
    assert "rows 2 and 3" in issue.message


def test_missing_columns_one_issue_each():
    header = [c for c in HEADER if c not in ("region", "company_size", "sales_krw", "sales_class")]
    found = issues_of(table([row()], header))
    assert where(found) == {
        ("missing_column", None, "region"),
        ("missing_column", None, "company_size"),
        ("missing_column", None, "sales_class"),
    }
    assert all("expected" in i.message or "missing" in i.message for i in found)


def test_duplicate_and_reserved_and_unnamed_columns():
    header = [*HEADER, "Field", "source_row", ""]
    raw = table([row(Field="x", source_row="1"), row(technology_id="T2", **{"": "data"})], header)
    assert where(issues_of(raw)) == {
        ("duplicate_column", 1, "Field"),
        ("reserved_column", 1, "source_row"),
        ("unnamed_column", 3, "column 19"),
    }


def test_header_without_rows():
    assert where(issues_of(table([{}], HEADER))) == {("no_rows", None, None)}


def test_all_issues_of_a_file_are_reported_with_file_row_and_column():
    rows = [row(technology_id=f"T{i}") for i in range(6)]
    rows[1]["field"] = "Nowhere"
    rows[3]["capital_class"] = "9"
    rows[4]["employees"] = "many"
    found = issues_of(table(rows, name="upload.xlsx"))
    assert where(found) == {
        ("unknown_field", 3, "field"),
        ("class_out_of_range", 5, "capital_class"),
        ("not_a_number", 6, "employees"),
    }
    assert [i.row for i in found] == [3, 5, 6]  # reported in spreadsheet order
    for issue in found:
        assert issue.path == "upload.xlsx"
        assert issue.row
        assert issue.field
        assert issue.value
        assert str(issue).startswith(f"upload.xlsx, row {issue.row}, field '{issue.field}'")


# ------------------------------------------------------------------ properties


def spellings(cat: Category) -> list[str]:
    return [str(cat.number), cat.en, cat.ko, *cat.aliases]


def number_spellings(value: int) -> list[str]:
    return [str(value), f"{value:,}", f"{Decimal(value):E}", f"{value}.0"]


@st.composite
def valid_tables(draw: st.DrawFn) -> RawTable:
    """A valid interchange table, each cell in any accepted spelling (varying across rows)."""
    alphabet = st.characters(categories=("L", "N", "P", "Zs"))
    name = st.text(alphabet, min_size=1, max_size=12).map(str.strip).filter(bool)
    companies = []
    for c in range(draw(st.integers(1, 3))):
        scales = {}
        for s in CLASS_SCALES:
            mode = draw(st.sampled_from(["raw", "class", "both", "none"]))
            if s is HISTORY:
                raw = draw(st.integers(1800, REFERENCE_YEAR))
                cls = s.classify(REFERENCE_YEAR - raw)
            else:
                raw = draw(st.integers(0, 10**14))
                cls = s.classify(raw)
            if mode == "class":
                raw = None
            if mode == "none":
                raw = cls = None
            scales[s.key] = (raw, cls, mode)
        companies.append(
            {
                "company_id": f"C{c}",
                "company_name": draw(name),
                "region": draw(st.sampled_from(REGIONS)),
                "company_size": draw(st.sampled_from(COMPANY_SIZES)),
                "scales": scales,
            }
        )
    rows = []
    for t in range(draw(st.integers(1, 5))):
        company = draw(st.sampled_from(companies))
        tech_name = draw(name)
        service = draw(st.none() | st.sampled_from(SERVICE_TYPES))
        for field in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3, unique=True)):
            cells = {
                "technology_id": f"T{t}",
                "technology_name": tech_name,
                "company_id": company["company_id"],
                "company_name": company["company_name"],
                "field": draw(st.sampled_from(spellings(field))),
                "service_type": ""
                if service is None
                else draw(st.sampled_from(spellings(service))),
                "notes": draw(st.text(alphabet, max_size=8).map(str.strip)),
            }
            for dim in ("region", "company_size"):
                cells[dim] = draw(st.sampled_from(spellings(company[dim])))
            for s in CLASS_SCALES:
                raw, cls, mode = company["scales"][s.key]
                cells[s.raw_column] = (
                    "" if raw is None else draw(st.sampled_from(number_spellings(raw)))
                )
                cells[s.class_column] = "" if mode not in ("class", "both") else str(cls)
            rows.append(cells)
    return table(rows, [*HEADER, "notes"], name="generated.csv")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


@given(valid_tables())
def test_valid_table_round_trips_through_interchange_csv(raw):
    db = validate(raw)
    again = validate(read_table(csv_bytes(to_interchange(db)), "again.csv"))
    pd.testing.assert_frame_equal(again.rows, db.rows)
    assert again.extra_columns == db.extra_columns == ("notes",)


@given(valid_tables(), st.data())
def test_single_corrupted_cell_is_reported_at_its_row_and_column(raw, data):
    kinds = [
        ("field", "Nowhere", "unknown_field"),
        ("capital_class", "9", "class_out_of_range"),
        ("employees", "12억", "not_a_number"),
        ("region", "Atlantis", "unknown_region"),
        ("founded_year", "soon", "not_a_number"),
    ]
    column, bad, code = data.draw(st.sampled_from(kinds))
    i = data.draw(st.integers(0, len(raw.rows) - 1))
    j = raw.header.index(column)
    cells = [list(r) for r in raw.rows]
    cells[i][j] = bad
    out = io.StringIO()
    csv.writer(out).writerows([raw.header, *cells])
    with pytest.raises(InputError) as info:
        validate(read_table(out.getvalue().encode("utf-8"), "bad.csv"))
    assert [(x.code, x.row, x.field, x.value) for x in info.value.issues] == [
        (code, i + 2, column, bad)
    ]


# ------------------------------------------------- technology-level evidence (issue 9)

EVIDENCE = {
    "domestic_sites": "41", "overseas_sites": "2", "export_countries": "VNM; idn",
    "certifications": "GS;혁신제품;other:ISO 9001", "patents": "3", "trl": "9",
    "launched": "2016", "technology_name_ko": "AI 교통신호 최적화 플랫폼",
    "company_name_ko": "한빛(가상)",
}


def test_evidence_columns_are_read_typed_and_normalised():
    db = validate(table([row(**EVIDENCE), row(field="Logistics", **EVIDENCE)]))
    assert db.evidence_columns == (
        "domestic_sites", "overseas_sites", "export_countries", "certifications", "patents",
        "trl", "launched",
    )
    assert db.name_columns == ("technology_name_ko", "company_name_ko")
    assert db.extra_columns == ()
    t1 = db.technologies.loc["T1"]
    assert (t1["domestic_sites"], t1["trl"], t1["launched"]) == (41, 9, 2016)
    assert t1["export_countries"] == "VNM;IDN"  # upper case, in the given order
    assert t1["certifications"] == "GS;INNO;other:ISO 9001"  # aliases become codes
    assert t1["technology_name_ko"] == "AI 교통신호 최적화 플랫폼"
    assert db.companies.loc["C1", "company_name_ko"] == "한빛(가상)"
    # the documented dtypes (Database, NARROW_INTEGER_COLUMNS): counts Int64, TRL Int8,
    # launch years Int16
    assert str(db.rows["domestic_sites"].dtype) == "Int64"
    assert str(db.rows["trl"].dtype) == "Int8"
    assert str(db.rows["launched"].dtype) == "Int16"


def test_taxonomy_class_and_year_columns_are_narrow_integers_without_loss():
    """Int8 / Int16 where the values allow it (issue 13, item 10), Int64 for amounts."""
    db = validate(table([
        row(founded_year="1800", capital_krw=str(10**18)),
        row(technology_id="T2", company_id="C2", founded_year="2021"),
    ]))
    rows = db.rows
    dtypes = {c: str(rows[c].dtype) for c in rows.columns if str(rows[c].dtype)[:3] == "Int"}
    assert dtypes == {
        "field": "Int8", "service_type": "Int8", "region": "Int8", "company_size": "Int8",
        "capital_krw": "Int64", "capital_class": "Int8", "sales_krw": "Int64",
        "sales_class": "Int8", "founded_year": "Int16", "history_class": "Int8",
        "employees": "Int64", "employees_class": "Int8",
    }
    assert rows["founded_year"].tolist() == [1800, 2021]
    assert rows["capital_krw"].tolist()[0] == 10**18


def test_name_columns_are_arrow_dictionaries_and_the_tables_plain_text():
    """Each distinct name stored once per row column (issue 13, item 10; DICTIONARY_COLUMNS)."""
    db = validate(table([
        row(**EVIDENCE),
        row(field="Logistics", **EVIDENCE),
        row(technology_id="T2", technology_name="Smart Bin", **{**EVIDENCE,
            "technology_name_ko": ""}),
    ]))
    rows = db.rows
    dictionary = "dictionary<values=large_string, indices=int32, ordered=0>[pyarrow]"
    assert {c: str(rows[c].dtype) for c in DICTIONARY_COLUMNS} == dict.fromkeys(
        ("technology_name", "company_name", "technology_name_ko", "company_name_ko"),
        dictionary,
    )
    assert rows["technology_name_ko"].tolist()[:2] == ["AI 교통신호 최적화 플랫폼"] * 2
    assert pd.isna(rows["technology_name_ko"].iloc[2])  # an empty Korean name: missing
    assert rows.loc[2, "technology_name"] == "Smart Bin"
    # the per-technology and per-company tables hold plain text, as before
    text = str(pd.Series(["a"]).dtype)
    tech, companies = db.technologies, db.companies
    assert str(tech["technology_name"].dtype) == text
    assert str(tech["technology_name_ko"].dtype) == text
    assert str(companies["company_name"].dtype) == text
    assert str(companies["company_name_ko"].dtype) == text
    assert tech["technology_name_ko"].isna().tolist() == [False, True]
    assert tech.loc["T2", "technology_name"] == "Smart Bin"
    assert companies.loc["C1", "company_name_ko"] == "한빛(가상)"


def test_empty_evidence_cells_mean_not_known():
    db = validate(table([row(**{**EVIDENCE, "trl": "", "export_countries": ""})]))
    t1 = db.technologies.loc["T1"]
    assert pd.isna(t1["trl"])
    assert pd.isna(t1["export_countries"])


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("export_countries", "VNM;XYZ", "unknown_country_code"),
        ("export_countries", "VN", "unknown_country_code"),  # alpha-2 is not alpha-3
        ("certifications", "GS;ISO", "unknown_certification"),
        ("certifications", "other:", "unknown_certification"),
        ("trl", "10", "number_out_of_range"),
        ("trl", "0", "number_out_of_range"),
        ("trl", "8.5", "not_an_integer"),
        ("domestic_sites", "-3", "negative_number"),
        ("overseas_sites", "-1", "negative_number"),
        ("patents", "-2", "negative_number"),
        ("patents", "many", "not_a_number"),
        ("launched", "1949", "implausible_year"),
        ("launched", "2999", "future_year"),
    ],
)
def test_a_bad_evidence_cell_names_file_row_and_column(column, value, code):
    rows = [row(**EVIDENCE), row(field="Logistics", **{**EVIDENCE, column: value})]
    found = issues_of(table(rows, name="ministry.csv"))
    assert [(i.code, i.path, i.row, i.field) for i in found] == [
        (code, "ministry.csv", 3, column)
    ]
    bad = found[0].value
    assert bad is not None
    assert bad in value
    assert str(found[0]).startswith(f"ministry.csv, row 3, field '{column}': {column}: ")


def test_every_bad_evidence_cell_is_reported_at_once():
    bad = {"trl": "10", "domestic_sites": "-1", "export_countries": "XXX"}
    found = issues_of(table([row(**{**EVIDENCE, **bad})]))
    assert where(found) == {
        ("number_out_of_range", 2, "trl"), ("negative_number", 2, "domestic_sites"),
        ("unknown_country_code", 2, "export_countries"),
    }


def test_a_technology_with_two_trl_values_is_a_conflict_naming_both_rows():
    rows = [row(**EVIDENCE), row(field="Logistics", **{**EVIDENCE, "trl": "7"})]
    found = issues_of(table(rows))
    assert where(found) == {("technology_conflict", 3, "trl")}
    assert found[0].value == "7"
    assert "'9' in row 2 but '7' in row 3" in found[0].message


def test_korean_names_must_agree_like_the_names_they_translate():
    rows = [row(**EVIDENCE),
            row(field="Logistics", **{**EVIDENCE, "technology_name_ko": "다른 이름",
                                      "company_name_ko": "다른 회사"})]
    assert where(issues_of(table(rows))) == {
        ("technology_conflict", 3, "technology_name_ko"),
        ("company_conflict", 3, "company_name_ko"),
    }


def test_the_country_list_is_the_249_official_codes():
    from exportmcda.data.database import iso_alpha3

    codes = iso_alpha3()
    assert len(codes) == 249
    assert codes["VNM"] == "Viet Nam"
    assert {"KOR", "IDN", "IND", "SAU", "ARE"} <= set(codes)
    assert "XKX" not in codes  # Kosovo's user-assigned code is not an official one


def test_evidence_round_trips_through_interchange_csv():
    db = validate(table([row(**EVIDENCE), row(field="Logistics", **EVIDENCE),
                         row(technology_id="T2", **{**EVIDENCE, "trl": "", "patents": ""})]))
    again = validate(read_table(csv_bytes(to_interchange(db)), "again.csv"))
    pd.testing.assert_frame_equal(again.rows, db.rows)
    assert again.evidence_columns == db.evidence_columns


# ------------------------------------------------- the header before the rows (issue 13)


def test_check_header_refuses_a_missing_column_with_the_header_issues_of_validate():
    from exportmcda.data.validate import check_header

    header = (*(c for c in HEADER if c != "region"), "Field", "source_row")
    with pytest.raises(InputError) as caught:
        check_header(header, "h.csv")
    assert [(i.code, i.row, i.field, i.path) for i in caught.value.issues] == [
        ("missing_column", None, "region", "h.csv"),
        ("duplicate_column", 1, "Field", "h.csv"),
        ("reserved_column", 1, "source_row", "h.csv"),
    ]
    assert where(issues_of(table([row()], list(header)))) >= {
        (i.code, i.row, i.field) for i in caught.value.issues
    }


def test_check_header_passes_a_complete_header_even_with_other_problems():
    from exportmcda.data.validate import check_header

    check_header((*HEADER, "notes", "Notes"), "ok.csv")  # a duplicate alone: rows are read
    check_header(tuple(c for c in HEADER if c != "sales_krw"), "ok.csv")  # the class is there


def test_issues_of_one_row_keep_the_order_a_row_is_read_in():
    bad = row(technology_id="", field="Nowhere", capital_krw="x", capital_class="9",
              employees="-1", region="\x07")
    found = issues_of(table([row(technology_id="T0"), bad]))
    assert [(i.code, i.field) for i in found] == [
        ("control_character", "region"),
        ("empty_id", "technology_id"),
        ("unknown_field", "field"),
        ("unknown_region", "region"),
        ("not_a_number", "capital_krw"),
        ("class_out_of_range", "capital_class"),
        ("negative_number", "employees"),
    ]
    assert {i.row for i in found} == {3}


def test_a_repeated_bad_cell_is_reported_on_every_row_that_holds_it():
    rows = [row(technology_id=f"T{k}", field="Nowhere" if k % 2 else "Traffic")
            for k in range(7)]
    found = issues_of(table(rows))
    assert [(i.code, i.row) for i in found] == [("unknown_field", r) for r in (3, 5, 7)]
