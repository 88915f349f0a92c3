"""Overview tables: the study's published numbers (Kim 2021, section III) from the sample."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.data.database import CANONICAL_COLUMNS, Database, Provenance
from exportmcda.data.io import load_sample
from exportmcda.data.overview import TABLES, OverviewTable, overview, study_round
from exportmcda.data.taxonomy import FIELDS, REGIONS, SERVICE_TYPES
from exportmcda.errors import ConfigError
from exportmcda.labels import notes_text


def half_up(value: float | Decimal) -> Decimal:
    """The study's rounding: half-up to one decimal, on the decimal value."""
    return Decimal(repr(value) if isinstance(value, float) else value).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@pytest.fixture(scope="module")
def sample() -> Database:
    return load_sample()


# ------------------------------------------------------------------ published numbers

# Study, "Smart city technology and company status by region": region, technologies,
# technology %, companies, company %.
REGION_TABLE = [
    ("Seoul", 530, "50.8", 148, "49.3"),
    ("Busan", 12, "1.1", 5, "1.7"),
    ("Daegu", 11, "1.1", 5, "1.7"),
    ("Incheon", 55, "5.3", 8, "2.7"),
    ("Gwangju", 12, "1.1", 4, "1.3"),
    ("Daejeon", 18, "1.7", 8, "2.7"),
    ("Ulsan", 1, "0.1", 1, "0.3"),
    ("Sejong", 10, "1.0", 8, "2.7"),
    ("Gyeonggi-do", 304, "29.1", 86, "28.7"),
    ("Gangwon-do", 40, "3.8", 4, "1.3"),
    ("Chungcheongbuk-do", 1, "0.1", 1, "0.3"),
    ("Chungcheongnam-do", 5, "0.5", 2, "0.7"),
    ("Jeollabuk-do", 11, "1.1", 5, "1.7"),
    ("Jeollanam-do", 2, "0.2", 2, "0.7"),
    ("Gyeongsangbuk-do", 18, "1.7", 6, "2.0"),
    ("Gyeongsangnam-do", 9, "0.9", 5, "1.7"),
    ("Jeju-do", 5, "0.5", 2, "0.7"),
]
SIZE_TABLE = [
    ("Small and medium-sized enterprise", 196, "65.3"),
    ("Medium-sized enterprise", 24, "8.0"),
    ("Major company", 52, "17.3"),
    ("Public institution", 22, "7.3"),
    ("Non-profit corporation", 6, "2.0"),
]
CAPITAL_TABLE = [
    (1, "Less than 100 million", 22, "7.3"),
    (2, "100 million to less than 1 billion", 113, "37.7"),
    (3, "1 billion to less than 10 billion", 78, "26.0"),
    (4, "10 billion to less than 100 billion", 36, "12.0"),
    (5, "100 billion to less than 1 trillion", 24, "8.0"),
    (6, "1 trillion to less than 10 trillion", 13, "4.3"),
    (7, "10 trillion or more", 9, "3.0"),
    (None, "The others", 5, "1.7"),
]
SERVICE_TYPE_TOP6 = [
    ("Platform", 375, "20.4"),
    ("IoT", 255, "13.9"),
    ("AI", 225, "12.3"),
    ("GIS-GPS", 135, "7.4"),  # ties with Big data; GIS-GPS has the lower taxonomy number
    ("Big data", 135, "7.4"),
    ("Cloud", 97, "5.3"),
]
TOP_FIELDS = ["Traffic", "Green·Energy", "E-government", "Crime prevention", "Construction"]


def test_region_table(sample: Database) -> None:
    table = overview(sample, "regions")
    assert table.denominator == 1044
    frame = table.rows
    assert list(frame.columns) == [
        "region", "technologies", "technologies_pct", "companies", "companies_pct",
    ]  # fmt: skip
    assert len(frame) == 17
    for (_, row), (name, techs, tech_pct, comps, comp_pct) in zip(
        frame.iterrows(), REGION_TABLE, strict=True
    ):
        assert row["region"] == name
        assert row["technologies"] == techs
        assert row["companies"] == comps
        assert half_up(float(row["technologies_pct"])) == Decimal(tech_pct), name
        assert half_up(float(row["companies_pct"])) == Decimal(comp_pct), name
    assert frame["technologies"].sum() == 1044
    assert frame["companies"].sum() == 300
    assert frame["technologies_pct"].sum() == pytest.approx(100.0)
    assert frame["companies_pct"].sum() == pytest.approx(100.0)


