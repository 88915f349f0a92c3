"""Audit records (exportmcda.export.record): what an export pins, cells, the record sheet.

Re-running a record is tested in tests/export/test_verify.py, the ``verify`` command in
tests/cli/test_audit.py.
"""

import dataclasses
import hashlib
import io
import json
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import exportmcda as em
from exportmcda.cli.main import run
from exportmcda.data.countries import default_directory
from exportmcda.errors import ConfigError
from exportmcda.export.record import (
    CELL_LIMIT,
    RECORD_FORMAT_V1,
    RECORD_FORMAT_V2,
    RECORD_SHEET,
    MarketEntry,
    MarketRecord,
    MethodSettings,
    Record,
    ShortlistEntry,
    build_record,
    file_sha256,
    read_record,
    read_record_file,
    record_cells,
    rules_body,
    rules_from_body,
)
from exportmcda.export.reports import shortlist_xlsx
from exportmcda.model.criteria import default_criteria_path
from exportmcda.model.rules import Rule, RuleKind, RuleSet
from exportmcda.model.selection import Filters
from exportmcda.resources import criteria_dir
from tests.export.workbooks import FIXTURES, SAMPLE_SHA256, TOP, WHEN


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
        technology_id="T0889", rank=1, score=pytest.approx(0.659141, abs=1e-6))
    assert [e.rank for e in record.shortlist] == list(range(1, TOP + 1))
    assert len(record.shortlist) == TOP
    # the shortlist is the selection's top N; the sample has no tie at the cut-off
    assert tuple(e.technology_id for e in record.shortlist) == india.top_ids(TOP)
    assert record.cut_off_ties == ()


def test_record_of_a_database_with_ties_has_integer_ranks_and_the_cut_off(
        tied_target, no_evidence_csv):
    record = build_record(tied_target, top=TOP, created=WHEN)
    assert record.data_sha256 == hashlib.sha256(no_evidence_csv.read_bytes()).hexdigest()
    assert not record.synthetic  # read from a file, as a user's database
    assert record.candidates == 1044
    assert record.shortlist[0] == ShortlistEntry(
        technology_id="T0018", rank=1, score=pytest.approx(0.919541, abs=1e-6))
    # integer ranks as published: the tie T0135 = T0735 is ordered by id
    assert [(e.technology_id, e.rank) for e in record.shortlist[5:7]] == [
        ("T0135", 6), ("T0735", 7)]
    assert record.shortlist[5].score == record.shortlist[6].score
    assert [e.rank for e in record.shortlist] == list(range(1, TOP + 1))
    assert len(record.shortlist) == TOP
    # the shortlist is the selection's top N; the tie at the cut-off is recorded
    assert tuple(e.technology_id for e in record.shortlist) == tied_target.top_ids(TOP)
    assert [e.technology_id for e in record.shortlist[8:]] == ["T0490", "T0906"]
    assert record.cut_off_ties == ("T0909",)


def test_group_record_names_the_members_files_and_groups_toml(db):
    asean = em.get_country("ASEAN")
    selection = em.select(db, em.load_criteria(), em.load_scenario("balanced"), asean)
    record = build_record(selection, top=5, created=WHEN)
    names = [name for name, _ in record.profile_files]
    assert names == [f"{m}.toml" for m in asean.members] + ["groups.toml"]
    assert len(names) == 11
    assert record.aggregation == "mean"


@pytest.mark.parametrize(("selection", "first", "left_out"), [
    ("india", "T0889", []),  # the sample: no ties
    ("tied_target", "T0018", ["T0909"]),  # without evidence: a tie across the cut-off
])
def test_json_round_trip_is_exact(request, selection, first, left_out):
    record = build_record(request.getfixturevalue(selection), top=TOP, created=WHEN)
    text = record.to_json()
    assert text.isascii()
    again = Record.from_json(text)
    assert again == record
    assert again.to_json() == text
    body = json.loads(text)
    assert body["format"] == "exportmcda-record/4"
    assert body["shortlist"][0][:2] == [first, 1]
    assert body["cut_off_ties"] == left_out
    assert "technology id" in body["rank_rule"]
    assert body["market"]["normalization"] == "minmax"
    assert body["market"]["rankings"] == []  # built without the database
    assert len(body["indicators"]) == 19  # 18 indicator files (16 targets, KOR, TLS), groups.toml


