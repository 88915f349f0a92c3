"""The command line shared by the scripts that build shipped data from ``../shared/reference``.

``build_countries.py`` and ``build_indicators.py`` both turn a reference CSV + its Markdown
notes into TOML files under ``data/countries``; they differ only in their ``build`` function
and default paths, so the argument parsing and error reporting live here once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
"""The team's reference data, beside the repository (``../shared/reference``)."""

Build = Callable[[Path, Path, Path], list[Path]]


def run_build(
    build: Build,
    *,
    description: str,
    reference_stem: str,
    default_out: Path,
    error: type[Exception],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse ``--csv/--md/--out``, run *build*, report ``error`` as one line; the exit code."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--csv", type=Path, default=REFERENCE / f"{reference_stem}.csv")
    parser.add_argument("--md", type=Path, default=REFERENCE / f"{reference_stem}.md")
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    try:
        written = build(args.csv, args.md, args.out)
    except error as exc:
        sys.stderr.write(f"Error: {exc}\n")
        return 1
    sys.stderr.write(f"wrote {len(written)} files to {args.out}\n")
    return 0
