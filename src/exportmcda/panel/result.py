"""What a panel's answers say: each expert's consistency, the group's weights, who is far off.

For every weighted node of the hierarchy:

* each expert's priorities and CR by the scenario's method and RI table
  (:func:`exportmcda.ahp.priorities.ahp`); a node with blank questions is completed by the
  scenario's completion (Bozóki, Fülöp & Rónyai 2010 by default) and flagged, with the pairs
  estimated; an inconsistent node names the judgment to revisit
  (:func:`exportmcda.ahp.diagnostics.inconsistency_report`);
* a stated screening rule: ``exclude`` leaves an expert whose CR exceeds the limit at any node
  out of the aggregation, ``flag`` keeps them and marks them;
* the group's weights by AIJ or AIP with optional expert weights and Goepel's consensus S*
  (:func:`exportmcda.ahp.group.group_ahp`, which cites Forman & Peniwati 1998, Goepel 2013).

Each expert's distance from the group and the outlier rule: :mod:`exportmcda.panel.distance`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from exportmcda.ahp.diagnostics import JudgmentAdvice, inconsistency_report, judged_matrix
from exportmcda.ahp.group import AGGREGATIONS, GroupResult, group_ahp
from exportmcda.ahp.judgments import components
from exportmcda.ahp.priorities import DEFAULT_THRESHOLD, AhpResult, ahp, global_weights
from exportmcda.errors import ConfigError, Issue, JudgmentError, Note
from exportmcda.labels import note_text, t
from exportmcda.model.criteria import CriteriaTree
from exportmcda.model.scenarios import Scenario
from exportmcda.panel.distance import OUTLIER_FACTOR, group_reference, log_distance
from exportmcda.panel.reader import ExpertAnswers, PanelAnswers

__all__ = ["SCREENS", "ExpertResult", "PanelResult", "analyse_panel"]

SCREENS: Final = ("exclude", "flag")
"""Screening rules for inconsistent experts: leave them out of the group, or only mark them."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpertResult:
    """One expert: their priorities per node, screening verdict and distance from the group."""

    name: str
    sheet: str
    weight: float
    nodes: Mapping[str, AhpResult]
    advice: Mapping[str, tuple[JudgmentAdvice, ...]]
    left_out: tuple[str, ...]
    """Nodes the expert's answers could not weigh (none, or not linking every criterion)."""
    consistent: bool
    included: bool
    distance: float | None
    outlier: bool
    leaf_weights: Mapping[str, float]
    answered: int
    missing: int

    @property
    def completed(self) -> tuple[str, ...]:
        """Nodes whose blank questions were completed."""
        return tuple(node for node, r in self.nodes.items() if r.completed)


