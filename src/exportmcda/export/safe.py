"""What a spreadsheet must not run and what a file name must not hold, defined once.

Text that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage
return) is the OWASP "CSV injection" list (OWASP, *CSV Injection*,
https://owasp.org/www-community/attacks/CSV_Injection): the workbook writes such text as a
string cell with a quote prefix, the CSV behind a leading apostrophe, and the audit record
never starts a cell with it. File names offered for download are plain ASCII so that every
browser and file system keeps them as given. Text shown by an element that renders Markdown
(the app's captions and alerts) is escaped by :func:`markdown_text`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = [
    "FORMULA_PREFIXES",
    "looks_like_formula",
    "markdown_text",
    "neutral_cell",
    "neutral_line",
    "neutral_text",
    "one_line",
    "safe_filename",
    "text_cell",
]

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make Excel or LibreOffice treat text as a formula (OWASP)."""

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SEGMENT = re.compile(r"([,;])")


def looks_like_formula(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def one_line(text: object) -> str:
    r"""Metadata (a file name, a path, a note) as one visible line.

    A newline, carriage return, tab or other control character is written as an escape
    (``\n``, ``\r``, ``\t``, ``\x07``), so a file named ``x\n=HYPERLINK(1).csv`` cannot
    start a new line, or a new cell, of an export.
    """
    return _CONTROL.sub(
        lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), str(text)
    )


def neutral_text(value: object) -> object:
    """A data value as a CSV cell: text a spreadsheet would run gets a leading apostrophe.

    Anything else comes back unchanged (numbers stay numbers; a line break inside a name
    stays, the CSV writer quotes it). The neutralisation of user data in CSV (OWASP): the
    apostrophe makes Excel and LibreOffice show the text, not run it.
    """
    return f"'{value}" if looks_like_formula(value) else value


def neutral_cell(value: object) -> str:
    """Metadata as a CSV cell: :func:`one_line`, then :func:`neutral_text`.

    The same neutralisation as user data (OWASP): what a spreadsheet would run is text.
    """
    return str(neutral_text(one_line(value)))


def neutral_line(text: object) -> str:
    """A free-text line of a CSV file (a ``#`` comment) that no spreadsheet runs.

    Excel splits even a comment line at its commas (or semicolons, in some locales), so
    every piece is neutralised as a cell would be: after :func:`one_line`, a piece whose
    text (spaces aside) starts a formula gets an apostrophe in front of it.
    """
    pieces = _SEGMENT.split(one_line(text))
    for k, piece in enumerate(pieces):
        stripped = piece.lstrip(" ")
        if looks_like_formula(stripped):
            pieces[k] = piece[: len(piece) - len(stripped)] + "'" + stripped
    return "".join(pieces)


def text_cell(cell: Any, text: object) -> None:
    """Write ``text`` into an openpyxl ``cell`` as text that no spreadsheet runs.

    Text that looks like a formula (:func:`looks_like_formula`) is stored as a string cell
    with Excel's quote prefix, shown as typed and never evaluated (OWASP); the one
    neutralisation for cells a workbook writer fills one by one (the expert-panel template,
    :mod:`exportmcda.panel.template`).
    """
    value = one_line(text)
    cell.value = value
    if looks_like_formula(value) or cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True


def safe_filename(text: str, *, fallback: str = "exportmcda", limit: int = 80) -> str:
    """A file name stem of ASCII letters, digits, ``_ . -`` only, at most ``limit`` long.

    Accents are dropped (``é`` -> ``e``), every other run of characters becomes ``-``
    and leading or trailing ``-``/``.`` go (no hidden file, no ``..``); ``fallback`` when
    nothing is left (e.g. a Korean-only name).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", ascii_text).strip("-.")[:limit].rstrip("-.")
    return stem or fallback


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$:<>~&=^\"'])")


def markdown_text(text: object) -> str:
    """``text`` escaped for an element that renders Markdown: it shows as the text itself.

    Every Markdown-significant character is backslash-escaped, so an element that renders
    Markdown (``st.caption``, ``st.error``, ``st.markdown``...) shows no link, image,
    emphasis, heading, HTML, KaTeX or ``:color[...]`` directive. Each line is escaped on its
    own (so none starts a block element) and kept as a line (a hard break).

    GitHub's autolinks (``https://…``, ``www.…``, ``a@b.c``) are found in the text after
    escapes are resolved, so escaping cannot stop them: an invisible WORD JOINER (U+2060)
    is put inside each of ``://``, ``www.`` and after ``@``, which the autolink patterns do
    not match. The text reads the same; a copy of it holds the joiner.
    """
    lines = str(text).splitlines()
    return "  \n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", _no_autolink(line)) for line in lines)


_AUTOLINK = re.compile(r"(:)(//)|(www)(\.)|(@)()", re.IGNORECASE)


def _no_autolink(line: str) -> str:
    return _AUTOLINK.sub(lambda m: "\u2060".join(g for g in m.groups() if g is not None), line)
