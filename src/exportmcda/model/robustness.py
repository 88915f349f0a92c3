"""Robustness of a ranking: how stable the shortlist is and what would change it.

The first question a ministry meets is "would the shortlist change if we weighted X a bit
more?". :func:`robustness` answers it for a :class:`~exportmcda.model.selection.Selection` with
five views, each in its own module:

* one-at-a-time weight intervals (:mod:`exportmcda.robustness.oat`), with gradient and
  tornado chart data;
* SMAA-2 rank acceptability, central weights and confidence factors (:mod:`~.robustness.smaa`,
  Lahdelma & Salminen 2001), weights drawn around the AHP weights by default;
* agreement of TOPSIS with other methods (:mod:`exportmcda.robustness.checks`);
* rank reversal when an alternative is removed or added (same module);
* the smallest weight change that swaps two technologies
  (:mod:`exportmcda.robustness.flip`), on request.

Weights are varied at the level of the top-level criteria by default, with each criterion's
leaves keeping their AHP local weights (:class:`~exportmcda.robustness.space.WeightSpace`).

"The shortlist" reported is :meth:`Selection.top_ids` (the first N by integer rank, ties by
technology id), the set ``rank``, ``compare`` and ``export`` list. The engines of
:mod:`exportmcda.robustness` track the competition-rank set (every alternative tied at the
cut-off kept) for their interval and reversal maths, so that no weight change is counted
just because it reorders technologies of identical scores; when a tie straddles the
cut-off that *tracked* set is the shortlist plus ``cut_off_ties``, and both are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from exportmcda.errors import ConfigError
from exportmcda.model.selection import Selection
from exportmcda.robustness.checks import (
    DEFAULT_METHODS,
    MethodAgreement,
    RankReversal,
    method_agreement,
    rank_reversal,
)
from exportmcda.robustness.flip import FlipResult, smallest_flip
from exportmcda.robustness.oat import OneAtATime, one_at_a_time
from exportmcda.robustness.sampling import WeightModel
from exportmcda.robustness.smaa import ProgressFn, SmaaResult, smaa
from exportmcda.robustness.space import LEVELS, WeightSpace

__all__ = [
    "DEFAULT_METHODS",
    "FlipResult",
    "MethodAgreement",
    "OneAtATime",
    "RankReversal",
    "RobustnessReport",
    "SmaaResult",
    "WeightModel",
    "WeightSpace",
    "acceptability",
    "flip_pair",
    "method_agreement",
    "one_at_a_time",
    "rank_reversal",
    "robustness",
    "smaa",
    "smallest_flip",
    "weight_space",
]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RobustnessReport:
    """Everything :func:`robustness` computed, and its JSON contract (:meth:`as_dict`)."""

    top_n: int
    rank_buckets: int
    listed: tuple[int, ...]  # alternatives reported in ``acceptability`` (row indices)
    baseline_ranks: tuple[int, ...]  # integer ranks, by row index
    baseline_shared: tuple[int, ...] = ()  # shared (competition) ranks, by row index
    baseline_tied: tuple[tuple[str, ...], ...] = ()  # ids tied with each row
    shortlist: tuple[str, ...] = ()  # Selection.top_ids(top_n)
    cut_off_ties: tuple[str, ...] = ()  # tied with the shortlist's last, left out by the rule
    names: dict[str, str]
    one_at_a_time: OneAtATime
    smaa: SmaaResult
    method_agreement: MethodAgreement
    rank_reversal: tuple[RankReversal, ...]
    settings: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The ``exportmcda sensitivity --format json`` document.

        ``acceptability`` maps each listed technology id (the baseline shortlist plus the
        ``top_n`` technologies most often in the SMAA top N, by decreasing top-N
        acceptability) to ``top_n`` (top-N acceptability), ``rank_probabilities`` (``"1"``
        .. ``"K"`` and ``">K"``, K = ``rank_buckets``), ``first`` (b^1), ``confidence``,
        ``baseline_rank`` (the integer rank), ``shared_rank``, ``tied_with`` and
        ``technology_name``. ``central_weights`` maps the listed
        technologies that are ever ranked first to their central weight vector. Values that
        do not exist (e.g. a confidence factor of a technology never first) are null.

        ``shortlist`` is the reported top N (:meth:`Selection.top_ids`) and
        ``cut_off_ties`` the tied technologies its cut-off left out; in ``one_at_a_time``,
        ``shortlist`` is that same top N and ``tracked`` the set whose intervals are
        computed (competition rank <= N: the shortlist plus ``cut_off_ties``).
        """
        s = self.smaa
        top = s.top_n(self.top_n)
        acceptability, central = {}, {}
        for i in self.listed:
            tid = s.alternatives[i]
            acceptability[tid] = {
                "technology_name": self.names.get(tid, tid),
                "baseline_rank": self.baseline_ranks[i],
                "shared_rank": self.baseline_shared[i] if self.baseline_shared else None,
                "tied_with": list(self.baseline_tied[i]) if self.baseline_tied else [],
                "top_n": float(top[i]),
                "first": float(s.acceptability[i, 0]),
                "confidence": None if np.isnan(s.confidence[i]) else float(s.confidence[i]),
                "rank_probabilities": s.rank_probabilities(i, self.rank_buckets),
            }
            if not np.isnan(s.central_weights[i, 0]):
                central[tid] = dict(zip(s.criteria, s.central_weights[i].tolist(), strict=True))
        oat = self.one_at_a_time.as_dict()
        oat["tracked"] = oat["shortlist"]
        oat["shortlist"] = list(self.shortlist)
        return {
            "shortlist": list(self.shortlist),
            "cut_off_ties": list(self.cut_off_ties),
            "one_at_a_time": oat,
            "acceptability": acceptability,
            "central_weights": central,
            "method_agreement": self.method_agreement.as_dict(),
            "rank_reversal": [r.as_dict() for r in self.rank_reversal],
            "settings": dict(self.settings),
        }


