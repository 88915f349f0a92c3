"""The sidebar every page shares: language, data source (sample or upload), link problems."""

from __future__ import annotations

import streamlit as st

from exportmcda.labels import issue_title, t
from ui import components, state


def render() -> None:
    """Language switch, then the data source with the upload box."""
    lang = components.language_switch()
    st.sidebar.subheader(t("data_source", lang))
    upload = st.sidebar.file_uploader(
        t("upload_label", lang), type=["csv", "xlsx"], accept_multiple_files=False
    )
    if upload is not None:
        content = upload.getvalue()
        current = st.session_state.get(state.UPLOAD)
        if current is None or current != (upload.name, content):
            state.try_upload(upload.name, content)
    if st.session_state.get(state.UPLOAD) is not None:
        name = st.session_state[state.UPLOAD][0]
        st.sidebar.text(f"{t('data_uploaded', lang)}: {name}")
        st.sidebar.button(t("use_sample", lang), on_click=state.use_sample)
    else:
        st.sidebar.text(t("data_sample", lang))
    _scenario_file(lang)
    _link_weights(lang)


def _scenario_file(lang: str) -> None:
    """Upload a scenario file (TOML); the current one is downloadable on the ranking page."""
    st.sidebar.subheader(t("scenario_file", lang))
    upload = st.sidebar.file_uploader(
        t("scenario_upload_label", lang), type=["toml"], accept_multiple_files=False,
        key="scenario-upload",
    )
    if upload is not None:
        content = upload.getvalue()
        seen = st.session_state.get("_scenario_seen")
        if seen != (upload.name, content):
            st.session_state["_scenario_seen"] = (upload.name, content)
            state.try_scenario_upload(upload.name, content)
    error = st.session_state.get(state.SCENARIO_ERROR)
    if error:
        st.sidebar.error(t("scenario_rejected", lang))
        st.sidebar.text(error)


def _link_weights(lang: str) -> None:
    """Why a shared link's weights were not applied, until the user sets weights.

    The link is user text, so each problem is shown through ``st.text`` (escaped), never
    inside the warning's Markdown.
    """
    issues = state.url_issues()
    if not issues:
        return
    st.sidebar.warning(t("url_weights_ignored", lang), icon="⚠️")
    for issue in issues:
        where = issue.field or ""
        shown = f"{where} = {issue.value}" if issue.value is not None else where
        st.sidebar.text(f"{issue_title(issue.code, lang)}: {shown}")
