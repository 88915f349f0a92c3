"""The validated technology database and the interchange format it is read from.

The interchange format is the flat table a ministry analyst keeps in Excel: one row per
technology × technology field (the study's "duplicate" count, 1,847 rows for 1,044
technologies), company attributes repeated on each row. :data:`REQUIRED_COLUMNS` and
:data:`SCALE_COLUMNS` define it; ``validate`` turns a raw table into a :class:`Database`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from exportmcda.data.taxonomy import CLASS_SCALES
from exportmcda.labels import bilingual

__all__ = [
    "CANONICAL_COLUMNS",
    "COMPANY_COLUMNS",
    "REQUIRED_COLUMNS",
    "SCALE_COLUMNS",
    "SYNTHETIC_NOTICE_EN",
    "SYNTHETIC_NOTICE_KO",
    "Database",
    "Provenance",
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

CANONICAL_COLUMNS: tuple[str, ...] = (
    "source_row",
    *REQUIRED_COLUMNS,
    *(col for pair in SCALE_COLUMNS.values() for col in pair),
)
"""Columns of :attr:`Database.rows`, before the kept extra columns."""

SYNTHETIC_NOTICE_EN = (
    "Synthetic sample data: generated to match the study's published tables (Kim 2021); "
    "the companies and technologies are fictitious and every unpublished figure is an "
    "assumption (see ASSUMPTIONS.md)."
)
SYNTHETIC_NOTICE_KO = (
    "합성 샘플 데이터: 연구(김대일, 2021)의 공개 표와 일치하도록 생성한 가상 데이터입니다. "
    "기업과 기술은 실재하지 않으며, 공개되지 않은 수치는 모두 가정입니다(ASSUMPTIONS.md 참조)."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a database came from, carried into every result and export."""

    source: str
    sha256: str
    synthetic: bool = False
    assumptions: tuple[str, ...] = ()

    def notice(self, lang: str = "en") -> str | None:
        """The synthetic-data notice to show, or ``None`` for a user's own data."""
        if not self.synthetic:
            return None
        return bilingual(lang, SYNTHETIC_NOTICE_EN, SYNTHETIC_NOTICE_KO)


@dataclass(frozen=True, slots=True, kw_only=True)
class Database:
    """A validated database: one row per technology × field, typed, read-only.

    ``rows`` has :data:`CANONICAL_COLUMNS` (taxonomy items as their numbers; class columns
    as nullable ``Int64`` where NA means "no class", e.g. the study's 5 "others" for capital
    stock; ``service_type`` NA means the row has no service type) followed by the
    file's extra columns, kept as text. ``source_row`` is the 1-based row number a
    spreadsheet shows (the header is row 1).
    """

    rows: pd.DataFrame
    provenance: Provenance
    extra_columns: tuple[str, ...] = ()
    _companies: pd.DataFrame = field(init=False, repr=False, compare=False)
    _technologies: pd.DataFrame = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = self.rows.copy()
        object.__setattr__(self, "rows", rows)
        company_cols = ["company_id", *COMPANY_COLUMNS]
        companies = rows[company_cols].drop_duplicates("company_id").set_index("company_id")
        tech_cols = ["technology_id", "technology_name", "company_id"]
        technologies = rows[tech_cols].drop_duplicates("technology_id").set_index(
            "technology_id"
        )
        object.__setattr__(self, "_companies", companies)
        object.__setattr__(self, "_technologies", technologies)

    @property
    def companies(self) -> pd.DataFrame:
        """One row per company (index ``company_id``), with its repeated attributes."""
        return self._companies.copy()

    @property
    def technologies(self) -> pd.DataFrame:
        """One row per unique technology (index ``technology_id``)."""
        return self._technologies.copy()

    def technology_profiles(self) -> pd.DataFrame:
        """One row per technology with its company's attributes (index ``technology_id``).

        The technology + company join every per-technology table starts from (measures,
        descriptions), defined once here.
        """
        return self._technologies.join(self._companies, on="company_id")

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
