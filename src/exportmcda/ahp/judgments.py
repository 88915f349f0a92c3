"""Pairwise judgments: parsing Saaty-scale values and building checked comparison matrices.

A judgment ``a_ij`` says how many times criterion *i* matters more than criterion *j* on
Saaty's fundamental 1-9 scale (Saaty 1980, *The Analytic Hierarchy Process*, Table 1.1;
Saaty 2008, Int. J. Services Sciences 1(1):83-98, Table 1). A comparison matrix is positive
and reciprocal (``a_ji = 1/a_ij``, ``a_ii = 1``). Following AHPy's ``Compare``, judgments are
keyed by *named* pairs rather than matrix positions, so a typo cannot silently shift a row,
and every error names the pair, the row and the value a user has to fix. A missing judgment
is ``nan``; :mod:`exportmcda.ahp.priorities` completes it (Harker 1987).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import Issue, JudgmentError

__all__ = [
    "RECIPROCAL_RTOL",
    "SAATY_OPTIONS",
    "SAATY_SCALE",
    "check_matrix",
    "components",
    "format_judgment",
    "nearest_saaty",
    "pair_name",
    "pairwise_from_pairs",
    "pairwise_from_table",
    "parse_fraction",
    "parse_judgment",
]

SAATY_SCALE: tuple[Fraction, ...] = tuple(
    [Fraction(1, k) for k in range(9, 1, -1)] + [Fraction(k) for k in range(1, 10)]
)
"""The 17 values of Saaty's fundamental scale, 1/9 ... 1/2, 1 ... 9 (Saaty 1980, Table 1.1)."""

SAATY_OPTIONS: tuple[str, ...] = tuple(
    f"{s.numerator}/{s.denominator}" if s < 1 else str(s.numerator) for s in SAATY_SCALE
)
""":data:`SAATY_SCALE` as a person writes it, ``"1/9"`` ... ``"1/2"``, ``"1"`` ... ``"9"``
(the options of a judgment editor; :func:`parse_fraction` reads each back exactly)."""

RECIPROCAL_RTOL = 1e-9
"""Relative tolerance of the reciprocity check ``a_ij * a_ji == 1`` (float rounding of 1/3)."""

_SPACES_AROUND_SLASH = re.compile(r"\s*/\s*")
_MAX_NUMBER_TEXT = 400
"""Longest text read as a number (a float has 17 significant digits; 400 leaves room)."""
_EXPONENT = re.compile(r"[eE]([+-]?[0-9]+)")
_MAX_EXPONENT = 1000
"""Largest decimal exponent handed to ``Fraction`` (floats end near 1e308 and 1e-324)."""

Judgment = int | float | str | Fraction


def parse_fraction(value: object) -> float:
    """Read a number as a person types it: ``3``, ``"3"``, ``"1/5"``, ``" 1 / 5 "``, ``"0.5"``.

    The one reader of typed numbers (judgments, direct weights, ``--weights`` on the command
    line): strings go through :class:`fractions.Fraction`, so ``"1/3"`` is read exactly as
    typed rather than through ``eval``. Anything else that is not a real number (``None``,
    ``True``, ``"abc"``, ``"1/0"``) gives ``nan``, so each caller reports it in its own terms;
    the value is not range-checked (``"-2"`` gives -2.0, ``float("inf")`` stays inf, and a
    number beyond a float's range, ``"1e309"``, is ±inf rather than an ``OverflowError``).
    Text longer than :data:`_MAX_NUMBER_TEXT` characters is ``nan`` (``Fraction`` would spend
    quadratic time on a million digits).
    """
    if isinstance(value, str):
        text = _SPACES_AROUND_SLASH.sub("/", value.strip())
        if len(text) > _MAX_NUMBER_TEXT:
            return math.nan
        if any(abs(int(e)) > _MAX_EXPONENT for e in _EXPONENT.findall(text)):
            # Fraction("1e999999999") would build a billion-digit integer; a plain number
            # this large or small is what float() says (inf or 0), a ratio of them unreadable.
            try:
                return math.nan if "/" in text else float(text)
            except ValueError:
                return math.nan
        try:
            exact = Fraction(text)
        except (ValueError, ZeroDivisionError):
            return math.nan
        try:
            return float(exact)
        except OverflowError:  # "1e309": a real number, beyond what a float holds
            return math.inf if exact > 0 else -math.inf
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # a huge int or Fraction
            sign = int(value.numerator) if isinstance(value, numbers.Rational) else 1
            return math.inf if sign > 0 else -math.inf
    return math.nan


