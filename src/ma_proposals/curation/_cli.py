"""The ``build`` and ``init`` commands of ``ma-proposals``.

Registered by :mod:`ma_proposals.cli` with :func:`add_commands`; they follow its
conventions: plain text by default, ``--json`` for machines, exit status 0 on
success and 1 when the authoring file has problems or an output is stale, one
line per error and no traceback. Like ``validate``, ``build`` prints the report
of a file with problems on standard output.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ma_proposals import _source_texts, _writing
from ma_proposals._terminal import shown
from ma_proposals.cli._common import (
    FAILED,
    OK,
    USAGE,
    UserError,
    invalid_set,
    print_json,
    problem_dicts,
    reason,
)

if TYPE_CHECKING:
    import argparse

    from ma_proposals.cli._common import AddCommand
    from ma_proposals.model import ProposalSet

__all__ = ["add_commands"]

_SCHEMA_LINK = "./schema/authoring.schema.json"


def _build(args: argparse.Namespace) -> int:
    from ._write import write

    authoring = Path(args.authoring)
    try:
        written = write(authoring, args.output, schemas=args.schemas, check=args.check)
    except OSError as exc:
        name = exc.filename or authoring
        raise UserError(f"cannot read or write {name}: {reason(exc)}") from None
    report = written.build.report
    if args.json:
        print_json(
            {
                "file": report.document,
                "valid": report.valid,
                "omitted": report.omitted,
                "problems": problem_dicts(report),
                "check": args.check,
                "files": [str(p) for p in written.files],
                "changed": [str(p) for p in written.changed],
            }
        )
    elif not report.valid:
        # The report is the result, as for validate; in the file's order, so
        # that it reads as a to-do list from the top of the file down.
        named = attrs.evolve(report, document=shown(report.document))
        formatted = named.format().split("\n")
        ordered = sorted(report.problems, key=lambda p: (p.line or 0, p.column or 0))
        lines = [formatted[0], *(f"  {p}" for p in ordered)]
        if report.omitted:  # "... and N more (only the first K were kept)"
            lines.append(formatted[-1])
        print("\n".join(lines))
    elif args.check and written.changed:
        command = ["ma-proposals", "build", str(authoring)]
        command += ["--schemas"] if args.schemas else []
        command += ["--output", str(args.output)] if args.output is not None else []
        again = shlex.join(command)  # safe to paste, whatever the names
        stale = ", ".join(str(p) for p in written.changed)
        print(
            f"ma-proposals: stale: {shown(stale)}; run: {shown(again)}", file=sys.stderr
        )
    elif written.changed:
        for path in written.changed:
            print(f"wrote {shown(path)}")
    else:
        print(f"{shown(written.files[0])}: up to date")
    if not report.valid or (args.check and written.changed):
        return FAILED
    return OK


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or fallback


def _write_all(
    folder: Path,
    files: list[tuple[Path, bytes]],
    copies: set[Path],
    inputs: list[Path],
) -> list[Path]:
    """Check every file, then write those that are not there already.

    See :mod:`ma_proposals._writing` for what is refused; nothing is written
    then. The last of ``files`` is written last.
    """
    try:
        changed = _writing.changes(folder, files, inputs=inputs, copies=copies)
        data = dict(files)  # its paths are distinct: changes() checked
        for path in changed:
            _writing.write_bytes(path, data[path])
    except OSError as exc:
        raise UserError(f"cannot write {exc.filename}: {reason(exc)}") from None
    return changed


def _target(args: argparse.Namespace, default: str) -> Path:
    target = Path(args.output) if args.output else Path(default)
    if target.suffix != ".toml":
        raise UserError(f"{target}: an authoring file's name must end in .toml")
    if target.is_dir():
        raise UserError(f"{target} is a folder; give the name of a file")
    if os.path.lexists(target) and not args.force:
        raise UserError(f"{target} exists; pass --force to replace it")
    return target


def _from_set(args: argparse.Namespace) -> ProposalSet:
    from ma_proposals import loading
    from ma_proposals.errors import UnknownIdError, ValidationError

    given = Path(args.from_set)
    try:
        if os.path.lexists(given):  # a dangling link too: its error says so
            return loading.load_path(given)
        return loading.load(args.from_set)
    except ValidationError as exc:
        raise invalid_set(exc.report, args.from_set) from None
    except UnknownIdError:
        raise UserError(
            f"{args.from_set} is neither a file nor a packaged set "
            f"(packaged: {', '.join(loading.available())})"
        ) from None
    except OSError as exc:
        raise UserError(f"cannot read {given}: {reason(exc)}") from None


def _init(args: argparse.Namespace) -> int:
    from . import _reverse, _schema

    if (args.source is None) == (args.from_set is None):
        raise UserError(
            "init: give either a SOURCE text or --from SET, not both", USAGE
        )
    if args.output:  # its name goes into the file; its folder does not
        _writable_name(Path(args.output).name)
    _reverse._tomli_w()  # before anything is written: it needs the extra
    copies: dict[Path, bytes] = {}
    inputs: list[Path] = []
    if args.from_set is not None:
        proposal_set = _from_set(args)
        if os.path.lexists(args.from_set):  # a file, not a packaged set's id
            inputs.append(Path(args.from_set))
        target = _target(args, f"{proposal_set.id}.toml")
        folder = target.parent
        for source in proposal_set.sources:
            if source.resource is not None:
                # The text the set verified on loading, and keeps.
                data = proposal_set.source_text(source.id).encode("utf-8")
                copies[folder.joinpath(*source.resource.split("/"))] = data
        text = _reverse.authoring_toml(
            proposal_set, name=target.name, schema=_SCHEMA_LINK
        )
    else:
        source_path = Path(args.source)
        data = _source_bytes(source_path)
        inputs.append(source_path)
        source_id = _slug(source_path.stem, "source")
        target = _target(args, f"{source_id}.toml")
        folder = target.parent
        resource = Path(os.path.relpath(source_path.resolve(), folder.resolve()))
        resource_text = resource.as_posix()
        if not _source_texts.is_plain_relative(resource_text) or not _holdable(
            resource_text
        ):
            suffix = source_path.suffix.lower()
            if not re.fullmatch(r"\.[a-z0-9]{1,16}", suffix):
                suffix = ".txt"
            resource_text = f"sources/{source_id}{suffix}"
            copies[folder / "sources" / f"{source_id}{suffix}"] = data
        text = _reverse.template(
            data,
            resource=resource_text,
            source_id=source_id,
            set_id=_slug(target.stem, "my-set"),
            name=target.name,
            schema=_SCHEMA_LINK,
        )
    schema_path = folder / "schema" / "authoring.schema.json"
    files = [
        *copies.items(),
        (schema_path, _schema.schema_text().encode("utf-8")),
        (target, text.encode("utf-8")),  # last: written after what it names
    ]
    changed = set(_write_all(folder, files, set(copies), inputs))
    done = [
        ("copied" if path in copies else "wrote", path)
        for path in (target, *copies, schema_path)
        if path in changed
    ]
    if args.json:
        print_json({"written": [str(path) for _, path in done]})
    else:
        if target not in changed:
            print(f"{shown(target)}: unchanged (it holds this text already)")
        for verb, path in done:
            print(f"{verb} {shown(path)}")
        print(
            f"next: edit {shown(target)}, then run: ma-proposals build {shown(target)}"
        )
    return OK


def _writable_name(name: str) -> None:
    """Refuse an output name the authoring file cannot hold (it names itself)."""
    if not _holdable(name):
        raise UserError(
            f"{name!r}: an authoring file's name must be UTF-8 without control "
            "characters; choose another"
        )


def _holdable(text: str) -> bool:
    """Whether TOML text can hold ``text`` (UTF-8, no control characters)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text)


