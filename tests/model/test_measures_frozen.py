"""``measures.score`` on the shipped sample gives the values it gave before vectorisation.

The criterion values of every leaf were frozen from the row-by-row implementation (commit
b72c40d) into ``tests/fixtures/measures-frozen.json``: per case and leaf, a fingerprint of
the 1,044 values in technology order (``tests.fingerprint``: sum, L1 norm, three fixed
projections, compared within 1e-12 of the L1 norm) and three values in full. The cases
cover each measure, every ``policy_fit`` aggregation, an evidence rule and four target
countries (issue 13, item 10).

The fixture first held a SHA-256 of the float64 bytes, which an AVX-512 host does not
reproduce (NumPy's kernels there round some values differently in the last bit). It was
rewritten on 4 December 2026 from the current code run as the old fixture's host ran it
(``NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL" OPENBLAS_CORETYPE=Haswell``), where that code
still gave the old digests bit for bit; ``python -m tests.model.test_measures_frozen``
writes it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from exportmcda.data.countries import get_country
from exportmcda.data.io import load_sample
from exportmcda.labels import notes_text
from exportmcda.model.criteria import load_criteria
from exportmcda.model.measures import score
from tests.fingerprint import array_fingerprint, assert_same_array

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "measures-frozen.json"
SHOWN = ("T0001", "T0500", "T1044")

CASES: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "IND": ("IND", None, {}),
    "VNM": ("VNM", None, {}),
    "ARE": ("ARE", None, {}),
    "SGP": ("SGP", None, {}),
    "VNM policy primary_plus": ("VNM", "policy_fit", {"aggregate": "primary_plus"}),
    "VNM policy max": ("VNM", "policy_fit", {"aggregate": "max"}),
    "VNM policy mean": ("VNM", "policy_fit", {"aggregate": "mean"}),
    "VNM policy sum": ("VNM", "policy_fit", {"aggregate": "sum"}),
    "IND policy official only": ("IND", "policy_fit", {"min_source": "official"}),
    "IND service type sum": ("IND", "service_type_share", {"aggregate": "sum"}),
    "IND service type mean, median": (
        "IND",
        "service_type_share",
        {"aggregate": "mean", "missing": "median"},
    ),
    "IND field share mean": ("IND", "field_share", {"aggregate": "mean"}),
}


def _measure(name: str) -> dict[str, Any]:
    country, measure, params = CASES[name]
    tree = load_criteria()
    if measure is not None:
        tree = tree.with_measure_params(measure, params)
    scored = score(load_sample(), tree, get_country(country))
    leaves = {}
    for leaf in scored.matrix.columns:
        values = scored.matrix[leaf].to_numpy(dtype=np.float64)
        leaves[leaf] = {
            **array_fingerprint(values),
            "values": {t: float(scored.matrix.at[t, leaf]) for t in SHOWN},
        }
    return {
        "technologies": [*scored.matrix.index[:3], len(scored.matrix)],
        "leaves": leaves,
        "notes": list(notes_text(scored.notes)),
    }


@pytest.fixture(scope="module")
def frozen() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_score_gives_the_frozen_values(frozen, name):
    now, then = _measure(name), frozen[name]
    assert now["technologies"] == then["technologies"]
    assert list(now["leaves"]) == list(then["leaves"])
    for leaf, expected in then["leaves"].items():
        got = now["leaves"][leaf]
        assert list(got["values"]) == list(expected["values"]), leaf
        assert list(got["values"].values()) == pytest.approx(
            list(expected["values"].values()), rel=1e-12
        ), leaf
        assert_same_array(got, expected, leaf)
    assert now["notes"] == then["notes"]


def test_the_frozen_cases_differ_where_their_parameters_do(frozen):
    # The fixture is not degenerate: the aggregations give different policy fits.
    fits = {
        tuple(frozen[n]["leaves"]["country_fit"]["projections"])
        for n in CASES
        if n.startswith("VNM")
    }
    assert len(fits) == 5
    assert frozen["IND"]["leaves"]["country_fit"]["values"]["T0001"] >= 0


if __name__ == "__main__":  # freeze the current implementation's values
    FIXTURE.write_text(
        json.dumps({n: _measure(n) for n in CASES}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {FIXTURE}", file=sys.stderr)
