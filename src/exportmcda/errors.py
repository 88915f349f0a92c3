"""One small exception hierarchy for everything a user can get wrong.

Every error names where the problem is (file, 1-based row as a spreadsheet shows it, field)
and carries a stable ``code`` that ``labels`` translates, so the CLI, the app and scripts all
report the same problem the same way. Validation collects every :class:`Issue` of a file and
raises them together, so a user fixes a file in one pass rather than one error per run.

Which class, by what the user has to fix (one rule for the whole library):

* :class:`InputError`: **data** -- the technology database or an upload, a decision matrix
  (file, frame or array, including its criterion directions), a value in them (a class, a
  number), and any table the reader in :mod:`exportmcda.data.io` cannot read (encoding,
  size, not a table).
* :class:`JudgmentError`: **judgments and weights** -- pairwise judgments (every problem
  found in a set of judgments, even a pair naming an unknown criterion, so they are
  reported together), AHP matrices, direct weights, ``--weights``, the weights a ranking
  or a sensitivity analysis is given (count, sign, sum).
* :class:`ConfigError`: **criteria, scenario, country and audit-record files, and names
  and settings** -- an unknown country, scenario, method, normalisation, table, language,
  criterion, field or technology, and out-of-range settings (top N, grid, samples).

Bare ``ValueError``/``KeyError``/``AssertionError`` are left only where input cannot reach
them (a programming error): building an error without an issue, type narrowing after a
check, a table of constants that is checked at import.

A :class:`Note` is the same idea for what a result wants a reader to know (a value imputed, a
column left out, a pymcdm warning): a stable code plus parameters, never a sentence, so that
``labels.note_text`` renders it in English or Korean for the CLI, the app and the workbook.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

__all__ = [
    "ConfigError",
    "ExportMcdaError",
    "InputError",
    "Issue",
    "JudgmentError",
    "Note",
    "NoteParams",
    "ParamValue",
]

ParamValue: TypeAlias = str | int | float | None
"""A note parameter: text (an id, a policy word, a name), a count or a number."""


class NoteParams(Mapping[str, ParamValue]):
    """A note's parameters: an immutable, hashable mapping (equal regardless of order).

    Results deduplicate their notes with ``dict.fromkeys``, so a note, and therefore its
    parameters, must be hashable.
    """

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[str, ParamValue] | None = None) -> None:
        pairs = tuple((str(k), v) for k, v in (items or {}).items())
        for key, value in pairs:
            if value is not None and not isinstance(value, str | int | float):
                raise TypeError(f"note parameter {key!r} must be text or a number, got "
                                f"{type(value).__name__}")
        self._items: tuple[tuple[str, ParamValue], ...] = pairs
        self._hash: int | None = None

    def __getitem__(self, key: str) -> ParamValue:
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:  # computed once: a full ranking's explanations hash many
            self._hash = hash(frozenset(self._items))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NoteParams) and self._items == other._items:
            return True
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self._items) == dict(other.items())

    def __repr__(self) -> str:
        return f"NoteParams({dict(self._items)!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """Something a result wants its reader to know: a stable ``code`` and its ``params``.

    ``labels.note_text(note, lang)`` renders it; ``labels.NOTES`` has every code's English
    and Korean template. ``params`` is stored as a hashable :class:`NoteParams`.
    """

    code: str
    params: Mapping[str, ParamValue] = NoteParams()

    def __post_init__(self) -> None:
        if not isinstance(self.params, NoteParams):
            object.__setattr__(self, "params", NoteParams(self.params))

    @classmethod
    def of(cls, code: str, /, **params: ParamValue) -> Note:
        """Build a note from keyword parameters: ``Note.of("tie_rule", groups=2)``."""
        return cls(code=code, params=NoteParams(params))

    def as_dict(self) -> dict[str, object]:
        """Plain mapping for JSON: ``{"code": ..., "params": {...}}``."""
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One problem found in an input: where it is, what was found, what was expected."""

    code: str
    message: str
    path: str | None = None
    row: int | None = None
    field: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.path,
                f"row {self.row}" if self.row is not None else None,
                f"field '{self.field}'" if self.field is not None else None,
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message

    @classmethod
    def of(
        cls,
        code: str,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        field: str | None = None,
        value: object = None,
    ) -> Issue:
        """Build an issue from any offending value (shown as text; ``None`` stays ``None``)."""
        shown = None if value is None else str(value)
        return cls(code=code, message=message, path=path, row=row, field=field, value=shown)

    def as_dict(self) -> dict[str, str | int | None]:
        """Plain mapping for tables and JSON (keys: path, row, field, value, code, message)."""
        return {
            "path": self.path,
            "row": self.row,
            "field": self.field,
            "value": self.value,
            "code": self.code,
            "message": self.message,
        }


class ExportMcdaError(Exception):
    """Base of every error exportmcda raises on purpose; carries one or more issues."""

    def __init__(self, issues: Issue | Sequence[Issue]) -> None:
        self.issues: tuple[Issue, ...] = (issues,) if isinstance(issues, Issue) else tuple(issues)
        if not self.issues:
            raise ValueError("an ExportMcdaError needs at least one issue")
        super().__init__(str(self))

    @classmethod
    def single(
        cls,
        code: str,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        field: str | None = None,
        value: object = None,
    ) -> ExportMcdaError:
        """Build an error with one issue."""
        return cls(Issue.of(code, message, path=path, row=row, field=field, value=value))

    def __str__(self) -> str:
        first = str(self.issues[0])
        more = len(self.issues) - 1
        return first if more == 0 else f"{first} (and {more} more problem{'s' * (more > 1)})"

    @property
    def code(self) -> str:
        """Code of the first issue."""
        return self.issues[0].code


class InputError(ExportMcdaError):
    """A data file (technology database, decision matrix, upload) is malformed."""


class JudgmentError(ExportMcdaError):
    """Pairwise judgments or weights are invalid (not reciprocal, zero, wrong size...)."""


class ConfigError(ExportMcdaError):
    """A criteria, scenario, country or record file is malformed, or a name or setting is bad."""
