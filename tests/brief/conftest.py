"""Briefings built once per session (each runs the one-at-a-time search: seconds)."""

from __future__ import annotations

import pytest

from exportmcda.brief.content import Briefing
from exportmcda.brief.replay import from_record
from exportmcda.export.record import Record, build_record
from exportmcda.model.selection import Selection

SAMPLES = 2_000
"""SMAA samples in tests (the page states the number used)."""


@pytest.fixture(scope="session")
def india_record(india: Selection) -> Record:
    """India's top 10 on the sample, as a decision JSON read back (digest checked)."""
    return Record.from_json(build_record(india, top=10).to_json())


@pytest.fixture(scope="session")
def india_brief(india_record: Record) -> Briefing:
    """The English briefing of :func:`india_record`, re-run on the sample."""
    return from_record(india_record, lang="en", samples=SAMPLES)


@pytest.fixture(scope="session")
def india_brief_ko(india_record: Record) -> Briefing:
    """The Korean briefing of :func:`india_record`."""
    return from_record(india_record, lang="ko", samples=SAMPLES)
