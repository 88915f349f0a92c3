import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from exportmcda.data.countries import get_country
from exportmcda.data.database import Database
from exportmcda.data.io import load, load_sample
from exportmcda.model.criteria import load_criteria
from exportmcda.model.scenarios import load_scenario
from exportmcda.model.selection import Selection, select
from tests import no_evidence

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=30)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def private_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test (and every app server a browser test starts) saves decisions into a
    register of its own, never into the user's data folder (``EXPORTMCDA_REGISTER``)."""
    path = tmp_path_factory.mktemp("register") / "decisions.sqlite"
    os.environ.setdefault("EXPORTMCDA_REGISTER", str(path))
    return path


@pytest.fixture(scope="session")
def no_evidence_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample without its evidence columns (tests/no_evidence.py), written once."""
    path = tmp_path_factory.mktemp("no-evidence") / "technologies.csv"
    path.write_bytes(no_evidence.no_evidence_csv())
    return path


@pytest.fixture(scope="session")
def no_evidence_db(no_evidence_csv: Path) -> Database:
    """:func:`no_evidence_csv` loaded as a user's database would be (not marked synthetic)."""
    return load(no_evidence_csv)


@pytest.fixture(scope="session")
def db() -> Database:
    """The shipped synthetic sample (read-only: a Database copies its frames out)."""
    return load_sample()


@pytest.fixture(scope="session")
def india(db: Database) -> Selection:
    """India under the balanced scenario on the sample (no ties: technology-level evidence)."""
    return select(db, load_criteria(), load_scenario("balanced"), get_country("IND"))


@pytest.fixture(scope="session")
def tied_target(no_evidence_db: Database) -> Selection:
    """Saudi Arabia under market_fit_first on the sample without evidence
    (tests/no_evidence.py): ties at 6-7 and 10-11."""
    return select(no_evidence_db, load_criteria(), load_scenario(no_evidence.TIE_SCENARIO),
                  get_country(no_evidence.TIE_COUNTRY))
