"""Random-index tables and consistency thresholds against the reference transcription."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exportmcda.ahp.consistency import (
    RI_SOURCES,
    RI_TABLES,
    consistency_threshold,
    random_index,
)
from exportmcda.errors import ConfigError, JudgmentError

CASES = {c["id"]: c for c in json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json")
                                        .read_text(encoding="utf-8"))}


def test_ri_tables_match_reference() -> None:
    expected = CASES["ri-tables"]["expected"]
    assert set(RI_TABLES) == set(expected) == set(RI_SOURCES)
    for table, values in expected.items():
        assert {int(n): v for n, v in values.items()} == dict(RI_TABLES[table])
        assert random_index(3, table) == values["3"]


def test_alonso_lamata_within_monte_carlo() -> None:
    mc = CASES["ri-tables"]["recomputed"]["monte_carlo_random_index"]["values"]
    for n, value in mc.items():
        assert RI_TABLES["alonso_lamata_2006"][int(n)] == pytest.approx(value, abs=0.015)


def test_random_index_errors() -> None:
    assert random_index(2, "tummala_ling_1998") == 0.0
    with pytest.raises(ConfigError, match="unknown random-index table 'saaty'"):
        random_index(3, "saaty")
    with pytest.raises(JudgmentError, match="covers 1 to 15"):
        random_index(16)


def test_threshold_rules() -> None:
    assert consistency_threshold(9) == 0.10
    assert consistency_threshold(7, 0.2) == 0.2
    for bad in (0, 1, float("nan"), "strict"):
        with pytest.raises(ConfigError, match="consistency threshold"):
            consistency_threshold(3, bad)
