"""How country-specific are the shortlists? Distinct top-10 lists and their overlap.

    PYTHONPATH=src python bench/distinct_tops.py [--top 10] [--with-ascn]

Over the single-country targets of ``data/countries`` (groups excluded; ASCN, the ASEAN Smart
Cities Network's own documents, excluded unless ``--with-ascn``: it is a network, not a
market), under each shipped scenario: the number of distinct top-N lists (as ordered lists
and as sets), and the mean pairwise Jaccard overlap |A ∩ B| / |A ∪ B| of the top-N sets.
Then, for every pair of targets with the same ordered top-N list, whether their sourced
evidence is the same (the issue allows a shared list only there): the fields whose profile
entries differ (priority, basis, source ids and types, and the field fit the scenario's
policy-fit leaf computes from them), and for each listed technology its policy fit in both
countries, its primary field and value, and the mean of its other fields (under the shipped
``primary_mean`` they count a fifth; under the earlier ``primary_plus`` the cap at 1 could cut
them off). Then India's policy-fit value distribution over the sample's technologies.
Deterministic: nothing random.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter

import exportmcda as em
from exportmcda.data.countries import CountryProfile
from exportmcda.data.taxonomy import FIELDS
from exportmcda.model.measures import field_fit, score
from exportmcda.model.selection import Selection

TOPS = (0.0, 0.25, 0.5, 0.75, 0.999999, 1.0)
BINS = ("0", "(0, 0.25]", "(0.25, 0.5]", "(0.5, 0.75]", "(0.75, 1)", "1")
SCENARIOS = ("balanced", "balanced_regional", "market_fit_first", "sme_first")


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B| (1 when both are empty)."""
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def _entry(profile: CountryProfile, k: int) -> str:
    fp = profile.fields[k]
    shown = ", ".join(f"{s.id}:{s.type.value}" for s in fp.sources)
    return f"{fp.priority:g} {fp.basis} [{shown}]"


def _strength(profile: CountryProfile, k: int) -> tuple[float, str, tuple[str, ...]]:
    """What the evidence rule reads of a field: priority, basis, the source types (ids are
    each country's own, so two profiles never share them)."""
    fp = profile.fields[k]
    return fp.priority, fp.basis, tuple(sorted(s.type.value for s in fp.sources))


def evidence(a: Selection, b: Selection, top: int) -> list[str]:
    """Why targets ``a`` and ``b`` share a top-``top`` list: their evidence, field by field."""
    leaf = next(x for x in a.weights.tree.leaves if x.measure == "policy_fit")
    credit = float(leaf.params.get("secondary_credit", 0.0))
    pa, pb = a.country, b.country
    fa, fb = field_fit(pa, leaf.params)[0], field_fit(pb, leaf.params)[0]
    lines = []
    differ = [k for k in range(len(FIELDS))
              if _strength(pa, k) != _strength(pb, k) or abs(fa[k] - fb[k]) > 1e-12]
    verdict = ("the same in every field (priority, basis, source types, fit)" if not differ
               else f"differs in {len(differ)} of {len(FIELDS)} fields (priority, basis, "
               "source types or fit)")
    lines.append(f"{pa.code}={pb.code}: sourced evidence {verdict}")
    for k in differ:
        lines.append(f"    field {k + 1:>2} {FIELDS[k].en:<26} {pa.code} {_entry(pa, k)} -> "
                     f"fit {fa[k]:.3g}; {pb.code} {_entry(pb, k)} -> fit {fb[k]:.3g}")
    at_one = 0
    for tid in a.top_ids(top):
        fields = a.fields_of[tid]
        shown = []
        for code, fit, sel in ((pa.code, fa, a), (pb.code, fb, b)):
            ordered = sorted((fit[f - 1] for f in fields), reverse=True)
            rest = ordered[1:]
            primary = next(FIELDS[f - 1].en for f in fields if fit[f - 1] == ordered[0])
            others = f"{sum(rest) / len(rest):.3g}" if rest else "-"
            value = float(sel.result.matrix[sel.position(tid), sel.criteria.index(leaf.id)])
            shown.append((value, f"{code} primary {primary} {ordered[0]:.3g}, others {others}, "
                                 f"fit {value:.3g}"))
        at_one += all(v >= 1.0 - 1e-12 for v, _ in shown)
        lines.append(f"    {tid} fields {','.join(map(str, fields))}: {shown[0][1]}; {shown[1][1]}")
    lines.append(f"    {at_one} of the {top} listed technologies have policy fit 1 in both "
                 f"(aggregate {leaf.params.get('aggregate', 'max')}, secondary credit {credit:g})")
    return lines


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
    why: list[str] = []
    print(f"{'scenario':<20}{'distinct lists':>16}{'distinct sets':>15}{'mean Jaccard':>14}")
    for name in SCENARIOS:
        scenario = em.load_scenario(name)
        weights = em.scenario_weights(scenario, tree)
        selections = {c: em.select(db, tree, scenario, profiles[c], weights=weights)
                      for c in codes}
        tops = {c: s.top_ids(args.top) for c, s in selections.items()}
        sets = {c: frozenset(t) for c, t in tops.items()}
        pairs = [jaccard(sets[a], sets[b]) for a, b in itertools.combinations(codes, 2)]
        print(f"{name:<20}{len(set(tops.values())):>16}{len(set(sets.values())):>15}"
              f"{sum(pairs) / len(pairs):>14.3f}")
        same = [(a, b) for a, b in itertools.combinations(codes, 2) if tops[a] == tops[b]]
        shared.append(f"{name}: {', '.join(f'{a}={b}' for a, b in same) or '-'}")
        for a, b in same:
            why += [f"{name} " + line if i == 0 else line for i, line in
                    enumerate(evidence(selections[a], selections[b], args.top))]
    print("same ordered top list:", *shared, sep="\n  ")
    if why:
        print("\nshared lists and their evidence (field: priority basis [source:type] -> fit):")
        print(*why, sep="\n")
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
