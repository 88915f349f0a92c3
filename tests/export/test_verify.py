"""Re-running an audit record (exportmcda.export.verify); the CLI's ``verify`` is tests/cli."""

import dataclasses
import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest

import exportmcda as em
from exportmcda.data.countries import default_directory
from exportmcda.data.io import load, to_interchange
from exportmcda.errors import Note
from exportmcda.export.record import (
    RECORD_FORMAT_V1,
    RECORD_FORMAT_V2,
    Record,
    ShortlistEntry,
    build_record,
    file_sha256,
    read_record,
)
from exportmcda.export.reports import shortlist_xlsx
from exportmcda.export.verify import SCORE_TOLERANCE, Check, Difference, verify
from exportmcda.labels import notes_text
from exportmcda.model.market_evidence import market_evidence
from exportmcda.model.scenarios import scenario_from_weights
from exportmcda.model.selection import Filters
from tests.export.workbooks import FIXTURES, TOP, WHEN
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO


def test_slider_weights_are_recorded_and_reproduced(db):
    tree = em.load_criteria()
    base = em.load_scenario("balanced")
    weights = {c.id: 1.0 for c in tree.criteria}
    # 3 + 5 × 1 = 8: shares that are exact binary fractions, so the scenario's TOML
    # round-trips bit for bit (4 + 5 × 1 does not: see the report of issue 9)
    weights[tree.criteria[0].id] = 3.0
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


def test_a_difference_reads_as_one_line():
    moved = Difference(kind="moved", technology_id="T0726", old_rank=1.0, new_rank=3.0,
                       old_score=0.792117, new_score=0.77101)
    assert moved.describe() == "T0726 moved: rank 1 → 3, score 0.792117 → 0.771010"
    entered = Difference(kind="entered", technology_id="T0001", old_rank=None, new_rank=2.5,
                         old_score=None, new_score=0.5)
    assert entered.describe() == "T0001 entered: rank – → 2.5, score – → 0.500000"


def test_a_check_is_the_same_only_when_the_values_are_equal():
    assert Check(name="data", recorded="ab", current="ab").as_dict() == {
        "recorded": "ab", "current": "ab", "same": True}
    assert not Check(name="data", recorded="ab", current=None).same


def test_a_changed_score_with_unchanged_inputs_is_unexplained(india, db):
    record = build_record(india, top=3, created=WHEN)
    first = record.shortlist[0]
    edited = ShortlistEntry(technology_id=first.technology_id, rank=first.rank,
                            score=first.score + 10 * SCORE_TOLERANCE)
    result = verify(dataclasses.replace(record, shortlist=(edited, *record.shortlist[1:])), db)
    assert not result.reproduced
    assert [(d.kind, d.technology_id) for d in result.differences] == [
        ("rescored", first.technology_id)]
    assert result.changed_inputs == ()
    assert notes_text(result.notes) == [
        "no recorded input or version differs: the change is unexplained"]


def test_a_score_change_within_the_tolerance_is_the_same_result(india, db):
    record = build_record(india, top=3, created=WHEN)
    first = record.shortlist[0]
    nudged = ShortlistEntry(technology_id=first.technology_id, rank=first.rank,
                            score=first.score + SCORE_TOLERANCE / 2)
    result = verify(dataclasses.replace(record, shortlist=(nudged, *record.shortlist[1:])), db)
    assert result.reproduced
    assert result.differences == ()


def _format_1(selection, top):
    """The record an earlier release wrote: average ranks, ties at the cut by row order."""
    r = selection.result
    order = np.argsort(r.ranks, kind="stable")[:top]
    record = build_record(selection, top=top, created=WHEN)
    return dataclasses.replace(
        record, format=RECORD_FORMAT_V1, cut_off_ties=(),
        shortlist=tuple(ShortlistEntry(technology_id=r.alternatives[i], rank=float(r.ranks[i]),
                                       score=float(r.scores[i])) for i in order))


def test_a_format_1_record_is_verified_under_its_own_rule(tied_target, no_evidence_db):
    # the sample without evidence (SAU, market_fit_first): T0135 = T0735 at 6-7 and
    # T0906 = T0909 at 10-11, average ranks 6.5 and 10.5
    record = Record.from_json(_format_1(tied_target, 10).to_json())
    assert [e.rank for e in record.shortlist][5:] == [6.5, 6.5, 8.0, 9.0, 10.5]
    result = verify(record, no_evidence_db)
    assert result.reproduced
    assert result.as_dict()["format"] == "exportmcda-record/1"
    # the rows are in id order: today's rule lists the same top 10
    assert [n.code for n in result.notes] == ["verify_old_rank_rule"]


def test_verify_says_when_todays_tie_rule_lists_another_top_n(no_evidence_db):
    # T0909's rows first: the old rule (row order) kept T0909 and left out T0906
    frame = to_interchange(no_evidence_db)
    first = frame["technology_id"] == "T0909"
    moved = load(pd.concat([frame[first], frame[~first]]).to_csv(index=False).encode(),
                 name="moved.csv")
    selection = em.select(moved, em.load_criteria(), em.load_scenario(TIE_SCENARIO),
                          em.get_country(TIE_COUNTRY))
    record = _format_1(selection, 10)
    assert [e.technology_id for e in record.shortlist][8:] == ["T0490", "T0909"]
    result = verify(record, moved)
    assert result.reproduced  # under the record's own rule
    assert selection.top_ids(10)[-2:] == ("T0490", "T0906")
    assert Note.of("verify_rule_changes_shortlist", n=10, added="T0906",
                   dropped="T0909") in result.notes
    assert "would add T0906 and drop T0909" in " ".join(notes_text(result.notes))


