"""Sensitivity: how stable the ranking is, and what would change it."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from exportmcda.charts.ranking import rank_text
from exportmcda.charts.sensitivity import acceptability_chart, gradient_chart, tornado_chart
from exportmcda.errors import ExportMcdaError
from exportmcda.labels import issues_text, note_text, t
from exportmcda.model.robustness import RobustnessReport, flip_pair, robustness
from exportmcda.model.selection import Selection
from ui import chart_view, components, state

RESULT = "sensitivity_result"  # (settings key, RobustnessReport) of the last run
SAMPLE_OPTIONS = (1_000, 5_000, 10_000, 20_000)


def _settings_key(selection: Selection, samples: int, seed: int, model: str, top: int) -> str:
    w = ",".join(f"{v:.6f}" for v in selection.result.weights)
    return (f"{selection.country.code}|{selection.scenario.id}|{w}|{samples}|{seed}|{model}|"
            f"{top}|{selection.provenance.sha256}")


def _run(selection: Selection, samples: int, seed: int, model: str, top: int,
         lang: str) -> RobustnessReport:
    bar = st.progress(0.0, text=t("sens_running", lang))

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)),
                     text=t("sens_progress", lang, done=f"{done:,}", total=f"{total:,}"))

    with st.spinner(t("sens_running", lang)):
        report = robustness(selection, top_n=top, samples=samples, seed=seed,
                            progress=progress, weights=model)
    bar.empty()
    return report


def _names(selection: Selection) -> dict[str, str]:
    return {str(k): str(v) for k, v in selection.technologies["technology_name"].items()}


def _oat_section(report: RobustnessReport, selection: Selection, lang: str) -> None:
    labels = {c.id: c.label(lang) for c in selection.weights.tree.criteria}
    tornado = report.one_at_a_time.tornado()
    st.subheader(t("sens_oat", lang))
    st.caption(t("sens_oat_help", lang))
    st.markdown(f"**{t('tornado_title', lang)}**")
    numbers = pd.DataFrame({
        t("col_criterion", lang): tornado["criterion"].map(lambda c: labels.get(c, c)),
        t("current_weight", lang): tornado["current"].map(lambda v: f"{v:.3f}"),
        t("topn_from", lang): tornado["top_n_lo"].map(lambda v: f"{v:.4f}"),
        t("topn_to", lang): tornado["top_n_hi"].map(lambda v: f"{v:.4f}"),
        t("top1_from", lang): tornado["top_1_lo"].map(lambda v: f"{v:.3f}"),
        t("top1_to", lang): tornado["top_1_hi"].map(lambda v: f"{v:.3f}"),
    }).set_index(t("col_criterion", lang))
    chart_view.chart_with_numbers(tornado_chart(tornado, labels, lang), numbers, lang,
                                  key="tornado")
    criterion = st.selectbox(t("sens_gradient_pick", lang), options=list(labels),
                             format_func=lambda c: labels[c], key="sens_gradient_criterion")
    st.markdown(f"**{t('gradient_title', lang)}**")
    gradient = report.one_at_a_time.gradient()
    one = gradient[gradient["criterion"] == criterion]
    names = _names(selection)
    wide = one.pivot_table(index="weight", columns="alternative", values="rank").iloc[::20]
    wide = wide.rename(columns=lambda a: names.get(a, a)).round(1).astype(str)
    wide.index = [f"{w:.2f}" for w in wide.index]
    current = float(tornado.set_index("criterion").loc[criterion, "current"])
    chart_view.chart_with_numbers(gradient_chart(one, labels[criterion], names, lang,
                                                 current=current), wide, lang, key="gradient")


def _smaa_section(report: RobustnessReport, selection: Selection, lang: str) -> None:
    body = report.as_dict()
    names = _names(selection)
    st.subheader(t("sens_smaa", lang))
    st.caption(t("sens_smaa_help", lang, samples=f"{report.smaa.samples:,}",
                 seed=report.smaa.seed, model=note_text(report.smaa.model, lang),
                 n=report.top_n))
    st.markdown(f"**{t('acceptability_title', lang)}**")
    rows = []
    for tid, entry in body["acceptability"].items():
        rows.append({
            t("col_technology", lang): names.get(tid, tid),
            t("sens_baseline_rank", lang): rank_text(entry["baseline_rank"]),
            t("sens_top_n", lang, n=report.top_n): f"{entry['top_n']:.1%}",
            t("sens_first", lang): f"{entry['first']:.1%}",
        })
    numbers = pd.DataFrame(rows).set_index(t("col_technology", lang))
    chart_view.chart_with_numbers(acceptability_chart(body["acceptability"], names, lang),
                                  numbers, lang, key="acceptability")


def _methods_section(report: RobustnessReport, selection: Selection, lang: str) -> None:
    agreement = report.as_dict()["method_agreement"]
    names = _names(selection)
    st.subheader(t("sens_methods", lang))
    tau = (pd.DataFrame(agreement["kendall_tau"]).map(lambda v: f"{v:.3f}")
           .rename(index=str.upper, columns=str.upper))  # method names as acronyms
    st.text(t("sens_tau", lang))
    st.table(tau)
    common = agreement.get("common") or []
    st.text(t("sens_common", lang, n=agreement["top_n"]) + " " + (
        ", ".join(names.get(c, c) for c in common) or "–"))


def _reversal_section(report: RobustnessReport, selection: Selection, lang: str) -> None:
    st.subheader(t("sens_reversal", lang))
    entries = report.rank_reversal
    swapped = [e for e in entries if e.n_swapped]
    names = _names(selection)
    st.caption(t("sens_reversal_help", lang))
    st.text(t("sens_reversal_summary", lang, checked=len(entries), reversed=len(swapped)))
    if swapped:
        components.text_table(pd.DataFrame([
            {t("sens_change", lang): note_text(e.change, lang, names),
             t("sens_swapped", lang): str(e.n_swapped),
             t("sens_shortlist_changed", lang): t("yes", lang) if e.shortlist_changed
             else t("no", lang),
             t("sens_pairs", lang): "; ".join(" ↔ ".join(map(str, p)) for p in e.swapped[:3])}
            for e in swapped
        ]).set_index(t("sens_change", lang)))


def _flip_section(selection: Selection, lang: str) -> None:
    st.subheader(t("sens_flip", lang))
    top = selection.table(30)
    ids = top["technology_id"].tolist()
    names = dict(zip(ids, top["technology_name"].astype(str), strict=True))
    left, right = st.columns(2)
    above = left.selectbox(t("sens_flip_above", lang), ids, index=0,
                           format_func=lambda i: names[i], key="sens_flip_a")
    below = right.selectbox(t("sens_flip_below", lang), ids, index=min(1, len(ids) - 1),
                            format_func=lambda i: names[i], key="sens_flip_b")
    if above == below:
        return
    result = flip_pair(selection, above, below)
    labels = {c.id: c.label(lang) for c in selection.weights.tree.criteria}
    if result.status == "flip" and result.weights is not None:
        st.text(t("sens_flip_found", lang, distance=f"{result.distance:.4f}"))
        st.table(pd.DataFrame({
            t("col_criterion", lang): [labels.get(c, c) for c in result.criteria],
            t("current_weight", lang): [f"{v:.3f}" for v in result.current],
            t("sens_flip_needed", lang): [f"{v:.3f}" for v in result.weights],
        }).set_index(t("col_criterion", lang)))
        st.caption(components.plain(note_text(result.exact, lang)))
    elif result.status == "dominated":
        st.text(t("sens_flip_dominated", lang))
    elif result.status == "already":
        st.text(t("sens_flip_already", lang))
    else:
        st.text(t("sens_flip_none", lang))


def page() -> None:
    """Render the sensitivity page."""
    lang = state.lang()
    db = state.database()
    st.title(t("page_sensitivity", lang))
    components.synthetic_notice(db, lang)
    st.caption(t("sens_intro", lang))
    top = components.target_bar(lang)
    state.sync_url()
    a, b, c = st.columns(3)
    samples = a.selectbox(t("sens_samples", lang), SAMPLE_OPTIONS, index=2,
                          format_func=lambda n: f"{n:,}", key="sens_samples")
    seed = int(b.number_input(t("sens_seed", lang), min_value=0, max_value=2**31 - 1, value=0,
                              step=1, key="sens_seed"))
    model = c.radio(t("sens_model", lang), ("around", "uniform"), horizontal=True,
                    format_func=lambda m: t(f"sens_model_{m}", lang), key="sens_model")
    selection = state.selection()
    key = _settings_key(selection, int(samples), seed, str(model), top)
    stored: Any = st.session_state.get(RESULT)
    if st.button(t("sens_run", lang), type="primary", key="sens_run"):
        try:
            stored = (key, _run(selection, int(samples), seed, str(model), top, lang))
        except ExportMcdaError as error:
            st.error(components.plain(issues_text(error.issues, lang)))
            return
        st.session_state[RESULT] = stored
    if stored is None or stored[0] != key:
        st.info(t("sens_press_run", lang))
        _flip_section(selection, lang)
        return
    report: RobustnessReport = stored[1]
    note = selection.cut_off_note(top)
    if note is not None:  # the shortlist analysed is rank's top N; say who the cut left out
        st.caption(components.plain(note_text(note, lang)))
    _oat_section(report, selection, lang)
    _smaa_section(report, selection, lang)
    _methods_section(report, selection, lang)
    _reversal_section(report, selection, lang)
    _flip_section(selection, lang)


components.run_guarded(page)()
