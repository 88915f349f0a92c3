"""AHP weighting: priorities, consistency, completion of missing judgments, hierarchies.

Hand-written on numpy rather than delegated to ``pymcdm.weights.subjective.AHP``, which
accepts only Saaty-scale entries (so rejects an aggregated group matrix), uses Tummala &
Ling's random index without saying so, and builds but never raises its consistency error.
Here every number a report shows is traceable:

* priorities: Saaty's principal right eigenvector (Saaty 1977, J. Math. Psychol.
  15:234-281) by default, or the row geometric mean / logarithmic least squares
  (Crawford & Williams 1985, J. Math. Psychol. 29:387-405);
* consistency: ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)`` (Saaty 1980,
  *The Analytic Hierarchy Process*, ch. 1), with the RI table named in every result (the
  tables and thresholds live in :mod:`exportmcda.ahp.consistency`, re-exported here);
* missing judgments (:mod:`exportmcda.ahp.completion`): for the eigenvector, the completion
  minimising lambda_max of Bozóki, Fülöp & Rónyai (2010), Math. Comput. Modelling
  52:318-333 (default), or Harker (1987), Math. Modelling 9(11):837-848; for the geometric
  mean, the LLSM optimal completion of the same Bozóki et al. (2010) paper;
* hierarchies: distributive synthesis, global = sum over paths of products of local
  priorities (Saaty 1980, ch. 2).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.ahp.completion import (
    COMPLETIONS,
    DEFAULT_COMPLETION,
    bfr_completion,
    completion_name,
    harker_completion,
    llsm_weights,
    missing_dependence,
    off_scale_notes,
    perron,
)
from exportmcda.ahp.consistency import (
    DEFAULT_RI_TABLE,
    DEFAULT_THRESHOLD,
    RI_SOURCES,
    RI_TABLES,
    SAATY_1994_THRESHOLDS,
    consistency_threshold,
    random_index,
)
from exportmcda.ahp.judgments import (
    check_matrix,
    components,
    pairwise_from_pairs,
    parse_fraction,
)
from exportmcda.errors import ConfigError, Issue, JudgmentError, Note
from exportmcda.labels import note_text

__all__ = [
    "COMPLETIONS",
    "DEFAULT_COMPLETION",
    "DEFAULT_RI_TABLE",
    "DEFAULT_THRESHOLD",
    "METHODS",
    "METHOD_ALIASES",
    "RI_SOURCES",
    "RI_TABLES",
    "SAATY_1994_THRESHOLDS",
    "AhpResult",
    "ahp",
    "ahp_from_pairs",
    "approximate_lambda_max",
    "consistency_threshold",
    "direct_weights",
    "global_weights",
    "method_name",
    "random_index",
    "short_method_name",
]

METHODS: Final = ("eigenvector", "geometric")
"""Priority derivation methods: Saaty's eigenvector (default) and the row geometric mean."""

METHOD_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {"eigen": "eigenvector", "eigenvector": "eigenvector", "geometric": "geometric"}
)
"""Every name a scenario file or the command line may give a method, and the method it means
(``eigen`` is the short name files and the CLI use; the first alias of a method is its short
name)."""


def method_name(name: object, *, path: str | None = None, field: str | None = None) -> str:
    """The method (one of :data:`METHODS`) a name stands for, case-insensitively.

    Raises
    ------
    ConfigError
        ``unknown_method``, naming the accepted names.
    """
    method = METHOD_ALIASES.get(str(name).strip().lower())
    if method is None:
        raise ConfigError(Issue.of(
            "unknown_method", f"unknown AHP method '{name}'; choose one of "
            f"{', '.join(METHOD_ALIASES)}", path=path, field=field, value=name))
    return method


