"""``select`` on the shipped sample gives the bits it gave before its tables became lazy.

Frozen from the code that kept every TOPSIS table and every contribution row (commit
0751b7a, ``PYTHONPATH=<that tree>/src python -m tests.model.test_selection_frozen`` writes
them) into ``tests/fixtures/selection-frozen.json``: per case, the SHA-256 of each array as
float64 bytes (so *every* value must be bit-identical), of the full ``records()`` JSON, of the
top-30 explanation sentences and of one explanation's tables, and the top three scores in
full (issue 13, item 10: the rows an explanation reads are now recomputed on demand).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from exportmcda.data.countries import get_country
from exportmcda.data.io import load_sample
from exportmcda.model.criteria import load_criteria
from exportmcda.model.explain import explain, sentences
from exportmcda.model.scenarios import load_scenario
from exportmcda.model.selection import Filters, select

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "selection-frozen.json"

CASES: dict[str, tuple[str, str, str, dict[str, Any]]] = {
    "IND balanced": ("IND", "balanced", "vector", {}),
    "VNM sme_first": ("VNM", "sme_first", "vector", {}),
    "ARE balanced min-max": ("ARE", "balanced", "minmax", {}),
    "SGP market_fit_first, two fields": ("SGP", "market_fit_first", "vector", {"fields": (1, 2)}),
}
ARRAYS = ("scores", "d_plus", "d_minus", "ideal", "anti_ideal", "weighted", "normalized", "matrix")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _case(name: str) -> dict[str, Any]:
    country, scenario, normalization, filters = CASES[name]
    selection = select(
        load_sample(),
        load_criteria(),
        load_scenario(scenario),
        get_country(country),
        normalization=normalization,
        filters=Filters(**filters),
    )
    r = selection.result
    arrays = {a: _digest(np.ascontiguousarray(getattr(r, a)).tobytes()) for a in ARRAYS}
    arrays["contributions"] = _digest(np.ascontiguousarray(selection.contributions).tobytes())
    top = selection.top_ids(30)
    one = explain(selection, top[3])
    return {
        "arrays": arrays,
        "records": _digest(json.dumps(selection.records(), sort_keys=True).encode()),
        "contribution_frame": _digest(selection.contribution_frame(25).to_csv().encode()),
        "sentences": _digest("\n".join(sentences(selection, top)).encode()),
        "explain": _digest((one.table.to_csv() + one.moves.to_csv() + one.sentence).encode()),
        "top": [[t, float(r.scores[selection.position(t)])] for t in top[:3]],
    }


@pytest.fixture(scope="module")
def frozen() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_select_gives_the_frozen_bits(frozen, name):
    assert _case(name) == frozen[name]


def test_the_frozen_cases_differ(frozen):
    # Not degenerate: each case ranks differently.
    assert len({frozen[n]["arrays"]["scores"] for n in CASES}) == len(CASES)


def test_contributions_of_rows_are_those_rows_of_the_whole_table():
    selection = select(
        load_sample(), load_criteria(), load_scenario("balanced"), get_country("IND")
    )
    rows = np.array([5, 0, 1043, 5, 700], dtype=np.intp)
    assert np.array_equal(selection.contributions_of(rows), selection.contributions[rows])
    assert selection.contributions_of(np.array([], dtype=np.intp)).shape == (
        0,
        len(selection.criteria),
    )


if __name__ == "__main__":  # freeze the current implementation's bits
    FIXTURE.write_text(
        json.dumps({n: _case(n) for n in CASES}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {FIXTURE}", file=sys.stderr)
