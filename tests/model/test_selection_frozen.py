"""``select`` on the shipped sample gives the results it gave before its tables became lazy.

Frozen from the code that kept every TOPSIS table and every contribution row (commit
0751b7a) into ``tests/fixtures/selection-frozen.json``: per case, a fingerprint of each
array (``tests.fingerprint``: shape, sum, L1 norm, three fixed projections, compared within
1e-12 of the L1 norm), digests of the full ``records()`` JSON, of one explanation's tables
(floats to 9 significant digits) and of the top-30 explanation sentences, and the top three
scores (issue 13, item 10: the rows an explanation reads are now recomputed on demand).

The fixture first held SHA-256 digests of the float64 bytes, which an AVX-512 host does not
reproduce (its NumPy and OpenBLAS kernels round differently in the last bit). It was
rewritten on 4 December 2026 from the current code run as the old fixture's host ran it
(``NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL" OPENBLAS_CORETYPE=Haswell``), where that code
still gave the old digests bit for bit; ``python -m tests.model.test_selection_frozen``
writes it.
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
from tests.fingerprint import array_fingerprint, assert_same_array, frame_digest, records_digest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "selection-frozen.json"

CASES: dict[str, tuple[str, str, str, dict[str, Any]]] = {
    "IND balanced": ("IND", "balanced", "vector", {}),
    "VNM sme_first": ("VNM", "sme_first", "vector", {}),
    "ARE balanced min-max": ("ARE", "balanced", "minmax", {}),
    "SGP market_fit_first, two fields": ("SGP", "market_fit_first", "vector", {"fields": (1, 2)}),
}
ARRAYS = ("scores", "d_plus", "d_minus", "ideal", "anti_ideal", "weighted", "normalized", "matrix")


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
    arrays = {a: array_fingerprint(getattr(r, a)) for a in ARRAYS}
    arrays["contributions"] = array_fingerprint(selection.contributions)
    top = selection.top_ids(30)
    one = explain(selection, top[3])
    return {
        "arrays": arrays,
        "records": records_digest(selection.records()),
        "contribution_frame": frame_digest(selection.contribution_frame(25)),
        "sentences": hashlib.sha256("\n".join(sentences(selection, top)).encode()).hexdigest(),
        "explain": frame_digest(one.table, one.moves, text=one.sentence),
        "top": [[t, float(r.scores[selection.position(t)])] for t in top[:3]],
    }


@pytest.fixture(scope="module")
def frozen() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_select_gives_the_frozen_results(frozen, name):
    now, then = _case(name), frozen[name]
    assert list(now["arrays"]) == list(then["arrays"])
    for array, expected in then["arrays"].items():
        assert_same_array(now["arrays"][array], expected, array)
    for digest in ("records", "contribution_frame", "sentences", "explain"):
        assert now[digest] == then[digest], digest
    assert [t for t, _ in now["top"]] == [t for t, _ in then["top"]]
    assert [s for _, s in now["top"]] == pytest.approx([s for _, s in then["top"]], rel=1e-12)


def test_the_frozen_cases_differ(frozen):
    # Not degenerate: each case ranks differently.
    assert len({tuple(frozen[n]["arrays"]["scores"]["projections"]) for n in CASES}) == len(CASES)


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


if __name__ == "__main__":  # freeze the current implementation's results
    FIXTURE.write_text(
        json.dumps({n: _case(n) for n in CASES}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {FIXTURE}", file=sys.stderr)
