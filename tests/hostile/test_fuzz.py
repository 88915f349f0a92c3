"""Issue 13, fuzz: bounded hypothesis runs over the importer, the AHP parser, the scenario parser.

Property: whatever the input, the result is a value or an :class:`ExportMcdaError`, never
another exception (no traceback can reach a user). The strategies and the call each input
goes through are ``tests/hostile/cases.py``'s :data:`FUZZ_TARGETS` (``bench/hostile_report.py``
runs the same). Each run is bounded by ``max_examples`` (the whole file runs in well under
30 s); the number of inputs tried is printed (``-s``) and recorded as a test property
(``--junitxml``).
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from exportmcda.ahp.judgments import parse_fraction
from exportmcda.data.database import Database
from exportmcda.errors import ExportMcdaError
from tests.hostile.cases import FUZZ_TARGETS, NUMBERISH

TRIED: Counter[str] = Counter()
OUTCOMES: Counter[str] = Counter()
FUZZ = settings(max_examples=500, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _outcome(kind: str, value):
    TRIED[kind] += 1
    try:
        result = FUZZ_TARGETS[kind].call(value)
    except ExportMcdaError as error:
        OUTCOMES[f"{kind}: refused ({error.code})"] += 1
        return None
    OUTCOMES[f"{kind}: accepted"] += 1
    return result


@FUZZ
@given(FUZZ_TARGETS["importer bytes"].inputs)
def test_importer_random_bytes(data):
    result = _outcome("importer bytes", data)
    assert result is None or isinstance(result, Database)


@FUZZ
@given(FUZZ_TARGETS["importer CSV text"].inputs)
def test_importer_csv_like_text(data):
    result = _outcome("importer CSV text", data)
    assert result is None or isinstance(result, Database)


@FUZZ
@given(FUZZ_TARGETS["decision matrix"].inputs)
def test_decision_matrix_reader(rows):
    _outcome("decision matrix", rows)


@FUZZ
@given(NUMBERISH)
def test_fraction_and_judgment_parser(value):
    TRIED["AHP value"] += 1
    assert isinstance(parse_fraction(value), float)
    _outcome("AHP judgment", value)


@FUZZ
@given(FUZZ_TARGETS["AHP table"].inputs)
def test_pairwise_table_parser(case):
    _outcome("AHP table", case)


@FUZZ
@given(FUZZ_TARGETS["scenario"].inputs)
def test_scenario_parser(text):
    _outcome("scenario", text)


@FUZZ
@given(FUZZ_TARGETS["scenario (valid TOML)"].inputs)
def test_scenario_parser_on_valid_toml(text):
    _outcome("scenario (valid TOML)", text)


@pytest.fixture(scope="module", autouse=True)
def _report(request):
    yield
    total = sum(TRIED.values())
    lines = [f"fuzz: {total} inputs tried, 0 other exceptions"]
    lines += [f"  {kind}: {n}" for kind, n in sorted(TRIED.items())]
    lines += [f"  {kind}: {n}" for kind, n in sorted(OUTCOMES.items())]
    print("\n".join(lines))


def test_the_fuzz_count_is_reported(record_property):
    # Runs last in this file (pytest keeps file order): the counts of the runs above.
    total = sum(TRIED.values())
    record_property("fuzz_inputs_tried", total)
    print(f"\nfuzz inputs tried so far: {total}")
    if total:  # when the file runs whole, every target was exercised
        assert {"importer bytes", "scenario", "AHP table"} <= set(TRIED)
