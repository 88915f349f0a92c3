"""Where the shipped data (sample database, country profiles) and criteria files live.

In a wheel they are packed under ``exportmcda/_shipped/`` (see ``pyproject.toml``); in a
source checkout they are the repository's top-level ``data/`` and ``criteria/`` folders,
which stay the one place a person edits them.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["criteria_dir", "data_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    packed = _PACKAGE / "_shipped" / name
    if packed.is_dir():
        return packed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"exportmcda's {name}/ folder is missing from this installation")


def data_dir() -> Path:
    """The folder holding ``sample/`` and ``countries/``."""
    return _shipped("data")


def criteria_dir() -> Path:
    """The folder holding the criteria definitions, AHP judgments and ``scenarios/``."""
    return _shipped("criteria")
