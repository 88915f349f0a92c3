"""How country-specific are the shortlists? Distinct top-10 lists and their overlap.

    PYTHONPATH=src python bench/distinct_tops.py [--top 10] [--with-ascn]

Over the single-country targets of ``data/countries`` (groups excluded; ASCN, the ASEAN Smart
Cities Network's own documents, excluded unless ``--with-ascn``: it is a network, not a
market), under each shipped scenario: the number of distinct top-N lists (as ordered lists
and as sets), and the mean pairwise Jaccard overlap |A ∩ B| / |A ∪ B| of the top-N sets.
Then India's policy-fit value distribution over the sample's technologies. Deterministic:
nothing random.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter

import exportmcda as em
from exportmcda.model.measures import score

TOPS = (0.0, 0.25, 0.5, 0.75, 0.999999, 1.0)
BINS = ("0", "(0, 0.25]", "(0.25, 0.5]", "(0.5, 0.75]", "(0.75, 1)", "1")
SCENARIOS = ("balanced", "balanced_regional", "market_fit_first", "sme_first")


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B| (1 when both are empty)."""
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--with-ascn", action="store_true")
    args = parser.parse_args()
    db = em.load_sample()
    tree = em.load_criteria()
    profiles = em.load_countries()
    codes = sorted(c for c, p in profiles.items()
                   if not p.is_group and (args.with_ascn or c != "ASCN"))
    print(f"targets ({len(codes)}): {' '.join(codes)}")
    shared: list[str] = []
    print(f"{'scenario':<20}{'distinct lists':>16}{'distinct sets':>15}{'mean Jaccard':>14}")
    for name in SCENARIOS:
        scenario = em.load_scenario(name)
        weights = em.scenario_weights(scenario, tree)
        tops = {c: em.select(db, tree, scenario, profiles[c], weights=weights).top_ids(args.top)
                for c in codes}
        sets = {c: frozenset(t) for c, t in tops.items()}
        pairs = [jaccard(sets[a], sets[b]) for a, b in itertools.combinations(codes, 2)]
        print(f"{name:<20}{len(set(tops.values())):>16}{len(set(sets.values())):>15}"
              f"{sum(pairs) / len(pairs):>14.3f}")
        same = [f"{a}={b}" for a, b in itertools.combinations(codes, 2) if tops[a] == tops[b]]
        shared.append(f"{name}: {', '.join(same) or '-'}")
    print("same ordered top list:", *shared, sep="\n  ")
    fit_leaf = next(leaf.id for leaf in tree.leaves if leaf.measure == "policy_fit")
    values = score(db, tree, profiles["IND"], leaves=(fit_leaf,)).matrix[fit_leaf]
    distinct = len({round(float(v), 9) for v in values})
    print(f"\nIND policy fit ({fit_leaf}) over {len(values)} technologies: "
          f"{int((values >= 1.0 - 1e-12).sum())} at 1.0, {distinct} distinct values")
    bins = Counter(BINS[next(i for i, top in enumerate(TOPS) if v <= top + 1e-12)]
                   for v in values)
    for label in BINS:
        print(f"  {label:<12}{bins[label]:>6}")


if __name__ == "__main__":
    main()
