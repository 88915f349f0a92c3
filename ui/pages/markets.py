"""Markets: which country for which technology, and why; the export-potential heatmap.

The page calls the library's market side (:mod:`exportmcda.model.markets`: the country
ranking of a technology or field, the export-potential matrix; :mod:`exportmcda.model.
market_views`: the reasons and the country cards; :mod:`exportmcda.charts.markets`: the
heatmap) through the cached loaders of ``ui.state``; it holds no formula.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exportmcda.charts.markets import heatmap_chart, heatmap_data
from exportmcda.data.countries import target_order
from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import Issue, Note
from exportmcda.labels import explanation_text, issue_title, note_text, t
from exportmcda.model.market_views import indicator_table, market_reasons, reason_names
from exportmcda.model.markets import ExportPotential, MarketRanking
from exportmcda.model.weight_state import local_weights
from ui import chart_view, components, state

CARD_KEY = "market_card"  # the country whose card is shown (a view choice: not in the link)


def page() -> None:
    """Render the markets page.

    The choices that change what is ranked (scenario, countries, technology or field) rerun
    the page; the market weights, the country ranking and the heatmap sit in :func:`_live`,
    a fragment, so a slider move reruns only them.
    """
    lang = state.lang()
    db = state.database()
    st.title(t("page_markets", lang))
    components.synthetic_notice(db, lang)
    st.caption(t("markets_intro", lang))
    state.market_countries()  # the link's countries, checked against the known targets
    chosen = components.bound(
        st.multiselect, state.MARKET_COUNTRIES, t("markets_countries", lang),
        options=[c for c in target_order(state.countries(), lang)
                 if c in state.market_options()],
        format_func=lambda c: components.target_name(c, lang),
        help=t("markets_countries_help", lang), wrap=True,  # every chosen country in view
        placeholder=t("choose_targets", lang),
    )
    if len(chosen) < 2:
        st.info(t("markets_pick_two", lang))
        state.sync_url()
        return
    targets = tuple(str(c) for c in chosen)
    kind, row, row_name = _pick(lang)
    _live(lang, kind, row, row_name, targets)
    _cards(lang, targets)
    state.sync_url()


def _pick(lang: str) -> tuple[str, str, str]:
    """The technology (default: the shortlist's first) or field to rank the countries for:
    its kind, its id (technology id or field number) and its display name."""
    scenario, left, right = st.columns([2, 1, 3])
    with scenario:
        components.scenario_choice(lang)
    with left:
        kind = components.bound(
            st.radio, state.MARKET_KIND, t("markets_kind", lang),
            options=list(state.MARKET_KINDS), format_func=lambda k: t(f"markets_kind_{k}", lang),
        )
    with right:
        if kind == "field":
            fields = {f.number: f.name(lang) for f in FIELDS}
            number = components.bound(
                st.selectbox, state.MARKET_FIELD, t("col_field", lang), options=list(fields),
                format_func=fields.__getitem__,
            )
            return "field", str(number), fields[int(number)]
        # every technology, named in the page's language (the cached, described candidates)
        described = state.candidates(state.weights(), str(st.session_state[state.COUNTRY]),
                                     lang).described
        ids = [str(i) for i in described.index]
        names = dict(zip(ids, described["technology_name"].astype(str), strict=True))
        if st.session_state.get(state.MARKET_TECH) not in names:
            st.session_state[state.MARKET_TECH] = state.selection().top_ids(1)[0]
        chosen = str(components.bound(
            st.selectbox, state.MARKET_TECH, t("col_technology", lang), options=ids,
            format_func=lambda i: f"{i} · {names[i]}",
        ))
        return "technology", chosen, names[chosen]


@st.fragment
def _live(lang: str, kind: str, row: str, row_name: str, targets: tuple[str, ...]) -> None:
    """Market weights, the country ranking and the heatmap (one fragment).

    The ranking is computed first and its box filled first, as on the ranking page.
    """
    with components.guarded(lang):  # a fragment rerun bypasses the page's guard
        weights_box, ranking_box, heatmap_box = (st.container() for _ in range(3))
        ranking = state.market_ranking(kind, row, targets)
        with ranking_box:
            _ranking(ranking, kind, row_name, lang)
        with weights_box:
            _weights(lang)
        with heatmap_box:
            _heatmap(ranking, targets, lang)
        state.sync_url()


def _names(lang: str, rows: dict[str, str] | None = None) -> dict[str, str]:
    return reason_names(state.market_tree(), state.countries(), lang, rows)


def _notes(notes: tuple[Note, ...], lang: str, names: dict[str, str]) -> None:
    shown = [n for n in notes if n.code != "tie_rule"]
    if shown:
        with st.expander(t("notes", lang) + f" ({len(shown)})"):
            st.text("\n".join("• " + note_text(n, lang, names) for n in shown))


def _url_issues(issues: tuple[Issue, ...], lang: str) -> None:
    """The link's market-weight problems (not applied)."""
    if issues:
        st.warning(t("market_url_weights_ignored", lang), icon=":material/warning:")
        for issue in issues:  # link text: shown through st.text, never as Markdown
            st.text(f"{issue_title(issue.code, lang)}: {issue.field or ''} = {issue.value}")


def _weights(lang: str) -> None:
    """Sliders over the market criteria (the Ranking page's component, market scope)."""
    weighed = state.market_weights()
    goal = state.market_tree().goal_id
    st.subheader(t("market_weights_title", lang))
    st.caption(t("market_weights_help", lang, scenario=state.market_scenario_id()))
    if state.market_base_weights().scenario.basis == "assumed":
        st.caption(t("market_weights_assumed", lang))
    if state.market_scenario_id() != state.scenario().id:
        st.info(components.plain(t("market_weights_fallback", lang,
                                   scenario=state.scenario().label(lang),
                                   used=state.market_scenario_id())))
    issues = state.market_url_issues()
    # one block whether or not the link's problems show (they go with the first move): the
    # sliders and expanders below keep their place, so an open expander stays open
    with st.container():
        _url_issues(issues, lang)
    components.weight_sliders(goal, local_weights(weighed, goal), lang,
                              columns=len(state.market_nodes()[goal]), scope=state.MARKET)
    nodes = list(state.market_nodes())[1:]
    for slot, node in zip(st.columns(len(nodes)), nodes, strict=True):
        label = t("sub_weights", lang, name=components.node_label(node, lang, state.MARKET))
        with slot, components.lazy_expander(label, f"market.sub.{node}") as opened:
            if opened:
                components.weight_sliders(node, local_weights(weighed, node), lang,
                                          scope=state.MARKET)
    left, right = st.columns([1, 2])
    with left:
        components.reset_weights_button(lang, key="reset-market", scope=state.MARKET)
    if state.market_modified():
        right.info(t("market_weights_adjusted", lang), icon=":material/edit:")


def _ranking(ranking: MarketRanking, kind: str, row_name: str, lang: str) -> None:
    """Rank, country, score and each criterion's contribution; then each country's
    one-sentence reason, written out whole (a grid cell would cut it off)."""
    st.subheader(components.plain(t("markets_where_title", lang, name=row_name)))
    tree = state.market_tree()
    names = _names(lang, {ranking.row: row_name} if kind == "technology" else None)
    records = ranking.records()
    countries = state.countries()
    leaves = {tree.leaf(leaf).label(lang): leaf for leaf in ranking.matrix.columns}
    components.text_table(components.text_frame({
        t("col_rank", lang): [str(r["rank"]) for r in records],
        t("col_country", lang): [countries[r["country"]].name(lang) for r in records],
        t("col_market_score", lang): [f"{r['score']:.3f}" for r in records],
        **{label: [f"{r['contributions'][leaf]:.3f}" for r in records]
           for label, leaf in leaves.items()},
    }), widths={t("col_rank", lang): 55, t("col_country", lang): 140,
                t("col_market_score", lang): 160, **dict.fromkeys(leaves, 100)})
    st.caption(t("markets_contrib_caption", lang))
    reasons = market_reasons(ranking, tree)
    with st.container(border=True, key="market-reasons"):
        st.markdown(f"**{t('markets_reasons', lang)}**")
        # the sentences hold a technology's name (user text): escaped for Markdown
        st.markdown("\n".join(
            f"{r['rank']}. {components.plain(explanation_text(reasons[r['country']], lang, names))}"
            for r in records
        ))
    _notes(ranking.notes, lang, names)


def _heatmap(ranking: MarketRanking, targets: tuple[str, ...], lang: str) -> None:
    """The export-potential heatmap of fields (or the shortlist) x the countries."""
    top, target = int(st.session_state[state.TOP]), state.country().name(lang)
    rows_kind = components.bound(
        st.radio, state.MARKET_ROWS, t("heatmap_rows", lang),
        options=list(state.MARKET_ROW_KINDS), horizontal=True,
        format_func=lambda k: t(f"heatmap_rows_{k}", lang, n=top, target=target),
    )
    rows: tuple[str, ...] | None = None
    labels: dict[str, str] | None = None
    if rows_kind == "shortlist":
        selection = state.selection()
        table = selection.table(top)
        rows = tuple(str(i) for i in table["technology_id"])
        labels = {str(i): f"{r}. {n}" for i, r, n in zip(
            table["technology_id"], table["rank"], table["technology_name"], strict=True)}
        matrix = state.potential("technology", targets)
        st.subheader(components.plain(t("heatmap_title_shortlist", lang, n=len(rows),
                                        target=target)))
        if selection.filters is not None and selection.filters.active:
            st.caption(t("heatmap_filters", lang))
    else:
        matrix = state.potential("field", targets)
        st.subheader(t("heatmap_title_fields", lang))
    data = heatmap_data(matrix, state.countries(), lang, rows=rows, row_labels=labels)
    chart_view.chart_with_numbers(
        heatmap_chart(data, lang, by=matrix.by), _numbers(data, matrix, lang), lang,
        key="heatmap", spec_key=(lang, matrix.by, data["row"].nunique(), len(targets)),
    )
    st.caption(_rule(matrix, ranking, lang))
    _notes(matrix.notes, lang, _names(lang))


def _rule(matrix: ExportPotential, ranking: MarketRanking, lang: str) -> str:
    """The combination rule and the market side's normalisation, as the results state them.

    The demand of a cell is the country's closeness in the market ranking of that row (the
    library checks the batched matrix against :func:`rank_markets`), so the ranking's
    recorded normalisation is the matrix's.
    """
    a = matrix.demand_weight
    rule = t("heatmap_rule_sqrt", lang) if a == 0.5 else t("heatmap_rule_weighted", lang, a=a)
    normalization = t(f"norm_{ranking.result.normalization or 'none'}", lang)
    return f"{rule} {t('heatmap_caption', lang, normalization=normalization)}"


def _numbers(data: pd.DataFrame, matrix: ExportPotential, lang: str) -> pd.DataFrame:
    """The heatmap's cells as a rows x countries table of text (three decimals)."""
    rows = list(dict.fromkeys(data["row_label"].tolist()))
    countries = list(dict.fromkeys(data["country_label"].tolist()))
    cells = {(r, c): f"{s:.3f}" for r, c, s in zip(
        data["row_label"].tolist(), data["country_label"].tolist(), data["score"].tolist(),
        strict=True)}
    first = t("col_field" if matrix.by == "field" else "col_technology", lang)
    return components.text_frame(
        {first: rows, **{c: [cells[(r, c)] for r in rows] for c in countries}}
    )


def _cards(lang: str, targets: tuple[str, ...]) -> None:
    """The card of one chosen country: every indicator with its value, unit, year and source.

    One card at a time, picked in a list (default: the first chosen country), not one tab per
    country: tabs render every panel, and sixteen data grids made the page switch take over a
    second in the browser (bench/app_latency.py).
    """
    st.subheader(t("cards_title", lang))
    st.caption(t("cards_help", lang))
    countries = state.countries()
    names = _names(lang)
    if st.session_state.get(CARD_KEY) not in targets:
        st.session_state[CARD_KEY] = targets[0]
    code = str(st.columns([1, 2])[0].selectbox(
        t("col_country", lang), options=list(targets), key=CARD_KEY,
        format_func=lambda c: countries[c].name(lang),
    ))
    found = state.indicators()[code]
    if found.is_group:
        st.caption(t("card_group", lang, name=countries[code].name(lang),
                     n=len(found.members),
                     members=", ".join(names.get(m, m) for m in found.members)))
    card = indicator_table(found, lang, names)
    components.text_table(components.text_frame({
        t("col_indicator", lang): card["name"].tolist(),
        t("col_year", lang): card["year"].tolist(),
        t("col_value", lang): card["value"].tolist(),
        t("col_unit", lang): card["unit"].tolist(),
        t("col_issuer", lang): card["issuer"].tolist(),
        t("col_title", lang): card["title"].tolist(),
        t("col_status", lang): card["status"].tolist(),
        t("col_found_at", lang): card["found_at"].tolist(),
        t("col_reference_note", lang): card["note"].tolist(),
    }), widths=_card_widths(lang))


def _card_widths(lang: str) -> dict[str, int]:
    """Column widths of a card (pixels): short values whole, long texts wide."""
    return {t("col_indicator", lang): 230, t("col_year", lang): 80, t("col_value", lang): 100,
            t("col_unit", lang): 170, t("col_issuer", lang): 170, t("col_title", lang): 380,
            t("col_status", lang): 420, t("col_found_at", lang): 420,
            t("col_reference_note", lang): 300}


if __name__ == "__main__":  # run as a page of st.navigation (app.py)
    components.run_guarded(page)()
