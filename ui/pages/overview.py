"""Database overview: the study's tables reproduced from the current data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exportmcda.charts.overview import overview_chart
from exportmcda.data.overview import TABLES, overview
from exportmcda.labels import note_text, t
from ui import chart_view, components, state


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
    tabs = components.lazy_tabs([t(f"tab_{name}", lang) for name in TABLES], "overview")
    for (tab, selected), name in zip(tabs, TABLES, strict=True):
        if not selected:
            continue
        with tab:
            table = overview(db, name, lang=lang)
            chart_view.chart_with_numbers(
                overview_chart(table, lang), _numbers(table.rows, lang), lang, key=name
            )
            for note in table.notes:
                st.caption(components.plain(note_text(note, lang)))
