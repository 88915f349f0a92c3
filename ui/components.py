"""Reusable widgets: notices, provenance, validation issues, choices, weights, ranking.

User-supplied text (file names, company and technology names and ids, values quoted in
validation messages) is shown as text: through ``st.text``, ``st.dataframe`` (see
:func:`text_table`), widget options and Altair (SVG text), never raw through an element that
renders Markdown. ``st.table``, ``st.caption``, ``st.markdown``, alerts (``st.error`` ...)
and expander labels all render GitHub-flavoured Markdown plus Streamlit's directives
(``:red[...]``, ``$math$``, ``:material/icon:``), so a text that may hold user data goes
into them only through :func:`plain`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from exportmcda.charts.ranking import rank_text
from exportmcda.data.countries import SourceType, target_order
from exportmcda.data.database import Database
from exportmcda.errors import ExportMcdaError, Issue, Note
from exportmcda.export.safe import markdown_text, safe_filename
from exportmcda.labels import (
    issue_detail,
    issue_title,
    issues_text,
    shared_rank_text,
    source_year,
    t,
)
from exportmcda.labels import note_text as render_note
from exportmcda.model.measure_params import SOURCE_TYPES
from exportmcda.model.scenarios import to_toml
from exportmcda.model.selection import Selection
from ui import state

if TYPE_CHECKING:
    from exportmcda.model.rules import RuleSet
    from exportmcda.model.scenarios import Scenario
    from exportmcda.model.shortlist import Shortlist

log = logging.getLogger("exportmcda.app")


def plain(text: object) -> str:
    """``text`` escaped for an element that renders Markdown: see
    :func:`exportmcda.export.safe.markdown_text`."""
    return markdown_text(text)


def text_table(
    frame: pd.DataFrame, widths: dict[str, int] | None = None, row_height: int | None = None
) -> None:
    """A table that may hold user text, shown as text: ``st.dataframe`` (cells, index and
    headers are never parsed as Markdown), not ``st.table`` (which renders Markdown).

    ``widths`` gives columns (or the index, by its name) a width in pixels, so that short
    values such as years and units are not cut off. ``row_height`` above 64 px lets long
    text wrap (Streamlit wraps cells only in rows taller than 4rem).
    """
    config = {name: st.column_config.Column(width=w) for name, w in (widths or {}).items()}
    st.dataframe(frame, width="stretch", height="content", column_config=config or None,
                 row_height=row_height)


def language_switch() -> str:
    """Sidebar radio with the options 'English' and '한국어'; keeps the URL in step."""
    options = list(state.LANG_OPTIONS)
    current = next(k for k, v in state.LANG_OPTIONS.items() if v == state.lang())
    choice = st.sidebar.radio(
        t("language", state.lang()), options, index=options.index(current), horizontal=True
    )
    code = state.LANG_OPTIONS[choice]
    if code != state.lang():
        st.session_state[state.LANG] = code
        st.query_params["lang"] = code
        st.rerun()
    return code


def synthetic_notice(db: Database, lang: str) -> None:
    """The banner every screen built on the sample database shows."""
    notice = db.provenance.notice(lang)
    if notice:
        st.warning(notice, icon=":material/warning:")  # an emoji loads a 0.1-0.2 s catalog


def provenance(db: Database, lang: str) -> None:
    """Where the data came from and what was assumed, one click away."""
    with lazy_expander(t("provenance", lang), "provenance") as opened:
        if not opened:
            return
        st.text(f"{t('source', lang)}: {db.provenance.source_text(lang)}")
        st.text(f"{t('sha256', lang)}: {db.provenance.sha256}")
        if db.provenance.assumptions:
            st.text(t("assumptions", lang) + ":")
            text_table(pd.DataFrame(
                {t("assumptions", lang): list(db.provenance.assumption_texts(lang))}),
                row_height=_ASSUMPTION_ROW_HEIGHT)


def issues_table(issues: tuple[Issue, ...], lang: str) -> None:
    """Validation problems as a readable table naming file, row and column.

    The detail is in ``lang`` (:func:`~exportmcda.labels.issue_detail`: the message in
    English, what to do in Korean); rows are tall enough for it to wrap within the page's
    width instead of running off the right edge.
    """
    frame = pd.DataFrame(
        {
            t("col_row", lang): [i.row if i.row is not None else "" for i in issues],
            t("col_column", lang): [i.field or "" for i in issues],
            t("col_value", lang): [i.value or "" for i in issues],
            t("col_problem", lang): [issue_title(i.code, lang) for i in issues],
            t("col_detail", lang): [issue_detail(i, lang) for i in issues],
        }
    )
    config = {t("col_row", lang): st.column_config.TextColumn(width=60),
              t("col_column", lang): st.column_config.TextColumn(width=130),
              t("col_value", lang): st.column_config.TextColumn(width=130),
              t("col_problem", lang): st.column_config.TextColumn(width=170),
              t("col_detail", lang): st.column_config.TextColumn(width="large")}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config,
                 row_height=_ISSUE_ROW_HEIGHT)


_ASSUMPTION_ROW_HEIGHT = 100
"""Pixels per assumption: about four lines, an assumption readable in place."""
_ISSUE_ROW_HEIGHT = 80
"""Pixels per row of the issues table: three lines. Streamlit's table wraps a cell's text
only in rows taller than 4rem (64 px); shorter rows cut a long detail at the right edge."""


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Turn any error in a page into a clear message instead of a traceback."""
    try:
        yield
    except ExportMcdaError as error:
        st.error(plain(issues_text(error.issues, lang)))
    except Exception:  # the page's last guard; the log keeps the traceback
        log.exception("unexpected error while rendering a page")
        st.error(t("error_unexpected", lang))


