"""Rank alternatives with TOPSIS (exportmcda's method) or a cross-check method, via pymcdm.

One call shape for every method, ``rank_matrix(matrix, weights, types, method=...)``, as in
pymcdm's ``MCDA_method``; the result carries its inputs, the method and normalisation
actually used (always passed to pymcdm explicitly, never its silent default), the
intermediate tables (the "explain" view), and pymcdm's warnings as ``notes``. TOPSIS with
vector or min-max normalisation runs on :mod:`exportmcda.rank.fasttopsis`, whose results equal
pymcdm's ``TOPSIS`` to 1e-12 (tested) without its per-alternative Python loops.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import ConfigError, InputError, Issue, Note
from exportmcda.rank import pymcdm_adapter
from exportmcda.rank.fasttopsis import (
    FAST_NORMALIZATIONS,
    TopsisTables,
    topsis_closeness,
    topsis_tables,
)
from exportmcda.rank.inputs import (
    Direction,
    DirectionLike,
    check_matrix,
    check_weights,
    read_only,
    types_vector,
)
from exportmcda.rank.methods import (
    METHODS,
    NORMALIZATIONS,
    PROMETHEE_NEEDS,
    MethodSpec,
    build_method,
    resolve,
)
from exportmcda.rank.ranks import (
    TIE_TOLERANCE,
    TieRanks,
    kendall_tau_b,
    rank_with_ties,
    ranks_batch,
    ranks_from_scores,
    top_n_overlap,
)

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "TIE_TOLERANCE",
    "Direction",
    "MethodSpec",
    "RankResult",
    "TieRanks",
    "kendall_tau_b",
    "rank_matrix",
    "ranks_batch",
    "ranks_from_scores",
    "top_n_overlap",
    "topsis_closeness",
]

FloatArray = NDArray[np.float64]

# Why a method's score can be 0/0, for the error message.
_NO_SCORE = {
    "topsis": "all alternatives are identical on every weighted criterion (D+ = D- = 0)",
    "vikor": "every alternative has the same S (group utility) or the same R (individual "
    "regret), so Q divides by zero (Opricovic & Tzeng 2004, eq. 4)",
}

# TOPSIS intermediates under pymcdm's table labels (``verbose=True``), in its order of steps.
_TOPSIS_TABLES = ("nmatrix", "wnmatrix", "nis", "pis", "dnis", "dpis", "pref")


class LazyTopsisTables(Mapping[str, FloatArray]):
    """The fast TOPSIS path's intermediates under pymcdm's labels, matrices on demand.

    The per-alternative vectors are kept; ``nmatrix`` and ``wnmatrix`` (each as large as
    the decision matrix) are recomputed, read-only, on every access, and
    :meth:`rows` gives a few rows of them without the rest: an explanation or a top-20
    record reads its own rows, and keeping both tables for every alternative cost 90 MB
    at 565,000 technologies (bench/README.md, memory at 10^6 rows).
    """

    __slots__ = ("_tables", "_vectors")

    def __init__(self, tables: TopsisTables) -> None:
        self._tables = tables
        self._vectors = {
            "nis": tables.anti_ideal,
            "pis": tables.ideal,
            "dnis": tables.d_minus,
            "dpis": tables.d_plus,
            "pref": tables.closeness,
        }

    def rows(self, label: str, rows: NDArray[np.intp] | None = None) -> FloatArray:
        """Rows of one table (every row when ``None``): bit-identical to the whole table's."""
        if label == "nmatrix":
            out = self._tables.normalized_rows(rows)
        elif label == "wnmatrix":
            out = self._tables.weighted_rows(rows)
        else:
            vector = self._vectors[label]
            return vector if rows is None else vector[rows]
        out.flags.writeable = False
        return out

    def __getitem__(self, label: str) -> FloatArray:
        return self.rows(label)

    def __iter__(self) -> Iterator[str]:
        return iter(_TOPSIS_TABLES)

    def __len__(self) -> int:
        return len(_TOPSIS_TABLES)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RankResult:
    """The ranking of one decision problem by one method, with everything needed to explain it.

    ``scores`` is the method's own preference value (TOPSIS closeness, VIKOR Q, PROMETHEE
    net flow ...); ``higher_is_better`` says how to read it. ``ranks`` has 1 = best and
    tied alternatives share the average rank (pymcdm's ``rankdata`` convention); ``ties``
    holds the tie rule's integer ranks (``ordinal_ranks``: unique 1..N, a tie group ordered
    by alternative name), shared ranks and tie groups (scores equal to
    :data:`~exportmcda.rank.ranks.TIE_TOLERANCE`); ``order`` lists alternative indices best
    first, by the integer rank (independent of the input order). ``intermediates``
    are keyed by pymcdm's table labels, as in its ``verbose=True`` output (TOPSIS:
    ``nmatrix``, ``wnmatrix``, ``nis``, ``pis``, ``dnis``, ``dpis``; on the fast path the
    two matrices are computed on access, see :class:`LazyTopsisTables` and
    :meth:`table_rows`). All arrays are read-only and not shared with the caller's input.
    """

    method: str
    normalization: str | None
    params: Mapping[str, Any]
    engine: str
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    matrix: FloatArray
    weights: FloatArray
    types: NDArray[np.int64]
    scores: FloatArray
    ranks: FloatArray
    order: NDArray[np.intp]
    higher_is_better: bool
    ties: TieRanks
    notes: tuple[Note, ...] = ()
    intermediates: Mapping[str, FloatArray] = field(default_factory=dict)
    provenance: str | None = None

    @property
    def ordinal_ranks(self) -> NDArray[np.int64]:
        """Unique integer ranks 1..N (ties ordered by alternative name, ascending)."""
        return self.ties.ordinal

    @property
    def shared_ranks(self) -> NDArray[np.int64]:
        """Competition ranks: tied alternatives share the best of their positions."""
        return self.ties.shared

    @property
    def has_ties(self) -> bool:
        """Whether any two alternatives are tied."""
        return self.ties.tie_count > 0

    def tied_with(self, i: int) -> list[str]:
        """Names of the alternatives tied with alternative ``i`` (itself excluded)."""
        return [self.alternatives[j] for j in self.ties.tied_with(i)]

    @property
    def directions(self) -> tuple[Direction, ...]:
        """Criterion directions as :class:`Direction` values."""
        return tuple(Direction.parse(int(t)) for t in self.types)

    def _table(self, label: str) -> FloatArray | None:
        return self.intermediates.get(label) if self.method == "topsis" else None

    def table_rows(self, label: str, rows: NDArray[np.intp]) -> FloatArray | None:
        """Rows ``rows`` of a TOPSIS table (``wnmatrix``, ``nmatrix`` ...; None otherwise).

        Equal to ``intermediates[label][rows]`` without building the whole table where the
        fast path left it unbuilt (:class:`LazyTopsisTables`).
        """
        if self.method != "topsis":
            return None
        if isinstance(self.intermediates, LazyTopsisTables):
            return self.intermediates.rows(label, rows)
        table = self.intermediates.get(label)
        return None if table is None else table[rows]

    @property
    def normalized(self) -> FloatArray | None:
        """TOPSIS normalised matrix r_ij (None for other methods)."""
        return self._table("nmatrix")

    @property
    def weighted(self) -> FloatArray | None:
        """TOPSIS weighted normalised matrix v_ij = w_j r_ij."""
        return self._table("wnmatrix")

    @property
    def ideal(self) -> FloatArray | None:
        """TOPSIS positive ideal solution (PIS), the column maxima of ``weighted``."""
        return self._table("pis")

    @property
    def anti_ideal(self) -> FloatArray | None:
        """TOPSIS negative ideal solution (NIS), the column minima of ``weighted``."""
        return self._table("nis")

    @property
    def d_plus(self) -> FloatArray | None:
        """TOPSIS Euclidean distance of each alternative to the PIS."""
        return self._table("dpis")

    @property
    def d_minus(self) -> FloatArray | None:
        """TOPSIS Euclidean distance of each alternative to the NIS."""
        return self._table("dnis")

    def table(self) -> pd.DataFrame:
        """Alternatives in rank order.

        Columns ``alternative``, ``score``, ``rank`` (average), ``shared_rank``,
        ``tied_with``.
        """
        idx = self.order
        return pd.DataFrame(
            {
                "alternative": [self.alternatives[i] for i in idx],
                "score": self.scores[idx],
                "rank": self.ranks[idx],
                "shared_rank": self.shared_ranks[idx],
                "tied_with": [self.tied_with(int(i)) for i in idx],
            }
        )

    def as_records(self) -> list[dict[str, Any]]:
        """Rows of the ``mcda`` JSON, in rank order.

        ``[{"alternative", "score", "rank", "shared_rank", "tied_with"}, ...]``: ``rank`` is
        the average rank (ties share it), ``shared_rank`` the competition rank,
        ``tied_with`` the tied alternatives' names.
        """
        return [
            {
                "alternative": self.alternatives[i],
                "score": float(self.scores[i]),
                "rank": float(self.ranks[i]),
                "shared_rank": int(self.shared_ranks[i]),
                "tied_with": self.tied_with(int(i)),
            }
            for i in self.order
        ]


