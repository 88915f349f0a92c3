"""Generate the synthetic sample database that reproduces the study's published tables.

Kim, D. (2021), *A Study on Smart City Policy and Technology Status Analysis for Overseas
Smart City Technology Export*, University of Seoul, Institute of Urban Sciences, publishes
summary tables of a database of 1,044 smart-city technologies (1,847 technology × field
rows) held by 300 Korean companies, but not the database itself. This script builds a
fictitious database whose summary tables equal every published number (section III:
region table, company size table, capital stock table, the history and employee modes,
the six named service-type counts, the 1,847 / 1,044 totals and the top-five field
ranking). Every number the study does not publish is an assumption, listed with an id
(A1, A2, ...) and its reason in ``ASSUMPTIONS.md`` and ``metadata.json``.

Usage::

    python scripts/generate_sample.py            # rewrites data/sample/
    python scripts/generate_sample.py --out DIR  # writes the three files into DIR

The output is byte-identical on every run: a ``random.Random(SEED)`` stream (whose
``random``/``randrange``/``shuffle`` sequence is stable across Python versions) drives every
draw; integer weights avoid floating-point sums; nothing depends on dict/set order or
hash seeds.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exportmcda.data.database import REQUIRED_COLUMNS
from exportmcda.data.taxonomy import (
    CAPITAL,
    CLASS_SCALES,
    COMPANY_SIZES,
    EMPLOYEES,
    FIELDS,
    HISTORY,
    REGIONS,
    SALES,
    SERVICE_TYPES,
    ClassScale,
    Dimension,
    lookup,
)

SEED = 20210504  # the study's date, 2021-05-04
STUDY = (
    "Kim, D. (2021) A Study on Smart City Policy and Technology Status Analysis for Overseas "
    "Smart City Technology Export. University of Seoul, Institute of Urban Sciences."
)
TITLE = (
    "Synthetic sample database of Korean smart-city technologies and companies "
    "(reproduces the published tables of Kim 2021; fictitious companies and technologies)"
)
CSV_NAME = "technologies.csv"
COLUMNS = (*REQUIRED_COLUMNS, *(s.class_column for s in CLASS_SCALES))
"""The sample gives classes only (the study publishes classes, not raw won/years/people)."""
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "sample"

# ----------------------------------------------------------------- published (study §III)

N_ROWS, N_TECHNOLOGIES, N_COMPANIES = 1847, 1044, 300

# Region table: (technologies, companies) per region, taxonomy order 1..17.
REGION_COUNTS: tuple[tuple[int, int], ...] = (
    (530, 148), (12, 5), (11, 5), (55, 8), (12, 4), (18, 8), (1, 1), (10, 8), (304, 86),
    (40, 4), (1, 1), (5, 2), (11, 5), (2, 2), (18, 6), (9, 5), (5, 2),
)  # fmt: skip
# Size table, taxonomy order: SME, medium-sized, major, public institution, non-profit.
SIZE_COUNTS: tuple[int, ...] = (196, 24, 52, 22, 6)
# Capital stock table: classes 1..7, then "The others" (no class).
CAPITAL_COUNTS: tuple[int, ...] = (22, 113, 78, 36, 24, 13, 9, 5)
HISTORY_MODE = (4, 84)  # 20 to <30 years: 84 companies (28.0 %)
EMPLOYEES_MODE = (3, 89)  # 20 to <100 people: 89 companies (29.7 %)
# Service types over technology × field rows (20.4, 13.9, 12.3, 7.4, 7.4, 5.3 %).
PUBLISHED_SERVICE_ROWS: dict[str, int] = {
    "Platform": 375, "IoT": 255, "AI": 225, "Big data": 135, "GIS-GPS": 135, "Cloud": 97,
}  # fmt: skip
TOP_FIELDS = ("Traffic", "Green·Energy", "E-government", "Crime prevention", "Construction")

# --------------------------------------------------------------------- assumed numbers

# A1: 12 technology × field rows without a service type (12 single-field technologies).
NO_SERVICE_TYPE_ROWS = 12
# A2: the other 33 service types (rows; each < 97, each >= 1, sum 1,835 - 1,222 = 613).
OTHER_SERVICE_ROWS: dict[str, int] = {
    "Program": 52, "Sensor": 50, "CCTV": 46, "Mobile": 42, "SI-SM": 40, "Contents": 35,
    "New renewable energy": 32, "Drone": 28, "Automatic driving": 26, "Digital twin": 24,
    "ESS": 22, "3D": 20, "Consulting": 18, "Blockchain": 17, "LTE-5G": 16, "VR": 15,
    "Water treatment system": 14, "Robot": 13, "Kiosk": 12, "RFID": 11, "BIM": 10,
    "Construction·Operation·Maintenance": 10, "Edge computing": 9, "AR": 8, "Biometrics": 8,
    "Fuel-cell": 7, "Eco-friendly commercial vehicle": 6, "Bluetooth": 5, "Module": 5,
    "Modular": 4, "NFC": 3, "MR": 3, "DRM": 2,
}  # fmt: skip
# A3: rows per field (the study ranks only the top five).
FIELD_ROWS: dict[str, int] = {
    "Traffic": 290, "Green·Energy": 215, "E-government": 180, "Crime prevention": 160,
    "Construction": 140, "Disaster prevention": 95, "Communications technology": 90,
    "Water management": 80, "Logistics": 75, "Medical·Health": 70, "Welfare": 65,
    "Business": 60, "Citizen participation": 55, "Refuse disposal": 50, "Tourism": 45,
    "Education": 42, "Factory": 38, "Finance": 35, "Culture and art": 30, "Agriculture": 22,
    "Labor employment": 10,
}  # fmt: skip
# A4: technologies by number of fields (1..4): 1,044 technologies, 1,847 rows.
FIELDS_PER_TECHNOLOGY: tuple[int, ...] = (474, 383, 141, 46)
# A5-A8: class by company size (rows: SME, medium, major, public, non-profit; columns: class
# 1..max, then for capital "no class"). Column sums are the published or assumed marginals.
CAPITAL_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (21, 108, 59, 8, 0, 0, 0, 0),
    (0, 3, 10, 9, 2, 0, 0, 0),
    (0, 0, 4, 11, 16, 12, 9, 0),
    (0, 1, 4, 8, 6, 1, 0, 2),
    (1, 1, 1, 0, 0, 0, 0, 3),
)
SALES_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (40, 88, 62, 6, 0, 0, 0),
    (0, 0, 8, 14, 2, 0, 0),
    (0, 0, 1, 9, 22, 18, 2),
    (0, 2, 5, 7, 6, 2, 0),
    (3, 2, 1, 0, 0, 0, 0),
)
HISTORY_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (30, 43, 66, 42, 12, 3),
    (0, 1, 5, 10, 6, 2),
    (0, 0, 3, 16, 17, 16),
    (0, 1, 3, 12, 4, 2),
    (0, 0, 1, 4, 1, 0),
)
EMPLOYEES_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (38, 41, 80, 37, 0, 0, 0),
    (0, 0, 2, 14, 8, 0, 0),
    (0, 0, 0, 2, 25, 22, 3),
    (0, 0, 3, 4, 15, 0, 0),
    (0, 1, 4, 1, 0, 0, 0),
)
# A9: relative weight of a company size for holding more than one technology.
SIZE_TECH_WEIGHT: tuple[int, ...] = (10, 12, 20, 15, 8)
# A10: service type -> fields it is more likely to serve (weight x AFFINITY).
AFFINITY = 4
SERVICE_FIELD_AFFINITY: dict[str, tuple[str, ...]] = {
    "GIS-GPS": ("Traffic", "Logistics", "Disaster prevention"),
    "Automatic driving": ("Traffic", "Logistics"),
    "Eco-friendly commercial vehicle": ("Traffic", "Green·Energy"),
    "ESS": ("Green·Energy",),
    "Fuel-cell": ("Green·Energy",),
    "New renewable energy": ("Green·Energy",),
    "CCTV": ("Crime prevention", "Traffic", "Disaster prevention"),
    "Biometrics": ("Crime prevention", "Finance"),
    "Water treatment system": ("Water management", "Refuse disposal"),
    "BIM": ("Construction",),
    "Construction·Operation·Maintenance": ("Construction",),
    "Modular": ("Construction",),
    "Digital twin": ("Construction", "Traffic"),
    "3D": ("Construction", "Culture and art"),
    "Blockchain": ("Finance", "E-government"),
    "Drone": ("Disaster prevention", "Agriculture", "Logistics"),
    "Robot": ("Factory", "Medical·Health", "Logistics"),
    "Kiosk": ("E-government", "Tourism"),
    "Contents": ("Culture and art", "Tourism", "Education"),
    "AR": ("Culture and art", "Tourism", "Education"),
    "VR": ("Culture and art", "Tourism", "Education"),
    "MR": ("Culture and art", "Education"),
    "Consulting": ("E-government", "Business"),
    "Platform": ("E-government", "Citizen participation", "Business"),
    "Big data": ("E-government", "Traffic"),
    "Sensor": ("Traffic", "Disaster prevention", "Green·Energy"),
}


def _number(dimension: Dimension, name: str) -> int:
    category = lookup(dimension, name)
    if category is None:
        raise ValueError(f"{name!r} is not a {dimension.value} of the taxonomy")
    return category.number


# ------------------------------------------------------------------------- assumptions

_SIZE_SHORT = ("SME", "medium", "major", "public", "non-profit")


def _by_size(table: tuple[tuple[int, ...], ...], scale: ClassScale) -> str:
    """'SME 21/108/...; medium ...; totals ...' for a class-by-size table (classes 1..max)."""
    parts = []
    for short, row in zip(_SIZE_SHORT, table, strict=True):
        text = f"{short} " + "/".join(str(n) for n in row[: scale.max_level])
        none = sum(row[scale.max_level :])
        parts.append(text + (f" + {none} without class" if none else ""))
    totals = [sum(col) for col in zip(*table, strict=True)]
    parts.append("totals " + "/".join(str(n) for n in totals[: scale.max_level]))
    return "; ".join(parts)


def assumptions() -> list[str]:
    """The assumptions, as 'A<n>: what (why)' lines, shared by ASSUMPTIONS.md and metadata."""
    top = ", ".join(f"{k} {v}" for k, v in FIELD_ROWS.items())
    others = ", ".join(f"{k} {v}" for k, v in OTHER_SERVICE_ROWS.items())
    n1, n2, n3, n4 = FIELDS_PER_TECHNOLOGY
    weights = ", ".join(f"{_SIZE_SHORT[i]} {w}" for i, w in enumerate(SIZE_TECH_WEIGHT))
    return [
        "A1: 12 technology × field rows have no service type (12 single-field technologies), "
        "so 1,835 rows carry one. Why: the study's service-type percentages (375 = 20.4 %, "
        "255 = 13.9 %, 225 = 12.3 %, 135 = 7.4 %, 97 = 5.3 %) round correctly half-up only "
        "over 1,834-1,836 rows, not over the 1,847 rows it reports; 1,835 is the middle value.",
        f"A2: rows of the 33 unnamed service types (sum 613): {others}. Why: the study names "
        "only the top six; each other type is kept below Cloud's 97 and used at least once, "
        "with a long tail as in a patent-based database.",
        f"A3: rows per field (sum 1,847): {top}. Why: the study gives only the ranking of the "
        "top five (traffic, green energy, e-government, crime prevention, construction); the "
        "counts are invented, strictly decreasing over the top five, every field used.",
        f"A4: technologies with 1/2/3/4 fields: {n1}/{n2}/{n3}/{n4} (1,044 technologies, "
        "1,847 rows). Why: only the totals are published; most technologies serve one or two "
        "fields.",
        f"A5: capital class by company size ({_by_size(CAPITAL_BY_SIZE, CAPITAL)}). Why: the "
        "study publishes only the capital margin and the size margin; major companies take "
        "the high classes, SMEs the low ones, and the 5 'others' are public institutions and "
        "non-profits, which need not have capital stock.",
        f"A6: sales class, no 'others' ({_by_size(SALES_BY_SIZE, SALES)}). Why: nothing on "
        "sales is published; SMEs stay below the SME ceiling of 150 billion won (study's "
        "size definition), major companies are high.",
        f"A7: history class, no 'others' ({_by_size(HISTORY_BY_SIZE, HISTORY)}). Why: only "
        "the mode is published (class 4, 84 companies, 28.0 %); the rest is assumed, with "
        "older major companies.",
        f"A8: employees class, no 'others' ({_by_size(EMPLOYEES_BY_SIZE, EMPLOYEES)}). Why: "
        "only the mode is published (class 3, 89 companies, 29.7 %); the rest follows "
        "company size.",
        "A9: within a size, a company's capital, sales and employee classes rise together "
        "(one latent scale per company plus noise) and history loosely follows it. Why: "
        "keeps each fictitious company internally plausible.",
        "A10: sizes are paired with regions at random; within a region every company holds "
        "at least one technology and the remaining technologies go to companies with weights "
        f"{weights} (times a random factor 1-4). Why: the study publishes only the region and "
        "size margins.",
        "A11: a technology's service type and company are chosen so that most companies "
        "hold one or two service types (companies take consecutive blocks of technologies "
        "ordered by service type). Why: specialised firms are typical in patent data; "
        "nothing is published.",
        f"A12: fields are drawn with weight x{AFFINITY} for the fields a service type "
        "typically serves (e.g. GIS-GPS -> traffic, logistics, disaster prevention), so "
        "field and service type are plausibly related. Why: the study publishes no "
        "cross-table.",
        "A13: companies and technologies are fictitious: names say 'synthetic', ids are "
        "C001-C300 and T0001-T1044. Why: the study's database is not public.",
    ]


# ------------------------------------------------------------------------- generation


@dataclass(slots=True, kw_only=True)
class _Company:
    region: int
    size: int
    classes: dict[str, int | None] = field(default_factory=dict)
    n_tech: int = 1
    latent: float = 0.0
    id: str = ""


@dataclass(slots=True, kw_only=True)
class _Technology:
    n_fields: int
    service_type: int | None = None
    fields: list[int] = field(default_factory=list)


def _weighted_index(rng: random.Random, weights: Sequence[int]) -> int:
    """Index drawn with probability proportional to the integer ``weights``."""
    total = sum(weights)
    if total <= 0:
        raise RuntimeError("no positive weight left to draw from")
    r = rng.randrange(total)
    for i, w in enumerate(weights):
        r -= w
        if r < 0:
            return i
    raise AssertionError("unreachable")  # pragma: no cover


def _check_margins() -> None:
    """Fail fast if the literal tables above stop adding up to the published numbers."""
    checks = {
        "regions/technologies": (sum(t for t, _ in REGION_COUNTS), N_TECHNOLOGIES),
        "regions/companies": (sum(c for _, c in REGION_COUNTS), N_COMPANIES),
        "sizes": (sum(SIZE_COUNTS), N_COMPANIES),
        "fields": (sum(FIELD_ROWS.values()), N_ROWS),
        "fields per technology": (sum(FIELDS_PER_TECHNOLOGY), N_TECHNOLOGIES),
        "rows per technology": (
            sum((i + 1) * n for i, n in enumerate(FIELDS_PER_TECHNOLOGY)),
            N_ROWS,
        ),
        "service types": (
            sum(PUBLISHED_SERVICE_ROWS.values())
            + sum(OTHER_SERVICE_ROWS.values())
            + NO_SERVICE_TYPE_ROWS,
            N_ROWS,
        ),
    }
    tables = (CAPITAL_BY_SIZE, SALES_BY_SIZE, HISTORY_BY_SIZE, EMPLOYEES_BY_SIZE)
    for name, table in zip(("capital", "sales", "history", "employees"), tables, strict=True):
        for i, row in enumerate(table):
            checks[f"{name} size {i + 1}"] = (sum(row), SIZE_COUNTS[i])
    capital_margin = tuple(sum(col) for col in zip(*CAPITAL_BY_SIZE, strict=True))
    checks["capital margin"] = (int(capital_margin == CAPITAL_COUNTS), 1)
    for name, table, (mode, count) in (
        ("history", HISTORY_BY_SIZE, HISTORY_MODE),
        ("employees", EMPLOYEES_BY_SIZE, EMPLOYEES_MODE),
    ):
        margin = [sum(col) for col in zip(*table, strict=True)]
        unique_mode = margin[mode - 1] == count and margin.count(max(margin)) == 1
        checks[f"{name} mode"] = (int(unique_mode and max(margin) == count), 1)
    field_counts = [FIELD_ROWS[f] for f in TOP_FIELDS]
    rest = [v for k, v in FIELD_ROWS.items() if k not in TOP_FIELDS]
    ranked = field_counts == sorted(set(field_counts), reverse=True)
    checks["top fields"] = (int(ranked and max(rest) < field_counts[-1] and min(rest) > 0), 1)
    checks["other service types"] = (
        int(all(0 < v < PUBLISHED_SERVICE_ROWS["Cloud"] for v in OTHER_SERVICE_ROWS.values())),
        1,
    )
    checks["field names"] = (len(FIELD_ROWS), len(FIELDS))
    checks["service type names"] = (
        len(PUBLISHED_SERVICE_ROWS) + len(OTHER_SERVICE_ROWS),
        len(SERVICE_TYPES),
    )
    bad = {k: v for k, v in checks.items() if v[0] != v[1]}
    if bad:
        raise RuntimeError(f"generator tables do not add up: {bad}")


def _make_companies(rng: random.Random) -> list[_Company]:
    regions = [r + 1 for r, (_, n) in enumerate(REGION_COUNTS) for _ in range(n)]
    sizes = [s + 1 for s, n in enumerate(SIZE_COUNTS) for _ in range(n)]
    rng.shuffle(sizes)  # A10: sizes paired with regions at random
    companies = [_Company(region=r, size=s) for r, s in zip(regions, sizes, strict=True)]
    for c in companies:
        c.latent = rng.random()
    scales: tuple[tuple[ClassScale, tuple[tuple[int, ...], ...], float], ...] = (
        (CAPITAL, CAPITAL_BY_SIZE, 0.15),
        (SALES, SALES_BY_SIZE, 0.15),
        (EMPLOYEES, EMPLOYEES_BY_SIZE, 0.15),
        (HISTORY, HISTORY_BY_SIZE, 0.6),
    )
    for size in range(1, len(SIZE_COUNTS) + 1):
        group = [c for c in companies if c.size == size]
        for scale, table, noise in scales:
            row = table[size - 1]
            levels = [lv + 1 for lv in range(scale.max_level) for _ in range(row[lv])]
            n_none = sum(row[scale.max_level :])
            members = list(group)
            rng.shuffle(members)
            for c in members[:n_none]:  # A5: "no class" companies picked at random
                c.classes[scale.class_column] = None
            rest = members[n_none:]
            keyed = sorted(((c.latent + noise * rng.random(), i) for i, c in enumerate(rest)))
            for level, (_, i) in zip(levels, keyed, strict=True):  # A9: rise together
                rest[i].classes[scale.class_column] = level
    return companies


def _assign_tech_counts(rng: random.Random, companies: list[_Company]) -> None:
    for r, (n_tech, n_comp) in enumerate(REGION_COUNTS, start=1):
        group = [c for c in companies if c.region == r]
        weights = [SIZE_TECH_WEIGHT[c.size - 1] * rng.randint(1, 4) for c in group]
        for _ in range(n_tech - n_comp):
            group[_weighted_index(rng, weights)].n_tech += 1


def _make_technologies(rng: random.Random) -> list[_Technology]:
    techs = [
        _Technology(n_fields=k + 1) for k, n in enumerate(FIELDS_PER_TECHNOLOGY) for _ in range(n)
    ]
    rng.shuffle(techs)
    singles = [t for t in techs if t.n_fields == 1]
    multis = sorted((t for t in techs if t.n_fields > 1), key=lambda t: -t.n_fields)
    targets = {
        _number(Dimension.SERVICE_TYPE, name): rows
        for name, rows in (*PUBLISHED_SERVICE_ROWS.items(), *OTHER_SERVICE_ROWS.items())
    }
    order = sorted(targets)
    left = [targets[s] for s in order]
    # Multi-field technologies first, weighted by remaining capacity; single-field ones
    # then fill every type's remainder exactly (A1: the first 12 singles get no type).
    for t in multis:
        weights = [cap if cap >= t.n_fields else 0 for cap in left]
        i = _weighted_index(rng, weights)
        t.service_type = order[i]
        left[i] -= t.n_fields
    for t in singles[NO_SERVICE_TYPE_ROWS:]:
        i = _weighted_index(rng, left)
        t.service_type = order[i]
        left[i] -= 1
    if any(left):
        raise RuntimeError("service-type rows could not be matched exactly")
    return techs


def _assign_fields(rng: random.Random, techs: list[_Technology]) -> None:
    left = [FIELD_ROWS[f.en] for f in FIELDS]
    affinity: dict[int, set[int]] = {
        _number(Dimension.SERVICE_TYPE, s): {_number(Dimension.FIELD, f) for f in fs}
        for s, fs in SERVICE_FIELD_AFFINITY.items()
    }
    # Multi-field technologies first (most fields first), then single-field ones, which
    # always fit because the remaining capacity equals their number exactly.
    for t in sorted(techs, key=lambda t: -t.n_fields):
        liked = affinity.get(t.service_type or 0, set())
        for _ in range(t.n_fields):
            weights = [
                0 if (i + 1) in t.fields else cap * (AFFINITY if (i + 1) in liked else 1)
                for i, cap in enumerate(left)
            ]
            i = _weighted_index(rng, weights)
            t.fields.append(i + 1)
            left[i] -= 1
        t.fields.sort()
    if any(left):
        raise RuntimeError("field rows could not be matched exactly")


def generate(seed: int = SEED) -> tuple[bytes, bytes, bytes]:
    """Build the sample; return the CSV, metadata.json and ASSUMPTIONS.md as bytes."""
    _check_margins()
    rng = random.Random(seed)
    companies = _make_companies(rng)
    _assign_tech_counts(rng, companies)
    techs = _make_technologies(rng)
    _assign_fields(rng, techs)
    # A11: companies, in random order, take consecutive blocks of the technologies
    # ordered by service type; ids are then given in a second, independent random order.
    rng.shuffle(companies)
    techs.sort(key=lambda t: t.service_type or 0)
    holdings: list[list[_Technology]] = []
    start = 0
    for c in companies:
        block = techs[start : start + c.n_tech]
        rng.shuffle(block)
        holdings.append(block)
        start += c.n_tech
    if start != N_TECHNOLOGIES:
        raise RuntimeError(f"{start} technologies assigned, expected {N_TECHNOLOGIES}")
    order = list(range(len(companies)))
    rng.shuffle(order)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    pos = 0
    for number, k in enumerate(order, start=1):
        c = companies[k]
        c.id = f"C{number:03d}"
        for t in holdings[k]:
            pos += 1
            tid = f"T{pos:04d}"
            st = SERVICE_TYPES[t.service_type - 1].en if t.service_type else ""
            name = f"Synthetic technology {tid}" + (f" ({st})" if st else "")
            for f in t.fields:
                writer.writerow(
                    [
                        tid,
                        name,
                        c.id,
                        f"Fictional Smart Co. {c.id[1:]} (synthetic)",
                        FIELDS[f - 1].en,
                        st,
                        REGIONS[c.region - 1].en,
                        COMPANY_SIZES[c.size - 1].en,
                        *(
                            "" if (v := c.classes[s.class_column]) is None else str(v)
                            for s in (CAPITAL, SALES, HISTORY, EMPLOYEES)
                        ),
                    ]
                )
    csv_bytes = buf.getvalue().encode("utf-8")
    meta = {
        "synthetic": True,
        "title": TITLE,
        "study": STUDY,
        "generator": "scripts/generate_sample.py",
        "seed": seed,
        "csv": CSV_NAME,
        "csv_sha256": hashlib.sha256(csv_bytes).hexdigest(),
        "assumptions": assumptions(),
    }
    meta_bytes = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return csv_bytes, meta_bytes, _assumptions_md(seed).encode("utf-8")


def _assumptions_md(seed: int) -> str:
    lines = [
        "# Synthetic sample database: assumptions",
        "",
        "Generated by `scripts/generate_sample.py` (seed "
        f"{seed}); do not edit by hand, re-run the script.",
        "",
        "**Synthetic data.** Every company and technology in `technologies.csv` is "
        "fictitious. The file is built so that its summary tables equal the numbers "
        f"published in: {STUDY}",
        "",
        "## Reproduced exactly (published in the study, section III)",
        "",
        "- 1,044 unique technologies, 1,847 technology × field rows, 300 companies "
        "(each holding at least one technology).",
        "- Technologies and companies per region (17 rows, e.g. Seoul 530 / 148, "
        "Gyeonggi-do 304 / 86).",
        "- Companies by size: 196 / 24 / 52 / 22 / 6 (SME, medium-sized, major, public "
        "institution, non-profit).",
        "- Companies by capital stock class 1-7: 22 / 113 / 78 / 36 / 24 / 13 / 9, and 5 "
        "'The others' (no class).",
        "- History mode: class 4 (20 to <30 years), 84 companies (28.0 %). Employees mode: "
        "class 3 (20 to <100 people), 89 companies (29.7 %).",
        "- Service types (technology × field rows): Platform 375, IoT 255, AI 225, Big data "
        "135, GIS-GPS 135, Cloud 97 (20.4 / 13.9 / 12.3 / 7.4 / 7.4 / 5.3 %, over the 1,835 "
        "rows that have a service type, see A1).",
        "- Field ranking: Traffic > Green·Energy > E-government > Crime prevention > "
        "Construction > every other field.",
        "",
        "## Assumptions (not published; invented to complete the database)",
        "",
    ]
    for a in assumptions():
        ident, text = a.split(": ", 1)
        lines.append(f"- **{ident}**: {text}")
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: write the three files into ``--out`` (default data/sample)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    csv_bytes, meta_bytes, md_bytes = generate(args.seed)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, data in ((CSV_NAME, csv_bytes), ("metadata.json", meta_bytes),
                       ("ASSUMPTIONS.md", md_bytes)):  # fmt: skip
        tmp = out / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.replace(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
