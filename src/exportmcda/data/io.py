"""Reading raw tables from CSV/XLSX files or uploaded bytes, and writing files safely.

This is the boundary where untrusted bytes enter exportmcda. :func:`read_table` turns a file
(path or bytes) into a :class:`RawTable` of text cells without interpreting them, so that
:func:`exportmcda.data.validate.validate` can report *every* problem with its spreadsheet row.
Errors of the parsers (``csv``, ``zipfile``, ``openpyxl``) are mapped to
:class:`~exportmcda.errors.InputError` here (the ``map_exceptions`` pattern of httpx).

Safety limits (why): an upload is read fully into memory, so its size is capped
(:data:`MAX_BYTES`); an ``.xlsx`` is a zip, so the zip directory is checked against
decompression bombs (:data:`MAX_UNZIPPED_BYTES`, :data:`MAX_COMPRESSION_RATIO`) before
openpyxl opens it; openpyxl itself parses XML through defusedxml (entity bombs refused).
Formulas are never evaluated: a cell ``=HYPERLINK("x")`` arrives as that literal text.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import hashlib
import io
import json
import math
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from exportmcda.data.database import REQUIRED_COLUMNS, SCALE_COLUMNS, Database
from exportmcda.data.table import RawTable
from exportmcda.data.taxonomy import Dimension
from exportmcda.data.validate import validate
from exportmcda.errors import ConfigError, InputError, Issue
from exportmcda.resources import data_dir

__all__ = [
    "MAX_BYTES",
    "MAX_COMPRESSION_RATIO",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "RawTable",
    "load",
    "load_sample",
    "read_decision_matrix",
    "read_table",
    "to_interchange",
    "write_bytes_atomic",
]

MAX_BYTES = 50 * 1024 * 1024
"""Largest file read (50 MiB): the study's 1,847 rows take well under 1 MiB."""
MAX_ROWS = 1_000_000
"""Most non-empty data rows accepted (Excel's own limit is 1,048,576 rows)."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of an ``.xlsx`` zip directory (zip-bomb guard)."""
MAX_COMPRESSION_RATIO = 100
"""Largest uncompressed/compressed ratio of one zip member larger than 1 MiB.

Real worksheets compress about 5–20×; DEFLATE bombs reach ~1000×. Members under 1 MiB
cannot hurt and are not checked (the total size cap still applies).
"""
_RATIO_FLOOR = 1024 * 1024
_MAX_ZIP_MEMBERS = 10_000
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t")
_FOREIGN_MAGIC = {
    b"\xd0\xcf\x11\xe0": "an old .xls workbook or a password-protected file; save it as "
    ".xlsx or CSV",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_SAMPLE_SOURCE = "exportmcda sample database (synthetic)"


def _fail(code: str, message: str, name: str, row: int | None = None) -> InputError:
    return InputError(Issue(code=code, message=message, path=name, row=row))


def _read_source(source: str | os.PathLike[str] | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "upload"
    shown = name or os.fspath(source)
    try:
        size = os.stat(source).st_size
        if size > MAX_BYTES:
            raise _fail("too_large", f"file is {size:,} bytes; at most {MAX_BYTES:,}", shown)
        with open(source, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail("file_not_found", "file not found", shown) from None
    except OSError as exc:
        raise _fail("cannot_read", f"cannot read the file ({exc.strerror})", shown) from None
    return data, shown


def _cell_text(value: object) -> str:
    """Excel cell value → text, without losing digits and without evaluating formulas."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel stores every number as a double: 12 arrives as 12.0 and must read "12".
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = getattr(value, "text", None)  # openpyxl ArrayFormula keeps its formula in .text
    return (text if isinstance(text, str) else str(value)).strip()


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _fail("not_a_table", "not a valid .xlsx workbook (broken zip)", name) from None
    if len(infos) > _MAX_ZIP_MEMBERS:
        raise _fail("too_large", f"workbook has {len(infos):,} parts", name)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise _fail(
            "too_large",
            f"workbook unpacks to {total:,} bytes; at most {MAX_UNZIPPED_BYTES:,}",
            name,
        )
    _check_no_dtd(data, infos, name)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > MAX_COMPRESSION_RATIO:
            raise _fail(
                "too_large",
                f"workbook part {info.filename!r} is compressed {ratio:,.0f}:1 "
                f"(at most {MAX_COMPRESSION_RATIO}:1); refused as a possible zip bomb",
                name,
            )


_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_PROLOG_BYTES = 4096
"""How much of each XML part is searched for a DTD (it must precede the root element)."""


def _check_no_dtd(data: bytes, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a workbook whose XML declares a DTD or entities, saying so.

    No spreadsheet program writes them; they are the vehicle of entity-expansion bombs and
    XXE. defusedxml would refuse them inside openpyxl too, but with an opaque "could not
    read worksheets from None" message.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in infos:
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(info) as part:
                    head = part.read(_PROLOG_BYTES)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError,
                    RuntimeError):
                raise _fail("not_a_table", "not a valid .xlsx workbook (broken zip)",
                            name) from None
            if any(marker in head.upper() for marker in _DTD_MARKERS):
                raise _fail(
                    "xml_entities",
                    f"the workbook part {info.filename!r} declares XML entities or a DTD; "
                    "refused for safety (no spreadsheet program writes them): save the "
                    "file again from Excel or as CSV",
                    name,
                )


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    _check_zip(data, name)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not getattr(openpyxl, "DEFUSEDXML", False):  # pragma: no cover - defusedxml is a dep
        raise _fail("not_a_table", "xlsx refused: defusedxml is not installed", name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles/extensions it ignores; they do not affect values.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                if not book.worksheets:
                    raise _fail("not_a_table", "workbook has no worksheet", name)
                sheet = book.worksheets[0]
                sheet.reset_dimensions()  # some writers store a wrong <dimension>
                values = sheet.iter_rows(min_row=1, values_only=True)
                return _collect(([_cell_text(v) for v in row] for row in values), name)
            finally:
                book.close()
    except InputError:
        raise
    except (InvalidFileException, KeyError, zipfile.BadZipFile) as exc:
        raise _fail("not_a_table", f"not a valid .xlsx workbook ({exc})", name) from None
    except Exception as exc:  # any parser failure on untrusted bytes is the file's fault
        raise _fail(
            "not_a_table", f"cannot read the workbook ({type(exc).__name__}: {exc})", name
        ) from None


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decide the encoding of a CSV on evidence: UTF-8 (BOM or not), else plausible CP949.

    CP949 (what Korean Excel writes) decodes most byte strings, so it is taken only when the
    text reads as Korean (:func:`_korean_evidence`); otherwise the two readings are shown and
    the file refused, rather than a Windows-1252 "Kim’s" silently becoming "Kim뭩".
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail("encoding", "file is UTF-16; save it as 'CSV UTF-8' or .xlsx", name)
    if b"\x00" in data[:65536]:
        raise _fail("not_a_table", "binary file; expected a CSV text file or .xlsx", name)
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp949")
    first_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if encoding == "cp949":
            _korean_evidence(data, text, name)
        return text, encoding
    assert first_error is not None
    row = data[: first_error.start].count(b"\n") + 1
    raise _fail(
        "encoding",
        f"cannot decode byte {data[first_error.start]:#04x} as UTF-8 or CP949; save the "
        "file as 'CSV UTF-8' or .xlsx",
        name,
        row,
    )


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HANGUL_SYLLABLES = (0xAC00, 0xD7A3)
_SHOWN_READING = 60
"""Characters of each reading an ambiguous-encoding message shows."""


def _ks_x_1001(char: str) -> bool:
    """Whether ``char`` is in KS X 1001 (EUC-KR: both bytes 0xA1–0xFE).

    These are the 2,350 common Hangul syllables, Hanja and symbols that Korean text is
    written in. CP949's extension (lead bytes 0x81–0xC6 with trail bytes below 0xA1) holds
    the 8,822 rarely used syllables -- and it is where Windows-1252 punctuation lands:
    ``’`` is 0x92, so "Kim’s" reads "Kim뭩" (0x92 0x73).
    """
    encoded = char.encode("cp949")
    return len(encoded) == 2 and encoded[0] >= 0xA1 and encoded[1] >= 0xA1


def _korean_evidence(data: bytes, text: str, name: str) -> None:
    """Accept a CP949 reading only if it is plausibly Korean; else refuse with both readings.

    Plausible: every non-ASCII character is in KS X 1001 and at least one is a Hangul
    syllable. Otherwise the first row holding a doubtful character is shown as CP949 and as
    Windows-1252, and the user is asked to save the file as UTF-8 (the one reading that
    needs no guess).
    """
    found = set(_NON_ASCII.findall(text))
    doubtful = {c for c in found if not _ks_x_1001(c)}
    hangul = any(_HANGUL_SYLLABLES[0] <= ord(c) <= _HANGUL_SYLLABLES[1] for c in found)
    if not doubtful and hangul:
        return
    pool = doubtful or found
    position = min(text.find(c) for c in pool)
    row = text.count("\n", 0, position) + 1
    line_bytes = data.split(b"\n")[row - 1].rstrip(b"\r")
    korean = line_bytes.decode("cp949", errors="replace")
    western = line_bytes.decode("cp1252", errors="replace")
    raise InputError(Issue(
        code="encoding_ambiguous", path=name, row=row,
        value=western[:_SHOWN_READING],
        message=f"the text encoding is unclear: this row reads "
        f"{korean[:_SHOWN_READING]!r} as Korean (CP949) but {western[:_SHOWN_READING]!r} as "
        "Western European (Windows-1252); save the file as 'CSV UTF-8' or .xlsx",
    ))


def _csv_rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    def reader(delimiter: str) -> Iterator[list[str]]:
        return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)

    def width(delimiter: str) -> int:
        try:
            return len(next(reader(delimiter), []))
        except csv.Error:
            return 0

    # Comma first; ';' (European Excel) or tab only when they split the header into more.
    delimiter = max(_DELIMITERS, key=width)

    def records() -> Iterator[list[str]]:
        done = 0  # records read so far; the broken one is spreadsheet row done + 1
        try:
            for record in reader(delimiter):
                done += 1
                yield [cell.strip() for cell in record]
        except csv.Error as exc:
            raise _fail("not_a_table", f"malformed CSV ({exc})", name, done + 1) from None

    return _collect(records(), name)


def _collect(rows: Iterable[list[str]], name: str) -> list[tuple[int, list[str]]]:
    """Keep row 1 and the non-empty rows with their spreadsheet numbers, trailing blanks cut."""
    kept: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(rows, start=1):
        while cells and not cells[-1]:
            cells.pop()
        if cells or number == 1:
            kept.append((number, cells))
            if len(kept) > MAX_ROWS + 1:
                raise _fail("too_many_rows", f"more than {MAX_ROWS:,} data rows", name, number)
    return kept


def read_table(source: str | os.PathLike[str] | bytes, name: str | None = None) -> RawTable:
    """Read a .csv or .xlsx file (path or bytes) into a :class:`RawTable` of text cells.

    Parameters
    ----------
    source
        A path, or the bytes of an upload.
    name
        File name shown in messages (default: the path as given, or ``'upload'``). Its
        ``.xlsx`` suffix, or zip content, selects the workbook reader.

    Raises
    ------
    InputError
        ``file_not_found``, ``cannot_read``, ``too_large``, ``too_many_rows``,
        ``empty_file``, ``encoding``, ``encoding_ambiguous``, ``xml_entities``,
        ``one_column`` or ``not_a_table`` (one issue: the file is unreadable).
    """
    data, shown = _read_source(source, name)
    if len(data) > MAX_BYTES:
        raise _fail("too_large", f"file is more than {MAX_BYTES:,} bytes", shown)
    if not data.strip():
        raise _fail("empty_file", "file is empty", shown)
    for magic, what in _FOREIGN_MAGIC.items():
        if data.startswith(magic):
            raise _fail("not_a_table", f"file is {what}; expected CSV or .xlsx", shown)
    if data.startswith(_ZIP_MAGIC) or shown.lower().endswith((".xlsx", ".xlsm")):
        cells, encoding = _xlsx_rows(data, shown), "xlsx"
    else:
        text, encoding = _decode(data, shown)
        cells = _csv_rows(text, shown)
    if not cells or cells[0][0] != 1 or not any(cells[0][1]):
        raise _fail("not_a_table", "row 1 must hold the column names but is empty", shown, 1)
    width = max(len(row) for _, row in cells)
    header = tuple(cells[0][1]) + ("",) * (width - len(cells[0][1]))
    if sum(1 for cell in header if cell) < 2:
        raise _fail("one_column", "only one column found; expected a table", shown, 1)
    kept = [(i, row) for i, row in cells[1:] if any(row)]
    return RawTable(
        name=shown,
        header=header,
        rows=tuple(tuple(row) + ("",) * (width - len(row)) for _, row in kept),
        row_numbers=tuple(i for i, _ in kept),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def load(source: str | os.PathLike[str] | bytes, name: str | None = None) -> Database:
    """Read and validate a technology database file (see :mod:`exportmcda.data.validate`)."""
    return validate(read_table(source, name))


def load_sample() -> Database:
    """Load the shipped synthetic sample database, with its assumptions as provenance.

    ``data/sample/metadata.json`` describes ``technologies.csv`` (keys ``synthetic``,
    ``csv``, ``csv_sha256``, ``assumptions``...); the checksum is verified so a hand-edited
    sample is never passed off as the generated one.
    """
    folder = data_dir() / "sample"
    meta_path = folder / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _fail("cannot_read", f"sample metadata unreadable ({exc})", str(meta_path)) from None
    raw = read_table(folder / Path(str(meta.get("csv", "technologies.csv"))).name)
    expected = meta.get("csv_sha256")
    if expected is not None and expected != raw.sha256:
        raise _fail(
            "checksum_mismatch",
            f"expected sha256 {expected}, found {raw.sha256}; regenerate the sample",
            raw.name,
        )
    db = validate(
        raw,
        synthetic=bool(meta.get("synthetic", True)),
        assumptions=tuple(str(a) for a in meta.get("assumptions", ())),
    )
    provenance = dataclasses.replace(db.provenance, source=_SAMPLE_SOURCE)
    return dataclasses.replace(db, provenance=provenance)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    Readers see either the old file or the complete new one, never a half-written file
    (the style guide's "write files via temp file + rename"). An existing file's
    permissions are kept; a new file gets ``0o644``.

    Raises
    ------
    ConfigError
        ``cannot_write``, naming the path and the reason, when the folder does not exist,
        the path is a folder, permission is denied, or the disk is full (the temporary file
        is removed, any old file is left as it was).
    """
    target = Path(path)
    shown = os.fspath(path)
    if target.is_dir():
        raise _cannot_write(shown, "it is a folder; give a file name")
    if not target.parent.is_dir():
        raise _cannot_write(shown, f"the folder {os.fspath(target.parent)!r} does not exist")
    tmp: str | None = None
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        reason = exc.strerror or type(exc).__name__
        if exc.errno == errno.ENOSPC:
            reason = "the disk is full"
        raise _cannot_write(shown, f"{reason}; nothing was written") from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def _cannot_write(path: str, reason: str) -> ConfigError:
    return ConfigError(Issue(code="cannot_write", message=f"cannot write the file: {reason}",
                             path=path))


def to_interchange(db: Database) -> pd.DataFrame:
    """Turn a database back into the flat interchange table (English names, extras kept).

    The optional Korean names and evidence columns are written when the database has them
    (an empty cell where a value was not given).

    Taxonomy numbers become English names; raw values and classes are both written (they
    agree by construction), so reading the table back gives the same database.
    """
    rows = db.rows
    out = pd.DataFrame(index=range(len(rows)))
    names = {
        "field": Dimension.FIELD,
        "service_type": Dimension.SERVICE_TYPE,
        "region": Dimension.REGION,
        "company_size": Dimension.COMPANY_SIZE,
    }
    for column in REQUIRED_COLUMNS:
        values = rows[column].tolist()
        if column in names:
            english = {c.number: c.en for c in names[column].categories}
            values = ["" if pd.isna(v) else english[int(v)] for v in values]
        out[column] = values
    for pair in SCALE_COLUMNS.values():
        for column in pair:
            out[column] = pd.array(rows[column].tolist(), dtype="Int64")
    for column in db.name_columns:
        out[column] = ["" if v is None or pd.isna(v) else v for v in rows[column].tolist()]
    for column in db.evidence_columns:
        out[column] = ["" if pd.isna(v) else str(v) for v in rows[column].tolist()]
    for column in db.extra_columns:
        out[column] = rows[column].tolist()
    return out


def read_decision_matrix(
    source: str | os.PathLike[str] | bytes, name: str | None = None
) -> pd.DataFrame:
    """Read a generic decision matrix: first column alternatives, header criterion names.

    Every cell must be a finite number (``1,200`` and ``1.2e3`` accepted); every problem is
    reported with its row and column (all at once), and duplicate or empty alternative and
    criterion names are errors.
    """
    raw = read_table(source, name)
    issues: list[Issue] = []
    criteria = [c.strip() for c in raw.header[1:]]
    for k, c in enumerate(criteria, start=2):
        if not c:
            issues.append(Issue(code="unnamed_column", path=raw.name, row=1,
                                message=f"column {k} has no criterion name"))
    for c in {c for c in criteria if c and criteria.count(c) > 1}:
        issues.append(Issue(code="duplicate_column", path=raw.name, row=1, field=c,
                            message=f"criterion '{c}' appears more than once"))
    names: list[str] = []
    values: list[list[float]] = []
    for number, row in zip(raw.row_numbers, raw.rows, strict=True):
        alternative = row[0].strip()
        if not alternative:
            issues.append(Issue(code="empty_value", path=raw.name, row=number,
                                field=raw.header[0] or "alternative",
                                message="the alternative has no name"))
        elif alternative in names:
            issues.append(Issue(code="duplicate_row", path=raw.name, row=number,
                                field=raw.header[0] or "alternative", value=alternative,
                                message=f"alternative '{alternative}' appears more than once"))
        names.append(alternative)
        parsed = []
        for criterion, cell in zip(criteria, row[1:], strict=True):
            text = cell.strip().replace(",", "")
            try:
                number_value = float(text)
            except ValueError:
                number_value = float("nan")
            if math.isinf(number_value) and "inf" not in text.lower():
                issues.append(Issue(code="number_too_large", path=raw.name, row=number,
                                    field=criterion, value=cell,
                                    message=f"'{cell}' is too large to compute with "
                                    "(beyond 1.8e308)"))
            elif not math.isfinite(number_value):
                issues.append(Issue(code="not_a_number", path=raw.name, row=number,
                                    field=criterion, value=cell,
                                    message=f"expected a number, got '{cell}'"))
            parsed.append(number_value)
        values.append(parsed)
    if issues:
        raise InputError(issues)
    return pd.DataFrame(values, index=pd.Index(names, name=raw.header[0] or "alternative"),
                        columns=criteria)
