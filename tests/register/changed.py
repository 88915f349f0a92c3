"""A changed copy of the sample database (shared by the register and CLI tests)."""

from pathlib import Path

from exportmcda.data.io import load_sample, to_interchange

FIRST_IND = "T0889"
"""India's first technology under the balanced scenario on the sample."""


def without_first(folder: Path) -> Path:
    """The sample without India's first technology (its two rows removed): the database's
    SHA-256 changes, it leaves, and every other technology of the top N moves up one rank."""
    frame = to_interchange(load_sample())
    path = folder / "without-first.csv"
    frame[frame["technology_id"] != FIRST_IND].to_csv(path, index=False)
    return path
