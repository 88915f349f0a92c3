"""The decision register: every saved decision record, in one local SQLite file.

A ministry decision must be reproducible months later (USERS.md, journey 4), and it must be
*found* first: who saved which shortlist for which target, when. The register keeps each
decision's record (:class:`~exportmcda.export.record.Record`, the JSON with its SHA-256
digest) with a summary (saved at, saved by, target, scenario, N, shortlist) in an embedded
SQLite database (Python's standard ``sqlite3``; no server to run, one file to back up).

Several app sessions (threads of one Streamlit server) and several commands (processes) may
save at once. SQLite serialises writers with a database lock; the register asks for it up
front (``BEGIN IMMEDIATE``) and waits for it (``busy_timeout``, :data:`BUSY_TIMEOUT_MS`)
rather than failing, and runs in write-ahead-log mode (``journal_mode=WAL``) so readers never
block a writer nor a writer readers (SQLite documentation, "Write-Ahead Logging" and
"File Locking And Concurrency In SQLite Version 3"). Each save is one transaction of one
``INSERT``: a record is stored completely or not at all, and none is lost.

Where: ``--register PATH``, else the environment variable :data:`ENV_VAR`, else the user's
data directory of the XDG Base Directory Specification (``$XDG_DATA_HOME/exportmcda/``, or
``~/.local/share/exportmcda/`` when it is unset or not absolute), file :data:`FILE_NAME`.

A stored record is read back through :meth:`Record.from_json`, so a row edited outside the
tool is refused (its digest no longer matches), as an edited record file is.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from exportmcda.errors import ConfigError, Issue
from exportmcda.export.record import Record

__all__ = [
    "BUSY_TIMEOUT_MS",
    "ENV_VAR",
    "FILE_NAME",
    "SAVED_BY_LIMIT",
    "Decision",
    "Register",
    "clean_name",
    "default_path",
]

ENV_VAR = "EXPORTMCDA_REGISTER"
"""Environment variable naming the register file (``--register`` wins over it)."""
FILE_NAME = "decisions.sqlite"
"""The register's file name in the user's data directory."""
BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another's lock before giving up (a save takes milliseconds)."""
SAVED_BY_LIMIT = 100
"""Characters kept of a "saved by" name (a name, not a text)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    target TEXT NOT NULL,
    scenario TEXT NOT NULL,
    top INTEGER NOT NULL,
    shortlist TEXT NOT NULL,
    digest TEXT NOT NULL,
    record TEXT NOT NULL
)
"""
_COLUMNS = "id, saved_at, saved_by, target, scenario, top, shortlist, digest, record"


def default_path(env: Mapping[str, str] | None = None) -> Path:
    """The register file: :data:`ENV_VAR`, else ``$XDG_DATA_HOME`` or ``~/.local/share``.

    A relative ``XDG_DATA_HOME`` is ignored, as the XDG Base Directory Specification says.
    """
    values = os.environ if env is None else env
    given = values.get(ENV_VAR, "").strip()
    if given:
        return Path(given).expanduser()
    base = values.get("XDG_DATA_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "exportmcda" / FILE_NAME


def clean_name(name: str | None) -> str:
    """A "saved by" name as stored.

    Control characters dropped, blanks collapsed, at most :data:`SAVED_BY_LIMIT`
    characters; empty → the operating-system user (or ``unknown``).
    """
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in name or "")
    text = " ".join(text.split())[:SAVED_BY_LIMIT]
    if text:
        return text
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name (e.g. a container without a passwd entry)
        return "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """One saved decision: its summary and its record's JSON (read with :meth:`record`)."""

    id: int
    saved_at: str
    saved_by: str
    target: str
    scenario: str
    top: int
    shortlist: tuple[str, ...]
    digest: str
    record_json: str
    register: str = ""

    def record(self) -> Record:
        """The stored record, checked (ConfigError naming the register and id if edited)."""
        return Record.from_json(self.record_json, path=self.register, where=f"decision {self.id}")

    def summary(self) -> dict[str, Any]:
        """The ``decisions list`` JSON row.

        Keys ``id, saved_at, saved_by, target, scenario, top, shortlist, digest``.
        """
        return {
            "id": self.id,
            "saved_at": self.saved_at,
            "saved_by": self.saved_by,
            "target": self.target,
            "scenario": self.scenario,
            "top": self.top,
            "shortlist": list(self.shortlist),
            "digest": self.digest,
        }


class Register:
    """The decision register at ``path`` (created, with its folder, on first save)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()

    def _error(self, code: str, message: str, **where: Any) -> ConfigError:
        return ConfigError(Issue.of(code, message, path=str(self.path), **where))

    @contextmanager
    def _connection(self, *, create: bool) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode, WAL, waiting for locks; errors → ConfigError."""
        if not create and not self.path.is_file():
            yield from self._empty()
            return
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(
                sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            ) as db:
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute(_SCHEMA)
                yield db
        except sqlite3.DatabaseError as error:
            raise self._error(
                "register_unreadable", f"cannot use the decision register: {error}"
            ) from None
        except OSError as error:
            raise self._error(
                "register_unreadable",
                f"cannot use the decision register: {error.strerror or error}",
            ) from None

    @staticmethod
    def _empty() -> Iterator[sqlite3.Connection]:
        """An in-memory, empty register (reading a register not yet created writes none)."""
        with closing(sqlite3.connect(":memory:")) as db:
            db.execute(_SCHEMA)
            yield db

    def save(
        self, record: Record, *, saved_by: str | None = None, saved_at: datetime | None = None
    ) -> Decision:
        """Store ``record`` (one transaction) and return it as a :class:`Decision`."""
        when = (saved_at or datetime.now(UTC)).isoformat(timespec="seconds")
        row = (
            when,
            clean_name(saved_by),
            record.target,
            record.scenario_id or "-",
            record.top,
            json.dumps(list(record.decided)),
            record.digest,
            record.to_json(),
        )
        with self._connection(create=True) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                cursor = db.execute(
                    "INSERT INTO decisions (saved_at, saved_by, target, scenario, top, "
                    "shortlist, digest, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            number = cursor.lastrowid
        assert number is not None
        return self._decision((number, *row))

    def decisions(self) -> list[Decision]:
        """Every saved decision, newest first."""
        with self._connection(create=False) as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM decisions ORDER BY id DESC").fetchall()
        return [self._decision(r) for r in rows]

    def count(self) -> int:
        """How many decisions are saved."""
        with self._connection(create=False) as db:
            (n,) = db.execute("SELECT COUNT(*) FROM decisions").fetchone()
        return int(n)

    def get(self, number: int) -> Decision:
        """The decision saved under ``number`` (ConfigError ``register_unknown_id`` if none)."""
        with self._connection(create=False) as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM decisions WHERE id = ?", (number,)).fetchone()
        if row is None:
            raise self._error(
                "register_unknown_id", f"no decision {number} in the register", value=number
            )
        return self._decision(row)

    def _decision(self, row: tuple[Any, ...]) -> Decision:
        number, saved_at, saved_by, target, scenario, top, shortlist, digest, record = row
        try:
            ids = json.loads(shortlist)
        except (TypeError, ValueError):
            ids = []
        return Decision(
            id=int(number),
            saved_at=str(saved_at),
            saved_by=str(saved_by),
            target=str(target),
            scenario=str(scenario),
            top=int(top),
            shortlist=tuple(str(i) for i in ids) if isinstance(ids, list) else (),
            digest=str(digest),
            record_json=str(record),
            register=str(self.path),
        )