def test_the_record_pins_the_market_side(india, db):
    from exportmcda.data.indicators import default_directory as indicators_directory
    from exportmcda.model.market_evidence import market_evidence

    markets = market_evidence(india, db=db, technologies=india.top_ids(3))
    record = build_record(india, top=3, created=WHEN, markets=markets)
    files = dict(record.indicator_files)
    assert set(files) == {f"indicators/{p.name}"
                          for p in indicators_directory().glob("*.toml")} | {"groups.toml"}
    assert files["indicators/IND.toml"] == file_sha256(indicators_directory() / "IND.toml")
    assert files["groups.toml"] == file_sha256(default_directory() / "groups.toml")
    market_files = dict(record.market_files)
    assert list(market_files) == ["markets.toml", "markets/balanced.toml"]
    assert market_files["markets/balanced.toml"] == file_sha256(
        criteria_dir() / "markets" / "balanced.toml")
    market = record.market
    assert (market.scenario, market.basis, market.normalization) == (
        "balanced", "assumed", "minmax")
    assert dict(market.weights)["egdi"] == pytest.approx(1 / 6)
    assert len(market.countries) == 16
    assert [tid for tid, _ in market.rankings] == list(india.top_ids(3))
    tid, entries = market.rankings[0]
    best = markets.rankings[tid].records()
    assert [(e.country, e.rank, e.score) for e in entries] == [
        (r["country"], r["rank"], r["score"]) for r in best]
    again = Record.from_json(record.to_json())
    assert again == record
    assert again.to_json() == record.to_json()


def test_a_format_2_record_is_read_as_it_was_written():
    """tests/fixtures/record-format-2.json: written by the release before the market side."""
    text = (FIXTURES / "record-format-2.json").read_text("utf-8").strip()
    record = Record.from_json(text)
    assert record.format == RECORD_FORMAT_V2
    assert not record.has_market_side
    assert (record.indicator_files, record.market_files, record.market) == ((), (), None)
    assert record.to_json() == text  # the old layout, byte for byte
    assert set(json.loads(text)) == {
        "aggregation", "candidates", "created", "criteria", "cut_off_ties", "data", "digest",
        "filters", "format", "method", "normalization", "profiles", "rank_rule", "scenario",
        "shortlist", "target", "top", "versions"}


def test_a_format_1_record_is_still_read_with_its_average_ranks(india):
    record = build_record(india, top=TOP, created=WHEN)
    old = dataclasses.replace(
        record, format=RECORD_FORMAT_V1, cut_off_ties=(), indicator_files=(), market_files=(),
        market=None, settings=None, shortlist=tuple(dataclasses.replace(e, rank=float(e.rank) + 0.5)
                        for e in record.shortlist))
    text = old.to_json()
    body = json.loads(text)
    assert body["format"] == "exportmcda-record/1"
    assert "rank_rule" not in body
    assert "cut_off_ties" not in body  # the old layout, byte for byte
    again = Record.from_json(text)
    assert again == old
    assert again.average_ranks
    assert again.shortlist[0].rank == 1.5


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_float = st.floats(allow_nan=False, allow_infinity=False)


