"""Where things are in a panel workbook: defined once for the writer and the reader.

The template (:mod:`exportmcda.panel.template`) and the reader (:mod:`exportmcda.panel.reader`)
must agree on every sheet name, row and column; keeping the positions here means a change of
layout cannot leave the reader looking in the old place.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "COL_A",
    "COL_B",
    "COL_JUDGMENT",
    "COL_LABEL_A",
    "COL_LABEL_B",
    "COL_LEVEL",
    "COL_NODE",
    "COL_NUMBER",
    "COL_QUESTION",
    "COL_SIDE",
    "FIRST_ROW",
    "FORMAT",
    "HEADER_ROW",
    "MARKER",
    "MARKER_CELL",
    "MAX_EXPERTS",
    "MAX_NAME_CHARS",
    "META_SHEET",
    "NAME_CELL",
    "WIDTH",
]

FORMAT: Final = 1
"""Version of the panel workbook layout, written to the meta sheet and checked on import."""

META_SHEET: Final = "_exportmcda_panel"
"""The hidden sheet of settings (scenario, RI table, threshold, method, language)."""

MARKER: Final = "exportmcda.panel.expert"
"""The text in :data:`MARKER_CELL` (a hidden column) of every expert sheet."""

MARKER_CELL: Final = "B1"
NAME_CELL: Final = "F3"
"""Where an expert writes their name (unlocked; the sheet's title when left empty)."""

HEADER_ROW: Final = 5
FIRST_ROW: Final = 6
"""The first row of the questions (node headings and question rows follow)."""

COL_NUMBER, COL_NODE, COL_A, COL_B = 1, 2, 3, 4
"""Question number, then the node and the two criteria by id (hidden columns)."""
COL_QUESTION, COL_LABEL_A, COL_LABEL_B = 5, 6, 7
COL_SIDE, COL_LEVEL, COL_JUDGMENT = 8, 9, 10
"""The answer: which side (A/B), how much (1-9), and the judgment a formula shows."""
WIDTH: Final = COL_JUDGMENT
"""Columns of the question area the reader looks at (the calculation area is further right)."""

MAX_EXPERTS: Final = 100
"""Most expert sheets a template has or an import reads (a panel is 5-10 people)."""

MAX_NAME_CHARS: Final = 80
"""Longest expert name kept (longer names are cut; they are labels, not data)."""
