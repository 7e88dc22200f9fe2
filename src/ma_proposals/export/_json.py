"""The JSON export (a document with its source texts) and JSON Lines."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ma_proposals._source_texts import is_plain_relative
from ma_proposals._writing import (
    check_target,
    fsync_directory,
    holds,
    kept_mode,
    made_parents,
    temporary_name,
    write_bytes,
    write_new,
)
from ma_proposals.conversion import unstructure
from ma_proposals.errors import ExportError, SourceTextError
from ma_proposals.loading import dumps

from ._targets import errors_of, refusing

if TYPE_CHECKING:
    from ma_proposals.model import ProposalSet, Source

__all__ = ["texts_folder", "write_json", "write_jsonl"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def texts_folder(target: str | os.PathLike[str]) -> str:
    """The name of the folder that holds the source texts of a JSON export.

    It is the file's name without ``.json``, plus ``.sources``; characters
    other than ASCII letters, digits, ``_``, ``.`` and ``-`` become ``_``, so
    that the name is a valid ``resource`` path.

    Args:
        target: The JSON file.

    Returns:
        The folder's name (it is beside the file).

    .. versionadded:: 0.1.0

    Example:
        >>> from ma_proposals import export
        >>> export.texts_folder("out/my set.json")
        'my_set.sources'
    """
    name = Path(target).name
    stem = name[: -len(".json")] if name.lower().endswith(".json") else name
    stem = _UNSAFE.sub("_", stem).lstrip(".-") or "set"
    return f"{stem}.sources"


def _check_resources(
    proposal_set: ProposalSet, target: Path, *, named_texts: bool
) -> None:
    from ma_proposals._fields import Rule, rule_test

    is_id = rule_test(Rule.ID)
    for source in proposal_set.sources:
        if source.resource is None:
            continue
        # A text written beside the document is named <id>.txt: a plain slug.
        if named_texts and not is_id(str(source.id)):
            raise ExportError(
                f"cannot write {target}: source id {source.id!r} is not a "
                "lowercase slug, so its text cannot be named after it"
            )
        if not is_plain_relative(source.resource):
            raise ExportError(
                f"cannot write {target}: source {source.id!r} has resource "
                f"{source.resource!r}, which is not a relative path inside the "
                "document's folder"
            )


def _texts(
    proposal_set: ProposalSet, folder: str
) -> tuple[list[Source], dict[str, bytes]]:
    """The sources with their resources moved into ``folder``, and the texts."""
    sources: list[Source] = []
    texts: dict[str, bytes] = {}
    for source in proposal_set.sources:
        if source.resource is None or source.sha256 is None:
            sources.append(source)
            continue
        try:
            data = proposal_set.source_text(source.id).encode("utf-8")
        except SourceTextError:  # not available: the resource stays as it was
            sources.append(source)
            continue
        name = f"{source.id}.txt"  # UTF-8 text, whatever the resource was called
        texts[name] = data
        sources.append(attrs.evolve(source, resource=f"{folder}/{name}"))
    return sources, texts


def _existing(folder: Path, texts: dict[str, bytes], target: Path) -> set[str]:
    """Names of the texts already in ``folder`` as they are; refuse different ones."""
    if not os.path.lexists(folder):
        return set()
    if folder.is_symlink() or not folder.is_dir():
        raise ExportError(
            f"cannot write {target}: {folder} is in the way (it is not a folder)"
        )
    same = set()
    for name, data in texts.items():
        path = folder / name
        if not os.path.lexists(path):
            continue
        if holds(path, data):
            same.add(name)
            continue
        raise ExportError(
            f"cannot write {target}: {path} exists and is not this export's copy "
            "of its source text; move it away or export under another name"
        )
    return same


def _place(staged: Path, final: Path) -> None:
    """Move a new file into place without replacing anything there."""
    try:
        os.link(staged, final)
    except FileExistsError:
        raise ExportError(f"cannot write {final}: it appeared while writing") from None
    except OSError:  # no hard links here: check, then rename
        if os.path.lexists(final):
            raise ExportError(
                f"cannot write {final}: it appeared while writing"
            ) from None
        os.rename(staged, final)
    else:
        staged.unlink()


@refusing("as JSON")
def write_json(
    proposal_set: ProposalSet, target: str | os.PathLike[str], *, texts: bool = True
) -> list[Path]:
    """Write the set as canonical JSON (:func:`~ma_proposals.dumps`), with its texts.

    The shipped source texts are written in a folder of their own beside the
    file, named by :func:`texts_folder` (``set.json`` gets ``set.sources/``),
    one ``<source id>.txt`` file per source; the document's ``resource`` paths point
    there, so the file validates and loads on its own
    (:func:`~ma_proposals.load_path`). A text that is not available (a set
    built in code without its texts) is not written and its ``resource`` is
    left as it is.

    The texts never replace a file: an existing copy that is the same is kept,
    and a different file in its place is an error. The texts are moved into
    place first, then the document replaces ``target``; if anything fails,
    whatever this call wrote is removed.

    Args:
        proposal_set: The set.
        target: The file to write (replaced if it exists).
        texts: Write the source texts too. Without them, the file is exactly
            ``dumps(proposal_set)``; load it with ``base=`` set to the texts.

    Returns:
        The paths written: the document first, then each text.

    Raises:
        ExportError: A source's ``resource`` is not a plain relative path, a
            file is in the way, or the files cannot be written.

    Example:
        >>> import tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals import export
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> [p.relative_to(out).as_posix() for p in export.write_json(mp.load(), out / "set.json")]
        ['set.json', 'set.sources/21st-century-economic-report.txt']
        >>> mp.load_path(out / "set.json").proposals == mp.load().proposals
        True
        >>> document = export.write_json(mp.load(), out / "bare.json", texts=False)[0]
        >>> document.read_text("utf-8") == mp.dumps(mp.load())
        True
    """  # noqa: E501
    path = Path(target)
    _check_resources(proposal_set, path, named_texts=texts)
    if not texts:
        with errors_of(path):
            text = dumps(proposal_set).encode("utf-8")
            return [write_bytes(path, text)]
    name = texts_folder(path)
    sources, files = _texts(proposal_set, name)
    document = dumps(attrs.evolve(proposal_set, sources=tuple(sources)))
    folder = path.parent / name
    with errors_of(path):
        check_target(path)  # a folder, a FIFO, a device: never replaced
        same = _existing(folder, files, path)
        with made_parents(path.parent):
            return _write_with_texts(
                path, document.encode("utf-8"), folder, files, same
            )


def _write_with_texts(
    path: Path,
    document: bytes,
    folder: Path,
    files: dict[str, bytes],
    same: set[str],
) -> list[Path]:
    stage = temporary_name(path, ".tmp")
    stage.mkdir()
    placed: list[Path] = []
    made_folder = False
    try:
        write_new(stage / "document", document)
        staged_texts = stage / "texts"
        staged_texts.mkdir()
        for name, data in files.items():
            if name not in same:
                write_new(staged_texts / name, data)
        fsync_directory(staged_texts)
        new = [staged_texts / n for n in files if n not in same]
        if new and not os.path.lexists(folder):
            os.rename(staged_texts, folder)
            made_folder = True
            placed = [folder / p.name for p in new]
        else:
            for staged in new:
                _place(staged, folder / staged.name)
                placed.append(folder / staged.name)
        fsync_directory(folder if files else path.parent)
        mode = kept_mode(path)
        if mode is not None:
            os.chmod(stage / "document", mode)
        check_target(path)  # again: it may have been made meanwhile
        os.replace(stage / "document", path)
        fsync_directory(path.parent)
    except BaseException:
        if made_folder:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for written in placed:
                with contextlib.suppress(OSError):
                    written.unlink()
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [path, *placed]


@refusing("as JSON Lines")
def write_jsonl(
    proposal_set: ProposalSet, target: str | os.PathLike[str]
) -> list[Path]:
    """Write one proposal a line, as compact JSON in the document's format.

    Only the proposals: the set's metadata (sources, topics, deputy...) is in
    :func:`write_json`'s document.

    Args:
        proposal_set: The set.
        target: The file to write (replaced if it exists).

    Returns:
        The path written, in a list.

    Raises:
        ExportError: The file cannot be written.

    Example:
        >>> import json, tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals import export
        >>> [path] = export.write_jsonl(mp.load(), pathlib.Path(tempfile.mkdtemp()) / "p.jsonl")
        >>> [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()][:2]
        ['industrial-internet', 'rural-revitalization']
    """  # noqa: E501
    path = Path(target)
    with errors_of(path):
        lines = "".join(
            json.dumps(
                unstructure(p),
                ensure_ascii=False,
                separators=(",", ":"),
                allow_nan=False,
            )
            + "\n"
            for p in proposal_set.proposals
        ).encode("utf-8")
        return [write_bytes(path, lines)]
