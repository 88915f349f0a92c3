"""Reading and re-running a decision record for its briefing (exportmcda.brief.replay)."""

from __future__ import annotations

import json

import pytest

from exportmcda.brief.page import render_html
from exportmcda.brief.replay import from_record, from_view, load_record
from exportmcda.data.io import to_interchange
from exportmcda.errors import ConfigError
from exportmcda.export.reports import shortlist_xlsx
from tests.brief.conftest import SAMPLES


def test_a_record_is_read_from_json_and_from_a_workbook(india, india_record, tmp_path):
    path = tmp_path / "decision.json"
    path.write_text(india_record.to_json(), encoding="utf-8")
    assert load_record(path).to_json() == india_record.to_json()
    book = tmp_path / "shortlist.xlsx"
    book.write_bytes(shortlist_xlsx(india, top=10))
    from_book = load_record(book)
    assert [e.technology_id for e in from_book.shortlist] == list(india.top_ids(10))


def test_an_edited_record_is_refused_naming_the_file(india_record, tmp_path):
    data = json.loads(india_record.to_json())
    data["shortlist"][0][0] = "T0001"  # the first technology replaced, digest kept
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_record(path)
    issue = caught.value.issues[0]
    assert issue.code == "audit.bad_record"
    assert issue.path == str(path)
    assert "changed after export" in issue.message


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_record(tmp_path / "missing.json")
    assert caught.value.issues[0].code == "unreadable"
    (tmp_path / "latin1.json").write_bytes(b"\xff\xfe{")
    with pytest.raises(ConfigError):
        load_record(tmp_path / "latin1.json")


def test_a_changed_database_is_said_and_the_recorded_shortlist_kept(db, india_record, tmp_path):
    frame = to_interchange(db)
    path = tmp_path / "without-T0681.csv"
    path.write_bytes(frame[frame["technology_id"] != "T0681"].to_csv(index=False).encode())
    brief = from_record(india_record, data=path, lang="ko", samples=SAMPLES)
    assert brief.replay.status == "differs"
    assert "data" in brief.replay.changed_inputs
    # T0681 left and T0636 entered at rank 10; the other nine keep their ranks, but their
    # closeness moves: one technology fewer changes the vector normalisation
    assert brief.replay.changes == (("left", "T0681", 10, None), ("entered", "T0636", None, 10))
    assert brief.replay.rescored == 9
    page = render_html(brief)
    assert "오늘 재실행 결과: 동일하지 않음." in page
    assert "T0681 제외됨(기록 순위 10, 오늘 –); T0636 새로 포함(순위 10)" in page
    assert "다른 후보 기술 9개는 순위는 같고 점수만 달라졌습니다." in page
    assert [r.technology_id for r in brief.rows] == [
        e.technology_id for e in india_record.shortlist
    ]
    gone = brief.rows[-1]
    assert gone.technology_id == "T0681"
    assert (gone.explanation, gone.name, gone.acceptability) == (None, None, None)
    assert gone.score == india_record.shortlist[-1].score
    # a user's file is not the synthetic sample, but the record was made on it: notice kept
    assert brief.synthetic_notice is not None


def test_a_users_database_has_no_synthetic_notice(no_evidence_db, no_evidence_csv):
    from exportmcda.data.countries import get_country
    from exportmcda.export.record import Record, build_record
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import load_scenario
    from exportmcda.model.selection import select

    selection = select(
        no_evidence_db, load_criteria(), load_scenario("balanced"), get_country("VNM")
    )
    record = Record.from_json(build_record(selection, top=5).to_json())
    with pytest.raises(ConfigError) as caught:
        from_record(record)  # the user's file is needed: the error names it
    assert caught.value.issues[0].code == "audit.data_needed"
    brief = from_record(record, data=no_evidence_csv, samples=SAMPLES)
    assert brief.synthetic_notice is None
    assert brief.replay.status == "identical"


def test_the_view_on_screen_is_briefed_without_a_re_run(india):
    brief = from_view(india, top=5, lang="ko", samples=SAMPLES)
    assert brief.replay.status == "current"
    assert [r.technology_id for r in brief.rows] == list(india.top_ids(5))
    assert brief.top == 5
    assert brief.lang == "ko"
