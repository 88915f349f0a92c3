"""What a spreadsheet must not run and what a file name must not hold, defined once.

Text that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage
return) is the OWASP "CSV injection" list (OWASP, *CSV Injection*,
https://owasp.org/www-community/attacks/CSV_Injection): the workbook writes such text as a
string cell with a quote prefix, the CSV behind a leading apostrophe, and the audit record
never starts a cell with it. File names offered for download are plain ASCII so that every
browser and file system keeps them as given.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FORMULA_PREFIXES", "looks_like_formula", "safe_filename"]

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make Excel or LibreOffice treat text as a formula (OWASP)."""

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def looks_like_formula(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_filename(text: str, *, fallback: str = "exportmcda", limit: int = 80) -> str:
    """A file name stem of ASCII letters, digits, ``_ . -`` only, at most ``limit`` long.

    Accents are dropped (``é`` -> ``e``), every other run of characters becomes ``-``
    and leading or trailing ``-``/``.`` go (no hidden file, no ``..``); ``fallback`` when
    nothing is left (e.g. a Korean-only name).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", ascii_text).strip("-.")[:limit].rstrip("-.")
    return stem or fallback
