"""The study's classification (Kim 2021, §II) as typed data."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportmcda.data import taxonomy as tx
from exportmcda.data.taxonomy import Dimension, lookup
from exportmcda.errors import InputError


def test_counts_match_the_study():
    assert len(tx.FIELDS) == 21
    assert len(tx.SERVICE_TYPES) == 39
    assert len(tx.COMPANY_SIZES) == 5
    assert len(tx.REGIONS) == 17
    assert [s.max_level for s in tx.CLASS_SCALES] == [7, 7, 6, 7]


def test_numbers_are_the_study_numbers():
    assert tx.FIELDS[5].en == "Traffic"
    assert tx.FIELDS[5].number == 6
    assert tx.FIELDS[19].en == "E-government"
    assert tx.FIELDS[19].ko == "전자정부"
    assert tx.SERVICE_TYPES[38].en == "Platform"
    assert tx.SERVICE_TYPES[38].number == 39
    assert tx.SERVICE_TYPES[15].en.startswith("Construction")
    assert tx.SERVICE_TYPES[15].ko
    assert tx.REGIONS[8].en == "Gyeonggi-do"


def test_every_item_has_both_languages_and_unique_names():
    for dim in Dimension:
        cats = dim.categories
        assert [c.number for c in cats] == list(range(1, len(cats) + 1))
        assert all(c.en and c.ko for c in cats)
        assert len({c.en for c in cats}) == len(cats)
        assert len({c.ko for c in cats}) == len(cats)


def test_metropolitan_area_is_seoul_incheon_gyeonggi():
    assert {r.en for r in tx.REGIONS if r.metropolitan} == {"Seoul", "Incheon", "Gyeonggi-do"}


def test_company_sizes_carry_the_study_definitions():
    sme = tx.COMPANY_SIZES[0]
    assert "500 billion won" in sme.definition_en
    assert all(s.definition_en and s.definition_ko for s in tx.COMPANY_SIZES)


@pytest.mark.parametrize(
    ("dim", "text", "number"),
    [
        (Dimension.FIELD, "Traffic", 6),
        (Dimension.FIELD, "교통", 6),
        (Dimension.FIELD, "green energy", 7),
        (Dimension.FIELD, "그린에너지", 7),
        (Dimension.FIELD, "7", 7),
        (Dimension.FIELD, "7.0", 7),
        (Dimension.FIELD, 21, 21),
        (Dimension.SERVICE_TYPE, "COM", 16),
        (Dimension.SERVICE_TYPE, "플랫폼", 39),
        (Dimension.SERVICE_TYPE, "gis/gps", 8),
        (Dimension.REGION, "서울특별시", 1),
        (Dimension.REGION, "  Gyeonggi  ", 9),
        (Dimension.COMPANY_SIZE, "SME", 1),
        (Dimension.COMPANY_SIZE, "대기업", 3),
    ],
)
def test_lookup_accepts_number_english_korean_and_aliases(dim, text, number):
    found = lookup(dim, text)
    assert found is not None
    assert found.number == number


@pytest.mark.parametrize("text", ["", "22", "0", "Trafic", "x" * 100, "7.5"])
def test_lookup_rejects_unknown(text):
    assert lookup(Dimension.FIELD, text) is None


def test_sales_level_7_is_read_as_100_trillion_or_more():
    assert tx.SALES.level(7).lower == 100e12
    assert math.isinf(tx.SALES.level(7).upper)
    assert tx.SALES.level(6).upper == 100e12
    assert "level 7" in tx.SALES.note
    assert tx.SALES.classify(99.9e12) == 6
    assert tx.SALES.classify(100e12) == 7


@pytest.mark.parametrize(
    ("scale", "value", "level"),
    [
        (tx.CAPITAL, 0, 1),
        (tx.CAPITAL, 99_999_999, 1),
        (tx.CAPITAL, 100_000_000, 2),
        (tx.CAPITAL, 10e12, 7),
        (tx.HISTORY, 4.99, 1),
        (tx.HISTORY, 20, 4),
        (tx.HISTORY, 29, 4),
        (tx.HISTORY, 50, 6),
        (tx.HISTORY, 120, 6),
        (tx.EMPLOYEES, 19, 2),
        (tx.EMPLOYEES, 20, 3),
        (tx.EMPLOYEES, 99, 3),
        (tx.EMPLOYEES, 100_000, 7),
    ],
)
def test_class_boundaries_are_half_open(scale, value, level):
    assert scale.classify(value) == level


@pytest.mark.parametrize("value", [-1, math.nan, math.inf])
def test_classify_rejects_impossible_values(value):
    with pytest.raises(InputError, match="outside") as info:  # was a bare ValueError
        tx.EMPLOYEES.classify(value)
    assert info.value.code == "number_out_of_range"


@given(
    scale=st.sampled_from(tx.CLASS_SCALES),
    value=st.floats(min_value=0, max_value=1e16, allow_nan=False),
)
def test_classify_finds_the_level_whose_interval_holds_the_value(scale, value):
    level = scale.level(scale.classify(value))
    assert level.lower <= value < level.upper


@given(scale=st.sampled_from(tx.CLASS_SCALES), a=st.floats(0, 1e16), b=st.floats(0, 1e16))
def test_classify_is_monotone(scale, a, b):
    lo, hi = sorted((a, b))
    assert scale.classify(lo) <= scale.classify(hi)


def test_levels_tile_the_half_line():
    for scale in tx.CLASS_SCALES:
        assert scale.levels[0].lower == 0
        for lower, upper in zip(scale.levels, scale.levels[1:], strict=False):
            assert lower.upper == upper.lower
        assert all(level.en and level.ko for level in scale.levels)
