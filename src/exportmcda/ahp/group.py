"""Group AHP: combine an expert panel's judgments, and measure how far the experts agree.

Two aggregations, both geometric because only the geometric mean keeps the reciprocal
property and the unanimity of ratio judgments (Aczél & Saaty 1983, "Procedures for
synthesizing ratio judgements", J. Math. Psychol. 27:93-102):

* ``"aij"``, aggregation of individual judgments: the element-wise weighted geometric mean
  of the experts' matrices, then one AHP on the group matrix (Forman & Peniwati 1998,
  "Aggregating individual judgments and priorities with the AHP", EJOR 108:165-169). Use
  it when the panel acts as one decision unit. A judgment nobody gave stays missing and is
  completed; one that only some experts gave is the mean of those who did.
* ``"aip"``, aggregation of individual priorities: the weighted geometric mean of the
  experts' priority vectors, normalised (ibid.), when experts act as separate individuals.

Agreement is Goepel's AHP consensus indicator S* (Goepel 2013, "Implementing the AHP as a
standard method for multi-criteria decision making in corporate enterprises", Proc. ISAHP
2013, Kuala Lumpur), from the Shannon entropy partition of the experts' priorities: 1 for
identical priorities, 0 when experts give their maximal priority (9 over all others) to
different criteria. Every expert's own CR is reported so a facilitator can return a matrix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.ahp.judgments import check_matrix
from exportmcda.ahp.priorities import (
    DEFAULT_COMPLETION,
    DEFAULT_RI_TABLE,
    DEFAULT_THRESHOLD,
    AhpResult,
    ahp,
    direct_weights,
)
from exportmcda.errors import ConfigError, Issue, JudgmentError

__all__ = [
    "AGGREGATIONS",
    "CONSENSUS_LEVELS",
    "GroupResult",
    "aggregate_judgments",
    "aggregate_priorities",
    "consensus_indicator",
    "consensus_level",
    "group_ahp",
]

AGGREGATIONS: Final = ("aij", "aip")
"""Aggregation of individual judgments (default) or of individual priorities."""

CONSENSUS_LEVELS: Final = ((0.5, "very low"), (0.625, "low"), (0.75, "moderate"),
                           (0.875, "high"), (math.inf, "very high"))
"""Goepel's word scale for S*: upper bounds of each class (bpmsg.com, "AHP group consensus
indicator - how to understand and interpret?", Table 1; derived from 140 nodes of 35
group projects, mean S* 0.64)."""


def _expert_weights(count: int, weights: Sequence[float] | None) -> NDArray[np.float64]:
    if weights is None:
        return np.full(count, 1.0 / count)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (count,) or not np.all(np.isfinite(w) & (w >= 0)) or not w.sum() > 0:
        raise JudgmentError(Issue(code="expert_weights_invalid", value=str(list(weights)),
                                  message=f"expected {count} non-negative expert weights, not "
                                  "all zero"))
    return np.asarray(w / w.sum(), dtype=np.float64)


def aggregate_judgments(
    matrices: Sequence[ArrayLike], weights: Sequence[float] | None = None
) -> NDArray[np.float64]:
    """Return the element-wise weighted geometric mean of comparison matrices (AIJ).

    ``nan`` entries are skipped and the weights of the experts who gave the judgment are
    renormalised; an entry nobody gave stays ``nan``. The result is reciprocal whenever the
    inputs are.
    """
    stack = np.array([np.asarray(m, dtype=np.float64) for m in matrices])
    w = _expert_weights(len(stack), weights)[:, None, None] * ~np.isnan(stack)
    total = w.sum(axis=0)
    logs = np.where(np.isnan(stack), 0.0, np.log(np.where(np.isnan(stack), 1.0, stack)))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (w * logs).sum(axis=0) / total
    return np.asarray(np.where(total > 0, np.exp(mean), np.nan), dtype=np.float64)


def aggregate_priorities(
    priorities: Sequence[Sequence[float]], weights: Sequence[float] | None = None
) -> NDArray[np.float64]:
    """Return the weighted geometric mean of priority vectors, normalised to sum 1 (AIP)."""
    p = np.asarray(priorities, dtype=np.float64)
    w = _expert_weights(len(p), weights)
    g = np.exp(w @ np.log(p))
    return np.asarray(g / g.sum(), dtype=np.float64)


def _entropy(p: NDArray[np.float64]) -> float:
    return float(-np.sum(p * np.log(p), where=p > 0))


def consensus_indicator(priorities: Sequence[Sequence[float]], *, scale_max: float = 9.0) -> float:
    """Return Goepel's (2013) AHP consensus indicator S* of K experts' priority vectors.

    With H_alpha the mean Shannon entropy of the experts' priorities, H_gamma the entropy
    of their arithmetic mean and D = exp(H) (Hill numbers), beta diversity is
    ``D_beta = D_gamma / D_alpha`` and ``S* = (1/D_beta - c) / (1 - c)`` with
    ``c = D_alpha_min / n``: ``D_alpha_min`` is the diversity of the most concentrated
    priorities the scale allows, ``(M, 1, ..., 1) / (n + M - 1)`` with M = ``scale_max``
    (Goepel's AHP-OS, ``AhpGroup::ahpShannonCor``). Unweighted, as Goepel defines it;
    clipped to [0, 1] (inconsistent matrices can concentrate priorities slightly beyond
    the bound). One expert or one criterion gives 1.
    """
    p = np.asarray(priorities, dtype=np.float64)
    k, n = p.shape
    if k < 2 or n < 2:
        return 1.0
    h_alpha = float(np.mean([_entropy(row) for row in p]))
    h_gamma = _entropy(p.mean(axis=0))
    extreme = np.array([scale_max] + [1.0] * (n - 1)) / (n + scale_max - 1)
    c = math.exp(_entropy(extreme)) / n
    s: float = (math.exp(h_alpha - h_gamma) - c) / (1 - c)
    return min(1.0, max(0.0, s))


def consensus_level(value: float) -> str:
    """Return Goepel's word for a consensus value: very low, low, moderate, high, very high."""
    return next(word for bound, word in CONSENSUS_LEVELS if value < bound)


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupResult:
    """Group priorities with each expert's result, the group matrix (AIJ) and the consensus."""

    labels: tuple[str, ...]
    experts: tuple[str, ...]
    expert_weights: tuple[float, ...]
    aggregation: str
    weights: tuple[float, ...]
    individual: tuple[AhpResult, ...]
    combined: AhpResult | None
    consensus: float
    consensus_level: str

    @property
    def weights_by_label(self) -> dict[str, float]:
        """Group weights keyed by criterion name."""
        return dict(zip(self.labels, self.weights, strict=True))

    def as_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data: group weights, consensus, each expert's CR."""
        data: dict[str, Any] = {
            "labels": list(self.labels),
            "weights": self.weights_by_label,
            "aggregation": self.aggregation,
            "consensus": self.consensus,
            "consensus_level": self.consensus_level,
            "experts": {
                name: {"weight": w, "weights": r.weights_by_label, "cr": r.cr,
                       "consistent": r.consistent, "completed": r.completed}
                for name, w, r in zip(self.experts, self.expert_weights, self.individual,
                                      strict=True)},
        }
        if self.combined is not None:
            group = self.combined.as_dict()
            data.update({key: group[key] for key in (
                "lambda_max", "ci", "cr", "ri", "ri_table", "threshold", "threshold_rule",
                "consistent", "method", "completed", "estimated", "matrix")})
        return data


def _aligned(
    experts: Mapping[str, tuple[Sequence[str], ArrayLike]], path: str | None
) -> tuple[tuple[str, ...], list[NDArray[np.float64]]]:
    """Check every expert judged the same criteria; reorder their matrices to one order."""
    if not experts:
        raise JudgmentError(Issue(code="no_experts", path=path, message="no expert judgments"))
    issues: list[Issue] = []
    labels: tuple[str, ...] = ()
    matrices = []
    for name, (names, matrix) in experts.items():
        names = tuple(str(x) for x in names)
        labels = labels or names
        if set(names) != set(labels) or len(names) != len(labels):
            missing = [x for x in labels if x not in names]
            extra = [x for x in names if x not in labels]
            issues.append(Issue(code="expert_labels_mismatch", path=path, field=name,
                                value=", ".join(names), message=(
                f"expert '{name}' compared other criteria than '{next(iter(experts))}': "
                f"missing {missing or 'none'}, extra {extra or 'none'}")))
            continue
        try:
            checked = check_matrix(matrix, names, path=path)
        except JudgmentError as error:
            issues.extend(_for_expert(name, error))
            continue
        order = [names.index(x) for x in labels]
        matrices.append(checked[np.ix_(order, order)])
    if issues:
        raise JudgmentError(issues)
    return labels, matrices


def _for_expert(name: str, error: JudgmentError) -> list[Issue]:
    return [replace(issue, field=issue.field or name, message=f"expert '{name}': {issue.message}")
            for issue in error.issues]


def group_ahp(
    experts: Mapping[str, tuple[Sequence[str], ArrayLike]],
    *,
    aggregation: str = "aij",
    expert_weights: Mapping[str, float] | None = None,
    method: str = "eigenvector",
    ri_table: str = DEFAULT_RI_TABLE,
    threshold: float | str = DEFAULT_THRESHOLD,
    path: str | None = None,
    completion: str = DEFAULT_COMPLETION,
) -> GroupResult:
    """Aggregate several experts' comparison matrices into group priorities.

    Parameters
    ----------
    experts
        Expert name -> ``(labels, matrix)`` as returned by
        :func:`~exportmcda.ahp.judgments.pairwise_from_table`. All experts must compare the
        same criteria (in any order); ``nan`` marks a judgment an expert skipped.
    aggregation
        ``"aij"`` (geometric mean of judgments) or ``"aip"`` (of priorities).
    expert_weights
        Optional importance of each expert (normalised; default equal).
    method, ri_table, threshold, completion
        As in :func:`~exportmcda.ahp.priorities.ahp`, for every expert and the group matrix.

    Raises
    ------
    JudgmentError
        Mismatched criteria, an invalid matrix (the issue names the expert), or invalid
        expert weights.
    """
    if aggregation not in AGGREGATIONS:
        raise ConfigError(Issue(code="unknown_aggregation", value=aggregation, message=(
            f"unknown aggregation '{aggregation}'; choose one of {', '.join(AGGREGATIONS)}")))
    labels, matrices = _aligned(experts, path)
    names = tuple(experts)
    if expert_weights is not None:
        unknown = set(expert_weights) - set(names)
        if unknown:
            raise JudgmentError(Issue(
                code="expert_weights_invalid", value=", ".join(sorted(unknown)),
                message=f"weights given for unknown experts {sorted(unknown)}"))
        given = direct_weights({n: expert_weights.get(n, 0.0) for n in names}, path=path)
    else:
        given = {n: 1.0 / len(names) for n in names}
    ew = [given[n] for n in names]
    options: dict[str, Any] = {"method": method, "ri_table": ri_table, "threshold": threshold,
                               "path": path, "completion": completion}
    individual, issues = [], []
    for name, matrix in zip(names, matrices, strict=True):
        try:
            individual.append(ahp(matrix, labels, **options))
        except JudgmentError as error:
            issues.extend(_for_expert(name, error))
    if issues:
        raise JudgmentError(issues)
    combined = None
    if aggregation == "aij":
        combined = ahp(aggregate_judgments(matrices, ew), labels, **options)
        weights = combined.weights
    else:
        weights = tuple(float(x) for x in aggregate_priorities([r.weights for r in individual],
                                                               ew))
    consensus = consensus_indicator([r.weights for r in individual])
    return GroupResult(
        labels=labels, experts=names, expert_weights=tuple(ew), aggregation=aggregation,
        weights=weights, individual=tuple(individual), combined=combined, consensus=consensus,
        consensus_level=consensus_level(consensus))
