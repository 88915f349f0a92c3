"""The briefing as an HTML page (exportmcda.brief.page): complete, escaped, self-contained."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from exportmcda.brief.content import assemble
from exportmcda.brief.page import DENSITIES, render_html
from exportmcda.data.countries import get_country
from exportmcda.data.io import load
from exportmcda.export.record import Record, build_record
from exportmcda.model.criteria import load_criteria
from exportmcda.model.rules import Rule, RuleKind
from exportmcda.model.scenarios import load_scenario
from exportmcda.model.selection import select
from exportmcda.model.shortlist import shortlist
from tests.brief.withrules import WithRules
from tests.markdown_names import HOSTILE, markdown_csv

SCRIPT = "<script>alert(1)</script>"
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "p",
    "div",
    "section",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "br",
    "ul",
    "li",
}
ALLOWED_ATTRIBUTES = {"class", "lang", "charset"}


class _Tags(HTMLParser):
    """Every element and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def hostile_page():
    """A briefing of the small example database whose names are Markdown, HTML, a script."""
    data = markdown_csv().replace(b"**bold**", f"**bold**{SCRIPT}".encode())
    db = load(data, name="hostile.csv")
    selection = select(db, load_criteria(), load_scenario("balanced"), get_country("VNM"))
    top = len(selection.result.alternatives)
    record = Record.from_json(build_record(selection, top=top).to_json())
    brief = assemble(record, selection, samples=200)
    return brief, render_html(brief)


def test_the_page_holds_ids_explanations_digest_and_notice(india_brief):
    page = render_html(india_brief)
    text = " ".join(parsed(page).text)
    for row in india_brief.rows:
        assert row.technology_id in text
        assert row.explanation in text
    assert india_brief.digest in text
    assert india_brief.synthetic_notice in text
    assert "Re-run today: identical." in text
    assert "Closest weight change that alters the top 10: SME export pathway" in text
    assert "UN DESA (UNDESA-EGOV-2024)" in text
    assert text.count("Ranks ") == 10


def test_the_korean_page_is_korean(india_brief_ko):
    page = render_html(india_brief_ko)
    assert '<html lang="ko">' in page
    text = " ".join(parsed(page).text)
    assert "의사결정 브리핑: 인도(IND)" in text
    assert "후보 기술 목록" in text
    assert "합성 샘플 데이터" in text
    assert "오늘 재실행 결과: 동일" in text


def test_hostile_names_show_as_text_and_nothing_is_fetched(hostile_page):
    _brief, page = hostile_page
    found = parsed(page)
    assert found.tags <= ALLOWED_TAGS
    assert found.attributes <= ALLOWED_ATTRIBUTES
    text = " ".join(found.text)
    for name in (*HOSTILE, SCRIPT):
        assert name in text  # shown as the very text (the parser unescapes it)
    assert html.escape(SCRIPT) in page
    assert SCRIPT not in page
    assert "<img" not in page
    lowered = page.lower()
    for fetching in ('src="', "href=", "url(", "@import", "<link", "<script"):
        assert fetching not in lowered


def test_every_density_is_a_complete_page(india_brief):
    sizes = []
    for density in range(len(DENSITIES)):
        page = render_html(india_brief, density)
        assert page.rstrip().endswith("</html>")
        sizes.append(float(page.split("font-size: ")[1].split("pt")[0]))
    assert sizes == sorted(sizes, reverse=True)
    assert render_html(india_brief, 99) == render_html(india_brief, len(DENSITIES) - 1)


def test_rules_and_their_cost_are_shown_with_the_rule_bound_shortlist(india, db, india_record):
    rules = [
        Rule(
            kind=RuleKind.MAX_PER_COMPANY,
            value=1,
            origin="--max-per-company",
            key="--max-per-company",
        )
    ]
    bound = shortlist(india, rules, top=10, db=db)
    record = WithRules(india_record, bound.as_dict())
    brief = assemble(record, india, lang="en", samples=200)
    assert [r.technology_id for r in brief.rows] == list(bound.chosen)
    text = " ".join(parsed(render_html(brief)).text)
    assert "Shortlist under the policy rules" in text
    assert "Shortlist rules and their cost" in text
    assert "at most 1 per company" in text
    # the top 10 holds two pairs of one company (T0273/T0270 Raeda Construction, T0682/T0681
    # Dasae Industries): the rule pushes out the lower of each pair
    cost = bound.costs[0]
    assert cost.binding
    assert cost.pushed_out == ("T0270", "T0681")
    assert f"{cost.score_given_up:.4f}" in text
    assert (
        'Closest rule change that alters the shortlist: drop "at most 1 per company"; '
        "back in: T0270, T0681"
    ) in text
