"""What the audit-record tests share: the export time, the shortlist length, the sample's hash."""

from datetime import UTC, datetime

from exportmcda.resources import data_dir

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TOP = 10
SAMPLE_CSV = data_dir() / "sample" / "technologies.csv"
SAMPLE_SHA256 = "27fa309cd9a9446d82db0d44f73a6eb2a50eb1271a3c7e3c99a05c5f0a00df77"
