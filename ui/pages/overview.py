"""Database overview: the study's tables reproduced from the current data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exportmcda.charts.overview import overview_chart
from exportmcda.data.database import Database
from exportmcda.data.overview import OTHERS_LABEL, TABLES, OverviewTable, overview
from exportmcda.data.taxonomy import CAPITAL, EMPLOYEES, HISTORY, REFERENCE_YEAR, SALES
from exportmcda.labels import t
from ui import chart_view, components, state

_CLASS_TABLES = {s.key: s for s in (CAPITAL, SALES, HISTORY, EMPLOYEES)}


def _notes(table: OverviewTable, db: Database, lang: str) -> tuple[str, ...]:
    """The table's notes in ``lang``.

    The library writes them in English; the Korean page rebuilds each from the same
    counts (``ov_note_*`` labels). Should the library's notes change shape, the Korean
    page falls back to them rather than show a note that no longer matches.
    """
    if lang == "en":
        return table.notes
    name, n = table.name, table.denominator
    notes: list[str] = []
    if name == "regions":
        notes = [t("ov_note_regions_tech", lang, n=f"{db.n_technologies:,}"),
                 t("ov_note_regions_comp", lang, n=f"{db.n_companies:,}")]
    elif name == "sizes":
        notes = [t("ov_note_companies", lang, n=f"{n:,}")]
    elif name in _CLASS_TABLES:
        notes = [t("ov_note_companies_once", lang, n=f"{n:,}")]
        missing = table.rows.loc[table.rows["class"].isna(), "companies"].sum()
        if missing:
            notes.append(t("ov_note_class_missing", lang, n=f"{int(missing):,}",
                           scale=_CLASS_TABLES[name].ko, others=OTHERS_LABEL[lang]))
        if name in ("sales", "history"):
            notes.append(t(f"ov_note_scale_{name}", lang, year=REFERENCE_YEAR))
    elif name == "fields":
        notes = [t("ov_note_fields", lang, n=f"{n:,}")]
    elif name == "service-types":
        notes = [t("ov_note_service_rows", lang)]
        missing = db.n_rows - n
        notes.append(t("ov_note_service_missing", lang, missing=f"{missing:,}", n=f"{n:,}")
                     if missing else t("ov_note_rows", lang, n=f"{n:,}"))
    return tuple(notes) if len(notes) == len(table.notes) else table.notes


def _numbers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = frame.copy()
    for column in shown.columns:
        if column.endswith("pct"):
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    shown = shown.astype("string").fillna("")
    return shown.rename(columns={c: t(f"col_{c}", lang) for c in shown.columns})


def page() -> None:
    """Render the overview page."""
    lang = state.lang()
    db = state.database()
    st.title(t("page_overview", lang))
    components.synthetic_notice(db, lang)
    issues = st.session_state.get(state.UPLOAD_ISSUES)
    if issues:
        st.error(t("upload_failed", lang, n=len(issues)))
        components.issues_table(issues, lang)
    left, middle, right = st.columns(3)
    left.metric(t("kpi_rows", lang), f"{db.n_rows:,}")
    middle.metric(t("kpi_technologies", lang), f"{db.n_technologies:,}")
    right.metric(t("kpi_companies", lang), f"{db.n_companies:,}")
    components.provenance(db, lang)
    tabs = st.tabs([t(f"tbl_{name}", lang) for name in TABLES])
    for tab, name in zip(tabs, TABLES, strict=True):
        with tab:
            table = overview(db, name, lang=lang)
            chart_view.chart_with_numbers(
                overview_chart(table, lang), _numbers(table.rows, lang), lang, key=name
            )
            for note in _notes(table, db, lang):
                st.caption(note)
