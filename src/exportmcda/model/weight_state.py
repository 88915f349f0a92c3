"""The weights a user is editing: per node, AHP judgments or direct weights, from a scenario.

The app lets a user change a scenario's weights node by node — sliders give direct weights,
the pairwise editor gives Saaty judgments, a shared link gives the top-level weights — and
export the result as a scenario of its own. When those weights count as changed, what the
changed scenario is called, how a link's weights are read and what the editor shows for a
pair are rules of the model, so they live here, pure and tested; ``ui/state.py`` only keeps
one :class:`WeightState` in the session and calls these functions.

A :class:`WeightState` is immutable and every change returns a new one
(:func:`with_direct`, :func:`with_judgments`, :func:`with_evidence`), so the app can memoise
the (AHP-solving) weight computation on it: a slider move re-ranks without solving again the
nodes it did not touch.

A slider move is a rule of the model as well (:func:`with_slider`): the node's weights are the
library's one-at-a-time rescaling of the weights the node had when that slider started
moving, for the slider's value — a function of what the user set, never of the intermediate
states of reruns the app interrupted while keys were pressed fast (issue 13).

What the ranking made of those weights is a rule of the model too: a criterion whose every
leaf the database cannot compute is left out (:func:`left_out_nodes`) and the weights the
ranking used are the stated ones with the left-out share redistributed
(:func:`effective_criterion_weights`), so the sliders and the weights chart can tell the truth.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

from exportmcda.ahp.judgments import format_judgment, nearest_saaty, parse_judgment
from exportmcda.ahp.priorities import AhpResult
from exportmcda.errors import Issue
from exportmcda.model.scenarios import Scenario, ScenarioWeights, rescale_weights
from exportmcda.model.selection import Selection

__all__ = [
    "ADJUSTED_SUFFIX",
    "CUSTOM_SUFFIX",
    "NODE_SEPARATOR",
    "STALE_REPORT",
    "WEIGHT_ATOL",
    "Mode",
    "SliderMove",
    "WeightState",
    "editor_judgment",
    "effective_criterion_weights",
    "effective_scenario",
    "evidence_rule",
    "is_modified",
    "left_out_nodes",
    "local_weights",
    "move_slider",
    "parse_url_changed_weights",
    "parse_url_weights",
    "read_slider_report",
    "seed",
    "url_changed_weights",
    "url_weights",
    "with_direct",
    "with_evidence",
    "with_judgments",
    "with_slider",
]

Mode = Literal["ahp", "direct"]
"""How a node's children are weighed: by pairwise judgments or by direct weights."""

WEIGHT_ATOL = 1e-9
"""Direct weights closer than this to the scenario's count as unchanged (float round-off of
a normalisation, not a user's change: a slider moves in steps of 0.01, a link in 0.0001)."""

CUSTOM_SUFFIX = "-custom"
"""Appended to the id of a scenario whose weights the user changed (its export's file name)."""

ADJUSTED_SUFFIX: Mapping[str, str] = MappingProxyType({"en": " (adjusted)", "ko": " (조정)"})
"""Appended to a changed scenario's English and Korean labels, so an export never passes a
user's weights off as the shipped scenario's."""


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


def _frozen_nested(mapping: Mapping[str, Mapping[Any, Any]]) -> Mapping[str, Mapping[Any, Any]]:
    return MappingProxyType({k: _frozen(v) for k, v in mapping.items()})


@dataclass(frozen=True, slots=True, kw_only=True)
class SliderMove:
    """The slider a user is moving among a set of weights, and the weights before it moved.

    ``anchor`` is what the weights were when ``child``'s slider started moving; while the
    same slider keeps moving every value is rescaled from it (:func:`move_slider`). Copied
    in, read-only.
    """

    child: str
    anchor: Mapping[str, float]

    def __post_init__(self) -> None:
        """Copy the anchor in, read-only."""
        object.__setattr__(self, "anchor", _frozen(self.anchor))

    @property
    def key(self) -> tuple[Any, ...]:
        """A hashable snapshot (equal moves, equal keys)."""
        return self.child, tuple(sorted(self.anchor.items()))


