"""Names written in Markdown, HTML and KaTeX are shown as text (issue 13 item 1)."""

from tests.markdown_names import COMPANIES, HOSTILE, TECHNOLOGIES, markdown_csv
from tests.ui.apppages import markdown_rendered, open_page, ranking_table, tables
from ui.components import plain


def _uploaded(page):
    return open_page(page, upload=("markdown.csv", markdown_csv()))


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
    assert all(any(o.startswith(f"{name} · T") for o in options) for name in HOSTILE)
    # nothing the page renders as Markdown holds a raw name
    for text in markdown_rendered(at):
        for name in HOSTILE:
            assert name not in text, (name, text)


def test_compare_shows_markdown_names_as_the_raw_text():
    at = _uploaded("ui/pages/compare.py")  # ASEAN and India, the default pair
    names = {str(v) for t in tables(at) for v in
             [*t.value.index, *t.value.to_numpy().ravel()]}
    assert set(HOSTILE) & names, "the hostile names are shown in the comparison"
    for text in markdown_rendered(at):
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
