"""Build data/countries/*.toml once from the target-country reference files.

Run from the repository root (deterministic: no dates, stable order, plain ``\\n``)::

    .venv/bin/python scripts/build_countries.py \\
        --csv /work/shared/reference/country-policies.csv \\
        --md /work/shared/reference/country-policies.md --out data/countries

Inputs: ``country-policies.csv`` (one row per target × 21 fields: priority, basis, evidence
citing source ids in square brackets, source titles/URLs) and ``country-policies.md``
(compiled November 2026; per-target "Sources (as found)" tables with issuer, year and type,
the "Mapping" tables, the overview matrix and the "Evidence strength by target" table).
The CSV gives each field's priority, basis and evidence; the md gives the source metadata and
evidence strength. Before writing, the two are cross-checked (priority, basis, cited ids and
evidence text per field, and the overview matrix); any disagreement stops the build. The
written folder is then loaded with ``exportmcda.data.countries.load_countries`` as a final check.
After this one run the files are edited by hand; see data/countries/README.md.
"""

from __future__ import annotations

import csv
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reference_build import run_build

from exportmcda.data.countries import load_countries
from exportmcda.data.taxonomy import FIELDS

HEADER = (
    "# {title}\n"
    "# Generated once by scripts/build_countries.py from country-policies.csv and\n"
    "# country-policies.md (compiled November 2026); edit by hand from here on.\n"
    "# Format, priority scale and bases: see README.md in this folder.\n"
)

# Names and regions the reference files do not carry (Korean names as used by MOFA/KOTRA).
NAMES_KO = {
    "ASCN": "아세안 스마트시티 네트워크",
    "BRN": "브루나이",
    "KHM": "캄보디아",
    "IDN": "인도네시아",
    "LAO": "라오스",
    "MYS": "말레이시아",
    "MMR": "미얀마",
    "PHL": "필리핀",
    "SGP": "싱가포르",
    "THA": "태국",
    "VNM": "베트남",
    "IND": "인도",
    "SAU": "사우디아라비아",
    "ARE": "아랍에미리트",
    "QAT": "카타르",
    "EGY": "이집트",
    "KWT": "쿠웨이트",
}
ASEAN_MEMBERS = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM")
# md §13-17 list these one after another; the md names no group, so this is our grouping.
MIDDLE_EAST = ("SAU", "ARE", "QAT", "EGY", "KWT")
REGIONS = {
    "ASCN": ("ASEAN (regional network)", "아세안(지역 네트워크)"),
    **{code: ("Southeast Asia", "동남아시아") for code in ASEAN_MEMBERS},
    "IND": ("South Asia", "남아시아"),
    **{code: ("Middle East (Gulf)", "중동(걸프)") for code in ("SAU", "ARE", "QAT", "KWT")},
    "EGY": ("Middle East and North Africa", "중동·북아프리카"),
}
GROUPS = (
    {
        "code": "ASEAN",
        "name_en": "ASEAN member states",
        "name_ko": "아세안 회원국",
        "region": "Southeast Asia",
        "region_ko": "동남아시아",
        "members": ASEAN_MEMBERS,
        "description": (
            "The ten ASEAN member states. Not the same as ASCN, which is the regional network "
            "with its own documents and keeps its own profile."
        ),
    },
    {
        "code": "MIDDLE_EAST",
        "name_en": "Middle East targets",
        "name_ko": "중동 대상국",
        "region": "Middle East and North Africa",
        "region_ko": "중동·북아프리카",
        "members": MIDDLE_EAST,
        "description": (
            "The Gulf and Middle East targets of the reference (sections 13-17): Saudi Arabia, "
            "UAE, Qatar, Egypt and Kuwait (Kuwait is marked there as an optional target)."
        ),
    },
)

_CITE = re.compile(r"\s*\[([A-Z]+\d+(?:\s*;\s*[A-Z]+\d+)*)\]")
_SECTION = re.compile(r"^## \d+\. .*?`([A-Z]+)`")


class BuildError(Exception):
    """The reference files are inconsistent or incomplete."""


@dataclass
class MdSection:
    """What the md says about one target."""

    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    mapping: dict[int, dict[str, str]] = field(default_factory=dict)


@dataclass
class MdReference:
    """The parsed md: sections by code, all sources by id, strength, overview matrix."""

    sections: dict[str, MdSection] = field(default_factory=dict)
    all_sources: dict[str, dict[str, str]] = field(default_factory=dict)
    strength: dict[str, tuple[str, str]] = field(default_factory=dict)
    matrix: dict[str, list[int]] = field(default_factory=dict)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_md(text: str) -> MdReference:
    """Parse the tables of country-policies.md (header rows name the columns)."""
    ref = MdReference()
    code: str | None = None
    heading = ""
    columns: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            match = _SECTION.match(line)
            code = match.group(1) if match else None
            if code:
                ref.sections.setdefault(code, MdSection())
            heading, columns = "", []
        elif line.startswith("### "):
            heading, columns = line[4:], []
        elif not line.startswith("|"):
            columns = []
        elif not columns:
            columns = _cells(line)
        elif not line.startswith("| ---"):
            cells = _cells(line)
            if len(cells) != len(columns):
                raise BuildError(
                    f"md table row has {len(cells)} cells, expected {len(columns)}: {line}"
                )
            _take_row(ref, code, heading, dict(zip(columns, cells, strict=True)))
    return ref


