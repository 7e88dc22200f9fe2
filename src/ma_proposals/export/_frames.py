"""Tables as DataFrames and Arrow tables: pandas, polars, pyarrow, and Parquet files."""

from __future__ import annotations

import contextlib
import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ma_proposals._collector import show_int
from ma_proposals._writing import replace_file
from ma_proposals.errors import ExportError, MissingDependencyError

from . import _tables
from ._tables import TABLE_NAMES, tables
from ._targets import errors_of, refusing, write_directory
from ._tidy import tidy

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

    import pandas
    import polars
    import pyarrow

    from ma_proposals.model import ProposalSet

    from ._definitions import Column, Table

__all__ = ["to_arrow", "to_pandas", "to_polars", "write_parquet"]

_PARQUET_NAMES = frozenset(f"{name}.parquet" for name in TABLE_NAMES)


def _require(module: str, extra: str, feature: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            f"{feature} needs {module.partition('.')[0]}: "
            f"pip install 'ma-proposals[{extra}]'"
        ) from None


def _column_values(table: Table, i: int, column: Column) -> tuple[list[Any], str]:
    """A column's values and type (:attr:`Column.type`); refuse what it cannot hold.

    A ``number`` column whose values are all integers (at least one, and
    missing values aside) is of 64-bit integers: counts stay counts. Any other
    ``number`` column is of floats, unless a value is an integer that a 64-bit
    float does not hold exactly (beyond 2**53): a column that mixes such an
    integer with floats is refused, rather than rounded.

    A set that validates holds only 64-bit integers (``out-of-range``); a set
    built in code and not validated may hold any integer, which no frame
    library can hold: that is an :class:`~ma_proposals.ExportError`, as it is
    for the files.
    """
    values = [row[i] for row in table.rows]
    kind = column.type
    if kind == "number":
        present = [v for v in values if v is not None]
        if present and all(map(_integer, present)):
            kind = "integer"
        else:
            inexact = next((v for v in present if _integer(v) and not _exact(v)), None)
            if inexact is None:
                return [None if v is None else float(v) for v in values], kind
            raise ExportError(
                f"cannot make the {table.name!r} table: its column "
                f"{column.name!r} holds floats and {show_int(inexact)}, an "
                "integer that a 64-bit float cannot hold exactly; a column of "
                "numbers is of integers only when every value is one"
            )
    return values, kind


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _exact(value: int) -> bool:
    """Whether a 64-bit float holds ``value`` exactly."""
    try:
        return int(float(value)) == value
    except OverflowError:
        return False


def _one(proposal_set: ProposalSet, table: str | None) -> Table:
    """The table of that name; ``None``: the tidy table (:func:`tidy`)."""
    return tidy(proposal_set) if table is None else _tables.table(proposal_set, table)


# -- pandas ---------------------------------------------------------------------

_PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


@refusing("a table as a pandas DataFrame")
def to_pandas(
    proposal_set: ProposalSet, table: str | None = "proposals"
) -> pandas.DataFrame:
    """One table of :func:`tables` as a pandas DataFrame with proper dtypes.

    Strings are ``string``, integers nullable ``Int64``, numbers ``Float64``
    (``Int64`` if every value is an integer, as the packaged set's statistics
    are) and closed vocabularies ``category`` columns with all their allowed
    values. Rows are in the document's order. Needs the ``pandas`` extra.

    Args:
        proposal_set: The set.
        table: The table's name, one of :data:`TABLE_NAMES`; ``None`` for the
            tidy table of :func:`tidy` (a row per recommendation, with its
            proposal's columns).

    Returns:
        The DataFrame.

    Raises:
        MissingDependencyError: pandas is not installed.
        UnknownIdError: There is no table of that name.
        ExportError: A value does not fit in its column's type (only in a set
            built in code that does not validate).

    .. versionchanged:: 0.1.0
       ``table=None`` gives the tidy table.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> stats = export.to_pandas(mp.load(), "statistics")
        >>> str(stats["value"].dtype), str(stats["qualifier"].dtype)
        ('Int64', 'category')
    """
    pd = _require("pandas", "pandas", "to_pandas()")
    one = _one(proposal_set, table)
    columns = {}
    for i, column in enumerate(one.columns):
        values, kind = _column_values(one, i, column)
        dtype: Any = (
            pd.CategoricalDtype(list(column.enum))
            if column.enum
            else _PANDAS_TYPES[kind]
        )
        columns[column.name] = pd.array(values, dtype=dtype)
    frame: pandas.DataFrame = pd.DataFrame(columns)
    return frame


# -- polars ---------------------------------------------------------------------


@refusing("a table as a polars DataFrame")
def to_polars(
    proposal_set: ProposalSet, table: str | None = "proposals"
) -> polars.DataFrame:
    """One table of :func:`tables` as a polars DataFrame.

    Strings are ``String``, integers ``Int64``, numbers ``Float64`` (``Int64``
    if every value is an integer) and closed vocabularies ``Enum`` columns with
    all their allowed values. Needs the ``polars`` extra (not pyarrow).

    Args:
        proposal_set: The set.
        table: The table's name, one of :data:`TABLE_NAMES`; ``None`` for the
            tidy table of :func:`tidy` (a row per recommendation, with its
            proposal's columns).

    Returns:
        The DataFrame.

    Raises:
        MissingDependencyError: polars is not installed.
        UnknownIdError: There is no table of that name.
        ExportError: A value does not fit in its column's type (only in a set
            built in code that does not validate).

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> recs = export.to_polars(mp.load(), "recommendations")
        >>> recs.schema["position"], recs.schema["horizon"]
        (Int64, Enum(categories=['near-term', 'medium-long-term']))
    """
    pl = _require("polars", "polars", "to_polars()")
    one = _one(proposal_set, table)
    types = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64}
    series = []
    for i, column in enumerate(one.columns):
        values, kind = _column_values(one, i, column)
        dtype = pl.Enum(list(column.enum)) if column.enum else types[kind]
        series.append(pl.Series(column.name, values, dtype=dtype, strict=True))
    frame: polars.DataFrame = pl.DataFrame(series)
    return frame


