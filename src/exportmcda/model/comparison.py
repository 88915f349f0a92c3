"""Compare targets side by side: each one's top N, their overlap, what is strong everywhere.

Each top N is :meth:`Selection.top_ids` (integer rank, ties ordered by technology id), the
same set ``rank``, ``export`` and ``sensitivity`` report; ranks are the integer ranks.

The rankings compared must come from the same database, criteria and scenario; only the
target (and so the policy-fit criterion) differs, which is what makes rank changes between
targets meaningful (e.g. ASEAN vs India).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from exportmcda.errors import ConfigError
from exportmcda.model.selection import Selection

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """Side-by-side rankings of several targets."""

    codes: tuple[str, ...]
    top: int
    tops: Mapping[str, pd.DataFrame]
    overlap: pd.DataFrame  # codes × codes: technologies shared by the two top-N lists
    strong_everywhere: pd.DataFrame  # technologies in every top N, with each target's rank
    ranks: pd.DataFrame  # long: technology_id, technology_name, country, rank (union of tops)
    cut_off_ties: Mapping[str, tuple[str, ...]]  # per target: tied ids the cut-off left out

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (the ``exportmcda compare`` contract)."""
        return {
            "countries": list(self.codes),
            "top": self.top,
            "tops": {
                code: frame.to_dict(orient="records") for code, frame in self.tops.items()
            },
            "overlap": {
                a: {b: int(self.overlap.to_numpy()[i, k]) for k, b in enumerate(self.codes)}
                for i, a in enumerate(self.codes)
            },
            "strong_everywhere": self.strong_everywhere.to_dict(orient="records"),
            "cut_off_ties": {code: list(ids) for code, ids in self.cut_off_ties.items()},
        }


def compare(selections: Mapping[str, Selection], *, top: int = 10) -> Comparison:
    """Compare the top ``top`` of each target's selection (at least two targets)."""
    codes = tuple(selections)
    if len(codes) < 2:
        raise ConfigError.single(
            "compare_needs_two", "name at least two targets to compare", value=",".join(codes)
        )
    if top < 1:
        raise ConfigError.single("bad_top", "top must be at least 1", value=top)
    tops = {code: sel.table(top) for code, sel in selections.items()}
    members = {code: set(frame["technology_id"]) for code, frame in tops.items()}
    overlap = pd.DataFrame(
        [[len(members[a] & members[b]) for b in codes] for a in codes], index=codes, columns=codes
    )
    union = list(dict.fromkeys(t for code in codes for t in tops[code]["technology_id"]))
    rank_of = {
        code: dict(zip(sel.result.alternatives, sel.result.ordinal_ranks.tolist(), strict=True))
        for code, sel in selections.items()
    }
    names = {
        t: str(sel.technologies.loc[t, "technology_name"])
        for sel in selections.values()
        for t in union
        if t in sel.technologies.index
    }
    ranks = pd.DataFrame(
        [
            {
                "technology_id": t,
                "technology_name": names.get(t, t),
                "country": code,
                "rank": rank_of[code].get(t),
                "in_top": t in members[code],
            }
            for t in union
            for code in codes
        ]
    )
    common = [t for t in union if all(t in members[c] for c in codes)]
    first = next(iter(selections.values()))
    strong = pd.DataFrame(
        [
            {
                "technology_id": t,
                "technology_name": names.get(t, t),
                "company_name": str(first.technologies.loc[t, "company_name"]),
                **{f"rank_{c}": rank_of[c][t] for c in codes},
            }
            for t in common
        ],
        columns=["technology_id", "technology_name", "company_name",
                 *(f"rank_{c}" for c in codes)],
    )
    return Comparison(
        codes=codes, top=top, tops=tops, overlap=overlap, strong_everywhere=strong, ranks=ranks,
        cut_off_ties={code: sel.cut_off_ties(top) for code, sel in selections.items()},
    )
