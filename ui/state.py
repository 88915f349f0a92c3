"""Session-state keys, their defaults, and the cached loaders every page shares.

Caching lives here (never in the library): the sample and each upload are parsed once per
content (bytes + file name are the cache key), not on every rerun or slider move; the
weight-independent part of a ranking (``selection.prepare``) is cached per database
checksum, target, language and directions, so a slider move only re-runs TOPSIS. These
are ``st.cache_resource`` (one shared object, no unpickling on each rerun): a
``Database`` copies its frames out, ``Candidates`` is frozen and only read, and pandas'
copy-on-write keeps derived frames from writing back.

Weights live in the session per node of the hierarchy (the goal and each criterion with
several sub-criteria), keyed by criterion id, seeded from the scenario, and set either
directly (sliders, :func:`rescale_weights`) or by AHP judgments (the pairwise editor).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from exportmcda.ahp.judgments import format_judgment, nearest_saaty
from exportmcda.ahp.priorities import AhpResult
from exportmcda.data.countries import CountryProfile, load_countries
from exportmcda.data.database import Database
from exportmcda.data.io import load, load_sample
from exportmcda.errors import ExportMcdaError, Issue
from exportmcda.model.criteria import CriteriaTree, load_criteria
from exportmcda.model.scenarios import (
    Scenario,
    ScenarioWeights,
    available_scenarios,
    load_scenario,
    parse_scenario,
    scenario_weights,
)
from exportmcda.model.selection import Candidates, Filters, Selection, prepare, rank_candidates
from exportmcda.rank.directions import Direction

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
NODE_MODE = "node_mode"  # {node: "ahp" | "direct"}
JUDGMENTS = "judgments"  # {node: {(a, b): "3"}} for nodes in "ahp" mode
DIRECT = "direct"  # {node: {child: weight}} for nodes in "direct" mode
EVIDENCE = "evidence"  # {"min_source": type, "sourced_only": True}: the policy-fit evidence rule
SEEDED_FROM = "seeded_from"  # scenario id the weights were seeded from
_BASE_MEMO = "_memo.base_weights"  # (scenario, its ScenarioWeights)
_WEIGHTS_MEMO = "_memo.weights"  # (scenario, weight-state snapshot, ScenarioWeights)

LANG_OPTIONS = {"English": "en", "한국어": "ko"}
DEFAULT_COUNTRY = "ASEAN"
DEFAULT_SCENARIO = "balanced"
DEFAULT_TOP = 10
DEFAULT_COMPARE = ("ASEAN", "IND")
TOP_OPTIONS = (5, 10, 15, 20, 30, 50)
FILTER_DIMENSIONS = ("fields", "service_types", "company_sizes", "regions")

SAATY_OPTIONS: tuple[str, ...] = (
    *(f"1/{k}" for k in range(9, 1, -1)),
    *(str(k) for k in range(1, 10)),
)
"""Saaty's 1–9 scale and its reciprocals, weakest to strongest preference for the row."""


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
    st.session_state.setdefault(FILTERS, {d: [] for d in FILTER_DIMENSIONS})
    if SEEDED_FROM not in st.session_state:
        seed_weights(scenario())
        apply_url_weights(str(params.get("weights", "")))


def lang() -> str:
    """The current language code, 'en' or 'ko'."""
    return str(st.session_state.get(LANG, "en"))


def sync_url() -> None:
    """Reflect the current view in the URL, so that a link reproduces it."""
    wanted = {
        "lang": lang(),
        "country": str(st.session_state.get(COUNTRY, DEFAULT_COUNTRY)),
        "scenario": str(st.session_state.get(SCENARIO, DEFAULT_SCENARIO)),
        "top": str(st.session_state.get(TOP, DEFAULT_TOP)),
        "compare": ",".join(st.session_state.get(COMPARE, DEFAULT_COMPARE)),
    }
    goal = tree().goal_id
    if st.session_state.get(NODE_MODE, {}).get(goal) == "direct":
        wanted["weights"] = ",".join(
            f"{k}:{v:.4f}" for k, v in st.session_state[DIRECT][goal].items()
        )
    elif "weights" in st.query_params:
        del st.query_params["weights"]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


