"""Reading raw tables from CSV/XLSX files or uploaded bytes, and writing files safely.

This is the boundary where untrusted bytes enter exportmcda. :func:`read_table` turns a file
(path or bytes) into a :class:`RawTable` of text cells without interpreting them, so that
:func:`exportmcda.data.validate.validate` can report *every* problem with its spreadsheet row.
Errors of the parsers (``csv``, ``zipfile``, ``openpyxl``) are mapped to
:class:`~exportmcda.errors.InputError` here (the ``map_exceptions`` pattern of httpx).

Safety limits (why, and their values: :mod:`exportmcda.data.limits`): a file's size is
capped (:data:`MAX_BYTES`), and so are its rows, the cells of a row and the time reading
may take. Rows are read as a stream -- a CSV is decoded chunk by chunk, a workbook's sheet
is parsed row by row by openpyxl's read-only mode -- and the header is checked before any
row (``header_check``), so a file that lacks a required column is refused after reading
one row, whatever its size. Equal cell texts are kept once (a table repeats its
companies, fields and classes on every row), so memory grows with the distinct texts. An
``.xlsx`` is a zip, so the zip directory is checked against decompression bombs
(:data:`MAX_UNZIPPED_BYTES`, :data:`MAX_COMPRESSION_RATIO`) and DTDs before openpyxl opens
it; openpyxl itself parses XML through defusedxml (entity bombs refused). Formulas are never
evaluated: a cell ``=HYPERLINK("x")`` arrives as that literal text.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import errno
import hashlib
import io
import json
import math
import os
import tempfile
import time as clock
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa

from exportmcda.data.database import (
    REQUIRED_COLUMNS,
    SAMPLE_NAME_EN,
    SCALE_COLUMNS,
    Database,
)
from exportmcda.data.encoding import CHUNK_BYTES, decide_encoding
from exportmcda.data.limits import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_READ_SECONDS,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
)
from exportmcda.data.table import ColumnRows, RawTable, release_freed_texts, text_array
from exportmcda.data.taxonomy import Dimension
from exportmcda.data.validate import check_header, validate
from exportmcda.errors import ConfigError, ExportMcdaError, InputError, Issue
from exportmcda.resources import data_dir

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_READ_SECONDS",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "HeaderCheck",
    "RawTable",
    "load",
    "load_sample",
    "open_workbook",
    "read_decision_matrix",
    "read_table",
    "to_interchange",
    "write_bytes_atomic",
]

HeaderCheck = Callable[[tuple[str, ...], str], None]
"""Called with a table's header (row 1) and file name before any data row is read; raises
an :class:`~exportmcda.errors.InputError` to refuse the file (e.g. a missing column)."""

_RATIO_FLOOR = 1024 * 1024
_MAX_ZIP_MEMBERS = 10_000
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 1 << 20
"""Characters of a CSV's start in which the delimiter is chosen (the header's width)."""
_CLOCK_EVERY = 4096
"""Rows between two looks at the clock (:data:`MAX_READ_SECONDS`)."""
_FOREIGN_MAGIC = {
    b"\xd0\xcf\x11\xe0": "an old .xls workbook or a password-protected file; save it as "
    ".xlsx or CSV",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_SAMPLE_SOURCE = SAMPLE_NAME_EN


def _fail(code: str, message: str, name: str, row: int | None = None,
          field: str | None = None) -> InputError:
    return InputError(Issue(code=code, message=message, path=name, row=row, field=field))


@contextlib.contextmanager
def _opened(source: str | os.PathLike[str] | bytes, name: str | None) -> Iterator[
    tuple[BinaryIO, str, int]
]:
    """The source as a seekable binary stream, the name shown in messages, and its size."""
    if isinstance(source, bytes):
        yield io.BytesIO(source), name or "upload", len(source)
        return
    shown = name or os.fspath(source)
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed by the with below
        size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise _fail("file_not_found", "file not found", shown) from None
    except OSError as exc:
        raise _fail("cannot_read", f"cannot read the file ({exc.strerror})", shown) from None
    with handle:
        yield handle, shown, size


def _digest(stream: BinaryIO) -> tuple[str, bool]:
    """SHA-256 of the whole stream and whether it holds anything but whitespace."""
    stream.seek(0)
    sha, content = hashlib.sha256(), False
    while chunk := stream.read(CHUNK_BYTES):
        sha.update(chunk)
        content = content or bool(chunk.strip())
    stream.seek(0)
    return sha.hexdigest(), content


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


def _check_zip(stream: BinaryIO, name: str) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
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
    _check_no_dtd(stream, infos, name)
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


def _check_no_dtd(stream: BinaryIO, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a workbook whose XML declares a DTD or entities, saying so.

    No spreadsheet program writes them; they are the vehicle of entity-expansion bombs and
    XXE. defusedxml would refuse them inside openpyxl too, but with an opaque "could not
    read worksheets from None" message.
    """
    with zipfile.ZipFile(stream) as archive:
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


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Cells:
    """What reading kept: the header, the non-empty rows (by column) and their numbers."""

    header: tuple[str, ...]
    rows: ColumnRows
    numbers: list[int]
    width: int


