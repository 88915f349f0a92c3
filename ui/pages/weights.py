"""AHP pairwise editor: Saaty-scale judgments per node, live λmax and CR, what to revisit."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import streamlit as st

from exportmcda.ahp.diagnostics import inconsistency_report
from exportmcda.ahp.judgments import SAATY_OPTIONS, SAATY_SCALE, format_judgment
from exportmcda.ahp.priorities import AhpResult
from exportmcda.charts.ranking import weights_chart, weights_data
from exportmcda.labels import file_term, t
from exportmcda.model.scenarios import ScenarioWeights
from exportmcda.model.weight_state import editor_judgment, local_weights
from ui import chart_view, components, state


def _judgment_key(node: str, a: str, b: str) -> str:
    return f"judgment.{node}.{a}.{b}"


def _on_judgment(node: str) -> None:
    children = state.inner_nodes()[node]
    pairs = {
        (a, b): str(st.session_state[_judgment_key(node, a, b)])
        for a, b in combinations(children, 2)
    }
    state.set_judgments(node, pairs)


# Options from left to right: the first criterion extremely more important ("9") ... equal
# ("1") ... the second extremely more important ("1/9"), so each end of the slider is the
# side of the criterion named there. The values stay Saaty's, as written in scenario files.
_OPTIONS = tuple(reversed(SAATY_OPTIONS))
_VALUES = dict(zip(SAATY_OPTIONS, SAATY_SCALE, strict=True))


def judgment_words(option: str, a: str, b: str, lang: str) -> str:
    """A judgment ``a`` vs ``b`` in words: who matters more, how much (Saaty's phrase), value."""
    value = _VALUES[option]
    if value == 1:
        return t("pairwise_equal", lang)
    name, k = (a, value.numerator) if value > 1 else (b, value.denominator)
    return t("pairwise_more", lang, name=name, level=t(f"saaty_level_{k}", lang), value=k)


def _editor(node: str, weighed: ScenarioWeights, lang: str) -> None:
    children = state.inner_nodes()[node]
    current = state.weight_state()
    if current.modes.get(node) == "direct":
        st.info(t("pairwise_direct_mode", lang), icon="ℹ️")
    for a, b in combinations(children, 2):
        key = _judgment_key(node, a, b)
        st.session_state[key] = editor_judgment(current, weighed, node, a, b)
        name_a, name_b = components.node_label(a, lang), components.node_label(b, lang)
        left, middle, right = st.columns([2, 6, 2], vertical_alignment="center")
        # the two names stay visible at the ends, whether or not the slider has focus
        left.markdown(f"**{components.plain(name_a)}**", text_alignment="right")
        right.markdown(f"**{components.plain(name_b)}**")
        middle.select_slider(
            t("pairwise_question", lang, a=name_a, b=name_b),
            options=list(_OPTIONS), key=key, on_change=_on_judgment, args=(node,),
            format_func=lambda o, x=name_a, y=name_b: judgment_words(o, x, y, lang),
            label_visibility="collapsed",
        )


def _consistency(node: str, weighed: ScenarioWeights, lang: str) -> None:
    result = weighed.local[node]
    if not isinstance(result, AhpResult):
        return
    row = st.container(horizontal=True, gap="large")  # wraps rather than cuts a label
    row.metric(t("lambda_max", lang), f"{result.lambda_max:.3f}", width="content")
    row.metric(t("consistency_ratio", lang), f"{result.cr:.3f}", width="content")
    row.metric(t("cr_threshold", lang), f"{result.threshold:.2f}", width="content")
    st.caption(t("ri_table_used", lang, table=file_term("term_ri_", result.ri_table, lang)))
    if result.consistent:
        st.success(t("cr_ok", lang, cr=f"{result.cr:.3f}", limit=f"{result.threshold:.2f}"))
        return
    st.warning(
        t("cr_warning", lang, cr=f"{result.cr:.3f}", limit=f"{result.threshold:.2f}"), icon="⚠️"
    )
    advice = inconsistency_report(result, top=3)
    if advice:
        st.table(
            pd.DataFrame(
                {
                    t("col_pair", lang): [
                        f"{components.node_label(x.row, lang)} / "
                        f"{components.node_label(x.column, lang)}"
                        for x in advice
                    ],
                    t("col_current", lang): [format_judgment(x.current) for x in advice],
                    t("col_implied", lang): [format_judgment(x.suggested) for x in advice],
                    t("col_suggested", lang): [format_judgment(x.nearest_scale) for x in advice],
                    t("col_cr_after", lang): [f"{x.cr_after_scale:.3f}" for x in advice],
                }
            ).set_index(t("col_pair", lang))
        )


def page() -> None:
    """Render the pairwise-comparison page."""
    lang = state.lang()
    db = state.database()
    st.title(t("page_weights", lang))
    components.synthetic_notice(db, lang)
    components.scenario_choice(lang)
    st.caption(t("pairwise_words_help", lang))
    weighed = state.weights()
    nodes = list(state.inner_nodes())
    tabs = components.lazy_tabs([components.node_label(n, lang) for n in nodes], "weights")
    for (tab, selected), node in zip(tabs, nodes, strict=True):
        if not selected:
            continue
        with tab:
            left, right = st.columns([3, 2])  # the names at both ends need room
            with left:
                _editor(node, weighed, lang)
            with right:
                _consistency(node, weighed, lang)
                data = weights_data(weighed.tree, local_weights(weighed, node), lang)
                numbers = pd.DataFrame(
                    {
                        t("col_criterion", lang): data["label"],
                        t("col_weight", lang): [f"{w:.3f}" for w in data["weight"]],
                    }
                ).set_index(t("col_criterion", lang))
                st.caption(t("local_weights", lang))
                chart_view.chart_with_numbers(
                    weights_chart(data, lang), numbers, lang,
                    key=f"local-{node}",
                )
    st.divider()
    left, right = st.columns(2)
    with left:
        components.reset_weights_button(lang, key="reset-weights")
    with right:
        components.scenario_download(lang, key="scenario-download-weights")
    state.sync_url()


if __name__ == "__main__":  # run as a page of st.navigation (app.py)
    components.run_guarded(page)()
