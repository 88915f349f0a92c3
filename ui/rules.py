"""The Ranking page's shortlist rules: the controls, and the rule-bound shortlist they give.

The controls edit the rules in effect one at a time (:mod:`exportmcda.model.rule_link`);
until the user changes one, they show the scenario's ``[rules]`` for the target. The
results are :func:`exportmcda.model.shortlist.shortlist` (cached in :mod:`ui.state`) worded
by :mod:`exportmcda.model.rule_views`, the same words as the workbook's Rules sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ExportMcdaError
from exportmcda.labels import issues_text, t
from exportmcda.model.rule_link import with_rule, with_technologies
from exportmcda.model.rules import Rule, RuleKind, rule_text
from exportmcda.model.selection import Selection
from ui import components, state

if TYPE_CHECKING:
    from exportmcda.model.shortlist import Shortlist

_SCALARS = (
    (RuleKind.MAX_PER_COMPANY, "rules_max_per_company"),
    (RuleKind.MIN_SME_SHARE, "rules_min_sme_share"),
    (RuleKind.MIN_NON_CAPITAL, "rules_min_non_capital"),
)
_LISTS = ((RuleKind.EXCLUDE, "rules_exclude"), (RuleKind.REQUIRE, "rules_require"))
_FIELD_KINDS = {"min": RuleKind.MIN_PER_FIELD, "max": RuleKind.MAX_PER_FIELD}


def _key(kind: RuleKind) -> str:
    return f"rules.{kind.value}"


def _scalar(rules: Sequence[Rule], kind: RuleKind) -> float | None:
    """The control's value of a scalar rule (a share in percent), None without the rule."""
    value = next((r.value for r in rules if r.kind is kind), None)
    if value is None:
        return None
    return round(value * 100, 6) if kind is RuleKind.MIN_SME_SHARE else int(value)


def _on_scalar(kind: RuleKind) -> None:
    value = st.session_state[_key(kind)]
    if value is not None and kind is RuleKind.MIN_SME_SHARE:
        value = value / 100
    state.set_rules(with_rule(state.rules(), kind, value))


def _on_list(kind: RuleKind) -> None:
    ids = [str(i) for i in st.session_state[_key(kind)]]
    state.set_rules(with_technologies(state.rules(), kind, ids))


def _on_field_rules() -> None:
    kept = set(st.session_state["rules.field_rules"])
    state.set_rules(tuple(r for r in state.rules() if not r.kind.per_field or r.id in kept))


def _on_field_add() -> None:
    kind = _FIELD_KINDS[str(st.session_state["rules.field_kind"])]
    state.set_rules(
        with_rule(
            state.rules(),
            kind,
            int(st.session_state["rules.field_k"]),
            field=int(st.session_state["rules.field"]),
        )
    )


def _scalars(rules: Sequence[Rule], lang: str) -> None:
    for column, (kind, label) in zip(st.columns(len(_SCALARS)), _SCALARS, strict=True):
        share = kind is RuleKind.MIN_SME_SHARE
        st.session_state[_key(kind)] = _scalar(rules, kind)
        column.number_input(
            t(label, lang),
            value=None,  # clearable: an empty box is "no rule"
            min_value=0.0 if share else 0,
            max_value=100.0 if share else None,
            step=5.0 if share else 1,
            format="%g" if share else "%d",
            key=_key(kind),
            on_change=_on_scalar,
            args=(kind,),
            placeholder=t("rules_no_rule", lang),
        )


def _fields(rules: Sequence[Rule], lang: str, top: int) -> None:
    names = {f.number: f.name(lang) for f in FIELDS}
    kind_col, field_col, k_col, add_col = st.columns([2, 4, 2, 2], vertical_alignment="bottom")
    kind_col.selectbox(
        t("rules_field_kind", lang),
        list(_FIELD_KINDS),
        key="rules.field_kind",
        format_func=lambda k: t(f"rules_field_{k}", lang),
    )
    field_col.selectbox(
        t("rules_field", lang), list(names), key="rules.field", format_func=names.__getitem__
    )
    k_col.number_input(
        t("rules_field_count", lang), min_value=0, value=1, step=1, key="rules.field_k"
    )
    add_col.button(t("rules_field_add", lang), key="rules.field_add", on_click=_on_field_add)
    field_rules = {r.id: rule_text(r, lang) for r in rules if r.kind.per_field}
    if field_rules:
        st.session_state["rules.field_rules"] = list(field_rules)
        st.multiselect(
            t("rules_field_rules", lang),
            list(field_rules),
            key="rules.field_rules",
            format_func=field_rules.__getitem__,
            on_change=_on_field_rules,
        )


