"""AHP pairwise editor: Saaty-scale judgments per node, live λmax and CR, what to revisit."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import streamlit as st

from exportmcda.ahp.diagnostics import inconsistency_report
from exportmcda.ahp.judgments import SAATY_OPTIONS, format_judgment
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


def _editor(node: str, weighed: ScenarioWeights, lang: str) -> None:
    children = state.inner_nodes()[node]
    current = state.weight_state()
    if current.modes.get(node) == "direct":
        st.info(t("pairwise_direct_mode", lang), icon="ℹ️")
    for a, b in combinations(children, 2):
        key = _judgment_key(node, a, b)
        st.session_state[key] = editor_judgment(current, weighed, node, a, b)
        st.select_slider(
            t("pairwise_question", lang, a=components.node_label(a, lang),
              b=components.node_label(b, lang)),
            options=list(SAATY_OPTIONS), key=key, on_change=_on_judgment, args=(node,),
        )


def _consistency(node: str, weighed: ScenarioWeights, lang: str) -> None:
    result = weighed.local[node]
    if not isinstance(result, AhpResult):
        return
    left, middle, right = st.columns(3)
    left.metric(t("lambda_max", lang), f"{result.lambda_max:.3f}")
    middle.metric(t("consistency_ratio", lang), f"{result.cr:.3f}")
    right.metric(t("cr_threshold", lang), f"{result.threshold:.2f}")
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
    st.caption(t("pairwise_scale_help", lang))
    weighed = state.weights()
    nodes = list(state.inner_nodes())
    tabs = st.tabs([components.node_label(n, lang) for n in nodes])
    for tab, node in zip(tabs, nodes, strict=True):
        with tab:
            left, right = st.columns([1, 1])  # room for the metrics' labels
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
