"""Audit records: export → verify reproduces; a changed input is named with its rank moves."""

import argparse
import dataclasses
import io
import json
import shutil
import sys
import zipfile
from datetime import UTC, datetime

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import exportmcda as em
from exportmcda.cli.audit import add_audit_command
from exportmcda.data.countries import default_directory
from exportmcda.errors import ExportMcdaError
from exportmcda.export.record import (
    CELL_LIMIT,
    RECORD_SHEET,
    Record,
    ShortlistEntry,
    build_record,
    file_sha256,
    read_record,
    record_cells,
)
from exportmcda.export.reports import FORMULA_PREFIXES, shortlist_xlsx
from exportmcda.export.verify import SCORE_TOLERANCE, verify
from exportmcda.labels import notes_text
from exportmcda.model.criteria import default_criteria_path
from exportmcda.model.scenarios import scenario_from_weights
from exportmcda.model.selection import Filters
from exportmcda.resources import data_dir

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TOP = 10
SAMPLE_CSV = data_dir() / "sample" / "technologies.csv"
SAMPLE_SHA256 = "81c4b409ab5f4ef77a5f0fe8f1474cc6a2dac74f5a114bdd84ee2ff7196e7bf9"


def run(argv):
    """The CLI's contract (exit 0/1, messages on stderr) for ``verify``.

    Until ``cli.build_parser`` registers ``add_audit_command``, a parser with only that
    command stands in for ``exportmcda.cli.main.main``.
    """
    parser = argparse.ArgumentParser(prog="exportmcda")
    sub = parser.add_subparsers(dest="command", required=True)
    add_audit_command(sub, lambda p, default: p.add_argument(
        "--format", choices=("table", "json", "csv"), default=default))
    args = parser.parse_args(argv)
    out = io.StringIO()
    try:
        code = args.handler(args, out)
    except ExportMcdaError as error:
        for issue in error.issues:
            sys.stderr.write(f"Error: {issue}\n")
        code = 1
    return code, out.getvalue()


@pytest.fixture(scope="module")
def db():
    return em.load_sample()


@pytest.fixture(scope="module")
def india(db):
    return em.select(db, em.load_criteria(), em.load_scenario("balanced"), em.get_country("IND"))