@dataclass(frozen=True, slots=True, kw_only=True)
class WeightState:
    """Every weighted node's mode, judgments and direct weights, plus the evidence rule.

    ``modes`` names each node of :meth:`CriteriaTree.weighted_nodes`; a node in ``"ahp"``
    mode has its pairs in ``judgments`` (``{(a, b): "3"}``, as in a scenario file), a node in
    ``"direct"`` mode its children's weights in ``direct``. ``direct`` also keeps an AHP
    node's resulting weights, so the sliders start from them. ``seeded_from`` is the id of
    the scenario the state was seeded from. ``moving`` holds, per node, the slider last
    moved there and the node's weights before it moved (:func:`with_slider`); any other
    change of the node ends it. The mappings are copied in and read-only.
    """

    seeded_from: str
    modes: Mapping[str, Mode]
    judgments: Mapping[str, Mapping[tuple[str, str], str]] = field(default_factory=dict)
    direct: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    evidence: Mapping[str, Any] = field(default_factory=dict)
    moving: Mapping[str, SliderMove] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Copy the mappings in, read-only, so that a state cannot change under a memo."""
        object.__setattr__(self, "modes", _frozen(self.modes))
        object.__setattr__(self, "judgments", _frozen_nested(self.judgments))
        object.__setattr__(self, "direct", _frozen_nested(self.direct))
        object.__setattr__(self, "evidence", _frozen(self.evidence))
        object.__setattr__(self, "moving", _frozen(self.moving))

    @property
    def key(self) -> tuple[Any, ...]:
        """A hashable snapshot of the state (equal states, equal keys)."""
        return (
            self.seeded_from,
            tuple(sorted(self.evidence.items())),
            tuple(sorted(self.modes.items())),
            tuple(sorted((n, tuple(sorted(p.items()))) for n, p in self.judgments.items())),
            tuple(sorted((n, tuple(sorted(d.items()))) for n, d in self.direct.items())),
            tuple(sorted((n, m.key) for n, m in self.moving.items())),
        )

    def __hash__(self) -> int:
        """Hash of :attr:`key` (the generated hash would fail on the mappings)."""
        return hash(self.key)


def evidence_rule(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """The policy-fit evidence rule without its defaults.

    ``min_source = None`` (any source) and ``sourced_only = False`` (assumed mappings count)
    are what a scenario without an ``[evidence]`` table means, so dropping them makes a rule
    compare equal to the scenario's whichever way it was written.
    """
    return {k: v for k, v in evidence.items() if v}


def local_weights(weighed: ScenarioWeights, node: str) -> dict[str, float]:
    """A node's local weights as a plain dict, whether judged (AHP) or given directly."""
    local = weighed.local[node]
    if isinstance(local, AhpResult):
        return dict(local.weights_by_label)
    return {k: float(v) for k, v in local.items()}


def left_out_nodes(selection: Selection) -> tuple[str, ...]:
    """Nodes the ranking leaves out whole: left-out leaves and criteria all of whose leaves are.

    A leaf is left out when the database lacks the column it is computed from
    (:attr:`CriterionScores.left_out`, note ``criteria_left_out``); a criterion counts as left
    out only when every one of its leaves is, so its weight cannot reach the ranking at all.
    Criteria come first, in the hierarchy's order, then leaves.
    """
    leaves = set(selection.scores.left_out)
    tree = selection.weights.tree
    criteria = [c.id for c in tree.criteria if all(leaf.id in leaves for leaf in c.leaves)]
    return (*criteria, *(leaf.id for leaf in tree.leaves if leaf.id in leaves))


