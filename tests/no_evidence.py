"""The database with ties that the tie tests run on: the sample without its evidence.

The shipped sample has technology-level evidence columns, and with them the track-record
criterion separates every technology (1,044 distinct scores for India: no ties). Without
those columns the track-record leaves are left out by the stated rule (note
``criteria_left_out``) and a technology is scored on its field, service type, company and
region alone, the structure the sample keeps (ids, fields, service types, companies'
classes; assumptions A1-A12). Technologies of one company whose fields fit the target alike
and share a service type then tie: for Saudi Arabia (:data:`TIE_COUNTRY`) under the
``market_fit_first`` scenario (:data:`TIE_SCENARIO`) T0135 = T0735 at 6 and T0906 = T0909
at 10-11, across the cut-off of the top 10. (Thailand under ``balanced`` was the tie case
until the policy fit became the uncapped weighted mean ``primary_mean``: the capped
``primary_plus`` put most of those technologies at 1 and tied them; now no target has a
tie across the top 10 under ``balanced``. SAU was found by ranking this database for every
target under every shipped scenario and keeping the one with a tie inside the top 10 and
one across its cut-off; ``sme_first`` SAU has the same two pairs, at 3 and 10-11.)

The rows stay in the sample's order (by technology id); the Korean name columns are kept.
:func:`no_evidence_csv` gives the bytes; ``tests/conftest.py`` writes them once per session
(fixtures ``no_evidence_csv`` and ``no_evidence_db``).
"""

import csv
import io

from exportmcda.data.database import EVIDENCE_COLUMNS
from exportmcda.resources import data_dir

TIE_COUNTRY = "SAU"
"""The target whose ranking of this database has the ties the tests need (see above)."""

TIE_SCENARIO = "market_fit_first"
"""The shipped scenario under which :data:`TIE_COUNTRY` has them."""

EVIDENCE = tuple(c.name for c in EVIDENCE_COLUMNS)
"""The columns dropped: every technology-level evidence column (``launched`` included)."""

SAMPLE_CSV = data_dir() / "sample" / "technologies.csv"


def no_evidence_csv() -> bytes:
    """The sample CSV, cell for cell, without the evidence columns (UTF-8, LF line ends)."""
    rows = list(csv.reader(io.StringIO(SAMPLE_CSV.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    missing = [name for name in EVIDENCE if name not in header]
    assert not missing, f"the sample lacks {missing}"
    keep = [k for k, name in enumerate(header) if name not in EVIDENCE]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([row[k] for k in keep] for row in rows)
    return out.getvalue().encode("utf-8")
