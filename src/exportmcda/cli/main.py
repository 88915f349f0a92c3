"""Command-line interface: a thin shell over the library.

Data goes to stdout in one of the formats of :data:`FORMATS`; messages go to stderr. Exit
codes: 0 ok, 1 bad input (an :class:`~exportmcda.errors.ExportMcdaError`), 2 bad usage
(argparse's convention). No traceback reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import io as _stdio
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TextIO

from exportmcda.cli.audit import add_audit_command
from exportmcda.cli.brief import add_brief_command
from exportmcda.cli.data import cmd_overview, cmd_validate
from exportmcda.cli.decide import add_commands
from exportmcda.cli.decisions import add_decision_commands
from exportmcda.cli.markets import add_market_commands
from exportmcda.cli.output import FORMATS
from exportmcda.cli.panel import add_panel_commands
from exportmcda.cli.scenarios import add_scenario_commands
from exportmcda.cli.shortlist import add_shortlist_command
from exportmcda.errors import ExportMcdaError
from exportmcda.labels import issue_text
from exportmcda.version import __version__

__all__ = ["FORMATS", "build_parser", "main", "run"]

Handler = Callable[[argparse.Namespace, TextIO], int]


# ----------------------------------------------------------------------------- parser


def _formats(parser: argparse.ArgumentParser, default: str = "table") -> None:
    """Add the one ``--format`` option every data-printing command shares."""
    parser.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default {default})"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command (also used to document them)."""
    from exportmcda.data.overview import TABLES

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
    p.set_defaults(handler=cmd_overview)

    p = sub.add_parser("validate", help="check a database file; list every problem")
    p.add_argument("file", metavar="FILE", help="a database in the interchange format")
    _formats(p)
    p.set_defaults(handler=cmd_validate)

    add_commands(sub, _formats)
    add_audit_command(sub, _formats)
    add_market_commands(sub, _formats)
    add_shortlist_command(sub, _formats)
    add_decision_commands(sub, _formats)
    add_brief_command(sub, _formats)
    add_panel_commands(sub, _formats)
    add_scenario_commands(sub, _formats)
    return parser


_NUMBER_LIST = re.compile(r"^-?[0-9.]+(/[0-9.]+)?(,-?[0-9.]+(/[0-9.]+)?)*$")


def _attach_number_lists(argv: Sequence[str]) -> list[str]:
    """Let ``--types -1,1`` work: argparse would read ``-1,1`` as an option, not a value."""
    out: list[str] = []
    items = list(argv)
    k = 0
    while k < len(items):
        item = items[k]
        if item in ("--types", "--weights") and k + 1 < len(items) and _NUMBER_LIST.match(
            items[k + 1]
        ):
            out.append(f"{item}={items[k + 1]}")
            k += 2
            continue
        out.append(item)
        k += 1
    return out


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 bad input, 2 bad usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(_attach_number_lists(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    stream = out if out is not None else sys.stdout
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except ExportMcdaError as error:
        lang = getattr(args, "lang", "en")
        for issue in error.issues:
            sys.stderr.write(f"Error: {issue_text(issue, lang)}\n")
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