def effective_criterion_weights(selection: Selection) -> dict[str, float]:
    """Each top-level criterion's weight in the ranking as run (sums to 1).

    The sum of its leaves' weights in the TOPSIS run (:attr:`Selection.leaf_weights`). A
    leaf the ranking could not use (its column missing, or 0 for every candidate) weighs 0
    there and its weight is shared among the others in proportion to theirs (the stated
    rule, :func:`exportmcda.model.scenarios.leave_out`), so these differ from the scenario's
    :attr:`ScenarioWeights.criterion_weights` exactly when something was left out. Keys are
    those of ``criterion_weights``, in its order.
    """
    used = selection.leaf_weights
    tree = selection.weights.tree
    return {
        c: sum(used.get(leaf.id, 0.0) for leaf in tree.criterion(c).leaves)
        for c in selection.weights.criterion_weights
    }


def seed(base: ScenarioWeights) -> WeightState:
    """The state a scenario gives every weighted node: its judgments, else its weights.

    ``base`` is the scenario already weighed (:func:`~exportmcda.model.scenarios.
    scenario_weights`), so that a node's mode follows the scenario's own rule (weights
    before judgments, equal weights when it gives neither) rather than a second copy of it.
    """
    scenario = base.scenario
    modes: dict[str, Mode] = {}
    judgments: dict[str, dict[tuple[str, str], str]] = {}
    direct: dict[str, dict[str, float]] = {}
    for node in base.tree.weighted_nodes():
        if isinstance(base.local[node], AhpResult):
            modes[node] = "ahp"
            judgments[node] = dict(scenario.judgments[node])
        else:
            modes[node] = "direct"
        direct[node] = local_weights(base, node)
    return WeightState(
        seeded_from=scenario.id, modes=modes, judgments=judgments, direct=direct,
        evidence=evidence_rule(scenario.evidence),
    )


def _without_move(state: WeightState, node: str) -> dict[str, SliderMove]:
    return {n: m for n, m in state.moving.items() if n != node}


def with_direct(state: WeightState, node: str, weights: Mapping[str, float]) -> WeightState:
    """``state`` with ``node``'s children given direct ``weights`` (e.g. a shared link).

    Ends a slider move on ``node``: the next slider move starts from these weights.
    """
    return replace(
        state, modes={**state.modes, node: "direct"}, direct={**state.direct, node: weights},
        moving=_without_move(state, node),
    )


def move_slider(
    move: SliderMove | None, current: Mapping[str, float], child: str, value: float
) -> tuple[SliderMove, dict[str, float]]:
    """Set ``child``'s slider to ``value``: the move it continues or starts, and the weights.

    The weights are :func:`~exportmcda.model.scenarios.rescale_weights` (the one-at-a-time
    rescaling of the sensitivity analysis, :func:`exportmcda.robustness.oat.perturbed`) of
    the move's anchor: the weights as they were before ``child``'s slider started moving.
    ``move`` continues when it is ``child``'s; otherwise (``None``, or another slider's) a
    new move starts from ``current``, the weights the sliders show now.

    Why from the anchor and not from the last weights: a user who presses an arrow key ten
    times fast sets only the slider's values; the app's reruns for the first presses are
    interrupted and may never be shown. Rescaling from the anchor makes the result a
    function of the anchor and the slider's final value alone, equal to one move straight
    to that value, whichever intermediate values were or were not applied (issue 13). It
    is also what a user expects of a slider dragged to 1 and back: the others return to
    their proportions, which rescaling all-zero weights could not recover.
    """
    if move is None or move.child != child:
        move = SliderMove(child=child, anchor=current)
    return move, rescale_weights(move.anchor, child, value)


def with_slider(
    state: WeightState, node: str, child: str, value: float, current: Mapping[str, float]
) -> WeightState:
    """``state`` after the user sets ``node``'s slider ``child`` to ``value`` (direct mode).

    ``current`` is ``node``'s weights as the sliders show them (:func:`local_weights` of the
    weighed state: a judged node's AHP result); it is only read when this slider starts a
    move. The weights are :func:`move_slider`'s, so the same slider's last value decides
    them whatever values it passed through.
    """
    move, weights = move_slider(state.moving.get(node), current, child, value)
    moved = with_direct(state, node, weights)
    return replace(moved, moving={**moved.moving, node: move})


