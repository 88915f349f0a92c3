"""The exact solver of the rule-bound shortlist: the candidates, the integer program, the shortcuts.

The problem, stated once. Technologies i = 1..n of a ranking with TOPSIS closeness s_i;
choose x_i ∈ {0, 1} to

    maximise  Σ s_i x_i            (the sum of the closeness scores of the chosen set)
    subject to Σ x_i = N, and every rule of :mod:`exportmcda.model.rules` as a linear
    constraint: Σ_{i ∈ company c} x_i ≤ m for every company c; Σ_{i SME} x_i ≥ ⌈S·N⌉;
    Σ_{i outside the capital region} x_i ≥ j; Σ_{i ∈ field f} x_i ≥ k (or ≤ k);
    x_i = 0 (excluded), x_i = 1 (required).

It is solved exactly as a 0/1 integer program by :func:`scipy.optimize.milp` (HiGHS
branch and bound, relative gap 0: the optimum is certified by the solver's dual bound, and the
remaining gap is reported). The objective is scaled so that HiGHS's absolute gap tolerance
(1e-6) is below 1e-12 of closeness, the tie tolerance of :mod:`exportmcda.rank.ranks`.

Greedy only where it is proven equal: when the only rules exclude or require technologies
(the problem is then "the required ones, plus the best N − r of the others": any other set
swaps a chosen technology for one that scores no more), and when the ranking's top N already
meets every rule (it is the optimum without rules, and it is feasible). With no rule at all
the shortlist is exactly :meth:`~exportmcda.model.selection.Selection.top_ids`.

Ties (deterministic, by technology id): sets whose score sums agree within N × 1e-12 (the tie
tolerance once per member) are tied, and among them the one whose members come first in the
ranking's order (score, then technology id: the tie rule of
:func:`~exportmcda.rank.ranks.rank_with_ties`) is chosen — a second integer program minimises
the sum of the members' integer ranks among the sets within that tolerance of the optimum.
Sets still equal on that sum (e.g. ranks {1, 4} against {2, 3}) are separated by HiGHS, which is
deterministic for a given model; the model is built in the canonical order, so the result
never depends on the order of the database's rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from exportmcda.data.taxonomy import COMPANY_SIZES, REGIONS, Dimension, lookup
from exportmcda.errors import ConfigError
from exportmcda.model.rules import Rule, RuleKind
from exportmcda.rank.ranks import TIE_TOLERANCE, rank_with_ties

if TYPE_CHECKING:
    from exportmcda.data.database import Database
    from exportmcda.model.selection import Selection

__all__ = [
    "CAPITAL_REGIONS",
    "SME_SIZE",
    "TIME_LIMIT",
    "Pool",
    "Solution",
    "feasible",
    "optimum",
    "score_of",
    "sme_count",
]

SME_SIZE = COMPANY_SIZES[0].number
"""Company size 1, "small and medium-sized enterprise" (중소기업), of the study's size
definition (Kim 2021, §II); see :mod:`exportmcda.model.rules`."""

CAPITAL_REGIONS = frozenset(c.number for c in REGIONS if c.metropolitan)
"""Seoul, Incheon, Gyeonggi-do: the capital region (수도권; Seoul Metropolitan Area
Readjustment Planning Act, art. 2)."""

_SCALE = 1e6
"""Largest |objective coefficient| handed to HiGHS: its absolute gap tolerance (1e-6) is then
at most 1e-12 of closeness when scores spread over at most 1 (TOPSIS)."""

TIME_LIMIT = 120.0
"""Seconds one solve may take before its best set is returned with its (reported) gap."""

BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]


# ----------------------------------------------------------------------------- the pool


def _read_only(array: NDArray[Any]) -> NDArray[Any]:
    array = np.array(array)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Pool:
    """The candidates the solver chooses from, best first by the ranking's tie rule.

    ``fields``, ``sme`` and ``capital`` are what the rules count; ``None`` when the source
    did not give them (a rule that needs one is then refused). ``described`` holds the
    names shown in results (index: technology id).
    """

    ids: tuple[str, ...]
    scores: FloatArray
    companies: tuple[str, ...]
    fields: tuple[tuple[int, ...], ...] | None = None
    sme: BoolArray | None = None
    capital: BoolArray | None = None
    described: pd.DataFrame | None = None
    country: str | None = None

    @property
    def size(self) -> int:
        """Number of candidates."""
        return len(self.ids)

    @classmethod
    def from_selection(cls, selection: Selection, db: Database) -> Pool:
        """The pool of a ranking (its scores), with sizes and regions from ``db``.

        The scores are the ranking method's: TOPSIS closeness by default, or a WSM score or
        PROMETHEE II net flow (``--method``), each better when higher, as the objective
        needs. The pool of a method whose score is better when lower (VIKOR, SPOTIS) is
        still best first (the ranking's order), but :func:`exportmcda.model.shortlist.
        shortlist` refuses rules for it: maximising the sum would favour the worst.

        Raises
        ------
        ConfigError
            ``unknown_technology`` when ``db`` is not the ranking's database.
        """
        r = selection.result
        ids = tuple(r.alternatives[int(i)] for i in r.order)
        profiles = db.technology_profiles().reindex(list(ids))
        unknown = profiles.index[profiles["company_id"].isna()]
        if len(unknown):
            raise ConfigError.single(
                "unknown_technology", "the ranking's technologies are not in this database",
                value=", ".join(map(str, unknown[:5])))
        fields_of = selection.fields_of
        fields = None if fields_of is None else tuple(
            tuple(int(f) for f in numbers) for numbers in fields_of.reindex(list(ids)))
        shown = selection.technologies.loc[list(ids)]
        return cls(
            ids=ids, scores=_read_only(r.scores[r.order].astype(np.float64)),
            companies=tuple(str(c) for c in profiles["company_id"]),
            fields=fields,
            sme=_read_only((profiles["company_size"] == SME_SIZE).to_numpy(dtype=bool)),
            capital=_read_only(profiles["region"].isin(CAPITAL_REGIONS).to_numpy(dtype=bool)),
            described=shown, country=selection.country.code,
        )

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, country: str | None = None) -> Pool:
        """A pool from a scores frame (any source of scores, e.g. a notebook's).

        Columns: ``technology_id`` (or the index), ``score`` (higher is better, finite),
        ``company_id``; optional ``fields`` (an iterable of field numbers or names per
        row), ``sme`` and ``capital_region`` (true/false), and names to show
        (``technology_name``, ``company_name``, ...). Rows are ordered by the tie rule
        (score, then technology id), whatever their order in the frame.

        Raises
        ------
        ConfigError
            ``shortlist_frame`` naming a missing column, a repeated id or a bad score.
        """
        data = frame if "technology_id" in frame.columns else frame.rename_axis(
            "technology_id").reset_index()
        for column in ("technology_id", "score", "company_id"):
            if column not in data.columns:
                raise ConfigError.single("shortlist_frame", f"the frame needs a '{column}' "
                                         "column", field=column)
        ids_all = [str(t) for t in data["technology_id"]]
        if len(set(ids_all)) != len(ids_all):
            raise ConfigError.single("shortlist_frame", "technology ids must be unique",
                                     field="technology_id")
        scores = pd.to_numeric(data["score"], errors="coerce").to_numpy(dtype=np.float64)
        if not np.all(np.isfinite(scores)):
            raise ConfigError.single("shortlist_frame", "every score must be a finite number",
                                     field="score")
        order = rank_with_ties(scores, keys=ids_all).order
        rows = data.iloc[order]
        ids = tuple(ids_all[int(i)] for i in order)
        fields = None
        if "fields" in rows.columns:
            fields = tuple(_field_numbers(v, t) for v, t in zip(rows["fields"], ids,
                                                                strict=True))
        flags = {c: _read_only(rows[c].astype(bool).to_numpy()) for c in ("sme",
                 "capital_region") if c in rows.columns}
        shown = rows.set_index("technology_id").drop(columns=["score"])
        shown.index = pd.Index(ids, name="technology_id")
        return cls(ids=ids, scores=_read_only(scores[order]),
                   companies=tuple(str(c) for c in rows["company_id"]), fields=fields,
                   sme=flags.get("sme"), capital=flags.get("capital_region"),
                   described=shown, country=country)


def _field_numbers(value: object, tid: str) -> tuple[int, ...]:
    """A row's ``fields`` cell (one field, or an iterable of numbers or names) as numbers."""
    if isinstance(value, str | int):
        items: list[object] = [value]
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        raise ConfigError.single("shortlist_frame", f"technology {tid}: 'fields' is a list of "
                                 "field numbers or names", field="fields", value=value)
    out = []
    for item in items:
        category = lookup(Dimension.FIELD, item) if isinstance(item, str | int) else None
        if category is None:
            raise ConfigError.single("shortlist_frame", f"technology {tid}: unknown field "
                                     f"'{item}'", field="fields", value=item)
        out.append(category.number)
    return tuple(out)


# ----------------------------------------------------------------------------- the model


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Model:
    """Linear rows lo ≤ A x ≤ hi and variable bounds, in the pool's order."""

    rows: list[tuple[NDArray[np.intp], float, float]]
    lower: FloatArray
    upper: FloatArray


def _members(pool: Pool, rule: Rule) -> NDArray[np.intp]:
    """Indices of the pool a count rule counts (SMEs, non-capital, a field's members)."""
    if rule.kind is RuleKind.MIN_SME_SHARE:
        return np.flatnonzero(pool.sme)  # type: ignore[arg-type]
    if rule.kind is RuleKind.MIN_NON_CAPITAL:
        return np.flatnonzero(~pool.capital)  # type: ignore[operator]
    number = rule.field_number
    fields = pool.fields or ()
    return np.array([i for i, fs in enumerate(fields) if number in fs], dtype=np.intp)


def sme_count(share: float, top: int) -> int:
    """⌈S·N⌉ SMEs, with a tolerance so that 0.3 × 10 is 3, not 4 (0.30000000000000004)."""
    return math.ceil(share * top - 1e-9)


def _model(pool: Pool, rules: Sequence[Rule], top: int) -> _Model | None:
    """The constraints of ``rules``; None when exclude and require name one technology."""
    lower = np.zeros(pool.size)
    upper = np.ones(pool.size)
    position = {t: i for i, t in enumerate(pool.ids)}
    rows: list[tuple[NDArray[np.intp], float, float]] = [
        (np.arange(pool.size, dtype=np.intp), float(top), float(top))]
    for rule in rules:
        kind = rule.kind
        if kind is RuleKind.EXCLUDE:
            upper[position[rule.target or ""]] = 0.0
        elif kind is RuleKind.REQUIRE:
            lower[position[rule.target or ""]] = 1.0
        elif kind is RuleKind.MAX_PER_COMPANY:
            codes, inverse = np.unique(np.array(pool.companies, dtype=object),
                                       return_inverse=True)
            counts = np.bincount(inverse, minlength=len(codes))
            for c in np.flatnonzero(counts > rule.value):
                rows.append((np.flatnonzero(inverse == c), -np.inf, float(rule.value)))
        elif kind is RuleKind.MIN_SME_SHARE:
            rows.append((_members(pool, rule), float(sme_count(rule.value, top)), np.inf))
        elif kind in (RuleKind.MIN_NON_CAPITAL, RuleKind.MIN_PER_FIELD):
            rows.append((_members(pool, rule), float(rule.value), np.inf))
        else:  # MAX_PER_FIELD
            rows.append((_members(pool, rule), -np.inf, float(rule.value)))
    if np.any(lower > upper):
        return None
    return _Model(rows=rows, lower=lower, upper=upper)


def _satisfies(model: _Model, chosen: BoolArray) -> bool:
    """Whether a 0/1 choice meets every row and bound of ``model`` (exact integer counts)."""
    if np.any(chosen & (model.upper == 0)) or np.any(~chosen & (model.lower == 1)):
        return False
    for index, lo, hi in model.rows:
        count = int(np.count_nonzero(chosen[index]))
        if not lo <= count <= hi:
            return False
    return True


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Solution:
    """A chosen set (over the pool, in its order), its score and how it was found."""

    chosen: BoolArray  # over the pool, in its order
    score: float
    solver: str  # "greedy" or "milp"
    gap: float = 0.0  # certified bound minus the score (closeness units)
    proven: bool = True

    def ids(self, pool: Pool) -> tuple[str, ...]:
        """The chosen technology ids, in the ranking's order."""
        return tuple(pool.ids[int(i)] for i in np.flatnonzero(self.chosen))


def score_of(pool: Pool, chosen: BoolArray) -> float:
    """Sum of the closeness of the chosen set (summed in the ranking's order)."""
    return float(np.sum(pool.scores[np.flatnonzero(chosen)]))


def _milp(
    cost: FloatArray, model: _Model, extra: tuple[FloatArray, float] | None = None
) -> tuple[BoolArray, float, bool] | None:
    """Minimise ``cost · x`` over the model's 0/1 points (None: infeasible).

    Returns the rounded choice, HiGHS's dual bound and whether optimality was proven.
    ``extra`` adds the dense row ``a · x ≤ b``. Presolve is off: for these small models it
    costs more than it saves (0.1–0.4 s against ~20 ms on the sample's 1,044 technologies).
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    n = len(cost)
    indptr = np.cumsum([0, *(len(index) for index, _, _ in model.rows)])
    columns = np.concatenate([index for index, _, _ in model.rows]) if model.rows else (
        np.zeros(0, dtype=np.intp))
    matrix = csr_array((np.ones(len(columns)), columns, indptr), shape=(len(model.rows), n))
    constraints = [LinearConstraint(matrix, [lo for _, lo, _ in model.rows],
                                    [hi for _, _, hi in model.rows])]
    if extra is not None:
        constraints.append(LinearConstraint(extra[0][np.newaxis, :], -np.inf, extra[1]))
    result = milp(cost, integrality=np.ones(n), bounds=Bounds(model.lower, model.upper),
                  constraints=constraints,
                  options={"presolve": False, "mip_rel_gap": 0.0, "time_limit": TIME_LIMIT})
    if result.status == 2:  # infeasible
        return None
    if result.x is None:
        raise ConfigError.single("shortlist_solver", f"the integer program was not solved: "
                                 f"{result.message}")
    chosen = np.asarray(result.x) > 0.5
    bound = result.mip_dual_bound
    return chosen, float(bound) if bound is not None else float(cost @ chosen), (
        result.status == 0)


def _greedy(pool: Pool, rules: Sequence[Rule], top: int) -> Solution | None:
    """Required ones plus the best others in the ranking's order (exclude/require only)."""
    excluded = {r.target for r in rules if r.kind is RuleKind.EXCLUDE}
    required = {r.target for r in rules if r.kind is RuleKind.REQUIRE}
    if excluded & required or len(required) > top:
        return None
    chosen = np.array([t in required for t in pool.ids])
    free = [i for i, t in enumerate(pool.ids) if t not in excluded and t not in required]
    need = top - len(required)
    if len(free) < need:
        return None
    chosen[free[:need]] = True
    return Solution(chosen=chosen, score=score_of(pool, chosen), solver="greedy")


def optimum(
    pool: Pool, rules: Sequence[Rule], top: int, *, greedy: bool = True
) -> Solution | None:
    """The best set of ``top`` meeting ``rules``, ties by the ranking's order; None if none.

    ``greedy=False`` skips the proven shortcuts (to check them against the integer program).
    """
    if greedy and all(r.kind.per_technology for r in rules):
        return _greedy(pool, rules, top)
    model = _model(pool, rules, top)
    if model is None:
        return None
    first_n = np.arange(pool.size) < top
    if greedy and _satisfies(model, first_n):  # the unconstrained optimum is feasible
        return Solution(chosen=first_n, score=score_of(pool, first_n), solver="greedy")
    reference = pool.scores[top - 1]
    spread = float(np.max(np.abs(pool.scores - reference)))
    scale = _SCALE / spread if spread > 0 else 1.0
    cost = -(pool.scores - reference) * scale
    found = _milp(cost, model)
    if found is None:
        return None
    chosen, bound, proven = found
    if not _satisfies(model, chosen):  # pragma: no cover - HiGHS returned a violating point
        raise ConfigError.single("shortlist_solver", "the solver's set breaks a rule")
    value = float(cost @ chosen)
    gap = max(0.0, value - bound) / scale
    tolerance = top * TIE_TOLERANCE
    ordinal = np.arange(1, pool.size + 1, dtype=np.float64)
    second = _milp(ordinal, model, (cost, value + tolerance * scale))
    if second is not None:
        tied = second[0]
        if _satisfies(model, tied) and score_of(pool, tied) >= score_of(pool, chosen) - tolerance:
            chosen = tied
    return Solution(chosen=chosen, score=score_of(pool, chosen), solver="milp", gap=gap,
                     proven=proven)


def feasible(pool: Pool, rules: Sequence[Rule], top: int) -> bool:
    """Whether some set of ``top`` meets ``rules`` (a zero objective: any point will do)."""
    if all(r.kind.per_technology for r in rules):
        return _greedy(pool, rules, top) is not None
    model = _model(pool, rules, top)
    if model is None:
        return False
    if _satisfies(model, np.arange(pool.size) < top):
        return True
    return _milp(np.zeros(pool.size), model) is not None
