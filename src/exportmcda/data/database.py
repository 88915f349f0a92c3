"""The validated technology database and the interchange format it is read from.

The interchange format is the flat table a ministry analyst keeps in Excel: one row per
technology × technology field (the study's "duplicate" count, 1,847 rows for 1,044
technologies), company attributes repeated on each row. :data:`REQUIRED_COLUMNS` and
:data:`SCALE_COLUMNS` define it; ``validate`` turns a raw table into a :class:`Database`.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from exportmcda.data.taxonomy import CLASS_SCALES
from exportmcda.labels import bilingual
from exportmcda.resources import data_dir

__all__ = [
    "CANONICAL_COLUMNS",
    "CERTIFICATIONS",
    "COMPANY_COLUMNS",
    "DICTIONARY_COLUMNS",
    "EVIDENCE_COLUMNS",
    "NAME_COLUMNS",
    "NARROW_INTEGER_COLUMNS",
    "REQUIRED_COLUMNS",
    "SCALE_COLUMNS",
    "SYNTHETIC_NOTICE_EN",
    "SYNTHETIC_NOTICE_KO",
    "Database",
    "EvidenceColumn",
    "Provenance",
    "integer_dtype",
    "iso_alpha3",
    "plain_text",
    "text_column",
    "uncached",
]

REQUIRED_COLUMNS: tuple[str, ...] = (
    "technology_id",
    "technology_name",
    "company_id",
    "company_name",
    "field",
    "service_type",
    "region",
    "company_size",
)
"""Columns every file must have (``service_type`` may be empty on a row: no service type)."""

SCALE_COLUMNS: dict[str, tuple[str, str]] = {
    s.key: (s.raw_column, s.class_column) for s in CLASS_SCALES
}
"""For capital, sales, history, employees: (raw column, class column); a file needs one."""

COMPANY_COLUMNS: tuple[str, ...] = (
    "company_name",
    "region",
    "company_size",
    *(col for pair in SCALE_COLUMNS.values() for col in pair),
)
"""Company attributes that must agree on every row of the same ``company_id``."""

NAME_COLUMNS: dict[str, str] = {
    "technology_name_ko": "technology_name",
    "company_name_ko": "company_name",
}
"""Optional Korean names (column → the English or original name column it translates).

``technology_name`` and ``company_name`` hold the name shown in English (or the only name a
file has); where the Korean column is given and not empty, the Korean interface shows it
instead. The Korean technology name must agree on every row of the technology, the Korean
company name on every row of the company (like the names they translate).
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceColumn:
    """One optional technology-level evidence column of the interchange format.

    ``kind`` says how a cell is read: ``count`` (a whole number ≥ ``minimum``, ≤
    ``maximum`` when given), ``year`` (a four-digit year from ``minimum`` to the current
    year), ``countries`` (ISO 3166-1 alpha-3 codes separated by ``;``) or ``certifications``
    (codes of :data:`CERTIFICATIONS` or ``other:<text>``, separated by ``;``). An empty cell
    means "not known" for that technology; the criteria say how it is scored.
    """

    name: str
    kind: str
    minimum: int | None = None
    maximum: int | None = None
    en: str
    ko: str

    def label(self, lang: str = "en") -> str:
        """The column's description in ``lang``."""
        return bilingual(lang, self.en, self.ko)


EARLIEST_LAUNCH = 1950
"""Earliest accepted launch year: smart-city technologies (and the GS scheme) are younger."""

EVIDENCE_COLUMNS: tuple[EvidenceColumn, ...] = (
    EvidenceColumn(
        name="domestic_sites", kind="count", minimum=0,
        en="Korean local governments or sites where the technology is deployed",
        ko="기술이 도입된 국내 지방자치단체 또는 현장 수",
    ),
    EvidenceColumn(
        name="overseas_sites", kind="count", minimum=0,
        en="deployments of the technology abroad",
        ko="기술의 해외 도입 건수",
    ),
    EvidenceColumn(
        name="export_countries", kind="countries",
        en="countries the technology was exported to (ISO 3166-1 alpha-3, ';'-separated)",
        ko="기술 수출국(ISO 3166-1 alpha-3 코드, ';'로 구분)",
    ),
    EvidenceColumn(
        name="certifications", kind="certifications",
        en="certifications and designations (GS, NEP, NET, INNO or other:<text>, "
        "';'-separated)",
        ko="인증·지정(GS, NEP, NET, INNO 또는 other:<내용>, ';'로 구분)",
    ),
    EvidenceColumn(
        name="patents", kind="count", minimum=0,
        en="registered patents covering the technology", ko="기술 관련 등록 특허 수",
    ),
    EvidenceColumn(
        name="trl", kind="count", minimum=1, maximum=9,
        en="technology readiness level (1–9)", ko="기술성숙도(TRL, 1–9)",
    ),
    EvidenceColumn(
        name="launched", kind="year", minimum=EARLIEST_LAUNCH,
        en="year the technology was first put on the market", ko="기술 출시 연도",
    ),
)
"""The optional technology-level evidence columns (issue 9), defined once.

Each must agree on every row of the technology (like ``technology_name``). A database
without them still ranks: the criteria leaves that need a missing column are left out and
a note says so (:func:`exportmcda.model.measures.score`).
"""

CERTIFICATIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "GS": ("GS (Good Software) certification", "GS 인증(우수 소프트웨어)",
           ("good software", "gs인증", "gs 인증")),
    "NEP": ("NEP (New Excellent Product) certification", "NEP 인증(신제품)",
            ("new excellent product", "신제품인증", "신제품 인증")),
    "NET": ("NET (New Excellent Technology) certification", "NET 인증(신기술)",
            ("new excellent technology", "신기술인증", "신기술 인증")),
    "INNO": ("innovative-product designation", "혁신제품 지정",
             ("innovative product", "innovative-product", "혁신제품")),
}
"""Certification vocabulary: code → (English, Korean, accepted aliases).

GS: the Good Software certification (Software Promotion Act, art. 20; TTA). NEP: New
Excellent Product (Industrial Technology Innovation Promotion Act, art. 16). NET: New
Excellent Technology (same act, art. 15). INNO: the Public Procurement Service's
innovative-product designation (혁신제품, Act on the Promotion of Procurement of
Innovative Products). Anything else is written ``other:<text>`` and kept as given.
"""

OTHER_CERTIFICATION = "other:"


def current_year() -> int:
    """The latest accepted launch year (the current calendar year)."""
    return datetime.date.today().year


@cache
def iso_alpha3() -> dict[str, str]:
    """The 249 ISO 3166-1 alpha-3 codes and their English short names.

    Read from ``data/iso/iso3166-1-alpha3.csv`` (its header comment names the source: the
    iso-codes project's ``iso_3166-1.json``, which follows the ISO 3166 Maintenance Agency).
    """
    path = data_dir() / "iso" / "iso3166-1-alpha3.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return {row["alpha_3"]: row["name"] for row in csv.DictReader(lines)}


CANONICAL_COLUMNS: tuple[str, ...] = (
    "source_row",
    *REQUIRED_COLUMNS,
    *(col for pair in SCALE_COLUMNS.values() for col in pair),
)
"""Columns of :attr:`Database.rows`, before the kept extra columns."""

IntegerDtypeName = Literal["Int8", "Int16", "Int64"]

NARROW_INTEGER_COLUMNS: dict[str, IntegerDtypeName] = {
    **dict.fromkeys(("field", "service_type", "region", "company_size"), "Int8"),
    **{s.class_column: "Int8" for s in CLASS_SCALES},
    "founded_year": "Int16",
    "trl": "Int8",
    "launched": "Int16",
}
"""Integer columns of :attr:`Database.rows` held narrower than ``Int64``, and their dtype.

Taxonomy numbers (at most 39), classes (1–7) and TRL (1–9) fit ``Int8``; founding years
(1800–2021) and launch years (1950 to the current year) fit ``Int16``. Validation refuses
any value outside those ranges, so nothing is lost; at 10^6 rows the eleven columns took
99 MB as ``Int64`` and take 24 MB so (issue 13, item 10). Raw amounts (won, people) and
counts (sites, patents) stay ``Int64``: they may reach 10^18. Arithmetic that could leave
the narrow range (a key ``a * width + b``) casts to ``int64`` first.
"""


def integer_dtype(column: str) -> IntegerDtypeName:
    """The nullable integer dtype of an integer column of :attr:`Database.rows`."""
    return NARROW_INTEGER_COLUMNS.get(column, "Int64")


