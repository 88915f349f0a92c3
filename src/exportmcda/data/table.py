"""The raw table: cells exactly as read, before validation gives them meaning.

It sits between reading (:mod:`exportmcda.data.io`) and validation
(:mod:`exportmcda.data.validate`) so that neither imports the other for its type.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
import pyarrow as pa

__all__ = ["ColumnRows", "RawTable", "release_freed_texts", "text_array"]


def text_array(texts: Sequence[str] | pa.Array) -> pa.Array:
    """Texts as one Arrow ``large_string`` array (a copy only when given Python strings).

    Arrow keeps a column's texts in one buffer with an offset each, about the text's own
    bytes; a Python ``str`` costs 49-74 bytes of header on top. Reading 10^6 rows holds
    about 2.2 million distinct texts (ids, names, Korean names): as Python strings they
    were most of the 1.77 GB the pipeline peaked at (issue 13, item 10).
    """
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    if isinstance(texts, pa.Array):
        return texts if texts.type == pa.large_string() else texts.cast(pa.large_string())
    return pa.array(list(texts), type=pa.large_string())


def release_freed_texts() -> None:
    """Give the memory of freed Arrow arrays back to the system.

    Arrow allocates from its own pool (mimalloc in the wheels), which keeps freed blocks
    for its later arrays; numpy and pandas allocate with ``malloc`` and cannot reuse them.
    After reading and validating 10^6 rows the pool held about 300 MB of freed texts (the
    raw table's, validation's stripped copies), so the ranking that followed started from
    ~1,050 MB instead of ~730 MB (issue 13, item 10). Called when a raw table is done
    with; it changes no value.
    """
    pa.default_memory_pool().release_unused()


class ColumnRows(Sequence[tuple[str, ...]]):
    """Rows of text cells stored column by column: each cell a code into its column's texts.

    A database repeats its fields, regions, classes and company attributes on every row;
    holding each column as small integer codes plus its distinct texts keeps a table of
    10^6 rows in a few hundred megabytes where a tuple of strings per row took gigabytes
    (issue 13, item 10), and lets validation check each distinct text once. It reads as a
    sequence of row tuples (``rows[i]``, iteration, ``==`` with a tuple of tuples), so a
    :class:`RawTable` looks the same whichever way it was built. A column's texts may hold
    one text more than once (each block of rows read adds its own). The texts are kept as
    Arrow strings (:func:`text_array`); :attr:`texts` gives them so, :attr:`columns` as
    Python lists.
    """

    __slots__ = ("_codes", "_texts", "_width")

    def __init__(
        self, codes: Sequence[np.ndarray], texts: Sequence[Sequence[str] | pa.Array]
    ) -> None:
        self._codes = tuple(codes)
        self._texts = tuple(text_array(t) for t in texts)
        self._width = len(self._codes)
        if len(self._texts) != self._width or len({len(c) for c in self._codes}) > 1:
            raise ValueError("one code array and one text list per column, of one length")

    @property
    def columns(self) -> tuple[tuple[np.ndarray, list[str]], ...]:
        """Each column's codes (one per row) and texts (``texts[codes[i]]`` is row ``i``)."""
        return tuple(
            (codes, texts.to_pylist()) for codes, texts in zip(self._codes, self._texts,
                                                               strict=True)
        )

    @property
    def texts(self) -> tuple[tuple[np.ndarray, pa.Array], ...]:
        """Each column's codes and texts as an Arrow array (no Python string is made)."""
        return tuple(zip(self._codes, self._texts, strict=True))

    def __len__(self) -> int:
        return len(self._codes[0]) if self._codes else 0

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[str, ...], ...]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, ...] | tuple[tuple[str, ...], ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        i = range(len(self))[index]
        return tuple(str(texts[int(codes[i])].as_py()) for codes, texts in self.texts)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        columns = [[texts[c] for c in codes.tolist()] for codes, texts in self.columns]
        return iter(zip(*columns, strict=True)) if columns else iter(())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other,
                                                                               strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ColumnRows({tuple(self)!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class RawTable:
    """A table exactly as read: text cells, spreadsheet row numbers, where it came from.

    Rows are padded with ``''`` to the header length; rows whose cells are all empty are
    left out (Excel leaves such rows) but keep their place in the numbering. ``rows`` is a
    tuple of tuples when built by hand, a :class:`ColumnRows` when read from a file.
    """

    name: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    row_numbers: tuple[int, ...]
    encoding: str
    sha256: str
