"""Shortlist exports: sheets, provenance, and nothing that runs as a formula."""

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest

import exportmcda as em
from exportmcda.export.reports import export_filename, shortlist_csv, shortlist_xlsx
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "<script>alert(1)</script>",
]


def _hostile_db():
    header = (
        "technology_id,technology_name,company_id,company_name,field,service_type,region,"
        "company_size,capital_class,sales_class,history_class,employees_class\n"
    )
    rows = []
    for k, name in enumerate(HOSTILE, start=1):
        quoted = '"' + name.replace('"', '""') + '"'
        rows.append(f"T{k},{quoted},C{k},{quoted},Traffic,Platform,Seoul,SME,{k},{k},{k},{k}\n")
    return em.load((header + "".join(rows)).encode(), name="hostile.csv")


@pytest.fixture(scope="module")
def hostile_selection():
    return em.select(
        _hostile_db(), em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND")
    )


@pytest.fixture(scope="module")
def sample_selection():
    return em.select(
        em.load_sample(), em.load_criteria(), em.load_scenario("market_fit_first"),
        em.get_country("ASEAN"),
    )


def test_workbook_has_every_sheet_and_the_synthetic_notice(sample_selection):
    data = shortlist_xlsx(sample_selection, top=15, lang="en",
                          created=datetime(2026, 11, 25, tzinfo=UTC))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Shortlist", "Weights and AHP", "Country profile", "Indicators",
                             "Provenance", "Assumptions", "record"]
    shortlist = wb["Shortlist"]
    texts = [c.value for c in shortlist["A"][:4] if c.value]
    assert any("Synthetic sample data" in str(v) for v in texts)
    assert "2026-11-25" in shortlist["A2"].value
    heading = 4 + (sample_selection.cut_off_note(15) is not None)  # title, date, notice, ties
    assert str(shortlist[f"A{heading}"].value).startswith("ties: scores equal to within 1e-12")
    header = [c.value for c in shortlist[heading + 2]]
    assert header[:4] == ["Rank", "Shared rank", "Technology ID", "Technology"]
    assert shortlist.max_row == heading + 2 + 15  # a blank line, the header, 15 rows
    provenance = {r[0].value: r[1].value for r in wb["Provenance"].iter_rows() if r[0].value}
    assert provenance["SHA-256"] == sample_selection.provenance.sha256
    assert provenance["Normalization"] == "vector"
    weights = [r for r in wb["Weights and AHP"].iter_rows(values_only=True)]
    assert any(isinstance(v, str) and v.startswith("CR =") for r in weights for v in r)
    assumptions = [r[0] or "" for r in wb["Assumptions"].iter_rows(values_only=True)]
    assert any(a.startswith("A1:") for a in assumptions)


def test_korean_workbook(sample_selection):
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(sample_selection, top=5, lang="ko")))
    assert wb.sheetnames[0] == "후보 목록"
    assert any("합성 샘플 데이터" in str(c.value) for c in wb.active["A"][:4])
    # an assumed leaf's definition is in the workbook's language (was always English)
    leaf = next(x for x in sample_selection.weights.tree.leaves
                if x.params.get("scores_basis") == "assumed")
    cells = [str(r[0]) for r in wb["가정"].iter_rows(values_only=True) if r[0]]
    assert f"{leaf.label('ko')}: {leaf.definition('ko')}" in cells


def test_workbook_notes_are_rendered_in_the_chosen_language(sample_selection):
    def notes(lang: str, sheet: str) -> list[str]:
        wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(sample_selection, top=5,
                                                              lang=lang)))
        label = "Notes" if lang == "en" else "참고"
        return [str(r[1]) for r in wb[sheet].iter_rows(values_only=True) if r[0] == label]

    english, korean = notes("en", "Provenance"), notes("ko", "출처 정보")
    assert len(english) == len(korean) == len(sample_selection.notes) > 0
    # criteria are named by their labels; the wording is the library's
    assert any("Capital stock class: 14 technologies without a value scored as the worst "
               "observed value" in n for n in english), english
    assert any("값이 없는 기술 14개" in n for n in korean), korean
    assert not any("without a value" in n or "capital_class" in n for n in korean)


