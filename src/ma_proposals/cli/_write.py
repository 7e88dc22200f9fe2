"""The commands that check or write files: validate, export, cite, schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ma_proposals._terminal import shown

from ._common import (
    FAILED,
    OK,
    USAGE,
    UserError,
    load_set,
    print_json,
    problem_dicts,
    reason,
)

if TYPE_CHECKING:
    import argparse

    from ma_proposals.model import ProposalSet


def validate(args: argparse.Namespace) -> int:
    from ma_proposals.validation import validate

    reports = []
    unreadable = False
    for name in args.files:
        try:
            reports.append(
                validate(
                    Path(name),
                    max_bytes=args.max_bytes,
                    max_text_bytes=args.max_text_bytes,
                    max_total_text_bytes=args.max_total_text_bytes,
                )
            )
        except OSError as exc:  # say so, and go on with the other files
            print(
                f"ma-proposals: cannot read {shown(name)}: {reason(exc)}",
                file=sys.stderr,
            )
            unreadable = True
    if args.json:
        print_json(
            [
                {
                    "file": r.document,
                    "valid": r.valid,
                    "omitted": r.omitted,
                    "problems": problem_dicts(r),
                }
                for r in reports
            ]
        )
    else:
        for r in reports:
            print(attrs.evolve(r, document=shown(r.document)).format())
    return OK if all(r.valid for r in reports) and not unreadable else FAILED


def export_format(args: argparse.Namespace) -> str:
    from ma_proposals.export import FORMATS, guess_format

    name: str | None = args.format or guess_format(args.output)
    if name is None:
        raise UserError(
            f"export: cannot tell the format from the name {args.output!r}; give "
            f"--format ({', '.join(FORMATS)})",
            USAGE,
        )
    chosen = FORMATS[name]
    if args.excel and name != "csv":
        raise UserError(
            f"export: --excel works with csv, not {name} (the other formats keep "
            "every value as it is)",
            USAGE,
        )
    if args.table is not None and not chosen.per_table:
        raise UserError(
            f"export: --table works with csv and parquet, not {name}", USAGE
        )
    if (
        chosen.directory
        and args.table is None
        and args.format is None
        and guess_format(args.output) == name
    ):
        from ma_proposals.export import TABLE_NAMES

        raise UserError(
            f"export: {args.output} names one {name} file, which holds one table: "
            f"give --table ({', '.join(TABLE_NAMES)}), or a folder and "
            f"--format {name} for every table",
            USAGE,
        )
    return name


def export(args: argparse.Namespace) -> int:
    from ma_proposals.errors import ExportError
    from ma_proposals.export import FORMATS

    if not args.output:
        raise UserError("export: the output name is empty", USAGE)
    name = export_format(args)
    s = load_set(args)
    _refuse_inputs(args, s)
    try:
        if args.excel:
            from ma_proposals.export import write_csv

            paths = write_csv(s, args.output, table=args.table, excel=True)
        else:
            paths = FORMATS[name].write(s, args.output, args.table)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print_json({"format": name, "written": [str(p) for p in paths]})
    else:
        for path in paths:
            print(f"wrote {shown(path)}")
    return OK


def _refuse_inputs(args: argparse.Namespace, s: ProposalSet) -> None:
    """Refuse an export over the document it reads or one of its shipped texts.

    The document is the ``-f`` file, else the packaged set's own file. An
    export writes its target and, for a folder (every table) or the JSON
    export's texts, files inside a folder: an input there is refused too.
    """
    from ma_proposals import loading
    from ma_proposals._writing import inside, replaced_input
    from ma_proposals.export import texts_folder

    if args.file is not None:
        document = Path(args.file)
    else:  # the packaged set, where the package is a folder one may write to
        folder = Path(loading.__file__).parent / "data"
        document = folder / f"{s.id}.json"
        if not document.is_file():
            return
    inputs = [document]
    inputs += [document.parent / src.resource for src in s.sources if src.resource]
    target = Path(args.output)
    source = replaced_input(target, inputs)
    if source is not None:
        raise UserError(
            f"cannot write {shown(target)}: it is {shown(source)}, which this "
            "export reads; choose another name"
        )
    folders = (target, target.parent / texts_folder(target))
    held = next((i for i in inputs for f in folders if inside(i, f)), None)
    if held is not None:
        raise UserError(
            f"cannot write {shown(target)}: the export would write where "
            f"{shown(held)} is, which it reads; choose another name"
        )


def cite(args: argparse.Namespace) -> int:
    from ma_proposals.citing import cite

    s = load_set(args)
    try:
        text = cite(s, args.style, authors=args.authors)
    except ValueError as exc:  # a CITATION.cff of a set whose authors are unknown
        message = str(exc).replace("authors=[...]", "--authors NAME ...")
        raise UserError(f"cite: {message}", USAGE) from None
    if args.json:
        print_json({"style": args.style, "set": s.id, "citation": text})
    else:
        sys.stdout.write(text)
    return OK


def schema(args: argparse.Namespace) -> int:
    from ma_proposals._writing import write_bytes
    from ma_proposals.schema import schema_text

    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return OK
    try:  # atomic, and a link at the target is replaced, not followed
        write_bytes(Path(args.output), text.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"cannot write {args.output}: {reason(exc)}") from None
    return OK
