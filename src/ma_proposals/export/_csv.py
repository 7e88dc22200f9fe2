"""CSV tables, and the Frictionless data package that describes them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ma_proposals._version import __version__
from ma_proposals._writing import write_bytes, write_new

from . import _tables
from ._tables import TABLE_NAMES, tables
from ._targets import errors_of, refusing, write_directory

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from ma_proposals.model import ProposalSet

    from ._definitions import Table

__all__ = ["FORMULA_STARTS", "datapackage", "write_csv", "write_datapackage"]

_CSV_NAMES = frozenset(f"{name}.csv" for name in TABLE_NAMES)
_DESCRIPTOR = "datapackage.json"


#: What a cell starts with that a spreadsheet may read as a formula (OWASP's
#: list): an equals, plus, minus or at sign, a tab or a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


def _neutral(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_bytes(table: Table, *, excel: bool = False) -> bytes:
    r"""The table as CSV: rows end in ``\n``; a field with ``\r`` or ``\n`` is quoted.

    :mod:`csv` quotes a field (minimal quoting) only for the characters of its
    line terminator, so a lone ``\r`` would be written bare with ``\n`` alone,
    and readers would end a row there. Each row is written with ``\r\n``, which
    quotes both, and its terminator is then replaced by ``\n``.
    """
    buffer = io.StringIO()
    if excel:
        buffer.write(_BOM)
    row_buffer = io.StringIO()
    writer = csv.writer(row_buffer, lineterminator="\r\n")

    def write(row: Iterable[Any]) -> None:
        row_buffer.seek(0)
        row_buffer.truncate()
        writer.writerow(row)
        buffer.write(row_buffer.getvalue().removesuffix("\r\n"))
        buffer.write("\n")

    write(table.column_names)
    for row in table.rows:
        cells = ("" if value is None else value for value in row)
        write(_neutral(cell) if excel else cell for cell in cells)
    return buffer.getvalue().encode("utf-8")


@refusing("as CSV")
def write_csv(
    proposal_set: ProposalSet,
    target: str | os.PathLike[str],
    *,
    table: str | None = None,
    excel: bool = False,
) -> list[Path]:
    r"""Write the tables of :func:`tables` as CSV: a folder of them, or one table.

    Files are UTF-8 with a header row; a missing value is an empty field. The
    folder is written as a whole (see :doc:`/exporting`): an existing one is
    replaced only if it holds nothing but these tables.

    A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as
    a formula, which a hostile set could use (``=HYPERLINK(...)``). For files
    meant for Excel or LibreOffice, pass ``excel=True``: every text cell that
    starts with one of :data:`FORMULA_STARTS` gets a leading ``'`` (shown as
    text, not run), and the file starts with a UTF-8 byte order mark, so that
    Excel reads it as UTF-8. Numbers are left alone. The files are then for
    spreadsheets, not for other programs: they hold the extra quotes.

    Args:
        proposal_set: The set.
        target: The folder to write ``<table>.csv`` files in, or with ``table``,
            the CSV file to write.
        table: Write only this table (one of :data:`TABLE_NAMES`) to the file
            ``target``.
        excel: Neutralise formulas and write a byte order mark, for
            spreadsheets.

            .. versionadded:: 0.1.0

    Returns:
        The paths written, in table order.

    Raises:
        ExportError: The target is in the way or cannot be written.
        UnknownIdError: ``table`` is not a table's name.

    Example:
        >>> import tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals import export
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> [p.name for p in export.write_csv(mp.load(), out / "tables")][:3]
        ['sources.csv', 'source_notes.csv', 'topics.csv']
        >>> [p.name for p in export.write_csv(mp.load(), out / "t.csv", table="topics")]
        ['t.csv']
        >>> for_excel = {"table": "topics", "excel": True}
        >>> [path] = export.write_csv(mp.load(), out / "x.csv", **for_excel)
        >>> path.read_bytes()[:5]
        b'\xef\xbb\xbfid'
    """
    path = Path(target)
    if table is not None:
        one = _tables.table(proposal_set, table)
        with errors_of(path):
            data = _csv_bytes(one, excel=excel)
            return [write_bytes(path, data)]

    def fill(folder: Path) -> list[str]:
        names = []
        for each in tables(proposal_set):
            names.append(f"{each.name}.csv")
            write_new(folder / names[-1], _csv_bytes(each, excel=excel))
        return names

    with errors_of(path):
        return write_directory(path, fill, _CSV_NAMES)


def _field(column: Any) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.columns),
                "reference": {"resource": fk.table, "fields": list(fk.references)},
            }
            for fk in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        # Stated, not left to sniffing: text that quotes words in single quotes
        # made readers guess "'" as the quote character.
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "description": table.description,
        "schema": schema,
    }


@refusing("a Frictionless data package")
def datapackage(proposal_set: ProposalSet) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV tables.

    Each table is a tabular data resource with a Table Schema: field types,
    required fields, vocabularies, primary keys and foreign keys. The package
    has the set's data version (``version``, left out while the set has none),
    a description, the licences (the curated data is CC-BY-4.0; the source
    texts are not covered), and its sources, each with a title.

    Args:
        proposal_set: The set.

    Returns:
        The ``datapackage.json`` content.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> package = export.datapackage(mp.load())
        >>> package["name"], package["resources"][0]["schema"]["primaryKey"]
        ('ma-huateng-2020', ['id'])
        >>> [licence["name"] for licence in package["licenses"]]
        ['CC-BY-4.0']
    """
    from ma_proposals.citing import DATA_LICENSE, source_title

    s = proposal_set
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": s.id,
        "title": s.title,
        "description": (
            f"{s.title}: {len(s.proposals)} proposals by {s.deputy.name} "
            f"({s.meeting.name}), with their recommendations, statistics, claims, "
            "topics, themes, glossary, and the evidence span of a shipped source "
            f"for every curated item. Exported by ma-proposals {__version__}."
        ),
    }
    if s.version is not None:
        package["version"] = s.version
    package["licenses"] = [dict(DATA_LICENSE)]
    package["sources"] = [
        {"title": source_title(src), "path": src.url}
        if src.url
        else {"title": source_title(src)}
        for src in s.sources
    ]
    package["resources"] = [_resource(t) for t in tables(s)]
    return package


@refusing("as a Frictionless data package")
def write_datapackage(
    proposal_set: ProposalSet, target: str | os.PathLike[str]
) -> list[Path]:
    """Write the CSV tables and a Frictionless ``datapackage.json`` describing them.

    The folder is written as a whole, like :func:`write_csv`'s.

    Args:
        proposal_set: The set.
        target: The folder to write.

    Returns:
        The paths written: ``datapackage.json`` first, then the tables.

    Raises:
        ExportError: The target is in the way or cannot be written.

    Example:
        >>> import json, tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals import export
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "package"
        >>> descriptor, *csv_files = export.write_datapackage(mp.load(), out)
        >>> descriptor.name, len(csv_files)
        ('datapackage.json', 17)
    """
    path = Path(target)
    descriptor = json.dumps(datapackage(proposal_set), ensure_ascii=False, indent=2)

    def fill(folder: Path) -> list[str]:
        write_new(folder / _DESCRIPTOR, (descriptor + "\n").encode("utf-8"))
        names = [_DESCRIPTOR]
        for each in tables(proposal_set):
            names.append(f"{each.name}.csv")
            write_new(folder / names[-1], _csv_bytes(each))
        return names

    with errors_of(path):
        return write_directory(path, fill, _CSV_NAMES | {_DESCRIPTOR})
