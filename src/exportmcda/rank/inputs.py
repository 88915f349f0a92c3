"""Criterion directions and the checks every ranking input passes before any method sees it.

pymcdm validates little and mostly *warns* (weights not summing to one, dominated
alternatives) or fails deep inside a normalisation with a bare ``ValueError`` or a NaN.
exportmcda checks the decision problem once, here, and raises an
:class:`~exportmcda.errors.InputError` (matrix) or :class:`~exportmcda.errors.JudgmentError`
(weights) whose message names the offending criterion or alternative. The fast TOPSIS
(:mod:`exportmcda.rank.fasttopsis`) uses the same checks (:func:`check_shape`,
:func:`check_weight_values`, :func:`not_finite_error`), so a bad input reads the same
whichever path ranks it. The ``±1`` encoding of
directions that pymcdm expects is produced only by :func:`types_vector`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import InputError, Issue, JudgmentError
from exportmcda.rank.directions import Direction, DirectionLike

__all__ = [
    "WEIGHT_SUM_TOLERANCE",
    "Direction",
    "DirectionLike",
    "check_matrix",
    "check_shape",
    "check_values",
    "check_weight_values",
    "check_weights",
    "not_finite_error",
    "read_only",
    "types_vector",
]


#: Weights must sum to one within this absolute tolerance. AHP eigenvectors and typed-in
#: weights such as 0.25/0.25/0.5 meet it; 0.33/0.33/0.33 (sum 0.99) does not and is refused
#: rather than silently rescaled (pymcdm only warns beyond 0.01, ``validators.weights_validator``).
WEIGHT_SUM_TOLERANCE = 1e-6

def read_only(array: ArrayLike, dtype: type = float) -> NDArray[np.float64]:
    """Copy ``array`` into a new C-contiguous array that cannot be modified."""
    out: NDArray[np.float64] = np.array(array, dtype=dtype, order="C", copy=True)
    out.flags.writeable = False
    return out


def _names(names: Sequence[str] | None, count: int, prefix: str) -> tuple[str, ...]:
    if names is None:
        return tuple(f"{prefix}{i + 1}" for i in range(count))
    return tuple(str(n) for n in names)


def types_vector(
    types: Sequence[DirectionLike] | Mapping[str, DirectionLike] | ArrayLike,
    criteria: Sequence[str],
) -> NDArray[np.int64]:
    """Directions (one per criterion, or keyed by criterion name) as pymcdm's ±1 vector.

    Raises
    ------
    InputError
        If the count or the names do not match ``criteria`` or a direction is unknown.
    """
    if (
        isinstance(types, np.ndarray)
        and types.dtype.kind in "iuf"
        and types.shape == (len(criteria),)
        and np.all(np.abs(types) == 1)
    ):
        return types.astype(np.int64)
    if isinstance(types, Mapping):
        _check_keys(types, criteria, "directions", InputError)
        items: list[object] = [types[c] for c in criteria]
    else:
        items = list(np.asarray(types, dtype=object).reshape(-1))
        if len(items) != len(criteria):
            raise InputError.single(
                "ranking.directions_count",
                f"{len(items)} criterion directions given for {len(criteria)} criteria",
                field="types",
                value=len(items),
            )
    signs = []
    for name, item in zip(criteria, items, strict=True):
        try:
            signs.append(Direction.parse(item).sign)  # type: ignore[arg-type]
        except InputError:
            raise InputError.single(
                "ranking.bad_direction",
                f"criterion '{name}': direction must be benefit/max/+/1 or cost/min/-/-1, "
                f"got {item!r}",
                field=name,
                value=item,
            ) from None
    return np.array(signs, dtype=np.int64)


def _check_keys(
    given: Mapping[str, object],
    criteria: Sequence[str],
    what: str,
    error: type[InputError] | type[JudgmentError],
) -> None:
    missing = [c for c in criteria if c not in given]
    extra = [k for k in given if k not in set(criteria)]
    if missing or extra:
        raise error.single(
            f"ranking.{what}_keys",
            f"{what} do not match the criteria: missing {missing}, unknown {extra}",
            field=what,
        )


def check_shape(values: NDArray[np.float64]) -> tuple[int, int]:
    """Check that a decision matrix is 2-D with >= 2 alternatives and >= 1 criterion.

    The one shape check of every ranking input (:func:`check_matrix` and the fast TOPSIS
    of :mod:`exportmcda.rank.fasttopsis`); returns (alternatives, criteria).

    Raises
    ------
    InputError
        ``ranking.matrix_shape``, ``ranking.too_few_alternatives`` or ``ranking.no_criteria``.
    """
    if values.ndim != 2:
        raise InputError.single(
            "ranking.matrix_shape",
            f"the decision matrix must be 2-D (alternatives x criteria), got shape {values.shape}",
        )
    n_alt, n_crit = values.shape
    if n_alt < 2:
        raise InputError.single(
            "ranking.too_few_alternatives",
            f"ranking needs at least 2 alternatives, got {n_alt}",
            value=n_alt,
        )
    if n_crit < 1:
        raise InputError.single("ranking.no_criteria", "the decision matrix has no criterion")
    return n_alt, n_crit


def not_finite_error(
    values: NDArray[np.float64],
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> InputError:
    """The error naming the first NaN or infinite cell of ``values`` (which must have one)."""
    alt_names = _names(alternatives, values.shape[0], "A")
    crit_names = _names(criteria, values.shape[1], "C")
    bad = np.argwhere(~np.isfinite(values))
    i, j = (int(k) for k in bad[0])
    return InputError(Issue.of(
        "ranking.not_finite",
        f"alternative '{alt_names[i]}', criterion '{crit_names[j]}': value must be a finite "
        f"number (not NaN or infinity), got {float(values[i, j])!r} ({len(bad)} such "
        f"cell{'s' * (len(bad) > 1)})",
        row=i + 1,
        field=crit_names[j],
        value=values[i, j],
    ))


def check_weight_values(w: NDArray[np.float64], criteria: Sequence[str]) -> None:
    """Check one weight vector (d,) or many (n, d): d matches, every weight finite and >= 0.

    The one weight check of every ranking input: :func:`check_weights` adds the sum rule
    for a ranking, while the fast TOPSIS and the robustness analyses accept any scale.

    Raises
    ------
    JudgmentError
        ``ranking.weights_count`` or ``ranking.bad_weight`` (naming the criterion).
    """
    if w.ndim not in (1, 2) or w.shape[-1] != len(criteria):
        count = w.shape[-1] if w.ndim else w.size
        shape = "" if w.ndim == 1 else f" (weights of shape {w.shape})"
        raise JudgmentError.single(
            "ranking.weights_count",
            f"{count} weights given for {len(criteria)} criteria ({', '.join(criteria)}){shape}",
            field="weights",
            value=count,
        )
    bad = np.argwhere(~(np.isfinite(w) & (w >= 0)).reshape(-1, w.shape[-1]))
    if bad.size:
        row, j = (int(k) for k in bad[0])
        value = float(w.reshape(-1, w.shape[-1])[row, j])
        raise JudgmentError.single(
            "ranking.bad_weight",
            f"criterion '{criteria[j]}': weight must be a finite number >= 0, got {value!r}",
            field=criteria[j],
            value=value,
        )


def _float_copy(matrix: ArrayLike) -> NDArray[np.float64]:
    """A new float64 array of ``matrix``, allocated once, in the layout ``np.array`` gives.

    A DataFrame of float64 columns is copied column by column into one column-major array:
    ``np.array(frame)`` would first interleave the frame's blocks into such an array, then
    copy it (two matrices alive at once: 45 MB each at 565,000 x 10). The layout is
    ``np.array``'s (column-major for a frame) because the distances' BLAS row sums, hence
    the last bit of every score, depend on it. Anything else goes through ``np.array``.
    """
    dtypes = getattr(matrix, "dtypes", None)
    iloc = getattr(matrix, "iloc", None)
    if iloc is not None and getattr(matrix, "ndim", 0) == 2 and all(
        d == np.float64 for d in dtypes  # type: ignore[union-attr]
    ):
        n_rows, n_cols = matrix.shape  # type: ignore[union-attr]
        out = np.empty((n_rows, n_cols), order="F")
        for j in range(n_cols):
            out[:, j] = iloc[:, j].to_numpy()
        return out
    values: NDArray[np.float64] = np.array(matrix, dtype=float)
    return values


def check_matrix(
    matrix: ArrayLike,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> tuple[NDArray[np.float64], tuple[str, ...], tuple[str, ...]]:
    """Validate a decision matrix (alternatives in rows, criteria in columns).

    Returns a float copy and the alternative and criterion names (``A1…``/``C1…`` when not
    given).

    Raises
    ------
    InputError
        Not two-dimensional, fewer than two alternatives, no criterion, names of the wrong
        length, or a NaN/infinite/non-numeric cell (the first bad cell is named).
    """
    values = _numeric(matrix)
    n_alt, n_crit = check_shape(values)
    alt_names = _names(alternatives, n_alt, "A")
    crit_names = _names(criteria, n_crit, "C")
    _check_count(alt_names, n_alt, "alternative")
    _check_count(crit_names, n_crit, "criterion")
    if not np.isfinite(values).all():
        raise not_finite_error(values, alt_names, crit_names)
    return values, alt_names, crit_names


def check_values(matrix: ArrayLike, criteria: Sequence[str]) -> NDArray[np.float64]:
    """:func:`check_matrix` without alternative names: its checks, its float copy, its errors.

    The ``A1…`` names a refusal shows are made only for that refusal: a tuple of them for
    every alternative cost about 35 MB at 565,000 alternatives for a check that passes
    (issue 13, item 10).
    """
    values = _numeric(matrix)
    n_alt, n_crit = check_shape(values)
    crit_names = _names(criteria, n_crit, "C")
    _check_count(crit_names, n_crit, "criterion")
    if not np.isfinite(values).all():
        raise not_finite_error(values, _names(None, n_alt, "A"), crit_names)
    return values


def _numeric(matrix: ArrayLike) -> NDArray[np.float64]:
    """The matrix's float copy (:func:`_float_copy`); a non-numeric one refused."""
    try:
        return _float_copy(matrix)
    except (TypeError, ValueError) as exc:
        raise InputError.single(
            "ranking.not_numeric", f"the decision matrix must be numeric: {exc}"
        ) from None


