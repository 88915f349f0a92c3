"""exportmcda — the policymaker's app. Wires the pages; all logic lives in exportmcda/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from exportmcda.labels import t
from ui import components, sidebar, state
from ui.pages import overview

# Material icons, not emoji: an emoji icon makes Streamlit load its emoji catalog (0.1-0.2 s
# of the first page).
st.set_page_config(page_title="exportmcda", page_icon=":material/location_city:", layout="wide")
st.html(Path(__file__).resolve().parent / "ui" / "style.css")  # static CSS of ours, no user text
state.init()
sidebar.render()
lang = state.lang()
st.sidebar.caption(t("app_caption", lang))

pages = [
    st.Page(
        components.run_guarded(overview.page),
        title=t("page_overview", lang),
        url_path="overview",
        default=True,
    ),
    st.Page(
        "ui/pages/ranking.py", title=t("page_ranking", lang), url_path="ranking"
    ),
    st.Page(
        "ui/pages/weights.py", title=t("page_weights", lang), url_path="weights"
    ),
    st.Page(
        "ui/pages/compare.py", title=t("page_compare", lang), url_path="compare"
    ),
    st.Page(
        "ui/pages/markets.py", title=t("page_markets", lang), url_path="markets"
    ),
    st.Page(
        "ui/pages/sensitivity.py", title=t("page_sensitivity", lang), url_path="sensitivity"
    ),
    st.Page("ui/pages/decisions.py", title=t("page_decisions", lang), url_path="decisions"),
]
st.navigation(pages).run()