def robustness(
    selection: Selection,
    *,
    top_n: int = 10,
    samples: int = 10_000,
    seed: int = 0,
    progress: ProgressFn | None = None,
    level: str = "criteria",
    weights: str = "around",
    concentration: float = 50.0,
    noise: float = 0.0,
    rank_buckets: int | None = None,
    methods: tuple[str, ...] = DEFAULT_METHODS,
    acceptability_result: SmaaResult | None = None,
) -> RobustnessReport:
    """One-at-a-time intervals, SMAA-2, method agreement and rank reversal of a selection.

    Parameters
    ----------
    selection : Selection
        A TOPSIS ranking from :func:`exportmcda.select`.
    top_n : int
        Shortlist length (ties at the cut-off are all kept).
    samples, seed, progress
        SMAA-2 Monte-Carlo size, seed and per-chunk progress callback ``(done, total)``.
    level : {"criteria", "leaves"}
        Which weights are varied (leaves keep their local weights under "criteria").
    weights : {"around", "uniform"}
        SMAA weight model: Dirichlet(``concentration`` * w) around the scenario's AHP
        weights ("would the shortlist survive modest disagreement on the weights?"), or
        uniform on the simplex (SMAA-2's "nothing known about the weights").
    noise : float
        Multiplicative uniform noise on the criterion values (0 = none).
    rank_buckets : int, optional
        Ranks reported one by one in ``rank_probabilities`` (default ``2 * top_n``).
    methods : tuple of str
        Methods compared in ``method_agreement``.
    acceptability_result : SmaaResult, optional
        The SMAA-2 run of :func:`acceptability` with these same settings, when a caller (the
        app, which shows it first) already has it; computed here otherwise.
    """
    _check_topsis(selection)
    space = weight_space(selection, level)
    model = _weight_model(space, weights, concentration)
    k = rank_buckets or 2 * top_n
    oat = one_at_a_time(space, top_n=top_n)
    result = acceptability_result or smaa(
        space, samples=samples, seed=seed, model=model, noise=noise, progress=progress
    )
    shortlist = selection.top_ids(top_n)
    short = np.array([selection.position(t) for t in shortlist], dtype=np.intp)
    top = result.top_n(top_n)
    frequent = np.argsort(-top, kind="stable")[:top_n]
    listed = np.union1d(short, frequent)
    listed = listed[np.lexsort((selection.result.ordinal_ranks[listed], -top[listed]))]
    names = selection.technologies["technology_name"].astype(str).to_dict()
    settings = {
        "country": selection.country.code,
        "scenario": selection.scenario.id,
        "top_n": top_n,
        "samples": samples,
        "seed": seed,
        "level": level,
        "criteria": list(space.names),
        "current_weights": dict(zip(space.names, space.weights.tolist(), strict=True)),
        "weight_model": model.describe(),
        "noise": f"multiplicative uniform +/-{noise:.0%}" if noise else "none",
        "normalization": space.normalization,
        "rank_buckets": k,
        "ties": "a tie group over ranks s..e gives each member 1/(e-s+1) at each rank",
        "shortlist_rule": "the first top_n by integer rank; tied scores (to 1e-12) ordered by "
        "technology id, ascending (the rank/compare/export shortlist)",
        "tracked_set_rule": "one-at-a-time intervals, method agreement and rank reversal track "
        "competition rank <= top_n (ties at the cut-off all kept): the shortlist plus "
        "cut_off_ties",
        "provenance": selection.provenance.source,
        "synthetic": selection.synthetic,
    }
    return RobustnessReport(
        top_n=top_n,
        rank_buckets=k,
        listed=tuple(int(i) for i in listed),
        baseline_ranks=tuple(int(r) for r in selection.result.ordinal_ranks),
        baseline_shared=tuple(int(r) for r in selection.result.shared_ranks),
        baseline_tied=tuple(
            tuple(selection.result.tied_with(i)) for i in range(len(selection.result.alternatives))
        ),
        shortlist=shortlist,
        cut_off_ties=selection.cut_off_ties(top_n),
        names={str(key): value for key, value in names.items()},
        one_at_a_time=oat,
        smaa=result,
        method_agreement=method_agreement(space, top_n=top_n, methods=methods),
        rank_reversal=rank_reversal(space, top_n=top_n),
        settings=settings,
    )