def test_hostile_names_arrive_as_text_never_formulas(hostile_selection):
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(hostile_selection, top=5)))
    ws = wb.active
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in HOSTILE:
                found[cell.value] = cell.data_type
    assert set(found) == set(HOSTILE)
    assert set(found.values()) == {"s"}


def test_user_data_is_not_marked_synthetic(hostile_selection):
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(hostile_selection, top=5)))
    assert not any("Synthetic" in str(c.value) for c in wb.active["A"][:4])


def test_csv_export_defuses_formulas_and_reads_in_excel(hostile_selection):
    text = shortlist_csv(hostile_selection, top=5).decode("utf-8-sig")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(lines))
    cells = {c for r in rows for c in r}
    assert "'" + HOSTILE[0] in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_csv_from_sample_says_synthetic(sample_selection):
    data = shortlist_csv(sample_selection, top=3)
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Synthetic sample data" in data.decode("utf-8-sig")


def test_file_names_are_safe(sample_selection):
    name = export_filename(sample_selection, "xlsx", created=datetime(2026, 1, 2, tzinfo=UTC))
    assert name == "exportmcda_ASEAN_market_fit_first_20260102.xlsx"


def test_shortlist_sheet_shows_integer_ranks_ties_and_the_cut_off(no_evidence_db):
    # Saudi Arabia under market_fit_first on the sample without evidence
    # (tests/no_evidence.py): T0135 = T0735 at 6-7, T0906 = T0909 at 10-11
    tied = em.select(no_evidence_db, em.load_criteria(), em.load_scenario(TIE_SCENARIO),
                     em.get_country(TIE_COUNTRY))
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(tied, top=10, lang="en")))
    rows = list(wb["Shortlist"].iter_rows(values_only=True))
    lines = [str(r[0]) for r in rows[:6] if r[0]]
    assert any(line.startswith("ties: scores equal to within 1e-12") for line in lines)
    assert any("leaves out T0909" in line for line in lines)
    start = next(k for k, r in enumerate(rows) if r[0] == "Rank")
    header = list(rows[start])
    body = [dict(zip(header, r, strict=True)) for r in rows[start + 1:]]
    assert [b["Rank"] for b in body] == list(range(1, 11))
    assert all(isinstance(b["Rank"], int) for b in body)
    shared = {b["Technology ID"]: (b["Shared rank"], b["Tied with"]) for b in body
              if b["Tied with"]}
    assert shared == {"T0135": ("=6", "T0735"), "T0735": ("=6", "T0135"),
                      "T0906": ("=10", "T0909")}
    assert (body[0]["Shared rank"], body[0]["Tied with"]) == ("1", None)
    # the Korean sheet says the same in Korean
    ko = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(tied, top=10, lang="ko")))
    assert any("T0909" in str(r[0]) and "제외" in str(r[0])
               for r in ko.active.iter_rows(max_row=6, values_only=True))


def test_country_sheet_gives_the_evidence_label_computed_after_the_rule(india, db):
    # issue 10: India rests on two copies and five news items: "Moderate"; official only: "None"
    def label(selection, lang):
        wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(selection, top=5, lang=lang)))
        sheet = wb["Country profile" if lang == "en" else "대상국 정책"]
        return next(r[1:] for r in sheet.iter_rows(values_only=True)
                    if r[0] in ("Evidence strength", "근거 강도"))

    assert label(india, "en")[0] == "Moderate"
    assert label(india, "en")[1].startswith("Strong: an official source and two or more")
    assert label(india, "ko")[0] == "보통"
    from dataclasses import replace
    strict = replace(em.load_scenario("balanced"), evidence={"min_source": "official"})
    official = em.select(db, em.load_criteria(), strict, em.get_country("IND"))
    assert label(official, "en")[0] == "None"


# ---- the market side (issue 10, part 7) ---------------------------------------------------


def _rows(sheet):
    return [r for r in sheet.iter_rows(values_only=True)]


