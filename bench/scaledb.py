"""Large technology databases for the scale benchmark, grown from the shipped sample.

    python bench/scaledb.py ROWS OUT.csv|OUT.xlsx [--drop COLUMN ...]

Copy 0 is the sample itself (1,847 rows, 1,044 technologies, 300 companies); copy k > 0
repeats every sample row with new unique ids (``T0001`` → ``T0001-k``, ``C001`` →
``C001-k``) and names (`` #k`` appended), so each copy is a new set of companies and
technologies with the sample's structure (fields per technology, company attributes). The
technology-level evidence of a copy is perturbed so the copies do not tie: domestic sites
and patents get a whole-number offset drawn per technology from a generator seeded with
:data:`SEED` and the copy number (deterministic: the same ``ROWS`` always give the same
bytes). The first ``ROWS`` rows of copies 0, 1, 2, … are written (the last technology may
lose some of its fields; every row stays valid).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "technologies.csv"
SEED = 20251202
"""Seed of the evidence perturbation (with the copy number: one stream per copy)."""


def _sample() -> pd.DataFrame:
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


def _copy(sample: pd.DataFrame, k: int) -> pd.DataFrame:
    if k == 0:
        return sample
    frame = sample.copy()
    suffix = f"-{k}"
    for column in ("technology_id", "company_id"):
        frame[column] = frame[column] + suffix
    for column in ("technology_name", "company_name", "technology_name_ko", "company_name_ko"):
        if column in frame.columns:
            frame[column] = frame[column] + f" #{k}"
    rng = np.random.default_rng([SEED, k])
    techs = frame["technology_id"].drop_duplicates()
    for column in ("domestic_sites", "patents"):
        if column not in frame.columns:
            continue
        offset = pd.Series(rng.integers(-2, 3, len(techs)), index=techs.to_numpy())
        base = pd.to_numeric(frame[column], errors="coerce")
        moved = (base + frame["technology_id"].map(offset).to_numpy()).clip(lower=0)
        frame[column] = [("" if pd.isna(v) else str(int(v))) for v in moved]
    return frame


def copies(rows: int) -> Iterator[pd.DataFrame]:
    """The first ``rows`` rows, as successive copies of the sample (the last one cut)."""
    sample = _sample()
    k, left = 0, rows
    while left > 0:
        frame = _copy(sample, k)
        yield frame.iloc[:left]
        left -= len(frame)
        k += 1


def write(rows: int, path: Path, drop: tuple[str, ...] = ()) -> Path:
    """Write a database of ``rows`` rows to ``path`` (.csv UTF-8, or .xlsx write-only)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        header_done = False
        for frame in copies(rows):
            frame = frame.drop(columns=list(drop))
            if not header_done:
                sheet.append(list(frame.columns))
                header_done = True
            for record in frame.itertuples(index=False, name=None):
                sheet.append(list(record))
        book.save(path)
        return path
    with path.open("w", encoding="utf-8", newline="") as handle:
        for k, frame in enumerate(copies(rows)):
            frame.drop(columns=list(drop)).to_csv(handle, index=False, header=k == 0,
                                                  lineterminator="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--drop", action="append", default=[], metavar="COLUMN")
    args = parser.parse_args(argv)
    write(args.rows, args.out, tuple(args.drop))
    print(f"wrote {args.out} ({args.rows:,} rows)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
