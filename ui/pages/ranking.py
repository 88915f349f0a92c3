"""Ranking: target, scenario, weights, the ranked shortlist, why, and its export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from exportmcda.charts.ranking import (
    contribution_chart,
    contribution_data,
    weights_chart,
    weights_data,
)
from exportmcda.data.taxonomy import COMPANY_SIZES, FIELDS, REGIONS, SERVICE_TYPES
from exportmcda.errors import ExportMcdaError
from exportmcda.labels import t
from exportmcda.model.explain import Explanation, explain
from exportmcda.model.selection import Selection
from exportmcda.model.weight_state import (
    effective_criterion_weights,
    left_out_nodes,
    local_weights,
)
from ui import chart_view, components, rules, state

if TYPE_CHECKING:
    from exportmcda.model.shortlist import Shortlist

_FILTERS = {
    "fields": ("col_field", FIELDS),
    "service_types": ("col_service_type", SERVICE_TYPES),
    "company_sizes": ("col_size", COMPANY_SIZES),
    "regions": ("col_region", REGIONS),
}


def _set_filter(dimension: str, widget_key: str) -> None:
    chosen = dict(st.session_state[state.FILTERS])
    chosen[dimension] = list(st.session_state[widget_key])
    st.session_state[state.FILTERS] = chosen


def _filters(lang: str) -> None:
    chosen = st.session_state[state.FILTERS]
    active = sum(bool(v) for v in chosen.values())
    with components.lazy_expander(t("filters", lang), "filters", expanded=bool(active)) as opened:
        if opened:
            _filter_widgets(chosen, lang)
    if active:
        st.caption(t("filters_active", lang, n=active))


def _filter_widgets(chosen: dict[str, list[int]], lang: str) -> None:
    columns = st.columns(len(_FILTERS))
    for column, (dimension, (label, categories)) in zip(columns, _FILTERS.items(), strict=True):
        names = {c.number: c.name(lang) for c in categories}
        widget_key = f"filter.{dimension}"
        st.session_state[widget_key] = list(chosen.get(dimension, []))
        column.multiselect(
            t(label, lang), options=list(names), format_func=names.__getitem__,
            key=widget_key, on_change=_set_filter, args=(dimension, widget_key),
            placeholder=t("filter_all", lang),
        )


@dataclass(frozen=True)
class _Below:
    """What the fragment draws after the ranking table, all computed before any is drawn.

    Why: elements that reach the browser while it is drawing the new ranking delay that
    drawing (their messages and renders take the page's main thread). Computing first leaves
    the browser a gap in which it draws the ranking; the rest then follows in one burst.
    Browser bench, interleaved A/B with the sliders' ``value`` (bench/README, "Compute, then
    draw"): the ranking visible after a slider move in a median 206.5 → 187.1 ms.
    """

    left_out: tuple[str, ...]
    local: dict[str, dict[str, float]]  # each weighted node's children's local weights
    weights: pd.DataFrame  # the weights the ranking used (weights_data)
    weights_chart: Any
    shortlist: Shortlist | ExportMcdaError | None  # rules.outcome
    contributions: pd.DataFrame  # contribution_data
    contributions_chart: Any
    explained: Explanation | None  # the technology chosen to be explained, if any


def _below(selection: Selection, top: int, lang: str) -> _Below:
    weighed = selection.weights  # the session's (ui.state.selection)
    weights = weights_data(weighed.tree, effective_criterion_weights(selection), lang)
    contributions = contribution_data(selection, top, lang)
    chosen = st.session_state.get(_EXPLAIN_KEY)
    return _Below(
        left_out=left_out_nodes(selection),
        local={node: local_weights(weighed, node) for node in state.inner_nodes()},
        weights=weights,
        weights_chart=weights_chart(weights, lang),
        shortlist=rules.outcome(selection, top),
        contributions=contributions,
        contributions_chart=contribution_chart(contributions, lang),
        explained=(
            explain(selection, str(chosen), lang)
            if chosen is not None and chosen in selection.top_ids(top)
            else None
        ),
    )


def _weights(lang: str, selection: Selection, below: _Below) -> None:
    """The sliders (stated weights; a left-out criterion's disabled) and a chart of the
    weights the ranking used (:func:`effective_criterion_weights`: left-out criteria at 0,
    their share redistributed)."""
    weighed, left_out = selection.weights, below.left_out
    goal = weighed.tree.goal_id
    components.weight_sliders(goal, below.local[goal], lang, columns=5, left_out=left_out)
    left, right = st.columns([3, 2])
    with left:
        st.caption(t("weights_used", lang))
        data = below.weights
        chart_view.chart_with_numbers(
            below.weights_chart, lambda: _weight_numbers(data, lang), lang, key="weights",
            spec_key=(lang, tuple(data["label"].tolist())),
        )
    with right:
        components.reset_weights_button(lang, key="reset-ranking")
        # one slot whether or not the note shows: the expanders below keep their place, so a
        # first move (the weights become the user's) does not close the one being used
        adjusted = st.empty()
        if state.modified():
            adjusted.info(t("weights_adjusted", lang), icon="✏️")
        st.page_link("ui/pages/weights.py", label=t("open_pairwise", lang), icon="⚖️")
        for node in list(below.local)[1:]:
            label = t("sub_weights", lang, name=components.node_label(node, lang))
            with components.lazy_expander(label, f"sub.{node}") as opened:
                if opened:
                    components.weight_sliders(node, below.local[node], lang,
                                              left_out=left_out)
    for note in weighed.notes:
        st.warning(components.plain(components.note_text(note, lang)), icon="⚠️")


def _weight_numbers(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    return components.text_frame(
        {
            t("col_criterion", lang): data["label"].tolist(),
            t("col_weight", lang): [f"{w:.3f}" for w in data["weight"].tolist()],
            t("col_weight_pct", lang): [f"{p:.1f}" for p in data["percent"].tolist()],
        }
    )


_EXPLAIN_KEY = "explain-technology"


def _explain(selection: Selection, top: int, below: _Below, lang: str) -> None:
    st.subheader(t("explain_title", lang))
    ids = list(selection.top_ids(top))
    names = selection.technologies["technology_name"]
    # listed in rank order; labelled without the rank: Streamlit keeps a choice while its
    # label is among the options, so a weight move that changes the chosen technology's rank
    # keeps its explanation open (it closes only when the technology leaves the list)
    chosen = st.selectbox(
        t("explain_pick", lang), options=ids, key=_EXPLAIN_KEY, index=None,
        format_func=lambda i: f"{names.loc[i]} · {i}",
        placeholder=t("explain_placeholder", lang),
    )
    if chosen is None:
        return
    why = below.explained
    if why is None or why.technology_id != str(chosen):
        why = explain(selection, str(chosen), lang)
    st.text(why.sentence)
    frame = why.table
    st.table(
        pd.DataFrame(
            {
                t("col_criterion", lang): frame["label"],
                t("col_value", lang): [f"{v:.3g}" for v in frame["value"]],
                t("col_ideal", lang): [f"{v:.3g}" for v in frame["ideal"]],
                t("col_anti_ideal", lang): [f"{v:.3g}" for v in frame["anti_ideal"]],
                t("col_weight", lang): [f"{v:.3f}" for v in frame["weight"]],
                t("col_contribution", lang): [f"{v:.3f}" for v in frame["contribution"]],
            }
        ).set_index(t("col_criterion", lang))
    )
    if why.above is None:
        st.text(t("moves_top", lang))
        return
    st.text(t("moves_title", lang, name=str(selection.technologies.loc[why.above,
                                                                      "technology_name"])))
    moves = why.moves
    st.table(
        pd.DataFrame(
            {
                t("col_criterion", lang): moves["label"],
                t("col_value", lang): [f"{v:.3g}" for v in moves["value"]],
                t("col_needed", lang): [
                    t("move_none", lang) if pd.isna(v) else f"{float(v):.3g}"
                    for v in moves["needed"]
                ],
            }
        ).set_index(t("col_criterion", lang))
    )


def page() -> None:
    """Render the ranking page.

    The controls that change the candidate pool or the rules (target, scenario, list
    length, filters, evidence rule, shortlist rules) rerun the whole page; everything a
    weight moves sits in :func:`_live`, a fragment, so a slider move reruns only that part.
    The fragment holds only what a weight changes: each element it redraws costs the
    browser a React render on every move (bench/app_latency.py).
    """
    lang = state.lang()
    db = state.database()
    st.title(t("page_ranking", lang))
    components.synthetic_notice(db, lang)
    top = components.target_bar(lang)
    base = state.scenario()
    if base.description(lang):
        st.text(base.description(lang))
    scope = state.selection()  # the pool, its sources and its technologies' names
    _filters(lang)
    components.sources_expander(scope, lang)
    rules.controls(lang, scope, top)
    st.subheader(t("weights_title", lang))  # the fragment's first part: its heading outside it
    st.caption(t("weights_help", lang))
    shown = state.shown_ranking()
    shown.page_run()
    _live(lang, top, shown)
    _exports(lang, top, shown)
    components.provenance(db, lang)


def _exports(lang: str, top: int, shown: state.ShownRanking) -> None:
    """The downloads of the ranking the fragment drew (built at click time from ``shown``:
    they follow weight moves without being drawn again) and the link to save the decision."""
    shown.buttons_drawn()
    if shown.view is None:
        return  # the fragment shows its error instead
    st.subheader(t("export_title", lang))
    components.shortlist_downloads(shown, top, lang)
    components.scenario_download(
        lang, key="scenario-download-ranking",
        current=lambda: shown.latest()[0].scenario,
    )
    st.page_link("ui/pages/decisions.py", label=t("decisions_open", lang),
                 icon=":material/bookmark_add:")  # save this decision (register)


@st.fragment
def _live(lang: str, top: int, shown: state.ShownRanking) -> None:
    """Weights, ranking, rule-bound shortlist, contributions and explanation.

    The boxes are laid out in reading order, but the ranking table is filled first, and
    everything else is computed (:func:`_below`) before any of it is drawn: the browser
    draws the ranking, what the user is watching, in the gap. With shortlist rules in
    effect the rule-bound shortlist sits above the ranking (:mod:`ui.rules`). What a weight
    does not change (the headings before, the downloads after) is drawn by the page; the
    downloads read what this drew last from ``shown``, and a move that renames their files
    (the first move, a reset) asks for the page to be drawn again.
    """
    drawn = False
    with components.guarded(lang):  # a fragment rerun bypasses the page's guard
        weights_box, rules_box, ranking_box, rest = (st.container() for _ in range(4))
        selection = state.selection()
        with ranking_box:
            st.subheader(t("ranking_title", lang, n=min(top, len(selection.technologies))))
            rows = selection.table(top)
            components.text_table(components.ranking_frame(rows, lang))
        below = _below(selection, top, lang)
        with ranking_box:  # under the table, but after the gap in which it is drawn
            components.tie_notice(selection, rows, top, lang)
            components.notes(selection.notes_for(top), lang)
        with weights_box:
            _weights(lang, selection, below)
        with rules_box:
            bound = rules.results(lang, below.shortlist, top)
        with rest:
            st.subheader(t("contrib_title", lang))
            data = below.contributions
            criteria = tuple(dict.fromkeys(data["criterion"].tolist()))
            chart_view.chart_with_numbers(
                below.contributions_chart, lambda: _contribution_numbers(data, lang), lang,
                key="contrib", spec_key=(lang, data["technology"].nunique(), criteria),
            )
            _explain(selection, top, below, lang)
        shown.show(selection, bound)
        drawn = True
        state.sync_url()
    if not drawn:  # the guard shows the error: no download may offer a ranking
        shown.forget()
    if shown.stale():
        st.rerun(scope="app")


def _contribution_numbers(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Technology × criterion contributions as text (a pivot of the chart's long table)."""
    technologies = list(dict.fromkeys(data["technology"].tolist()))
    criteria = list(dict.fromkeys(data["criterion"].tolist()))
    cells = {
        (tech, crit): f"{value:.3f}"
        for tech, crit, value in zip(
            data["technology"].tolist(), data["criterion"].tolist(),
            data["contribution"].tolist(), strict=True,
        )
    }
    return components.text_frame(
        {
            t("col_technology", lang): technologies,
            **{c: [cells.get((tech, c), "") for tech in technologies] for c in criteria},
        }
    )


if __name__ == "__main__":  # run as a page of st.navigation (app.py)
    components.run_guarded(page)()