def test_the_indicator_sheet_gives_every_value_its_year_and_source(india):
    """Values and sources as in the reference CSV (tests/fixtures/country-indicators.csv)."""
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(india, top=5, lang="en")))
    rows = _rows(wb["Indicators"])
    assert rows[1][:2] == ("Normalization", "minmax")
    assert rows[1][2].startswith("min-max over the countries compared")
    assert rows[2][:4] == ("Market judgments", "Balanced (markets)",
                           "assumed (illustrative judgments, not a surveyed panel)",
                           "markets/balanced.toml")
    weights = {r[1]: r[3] for r in rows if r[0] and r[2] in ("benefit", "cost")}
    # the balanced market judgments (criteria/markets/balanced.toml): goal 2:2:1:1 over
    # policy demand, urban market, readiness, ability to pay (consistent), 2:1 inside
    assert weights["E-Government Development Index"] == pytest.approx(1 / 6)
    assert weights["Urban population (log)"] == pytest.approx(2 / 9)
    assert weights["Already exported here"] == pytest.approx(1 / 9)
    header = next(k for k, r in enumerate(rows) if r[0] == "Country")
    table = [dict(zip(rows[header], r, strict=False)) for r in rows[header + 1:]
             if r[0] and r[0] != "Notes"]
    assert len(table) == 16 * 4  # the 16 countries compared x the 4 indicator criteria
    ind_egdi = next(r for r in table if r["Country"] == "IND" and r["Indicator"] == "egdi")
    assert ind_egdi["Value"] == 0.66776
    assert ind_egdi["Year"] == "2024"
    assert ind_egdi["Issuer"] == "UN DESA"
    assert ind_egdi["Title"] == "UN DESA E-Government Survey 2024 (EGDI and sub-indices)"
    assert ind_egdi["Computed"] == "no"
    growth = next(r for r in table if r["Country"] == "VNM"
                  and r["Indicator"] == "urban_population_growth")
    assert (growth["Value"], growth["Year"], growth["Computed"]) == (3.19, "2000-2020", "yes")
    assert growth["Note"].startswith("computed here: compound annual growth")
    provenance = [r for r in _rows(wb["Provenance"]) if r[0] == "Indicator file"]
    assert [r[1] for r in provenance][-2:] == ["indicators/VNM.toml", "groups.toml"]
    assert "Markets" not in wb.sheetnames  # no database given: no country rankings


def test_a_group_target_shows_its_aggregated_values_and_korean_labels(sample_selection):
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(sample_selection, top=5, lang="ko")))
    rows = _rows(wb["지표"])
    assert rows[1][0] == "정규화"
    assert rows[2][2].startswith("가정")
    asean = [r for r in rows if r[0] == "ASEAN"]
    assert len(asean) == 4
    assert all(r[6] == "예" for r in asean)  # computed from the members by groups.toml's rule


def test_the_best_markets_sheet_with_the_database(india, db):
    from exportmcda.model.market_evidence import market_evidence

    markets = market_evidence(india, db=db, technologies=india.top_ids(5))
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(india, top=5, markets=markets)))
    assert wb.sheetnames[4] == "Markets"
    rows = _rows(wb["Markets"])
    assert rows[2][:6] == ("Technology ID", "Technology", "IND's rank among 16", "Market 1",
                           "Score (TOPSIS closeness)", "Reason")
    body = rows[3:]
    assert [r[0] for r in body] == list(india.top_ids(5))
    first = markets.rankings[body[0][0]].records()
    assert body[0][3:6] == (first[0]["country"], first[0]["score"],
                            ", ".join(markets.tree.names()[k] for k in first[0]["top_criteria"]))
    assert body[0][2] == next(r["rank"] for r in first if r["country"] == "IND")


def test_hostile_indicator_text_stays_text(india, tmp_path):
    import shutil

    from exportmcda.data.countries import default_directory
    from exportmcda.model.market_evidence import market_evidence

    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    path = folder / "indicators" / "IND.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('issuer = "UN DESA"', 'issuer = "=HYPERLINK(\\"x\\")"', 1),
                    "utf-8")
    markets = market_evidence(india, countries_dir=folder)
    data = shortlist_xlsx(india, top=3, markets=markets)
    cells = [c for r in openpyxl.load_workbook(io.BytesIO(data))["Indicators"].iter_rows()
             for c in r if c.value == '=HYPERLINK("x")']
    assert cells
    assert {c.data_type for c in cells} == {"s"}
