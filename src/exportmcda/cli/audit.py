"""The ``verify`` command: re-run the audit record of an exported workbook.

``exportmcda verify FILE.xlsx [--data FILE]`` answers an auditor's "can you reproduce
this?" (USERS.md, journey 4): exit 0 when the shortlist (and, for a format-3 record, each
shortlisted technology's country ranking) is reproduced, 1 when it is not (every change
listed, with the inputs that differ: a changed indicator file is named) or when the workbook
has no valid record. The JSON shape (keys ``reproduced``, ``differences``, ``inputs``,
``versions``, ``notes``; ``market_differences`` and ``shown_differences`` added) is a contract
other tools read. The workbook's visible shortlist and markets sheets are compared with its
record too: an edited rank or score there is "not reproduced", the cell named (issue 11).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.output import emit, write_json
from exportmcda.labels import note_text

if TYPE_CHECKING:  # imported by cmd_verify when it runs (start-up time of other commands)
    from exportmcda.export.verify import Check, ShownDifference, Verification

__all__ = ["add_audit_command", "cmd_verify"]

_DIFFERENCE_COLUMNS = ("kind", "technology_id", "old_rank", "new_rank", "old_score", "new_score",
                       "country", "cell")


def _short(value: str | None) -> str:
    return "–" if value is None else value if len(value) <= 16 else f"{value[:16]}…"


def _check_rows(checks: tuple[Check, ...], label: str, *, shorten: bool) -> list[dict[str, Any]]:
    return [
        {
            label: c.name,
            "recorded": _short(c.recorded) if shorten else c.recorded,
            "current": _short(c.current) if shorten else c.current,
            "same": "yes" if c.same else "NO",
        }
        for c in checks
    ]


def _table(result: Verification, out: TextIO) -> None:
    from exportmcda.export.verify import SCORE_TOLERANCE

    record = result.record
    out.write(f"Record: target {record.target}, top {record.top}, {record.method} "
              f"({record.normalization or 'default'} normalization), exported "
              f"{record.created}\n\n")
    emit(_check_rows(result.inputs, "input", shorten=True), "table", out)
    out.write("\n")
    emit(_check_rows(result.versions, "software", shorten=False), "table", out)
    out.write("\n")
    markets = 0 if record.market is None else len(record.market.rankings)
    if result.reproduced:
        also = (f"; the same country rankings of {markets} technologies" if markets else "")
        out.write(f"Reproduced: the same {len(record.shortlist)} technologies at the same "
                  f"ranks (scores within {SCORE_TOLERANCE:g}){also}.\n")
        return
    if result.shown_differences:  # cells a reader sees that the record does not say
        emit([d.as_dict() for d in result.shown_differences], "table", out)
        out.write("\n")
    for found in (result.differences, result.market_differences):
        rows = [d.as_dict() for d in found]
        for row in rows:  # enough digits to show a change just above the tolerance
            for key in ("old_score", "new_score"):
                row[key] = "–" if row[key] is None else f"{row[key]:.12f}"
        if rows:
            emit(rows, "table", out)
            out.write("\n")
    out.write(f"NOT reproduced: {_changes(result)}.\n")


def _changes(result: Verification) -> str:
    """``3 changes to the shortlist, 5 to the market rankings``."""
    n, m = len(result.differences), len(result.market_differences)
    text = f"{n} change{'s' * (n != 1)} to the shortlist"
    text += f", {m} to the market rankings" if m else ""
    shown = len(result.shown_differences)
    return text + (f", {shown} visible cell{'s' * (shown != 1)} differing from the record"
                   if shown else "")


def _shown_row(d: ShownDifference) -> dict[str, Any]:
    """A visible cell that differs, as a CSV row.

    Kind ``shown_<field>``, ``cell`` as ``Sheet!B3``, recorded and shown values in the
    old/new columns of their kind.
    """
    score = d.field in ("score", "country_score")
    return {"kind": f"shown_{d.field}", "technology_id": d.technology_id or "",
            "old_rank": "" if score else d.recorded, "new_rank": "" if score else d.shown,
            "old_score": d.recorded if score else "", "new_score": d.shown if score else "",
            "country": "", "cell": f"{d.sheet}!{d.cell}" if d.cell else d.sheet}


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    """Re-run the record of an exported workbook; exit 0 if reproduced, 1 if not."""
    from exportmcda.export.record import read_record
    from exportmcda.export.verify import database_for, verify

    record = read_record(args.file)
    workbook = Path(args.file).read_bytes()  # readable: read_record has just read it
    db = database_for(record, args.data)
    result = verify(record, db, criteria_path=args.criteria, countries_dir=args.countries,
                    indicators_dir=args.indicators, workbook=workbook)
    if args.format == "json":
        write_json(result.as_dict(), out)
    elif args.format == "csv":  # market rows: kind market_<kind>, with their country
        rows = [{**d.as_dict(), "country": ""} for d in result.differences] + [
            {k: (f"market_{d.kind}" if k == "kind" else v) for k, v in d.as_dict().items()}
            for d in result.market_differences] + [_shown_row(d) for d in
                                                   result.shown_differences]
        if rows:
            emit([{k: row.get(k, "") for k in _DIFFERENCE_COLUMNS} for row in rows], "csv", out)
        else:
            out.write(",".join(_DIFFERENCE_COLUMNS) + "\n")
    else:
        _table(result, out)
    sys.stdout.flush()
    for note in result.notes:
        sys.stderr.write(f"Note: {note_text(note)}\n")
    notice = db.provenance.notice("en")
    if notice:
        sys.stderr.write(f"Note: {notice}\n")
    if not result.reproduced:
        sys.stderr.write(f"Not reproduced: {args.file} ({_changes(result)}).\n")
    return 0 if result.reproduced else 1


def add_audit_command(sub: Any, formats: Any) -> None:
    """Register ``verify`` on the ``exportmcda`` sub-parser (``formats`` adds ``--format``)."""
    p = sub.add_parser(
        "verify", help="re-run the audit record of an exported workbook and compare"
    )
    p.add_argument("file", metavar="FILE.xlsx", help="a workbook written by 'exportmcda export'")
    p.add_argument("--data", metavar="FILE", help="the database the export used (default: "
                   "the sample, when the record says the sample was used)")
    p.add_argument("--criteria", metavar="FILE", help="criteria file (default: the shipped one)")
    p.add_argument("--countries", metavar="DIR",
                   help="folder of country profiles (default: the shipped data/countries)")
    p.add_argument("--indicators", metavar="DIR",
                   help="folder of market indicator files (default: <countries>/indicators)")
    formats(p, "table")
    p.set_defaults(handler=cmd_verify)
