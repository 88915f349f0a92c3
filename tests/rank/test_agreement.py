"""Agreement between rankings of the same alternatives (exportmcda.rank.agreement)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exportmcda.errors import InputError
from exportmcda.rank.agreement import rank_agreement
from exportmcda.rank.engine import rank_matrix

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "mcda-cases.json").read_text("utf-8"))
TZENG = next(c for c in CASES if c["id"] == "topsis-tzeng-huang2011-vector")["inputs"]


def test_rank_agreement_pairs() -> None:
    results = {
        m: rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"], method=m)
        for m in ("topsis", "vikor", "wsm")
    }
    flipped = rank_matrix(TZENG["matrix"], TZENG["weights"], [-1, -1, -1])
    table = rank_agreement({**results, "reversed": flipped}, top_n=2)
    assert len(table) == 6
    same = table[(table.method_a == "topsis") & (table.method_b == "vikor")].iloc[0]
    assert same.spearman == pytest.approx(1.0)
    assert same.kendall_tau_b == pytest.approx(1.0)
    assert same.top_n_overlap == 1.0
    rev = table[table.method_b == "reversed"].iloc[0]
    assert rev.spearman == pytest.approx(-1.0)
    assert rev.kendall_tau_b == pytest.approx(-1.0)
    assert rev.top_n_overlap == 0.0


def test_rank_agreement_needs_same_alternatives() -> None:
    a = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"])
    b = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"], alternatives="pqrs")
    with pytest.raises(InputError, match="different alternatives"):
        rank_agreement({"a": a, "b": b})


def _ranking(scores: list[float]) -> object:
    """A ranking with the given order: a one-criterion weighted sum of ``scores``."""
    return rank_matrix([[s] for s in scores], [1.0], [1], method="wsm", normalization="none")


def test_kendall_spearman_and_overlap_of_two_known_rankings() -> None:
    # Ranks (1, 2, 3, 4) against (2, 1, 4, 3). By hand: of the 6 pairs, (A1, A2) and
    # (A3, A4) are discordant, the other 4 concordant: tau_b = (4 - 2) / 6 = 1/3.
    # Spearman: d = (-1, 1, -1, 1), rho = 1 - 6 * 4 / (4 * 15) = 0.6. The top 2 are {A1, A2}
    # in both, the top 3 share A1 and A2 of three: 2/3.
    first, second = _ranking([4.0, 3.0, 2.0, 1.0]), _ranking([3.0, 4.0, 1.0, 2.0])
    assert second.ranks.tolist() == [2.0, 1.0, 4.0, 3.0]
    (row,) = rank_agreement({"first": first, "second": second}, top_n=2).to_dict("records")
    assert row == {
        "method_a": "first",
        "method_b": "second",
        "spearman": pytest.approx(0.6),
        "kendall_tau_b": pytest.approx(1 / 3),
        "top_n": 2,
        "top_n_overlap": 1.0,
    }
    (row3,) = rank_agreement({"first": first, "second": second}, top_n=3).to_dict("records")
    assert row3["top_n_overlap"] == pytest.approx(2 / 3)


def test_top_n_is_capped_at_the_number_of_alternatives() -> None:
    table = rank_agreement({"a": _ranking([1.0, 2.0]), "b": _ranking([2.0, 1.0])}, top_n=5)
    assert table["top_n"].tolist() == [2]
    assert table["top_n_overlap"].tolist() == [1.0]
    assert table["kendall_tau_b"].tolist() == [pytest.approx(-1.0)]


def test_different_alternatives_carry_the_issue_code() -> None:
    a = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"])
    b = rank_matrix(TZENG["matrix"], TZENG["weights"], TZENG["types"], alternatives="pqrs")
    with pytest.raises(InputError) as info:
        rank_agreement({"a": a, "b": b})
    assert info.value.code == "ranking.agreement_alternatives"
