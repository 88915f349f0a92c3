"""Turn a raw table into a validated :class:`~exportmcda.data.database.Database`.

Every problem is reported at once, not the first one only.

The interchange format
----------------------
One flat table (``.csv`` or ``.xlsx``, first worksheet), **one row per technology ×
technology field** (the study's 1,847 rows for 1,044 technologies), the company's attributes
repeated on every row of that company. Row 1 holds the column names; they match
case-insensitively after stripping spaces, their order is free.

Required columns
    ``technology_id, technology_name, company_id, company_name, field, service_type,
    region, company_size``. ``field``, ``service_type``, ``region`` and ``company_size``
    accept the study's number, English name, Korean name or an alias
    (:func:`exportmcda.data.taxonomy.lookup`): ``Traffic``, ``교통`` and ``6`` are the same field.
    An empty ``service_type`` means the row has no service type (kept as NA).
Company scales (capital, sales, history, employees)
    Each needs its raw column (``capital_krw``, ``sales_krw`` in won, ``founded_year``,
    ``employees`` in people) **or** its class column (``capital_class``, ``sales_class``,
    ``history_class``, ``employees_class``: 1–7, history 1–6 — the study's class tables),
    or both, which must then agree. The class is computed from the raw value with
    :meth:`~exportmcda.data.taxonomy.ClassScale.classify`; history is
    ``REFERENCE_YEAR − founded_year`` (2021, the study's year). A row with both cells empty
    has "no class" (NA; the study's five "others" for capital stock). Numbers may be written
    ``1200000000``, ``1,200,000,000`` or ``1.2e9`` (as Excel exports them); won, years and
    people are whole numbers.
Optional columns
    ``technology_name_ko`` and ``company_name_ko``: Korean names, shown by the Korean
    interface (agree on every row of the technology / company). Technology-level evidence
    (:data:`~exportmcda.data.database.EVIDENCE_COLUMNS`), each agreeing on every row of the
    technology, an empty cell meaning "not known": ``domestic_sites``, ``overseas_sites``,
    ``patents`` (whole numbers ≥ 0), ``trl`` (1–9), ``launched`` (a year from 1950 to the
    current year), ``export_countries`` (ISO 3166-1 alpha-3 codes, ``;``-separated, checked
    against the 249 official codes), ``certifications`` (``GS``, ``NEP``, ``NET``, ``INNO``
    — or their names — and ``other:<text>``, ``;``-separated).
Extra columns
    Any other column (e.g. ``notes``) is kept as text, in file order, in
    :attr:`Database.extra_columns <exportmcda.data.database.Database.extra_columns>`.

Text is only trimmed of surrounding whitespace; a row whose cells are all empty is skipped.
Every problem becomes an :class:`~exportmcda.errors.Issue` (file, spreadsheet row, column,
cell text, stable ``code``) and all of them are raised together in one
:class:`~exportmcda.errors.InputError`, so a user fixes a file in one pass.

Issue codes: ``missing_column``, ``duplicate_column``, ``reserved_column``,
``unnamed_column``, ``no_rows``, ``empty_id``, ``empty_value``, ``unknown_field``,
``unknown_service_type``, ``unknown_region``, ``unknown_company_size``, ``not_a_number``,
``not_an_integer``, ``negative_number``, ``number_out_of_range``, ``future_year``,
``implausible_year``, ``class_out_of_range``, ``raw_class_mismatch``, ``company_conflict``,
``technology_conflict``, ``duplicate_row``, ``unknown_country_code``,
``unknown_certification``, ``control_character``, ``cell_too_long`` (reading a file adds
those of :func:`exportmcda.data.io.read_table`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from exportmcda.data.database import (
    CANONICAL_COLUMNS,
    CERTIFICATIONS,
    COMPANY_COLUMNS,
    DICTIONARY_COLUMNS,
    EVIDENCE_COLUMNS,
    NAME_COLUMNS,
    OTHER_CERTIFICATION,
    REQUIRED_COLUMNS,
    Database,
    EvidenceColumn,
    Provenance,
    current_year,
    integer_dtype,
    iso_alpha3,
    text_column,
)
from exportmcda.data.limits import MAX_CELL_CHARS
from exportmcda.data.table import ColumnRows, RawTable, release_freed_texts, text_array
from exportmcda.data.taxonomy import (
    CLASS_SCALES,
    HISTORY,
    REFERENCE_YEAR,
    ClassScale,
    Dimension,
    lookup,
)
from exportmcda.errors import InputError, Issue

__all__ = ["MAX_CELL_CHARS", "check_header", "summary", "validate"]

_DIMENSIONS: dict[str, tuple[Dimension, str]] = {
    "field": (Dimension.FIELD, "technology field"),
    "service_type": (Dimension.SERVICE_TYPE, "service type"),
    "region": (Dimension.REGION, "region"),
    "company_size": (Dimension.COMPANY_SIZE, "company size"),
}
_IDS = ("technology_id", "company_id")
_NAMES = ("technology_name", "company_name")
_RAW_OF = {s.class_column: s.raw_column for s in CLASS_SCALES}
_EVIDENCE = {c.name: c for c in EVIDENCE_COLUMNS}
_KNOWN = (frozenset(CANONICAL_COLUMNS) - {"source_row"}) | set(NAME_COLUMNS) | set(_EVIDENCE)
_CERTIFICATION_ALIASES = {
    alias.casefold(): code
    for code, (_, _, aliases) in CERTIFICATIONS.items()
    for alias in (code, *aliases)
}
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_LIMIT = 10**18
"""Largest raw value accepted (fits a 64-bit integer; 10^18 won is far beyond any firm)."""
_EARLIEST_YEAR = 1800
"""Earliest plausible founding year: catches two-digit years ('98' → 1,900+ years)."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"
""":data:`_CONTROL` in RE2's syntax, to find the (rare) columns to check over Arrow texts."""
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.strip()`` removes (``str.isspace``; a test compares the two)."""
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(c):04X}}}" for c in WHITESPACE) + "]"
_EDGE_SPACE = f"^{_SPACE_CLASS}|{_SPACE_CLASS}$"
"""A text ``str.strip()`` would change: it starts or ends with whitespace (RE2)."""
_SHOWN_CHARS = 60


def _shown(cell: str) -> str:
    """A cell as an issue shows it: control characters escaped, at most 60 characters."""
    head = cell[:_SHOWN_CHARS] + ("…" if len(cell) > _SHOWN_CHARS else "")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", head)


class _Bad:
    """Marker for a cell that already has an issue (so no follow-up issues pile up)."""


_BAD = _Bad()
_Value = str | int | None | _Bad
_Finding = tuple[str, str, str, str]
"""What a check found in one cell: code, message, column, cell text (the row is added)."""
_Check = Callable[[str], tuple[_Value, list[_Finding]]]


def _found(code: str, message: str, field: str, value: str) -> _Finding:
    """One finding (the issue codes' scan in ``tests/test_labels.py`` reads these calls)."""
    return (code, message, field, value)


@dataclass(frozen=True, slots=True)
class _Factor:
    """A column of values, each distinct cell checked once: row ``i`` holds ``values[codes[i]]``.

    A table repeats its fields, regions, classes and company attributes on every row, so
    checking the distinct texts (a few thousand) instead of every cell (up to 10^6 × 25)
    is what makes validation scale (issue 13, item 10); the issues are then listed for
    every row that holds a bad text, exactly as a row-by-row check would.
    """

    codes: np.ndarray
    values: list[_Value]

    def at(self, i: int) -> _Value:
        """The value of row ``i``."""
        return self.values[int(self.codes[i])]

    def keys(self) -> np.ndarray:
        """Per row, a number shared by equal values; -1 for a cell with an issue."""
        values = np.empty(len(self.values), dtype=object)
        values[:] = self.values
        canon, _ = pd.factorize(values, use_na_sentinel=False)
        canon[[v is _BAD for v in self.values]] = -1
        keys: np.ndarray = np.asarray(canon, dtype=np.int64)[self.codes]
        return keys


@dataclass(frozen=True, slots=True)
class _Texts:
    """A text column's values (ids, names): row ``i`` holds ``array[codes[i]]``, in Arrow.

    Ids and names are mostly distinct (10^6 rows hold about 565,000 technologies): they
    are checked and compared as Arrow strings, without a Python string each (issue 13,
    item 10). ``bad`` marks the distinct values that have an issue.
    """

    codes: np.ndarray
    array: pa.Array
    bad: np.ndarray

    def at(self, i: int) -> str | None:
        """The value of row ``i``."""
        value = self.array[int(self.codes[i])].as_py()
        return None if value is None else str(value)

    def keys(self) -> np.ndarray:
        """Per row, a number shared by equal values; -1 for a cell with an issue."""
        canon = pc.dictionary_encode(self.array, null_encoding="encode").indices
        distinct = np.asarray(canon.to_numpy(zero_copy_only=False), dtype=np.int64)
        distinct[self.bad] = -1
        keys: np.ndarray = distinct[self.codes]
        return keys


def _stripped(raw: pa.Array) -> pa.Array:
    """The texts stripped as ``str.strip()`` does; ``raw`` itself when none needs it.

    A table read from a file is stripped already (the readers strip every cell), so the
    Python strings are made only for a table built by hand with padded cells.
    """
    if not pc.any(pc.match_substring_regex(raw, _EDGE_SPACE)).as_py():
        return raw
    return text_array([str(t).strip() for t in raw.to_pylist()])


class _Column:
    """One column of the raw table: per row, a code into its distinct cells (as read).

    The distinct cells stay Arrow strings (``raw`` as read, ``text`` stripped); the checks
    that run once per distinct text in Python (the taxonomy, numbers, evidence: few
    distinct texts) take them as a list (:meth:`texts`), the ids and names do not.
    """

    __slots__ = ("_texts", "codes", "raw", "text")

    def __init__(self, codes: np.ndarray, raw: pa.Array) -> None:
        self.codes = codes
        self.raw = text_array(raw)
        self.text = _stripped(self.raw)
        self._texts: list[str] | None = None

    @classmethod
    def of(cls, cells: tuple[str, ...]) -> _Column:
        codes, uniques = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
        return cls(codes, text_array([str(u) for u in uniques.tolist()]))

    @classmethod
    def empty(cls, n: int) -> _Column:
        """A column the file does not have: every cell ``''``."""
        return cls(np.zeros(n, dtype=np.intp), text_array([""]))

    def texts(self) -> list[str]:
        """The distinct stripped texts as Python strings (made once, when first asked)."""
        if self._texts is None:
            self._texts = [str(t) for t in self.text.to_pylist()]
        return self._texts

    def filled(self) -> np.ndarray:
        """Per distinct text, whether it is not empty once stripped."""
        lengths = pc.utf8_length(self.text).to_numpy(zero_copy_only=False)
        filled: np.ndarray = np.asarray(lengths, dtype=np.int64) > 0
        return filled

    def raw_at(self, i: int) -> str:
        """Row ``i``'s cell as read."""
        return str(self.raw[int(self.codes[i])].as_py())

    def text_at(self, i: int) -> str:
        """Row ``i``'s cell, stripped."""
        return str(self.text[int(self.codes[i])].as_py())

    def take(self, keep: np.ndarray) -> _Column:
        """The rows ``keep``, with only the distinct cells they hold."""
        used, codes = np.unique(self.codes[keep], return_inverse=True)
        return _Column(codes.reshape(-1), self.raw.take(pa.array(used)))


def _name_column(texts: _Texts) -> pd.Series:
    """A per-row name column, each distinct name stored once (an Arrow dictionary column).

    A company's name is repeated on every row of its technologies, a technology's on each
    of its fields: as plain text the four name columns took 190 MB at 10^6 rows, as int32
    codes into their distinct names about 100 MB less (issue 13, item 10; bench/README.md,
    memory at 10^6 rows, sixth pass). Built in Arrow: no Python string per name, and no
    pandas categorical, whose categories index keeps a hash table of every name.
    """
    encoded = pc.dictionary_encode(texts.array)
    distinct = np.asarray(pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False),
                          dtype=np.int32)
    codes = distinct[texts.codes]
    column = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), encoded.dictionary)
    return pd.Series(pd.arrays.ArrowExtensionArray(column), copy=False)


