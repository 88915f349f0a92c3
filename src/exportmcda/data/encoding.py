"""Deciding the text encoding of a CSV file on evidence, reading it as a stream.

A CSV arrives as UTF-8 (with or without a byte-order mark) or as CP949, what Korean Excel
writes. CP949 decodes most byte strings, so it is taken only when the text reads as Korean
(:func:`decide_encoding`); otherwise the two readings of the first doubtful row are shown and
the file refused, rather than a Windows-1252 "Kim’s" silently becoming "Kim뭩" (issue 13,
item 4). The file is decoded chunk by chunk (:data:`CHUNK_BYTES`), never held as one text,
so deciding costs a few megabytes whatever the file's size (issue 13, item 9).
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from exportmcda.errors import InputError, Issue

__all__ = ["CHUNK_BYTES", "decide_encoding"]

CHUNK_BYTES = 1 << 20
"""Bytes decoded at a time (1 MiB)."""
_HEAD_BYTES = 65536
"""A NUL byte in the first 64 KiB marks a binary file (later ones are refused per cell)."""
_BOM = b"\xef\xbb\xbf"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HANGUL_SYLLABLES = (0xAC00, 0xD7A3)
_SHOWN_READING = 60
"""Characters of each reading an ambiguous-encoding message shows."""


def _fail(code: str, message: str, name: str, row: int | None = None) -> InputError:
    return InputError(Issue(code=code, message=message, path=name, row=row))


def decide_encoding(stream: BinaryIO, name: str) -> str:
    """The encoding to read ``stream`` with: ``utf-8``, ``utf-8-sig`` or ``cp949``.

    The stream is left at its start. UTF-8 is tried first (a byte-order mark selects
    ``utf-8-sig`` alone), then CP949, accepted only on Korean evidence.

    Raises
    ------
    InputError
        ``encoding`` (UTF-16, or bytes neither encoding reads: the first bad byte and its
        row), ``not_a_table`` (a NUL in the first 64 KiB: a binary file) or
        ``encoding_ambiguous`` (a CP949 reading without Korean evidence: the row and both
        readings).
    """
    stream.seek(0)
    head = stream.read(_HEAD_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail("encoding", "file is UTF-16; save it as 'CSV UTF-8' or .xlsx", name)
    if b"\x00" in head:
        raise _fail("not_a_table", "binary file; expected a CSV text file or .xlsx", name)
    bom = head.startswith(_BOM)
    error = _utf8_error(stream, len(_BOM) if bom else 0)
    if error is None:
        stream.seek(0)
        return "utf-8-sig" if bom else "utf-8"
    if not bom and _korean_evidence(stream, name):
        stream.seek(0)
        return "cp949"
    position, byte = error
    row = _newlines_before(stream, position) + 1
    raise _fail(
        "encoding",
        f"cannot decode byte {byte:#04x} as UTF-8 or CP949; save the file as 'CSV UTF-8' or "
        ".xlsx",
        name,
        row,
    )


def _utf8_error(stream: BinaryIO, start: int) -> tuple[int, int] | None:
    """Position and value of the first byte that is not UTF-8 from ``start``, or None."""
    stream.seek(start)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = start
    while True:
        chunk = stream.read(CHUNK_BYTES)
        pending = len(decoder.getstate()[0])  # bytes of a character cut by the last chunk
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            return offset - pending + exc.start, exc.object[exc.start]
        if not chunk:
            return None
        offset += len(chunk)


def _newlines_before(stream: BinaryIO, position: int) -> int:
    stream.seek(0)
    count, left = 0, position
    while left > 0:
        chunk = stream.read(min(CHUNK_BYTES, left))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def _ks_x_1001(char: str) -> bool:
    """Whether ``char`` is in KS X 1001 (EUC-KR: both bytes 0xA1–0xFE).

    These are the 2,350 common Hangul syllables, Hanja and symbols that Korean text is
    written in. CP949's extension (lead bytes 0x81–0xC6 with trail bytes below 0xA1) holds
    the 8,822 rarely used syllables -- and it is where Windows-1252 punctuation lands:
    ``’`` is 0x92, so "Kim’s" reads "Kim뭩" (0x92 0x73).
    """
    encoded = char.encode("cp949")
    return len(encoded) == 2 and encoded[0] >= 0xA1 and encoded[1] >= 0xA1


def _korean_evidence(stream: BinaryIO, name: str) -> bool:
    """Whether the whole stream reads as CP949 Korean; refuse a doubtful CP949 reading.

    False when some bytes are not CP949 at all (the UTF-8 error is then reported).
    Plausible Korean: every non-ASCII character is in KS X 1001 and at least one is a
    Hangul syllable. Otherwise the first row holding a doubtful character is shown as
    CP949 and as Windows-1252, and the user is asked to save the file as UTF-8 (the one
    reading that needs no guess).
    """
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("cp949")()
    first: dict[str, tuple[int, int]] = {}  # character -> (position in the text, row)
    chars = rows = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            return False
        for char in set(_NON_ASCII.findall(text)) - first.keys():
            at = text.find(char)
            first[char] = (chars + at, rows + text.count("\n", 0, at) + 1)
        chars += len(text)
        rows += text.count("\n")
        if not chunk:
            break
    doubtful = {c for c in first if not _ks_x_1001(c)}
    hangul = any(_HANGUL_SYLLABLES[0] <= ord(c) <= _HANGUL_SYLLABLES[1] for c in first)
    if not doubtful and hangul:
        return True
    pool = doubtful or set(first)
    row = min(first[c] for c in pool)[1]
    line = _line(stream, row)
    korean = line.decode("cp949", errors="replace")
    western = line.decode("cp1252", errors="replace")
    raise InputError(Issue(
        code="encoding_ambiguous", path=name, row=row,
        value=western[:_SHOWN_READING],
        message=f"the text encoding is unclear: this row reads "
        f"{korean[:_SHOWN_READING]!r} as Korean (CP949) but {western[:_SHOWN_READING]!r} as "
        "Western European (Windows-1252); save the file as 'CSV UTF-8' or .xlsx",
    ))


def _line(stream: BinaryIO, row: int) -> bytes:
    """The bytes of line ``row`` (1-based, split at line feeds), without its line ending."""
    stream.seek(0)
    for number, line in enumerate(stream, start=1):
        if number == row:
            return line.removesuffix(b"\n").rstrip(b"\r")
    return b""
