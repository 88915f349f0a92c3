"""Names written in Markdown, HTML and KaTeX are shown as text (issue 13 item 1)."""

from streamlit.testing.v1 import AppTest

from tests.markdown_names import COMPANIES, HOSTILE, TECHNOLOGIES, markdown_csv
from tests.ui.apppages import APP, ranking_table, tables
from ui.components import plain


def _uploaded(page):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.file_uploader[0].set_value(("markdown.csv", markdown_csv(), "text/csv")).run()
    assert not at.exception, at.exception
    assert at.session_state["upload"][0] == "markdown.csv", "the upload was refused"
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _markdown_rendered(at):
    """Every text the page hands to an element that renders Markdown."""
    texts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success",
                                  "title", "header", "subheader") for e in getattr(at, kind)]
    for table in at.table:  # st.table renders Markdown in cells, index and headers
        frame = table.value
        texts += [str(v) for v in frame.to_numpy().ravel()]
        texts += [str(v) for v in frame.index] + [str(c) for c in frame.columns]
    texts += [e.label for e in at.expander]
    return texts


def test_ranking_shows_markdown_names_as_the_raw_text():
    at = _uploaded("ui/pages/ranking.py")
    table = ranking_table(at)
    by_id = dict(zip(table["Technology ID"], table["Technology"], strict=True))
    companies = dict(zip(table["Technology ID"], table["Company"], strict=True))
    for tech, name in TECHNOLOGIES.items():
        assert by_id[tech] == name
    assert set(COMPANIES.values()) <= set(companies.values())
    # the contributions' number table (technology × criterion) names them as they are
    contributions = next(f.value for f in at.dataframe if f.value.index.name == "Technology")
    labels = {label.split(". ", 1)[1] for label in contributions.index}  # "1. name"
    assert set(HOSTILE) <= labels
    # the explanation's choice lists them as they are (a widget option is plain text)
    options = at.selectbox(key="explain-technology").options
    assert all(any(o.endswith(f". {name}") for o in options) for name in HOSTILE)
    # nothing the page renders as Markdown holds a raw name
    for text in _markdown_rendered(at):
        for name in HOSTILE:
            assert name not in text, (name, text)


def test_compare_shows_markdown_names_as_the_raw_text():
    at = _uploaded("ui/pages/compare.py")  # ASEAN and India, the default pair
    names = {str(v) for t in tables(at) for v in
             [*t.value.index, *t.value.to_numpy().ravel()]}
    assert set(HOSTILE) & names, "the hostile names are shown in the comparison"
    for text in _markdown_rendered(at):
        for name in HOSTILE:
            assert name not in text, (name, text)


def test_plain_escapes_every_markdown_construct():
    for name in HOSTILE:  # every Markdown character comes escaped, letters stay
        assert plain(name) == "".join(
            c if c.isalnum() or c in " /" else "\\" + c for c in name
        ).replace("\\://", "\\:\u2060//")
    # GitHub's autolinks are matched after escapes are resolved: a word joiner breaks them
    assert plain("www.x.org a@b.co") == "www\u2060\\.x\\.org a@\u2060b\\.co"
    assert plain("a\n# b") == "a  \n\\# b"
    assert plain("Kim's [T001](x)") == "Kim\\'s \\[T001\\]\\(x\\)"