# -- Arrow and Parquet ------------------------------------------------------------


def _arrow_table(pa: Any, one: Table) -> pyarrow.Table:
    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64()}
    arrays = []
    fields = []
    for i, column in enumerate(one.columns):
        values, kind = _column_values(one, i, column)
        if column.enum:
            vocabulary = pa.array(list(column.enum), pa.string())
            position = {v: n for n, v in enumerate(column.enum)}
            indices = pa.array([position.get(v) for v in values], pa.int32())
            array = pa.DictionaryArray.from_arrays(indices, vocabulary)
        else:
            array = pa.array(values, types[kind])
        arrays.append(array)
        fields.append(
            pa.field(
                column.name,
                array.type,
                nullable=not column.required,
                metadata={"description": column.description},
            )
        )
    keys = {
        "description": one.description,
        "primary_key": json.dumps(list(one.primary_key)),
        "foreign_keys": json.dumps(
            [
                {"columns": list(fk.columns), "table": fk.table}
                | {"references": list(fk.references)}
                for fk in one.foreign_keys
            ]
        ),
    }
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=keys))


@refusing("a table as an Arrow table")
def to_arrow(
    proposal_set: ProposalSet, table: str | None = "proposals"
) -> pyarrow.Table:
    """One table of :func:`tables` as a ``pyarrow.Table``.

    Strings are ``string``, integers ``int64``, numbers ``double`` (``int64``
    if every value is an integer) and closed
    vocabularies dictionary-encoded strings whose dictionary is the whole
    vocabulary. Required columns are not nullable. Each field's metadata has its
    ``description``; the schema's metadata has the table's ``description``, its
    ``primary_key`` and ``foreign_keys`` (as JSON). Needs the ``arrow`` extra.

    Args:
        proposal_set: The set.
        table: The table's name, one of :data:`TABLE_NAMES`; ``None`` for the
            tidy table of :func:`tidy` (a row per recommendation, with its
            proposal's columns).

    Returns:
        The Arrow table.

    Raises:
        MissingDependencyError: pyarrow is not installed.
        UnknownIdError: There is no table of that name.
        ExportError: A value does not fit in its column's type (only in a set
            built in code that does not validate).

    .. versionadded:: 0.1.0

    Example:
        >>> import json, ma_proposals as mp
        >>> from ma_proposals import export
        >>> recs = export.to_arrow(mp.load(), "recommendations")
        >>> recs.num_rows == len(mp.load().rows("recommendations"))
        True
        >>> json.loads(recs.schema.metadata[b"primary_key"])
        ['proposal', 'id']
    """
    pa = _require("pyarrow", "arrow", "to_arrow()")
    return _arrow_table(pa, _one(proposal_set, table))


@refusing("as Parquet")
def write_parquet(
    proposal_set: ProposalSet,
    target: str | os.PathLike[str],
    *,
    table: str | None = None,
) -> list[Path]:
    """Write the tables as Parquet files: a folder of them, or one table.

    Each file is :func:`to_arrow`'s table, so it keeps the column types, the
    vocabularies, the descriptions and the keys (in the schema's metadata).
    DuckDB, polars, pandas and Hugging Face ``datasets`` read the files directly
    (see :doc:`/exporting`). The folder is written as a whole, like
    :func:`write_csv`'s. Needs the ``arrow`` extra.

    Args:
        proposal_set: The set.
        target: The folder to write ``<table>.parquet`` files in, or with
            ``table``, the Parquet file to write.
        table: Write only this table (one of :data:`TABLE_NAMES`) to the file
            ``target``.

    Returns:
        The paths written, in table order.

    Raises:
        MissingDependencyError: pyarrow is not installed.
        ExportError: The target is in the way or cannot be written.
        UnknownIdError: ``table`` is not a table's name.

    .. versionadded:: 0.1.0

    Example:
        >>> import tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals import export
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> [p.name for p in export.write_parquet(mp.load(), out / "tables")][:3]
        ['sources.parquet', 'source_notes.parquet', 'topics.parquet']
    """
    pa = _require("pyarrow", "arrow", "write_parquet()")
    parquet = _require("pyarrow.parquet", "arrow", "write_parquet()")
    path = Path(target)
    if table is not None:
        one = _tables.table(proposal_set, table)
        with errors_of(path), _arrow_errors(pa, path):
            data = _arrow_table(pa, one)
            return [replace_file(path, lambda tmp: parquet.write_table(data, tmp))]

    def fill(folder: Path) -> list[str]:
        names = []
        for each in tables(proposal_set):
            names.append(f"{each.name}.parquet")
            parquet.write_table(_arrow_table(pa, each), folder / names[-1])
        return names

    with errors_of(path), _arrow_errors(pa, path):
        return write_directory(path, fill, _PARQUET_NAMES)


@contextlib.contextmanager
def _arrow_errors(pa: Any, target: Path) -> Iterator[None]:
    """Report values that Arrow cannot store as :class:`ExportError`."""
    try:
        yield
    except (OverflowError, pa.lib.ArrowException) as exc:
        raise ExportError(f"cannot write {target}: {exc}") from exc
