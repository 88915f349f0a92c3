"""Compare side by side: targets (each top N, overlap, rank shifts, common winners) or
weightings of one target (ranks, movers, what each favours)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exportmcda.charts.ranking import bump_chart, bump_data, rank_text, scenario_bump_data
from exportmcda.data.countries import target_order
from exportmcda.errors import Note
from exportmcda.labels import note_text, shared_rank_text, t
from exportmcda.model.comparison import Comparison, compare
from exportmcda.model.market_views import indicators_side_by_side, top_lists
from exportmcda.model.scenario_compare import MAX_SCENARIOS, ScenarioComparison, compare_scenarios
from ui import chart_view, components, state

MAX_TARGETS = 4


def page() -> None:
    """Render the comparison page: targets side by side, or weightings side by side."""
    lang = state.lang()
    db = state.database()
    st.title(t("page_compare", lang))
    components.synthetic_notice(db, lang)
    labels = [t("compare_tab_targets", lang), t("compare_tab_scenarios", lang)]
    for (tab, selected), draw in zip(components.lazy_tabs(labels, "compare"),
                                     (_targets, _scenarios), strict=True):
        if selected:
            with tab:
                draw(lang)


def _targets(lang: str) -> None:
    """Several targets' top N side by side, under the session's weights."""
    codes = target_order(state.countries(), lang)
    left, middle, right = st.columns([4, 2, 1])
    with left:
        chosen = components.bound(
            st.multiselect, state.COMPARE, t("compare_targets", lang), options=codes,
            format_func=lambda c: components.target_name(c, lang),
            max_selections=MAX_TARGETS, placeholder=t("choose_targets", lang),
        )
    with middle:
        components.scenario_choice(lang)
    with right:
        top = components.top_choice(lang)
    state.sync_url()
    if len(chosen) < 2:
        st.info(t("compare_pick_two", lang))
        return
    if state.modified():
        st.info(t("weights_adjusted", lang), icon="✏️")
    weighed = state.weights()
    selections = {code: state.selection(code, weighed) for code in chosen}
    result = compare(selections, top=top)
    targets = {code: state.country(code) for code in chosen}
    columns = st.columns(len(chosen))
    for column, code in zip(columns, chosen, strict=True):
        with column:
            st.subheader(targets[code].name(lang))
            frame = result.tops[code]
            components.text_table(
                pd.DataFrame(
                    {
                        t("col_rank", lang): [rank_text(r) for r in frame["rank"]],
                        t("col_shared_rank", lang): [
                            shared_rank_text(shared, bool(tied)) for shared, tied in
                            zip(frame["shared_rank"], frame["tied_with"], strict=True)
                        ],
                        t("col_technology_id", lang): frame["technology_id"].astype(str),
                        t("col_technology", lang): frame["technology_name"].astype(str),
                        t("col_score", lang): [f"{s:.3f}" for s in frame["score"]],
                    }
                ).set_index(t("col_rank", lang))
            )
            note = selections[code].cut_off_note(top)
            if note is not None:
                st.caption(components.plain(note_text(note, lang)))
    st.subheader(t("strong_everywhere", lang, n=top))
    strong = result.strong_everywhere
    if strong.empty:
        st.text(t("strong_none", lang))
    else:
        shown = pd.DataFrame(
            {
                t("col_technology", lang): strong["technology_name"].astype(str),
                t("col_technology_id", lang): strong["technology_id"].astype(str),
                t("col_company", lang): strong["company_name"].astype(str),
                **{
                    t("rank_in", lang, name=targets[c].name(lang)): [
                        rank_text(r) for r in strong[f"rank_{c}"]
                    ]
                    for c in chosen
                },
            }
        ).set_index(t("col_technology", lang))
        components.text_table(shown)
    st.subheader(t("overlap_title", lang, n=top))
    overlap = result.overlap.rename(
        index=lambda c: targets[c].name(lang), columns=lambda c: targets[c].name(lang)
    ).astype(str)
    st.table(overlap)
    _top_lists(result, chosen, lang)
    data = bump_data(result, targets, lang)
    numbers = data.pivot_table(
        index="technology", columns="target", values="rank", sort=False
    ).map(rank_text)
    numbers.index.name = t("col_technology", lang)
    numbers.columns.name = None
    st.subheader(t("bump_title", lang, n=top))
    chart_view.chart_with_numbers(bump_chart(data, top, lang), numbers, lang, key="bump")
    _indicators(chosen, lang)


def _scenarios(lang: str) -> None:
    """Two or three weightings of one target side by side (the first is the reference)."""
    choices = state.scenario_choices()
    options = [*choices, state.CURRENT_WEIGHTS]
    labels = {sid: choices[sid].label(lang) for sid in choices}
    labels[state.CURRENT_WEIGHTS] = t("scen_compare_current", lang)
    left, middle, right = st.columns([3, 4, 1])
    with left:
        code = components.target_choice(lang)
    with middle:
        chosen = components.bound(
            st.multiselect, state.COMPARE_SCENARIOS, t("scen_compare_pick", lang),
            options=options, format_func=lambda k: labels.get(k, k),
            max_selections=MAX_SCENARIOS, placeholder=t("choose_scenarios", lang),
        )
    with right:
        top = components.top_choice(lang, where="scenarios")
    state.sync_url()
    chosen = [k for k in chosen if k in options]
    if len(chosen) < 2:
        st.info(t("scen_compare_pick_two", lang))
        return
    selections = {k: state.selection(code, state.named_weights(k)) for k in chosen}
    result = compare_scenarios(selections, top=top, lang=lang)
    tree = state.tree()
    names = {**tree.names(lang), **labels}
    reference = labels[result.reference]
    st.caption(t("scen_compare_caption", lang, target=state.country(code).name(lang),
                 reference=reference))
    _scenario_weights(result, labels, lang)
    for title, part in (("scen_compare_movers", _moves), ("scen_compare_favours", _favours)):
        st.subheader(t(title, lang))
        for key in result.keys[1:]:
            st.markdown(f"**{components.plain(labels[key])}**")
            notes, empty = part(result, key)
            if not notes:
                st.text(t(empty, lang, n=top, scenario=labels[key], reference=reference))
                continue
            st.markdown("\n".join(
                f"- {components.plain(note_text(n, lang, names))}" for n in notes))
    st.subheader(t("scen_compare_ranks", lang, n=top))
    ranks = result.ranks
    change = t("col_rank_change", lang)
    columns: dict[str, list[str]] = {
        t("col_technology_id", lang): ranks["technology_id"].astype(str).tolist(),
        t("col_technology", lang): ranks["technology_name"].astype(str).tolist(),
    }
    for key in result.keys:
        columns[t("rank_under", lang, name=labels[key])] = [
            rank_text(r) for r in ranks[f"rank_{key}"]]
    for key in result.keys[1:]:
        columns[f"{change}: {labels[key]}"] = [
            f"{d:+,}" if d else "0" for d in ranks[f"rank_{result.reference}"]
            - ranks[f"rank_{key}"]]
    components.text_table(components.text_frame(columns))
    data = scenario_bump_data(result, labels)
    numbers = data.pivot_table(index="technology_id", columns="target", values="rank",
                               sort=False).map(rank_text)
    numbers.index.name = t("col_technology_id", lang)
    numbers.columns.name = None
    st.subheader(t("scen_compare_bump", lang, n=top))
    chart_view.chart_with_numbers(
        bump_chart(data, top, lang, column_title=t("scenario", lang)), numbers, lang,
        key="scenario-bump")


def _moves(result: ScenarioComparison, key: str) -> tuple[tuple[Note, ...], str]:
    """The biggest rises and falls under ``key`` in words, and the text when none moves."""
    return tuple(m.note() for m in (*result.rises(key), *result.falls(key))), (
        "scen_compare_still")


def _favours(result: ScenarioComparison, key: str) -> tuple[tuple[Note, ...], str]:
    """What ``key`` favours over the reference in words, and the text when nothing."""
    return result.favours(key), "scen_compare_nothing"


def _scenario_weights(result: ScenarioComparison, labels: dict[str, str], lang: str) -> None:
    """The top-level criteria's weights under each weighting, in percent."""
    st.subheader(t("scen_compare_weights", lang))
    tree = state.tree()
    criteria = list(result.weights[result.reference])
    frame = pd.DataFrame(
        {labels[k]: [f"{result.weights[k].get(c, 0.0):.1%}" for c in criteria]
         for k in result.keys},
        index=pd.Index([tree.names(lang).get(c, c) for c in criteria],
                       name=t("col_criterion", lang)),
    )
    components.text_table(frame)