OPEN_PREFIX = "open."  # session keys of the lazy expanders' open state and lazy tabs' choice


@contextmanager
def lazy_expander(label: str, key: str, *, expanded: bool = False) -> Iterator[bool]:
    """An expander whose content is built (and sent to the browser) only while it is open.

    ``with lazy_expander(label, key) as opened: if opened: ...``. Streamlit builds and sends
    a closed expander's content all the same; the browser then lays out every slider, table
    and chart in it on each arrival on the page. Built only when open (Streamlit 1.67's
    ``on_change="rerun"``: opening reruns the page, or the fragment it sits in), the Ranking
    page's closed expanders no longer cost a page switch: 1,204 -> 830 ms (median of 16
    switches each, interleaved; bench/README "Lazy expanders and tabs"). The open state is
    kept under ``key`` (prefixed ``open.``). Streamlit 1.67 identifies a keyed expander by
    its key, label *and* first state: a new label or first state is a new expander, closed
    or opened under the user's hand. So the first state is fixed at the first call in the
    session (an evidence rule set inside the sources expander must not reopen or close
    it), and callers keep labels fixed (counts go in a caption, not the label).
    """
    widget_key = f"{OPEN_PREFIX}{key}"
    first = st.session_state.setdefault(f"_first.{widget_key}", expanded)
    box = st.expander(label, expanded=first, key=widget_key, on_change="rerun")
    with box:
        yield bool(box.open)


def lazy_tabs(labels: list[str], key: str) -> list[tuple[Any, bool]]:
    """Tabs whose content is built (and sent) only for the selected one: ``(tab, selected)``.

    As :func:`lazy_expander`, for the same reason: the Pairwise page's four tabs held 41
    sliders, all laid out by the browser on every arrival. The selection lives under
    ``key`` (prefixed ``open.``; its value is the tab's label); choosing a tab reruns the
    page.
    """
    tabs = st.tabs(labels, key=f"{OPEN_PREFIX}{key}", on_change="rerun")
    return [(tab, bool(tab.open)) for tab in tabs]


def run_guarded(page: Callable[[], None]) -> Callable[[], None]:
    """Wrap a page function with :func:`guarded`."""

    def wrapper() -> None:
        with guarded(state.lang()):
            page()

    wrapper.__name__ = page.__name__
    return wrapper