@dataclass(frozen=True, slots=True, kw_only=True)
class PanelResult:
    """The panel's analysis: every expert, the group per node and overall, the rule used."""

    answers: PanelAnswers
    tree: CriteriaTree
    aggregation: str
    screen: str
    threshold: float | str
    experts: tuple[ExpertResult, ...]
    groups: Mapping[str, GroupResult]
    leaf_weights: Mapping[str, float]
    notes: tuple[Note, ...]

    @property
    def included(self) -> tuple[str, ...]:
        """Experts whose judgments make the group's."""
        return tuple(e.name for e in self.experts if e.included)

    @property
    def outliers(self) -> tuple[str, ...]:
        """Outlier experts, furthest first."""
        ranked = sorted((e for e in self.experts if e.outlier), key=lambda e: -(e.distance or 0))
        return tuple(e.name for e in ranked)

    def scenario(self, base: Scenario, *, id: str | None = None) -> Scenario:
        """``base`` with the group's judgments (AIJ) or weights (AIP) at every node.

        A pair no included expert judged is left out (the scenario's completion fills it
        when loaded). Everything else (directions, evidence rule, shortlist rules, method,
        RI table) stays ``base``'s. Loading the result gives the group weights of this
        analysis (same method, RI table and completion).
        """
        judgments: dict[str, dict[tuple[str, str], str]] = {}
        weights: dict[str, dict[str, float]] = {}
        for node, group in self.groups.items():
            if self.aggregation == "aij":
                matrix = judged_matrix(group.combined) if group.combined else None
                assert matrix is not None
                labels = group.labels
                judgments[node] = {
                    (labels[i], labels[j]): repr(float(matrix[i, j]))
                    for i in range(len(labels))
                    for j in range(i + 1, len(labels))
                    if not math.isnan(matrix[i, j])
                }
            else:
                weights[node] = dict(group.weights_by_label)
        n = len(self.included)
        return replace(
            base,
            id=id or f"{base.id}_panel",
            basis="panel",
            label_en=f"{base.label_en} (expert panel, {n})",
            label_ko=f"{base.label_ko} (전문가 패널 {n}명)",
            description_en=f"Group judgments of {n} experts ({self.aggregation.upper()}) read "
            f"from {self.answers.name} (sha256 {self.answers.sha256[:12]})",
            description_ko=f"전문가 {n}명의 그룹 판단({self.aggregation.upper()}), 파일 "
            f"{self.answers.name} (sha256 {self.answers.sha256[:12]})",
            judgments={
                **{k: v for k, v in base.judgments.items() if k not in self.groups},
                **judgments,
            },
            weights={**{k: v for k, v in base.weights.items() if k not in self.groups}, **weights},
            path=None,
        )

    def weights_frame(self, node: str | None = None, lang: str = "en") -> pd.DataFrame:
        """Long table of weights: ``label``, ``who``, ``weight``, ``group`` (the strip chart's).

        ``node`` None gives the global weights of the leaves; a node id its local weights
        (an expert left out of the node has no rows there).
        """
        names = self.tree.names(lang)
        rows: list[dict[str, Any]] = []
        for e in self.experts:
            weights = (
                e.leaf_weights
                if node is None
                else e.nodes[node].weights_by_label
                if node in e.nodes
                else {}
            )
            rows += [
                {"label": names.get(k, k), "who": e.name, "weight": float(v), "group": False}
                for k, v in weights.items()
            ]
        group = self.leaf_weights if node is None else self.groups[node].weights_by_label
        rows += [
            {
                "label": names.get(k, k),
                "who": t("panel_group", lang),
                "weight": float(v),
                "group": True,
            }
            for k, v in group.items()
        ]
        return pd.DataFrame(rows, columns=["label", "who", "weight", "group"])

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """Plain JSON-ready data (names of every field are the CLI's JSON)."""
        return {
            "file": self.answers.name,
            "sha256": self.answers.sha256,
            "scenario": self.answers.scenario,
            "method": self.answers.method,
            "ri_table": self.answers.ri_table,
            "aggregation": self.aggregation,
            "threshold": self.threshold,
            "screening": {
                "rule": self.screen,
                "text": note_text(_screen_note(self), lang),
                "excluded": [e.name for e in self.experts if not e.included],
                "flagged": [e.name for e in self.experts if not e.consistent],
            },
            "outlier_rule": note_text(Note.of("panel_outlier_rule", factor=OUTLIER_FACTOR), lang),
            "outliers": list(self.outliers),
            "weights": dict(self.leaf_weights),
            "nodes": {node: _group_dict(g) for node, g in self.groups.items()},
            "experts": [_expert_dict(e) for e in self.experts],
            "ignored_sheets": list(self.answers.ignored_sheets),
            "notes": [note_text(n, lang, self.tree.names(lang)) for n in self.notes],
            "note_codes": [n.as_dict() for n in self.notes],
        }


def _group_dict(group: GroupResult) -> dict[str, Any]:
    data = group.as_dict()
    data.pop("experts", None)
    data["experts"] = list(group.experts)
    return data


def _expert_dict(e: ExpertResult) -> dict[str, Any]:
    return {
        "name": e.name,
        "sheet": e.sheet,
        "weight": e.weight,
        "included": e.included,
        "consistent": e.consistent,
        "answered": e.answered,
        "missing": e.missing,
        "completed": list(e.completed),
        "left_out": list(e.left_out),
        "distance": e.distance,
        "factor": None if e.distance is None else math.exp(e.distance),
        "outlier": e.outlier,
        "weights": dict(e.leaf_weights),
        "nodes": {
            node: {
                "weights": r.weights_by_label,
                "cr": r.cr,
                "consistent": r.consistent,
                "completed": r.completed,
                "estimated": [
                    {"row": a, "column": b, "value": r.judgment(a, b)} for a, b in r.estimated
                ],
                "advice": [a.as_dict() for a in e.advice.get(node, ())],
            }
            for node, r in e.nodes.items()
        },
    }


def _screen_note(result: PanelResult) -> Note:
    code = "panel_screen_exclude" if result.screen == "exclude" else "panel_screen_flag"
    return Note.of(code, threshold=str(result.threshold), ri_table=result.answers.ri_table)


def _matrix(pairs: Mapping[tuple[str, str], object], labels: Sequence[str]) -> NDArray[np.float64]:
    m = np.full((len(labels), len(labels)), np.nan)
    np.fill_diagonal(m, 1.0)
    for (a, b), value in pairs.items():
        if value is not None:
            i, j = labels.index(a), labels.index(b)
            m[i, j], m[j, i] = float(value), 1.0 / float(value)  # type: ignore[arg-type]
    return m


def _individual(
    e: ExpertAnswers, nodes: Mapping[str, tuple[str, ...]], options: dict[str, Any]
) -> tuple[dict[str, AhpResult], list[str]]:
    results: dict[str, AhpResult] = {}
    left_out: list[str] = []
    for node, children in nodes.items():
        m = _matrix(e.judgments.get(node, {}), children)
        off = ~np.isnan(m) & ~np.eye(len(children), dtype=bool)
        if not off.any() or len(components(~np.isnan(m))) > 1:
            left_out.append(node)
            continue
        results[node] = ahp(m, children, **options)
    return results, left_out


