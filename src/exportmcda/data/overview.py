"""The study's overview tables (counts and shares) computed from a :class:`Database`.

Kim (2021), section III, describes its database with eight tables: technologies and
companies by region, companies by size, by capital stock, by history and by number of
employees, and technology × field rows by field and by service type (the study also
classifies sales, so the same table is offered for sales). :func:`overview` recomputes any
of them from a database, so the published numbers can be checked against the shipped
synthetic sample and the same tables can be drawn for a user's own data.

Percentages are kept unrounded (0-100 floats); the study prints them half-up to one
decimal, which :func:`study_round` reproduces for display only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from exportmcda.data.database import Database
from exportmcda.data.taxonomy import (
    CAPITAL,
    COMPANY_SIZES,
    EMPLOYEES,
    FIELDS,
    HISTORY,
    REFERENCE_YEAR,
    REGIONS,
    SALES,
    SERVICE_TYPES,
    Category,
    ClassScale,
)
from exportmcda.errors import ConfigError, Note

__all__ = ["LANGUAGES", "OTHERS_LABEL", "TABLES", "OverviewTable", "overview", "study_round"]

TABLES: tuple[str, ...] = (
    "regions",
    "sizes",
    "capital",
    "sales",
    "history",
    "employees",
    "fields",
    "service-types",
)
"""Names accepted by :func:`overview`, in the order the study presents them."""

LANGUAGES: tuple[str, ...] = ("en", "ko")
"""Languages for category names and class labels."""

OTHERS_LABEL: dict[str, str] = {"en": "The others", "ko": "기타"}
"""Label of the row for companies without a class (the study's capital table: 5 "others")."""

_SCALES: dict[str, ClassScale] = {
    "capital": CAPITAL,
    "sales": SALES,
    "history": HISTORY,
    "employees": EMPLOYEES,
}

_SCALE_NOTES: dict[str, Note] = {
    "sales": Note.of("ov_scale_sales"),
    "history": Note.of("ov_scale_history", year=REFERENCE_YEAR),
}
"""The class scales whose study table needs a caveat (the text of ``ClassScale.note``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OverviewTable:
    """One overview table: its rows, what the percentages are relative to, and notes.

    Attributes
    ----------
    name : str
        One of :data:`TABLES`.
    rows : pandas.DataFrame
        The table; percentage columns are unrounded floats in 0-100.
    denominator : int
        The count the ``pct`` column is relative to (for ``regions``: unique
        technologies; the companies' denominator is given in ``notes``).
    notes : tuple of Note
        What a reader needs to interpret the shares (e.g. rows without a service type);
        ``labels.note_text`` renders them (codes ``ov_*``).
    """

    name: str
    rows: pd.DataFrame
    denominator: int
    notes: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", self.rows.copy())


def study_round(pct: float, digits: int = 1) -> float:
    """Round a percentage half-up, as the study prints it (e.g. 1.65 -> 1.7).

    Python's ``round`` rounds half to even on the binary value; the study's tables
    (Kim 2021, section III) use the common half-up rule on the decimal value, which
    ``decimal.ROUND_HALF_UP`` on the shortest decimal representation reproduces.
    """
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(pct))).quantize(quantum, rounding=ROUND_HALF_UP))


def _pct(counts: pd.Series, denominator: int) -> pd.Series:
    if denominator == 0:
        return pd.Series(0.0, index=counts.index, dtype="float64")
    return counts.astype("float64") * 100.0 / denominator


def _count(values: pd.Series, numbers: list[int]) -> pd.Series:
    """How often each taxonomy number occurs in ``values``, for all ``numbers`` (zeros kept)."""
    present = values.dropna().astype("int64")
    return present.value_counts().reindex(numbers, fill_value=0).astype("int64")


def _regions(db: Database, lang: str) -> OverviewTable:
    numbers = [r.number for r in REGIONS]
    tech_counts = _count(db.technology_profiles()["region"], numbers)
    company_counts = _count(db.companies["region"], numbers)
    n_tech, n_comp = db.n_technologies, db.n_companies
    rows = pd.DataFrame(
        {
            "region": [r.name(lang) for r in REGIONS],
            "technologies": tech_counts.to_numpy(),
            "technologies_pct": _pct(tech_counts, n_tech).to_numpy(),
            "companies": company_counts.to_numpy(),
            "companies_pct": _pct(company_counts, n_comp).to_numpy(),
        }
    )
    notes = (
        Note.of("ov_regions_technologies", n=n_tech),
        Note.of("ov_regions_companies", n=n_comp),
    )
    return OverviewTable(name="regions", rows=rows, denominator=n_tech, notes=notes)


def _sizes(db: Database, lang: str) -> OverviewTable:
    counts = _count(db.companies["company_size"], [s.number for s in COMPANY_SIZES])
    n = db.n_companies
    rows = pd.DataFrame(
        {
            "size": [s.name(lang) for s in COMPANY_SIZES],
            "companies": counts.to_numpy(),
            "pct": _pct(counts, n).to_numpy(),
        }
    )
    notes = (Note.of("ov_companies", n=n),)
    return OverviewTable(name="sizes", rows=rows, denominator=n, notes=notes)


def _classes(db: Database, name: str, lang: str) -> OverviewTable:
    scale = _SCALES[name]
    values = db.companies[scale.class_column]
    numbers = [level.number for level in scale.levels]
    counts = _count(values, numbers)
    n_missing = int(values.isna().sum())
    n = db.n_companies
    classes: list[int | None] = list(numbers)
    labels = [level.name(lang) for level in scale.levels]
    companies = counts.tolist()
    if n_missing:
        classes.append(None)
        labels.append(OTHERS_LABEL[lang])
        companies.append(n_missing)
    count_series = pd.Series(companies, dtype="int64")
    rows = pd.DataFrame(
        {
            "class": pd.array(classes, dtype="Int64"),
            "label": labels,
            "companies": count_series.to_numpy(),
            "pct": _pct(count_series, n).to_numpy(),
        }
    )
    notes = [Note.of("ov_companies_once", n=n)]
    if n_missing:
        notes.append(Note.of("ov_class_missing", n=n_missing, scale=scale.key))
    if scale.key in _SCALE_NOTES:  # the study's own caveats (taxonomy's ClassScale.note)
        notes.append(_SCALE_NOTES[scale.key])
    return OverviewTable(name=name, rows=rows, denominator=n, notes=tuple(notes))


def _ranked(
    values: pd.Series, categories: tuple[Category, ...], column: str, lang: str
) -> tuple[pd.DataFrame, int]:
    """Count per category, sorted by count (descending) then taxonomy number."""
    counts = _count(values, [c.number for c in categories])
    denominator = int(counts.sum())
    frame = pd.DataFrame(
        {
            "number": counts.index.to_numpy(),
            column: [c.name(lang) for c in categories],
            "technologies": counts.to_numpy(),
            "pct": _pct(counts, denominator).to_numpy(),
        }
    )
    frame = frame.sort_values(["technologies", "number"], ascending=[False, True])
    return frame.drop(columns="number").reset_index(drop=True), denominator


def _fields(db: Database, lang: str) -> OverviewTable:
    rows, n = _ranked(db.rows["field"], FIELDS, "field", lang)
    notes = (Note.of("ov_fields", n=n),)
    return OverviewTable(name="fields", rows=rows, denominator=n, notes=notes)


def _service_types(db: Database, lang: str) -> OverviewTable:
    values = db.rows["service_type"]
    rows, n = _ranked(values, SERVICE_TYPES, "service_type", lang)
    notes = [Note.of("ov_service_rows")]
    n_missing = int(values.isna().sum())
    if n_missing:
        notes.append(Note.of("ov_service_missing", untyped=n_missing, n=n))
    else:
        notes.append(Note.of("ov_rows", n=n))
    return OverviewTable(name="service-types", rows=rows, denominator=n, notes=tuple(notes))


_BUILDERS: dict[str, Callable[[Database, str], OverviewTable]] = {
    "regions": _regions,
    "sizes": _sizes,
    "fields": _fields,
    "service-types": _service_types,
}


def overview(db: Database, table: str, lang: str = "en") -> OverviewTable:
    """Compute one of the study's overview tables from ``db``.

    Parameters
    ----------
    db : Database
        A validated database (one row per technology × field).
    table : str
        One of :data:`TABLES`.
    lang : str
        'en' or 'ko': language of category names and class labels.

    Returns
    -------
    OverviewTable
        Columns per table: ``regions`` -> region, technologies, technologies_pct,
        companies, companies_pct (all 17 regions, taxonomy order); ``sizes`` -> size,
        companies, pct (5 sizes); ``capital``/``sales``/``history``/``employees`` -> class,
        label, companies, pct (levels in order, then a "The others" row with class NA if
        some companies have no class); ``fields`` and ``service-types`` -> field or
        service_type, technologies, pct (every taxonomy item, by count descending then
        taxonomy number; service-type shares exclude rows without a service type).

    Raises
    ------
    ConfigError
        ``unknown_table`` if ``table`` is not one of :data:`TABLES`, ``unknown_language``
        if ``lang`` is not one of :data:`LANGUAGES` (names of things, not data).
    """
    if lang not in LANGUAGES:
        raise ConfigError.single(
            "unknown_language", f"unknown language {lang!r}; expected one of "
            f"{', '.join(LANGUAGES)}", field="lang", value=lang,
        )
    if table in _SCALES:
        return _classes(db, table, lang)
    builder = _BUILDERS.get(table)
    if builder is None:
        raise ConfigError.single(
            "unknown_table", f"unknown overview table {table!r}; expected one of "
            f"{', '.join(TABLES)}", field="table", value=table,
        )
    return builder(db, lang)
