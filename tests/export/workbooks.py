"""What the audit-record tests share: the export time, the shortlist length, the sample's hash."""

from datetime import UTC, datetime

from exportmcda.resources import data_dir

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TOP = 10
SAMPLE_CSV = data_dir() / "sample" / "technologies.csv"
SAMPLE_SHA256 = "81c4b409ab5f4ef77a5f0fe8f1474cc6a2dac74f5a114bdd84ee2ff7196e7bf9"
