"""The decision register (exportmcda.register.store): where it is, what it keeps, and that
concurrent writers (threads and processes) lose nothing."""

import json
import multiprocessing
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exportmcda.errors import ConfigError
from exportmcda.export.record import Record
from exportmcda.register.store import (
    ENV_VAR,
    FILE_NAME,
    SAVED_BY_LIMIT,
    Register,
    clean_name,
    default_path,
)
from tests.export.workbooks import FIXTURES

RECORD = Record.from_json((FIXTURES / "record-format-3.json").read_text("utf-8"))
"""India, balanced, top 5 (tests/fixtures/record-format-3.json, written by format 3)."""
IND_TOP5 = ("T0889", "T0966", "T0273", "T0607", "T0682")

WRITERS, SAVES = 4, 25


# ---- where -------------------------------------------------------------------------------


def test_default_path_env_then_xdg_then_home(tmp_path):
    assert default_path({ENV_VAR: "/srv/r.sqlite", "XDG_DATA_HOME": "/x"}) == Path("/srv/r.sqlite")
    assert default_path({"XDG_DATA_HOME": "/data"}) == Path("/data/exportmcda") / FILE_NAME
    home = Path.home() / ".local" / "share" / "exportmcda" / FILE_NAME
    assert default_path({}) == home
    assert default_path({"XDG_DATA_HOME": "relative/dir"}) == home  # XDG: absolute only
    assert default_path({ENV_VAR: "  "}) == home


def test_clean_name_keeps_text_drops_controls_and_falls_back_to_the_login():
    assert clean_name("  Kim\x00 Min-ji\n\t(MOLIT) ") == "Kim Min-ji (MOLIT)"
    assert clean_name("김민지") == "김민지"
    assert len(clean_name("x" * 500)) == SAVED_BY_LIMIT
    assert clean_name("") == clean_name(None) != ""


# ---- what it keeps -----------------------------------------------------------------------


def test_save_get_list(tmp_path):
    register = Register(tmp_path / "new" / "folder" / FILE_NAME)  # the folder is made
    when = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    first = register.save(RECORD, saved_by="Kim", saved_at=when)
    second = register.save(RECORD, saved_by="Lee")
    assert (first.id, second.id) == (1, 2)
    got = register.get(1)
    assert got.summary() == {
        "id": 1,
        "saved_at": "2026-12-01T08:00:00+00:00",
        "saved_by": "Kim",
        "target": "IND",
        "scenario": "balanced",
        "top": 5,
        "shortlist": list(IND_TOP5),
        "digest": json.loads(RECORD.to_json())["digest"],
    }
    assert got.record() == RECORD
    assert [d.id for d in register.decisions()] == [2, 1]  # newest first
    with sqlite3.connect(register.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_unknown_id_and_absent_register(tmp_path):
    register = Register(tmp_path / FILE_NAME)
    assert register.decisions() == []
    assert register.count() == 0
    assert not register.path.exists()  # reading creates nothing
    with pytest.raises(ConfigError) as info:
        register.get(7)
    assert info.value.code == "register_unknown_id"
    assert str(register.path) in str(info.value)


def test_an_edited_row_is_refused(tmp_path):
    register = Register(tmp_path / FILE_NAME)
    register.save(RECORD, saved_by="Kim")
    with sqlite3.connect(register.path) as db:
        db.execute("UPDATE decisions SET record = replace(record, '\"top\":5', '\"top\":4')")
    decision = register.get(1)
    with pytest.raises(ConfigError) as info:
        decision.record()
    assert info.value.code == "audit.bad_record"
    assert "digest does not match" in str(info.value)
    assert "decision 1" in str(info.value)


def test_a_file_that_is_not_a_register_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database\n" * 100, "utf-8")
    with pytest.raises(ConfigError) as info:
        Register(path).save(RECORD)
    assert info.value.code == "register_unreadable"
    assert str(path) in str(info.value)


# ---- concurrent writers ------------------------------------------------------------------


def _writer(path: str, who: str) -> None:
    register = Register(path)
    for k in range(SAVES):
        register.save(RECORD, saved_by=f"{who}-{k}")


def _check_all_kept(register: Register, prefixes: list[str]) -> None:
    decisions = register.decisions()
    assert register.count() == len(decisions) == len(prefixes) * SAVES
    assert sorted(d.id for d in decisions) == list(range(1, len(decisions) + 1))
    assert sorted(d.saved_by for d in decisions) == sorted(
        f"{p}-{k}" for p in prefixes for k in range(SAVES)
    )
    assert all(d.record() == RECORD for d in decisions[::17])


def test_concurrent_threads_lose_nothing(tmp_path):
    path = str(tmp_path / "threads" / FILE_NAME)  # created by the first writer to get there
    names = [f"thread{n}" for n in range(WRITERS)]
    threads = [threading.Thread(target=_writer, args=(path, n)) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _check_all_kept(Register(path), names)


def test_concurrent_processes_lose_nothing(tmp_path):
    path = str(tmp_path / "processes" / FILE_NAME)
    names = [f"process{n}" for n in range(WRITERS)]
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as separate commands
    processes = [context.Process(target=_writer, args=(path, n)) for n in names]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * WRITERS
    _check_all_kept(Register(path), names)
