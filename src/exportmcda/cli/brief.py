"""The ``brief`` command: a one-page briefing (PDF or HTML) of a decision record.

``exportmcda brief decision.json [--lang ko|en] [--data FILE] --out brief.pdf|brief.html``
reads a decision record (a JSON file, or the ``record`` sheet of an exported workbook),
re-runs it like ``verify``, and writes the briefing in the format the suffix names,
atomically (a temporary file renamed: no half-written briefing). An edited record is
refused (exit 1). When today's inputs no longer give the recorded shortlist the briefing
still shows the recorded one and says so prominently; a note on stderr says it too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from exportmcda.cli.decide import refuse_non_topsis
from exportmcda.cli.decisions import add_record_inputs
from exportmcda.errors import ConfigError
from exportmcda.labels import t

__all__ = ["OUTPUT_SUFFIXES", "add_brief_command", "cmd_brief"]

OUTPUT_SUFFIXES = (".pdf", ".html", ".htm")


def cmd_brief(args: argparse.Namespace, out: TextIO) -> int:
    """Write the briefing of a decision record; exit 0 once written."""
    target = Path(args.out)
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise ConfigError.single(
            "brief.output_suffix",
            "the briefing is written as .pdf or .html; the suffix of --out decides",
            field="--out",
            value=args.out,
        )
    from exportmcda.brief.page import render_html
    from exportmcda.brief.pdf import briefing_pdf
    from exportmcda.brief.replay import from_record, load_record
    from exportmcda.data.io import write_bytes_atomic

    record = load_record(args.file)
    # The briefing's stability figures are TOPSIS's (one-at-a-time, SMAA): a record
    # of another method is refused rather than shown with another method's robustness.
    refuse_non_topsis(record.method, "brief.method_not_topsis", field="method",
                      advice="record the decision with --method topsis for a briefing")
    briefing = from_record(
        record,
        lang=args.lang,
        data=args.data,
        criteria_path=args.criteria,
        countries_dir=args.countries,
        indicators_dir=args.indicators,
        samples=args.samples,
        seed=args.seed,
    )
    if suffix == ".pdf":
        rendered = briefing_pdf(briefing)
        write_bytes_atomic(target, rendered.data)
        pages = rendered.pages
    else:
        write_bytes_atomic(target, render_html(briefing).encode("utf-8"))
        pages = 1
    if briefing.replay.status != "identical":
        sys.stderr.write(f"Note: {t('brief_replay_differs', args.lang)}\n")
    if briefing.synthetic_notice:
        sys.stderr.write(f"Note: {briefing.synthetic_notice}\n")
    sys.stderr.write(f"Wrote {target} ({pages} page{'s' * (pages != 1)}, {args.lang}).\n")
    return 0


def add_brief_command(sub: Any, formats: Any) -> None:
    """Register ``brief`` on the ``exportmcda`` sub-parser (no ``--format``: the suffix)."""
    p = sub.add_parser("brief", help="a one-page briefing (PDF or HTML) of a decision record")
    p.add_argument(
        "file",
        metavar="DECISION",
        help="a decision record (.json) or a workbook written by 'exportmcda export'",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="brief.pdf or brief.html (the suffix picks the format)",
    )
    p.add_argument("--lang", choices=("en", "ko"), default="en", help="language of the page")
    add_record_inputs(p)
    p.add_argument(
        "--samples",
        type=int,
        default=10_000,
        help="SMAA weight samples for the top-N share (default 10000)",
    )
    p.add_argument("--seed", type=int, default=0, help="SMAA seed (default 0)")
    p.set_defaults(handler=cmd_brief)
