"""What a reader is shown of the market side: reasons, country cards, two targets' top lists.

:mod:`exportmcda.model.markets` ranks the target countries for a technology (or field) and
builds the export-potential matrix; this module turns those results, the country indicators
and a :class:`~exportmcda.model.comparison.Comparison` into the shapes the app (and any other
reader) shows, without computing any score of its own:

* :func:`market_reasons`: one sentence per country of a market ranking, as notes (rendered by
  :func:`exportmcda.labels.explanation_text`, as the technology explanation of
  :mod:`exportmcda.model.explain` is): its rank, the two criteria its closeness comes mostly
  from (``MarketRanking.records()["top_criteria"]``) each with the sourced value behind it
  (value, unit, year, issuer), and the criterion on which it is furthest from the ideal;
* :func:`indicator_table`: a country card, every indicator edition with its value, unit, year
  and source, computed values, missing values and group rules said in words;
* :func:`indicators_side_by_side`: several targets' indicators in one table;
* :func:`top_lists`: which technologies are in only one of two top-N lists, or in both.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exportmcda.data.countries import CountryProfile
from exportmcda.data.indicator_catalogue import BY_ID, INDICATORS
from exportmcda.data.indicators import CountryIndicators, IndicatorValue
from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ConfigError, Note
from exportmcda.labels import note_text, t
from exportmcda.model.comparison import Comparison
from exportmcda.model.criteria import CriteriaTree
from exportmcda.model.markets import MarketRanking

__all__ = [
    "UNITS",
    "TopLists",
    "indicator_table",
    "indicators_side_by_side",
    "market_reasons",
    "reason_names",
    "top_lists",
    "unit_text",
    "value_text",
]

UNITS: tuple[str, ...] = tuple(dict.fromkeys(i.unit for i in INDICATORS))
"""Every unit of the indicator catalogue, as the reference spells it (label ``unit_<unit>``)."""


def unit_text(unit: str, lang: str = "en") -> str:
    """A catalogue unit in ``lang`` (``unit_<unit>`` in :mod:`exportmcda.labels`)."""
    return t(f"unit_{unit}", lang) if unit in UNITS else unit


def value_text(value: float | None) -> str:
    """An indicator value as a table shows it: ``30,340,882``, ``0.9602``, ``2.88``; ``""``.

    Large numbers (1,000 and over: people, dollars) in whole units with thousands separators,
    the others with four significant digits (the reference's indices have five decimals).
    """
    if value is None or not math.isfinite(value):
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


# ----------------------------------------------------------------------------- reasons


def _leaf_note(
    tree: CriteriaTree, leaf: str, source: Mapping[str, object], value: float, share: float,
    kind: str,
) -> Note:
    """The note citing one criterion of a country's market score, with its evidence."""
    measure = tree.leaf(leaf).measure
    if measure == "indicator":  # named by its indicator: the value is as published, not log
        name = str(source.get("indicator"))
        if source.get("filled"):
            return Note.of("market_why_filled", indicator=name, year=str(source.get("year")),
                           share=share)
        raw = source.get("value")
        return Note.of(
            "market_why_indicator", indicator=name,
            value=value_text(float(raw) if isinstance(raw, int | float) else value),
            unit=str(source.get("unit")), year=str(source.get("year")),
            issuer=str(source.get("issuer")), share=share,
        )
    if measure == "policy_priority":
        ids = source.get("source_ids")
        n = len(ids) if isinstance(ids, list) else 0
        return Note.of("market_why_policy", leaf=leaf, value=value, n=n, share=share)
    if kind == "field":
        return Note.of("market_why_exported_share", value=value, share=share)
    return Note.of("market_why_exported", share=share)


def market_reasons(ranking: MarketRanking, tree: CriteriaTree) -> dict[str, tuple[Note, ...]]:
    """Each country's reason for its rank, as notes (best country first).

    The notes read, in order: ``market_rank`` (rank, number of markets, the technology or
    field, closeness); one note for each of the two criteria the closeness comes mostly from
    (``top_criteria`` of :meth:`MarketRanking.records`, with a positive contribution):
    ``market_why_indicator`` (the indicator's value, unit, year and issuer, from the
    ranking's sources), ``market_why_filled`` (the value was missing: the stated policy
    used the worst), ``market_why_policy`` (the policy fit and how many policy sources back
    it), ``market_why_exported`` / ``market_why_exported_share``; each with its share of the
    closeness; last ``why_furthest``, the weighted criterion with the largest gap between the
    country's weighted value and the ideal (TOPSIS, Hwang & Yoon 1981), as in
    :func:`exportmcda.model.explain.explain`. ``tree`` is the market hierarchy.
    """
    r = ranking.result
    n = len(r.alternatives)
    weighted = np.asarray(r.weights) > 0
    v, ideal = r.weighted, r.ideal
    out: dict[str, tuple[Note, ...]] = {}
    for record in ranking.records():
        code = str(record["country"])
        i = r.alternatives.index(code)
        score = float(record["score"])
        notes = [Note.of("market_rank", country=code, rank=int(record["rank"]), n=n,
                         row=ranking.row, score=score)]
        sources = {str(s["criterion"]): s for s in record["sources"]}
        parts = record["contributions"]
        for leaf in record["top_criteria"]:
            part = float(parts.get(leaf, 0.0))
            if part <= 0:
                continue
            notes.append(_leaf_note(
                tree, leaf, sources.get(leaf, {}), float(record["criteria"][leaf]),
                part / score if score > 0 else 0.0, ranking.kind,
            ))
        if v is not None and ideal is not None:
            gap = np.abs(np.asarray(ideal) - np.asarray(v)[i])
            far = [j for j in np.argsort(-gap, kind="stable") if weighted[j] and gap[j] > 0]
            if far:
                notes.append(Note.of("why_furthest", criterion=r.criteria[far[0]]))
        out[code] = tuple(notes)
    return out


def reason_names(
    tree: CriteriaTree, countries: Mapping[str, CountryProfile], lang: str,
    rows: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Display names in ``lang`` of the ids the market notes carry.

    Market leaves, target codes, field names (English, as the rankings name a field row),
    the catalogue's indicators and units, and ``rows`` (e.g. technology id → name).
    """
    names = {leaf.id: leaf.label(lang) for leaf in tree.leaves}
    names.update({f.en: f.name(lang) for f in FIELDS})
    names.update({i.id: i.name(lang) for i in INDICATORS})
    names.update({u: unit_text(u, lang) for u in UNITS})
    names.update({code: p.name(lang) for code, p in countries.items()})
    names.update(rows or {})
    return names


# ----------------------------------------------------------------------------- cards

CARD_COLUMNS = ("indicator", "name", "year", "value", "unit", "status", "issuer", "title",
                "found_at", "note")


def _status(value: IndicatorValue, lang: str, names: Mapping[str, str]) -> str:
    """What a reader must know about a value besides the number: computed, missing, rule."""
    said = [note_text(n, lang, names) for n in value.notes]
    if value.computed and value.rule is None:  # a country's value the reference computed
        said.insert(0, t("indicator_computed", lang))
    return "; ".join(said)


def indicator_table(
    indicators: CountryIndicators, lang: str = "en", names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A country card: one row per indicator edition of the catalogue, in its order.

    Columns :data:`CARD_COLUMNS`: the indicator id and name (in ``lang``), year, the value
    as :func:`value_text` writes it (``""`` when missing), unit (in ``lang``), a status that
    says what is computed or missing and how (for a group: the stated rule and the members
    it comes from, the ``indicator_group_*`` notes; for a value the reference computed:
    ``indicator_computed``; a missing value's ``indicator_missing`` note), then the source:
    issuer, title, where it was found (for a group: its members' sources joined) and the
    reference's own note. ``names`` maps codes and ids in the notes to display names
    (:func:`reason_names`).
    """
    shown = dict(names or {})
    shown.update({i.id: i.name(lang) for i in INDICATORS})
    rows = []
    for value in indicators.values:  # noqa: PD011 (a tuple of IndicatorValue, not pandas)
        sources = value.sources
        rows.append({
            "indicator": value.indicator,
            "name": BY_ID[value.indicator].name(lang),
            "year": value.year,
            "value": value_text(value.value),
            "unit": unit_text(value.unit, lang),
            "status": _status(value, lang, shown),
            "issuer": "; ".join(dict.fromkeys(s.issuer for s in sources)),
            "title": "; ".join(dict.fromkeys(s.title for s in sources)),
            "found_at": "; ".join(dict.fromkeys(s.found_at for s in sources)),
            "note": value.note,
        })
    return pd.DataFrame(rows, columns=list(CARD_COLUMNS))


def indicators_side_by_side(
    targets: Mapping[str, CountryIndicators | None], lang: str = "en",
) -> pd.DataFrame:
    """Several targets' indicators in one table: one row per indicator edition.

    Columns ``name``, ``year``, ``unit``, then per target code ``<code>`` (the value, as
    :func:`value_text` writes it; ``""`` when missing) and ``<code>_source`` (the issuers;
    for a computed group value followed by ``computed from <n> members`` in ``lang``). A
    target without indicators (``None``, e.g. a city network) has empty cells.
    """
    frame: dict[str, list[str]] = {
        "name": [i.name(lang) for i in INDICATORS for _ in i.editions],
        "year": [y for i in INDICATORS for y in i.editions],
        "unit": [unit_text(i.unit, lang) for i in INDICATORS for _ in i.editions],
    }
    for code, found in targets.items():
        values: list[str] = []
        sources: list[str] = []
        for ind in INDICATORS:
            for year in ind.editions:
                if found is None:
                    values.append("")
                    sources.append("")
                    continue
                value = found.get(ind.id, year)
                values.append(value_text(value.value))
                said = list(dict.fromkeys(s.issuer for s in value.sources))
                if value.computed_from:
                    said.append(t("computed_from", lang, n=len(value.computed_from)))
                sources.append("; ".join(said))
        frame[code] = values
        frame[f"{code}_source"] = sources
    return pd.DataFrame(frame)


# ----------------------------------------------------------------------------- top lists


@dataclass(frozen=True, slots=True, kw_only=True)
class TopLists:
    """Two targets' top-N lists split three ways.

    Each frame has ``technology_id``, ``technology_name``, ``rank_a`` and ``rank_b`` (the
    integer rank in each target).
    """

    a: str
    b: str
    only_a: pd.DataFrame
    only_b: pd.DataFrame
    both: pd.DataFrame


def top_lists(comparison: Comparison, a: str, b: str) -> TopLists:
    """Which technologies of the top N are only in ``a``'s list, only in ``b``'s, or in both.

    The lists are :attr:`Comparison.tops` (:meth:`Selection.top_ids`, the one top N).
    ``only_a`` and ``both`` follow ``a``'s order, ``only_b`` follows ``b``'s; the ranks are
    the integer ranks of :attr:`Comparison.ranks` (a technology outside a list keeps its
    rank there).
    """
    for code in (a, b):
        if code not in comparison.codes:
            raise ConfigError.single(
                "market_unknown_target", f"{code} is not among the compared targets "
                f"({', '.join(comparison.codes)})", field="targets", value=code,
            )
    ids_a = [str(x) for x in comparison.tops[a]["technology_id"]]
    ids_b = [str(x) for x in comparison.tops[b]["technology_id"]]
    ranks = comparison.ranks
    rank_of = {(str(tid), str(c)): r for tid, c, r in
               zip(ranks["technology_id"], ranks["country"], ranks["rank"], strict=True)}
    name_of = dict(zip(ranks["technology_id"].astype(str),
                       ranks["technology_name"].astype(str), strict=True))

    def frame(ids: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "technology_id": list(ids),
                "technology_name": [name_of.get(i, i) for i in ids],
                "rank_a": [rank_of.get((i, a)) for i in ids],
                "rank_b": [rank_of.get((i, b)) for i in ids],
            },
            columns=["technology_id", "technology_name", "rank_a", "rank_b"],
        )

    in_b, in_a = set(ids_b), set(ids_a)
    return TopLists(
        a=a, b=b,
        only_a=frame([i for i in ids_a if i not in in_b]),
        only_b=frame([i for i in ids_b if i not in in_a]),
        both=frame([i for i in ids_a if i in in_b]),
    )