def _decimal(text: str) -> Decimal | None:
    """Parse ``1200``, ``1,200,000`` (proper thousands groups only) or ``1.2e9``."""
    if _GROUPED.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def _category(column: str, dim: Dimension, label: str) -> _Check:
    """The check of a taxonomy cell: its number, name or alias (an empty service type: NA)."""

    def check(text: str) -> tuple[_Value, list[_Finding]]:
        if not text:
            if column == "service_type":
                return None, []  # the row has no service type
            return _BAD, [_found("empty_value", f"{column} is empty; expected a {label}", column,
                                  "")]
        found = lookup(dim, text)
        if found is not None:
            return found.number, []
        first = dim.categories[0]
        message = (
            f"unknown {label} {text!r}; expected a number 1–{len(dim.categories)} or a name "
            f"from the study's list (e.g. {first.en!r} or {first.ko!r})"
        )
        return _BAD, [_found(f"unknown_{column}", message, column, text)]

    return check


def _raw_value(scale: ClassScale, text: str) -> tuple[_Value, list[_Finding]]:
    unit = "a year" if scale is HISTORY else f"a whole number of {scale.unit}"
    number = _decimal(text)
    code, message = "", ""
    if number is None:
        code, message = "not_a_number", f"expected {unit}, got {text!r} (not a number)"
    elif number < 0:
        code, message = "negative_number", f"expected {unit} ≥ 0, got {text!r}"
    elif number > _LIMIT:
        code, message = "number_out_of_range", f"expected {unit} ≤ 10^18, got {text!r}"
    elif number != number.to_integral_value():
        code, message = "not_an_integer", f"expected {unit}, got {text!r}"
    elif scale is HISTORY and number > REFERENCE_YEAR:
        code = "future_year"
        message = f"founding year {text!r} is after the reference year {REFERENCE_YEAR}"
    elif scale is HISTORY and number < _EARLIEST_YEAR:
        code = "implausible_year"
        message = f"expected a four-digit founding year from {_EARLIEST_YEAR}, got {text!r}"
    if code or number is None:
        return _BAD, [_found(code, message, scale.raw_column, text)]
    return int(number), []


