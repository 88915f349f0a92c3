"""The database with ties that the tie tests run on: the sample without its evidence.

The shipped sample has technology-level evidence columns, and with them the track-record
criterion separates every technology (1,044 distinct scores for India: no ties). Without
those columns the track-record leaves are left out by the stated rule (note
``criteria_left_out``) and a technology is scored on its field, service type, company and
region alone, the structure the sample keeps (ids, fields, service types, companies'
classes; assumptions A1-A12). Technologies of one company whose fields fit the target alike
and share a service type then tie: for Thailand (:data:`TIE_COUNTRY`) under the balanced
scenario T0197 = T0201 at 4 and T0962 = T0964 = T0965 = T0967 at positions 8-11, across
the cut-off of the top 10. (India was the tie case until issue 10: its evidence-weighted
policy fit now tells those technologies' fields apart, so India has no tie in its top 20.)

The rows stay in the sample's order (by technology id); the Korean name columns are kept.
:func:`no_evidence_csv` gives the bytes; ``tests/conftest.py`` writes them once per session
(fixtures ``no_evidence_csv`` and ``no_evidence_db``).
"""

import csv
import io

from exportmcda.data.database import EVIDENCE_COLUMNS
from exportmcda.resources import data_dir

TIE_COUNTRY = "THA"
"""The target whose ranking of this database has the ties the tests need (see above)."""

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
