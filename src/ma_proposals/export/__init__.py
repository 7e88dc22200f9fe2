"""Exports: JSON, JSON Lines, CSV, SQLite, a Frictionless package, Parquet, DataFrames.

Every tabular export is built from one definition, :func:`tables`: the same
tables (:data:`TABLE_NAMES`) with the same columns, types, primary keys and
foreign keys are written as CSV files, Parquet files, SQLite tables (with
full-text indexes that Datasette picks up), described by a Frictionless
``datapackage.json``, and returned one at a time as pandas or polars DataFrames
or Arrow tables (:func:`to_pandas`, :func:`to_polars`, :func:`to_arrow`; also
:meth:`ProposalSet.to_pandas <ma_proposals.ProposalSet.to_pandas>`). For a
quick look, :func:`tidy` joins each recommendation to its proposal in one table
(``s.to_pandas()`` with no argument).

Only the JSON export (a complete document) also has the deputy's name, career
lists and the meeting with its sessions; JSON Lines holds the proposals alone.

Writers never write outside their target and never leave a half-written
export: files are built beside the target, flushed, and moved into place as a
whole; every writer returns the paths it wrote. See :doc:`/exporting` for the
rules, and :class:`~ma_proposals.ExportError` for what can go wrong.

Example:
    >>> import ma_proposals as mp
    >>> from ma_proposals import export
    >>> for table in export.tables(mp.load())[:5]:
    ...     print(table.name, table.primary_key)
    sources ('id',)
    source_notes ('source', 'position')
    topics ('id',)
    themes ('id',)
    proposals ('id',)
"""

from ._csv import FORMULA_STARTS, datapackage, write_csv, write_datapackage
from ._definitions import Column, ForeignKey, Table
from ._formats import FORMATS, Format, guess_format
from ._frames import to_arrow, to_pandas, to_polars, write_parquet
from ._json import texts_folder, write_json, write_jsonl
from ._sqlite import write_sqlite
from ._tables import TABLE_NAMES, table, tables
from ._tidy import tidy

__all__ = [
    "FORMATS",
    "FORMULA_STARTS",
    "TABLE_NAMES",
    "Column",
    "ForeignKey",
    "Format",
    "Table",
    "datapackage",
    "guess_format",
    "table",
    "tables",
    "texts_folder",
    "tidy",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "write_csv",
    "write_datapackage",
    "write_json",
    "write_jsonl",
    "write_parquet",
    "write_sqlite",
]

# The names are defined in private modules; they are public here, and this is
# the name that reprs, the docs and pickles use.
for _name in __all__:
    _obj = globals()[_name]
    if hasattr(_obj, "__module__") and callable(_obj):
        _obj.__module__ = __name__
del _name, _obj