def pair_name(row: str, column: str) -> str:
    """Name a judgment as a person reads it: ``'cost' vs 'quality'``."""
    return f"'{row}' vs '{column}'"


def _parse(
    value: object,
    what: str,
    limit: float | None,
    *,
    path: str | None = None,
    row: int | None = None,
    field: str | None = None,
) -> float | Issue:
    """Return the judgment as a float, or the :class:`Issue` that explains why it is invalid."""
    number = parse_fraction(value)
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    if math.isinf(number) and not isinstance(value, float) and not (
        isinstance(value, str) and "inf" in value.lower()
    ):
        code = "number_too_large"
        message = "too large to compute with (beyond 1.8e308); Saaty's scale runs to 9"
    elif not math.isfinite(number):
        code, message = "judgment_not_a_number", "expected a number such as 3 or 1/3"
    elif number <= 0:
        code = "judgment_not_positive"
        message = "a judgment must be positive (1 = equal, 1/3 = moderately less important)"
    elif limit is not None and not (1 / limit) * (1 - 1e-12) <= number <= limit * (1 + 1e-12):
        code, message = "judgment_out_of_scale", f"Saaty's scale runs from 1/{limit:g} to {limit:g}"
    else:
        return number
    return Issue.of(code, f"{what}: {message}, got {shown}", path=path, row=row, field=field,
                  value=value)


def parse_judgment(
    value: object,
    *,
    pair: tuple[str, str] | None = None,
    limit: float | None = 9.0,
    path: str | None = None,
    row: int | None = None,
    field: str | None = None,
) -> float:
    """Parse one judgment: ``3``, ``"3"``, ``"1/3"``, ``"0.5"``, ``Fraction(1, 3)``.

    Strings go through :class:`fractions.Fraction`, so ``"1/3"`` is read exactly as typed in
    a spreadsheet rather than through ``eval``. ``limit`` bounds the value to
    ``[1/limit, limit]`` (9 = Saaty's fundamental scale; ``None`` accepts any positive ratio,
    e.g. an aggregated group judgment).

    Raises
    ------
    JudgmentError
        For zero, negative, non-finite (NaN, inf), out-of-scale or unparsable values; the
        message names ``pair`` and the value.
    """
    what = "judgment" if pair is None else f"judgment {pair_name(*pair)}"
    result = _parse(value, what, limit, path=path, row=row, field=field)
    if isinstance(result, Issue):
        raise JudgmentError(result)
    return result


def nearest_saaty(value: float) -> Fraction:
    """Return the value of Saaty's scale nearest to ``value`` on a logarithmic axis.

    Judgments are ratios, so "nearest" is measured as ``|ln a - ln s|`` (3 is as far from 1
    as 1/3 is), the metric of the logarithmic least-squares method (Crawford & Williams 1985,
    J. Math. Psychol. 29:387-405).

    Raises
    ------
    JudgmentError
        For a value that is not positive and finite (``judgment_not_positive``).
    """
    if not (value > 0 and math.isfinite(value)):
        raise JudgmentError(Issue.of("judgment_not_positive", f"a judgment must be a positive "
                                     f"finite number, got {value!r}", value=value))
    return min(SAATY_SCALE, key=lambda s: abs(math.log(value) - math.log(s)))


def format_judgment(value: float) -> str:
    """Show a judgment as a person writes it: ``3``, ``1/3``, or ``2.47`` if not on the scale."""
    if value >= 1 and abs(value - round(value)) <= 1e-9 * value:
        return str(round(value))
    if 0 < value < 1 and abs(1 / value - round(1 / value)) <= 1e-9 / value:
        return f"1/{round(1 / value)}"
    return f"{value:.3g}"


def components(known: NDArray[np.bool_]) -> list[list[int]]:
    """Return the connected components of the graph whose edges are the known judgments.

    Weights are identifiable from incomplete judgments iff this graph is connected (Harker
    1987, Math. Modelling 9(11):837-848; Bozóki, Fülöp & Rónyai 2010, Math. Comput.
    Modelling 52:318-333).
    """
    n = known.shape[0]
    seen = [False] * n
    groups: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        stack, group = [start], []
        while stack:
            node = stack.pop()
            group.append(node)
            for other in np.flatnonzero(known[node]):
                if not seen[other]:
                    seen[other] = True
                    stack.append(int(other))
        groups.append(sorted(group))
    return groups


