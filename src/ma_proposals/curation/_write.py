"""Writing a built set, its sources and the schemas into a folder."""

from __future__ import annotations

import json as _json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ma_proposals import _source_texts, _writing, loading
from ma_proposals import schema as data_schema

from . import _schema
from ._build import Build, read

if TYPE_CHECKING:
    from ma_proposals._source_texts import TextBase

__all__ = ["Written", "write"]


@attrs.frozen
class Written:
    """What :func:`write` wrote or, when checking, found stale.

    Attributes:
        build: The outcome of reading the authoring file; when it has problems,
            nothing is written.
        files: Every file of the output: the JSON, the shipped source texts and,
            if asked for, the schemas.
        changed: The files written because they were missing or different; when
            checking, the files that are stale.

    Example:
        >>> import importlib_resources
        >>> from ma_proposals import curation
        >>> data = importlib_resources.files("ma_proposals") / "data"
        >>> written = curation.write(data / "ma-huateng-2020.toml", check=True)
        >>> [p.name for p in written.files]
        ['ma-huateng-2020.json', '21st-century-economic-report-2020.txt']
        >>> written.changed  # nothing is stale
        ()

    .. versionadded:: 0.1.0
    """

    build: Build
    files: tuple[Path, ...] = ()
    changed: tuple[Path, ...] = ()


def write(
    document: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    schemas: bool = False,
    check: bool = False,
    base: TextBase | None = None,
) -> Written:
    """Build an authoring file and write the set's JSON beside its sources.

    Writes ``<output>/<name>.json`` (``<name>`` is the authoring file's name
    without ``.toml``) as canonical JSON; when ``output`` is another folder than
    the texts', copies each shipped source text to its ``resource`` path under
    it; and, with ``schemas``, writes the JSON Schemas of the data format and of
    the authoring format to ``<output>/schema/``. Files that are already up to
    date are left alone; built in place, the source texts are inputs and are
    never written back. Each file is written whole or not at all; the JSON is
    written last, so that an error while writing a text leaves the previous
    JSON in place.

    Before anything is written (also when checking), every output is checked:
    two files in one place, a file over an input (the authoring file, a source
    text), a link or a file where a folder belongs below ``output``, a folder
    where a file goes, and a copy over a file with other content (unless it is
    the copy that an earlier build's JSON there records) are errors.

    Args:
        document: The authoring file.
        output: The folder to write to; defaults to the authoring file's folder.
        schemas: Also write ``schema/proposal-set.schema.json`` and
            ``schema/authoring.schema.json``.
        check: Write nothing; report in :attr:`Written.changed` the files that
            are missing or differ (stale). What could not be written raises
            all the same.
        base: Where shipped source texts are read; defaults to the authoring
            file's folder.

    Returns:
        What was written, or found stale; nothing when the file has problems
        (see :attr:`Written.build`).

    Raises:
        FileExistsError: Two outputs in one place, an output over an input, or
            a copy over another file; ``filename`` names it.
        NotADirectoryError: A link or a file where a folder belongs.
        IsADirectoryError: A folder where a file goes.
        OSError: A file could not be read or written.

    Example:
        >>> import pathlib, tempfile, importlib_resources
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> text = curation.authoring_toml(mp.load(), name="ma.toml")
        >>> _ = (folder / "ma.toml").write_text(text, encoding="utf-8")
        >>> packaged = importlib_resources.files("ma_proposals") / "data"
        >>> written = curation.write(folder / "ma.toml", base=packaged)
        >>> [p.relative_to(folder).as_posix() for p in written.changed]
        ['ma.json', 'sources/21st-century-economic-report-2020.txt']
        >>> (folder / "ma.json").read_text(encoding="utf-8") == mp.dumps(mp.load())
        True
        >>> curation.write(folder / "ma.toml", check=True).changed
        ()

    .. versionadded:: 0.1.0
    """
    path = Path(document)
    result = read(path, base=base)
    if result.proposal_set is None:
        return Written(result)
    folder = Path(output) if output is not None else path.parent
    json = folder / f"{path.stem}.json"
    texts = {_under(folder, r): data for r, data in result.texts.items()}
    schema_files = {
        _under(folder, resource): text.encode("utf-8")
        for resource, text in (
            (data_schema.RESOURCE, data_schema.schema_text()),
            (_schema.RESOURCE, _schema.schema_text()),
        )
        if schemas
    }
    texts_folder = path.parent if base is None else _folder(base)
    inputs = [path]
    if texts_folder is not None:
        inputs.extend(_under(texts_folder, resource) for resource in result.texts)
    # Built in place, the texts are the inputs themselves: never written back.
    in_place = texts_folder is not None and _same_folder(folder, texts_folder)
    copies = {} if in_place else texts
    outputs = [
        (json, loading.dumps(result.proposal_set).encode("utf-8")),
        *copies.items(),
        *schema_files.items(),
    ]
    changed = _writing.changes(
        folder,
        outputs,
        inputs=inputs,
        copies=copies,
        own=_own_copies(json, folder) if copies else (),
    )
    if not check:
        # The JSON goes last: if a text or a schema cannot be written, the
        # document is never ahead of the files it names.
        data = dict(outputs)  # its paths are distinct: changes() checked
        for name in sorted(changed, key=lambda name: name == json):
            _writing.write_bytes(name, data[name])
    return Written(result, (json, *texts, *schema_files), tuple(changed))


def _own_copies(json: Path, folder: Path) -> set[Path]:
    """The texts below ``folder`` that an earlier build's JSON, ``json``, shipped.

    A copy is the build's own when its bytes have the checksum that JSON
    records for it: a rebuild replaces it (after its source was edited) where
    another file would be refused.
    """
    try:
        document = _json.loads(_source_texts.read_file(json, loading.MAX_BYTES))
        recorded = {
            _under(folder, source["resource"]): source["sha256"]
            for source in document["sources"]
            if isinstance(source.get("resource"), str)
            and _source_texts.is_plain_relative(source["resource"])
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return set()  # no earlier build there, or not one that can be read
    own = set()
    for path, checksum in recorded.items():
        try:
            data = _source_texts.read_file(path, _source_texts.MAX_TEXT_BYTES)
        except OSError:
            continue
        if _source_texts.sha256(data) == checksum:
            own.add(path)
    return own


def _under(folder: Path, resource: str) -> Path:
    return folder.joinpath(*resource.split("/"))


def _folder(base: TextBase) -> Path | None:
    """The folder that ``base`` names, if it is one on the file system."""
    return Path(base) if isinstance(base, (str, os.PathLike)) else None


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # the output folder is not there yet
        return False