def _technologies(rules: Sequence[Rule], lang: str, selection: Selection) -> None:
    """Exclude/require pickers of the ranking's technology ids; the chosen ones named below.

    Why ids only in the picker: its options travel to the browser on every rerun of the
    page's fragment (each slider move); with names the two pickers carried about 100 KB of
    option text for the sample's 1,044 technologies, with ids about 10 KB.
    """
    names = selection.technologies["technology_name"].astype(str).to_dict()
    for column, (kind, label) in zip(st.columns(len(_LISTS)), _LISTS, strict=True):
        chosen = [str(r.target) for r in rules if r.kind is kind]
        options = list(dict.fromkeys([*map(str, names), *chosen]))
        st.session_state[_key(kind)] = chosen
        column.multiselect(
            t(label, lang),
            options,
            key=_key(kind),
            on_change=_on_list,
            args=(kind,),
            placeholder=t("rules_no_rule", lang),
        )
        if chosen:  # st.text: names are user text, never Markdown
            column.text("\n".join(f"{i} — {names.get(i, '?')}" for i in chosen))


def _reset() -> None:
    state.set_rules(None)


def _clear() -> None:
    state.set_rules(())


def _scenario_line(lang: str) -> None:
    """What the scenario states, and whether the controls replace it."""
    scenario = state.scenario()
    own = state.scenario_rules()
    label = scenario.label(lang)
    st.caption(
        components.plain(
            t(
                "rules_from_scenario",
                lang,
                scenario=label,
                rules="; ".join(rule_text(r, lang) for r in own),
            )
            if own
            else t("rules_scenario_none", lang, scenario=label)
        )
    )
    if state.rules_edited():
        st.caption(t("rules_edited", lang))
    left, right = st.columns(2)
    if state.rules_edited():
        left.button(t("rules_reset", lang), key="rules.reset", on_click=_reset)
    if state.rules():
        right.button(t("rules_clear", lang), key="rules.clear", on_click=_clear)


def controls(lang: str, selection: Selection, top: int) -> None:
    """The "Shortlist rules" expander (open when a rule is in effect)."""
    rules = state.rules(selection.country.code)
    refused = st.session_state.get(state.RULE_URL_ISSUES) or ()
    if refused:
        st.warning(
            components.plain(t("rules_link_refused", lang, problem=issues_text(refused, lang)))
        )
    with components.lazy_expander(t("rules_title", lang), "rules", expanded=bool(rules)) as opened:
        if opened:
            st.caption(t("rules_help", lang))
            _scenario_line(lang)
            _scalars(rules, lang)
            _fields(rules, lang, top)
            _technologies(rules, lang, selection)
    if rules:  # in a caption: a count in the label would make it a new expander (closed)
        st.caption(t("rules_active", lang, n=len(rules)))


def outcome(selection: Selection, top: int) -> Shortlist | ExportMcdaError | None:
    """The rule-bound shortlist of ``selection`` (None: no rule in effect), or the error that
    keeps the rules from being evaluated. Computed apart from :func:`results`, which draws it,
    so that a page can compute everything before it draws any of it (``ui.pages.ranking``).
    """
    try:
        return state.rule_shortlist(selection, top)
    except ExportMcdaError as error:  # e.g. a required technology the filters left out
        return error


def results(lang: str, found: Shortlist | ExportMcdaError | None, top: int) -> Shortlist | None:
    """The rule-bound shortlist, the score it gives up and each rule's cost; or the conflict
    and the smallest relaxation; or the error that kept the rules from being evaluated.
    Nothing when no rule is in effect. ``found``: :func:`outcome`.

    Returns the shortlist for the page's downloads (None: no rule, or rules that cannot be
    evaluated, whose error is shown).
    """
    from exportmcda.model.rule_views import (
        conflict_lines,
        cost_text,
        membership_changes,
        score_text,
        technology_names,
    )

    if isinstance(found, ExportMcdaError):
        st.subheader(t("rules_shortlist_title", lang, n=top))
        st.error(components.plain(issues_text(found.issues, lang)))
        return None
    result = found
    if result is None:
        return None
    st.subheader(t("rules_shortlist_title", lang, n=top))
    if not result.feasible:
        first, *rest = conflict_lines(result, lang)
        st.error(components.plain(first))
        st.text("\n".join(rest))
        return result
    changed = membership_changes(result, lang)
    rows = result.records()
    components.text_table(
        components.text_frame(
            {
                t("col_rule_bound_rank", lang): [str(r["rank"]) for r in rows],
                t("col_ranking_rank", lang): [str(r["ranking_rank"]) for r in rows],
                t("col_technology_id", lang): [str(r["technology_id"]) for r in rows],
                t("col_technology", lang): [str(r.get("technology_name", "")) for r in rows],
                t("col_changed_by", lang): [changed[r["technology_id"]] for r in rows],
                t("col_company", lang): [str(r.get("company_name", "")) for r in rows],
                t("col_closeness", lang): [f"{r['closeness']:.3f}" for r in rows],
                t("col_field", lang): [str(r.get("field", "")) for r in rows],
                t("col_size", lang): [str(r.get("company_size", "")) for r in rows],
                t("col_region", lang): [str(r.get("region", "")) for r in rows],
            }
        ),
        widths={
            t("col_rule_bound_rank", lang): 100,
            t("col_ranking_rank", lang): 100,
            t("col_changed_by", lang): 240,
        },
    )
    st.text(score_text(result, lang))
    st.markdown(f"**{t('rules_costs_title', lang)}**")
    names = technology_names(result)
    st.text("\n".join("• " + cost_text(c, lang, names) for c in result.costs))
    components.notes(result.notes, lang)
    return result