@pytest.fixture(scope="module")
def workbook(india, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "shortlist.xlsx"
    path.write_bytes(shortlist_xlsx(india, top=TOP, lang="ko", created=WHEN))
    return path


# ---- the record --------------------------------------------------------------------------


def test_record_pins_every_input_by_hash(india):
    record = build_record(india, top=TOP, created=WHEN)
    assert record.data_sha256 == SAMPLE_SHA256 == india.provenance.sha256
    assert record.synthetic
    assert record.criteria_file == "criteria.toml"
    assert record.criteria_sha256 == file_sha256(default_criteria_path())
    assert record.profile_files == (("IND.toml", file_sha256(default_directory() / "IND.toml")),)
    assert (record.target, record.method, record.normalization) == ("IND", "topsis", "vector")
    assert record.aggregation is None
    assert record.candidates == 1044
    assert record.created == "2026-11-25T09:30:00+00:00"
    assert dict(record.versions)["pymcdm"] == "1.4.0"
    assert record.shortlist[0] == ShortlistEntry(
        technology_id="T0726", rank=1.0, score=pytest.approx(0.792117, abs=1e-6))
    # ties share the average rank, as published: T0197 and T0201 at 4.5
    assert [(e.technology_id, e.rank) for e in record.shortlist[3:5]] == [
        ("T0197", 4.5), ("T0201", 4.5)]
    assert len(record.shortlist) == TOP


def test_group_record_names_the_members_files_and_groups_toml(db):
    asean = em.get_country("ASEAN")
    selection = em.select(db, em.load_criteria(), em.load_scenario("balanced"), asean)
    record = build_record(selection, top=5, created=WHEN)
    names = [name for name, _ in record.profile_files]
    assert names == [f"{m}.toml" for m in asean.members] + ["groups.toml"]
    assert len(names) == 11
    assert record.aggregation == "mean"


def test_json_round_trip_is_exact(india):
    record = build_record(india, top=TOP, created=WHEN)
    text = record.to_json()
    assert text.isascii()
    again = Record.from_json(text)
    assert again == record
    assert again.to_json() == text
    body = json.loads(text)
    assert body["format"] == "exportmcda-record/1"
    assert body["shortlist"][0][0] == "T0726"


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_float = st.floats(allow_nan=False, allow_infinity=False)


@given(
    source=_text, toml=_text, target=_text,
    entries=st.lists(st.tuples(_text, _float, _float), max_size=5),
    regions=st.lists(st.integers(1, 17), max_size=3),
    size=st.integers(1, 50),
)
def test_any_record_round_trips_through_cells(source, toml, target, entries, regions, size):
    record = Record(
        created="2026-01-01T00:00:00+00:00", versions=(("exportmcda", "0.1.0"),),
        data_source=source, data_sha256="0" * 64, synthetic=False, scenario_toml=toml,
        scenario_sha256="1" * 64, criteria_file="criteria.toml", criteria_sha256=None,
        profile_files=(("X.toml", None),), target=target, aggregation=None, method="topsis",
        normalization=None, filters=Filters(regions=tuple(regions)), top=len(entries),
        candidates=7,
        shortlist=tuple(ShortlistEntry(technology_id=t, rank=r, score=s) for t, r, s in entries),
    )
    cells = record_cells(record, size=size)
    assert "".join(cells) == record.to_json()
    assert all(len(c) <= size for c in cells)
    assert Record.from_json("".join(cells)) == record


def test_cells_never_start_as_a_formula():
    hostile = '=HYPERLINK("http://evil.example")' * 4 + "-" * 3 + "+1" + " @x"
    record = dataclasses.replace(
        Record.from_json(_small_record().to_json()), data_source=hostile, target=hostile)
    for size in range(8, 40):  # a window of 64 characters always holds a safe cut
        for cell in record_cells(record, size=size)[1:]:
            assert not cell.startswith((*FORMULA_PREFIXES, " ")), (size, cell)


def _small_record():
    return Record(
        created="2026-01-01T00:00:00+00:00", versions=(), data_source="x.csv",
        data_sha256="0" * 64, synthetic=False, scenario_toml="", scenario_sha256="1" * 64,
        criteria_file="criteria.toml", criteria_sha256=None, profile_files=(), target="IND",
        aggregation=None, method="topsis", normalization="vector", filters=Filters(), top=0,
        candidates=2, shortlist=(),
    )


# ---- the workbook ------------------------------------------------------------------------


def test_record_sheet_is_last_and_survives_an_openpyxl_resave(workbook, india):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames[-1] == RECORD_SHEET
    sheet = wb[RECORD_SHEET]
    assert sheet["A1"].value.startswith("exportmcda 감사 기록")
    assert sheet["A2"].value.startswith('{"aggregation":null')
    assert all(len(str(c.value)) <= CELL_LIMIT for c in sheet["A"])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert read_record(buffer.getvalue()) == build_record(india, top=TOP, created=WHEN)
    provenance = {r[0]: r[1:] for r in wb["출처 정보"].iter_rows(values_only=True) if r[0]}
    assert provenance["평가 기준 파일"] == ("criteria.toml", file_sha256(default_criteria_path()))


def test_a_long_record_is_split_and_read_back(india):
    # the whole ranking as the shortlist: ~40,000 characters of JSON, more than one cell
    record = build_record(india, top=1044, created=WHEN)
    assert len(record.to_json()) > CELL_LIMIT
    data = shortlist_xlsx(india, top=3, created=WHEN, record=record)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[RECORD_SHEET]
    cells = [c.value for c in sheet["A"][1:]]
    assert len(cells) == 2
    assert all(len(c) <= CELL_LIMIT for c in cells)
    assert sheet["A1"].value.endswith("rows 2 to 3; do not edit. To re-run it: exportmcda "
                                      "verify <this file>")
    again = read_record(data)
    assert again == record
    assert len(again.shortlist) == 1044
    assert again.shortlist[-1].rank == 1044.0


def test_hostile_strings_in_the_record_stay_text(tmp_path):
    header = ("technology_id,technology_name,company_id,company_name,field,service_type,"
              "region,company_size,capital_class,sales_class,history_class,employees_class\n")
    rows = "".join(
        f"=T{k},=cmd{k},C{k},@co{k},Traffic,Platform,Seoul,SME,{k},{k},{k},{k}\n"
        for k in range(1, 5))
    db = em.load((header + rows).encode(), name="=HYPERLINK(evil).csv")
    base = em.load_scenario("balanced")
    scenario = dataclasses.replace(base, label_en="+SUM(1,2)", description_en="-2+3")
    selection = em.select(db, em.load_criteria(), scenario, em.get_country("IND"))
    data = shortlist_xlsx(selection, top=4, created=WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    record = read_record(data)
    assert record.data_source == "=HYPERLINK(evil).csv"
    assert {e.technology_id for e in record.shortlist} == {"=T1", "=T2", "=T3", "=T4"}
    assert '"+SUM(1,2)"' in record.scenario_toml
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(data)
    data_file = tmp_path / "hostile.csv"
    data_file.write_text(header + rows, encoding="utf-8")
    code, out = run(["verify", str(path), "--data", str(data_file), "--format", "json"])
    assert code == 0
    assert json.loads(out)["reproduced"] is True


# ---- verify ------------------------------------------------------------------------------


def test_same_data_reproduces(workbook, capsys):
    code, out = run(["verify", str(workbook), "--format", "json"])
    report = json.loads(out)
    assert code == 0
    assert report["reproduced"] is True
    assert report["differences"] == []
    assert set(report["inputs"]) == {"data", "criteria/criteria.toml", "scenario",
                                     "countries/IND.toml"}
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
    changes |= {("entered", tid, None, new[tid][0]) for tid in new_top if tid not in old}
    return changes


def test_a_changed_country_profile_is_named_with_the_rank_moves(workbook, db, tmp_path):
    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    profile = folder / "IND.toml"
    text = profile.read_text(encoding="utf-8")
    before = 'field = 6\nname = "Traffic"\npriority = 2'
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
    # T0726 (Tourism, Traffic) led on India's Traffic priority; without it, it leaves
    first = next(d for d in report["differences"] if d["technology_id"] == "T0726")
    assert first["kind"] == "left"
    assert first["old_rank"] == 1.0
    assert first["new_rank"] > TOP
    assert first["old_score"] == pytest.approx(0.792117, abs=1e-6)
    assert first["new_score"] < first["old_score"]


def test_a_changed_database_row_is_named_with_the_rank_moves(workbook, tmp_path):
    text = SAMPLE_CSV.read_text(encoding="utf-8")
    row = ("T0726,Synthetic technology T0726 (Platform),C210,Fictional Smart Co. 210 "
           "(synthetic),Traffic,")
    assert text.count(row) == 1
    changed = tmp_path / "technologies.csv"
    changed.write_text(text.replace(row, row.replace(",Traffic,", ",Finance,")),
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
    assert ("left", "T0726") in {(k, t) for k, t, _, _ in found}


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
    assert "T0726" in out


def test_slider_weights_are_recorded_and_reproduced(db):
    tree = em.load_criteria()
    base = em.load_scenario("balanced")
    weights = {c.id: 1.0 for c in tree.criteria}
    weights[tree.criteria[0].id] = 4.0
    custom = scenario_from_weights(base, tree.goal_id, weights, id="balanced-custom")
    selection = em.select(db, tree, custom, em.get_country("VNM"))
    record = read_record(shortlist_xlsx(selection, top=TOP, created=WHEN))
    assert "[weights." in record.scenario_toml
    assert 'basis = "user"' in record.scenario_toml
    result = verify(record, db)
    assert result.reproduced
    assert result.changed_inputs == ()
    table = selection.table(TOP)
    assert [e.score for e in record.shortlist] == pytest.approx(
        list(table["score"]), abs=SCORE_TOLERANCE)


def test_filters_are_recorded_and_reapplied(db):
    filters = Filters.parse(company_sizes=["SME"], regions=["Seoul"])
    selection = em.select(db, em.load_criteria(), em.load_scenario("balanced"),
                          em.get_country("IND"), filters=filters)
    record = read_record(shortlist_xlsx(selection, top=5, created=WHEN))
    assert record.filters == filters
    assert record.candidates == len(selection.result.alternatives) < 1044
    assert verify(record, db).reproduced


def test_version_differences_are_notes_not_failures(india, db):
    record = build_record(india, top=TOP, created=WHEN)
    versions = tuple((k, "0.0.1" if k == "pymcdm" else v) for k, v in record.versions)
    result = verify(dataclasses.replace(record, versions=versions), db)
    assert result.reproduced
    assert "version differs: pymcdm 0.0.1 → 1.4.0" in notes_text(result.notes)
    assert not next(c for c in result.versions if c.name == "pymcdm").same


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


# ---- bad input ---------------------------------------------------------------------------


def _edited(workbook, tmp_path, edit):
    wb = openpyxl.load_workbook(workbook)
    edit(wb)
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path


def test_a_tampered_record_is_refused(workbook, tmp_path, capsys):
    def promote(wb):
        cell = wb[RECORD_SHEET]["A2"]
        cell.value = cell.value.replace('["T0726",1.0', '["T0726",2.0')

    path = _edited(workbook, tmp_path, promote)
    code, out = run(["verify", str(path)])
    assert code == 1
    assert out == ""
    err = capsys.readouterr().err
    assert f"{path}, field 'record!A2': the audit record was changed after export" in err


def test_broken_json_is_refused(workbook, tmp_path, capsys):
    def truncate(wb):
        wb[RECORD_SHEET]["A2"].value = wb[RECORD_SHEET]["A2"].value[:-40]

    code, _ = run(["verify", str(_edited(workbook, tmp_path, truncate))])
    assert code == 1
    assert "field 'record!A2': the audit record is not valid JSON" in capsys.readouterr().err


def test_a_workbook_without_a_record_is_refused(workbook, tmp_path, capsys):
    path = _edited(workbook, tmp_path, lambda wb: wb.remove(wb[RECORD_SHEET]))
    code, _ = run(["verify", str(path)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"Error: {path}, field 'record': no 'record' sheet" in err
    assert "후보 목록" in err  # the sheets that are there are named


def test_a_csv_is_not_a_workbook(tmp_path, capsys):
    path = tmp_path / "shortlist.xlsx"
    path.write_text("rank,technology_id\n1,T0726\n", encoding="utf-8")
    code, _ = run(["verify", str(path)])
    assert code == 1
    assert "not an Excel workbook (.xlsx)" in capsys.readouterr().err
