"""Weightings side by side for one target: ranks, movers, and what each weighting favours.

Visual PROMETHEE and Expert Choice let a decision maker put two or three weight sets next
to each other ("balanced" vs "SME first" vs the sliders as they stand) and read what moves;
this module computes that comparison from rankings made with :mod:`exportmcda.model.selection`.

The rankings compared must share the database, the target, the filters and the method: only
the weights (and so the scenario) differ, which is what makes a rank change attributable to
the weighting. The first ranking is the **reference**; every other one is read against it:

- **ranks**: the union of the top ``top`` lists (reference first), each technology's integer
  rank under every weighting (:meth:`Selection.top_ids`'s tie rule, so the top N is the one of
  ``rank``, ``compare`` and ``export``);
- **movers**: among that union, the largest rank gains and losses (rank under the reference
  minus rank under the other weighting: positive = rises), ties broken by technology id;
- **favours**: the top-level criteria whose weight differs most (AHP global weights of the
  scenario, :attr:`ScenarioWeights.criterion_weights`), and the company sizes and fields that
  hold more places in the top N than under the reference (a technology counts once for each
  field it is registered in, as the study's field tables count technology × field rows).

Every sentence is a :class:`~exportmcda.errors.Note` (``scenario_rises``, ``scenario_falls``,
``scenario_weighs_more``, ``scenario_group_gains``) rendered by :mod:`exportmcda.labels`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ConfigError, Note
from exportmcda.model.defaults import DEFAULT_TOP
from exportmcda.model.selection import Selection

__all__ = [
    "MAX_SCENARIOS",
    "GroupShift",
    "Mover",
    "ScenarioComparison",
    "WeightShift",
    "compare_scenarios",
]

MAX_SCENARIOS = 3
"""At most three weightings side by side: beyond that the movers no longer read at a glance."""

DIMENSIONS = ("company_size", "field")
"""The groups whose share of the top N a weighting may favour."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Mover:
    """One technology's rank under the reference and under another weighting."""

    technology_id: str
    technology_name: str
    scenario: str
    reference: str
    rank_from: int  # under the reference
    rank_to: int  # under ``scenario``

    @property
    def places(self) -> int:
        """Places gained (positive) or lost (negative) from the reference to ``scenario``."""
        return self.rank_from - self.rank_to

    def note(self) -> Note:
        """The move in words: "T0123 (…) rises 14 places under SME first: from 15 to 1"."""
        return Note.of(
            "scenario_rises" if self.places > 0 else "scenario_falls",
            technology=self.technology_id,
            technology_name=self.technology_name,
            n=abs(self.places),
            scenario=self.scenario,
            reference=self.reference,
            rank_from=self.rank_from,
            rank_to=self.rank_to,
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "technology_id": self.technology_id,
            "technology_name": self.technology_name,
            "rank_from": self.rank_from,
            "rank_to": self.rank_to,
            "places": self.places,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class WeightShift:
    """A top-level criterion's weight under the reference and under another weighting."""

    criterion: str
    reference_weight: float
    weight: float

    @property
    def change(self) -> float:
        """Weight under the other weighting minus the reference's."""
        return self.weight - self.reference_weight

    def note(self, scenario: str, reference: str) -> Note:
        """The shift in words: "SME first weighs SME support 32% (Balanced: 7%)"."""
        return Note.of(
            "scenario_weighs_more",
            scenario=scenario,
            reference=reference,
            criterion=self.criterion,
            weight=self.weight,
            reference_weight=self.reference_weight,
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "criterion": self.criterion,
            "reference_weight": self.reference_weight,
            "weight": self.weight,
            "change": self.change,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupShift:
    """How many top-N places a company size or field holds under each of two weightings."""

    dimension: str  # one of DIMENSIONS
    name: str  # the size's or field's name in the rankings' language
    reference_count: int
    count: int

    @property
    def change(self) -> int:
        """Places held under the other weighting minus under the reference."""
        return self.count - self.reference_count

    def note(self, scenario: str, reference: str, top: int) -> Note:
        """The gain in words: "SME first: 7 of the top 10 are SMEs' (Balanced: 3)"."""
        return Note.of(
            "scenario_gains_size" if self.dimension == "company_size" else "scenario_gains_field",
            scenario=scenario,
            reference=reference,
            group=self.name,
            count=self.count,
            reference_count=self.reference_count,
            top=top,
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "name": self.name,
            "reference_count": self.reference_count,
            "count": self.count,
            "change": self.change,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioComparison:
    """Two or three weightings of one target side by side (the first is the reference)."""

    country: str
    keys: tuple[str, ...]  # the weightings, reference first (scenario ids, or "current")
    scenario_ids: Mapping[str, str]  # key -> the scenario id behind it
    top: int
    tops: Mapping[str, pd.DataFrame]  # key -> Selection.table(top)
    ranks: pd.DataFrame  # union of the tops: technology_id, technology_name, company_name,
    #                      rank_<key> for every key, in_top_<key>
    movers: Mapping[str, tuple[Mover, ...]]  # other key -> every mover of the union, largest first
    weights: Mapping[str, Mapping[str, float]]  # key -> top-level criterion weights
    weight_shifts: Mapping[str, tuple[WeightShift, ...]]  # other key -> largest |change| first
    group_shifts: Mapping[str, Mapping[str, tuple[GroupShift, ...]]]  # other -> dimension -> …
    cut_off_ties: Mapping[str, tuple[str, ...]]

    @property
    def reference(self) -> str:
        """The weighting every other one is read against."""
        return self.keys[0]

    def rises(self, key: str, n: int = 3) -> tuple[Mover, ...]:
        """The ``n`` largest gains under ``key`` (none when nothing rises)."""
        return tuple(m for m in self.movers[key] if m.places > 0)[:n]

    def falls(self, key: str, n: int = 3) -> tuple[Mover, ...]:
        """The ``n`` largest losses under ``key``."""
        return tuple(m for m in self.movers[key] if m.places < 0)[:n]

    def favours(self, key: str, criteria: int = 2, groups: int = 2) -> tuple[Note, ...]:
        """What weighting ``key`` favours over the reference, in words.

        The ``criteria`` criteria it weighs most above the reference, then for each
        dimension the ``groups`` company sizes or fields that gain the most top-N places.
        """
        ref = self.reference
        notes = [s.note(key, ref) for s in self.weight_shifts[key] if s.change > 0][:criteria]
        for dimension in DIMENSIONS:
            gains = [g for g in self.group_shifts[key][dimension] if g.change > 0][:groups]
            notes += [g.note(key, ref, self.top) for g in gains]
        return tuple(notes)

    def summary(self, key: str, movers: int = 3) -> tuple[Note, ...]:
        """Weighting ``key`` in words: its ``movers`` biggest rises and falls, what it favours."""
        return (
            *(m.note() for m in self.rises(key, movers)),
            *(m.note() for m in self.falls(key, movers)),
            *self.favours(key),
        )

    def as_dict(self, movers: int = 5) -> dict[str, Any]:
        """Plain data for JSON (the ``exportmcda compare-scenarios`` contract).

        ``movers``: how many rises and how many falls to list per weighting.
        """
        columns = ("technology_id", "technology_name", "company_name")
        return {
            "country": self.country,
            "top": self.top,
            "reference": self.reference,
            "scenarios": [
                {
                    "key": k,
                    "scenario": self.scenario_ids[k],
                    "criterion_weights": dict(self.weights[k]),
                }
                for k in self.keys
            ],
            "tops": {k: frame.to_dict(orient="records") for k, frame in self.tops.items()},
            "ranks": [
                {
                    **{c: row[c] for c in columns},
                    "ranks": {k: int(row[f"rank_{k}"]) for k in self.keys},
                    "in_top": [k for k in self.keys if bool(row[f"in_top_{k}"])],
                }
                for row in self.ranks.to_dict(orient="records")
            ],
            "movers": {
                k: {
                    "rises": [m.as_dict() for m in self.rises(k, movers)],
                    "falls": [m.as_dict() for m in self.falls(k, movers)],
                }
                for k in self.keys[1:]
            },
            "favours": {
                k: {
                    "criteria": [s.as_dict() for s in self.weight_shifts[k]],
                    **{d: [g.as_dict() for g in self.group_shifts[k][d]] for d in DIMENSIONS},
                }
                for k in self.keys[1:]
            },
            "cut_off_ties": {k: list(v) for k, v in self.cut_off_ties.items()},
        }


def _groups(selection: Selection, ids: tuple[str, ...], lang: str) -> dict[str, Counter[str]]:
    """Top-N places per company size and per field (one per field of a technology)."""
    sizes = selection.technologies["company_size"]
    size_count = Counter(str(sizes.loc[i]) for i in ids if pd.notna(sizes.loc[i]))
    field_names = {c.number: c.name(lang) for c in FIELDS}
    fields_of = selection.fields_of
    field_count: Counter[str] = Counter()
    if fields_of is not None:
        for i in ids:
            field_count.update(field_names.get(int(f), str(f)) for f in dict.fromkeys(fields_of[i]))
    return {"company_size": size_count, "field": field_count}


def _group_shifts(
    reference: Counter[str], other: Counter[str], dimension: str
) -> tuple[GroupShift, ...]:
    """Every group present in either top N, largest gain first (then by name)."""
    names = sorted(set(reference) | set(other))
    shifts = [
        GroupShift(dimension=dimension, name=n, reference_count=reference[n], count=other[n])
        for n in names
    ]
    return tuple(sorted(shifts, key=lambda g: (-g.change, g.name)))


def compare_scenarios(
    selections: Mapping[str, Selection], *, top: int = DEFAULT_TOP, lang: str = "en"
) -> ScenarioComparison:
    """Compare two or three rankings of one target made with different weights.

    ``selections`` maps a key (the scenario id, or e.g. ``current`` for the sliders) to its
    ranking, the reference first; ``lang`` names the fields (as the rankings name sizes).

    Raises
    ------
    ConfigError
        ``scenario_compare_count`` for fewer than two or more than :data:`MAX_SCENARIOS`
        rankings, ``scenario_compare_targets`` when they rank different targets or pools,
        ``bad_top`` when ``top`` < 1.
    """
    keys = tuple(selections)
    if not 2 <= len(keys) <= MAX_SCENARIOS:
        raise ConfigError.single(
            "scenario_compare_count",
            f"compare two or three weightings, not {len(keys)}",
            value=",".join(keys),
        )
    if top < 1:
        raise ConfigError.single("bad_top", "top must be at least 1", value=top)
    first = selections[keys[0]]
    for key in keys[1:]:
        other = selections[key]
        same_pool = set(other.result.alternatives) == set(first.result.alternatives)
        if other.country.code != first.country.code or not same_pool:
            raise ConfigError.single(
                "scenario_compare_targets",
                "the weightings compared must rank the same target and candidates "
                f"({first.country.code} vs {other.country.code})",
                value=key,
            )
    tops = {k: sel.table(top) for k, sel in selections.items()}
    top_ids = {k: sel.top_ids(top) for k, sel in selections.items()}
    union = list(dict.fromkeys(t for k in keys for t in top_ids[k]))
    rank_of = {
        k: dict(zip(sel.result.alternatives, sel.result.ordinal_ranks.tolist(), strict=True))
        for k, sel in selections.items()
    }
    names = first.technologies["technology_name"]
    companies = first.technologies["company_name"]
    ranks = pd.DataFrame(
        {
            "technology_id": union,
            "technology_name": [str(names.loc[t]) for t in union],
            "company_name": [str(companies.loc[t]) for t in union],
            **{f"rank_{k}": [int(rank_of[k][t]) for t in union] for k in keys},
            **{f"in_top_{k}": [t in top_ids[k] for t in union] for k in keys},
        }
    )
    ref = keys[0]
    movers: dict[str, tuple[Mover, ...]] = {}
    weight_shifts: dict[str, tuple[WeightShift, ...]] = {}
    group_shifts: dict[str, dict[str, tuple[GroupShift, ...]]] = {}
    ref_weights = first.weights.criterion_weights
    ref_groups = _groups(first, top_ids[ref], lang)
    for key in keys[1:]:
        moved = [
            Mover(
                technology_id=t,
                technology_name=str(names.loc[t]),
                scenario=key,
                reference=ref,
                rank_from=int(rank_of[ref][t]),
                rank_to=int(rank_of[key][t]),
            )
            for t in union
        ]
        movers[key] = tuple(
            sorted(
                (m for m in moved if m.places),
                key=lambda m: (-abs(m.places), m.places < 0, m.technology_id),
            )
        )
        weighed = selections[key].weights.criterion_weights
        shifts = [
            WeightShift(
                criterion=c,
                reference_weight=float(ref_weights.get(c, 0.0)),
                weight=float(weighed.get(c, 0.0)),
            )
            for c in dict.fromkeys([*ref_weights, *weighed])
        ]
        weight_shifts[key] = tuple(sorted(shifts, key=lambda s: -abs(s.change)))
        groups = _groups(selections[key], top_ids[key], lang)
        group_shifts[key] = {d: _group_shifts(ref_groups[d], groups[d], d) for d in DIMENSIONS}
    return ScenarioComparison(
        country=first.country.code,
        keys=keys,
        scenario_ids={k: sel.scenario.id for k, sel in selections.items()},
        top=top,
        tops=tops,
        ranks=ranks,
        movers=movers,
        weights={k: dict(sel.weights.criterion_weights) for k, sel in selections.items()},
        weight_shifts=weight_shifts,
        group_shifts=group_shifts,
        cut_off_ties={k: sel.cut_off_ties(top) for k, sel in selections.items()},
    )
