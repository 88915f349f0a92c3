"""Validation over Arrow texts finds what the Python checks find (issue 13, item 10).

Cells are kept as Arrow strings and searched with RE2 to find the rare columns that need
the per-cell Python checks; these tests pin the RE2 patterns to Python's own definitions,
character by character, and show a hand-built table with padded cells validates as a read
one does.
"""

from __future__ import annotations

import re
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from exportmcda.data import validate as v
from exportmcda.data.io import read_table
from exportmcda.data.table import RawTable
from exportmcda.errors import InputError


def test_whitespace_is_every_character_str_strip_removes():
    expected = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert expected == v.WHITESPACE
    assert len(expected) == 29


def test_re2_patterns_match_what_python_matches_for_every_character():
    # Every code point Arrow can hold (no surrogates), alone and at a text's edges/middle.
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for texts in (
        chars,
        [f"a{c}b" for c in chars],
        [f"{c}ab" for c in chars],
        [f"ab{c}" for c in chars],
    ):
        array = pa.array(texts, type=pa.large_string())
        control = pc.match_substring_regex(array, v._CONTROL_RE2).to_pylist()
        assert control == [v._CONTROL.search(t) is not None for t in texts]
        edge = pc.match_substring_regex(array, v._EDGE_SPACE).to_pylist()
        assert edge == [t.strip() != t for t in texts]


HEADER = (
    "technology_id",
    "technology_name",
    "company_id",
    "company_name",
    "field",
    "service_type",
    "region",
    "company_size",
    "capital_class",
    "sales_class",
    "history_class",
    "employees_class",
    "notes",
)
ROW = ("T1", "One", "C1", "Alpha", "Traffic", "Platform", "Seoul", "SME", "2", "3", "4", "3", "n")


def test_a_hand_built_table_with_padded_cells_validates_as_the_stripped_file():
    padded = tuple(f"\u3000 {c}\t" for c in ROW)
    by_hand = RawTable(
        name="t.csv", header=HEADER, rows=(padded,), row_numbers=(2,), encoding="utf-8", sha256=""
    )
    text = (",".join(HEADER) + "\n" + ",".join(ROW) + "\n").encode()
    read = v.validate(read_table(text, "t.csv"))
    made = v.validate(by_hand)
    assert made.rows.drop(columns="source_row").equals(read.rows.drop(columns="source_row"))
    assert made.rows.at[0, "technology_id"] == "T1"
    assert made.rows.at[0, "notes"] == "n"


def test_control_characters_in_an_id_column_are_found_in_every_row():
    rows = tuple((f"T{k}\x1b" if k % 2 else f"T{k}", *ROW[1:]) for k in range(1, 6))
    raw = RawTable(
        name="c.csv",
        header=HEADER,
        rows=rows,
        row_numbers=(2, 3, 4, 5, 6),
        encoding="utf-8",
        sha256="",
    )
    with pytest.raises(InputError) as info:
        v.validate(raw)
    found = [
        (i.code, i.row, i.field, i.value)
        for i in info.value.issues
        if i.code == "control_character"
    ]
    assert found == [
        ("control_character", r, "technology_id", f"T{k}\\x1b") for k, r in ((1, 2), (3, 4), (5, 6))
    ]
    assert re.search(
        "U\\+001B at position 3",
        next(i.message for i in info.value.issues if i.code == "control_character"),
    )
