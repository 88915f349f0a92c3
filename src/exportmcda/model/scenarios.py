"""Scenarios: named weightings of the criteria hierarchy (``criteria/scenarios/*.toml``).

A scenario gives, for each inner node of the hierarchy (the goal and every criterion with
more than one leaf), either AHP pairwise judgments keyed ``"A vs B"`` (A is that many times
as important as B, Saaty's 1–9 scale) or direct weights; it may also reverse directions
(e.g. the regional criterion for balanced regional development) and set the evidence the
policy fit may rest on (``[evidence] min_source = "official"``, ``sourced_only = true``) and
the rules a shortlist must meet (``[rules]``, :mod:`exportmcda.model.rules`; they do not
change the ranking, only the rule-bound shortlist of :mod:`exportmcda.model.shortlist`).
Global leaf weights are the products of local weights down the tree (Saaty 1980, ch. 2), via
:func:`exportmcda.ahp.priorities.global_weights`.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from exportmcda.ahp.completion import DEFAULT_COMPLETION, completion_name
from exportmcda.ahp.judgments import parse_fraction
from exportmcda.ahp.priorities import (
    AhpResult,
    ahp_from_pairs,
    direct_weights,
    global_weights,
    method_name,
    short_method_name,
)
from exportmcda.errors import ConfigError, Issue, JudgmentError, Note
from exportmcda.labels import bilingual
from exportmcda.model.criteria import CriteriaTree, parse_direction
from exportmcda.model.measure_params import check_params
from exportmcda.model.rules import RuleSet, parse_rules, rules_toml
from exportmcda.rank.directions import Direction
from exportmcda.resources import criteria_dir
from exportmcda.robustness.oat import perturbed

__all__ = [
    "Scenario",
    "ScenarioWeights",
    "available_scenarios",
    "load_scenario",
    "parse_scenario",
    "rescale_weights",
    "scenario_from_weights",
    "scenario_weights",
    "to_toml",
]

_PAIR = re.compile(r"^\s*(?P<a>[^\s].*?)\s+vs\.?\s+(?P<b>[^\s].*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """A named weighting: judgments or direct weights per node, direction overrides."""

    id: str
    label_en: str
    label_ko: str
    description_en: str = ""
    description_ko: str = ""
    basis: str = "assumed"
    method: str = "eigenvector"
    ri_table: str = "saaty_1980"
    completion: str = DEFAULT_COMPLETION
    judgments: Mapping[str, Mapping[tuple[str, str], str]] = field(default_factory=dict)
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    directions: Mapping[str, Direction] = field(default_factory=dict)
    evidence: Mapping[str, Any] = field(default_factory=dict)
    rules: RuleSet = field(default_factory=RuleSet)
    path: str | None = None

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``."""
        return bilingual(lang, self.label_en, self.label_ko)

    def description(self, lang: str = "en") -> str:
        """Description in ``lang``."""
        return bilingual(lang, self.description_en, self.description_ko)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioWeights:
    """Weights a scenario gives a hierarchy: local per node, global per leaf."""

    scenario: Scenario
    tree: CriteriaTree  # with the scenario's directions applied
    local: Mapping[str, AhpResult | Mapping[str, float]]
    leaf_weights: Mapping[str, float]
    criterion_weights: Mapping[str, float]
    notes: tuple[Note, ...] = ()

    @property
    def inconsistent(self) -> tuple[str, ...]:
        """Nodes whose judgments exceed the consistency threshold."""
        return tuple(
            node for node, r in self.local.items() if isinstance(r, AhpResult) and not r.consistent
        )


def available_scenarios(directory: Path | None = None) -> dict[str, Path]:
    """Scenario ids of the shipped (or given) folder, mapped to their files."""
    folder = directory if directory is not None else criteria_dir() / "scenarios"
    return {p.stem: p for p in sorted(folder.glob("*.toml"))}