# ---- data -------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _sample() -> Database:
    return load_sample()


@st.cache_resource(show_spinner=False, max_entries=8)
def _uploaded(name: str, content: bytes) -> Database:
    return load(content, name=name)


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


def inner_nodes() -> dict[str, tuple[str, ...]]:
    """Nodes of the hierarchy that have weights to set (two or more children), goal first."""
    hierarchy = tree()
    nodes = {hierarchy.goal_id: tuple(c.id for c in hierarchy.criteria)}
    for c in hierarchy.criteria:
        if len(c.leaves) > 1:
            nodes[c.id] = tuple(leaf.id for leaf in c.leaves)
    return nodes


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


def seed_weights(base: Scenario) -> None:
    """Set every node's weights (and the editor's judgments) from ``base``."""
    weighed = scenario_weights(base, tree())
    modes: dict[str, str] = {}
    judgments: dict[str, dict[tuple[str, str], str]] = {}
    direct: dict[str, dict[str, float]] = {}
    for node in inner_nodes():
        local = weighed.local[node]
        if isinstance(local, AhpResult):
            modes[node] = "ahp"
            judgments[node] = dict(base.judgments[node])
            direct[node] = dict(local.weights_by_label)
        else:
            modes[node] = "direct"
            direct[node] = {k: float(v) for k, v in local.items()}
    st.session_state[NODE_MODE] = modes
    st.session_state[JUDGMENTS] = judgments
    st.session_state[DIRECT] = direct
    st.session_state[EVIDENCE] = evidence_rule(base.evidence)
    st.session_state[SEEDED_FROM] = base.id