def _owned_read_only(x: FloatArray) -> FloatArray:
    """``x`` (an array of our own) made read-only, not copied again (45 MB at 10^6 rows)."""
    x.flags.writeable = False
    return x


def _frame_names(
    matrix: Any, alternatives: Sequence[str] | None, criteria: Sequence[str] | None
) -> tuple[Sequence[str] | None, Sequence[str] | None]:
    if isinstance(matrix, pd.DataFrame):
        alternatives = alternatives or list(map(str, matrix.index.to_list()))
        criteria = criteria or list(map(str, matrix.columns.to_list()))
    return alternatives, criteria


def _constant(name: str, spec: MethodSpec, value: float, advice: str) -> InputError:
    return InputError(
        Issue(
            code="ranking.constant_criterion",
            message=f"criterion '{name}' has the same value for every alternative; "
            f"{spec.label} cannot use it ({advice})",
            field=name,
            value=str(value),
        )
    )


def _check_columns(
    x: FloatArray,
    types: NDArray[np.int64],
    spec: MethodSpec,
    normalization: str | None,
    criteria: tuple[str, ...],
) -> list[Note]:
    """Per-criterion checks that name the column pymcdm would fail on (or silently NaN)."""
    notes = []
    norm = None if normalization is None else NORMALIZATIONS[normalization]
    for j, name in enumerate(criteria):
        column = x[:, j]
        if column.min() == column.max():
            if spec.name == "vikor":  # pymcdm raises a ValueError naming only an index
                raise _constant(name, spec, column[0], "remove it")
            notes.append(Note.of("constant_criterion", criterion=name))
        if norm is None:
            continue
        try:
            with np.errstate(all="ignore"):
                normalized = norm(column, cost=bool(types[j] == -1))
        except ValueError as exc:
            normalized, reason = None, str(exc)
        else:
            reason = "it gives NaN or infinity (division by zero)"
        if normalized is None or not np.all(np.isfinite(normalized)):
            raise InputError.single(
                "ranking.normalization_failed",
                f"criterion '{name}': {normalization} normalisation cannot be applied: {reason}",
                field=name,
            )
    return notes


