"""The indicator catalogue against the reference's md (country-indicators.md, Dec 2026)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from exportmcda.data.indicator_catalogue import (
    DIRECTIONS,
    INDICATORS,
    MISSING_POLICIES,
    indicator,
)
from exportmcda.errors import ConfigError

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
REFERENCE_MD = FIXTURES / "country-indicators.md"


def test_the_md_marks_the_computed_indicators() -> None:
    text = REFERENCE_MD.read_text(encoding="utf-8")
    computed = set(re.findall(r"^\| `(\w+)` \| [^|]*\*\*computed\*\*", text, re.M))
    assert computed == {"urban_population", "urban_population_growth"}
    assert {i.id for i in INDICATORS if i.computed} == computed
    listed = re.findall(r"^\| `(\w+)` \|", text, re.M)
    assert listed == [i.id for i in INDICATORS]


def test_catalogue_is_bilingual_and_complete() -> None:
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for ind in INDICATORS:
        assert ind.name("en"), ind.id
        assert hangul.search(ind.name("ko")), ind.id
        assert ind.definition("en"), ind.id
        assert hangul.search(ind.definition("ko")), ind.id
        assert ind.direction in DIRECTIONS
        assert ind.missing in MISSING_POLICIES
        assert ind.editions
    assert indicator("egdi_rank").direction == "cost"
    with pytest.raises(ConfigError, match="unknown indicator 'gdp'"):
        indicator("gdp")
    assert [i.id for i in INDICATORS if i.direction == "cost"] == ["egdi_rank"]


def test_units_and_editions_are_the_csvs() -> None:
    """Each indicator's unit as the CSV spells it; its editions: the CSV's years, newest first."""
    with (FIXTURES / "country-indicators.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for ind in INDICATORS:
        mine = [r for r in rows if r["indicator"] == ind.id]
        assert {r["unit"] for r in mine} == {ind.unit}, ind.id
        assert sorted({r["year"] for r in mine}, reverse=True) == list(ind.editions), ind.id
