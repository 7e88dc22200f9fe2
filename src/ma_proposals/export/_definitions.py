"""The description of an exported table: its columns, keys and rows."""

from __future__ import annotations

from typing import Any

import attrs

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
    rows: tuple[tuple[Any, ...], ...]

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
