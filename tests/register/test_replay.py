"""Replaying a record (exportmcda.register.replay): identical, or exactly what differs."""

import dataclasses
import shutil

import pytest

from exportmcda.data.countries import default_directory
from exportmcda.export.record import Record, build_record
from exportmcda.model.rules import rules_from_options
from exportmcda.register.replay import replay, replay_dict, replay_lines
from tests.export.workbooks import SAMPLE_SHA256, WHEN
from tests.register.changed import FIRST_IND

RULED = ("T0889", "T0966", "T0273", "T0607", "T0682", "T0044", "T0380", "T0135", "T0171", "T0113")
"""India, balanced, N = 10, at most 1 per company and at least 50 % SMEs (the solver's
optimum, checked against brute force in tests/model/test_shortlist.py)."""


@pytest.fixture(scope="module")
def ruled(india, db):
    rules = rules_from_options(max_per_company="1", min_sme_share="0.5")
    return build_record(india, top=10, created=WHEN, rules=rules, db=db)


def test_a_record_replays_identically(ruled):
    result = replay(Record.from_json(ruled.to_json()))  # the sample, as the record says
    assert result.identical
    assert result.reproduced
    assert result.rule_shortlist is not None
    assert result.rule_shortlist.same
    assert result.rule_shortlist.current == RULED
    body = replay_dict(result)
    assert (
        body["status"],
        body["identical"],
        body["changed_inputs"],
        body["changed_versions"],
    ) == ("identical", True, [], [])
    assert body["scenario"] == "balanced"
    assert body["digest"] == ruled.digest
    lines = replay_lines(result)
    assert lines[1] == (
        "identical: the same 10 technologies at the same ranks, from the same "
        "inputs (every SHA-256) with the same library versions"
    )
    assert replay_lines(result, "ko")[1].startswith("동일: 같은 입력")


def test_a_changed_database_is_named_with_the_ranks_it_moved(ruled, india, demoted_csv):
    result = replay(ruled, data=demoted_csv)
    assert not result.identical
    assert not result.reproduced
    assert result.changed_inputs == ("data",)
    data = next(c for c in result.inputs if c.name == "data")
    assert data.recorded == SAMPLE_SHA256 != data.current
    kinds = {d.technology_id: (d.kind, d.old_rank, d.new_rank) for d in result.differences}
    assert kinds[FIRST_IND] == ("left", 1, None)  # no longer a candidate
    top = [e.technology_id for e in ruled.shortlist]
    assert all(kinds[tid] == ("moved", rank, rank - 1) for rank, tid in enumerate(top[1:], start=2))
    eleventh = india.top_ids(11)[10]  # the ranking's 11th comes in at rank 10
    assert [(tid, k) for tid, k in kinds.items() if k[0] == "entered"] == [
        (eleventh, ("entered", None, 10))
    ]
    assert FIRST_IND in result.rule_shortlist.left  # the rules no longer choose it
    lines = replay_lines(result)
    assert lines[1] == "differs:"
    assert lines[2] == (f"input data changed: SHA-256 {SAMPLE_SHA256[:16]}… → {data.current[:16]}…")
    assert f"{FIRST_IND} left: rank 1 → –, score {ruled.shortlist[0].score:.6f} → –" in lines
    assert any(
        line.startswith("rule-bound shortlist changed: entered ")
        and line.endswith(f"left {FIRST_IND}")
        for line in lines
    )
    assert "the results are NOT reproduced" in lines


def test_a_changed_indicator_file_is_named(ruled, tmp_path):
    folder = tmp_path / "countries"
    shutil.copytree(default_directory(), folder)
    path = folder / "indicators" / "IND.toml"
    path.write_text(path.read_text("utf-8").replace("value = 0.66776", "value = 0.99", 1), "utf-8")
    result = replay(ruled, countries_dir=folder)
    assert result.changed_inputs == ("countries/indicators/IND.toml",)
    assert result.reproduced
    assert not result.identical
    lines = replay_lines(result)
    assert lines[1] == "differs:"
    assert lines[2].startswith("input countries/indicators/IND.toml changed: SHA-256 ")
    assert (
        "the results are reproduced (same ranks and shortlist); what differs is listed "
        "above" in lines
    )


def test_a_different_library_version_is_reported(india, db):
    record = build_record(india, top=3, created=WHEN)
    older = dataclasses.replace(record, versions=(*record.versions[:-1], ("scipy", "1.0.0")))
    result = replay(Record.from_json(older.to_json()), db=db)
    assert result.reproduced
    assert not result.identical
    assert result.changed_versions == ("scipy",)
    assert any(line.startswith("library scipy: version 1.0.0 → ") for line in replay_lines(result))
    assert any(
        line.startswith("라이브러리 scipy: 버전 1.0.0 → ") for line in replay_lines(result, "ko")
    )


def test_rules_that_no_longer_apply_are_a_difference_not_a_crash(india, db, demoted_csv):
    rules = rules_from_options(require=[FIRST_IND])
    record = build_record(india, top=5, created=WHEN, rules=rules, db=db)
    result = replay(record, data=demoted_csv)  # the required technology is gone
    assert not result.identical
    assert not result.reproduced
    check = result.rule_shortlist
    assert (check.current, check.current_feasible, check.recorded_feasible) == ((), False, True)
    assert [n.code for n in result.notes if n.code.startswith("replay_")] == ["replay_rules_fail"]
    assert f"'{FIRST_IND}' is not a technology of this ranking" in " ".join(replay_lines(result))