def load_scenario(name_or_path: str | Path, directory: Path | None = None) -> Scenario:
    """Load a scenario by id (``balanced``) or by path to a TOML file."""
    path = Path(name_or_path)
    if not path.suffix:
        known = available_scenarios(directory)
        if str(name_or_path) not in known:
            raise ConfigError.single(
                "unknown_scenario", f"unknown scenario; known: {', '.join(known)}",
                value=name_or_path,
            )
        path = known[str(name_or_path)]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError.single(
            "unreadable", f"cannot read the file: {error}", path=str(path)
        ) from None
    return parse_scenario(text, name=str(path))


_TABLE_KEYS = ("judgments", "weights", "directions", "evidence", "rules")
_EVIDENCE_KEYS = ("min_source", "sourced_only")
_TEXT_KEYS = ("id", "label_en", "label_ko", "description_en", "description_ko", "basis",
              "method", "ri_table", "completion")
"""Top-level keys whose value is text."""


def _type_error(code: str, message: str, name: str, key: str, value: object) -> ConfigError:
    """A value of the wrong TOML type: the file, the dotted key and what was found."""
    found = type(value).__name__
    found = {"dict": "a table", "list": "an array", "str": "text", "bool": "true/false",
             "int": "a number", "float": "a number"}.get(found, found)
    return ConfigError(Issue.of(code, f"{message}; found {found}", path=name, field=key,
                                value=value if not isinstance(value, dict | list) else None))


def _table(data: Mapping[str, Any], key: str, name: str, code: str, what: str) -> Mapping[str, Any]:
    """``data[key]`` as a table (absent: empty), or a ConfigError naming file and key."""
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise _type_error(code, f"[{key}] must be a table of {what}", name, key, value)
    return value