# ---- the market side (record format 3) -----------------------------------------------------


def _countries_copy(tmp_path, code="IND", old="value = 0.66776", new="value = 0.99"):
    """A copy of data/countries (profiles, groups.toml, indicators/) with one value edited."""
    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    path = folder / "indicators" / f"{code}.toml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")
    return folder, path


@pytest.fixture(scope="module")
def market_record(india, db):
    markets = market_evidence(india, db=db, technologies=india.top_ids(5))
    return build_record(india, top=5, created=WHEN, markets=markets)


def test_a_format_3_record_with_markets_is_reproduced(market_record, db):
    result = verify(Record.from_json(market_record.to_json()), db)
    assert result.reproduced
    assert result.market_differences == ()
    names = {c.name for c in result.inputs}
    assert {"countries/indicators/IND.toml", "countries/groups.toml",
            "criteria/markets.toml", "criteria/markets/balanced.toml"} <= names
    assert all(c.same for c in result.inputs)
    assert result.as_dict()["market_differences"] == []


def test_a_changed_indicator_file_is_named_with_the_market_moves(market_record, db, tmp_path):
    """India's EGDI 2024 0.66776 -> 0.99 (above Singapore's 0.96912, the highest compared)."""
    folder, path = _countries_copy(tmp_path)
    result = verify(market_record, db, countries_dir=folder)
    assert not result.reproduced
    assert result.changed_inputs == ("countries/indicators/IND.toml",)
    changed = next(c for c in result.inputs if not c.same)
    assert changed.current == file_sha256(path) != changed.recorded
    assert result.differences == ()  # the technology side does not read indicators
    moved = {d.technology_id: d for d in result.market_differences
             if d.country == "IND"}
    # a better EGDI moves India up (or keeps it first) for every shortlisted technology
    assert set(moved) <= {tid for tid, _ in market_record.market.rankings}
    assert moved
    for d in moved.values():
        assert d.kind in ("moved", "rescored")
        assert d.new_rank <= d.old_rank
        assert d.new_score > d.old_score
    codes = [n.code for n in result.notes]
    assert "verify_market_moved" in codes
    assert "countries/indicators/IND.toml" in " ".join(notes_text(result.notes))


def test_an_app_export_without_markets_names_the_file_and_stays_reproduced(india, db,
                                                                           tmp_path):
    record = build_record(india, top=5, created=WHEN)  # no database: no country rankings
    assert record.market.rankings == ()
    folder, _ = _countries_copy(tmp_path)
    result = verify(record, db, countries_dir=folder)
    assert result.reproduced
    assert result.changed_inputs == ("countries/indicators/IND.toml",)
    assert [n.code for n in result.notes] == ["verify_same_despite_inputs"]


FORMAT_2_CRITERIA = FIXTURES / "criteria-format-2.toml"
"""The criteria file the format-2 record was made with (aggregate = "primary_plus"), byte for
byte: ``git show`` of criteria/criteria.toml before the policy fit became primary_mean."""


def test_a_format_2_record_still_verifies():
    """tests/fixtures/record-format-2.json: India, balanced, top 10, from the sample, verified
    against the criteria file it was made with (its hash is the one recorded)."""
    record = Record.from_json((FIXTURES / "record-format-2.json").read_text("utf-8").strip())
    assert record.format == RECORD_FORMAT_V2
    assert hashlib.sha256(FORMAT_2_CRITERIA.read_bytes()).hexdigest() == record.criteria_sha256
    result = verify(record, em.load_sample(), criteria_path=FORMAT_2_CRITERIA)
    assert result.reproduced
    assert result.changed_inputs == ()
    assert {c.name for c in result.inputs} == {"data", "criteria/criteria.toml", "scenario",
                                               "countries/IND.toml"}
    assert result.market_differences == ()
    assert result.as_dict()["format"] == "exportmcda-record/2"


def test_a_format_2_record_under_todays_criteria_names_the_changed_file():
    # today's criteria file weighs the policy fit by primary_mean, not primary_plus: verify
    # reruns under it, says the file changed and what moved. India's top 10 keeps its order
    # (the same ten at the same ranks), but every score moved beyond the tolerance (the
    # multi-field technologies' fits changed, and with them the normalised column).
    record = Record.from_json((FIXTURES / "record-format-2.json").read_text("utf-8").strip())
    result = verify(record, em.load_sample())
    assert not result.reproduced
    assert result.changed_inputs == ("criteria/criteria.toml",)
    assert [n.code for n in result.notes] == ["verify_inputs_explain"]
    assert [(d.kind, d.technology_id, d.old_rank, d.new_rank) for d in result.differences] == [
        ("rescored", e.technology_id, e.rank, e.rank) for e in record.shortlist]
    assert all(abs(d.new_score - d.old_score) > SCORE_TOLERANCE for d in result.differences)