def test_region_capital_area_share(sample: Database) -> None:
    # "three-quarters of the enterprises were located in the metropolitan area"
    frame = overview(sample, "regions").rows
    metro = [r.en for r in REGIONS if r.metropolitan]
    share = frame.loc[frame["region"].isin(metro), "companies"].sum() / 300
    assert share == pytest.approx(242 / 300)
    assert share > 0.75


def test_size_table(sample: Database) -> None:
    table = overview(sample, "sizes")
    assert table.denominator == 300
    assert list(table.rows.columns) == ["size", "companies", "pct"]
    got = [(r.size, r.companies, str(half_up(r.pct))) for r in table.rows.itertuples()]
    assert got == SIZE_TABLE


def test_capital_table_with_the_others(sample: Database) -> None:
    table = overview(sample, "capital")
    assert list(table.rows.columns) == ["class", "label", "companies", "pct"]
    assert table.rows["class"].dtype == "Int64"
    got = [
        (None if pd.isna(r["class"]) else int(r["class"]), r["label"], r["companies"],
         str(half_up(float(r["pct"]))))
        for _, r in table.rows.iterrows()
    ]  # fmt: skip
    assert got == CAPITAL_TABLE
    assert table.rows["companies"].sum() == 300
    assert any("5 companies have no capital stock class" in n for n in notes_text(table.notes))


@pytest.mark.parametrize(
    ("table", "mode", "label", "count", "pct", "levels"),
    [
        ("history", 4, "20 to less than 30 years", 84, "28.0", 6),
        ("employees", 3, "20 to less than 100 people", 89, "29.7", 7),
    ],
)
def test_history_and_employee_modes(
    sample: Database, table: str, mode: int, label: str, count: int, pct: str, levels: int
) -> None:
    frame = overview(sample, table).rows
    assert frame["class"].tolist() == list(range(1, levels + 1))  # nobody without a class
    top = frame.loc[frame["companies"].idxmax()]
    assert int(top["class"]) == mode
    assert top["label"] == label
    assert top["companies"] == count
    assert half_up(float(top["pct"])) == Decimal(pct)
    assert (frame["companies"] == count).sum() == 1  # a unique mode
    assert frame["companies"].sum() == 300


def test_sales_table_covers_every_company(sample: Database) -> None:
    frame = overview(sample, "sales").rows
    assert frame["class"].tolist()[:7] == list(range(1, 8))
    assert frame["companies"].sum() == 300
    assert frame["pct"].sum() == pytest.approx(100.0)


def test_service_types(sample: Database) -> None:
    table = overview(sample, "service-types")
    assert table.denominator == 1835
    assert any("12 rows have no service type" in n for n in notes_text(table.notes))
    frame = table.rows
    assert list(frame.columns) == ["service_type", "technologies", "pct"]
    assert len(frame) == 39
    got = [
        (r.service_type, r.technologies, str(half_up(r.pct))) for r in frame.head(6).itertuples()
    ]
    assert got == SERVICE_TYPE_TOP6
    assert frame["technologies"].sum() == 1835
    rest = frame.iloc[6:]["technologies"]
    assert (rest < 97).all()
    assert (rest >= 1).all()


def test_service_type_percentages_need_1835_rows() -> None:
    # Why 12 rows carry no service type: over 1,847 rows the study's shares do not round.
    assert half_up(Decimal(375) * 100 / 1847) != Decimal("20.4")
    for count, pct in [(c, p) for _, c, p in SERVICE_TYPE_TOP6]:
        assert half_up(Decimal(count) * 100 / 1835) == Decimal(pct)


def test_fields_ranking(sample: Database) -> None:
    table = overview(sample, "fields")
    assert table.denominator == 1847
    frame = table.rows
    assert list(frame.columns) == ["field", "technologies", "pct"]
    assert len(frame) == 21
    assert frame["field"].head(5).tolist() == TOP_FIELDS
    counts = frame["technologies"].tolist()
    assert all(a > b for a, b in itertools.pairwise(counts[:6]))  # strict top 5
    assert min(counts) >= 1
    assert sum(counts) == 1847
    assert frame["pct"].sum() == pytest.approx(100.0)


