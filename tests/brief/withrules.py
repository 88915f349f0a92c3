"""A record as format 4 will carry it: the rule-bound shortlist result beside the rest.

The record layout with rules (format 4) is built on another branch; until it lands, these
tests wrap a real record and add the result of a real rule-bound shortlist
(``Shortlist.as_dict()``) to its JSON body, under a key the briefing does not depend on.
"""

from __future__ import annotations

from typing import Any

from exportmcda.export.record import Record


class WithRules:
    """``record`` whose :meth:`body` also holds ``result`` under ``key``."""

    def __init__(self, record: Record, result: dict[str, Any], key: str = "rules") -> None:
        self._record = record
        self._result = result
        self._key = key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._record, name)

    def body(self) -> dict[str, Any]:
        return {**self._record.body(), self._key: {"result": self._result}}
