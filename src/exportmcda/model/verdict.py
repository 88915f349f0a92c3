"""The director's answer: a robustness report in a few plain sentences (notes).

A ministry director asks two things of a shortlist: *how sure are we of it?* and *what
would change it?* :func:`verdict` answers both from a
:class:`~exportmcda.model.robustness.RobustnessReport`, as :class:`~exportmcda.errors.Note`
codes that ``labels`` renders in English and Korean (never a sentence built here):

* how sure: each shortlisted technology's top-N acceptability ``a_i^N`` (SMAA-2,
  Lahdelma & Salminen 2001, the share of sampled weightings that keep it in the top N),
  summarised as how many reach ``level`` (90% by default), the leader's and the least
  certain one's shares;
* what would change it: each criterion's one-at-a-time interval (``robustness.oat``: the
  weight range, others rescaled proportionally as the sliders do, within which the top N
  stays the same), read as "holds while the weight stays below / above / between", the
  criterion closest to its limit first;
* whether other methods agree: the technologies in every method's top N, or why none is.

"Plausible weightings" are those of the report's weight model (by default Dirichlet around
the current weights, ``model.robustness``); the sentences say which.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from exportmcda.errors import Note, ParamValue
from exportmcda.model.robustness import (
    MethodAgreement,
    OneAtATime,
    RobustnessReport,
    SmaaResult,
)

__all__ = ["Verdict", "interval_note", "limit_notes", "methods_note", "sure_notes", "verdict"]

# A weight interval reaching within this of 0 or 1 is "unbounded" on that side: the scan's
# bounds are [0, 1] and a breakpoint below 0.005 is not a change a ministry would make.
_EDGE = 0.005


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """Plain-language findings, most important first within each group."""

    sure: tuple[Note, ...]  # how sure: acceptability of the shortlist (empty without one)
    limits: tuple[Note, ...]  # what would change it: one sentence per criterion
    methods: Note  # agreement of other methods


def interval_note(criterion: str, current: float, lo: float, hi: float) -> Note:
    """One criterion's one-at-a-time interval as a sentence's code and parameters.

    ``lo``/``hi`` are the weights between which the shortlist holds (``current`` inside);
    a side within 0.005 of 0 or 1 counts as open. ``lo == hi`` (the current weight sits on
    a tie at the cut-off) means any change of this weight changes the shortlist.
    """
    # shown rounded inwards to 3 decimals, so "below 0.313" is never past the breakpoint
    params: dict[str, ParamValue] = {
        "criterion": criterion,
        "now": current,
        "lo": lo,
        "hi": hi,
        "above": math.ceil(lo * 1000) / 1000,
        "below": math.floor(hi * 1000) / 1000,
    }
    if hi - lo <= 0.0:
        return Note(code="robust_holds_nowhere", params=params)
    open_lo, open_hi = lo <= _EDGE, hi >= 1.0 - _EDGE
    if open_lo and open_hi:
        code = "robust_holds_any"
    elif open_lo:
        code = "robust_holds_below"
    elif open_hi:
        code = "robust_holds_above"
    else:
        code = "robust_holds_between"
    return Note(code=code, params=params)


def _slack(current: float, lo: float, hi: float) -> float:
    """How far the weight can move before the shortlist changes (open sides do not count)."""
    room = [current - lo] if lo > _EDGE else []
    room += [hi - current] if hi < 1.0 - _EDGE else []
    return min(room, default=2.0)


def sure_notes(
    shortlist: tuple[str, ...], result: SmaaResult, top_n: int, *, level: float = 0.9
) -> tuple[Note, ...]:
    """How sure: the leader's top-N acceptability, how many reach ``level``, the weakest."""
    row = {tid: i for i, tid in enumerate(result.alternatives)}
    top = result.top_n(top_n)
    shares = [(tid, float(top[row[tid]])) for tid in shortlist if tid in row]
    if not shares:
        return ()
    uniform = result.model.code == "smaa_uniform"
    leader, first = shares[0]
    out = [
        Note(
            code="robust_stays_uniform" if uniform else "robust_stays_around",
            params={"technology": leader, "n": top_n, "share": first},
        ),
        Note(
            code="robust_held",
            params={
                "held": sum(share >= level for _, share in shares),
                "count": len(shares),
                "n": top_n,
                "level": level,
            },
        ),
    ]
    weakest, low = min(reversed(shares), key=lambda item: item[1])  # the lower-ranked on ties
    if low < level:
        out.append(
            Note(
                code="robust_weakest",
                params={
                    "technology": weakest,
                    "rank": shortlist.index(weakest) + 1,
                    "n": top_n,
                    "share": low,
                },
            )
        )
    return tuple(out)


def limit_notes(oat: OneAtATime) -> tuple[Note, ...]:
    """What would change it: every criterion's interval, the one closest to a limit first."""
    ordered = sorted(oat.criteria, key=lambda c: _slack(c.current, *c.top_n))
    return tuple(interval_note(c.criterion, c.current, *c.top_n) for c in ordered)


def methods_note(agreement: MethodAgreement) -> Note:
    """The technologies in every method's top N, or why there are none."""
    methods = ", ".join(m.upper() for m in agreement.shortlists)
    if agreement.common:
        return Note(
            code="robust_methods_common",
            params={
                "count": len(agreement.common),
                "n": agreement.top_n,
                "methods": methods,
                "technologies": ", ".join(agreement.common),
            },
        )
    return Note(code="robust_methods_none", params={"n": agreement.top_n, "methods": methods})


def verdict(report: RobustnessReport, *, level: float = 0.9) -> Verdict:
    """The report's findings as notes (see the module docstring).

    Parameters
    ----------
    report : RobustnessReport
        From :func:`exportmcda.model.robustness.robustness`.
    level : float
        The share of weightings at which a technology counts as a safe choice.
    """
    return Verdict(
        sure=sure_notes(report.shortlist, report.smaa, report.top_n, level=level),
        limits=limit_notes(report.one_at_a_time),
        methods=methods_note(report.method_agreement),
    )