def short_method_name(method: str) -> str:
    """The short name of a method as files write it (``eigenvector`` -> ``eigen``)."""
    full = method_name(method)
    return next(alias for alias, target in METHOD_ALIASES.items() if target == full)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AhpResult:
    """Priorities of one comparison matrix, with everything needed to explain and audit them.

    ``matrix`` is the completed, read-only comparison matrix; the pairs in ``estimated``
    were not judged but filled by completion (show them as estimates). ``as_dict()`` is the
    JSON contract of ``exportmcda ahp``.
    """

    labels: tuple[str, ...]
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    threshold: float
    threshold_rule: str
    consistent: bool
    method: str
    completed: bool
    estimated: tuple[tuple[str, str], ...] = ()
    matrix: NDArray[np.float64] = field(repr=False)
    notes: tuple[Note, ...] = ()
    completion: str | None = None
    weight_ranges: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        matrix = np.array(self.matrix, dtype=np.float64)
        matrix.setflags(write=False)
        object.__setattr__(self, "matrix", matrix)

    @property
    def weights_by_label(self) -> dict[str, float]:
        """Weights keyed by criterion name, in matrix order."""
        return dict(zip(self.labels, self.weights, strict=True))

    def judgment(self, row: str, column: str) -> float:
        """Return the (possibly estimated) judgment of ``row`` over ``column``."""
        return float(self.matrix[self.labels.index(row), self.labels.index(column)])

    def as_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data (floats at full precision: round only for display)."""
        return {
            "labels": list(self.labels),
            "weights": self.weights_by_label,
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "ri": self.ri,
            "ri_table": self.ri_table,
            "threshold": self.threshold,
            "threshold_rule": self.threshold_rule,
            "consistent": self.consistent,
            "method": self.method,
            "completed": self.completed,
            "estimated": [{"row": a, "column": b, "value": self.judgment(a, b)}
                          for a, b in self.estimated],
            "completion": self.completion,
            "weight_ranges": {a: list(r) for a, r in zip(self.labels, self.weight_ranges,
                                                         strict=False)},
            "matrix": self.matrix.tolist(),
            "notes": [note_text(n) for n in self.notes],
            "note_codes": [n.as_dict() for n in self.notes],
        }


def approximate_lambda_max(matrix: ArrayLike, weights: ArrayLike) -> float:
    """Return Saaty's estimate of lambda_max from any weights: mean of (A w)_i / w_i.

    Equals the Perron root when ``weights`` is the principal eigenvector; with geometric-mean
    weights it is the figure spreadsheets report next to them.
    """
    a, w = np.asarray(matrix, dtype=np.float64), np.asarray(weights, dtype=np.float64)
    return float(np.mean(a @ w / w))


def _disconnected(
    groups: list[list[int]], labels: Sequence[str], path: str | None
) -> JudgmentError:
    names = ["{" + ", ".join(labels[k] for k in g) + "}" for g in groups]
    return JudgmentError(Issue(
        code="judgments_disconnected", path=path, value="; ".join(names), message=(
            f"the judgments do not link {' and '.join(names)}: compare at least one criterion of "
            f"each group with the other group (n - 1 = {len(labels) - 1} well-chosen judgments "
            "are the minimum)")))


def ahp(
    matrix: ArrayLike,
    labels: Sequence[str],
    *,
    method: str = "eigenvector",
    ri_table: str = DEFAULT_RI_TABLE,
    threshold: float | str = DEFAULT_THRESHOLD,
    path: str | None = None,
    completion: str = DEFAULT_COMPLETION,
) -> AhpResult:
    """Derive priorities and consistency from a pairwise comparison matrix.

    Parameters
    ----------
    matrix
        Square positive reciprocal matrix, ``a_ij`` = importance of i over j; ``nan`` or
        ``None`` marks a missing judgment (completed, see the module docstring). Entries
        need not be on Saaty's integer scale (aggregated group judgments are accepted).
    labels
        Criterion names, in matrix order.
    method
        ``"eigenvector"`` (Saaty) or ``"geometric"`` (row geometric mean / LLSM).
    ri_table
        Name of the random-index table (:data:`RI_TABLES`), default Saaty 1980.
    threshold
        CR acceptance limit: a number (default 0.10 for every n) or ``"saaty_1994"``.
    path
        File the matrix came from, for error messages.
    completion
        How the eigenvector method fills missing judgments: ``"bfr"`` (default, the filling
        that minimises lambda_max, Bozóki, Fülöp & Rónyai 2010) or ``"harker"`` (Harker
        1987). The geometric method always uses its own optimal (LLSM) completion.
        ``weight_ranges`` and, when at least a quarter of the judgments are missing, a
        ``weights_depend_on_missing`` note say how far each weight moves when each missing
        judgment runs over Saaty's scale; a completed value outside 1/9 ... 9 gets a
        ``completed_off_scale`` note.

    Notes
    -----
    lambda_max is always the Perron root of the (completed) matrix, whatever the method:
    CR judges the judgments, and Saaty's RI is calibrated on the Perron root. For a missing
    judgment filled with w_i/w_j, Harker's weights remain the principal eigenvector of the
    completed matrix, so its lambda_max equals that of Harker's modified matrix. CI is
    clamped at 0 (rounding can give lambda_max = n - 1e-15); CR = 0 for n <= 2.
    """
    method = method_name(method, path=path)
    names = tuple(str(label) for label in labels)
    n = len(names)
    if n == 0:
        raise JudgmentError(Issue(code="matrix_empty", path=path, message="no criteria to weigh"))
    ri = random_index(n, ri_table)
    limit = consistency_threshold(n, threshold)
    a = check_matrix(matrix, names, path=path)
    missing = np.isnan(a)
    groups = components(~missing)
    if len(groups) > 1:
        raise _disconnected(groups, names, path)
    completion = completion_name(completion, path=path, field="completion")
    used: str | None = None
    if not missing.any():
        w = llsm_weights(a) if method == "geometric" else perron(a)[1]
        completed = a
    elif method == "geometric":
        w, used = llsm_weights(a), "llsm"
        completed = np.where(missing, np.outer(w, 1.0 / w), a)
    else:
        used = completion
        completed = bfr_completion(a) if completion == "bfr" else harker_completion(a)
        w = perron(completed)[1]
    lam = perron(completed)[0] if n > 2 else float(n)
    ci = max(0.0, (lam - n) / (n - 1)) if n > 2 else 0.0
    cr = ci / ri if n > 2 else 0.0
    estimated = tuple((names[i], names[j]) for i, j in zip(*np.nonzero(np.triu(missing)),
                                                             strict=True))
    notes: list[Note] = []
    ranges: tuple[tuple[float, float], ...] = ()
    if estimated:
        how = "LLSM (Bozóki et al. 2010)" if used == "llsm" else COMPLETIONS[completion]
        notes.append(Note.of("judgments_estimated", n=len(estimated), total=n * (n - 1) // 2,
                             how=how))
        notes += off_scale_notes(completed, estimated, names)
        low, high = missing_dependence(completed, missing)
        ranges = tuple((float(lo), float(hi)) for lo, hi in zip(low, high, strict=True))
        if 4 * len(estimated) >= n * (n - 1) // 2 and len(estimated) >= 2:
            k = int(np.argmax(high - low))
            notes.append(Note.of(
                "weights_depend_on_missing", n=len(estimated), total=n * (n - 1) // 2,
                criterion=names[k], low=round(float(low[k]), 4), high=round(float(high[k]), 4),
                weight=round(float(w[k]), 4)))
    return AhpResult(
        labels=names, weights=tuple(float(x) for x in w), lambda_max=lam, ci=ci, cr=cr, ri=ri,
        ri_table=ri_table, threshold=limit,
        threshold_rule=threshold if isinstance(threshold, str) else "fixed",
        consistent=cr <= limit, method=method, completed=bool(estimated), estimated=estimated,
        matrix=completed, notes=tuple(notes), completion=used, weight_ranges=ranges)


def ahp_from_pairs(
    judgments: Mapping[tuple[str, str], object],
    *,
    labels: Sequence[str] | None = None,
    method: str = "eigenvector",
    ri_table: str = DEFAULT_RI_TABLE,
    threshold: float | str = DEFAULT_THRESHOLD,
    path: str | None = None,
    completion: str = DEFAULT_COMPLETION,
) -> AhpResult:
    """Run :func:`ahp` on named judgments such as ``{("cost", "quality"): "1/3"}``."""
    names, matrix = pairwise_from_pairs(judgments, labels=labels, path=path)
    return ahp(matrix, names, method=method, ri_table=ri_table, threshold=threshold, path=path,
               completion=completion)


def direct_weights(weights: Mapping[str, object], *, path: str | None = None) -> dict[str, float]:
    """Normalise directly assigned weights (points, percentages) to sum to 1.

    Raises
    ------
    JudgmentError
        For a negative, non-numeric or non-finite weight, or when all weights are zero.
    """
    issues, values = [], {}
    for name, raw in weights.items():
        value = parse_fraction(raw)
        if not math.isfinite(value) or value < 0:
            issues.append(Issue(code="weight_invalid", path=path, field=str(name),
                                value=str(raw), message=f"weight of '{name}' must be a "
                                f"non-negative number, got {raw!r}"))
        values[str(name)] = value
    total = sum(values.values())
    if not issues and not total > 0:
        issues.append(Issue(code="weights_all_zero", path=path, message="at least one weight "
                            "must be positive" if values else "no weights given"))
    if issues:
        raise JudgmentError(issues)
    return {name: value / total for name, value in values.items()}


def global_weights(
    tree: Mapping[str, AhpResult | Mapping[str, float]], *, root: str | None = None
) -> dict[str, float]:
    """Synthesise global weights of the leaves of a goal -> criteria -> ... hierarchy.

    ``tree`` maps each inner node to the local weights of its children (an
    :class:`AhpResult` or a mapping, normalised by :func:`direct_weights`). A leaf's global
    weight is the sum over all paths from the root of the products of local weights
    (distributive synthesis, Saaty 1980, ch. 2), so alternatives judged under every
    criterion are synthesised too. The result, in order of discovery, sums to 1.

    Raises
    ------
    JudgmentError
        When the root is ambiguous or the hierarchy has a cycle.
    """
    local = {node: dict(w.weights_by_label) if isinstance(w, AhpResult) else direct_weights(w)
             for node, w in tree.items()}
    children = {c for ws in local.values() for c in ws}
    roots = [node for node in local if node not in children]
    if root is None and len(roots) != 1:
        raise JudgmentError(Issue(code="hierarchy_root", value=", ".join(roots), message=(
            f"a hierarchy needs exactly one top node, found {len(roots)}: {', '.join(roots)}")))
    start = root if root is not None else roots[0]
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, trail: tuple[str, ...]) -> None:
        if state.get(node) == 1:
            raise JudgmentError(Issue(code="hierarchy_cycle", value=node, message=(
                f"the hierarchy loops back: {' -> '.join((*trail, node))}")))
        if state.get(node) == 2:
            return
        state[node] = 1
        for child in local.get(node, {}):
            visit(child, (*trail, node))
        state[node] = 2
        order.append(node)

    visit(start, ())
    mass = dict.fromkeys(order, 0.0)
    mass[start] = 1.0
    for node in reversed(order):  # reverse post-order is a topological order
        for child, w in local.get(node, {}).items():
            mass[child] += mass[node] * w
    discovered = {start: 0}  # breadth-first, so leaves come out in the order the user listed
    queue = [start]
    while queue:
        for child in local.get(queue.pop(0), {}):
            if child not in discovered:
                discovered[child] = len(discovered)
                queue.append(child)
    return {leaf: mass[leaf] for leaf in sorted(discovered, key=discovered.__getitem__)
            if leaf not in local}
