"""The options and the one call that keep a record in the decision register.

Shared by ``record``, ``export`` and ``decisions``: ``--save``, ``--saved-by``, ``--register``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from exportmcda.labels import t

if TYPE_CHECKING:
    from exportmcda.export.record import Record
    from exportmcda.register.store import Register

__all__ = ["add_register_options", "add_save_options", "open_register", "register_record"]


def open_register(args: argparse.Namespace) -> Register:
    """The register of ``--register`` (else $EXPORTMCDA_REGISTER, else the data folder)."""
    from exportmcda.register.store import Register

    return Register(args.register)  # None: $EXPORTMCDA_REGISTER or the user's data folder


def register_record(args: argparse.Namespace, record: Record) -> None:
    """With ``--save``: keep ``record`` in the register and say so on stderr."""
    if not args.save:
        return
    register = open_register(args)
    saved = register.save(record, saved_by=args.saved_by)
    sys.stderr.write(
        t("register_saved", args.lang, id=saved.id, path=str(register.path), by=saved.saved_by)
        + "\n"
    )


def add_register_options(p: argparse.ArgumentParser) -> None:
    """``--register PATH`` (else $EXPORTMCDA_REGISTER, else the user's data folder)."""
    p.add_argument(
        "--register",
        metavar="PATH",
        help="the decision register (SQLite file; "
        "default: $EXPORTMCDA_REGISTER, else $XDG_DATA_HOME/exportmcda/"
        "decisions.sqlite or ~/.local/share/exportmcda/decisions.sqlite)",
    )


def add_save_options(p: argparse.ArgumentParser) -> None:
    """``--save``, ``--saved-by`` and ``--register`` (``record`` and ``export``)."""
    p.add_argument(
        "--save", action="store_true", help="also keep the record in the decision register"
    )
    p.add_argument("--saved-by", metavar="NAME", help="who saves it (default: the login name)")
    add_register_options(p)
