"""Session-state keys, their defaults, and the cached loaders every page shares.

Caching lives here (never in the library): the sample and each upload are parsed once per
content (bytes + file name are the cache key), not on every rerun or slider move; the
weight-independent part of a ranking (``selection.prepare``) is cached per database
checksum, target, language and directions, so a slider move only re-runs TOPSIS. These
are ``st.cache_resource`` (one shared object, no unpickling on each rerun): a
``Database`` copies its frames out, ``Candidates`` is frozen and only read, and pandas'
copy-on-write keeps derived frames from writing back.

Weights live in the session as one :class:`~exportmcda.model.weight_state.WeightState`
(per node of the hierarchy: direct weights from the sliders or AHP judgments from the
pairwise editor), seeded from the scenario; what it means (changed or not, the effective
scenario, a link's weights, the editor's values, a slider move) is decided by that library
module.

The weight sliders keep their widgets while the user moves them; the app sets the values of a
moved slider's siblings in place (:func:`take_slider_report`). Why this needs care: a browser
that sends a rerun while the previous one is still running reports the values it last showed;
Streamlit takes those stale values of the siblings for moves and runs their callbacks, and
re-sent values reset the moving slider under the user's key presses (issue 13: 16 of 20 fast
sessions ended in weights nobody set). So every callback reads the whole report of the node's
sliders against the values the app gave them (:data:`SLIDER_SHOWN`): the library's
:func:`~exportmcda.model.weight_state.read_slider_report` tells the user's one move from a
stale copy. (Renewing the siblings' widgets on every move told them apart too, at 15-20 ms of
a 150 ms budget per move in the browser: bench/README.) When the app sets every slider
(reset, scenario, link, judgments) they all get new widgets (:func:`renew_sliders`).

The markets page keeps a second :class:`WeightState`, over the market hierarchy
(``criteria/markets.toml``), seeded from the scenario's market judgments
(``criteria/markets/<id>.toml``); a :class:`WeightScope` tells the one slider component
(``ui.components.weight_sliders``) which of the two it edits. Its country ranking and
export-potential matrix are cached per database, choice and weights (``st.cache_resource``),
the matrix built on the pages' cached technology scoring (:func:`candidates`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import streamlit as st

from exportmcda.data.countries import CountryProfile, load_countries
from exportmcda.data.database import Database
from exportmcda.data.indicators import CountryIndicators, load_indicators
from exportmcda.data.io import load, load_sample
from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ExportMcdaError, Issue
from exportmcda.model import defaults
from exportmcda.model.criteria import CriteriaTree, load_criteria
from exportmcda.model.links import (
    FILTER_PARAMS,
    parse_url_evidence,
    parse_url_filters,
    parse_url_judgments,
    url_evidence,
    url_filters,
    url_judgments,
)
from exportmcda.model.markets import (
    ExportPotential,
    MarketRanking,
    Supply,
    export_potential,
    load_market_criteria,
    load_market_scenario,
    rank_markets,
    single_targets,
)
from exportmcda.model.rule_link import parse_rules_link, rules_link
from exportmcda.model.rules import Rule, RuleSet
from exportmcda.model.scenarios import (
    Scenario,
    ScenarioWeights,
    available_scenarios,
    load_scenario,
    parse_scenario,
    scenario_weights,
)
from exportmcda.model.selection import Candidates, Filters, Selection, prepare, rank_candidates
from exportmcda.model.weight_state import (
    STALE_REPORT,
    WeightState,
    is_modified,
    local_weights,
    parse_url_changed_weights,
    read_slider_report,
    seed,
    url_changed_weights,
    with_direct,
    with_evidence,
    with_judgments,
    with_slider,
)
from exportmcda.model.weight_state import (
    effective_scenario as _effective_scenario,
)
from exportmcda.rank.directions import Direction
from exportmcda.resources import criteria_dir

if TYPE_CHECKING:  # imported where used: only the pages that run them
    from exportmcda.model.robustness import RobustnessReport, SmaaResult
    from exportmcda.model.shortlist import Shortlist

LANG = "lang"
UPLOAD = "upload"  # (name, bytes) of the accepted upload, or None for the sample
UPLOAD_ISSUES = "upload_issues"  # issues of the last rejected upload, or None
COUNTRY = "country"  # target code
SCENARIO = "scenario"  # scenario id (a shipped one, or the uploaded one's id)
SCENARIO_UPLOAD = "scenario_upload"  # (name, text) of an uploaded scenario file, or None
SCENARIO_ERROR = "scenario_error"  # message of the last rejected scenario file, or None
TOP = "top"  # how many technologies the ranking shows
COMPARE = "compare"  # target codes compared side by side
FILTERS = "filters"  # {"fields": [...], "service_types": [...], ...} taxonomy numbers
WEIGHTS = "weight_state"  # WeightState: modes, judgments, direct weights, evidence rule
URL_ISSUES = "url_issues"  # issues of the link's weights (not applied), until weights change
MARKET_WEIGHTS = "market_weight_state"  # WeightState of the market hierarchy (sliders)
MARKET_URL_ISSUES = "market_url_issues"  # issues of the link's market weights (not applied)
MARKET_KIND = "market_kind"  # the markets page ranks countries for a "technology" or "field"
MARKET_TECH = "market_technology"  # technology id, or None: the shortlist's first
MARKET_FIELD = "market_field"  # field number (taxonomy)
MARKET_COUNTRIES = "market_countries"  # target codes ranked and shown in the matrix
MARKET_ROWS = "market_rows"  # rows of the matrix: "fields" or "shortlist"
_MARKET_ASKED = "_market_asked"  # the link's countries, until the markets page checks them
_MARKET_LINK = "_market_link"  # the link's market weights, until the markets page applies them
_MARKET_MEMO = "_memo.market_weights"  # (base ScenarioWeights, WeightState, ScenarioWeights)
COMPARE_SCENARIOS = "compare_scenarios"  # weightings side by side: scenario ids or CURRENT
SLIDER_EPOCHS = "_weight_slider_epochs"  # {prefix: n}: the weight sliders' widget generation
SLIDER_SHOWN = "_weight_sliders_shown"  # {(prefix, node): ({child: value given}, ...)}
SHOWN_KEPT = 16  # entries kept per node: a browser is never that many reruns behind
_BASE_MEMO = "_memo.base_weights"  # (scenario, its ScenarioWeights)
_WEIGHTS_MEMO = "_memo.weights"  # (scenario, WeightState, ScenarioWeights)
RULES = "shortlist_rules"  # tuple[Rule, ...] set in the app or a link; None: the scenario's
RULE_URL_ISSUES = "rule_url_issues"  # issues of the link's rules (not applied)

LANG_OPTIONS = {"English": "en", "한국어": "ko"}
DEFAULT_COUNTRY = "ASEAN"
DEFAULT_SCENARIO = "balanced"
DEFAULT_TOP = defaults.DEFAULT_TOP  # the CLI's default too
DEFAULT_COMPARE = ("ASEAN", "IND")
TOP_OPTIONS = (5, 10, 15, 20, 30, 50)
FILTER_DIMENSIONS = ("fields", "service_types", "company_sizes", "regions")
MARKET_KINDS = ("technology", "field")
CURRENT_WEIGHTS = "current"  # the session's weights (sliders) among the weightings compared
DEFAULT_COMPARE_SCENARIOS = ("balanced", "sme_first")
MARKET_ROW_KINDS = ("fields", "shortlist")


def init() -> None:
    """Seed every key once per session, from the URL where it carries a value."""
    params = st.query_params
    if LANG not in st.session_state:
        st.session_state[LANG] = "ko" if params.get("lang") == "ko" else "en"
    st.session_state.setdefault(UPLOAD, None)
    st.session_state.setdefault(UPLOAD_ISSUES, None)
    st.session_state.setdefault(SCENARIO_UPLOAD, None)
    st.session_state.setdefault(SCENARIO_ERROR, None)
    if COUNTRY not in st.session_state:
        code = str(params.get("country", DEFAULT_COUNTRY)).upper()
        st.session_state[COUNTRY] = code if code in countries() else DEFAULT_COUNTRY
    if SCENARIO not in st.session_state:
        sid = str(params.get("scenario", DEFAULT_SCENARIO))
        st.session_state[SCENARIO] = sid if sid in shipped_ids() else DEFAULT_SCENARIO
    if TOP not in st.session_state:
        top = str(params.get("top", ""))
        st.session_state[TOP] = int(top) if top.isdigit() and int(top) in TOP_OPTIONS else (
            DEFAULT_TOP
        )
    if COMPARE not in st.session_state:
        wanted = [c.strip().upper() for c in str(params.get("compare", "")).split(",")]
        chosen = [c for c in dict.fromkeys(wanted) if c in countries()]
        st.session_state[COMPARE] = chosen if len(chosen) >= 2 else list(DEFAULT_COMPARE)
    if COMPARE_SCENARIOS not in st.session_state:
        asked = [s.strip() for s in str(params.get("scenarios", "")).split(",")]
        known = [s for s in dict.fromkeys(asked) if s in (*shipped_ids(), CURRENT_WEIGHTS)]
        st.session_state[COMPARE_SCENARIOS] = known[:3] if len(known) >= 2 else list(
            DEFAULT_COMPARE_SCENARIOS)
    st.session_state.setdefault(URL_ISSUES, ())
    if WEIGHTS not in st.session_state:
        seed_weights(scenario())
        apply_url_view(params)
    if FILTERS not in st.session_state:
        st.session_state[FILTERS] = {d: [] for d in FILTER_DIMENSIONS}
        apply_url_filters(params)
    if MARKET_KIND not in st.session_state:
        _init_markets(params)
    if RULES not in st.session_state:
        linked, issues = parse_rules_link(str(params.get("rules", "")))
        st.session_state[RULES], st.session_state[RULE_URL_ISSUES] = linked, issues


def _init_markets(params: Any) -> None:
    """The markets page's choices, from the URL where it carries them (see :func:`sync_url`).

    ``technology=T0004`` or ``field=3`` (the taxonomy number), ``markets=IND,SAU,...``
    (at least two known targets, else the default), ``rows=shortlist``, ``mweights=...``
    (:func:`~exportmcda.model.weight_state.url_changed_weights`). Only read here: the
    countries are checked and the weights applied when the markets page first needs them
    (:func:`market_countries`, :func:`market_weight_state`), so that another first page
    loads no indicators and solves no market judgments.
    """
    tech = str(params.get("technology", "")).strip().upper()
    field = str(params.get("field", "")).strip()
    number = int(field) if field.isdigit() and 1 <= int(field) <= len(FIELDS) else None
    known = tech in database().technologies.index
    st.session_state[MARKET_TECH] = tech if known else None
    st.session_state[MARKET_FIELD] = number or 1
    st.session_state[MARKET_KIND] = "field" if number and not known else "technology"
    wanted = [c.strip().upper() for c in str(params.get("markets", "")).split(",")]
    st.session_state[_MARKET_ASKED] = [c for c in dict.fromkeys(wanted) if c]
    rows = str(params.get("rows", ""))
    st.session_state[MARKET_ROWS] = rows if rows in MARKET_ROW_KINDS else MARKET_ROW_KINDS[0]
    st.session_state[_MARKET_LINK] = str(params.get("mweights", ""))


def lang() -> str:
    """The current language code, 'en' or 'ko'."""
    return str(st.session_state.get(LANG, "en"))


def sync_url() -> None:
    """Reflect the current view in the URL, so that a link reproduces it.

    Everything that changes a result travels (issue 11, item 2): language, target, scenario,
    top N, compared targets, every judgment and weight that differs from the scenario's,
    the evidence rule, the filters, and the markets page's choices.
    """
    chosen = scenario()
    shipped = chosen.id if chosen.id in shipped_ids() else DEFAULT_SCENARIO
    wanted = {
        "lang": lang(),
        "country": str(st.session_state.get(COUNTRY, DEFAULT_COUNTRY)),
        "scenario": shipped,
        "top": str(st.session_state.get(TOP, DEFAULT_TOP)),
        "compare": ",".join(st.session_state.get(COMPARE, DEFAULT_COMPARE)),
        "scenarios": ",".join(st.session_state.get(COMPARE_SCENARIOS,
                                                   DEFAULT_COMPARE_SCENARIOS)),
    }
    # An uploaded scenario is not in the receiver's app: the link then names the default
    # scenario and carries every weight and judgment that differs from it.
    base = _base_weights(chosen if chosen.id == shipped else _shipped_scenario(shipped))
    view = {
        "weights": url_changed_weights(weight_state(), base),
        "judgments": url_judgments(weight_state(), base),
        **url_evidence(weight_state(), base),
        **url_filters(current_filters()),
    }
    wanted.update({key: str(view[key]) for key in _VIEW_PARAMS if view.get(key)})
    if st.session_state.get(RULES) is not None:
        wanted["rules"] = rules_link(st.session_state[RULES])
    wanted.update(_market_url())
    # one message, and only when the link changes: each change of st.query_params is a
    # message the browser handles with a render of the whole page, and setting the keys one
    # by one after a page switch (the switch clears them) sent seven (bench/README,
    # "Downloads off the weight fragment")
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


_VIEW_PARAMS = ("weights", "judgments", "source", "sourced", *FILTER_PARAMS.values())
"""Link parameters of the technology side besides target, scenario and top N."""


def _market_url() -> dict[str, str]:
    """The markets page's choices as link parameters, only those that differ from the
    defaults (a link stays short): the technology or field, the countries, the rows, the
    changed market weights."""
    out: dict[str, str] = {}
    if st.session_state.get(MARKET_KIND) == "field":
        out["field"] = str(st.session_state.get(MARKET_FIELD, 1))
    elif st.session_state.get(MARKET_TECH):
        out["technology"] = str(st.session_state[MARKET_TECH])
    chosen = st.session_state.get(MARKET_COUNTRIES)
    if chosen is None:  # the markets page not opened yet: the link's own value, if any
        asked = st.session_state.get(_MARKET_ASKED) or []
        if asked:
            out["markets"] = ",".join(asked)
    elif tuple(chosen) != market_default_countries():
        out["markets"] = ",".join(chosen)
    if st.session_state.get(MARKET_ROWS, MARKET_ROW_KINDS[0]) != MARKET_ROW_KINDS[0]:
        out["rows"] = str(st.session_state[MARKET_ROWS])
    if MARKET_WEIGHTS in st.session_state:
        link = url_changed_weights(market_weight_state(), market_base_weights())
    else:
        link = st.session_state.get(_MARKET_LINK) or None
    if link:
        out["mweights"] = link
    return out


# ---- data -------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _sample() -> Database:
    return load_sample()


@st.cache_resource(show_spinner=False, max_entries=8)
def _uploaded(name: str, content: bytes) -> Database:
    return load(content, name=name)


def warm() -> None:
    """Fill the server-wide resource caches every first page reads: the sample, the target
    profiles and their indicators, the criteria tree. :mod:`ui.serve` calls this before the
    server answers its health check, so the first visitor does not wait for them."""
    _sample()
    countries()
    indicators()
    tree()


def database() -> Database:
    """The database the pages work on: the accepted upload, else the sample."""
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        return _sample()
    name, content = upload
    return _uploaded(name, content)


def try_upload(name: str, content: bytes) -> tuple[Database | None, tuple[Issue, ...]]:
    """Validate an upload; on success make it current, on failure keep the old data."""
    try:
        db = _uploaded(name, content)
    except ExportMcdaError as error:
        st.session_state[UPLOAD_ISSUES] = error.issues
        return None, error.issues
    st.session_state[UPLOAD] = (name, content)
    st.session_state[UPLOAD_ISSUES] = None
    return db, ()


def use_sample() -> None:
    """Drop the upload and go back to the sample database."""
    st.session_state[UPLOAD] = None
    st.session_state[UPLOAD_ISSUES] = None


@st.cache_resource(show_spinner=False)
def countries() -> dict[str, CountryProfile]:
    """Every target profile (countries and groups), loaded once per server."""
    return load_countries()


@st.cache_resource(show_spinner=False)
def tree() -> CriteriaTree:
    """The shipped criteria hierarchy, loaded once per server."""
    return load_criteria()


def country(code: str | None = None) -> CountryProfile:
    """The profile of ``code`` (default: the current target)."""
    return countries()[code or str(st.session_state[COUNTRY])]


@st.cache_resource(show_spinner=False)
def inner_nodes() -> dict[str, tuple[str, ...]]:
    """:meth:`CriteriaTree.weighted_nodes` of the shipped tree, computed once per server."""
    return tree().weighted_nodes()


# ---- scenario and weights ---------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def shipped_ids() -> tuple[str, ...]:
    """Ids of the shipped scenario files, listed once per server (not on every rerun)."""
    return tuple(available_scenarios())


def scenario_choices() -> dict[str, Scenario]:
    """Shipped scenarios, then the uploaded one (if any), by id."""
    found = {sid: _shipped_scenario(sid) for sid in shipped_ids()}
    upload = st.session_state.get(SCENARIO_UPLOAD)
    if upload is not None:
        uploaded = _parsed_scenario(*upload)
        found[uploaded.id] = uploaded
    return found


@st.cache_resource(show_spinner=False)
def _shipped_scenario(sid: str) -> Scenario:
    return load_scenario(sid)


@st.cache_resource(show_spinner=False, max_entries=16)
def _parsed_scenario(name: str, text: str) -> Scenario:
    return parse_scenario(text, name=name)


def scenario() -> Scenario:
    """The scenario currently chosen (falls back to the default one)."""
    choices = scenario_choices()
    sid = str(st.session_state.get(SCENARIO, DEFAULT_SCENARIO))
    return choices.get(sid, choices[DEFAULT_SCENARIO])


def try_scenario_upload(name: str, content: bytes) -> bool:
    """Parse and check an uploaded scenario; on success choose it and seed its weights."""
    try:
        text = content.decode("utf-8-sig")
        parsed = _parsed_scenario(name, text)
        scenario_weights(parsed, tree())  # checks nodes, judgments and directions
    except UnicodeDecodeError:
        st.session_state[SCENARIO_ERROR] = f"{name}: not UTF-8 text"
        return False
    except ExportMcdaError as error:
        st.session_state[SCENARIO_ERROR] = str(error)
        return False
    st.session_state[SCENARIO_UPLOAD] = (name, text)
    st.session_state[SCENARIO_ERROR] = None
    st.session_state[SCENARIO] = parsed.id
    seed_weights(parsed)
    return True


def weight_state() -> WeightState:
    """The session's weights (every node's mode, judgments, direct weights; evidence rule)."""
    value: WeightState = st.session_state[WEIGHTS]
    return value


def _store(new: WeightState, *, renew: bool = True) -> None:
    """Make ``new`` the session's weights; a link's weight problems are then history.

    Every slider gets a new widget (:func:`renew_sliders`) unless ``renew`` is False (a
    slider move, whose callback sets the values itself: :func:`take_slider_report`).
    """
    st.session_state[WEIGHTS] = new
    st.session_state[URL_ISSUES] = ()
    if renew:
        renew_sliders()


def slider_key(name: str, prefix: str = "") -> str:
    """The widget key of the weight slider ``name`` (a child of a weighted node) now.

    ``<prefix>weight.<name>#<n>``: :func:`renew_sliders` changes ``n`` when the app sets
    every slider at once (see the module docstring). ``prefix`` keeps the market sliders
    (``market.``) apart from the technology ones.
    """
    epoch = st.session_state.get(SLIDER_EPOCHS, {}).get(prefix, 0)
    return f"{prefix}weight.{name}#{epoch}"


def renew_sliders(prefix: str = "") -> None:
    """Give every weight slider of ``prefix`` a new widget, set from the weights.

    Generations only grow, so a key never comes back to a widget the browser may still hold;
    the values the old widgets were given go with them.
    """
    epochs = st.session_state.get(SLIDER_EPOCHS, {})
    st.session_state[SLIDER_EPOCHS] = {**epochs, prefix: epochs.get(prefix, 0) + 1}
    shown = st.session_state.get(SLIDER_SHOWN, {})
    st.session_state[SLIDER_SHOWN] = {k: v for k, v in shown.items() if k[0] != prefix}


def show_sliders(prefix: str, node: str, values: Mapping[str, float]) -> None:
    """Remember the values ``node``'s sliders are drawn with (the newest of
    :data:`SHOWN_KEPT` entries), which a later report is read against."""
    shown = st.session_state.get(SLIDER_SHOWN, {})
    entries = shown.get((prefix, node), ())
    if entries and entries[-1] == values:
        return
    kept = (*entries, dict(values))[-SHOWN_KEPT:]
    st.session_state[SLIDER_SHOWN] = {**shown, (prefix, node): kept}


def slider_value(weight: float) -> float:
    """A weight as a slider is given it: 4 decimals (the link's precision)."""
    return round(float(weight), 4)


def take_slider_report(
    prefix: str, node: str, children: Collection[str], state: WeightState,
    current: Callable[[], Mapping[str, float]], store: Callable[[WeightState], None],
) -> None:
    """Read the browser's report of ``node``'s sliders (any one's on_change) and act on it.

    :func:`~exportmcda.model.weight_state.read_slider_report` against the values the sliders
    were given: a user's move becomes :func:`~exportmcda.model.weight_state.with_slider` of
    ``state`` (``current()``: the node's weights as shown, asked only for a move), handed to
    ``store``, and the siblings' widgets are set to their new weights (4 decimals) in place,
    the moved one keeping the user's value; a stale report puts the sliders back to what
    they show.
    Streamlit runs the callback of each slider whose value differs, so the first one takes
    the report and the others find nothing new.
    """
    keys = {c: slider_key(c, prefix) for c in children}
    reported = {c: float(st.session_state[k]) for c, k in keys.items() if k in st.session_state}
    entries = st.session_state.get(SLIDER_SHOWN, {}).get((prefix, node), ())
    if len(reported) != len(keys) or not entries:
        return  # sliders this run never drew: nothing of theirs is shown
    move = state.moving.get(node)
    verdict = read_slider_report(reported, entries, move.child if move else None)
    if verdict is None:
        return
    if verdict == STALE_REPORT:
        for child, key in keys.items():
            if reported[child] != entries[-1][child]:
                st.session_state[key] = entries[-1][child]
        return
    moved, value = verdict
    new = with_slider(state, node, moved, value, current())
    store(new)
    given = {c: slider_value(w) for c, w in new.direct[node].items()}
    for child, key in keys.items():
        if child != moved:
            st.session_state[key] = given[child]
    show_sliders(prefix, node, {**given, moved: value})


def seed_weights(base: Scenario) -> None:
    """Set every node's weights (and the editor's judgments) from ``base``."""
    _store(seed(_base_weights(base)))


def set_evidence(min_source: str | None, sourced_only: bool) -> None:
    """Change the policy-fit evidence rule of the session's effective scenario."""
    _store(with_evidence(weight_state(), min_source, sourced_only))


def apply_url_view(params: Mapping[str, Any]) -> None:
    """Apply a shared link's judgments, weights and evidence rule to the seeded weights.

    ``judgments=`` (:func:`~exportmcda.model.links.url_judgments`), ``weights=``
    (:func:`~exportmcda.model.weight_state.url_changed_weights`; a link of the goal's
    weights alone, as older links wrote it, reads the same way) and ``source=``/``sourced=``
    (:func:`~exportmcda.model.links.url_evidence`). Each part with any problem is not
    applied; its issues wait in :data:`URL_ISSUES` for the sidebar to show.
    """
    nodes = inner_nodes()
    judged, issues = parse_url_judgments(str(params.get("judgments", "")), nodes)
    for node, pairs in (judged or {}).items():
        set_judgments(node, pairs)
    given, more = parse_url_changed_weights(str(params.get("weights", "")), nodes)
    issues += more
    for node, weights_ in (given or {}).items():
        set_direct(node, weights_)
    rule, more = parse_url_evidence(params)
    issues += more
    if rule is not None:
        set_evidence(*rule)
    st.session_state[URL_ISSUES] = tuple(st.session_state.get(URL_ISSUES, ())) + issues


def apply_url_weights(text: str) -> None:
    """Apply ``utilization:0.3,region:0.1,...`` (one or more nodes) from a shared link."""
    apply_url_view({"weights": text})


def apply_url_filters(params: Mapping[str, Any]) -> None:
    """Set the candidate filters a shared link carries (:func:`~exportmcda.model.links.
    url_filters`); a wrong one is not applied and its issues wait in :data:`URL_ISSUES`."""
    filters, issues = parse_url_filters(params)
    if filters is not None:
        st.session_state[FILTERS] = {d: list(getattr(filters, d)) for d in FILTER_DIMENSIONS}
    st.session_state[URL_ISSUES] = tuple(st.session_state.get(URL_ISSUES, ())) + issues


def url_issues() -> tuple[Issue, ...]:
    """Problems of the shared link's weights (empty once the user has set weights)."""
    issues: tuple[Issue, ...] = st.session_state.get(URL_ISSUES, ())
    return issues


def set_direct(node: str, weights: Mapping[str, float]) -> None:
    """Give ``node``'s children direct weights (a shared link's)."""
    _store(with_direct(weight_state(), node, weights))


def move_slider(node: str, child: str, key: str) -> None:
    """The slider widget ``key`` of ``node``'s child ``child`` was moved (its on_change).

    :func:`take_slider_report` finds which slider of ``node`` the user moved; the library's
    :func:`~exportmcda.model.weight_state.with_slider` decides every weight of ``node`` from
    its value. A report from a replaced widget (``key`` is not :func:`slider_key` of
    ``child``: the app has set every slider since) changes nothing.
    """
    if key != slider_key(child):
        return
    take_slider_report(
        "", node, inner_nodes()[node], weight_state(), lambda: local_weights(weights(), node),
        lambda new: _store(new, renew=False),
    )


def set_judgments(node: str, pairs: Mapping[tuple[str, str], str]) -> None:
    """Give ``node`` AHP judgments (the pairwise editor's mode)."""
    _store(with_judgments(weight_state(), node, pairs))


def modified() -> bool:
    """Whether the weights differ from the chosen scenario's."""
    return is_modified(weight_state(), _base_weights(scenario()))


def effective_scenario() -> Scenario:
    """The chosen scenario with the session's weights (itself when nothing was changed)."""
    return _effective_scenario(weight_state(), _base_weights(scenario()))


def named_weights(sid: str) -> ScenarioWeights:
    """Scenario ``sid``'s own weights under the session's evidence rule.

    For weightings side by side: the rule is the session's for every one, so that only the
    weights differ between them. :data:`CURRENT_WEIGHTS` is the session's own weights.
    """
    if sid == CURRENT_WEIGHTS:
        return weights()
    base = scenario_choices()[sid]
    rule = dict(weight_state().evidence)
    return scenario_weights(replace(base, evidence=rule), tree())


def _base_weights(base: Scenario) -> ScenarioWeights:
    """The scenario's own weights, computed once per scenario object and session."""
    memo = st.session_state.get(_BASE_MEMO)
    if memo is not None and memo[0] is base:
        return memo[1]  # type: ignore[no-any-return]
    weighed = scenario_weights(base, tree())
    st.session_state[_BASE_MEMO] = (base, weighed)
    return weighed


def weights() -> ScenarioWeights:
    """Weights of the effective scenario (ConfigError/JudgmentError reach the page guard).

    A page asks several times per run (sliders, chart, ranking); the AHP is solved once per
    change of the session's weights (memo keyed by the scenario object and the
    :class:`WeightState`, which is replaced, never changed, on every edit).
    """
    base = scenario()
    current = weight_state()
    memo = st.session_state.get(_WEIGHTS_MEMO)
    if memo is not None and memo[0] is base and (memo[1] is current or memo[1] == current):
        return memo[2]  # type: ignore[no-any-return]
    weighed = scenario_weights(effective_scenario(), tree())
    st.session_state[_WEIGHTS_MEMO] = (base, current, weighed)
    return weighed


# ---- ranking ----------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=80)  # 16 markets x 2 languages + targets
def _candidates(
    sha256: str,
    code: str,
    lang: str,
    directions: tuple[tuple[str, str], ...],
    evidence: tuple[tuple[str, Any], ...],
    _db: Database,
) -> Candidates:
    """The weight-independent part of a ranking; ``_db`` is identified by ``sha256``."""
    overrides = {k: Direction(v) for k, v in directions}
    criteria = tree().with_directions(overrides).with_measure_params("policy_fit", dict(evidence))
    return prepare(_db, criteria, countries()[code], lang)


def candidates(weighed: ScenarioWeights, code: str, lang: str) -> Candidates:
    """Cached :func:`exportmcda.model.selection.prepare` for the current database and target."""
    db = database()
    directions = tuple(sorted((k, v.value) for k, v in weighed.scenario.directions.items()))
    evidence = tuple(sorted(weighed.scenario.evidence.items()))
    return _candidates(db.provenance.sha256, code, lang, directions, evidence, db)


def current_filters() -> Filters:
    """The filters chosen on the ranking page."""
    chosen = st.session_state.get(FILTERS, {})
    return Filters(**{d: tuple(int(n) for n in chosen.get(d, ())) for d in FILTER_DIMENSIONS})


@st.cache_resource(show_spinner=False, max_entries=64)
def _mask(sha256: str, filters: Filters, _index: pd.Index, _db: Database) -> pd.Series:
    """Which candidates pass ``filters``; the index is that of ``_db`` (its ``sha256``)."""
    return filters.mask(_db, _index)


def selection(code: str | None = None, weighed: ScenarioWeights | None = None) -> Selection:
    """Rank the current database for a target with the session's weights and filters."""
    code = code or str(st.session_state[COUNTRY])
    weighed = weighed or weights()
    prepared = candidates(weighed, code, lang())
    filters = current_filters()
    keep = None
    if filters.active:
        db = database()
        keep = _mask(db.provenance.sha256, filters, prepared.scores.matrix.index, db)
    return rank_candidates(
        prepared, weighed.scenario, country(code), weighed, keep=keep, filters=filters
    )


def choose(key: str, value: Any) -> None:
    """Store a choice made through a widget (the canonical value outlives the widget)."""
    st.session_state[key] = value


def bound_key(key: str) -> str:
    """The widget key mirroring the canonical session key ``key``."""
    return f"_w.{key}"


# ---- shortlist rules --------------------------------------------------------------------


def scenario_rules(code: str | None = None) -> tuple[Rule, ...]:
    """The scenario's rules for a target (its ``[rules]`` table, common then the target's)."""
    return scenario().rules.for_country(code or str(st.session_state[COUNTRY]))


def rules(code: str | None = None) -> tuple[Rule, ...]:
    """The shortlist rules in effect: the app's (controls or link), else the scenario's."""
    chosen = st.session_state.get(RULES)
    return scenario_rules(code) if chosen is None else tuple(chosen)


def rule_set(code: str | None = None) -> RuleSet | None:
    """The rules in effect as a :class:`RuleSet` for a record (None: no rule)."""
    chosen = rules(code)
    return RuleSet(rules=chosen) if chosen else None


def rules_edited() -> bool:
    """Whether the rules were set in the app or a link (not the scenario's)."""
    return st.session_state.get(RULES) is not None


def set_rules(chosen: tuple[Rule, ...] | None) -> None:
    """Store the app's rules (``None``: back to the scenario's)."""
    st.session_state[RULES] = chosen
    st.session_state[RULE_URL_ISSUES] = ()


@st.cache_resource(show_spinner=False, max_entries=32)
def _shortlist(
    sha256: str, code: str, lang: str, technology_key: tuple[Any, ...], filters: Filters,
    rules_key: tuple[str, tuple[str, ...]], top: int, _chosen: tuple[Rule, ...],
    _selection: Selection, _db: Database,
) -> Shortlist:
    """The rule-bound shortlist once per database, target, weights, filters, rules and N
    (``rules_key``: the rules' link text and where each was stated)."""
    from exportmcda.model.shortlist import shortlist  # scipy's solver: not on first page

    return shortlist(_selection, _chosen, top=top, db=_db)


def rule_shortlist(selection: Selection, top: int) -> Shortlist | None:
    """The rule-bound shortlist of ``selection`` under the rules in effect (None: no rule).

    Cached per inputs: a rerun that changes nothing the shortlist reads (a rule control left
    as it was, another page's widget) solves nothing again.
    """
    chosen = rules(selection.country.code)
    if not chosen:
        return None
    db = database()
    return _shortlist(
        db.provenance.sha256, selection.country.code, lang(), _technology_key(weights()),
        selection.filters, (rules_link(chosen), tuple(r.where() for r in chosen)), top,
        chosen, selection, db,
    )


class ShownRanking:
    """The ranking the Ranking page's weight fragment drew last: what its downloads carry.

    Why a holder: a weight move reruns only the fragment (``ui.pages.ranking._live``), and
    every element inside it costs the browser a React render on every move (bench/README,
    "Downloads off the weight fragment"). So the downloads sit on the page after the
    fragment, and Streamlit runs a deferred download's callable at click time without the
    session (no ``st.session_state`` there): the callable reads this object, which the
    fragment updates on each run. One assignment of a tuple, so a click between two runs
    reads one whole view, never half of each.

    The buttons' file names are fixed when the page draws them and carry the scenario id,
    which a first weight move changes (``balanced`` → ``balanced-custom``), and they are
    not offered while the fragment shows an error: :meth:`stale` tells the fragment when
    the page must be drawn again.
    """

    _PENDING = "\0pending"  # a page run: the buttons are drawn after the fragment

    def __init__(self) -> None:
        self._view: tuple[Selection, Shortlist | None] | None = None
        self._last: tuple[Selection, Shortlist | None] | None = None  # kept after an error
        self._buttons: str | None = self._PENDING  # scenario id the buttons are named for

    def show(self, selection: Selection, bound: Shortlist | None) -> None:
        """The fragment drew ``selection`` (and ``bound``, its rule-bound shortlist)."""
        self._view = self._last = (selection, bound)

    def forget(self) -> None:
        """The fragment drew no ranking (yet, or its error is on the page instead)."""
        self._view = None

    @property
    def view(self) -> tuple[Selection, Shortlist | None] | None:
        """The last ranking drawn and its rule-bound shortlist; None after an error."""
        return self._view

    def latest(self) -> tuple[Selection, Shortlist | None]:
        """What a click on a download gets: the last ranking drawn, even if an error has
        followed (the page is then drawn again without the buttons)."""
        if self._last is None:
            raise LookupError("no ranking drawn yet: the page offers no download")
        return self._last

    def page_run(self) -> None:
        """The page is being drawn: its buttons follow the fragment (never stale now)."""
        self._buttons = self._PENDING

    def buttons_drawn(self) -> None:
        """The page drew its buttons for the view now held (none when it holds none)."""
        view = self._view
        self._buttons = None if view is None else view[0].scenario.id

    def stale(self) -> bool:
        """Whether the page's buttons no longer fit what the fragment drew: named for
        another scenario id, offered while no ranking is shown, or missing beside one."""
        if self._buttons == self._PENDING:
            return False
        view = self._view
        return (None if view is None else view[0].scenario.id) != self._buttons


_SHOWN = "_shown_ranking"


def shown_ranking() -> ShownRanking:
    """The session's :class:`ShownRanking` (one per session, kept across reruns)."""
    shown: ShownRanking = st.session_state.setdefault(_SHOWN, ShownRanking())
    return shown


# ---- markets ----------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def indicators() -> dict[str, CountryIndicators]:
    """Every target's market indicators (groups aggregated), loaded once per server."""
    return load_indicators()


@st.cache_resource(show_spinner=False)
def market_tree() -> CriteriaTree:
    """The market hierarchy (``criteria/markets.toml``), loaded once per server."""
    return load_market_criteria()


@st.cache_resource(show_spinner=False)
def market_nodes() -> dict[str, tuple[str, ...]]:
    """:meth:`CriteriaTree.weighted_nodes` of the market hierarchy."""
    return market_tree().weighted_nodes()


@st.cache_resource(show_spinner=False)
def market_default_countries() -> tuple[str, ...]:
    """The single-country targets with indicators (the markets page's default countries)."""
    return single_targets(countries(), indicators())


@st.cache_resource(show_spinner=False)
def market_options() -> tuple[str, ...]:
    """Targets the markets page may rank: the groups with indicators, then the countries."""
    groups = [c for c, p in countries().items() if p.is_group and c in indicators()]
    return (*groups, *market_default_countries())


@st.cache_resource(show_spinner=False)
def _market_ids() -> tuple[str, ...]:
    return tuple(available_scenarios(criteria_dir() / "markets"))


def market_scenario_id() -> str:
    """The market judgments of the chosen scenario (``criteria/markets/<id>.toml``); the
    default scenario's when it has none (an uploaded scenario: the page says so)."""
    sid = scenario().id
    return sid if sid in _market_ids() else DEFAULT_SCENARIO


@st.cache_resource(show_spinner=False, max_entries=16)
def _market_base(sid: str) -> ScenarioWeights:
    return scenario_weights(load_market_scenario(sid), market_tree())


def market_base_weights() -> ScenarioWeights:
    """The market scenario's own weights (AHP of its judgments), once per server."""
    return _market_base(market_scenario_id())


def market_countries() -> list[str]:
    """The countries the markets page ranks (the link's, checked once; else the default)."""
    chosen = st.session_state.get(MARKET_COUNTRIES)
    if chosen is None:
        asked = [c for c in st.session_state.pop(_MARKET_ASKED, []) if c in market_options()]
        chosen = asked if len(asked) >= 2 else list(market_default_countries())
        st.session_state[MARKET_COUNTRIES] = chosen
    return list(chosen)


def market_weight_state() -> WeightState:
    """The session's market weights; reseeded when the scenario (so its market file) changed.

    The first call seeds them and applies the link's market weights (:data:`_MARKET_LINK`).
    """
    value: WeightState | None = st.session_state.get(MARKET_WEIGHTS)
    if value is None or value.seeded_from != market_scenario_id():
        st.session_state[MARKET_WEIGHTS] = seed(market_base_weights())
        if value is None:
            apply_url_market_weights(str(st.session_state.pop(_MARKET_LINK, "")))
    current: WeightState = st.session_state[MARKET_WEIGHTS]
    return current


MARKET_PREFIX = "market."  # widget keys of the market sliders: market.weight.<id>#…


def _store_market(new: WeightState, *, renew: bool = True) -> None:
    """Keep the session's market weights; every market slider gets a new widget unless
    ``renew`` is False (as :func:`_store` does for the technology sliders)."""
    st.session_state[MARKET_WEIGHTS] = new
    st.session_state[MARKET_URL_ISSUES] = ()
    if renew:
        renew_sliders(MARKET_PREFIX)


def reset_market_weights() -> None:
    """Put the market weights back to the scenario's market judgments."""
    _store_market(seed(market_base_weights()))


def set_market_direct(node: str, weights: Mapping[str, float]) -> None:
    """Give a market node's children direct weights (a link's)."""
    _store_market(with_direct(market_weight_state(), node, weights))


def move_market_slider(node: str, child: str, key: str) -> None:
    """A market weight slider was moved: :func:`move_slider` for the market hierarchy."""
    if key != slider_key(child, MARKET_PREFIX):
        return
    take_slider_report(
        MARKET_PREFIX, node, market_tree().weighted_nodes()[node], market_weight_state(),
        lambda: local_weights(market_weights(), node),
        lambda new: _store_market(new, renew=False),
    )


def apply_url_market_weights(text: str) -> None:
    """Apply a link's market weights; a link with any problem is not applied, its issues
    wait in :data:`MARKET_URL_ISSUES` for the markets page to show."""
    given, issues = parse_url_changed_weights(text, market_nodes())
    for node, weights in (given or {}).items():
        set_market_direct(node, weights)
    st.session_state[MARKET_URL_ISSUES] = issues


def market_url_issues() -> tuple[Issue, ...]:
    """Problems of the link's market weights (empty once the user has set weights)."""
    issues: tuple[Issue, ...] = st.session_state.get(MARKET_URL_ISSUES, ())
    return issues


def market_leaf_weights_if_changed() -> dict[str, float] | None:
    """The session's market leaf weights when the user changed them on the Markets page, else
    None (the scenario's own): what an export made on another page records. Loads nothing
    when the Markets page was never opened."""
    if MARKET_WEIGHTS not in st.session_state or not market_modified():
        return None
    return dict(market_weights().leaf_weights)


def market_modified() -> bool:
    """Whether the market weights differ from the scenario's market judgments."""
    return is_modified(market_weight_state(), market_base_weights())


def market_weights() -> ScenarioWeights:
    """The market weights in effect (AHP solved once per change, as :func:`weights`)."""
    base = market_base_weights()
    current = market_weight_state()
    memo = st.session_state.get(_MARKET_MEMO)
    if memo is not None and memo[0] is base and memo[1] == current:
        return memo[2]  # type: ignore[no-any-return]
    weighed = scenario_weights(_effective_scenario(current, base), market_tree())
    st.session_state[_MARKET_MEMO] = (base, current, weighed)
    return weighed


def _leaf_key(weights: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((k, float(v)) for k, v in weights.items()))


def _technology_key(weighed: ScenarioWeights) -> tuple[Any, ...]:
    """What the technology side depends on: directions, evidence rule, leaf weights."""
    scenario = weighed.scenario
    return (
        tuple(sorted((k, v.value) for k, v in scenario.directions.items())),
        tuple(sorted(scenario.evidence.items())),
        _leaf_key(weighed.leaf_weights),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _market_ranking(
    sha256: str, kind: str, row: str, targets: tuple[str, ...],
    leaf_weights: tuple[tuple[str, float], ...], technology_key: tuple[Any, ...],
    _db: Database, _scenario: Scenario,
) -> MarketRanking:
    """:func:`rank_markets`, once per database, pick, targets and weights."""
    return rank_markets(
        _db, tree(), _scenario, countries(), indicators(),
        technology=row if kind == "technology" else None,
        field_name=int(row) if kind == "field" else None,
        targets=targets, market_tree=market_tree(),
        market_scenario=market_base_weights().scenario, leaf_weights=dict(leaf_weights),
    )


def market_ranking(kind: str, row: str, targets: tuple[str, ...]) -> MarketRanking:
    """The targets ranked for a technology id or a field number, with the session's weights."""
    db = database()
    weighed = weights()
    return _market_ranking(
        db.provenance.sha256, kind, row, targets, _leaf_key(market_weights().leaf_weights),
        _technology_key(weighed), db, weighed.scenario,
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _potential(
    sha256: str, by: str, targets: tuple[str, ...],
    leaf_weights: tuple[tuple[str, float], ...], technology_key: tuple[Any, ...],
    _db: Database, _supply: Supply,
) -> ExportPotential:
    """:func:`export_potential`, once per database, rows, targets and weights."""
    return export_potential(
        _db, _supply, indicators(), by=by, market_tree=market_tree(),
        market_scenario=market_base_weights().scenario, leaf_weights=dict(leaf_weights),
    )


def potential(by: str, targets: tuple[str, ...]) -> ExportPotential:
    """The export-potential matrix for ``targets`` with the session's weights (cached).

    The technology side is the pages' cached scoring (:func:`candidates`, one per target),
    so the matrix costs one TOPSIS per target plus the batched market side.
    """
    db = database()
    weighed = weights()
    supply = Supply(
        weights=weighed, scenario=weighed.scenario,
        candidates={code: candidates(weighed, code, lang()) for code in targets},
    )
    return _potential(
        db.provenance.sha256, by, targets, _leaf_key(market_weights().leaf_weights),
        _technology_key(weighed), db, supply,
    )


# ---- the weights a slider edits ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeightScope:
    """One set of weights the slider component edits: the technology criteria or the
    market criteria. ``prefix`` keeps their widget keys apart (``weight.<id>#…``,
    ``market.weight.<id>#…``); ``move`` is the sliders' on_change."""

    prefix: str
    tree: Callable[[], CriteriaTree]
    weights: Callable[[], ScenarioWeights]
    move: Callable[[str, str, str], None]
    reset: Callable[[], None]
    modified: Callable[[], bool]

    def key(self, child: str) -> str:
        """The slider's widget key of ``child`` now (:func:`slider_key`)."""
        return slider_key(child, self.prefix)


def _reset_technology_weights() -> None:
    seed_weights(scenario())


TECHNOLOGY = WeightScope(
    prefix="", tree=tree, weights=weights, move=move_slider,
    reset=_reset_technology_weights, modified=modified,
)
MARKET = WeightScope(
    prefix=MARKET_PREFIX, tree=market_tree, weights=market_weights, move=move_market_slider,
    reset=reset_market_weights, modified=market_modified,
)


# ---- robustness (the Sensitivity page follows the sliders without a button) ------------


def _selection_key(selection: Selection) -> str:
    """A digest of everything a robustness analysis reads from a selection: the ranked
    matrix, weights, directions, ids, the database (its checksum: the names), target and
    scenario. The sliders, target, filters and evidence rule all change one of these."""
    r = selection.result
    digest = hashlib.sha256()
    for array in (r.matrix, r.weights, r.types):
        digest.update(np.ascontiguousarray(array).tobytes())
    for text in (*r.alternatives, "|", *r.criteria, "|", selection.provenance.sha256,
                 selection.country.code, selection.scenario.id):
        digest.update(text.encode() + b"\x1f")
    return digest.hexdigest()


# st.cache_resource, not st.cache_data: the results are frozen (read-only arrays) and only
# read, so every rerun gets the one object instead of unpickling a copy.
@st.cache_resource(show_spinner=False, max_entries=32)
def _acceptability(key: str, samples: int, seed: int, model: str,
                   _selection: Selection) -> SmaaResult:
    """SMAA-2 of ``_selection`` (identified by ``key``: :func:`_selection_key`)."""
    from exportmcda.model.robustness import acceptability  # only the Sensitivity page needs it

    return acceptability(_selection, samples=samples, seed=seed, weights=model)


@st.cache_resource(show_spinner=False, max_entries=32)
def _robustness(key: str, top: int, samples: int, seed: int, model: str,
                _selection: Selection, _smaa: SmaaResult) -> RobustnessReport:
    from exportmcda.model.robustness import robustness

    return robustness(_selection, top_n=top, samples=samples, seed=seed, weights=model,
                      acceptability_result=_smaa)


def robustness_acceptability(selection: Selection, samples: int, seed: int,
                             model: str) -> SmaaResult:
    """Cached SMAA-2 acceptability of the current ranking (fast: shown first)."""
    return _acceptability(_selection_key(selection), samples, seed, model, selection)


def robustness_report(selection: Selection, top: int, samples: int, seed: int,
                      model: str) -> RobustnessReport:
    """Cached full robustness report (one-at-a-time intervals, methods, reversal), reusing
    the cached acceptability."""
    smaa = robustness_acceptability(selection, samples, seed, model)
    return _robustness(_selection_key(selection), top, samples, seed, model, selection, smaa)