DICTIONARY_COLUMNS: tuple[str, ...] = (
    "technology_name", "company_name", *NAME_COLUMNS,
)
"""Name columns of :attr:`Database.rows` that :func:`~exportmcda.data.validate.validate`
stores as an Arrow dictionary (``dictionary<values=large_string, indices=int32>[pyarrow]``).

A company's name repeats on every row of its technologies, a technology's on each of its
fields; each distinct name is kept once with an int32 code per row (at 10^6 rows the four
columns took 190 MB as text, about 90 MB so; issue 13, item 10). They read as text
(``rows.loc[i, "company_name"]`` is a ``str``, a missing Korean name ``<NA>``); the
per-technology and per-company tables (:attr:`Database.technologies`,
:attr:`Database.companies`) hold them as plain text (:func:`plain_text`), as every
ranking, view and export reads them.
"""


def text_column(values: pa.Array) -> object:
    """A frame column of texts, in the dtype pandas gives text (Arrow ``str`` from pandas 3).

    Built from the Arrow values without a Python string per row; pandas versions that
    keep text as objects get the same object array as before.
    """
    dtype = pd.Series(["a"]).dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return values.to_pandas(types_mapper={pa.large_string(): dtype}.get)
    return np.asarray(values.to_pylist(), dtype=object)


def plain_text(column: pd.Series) -> pd.Series:
    """``column`` as plain text if it is a dictionary column (:data:`DICTIONARY_COLUMNS`).

    Decoded in Arrow (no Python string per row); any other column is returned as it is.
    """
    dtype = column.dtype
    if not (isinstance(dtype, pd.ArrowDtype) and pa.types.is_dictionary(dtype.pyarrow_dtype)):
        return column
    chunks = pa.chunked_array(column.array.__arrow_array__())
    values = pc.cast(chunks, pa.large_string()).combine_chunks()
    text = text_column(values)
    data = text.array if isinstance(text, pd.Series) else text
    return pd.Series(data, index=column.index, name=column.name, copy=False)


SYNTHETIC_NOTICE_EN = (
    "Synthetic sample data: generated to match the study's published tables (Kim 2021); "
    "the companies and technologies are fictitious and every unpublished figure is an "
    "assumption (see ASSUMPTIONS.md)."
)
SYNTHETIC_NOTICE_KO = (
    "합성 샘플 데이터: 연구(김대일, 2021)의 공개 표와 일치하도록 생성한 가상 데이터입니다. "
    "기업과 기술은 실재하지 않으며, 공개되지 않은 수치는 모두 가정입니다(ASSUMPTIONS.md 참조)."
)


SAMPLE_NAME_EN = "exportmcda sample database (synthetic)"
SAMPLE_NAME_KO = "exportmcda 샘플 데이터베이스(합성)"
"""The shipped sample's name, as :attr:`Provenance.source` holds it and in Korean."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a database came from, carried into every result and export."""

    source: str
    sha256: str
    synthetic: bool = False
    assumptions: tuple[str, ...] = ()
    assumptions_ko: tuple[str, ...] = ()
    """The Korean text of each of ``assumptions`` (same order; ``""`` where there is none)."""

    def assumption_texts(self, lang: str = "en") -> tuple[str, ...]:
        """The assumptions in ``lang``: Korean where a Korean text exists, else English."""
        if lang != "ko" or not self.assumptions_ko:
            return self.assumptions
        korean = (*self.assumptions_ko, *("",) * len(self.assumptions))
        return tuple(ko or en for en, ko in zip(self.assumptions, korean, strict=False))

    def source_text(self, lang: str = "en") -> str:
        """The data source as a reader sees it: the sample's name in ``lang``, else the file."""
        if self.synthetic:
            return bilingual(lang, SAMPLE_NAME_EN, SAMPLE_NAME_KO)
        return self.source

    def notice(self, lang: str = "en") -> str | None:
        """The synthetic-data notice to show, or ``None`` for a user's own data."""
        if not self.synthetic:
            return None
        return bilingual(lang, SYNTHETIC_NOTICE_EN, SYNTHETIC_NOTICE_KO)


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    """An independent copy of ``frame``: lazy where pandas copies on write, else deep.

    With copy-on-write (always from pandas 3; an option in pandas 2) a shallow copy already
    cannot see a later change of the original nor change it, and costs no memory until one
    of them is changed; a deep copy of a 10^6-row database was a third of the pipeline's
    peak memory (issue 13, item 10). Without it, a deep copy, as the style guide asks.
    """
    cow = int(pd.__version__.split(".")[0]) >= 3 or pd.get_option("mode.copy_on_write") is True
    return frame.copy(deep=not cow)