def test_korean_names(sample: Database) -> None:
    assert overview(sample, "regions", lang="ko").rows["region"].iloc[0] == "서울"
    assert overview(sample, "regions", lang="ko").rows["region"].iloc[8] == "경기도"
    assert overview(sample, "sizes", lang="ko").rows["size"].tolist() == [
        "중소기업", "중견기업", "대기업", "공공기관", "비영리법인",
    ]  # fmt: skip
    capital = overview(sample, "capital", lang="ko").rows
    assert capital["label"].iloc[1] == "1억~10억 원 미만"
    assert capital["label"].iloc[-1] == "기타"
    assert overview(sample, "fields", lang="ko").rows["field"].head(5).tolist() == [
        "교통", "그린·에너지", "전자정부", "방범", "건설",
    ]  # fmt: skip
    assert overview(sample, "service-types", lang="ko").rows["service_type"].head(3).tolist() == [
        "플랫폼", "사물인터넷", "인공지능",
    ]  # fmt: skip


def test_unknown_table_and_language(sample: Database) -> None:
    # were bare ValueErrors
    with pytest.raises(ConfigError, match="unknown overview table 'technology'") as info:
        overview(sample, "technology")
    assert info.value.code == "unknown_table"
    with pytest.raises(ConfigError, match="unknown language") as info:
        overview(sample, "regions", lang="fr")
    assert info.value.code == "unknown_language"


def test_every_table_builds(sample: Database) -> None:
    for name in TABLES:
        table = overview(sample, name)
        assert isinstance(table, OverviewTable)
        assert table.name == name
        assert table.notes


# ----------------------------------------------------------- a hand-made small database


def _tiny() -> Database:
    """Three companies, four technologies, six technology × field rows (hand-computed)."""
    records = [
        # technology, company, field, service type, region, size, capital, history
        ("T1", "C1", 6, 39, 1, 1, 2, 4),
        ("T1", "C1", 7, 39, 1, 1, 2, 4),
        ("T2", "C1", 6, 9, 1, 1, 2, 4),
        ("T3", "C2", 20, None, 9, 3, None, 6),
        ("T4", "C3", 6, 39, 9, 4, 5, 4),
        ("T4", "C3", 13, 39, 9, 4, 5, 4),
    ]
    frame = pd.DataFrame(
        {
            "source_row": range(2, 2 + len(records)),
            "technology_id": [r[0] for r in records],
            "technology_name": [f"Synthetic technology {r[0]}" for r in records],
            "company_id": [r[1] for r in records],
            "company_name": [f"Fictional {r[1]} (synthetic)" for r in records],
            "field": [r[2] for r in records],
            "service_type": pd.array([r[3] for r in records], dtype="Int64"),
            "region": [r[4] for r in records],
            "company_size": [r[5] for r in records],
            "capital_krw": pd.array([None] * len(records), dtype="Float64"),
            "capital_class": pd.array([r[6] for r in records], dtype="Int64"),
            "sales_krw": pd.array([None] * len(records), dtype="Float64"),
            "sales_class": pd.array([None] * len(records), dtype="Int64"),
            "founded_year": pd.array([None] * len(records), dtype="Int64"),
            "history_class": pd.array([r[7] for r in records], dtype="Int64"),
            "employees": pd.array([None] * len(records), dtype="Int64"),
            "employees_class": pd.array([1, 1, 1, 1, 1, 1], dtype="Int64"),
        }
    )
    assert tuple(frame.columns) == CANONICAL_COLUMNS
    return Database(rows=frame, provenance=Provenance(source="hand-made", sha256="0" * 64))


def test_tiny_regions() -> None:
    frame = overview(_tiny(), "regions").rows
    seoul = frame.iloc[0]
    gyeonggi = frame.iloc[8]
    assert (seoul["technologies"], seoul["companies"]) == (2, 1)
    assert (gyeonggi["technologies"], gyeonggi["companies"]) == (2, 2)
    assert seoul["technologies_pct"] == pytest.approx(50.0)
    assert gyeonggi["companies_pct"] == pytest.approx(200 / 3)
    assert frame["technologies"].sum() == 4
    assert (frame.drop(index=[0, 8])[["technologies", "companies"]] == 0).all().all()


