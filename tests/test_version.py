"""The package version (exportmcda.version) is the one pyproject.toml declares."""

import tomllib
from pathlib import Path

import exportmcda
from exportmcda.version import __version__

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_version_equals_pyprojects():
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == declared == "0.1.0"


def test_the_package_root_exports_the_same_version():
    assert exportmcda.__version__ is __version__