def _top_lists(result: Comparison, chosen: list[str], lang: str) -> None:
    """For two targets: the technologies only in one top-N list, and those in both."""
    st.subheader(t("compare_lists_title", lang, n=result.top))
    if len(chosen) != 2:
        st.info(t("compare_lists_two", lang))
        return
    a, b = chosen
    lists = top_lists(result, a, b)
    name_a, name_b = state.country(a).name(lang), state.country(b).name(lang)
    titles = (t("compare_only_in", lang, name=name_a, k=len(lists.only_a)),
              t("compare_in_both", lang, k=len(lists.both)),
              t("compare_only_in", lang, name=name_b, k=len(lists.only_b)))
    for title, frame in zip(titles, (lists.only_a, lists.both, lists.only_b), strict=True):
        st.markdown(f"**{components.plain(title)}**")
        if frame.empty:
            st.text(t("compare_list_empty", lang))
            continue
        components.text_table(components.text_frame({
            t("col_technology_id", lang): frame["technology_id"].tolist(),
            t("col_technology", lang): frame["technology_name"].tolist(),
            t("rank_in", lang, name=name_a): [rank_text(r) for r in frame["rank_a"]],
            t("rank_in", lang, name=name_b): [rank_text(r) for r in frame["rank_b"]],
        }))


def _indicators(chosen: list[str], lang: str) -> None:
    """Each target's market indicators side by side, each value with its source."""
    st.subheader(t("compare_indicators_title", lang))
    st.caption(t("compare_indicators_caption", lang))
    found = state.indicators()
    table = indicators_side_by_side({c: found.get(c) for c in chosen}, lang)
    for code in chosen:
        if code not in found:
            st.caption(t("card_no_indicators", lang, name=state.country(code).name(lang)))
    columns: dict[str, list[str]] = {
        t("col_indicator", lang): [f"{n} ({y})" for n, y in zip(
            table["name"].tolist(), table["year"].tolist(), strict=True)],
        t("col_unit", lang): table["unit"].tolist(),
    }
    names = {code: state.country(code).name(lang) for code in chosen}
    for code in chosen:  # the values side by side, then where each comes from
        columns[names[code]] = table[code].tolist()
    for code in chosen:
        columns[t("col_source_of", lang, name=names[code])] = table[f"{code}_source"].tolist()
    components.text_table(components.text_frame(columns), widths={
        t("col_indicator", lang): 300, t("col_unit", lang): 190,
        **{names[c]: 130 for c in chosen}})


if __name__ == "__main__":  # run as a page of st.navigation (app.py)
    components.run_guarded(page)()
