"""Command-line interface: a thin shell over the library.

Data goes to stdout in one of the formats of :data:`FORMATS`; messages go to stderr. Exit
codes: 0 ok, 1 bad input (an :class:`~exportmcda.errors.ExportMcdaError`), 2 bad usage
(argparse's convention). No traceback reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import csv
import io as _stdio
import json
import math
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from exportmcda import __version__
from exportmcda.database import Database
from exportmcda.errors import ExportMcdaError
from exportmcda.labels import t

__all__ = ["FORMATS", "main"]

FORMATS = ("table", "json", "csv")
"""Output formats every data-printing command accepts (``--format``)."""

Handler = Callable[[argparse.Namespace, TextIO], int]


# ----------------------------------------------------------------------------- output


def _plain(value: Any) -> Any:
    """JSON-safe scalar: NA/NaN → None, numpy scalars → Python scalars."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NA:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return value


def records(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copy rows with every value made JSON-safe."""
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e-3 and value != 0 else f"{value:,.4f}".rstrip(
            "0"
        ).rstrip(".")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns in a terminal."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    out: TextIO,
    *,
    total: dict[str, Any] | None = None,
    notes: Sequence[str] = (),
    headers: dict[str, str] | None = None,
) -> None:
    """Write ``rows`` to ``out`` as a table, JSON (a list of row objects) or CSV.

    A total row is only ever printed in ``table`` format (the JSON/CSV contract is one
    object per data row); notes go under the table, or to stderr for JSON/CSV. ``headers``
    translates column names in ``table`` format only (JSON and CSV keep the contract's names).
    """
    data = records(rows)
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        columns = list(data[0]) if data else []
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in data:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    else:
        shown = [*data, total] if total else data
        columns = list(data[0]) if data else []
        cells = [[_cell(row.get(c)) for c in columns] for row in shown]
        titles = [(headers or {}).get(c, c) for c in columns]
        widths = [max([_width(c), *(_width(r[i]) for r in cells)]) for i, c in enumerate(titles)]

        def line(values: Sequence[str]) -> str:
            parts = []
            for value, w in zip(values, widths, strict=True):
                pad = " " * (w - _width(value))
                numeric = value.replace(",", "").replace(".", "").lstrip("-").isdigit()
                parts.append(pad + value if numeric else value + pad)
            return "  ".join(parts).rstrip()

        out.write(line([(headers or {}).get(c, c) for c in columns]) + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for i, cell_row in enumerate(cells):
            if total is not None and i == len(cells) - 1:
                out.write("  ".join("-" * w for w in widths) + "\n")
            out.write(line(cell_row) + "\n")
        for note in notes:
            out.write(f"Note: {note}\n")
    if fmt != "table":
        for note in notes:
            sys.stderr.write(f"Note: {note}\n")


# ---------------------------------------------------------------------------- loading


def _database(path: str | None) -> Database:
    from exportmcda.io import load, load_sample

    return load_sample() if path is None else load(path)


def _synthetic_notice(db: Database, lang: str) -> None:
    notice = db.provenance.notice(lang)
    if notice:
        sys.stdout.flush()
        sys.stderr.write(f"Note: {notice}\n")


# ---------------------------------------------------------------------------- commands


def _cmd_overview(args: argparse.Namespace, out: TextIO) -> int:
    from exportmcda.profiles import overview, study_round

    db = _database(args.data)
    table = overview(db, args.table, lang=args.lang)
    frame = table.rows
    pct_columns = [c for c in frame.columns if c.endswith("pct")]
    rows: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")
    ]
    for row in rows:  # percentages are printed as the study prints them: one decimal
        for column in pct_columns:
            value = _plain(row[column])
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
    emit(rows, args.format, out, total=total, notes=table.notes, headers=headers)
    _synthetic_notice(db, args.lang)
    return 0


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from exportmcda.io import load
    from exportmcda.validate import summary

    try:
        db = load(args.file)
    except ExportMcdaError as error:
        rows = [issue.as_dict() for issue in error.issues]
        if args.format == "json":
            json.dump({"valid": False, "issues": records(rows)}, out, ensure_ascii=False, indent=2)
            out.write("\n")
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
        json.dump({"valid": True, **counts}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        emit([{"check": k, "count": v} for k, v in counts.items()], args.format, out)
    if args.format == "table":
        out.write(
            f"OK: {counts['rows']:,} technology × field rows, {counts['technologies']:,} "
            f"technologies, {counts['companies']:,} companies.\n"
        )
    return 0


# ----------------------------------------------------------------------------- parser


def _formats(parser: argparse.ArgumentParser, default: str = "table") -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default {default})"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command (also used to document them)."""
    from exportmcda.profiles import TABLES

    parser = argparse.ArgumentParser(
        prog="exportmcda",
        description="Select smart-city technologies for export: overview, validation, "
        "AHP weighting and TOPSIS ranking.",
    )
    parser.add_argument("--version", action="version", version=f"exportmcda {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("overview", help="the study's tables computed from a database")
    p.add_argument("--table", required=True, choices=TABLES, help="which table")
    p.add_argument("--data", metavar="FILE", help="a database (.csv/.xlsx); default: the sample")
    p.add_argument("--lang", choices=("en", "ko"), default="en", help="names in en or ko")
    _formats(p)
    p.set_defaults(handler=_cmd_overview)

    p = sub.add_parser("validate", help="check a database file; list every problem")
    p.add_argument("file", metavar="FILE", help="a database in the interchange format")
    _formats(p)
    p.set_defaults(handler=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 bad input, 2 bad usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    stream = out if out is not None else sys.stdout
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except ExportMcdaError as error:
        for issue in error.issues:
            sys.stderr.write(f"Error: {issue}\n")
        return 1
    except BrokenPipeError:  # e.g. `exportmcda overview ... | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return 130
    except Exception as error:  # the last guard: never a traceback without --debug
        if args.debug:
            traceback.print_exc()
        else:
            sys.stderr.write(
                f"Internal error: {type(error).__name__}: {error}\n"
                "Run again with --debug for the traceback, and report it.\n"
            )
        return 3


def run(argv: Sequence[str]) -> tuple[int, str]:
    """Run the CLI in-process and capture stdout (for tests and notebooks)."""
    buffer = _stdio.StringIO()
    code = main(argv, out=buffer)
    return code, buffer.getvalue()