def _class_value(scale: ClassScale, text: str) -> tuple[_Value, list[_Finding]]:
    number = _decimal(text)
    top = scale.max_level
    if number is None:
        message = f"expected a class from 1 to {top}, got {text!r} (not a number)"
        return _BAD, [_found("not_a_number", message, scale.class_column, text)]
    if not 1 <= number <= top or number != number.to_integral_value():
        message = f"expected a whole class from 1 to {top}, got {text!r}"
        return _BAD, [_found("class_out_of_range", message, scale.class_column, text)]
    return int(number), []


def _scale(scale: ClassScale, raw_text: str, class_text: str) -> tuple[
    _Value, _Value, list[_Finding]
]:
    """A company scale: raw value, the class in force (given, else computed), the findings."""
    findings: list[_Finding] = []
    raw: _Value = None
    given: _Value = None
    if raw_text:
        raw, found = _raw_value(scale, raw_text)
        findings += found
    if class_text:
        given, found = _class_value(scale, class_text)
        findings += found
    derived: _Value = None
    if isinstance(raw, int):
        measure = REFERENCE_YEAR - raw if scale is HISTORY else raw
        derived = scale.classify(measure)
        if isinstance(given, int) and given != derived:
            level = scale.level(derived)
            shown = f"{measure} years in {REFERENCE_YEAR}" if scale is HISTORY else level.en
            message = (
                f"{scale.raw_column} {raw_text!r} means class {derived} ({shown}) but "
                f"{scale.class_column} is {class_text!r}; expected them to agree"
            )
            findings.append(_found("raw_class_mismatch", message, scale.class_column, class_text))
    in_force = given if class_text else (_BAD if raw is _BAD else derived)
    return raw, in_force, findings


