"""The ``exportmcda`` command: a thin shell over the library (parser, output, commands)."""

from exportmcda.cli.main import main

__all__ = ["main"]
