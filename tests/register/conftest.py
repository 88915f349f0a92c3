"""What the register tests share: a changed copy of the sample database."""

import pytest

from exportmcda.data.io import load_sample, to_interchange

FIRST_IND = "T0889"
"""India's first technology under the balanced scenario on the sample."""


@pytest.fixture(scope="session")
def demoted_csv(tmp_path_factory):
    """The sample without India's first technology (its two rows removed): the database's
    SHA-256 changes, it leaves, and every other technology of the top N moves up one rank."""
    frame = to_interchange(load_sample())
    path = tmp_path_factory.mktemp("changed") / "without-first.csv"
    frame[frame["technology_id"] != FIRST_IND].to_csv(path, index=False)
    return path
