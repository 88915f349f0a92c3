"""Open a page of the app with AppTest (shared by the app tests)."""

import re
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the app's ui package sits next to app.py

APP = str(ROOT / "app.py")


def open_page(path, timeout=120, upload=None, expand=True, **params):
    """Run the app with ``params`` in the URL, switch to ``path``; no exception allowed.

    ``upload``, a ``(name, bytes)`` pair, is a database uploaded in the sidebar first, as a
    user would (e.g. the sample without evidence, fixture ``no_evidence_csv``). ``expand``:
    every expander opened (:func:`open_expanders`), as by a reader going through the page.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if upload is not None:
        name, content = upload
        at.sidebar.file_uploader[0].set_value((name, content, "text/csv")).run()
        assert not at.exception, at.exception
        assert at.session_state["upload"] == (name, content), "the upload was refused"
    at.switch_page(path).run()
    assert not at.exception, at.exception
    if expand:
        open_expanders(at)
    return at


def lazy_expanders(at):
    """``{session key: open?}`` of the page's lazy expanders (``ui.components.lazy_expander``:
    content built only while open). The key is read from the element's id, which Streamlit
    ends with the user's key."""
    found = {}
    for expander in at.get("expander"):
        match = re.fullmatch(r"\$\$ID-[0-9a-f]+-(open\..+)", expander.proto.id)
        if match:
            found[match.group(1)] = expander.proto.expanded
    return found


def select_tab(at, key, position):
    """Choose the tab at ``position`` of the page's lazy tabs ``key`` (``ui.components.
    lazy_tabs``: only the chosen tab's content is built), as a user clicking it would."""
    at.session_state[f"open.{key}"] = [tab.label for tab in at.tabs][position]
    return open_expanders(at.run())


def each_tab(at, key):
    """Choose each of the page's lazy tabs ``key`` in turn, yielding ``at`` each time."""
    for position in range(len(at.tabs)):
        yield select_tab(at, key, position)


def open_expanders(at):
    """Open every lazy expander on the page, as a user clicking each would (an opened one
    may hold another: the Sensitivity page's analysts' charts and their numbers)."""
    assert not at.exception, at.exception
    while closed := [key for key, opened in lazy_expanders(at).items() if not opened]:
        for key in closed:
            at.session_state[key] = True
        at.run()
        assert not at.exception, at.exception
    return at


def tables(at):
    """Every table on the page: ``st.table`` (fixed text) and ``st.dataframe`` (tables
    holding user text, shown as text: see ``ui.components.text_table``)."""
    return [*at.table, *at.dataframe]


def ranking_table(at):
    """The top-N ranking table (indexed by rank)."""
    return next(t.value for t in tables(at) if t.value.index.name in ("Rank", "순위"))


def caption_texts(at):
    """The captions as a reader sees them: a caption that may hold user text is escaped for
    Markdown (``ui.components.plain``); its backslashes and word joiners are dropped here."""
    return [re.sub(r"\\(.)", r"\1", c.value).replace("\u2060", "") for c in at.caption]


def weight_slider(at, child, prefix=""):
    """The weight slider of hierarchy node ``child`` (its widget key carries a revision that
    changes when the app sets its value: ``ui.state.slider_key``); ``prefix="market."`` for
    the market criteria's sliders."""
    return next(s for s in at.slider if s.key.partition("#")[0] == f"{prefix}weight.{child}")


def markdown_rendered(at):
    """Every text the page hands to an element that renders Markdown (where a name written in
    Markdown would become a link, an image, a heading...)."""
    texts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success",
                                  "title", "header", "subheader") for e in getattr(at, kind)]
    for table in at.table:  # st.table renders Markdown in cells, index and headers
        frame = table.value
        texts += [str(v) for v in frame.to_numpy().ravel()]
        texts += [str(v) for v in frame.index] + [str(c) for c in frame.columns]
    texts += [e.label for e in at.expander]
    return texts