STALE_REPORT: Literal["stale"] = "stale"
"""What :func:`read_slider_report` returns for a report of values the sliders no longer show."""


def read_slider_report(
    reported: Mapping[str, float], shown: Sequence[Mapping[str, float]],
    mover: str | None = None,
) -> tuple[str, float] | Literal["stale"] | None:
    """Which of a node's sliders the user moved, and to what value, from a browser's report.

    ``reported`` is every slider of the node as the browser reports it; ``shown`` the
    values the app gave those sliders, oldest first (its last entry is what they show now);
    ``mover`` the slider the user is moving there (:attr:`WeightState.moving`), if any.
    A browser reports what it last drew: when it sends a rerun before the app's previous
    values arrived (fast key presses, issue 13), the sliders the user did not touch still
    hold values of an older entry, or a mix of two while a run is being drawn.

    Read in this order:

    1. The mover's value, when it differs from what the app shows, is the user's: the app
       never sets the slider being moved, so the browser's value is always the newest (a
       press back to an earlier value included), whatever the siblings show.
    2. Otherwise a user moves one slider at a time, so the report is one of the entries with
       at most one slider changed: the newest such entry explains it.
    3. Anything else (an older entry unchanged, a mix of entries) is :data:`STALE_REPORT`:
       the sliders must be put back to what they show.

    Returns ``(child, value)`` for a move; ``None`` when the report is what the sliders
    show now (nothing moved, or a move already taken in this rerun). Values compare
    exactly: the browser returns the numbers it was given, and the user's are steps away.

    Where a report fits two readings, the user's move wins: a slider dragged back to a value
    the app once gave it is a move (with two sliders, the second moved back by the first's
    last step), though a picture half-drawn in that slider alone looks the same (only a
    rerun the mover did not cause could report one).
    """
    if mover is not None and reported[mover] != shown[-1][mover]:
        return mover, reported[mover]
    for age, entry in enumerate(reversed(shown)):
        changed = [c for c, v in reported.items() if entry.get(c) != v]
        if not changed:
            return None if age == 0 else STALE_REPORT
        if len(changed) == 1:
            return changed[0], reported[changed[0]]
    return STALE_REPORT


def with_judgments(
    state: WeightState, node: str, pairs: Mapping[tuple[str, str], str]
) -> WeightState:
    """``state`` with ``node`` weighed by AHP ``pairs`` (the pairwise editor's mode)."""
    return replace(
        state, modes={**state.modes, node: "ahp"}, judgments={**state.judgments, node: pairs},
        moving=_without_move(state, node),
    )


def with_evidence(state: WeightState, min_source: str | None, sourced_only: bool) -> WeightState:
    """``state`` with a new policy-fit evidence rule (minimum source type, sourced only)."""
    return replace(
        state, evidence=evidence_rule({"min_source": min_source, "sourced_only": sourced_only})
    )


def is_modified(state: WeightState, base: ScenarioWeights) -> bool:
    """Whether ``state`` weighs anything differently from the weighed scenario ``base``.

    Changed means: seeded from another scenario, another evidence rule, a node judged where
    the scenario gives weights (or the reverse), other judgments, or a direct weight more
    than :data:`WEIGHT_ATOL` away from the scenario's.
    """
    scenario = base.scenario
    if state.seeded_from != scenario.id:
        return True
    if dict(state.evidence) != evidence_rule(scenario.evidence):
        return True
    for node, mode in state.modes.items():
        local = base.local[node]
        if mode == "ahp":
            if not isinstance(local, AhpResult) or dict(scenario.judgments[node]) != dict(
                state.judgments[node]
            ):
                return True
        elif isinstance(local, AhpResult) or any(
            abs(float(local[k]) - v) > WEIGHT_ATOL for k, v in state.direct[node].items()
        ):
            return True
    return False


