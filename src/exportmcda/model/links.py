"""What a shared link carries besides the weights: judgments, the evidence rule, filters.

A link must reproduce everything that changes a result (issue 11, item 2): a colleague who
opens it, or the same user after a reload, sees the ranking the sender saw. The weights of
directly weighed nodes travel as :func:`~exportmcda.model.weight_state.url_changed_weights`;
this module writes and reads the rest, compactly, as query parameters:

* ``judgments`` — every node judged by AHP with pairs other than the scenario's:
  ``utilization~firm_capacity:3,utilization~region:1/5;...`` (nodes separated by ``;``,
  a pair as ``a~b:value``, the value as written on Saaty's scale). ``~`` is one of RFC 3986's
  unreserved characters, so the text stays readable in an address bar.
* ``source`` and ``sourced`` — the policy-fit evidence rule (minimum source type; ``1`` for
  "sourced mappings only"), only when it differs from the scenario's.
* ``fields``, ``services``, ``sizes``, ``regions`` — the candidate filters as taxonomy numbers.

Readers are strict in the same way as :func:`~exportmcda.model.weight_state.parse_url_weights`:
a parameter with any problem is applied not at all and every problem comes back as an
:class:`~exportmcda.errors.Issue` (code, field, value as written) for the app to show, since a
half-applied link would show a view nobody chose.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exportmcda.ahp.judgments import format_judgment, parse_judgment
from exportmcda.ahp.priorities import ahp_from_pairs
from exportmcda.data.taxonomy import COMPANY_SIZES, FIELDS, REGIONS, SERVICE_TYPES
from exportmcda.errors import ConfigError, Issue, JudgmentError
from exportmcda.model.measure_params import SOURCE_TYPES
from exportmcda.model.scenarios import ScenarioWeights
from exportmcda.model.selection import Filters
from exportmcda.model.weight_state import NODE_SEPARATOR, WeightState, evidence_rule

__all__ = [
    "FILTER_PARAMS",
    "PAIR_SEPARATOR",
    "parse_url_evidence",
    "parse_url_filters",
    "parse_url_judgments",
    "url_evidence",
    "url_filters",
    "url_judgments",
]

PAIR_SEPARATOR = "~"
"""Separates the two criteria of a judged pair in a link (``a~b:3``)."""

FILTER_PARAMS: Mapping[str, str] = {
    "fields": "fields",
    "service_types": "services",
    "company_sizes": "sizes",
    "regions": "regions",
}
"""Each :class:`~exportmcda.model.selection.Filters` dimension and its link parameter."""

_CATEGORY_COUNTS = {
    "fields": len(FIELDS),
    "service_types": len(SERVICE_TYPES),
    "company_sizes": len(COMPANY_SIZES),
    "regions": len(REGIONS),
}


# ---- judgments --------------------------------------------------------------------------


def url_judgments(state: WeightState, base: ScenarioWeights) -> str | None:
    """Every node ``state`` judges by AHP with other pairs than ``base``'s, as one link value.

    The nodes in the hierarchy's order; a node's pairs in the order the state holds them;
    each value as :func:`~exportmcda.ahp.judgments.format_judgment` writes it (``3``,
    ``1/5``). A node is known by its criteria's names (a criterion has one parent), as in
    :func:`~exportmcda.model.weight_state.url_changed_weights`. ``None`` when no node is.
    """
    parts = []
    for node in base.tree.weighted_nodes():
        if state.modes.get(node) != "ahp":
            continue
        pairs = dict(state.judgments.get(node, {}))
        if pairs == dict(base.scenario.judgments.get(node, {})):
            continue
        parts.append(",".join(
            f"{a}{PAIR_SEPARATOR}{b}:{_written(value)}" for (a, b), value in pairs.items()
        ))
    return NODE_SEPARATOR.join(parts) or None


def _written(value: object) -> str:
    """A judgment as the link writes it: Saaty's notation when it is on the scale, else as given."""
    try:
        number = parse_judgment(value, limit=None)
    except JudgmentError:
        return str(value)
    text = format_judgment(number)
    return text if abs(parse_judgment(text, limit=None) - number) <= 1e-12 else str(value)


def _url_issue(code: str, message: str, field: str, value: str) -> Issue:
    return Issue.of(code, message, field=field, value=value)


def parse_url_judgments(
    text: str, nodes: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, dict[tuple[str, str], str]] | None, tuple[Issue, ...]]:
    """Read :func:`url_judgments`' text back: ``{node: {(a, b): "3"}}`` and the problems.

    ``nodes`` maps each weighted node to its children. A pair must name two different
    children of one node; a value must be on Saaty's scale (1/9 … 9, Saaty 1980); a node's
    pairs must connect all its children (else AHP cannot weigh them: the same check the
    scenario files get, :func:`~exportmcda.ahp.priorities.ahp_from_pairs`). Any problem
    and nothing is applied (``None``); an empty text is no link: ``(None, ())``.
    """
    found: dict[str, dict[tuple[str, str], str]] = {}
    issues: list[Issue] = []
    for part in text.split(NODE_SEPARATOR):
        if not part.strip():
            continue
        node, pairs, problems = _node_judgments(part, nodes)
        issues += problems
        if node is None or problems:
            continue
        if node in found:
            issues.append(_url_issue(
                "url_judgment_duplicate", f"'{node}' is judged twice", node, part.strip()
            ))
            continue
        found[node] = pairs
    for node, pairs in found.items():
        try:
            ahp_from_pairs(pairs, labels=nodes[node])
        except (JudgmentError, ConfigError) as error:
            issues.append(_url_issue(
                "url_judgments_unsolvable",
                f"the link's judgments of '{node}' cannot be weighed: {error}",
                node, ",".join(f"{a}{PAIR_SEPARATOR}{b}:{v}" for (a, b), v in pairs.items()),
            ))
    if issues or not found:
        return None, tuple(issues)
    return found, ()


