"""What the register tests share: a changed copy of the sample database."""

import pytest

from tests.register.changed import without_first


@pytest.fixture(scope="session")
def demoted_csv(tmp_path_factory):
    """The sample without India's first technology (tests/register/changed.py)."""
    return without_first(tmp_path_factory.mktemp("changed"))