_BLOCK_ROWS = 16_384
"""Rows held as lists of Python strings before they are stored by column: bounds the memory
of reading (about 25 MB of transient strings for a 25-column block)."""

_Block = tuple[int, list[tuple[np.ndarray, pa.Array]]]


def _by_column(blocks: list[_Block], width: int) -> ColumnRows:
    """Join the blocks' columns; a column a narrow block lacks is ``''`` on its rows."""
    codes: list[np.ndarray] = []
    texts: list[pa.Array] = []
    for j in range(width):
        parts: list[np.ndarray] = []
        chunks: list[pa.Array] = []
        size = 0
        for n, block in blocks:
            if j < len(block):
                block_codes, block_texts = block[j]
                parts.append(block_codes + size)
                chunks.append(block_texts)
                size += len(block_texts)
            else:
                parts.append(np.full(n, size, dtype=np.int32))
                chunks.append(text_array([""]))
                size += 1
        codes.append(np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32))
        texts.append(pa.concat_arrays(chunks) if chunks else text_array([]))
    return ColumnRows(codes, texts)


def _block(rows: list[list[str]]) -> _Block:
    """A block of rows stored by column: codes into each column's distinct texts (Arrow).

    The block's Python strings are dropped with it; only the distinct texts are kept, in
    Arrow's compact form (:func:`~exportmcda.data.table.text_array`).
    """
    width = max(map(len, rows))
    padded = [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]
    columns = []
    for cells in zip(*padded, strict=True):
        codes, uniques = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
        columns.append((codes.astype(np.int32), text_array(uniques.tolist())))
    return len(rows), columns


