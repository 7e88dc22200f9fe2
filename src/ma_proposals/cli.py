r"""The ``ma-proposals`` command line (also ``python -m ma_proposals``).

Commands: ``summary`` (the default), ``list``, ``show ID``, ``topics``,
``themes``, ``search QUERY``, ``validate FILE...``, ``export``, ``cite``,
``schema``. Output
is plain text; ``--json`` prints JSON for machines instead. ``--file PATH`` reads
your own set instead of the packaged one.

``build AUTHORING.toml`` and ``init SOURCE.txt`` curate sets from quotes (see
:mod:`ma_proposals.curation`).

Exit status: 0 on success; 1 when the data is invalid, nothing is found (no
search hits, an unknown id) or an output cannot be written; 2 for a usage error
(bad arguments or a malformed search query); 130 when interrupted (Ctrl-C); 141
when the output pipe closed early (``... | head``), as for a program stopped by
SIGPIPE. Errors print one line on stderr, never a traceback.

Text from the data never reaches the terminal raw: control characters (ESC,
BEL, CR...), bidirectional overrides and lone surrogates are printed as escapes
(``\x1b``), in JSON as JSON escapes (``\u001b``), so the output stays valid
JSON whatever the terminal's encoding.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import loading
from ._strings import QUALIFIER_WORDS
from ._terminal import count, escaping, nonempty, size, writes_utf8
from ._version import __version__
from .errors import MaProposalsError, QueryError, UnknownIdError, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .model import Evidence, Proposal, ProposalSet, Statistic

__all__ = ["main"]

OK, FAILED, USAGE = 0, 1, 2
#: Interrupted (128 + SIGINT), and the output pipe closed (128 + SIGPIPE).
INTERRUPTED, BROKEN_PIPE = 130, 141


class _UserError(Exception):
    """A user error: its message goes to stderr with this exit status."""

    def __init__(self, message: str, status: int = FAILED) -> None:
        super().__init__(message)
        self.status = status


def _print_json(data: Any) -> None:
    # Characters the output's encoding cannot write are JSON escapes, so that
    # the output is valid JSON on any terminal.
    print(json.dumps(data, ensure_ascii=not writes_utf8(sys.stdout), indent=2))


def _wrap(text: str, indent: str, hanging: int = 0) -> str:
    """Fill ``text`` to 88 columns; continuation lines indent ``hanging`` more."""
    return textwrap.fill(
        text,
        width=88,
        initial_indent=indent,
        subsequent_indent=indent + " " * hanging,
        break_on_hyphens=False,
    )


def _load(args: argparse.Namespace) -> ProposalSet:
    if args.file is None:
        return loading.load()
    try:
        return loading.load_path(args.file)
    except ValidationError as exc:
        count = len(exc.problems)
        raise _UserError(
            f"{exc.report.document} is not a valid proposal set "
            f"({count} problem{'s' if count != 1 else ''}; "
            f"run: ma-proposals validate {args.file})"
        ) from None
    except OSError as exc:
        raise _UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None


# -- Commands ----------------------------------------------------------------


def _summary(args: argparse.Namespace) -> int:
    s = _load(args)
    if args.json:
        _print_json(
            {
                "id": s.id,
                "title": s.title,
                "deputy": s.deputy.name,
                "meeting": s.meeting.name,
                "declared_count": s.declared_count,
                "proposals": [_brief(p) for p in s],
            }
        )
        return OK
    deputy = s.deputy
    name = f"{deputy.name} ({deputy.name_zh})" if deputy.name_zh else deputy.name
    print(s.title)
    print(f"Deputy: {name}")
    print(f"Meeting: {s.meeting.name}")
    print(f"{len(s)} proposals (the source says {s.declared_count}):")
    for p in s:
        print(f"{p.number:>3}. {p.title}")
        print(
            f"     id: {p.id} | topic: {p.topic} | "
            f"{len(p.recommendations)} recommendations | "
            f"{len(p.statistics)} statistics"
        )
    return OK


def _brief(p: Proposal) -> dict[str, Any]:
    return {
        "number": p.number,
        "id": p.id,
        "title": p.title,
        "title_kind": p.title_kind.value,
        "topic": p.topic,
        "themes": list(p.themes),
        "recommendations": len(p.recommendations),
        "statistics": len(p.statistics),
    }


def _list(args: argparse.Namespace) -> int:
    s = _load(args)
    try:
        selected = s.filter(topic=args.topic, theme=args.theme, text=args.text)
    except UnknownIdError as exc:
        topics = [x.id for x in s.topics]
        bad_topic = args.topic is not None and args.topic not in topics
        known = topics if bad_topic else [x.id for x in s.themes]
        raise _UserError(_choices(str(exc), known)) from None
    if args.json:
        _print_json([_brief(p) for p in selected])
    else:
        width = max((len(p.id) for p in selected), default=0)
        for p in selected:
            print(f"{p.number:>3}  {p.id:<{width}}  {p.title}")
    if not len(selected):
        print(
            "no proposals match; drop a filter, or see the topics and themes with "
            "'ma-proposals topics' and 'ma-proposals themes'",
            file=sys.stderr,
        )
        return FAILED
    return OK


def _choices(message: str, values: Sequence[str]) -> str:
    """``message``, followed by the valid choices."""
    if not values:
        return message
    joiner = " Valid: " if message.endswith("?") else "; valid: "
    return message + joiner + ", ".join(values)


def _proposal(s: ProposalSet, key: str) -> Proposal:
    """The proposal with id ``key``, or with number ``key`` if it is a number."""
    if key.isdecimal():
        for p in s:
            if p.number == int(key):
                return p
        numbers = ", ".join(str(p.number) for p in s)
        raise _UserError(f"no proposal has number {key}; numbers: {numbers or '-'}")
    try:
        return s[key]
    except UnknownIdError as exc:
        raise _UserError(_choices(str(exc), [p.id for p in s])) from None


def _show(args: argparse.Namespace) -> int:
    s = _load(args)
    p = _proposal(s, args.id)
    if args.json:
        from .conversion import unstructure

        _print_json(unstructure(p))
        return OK
    print(f"{p.number}. {p.title}")
    print(f"   id: {p.id} | kind: {p.kind.value} | title: {p.title_kind.value}")
    print(f"   topic: {p.topic} | themes: {', '.join(p.themes) or '-'}")
    for title in p.titles_zh:
        print(f"   Chinese title ({title.kind.value}, {title.source}): {title.text}")
    print()
    print(_wrap(p.summary, "   "))
    if p.note:
        print(_wrap(f"Note: {p.note}", "   "))
    for heading, claims in (("Background", p.background), ("Aims", p.aims)):
        if claims:
            print(f"\n{heading}:")
            for claim in claims:
                print(_wrap(f"- {claim.text}", "   ", 2))
                if args.evidence:
                    _print_quotes(claim.evidence, "     ")
    if p.recommendations:
        print("\nRecommendations:")
        for i, rec in enumerate(p.recommendations, 1):
            tags = ", ".join(
                filter(None, (rec.area, rec.horizon.value if rec.horizon else None))
            )
            line = f"{i}. {rec.text}" + (f" [{tags}]" if tags else "")
            print(_wrap(line, "   ", len(f"{i}. ")))
            if args.evidence:
                _print_quotes(rec.evidence, "        ")
    if p.statistics:
        print("\nStatistics:")
        for st in p.statistics:
            facts = ", ".join(filter(None, (st.as_of, st.source_org, _external(st))))
            figure = f"{QUALIFIER_WORDS[st.qualifier.value]}{st.value:,} {st.unit}"
            line = f"- {st.label}: {figure}"
            print(_wrap(line + (f" ({facts})" if facts else ""), "   ", 2))
            if args.evidence:
                _print_quotes(st.evidence, "        ")
    if args.evidence:
        print("\nEvidence for the proposal:")
        _print_quotes(p.evidence, "   ")
    return OK


def _external(stat: Statistic) -> str | None:
    """Say where a figure comes from when the shipped text does not give it."""
    if stat.evidence:
        return None
    return "not in the article; from " + ", ".join(c.source for c in stat.citations)


def _print_quotes(evidence: tuple[Evidence, ...], indent: str) -> None:
    for ev in evidence:
        print(_wrap(f'"{ev.exact}"', indent))


def _facet(kind: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        s = _load(args)
        items = s.topics if kind == "topics" else s.themes
        counts = s.count_by_topic() if kind == "topics" else s.count_by_theme()
        if args.json:
            _print_json(
                [
                    {
                        "id": item.id,
                        "label": item.label,
                        "description": item.description,
                        "proposals": counts.get(item.id, 0),
                    }
                    for item in items
                ]
            )
            return OK
        width = max((len(item.id) for item in items), default=2)
        print(f"{'id':<{width}}  proposals  label")
        for item in items:
            n = counts.get(item.id, 0)
            print(f"{item.id:<{width}}  {n:>9}  {item.label}")
        return OK

    return command


def _search(args: argparse.Namespace) -> int:
    s = _load(args)
    try:
        hits = s.search(args.query, limit=args.limit)
    except QueryError as exc:
        raise _UserError(str(exc), USAGE) from None
    if args.json:
        _print_json(
            [
                {
                    "rank": i,
                    "proposal": h.proposal,
                    "field": h.field,
                    "item": h.item,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "text": h.text,
                }
                for i, h in enumerate(hits, 1)
            ]
        )
    else:
        for i, h in enumerate(hits, 1):
            where = f"{h.field} {h.item}" if h.item else h.field
            print(f"{i:>3}. {h.proposal} ({where}, score {h.score:.2f})")
            print(_wrap(h.snippet, "     "))
    if not hits:
        print(
            f"no matches for {args.query!r}; try fewer or other words, a prefix "
            "(hospital*), OR between words, or a phrase in double quotes; "
            "'ma-proposals list' shows every proposal",
            file=sys.stderr,
        )
        return FAILED
    return OK


def _validate(args: argparse.Namespace) -> int:
    from .validation import validate

    reports = []
    unreadable = False
    for name in args.files:
        try:
            reports.append(
                validate(
                    Path(name),
                    max_bytes=args.max_bytes,
                    max_text_bytes=args.max_text_bytes,
                )
            )
        except OSError as exc:  # say so, and go on with the other files
            print(
                f"ma-proposals: cannot read {name}: {exc.strerror or exc}",
                file=sys.stderr,
            )
            unreadable = True
    if args.json:
        _print_json(
            [
                {
                    "file": r.document,
                    "valid": r.valid,
                    "omitted": r.omitted,
                    "problems": [
                        {
                            "code": p.code,
                            "path": p.path,
                            "message": p.message,
                            "line": p.line,
                            "column": p.column,
                        }
                        for p in r.problems
                    ],
                }
                for r in reports
            ]
        )
    else:
        for r in reports:
            print(r.format())
    return OK if all(r.valid for r in reports) and not unreadable else FAILED


def _export_format(args: argparse.Namespace) -> str:
    from .export import FORMATS, guess_format

    name: str | None = args.format or guess_format(args.output)
    if name is None:
        raise _UserError(
            f"export: cannot tell the format from the name {args.output!r}; give "
            f"--format ({', '.join(FORMATS)})",
            USAGE,
        )
    chosen = FORMATS[name]
    if args.excel and name != "csv":
        raise _UserError(
            f"export: --excel works with csv, not {name} (the other formats keep "
            "every value as it is)",
            USAGE,
        )
    if args.table is not None and not chosen.per_table:
        raise _UserError(
            f"export: --table works with csv and parquet, not {name}", USAGE
        )
    if (
        chosen.directory
        and args.table is None
        and args.format is None
        and guess_format(args.output) == name
    ):
        from .export import TABLE_NAMES

        raise _UserError(
            f"export: {args.output} names one {name} file, which holds one table: "
            f"give --table ({', '.join(TABLE_NAMES)}), or a folder and "
            f"--format {name} for every table",
            USAGE,
        )
    return name


def _export(args: argparse.Namespace) -> int:
    from .errors import ExportError
    from .export import FORMATS

    if not args.output:
        raise _UserError("export: the output name is empty", USAGE)
    name = _export_format(args)
    s = _load(args)
    try:
        if args.excel:
            from .export import write_csv

            paths = write_csv(s, args.output, table=args.table, excel=True)
        else:
            paths = FORMATS[name].write(s, args.output, args.table)
    except ExportError as exc:
        raise _UserError(str(exc)) from None
    except OSError as exc:  # pragma: no cover - writers raise ExportError
        raise _UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if args.json:
        _print_json({"format": name, "written": [str(p) for p in paths]})
    else:
        for path in paths:
            print(f"wrote {path}")
    return OK


def _cite(args: argparse.Namespace) -> int:
    from .citation import cite

    if args.file is not None:
        raise _UserError("cite: cites the packaged set; --file is not used", USAGE)
    text = cite(args.style)
    if args.json:
        _print_json({"style": args.style, "citation": text})
    else:
        sys.stdout.write(text)
    return OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return OK

    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return OK


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
        raise _UserError(f"{command}: {message}" if command else message, USAGE)


def _parser() -> argparse.ArgumentParser:
    from .citation import STYLES
    from .export import FORMATS, TABLE_NAMES

    def options(after_command: bool) -> _Parser:
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

    parser = _Parser(
        prog="ma-proposals",
        description=(
            "Ma Huateng's written proposals to China's 2020 two sessions, as "
            "evidence-backed data."
        ),
        epilog=(
            "Exit status: 0 success, 1 invalid data or nothing found, 2 usage error."
        ),
        parents=[options(after_command=False)],
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
            name, parents=[options(after_command=True)], help=help, description=help
        )
        command.set_defaults(run=run)
        return command

    add("summary", _summary, "summarise the set (the default command)")
    listing = add("list", _list, "list the proposals, optionally filtered")
    listing.add_argument("--topic", help="only proposals with this topic id")
    listing.add_argument("--theme", help="only proposals with this theme id")
    listing.add_argument("--text", help="only proposals whose texts contain this")
    show = add("show", _show, "show one proposal in full")
    show.add_argument(
        "id", help="the proposal's id or number, e.g. fintech or 5 (see: list)"
    )
    show.add_argument(
        "--evidence", action="store_true", help="also print the evidence quotes"
    )
    add("topics", _facet("topics"), "list the topics with their proposal counts")
    add("themes", _facet("themes"), "list the themes with their proposal counts")
    search = add("search", _search, "ranked full-text search (SQLite FTS5 syntax)")
    search.add_argument("query", help='e.g. "cloud computing" or rural AND digital')
    search.add_argument(
        "-n",
        "--limit",
        type=count,
        default=10,
        help="at most this many hits, 1 or more (10)",
    )
    check = add("validate", _validate, "validate proposal-set files")
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
    export = add("export", _export, "export the set as JSON, CSV, SQLite, Parquet...")
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
    cite = add("cite", _cite, "print how to cite the data set and its source")
    cite.add_argument(
        "--format",
        dest="style",
        choices=STYLES,
        default="text",
        help="text (the default), bibtex, or cff (a CITATION.cff file)",
    )
    schema = add("schema", _schema, "print the JSON Schema of the format")
    schema.add_argument(
        "-o", "--output", type=nonempty, help="write it to this file instead"
    )
    # Curating sets: build and init (see ma_proposals.curation).
    from .curation._cli import add_commands

    add_commands(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns:
        The exit status: 0 success, 1 invalid data or nothing found, 2 usage
        error.

    Example:
        >>> from ma_proposals.cli import main
        >>> main(["list", "--theme", "new-infrastructure"])
          1  industrial-internet   Speeding up the formulation of a national strategy for the industrial Internet and strengthening the digital economy
          2  rural-revitalization  Strengthening rural revitalization in the post-poverty-alleviation period
          4  medical-staff         Institutional and technological innovation to improve medical and health services and increase medical staff's sense of gain
        0
    """  # noqa: E501
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets an escape, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    json_output = False
    try:
        with escaping(json_output=False):
            args = _parser().parse_args(argv)
        json_output = bool(getattr(args, "json", False))
        run: Callable[[argparse.Namespace], int] = getattr(args, "run", _summary)
        with escaping(json_output):
            status = run(args)
            sys.stdout.flush()  # a closed pipe is found here, not at exit
        return status
    except _UserError as exc:
        _error(str(exc))
        return exc.status
    except MaProposalsError as exc:  # a damaged installation, for instance
        _error(str(exc))
        return FAILED
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else OK
    except BrokenPipeError:  # e.g. piped into head: stop quietly, but say so
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    except KeyboardInterrupt:
        _error("interrupted")
        return INTERRUPTED


def _error(message: str) -> None:
    """Print one line on stderr, its control characters escaped."""
    with contextlib.suppress(OSError), escaping(json_output=False):
        print(f"ma-proposals: {message}", file=sys.stderr)