def _check_topsis(selection: Selection) -> None:
    if selection.result.method != "topsis":
        raise ConfigError.single(
            "sensitivity.not_topsis",
            "robustness analyses a TOPSIS ranking",
            value=selection.result.method,
        )


def _weight_model(space: WeightSpace, weights: str, concentration: float) -> WeightModel:
    """SMAA's weight model: "around" the current weights (Dirichlet) or "uniform"."""
    if weights == "around":
        return WeightModel.around(space.weights, concentration)
    if weights == "uniform":
        return WeightModel.uniform(len(space.names))
    raise ConfigError.single(
        "sensitivity.weight_model", "weights must be 'around' or 'uniform'", value=weights
    )


def acceptability(
    selection: Selection,
    *,
    samples: int = 10_000,
    seed: int = 0,
    level: str = "criteria",
    weights: str = "around",
    concentration: float = 50.0,
    noise: float = 0.0,
    progress: ProgressFn | None = None,
) -> SmaaResult:
    """The SMAA-2 part of :func:`robustness` alone (same settings, same result).

    The fastest answer to "how sure are we of the shortlist?" (2,000 samples in about
    0.1 s on the sample, ``bench/cases_smaa.py``): the app shows it while the slower
    one-at-a-time intervals are computed, then passes it to :func:`robustness`.
    """
    _check_topsis(selection)
    space = weight_space(selection, level)
    model = _weight_model(space, weights, concentration)
    return smaa(space, samples=samples, seed=seed, model=model, noise=noise, progress=progress)


def flip_pair(
    selection: Selection,
    above: str,
    below: str,
    *,
    level: str = "criteria",
    norm: str = "l1",
) -> FlipResult:
    """Smallest weight change putting technology ``below`` above ``above`` in a selection.

    ``norm`` is "l1" or "linf"; see :func:`~exportmcda.robustness.flip.smallest_flip`.
    """
    return smallest_flip(weight_space(selection, level), above, below, norm=norm)


def weight_space(selection: Selection, level: str = "criteria") -> WeightSpace:
    """The weight space of a ranked selection: top-level criteria (default) or leaves.

    It lives in the model, not in the generic robustness engine, because only the model
    knows how leaves group into criteria.
    """
    r = selection.result
    if level not in LEVELS:
        raise ConfigError.single(
            "sensitivity.level",
            f"level must be one of {LEVELS}, got {level!r}",
            value=level,
        )
    normalization = r.normalization or "vector"
    if level == "leaves":
        return WeightSpace.from_matrix(
            r.matrix,
            r.weights,
            r.types,
            alternatives=r.alternatives,
            criteria=r.criteria,
            normalization=normalization,
        )
    groups = {
        c.id: tuple(leaf.id for leaf in c.leaves if leaf.id in r.criteria)
        for c in selection.weights.tree.criteria
    }
    groups = {k: v for k, v in groups.items() if v}
    col = {c: j for j, c in enumerate(r.criteria)}
    top = np.array([sum(r.weights[col[c]] for c in v) for v in groups.values()])
    return WeightSpace.grouped(
        r.matrix,
        top / top.sum(),
        r.types,
        groups=groups,
        column_names=r.criteria,
        alternatives=r.alternatives,
        normalization=normalization,
        local=r.weights,
    )