# ---- widgets bound to canonical session keys ---------------------------------------------


def _copy_back(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]


def bound(
    widget: Callable[..., Any], key: str, label: str, *, where: str = "", **kwargs: Any
) -> Any:
    """Render ``widget`` mirroring the session key ``key``.

    Streamlit forgets a widget's state on a page that does not render it; the canonical
    value lives in ``key`` and the widget (key ``_w.<key>``) is seeded from it every run.
    ``where`` tells apart two widgets of one key on one page (e.g. in two tabs).
    """
    widget_key = state.bound_key(key) + (f".{where}" if where else "")
    st.session_state[widget_key] = st.session_state[key]
    return widget(label, key=widget_key, on_change=_copy_back, args=(widget_key, key), **kwargs)


def target_name(code: str, lang: str, *, region: bool = False) -> str:
    """A target's name for a list: groups with their member count; with ``region`` a country
    after its region ("동남아시아 · 베트남"), so that a list in :func:`~exportmcda.data.
    countries.target_order` reads grouped by region (a chosen chip stays short without it)."""
    profile = state.countries()[code]
    if profile.is_group:
        return t("target_group", lang, name=profile.name(lang), n=len(profile.members))
    return f"{profile.region_name(lang)} · {profile.name(lang)}" if region else profile.name(lang)


def target_choice(lang: str) -> str:
    """Selectbox of the targets (groups, then countries by region, in the reader's order:
    :func:`~exportmcda.data.countries.target_order`); returns the chosen code."""
    return str(
        bound(st.selectbox, state.COUNTRY, t("target", lang),
              options=target_order(state.countries(), lang),
              format_func=lambda c: target_name(c, lang, region=True),
              help=t("target_help", lang))
    )


def _on_scenario_change() -> None:
    state.seed_weights(state.scenario())


def scenario_choice(lang: str) -> str:
    """Selectbox of the scenarios; choosing one reseeds the weights from it."""
    choices = state.scenario_choices()
    widget_key = state.bound_key(state.SCENARIO)
    st.session_state[widget_key] = st.session_state[state.SCENARIO]

    def changed() -> None:
        _copy_back(widget_key, state.SCENARIO)
        _on_scenario_change()

    return str(
        st.selectbox(
            t("scenario", lang), options=list(choices), key=widget_key, on_change=changed,
            format_func=lambda s: choices[s].label(lang), help=t("scenario_help", lang),
        )
    )


def target_bar(lang: str) -> int:
    """The row every ranking page starts with: target, scenario, how many to show."""
    left, middle, right = st.columns([3, 3, 1])
    with left:
        target_choice(lang)
    with middle:
        scenario_choice(lang)
    with right:
        return top_choice(lang)


def top_choice(lang: str, where: str = "") -> int:
    """How many technologies to show (``where``: see :func:`bound`)."""
    return int(bound(st.selectbox, state.TOP, t("top_n", lang), options=list(state.TOP_OPTIONS),
                     where=where))


# ---- weights -----------------------------------------------------------------------------


