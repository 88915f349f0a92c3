"""Session-state keys, their defaults, and the cached loaders every page shares.

Caching lives here (never in the library): the sample and each upload are parsed once per
content (bytes + file name are the cache key), not on every rerun or slider move.
"""

from __future__ import annotations

import streamlit as st

from exportmcda.database import Database
from exportmcda.errors import ExportMcdaError, Issue
from exportmcda.io import load, load_sample

LANG = "lang"
UPLOAD = "upload"  # (name, bytes) of the accepted upload, or None for the sample
UPLOAD_ISSUES = "upload_issues"  # issues of the last rejected upload, or None

LANG_OPTIONS = {"English": "en", "한국어": "ko"}


def init() -> None:
    """Seed every key once per session, from the URL where it carries a value."""
    if LANG not in st.session_state:
        st.session_state[LANG] = "ko" if st.query_params.get("lang") == "ko" else "en"
    st.session_state.setdefault(UPLOAD, None)
    st.session_state.setdefault(UPLOAD_ISSUES, None)


def lang() -> str:
    """The current language code, 'en' or 'ko'."""
    return str(st.session_state.get(LANG, "en"))


@st.cache_data(show_spinner=False)
def _sample() -> Database:
    return load_sample()


@st.cache_data(show_spinner=False, max_entries=8)
def _uploaded(name: str, content: bytes) -> Database:
    return load(content, name=name)


def database() -> Database:
    """The database the pages work on: the accepted upload, else the sample."""
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        return _sample()
    name, content = upload
    return _uploaded(name, content)


def try_upload(name: str, content: bytes) -> tuple[Database | None, tuple[Issue, ...]]:
    """Validate an upload; on success make it current, on failure keep the old data."""
    try:
        db = _uploaded(name, content)
    except ExportMcdaError as error:
        st.session_state[UPLOAD_ISSUES] = error.issues
        return None, error.issues
    st.session_state[UPLOAD] = (name, content)
    st.session_state[UPLOAD_ISSUES] = None
    return db, ()


def use_sample() -> None:
    """Drop the upload and go back to the sample database."""
    st.session_state[UPLOAD] = None
    st.session_state[UPLOAD_ISSUES] = None
