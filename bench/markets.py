"""The market side (issue 10, parts 4 and 7): timings, how country-specific it is, examples.

    python bench/markets.py [--scenario NAME]        timings
    python bench/markets.py --figures [--top 10]     distinctness of the market side
    python bench/markets.py --examples [--technologies T1,T2,...]
                                                     five technologies' best three markets

Timings, for the sample database and the 16 single-country targets: the time to prepare the
technology side once per country (scoring 1,044 technologies, the slow part), the time to
recompute the full 1,044 x 16 matrix from the prepared side (what a weight change costs:
16 TOPSIS re-rankings plus one batched market TOPSIS), the 21 x 16 field matrix, and one
technology's market ranking. Medians of 5 runs after a warm-up.

``--figures``, under each shipped scenario, from the export-potential matrices (cell =
sqrt(supply x demand)): the countries' top-N technology lists read down the matrix columns
(distinct ordered lists, distinct sets, mean pairwise Jaccard |A ∩ B| / |A ∪ B|); the best
market of each technology (how many countries are best for some technology, the three most
frequent, the share of technologies whose best market is one they were already exported to:
how much the 0/1 ``exported_here`` leaf decides); the distinct best-three market lists; and
the best market of each of the 21 fields. The normalisation of the market side is printed
with them. Deterministic: nothing random.

``--examples``: five technologies of different fields (the fields whose best cell is highest,
each field's technology with the best cell) and their best three markets under the scenario,
each with its score and the reason: the two criteria contributing most, with the value and
its source (issuer and year, or the profile file), as ``exportmcda markets`` explains them.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from run import timed  # bench/: the benches' one median timer

import exportmcda as em
from exportmcda.data.indicators import load_indicators
from exportmcda.data.taxonomy import FIELDS
from exportmcda.labels import note_text
from exportmcda.model import markets as mk

SCENARIOS = ("balanced", "balanced_regional", "market_fit_first", "sme_first")


def _median(call: Callable[[], Any], repeats: int = 5) -> float:
    """``bench/run.py``'s :func:`timed` (median after a warm-up), five runs by default."""
    return timed(call, repeats)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B| (1 when both are empty)."""
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def timings(scenario_name: str) -> None:
    """Print the timings of the matrix and of one market ranking."""
    db, tree = em.load_sample(), em.load_criteria()
    scenario = em.load_scenario(scenario_name)
    countries, indicators = em.load_countries(), load_indicators()
    targets = mk.single_targets(countries, indicators)
    start = time.perf_counter()
    supply = mk.prepare_supply(db, tree, scenario, countries, targets)
    prepare_s = time.perf_counter() - start
    tech_s = _median(lambda: mk.export_potential(db, supply, indicators))
    field_s = _median(lambda: mk.export_potential(db, supply, indicators, by="field"))
    one_s = _median(lambda: mk.rank_markets(db, tree, scenario, countries, indicators,
                                            technology="T0004"))
    print(f"targets {len(targets)}, technologies {len(db.technologies)}")
    print(f"prepare supply once (16 countries)      {prepare_s:7.3f} s")
    print(f"matrix 1,044 x 16 from prepared supply  {tech_s:7.3f} s")
    print(f"matrix 21 fields x 16                   {field_s:7.3f} s")
    print(f"markets for one technology              {one_s:7.3f} s")


def _exported_to(db: em.Database) -> Mapping[str, set[str]]:
    column = db.technologies.get("export_countries")
    if column is None:
        return {}
    return {str(tid): {c.strip().upper() for c in str(text).replace(",", ";").split(";")
                       if c.strip()}
            for tid, text in column.fillna("").items()}


def figures(top: int) -> None:
    """Print the market-side distinctness figures under every shipped scenario."""
    db, tree = em.load_sample(), em.load_criteria()
    countries, indicators = em.load_countries(), load_indicators()
    targets = mk.single_targets(countries, indicators)
    exported = _exported_to(db)
    method = getattr(mk, "market_normalization", None)
    norm = method(mk.load_market_criteria()) if method else "vector"
    print(f"market side: TOPSIS, {norm} normalisation; targets ({len(targets)}): "
          f"{' '.join(targets)}; top {top}")
    print(f"{'scenario':<20}{'country lists':>14}{'sets':>6}{'Jaccard':>9}"
          f"{'best mkts':>10}{'best=exported':>15}{'best-3 lists':>14}{'field best':>12}")
    details = []
    for name in SCENARIOS:
        scenario = em.load_scenario(name)
        supply = mk.prepare_supply(db, tree, scenario, countries, targets)
        matrix = mk.export_potential(db, supply, indicators)
        by_field = mk.export_potential(db, supply, indicators, by="field")
        in_country = matrix.rank_in_country
        lists = {c: tuple(in_country[c].sort_values().index[:top]) for c in targets}
        sets = {c: frozenset(v) for c, v in lists.items()}
        pairs = [jaccard(sets[a], sets[b]) for a, b in itertools.combinations(targets, 2)]
        in_row = matrix.rank_in_row
        best = {r: in_row.columns[in_row.loc[r].to_numpy().argmin()] for r in matrix.rows}
        best3 = {r: tuple(in_row.loc[r].sort_values().index[:3]) for r in matrix.rows}
        counts = Counter(best.values())
        on_export = sum(best[r] in exported.get(r, set()) for r in matrix.rows)
        field_rank = by_field.rank_in_row
        field_best = Counter(field_rank.columns[field_rank.loc[r].to_numpy().argmin()]
                             for r in by_field.rows)
        print(f"{name:<20}{len(set(lists.values())):>14}{len(set(sets.values())):>6}"
              f"{sum(pairs) / len(pairs):>9.3f}{len(counts):>10}"
              f"{on_export / len(matrix.rows):>15.1%}{len(set(best3.values())):>14}"
              f"{len(field_best):>12}")
        same = [f"{a}={b}" for a, b in itertools.combinations(targets, 2)
                if lists[a] == lists[b]]
        details.append(
            f"{name}: best market most often "
            + ", ".join(f"{c} {n}" for c, n in counts.most_common(3))
            + f" (of {len(matrix.rows)}); fields' best markets "
            + ", ".join(f"{c} {n}" for c, n in field_best.most_common())
            + f"; same country top-{top} list: {', '.join(same) or '-'}"
        )
    print(*details, sep="\n")


def _reason(record: Mapping[str, Any], names: Mapping[str, str]) -> str:
    parts = []
    for leaf in record["top_criteria"]:
        value = record["criteria"][leaf]
        source = next(s for s in record["sources"] if s["criterion"] == leaf)
        if "indicator" in source:
            raw = source["value"]
            where = f"{source['issuer']} {source['year']}"
            shown = f"{raw:,.4g}" if raw is not None else "filled"
        elif "fields" in source:
            where = source["file"] + (f" [{', '.join(source['source_ids'])}]"
                                      if source["source_ids"] else "")
            shown = f"{value:.3g}"
        else:
            where = "export_countries"
            shown = f"{value:.3g}"
        parts.append(f"{names[leaf]} {shown} ({where}; "
                     f"{record['contributions'][leaf]:.3f} of the score)")
    return "; ".join(parts)


def examples(scenario_name: str, given: tuple[str, ...] = ()) -> None:
    """Print five technologies' (or the ``given`` ones') best three markets with reasons."""
    db, tree = em.load_sample(), em.load_criteria()
    scenario = em.load_scenario(scenario_name)
    countries, indicators = em.load_countries(), load_indicators()
    targets = mk.single_targets(countries, indicators)
    supply = mk.prepare_supply(db, tree, scenario, countries, targets)
    matrix = mk.export_potential(db, supply, indicators)
    by_field = mk.export_potential(db, supply, indicators, by="field")
    members = mk._field_members(db)
    number = {FIELDS[f - 1].en: f for f in members}
    chosen: list[tuple[str, str]] = [
        (t, FIELDS[min(f for f, ids in members.items() if t in ids) - 1].en) for t in given]
    for field_name in () if given else by_field.best_rows(None):
        ids = [t for t in members[number[field_name]] if t not in {c for c, _ in chosen}]
        best = matrix.score.loc[ids].max(axis=1).sort_values(ascending=False, kind="stable")
        chosen.append((str(best.index[0]), field_name))
        if len(chosen) == 5:
            break
    market = mk.load_market_criteria()
    names = market.names("en")
    print(f"scenario {scenario_name}; market side over {len(targets)} targets")
    for tid, field_name in chosen:
        ranking = mk.rank_markets(db, tree, scenario, countries, indicators, technology=tid,
                                  market_tree=market)
        title = db.technologies.loc[tid, "technology_name"]
        print(f"\n{tid} ({field_name}; {title}); normalisation "
              f"{ranking.result.normalization}")
        for r in ranking.records()[:3]:
            print(f"  {r['rank']}. {r['country']} {r['score']:.3f}: {_reason(r, names)}")
        notes = [n for n in ranking.notes if n.code not in ("tie_rule", "market_value_filled")]
        for note in notes:
            print(f"  note: {note_text(note, 'en', names)}")


def main() -> None:
    """Print the timings, the figures or the examples."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="balanced")
    parser.add_argument("--figures", action="store_true")
    parser.add_argument("--examples", action="store_true")
    parser.add_argument("--technologies", default="", metavar="T1,T2,...",
                        help="with --examples: these technologies instead of the chosen five")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    if args.figures:
        figures(args.top)
    elif args.examples:
        examples(args.scenario, tuple(t.strip() for t in args.technologies.split(",")
                                      if t.strip()))
    else:
        timings(args.scenario)


if __name__ == "__main__":
    main()