def _expert_weights(answers: PanelAnswers, given: Sequence[float] | None) -> list[float]:
    if given is None:
        return [1.0] * len(answers.experts)
    if (
        len(given) != len(answers.experts)
        or any(not math.isfinite(w) or w < 0 for w in given)
        or not sum(given) > 0
    ):
        raise JudgmentError(
            Issue.of(
                "expert_weights_invalid",
                f"expected {len(answers.experts)} non-negative expert "
                "weights (one per expert sheet, in sheet order), not all zero",
                value=",".join(f"{w:g}" for w in given),
            )
        )
    return [float(w) for w in given]


def analyse_panel(
    answers: PanelAnswers,
    tree: CriteriaTree,
    *,
    aggregation: str = "aij",
    screen: str = "flag",
    threshold: float | str = DEFAULT_THRESHOLD,
    expert_weights: Sequence[float] | None = None,
    completion: str | None = None,
) -> PanelResult:
    """Analyse a panel: experts' CRs and advice, screening, group weights, outliers.

    Raises
    ------
    ConfigError
        An unknown aggregation or screening rule, a bad threshold.
    JudgmentError
        Bad expert weights, or no expert left to aggregate at some node (every expert
        excluded by the screening rule, or none answered the node).
    """
    if aggregation not in AGGREGATIONS:
        raise ConfigError.single(
            "unknown_aggregation", f"choose one of {', '.join(AGGREGATIONS)}", value=aggregation
        )
    if screen not in SCREENS:
        raise ConfigError.single(
            "panel_screen", f"choose one of {', '.join(SCREENS)}", value=screen
        )
    from exportmcda.ahp.completion import DEFAULT_COMPLETION

    options: dict[str, Any] = {
        "method": answers.method,
        "ri_table": answers.ri_table,
        "threshold": threshold,
        "completion": completion or DEFAULT_COMPLETION,
    }
    nodes = tree.weighted_nodes()
    ew = _expert_weights(answers, expert_weights)
    individual = [_individual(e, nodes, options) for e in answers.experts]
    consistent = [all(r.consistent for r in res.values()) for res, _ in individual]
    included = [ok or screen == "flag" for ok in consistent]
    notes: list[Note] = []
    groups: dict[str, GroupResult] = {}
    for node, children in nodes.items():
        chosen = {
            e.name: (children, judged_matrix(res[node]))
            for e, (res, _), keep in zip(answers.experts, individual, included, strict=True)
            if keep and node in res
        }
        if not chosen:
            raise JudgmentError(
                Issue.of(
                    "panel_node_empty",
                    "no expert left to aggregate at this node (all excluded or unanswered)",
                    field=node,
                )
            )
        weights = {e.name: w for e, w in zip(answers.experts, ew, strict=True) if e.name in chosen}
        groups[node] = group_ahp(chosen, aggregation=aggregation, expert_weights=weights, **options)
    local: dict[str, Mapping[str, float]] = {n: g.weights_by_label for n, g in groups.items()}
    for c in tree.criteria:
        local.setdefault(c.id, {leaf.id: 1.0 for leaf in c.leaves})
    leaves = {leaf.id for leaf in tree.leaves}
    group_leaf = {k: v for k, v in global_weights(local, root=tree.goal_id).items() if k in leaves}
    experts = []
    for e, (res, left), ok, keep, w in zip(
        answers.experts, individual, consistent, included, ew, strict=True
    ):
        own = {**local, **{n: r.weights_by_label for n, r in res.items()}}
        judged = [judged_matrix(res[n]) for n in res]
        group_m = [group_reference(groups[n], aggregation) for n in res]
        distance = log_distance(judged, group_m)
        advice = {n: inconsistency_report(r, top=3) for n, r in res.items() if not r.consistent}
        for node in left:
            notes.append(Note.of("panel_left_out", expert=e.name, node=node))
        for node, r in res.items():
            if r.completed:
                notes.append(
                    Note.of("panel_completed", expert=e.name, node=node, n=len(r.estimated))
                )
        experts.append(
            ExpertResult(
                name=e.name,
                sheet=e.sheet,
                weight=w / sum(ew),
                nodes=res,
                advice=advice,
                left_out=tuple(left),
                consistent=ok,
                included=keep,
                distance=distance,
                outlier=distance is not None and math.exp(distance) > OUTLIER_FACTOR,
                leaf_weights={
                    k: v for k, v in global_weights(own, root=tree.goal_id).items() if k in leaves
                },
                answered=e.answered,
                missing=len(e.missing),
            )
        )
    result = PanelResult(
        answers=answers,
        tree=tree,
        aggregation=aggregation,
        screen=screen,
        threshold=threshold,
        experts=tuple(experts),
        groups=groups,
        leaf_weights=group_leaf,
        notes=(),
    )
    notes.insert(0, _screen_note(result))
    if answers.ignored_sheets:
        notes.append(Note.of("panel_ignored_sheets", sheets=", ".join(answers.ignored_sheets)))
    return replace(result, notes=tuple(dict.fromkeys(notes)))
