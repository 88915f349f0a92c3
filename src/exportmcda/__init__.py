"""exportmcda: selecting Korean smart-city technologies for export (Kim 2021), with AHP and TOPSIS."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
