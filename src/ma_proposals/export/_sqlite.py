"""A SQLite database of the tables, with full-text indexes for Datasette."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ma_proposals._writing import replace_file
from ma_proposals.errors import ExportError

from ._tables import tables
from ._targets import errors_of, refusing

if TYPE_CHECKING:
    import os

    from ma_proposals.model import ProposalSet

    from ._definitions import Table

__all__ = ["write_sqlite"]

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC"}
# Tables and columns that get a full-text index Datasette recognises.
_FTS = {"proposals": ("title", "summary"), "recommendations": ("text",)}


@refusing("as SQLite")
def write_sqlite(
    proposal_set: ProposalSet, target: str | os.PathLike[str]
) -> list[Path]:
    """Write the tables to a new SQLite database, ready for Datasette.

    Tables have their primary and foreign keys; ``proposals_fts`` and
    ``recommendations_fts`` are FTS5 indexes over titles, summaries and
    recommendation texts, linked to their tables so Datasette offers search.
    The database is built in a temporary file and replaces ``target`` when it
    is complete.

    Args:
        proposal_set: The set.
        target: The database file (replaced if it exists).

    Returns:
        The path written, in a list.

    Raises:
        ExportError: The database cannot be written: the folder is read-only,
            the disk is full, two rows share a key (only in sets that do not
            validate) or a value does not fit SQLite. The message says which.

    Example:
        >>> import sqlite3, tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals import export
        >>> [path] = export.write_sqlite(mp.load(), pathlib.Path(tempfile.mkdtemp()) / "p.db")
        >>> db = sqlite3.connect(path)
        >>> db.execute(
        ...     "SELECT p.number, count(*) FROM recommendations r "
        ...     "JOIN proposals p ON p.id = r.proposal GROUP BY p.id ORDER BY p.number"
        ... ).fetchall()[:3]
        [(1, 5), (2, 3), (3, 3)]
        >>> db.close()
    """  # noqa: E501
    path = Path(target)
    content = tables(proposal_set)
    with errors_of(path):
        return [replace_file(path, lambda tmp: _fill(tmp, content, path))]


def _fill(temporary: Path, content: tuple[Table, ...], target: Path) -> None:
    import sqlite3

    db = sqlite3.connect(temporary)
    table = None
    try:
        with db:
            for table in content:
                _create(db, table)
    except sqlite3.IntegrityError as exc:
        raise ExportError(
            f"cannot write {target}: two rows of table {_name(table)} have the "
            f"same key or a required value is missing ({exc}); does the set "
            "validate?"
        ) from exc
    except sqlite3.Error as exc:
        raise ExportError(f"cannot write {target}: {exc}") from exc
    finally:
        db.close()


def _name(table: Table | None) -> str:
    return repr(table.name) if table is not None else "?"


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def _create(db: Any, table: Table) -> None:
    columns = [
        f'"{c.name}" {_SQL_TYPES[c.type]}' + (" NOT NULL" if c.required else "")
        for c in table.columns
    ]
    columns.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    columns.extend(
        f"FOREIGN KEY ({_names(fk.columns)}) "
        f'REFERENCES "{fk.table}" ({_names(fk.references)})'
        for fk in table.foreign_keys
    )
    db.execute(f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)")
    marks = ", ".join("?" * len(table.columns))
    db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)
    if table.name in _FTS:
        indexed = ", ".join(_FTS[table.name])
        db.execute(
            f'CREATE VIRTUAL TABLE "{table.name}_fts" USING fts5({indexed}, '
            f'content="{table.name}", tokenize="porter unicode61")'
        )
        db.execute(
            f'INSERT INTO "{table.name}_fts" (rowid, {indexed}) '
            f'SELECT rowid, {indexed} FROM "{table.name}"'
        )
