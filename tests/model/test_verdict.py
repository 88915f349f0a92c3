"""The director's answer (model.verdict): hand cases, rendered in English and Korean."""

import numpy as np
import pandas as pd
import pytest

from exportmcda.errors import Note
from exportmcda.labels import note_text
from exportmcda.model.verdict import interval_note, limit_notes, methods_note, sure_notes
from exportmcda.robustness.checks import MethodAgreement
from exportmcda.robustness.oat import one_at_a_time
from exportmcda.robustness.smaa import SmaaResult
from exportmcda.robustness.space import WeightSpace
from tests.robustness.cases import HAND, W1_STAR

AROUND = Note.of("smaa_around", kappa=50.0)


def smaa_result(acceptability, model=AROUND):
    b = np.asarray(acceptability, dtype=float)
    return SmaaResult(
        alternatives=tuple("ABC"[: b.shape[0]]),
        criteria=("c1", "c2"),
        samples=1000,
        seed=0,
        model=model,
        noise=0.0,
        acceptability=b,
        central_weights=np.full((b.shape[0], 2), 0.5),
        confidence=np.ones(b.shape[0]),
    )


# b_i^r by hand: top-2 acceptability A 0.5 + 0.3 = 0.8, B 0.3 + 0.5 = 0.8, C 0.4.
ACCEPTABILITY = [[0.5, 0.3, 0.2], [0.3, 0.5, 0.2], [0.2, 0.2, 0.6]]


def test_sure_notes_name_the_leader_the_count_held_and_the_weakest():
    notes = sure_notes(("A", "B"), smaa_result(ACCEPTABILITY), 2)
    names = {"A": "Smart meter", "B": "Bus app"}
    assert [note_text(n, "en", names) for n in notes] == [
        "Smart meter stays in the top 2 under 80% of plausible weightings (weights drawn "
        "around the current ones).",
        "0 of the 2 shortlisted technologies stay in the top 2 under at least 90% of them.",
        # A and B tie at 80%: the lower-ranked one is named
        "The least certain is Bus app (now 2nd): in the top 2 under 80% of them.",
    ]
    assert note_text(notes[2], "ko", names) == (
        "가장 불확실한 기술은 Bus app(현재 2위)로, 그 조합의 80%에서만 상위 2위 안에 듭니다."
    )


def test_sure_notes_without_a_weak_one_and_with_uniform_weights():
    notes = sure_notes(
        ("A", "B"), smaa_result(ACCEPTABILITY, Note.of("smaa_uniform")), 2, level=0.75
    )
    assert [n.code for n in notes] == ["robust_stays_uniform", "robust_held"]
    assert notes[1].params["held"] == 2
    assert note_text(notes[0], "ko") == (
        "가능한 모든 가중치 조합(균등 추출)의 80%에서 A이(가) 상위 2위 안에 남습니다."
    )
    assert sure_notes((), smaa_result(ACCEPTABILITY), 2) == ()


@pytest.mark.parametrize(
    ("lo", "hi", "code", "text"),
    [
        (
            0.0,
            0.3134,
            "robust_holds_below",
            "The shortlist holds while the SME weight stays below 0.313 (now 0.071).",
        ),
        (
            0.0409,
            1.0,
            "robust_holds_above",
            "The shortlist holds while the SME weight stays above 0.041 (now 0.071).",
        ),
        (
            0.0409,
            0.3134,
            "robust_holds_between",
            "The shortlist holds while the SME weight stays between 0.041 and 0.313 (now 0.071).",
        ),
        (
            0.004,
            0.996,
            "robust_holds_any",
            "The shortlist holds whatever the SME weight (from 0 to 1, the others rescaled).",
        ),
        (
            0.071,
            0.071,
            "robust_holds_nowhere",
            "Any change of the SME weight (now 0.071) changes the shortlist: technologies are "
            "tied at its cut-off.",
        ),
    ],
)
def test_interval_sentences_round_inwards(lo, hi, code, text):
    note = interval_note("sme_support", 0.071, lo, hi)
    assert note.code == code
    assert note_text(note, "en", {"sme_support": "SME"}) == text


def test_interval_sentence_in_korean():
    note = interval_note("sme_support", 0.071, 0.0409, 0.3134)
    assert note_text(note, "ko", {"sme_support": "중소기업 수출 지원"}) == (
        "중소기업 수출 지원 가중치가 0.041~0.313 사이인 동안 후보 목록이 유지됩니다(현재 0.071)."
    )


def test_limit_notes_from_the_hand_case_closest_limit_first():
    # A = (3, 1), B = (1, 2): they tie at w1* = sqrt(2) - 1 = 0.41421 (tests/robustness/cases).
    # At w = (0.3, 0.7) B is first; the top 1 holds while w1 < w1*, i.e. while w2 > 1 - w1*.
    space = WeightSpace.from_matrix(
        HAND, [0.3, 0.7], [1, 1], alternatives=["A", "B"], criteria=["c1", "c2"]
    )
    notes = limit_notes(one_at_a_time(space, top_n=1))
    texts = [note_text(n, "en") for n in notes]
    assert texts[0] == "The shortlist holds while the c1 weight stays below 0.414 (now 0.300)."
    assert texts[1] == "The shortlist holds while the c2 weight stays above 0.586 (now 0.700)."
    assert notes[0].params["hi"] == pytest.approx(W1_STAR, abs=1e-6)


def agreement(common):
    shortlists = {"topsis": ("A", "B"), "vikor": ("A", "C"), "wsm": ("A", "B")}
    return MethodAgreement(
        top_n=2, shortlists=shortlists, tau=pd.DataFrame(), pairs=pd.DataFrame(), common=common
    )


def test_methods_note_lists_the_common_top_or_explains_why_none():
    assert note_text(methods_note(agreement(("A",))), "en", {"A": "Smart meter"}) == (
        "In the top 2 of every method (TOPSIS, VIKOR, WSM), 1 in all: Smart meter."
    )
    none = note_text(methods_note(agreement(())), "en")
    assert none.startswith("No technology is in the top 2 of every method (TOPSIS, VIKOR, WSM).")
    assert "not a consensus" in none
    assert note_text(methods_note(agreement(())), "ko").startswith(
        "모든 방법(TOPSIS, VIKOR, WSM)의 상위 2위에 공통으로 드는 기술은 없습니다."
    )
