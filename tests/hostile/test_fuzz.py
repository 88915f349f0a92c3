"""Issue 13, fuzz: bounded hypothesis runs over the importer, the AHP parser, the scenario parser.

Property: whatever the input, the result is a value or an :class:`ExportMcdaError`, never
another exception (no traceback can reach a user). Each run is bounded by ``max_examples``
(the whole file runs in well under 30 s); the number of inputs tried is printed (``-s``)
and recorded as a test property (``--junitxml``).
"""

from __future__ import annotations

import string
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportmcda.ahp.judgments import pairwise_from_table, parse_fraction, parse_judgment
from exportmcda.data.database import Database
from exportmcda.data.io import load, read_decision_matrix
from exportmcda.errors import ExportMcdaError
from exportmcda.model.scenarios import parse_scenario

TRIED: Counter[str] = Counter()
OUTCOMES: Counter[str] = Counter()
FUZZ = settings(max_examples=500, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HEADER = ("technology_id,technology_name,company_id,company_name,field,service_type,region,"
          "company_size,capital_class,sales_class,history_class,employees_class")
CELL = st.one_of(
    st.sampled_from(["T1", "C1", "Traffic", "교통", "6", "1", "7", "Seoul", "small", "", "1e309",
                     "=HYPERLINK(1)", "\x07", "Kim’s", "\"", "1,200", "-3", "nan", "\x00"]),
    st.text(max_size=12),
)
ROW = st.lists(CELL, min_size=1, max_size=14).map(lambda cells: ",".join(cells))


def _outcome(kind: str, call) -> None:
    TRIED[kind] += 1
    try:
        call()
    except ExportMcdaError as error:
        OUTCOMES[f"{kind}: refused ({error.code})"] += 1
    else:
        OUTCOMES[f"{kind}: accepted"] += 1


@FUZZ
@given(st.binary(max_size=2048))
def test_importer_random_bytes(data):
    def call():
        assert isinstance(load(data, "fuzz.csv"), Database)
    _outcome("importer bytes", call)


@FUZZ
@given(st.lists(ROW, max_size=8), st.sampled_from(["utf-8", "cp949", "cp1252", "utf-8-sig"]))
def test_importer_csv_like_text(rows, encoding):
    text = "\n".join([HEADER, *rows]) + "\n"
    data = text.encode(encoding, errors="replace")

    def call():
        assert isinstance(load(data, "fuzz.csv"), Database)
    _outcome("importer CSV text", call)


@FUZZ
@given(st.lists(ROW, min_size=1, max_size=6))
def test_decision_matrix_reader(rows):
    _outcome("decision matrix", lambda: read_decision_matrix("\n".join(rows).encode(), "m.csv"))


NUMBERISH = st.one_of(
    st.text(alphabet=string.digits + "./-+eE _inf", max_size=24),
    st.text(max_size=16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.fractions(),
    st.none(),
    st.booleans(),
)


@FUZZ
@given(NUMBERISH)
def test_fraction_and_judgment_parser(value):
    TRIED["AHP value"] += 1
    number = parse_fraction(value)
    assert isinstance(number, float)
    _outcome("AHP judgment", lambda: parse_judgment(value, pair=("a", "b")))


@FUZZ
@given(st.integers(min_value=0, max_value=4).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.lists(st.one_of(NUMBERISH.map(str), st.sampled_from(["", "1", "3", "1/3"])),
                          min_size=n, max_size=n + (n == 4)), min_size=n, max_size=n + (n == 4)),
    )
))
def test_pairwise_table_parser(case):
    n, cells = case
    labels = [f"c{k}" for k in range(n)]
    rows = [[labels[i] if i < n else "x", *row] for i, row in enumerate(cells)]
    _outcome("AHP table", lambda: pairwise_from_table(["", *labels], rows, path="m.csv"))


TOML_KEYS = st.sampled_from(["id", "label_en", "method", "ri_table", "completion", "basis",
                             "judgments", "weights", "directions", "evidence", "weight",
                             "judgement", "min_source", "sourced_only", "export_priority",
                             "region", "policy_fit", '"region vs policy_fit"', "x"])
TOML_VALUES = st.sampled_from(['"x"', "5", "1e309", "-1", "true", "[1, 2]", "{a = 1}",
                               '"1/3"', '"eigen"', '"official"', '"rumour"', "inf", "nan",
                               "{}", '"cost"'])
TOML_LINE = st.one_of(
    st.tuples(TOML_KEYS, TOML_VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.tuples(st.sampled_from(["judgments", "weights", "directions", "evidence", "weight"]),
              st.sampled_from(["", ".export_priority", ".utilization", ".x"]))
    .map(lambda t: f"[{t[0]}{t[1]}]"),
    st.text(max_size=20).filter(lambda text: "=" not in text or len(text) < 3),
)


@FUZZ
@given(st.lists(TOML_LINE, max_size=10))
def test_scenario_parser(lines):
    text = "\n".join(lines)

    def call():
        from exportmcda.model.criteria import load_criteria
        from exportmcda.model.scenarios import scenario_weights

        scenario_weights(parse_scenario(text, name="fuzz.toml"), load_criteria())
    _outcome("scenario", call)


SECTION = st.sampled_from(["judgments.export_priority", "judgments.utilization", "weights.x",
                           "weights.export_priority", "weights.firm_capacity", "directions",
                           "evidence", "weight.export_priority", "judgement.utilization"])
PAIR_KEYS = st.sampled_from(['"region vs policy_fit"', '"utilization vs region"', "region",
                             "policy_fit", "utilization", "firm_capacity", "sme_support",
                             "track_record", '"field_utilization vs service_type_utilization"',
                             "min_source", "sourced_only", '"a vs b"', "x"])


@FUZZ
@given(st.dictionaries(st.sampled_from(["id", "method", "ri_table", "completion", "basis",
                                        "label_ko", "labl_en"]), TOML_VALUES, max_size=4),
       st.dictionaries(SECTION, st.dictionaries(PAIR_KEYS, TOML_VALUES, max_size=6),
                       max_size=4))
def test_scenario_parser_on_valid_toml(top, sections):
    lines = [f"{k} = {v}" for k, v in top.items()]
    for name, table in sections.items():
        lines += [f"[{name}]", *(f"{k} = {v}" for k, v in table.items())]
    text = "\n".join(lines)

    def call():
        from exportmcda.model.criteria import load_criteria
        from exportmcda.model.scenarios import scenario_weights

        scenario_weights(parse_scenario(text, name="fuzz.toml"), load_criteria())
    _outcome("scenario (valid TOML)", call)


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
