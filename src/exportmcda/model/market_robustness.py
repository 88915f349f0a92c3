"""How stable a technology's country ranking is under the market weights (issue 10, part 6).

The same tools as the technology side (:mod:`exportmcda.robustness`): one-at-a-time weight
intervals within which the best country and the best ``top_n`` stay the same (the
``w_j (1 - x) / (1 - w_k)`` rescaling), and SMAA-2 rank acceptability over weights drawn
uniformly on the simplex (Lahdelma & Salminen 2001): the share of weight vectors under which
each country takes each rank. The varied weights are the market leaves the ranking used,
under its normalisation (min-max, as the market file states).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from exportmcda.errors import ConfigError
from exportmcda.model.markets import MarketRanking
from exportmcda.robustness.oat import OneAtATime, one_at_a_time
from exportmcda.robustness.smaa import SmaaResult, smaa
from exportmcda.robustness.space import WeightSpace

__all__ = ["MarketRobustness", "market_robustness", "market_space"]


def market_space(ranking: MarketRanking) -> WeightSpace:
    """The weight space of a market ranking: its used leaves, identity map, its normalisation.

    The leaves left out as constant over the countries are not varied (no weight on them can
    change the ranking); a ranking with nothing to compare (one country) has no weight space:
    ConfigError ``market_nothing_to_vary``.
    """
    r = ranking.result
    if not r.criteria:
        raise ConfigError.single(
            "market_nothing_to_vary",
            f"no market criterion separates the {len(r.alternatives)} countries ranked: "
            "no weight change can move the ranking", field="countries",
            value=", ".join(r.alternatives),
        )
    return WeightSpace.from_matrix(
        r.matrix, r.weights, r.types, alternatives=r.alternatives, criteria=r.criteria,
        normalization=r.normalization or ranking.normalization,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketRobustness:
    """One-at-a-time intervals and SMAA acceptability of one market ranking."""

    ranking: MarketRanking
    one_at_a_time: OneAtATime
    smaa: SmaaResult
    top_n: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{row, top_n, one_at_a_time, acceptability: {country: {...}}}``."""
        s = self.smaa
        return {
            "row": self.ranking.row,
            "top_n": self.top_n,
            "one_at_a_time": self.one_at_a_time.as_dict(),
            "acceptability": {
                country: {
                    "rank_1": float(s.acceptability[i, 0]),
                    "top_n": float(s.top_n(self.top_n)[i]),
                }
                for i, country in enumerate(s.alternatives)
            },
            "samples": s.samples,
            "seed": s.seed,
        }


def market_robustness(
    ranking: MarketRanking, *, top_n: int = 3, samples: int = 4_000, seed: int = 0
) -> MarketRobustness:
    """OAT intervals and SMAA-2 acceptability (seeded) of a technology's country ranking."""
    space = market_space(ranking)
    return MarketRobustness(
        ranking=ranking, top_n=top_n,
        one_at_a_time=one_at_a_time(space, top_n=top_n),
        smaa=smaa(space, samples=samples, seed=seed),
    )