def test_tiny_sizes_and_classes() -> None:
    db = _tiny()
    sizes = overview(db, "sizes").rows
    assert sizes["companies"].tolist() == [1, 0, 1, 1, 0]
    capital = overview(db, "capital")
    assert capital.rows["companies"].tolist() == [0, 1, 0, 0, 1, 0, 0, 1]
    assert capital.rows["label"].iloc[-1] == "The others"
    assert pd.isna(capital.rows["class"].iloc[-1])
    assert capital.rows["pct"].iloc[-1] == pytest.approx(100 / 3)
    history = overview(db, "history").rows
    assert history["companies"].tolist() == [0, 0, 0, 2, 0, 1]  # companies counted once
    sales = overview(db, "sales")
    assert sales.rows["companies"].tolist() == [0] * 7 + [3]  # nobody has a sales class
    assert sales.rows["pct"].iloc[-1] == pytest.approx(100.0)
    assert overview(db, "employees").rows["companies"].tolist() == [3, 0, 0, 0, 0, 0, 0]


def test_tiny_fields_and_service_types() -> None:
    db = _tiny()
    fields = overview(db, "fields")
    assert fields.denominator == 6
    assert fields.rows["field"].head(4).tolist() == [
        "Traffic", "Green·Energy", "Crime prevention", "E-government",
    ]  # fmt: skip  # 3, then ties of 1 by taxonomy number (7, 13, 20)
    assert fields.rows["technologies"].head(4).tolist() == [3, 1, 1, 1]
    assert fields.rows["pct"].iloc[0] == pytest.approx(50.0)
    services = overview(db, "service-types")
    assert services.denominator == 5
    assert services.rows["service_type"].head(2).tolist() == ["Platform", "IoT"]
    assert services.rows["technologies"].head(2).tolist() == [4, 1]
    assert services.rows["pct"].iloc[0] == pytest.approx(80.0)
    assert any("1 rows have no service type" in n for n in notes_text(services.notes))


# ----------------------------------------------------------------------- properties


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=20))
def test_study_round_matches_decimal_half_up(tenths_of_hundredths: list[int]) -> None:
    for n in tenths_of_hundredths:
        value = n / 100  # two decimals, e.g. 16.65
        assert Decimal(str(study_round(value))) == half_up(Decimal(str(value)))


def test_study_round_is_half_up_not_bankers() -> None:
    assert study_round(0.25) == 0.3
    assert study_round(2.45) == 2.5
    assert study_round(100 * 13 / 300) == 4.3


@given(
    st.lists(
        st.tuples(
            st.sampled_from([f.number for f in FIELDS]),
            st.one_of(st.none(), st.sampled_from([s.number for s in SERVICE_TYPES])),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_shares_sum_to_100_and_sorted(pairs: list[tuple[int, int | None]]) -> None:
    records = {
        "source_row": range(2, 2 + len(pairs)),
        "technology_id": [f"T{i}" for i in range(len(pairs))],
        "technology_name": [f"t{i}" for i in range(len(pairs))],
        "company_id": "C1",
        "company_name": "c",
        "field": [p[0] for p in pairs],
        "service_type": pd.array([p[1] for p in pairs], dtype="Int64"),
        "region": 1,
        "company_size": 1,
    }
    frame = pd.DataFrame(records)
    for column in CANONICAL_COLUMNS[len(records) :]:
        frame[column] = pd.array([None] * len(pairs), dtype="Int64")
    db = Database(rows=frame, provenance=Provenance(source="h", sha256="0" * 64))
    fields = overview(db, "fields").rows
    assert fields["pct"].sum() == pytest.approx(100.0)
    assert fields["technologies"].is_monotonic_decreasing
    services = overview(db, "service-types")
    typed = sum(p[1] is not None for p in pairs)
    assert services.denominator == typed
    if typed:
        assert services.rows["pct"].sum() == pytest.approx(100.0)
    else:
        assert (services.rows["pct"] == 0).all()