def _check_labels(labels: Sequence[str], path: str | None, row: int | None) -> list[Issue]:
    issues = []
    seen: set[str] = set()
    for label in labels:
        if not str(label).strip():
            issues.append(Issue.of("matrix_label_empty", "a criterion name is empty", path=path,
                                 row=row))
        elif label in seen:
            issues.append(Issue.of("matrix_duplicate_label", f"criterion '{label}' appears twice",
                                 path=path, row=row, value=label))
        seen.add(label)
    return issues


def _reciprocity(
    matrix: NDArray[np.float64],
    labels: Sequence[str],
    path: str | None,
    first_row: int | None,
) -> list[Issue]:
    """Check ``a_ii = 1`` and ``a_ij * a_ji = 1``; fill one-sided pairs with the reciprocal.

    ``first_row`` is the spreadsheet row of criterion 0 (``None`` when not read from a table).
    """
    issues = []
    n = len(labels)
    for i in range(n):
        row = None if first_row is None else first_row + i
        if math.isnan(matrix[i, i]):
            matrix[i, i] = 1.0
        elif abs(matrix[i, i] - 1) > RECIPROCAL_RTOL:
            issues.append(Issue.of(
                "judgment_diagonal",
                f"judgment {pair_name(labels[i], labels[i])}: a criterion compared with itself "
                f"must be 1, got {format_judgment(matrix[i, i])}",
                path=path, row=row, field=labels[i], value=matrix[i, i]))
        for j in range(i + 1, n):
            a, b = matrix[i, j], matrix[j, i]
            if math.isnan(a) and not math.isnan(b):
                matrix[i, j] = 1 / b
            elif math.isnan(b) and not math.isnan(a):
                matrix[j, i] = 1 / a
            elif not math.isnan(a) and abs(a * b - 1) > RECIPROCAL_RTOL:
                issues.append(Issue.of(
                    "judgment_not_reciprocal",
                    f"judgment {pair_name(labels[i], labels[j])} is {format_judgment(a)} but "
                    f"{pair_name(labels[j], labels[i])} is {format_judgment(b)}; the second must "
                    f"be {format_judgment(1 / a)} (write fractions such as 1/3, not 0.33)",
                    path=path, row=None if first_row is None else first_row + j,
                    field=labels[i], value=b))
    return issues