def _node_judgments(
    part: str, nodes: Mapping[str, tuple[str, ...]]
) -> tuple[str | None, dict[tuple[str, str], str], list[Issue]]:
    """One node's pairs of a judgments link: the node, its pairs, the problems."""
    pairs: dict[tuple[str, str], str] = {}
    issues: list[Issue] = []
    node: str | None = None
    for item in part.split(","):
        if not item.strip():
            continue
        names, _, value = (s.strip() for s in item.partition(":"))
        a, _, b = (s.strip() for s in names.partition(PAIR_SEPARATOR))
        owner = next((n for n, children in nodes.items() if a in children), None)
        if owner is None or b not in nodes[owner] or a == b:
            issues.append(_url_issue(
                "url_judgment_pair", f"'{names}' is not a pair of criteria of one node",
                names, item.strip(),
            ))
            continue
        if node is not None and owner != node:
            issues.append(_url_issue(
                "url_judgment_pair", f"'{names}' belongs to another node than '{node}'",
                names, item.strip(),
            ))
            continue
        node = owner
        if (a, b) in pairs or (b, a) in pairs:
            issues.append(_url_issue(
                "url_judgment_duplicate", f"'{names}' is judged twice", names, item.strip()
            ))
            continue
        try:
            parse_judgment(value, pair=(a, b))
        except JudgmentError:
            issues.append(_url_issue(
                "url_judgment_value", f"the judgment of '{names}' must be on Saaty's scale "
                "(1/9 to 9)", names, value,
            ))
            continue
        pairs[(a, b)] = value
    return node, pairs, issues


# ---- evidence rule ----------------------------------------------------------------------


def url_evidence(state: WeightState, base: ScenarioWeights) -> dict[str, str]:
    """The evidence rule as link parameters, only when it differs from ``base``'s scenario.

    ``{"source": "official", "sourced": "1"}``; a rule equal to the scenario's gives ``{}``
    (the scenario id in the link reproduces it). Where the scenario sets a rule that the user
    cleared, ``source`` is written empty / ``sourced`` as ``0`` so that the link says so.
    """
    rule = dict(state.evidence)
    stated = evidence_rule(base.scenario.evidence)
    if rule == stated:
        return {}
    return {
        "source": str(rule.get("min_source") or ""),
        "sourced": "1" if rule.get("sourced_only") else "0",
    }


def parse_url_evidence(
    params: Mapping[str, Any]
) -> tuple[tuple[str | None, bool] | None, tuple[Issue, ...]]:
    """Read :func:`url_evidence`'s parameters: ``(min_source, sourced_only)`` and the problems.

    ``None`` when the link carries no rule, or a wrong one (an unknown source type, or
    ``sourced`` other than ``0``/``1``), which is then an issue.
    """
    if "source" not in params and "sourced" not in params:
        return None, ()
    source = str(params.get("source", "")).strip()
    sourced = str(params.get("sourced", "0")).strip()
    issues = []
    if source and source not in SOURCE_TYPES:
        issues.append(_url_issue(
            "url_evidence_source", f"'{source}' is not a source type; the link may use "
            f"{', '.join(SOURCE_TYPES)}", "source", source,
        ))
    if sourced not in ("0", "1"):
        issues.append(_url_issue(
            "url_evidence_sourced", "'sourced' must be 0 or 1", "sourced", sourced
        ))
    if issues:
        return None, tuple(issues)
    return (source or None, sourced == "1"), ()


# ---- filters ----------------------------------------------------------------------------


def url_filters(filters: Filters) -> dict[str, str]:
    """The set filters as link parameters (``{"fields": "1,3"}``); none set gives ``{}``."""
    return {
        param: ",".join(str(n) for n in getattr(filters, dimension))
        for dimension, param in FILTER_PARAMS.items()
        if getattr(filters, dimension)
    }


def parse_url_filters(params: Mapping[str, Any]) -> tuple[Filters | None, tuple[Issue, ...]]:
    """Read :func:`url_filters`' parameters: the filters and the problems.

    Each value is a comma-separated list of taxonomy numbers of its dimension (1 … the
    number of categories). ``None`` when the link sets no filter or any value is wrong.
    """
    chosen: dict[str, tuple[int, ...]] = {}
    issues: list[Issue] = []
    for dimension, param in FILTER_PARAMS.items():
        text = str(params.get(param, "")).strip()
        if not text:
            continue
        numbers: list[int] = []
        for item in (s.strip() for s in text.split(",")):
            if item.isdigit() and 1 <= int(item) <= _CATEGORY_COUNTS[dimension]:
                if int(item) not in numbers:
                    numbers.append(int(item))
            elif item:
                issues.append(_url_issue(
                    "url_filter_value", f"'{item}' is not a category number of '{param}' "
                    f"(1 to {_CATEGORY_COUNTS[dimension]})", param, item,
                ))
        chosen[dimension] = tuple(numbers)
    if issues or not any(chosen.values()):
        return None, tuple(issues)
    return Filters(**chosen), ()
