"""The register options shared by ``record`` and ``export`` (exportmcda.cli.saving):
``--save``, ``--saved-by``, ``--register`` and the environment variable."""

import argparse

import pytest

from exportmcda.cli.main import run
from exportmcda.cli.saving import add_save_options, open_register
from exportmcda.export.record import read_record, read_record_file
from exportmcda.register.store import ENV_VAR, FILE_NAME, Register


@pytest.fixture
def register(tmp_path, monkeypatch):
    path = tmp_path / "reg" / FILE_NAME
    monkeypatch.setenv(ENV_VAR, str(path))
    return Register(path)


def test_options_and_the_register_they_open(register, tmp_path):
    parser = argparse.ArgumentParser()
    add_save_options(parser)
    args = parser.parse_args([])
    assert (args.save, args.saved_by, args.register) == (False, None, None)
    assert open_register(args).path == register.path  # the environment variable
    args = parser.parse_args(["--save", "--saved-by", "Lee", "--register", "x.sqlite"])
    assert open_register(args).path.name == "x.sqlite"


def test_register_flag_wins_over_the_environment(register, tmp_path):
    other = tmp_path / "other.sqlite"
    assert (
        run(["record", "--country", "IND", "--top", "2", "--save", "--register", str(other)])[0]
        == 0
    )
    assert Register(other).count() == 1
    assert register.count() == 0


def test_export_writes_the_workbook_record_beside_it_and_saves_it(register, tmp_path):
    book, side = tmp_path / "s.xlsx", tmp_path / "s.json"
    code, _ = run(
        [
            "export",
            "--country",
            "IND",
            "--top",
            "5",
            "--out",
            str(book),
            "--record",
            str(side),
            "--save",
        ]
    )
    assert code == 0
    assert read_record(book) == read_record_file(side)
    assert register.get(1).record() == read_record_file(side)
