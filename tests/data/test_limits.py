"""The limits on a table file (exportmcda.data.limits): one place, enforced, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exportmcda.data import io, limits, validate
from exportmcda.errors import InputError
from exportmcda.labels import ISSUE_CODES

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_reader_and_validation_use_the_one_definition():
    for name in ("MAX_BYTES", "MAX_ROWS", "MAX_COLUMNS", "MAX_READ_SECONDS",
                 "MAX_UNZIPPED_BYTES", "MAX_COMPRESSION_RATIO"):
        assert getattr(io, name) is getattr(limits, name)
    assert validate.MAX_CELL_CHARS is limits.MAX_CELL_CHARS


def test_the_values_chosen():
    # Excel: 1,048,576 rows and 32,767 characters a cell; 300 MiB holds MAX_ROWS rows of
    # the sample's width (about 240 bytes a row).
    assert limits.MAX_ROWS == 1_000_000
    assert limits.MAX_CELL_CHARS == 32_767
    assert limits.MAX_BYTES == 300 * 1024 * 1024
    assert limits.MAX_BYTES > limits.MAX_ROWS * 240
    assert limits.MAX_COLUMNS == 1_000
    assert limits.MAX_READ_SECONDS == 300


@pytest.mark.parametrize("code", ["too_large", "too_many_rows", "too_many_columns",
                                  "cell_too_long", "read_too_slow"])
def test_each_refusal_has_a_title_in_english_and_korean(code):
    assert ISSUE_CODES[code]["en"]
    assert re.search("[가-힣]", ISSUE_CODES[code]["ko"])


def test_the_readme_states_every_limit():
    text = README.read_text(encoding="utf-8")
    for shown in ("300 MiB", "1,000,000 rows", "1,000 cells", "32,767 characters",
                  "300 s", "200 MiB", "100:1"):
        assert shown in text, shown


def test_a_file_over_the_size_limit_names_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(io, "MAX_BYTES", 10)
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n1,2\n3,4\n")
    with pytest.raises(InputError) as caught:
        io.read_table(path)
    issue = caught.value.issues[0]
    assert (issue.code, issue.path) == ("too_large", str(path))
    assert "12 bytes; at most 10" in issue.message
