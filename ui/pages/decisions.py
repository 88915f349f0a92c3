"""Decisions: save the Ranking page's current decision in the register; list, inspect, replay.

The register is :class:`exportmcda.register.store.Register` (``$EXPORTMCDA_REGISTER`` or the
user's data folder); several sessions may save at once (see that module). Every text a user
gave (the "saved by" name, a scenario's label) is shown as text, never as Markdown or HTML.
"""

from __future__ import annotations

import streamlit as st

from exportmcda.export.record import build_record
from exportmcda.labels import t
from exportmcda.model.market_evidence import market_evidence
from exportmcda.register.replay import replay, replay_lines
from exportmcda.register.store import SAVED_BY_LIMIT, Decision, Register
from ui import components, state

_REPLAYED = "_decisions.replayed"  # (decision id, lang, lines, identical) of the last replay


def _save(lang: str, register: Register) -> None:
    """The "save this decision" form: the Ranking page's target, scenario, weights and N."""
    db = state.database()
    selection = state.selection()
    top = int(st.session_state[state.TOP])
    st.subheader(t("decisions_save_title", lang))
    st.caption(
        components.plain(
            t(
                "decisions_save_help",
                lang,
                target=selection.country.code,
                scenario=selection.scenario.label(lang),
                top=top,
            )
        )
    )
    with st.form("save-decision"):
        name = st.text_input(
            t("decisions_saved_by", lang), max_chars=SAVED_BY_LIMIT, key="decision-saved-by"
        )
        submitted = st.form_submit_button(t("decisions_save_button", lang))
    if not submitted:
        return
    markets = market_evidence(
        selection,
        db=db,
        technologies=selection.top_ids(top),
        leaf_weights=state.market_leaf_weights_if_changed(),
    )
    rules = selection.scenario.rules
    record = build_record(selection, top=top, markets=markets, rules=rules or None, db=db)
    saved = register.save(record, saved_by=name)
    st.success(t("decisions_saved", lang, id=saved.id))


def _label(decision: Decision) -> str:
    return f"{decision.id} · {decision.saved_at} · {decision.target} · {decision.saved_by}"


def _details(decision: Decision, lang: str) -> None:
    """The chosen decision's summary as a text table (names given by users stay text)."""
    summary = decision.summary()
    summary["shortlist"] = ", ".join(decision.shortlist)
    components.text_table(
        components.text_frame(
            {
                t("decisions_details", lang): [t(f"col_decision_{k}", lang) for k in summary],
                "": [str(v) for v in summary.values()],
            }
        )
    )


def _replay(decision: Decision, lang: str) -> None:
    """Replay in one click; the answer stays until another decision is replayed."""
    if st.button(
        t("decisions_replay_button", lang), key=f"replay-{decision.id}", icon=":material/replay:"
    ):
        record = decision.record()
        db = None if record.synthetic else state.database()  # the session's own data
        result = replay(record, db=db)
        st.session_state[_REPLAYED] = (
            decision.id,
            lang,
            replay_lines(result, lang),
            result.identical,
        )
    shown = st.session_state.get(_REPLAYED)
    if shown is None or shown[0] != decision.id or shown[1] != lang:
        return
    _, _, lines, identical = shown
    (st.success if identical else st.warning)(lines[1], icon=":material/fact_check:")
    st.text("\n".join(lines))


def page() -> None:
    """Render the decisions page."""
    lang = state.lang()
    st.title(t("page_decisions", lang))
    components.synthetic_notice(state.database(), lang)
    register = Register()
    st.caption(components.plain(t("decisions_register", lang, path=str(register.path))))
    _save(lang, register)
    st.subheader(t("decisions_list_title", lang))
    decisions = register.decisions()
    if not decisions:
        st.info(t("decisions_none", lang))
        return
    components.text_table(
        components.text_frame(
            {
                t(f"col_decision_{k}", lang): [
                    str(d.summary()[k]) if k != "shortlist" else ", ".join(d.shortlist)
                    for d in decisions
                ]
                for k in ("id", "saved_at", "saved_by", "target", "scenario", "top", "shortlist")
            }
        )
    )
    by_id = {d.id: d for d in decisions}
    chosen = st.selectbox(
        t("decisions_pick", lang),
        options=list(by_id),
        key="decision-pick",
        format_func=lambda i: _label(by_id[i]),
    )
    if chosen is None:
        return
    decision = by_id[chosen]
    _details(decision, lang)
    _replay(decision, lang)


if __name__ == "__main__":  # run as a page of st.navigation (app.py)
    components.run_guarded(page)()
