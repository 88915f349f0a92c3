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

from exportmcda.data.database import (
    CANONICAL_COLUMNS,
    CERTIFICATIONS,
    COMPANY_COLUMNS,
    EVIDENCE_COLUMNS,
    NAME_COLUMNS,
    OTHER_CERTIFICATION,
    REQUIRED_COLUMNS,
    Database,
    EvidenceColumn,
    Provenance,
    current_year,
    iso_alpha3,
)
from exportmcda.data.table import RawTable
from exportmcda.data.taxonomy import (
    CLASS_SCALES,
    HISTORY,
    REFERENCE_YEAR,
    ClassScale,
    Dimension,
    lookup,
)
from exportmcda.errors import InputError, Issue

__all__ = ["MAX_CELL_CHARS", "summary", "validate"]

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

MAX_CELL_CHARS = 32_767
"""Most characters in one cell (Excel's limit, *Excel specifications and limits*)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHOWN_CHARS = 60


def _shown(cell: str) -> str:
    """A cell as an issue shows it: control characters escaped, at most 60 characters."""
    head = cell[:_SHOWN_CHARS] + ("…" if len(cell) > _SHOWN_CHARS else "")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", head)


class _Bad:
    """Marker for a cell that already has an issue (so no follow-up issues pile up)."""


_BAD = _Bad()
_Value = str | int | None | _Bad


@dataclass(frozen=True, slots=True, kw_only=True)
class _Record:
    """One data row: its number, normalized values (_BAD where an issue was found), texts."""

    row: int
    cells: tuple[str, ...]
    norm: dict[str, _Value]
    texts: dict[str, str]

    def value(self, column: str) -> _Value:
        """Return the normalized value; for a class, the class in force (given or computed)."""
        return self.norm.get("=" + column, self.norm.get(column))


def _decimal(text: str) -> Decimal | None:
    """Parse ``1200``, ``1,200,000`` (proper thousands groups only) or ``1.2e9``."""
    if _GROUPED.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return Decimal(text) if _NUMBER.fullmatch(text) else None


class _Checker:
    """One pass over a raw table, collecting issues and the normalized cell values."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.issues: list[Issue] = []
        self.columns: dict[str, int] = {}
        self.extras: list[tuple[str, int]] = []
        pairs = zip(raw.row_numbers, raw.rows, strict=True)
        self.rows = [(r, row) for r, row in pairs if any(c.strip() for c in row)]

    def add(
        self, code: str, message: str, row: int | None, field: str | None, value: str | None
    ) -> None:
        path = self.raw.name
        self.issues.append(
            Issue(code=code, message=message, path=path, row=row, field=field, value=value)
        )

    def characters(self) -> None:
        """Refuse what no workbook can hold: control characters and over-long cells.

        Tab, line feed and carriage return stay (a multi-line cell is ordinary in Excel and
        valid XML); the other C0 controls (NUL, BEL 0x07, VT 0x0B, ESC 0x1B ...)
        and the non-characters U+FFFE/U+FFFF are not allowed in XML 1.0, so an export would
        fail on them. Excel holds at most :data:`MAX_CELL_CHARS` characters in a cell.
        """
        header = tuple(self.raw.header)
        for r, row in ((1, header), *self.rows):
            joined = "".join(row)
            if _CONTROL.search(joined) is None and len(joined) <= MAX_CELL_CHARS:
                continue
            for j, cell in enumerate(row):
                column = (header[j].strip() if j < len(header) else "") or f"column {j + 1}"
                found = _CONTROL.search(cell)
                if found is not None:
                    char = found.group()
                    message = (
                        f"{column} holds the control character U+{ord(char):04X} at position "
                        f"{found.start() + 1}; remove it (a workbook cannot hold it)"
                    )
                    self.add("control_character", message, r, column, _shown(cell))
                if len(cell) > MAX_CELL_CHARS:
                    message = (
                        f"{column} is {len(cell):,} characters long; a cell holds at most "
                        f"{MAX_CELL_CHARS:,} (Excel's limit)"
                    )
                    self.add("cell_too_long", message, r, column, _shown(cell))

    def header(self) -> None:
        seen: dict[str, int] = {}
        for j, cell in enumerate(self.raw.header):
            name = cell.strip()
            key = name.casefold()
            if not name:
                filled = [(r, row[j]) for r, row in self.rows if row[j].strip()]
                if filled:
                    (r, text), where = filled[0], f"column {j + 1}"
                    message = f"{where} has values but no name in row 1; expected a column name"
                    self.add("unnamed_column", message, r, where, text)
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

    def record(self, r: int, row: tuple[str, ...]) -> _Record:
        texts = {c: row[j].strip() for c, j in self.columns.items()}
        values: dict[str, _Value] = {c: _BAD for c in REQUIRED_COLUMNS}
        for column in (*_IDS, *_NAMES):
            if column in texts:
                values[column] = texts[column] or _BAD
                if not texts[column]:
                    code = "empty_id" if column in _IDS else "empty_value"
                    self.add(code, f"{column} is empty; expected a value", r, column, "")
        for column, (dimension, label) in _DIMENSIONS.items():
            if column in texts:
                values[column] = self.category(r, column, texts[column], dimension, label)
        for scale in CLASS_SCALES:
            self.scale(r, scale, texts, values)
        for column in NAME_COLUMNS:
            if column in texts:
                values[column] = texts[column] or None
        for column, spec in _EVIDENCE.items():
            if column in texts:
                values[column] = self.evidence(r, spec, texts[column]) if texts[column] else None
        return _Record(row=r, cells=row, norm=values, texts=texts)

    def category(self, r: int, column: str, text: str, dim: Dimension, label: str) -> _Value:
        if not text:
            if column == "service_type":
                return None  # the row has no service type
            self.add("empty_value", f"{column} is empty; expected a {label}", r, column, "")
            return _BAD
        found = lookup(dim, text)
        if found is not None:
            return found.number
        first = dim.categories[0]
        message = (
            f"unknown {label} {text!r}; expected a number 1–{len(dim.categories)} or a name "
            f"from the study's list (e.g. {first.en!r} or {first.ko!r})"
        )
        self.add(f"unknown_{column}", message, r, column, text)
        return _BAD

    def scale(
        self, r: int, scale: ClassScale, texts: dict[str, str], values: dict[str, _Value]
    ) -> None:
        raw_col, class_col = scale.raw_column, scale.class_column
        raw_text, class_text = texts.get(raw_col, ""), texts.get(class_col, "")
        raw = self.raw_value(r, scale, raw_text) if raw_text else None
        given = self.class_value(r, scale, class_text) if class_text else None
        derived: _Value = None
        if isinstance(raw, int):
            measure = REFERENCE_YEAR - raw if scale is HISTORY else raw
            derived = scale.classify(measure)
            if isinstance(given, int) and given != derived:
                level = scale.level(derived)
                shown = f"{measure} years in {REFERENCE_YEAR}" if scale is HISTORY else level.en
                message = (
                    f"{raw_col} {raw_text!r} means class {derived} ({shown}) but {class_col} "
                    f"is {class_text!r}; expected them to agree"
                )
                self.add("raw_class_mismatch", message, r, class_col, class_text)
        values[raw_col], values[class_col] = raw, given
        values["=" + class_col] = given if class_text else (_BAD if raw is _BAD else derived)

    def raw_value(self, r: int, scale: ClassScale, text: str) -> _Value:
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
            self.add(code, message, r, scale.raw_column, text)
            return _BAD
        return int(number)

    def evidence(self, r: int, spec: EvidenceColumn, text: str) -> _Value:
        """One evidence cell: a count or year (int) or normalised ``;``-joined codes."""
        if spec.kind == "countries":
            return self.codes(r, spec, text, self.country)
        if spec.kind == "certifications":
            return self.codes(r, spec, text, self.certification)
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
            self.add(code, f"{spec.name}: {expected}", r, spec.name, text)
            return _BAD
        return int(cast(Decimal, number))

    def codes(
        self, r: int, spec: EvidenceColumn, text: str, parse: Callable[[str], str | None]
    ) -> _Value:
        """Split a ``;``-separated cell, normalise each part, report the unknown ones."""
        found: dict[str, None] = {}
        bad = False
        for part in (p.strip() for p in text.split(";")):
            if not part:
                continue
            code = parse(part)
            if code is None:
                bad = True
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
                self.add(issue, message, r, spec.name, part)
            else:
                found[code] = None
        if bad:
            return _BAD
        return ";".join(found) or None

    @staticmethod
    def country(part: str) -> str | None:
        code = part.upper()
        return code if code in iso_alpha3() else None

    @staticmethod
    def certification(part: str) -> str | None:
        if part.casefold().startswith(OTHER_CERTIFICATION):
            rest = part[len(OTHER_CERTIFICATION):].strip()
            return f"{OTHER_CERTIFICATION}{rest}" if rest else None
        return _CERTIFICATION_ALIASES.get(part.casefold())

    def class_value(self, r: int, scale: ClassScale, text: str) -> _Value:
        number = _decimal(text)
        top = scale.max_level
        if number is None:
            message = f"expected a class from 1 to {top}, got {text!r} (not a number)"
            self.add("not_a_number", message, r, scale.class_column, text)
            return _BAD
        if not 1 <= number <= top or number != number.to_integral_value():
            message = f"expected a whole class from 1 to {top}, got {text!r}"
            self.add("class_out_of_range", message, r, scale.class_column, text)
            return _BAD
        return int(number)

    def agree(self, records: list[_Record], key: str, columns: tuple[str, ...], code: str) -> None:
        """Report rows whose ``columns`` differ from the first row with the same ``key``."""
        what = key.removesuffix("_id")
        first: dict[_Value, _Record] = {}
        for rec in records:
            ident = rec.norm[key]
            if ident is _BAD:
                continue
            rec0 = first.setdefault(ident, rec)
            conflicted: set[str] = set()
            for column in columns:
                a, b = rec0.value(column), rec.value(column)
                # A class is not reported again when its raw value already was.
                if a is _BAD or b is _BAD or a == b or _RAW_OF.get(column) in conflicted:
                    continue
                conflicted.add(column)
                was, now = rec0.texts.get(column, ""), rec.texts.get(column, "")
                message = (
                    f"{what} {ident!r} has {column} {was!r} in row {rec0.row} but {now!r} in "
                    f"row {rec.row}; expected the same value on every row"
                )
                self.add(code, message, rec.row, column, now)

    def duplicates(self, records: list[_Record]) -> None:
        seen: dict[tuple[_Value, _Value], int] = {}
        for rec in records:
            pair = (rec.norm["technology_id"], rec.norm["field"])
            if _BAD in pair:
                continue
            r0 = seen.setdefault(pair, rec.row)
            if r0 != rec.row:
                shown = rec.texts["field"]
                message = (
                    f"technology {pair[0]!r} is listed twice in field {shown!r}: rows {r0} and "
                    f"{rec.row}; expected one row per technology × field"
                )
                self.add("duplicate_row", message, rec.row, "field", shown)


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
    check.header()
    records = [check.record(r, row) for r, row in check.rows]
    if not records:
        check.add("no_rows", "the table has column names but no data rows", None, None, None)
    names = tuple(c for c in NAME_COLUMNS if c in check.columns)
    evidence = tuple(c.name for c in EVIDENCE_COLUMNS if c.name in check.columns)
    company_ko = tuple(c for c in names if c == "company_name_ko")
    technology_ko = tuple(c for c in names if c == "technology_name_ko")
    check.agree(records, "company_id", (*COMPANY_COLUMNS, *company_ko), "company_conflict")
    check.agree(
        records, "technology_id", ("technology_name", "company_id", *technology_ko, *evidence),
        "technology_conflict",
    )
    check.duplicates(records)
    if check.issues:  # file-level problems first, then in spreadsheet row order
        raise InputError(sorted(check.issues, key=lambda i: (i.row is not None, i.row or 0)))
    data: dict[str, object] = {"source_row": np.array([r.row for r in records], dtype=np.int64)}
    for column in CANONICAL_COLUMNS[1:]:
        values = [rec.value(column) for rec in records]
        text = column in _IDS or column in _NAMES
        data[column] = values if text else pd.array(cast("list[int | None]", values), "Int64")
    for column in names:
        data[column] = [rec.value(column) for rec in records]
    for column in evidence:
        values = [rec.value(column) for rec in records]
        numeric = _EVIDENCE[column].kind in ("count", "year")
        data[column] = (
            pd.array(cast("list[int | None]", values), "Int64") if numeric
            else pd.array(cast("list[str | None]", values), dtype="string")
        )
    for name, j in check.extras:
        data[name] = [rec.cells[j].strip() for rec in records]
    provenance = Provenance(
        source=raw.name, sha256=raw.sha256, synthetic=synthetic, assumptions=tuple(assumptions)
    )
    extras = tuple(name for name, _ in check.extras)
    return Database(
        rows=pd.DataFrame(data), provenance=provenance, extra_columns=extras,
        evidence_columns=evidence, name_columns=names,
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
