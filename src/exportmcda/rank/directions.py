"""Criterion direction: whether more is better (benefit) or worse (cost).

One enum owns the direction and all its spellings (the scikit-criteria
``core/objectives.py`` pattern), so criteria files, scenarios, the CLI and the app accept the
same words. It sits at the left of the data flow: criteria, scenarios and ranking all use it;
only ``ranking`` turns it into pymcdm's ±1 (:attr:`Direction.sign`).
"""

from __future__ import annotations

from enum import Enum
from typing import TypeAlias

import numpy as np

from exportmcda.errors import InputError

__all__ = ["Direction", "DirectionLike"]

DirectionLike: TypeAlias = "Direction | str | int | float"

_ALIASES: dict[str, str] = {
    "benefit": "benefit",
    "profit": "benefit",
    "max": "benefit",
    "maximize": "benefit",
    "+": "benefit",
    "1": "benefit",
    "cost": "cost",
    "min": "cost",
    "minimize": "cost",
    "-": "cost",
    "-1": "cost",
}


class Direction(Enum):
    """Whether more of a criterion is better (BENEFIT) or worse (COST).

    One enum owns the direction and all its spellings (the scikit-criteria
    ``core/objectives.py`` pattern), so criteria files, the CLI and the app accept the same
    words: ``"benefit"``/``"max"``/``"+"``/``1`` and ``"cost"``/``"min"``/``"-"``/``-1``.
    """

    BENEFIT = "benefit"
    COST = "cost"

    @classmethod
    def parse(cls, value: DirectionLike) -> Direction:
        """Read a direction from any accepted alias.

        Raises
        ------
        InputError
            If ``value`` is not one of the aliases (code ``ranking.bad_direction``).
        """
        if isinstance(value, Direction):
            return value
        key: str | None = None
        if isinstance(value, bool):
            key = None
        elif isinstance(value, int | float | np.integer | np.floating):
            key = {1.0: "1", -1.0: "-1"}.get(float(value))
        elif isinstance(value, str):
            key = value.strip().lower()
        name = _ALIASES.get(key) if key is not None else None
        if name is None:
            raise InputError.single(
                "ranking.bad_direction",
                f"criterion direction must be benefit/max/+/1 or cost/min/-/-1, got {value!r}",
                value=value,
            )
        return cls(name)

    @property
    def sign(self) -> int:
        """Return pymcdm's encoding: +1 for a benefit (profit) criterion, -1 for cost."""
        return 1 if self is Direction.BENEFIT else -1

    def reversed(self) -> Direction:
        """The other direction."""
        return Direction.COST if self is Direction.BENEFIT else Direction.BENEFIT