@contextlib.contextmanager
def _workbook(stream: BinaryIO, name: str) -> Iterator[object]:
    """An untrusted workbook opened by openpyxl (read-only, formulas as text), zip-checked.

    Every parser failure on the bytes becomes an :class:`InputError` naming the file; an
    :class:`~exportmcda.errors.ExportMcdaError` raised by the caller's block passes through
    unchanged.
    """
    _check_zip(stream, name)
    stream.seek(0)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not getattr(openpyxl, "DEFUSEDXML", False):  # pragma: no cover - defusedxml is a dep
        raise _fail("not_a_table", "xlsx refused: defusedxml is not installed", name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles/extensions it ignores; they do not affect values.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(stream, read_only=True, data_only=False)
            try:
                yield book
            finally:
                book.close()
    except ExportMcdaError:
        raise
    except (InvalidFileException, KeyError, zipfile.BadZipFile) as exc:
        raise _fail("not_a_table", f"not a valid .xlsx workbook ({exc})", name) from None
    except Exception as exc:  # any parser failure on untrusted bytes is the file's fault
        raise _fail(
            "not_a_table", f"cannot read the workbook ({type(exc).__name__}: {exc})", name
        ) from None


def _xlsx_table(stream: BinaryIO, name: str, header_check: HeaderCheck | None) -> _Cells:
    with _workbook(stream, name) as opened:
        book: Any = opened
        if not book.worksheets:
            raise _fail("not_a_table", "workbook has no worksheet", name)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong <dimension>
        values = sheet.iter_rows(min_row=1, values_only=True)
        return _collect(_xlsx_records(values), name, header_check)


@contextlib.contextmanager
def open_workbook(
    source: str | os.PathLike[str] | bytes, name: str | None = None
) -> Iterator[tuple[Any, str, str]]:
    """Open an untrusted ``.xlsx`` (path or bytes) for reading several sheets.

    Yields ``(book, shown_name, sha256)``: an openpyxl read-only workbook (formulas are
    text, never evaluated) behind the same guards as :func:`read_table` (size, zip bombs,
    DTDs, defusedxml). For readers of workbooks the tool wrote itself and gets back filled
    in (the expert panel, :mod:`exportmcda.panel.reader`); they bound the rows they read.

    Raises
    ------
    InputError
        ``file_not_found``, ``cannot_read``, ``too_large``, ``empty_file``,
        ``xml_entities`` or ``not_a_table``, naming the file.
    """
    with _opened(source, name) as (stream, shown, size):
        if size > MAX_BYTES:
            raise _fail("too_large", f"file is {size:,} bytes; at most {MAX_BYTES:,}", shown)
        try:
            sha256, content = _digest(stream)
            if not content:
                raise _fail("empty_file", "file is empty", shown)
            if not stream.read(4).startswith(_ZIP_MAGIC):
                raise _fail("not_a_table", "not an .xlsx workbook", shown)
            stream.seek(0)
        except OSError as exc:
            raise _fail("cannot_read", f"cannot read the file ({exc.strerror or exc})",
                        shown) from None
        with _workbook(stream, shown) as book:
            yield book, shown, sha256


def _xlsx_records(values: Iterable[tuple[object, ...]]) -> Iterator[list[str]]:
    """A worksheet's rows as text cells (the rows read: a test counts them)."""
    for row in values:
        yield [_cell_text(v) for v in row]


def _csv_table(
    stream: BinaryIO, encoding: str, name: str, header_check: HeaderCheck | None
) -> _Cells:
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        head = text.read(_SNIFF_CHARS)
        text.seek(0)

        def width(delimiter: str) -> int:
            try:
                return len(next(csv.reader(io.StringIO(head, newline=""),
                                           delimiter=delimiter, strict=True), []))
            except csv.Error:
                return 0

        # Comma first; ';' (European Excel) or tab only when they split the header into more.
        delimiter = max(_DELIMITERS, key=width)
        return _collect(_csv_records(text, delimiter, name), name, header_check)
    finally:
        text.detach()  # the stream belongs to the caller


def _csv_records(text: Iterable[str], delimiter: str, name: str) -> Iterator[list[str]]:
    """A CSV's records as stripped text cells (the rows read: a test counts them)."""
    done = 0  # records read so far; the broken one is spreadsheet row done + 1
    strip = str.strip
    try:
        for record in csv.reader(text, delimiter=delimiter, strict=True):
            done += 1
            yield list(map(strip, record))
    except csv.Error as exc:
        raise _fail("not_a_table", f"malformed CSV ({exc})", name, done + 1) from None


def _collect(records: Iterable[list[str]], name: str, header_check: HeaderCheck | None) -> _Cells:
    """Row 1 (checked before any other row is read) and the non-empty rows, with numbers.

    Trailing empty cells are cut (rows are padded to the widest with ``''``). Enforces
    :data:`MAX_ROWS`, :data:`MAX_COLUMNS` and :data:`MAX_READ_SECONDS`, naming the row.
    Rows are stored by column every :data:`_BLOCK_ROWS` rows (:class:`ColumnRows`), so
    a table's memory grows with its distinct texts, not with its cells.
    """
    started = clock.monotonic()
    header: tuple[str, ...] | None = None
    pending: list[list[str]] = []
    blocks: list[_Block] = []
    numbers: list[int] = []
    width = 0
    for number, cells in enumerate(records, start=1):
        n = len(cells)
        while n and not cells[n - 1]:
            n -= 1
        if n > MAX_COLUMNS:
            raise _fail("too_many_columns", f"row {number} has {n:,} cells; a table has at "
                        f"most {MAX_COLUMNS:,} columns", name, number)
        if header is None:
            header = tuple(cells[:n])
            if not n:
                raise _fail("not_a_table", "row 1 must hold the column names but is empty",
                            name, 1)
            if sum(1 for cell in header if cell) < 2:
                raise _fail("one_column", "only one column found; expected a table", name, 1)
            if header_check is not None:
                header_check(header, name)
            width = n
            continue
        if not n:
            continue
        if n < len(cells):
            del cells[n:]
        pending.append(cells)
        numbers.append(number)
        if len(numbers) > MAX_ROWS:
            raise _fail("too_many_rows", f"more than {MAX_ROWS:,} data rows", name, number)
        if n > width:
            width = n
        if len(pending) == _BLOCK_ROWS:
            blocks.append(_block(pending))
            pending = []
        if number % _CLOCK_EVERY == 0 and clock.monotonic() - started > MAX_READ_SECONDS:
            raise _fail("read_too_slow", f"reading stopped at row {number:,} after "
                        f"{MAX_READ_SECONDS:g} s (the limit); split the file or save it as "
                        "CSV", name, number)
    if header is None:
        raise _fail("not_a_table", "row 1 must hold the column names but is empty", name, 1)
    if pending:
        blocks.append(_block(pending))
    return _Cells(header=header, rows=_by_column(blocks, width), numbers=numbers, width=width)


def read_table(
    source: str | os.PathLike[str] | bytes,
    name: str | None = None,
    *,
    header_check: HeaderCheck | None = None,
) -> RawTable:
    """Read a .csv or .xlsx file (path or bytes) into a :class:`RawTable` of text cells.

    Parameters
    ----------
    source
        A path, or the bytes of an upload.
    name
        File name shown in messages (default: the path as given, or ``'upload'``). Its
        ``.xlsx`` suffix, or zip content, selects the workbook reader.
    header_check
        Called with row 1 (the column names) and ``name`` before any data row is read;
        it refuses a file by raising (:func:`load` passes
        :func:`exportmcda.data.validate.check_header`: a missing required column).

    Raises
    ------
    InputError
        ``file_not_found``, ``cannot_read``, ``too_large``, ``too_many_rows``,
        ``too_many_columns``, ``read_too_slow``, ``empty_file``, ``encoding``,
        ``encoding_ambiguous``, ``xml_entities``, ``one_column`` or ``not_a_table`` (one
        issue: the file is unreadable), or what ``header_check`` raises.
    """
    with _opened(source, name) as (stream, shown, size):
        if size > MAX_BYTES:
            raise _fail("too_large", f"file is {size:,} bytes; at most {MAX_BYTES:,}", shown)
        try:
            sha256, content = _digest(stream)
            if not content:
                raise _fail("empty_file", "file is empty", shown)
            head = stream.read(8)
            stream.seek(0)
            for magic, what in _FOREIGN_MAGIC.items():
                if head.startswith(magic):
                    raise _fail("not_a_table", f"file is {what}; expected CSV or .xlsx", shown)
            if head.startswith(_ZIP_MAGIC) or shown.lower().endswith((".xlsx", ".xlsm")):
                cells, encoding = _xlsx_table(stream, shown, header_check), "xlsx"
            else:
                encoding = decide_encoding(stream, shown)
                cells = _csv_table(stream, encoding, shown, header_check)
        except OSError as exc:
            raise _fail("cannot_read", f"cannot read the file ({exc.strerror or exc})",
                        shown) from None
    return RawTable(
        name=shown,
        header=cells.header + ("",) * (cells.width - len(cells.header)),
        rows=cells.rows,
        row_numbers=tuple(cells.numbers),
        encoding=encoding,
        sha256=sha256,
    )


def load(source: str | os.PathLike[str] | bytes, name: str | None = None) -> Database:
    """Read and validate a technology database file (see :mod:`exportmcda.data.validate`).

    The header is checked before any row is read: a file without a required column is
    refused at once (:func:`~exportmcda.data.validate.check_header`), whatever its length.
    """
    db = validate(read_table(source, name, header_check=check_header))
    release_freed_texts()  # the raw table's texts, now freed (see the function)
    return db


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
    provenance = dataclasses.replace(
        db.provenance, source=_SAMPLE_SOURCE,
        assumptions_ko=_korean_assumptions(folder, db.provenance.assumptions),
    )
    return dataclasses.replace(db, provenance=provenance)


def _korean_assumptions(folder: Path, assumptions: tuple[str, ...]) -> tuple[str, ...]:
    """The Korean text of each assumption ("A1: ...") from ``assumptions_ko.toml``.

    Keyed by the assumption's number, so an assumption the file lacks stays English
    (``""`` here) instead of shifting every later one; a missing file means none.
    """
    import tomllib

    try:
        korean = tomllib.loads((folder / "assumptions_ko.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as exc:
        raise _fail("cannot_read", f"Korean assumptions unreadable ({exc})",
                    str(folder / "assumptions_ko.toml")) from None
    return tuple(str(korean.get(a.partition(":")[0], "")) for a in assumptions)


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