def _evidence(spec: EvidenceColumn) -> _Check:
    """The check of one evidence cell: a count or year (int) or normalised ``;``-joined codes."""

    def check(text: str) -> tuple[_Value, list[_Finding]]:
        if not text:
            return None, []
        if spec.kind == "countries":
            return _codes(spec, text, _country)
        if spec.kind == "certifications":
            return _codes(spec, text, _certification)
        number = _decimal(text)
        top = current_year() if spec.kind == "year" else spec.maximum
        low = spec.minimum if spec.minimum is not None else 0
        expected = (
            f"a year from {low} to {top}" if spec.kind == "year"
            else f"a whole number from {low} to {top}" if top is not None
            else f"a whole number ≥ {low}"
        )
        code = ""
        if number is None:
            code, expected = "not_a_number", f"expected {expected}, got {text!r} (not a number)"
        elif number != number.to_integral_value() or abs(number) > _LIMIT:
            code, expected = "not_an_integer", f"expected {expected}, got {text!r}"
        elif number < 0 and spec.kind == "count":
            code, expected = "negative_number", f"expected {expected}, got {text!r}"
        elif spec.kind == "year" and number > (top or 0):
            code, expected = "future_year", f"expected {expected}, got {text!r}"
        elif spec.kind == "year" and number < low:
            code, expected = "implausible_year", f"expected {expected}, got {text!r}"
        elif number < low or (top is not None and number > top):
            code, expected = "number_out_of_range", f"expected {expected}, got {text!r}"
        if code:
            return _BAD, [_found(code, f"{spec.name}: {expected}", spec.name, text)]
        return int(cast(Decimal, number)), []

    return check