def _check_count(names: tuple[str, ...], count: int, what: str) -> None:
    """Refuse names of the wrong length for the matrix's rows or columns."""
    if len(names) != count:
        raise InputError.single(
            "ranking.names_count",
            f"{len(names)} {what} names given for {count} matrix "
            f"{'rows' if what == 'alternative' else 'columns'}",
            value=len(names),
        )


def check_weights(
    weights: ArrayLike | Mapping[str, float],
    criteria: Sequence[str],
    *,
    normalize: bool = False,
) -> NDArray[np.float64]:
    """Validate criterion weights: one finite, non-negative weight per criterion, summing to 1.

    With ``normalize=True`` weights are divided by their sum instead of being refused when
    the sum is not 1 (never silently: the caller records that it happened).

    Raises
    ------
    JudgmentError
        Wrong count or names, a NaN/negative weight, all weights zero, or (without
        ``normalize``) a sum off 1 by more than :data:`WEIGHT_SUM_TOLERANCE`.
    """
    if isinstance(weights, Mapping):
        _check_keys(weights, criteria, "weights", JudgmentError)
        raw: ArrayLike = [weights[c] for c in criteria]
    else:
        raw = weights
    try:
        w = np.array(raw, dtype=float).reshape(-1)
    except (TypeError, ValueError) as exc:
        raise JudgmentError.single("ranking.weights_not_numeric", f"weights: {exc}") from None
    check_weight_values(w, criteria)
    total = float(w.sum())
    if total <= 0:
        raise JudgmentError.single(
            "ranking.zero_weights", "all weights are zero", field="weights", value=total
        )
    if normalize:
        return w / total
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise JudgmentError.single(
            "ranking.weights_sum",
            f"weights sum to {total:.6g}, not 1; fix them or pass normalize_weights=True",
            field="weights",
            value=total,
        )
    return w
