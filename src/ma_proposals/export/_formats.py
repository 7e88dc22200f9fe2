"""The export formats by name, and the format a file name implies."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ._csv import write_csv, write_datapackage
from ._frames import write_parquet
from ._json import write_json, write_jsonl
from ._sqlite import write_sqlite

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    from ma_proposals.model import ProposalSet

__all__ = ["FORMATS", "Format", "guess_format"]


@attrs.frozen
class Format:
    """An export format: its writer and what its target is.

    Attributes:
        name: The format's name (``ma-proposals export --format NAME``).
        writer: The function that writes it, e.g. :func:`write_csv`.
        suffixes: File name endings that imply the format.
        directory: Whether the target is a folder (without ``table``).
        per_table: Whether it can write one table to one file (``table=``).
        extra: The extra it needs, if any.

    .. versionadded:: 0.1.0

    Example:
        >>> from ma_proposals import export
        >>> export.FORMATS["parquet"].suffixes, export.FORMATS["parquet"].extra
        (('.parquet',), 'arrow')
    """

    name: str
    writer: Callable[..., list[Path]]
    suffixes: tuple[str, ...]
    directory: bool = False
    per_table: bool = False
    extra: str | None = None

    def write(
        self,
        proposal_set: ProposalSet,
        target: str | os.PathLike[str],
        table: str | None = None,
    ) -> list[Path]:
        """Write ``proposal_set`` to ``target`` (one ``table``, if given).

        Raises:
            ValueError: ``table`` is given to a format without tables.

        Example:
            >>> import tempfile, pathlib, ma_proposals as mp
            >>> from ma_proposals import export
            >>> out = pathlib.Path(tempfile.mkdtemp()) / "topics.csv"
            >>> export.FORMATS["csv"].write(mp.load(), out, "topics") == [out]
            True
        """
        if table is None:
            return self.writer(proposal_set, target)
        if not self.per_table:
            raise ValueError(f"the {self.name} export has no single tables")
        result: list[Path] = self.writer(proposal_set, target, table=table)
        return result


_LIST: tuple[Format, ...] = (
    Format("json", write_json, (".json",)),
    Format("jsonl", write_jsonl, (".jsonl", ".ndjson")),
    Format("csv", write_csv, (".csv",), directory=True, per_table=True),
    Format("sqlite", write_sqlite, (".db", ".sqlite", ".sqlite3")),
    Format("datapackage", write_datapackage, (), directory=True),
    Format(
        "parquet",
        write_parquet,
        (".parquet",),
        directory=True,
        per_table=True,
        extra="arrow",
    ),
)

#: Every export format, by name.
FORMATS: dict[str, Format] = {f.name: f for f in _LIST}


def guess_format(target: str | os.PathLike[str]) -> str | None:
    """The format a file name implies, from its ending; ``None`` if none does.

    ``.json`` is JSON, ``.jsonl`` and ``.ndjson`` JSON Lines, ``.csv`` CSV,
    ``.db``, ``.sqlite`` and ``.sqlite3`` SQLite, ``.parquet`` Parquet (case
    ignored). A folder's name implies nothing: give the format.

    Args:
        target: The file to write.

    Returns:
        The format's name, or ``None``.

    .. versionadded:: 0.1.0

    Example:
        >>> from ma_proposals import export
        >>> export.guess_format("proposals.DB"), export.guess_format("out")
        ('sqlite', None)
    """
    suffix = Path(target).suffix.lower()
    for each in _LIST:
        if suffix in each.suffixes:
            return each.name
    return None