def _codes(
    spec: EvidenceColumn, text: str, parse: Callable[[str], str | None]
) -> tuple[_Value, list[_Finding]]:
    """Split a ``;``-separated cell, normalise each part, report the unknown ones."""
    found: dict[str, None] = {}
    findings: list[_Finding] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        code = parse(part)
        if code is None:
            if spec.kind == "countries":
                issue, message = "unknown_country_code", (
                    f"{spec.name}: {part!r} is not an ISO 3166-1 alpha-3 country code; "
                    "expected three letters such as 'VNM' (Viet Nam) or 'IDN' (Indonesia), "
                    "separated by ';'"
                )
            else:
                issue, message = "unknown_certification", (
                    f"{spec.name}: unknown certification {part!r}; expected "
                    f"{', '.join(CERTIFICATIONS)} or 'other:<text>', separated by ';'"
                )
            findings.append(_found(issue, message, spec.name, part))
        else:
            found[code] = None
    if findings:
        return _BAD, findings
    return ";".join(found) or None, []


def _country(part: str) -> str | None:
    code = part.upper()
    return code if code in iso_alpha3() else None


def _certification(part: str) -> str | None:
    if part.casefold().startswith(OTHER_CERTIFICATION):
        rest = part[len(OTHER_CERTIFICATION):].strip()
        return f"{OTHER_CERTIFICATION}{rest}" if rest else None
    return _CERTIFICATION_ALIASES.get(part.casefold())


def _first_rows(keys: np.ndarray) -> np.ndarray:
    """Per row, the index of the first row with the same key (-1 where the key is -1)."""
    out = np.full(len(keys), -1, dtype=np.int64)
    valid = np.flatnonzero(keys >= 0)
    if valid.size:
        found, first = np.unique(keys[valid], return_index=True)
        by_key = np.full(int(found[-1]) + 1, -1, dtype=np.int64)
        by_key[found] = valid[first]
        out[valid] = by_key[keys[valid]]
    return out


