"""Reusable widgets: notices, provenance, validation issues, chart + numbers.

User-supplied text (file names, company and technology names) is only ever shown through
widgets that escape it (``st.text``, ``st.table``, ``st.dataframe``, Altair), never through
Markdown or HTML.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st

from exportmcda.database import Database
from exportmcda.errors import ExportMcdaError, Issue
from exportmcda.labels import issue_title, t
from ui import state

log = logging.getLogger("exportmcda.app")


def language_switch() -> str:
    """Sidebar radio with the options 'English' and '한국어'; keeps the URL in step."""
    options = list(state.LANG_OPTIONS)
    current = next(k for k, v in state.LANG_OPTIONS.items() if v == state.lang())
    choice = st.sidebar.radio(
        t("language", state.lang()), options, index=options.index(current), horizontal=True
    )
    code = state.LANG_OPTIONS[choice]
    if code != state.lang():
        st.session_state[state.LANG] = code
        st.query_params["lang"] = code
        st.rerun()
    return code


def synthetic_notice(db: Database, lang: str) -> None:
    """The banner every screen built on the sample database shows."""
    notice = db.provenance.notice(lang)
    if notice:
        st.warning(notice, icon="⚠️")


def provenance(db: Database, lang: str) -> None:
    """Where the data came from and what was assumed, one click away."""
    with st.expander(t("provenance", lang)):
        st.text(f"{t('source', lang)}: {db.provenance.source}")
        st.text(f"{t('sha256', lang)}: {db.provenance.sha256}")
        if db.provenance.assumptions:
            st.text(t("assumptions", lang) + ":")
            st.table(pd.DataFrame({t("assumptions", lang): list(db.provenance.assumptions)}))


def issues_table(issues: tuple[Issue, ...], lang: str) -> None:
    """Validation problems as a readable table naming file, row and column."""
    frame = pd.DataFrame(
        {
            t("col_row", lang): [i.row if i.row is not None else "" for i in issues],
            t("col_column", lang): [i.field or "" for i in issues],
            t("col_value", lang): [i.value or "" for i in issues],
            t("col_problem", lang): [issue_title(i.code, lang) for i in issues],
            t("col_detail", lang): [i.message for i in issues],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def chart_with_numbers(chart: Any, numbers: pd.DataFrame, lang: str, key: str) -> None:
    """A chart followed by its numbers as a real (DOM) table, for assistive technology."""
    st.altair_chart(chart, width="content", key=f"chart-{key}")
    with st.expander(t("table_numbers", lang)):
        st.table(numbers)


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Turn any error in a page into a clear message instead of a traceback."""
    try:
        yield
    except ExportMcdaError as error:
        st.error(str(error))
    except Exception:  # the page's last guard; the log keeps the traceback
        log.exception("unexpected error while rendering a page")
        st.error(t("error_unexpected", lang))


def run_guarded(page: Callable[[], None]) -> Callable[[], None]:
    """Wrap a page function with :func:`guarded`."""

    def wrapper() -> None:
        with guarded(state.lang()):
            page()

    wrapper.__name__ = page.__name__
    return wrapper