def check_matrix(
    matrix: ArrayLike, labels: Sequence[str], *, path: str | None = None
) -> NDArray[np.float64]:
    """Validate a comparison matrix and return a reciprocal copy, ``nan`` where missing.

    Checks the shape against ``labels``, that every given entry is positive and finite, the
    diagonal is 1 and each pair given both ways is reciprocal to :data:`RECIPROCAL_RTOL`. A
    pair given one way only (e.g. an upper triangle) is completed with its reciprocal. No
    scale limit is applied: aggregated group judgments are not on Saaty's integer grid.

    Raises
    ------
    JudgmentError
        Listing every problem found, each naming the pair.
    """
    try:
        array = np.array(matrix, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise JudgmentError(Issue.of("judgment_not_a_number", f"the comparison matrix must hold "
                                   f"numbers: {exc}", path=path)) from None
    names = [str(label) for label in labels]
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise JudgmentError(Issue.of("matrix_not_square", f"a comparison matrix must be square, "
                                   f"got shape {array.shape}", path=path))
    if array.shape[0] != len(names):
        raise JudgmentError(Issue.of("matrix_label_mismatch", f"the matrix has {array.shape[0]} "
                                   f"rows but {len(names)} criterion names were given",
                                   path=path))
    issues = _check_labels(names, path, None)
    bad = ~np.isnan(array) & ~(np.isfinite(array) & (array > 0))
    for i, j in zip(*np.nonzero(bad), strict=True):
        issues.append(Issue.of(
            "judgment_not_positive",
            f"judgment {pair_name(names[i], names[j])} must be a positive finite number, "
            f"got {float(array[i, j]):g}", path=path, field=names[j], value=float(array[i, j])))
    if not issues:
        issues = _reciprocity(array, names, path, None)
    if issues:
        raise JudgmentError(issues)
    return array


def pairwise_from_pairs(
    judgments: Mapping[tuple[str, str], object],
    *,
    labels: Sequence[str] | None = None,
    limit: float | None = 9.0,
    path: str | None = None,
) -> tuple[tuple[str, ...], NDArray[np.float64]]:
    """Build a comparison matrix from named pairs, e.g. ``{("cost", "quality"): "1/3"}``.

    ``(a, b): v`` reads "a is v times as important as b" (AHPy's ``Compare`` convention). A
    pair may be given one way or both ways (then reciprocally); ``None`` marks it unknown.
    The order of ``labels`` (default: order of first appearance) fixes the matrix order.

    Raises
    ------
    JudgmentError
        For a value that does not parse, a pair naming an unknown criterion, or a
        contradiction between (a, b) and (b, a); every problem is listed.
    """
    order: list[str] = list(labels) if labels is not None else []
    if labels is None:
        for a, b in judgments:
            order.extend(x for x in dict.fromkeys((a, b)) if x not in order)
    issues = _check_labels(order, path, None)
    index = {label: k for k, label in enumerate(order)}
    matrix = np.full((len(order), len(order)), np.nan)
    for (a, b), value in judgments.items():
        field = f"{a} / {b}"
        unknown = [x for x in (a, b) if x not in index]
        if unknown:
            issues.append(Issue.of(
                "unknown_label",
                f"judgment {pair_name(a, b)} names {', '.join(repr(x) for x in unknown)}, not "
                f"among the criteria {', '.join(order)}", path=path, field=field, value=value))
        elif value is not None:
            parsed = _parse(value, f"judgment {pair_name(a, b)}", limit, path=path, field=field)
            if isinstance(parsed, Issue):
                issues.append(parsed)
            else:
                matrix[index[a], index[b]] = parsed
    if not issues:
        issues = _reciprocity(matrix, order, path, None)
    if issues:
        raise JudgmentError(issues)
    return tuple(order), matrix


def pairwise_from_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    path: str | None = None,
    limit: float | None = 9.0,
) -> tuple[tuple[str, ...], NDArray[np.float64]]:
    """Read a square comparison table: ``header[1:]`` and each ``row[0]`` name the criteria.

    ``header[0]`` is the corner cell (ignored). An empty cell is a missing judgment; a pair
    filled one way only (e.g. the upper triangle) is completed with its reciprocal. Rows are
    numbered as a spreadsheet shows them (header = row 1), so an error points at the cell.

    Raises
    ------
    JudgmentError
        Listing every problem: a row label that differs from the column label, a row of the
        wrong length, an unparsable, zero, negative or out-of-scale cell, a diagonal cell
        other than 1, a non-reciprocal pair.
    """
    labels = [str(cell).strip() for cell in header[1:]]
    while labels and not labels[-1]:
        labels.pop()  # trailing empty header cells, as spreadsheets export them
    n = len(labels)
    if n == 1:
        raise JudgmentError(Issue.of(
            "ahp_too_small", f"an AHP matrix needs at least 2 criteria, found one "
            f"('{labels[0]}'): a single criterion has weight 1 and needs no judgments",
            path=path, row=1, value=labels[0]))
    issues = _check_labels(labels, path, 1)
    if len(rows) != n:
        issues.append(Issue.of("matrix_not_square", f"the header names {n} criteria but the table "
                             f"has {len(rows)} rows; a comparison table must be square",
                             path=path))
    matrix = np.full((n, n), np.nan)
    for i, cells in enumerate(rows[:n]):
        row = i + 2
        name = str(cells[0]).strip() if cells else ""
        if name != labels[i]:
            issues.append(Issue.of(
                "matrix_label_mismatch",
                f"row {row} is labelled '{name}' but column {i + 2} is '{labels[i]}'; rows and "
                f"columns must list the criteria in the same order",
                path=path, row=row, value=name))
        if len(cells) < n + 1 or any(str(c).strip() for c in cells[n + 1:]):
            issues.append(Issue.of("matrix_not_square", f"row '{name}' has {len(cells) - 1} "
                                 f"judgment cells, expected {n}", path=path, row=row))
            continue
        for j in range(n):
            cell = str(cells[j + 1]).strip()
            if not cell:
                continue
            parsed = _parse(cell, f"judgment {pair_name(labels[i], labels[j])}", limit,
                            path=path, row=row, field=labels[j])
            if isinstance(parsed, Issue):
                issues.append(parsed)
            else:
                matrix[i, j] = parsed
    if not issues:
        issues = _reciprocity(matrix, labels, path, 2)
    if issues:
        raise JudgmentError(issues)
    return tuple(labels), matrix
