"""Output of the command line: one place for the formats every command shares."""

from __future__ import annotations

import csv
import json
import math
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

from exportmcda.export.safe import neutral_text

__all__ = ["FORMATS", "emit", "records", "write_json"]

FORMATS = ("table", "json", "csv")
"""Output formats every data-printing command accepts (``--format``)."""


def write_json(data: Any, out: TextIO) -> None:
    """Pretty JSON (UTF-8 text, not escaped), NaN written as null."""
    json.dump(_plain_deep(data), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _plain_deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_deep(v) for v in value]
    return _plain(value)




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
        write_json(data, out)
    elif fmt == "csv":
        columns = list(data[0]) if data else []
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in data:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
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
                numeric = value.replace(",", "").replace(".", "").lstrip("-").rstrip("%").isdigit()
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




def _csv_cell(value: Any) -> Any:
    # CSV output is opened in spreadsheets: text that would run as a formula (a hostile
    # technology name such as =HYPERLINK(...)) is neutralised as in the CSV file export;
    # JSON keeps every value as it is (programs read it, not spreadsheets).
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return neutral_text(value)
