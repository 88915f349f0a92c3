"""What the audit-record tests share: the export time, the shortlist length, the sample's hash."""

from datetime import UTC, datetime
from pathlib import Path

from exportmcda.resources import data_dir

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TOP = 10
SAMPLE_CSV = data_dir() / "sample" / "technologies.csv"
SAMPLE_SHA256 = "cc49b99d27b51afef047a097bb11ab3cecc798fec7f84c8b36e21ae48fe89830"
FIXTURES = Path(__file__).parent.parent / "fixtures"
"""tests/fixtures: reference copies and an audit record of the release before format 3."""
