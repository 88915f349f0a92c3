"""Finding English words in a Korean page or workbook (issue 11, item 1): the one allow-list.

A Korean reader should meet no English sentence the tool wrote. What may stay in Latin
letters, and why:

1. **Codes and acronyms**: a word without two lower-case letters in a row (TOPSIS, AHP,
   SMAA, CR, EGDI, GDP, PPP, TRL, ISO codes such as VNM, ids such as T0889, IoT).
2. **Identifiers, numbers, files and addresses**: a word holding a digit or one of
   ``_ . / @ :`` inside it (``technology_name``, ``criteria/markets.toml``,
   ``exportmcda.rank.fasttopsis``, ``Poisson(0.5)``, ``other:KC``, URLs, versions).
3. **Names** (:data:`NAMES`): software (exportmcda, pymcdm, numpy, pandas, scipy, python), authors
   of a method or a source (Saaty, Kendall, Dirichlet, Spearman, Kim, Decreux & Spies), the
   reference set ``country-indicators``, the indicators' issuers (:data:`ISSUERS`: a
   citation inside a sentence), λmax, the language switch's option "English", the formula
   names ln, floor, Gamma and Poisson, and the command ``exportmcda verify``.
4. **Citations** (:data:`CITATION_COLUMNS`): the columns that quote a source as found -- its
   title, issuer, where it was found, the evidence quoted from it, the source of a criterion
   or indicator, an indicator value's note from the reference set (city names, "computed
   here: ..."), a source's year as printed -- stay in the
   source's language, as a bibliography does; the tool's own words in them are translated
   (``undated`` → 연도 미상, checked separately).

User data other than the shipped sample (file names, uploaded names) is not scanned: the
scans run on the sample, whose names have Korean columns.
"""

import re

from exportmcda.labels import t

NAMES = frozenset(
    {
        "exportmcda",
        "pymcdm",
        "numpy",
        "pandas",
        "scipy",  # the rule-bound shortlist's solver, a recorded library version
        "python",
        "Saaty",
        "Kendall",
        "Dirichlet",
        "Lahdelma",
        "Salminen",  # SMAA-2: Lahdelma & Salminen (2001)
        "Spearman",
        "Kim",
        "Decreux",
        "Spies",
        "λmax",
        "English",
        "ln",
        "floor",
        "Gamma",
        "Poisson",
        "verify",
        "country-indicators",
    }
)
ISSUERS = ("World Bank via Our World in Data", "World Bank", "UN DESA")
"""Issuers of the market indicators, quoted inside a sentence (a country's reasons)."""
CITATION_KEYS = (
    "source",
    "col_sources",
    "col_title",
    "col_issuer",
    "col_found_at",
    "col_evidence",
    "col_note",
    "col_reference_note",
    "col_year",
    "col_url",
)
CITATION_COLUMNS = frozenset({t(k, "ko") for k in CITATION_KEYS} | {"URL"})
"""Column titles (a title ending with one, e.g. "인도: 출처", counts) of quoted sources."""

_SPLIT = re.compile(r"[\s(),;\[\]{}'\"“”‘’·…=|*+—–«»]+")
_INNER = re.compile(r"[0-9_./@:]")
_LOWER_RUN = re.compile(r"[a-z]{2}")
_PARTICLE = re.compile(r"[\uac00-\ud7a3]+$")


def is_citation_column(title: object) -> bool:
    """Whether a column quotes sources (see :data:`CITATION_COLUMNS`)."""
    text = str(title)
    return any(text == c or text.endswith(c) for c in CITATION_COLUMNS)


def english_words(text: object) -> list[str]:
    """The words of ``text`` that are English prose under the rules of the module docstring."""
    found = []
    text = str(text).replace("\\", " ")
    for issuer in ISSUERS:
        text = text.replace(issuer, " ")
    for token in _SPLIT.split(text):
        word = _PARTICLE.sub("", token).strip(".:!?-")  # "country-indicators의" → the name
        if not _LOWER_RUN.search(word) or word in NAMES or _INNER.search(word):
            continue
        found.append(word)
    return found