def _unknown_keys(keys: Iterable[object], known: Iterable[str], name: str, where: str) -> None:
    """Refuse keys a scenario does not take, suggesting the nearest valid one.

    A typo such as ``[weight.x]`` or ``[judgement.x]`` would otherwise be ignored silently.
    """
    valid = tuple(known)
    issues = []
    for key in keys:
        close = difflib.get_close_matches(str(key), valid, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"valid: {', '.join(valid)}"
        issues.append(Issue.of("unknown_key", f"unknown key '{key}'; {hint}", path=name,
                               field=f"{where}{key}", value=key))
    if issues:
        raise ConfigError(issues)


def _is_number_or_text(value: object) -> bool:
    """A judgment or weight as a file may write it: a number or text, never a table."""
    return isinstance(value, int | float | str) and not isinstance(value, bool)


def _pairs(node: str, table: Any, name: str) -> dict[tuple[str, str], str]:
    if not isinstance(table, Mapping):
        raise _type_error("bad_judgments", "judgments must be a table of \"A vs B\" = value",
                          name, f"judgments.{node}", table)
    pairs: dict[tuple[str, str], str] = {}
    for key, value in table.items():
        match = _PAIR.match(str(key))
        if match is None:
            raise ConfigError.single(
                "bad_judgments", "a judgment key reads \"A vs B\"", path=name,
                field=f"judgments.{node}", value=key,
            )
        if not _is_number_or_text(value):
            raise _type_error("bad_judgments", "a judgment is a number or text such as \"1/3\"",
                              name, f"judgments.{node}.{key}", value)
        if isinstance(value, float) and math.isinf(value):
            raise JudgmentError.single(
                "number_too_large", "too large to compute with (beyond 1.8e308); Saaty's "
                "scale runs to 9", path=name, field=f"judgments.{node}.{key}", value=value)
        pairs[(match["a"], match["b"])] = str(value)
    return pairs


def parse_scenario(text: str, *, name: str = "scenario.toml") -> Scenario:
    """Parse scenario TOML (from a file or an upload) into a :class:`Scenario`.

    The one guarded reader of scenario text, for the CLI, the app and the auditor alike:
    whatever the text holds (a value of the wrong type, a table where a number belongs),
    the only error it raises is a :class:`ConfigError` (or a :class:`JudgmentError` for a
    bad weight) naming the file and the key.
    """
    try:
        return _parse_scenario(text, name)
    except (TypeError, AttributeError, ValueError, OverflowError) as error:  # last guard
        raise ConfigError.single(
            "bad_scenario", f"cannot read the scenario ({type(error).__name__}: {error})",
            path=name,
        ) from None


def _parse_scenario(text: str, name: str) -> Scenario:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError.single("bad_toml", f"not valid TOML: {error}", path=name) from None
    _unknown_keys([k for k in data if k not in (*_TEXT_KEYS, *_TABLE_KEYS)],
                  (*_TEXT_KEYS, *_TABLE_KEYS), name, "")
    for key in _TEXT_KEYS:
        if key in data and not isinstance(data[key], str):
            raise _type_error("bad_type", f"{key} must be text", name, key, data[key])
    method = method_name(data.get("method", "eigenvector"), path=name, field="method")
    judgments = {
        str(node): _pairs(str(node), table, name)
        for node, table in _table(data, "judgments", name, "bad_judgments",
                                  "nodes, each a table of \"A vs B\" = value").items()
    }
    weights: dict[str, dict[str, float]] = {}
    for node, table in _table(data, "weights", name, "bad_weights",
                              "nodes, each a table of child = number").items():
        if not isinstance(table, Mapping):
            raise _type_error("bad_weights", "weights must be a table of child = number", name,
                              f"weights.{node}", table)
        for child, value in table.items():
            if not _is_number_or_text(value):
                raise _type_error("bad_weights", "a weight is a number", name,
                                  f"weights.{node}.{child}", value)
            if math.isinf(parse_fraction(value)) and parse_fraction(value) > 0:
                raise JudgmentError.single(
                    "number_too_large", "too large to compute with (beyond 1.8e308); scale "
                    "the weights down", path=name, field=f"weights.{node}.{child}", value=value)
        if math.isinf(sum(max(parse_fraction(v), 0.0) for v in table.values())):
            raise JudgmentError.single(
                "weights_too_large", "the weights sum beyond the largest number a float holds "
                "(1.8e308); scale them down", path=name, field=f"weights.{node}")
        weights[str(node)] = dict(direct_weights(table, path=name))
    directions: dict[str, Direction] = {}
    for k, v in _table(data, "directions", name, "bad_direction",
                       "criterion = \"benefit\" or \"cost\"").items():
        if not isinstance(v, str):
            raise _type_error("bad_direction", "direction must be 'benefit' or 'cost'", name,
                              f"directions.{k}", v)
        directions[str(k)] = parse_direction(v, path=name, where=f"directions.{k}")
    evidence = _table(data, "evidence", name, "bad_evidence",
                      "min_source = \"...\" and sourced_only = true/false")
    _unknown_keys([k for k in evidence if k not in _EVIDENCE_KEYS], _EVIDENCE_KEYS, name,
                  "evidence.")
    check_params("policy_fit", evidence, "evidence", name)
    rules = parse_rules(_table(data, "rules", name, "rules_bad_table", "shortlist rules"),
                        origin=name, prefix="rules.")
    if not any(judgments.values()) and not weights:
        raise ConfigError.single(
            "empty_scenario", "the scenario gives neither [judgments.<node>] nor "
            "[weights.<node>]; an empty scenario would silently weigh every criterion equally",
            path=name,
        )
    sid = str(data.get("id") or Path(name).stem)
    return Scenario(
        id=sid, label_en=str(data.get("label_en", sid)), label_ko=str(data.get("label_ko", sid)),
        description_en=str(data.get("description_en", "")),
        description_ko=str(data.get("description_ko", "")),
        basis=str(data.get("basis", "assumed")), method=method,
        ri_table=str(data.get("ri_table", "saaty_1980")),
        completion=completion_name(data.get("completion", DEFAULT_COMPLETION), path=name,
                                   field="completion"),
        judgments=judgments, weights=weights,
        directions=directions, evidence=dict(evidence), rules=rules, path=name,
    )


def _nodes(tree: CriteriaTree) -> dict[str, tuple[str, ...]]:
    """Inner nodes of the tree and their children, goal first."""
    nodes = {tree.goal_id: tuple(c.id for c in tree.criteria)}
    for c in tree.criteria:
        nodes[c.id] = tuple(leaf.id for leaf in c.leaves)
    return nodes


def scenario_weights(scenario: Scenario, tree: CriteriaTree) -> ScenarioWeights:
    """Weigh ``tree`` with ``scenario``: AHP or direct weights per node, then globally.

    A node with one child needs nothing (weight 1). A node with neither judgments nor
    weights gets equal weights, and a note says so. Judgments naming unknown criteria,
    directions for unknown criteria and nodes that are not in the tree are errors.
    """
    nodes = _nodes(tree)
    issues: list[Issue] = []
    for node in (*scenario.judgments, *scenario.weights):
        if node not in nodes:
            issues.append(Issue(
                code="unknown_node", path=scenario.path, field=node, value=node,
                message=f"'{node}' is not a node of the hierarchy; nodes: {', '.join(nodes)}",
            ))
    known = {*nodes, *(leaf.id for leaf in tree.leaves)}
    for item in scenario.directions:
        if item not in known:
            issues.append(Issue(
                code="unknown_criterion", path=scenario.path, field=f"directions.{item}",
                value=item, message=f"'{item}' is not a criterion of the hierarchy",
            ))
    if issues:
        raise ConfigError(issues)
    local: dict[str, AhpResult | Mapping[str, float]] = {}
    notes: list[Note] = []
    for node, children in nodes.items():
        if node in scenario.weights:
            given = scenario.weights[node]
            if set(given) != set(children):
                raise JudgmentError(Issue(
                    code="weights_mismatch", path=scenario.path, field=f"weights.{node}",
                    message=f"weights of '{node}' must name exactly: {', '.join(children)}",
                    value=", ".join(given),
                ))
            local[node] = {c: given[c] for c in children}
        elif node in scenario.judgments:
            local[node] = ahp_from_pairs(
                scenario.judgments[node], labels=children, method=scenario.method,
                ri_table=scenario.ri_table, path=scenario.path, completion=scenario.completion,
            )
        else:
            local[node] = {c: 1.0 / len(children) for c in children}
            if len(children) > 1:
                notes.append(Note.of("equal_weights", node=node))
    leaf_weights = global_weights(local, root=tree.goal_id)
    leaf_weights = {leaf.id: leaf_weights[leaf.id] for leaf in tree.leaves}
    criterion_weights = {
        c.id: sum(leaf_weights[leaf.id] for leaf in c.leaves) for c in tree.criteria
    }
    for node, result in local.items():
        if isinstance(result, AhpResult) and not result.consistent:
            notes.append(Note.of("judgments_inconsistent", node=node, cr=result.cr,
                                 threshold=result.threshold, ri_table=result.ri_table))
    return ScenarioWeights(
        scenario=scenario,
        tree=tree.with_directions(scenario.directions).with_measure_params(
            "policy_fit", scenario.evidence
        ),
        local=local,
        leaf_weights=leaf_weights, criterion_weights=criterion_weights, notes=tuple(notes),
    )


def scenario_from_weights(
    base: Scenario, node: str, weights: Mapping[str, object], *, id: str = "custom"
) -> Scenario:
    """A copy of ``base`` where ``node``'s children get direct ``weights`` (e.g. sliders).

    The node's judgments, if any, are dropped (direct weights replace them); every other
    node keeps what ``base`` gives it. Weights are normalised to sum to 1.
    """
    judgments = {k: v for k, v in base.judgments.items() if k != node}
    new_weights = {k: dict(v) for k, v in base.weights.items()}
    new_weights[node] = direct_weights(weights, path=base.path)
    return replace(base, id=id, judgments=judgments, weights=new_weights, basis="user")


def rescale_weights(weights: Mapping[str, float], changed: str, value: float) -> dict[str, float]:
    """Set ``changed`` to ``value`` and rescale the others so that all sum to 1.

    The one-at-a-time scheme of the sensitivity analysis, on named weights (a slider
    move): :func:`exportmcda.robustness.oat.perturbed` computes it (the others keep their
    proportions, share ``1 - value`` equally if all 0; ``value`` is clipped to [0, 1]).

    Raises
    ------
    ConfigError
        ``unknown_criterion`` when ``changed`` is not among the weights.
    """
    names = list(weights)
    if changed not in weights:
        raise ConfigError.single(
            "unknown_criterion", f"'{changed}' is not among the weights ({', '.join(names)})",
            value=changed,
        )
    row = perturbed([float(weights[k]) for k in names], names.index(changed), [value])[0]
    return dict(zip(names, row.tolist(), strict=True))


def leave_out(weights: Mapping[str, float], leaves: Iterable[str]) -> dict[str, float]:
    """Drop ``leaves`` and share their weight among the others in proportion to theirs.

    The stated rule for criteria a ranking cannot use (a leaf whose column the database
    lacks, a column that is 0 for every candidate): the one-at-a-time rescaling of
    :func:`exportmcda.robustness.oat.perturbed` with the dropped weight set to 0, applied to
    each dropped leaf in turn — the same function as the sensitivity analysis and the
    sliders, so "left out" means the same thing everywhere. The result keeps the others'
    proportions and sums to 1 (when the others' weights sum to more than 0; the caller
    checks that first).

    Raises
    ------
    ConfigError
        ``unknown_criterion`` when a leaf is not among the weights.
    """
    names = list(weights)
    w = [float(weights[k]) for k in names]
    dropped = list(dict.fromkeys(leaves))
    for leaf in dropped:
        if leaf not in weights:
            raise ConfigError.single(
                "unknown_criterion", f"'{leaf}' is not among the weights ({', '.join(names)})",
                value=leaf,
            )
        w = perturbed(w, names.index(leaf), [0.0])[0].tolist()
    return {k: v for k, v in zip(names, w, strict=True) if k not in dropped}


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_toml(scenario: Scenario) -> str:
    """Write a scenario back as TOML (round-trips through :func:`parse_scenario`)."""
    method = short_method_name(scenario.method)
    lines = [
        f"id = {_quote(scenario.id)}",
        f"label_en = {_quote(scenario.label_en)}",
        f"label_ko = {_quote(scenario.label_ko)}",
        f"description_en = {_quote(scenario.description_en)}",
        f"description_ko = {_quote(scenario.description_ko)}",
        f"basis = {_quote(scenario.basis)}",
        f"method = {_quote(method)}",
        f"ri_table = {_quote(scenario.ri_table)}",
    ]
    if scenario.completion != DEFAULT_COMPLETION:  # written only when chosen: same hashes
        lines.append(f"completion = {_quote(scenario.completion)}")
    if scenario.evidence:
        lines += ["", "[evidence]"]
        lines += [
            f"{k} = {'true' if v is True else 'false' if v is False else _quote(str(v))}"
            for k, v in scenario.evidence.items()
        ]
    if scenario.directions:
        lines += ["", "[directions]"]
        lines += [f"{_quote(k)} = {_quote(v.value)}" for k, v in scenario.directions.items()]
    for node, pairs in scenario.judgments.items():
        lines += ["", f"[judgments.{_quote(node)}]"]
        lines += [f"{_quote(f'{a} vs {b}')} = {_quote(v)}" for (a, b), v in pairs.items()]
    for node, weights in scenario.weights.items():
        lines += ["", f"[weights.{_quote(node)}]"]
        lines += [f"{_quote(k)} = {float(v)!r}" for k, v in weights.items()]
    if scenario.rules:  # written only when given: a scenario without rules keeps its hash
        lines += ["", *rules_toml(scenario.rules)]
    return "\n".join(lines) + "\n"