@given(
    source=_text, toml=_text, target=_text,
    entries=st.lists(st.tuples(_text, st.integers(1, 10**6), _float), max_size=5),
    regions=st.lists(st.integers(1, 17), max_size=3),
    size=st.integers(1, 50),
    cut=st.lists(_text, max_size=3),
    market=st.one_of(st.none(), st.builds(
        MarketRecord, scenario=st.one_of(st.none(), _text), basis=st.one_of(st.none(), _text),
        normalization=_text, weights=st.lists(st.tuples(_text, _float), max_size=3).map(tuple),
        countries=st.lists(_text, max_size=3).map(tuple),
        rankings=st.lists(st.tuples(_text, st.lists(st.builds(
            MarketEntry, country=_text, rank=st.integers(1, 20), score=_float),
            max_size=3).map(tuple)), max_size=2).map(tuple),
    )),
    files=st.lists(st.tuples(_text, st.one_of(st.none(), _text)), max_size=3).map(tuple),
)
def test_any_record_round_trips_through_cells(source, toml, target, entries, regions, size, cut,
                                             market, files):
    record = Record(
        market=market, indicator_files=files, market_files=files,
        cut_off_ties=tuple(cut),
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
            # OWASP's CSV-injection characters, and a space (Excel trims it).
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", " ")), (size, cell)


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


# ---- format 4: settings, rules, the rule-bound shortlist ---------------------------------


def test_a_format_3_record_is_read_as_it_was_written():
    """tests/fixtures/record-format-3.json: written by the release before format 4."""
    text = (FIXTURES / "record-format-3.json").read_text("utf-8").strip()
    record = Record.from_json(text)
    assert record.format == "exportmcda-record/3"
    assert (record.settings, record.rules, record.rule_shortlist) == (None, None, None)
    assert record.to_json() == text  # the old layout, byte for byte
    assert record.decided == ("T0889", "T0966", "T0273", "T0607", "T0682")
    assert record.scenario_id == "balanced"


def test_settings_are_stated_explicitly(india):
    record = build_record(india, top=TOP, created=WHEN, seed=7, samples=500)
    assert record.settings == MethodSettings(
        method="topsis", normalization="vector", ahp_method="eigenvector",
        ri_table="saaty_1980", cr_rule="0.1", completion="bfr", seed=7, samples=500)
    assert (record.rules, record.rule_shortlist) == (None, None)
    assert json.loads(record.to_json())["settings"]["cr_rule"] == "0.1"


def test_rules_and_the_rule_bound_shortlist_round_trip(india, db):
    rules = RuleSet(rules=(Rule(kind=RuleKind.MAX_PER_COMPANY, value=1, origin="--max-per-company",
                                key="--max-per-company"),),
                    countries={"IND": (Rule(kind=RuleKind.EXCLUDE, target="T0889",
                                            origin="rules.toml", key="country.IND.exclude"),)})
    record = build_record(india, top=3, created=WHEN, rules=rules, db=db)
    assert rules_from_body(rules_body(rules)) == rules
    again = Record.from_json(record.to_file_text())
    assert again == record
    assert again.to_json() == record.to_json()
    assert again.rules == rules
    assert record.decided == ("T0966", "T0273", "T0607")  # T0889 excluded for India
    assert [r["stated_in"] for r in record.rule_shortlist["rules"]] == [
        "rules.toml, key country.IND.exclude", "--max-per-company"]
    assert [e.technology_id for e in record.shortlist] == ["T0889", "T0966", "T0273"]


def test_a_record_file_that_is_edited_or_not_a_record_is_refused(india, tmp_path):
    path = tmp_path / "d.json"
    path.write_text(build_record(india, top=2, created=WHEN).to_file_text(), "utf-8")
    assert read_record_file(path).top == 2
    path.write_text(path.read_text("utf-8").replace('"top": 2', '"top": 3'), "utf-8")
    with pytest.raises(ConfigError) as info:
        read_record_file(path)
    assert info.value.code == "audit.bad_record"
    path.write_bytes(b"\xff\xfe not text")
    with pytest.raises(ConfigError) as info:
        read_record_file(path)
    assert info.value.code == "unreadable"
