"""Commands on a database: ``overview`` (the study's tables) and ``validate``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.output import emit, records, write_json
from exportmcda.errors import ExportMcdaError
from exportmcda.labels import note_text, t

if TYPE_CHECKING:  # the commands import what they use, when they run (start-up time)
    from exportmcda.data.database import Database

__all__ = ["cmd_overview", "cmd_validate", "database_arg", "synthetic_notice"]



def database_arg(path: str | None) -> Database:
    """The database of ``--data FILE``, or the sample when no file is given."""
    from exportmcda.data.io import load, load_sample

    return load_sample() if path is None else load(path)


def synthetic_notice(db: Database, lang: str) -> None:
    """Say on stderr that the data is synthetic, when it is."""
    notice = db.provenance.notice(lang)
    if notice:
        sys.stdout.flush()
        sys.stderr.write(f"Note: {notice}\n")



def cmd_overview(args: argparse.Namespace, out: TextIO) -> int:
    """Print one of the study's tables computed from the database."""
    import pandas as pd

    from exportmcda.data.overview import overview, study_round

    db = database_arg(args.data)
    table = overview(db, args.table, lang=args.lang)
    frame = table.rows
    pct_columns = [c for c in frame.columns if c.endswith("pct")]
    rows: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")
    ]
    for row in rows:  # percentages are printed as the study prints them: one decimal
        for column in pct_columns:
            value = None if pd.isna(row[column]) else row[column]
            row[column] = None if value is None else study_round(float(value))
            if args.format == "table" and row[column] is not None:
                row[column] = f"{row[column]:.1f}"
    total: dict[str, Any] | None = None
    if args.format == "table" and rows:
        first = next(iter(rows[0]))
        total = {first: t("total", args.lang)}
        for column in frame.columns:
            if column.endswith("pct"):
                total[column] = "100.0"
            elif column in ("technologies", "companies"):
                total[column] = int(frame[column].sum())
    headers = {c: t(f"col_{c}", args.lang) for c in frame.columns}
    notes = [note_text(n, args.lang) for n in table.notes]
    emit(rows, args.format, out, total=total, notes=notes, headers=headers)
    synthetic_notice(db, args.lang)
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Validate a database file: a summary and exit 0, or every problem and exit 1."""
    from exportmcda.data.io import load
    from exportmcda.data.validate import summary

    try:
        db = load(args.file)
    except ExportMcdaError as error:
        rows = [issue.as_dict() for issue in error.issues]
        if args.format == "json":
            write_json({"valid": False, "issues": records(rows)}, out)
        elif args.format == "csv":
            emit(rows, "csv", out)
        else:
            for issue in error.issues:
                out.write(f"{issue}\n")
        n = len(error.issues)
        sys.stderr.write(f"Error: {n} problem{'s' * (n != 1)} found in {args.file}\n")
        return 1
    counts = summary(db)
    if args.format == "json":
        write_json({"valid": True, **counts}, out)
    else:
        emit([{"check": k, "count": v} for k, v in counts.items()], args.format, out)
    if args.format == "table":
        out.write(
            f"OK: {counts['rows']:,} technology × field rows, {counts['technologies']:,} "
            f"technologies, {counts['companies']:,} companies.\n"
        )
    return 0