def _take_row(ref: MdReference, code: str | None, heading: str, row: dict[str, str]) -> None:
    if heading.startswith("Sources") and "ID" in row:
        known = ref.all_sources.setdefault(row["ID"], row)
        if known != row:
            raise BuildError(f"source {row['ID']} is described differently in two tables")
        if code:
            ref.sections[code].sources[row["ID"]] = row
    elif heading.startswith("Mapping") and code:
        ref.sections[code].mapping[int(row["#"])] = row
    elif heading.startswith("Evidence strength"):
        ref.strength[row["Code"]] = (row["Strength"], row["Why"])
    elif heading.startswith("Overview matrix"):
        ref.matrix[row["Code"]] = [int(row[str(n)]) for n in range(1, len(FIELDS) + 1)]


def split_evidence(evidence: str) -> tuple[str, list[str]]:
    """Evidence text without its bracketed citations, and the cited ids in order."""
    ids = [i.strip() for group in _CITE.findall(evidence) for i in group.split(";")]
    return _CITE.sub("", evidence).strip(), ids


def read_csv(path: Path) -> dict[str, list[dict[str, str]]]:
    """CSV rows grouped by country code, in file order; field numbers/names checked."""
    out: dict[str, list[dict[str, str]]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            number = int(row["field_no"])
            if FIELDS[number - 1].en != row["field_name"]:
                raise BuildError(f"CSV line {line}: field {number} is not '{row['field_name']}'")
            out.setdefault(row["country_code"], []).append(row)
    for code, rows in out.items():
        if [int(r["field_no"]) for r in rows] != list(range(1, len(FIELDS) + 1)):
            raise BuildError(f"CSV: {code} does not have fields 1-{len(FIELDS)} in order")
    return out


def _check_row(code: str, row: dict[str, str], ref: MdReference, ids: list[str]) -> list[str]:
    """Disagreements between one CSV row and the md's mapping table and matrix."""
    number, priority = int(row["field_no"]), int(row["priority"])
    problems = []
    if ref.matrix.get(code, [None] * len(FIELDS))[number - 1] != priority:
        problems.append(f"{code} field {number}: overview matrix differs from CSV {priority}")
    mapped = ref.sections[code].mapping.get(number)
    if mapped is None:
        if priority != 0:
            problems.append(f"{code} field {number}: priority {priority} but no md mapping row")
        return problems
    text, _ = split_evidence(row["evidence"])
    md_ids = [i.strip() for i in mapped["Sources"].split(",")]
    for what, md_value, csv_value in (
        ("priority", mapped["Priority"].strip("*"), row["priority"]),
        ("basis", mapped["Basis"], row["basis"]),
        ("evidence", mapped["Evidence (short quote / paraphrase)"], text),
        ("sources", md_ids, ids),
    ):
        if md_value != csv_value:
            problems.append(f"{code} field {number}: md {what} {md_value!r} != CSV {csv_value!r}")
    return problems


@dataclass
class Profile:
    """One target ready to write."""

    code: str
    name_en: str
    sources: dict[str, dict[str, str]]
    fields: list[dict[str, object]]


def build_profile(code: str, rows: list[dict[str, str]], ref: MdReference) -> Profile:
    """Combine a target's CSV rows with its md sources; resolve each row's source ids."""
    if code not in ref.sections or code not in NAMES_KO or code not in ref.strength:
        raise BuildError(f"{code}: no md section, Korean name or evidence-strength row")
    sources = dict(ref.sections[code].sources)
    by_url = {s["URL (as found)"]: i for i, s in ref.all_sources.items()}
    problems: list[str] = []
    fields: list[dict[str, object]] = []
    for row in rows:
        text, ids = split_evidence(row["evidence"])
        problems += _check_row(code, row, ref, ids)
        role, unlisted = "cited", []
        if not ids:  # nothing cited: the documents that were checked, by URL
            role = "checked"
            pairs = zip(_split(row["source_title"]), _split(row["source_url"]), strict=True)
            for title, url in pairs:
                if url in by_url:
                    ids.append(by_url[url])
                else:
                    unlisted.append(f"{title} <{url}>")
        for source_id in ids:
            if source_id not in ref.all_sources:
                problems.append(f"{code} field {row['field_no']}: unknown source id {source_id}")
            else:
                sources.setdefault(source_id, ref.all_sources[source_id])
        fields.append(
            {
                "field": int(row["field_no"]),
                "name": row["field_name"],
                "priority": int(row["priority"]),
                "basis": row["basis"],
                "evidence": text,
                "source_role": role,
                "source_ids": ids,
                **({"unlisted_sources": unlisted} if unlisted else {}),
            }
        )
    if problems:
        raise BuildError("reference files disagree:\n  " + "\n  ".join(problems))
    return Profile(code=code, name_en=rows[0]["country_name"], sources=sources, fields=fields)


def _split(joined: str) -> list[str]:
    return [part.strip() for part in joined.split(" | ") if part.strip()]


def toml_value(value: object) -> str:
    """A TOML literal for a str, int or list of str (basic strings, escaped)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _pairs(items: Iterable[tuple[str, object]]) -> list[str]:
    return [f"{key} = {toml_value(value)}" for key, value in items]


def render_profile(profile: Profile, ref: MdReference) -> str:
    """The TOML text of one profile."""
    strength, why = ref.strength[profile.code]
    region, region_ko = REGIONS[profile.code]
    lines = [HEADER.format(title=f"{profile.name_en} ({profile.code}): smart-city policy profile")]
    lines += _pairs(
        [
            ("code", profile.code),
            ("name_en", profile.name_en),
            ("name_ko", NAMES_KO[profile.code]),
            ("region", region),
            ("region_ko", region_ko),
            ("evidence_strength", strength),
            ("evidence_note", why),
        ]
    )
    for source_id, source in profile.sources.items():
        lines += ["", "[[sources]]"]
        lines += _pairs(
            [
                ("id", source_id),
                ("title", source["Title"]),
                ("issuer", source["Issuer / publisher"]),
                ("year", source["Year"]),
                ("url", source["URL (as found)"]),
                ("type", source["Type"].lower()),
            ]
        )
    for entry in profile.fields:
        lines += ["", "[[fields]]", *_pairs(entry.items())]
    return "\n".join(lines) + "\n"


INDICATOR_AGGREGATION = """
# How a group's market indicators (data/countries/indicators/, read by
# exportmcda.data.indicators) combine its members' values, per indicator. Added by hand;
# the rules are our choice, stated here (the reference leaves them open, see
# country-indicators.md "Known limits"):
# * "sum" for sizes (people, cities): the group's market is the members' markets together.
#   Every member must have the value; if one lacks it, the group has no value and the
#   members lacking it are named (a partial sum would understate the size).
# * "weighted-mean" with weight = "population" for indices, shares and GDP per capita: the
#   level the average resident of the group lives under. For urban_share this equals the
#   group's urban population / population; for GDP per capita (2023) it approximates group
#   GDP / group population, weighted by the 2020 population (the reference's one year).
#   urban_population_growth is weighted by the 2020 urban population: the growth of the
#   group's urban market is that of its urban residents (an approximation of the group's
#   own compound rate, which would need the 2000 values). A member lacking the value (or
#   its weight) is left out of the mean and named in the value's notes, with the weight
#   share the mean covers; it is never counted as 0.
# * "none" for egdi_rank: a rank among 193 countries has no group counterpart; compare the
#   group's EGDI instead. The group's value is left empty and says so.
[indicator_aggregation]
egdi = { rule = "weighted-mean", weight = "population" }
egdi_rank = { rule = "none" }
online_service_index = { rule = "weighted-mean", weight = "population" }
human_capital_index = { rule = "weighted-mean", weight = "population" }
telecom_infrastructure_index = { rule = "weighted-mean", weight = "population" }
e_participation_index = { rule = "weighted-mean", weight = "population" }
population = { rule = "sum" }
urban_share = { rule = "weighted-mean", weight = "population" }
urban_population = { rule = "sum" }
urban_population_growth = { rule = "weighted-mean", weight = "urban_population" }
gdp_per_capita_ppp = { rule = "weighted-mean", weight = "population" }
ascn_cities = { rule = "sum" }
"""
"""How a group's market indicators combine (read by ``exportmcda.data.indicators``): our
stated rules, written after the groups so that rebuilding groups.toml keeps them."""


def render_groups(codes: Sequence[str]) -> str:
    """The TOML text of groups.toml, keeping only members present in the CSV."""
    lines = [HEADER.format(title="Country groups: a group's profile aggregates its members")]
    lines.append('# aggregation = "mean" (default) or "max" of the members\' priorities per field.')
    for group in GROUPS:
        members = [code for code in group["members"] if code in codes]
        lines += ["", f"[groups.{group['code']}]"]
        lines += _pairs([(k, v) for k, v in group.items() if k not in ("code", "members")])
        lines += _pairs([("members", members), ("aggregation", "mean")])
    return "\n".join(lines) + "\n" + INDICATOR_AGGREGATION


def build(csv_path: Path, md_path: Path, out: Path) -> list[Path]:
    """Write every profile and groups.toml into ``out``; return the written paths."""
    ref = parse_md(md_path.read_text(encoding="utf-8"))
    rows = read_csv(csv_path)
    texts = {
        f"{code}.toml": render_profile(build_profile(code, r, ref), ref) for code, r in rows.items()
    }
    texts["groups.toml"] = render_groups(list(rows))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        tomllib.loads(text)  # what we write must read back
        path = out / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    load_countries(out)  # the loader's validation is the final check
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    return run_build(
        build,
        description=__doc__.splitlines()[0],
        reference_stem="country-policies",
        default_out=Path("data/countries"),
        error=BuildError,
        argv=argv,
    )


if __name__ == "__main__":
    sys.exit(main())