def weight_sliders(
    node: str, local: dict[str, float], lang: str, *, columns: int = 0,
    left_out: Collection[str] = (), scope: state.WeightScope = state.TECHNOLOGY,
) -> None:
    """One slider per child of ``node``; moving one rescales the others (sum stays 1).

    The rescaling is the library's (:func:`exportmcda.model.weight_state.with_slider`, via
    :func:`ui.state.move_slider`). A slider's value is set here only when its widget is new
    (:func:`ui.state.slider_key`); a move's callback sets the siblings' values and the moving
    slider keeps the value the user gave it, so fast key presses are never overwritten by a
    rerun's echo. The values drawn are remembered (:func:`ui.state.show_sliders`): a report
    is read against them (:func:`ui.state.take_slider_report`).

    A child in ``left_out`` (see :func:`exportmcda.model.weight_state.left_out_nodes`) is
    shown disabled, at its stated weight, with a caption saying why it does not count; when
    ``node`` itself is left out, every slider is disabled under one such caption. ``scope``
    says which weights they edit: the technology criteria (default) or the market criteria
    (:data:`ui.state.MARKET`).
    """
    tree = scope.tree()
    if node in left_out:
        st.caption(t("weight_left_out", lang))
    slots = st.columns(columns) if columns else [st.container()] * len(local)
    keys = {child: scope.key(child) for child in local}
    for child, key in keys.items():
        if key not in st.session_state:
            st.session_state[key] = state.slider_value(local[child])
    given = {child: float(st.session_state[key]) for child, key in keys.items()}
    state.show_sliders(scope.prefix, node, given)
    for i, (child, key) in enumerate(keys.items()):
        label, helptext = _criterion_text(tree, child, lang)
        slot = slots[i % len(slots)]
        # ``value`` (the session's, which Streamlit uses anyway): without it Streamlit scans
        # the whole session state to tell a single slider from a range, ~1 ms a slider and
        # 19 sliders on the Ranking page at every move (a CPU profile of the fragment)
        slot.slider(
            label, min_value=0.0, max_value=1.0, value=given[child],
            step=0.01, format="%.2f", key=key, help=helptext, on_change=scope.move,
            args=(node, child, key), disabled=child in left_out,
        )
        if child in left_out and node not in left_out:
            slot.caption(t("weight_left_out", lang))


def _criterion_text(tree: Any, node: str, lang: str) -> tuple[str, str]:
    for c in tree.criteria:
        if c.id == node:
            return c.label(lang), c.definition(lang)
    leaf = tree.leaf(node)
    return leaf.label(lang), leaf.definition(lang)


def node_label(node: str, lang: str, scope: state.WeightScope = state.TECHNOLOGY) -> str:
    """Label of a hierarchy node (the goal, a criterion or a leaf) of ``scope``'s tree."""
    tree = scope.tree()
    if node == tree.goal_id:
        return t("top_level_criteria", lang)
    return _criterion_text(tree, node, lang)[0]


def reset_weights_button(
    lang: str, key: str, scope: state.WeightScope = state.TECHNOLOGY
) -> None:
    """Put every weight of ``scope`` back to the chosen scenario's."""
    st.button(t("reset_weights", lang), key=key, on_click=scope.reset,
              disabled=not scope.modified())


def scenario_download(
    lang: str, key: str, current: Callable[[], Scenario] | None = None
) -> None:
    """Download the effective scenario (with the session's weights) as TOML.

    ``current``, when given, is read for the file name and again at click time, without
    the session: the Ranking page's reads its :class:`ui.state.ShownRanking`, which a
    weight move updates without drawing the button again. Otherwise the session's
    effective scenario now.
    """
    if current is None:
        fixed = state.effective_scenario()
        current = lambda: fixed  # noqa: E731 - the session is gone at click time
    scenario = current()
    st.download_button(
        t("download_scenario", lang), data=lambda: to_toml(current()).encode("utf-8"),
        on_click="ignore",
        file_name=f"{safe_filename(scenario.id, fallback='scenario')}.toml",
        mime="application/toml", key=key,
    )


# ---- ranking -----------------------------------------------------------------------------


