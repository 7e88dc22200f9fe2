"""The description of an exported table: its columns, keys and rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Column", "ForeignKey", "Table"]


@attrs.frozen
class Column:
    """A column of an exported table.

    Attributes:
        name: Column name.
        type: Table Schema type: ``"string"``, ``"integer"`` or ``"number"``.
        description: What the column holds.
        required: Whether every row has a value.
        enum: The allowed values of a closed vocabulary, if any.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> proposals = export.table(mp.load(), "proposals")
        >>> [c.name for c in proposals.columns if c.enum]
        ['title_kind', 'kind']
    """

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None


@attrs.frozen
class ForeignKey:
    """Columns of a table that name rows of another table.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> export.table(mp.load(), "proposals").foreign_keys
        (ForeignKey(columns=('topic',), table='topics', references=('id',)),)
    """

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


def _exact(rows: Iterable[Iterable[Any]]) -> tuple[tuple[Any, ...], ...]:
    """The rows with every value of its plain type.

    A set built in code may hold a subclass of ``str``, ``int`` or ``float``
    (an ``IntEnum`` member, say) whose ``__str__``, ``__int__`` or
    ``__conform__`` says something else than its value: each writer and
    DataFrame library would ask it differently. Each value is made a plain
    ``str``, ``int`` or ``float`` of the same value, once, here.
    """
    return tuple(tuple(_plain(v) for v in row) for row in rows)


def _plain(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    return value


@attrs.frozen
class Table:
    """One exported table: its schema and its rows.

    Every tabular export (CSV, Parquet, SQLite, the data package, DataFrames)
    writes these tables as they are: the same names, columns, types and keys.
    Primary keys are made of ids, positions and JSON paths, never of ids joined
    into a string, so no choice of ids can make two rows share a key.

    Attributes:
        name: Table name (also the stem of its CSV and Parquet files).
        description: What one row is.
        columns: The columns, in order.
        primary_key: Columns that identify a row.
        foreign_keys: Columns that join to other tables.
        rows: The rows, as tuples in column order; ``None`` is a missing value.
            Rows are in the document's order, so proposals and their items are
            in the article's order.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> recs = export.table(mp.load(), "recommendations")
        >>> recs.primary_key, recs.records()[0]["id"]
        (('proposal', 'id'), 'national-strategy')
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rows: tuple[tuple[Any, ...], ...] = attrs.field(converter=_exact)

    @property
    def column_names(self) -> tuple[str, ...]:
        """The names of the columns, in order.

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> from ma_proposals import export
            >>> export.table(mp.load(), "topics").column_names
            ('id', 'label', 'description', 'inferred')
        """
        return tuple(c.name for c in self.columns)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name.

        Example:
            >>> import ma_proposals as mp
            >>> from ma_proposals import export
            >>> export.table(mp.load(), "topics").records()[0]["id"]
            'industrial-internet'
        """
        names = self.column_names
        return [dict(zip(names, row, strict=True)) for row in self.rows]
