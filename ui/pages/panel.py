"""Expert panel: download the questionnaire workbook, upload it filled, see the group's weights."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exportmcda.ahp.judgments import format_judgment
from exportmcda.charts.panel import panel_strip_chart
from exportmcda.errors import ExportMcdaError
from exportmcda.export.safe import safe_filename
from exportmcda.labels import issues_text, note_text, t
from exportmcda.model.scenarios import to_toml
from exportmcda.panel.layout import MAX_EXPERTS
from exportmcda.panel.reader import PanelAnswers, read_panel
from exportmcda.panel.result import PanelResult, analyse_panel
from exportmcda.panel.template import panel_template
from ui import chart_view, components, state

_UPLOAD = "panel.upload"
_USED = "panel.used"


@st.cache_resource(show_spinner=False, max_entries=8)
def _answers(name: str, content: bytes) -> PanelAnswers:
    """The upload read once per (name, bytes): a rerun does not parse the workbook again."""
    return read_panel(content, tree=state.tree(), name=name)


@st.cache_resource(show_spinner=False, max_entries=8)
def _analysis(
    name: str, content: bytes, aggregation: str, screen: str, completion: str
) -> PanelResult:
    """The analysis once per upload and choice (a 10-expert panel takes seconds)."""
    return analyse_panel(
        _answers(name, content),
        state.tree(),
        aggregation=aggregation,
        screen=screen,
        completion=completion,
    )


def _template(lang: str) -> None:
    scenario = state.scenario()
    left, right = st.columns([1, 2])
    count = left.number_input(
        t("panel_experts_input", lang),
        min_value=1,
        max_value=MAX_EXPERTS,
        value=5,
        step=1,
        key="panel.experts",
    )
    right.download_button(
        t("panel_download", lang),
        data=lambda: panel_template(state.tree(), scenario, experts=int(count), lang=lang),
        on_click="ignore",
        file_name=f"panel-{safe_filename(scenario.id)}-{lang}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="panel.download",
    )


def _revisit(result: PanelResult, node: str, name: str, lang: str) -> str:
    expert = next(e for e in result.experts if e.name == name)
    advice = expert.advice.get(node, ())
    if not advice:
        return ""
    names = result.tree.names(lang)
    a = advice[0]
    return t(
        "panel_revisit",
        lang,
        a=names.get(a.row, a.row),
        b=names.get(a.column, a.column),
        current=format_judgment(a.current),
        suggested=format_judgment(a.nearest_scale),
        after=f"{a.cr_after_scale:.3f}",
    )


def _experts_table(result: PanelResult, node: str, lang: str) -> None:
    rows = []
    for e in result.experts:
        r = e.nodes.get(node)
        rows.append(
            {
                t("panel_col_expert", lang): e.name,
                t("panel_col_cr", lang): "" if r is None else f"{r.cr:.3f}",
                t("panel_col_included", lang): t("yes" if e.included else "no", lang),
                t("panel_col_distance", lang): "" if e.distance is None else f"{e.distance:.3f}",
                t("panel_col_outlier", lang): t("yes" if e.outlier else "no", lang),
                t("panel_col_missing", lang): e.missing,
                t("panel_col_revisit", lang): _revisit(result, node, e.name, lang),
            }
        )
    components.text_table(pd.DataFrame(rows).set_index(t("panel_col_expert", lang)))


def _results(result: PanelResult, lang: str) -> None:
    names = result.tree.names(lang)
    nodes = list(result.groups)
    node = st.selectbox(
        t("panel_node_choice", lang),
        nodes,
        key="panel.node",
        format_func=lambda n: components.node_label(n, lang),
    )
    group = result.groups[node]
    left, middle, right = st.columns(3)
    left.metric(t("panel_consensus", lang), f"{group.consensus:.3f}")
    middle.metric(t("panel_consensus_level", lang), t(f"consensus_{group.consensus_level}", lang))
    right.metric(t("panel_outliers", lang), len(result.outliers))
    if result.outliers:
        st.caption(components.plain(f"{t('panel_outliers', lang)}: {', '.join(result.outliers)}"))
    data = result.weights_frame(node, lang)
    numbers = data.pivot_table(index="label", columns="who", values="weight", sort=False)
    chart_view.chart_with_numbers(
        panel_strip_chart(data, lang), numbers.round(3), lang, key=f"panel-{node}"
    )
    _experts_table(result, node, lang)
    for note in result.notes:
        st.caption(components.plain(note_text(note, lang, names)))


def _use(result: PanelResult, lang: str) -> None:
    scenario = result.scenario(state.scenario())
    text = to_toml(scenario)
    left, right = st.columns(2)
    used = left.button(t("panel_use", lang), key="panel.use", type="primary")
    if used and state.try_scenario_upload(f"{scenario.id}.toml", text.encode("utf-8")):
        st.session_state[_USED] = scenario.id
    right.download_button(
        t("panel_save", lang),
        data=text.encode("utf-8"),
        on_click="ignore",
        file_name=f"{safe_filename(scenario.id, fallback='panel')}.toml",
        mime="application/toml",
        key="panel.save",
    )
    if st.session_state.get(_USED):
        st.success(t("panel_used", lang, scenario=st.session_state[_USED]))


def page() -> None:
    """Render the expert-panel page."""
    lang = state.lang()
    st.title(t("page_panel", lang))
    components.synthetic_notice(state.database(), lang)
    st.caption(t("panel_intro", lang))
    _template(lang)
    upload = st.file_uploader(t("panel_upload", lang), type=["xlsx"], key=_UPLOAD)
    if upload is None:
        return
    try:
        _answers(upload.name, upload.getvalue())  # read and checked once per upload
    except ExportMcdaError as error:
        st.error(components.plain(issues_text(error.issues, lang)))
        components.issues_table(error.issues, lang)
        return
    left, right = st.columns(2)
    choices = {}
    for column, name, options, labels in (
        (left, "aggregation", ("aij", "aip"), ("panel_aggregation_aij", "panel_aggregation_aip")),
        (
            right,
            "screen",
            ("flag", "exclude"),
            ("panel_screen_flag_option", "panel_screen_exclude_option"),
        ),
    ):
        shown = dict(zip(options, labels, strict=True))
        title = t("panel_aggregation" if name == "aggregation" else "panel_screen_choice", lang)
        choices[name] = column.radio(
            title,
            options,
            horizontal=True,
            key=f"panel.{name}",
            format_func=lambda o, shown=shown: t(shown[o], lang),
        )
    aggregation, screen = choices["aggregation"], choices["screen"]
    result = _analysis(
        upload.name, upload.getvalue(), aggregation, screen, state.scenario().completion
    )
    _results(result, lang)
    _use(result, lang)


if __name__ == "__main__":  # run as a page of st.navigation (app.py)
    components.run_guarded(page)()
