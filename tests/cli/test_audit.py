"""The ``verify`` command (exportmcda.cli.audit): exit 0/1, rank moves named, stderr messages."""

import csv
import dataclasses
import io
import json
import shutil

import openpyxl
import pytest

import exportmcda as em
from exportmcda.cli.main import run
from exportmcda.data.countries import default_directory
from exportmcda.export.record import (
    RECORD_SHEET,
    RECORD_SHEETS,
    build_record,
    file_sha256,
    read_record,
)
from exportmcda.export.reports import shortlist_xlsx
from exportmcda.export.verify import SCORE_TOLERANCE
from tests.export.workbooks import SAMPLE_CSV, SAMPLE_SHA256, TOP, WHEN

KOREAN_RECORD = RECORD_SHEETS[1]
"""The record sheet of a Korean workbook (the fixture's language)."""
FIRST = "T0889"
"""India's first technology under the balanced scenario (Construction and Traffic)."""


@pytest.fixture(scope="module")
def workbook(india, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "shortlist.xlsx"
    path.write_bytes(shortlist_xlsx(india, top=TOP, lang="ko", created=WHEN))
    return path


def test_same_data_reproduces(workbook, capsys):
    code, out = run(["verify", str(workbook), "--format", "json"])
    report = json.loads(out)
    assert code == 0
    assert report["reproduced"] is True
    assert report["differences"] == []
    indicator_files = {f"countries/indicators/{p.name}"
                       for p in (default_directory() / "indicators").glob("*.toml")}
    assert set(report["inputs"]) == {
        "data", "criteria/criteria.toml", "scenario", "countries/IND.toml",
        "countries/groups.toml", "criteria/markets.toml", "criteria/markets/balanced.toml",
        *indicator_files}
    assert report["market_differences"] == []
    assert all(v["same"] for v in report["inputs"].values())
    assert report["inputs"]["data"]["current"] == SAMPLE_SHA256
    assert report["versions"]["pymcdm"] == {"recorded": "1.4.0", "current": "1.4.0",
                                            "same": True}
    assert "Synthetic sample data" in capsys.readouterr().err


def test_table_output_says_reproduced(workbook):
    code, out = run(["verify", str(workbook)])
    assert code == 0
    assert "Reproduced: the same 10 technologies at the same ranks" in out
    assert "countries/IND.toml" in out


def _expected_changes(recorded, selection):
    """What changed, computed directly from the two rankings (independent of verify)."""
    table = selection.table()
    new = dict(zip(table["technology_id"], zip(table["rank"], table["score"], strict=True),
                   strict=True))
    new_top = list(table["technology_id"][:TOP])
    old = {e.technology_id: e for e in recorded.shortlist}
    changes = set()
    for tid, entry in old.items():
        if tid not in new_top:
            changes.add(("left", tid, entry.rank, new[tid][0]))
        elif new[tid][0] != entry.rank:
            changes.add(("moved", tid, entry.rank, new[tid][0]))
        elif abs(new[tid][1] - entry.score) > SCORE_TOLERANCE:
            changes.add(("rescored", tid, entry.rank, new[tid][0]))
    changes |= {("entered", tid, None, new[tid][0]) for tid in new_top if tid not in old}
    return changes


def test_a_changed_country_profile_is_named_with_the_rank_moves(workbook, db, tmp_path):
    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    profile = folder / "IND.toml"
    text = profile.read_text(encoding="utf-8")
    before = 'field = 1\nname = "Construction"\npriority = 2'
    assert before in text
    profile.write_text(text.replace(before, before[:-1] + "0"), encoding="utf-8")

    code, out = run(["verify", str(workbook), "--countries", str(folder), "--format", "json"])
    report = json.loads(out)
    assert code == 1
    assert report["reproduced"] is False
    changed = {k for k, v in report["inputs"].items() if not v["same"]}
    assert changed == {"countries/IND.toml"}
    assert report["inputs"]["countries/IND.toml"]["current"] == file_sha256(profile)
    assert "inputs that differ and can explain it: countries/IND.toml" in report["notes"]

    recorded = read_record(workbook)
    now = em.select(db, em.load_criteria(), em.load_scenario("balanced"),
                    em.get_country("IND", folder))
    found = {(d["kind"], d["technology_id"], d["old_rank"], d["new_rank"])
             for d in report["differences"]}
    assert found == _expected_changes(recorded, now)
    # T0889 (NFC facility inspection tag, Construction and Traffic) led on India's
    # Construction priority (its primary field); without it, it falls to 6th
    first = next(d for d in report["differences"] if d["technology_id"] == FIRST)
    assert first["kind"] == "moved"
    assert first["old_rank"] == 1
    assert first["new_rank"] == 6
    assert first["old_score"] == pytest.approx(0.659141, abs=1e-6)
    assert first["new_score"] < first["old_score"]


def test_a_changed_database_row_is_named_with_the_rank_moves(workbook, tmp_path):
    text = SAMPLE_CSV.read_text(encoding="utf-8")
    row = ("T0889,Integrated NFC facility inspection tag,C261,Chanram Information Agency "
           "(fictional),Construction,")
    assert text.count(row) == 1
    changed = tmp_path / "technologies.csv"
    changed.write_text(text.replace(row, row.replace(",Construction,", ",Finance,")),
                       encoding="utf-8")

    code, out = run(["verify", str(workbook), "--data", str(changed), "--format", "json"])
    report = json.loads(out)
    assert code == 1
    assert {k for k, v in report["inputs"].items() if not v["same"]} == {"data"}
    assert report["inputs"]["data"] == {"recorded": SAMPLE_SHA256,
                                        "current": file_sha256(changed), "same": False}
    recorded = read_record(workbook)
    now = em.select(em.load(changed), em.load_criteria(), em.load_scenario("balanced"),
                    em.get_country("IND"))
    found = {(d["kind"], d["technology_id"], d["old_rank"], d["new_rank"])
             for d in report["differences"]}
    assert found == _expected_changes(recorded, now)
    # T0889 loses Construction (India's best-evidenced field, 0.675) for Finance (priority 0):
    # its policy fit falls from (0.675 + 0.25 x 0.5) / 1.25 = 0.64 to (0.5 + 0.25 x 0) / 1.25
    # = 0.4 (Traffic primary), and it falls from 1st to 9th
    assert ("moved", FIRST, 1, 9) in found


def test_table_output_lists_the_moves(workbook, tmp_path):
    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    profile = folder / "IND.toml"
    text = profile.read_text(encoding="utf-8")
    before = 'field = 6\nname = "Traffic"\npriority = 2'
    profile.write_text(text.replace(before, before[:-1] + "1"), encoding="utf-8")
    code, out = run(["verify", str(workbook), "--countries", str(folder)])
    assert code == 1
    assert "NOT reproduced" in out
    assert FIRST in out


def test_user_data_needs_the_file(india, db, tmp_path, capsys):
    record = dataclasses.replace(build_record(india, top=TOP, created=WHEN), synthetic=False,
                                 data_source="ministry.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(shortlist_xlsx(india, top=TOP, record=record)))
    path = tmp_path / "user.xlsx"
    wb.save(path)
    code, _ = run(["verify", str(path)])
    assert code == 1
    err = capsys.readouterr().err
    assert "'ministry.xlsx'" in err
    assert f"SHA-256 {SAMPLE_SHA256}" in err
    assert "--data" in err


def _edited(workbook, tmp_path, edit):
    wb = openpyxl.load_workbook(workbook)
    edit(wb)
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path


def test_a_tampered_record_is_refused(workbook, tmp_path, capsys):
    def promote(wb):
        # format 2 writes integer ranks: the first entry is ["T0889",1,<score>]
        cell = wb[KOREAN_RECORD]["A2"]
        assert cell.value.count(f'["{FIRST}",1,') == 1
        cell.value = cell.value.replace(f'["{FIRST}",1,', f'["{FIRST}",2,')

    path = _edited(workbook, tmp_path, promote)
    code, out = run(["verify", str(path)])
    assert code == 1
    assert out == ""
    err = capsys.readouterr().err
    assert f"{path}, field '감사기록!A2': the audit record was changed after export" in err


def test_broken_json_is_refused(workbook, tmp_path, capsys):
    def truncate(wb):
        wb[KOREAN_RECORD]["A2"].value = wb[KOREAN_RECORD]["A2"].value[:-40]

    code, _ = run(["verify", str(_edited(workbook, tmp_path, truncate))])
    assert code == 1
    assert "field '감사기록!A2': the audit record is not valid JSON" in capsys.readouterr().err


def test_a_workbook_without_a_record_is_refused(workbook, tmp_path, capsys):
    path = _edited(workbook, tmp_path, lambda wb: wb.remove(wb[KOREAN_RECORD]))
    code, _ = run(["verify", str(path)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"Error: {path}, field '{RECORD_SHEET}': no '{RECORD_SHEET}' sheet" in err
    assert "후보 목록" in err  # the sheets that are there are named


def test_a_csv_is_not_a_workbook(tmp_path, capsys):
    path = tmp_path / "shortlist.xlsx"
    path.write_text(f"rank,technology_id\n1,{FIRST}\n", encoding="utf-8")
    code, _ = run(["verify", str(path)])
    assert code == 1
    assert "not an Excel workbook (.xlsx)" in capsys.readouterr().err


def test_a_changed_indicator_file_is_named_with_the_market_moves(tmp_path, capsys):
    book = tmp_path / "shortlist.xlsx"
    assert run(["export", "--country", "VNM", "--top", "5", "--out", str(book)])[0] == 0
    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    path = folder / "indicators" / "VNM.toml"
    text = path.read_text(encoding="utf-8")
    # Viet Nam's urban growth 2000-2020, 3.19 %/yr in the reference, made the lowest compared
    assert text.count("value = 3.19\n") == 1
    path.write_text(text.replace("value = 3.19\n", "value = 0.5\n"), encoding="utf-8")
    capsys.readouterr()

    code, out = run(["verify", str(book), "--countries", str(folder), "--format", "json"])
    report = json.loads(out)
    assert code == 1
    assert report["reproduced"] is False
    assert {k for k, v in report["inputs"].items() if not v["same"]} == {
        "countries/indicators/VNM.toml"}
    assert report["differences"] == []
    moved = [d for d in report["market_differences"] if d["country"] == "VNM"]
    assert moved
    assert all(d["new_score"] < d["old_score"] for d in moved)
    assert all(d["new_rank"] >= d["old_rank"] for d in moved)
    assert "inputs that differ and can explain it: countries/indicators/VNM.toml" in (
        report["notes"])
    assert "to the market rankings" in capsys.readouterr().err

    code, out = run(["verify", str(book), "--indicators", str(folder / "indicators")])
    assert code == 1
    assert "NOT reproduced: 0 changes to the shortlist," in out
    assert "VNM" in out
    code, out = run(["verify", str(book), "--countries", str(folder), "--format", "csv"])
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["kind"] for r in rows} <= {"market_moved", "market_rescored"}
    assert "VNM" in {r["country"] for r in rows}
