"""The argument parser of every command."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from ma_proposals import loading
from ma_proposals._terminal import count, nonempty, size
from ma_proposals._version import __version__
from ma_proposals.errors import (
    MaProposalsError,
)

from . import _read, _write
from ._common import USAGE, UserError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._common import AddCommand

# -- The parser ----------------------------------------------------------------


class _Version(argparse.Action):
    """``--version``: loads the packaged set only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        print(_version())
        parser.exit()


def _version() -> str:
    """The package's version and the packaged data's."""
    try:
        s = loading.load()
    except MaProposalsError:  # a damaged installation: still say the version
        return f"ma-proposals {__version__} (packaged data unreadable)"
    data = f"data version {s.version}" if s.version else "data not versioned"
    return f"ma-proposals {__version__} ({s.id}, {data})"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        command = self.prog.removeprefix("ma-proposals").strip()
        raise UserError(f"{command}: {message}" if command else message, USAGE)


def parser() -> argparse.ArgumentParser:
    """The parser of the command line: every command, with its options."""
    parser = _Parser(
        prog="ma-proposals",
        description=(
            "Ma Huateng's written proposals to China's 2020 two sessions, as "
            "evidence-backed data."
        ),
        epilog=(
            "Exit status: 0 success, 1 invalid data or nothing found, 2 usage error."
        ),
        parents=[_options(after_command=False)],
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="show the package's version and the packaged data's, and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, run: Callable[[argparse.Namespace], int], help: str) -> Any:
        command = sub.add_parser(
            name, parents=[_options(after_command=True)], help=help, description=help
        )
        command.set_defaults(run=run)
        return command

    add("summary", _read.summary, "summarise the set (the default command)")
    _add_list(add)
    _add_show(add)
    add("topics", _read.facet("topics"), "list the topics with their proposal counts")
    add("themes", _read.facet("themes"), "list the themes with their proposal counts")
    _add_search(add)
    _add_validate(add)
    _add_export(add)
    _add_cite(add)
    _add_schema(add)
    # Curating sets: build and init (see ma_proposals.curation).
    from ma_proposals.curation._cli import add_commands

    add_commands(add)
    return parser


def _options(after_command: bool) -> _Parser:
    """The options every command takes: ``--json`` and ``--file``."""
    # Given after the command, an option must not reset what was given
    # before it, so there it has no default of its own.
    default: dict[str, Any] = {}
    if after_command:
        default["default"] = argparse.SUPPRESS
    common = _Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", help="print JSON for machines", **default
    )
    common.add_argument(
        "-f",
        "--file",
        metavar="PATH",
        type=nonempty,
        help="read this proposal-set file instead of the packaged set",
        **default,
    )
    return common


def _add_list(add: AddCommand) -> None:
    listing = add(
        "list", _read.list_proposals, "list the proposals, optionally filtered"
    )
    listing.add_argument("--topic", help="only proposals with this topic id")
    listing.add_argument("--theme", help="only proposals with this theme id")
    listing.add_argument("--text", help="only proposals whose texts contain this")


def _add_show(add: AddCommand) -> None:
    show = add("show", _read.show, "show one proposal in full")
    show.add_argument(
        "id", help="the proposal's id or number, e.g. fintech or 5 (see: list)"
    )
    show.add_argument(
        "--evidence", action="store_true", help="also print the evidence quotes"
    )


def _add_search(add: AddCommand) -> None:
    search = add("search", _read.search, "ranked full-text search (SQLite FTS5 syntax)")
    search.add_argument("query", help='e.g. "cloud computing" or rural AND digital')
    search.add_argument(
        "-n",
        "--limit",
        type=count,
        default=10,
        help="at most this many hits, 1 or more (10)",
    )


def _add_validate(add: AddCommand) -> None:
    check = add("validate", _write.validate, "validate proposal-set files")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--max-bytes",
        type=size,
        default=loading.MAX_BYTES,
        help="refuse larger files, in bytes (default: 64 MiB)",
    )
    check.add_argument(
        "--max-text-bytes",
        type=size,
        default=loading.MAX_TEXT_BYTES,
        help="refuse larger source texts, in bytes (default: 64 MiB)",
    )
    check.add_argument(
        "--max-total-text-bytes",
        type=size,
        default=loading.MAX_TOTAL_TEXT_BYTES,
        help="refuse a source text that takes a file's texts past this many "
        "bytes in all (default: 256 MiB)",
    )


def _add_export(add: AddCommand) -> None:
    from ma_proposals.export import FORMATS, TABLE_NAMES

    export = add(
        "export", _write.export, "export the set as JSON, CSV, SQLite, Parquet..."
    )
    export.add_argument(
        "--format",
        choices=list(FORMATS),
        help="the export format (default: from the output's name: .json, .jsonl, "
        ".csv, .db, .parquet)",
    )
    export.add_argument(
        "--table",
        choices=TABLE_NAMES,
        metavar="TABLE",
        help="write only this table to one csv or parquet file "
        f"({', '.join(TABLE_NAMES)})",
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="csv for spreadsheets: cells starting with = + - @ get a leading ' "
        "(so they are not run as formulas), and a UTF-8 byte order mark",
    )
    export.add_argument(
        "output", help="file to write (a folder for csv, parquet and datapackage)"
    )


def _add_cite(add: AddCommand) -> None:
    from ma_proposals.citing import STYLES

    cite = add(
        "cite",
        _write.cite,
        "print how to cite the set (the packaged one, or --file) and its sources",
    )
    cite.add_argument(
        "--format",
        dest="style",
        choices=STYLES,
        default="text",
        help="text (the default), bibtex, or cff (a CITATION.cff file)",
    )
    cite.add_argument(
        "--authors",
        nargs="+",
        metavar="NAME",
        type=nonempty,
        help="the set's authors, e.g. --authors 'Zhang San' 'Li Si' (by default: "
        "the packaged set's curators; none for any other set)",
    )


def _add_schema(add: AddCommand) -> None:
    schema = add("schema", _write.schema, "print the JSON Schema of the format")
    schema.add_argument(
        "-o", "--output", type=nonempty, help="write it to this file instead"
    )