def evidence_rule(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """The evidence rule without its defaults (no minimum, assumed mappings allowed)."""
    return {k: v for k, v in evidence.items() if v}


def set_evidence(min_source: str | None, sourced_only: bool) -> None:
    """Change the policy-fit evidence rule of the session's effective scenario."""
    st.session_state[EVIDENCE] = evidence_rule(
        {"min_source": min_source, "sourced_only": sourced_only}
    )


def apply_url_weights(text: str) -> None:
    """Apply ``utilization:0.3,region:0.1,...`` from a shared link to the goal node."""
    goal = tree().goal_id
    children = inner_nodes()[goal]
    given: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition(":")
        try:
            number = float(value)
        except ValueError:
            continue
        if name in children and number >= 0:
            given[name] = number
    total = sum(given.values())
    if set(given) == set(children) and total > 0:
        set_direct(goal, {k: given[k] / total for k in children})


def set_direct(node: str, weights: Mapping[str, float]) -> None:
    """Give ``node``'s children direct weights (the sliders' mode)."""
    st.session_state[NODE_MODE] = {**st.session_state[NODE_MODE], node: "direct"}
    st.session_state[DIRECT] = {**st.session_state[DIRECT], node: dict(weights)}


def set_judgments(node: str, pairs: Mapping[tuple[str, str], str]) -> None:
    """Give ``node`` AHP judgments (the pairwise editor's mode)."""
    st.session_state[NODE_MODE] = {**st.session_state[NODE_MODE], node: "ahp"}
    st.session_state[JUDGMENTS] = {**st.session_state[JUDGMENTS], node: dict(pairs)}


def modified() -> bool:
    """Whether the weights differ from the chosen scenario's."""
    base = scenario()
    if st.session_state.get(SEEDED_FROM) != base.id:
        return True
    if st.session_state.get(EVIDENCE, {}) != evidence_rule(base.evidence):
        return True
    weighed = _base_weights(base)
    for node, mode in st.session_state[NODE_MODE].items():
        local = weighed.local[node]
        if mode == "ahp":
            if not isinstance(local, AhpResult) or dict(base.judgments[node]) != dict(
                st.session_state[JUDGMENTS][node]
            ):
                return True
        elif isinstance(local, AhpResult) or any(
            abs(float(local[k]) - v) > 1e-9 for k, v in st.session_state[DIRECT][node].items()
        ):
            return True
    return False


def effective_scenario() -> Scenario:
    """The chosen scenario with the session's weights (itself when nothing was changed)."""
    base = scenario()
    if not modified():
        return base
    modes = st.session_state[NODE_MODE]
    judgments = {n: dict(st.session_state[JUDGMENTS][n]) for n, m in modes.items() if m == "ahp"}
    weights = {n: dict(st.session_state[DIRECT][n]) for n, m in modes.items() if m == "direct"}
    return replace(
        base, id=f"{base.id}-custom", label_en=f"{base.label_en} (adjusted)",
        label_ko=f"{base.label_ko} (조정)", basis="user", judgments=judgments, weights=weights,
        evidence=dict(st.session_state.get(EVIDENCE, {})),
    )


def _base_weights(base: Scenario) -> ScenarioWeights:
    """The scenario's own weights, computed once per scenario object and session."""
    memo = st.session_state.get(_BASE_MEMO)
    if memo is not None and memo[0] is base:
        return memo[1]  # type: ignore[no-any-return]
    weighed = scenario_weights(base, tree())
    st.session_state[_BASE_MEMO] = (base, weighed)
    return weighed


def _weight_state() -> tuple[Any, ...]:
    """A hashable snapshot of every node's mode, judgments and direct weights."""
    return (
        st.session_state.get(SEEDED_FROM),
        tuple(sorted(st.session_state.get(EVIDENCE, {}).items())),
        tuple(sorted(st.session_state[NODE_MODE].items())),
        tuple(sorted((n, tuple(sorted(p.items()))) for n, p in
                     st.session_state[JUDGMENTS].items())),
        tuple(sorted((n, tuple(sorted(d.items()))) for n, d in
                     st.session_state[DIRECT].items())),
    )


def weights() -> ScenarioWeights:
    """Weights of the effective scenario (ConfigError/JudgmentError reach the page guard).

    A page asks several times per run (sliders, chart, ranking); the AHP is solved once per
    change of the session's weights (memo keyed by the scenario object and a snapshot).
    """
    base = scenario()
    snapshot = _weight_state()
    memo = st.session_state.get(_WEIGHTS_MEMO)
    if memo is not None and memo[0] is base and memo[1] == snapshot:
        return memo[2]  # type: ignore[no-any-return]
    weighed = scenario_weights(effective_scenario(), tree())
    st.session_state[_WEIGHTS_MEMO] = (base, snapshot, weighed)
    return weighed


def local_weights(weighed: ScenarioWeights, node: str) -> dict[str, float]:
    """A node's local weights as a plain dict, whichever way they were set."""
    local = weighed.local[node]
    if isinstance(local, AhpResult):
        return dict(local.weights_by_label)
    return {k: float(v) for k, v in local.items()}


def editor_judgment(weighed: ScenarioWeights, node: str, a: str, b: str) -> str:
    """The Saaty option the pairwise editor shows for ``a`` over ``b``.

    In AHP mode, the judgment given (or its reciprocal when given as ``b vs a``, or the
    completed estimate when missing); in direct mode, the weight ratio's nearest scale value.
    """
    if st.session_state[NODE_MODE].get(node) == "ahp":
        pairs = st.session_state[JUDGMENTS][node]
        result = weighed.local[node]
        if isinstance(result, AhpResult):
            value = result.judgment(a, b)
        elif (a, b) in pairs:
            value = float(_fraction(pairs[(a, b)]))
        else:
            value = 1.0
    else:
        direct = st.session_state[DIRECT][node]
        wa, wb = float(direct[a]), float(direct[b])
        value = wa / wb if wa > 0 and wb > 0 else 1.0
    return format_judgment(float(nearest_saaty(value)))


def _fraction(text: str) -> float:
    num, _, den = text.partition("/")
    return float(num) / float(den) if den else float(num)


# ---- ranking ----------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=32)
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