def _method_params(
    spec: MethodSpec, params: dict[str, Any], x: FloatArray, criteria: tuple[str, ...]
) -> dict[str, Any]:
    """Check and complete method parameters pymcdm would otherwise misuse silently."""
    n_crit = x.shape[1]
    if spec.name == "promethee_ii":
        needs = PROMETHEE_NEEDS.get(params["preference_function"])
        if needs is None:
            raise ConfigError.single(
                "ranking.bad_parameter",
                f"PROMETHEE preference_function must be one of {', '.join(PROMETHEE_NEEDS)}, "
                f"got {params['preference_function']!r}",
                value=params["preference_function"],
            )
        for key in ("p", "q"):
            if key in needs and params[key] is None:
                raise ConfigError.single(
                    "ranking.bad_parameter",
                    f"PROMETHEE '{params['preference_function']}' needs {key} "
                    f"(one threshold per criterion)",
                )
            if params[key] is not None:
                values = np.asarray(params[key], dtype=float).reshape(-1)
                if values.shape[0] != n_crit:  # pymcdm would zip() and drop criteria
                    raise ConfigError.single(
                        "ranking.bad_parameter",
                        f"PROMETHEE {key} needs {n_crit} values, one per criterion, "
                        f"got {values.shape[0]}",
                    )
                params[key] = values.tolist()
    if spec.name == "spotis":
        if params["bounds"] is None:
            low, high = x.min(axis=0), x.max(axis=0)
            flat = np.flatnonzero(low == high)
            if flat.size:  # bounds from the data would be [v, v]: SPOTIS divides by zero
                j = int(flat[0])
                raise _constant(criteria[j], spec, low[j], "remove it or pass bounds=")
            params["bounds"] = np.column_stack([low, high])
        params["bounds"] = read_only(params["bounds"])
        if params["bounds"].shape != (n_crit, 2):
            raise ConfigError.single(
                "ranking.bad_parameter",
                f"SPOTIS bounds must have shape ({n_crit}, 2), got {params['bounds'].shape}",
            )
    return params


