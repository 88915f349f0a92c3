"""Issue 13, items 6, 8 and 11: where ``--out`` cannot be written, names in CSV lines, counts."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from exportmcda.cli.main import main
from exportmcda.data import io as data_io
from exportmcda.errors import ConfigError
from tests.hostile.cases import hostile_file_name

EXPORT = ["export", "--country", "VNM", "--top", "5"]


def _fails_cleanly(argv, capsys) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert "Internal error" not in err
    return err


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_out_in_a_missing_folder(tmp_path, capsys, suffix):
    target = tmp_path / "nowhere" / f"s{suffix}"
    err = _fails_cleanly([*EXPORT, "--out", str(target)], capsys)
    assert "does not exist" in err
    assert str(target) in err


def test_out_is_a_folder(tmp_path, capsys):
    folder = tmp_path / "d.xlsx"
    folder.mkdir()
    err = _fails_cleanly([*EXPORT, "--out", str(folder)], capsys)
    assert "folder" in err
    assert folder.is_dir()


def test_out_in_an_unwritable_folder(tmp_path, capsys, monkeypatch):
    # The tests may run as root, who writes anywhere: the folder refuses through the same
    # call a read-only folder fails in (creating the temporary file), as the OS would.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "ro"))

    (tmp_path / "ro").mkdir()
    monkeypatch.setattr(data_io.tempfile, "mkstemp", refuse)
    err = _fails_cleanly([*EXPORT, "--out", str(tmp_path / "ro" / "s.csv")], capsys)
    assert "ermission" in err


def test_an_unwritable_place_as_root_too(tmp_path):
    # /proc cannot hold a new file even for root: the same clean error.
    with pytest.raises(ConfigError) as caught:
        data_io.write_bytes_atomic("/proc/exportmcda-test.csv", b"x")
    assert caught.value.code == "cannot_write"


class _FullDisk:
    """A file handle whose write fails like a full disk, after writing half."""

    def __init__(self, real):
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()
        return False

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_full_disk_leaves_the_old_file_and_no_half_file(tmp_path, capsys, monkeypatch,
                                                          suffix):
    target = tmp_path / f"s{suffix}"
    target.write_bytes(b"old contents")
    real_fdopen = os.fdopen
    monkeypatch.setattr(data_io.os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    err = _fails_cleanly([*EXPORT, "--out", str(target)], capsys)
    monkeypatch.undo()
    assert "disk is full" in err
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == [target.name]


# ----------------------------------------------------------------------------- item 8

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def test_a_hostile_file_name_starts_no_line_or_cell_of_the_csv_export(tmp_path, capsys):
    import csv

    source = hostile_file_name(tmp_path)
    target = tmp_path / "s.csv"
    code = main([*EXPORT, "--data", str(source), "--out", str(target)])
    assert code == 0, capsys.readouterr().err
    text = target.read_bytes().decode("utf-8-sig")
    assert not any(line.startswith(FORMULA) for line in text.splitlines())
    for delimiter in (",", ";"):
        for row in csv.reader(text.splitlines(), delimiter=delimiter):
            assert not any(cell.lstrip(" ").startswith(FORMULA) for cell in row), row
    assert "x\\n'=HYPERLINK(1).csv" in text or "x\\n=HYPERLINK(1).csv" in text


def test_a_hostile_file_name_is_one_text_line_in_the_workbook(tmp_path, capsys):
    import openpyxl

    source = hostile_file_name(tmp_path)
    target = tmp_path / "s.xlsx"
    assert main([*EXPORT, "--data", str(source), "--out", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    seen = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    seen = True
                    if sheet.title != "record":  # the audit record keeps the exact path
                        assert "\n" not in cell.value
                    assert not cell.value.startswith(FORMULA) or cell.quotePrefix
    assert seen


def test_the_one_neutralisation_of_metadata():
    from exportmcda.export.safe import neutral_cell, neutral_line, one_line

    assert one_line("a\nb\rc\td\x07") == "a\\nb\\rc\\td\\x07"
    assert neutral_cell("=1+1") == "'=1+1"
    assert neutral_cell("x\n=1") == "x\\n=1"
    assert neutral_line("source: a.csv, =HYPERLINK(1); @SUM(1)") == \
        "source: a.csv, '=HYPERLINK(1); '@SUM(1)"
