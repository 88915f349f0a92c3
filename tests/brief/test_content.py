"""What the briefing gathers (exportmcda.brief.content), checked against hand values."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from exportmcda.brief.content import ClosestChange, assemble
from exportmcda.model.robustness import weight_space
from exportmcda.robustness.oat import perturbed
from exportmcda.robustness.space import shortlist_mask


def test_the_shortlist_is_the_recorded_one_in_order(india_brief, india_record):
    rows = india_brief.rows
    assert [r.technology_id for r in rows] == [e.technology_id for e in india_record.shortlist]
    assert [r.rank for r in rows] == list(range(1, 11))
    assert [r.score for r in rows] == [e.score for e in india_record.shortlist]
    assert rows[0].technology_id == "T0889"


def test_each_row_has_its_one_sentence_explanation(india_brief):
    first = india_brief.rows[0]
    assert first.explanation.startswith("Ranks 1st of 1,044 for India (closeness 0.659)")
    assert first.explanation.endswith(".")
    assert all(r.explanation and r.explanation.count("Ranks ") == 1 for r in india_brief.rows)
    assert first.name == "Integrated NFC facility inspection tag"


def test_korean_explanations_and_names(india_brief_ko):
    first = india_brief_ko.rows[0]
    assert first.explanation.startswith("인도 대상 1,044개 중 1위")
    assert india_brief_ko.target_name == "인도"
    assert india_brief_ko.scenario_label == "균형"


def test_weights_are_the_balanced_judgments_with_their_cr(india_brief):
    # balanced: four criteria judged 1 against each other and 3 against region and SME
    # support -> weights 3/14 and 1/14, perfectly consistent (CR 0)
    weights = {w.label: w.weight for w in india_brief.weights}
    assert weights["Domestic utilization"] == pytest.approx(3 / 14, abs=1e-9)
    assert weights["Regional base"] == pytest.approx(1 / 14, abs=1e-9)
    assert sum(weights.values()) == pytest.approx(1.0)
    assert india_brief.goal_cr == pytest.approx(0.0, abs=1e-9)
    assert india_brief.cr_threshold == pytest.approx(0.1)
    assert india_brief.ri_table == "saaty_1980"
    # two sub-criteria: a 2x2 matrix is always consistent, so no CR is shown
    cr = {w.label: w.cr for w in india_brief.weights}
    assert cr["Domestic utilization"] is None
    assert cr["Firm capacity"] == pytest.approx(0.0, abs=1e-9)  # 2:2:1 ratios, consistent


def _top(space, k: int, x: float, n: int) -> set[str]:
    closeness = space.closeness(perturbed(space.weights, k, [x]))[0]
    return {space.alternatives[i] for i in np.flatnonzero(shortlist_mask(closeness, n))}


def test_the_closest_weight_change_really_changes_the_top_10(india, india_brief):
    c = india_brief.closest
    assert isinstance(c, ClosestChange)
    assert c.label == "SME export pathway"
    assert (c.leaves, c.enters) == (("T0681",), ("T0044",))
    assert c.current == pytest.approx(1 / 14)
    assert c.to == pytest.approx(0.0819, abs=5e-4)
    space = weight_space(india)
    k = space.names.index("sme_support")
    before = _top(space, k, c.current, 10)
    assert before == set(india.top_ids(10))
    assert _top(space, k, c.to - 1e-4, 10) == before
    assert _top(space, k, c.to + 1e-4, 10) == before - {"T0681"} | {"T0044"}


def test_acceptability_is_a_share_and_certain_when_weights_cannot_move(india, india_record):
    brief = assemble(india_record, india, samples=300)
    shares = [r.acceptability for r in brief.rows]
    assert all(0.0 <= s <= 1.0 for s in shares)
    assert brief.samples == 300


def test_market_indicators_of_the_target_carry_their_sources(india_brief):
    egdi = next(i for i in india_brief.indicators if i.year == "2024")
    # data/countries/indicators/IND.toml: EGDI 2024 = 0.66776 (UN DESA E-Government Survey)
    assert egdi.value == "0.6678"
    assert egdi.source == "UN DESA (UNDESA-EGOV-2024)"
    assert len(india_brief.indicators) == 4


def test_sources_notice_digest_and_replay(india_brief, india_record):
    assert india_brief.sources
    assert all(s.id.startswith("IND") for s in india_brief.sources)
    assert india_brief.synthetic_notice.startswith("Synthetic sample data")
    # the record's digest: SHA-256 of its canonical JSON body (sorted keys, ASCII, no spaces)
    body = json.dumps(india_record.body(), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    assert india_brief.digest == hashlib.sha256(body.encode()).hexdigest()
    assert json.loads(india_record.to_json())["digest"] == india_brief.digest
    assert india_brief.replay.status == "identical"
    assert india_brief.rules is None  # a format-3 record has no shortlist rules