class _Checker:
    """One pass over a raw table, collecting issues and the normalized values by column."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.issues: list[Issue] = []
        self.columns: dict[str, int] = {}
        self.extras: list[tuple[str, int]] = []
        header = tuple(raw.header)
        rows = raw.rows
        if isinstance(rows, ColumnRows):  # as read: already by column
            cells = [_Column(codes, texts) for codes, texts in rows.texts]
            width = max(len(header), len(cells))
            cells += [_Column.empty(len(rows)) for _ in range(width - len(cells))]
        else:
            width = max(len(header), max(map(len, rows), default=0))
            if any(len(row) != width for row in rows):
                rows = tuple(tuple(row) + ("",) * (width - len(row)) for row in rows)
            cells = [_Column.of(column) for column in zip(*rows, strict=True)] if rows else [
                _Column.empty(0) for _ in range(width)
            ]
        self.header = header + ("",) * (width - len(header))
        blank = np.ones(len(rows), dtype=bool)
        for column in cells:
            blank &= ~column.filled()[column.codes]
        keep = np.flatnonzero(~blank)
        self.cells = cells if len(keep) == len(rows) else [column.take(keep) for column in cells]
        self.numbers = np.asarray(raw.row_numbers, dtype=np.int64)[keep]
        self.n = len(keep)
        self.values: dict[str, _Factor | _Texts] = {}

    def add(
        self, code: str, message: str, row: int | None, field: str | None, value: str | None
    ) -> None:
        path = self.raw.name
        self.issues.append(
            Issue(code=code, message=message, path=path, row=row, field=field, value=value)
        )

    def report(self, codes: np.ndarray, findings: list[list[_Finding]]) -> None:
        """Add each distinct cell's findings on every row that holds it, in row order."""
        bad = np.array([bool(f) for f in findings], dtype=bool)
        self.report_where(codes, bad, lambda k: findings[k])

    def report_where(
        self, codes: np.ndarray, bad: np.ndarray, findings: Callable[[int], list[_Finding]]
    ) -> None:
        """Add ``findings(k)`` on every row holding a distinct cell ``k`` marked ``bad``."""
        if not bad.any():
            return
        for i in np.flatnonzero(bad[codes]):
            for code, message, field, value in findings(int(codes[i])):
                self.add(code, message, int(self.numbers[i]), field, value)

    def apply(self, column: _Column, check: _Check) -> _Factor:
        """Run ``check`` on each distinct text of ``column``; report; the values by row."""
        results = [check(text) for text in column.texts()]
        self.report(column.codes, [found for _, found in results])
        return _Factor(codes=column.codes, values=[value for value, _ in results])

    def column(self, name: str) -> _Column:
        """The cells of a known column (every cell ``''`` when the file lacks it)."""
        j = self.columns.get(name)
        return _Column.empty(self.n) if j is None else self.cells[j]

    def characters(self) -> None:
        """Refuse what no workbook can hold: control characters and over-long cells.

        Tab, line feed and carriage return stay (a multi-line cell is ordinary in Excel and
        valid XML); the other C0 controls (NUL, BEL 0x07, VT 0x0B, ESC 0x1B ...)
        and the non-characters U+FFFE/U+FFFF are not allowed in XML 1.0, so an export would
        fail on them. Excel holds at most :data:`MAX_CELL_CHARS` characters in a cell.
        """
        names = [(h.strip() or f"column {j + 1}") for j, h in enumerate(self.header)]

        def findings(cell: str, column: str) -> list[_Finding]:
            out: list[_Finding] = []
            found = _CONTROL.search(cell)
            if found is not None:
                char = found.group()
                message = (
                    f"{column} holds the control character U+{ord(char):04X} at position "
                    f"{found.start() + 1}; remove it (a workbook cannot hold it)"
                )
                out.append(_found("control_character", message, column, _shown(cell)))
            if len(cell) > MAX_CELL_CHARS:
                message = (
                    f"{column} is {len(cell):,} characters long; a cell holds at most "
                    f"{MAX_CELL_CHARS:,} (Excel's limit)"
                )
                out.append(_found("cell_too_long", message, column, _shown(cell)))
            return out

        for j, cell in enumerate(self.header):
            for code, message, field, value in findings(cell, names[j]):
                self.add(code, message, 1, field, value)
        for j, column in enumerate(self.cells):
            # One search over the column's distinct cells finds the (rare) columns to check.
            control = pc.match_substring_regex(column.raw, _CONTROL_RE2)
            long = pc.greater(pc.utf8_length(column.raw), MAX_CELL_CHARS)
            if not pc.any(pc.or_(control, long)).as_py():
                continue
            cells = [str(cell) for cell in column.raw.to_pylist()]
            self.report(column.codes, [findings(cell, names[j]) for cell in cells])

    def header_names(self) -> None:
        seen: dict[str, int] = {}
        for j, cell in enumerate(self.raw.header):
            name = cell.strip()
            key = name.casefold()
            if not name:
                cells = self.cells[j] if j < len(self.cells) else _Column.empty(self.n)
                rows = np.flatnonzero(cells.filled()[cells.codes]) if self.n else np.array(
                    [], int
                )
                if rows.size:
                    i = int(rows[0])
                    where = f"column {j + 1}"
                    message = f"{where} has values but no name in row 1; expected a column name"
                    self.add("unnamed_column", message, int(self.numbers[i]), where,
                             cells.raw_at(i))
            elif key in seen:
                message = f"column {name!r} appears twice (columns {seen[key] + 1} and {j + 1})"
                self.add("duplicate_column", message, 1, name, cell)
            elif key == "source_row":
                message = "'source_row' is reserved for the row number; rename this column"
                self.add("reserved_column", message, 1, name, cell)
            elif key in _KNOWN:
                self.columns[key] = j
            else:
                self.extras.append((name, j))
            seen.setdefault(key, j)
        for column in REQUIRED_COLUMNS:
            if column not in self.columns:
                self.add(
                    "missing_column", f"required column {column!r} is missing", None, column, None
                )
        for s in CLASS_SCALES:
            if s.raw_column not in self.columns and s.class_column not in self.columns:
                message = f"{s.en}: expected column {s.raw_column!r} or {s.class_column!r}"
                self.add("missing_column", message + ", found neither", None, s.class_column, None)

    def records(self) -> None:
        """Check every cell of the known columns, in the order a row is read left to right.

        Issues are collected column by column; :func:`validate` sorts them by row (stably),
        so within a row they keep this order: ids and names, the taxonomy, the company
        scales, the evidence.
        """
        absent = _Factor(codes=np.zeros(self.n, dtype=np.intp), values=[_BAD])
        self.values = {c: absent for c in REQUIRED_COLUMNS}
        for name in (*_IDS, *_NAMES):
            if name not in self.columns:
                continue
            code = "empty_id" if name in _IDS else "empty_value"
            empty = [_found(code, f"{name} is empty; expected a value", name, "")]
            column = self.column(name)
            empty_cells = ~column.filled()

            def findings(_: int, empty: list[_Finding] = empty) -> list[_Finding]:
                return empty

            self.report_where(column.codes, empty_cells, findings)
            self.values[name] = _Texts(column.codes, column.text, empty_cells)
        for name, (dimension, label) in _DIMENSIONS.items():
            if name in self.columns:
                self.values[name] = self.apply(self.column(name),
                                               _category(name, dimension, label))
        for scale in CLASS_SCALES:
            self.scale(scale)
        for name in NAME_COLUMNS:
            if name in self.columns:
                column = self.column(name)
                given = pc.if_else(pc.equal(pc.utf8_length(column.text), 0), None, column.text)
                self.values[name] = _Texts(column.codes, given, np.zeros(len(given), bool))
        for name, spec in _EVIDENCE.items():
            if name in self.columns:
                self.values[name] = self.apply(self.column(name), _evidence(spec))

    def scale(self, scale: ClassScale) -> None:
        """The raw and class cells of a company scale, checked per distinct pair."""
        raw, given = self.column(scale.raw_column), self.column(scale.class_column)
        width = len(given.raw)
        pairs, keys = pd.factorize(raw.codes.astype(np.int64) * width + given.codes)
        raw_texts, given_texts = raw.texts(), given.texts()
        results = [
            _scale(scale, raw_texts[k // width], given_texts[k % width]) for k in keys.tolist()
        ]
        self.report(pairs, [found for _, _, found in results])
        self.values[scale.raw_column] = _Factor(pairs, [r for r, _, _ in results])
        self.values[scale.class_column] = _Factor(pairs, [c for _, c, _ in results])

    def text_at(self, name: str, i: int) -> str:
        return self.column(name).text_at(i)

    def agree(self, key: str, columns: tuple[str, ...], code: str) -> None:
        """Report rows whose ``columns`` differ from the first row with the same ``key``."""
        what = key.removesuffix("_id")
        ident = self.values[key]
        first = _first_rows(ident.keys())
        rows = np.flatnonzero(first >= 0)
        rec0 = first[rows]
        conflicted: dict[str, np.ndarray] = {}
        found: list[tuple[int, int, str]] = []
        for order, column in enumerate(columns):
            keys = self.values[column].keys()
            a, b = keys[rec0], keys[rows]
            clash = (a != b) & (a >= 0) & (b >= 0)
            raw = _RAW_OF.get(column)
            if raw in conflicted:  # a class is not reported again when its raw value was
                clash &= ~conflicted[raw]
            conflicted[column] = clash
            found += [(int(k), order, column) for k in np.flatnonzero(clash)]
        for k, _, column in sorted(found):
            i, i0 = int(rows[k]), int(rec0[k])
            was, now = self.text_at(column, i0), self.text_at(column, i)
            message = (
                f"{what} {ident.at(i)!r} has {column} {was!r} in row {self.numbers[i0]} but "
                f"{now!r} in row {self.numbers[i]}; expected the same value on every row"
            )
            self.add(code, message, int(self.numbers[i]), column, now)

    def duplicates(self) -> None:
        technology, field = self.values["technology_id"].keys(), self.values["field"].keys()
        valid = (technology >= 0) & (field >= 0)
        pairs = np.where(valid, technology * (int(field.max(initial=0)) + 1) + field, -1)
        first = _first_rows(pairs)
        for i in np.flatnonzero(valid & (first != np.arange(self.n))):
            i0 = int(first[i])
            shown = self.text_at("field", int(i))
            message = (
                f"technology {self.values['technology_id'].at(int(i))!r} is listed twice in "
                f"field {shown!r}: rows {self.numbers[i0]} and {self.numbers[i]}; expected "
                "one row per technology × field"
            )
            self.add("duplicate_row", message, int(self.numbers[i]), "field", shown)

    def frame(self, names: tuple[str, ...], evidence: tuple[str, ...]) -> dict[str, object]:
        """The database's columns, built from the distinct values (no issue left)."""
        data: dict[str, object] = {"source_row": self.numbers.copy()}
        for column in (*CANONICAL_COLUMNS[1:], *names, *evidence):
            f = self.values[column]
            kind = _EVIDENCE[column].kind if column in _EVIDENCE else None
            if isinstance(f, _Texts) and column in DICTIONARY_COLUMNS:  # names
                data[column] = _name_column(f)
            elif isinstance(f, _Texts):  # ids
                data[column] = text_column(f.array.take(pa.array(f.codes)))
            elif kind in ("countries", "certifications"):
                data[column] = pd.array(
                    cast("list[str | None]", f.values), dtype="string"
                ).take(f.codes)
            else:
                data[column] = pd.array(
                    cast("list[int | None]", f.values), integer_dtype(column)
                ).take(f.codes)
        for name, j in self.extras:
            extra = self.cells[j]
            data[name] = text_column(extra.text.take(pa.array(extra.codes)))
        return data


def check_header(header: tuple[str, ...], name: str) -> None:
    """Refuse a table whose header lacks a required column, before any row is read.

    :func:`exportmcda.data.io.load` calls it on row 1, so a file without, say,
    ``region`` is refused at once, whatever its length (issue 13, item 9). The issues are
    those :func:`validate` reports for the header (``missing_column``, and the
    ``duplicate_column`` and ``reserved_column`` of row 1, so all are fixed at once); a
    header with every required column passes, and the rows are then checked in full.

    Raises
    ------
    InputError
        Naming the file and each missing column.
    """
    check = _Checker(RawTable(name=name, header=header, rows=(), row_numbers=(), encoding="",
                              sha256=""))
    check.header_names()
    if any(issue.code == "missing_column" for issue in check.issues):
        raise InputError(sorted(check.issues, key=lambda i: (i.row is not None, i.row or 0)))


def validate(
    raw: RawTable, *, synthetic: bool = False, assumptions: tuple[str, ...] = ()
) -> Database:
    """Check every cell and row of ``raw`` and build the typed :class:`Database`.

    Parameters
    ----------
    raw
        The table as read by :func:`exportmcda.data.io.read_table`.
    synthetic, assumptions
        Recorded in the database's :class:`~exportmcda.data.database.Provenance`.

    Raises
    ------
    InputError
        With one :class:`~exportmcda.errors.Issue` per problem found (all of them).
    """
    check = _Checker(raw)
    check.characters()
    check.header_names()
    check.records()
    if not check.n:
        check.add("no_rows", "the table has column names but no data rows", None, None, None)
    names = tuple(c for c in NAME_COLUMNS if c in check.columns)
    evidence = tuple(c.name for c in EVIDENCE_COLUMNS if c.name in check.columns)
    company_ko = tuple(c for c in names if c == "company_name_ko")
    technology_ko = tuple(c for c in names if c == "technology_name_ko")
    check.agree("company_id", (*COMPANY_COLUMNS, *company_ko), "company_conflict")
    check.agree(
        "technology_id", ("technology_name", "company_id", *technology_ko, *evidence),
        "technology_conflict",
    )
    check.duplicates()
    if check.issues:  # file-level problems first, then in spreadsheet row order
        raise InputError(sorted(check.issues, key=lambda i: (i.row is not None, i.row or 0)))
    provenance = Provenance(
        source=raw.name, sha256=raw.sha256, synthetic=synthetic, assumptions=tuple(assumptions)
    )
    extras = tuple(name for name, _ in check.extras)
    rows = pd.DataFrame(check.frame(names, evidence), copy=False)
    # The checker's codes and texts, and the raw table's when the caller handed it over
    # (``validate(read_table(...))``, as ``load`` does), are freed before the database
    # builds its per-company and per-technology tables, not after: both alive together
    # were validation's peak (about 170 MB at 10^6 rows, bench/README.md, fifth pass).
    del check, raw
    release_freed_texts()
    return Database(
        rows=rows, provenance=provenance, extra_columns=extras, evidence_columns=evidence,
        name_columns=names,
    )


def summary(db: Database) -> dict[str, int]:
    """Count rows, technologies, companies and gaps, to show after a successful load.

    ``rows`` is technology × field rows (the study's 1,847), ``technologies`` the unique
    technologies (1,044), ``companies`` (300); ``companies_without_<scale>_class`` counts the
    study's "others" (e.g. 5 companies without a capital-stock class).
    """
    companies = db.companies
    counts = {
        "rows": db.n_rows,
        "technologies": db.n_technologies,
        "companies": db.n_companies,
        "rows_without_service_type": int(db.rows["service_type"].isna().sum()),
    }
    for scale in CLASS_SCALES:
        counts[f"companies_without_{scale.key}_class"] = int(
            companies[scale.class_column].isna().sum()
        )
    return counts
