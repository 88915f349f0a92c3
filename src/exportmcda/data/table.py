"""The raw table: cells exactly as read, before validation gives them meaning.

It sits between reading (:mod:`exportmcda.data.io`) and validation
(:mod:`exportmcda.data.validate`) so that neither imports the other for its type.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RawTable"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RawTable:
    """A table exactly as read: text cells, spreadsheet row numbers, where it came from.

    Rows are padded with ``''`` to the header length; rows whose cells are all empty are
    left out (Excel leaves such rows) but keep their place in the numbering.
    """

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    encoding: str
    sha256: str
