"""Where the shipped data and criteria live (exportmcda.resources)."""

from pathlib import Path

import pytest

from exportmcda import resources

ROOT = Path(__file__).resolve().parents[1]


def test_in_a_checkout_the_folders_are_the_repositorys():
    assert resources.data_dir() == ROOT / "data"
    assert resources.criteria_dir() == ROOT / "criteria"


def test_the_folders_hold_the_sample_profiles_and_scenarios():
    assert (resources.data_dir() / "sample" / "technologies.csv").is_file()
    assert (resources.data_dir() / "countries" / "IND.toml").is_file()
    assert (resources.criteria_dir() / "scenarios").is_dir()


def test_a_packed_folder_wins_over_the_checkout(tmp_path, monkeypatch):
    package = tmp_path / "site" / "exportmcda"
    (package / "_shipped" / "data").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.data_dir() == package / "_shipped" / "data"


def test_a_missing_folder_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path / "a" / "b" / "exportmcda")
    with pytest.raises(FileNotFoundError, match=r"exportmcda's criteria/ folder is missing"):
        resources.criteria_dir()
