"""The limits on what a table file may hold and how long reading it may take, defined once.

Every file read by :func:`exportmcda.data.io.read_table` (a technology database, an AHP
matrix, a weights or bounds CSV, an upload in the app) is untrusted input, so what it can
cost is bounded here; the README lists these values. A file beyond a limit is refused with
an :class:`~exportmcda.errors.InputError` naming the file, and the row and column where the
limit was crossed (codes ``too_large``, ``too_many_rows``, ``too_many_columns``,
``cell_too_long``, ``read_too_slow``; titles in English and Korean in
:data:`exportmcda.labels.ISSUE_CODES`).

Why these values:

* :data:`MAX_ROWS` — Excel's own sheet holds 1,048,576 rows; a national catalogue with every
  company and technology is expected to stay near 10^5 rows (issue 13), and the pipeline is
  measured at 10^6 (``bench/scale.py``).
* :data:`MAX_BYTES` — the sample's rows take about 240 bytes each (Korean and English names,
  evidence columns), so a full :data:`MAX_ROWS` table needs about 250 MB; CSV is read as a
  stream, so the file's size does not set the memory used (the distinct cell texts do).
  The app's uploads are capped lower by Streamlit (``.streamlit/config.toml``,
  ``maxUploadSize``), since an upload is held in memory.
* :data:`MAX_COLUMNS` — the interchange format has 8 required, 8 company-scale and 9
  optional columns; 1,000 leaves room for any notes without letting a cell placed at
  column XFD (16,384) of a workbook expand every row.
* :data:`MAX_CELL_CHARS` — Excel's cell limit (Microsoft, *Excel specifications and
  limits*): a longer cell could not be exported.
* :data:`MAX_READ_SECONDS` — reading and checking the header and rows of the largest
  accepted CSV takes well under a minute on two cores (``bench/scale.py``); a file that
  takes ten times that (a workbook with millions of cells, a pathological quoting) stops
  rather than holding a shared app server.
* :data:`MAX_UNZIPPED_BYTES`, :data:`MAX_COMPRESSION_RATIO` — an ``.xlsx`` is a zip: its
  directory is checked against decompression bombs before a worksheet is parsed.
"""

from __future__ import annotations

__all__ = [
    "MAX_BYTES",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_READ_SECONDS",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
]

MAX_BYTES = 300 * 1024 * 1024
"""Largest file read (300 MiB): room for :data:`MAX_ROWS` rows of the sample's width."""
MAX_ROWS = 1_000_000
"""Most non-empty data rows accepted (Excel's own limit is 1,048,576 rows)."""
MAX_COLUMNS = 1_000
"""Most cells in one row (the header included); empty trailing cells do not count."""
MAX_CELL_CHARS = 32_767
"""Most characters in one cell (Excel's limit, *Excel specifications and limits*)."""
MAX_READ_SECONDS = 300.0
"""Longest time reading one table may take (seconds of wall time) before it is refused."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of an ``.xlsx`` zip directory (zip-bomb guard)."""
MAX_COMPRESSION_RATIO = 100
"""Largest uncompressed/compressed ratio of one zip member larger than 1 MiB.

Real worksheets compress about 5–20×; DEFLATE bombs reach ~1000×. Members under 1 MiB
cannot hurt and are not checked (the total size cap still applies).
"""