def rank_matrix(
    matrix: ArrayLike | pd.DataFrame,
    weights: ArrayLike | Mapping[str, float],
    types: Sequence[DirectionLike] | Mapping[str, DirectionLike] | ArrayLike,
    *,
    method: str = "topsis",
    normalization: str | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    normalize_weights: bool = False,
    provenance: str | None = None,
    matrix_checks: bool = True,
    **params: Any,
) -> RankResult:
    """Rank the alternatives (rows) of a decision matrix with one method of :data:`METHODS`.

    Parameters
    ----------
    matrix : array_like or DataFrame, shape (n_alternatives, n_criteria)
        A DataFrame's index and columns name the alternatives and criteria.
    weights : array_like or mapping of criterion -> weight
        Non-negative, summing to 1 (or pass ``normalize_weights=True``).
    types : sequence or mapping of criterion -> direction
        ``Direction`` or any alias (``"benefit"``/``"max"``/``"+"``/``1``, ``"cost"`` ...).
    method : str
        A key of :data:`METHODS` (``topsis``, ``vikor``, ``wsm``, ``promethee_ii``, ``spotis``).
    normalization : str, optional
        A key of :data:`NORMALIZATIONS` the method accepts; default: the method's
        ``default_normalization`` (TOPSIS: ``vector``).
    matrix_checks : bool
        Run pymcdm's own decision-problem validation (its dominance warnings become
        ``notes``). It loops over alternatives in Python (~14 ms for 1,044); a caller that
        re-ranks the same matrix under many weights (the app's sliders) runs it once and
        passes ``False`` afterwards. Our own input checks always run.
    **params
        Method parameters (VIKOR ``v``; PROMETHEE ``preference_function``, ``p``, ``q``;
        SPOTIS ``bounds``, (n_criteria, 2) rows of min, max; without them the matrix's
        column min/max, with a ``spotis_bounds_from_data`` note: such bounds move when
        alternatives are added or removed, so SPOTIS is no longer free of rank reversal).

    Raises
    ------
    InputError
        Bad matrix or directions (shape, NaN/inf, fewer than 2 alternatives, a column the
        method or normalisation cannot use, all alternatives identical).
    JudgmentError
        Bad weights (count, negative, NaN, sum not 1).
    ConfigError
        Unknown method, normalisation or parameter.

    Notes
    -----
    pymcdm's validation (run here so that its warnings become ``notes``) loops over the
    alternatives in Python, about 1 s per 100,000 rows. For very large matrices or many
    weight vectors, call :func:`~exportmcda.rank.fasttopsis.topsis_closeness` directly.
    """
    spec, norm_name, resolved = resolve(method, normalization, params)
    alternatives, criteria = _frame_names(matrix, alternatives, criteria)
    x, alt_names, crit_names = check_matrix(matrix, alternatives, criteria)
    signs = types_vector(types, crit_names)
    w = check_weights(weights, crit_names, normalize=normalize_weights)
    notes: list[Note] = []
    if normalize_weights:
        notes.append(Note.of("weights_normalized"))
    notes += _check_columns(x, signs, spec, norm_name, crit_names)
    if spec.name == "spotis" and resolved["bounds"] is None:
        notes.append(Note.of("spotis_bounds_from_data"))
    resolved = _method_params(spec, resolved, x, crit_names)
    fast = spec.name == "topsis" and norm_name in FAST_NORMALIZATIONS
    # The fast path never builds the pymcdm object (TOPSIS has no checks of its own), so
    # ranking with TOPSIS does not import pymcdm.methods (nor matplotlib through it).
    body = None if fast else build_method(spec, norm_name, resolved)
    lazy: LazyTopsisTables | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if matrix_checks:
                pymcdm_adapter.validate_decision_problem(x, w, signs)
            if body is None:
                # The result keeps the checked copy, in the layout it has (np.array's): the
                # tables recompute rows from it, elementwise, so its layout changes no bit,
                # and a row-major second copy cost 72 MB at 565,000 x 16 (bench/README.md).
                x = _owned_read_only(x)
                lazy = LazyTopsisTables(topsis_tables(x, w, signs, norm_name or "vector"))
                steps: list[tuple[str, Any]] = [("pref", lazy["pref"])]
            else:
                pymcdm_adapter.method_checks(body, x, w, signs)
                steps = pymcdm_adapter.steps(body, x, w, signs)
        except ValueError as exc:  # pymcdm's own checks, mapped to ours (httpx pattern)
            raise InputError.single("ranking.method_failed", f"{spec.label}: {exc}") from None
    notes += [Note.of("pymcdm_warning", message=str(w_.message)) for w_ in caught]
    scores = np.asarray(steps[-1][1], dtype=float)
    if not np.all(np.isfinite(scores)):
        raise InputError.single(
            "ranking.no_ranking",
            f"{spec.label} gives no finite score: {_NO_SCORE.get(spec.name, 'division by zero')}",
        )
    intermediates: Mapping[str, FloatArray] = (
        lazy if lazy is not None
        else MappingProxyType({label: read_only(value) for label, value in steps})
    )
    ties = rank_with_ties(scores, alt_names, spec.higher_is_better)
    notes.append(Note.of("tie_rule", tol=f"{TIE_TOLERANCE:g}", groups=ties.tie_count))
    return RankResult(
        method=spec.name,
        normalization=norm_name,
        params=MappingProxyType(resolved),
        engine="exportmcda.rank.fasttopsis" if body is None
        else f"pymcdm.methods.{type(body).__name__}",
        alternatives=alt_names,
        criteria=crit_names,
        matrix=x if lazy is not None else read_only(x),
        weights=read_only(w),
        types=read_only(signs, dtype=np.int64),  # type: ignore[arg-type]
        scores=read_only(scores),
        ranks=ties.average,
        order=ties.order,
        higher_is_better=spec.higher_is_better,
        ties=ties,
        notes=tuple(dict.fromkeys(notes)),
        intermediates=intermediates,
        provenance=provenance,
    )