def uncached(index: pd.Index) -> pd.Index:
    """The same labels, sharing their memory, in a new index object with nothing cached.

    An index that pandas looked labels up in keeps a hash table of them, with one Python
    string per label for text (about 55 MB for 565,000 technology ids), for as long as
    the index lives. The database's tables live as long as the database, so the joins
    and lookups of a ranking work on a fresh index object (this), whose table goes with
    it (issue 13, item 10; bench/README.md, memory at 10^6 rows, fifth pass).
    """
    if isinstance(index, pd.MultiIndex):
        return index
    fresh: pd.Index = pd.Index(index.array, name=index.name, copy=False)
    return fresh


@dataclass(frozen=True, slots=True, kw_only=True)
class Database:
    """A validated database: one row per technology × field, typed, read-only.

    ``rows`` has :data:`CANONICAL_COLUMNS` (taxonomy items as their numbers; class columns
    as nullable integers where NA means "no class", e.g. the study's 5 "others" for capital
    stock; ``service_type`` NA means the row has no service type) followed by the
    file's extra columns, kept as text. ``source_row`` is the 1-based row number a
    spreadsheet shows (the header is row 1). Integer columns are nullable ``Int64``,
    except the taxonomy, class and year columns of :data:`NARROW_INTEGER_COLUMNS`
    (``Int8`` / ``Int16``, :func:`integer_dtype`). The name columns
    (:data:`DICTIONARY_COLUMNS`) are Arrow dictionaries as :func:`validate
    <exportmcda.data.validate.validate>` builds them; :attr:`technologies` and
    :attr:`companies` hold them as plain text.
    ``evidence_columns`` lists the optional evidence columns the file has (in
    :data:`EVIDENCE_COLUMNS` order; counts ``Int64``, TRL ``Int8``, launch years
    ``Int16``, codes as ``;``-joined text, NA where a cell was empty) and
    ``name_columns`` the optional Korean names
    (:data:`NAME_COLUMNS`); both come right after the canonical columns.
    """

    rows: pd.DataFrame
    provenance: Provenance
    extra_columns: tuple[str, ...] = ()
    evidence_columns: tuple[str, ...] = ()
    name_columns: tuple[str, ...] = ()
    _companies: pd.DataFrame = field(init=False, repr=False, compare=False)
    _technologies: pd.DataFrame = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = _copy(self.rows)
        object.__setattr__(self, "rows", rows)
        company_cols = ["company_id", *COMPANY_COLUMNS]
        if "company_name_ko" in self.name_columns:
            company_cols.append("company_name_ko")
        companies = rows[company_cols].drop_duplicates("company_id").set_index("company_id")
        tech_cols = ["technology_id", "technology_name", "company_id"]
        if "technology_name_ko" in self.name_columns:
            tech_cols.append("technology_name_ko")
        tech_cols += list(self.evidence_columns)
        technologies = rows[tech_cols].drop_duplicates("technology_id").set_index(
            "technology_id"
        )
        companies = companies.assign(**{
            c: plain_text(companies[c]) for c in company_cols if c in DICTIONARY_COLUMNS
        })
        technologies = technologies.assign(**{
            c: plain_text(technologies[c]) for c in tech_cols if c in DICTIONARY_COLUMNS
        })
        object.__setattr__(self, "_companies", companies)
        object.__setattr__(self, "_technologies", technologies)

    @property
    def companies(self) -> pd.DataFrame:
        """One row per company (index ``company_id``), with its repeated attributes."""
        return _copy(self._companies)

    @property
    def technologies(self) -> pd.DataFrame:
        """One row per unique technology (index ``technology_id``)."""
        return _copy(self._technologies)

    def technology_profiles(self) -> pd.DataFrame:
        """One row per technology with its company's attributes (index ``technology_id``).

        The technology + company join every per-technology table starts from (measures,
        descriptions), defined once here.
        """
        companies = self._companies.set_axis(uncached(self._companies.index))
        profiles = self._technologies.join(companies, on="company_id")
        return profiles.set_axis(uncached(profiles.index))

    @property
    def n_rows(self) -> int:
        """Technology × field rows (the study's 1,847)."""
        return len(self.rows)

    @property
    def n_technologies(self) -> int:
        """Unique technologies (the study's 1,044)."""
        return len(self._technologies)

    @property
    def n_companies(self) -> int:
        """Companies (the study's 300)."""
        return len(self._companies)
