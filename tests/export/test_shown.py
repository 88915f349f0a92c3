"""The visible sheets of a workbook against its record (exportmcda.export.shown, issue 11 item 8).

Every workbook here is India under the balanced scenario, top 10, with the best markets of
each shortlisted technology: heading rows 1-4 (title, target, synthetic notice, tie rule),
a blank row 5, the header on row 6, so the first published row is row 7; on the markets
sheet the header is row 3, the first technology row 4 (A id, B name, C India's rank, then
country, score, reason three times from D).
"""

import io
import json

import openpyxl
import pytest

from exportmcda.cli.main import main
from exportmcda.export.record import build_record, read_record
from exportmcda.export.reports import shortlist_xlsx
from exportmcda.export.shown import ShownDifference, shown_differences
from exportmcda.export.verify import SCORE_TOLERANCE, verify
from exportmcda.model.market_evidence import market_evidence
from tests.export.workbooks import TOP, WHEN

SHEETS = {"en": ("Shortlist", "Markets"), "ko": ("후보 목록", "시장")}


@pytest.fixture(scope="module")
def markets(india, db):
    return market_evidence(india, db=db, technologies=list(india.top_ids(TOP)))


@pytest.fixture(scope="module", params=["en", "ko"])
def exported(request, india, markets):
    """(language, workbook bytes, record) of an untouched export."""
    record = build_record(india, top=TOP, created=WHEN, markets=markets)
    data = shortlist_xlsx(
        india, top=TOP, lang=request.param, created=WHEN, record=record, markets=markets
    )
    return request.param, data, record


def differs(*values):
    """A ShownDifference from (sheet, cell, field, technology_id, recorded, shown)."""
    names = ("sheet", "cell", "field", "technology_id", "recorded", "shown")
    return ShownDifference(**dict(zip(names, values, strict=True)))


def _edit(data, edit):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_untouched_workbook_shows_what_its_record_says(exported, db):
    _, data, record = exported
    assert read_record(data) == record
    assert shown_differences(data, record, tolerance=SCORE_TOLERANCE) == ()
    result = verify(record, db, workbook=data)
    assert result.reproduced
    assert result.as_dict()["shown_differences"] == []


def test_swapping_ranks_1_and_2_names_both_cells(exported, db):
    lang, data, record = exported
    shortlist = SHEETS[lang][0]

    def swap(wb):
        ws = wb[shortlist]
        assert (ws["A7"].value, ws["A8"].value) == (1, 2)
        ws["A7"], ws["A8"] = 2, 1

    edited = _edit(data, swap)
    first, second = record.shortlist[0].technology_id, record.shortlist[1].technology_id
    assert shown_differences(edited, record, tolerance=SCORE_TOLERANCE) == (
        differs(shortlist, "A7", "rank", first, 1, 2),
        differs(shortlist, "A8", "rank", second, 2, 1),
    )
    result = verify(record, db, workbook=edited)
    assert not result.reproduced
    assert result.differences == ()  # the re-run itself agrees with the record
    assert [n.code for n in result.notes] == ["verify_shown_differs"]
    assert result.notes[0].params["cells"] == f"{shortlist}!A7, {shortlist}!A8"


def test_a_score_typed_over_is_named_with_both_values(exported):
    lang, data, record = exported
    shortlist = SHEETS[lang][0]

    def overwrite(wb):
        ws = wb[shortlist]
        assert ws["J6"].value in ("Score (TOPSIS closeness)", "점수(TOPSIS 근접도)")
        ws["J7"] = 0.99

    found = shown_differences(_edit(data, overwrite), record, tolerance=SCORE_TOLERANCE)
    assert found == (differs(shortlist, "J7", "score", "T0889", record.shortlist[0].score, 0.99),)
    assert record.shortlist[0].score == pytest.approx(0.659, abs=5e-4)


def test_swapped_rows_a_row_added_and_an_id_as_text(exported):
    lang, data, record = exported
    shortlist = SHEETS[lang][0]
    first, second = record.shortlist[0], record.shortlist[1]

    def rows_swapped(wb):
        ws = wb[shortlist]
        for column in "ABCDEFGHIJ":
            ws[f"{column}7"], ws[f"{column}8"] = ws[f"{column}8"].value, ws[f"{column}7"].value
        ws["A17"], ws["C17"], ws["J17"] = 11, "T9999", "0.5"  # a row the record never had

    found = shown_differences(_edit(data, rows_swapped), record, tolerance=SCORE_TOLERANCE)
    assert [(d.cell, d.field, d.recorded, d.shown) for d in found] == [
        ("A7", "rank", 1, 2),
        ("C7", "technology_id", first.technology_id, second.technology_id),
        ("J7", "score", first.score, second.score),
        ("A8", "rank", 2, 1),
        ("C8", "technology_id", second.technology_id, first.technology_id),
        ("J8", "score", second.score, first.score),
        ("A17", "rank", None, 11),
        ("C17", "technology_id", None, "T9999"),
        ("J17", "score", None, "0.5"),
    ]


def test_a_market_country_and_score_edited_are_named(exported):
    lang, data, record = exported
    markets = SHEETS[lang][1]
    tid, entries = record.market.rankings[0]

    def edit(wb):
        ws = wb[markets]
        assert ws["A4"].value == tid
        assert ws["D4"].value == entries[0].country
        ws["D4"], ws["E4"] = "KOR", 0.5

    found = shown_differences(_edit(data, edit), record, tolerance=SCORE_TOLERANCE)
    assert found == (
        differs(markets, "D4", "country", tid, entries[0].country, "KOR"),
        differs(markets, "E4", "country_score", tid, entries[0].score, 0.5),
    )


def test_a_removed_shortlist_sheet_is_one_difference(india):
    record = build_record(india, top=3, created=WHEN)
    data = shortlist_xlsx(india, top=3, created=WHEN, record=record)
    edited = _edit(data, lambda wb: wb.remove(wb["Shortlist"]))
    assert shown_differences(edited, record, tolerance=SCORE_TOLERANCE) == (
        differs("Shortlist", "", "sheet", None, None, None),
    )


def test_the_cli_names_the_cell_and_exits_1(india, tmp_path, capsys):
    path = tmp_path / "edited.xlsx"
    data = shortlist_xlsx(india, top=3, lang="ko", created=WHEN)

    def overwrite(wb):
        wb["후보 목록"]["J7"] = 0.99

    path.write_bytes(_edit(data, overwrite))
    assert main(["verify", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["reproduced"] is False
    assert report["differences"] == []
    assert [
        (d["sheet"], d["cell"], d["field"], d["shown"]) for d in report["shown_differences"]
    ] == [("후보 목록", "J7", "score", 0.99)]
    assert main(["verify", str(path)]) == 1
    captured = capsys.readouterr()
    assert "J7" in captured.out
    assert "1 visible cell differing from the record" in captured.out
    assert "1 cell of the visible sheets differs from the record: 후보 목록!J7" in captured.err
