"""Cross-checks of a TOPSIS shortlist: other methods, and rank reversal.

*Method agreement*: the same matrix and weights ranked by TOPSIS, VIKOR, the weighted sum
and SPOTIS (PROMETHEE II on request), with Kendall's tau-b between every pair
(:func:`~exportmcda.rank.engine.rank_agreement`) and the technologies in every method's top N.

*Rank reversal*: TOPSIS normalises each column over the alternatives present and takes its
ideal and anti-ideal from them, so removing an alternative, or adding even a copy of a
dominated one, can swap the order of two others (García-Cascales, M. S. & Lamata, M. T.
(2012). On rank reversal and TOPSIS method. *Mathematical and Computer Modelling*
56(5-6):123-132). This is a known weakness, reported rather than hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import InputError, Note
from exportmcda.labels import note_text
from exportmcda.rank.agreement import rank_agreement
from exportmcda.rank.dominance import dominated_rows
from exportmcda.rank.engine import RankResult, rank_matrix
from exportmcda.rank.ranks import kendall_tau_b
from exportmcda.robustness.space import WeightSpace, shortlist_mask

__all__ = [
    "DEFAULT_METHODS",
    "MethodAgreement",
    "RankReversal",
    "method_agreement",
    "rank_reversal",
]

FloatArray = NDArray[np.float64]

#: TOPSIS and three cross-checks (keys of ``ranking.METHODS``); SPOTIS rather than
#: PROMETHEE II by default because PROMETHEE's pairwise tables grow as n^2.
DEFAULT_METHODS = ("topsis", "vikor", "wsm", "spotis")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MethodAgreement:
    """Shortlists of several methods and their pairwise rank agreement."""

    top_n: int
    shortlists: dict[str, tuple[str, ...]]
    tau: pd.DataFrame  # square, methods x methods, Kendall tau-b (1 on the diagonal)
    pairs: pd.DataFrame  # rank_agreement(): spearman, kendall_tau_b, top-n overlap
    common: tuple[str, ...]
    notes: tuple[Note, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "top_n": self.top_n,
            "methods": list(self.shortlists),
            "shortlists": {m: list(s) for m, s in self.shortlists.items()},
            "kendall_tau": {
                a: {b: _num(self.tau.loc[a, b]) for b in self.tau.columns} for a in self.tau.index
            },
            "common": list(self.common),
            "notes": [note_text(n) for n in self.notes],
            "note_codes": [n.as_dict() for n in self.notes],
        }


def _num(value: Any) -> float | None:
    v = float(value)
    return v if np.isfinite(v) else None


def _shortlist(result: RankResult, top_n: int) -> tuple[str, ...]:
    s = result.scores if result.higher_is_better else -result.scores
    mask = shortlist_mask(s, top_n)[0]
    idx = np.flatnonzero(mask)
    idx = idx[np.argsort(result.ranks[idx], kind="stable")]
    return tuple(result.alternatives[i] for i in idx)


def method_agreement(
    space: WeightSpace, *, top_n: int = 10, methods: Sequence[str] = DEFAULT_METHODS
) -> MethodAgreement:
    """Rank with every method in ``methods`` and compare (a method that cannot run is noted).

    Shortlists keep ties at the cut-off (competition rank <= ``top_n``); ``common`` lists
    the technologies in every method's shortlist, in TOPSIS (first method) order.
    """
    w = space.column_weights(space.weights)
    results: dict[str, RankResult] = {}
    notes: list[Note] = []
    for method in methods:
        norm = space.normalization if method == "topsis" else None
        try:
            results[method] = rank_matrix(
                space.matrix,
                w / w.sum(),
                space.types,
                method=method,
                normalization=norm,
                alternatives=space.alternatives,
                criteria=space.columns,
            )
        except InputError as exc:
            notes.append(Note.of("method_skipped", method=method, reason=str(exc)))
    names = list(results)
    tau = pd.DataFrame(np.eye(len(names)), index=names, columns=names)
    for i, a in enumerate(names):
        tau.loc[a, a] = kendall_tau_b(results[a].ranks, results[a].ranks)
        for b in names[i + 1 :]:
            tau.loc[a, b] = tau.loc[b, a] = kendall_tau_b(results[a].ranks, results[b].ranks)
    shortlists = {m: _shortlist(r, top_n) for m, r in results.items()}
    common = tuple(
        a
        for a in (shortlists[names[0]] if names else ())
        if all(a in s for s in shortlists.values())
    )
    return MethodAgreement(
        top_n=top_n,
        shortlists=shortlists,
        tau=tau,
        pairs=rank_agreement(results, top_n=top_n),
        common=common,
        notes=tuple(notes),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class RankReversal:
    """Effect of removing or adding one alternative on the order of the others."""

    change: Note  # what was changed: reversal_removed, reversal_added_* (see labels.NOTES)
    swapped: tuple[tuple[str, str], ...]  # (was above, now above), best-ranked pairs first
    n_swapped: int
    shortlist_changed: bool

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "change": note_text(self.change),
            "change_code": self.change.as_dict(),
            "n_swapped": self.n_swapped,
            "shortlist_changed": self.shortlist_changed,
            "swapped": [list(p) for p in self.swapped],
        }


def _scores(space: WeightSpace, matrix: FloatArray) -> FloatArray:
    out: FloatArray = space.closeness(space.weights, matrix)[0]
    return out


def _compare(
    names: Sequence[str],
    before: FloatArray,
    after: FloatArray,
    top_n: int,
    change: Note,
    max_pairs: int,
) -> RankReversal:
    """Strict order reversals between ``before`` and ``after`` scores of the same rows."""
    above = before[:, np.newaxis] > before[np.newaxis, :]
    now_below = after[:, np.newaxis] < after[np.newaxis, :]
    i, j = np.nonzero(above & now_below)
    rank = np.argsort(np.argsort(-before, kind="stable"), kind="stable")
    order = np.lexsort((rank[j], rank[i]))[:max_pairs]
    changed = bool(np.any(shortlist_mask(before, top_n) != shortlist_mask(after, top_n)))
    return RankReversal(
        change=change,
        swapped=tuple((names[i[p]], names[j[p]]) for p in order),
        n_swapped=int(i.size),
        shortlist_changed=changed,
    )


def rank_reversal(
    space: WeightSpace,
    *,
    top_n: int = 10,
    remove: Sequence[str | int] | None = None,
    add: ArrayLike | str | None = "dominated",
    max_pairs: int = 20,
) -> tuple[RankReversal, ...]:
    """Remove each of ``remove`` (default: the TOPSIS shortlist) and add one alternative.

    ``add``: ``"dominated"`` adds a copy of the worst-ranked dominated alternative (the
    worst-ranked one if none is dominated), a row of values adds that row, None adds
    nothing. Each report lists at most ``max_pairs`` swapped pairs, best-ranked first.
    """
    x = np.asarray(space.matrix)
    names = list(space.alternatives)
    base = _scores(space, x)
    if remove is None:
        idx = np.flatnonzero(shortlist_mask(base, top_n)[0])
        rows = idx[np.argsort(-base[idx], kind="stable")].tolist()
    else:
        rows = [space.index(r) for r in remove]
    out = []
    for r in rows:
        keep = np.arange(x.shape[0]) != r
        after = _scores(space, x[keep])
        out.append(
            _compare(
                [n for k, n in enumerate(names) if keep[k]],
                base[keep],
                after,
                top_n,
                Note.of("reversal_removed", technology=names[r]),
                max_pairs,
            )
        )
    if add is not None:
        if isinstance(add, str):
            dominated = np.flatnonzero(dominated_rows(space.matrix, space.types))
            pool = dominated if dominated.size else np.arange(x.shape[0])
            src = int(pool[np.argmin(base[pool])])
            code = "reversal_added_dominated" if dominated.size else "reversal_added_worst"
            row, label = x[src], Note.of(code, technology=names[src])
        else:
            row = np.asarray(add, dtype=float).reshape(-1)
            label = Note.of("reversal_added_given")
        after = _scores(space, np.vstack([x, row]))[:-1]
        out.append(_compare(names, base, after, top_n, label, max_pairs))
    return tuple(out)