def effective_scenario(state: WeightState, base: ScenarioWeights) -> Scenario:
    """The scenario the user's weights make: ``base``'s own when :func:`is_modified` is false.

    Otherwise a copy of ``base.scenario`` with id ``<id>-custom``, labels marked
    ``(adjusted)`` / ``(조정)``, basis ``"user"``, and each node's judgments or direct
    weights and the evidence rule from ``state``; its directions, AHP method and RI table
    stay the scenario's. This is what the app ranks with and exports.
    """
    scenario = base.scenario
    if not is_modified(state, base):
        return scenario
    modes = state.modes
    return replace(
        scenario,
        id=f"{scenario.id}{CUSTOM_SUFFIX}",
        label_en=f"{scenario.label_en}{ADJUSTED_SUFFIX['en']}",
        label_ko=f"{scenario.label_ko}{ADJUSTED_SUFFIX['ko']}",
        basis="user",
        judgments={n: dict(state.judgments[n]) for n, m in modes.items() if m == "ahp"},
        weights={n: dict(state.direct[n]) for n, m in modes.items() if m == "direct"},
        evidence=dict(state.evidence),
    )


def editor_judgment(
    state: WeightState, weighed: ScenarioWeights, node: str, a: str, b: str
) -> str:
    """The Saaty option the pairwise editor shows for ``a`` over ``b``.

    In AHP mode: the judgment of the solved matrix (the given one, its reciprocal when given
    as ``b vs a``, or Harker's completed estimate when missing); if ``weighed`` was computed
    before the node was judged, the pair as given. In direct mode: the ratio of the two
    weights. Either way rounded to the nearest value of Saaty's scale on a log axis
    (:func:`~exportmcda.ahp.judgments.nearest_saaty`), as the editor only offers those.
    """
    if state.modes.get(node) == "ahp":
        result = weighed.local.get(node)
        pairs = state.judgments.get(node, {})
        if isinstance(result, AhpResult):
            value = result.judgment(a, b)
        elif (a, b) in pairs:
            value = parse_judgment(pairs[(a, b)], pair=(a, b), limit=None)
        elif (b, a) in pairs:
            value = 1 / parse_judgment(pairs[(b, a)], pair=(b, a), limit=None)
        else:
            value = 1.0
    else:
        direct = state.direct[node]
        wa, wb = float(direct[a]), float(direct[b])
        value = wa / wb if wa > 0 and wb > 0 else 1.0
    return format_judgment(float(nearest_saaty(value)))


# ---- shared links ------------------------------------------------------------------------


def url_weights(state: WeightState, node: str) -> str | None:
    """``node``'s direct weights as a link writes them: ``utilization:0.3000,region:0.1000``.

    ``None`` when the node is judged (a link carries weights, not judgments; the scenario
    id in the link reproduces those). Four decimals: finer than a slider's step (0.01).
    """
    if state.modes.get(node) != "direct":
        return None
    return ",".join(f"{k}:{v:.4f}" for k, v in state.direct[node].items())


