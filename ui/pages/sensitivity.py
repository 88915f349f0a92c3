"""Sensitivity: how sure the shortlist is and what would change it, in plain words first.

The page leads with the director's answer (``model.verdict``: notes rendered by ``labels``)
and the open top-N acceptability table; the methods' jargon sits in an expander for
analysts. Nothing waits for a button: the analyses are cached per ranking
(``ui.state.robustness_acceptability`` / ``robustness_report``), so a slider move re-runs
SMAA-2 (2,000 samples, about 0.1 s) and shows it before the slower one-at-a-time
intervals.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from exportmcda.charts.ranking import rank_text
from exportmcda.charts.sensitivity import acceptability_chart, gradient_chart, tornado_chart
from exportmcda.errors import Note
from exportmcda.labels import note_text, t
from exportmcda.model.robustness import RobustnessReport, SmaaResult, flip_pair
from exportmcda.model.selection import Selection
from exportmcda.model.verdict import limit_notes, methods_note, sure_notes
from exportmcda.model.weight_state import left_out_nodes, local_weights
from ui import chart_view, components, state

SAMPLE_OPTIONS = (2_000, 5_000, 10_000, 20_000)


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


def _sentences(notes: tuple[Note, ...], names: Mapping[str, str], lang: str) -> None:
    """Notes as a bulleted list (names are user data: escaped for Markdown)."""
    if notes:
        st.markdown("\n".join(f"- {components.plain(note_text(n, lang, names))}"
                               for n in notes))


def _acceptability_table(result: SmaaResult, selection: Selection, top: int,
                         lang: str) -> None:
    """The shortlist and the technologies most often in the top N, with their shares (open)."""
    st.subheader(t("sens_table_title", lang, n=top))
    shares, first = result.top_n(top), result.acceptability[:, 0]
    row = {tid: i for i, tid in enumerate(result.alternatives)}
    shortlist = list(selection.top_ids(top))
    others = [result.alternatives[i] for i in shares.argsort(kind="stable")[::-1][:top]
              if result.alternatives[i] not in shortlist]
    names, ranks = _names(selection), selection.result.ordinal_ranks
    rows = [row[i] for i in shortlist + others]
    frame = components.text_frame({
        t("col_technology", lang): [names.get(i, i) for i in shortlist + others],
        t("sens_baseline_rank", lang): [rank_text(int(ranks[r])) for r in rows],
        t("sens_top_n", lang, n=top): [f"{shares[r]:.0%}" for r in rows],
        t("sens_first", lang): [f"{first[r]:.0%}" for r in rows],
    })
    components.text_table(frame)
    st.caption(t("sens_table_help", lang, n=top, samples=f"{result.samples:,}"))


def _analysts(report: RobustnessReport, selection: Selection, lang: str) -> None:
    """Everything with a method's name: SMAA-2 bars, tornado, gradient, τ, rank reversal."""
    with components.lazy_expander(t("sens_analysts", lang), "analysts") as opened:
        if not opened:
            return
        st.markdown(t("sens_glossary", lang))
        body = report.as_dict()
        names = _names(selection)
        st.subheader(t("sens_smaa", lang))
        st.caption(t("sens_smaa_help", lang, samples=f"{report.smaa.samples:,}",
                     seed=report.smaa.seed, model=note_text(report.smaa.model, lang),
                     n=report.top_n))
        rows = [{
            t("col_technology", lang): names.get(tid, tid),
            t("sens_baseline_rank", lang): rank_text(entry["baseline_rank"]),
            t("sens_top_n", lang, n=report.top_n): f"{entry['top_n']:.1%}",
            t("sens_first", lang): f"{entry['first']:.1%}",
        } for tid, entry in body["acceptability"].items()]
        numbers = pd.DataFrame(rows).set_index(t("col_technology", lang))
        chart_view.chart_with_numbers(acceptability_chart(body["acceptability"], names, lang),
                                      numbers, lang, key="acceptability")
        _oat_section(report, selection, lang)
        _methods_section(report, selection, lang)
        _reversal_section(report, selection, lang)


def _methods_section(report: RobustnessReport, selection: Selection, lang: str) -> None:
    agreement = report.as_dict()["method_agreement"]
    st.subheader(t("sens_methods", lang))
    tau = (pd.DataFrame(agreement["kendall_tau"]).map(lambda v: f"{v:.3f}")
           .rename(index=str.upper, columns=str.upper))  # method names as acronyms
    st.text(t("sens_tau", lang))
    st.table(tau)
    st.caption(components.plain(note_text(methods_note(report.method_agreement), lang,
                                          _names(selection))))


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
        st.text(t("sens_flip_found_moved", lang, distance=f"{result.distance:.3f}"))
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


def _weights(selection: Selection, lang: str) -> None:
    """The top-level weight sliders (the same component as the Ranking page's)."""
    goal = state.tree().goal_id
    components.weight_sliders(goal, local_weights(state.weights(), goal), lang, columns=3,
                              left_out=left_out_nodes(selection))


def _settings(lang: str) -> tuple[int, int, str]:
    """SMAA-2's settings, for analysts (the defaults answer the director)."""
    with st.expander(t("sens_settings", lang), expanded=False):
        a, b, c = st.columns(3)
        samples = a.selectbox(t("sens_samples", lang), SAMPLE_OPTIONS, index=0,
                              format_func=lambda n: f"{n:,}", key="sens_samples")
        seed = int(b.number_input(t("sens_seed", lang), min_value=0, max_value=2**31 - 1,
                                  value=0, step=1, key="sens_seed"))
        model = c.radio(t("sens_model", lang), ("around", "uniform"), horizontal=True,
                        format_func=lambda m: t(f"sens_model_{m}", lang), key="sens_model")
    return int(samples), seed, str(model)


def page() -> None:
    """Render the sensitivity page."""
    lang = state.lang()
    db = state.database()
    st.title(t("page_sensitivity", lang))
    components.synthetic_notice(db, lang)
    st.caption(t("sens_intro_live", lang))
    top = components.target_bar(lang)
    state.sync_url()
    selection = state.selection()
    _weights(selection, lang)
    samples, seed, model = _settings(lang)
    note = selection.cut_off_note(top)
    if note is not None:  # the shortlist analysed is rank's top N; say who the cut left out
        st.caption(components.plain(note_text(note, lang)))
    names = {**_names(selection),
             **{c.id: c.label(lang) for c in selection.weights.tree.criteria}}
    st.subheader(t("sens_answer", lang))
    answer = st.container()  # filled first with SMAA-2, then with the weight limits
    with st.spinner(t("sens_running", lang)):
        result = state.robustness_acceptability(selection, samples, seed, model)
    sure = sure_notes(selection.top_ids(top), result, top)
    with answer:
        _sentences(sure, names, lang)
    _acceptability_table(result, selection, top, lang)
    with st.spinner(t("sens_running_limits", lang)):
        report = state.robustness_report(selection, top, samples, seed, model)
    limits = limit_notes(report.one_at_a_time)
    with answer:
        _sentences(limits[:1], names, lang)
    st.subheader(t("sens_limits", lang))
    st.caption(t("sens_limits_help", lang))
    _sentences(limits, names, lang)
    st.markdown(components.plain(note_text(methods_note(report.method_agreement), lang,
                                           names)))
    _analysts(report, selection, lang)
    _flip_section(selection, lang)


components.run_guarded(page)()