def ranking_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranked rows ``table`` (``Selection.table``) with translated headers and display
    formatting (text only).

    ``Rank`` is the unique integer rank; ``Shared rank`` reads "=8" for a tied technology;
    ``Technology ID`` follows, the id the tie and cut-off notes name.
    """
    # plain Python lists: a frame of object columns converts to Arrow faster than one
    # built from pandas' Arrow-backed string columns (this runs on every slider move)
    return text_frame(
        {
            t("col_rank", lang): [rank_text(r) for r in table["rank"].tolist()],
            t("col_shared_rank", lang): [
                shared_rank_text(shared, bool(tied)) for shared, tied in
                zip(table["shared_rank"].tolist(), table["tied_with"].tolist(), strict=True)
            ],
            t("col_technology_id", lang): _texts(table["technology_id"]),
            t("col_technology", lang): _texts(table["technology_name"]),
            t("col_company", lang): _texts(table["company_name"]),
            t("col_field", lang): _texts(table["field"]),
            t("col_service_type", lang): _texts(table["service_type"]),
            t("col_region", lang): _texts(table["region"]),
            t("col_size", lang): _texts(table["company_size"]),
            t("col_score", lang): [f"{s:.3f}" for s in table["score"].tolist()],
        }
    )


def _texts(column: pd.Series) -> list[str]:
    return [str(v) for v in column.tolist()]


def text_frame(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """A display table of text columns, indexed by its first column (no dtype inference)."""
    names = list(columns)
    return pd.DataFrame(
        {k: columns[k] for k in names[1:]},
        index=pd.Index(columns[names[0]], dtype=object, name=names[0]), dtype=object,
    )


def _on_evidence() -> None:
    choice = st.session_state["evidence.min_source"]
    state.set_evidence(None if choice == "any" else choice,
                       bool(st.session_state["evidence.sourced_only"]))


def evidence_controls(lang: str) -> None:
    """Which policy priorities may count: a minimum source type, sourced mappings only."""
    rule = state.weight_state().evidence
    options = ["any", *SOURCE_TYPES]  # the library's list, as the CLI offers it
    st.session_state["evidence.min_source"] = rule.get("min_source") or "any"
    st.session_state["evidence.sourced_only"] = bool(rule.get("sourced_only", False))
    left, right = st.columns(2)
    left.selectbox(
        t("evidence_min", lang), options, key="evidence.min_source", on_change=_on_evidence,
        format_func=lambda v: t("evidence_any", lang) if v == "any"
        else SourceType(v).label(lang),
        help=t("evidence_help", lang),
    )
    right.checkbox(t("evidence_sourced_only", lang), key="evidence.sourced_only",
                   on_change=_on_evidence)


def sources_expander(selection: Selection, lang: str) -> None:
    """The country sources the policy fit rests on, with their type and strength."""
    label = t("sources_title", lang, name=selection.country.name(lang))
    # open from the start when an evidence rule is in effect (a link's): the rule shows
    with lazy_expander(label, "sources", expanded=bool(state.weight_state().evidence)) as opened:
        if not opened:
            return
        sources = sorted(selection.sources(), key=lambda s: (-s.type.strength, s.id))
        evidence_controls(lang)
        counts = {kind: sum(s.type is kind for s in sources) for kind in SourceType}
        st.text(" · ".join([
            t("sources_strength", lang, strength=selection.evidence_level().label(lang)),
            *([t("sources_count", lang, n=len(sources))] if sources else []),
            *(f"{k.label(lang)} {n}" for k, n in counts.items() if n),
        ]))
        if not sources:
            st.text(t("sources_none", lang))
            return
        # A grid of fixed height that scrolls (64 sources for ASEAN were a 10,000-pixel
        # table); the shipped sources' URLs are links (LinkColumn), the texts stay text.
        frame = pd.DataFrame(
            {
                t("col_source_id", lang): [s.id for s in sources],
                t("col_title", lang): [s.title for s in sources],
                t("col_issuer", lang): [s.issuer for s in sources],
                t("col_year", lang): [source_year(s.year, lang) for s in sources],
                t("col_source_type", lang): [s.type.label(lang) for s in sources],
                t("col_strength", lang): [f"{s.type.strength}/5" for s in sources],
                t("col_url", lang): [s.url for s in sources],
            }
        ).set_index(t("col_source_id", lang))
        st.dataframe(
            frame, height=min(36 + 35 * len(frame), 400),
            column_config={
                t("col_url", lang): st.column_config.LinkColumn(t("col_url", lang)),
                t("col_title", lang): st.column_config.TextColumn(width="large"),
            },
        )


def shortlist_downloads(shown: state.ShownRanking, top: int, lang: str) -> None:
    """Excel, CSV and PDF downloads of the ranking ``shown`` last (formula-safe: see
    exportmcda.export.reports), with its rule-bound shortlist when rules are in effect (the
    workbook's Rules sheet; its members listed in every file).

    The files are built when clicked (deferred ``data``), not on every slider move, from
    what the weight fragment drew last (:class:`ui.state.ShownRanking`): the buttons sit
    outside the fragment. Nothing is offered when no ranking is shown.
    """
    from exportmcda.export import reports  # openpyxl: not needed until a ranking page

    drawn = shown.view
    if drawn is None:
        return
    named_for = drawn[0]  # the files' names carry its target and scenario
    # read now: the deferred callable runs without the session (no st.session_state there)
    db, market_leaves = state.database(), state.market_leaf_weights_if_changed()
    rule_set = state.rule_set(named_for.country.code)

    def current() -> tuple[Selection, Shortlist | None, RuleSet | None]:
        """The ranking drawn last, its rule-bound shortlist and the rules it recorded."""
        selection, bound = shown.latest()
        return selection, bound, rule_set if bound is not None else None

    def workbook() -> bytes:
        """The workbook with the shortlist's best markets (as ``exportmcda export``)."""
        from exportmcda.export.record import build_record
        from exportmcda.model.market_evidence import market_evidence

        selection, bound, recorded = current()
        markets = market_evidence(selection, db=db, technologies=selection.top_ids(top),
                                  leaf_weights=market_leaves)
        record = build_record(selection, top=top, markets=markets, rules=recorded, db=db)
        return reports.shortlist_xlsx(selection, top=top, lang=lang, markets=markets,
                                      rules=bound, record=record)

    def table() -> bytes:
        """The shortlist as CSV."""
        selection, bound, _ = current()
        return reports.shortlist_csv(selection, top=top, lang=lang, rules=bound)

    def briefing() -> bytes:
        """The one-page briefing (PDF) of this view's decision record (exportmcda.brief)."""
        from exportmcda.brief.pdf import briefing_pdf
        from exportmcda.brief.replay import from_view
        from exportmcda.model.market_evidence import market_evidence

        selection, _, recorded = current()
        markets = market_evidence(selection, leaf_weights=market_leaves)
        return briefing_pdf(from_view(selection, top=top, lang=lang, markets=markets,
                                      rules=recorded, db=db)).data

    left, right, third = st.columns(3)
    left.download_button(
        t("download_xlsx", lang),
        data=workbook,
        on_click="ignore",
        file_name=reports.export_filename(named_for, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download-xlsx", icon=":material/download:",
    )
    right.download_button(
        t("download_csv", lang),
        data=table,
        on_click="ignore",
        file_name=reports.export_filename(named_for, "csv"),
        mime="text/csv", key="download-csv", icon=":material/download:",
    )
    third.download_button(
        t("download_brief_pdf", lang),
        data=briefing,
        on_click="ignore",
        file_name=reports.export_filename(named_for, "pdf"),
        mime="application/pdf", key="download-brief-pdf", icon=":material/download:",
    )


def tie_notice(selection: Selection, shown: pd.DataFrame, top: int, lang: str) -> None:
    """Under a ranking table of the rows ``shown`` (``selection.table(top)``): the tie rule
    when they hold a tie, and who a tie at the cut-off left out (always visible, not folded
    into the notes)."""
    for note in selection.notes_for(top):
        if note.code == "cut_off_ties" or (
            note.code == "tie_rule" and any(len(ids) for ids in shown["tied_with"])
        ):
            st.caption(plain(note_text(note, lang)))


def notes(items: tuple[Note, ...], lang: str) -> None:
    """The ranking's notes (imputed values, ties, filters), as plain text."""
    if items:
        with st.expander(t("notes", lang) + f" ({len(items)})"):
            st.text("\n".join("• " + note_text(note, lang) for note in items))


def note_text(note: Note, lang: str) -> str:
    """A library note in ``lang``, criteria named by their labels (notes carry their ids)."""
    return render_note(note, lang, state.tree().names(lang))