def parse_url_weights(
    text: str, children: tuple[str, ...]
) -> tuple[dict[str, float] | None, tuple[Issue, ...]]:
    """Read ``utilization:0.3,region:0.1,...`` from a shared link: the weights and the problems.

    The weights come back normalised to sum to 1, in the order of ``children``. A link that
    names an unknown criterion, gives a value that is not a finite number or is negative,
    names a criterion twice, leaves one out, or weighs everything 0 is not applied at all
    (``None``): a half-applied link would show weights nobody chose. Every problem is
    returned as an :class:`~exportmcda.errors.Issue` (code, ``field`` = the criterion as
    written, ``value`` = the value as written) for the app to show. An empty text is no
    link: ``(None, ())``.
    """
    if not text.strip():
        return None, ()
    given: dict[str, float] = {}
    named: set[str] = set()
    issues: list[Issue] = []
    for part in text.split(","):
        if not part.strip():
            continue
        name, _, value = (s.strip() for s in part.partition(":"))
        if name not in children:
            issues.append(Issue.of(
                "url_weight_unknown",
                f"'{name}' is not a criterion; the link may weigh {', '.join(children)}",
                field=name, value=value,
            ))
            continue
        if name in named:
            issues.append(Issue.of(
                "url_weight_duplicate", f"'{name}' is weighed twice", field=name, value=value
            ))
            continue
        named.add(name)
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            issues.append(Issue.of(
                "url_weight_not_number", f"the weight of '{name}' must be a number such as 0.25",
                field=name, value=value,
            ))
        elif number < 0:
            issues.append(Issue.of(
                "url_weight_negative", f"the weight of '{name}' must not be negative",
                field=name, value=value,
            ))
        else:
            given[name] = number
    for child in children:
        if child not in named:
            issues.append(Issue.of(
                "url_weights_incomplete", f"the link gives no weight for '{child}'", field=child
            ))
    total = sum(given.values())
    if not issues and total <= 0:
        issues.append(Issue.of(
            "weights_all_zero", "the link weighs every criterion 0", field=", ".join(children),
            value=text.strip(),
        ))
    if issues:
        return None, tuple(issues)
    return {c: given[c] / total for c in children}, ()


# ---- shared links of a whole hierarchy ---------------------------------------------------


NODE_SEPARATOR = ";"
"""Separates the nodes of :func:`url_changed_weights` (each written as :func:`url_weights`)."""


def url_changed_weights(state: WeightState, base: ScenarioWeights) -> str | None:
    """Every node ``state`` weighs directly and differently from ``base``, as one link value.

    ``digital_readiness:0.4000,market_size:0.2000,...;urban_market_size:0.5000,...``: the
    nodes in the hierarchy's order, separated by :data:`NODE_SEPARATOR`, each as
    :func:`url_weights` writes it; a node is known by its children's names (a child has one
    parent), so the link needs no node ids. A node counts as changed as in
    :func:`is_modified` (a weight more than :data:`WEIGHT_ATOL` away from the scenario's).
    ``None`` when no node is.
    """
    parts = []
    for node in base.tree.weighted_nodes():
        written = url_weights(state, node)
        if written is None:
            continue
        stated = local_weights(base, node)
        if all(abs(stated.get(k, math.inf) - v) <= WEIGHT_ATOL
               for k, v in state.direct[node].items()):
            continue
        parts.append(written)
    return NODE_SEPARATOR.join(parts) or None


def parse_url_changed_weights(
    text: str, nodes: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, dict[str, float]] | None, tuple[Issue, ...]]:
    """Read :func:`url_changed_weights`' text back: ``{node: weights}`` and the problems.

    ``nodes`` maps each weighted node to its children (:meth:`CriteriaTree.weighted_nodes`).
    Each part is checked by :func:`parse_url_weights` against the node whose children
    include its first name; a part naming no known child, or a node given twice, is an
    issue. As there, a link with any problem is applied not at all (``None``); an empty
    text is no link: ``(None, ())``.
    """
    found: dict[str, dict[str, float]] = {}
    issues: list[Issue] = []
    for part in text.split(NODE_SEPARATOR):
        if not part.strip():
            continue
        first = part.split(",")[0].partition(":")[0].strip()
        node = next((n for n, children in nodes.items() if first in children), None)
        if node is None:
            known = ", ".join(c for children in nodes.values() for c in children)
            issues.append(Issue.of(
                "url_weight_unknown", f"'{first}' is not a criterion; the link may weigh {known}",
                field=first, value=part.strip(),
            ))
            continue
        if node in found:
            issues.append(Issue.of(
                "url_weight_duplicate", f"'{node}' is weighed twice", field=node,
                value=part.strip(),
            ))
            continue
        given, problems = parse_url_weights(part, nodes[node])
        issues += problems
        if given is not None:
            found[node] = given
    if issues or not found:
        return None, tuple(issues)
    return found, ()