def _source_bytes(source_path: Path) -> bytes:
    """The bytes of a new source text: a regular, bounded, UTF-8 file."""
    try:
        data = _source_texts.read_file(source_path, _source_texts.MAX_TEXT_BYTES)
        data.decode("utf-8")
    except OSError as exc:
        raise UserError(f"cannot read {source_path}: {reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{source_path} is not UTF-8 (byte {exc.start}); convert it first"
        ) from None
    return data


def add_commands(add: AddCommand) -> None:
    """Register ``build`` and ``init`` with the command line's ``add`` helper."""
    from ma_proposals._terminal import nonempty

    build = add(
        "build",
        _build,
        "build a proposal set's JSON from an authoring file (TOML of quotes)",
    )
    build.add_argument("authoring", metavar="AUTHORING.toml")
    build.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=nonempty,
        help="write into this folder (default: the authoring file's folder)",
    )
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a file is missing or stale",
    )
    build.add_argument(
        "--schemas",
        action="store_true",
        help="also write schema/proposal-set.schema.json and "
        "schema/authoring.schema.json",
    )
    init = add(
        "init",
        _init,
        "start an authoring file for a source text, or from an existing set",
    )
    init.add_argument(
        "source", nargs="?", metavar="SOURCE.txt", help="the source text (UTF-8)"
    )
    init.add_argument(
        "--from",
        dest="from_set",
        metavar="SET",
        help="a proposal-set JSON file, or the id of a packaged set, to curate further",
    )
    init.add_argument(
        "-o",
        "--output",
        metavar="FILE.toml",
        type=nonempty,
        help="the file to write (default: named after the source or the set)",
    )
    init.add_argument(
        "--force", action="store_true", help="replace FILE.toml if it exists"
    )
