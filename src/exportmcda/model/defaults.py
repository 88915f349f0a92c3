"""Defaults every shell starts with, in a module that imports nothing heavy.

The CLI builds its parsers on every call (``exportmcda --help`` included), so a default it
shares with the app must not pull in pandas or the ranking engine (``model.selection`` costs
about a second to import); the app reads the same value, so the two never disagree.
"""

from __future__ import annotations

from typing import Final

DEFAULT_TOP: Final[int] = 10
"""The shortlist length of ``rank``, ``compare``, ``export``, ``sensitivity`` and the app
(issue 11: one default N everywhere)."""
