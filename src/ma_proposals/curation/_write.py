"""Writing a built set, its sources and the schemas into a folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ma_proposals import _files, loading
from ma_proposals import schema as data_schema

from . import _schema
from ._build import Build, read

if TYPE_CHECKING:
    from ma_proposals._texts import TextBase

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
    without ``.toml``) as canonical JSON, copies each shipped source text to its
    ``resource`` path under ``output`` where it is not there already, and, with
    ``schemas``, writes the JSON Schemas of the data format and of the authoring
    format to ``<output>/schema/``. Files that are already up to date are left
    alone. Each file is written whole or not at all; the JSON is written last,
    so that an error while writing a text leaves the previous JSON in place.

    Args:
        document: The authoring file.
        output: The folder to write to; defaults to the authoring file's folder.
        schemas: Also write ``schema/proposal-set.schema.json`` and
            ``schema/authoring.schema.json``.
        check: Write nothing; report in :attr:`Written.changed` the files that
            are missing or differ (stale).
        base: Where shipped source texts are read; defaults to the authoring
            file's folder.

    Returns:
        What was written, or found stale; nothing when the file has problems
        (see :attr:`Written.build`).

    Raises:
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
    outputs = [json, *copies, *schema_files]
    _files.check_distinct(outputs, inputs)  # before the dict below merges them
    files = {json: loading.dumps(result.proposal_set).encode("utf-8")}
    files |= texts | schema_files
    for target in outputs:
        _files.check_target(folder, target)
        if target in copies and _files.other_file(target, files[target]):
            raise FileExistsError(
                errno.EEXIST,
                "it exists with other content than this set's source text; "
                "move it away first",
                str(target),
            )
    changed = [name for name in outputs if not _files.holds(name, files[name])]
    if not check:
        # The JSON goes last: if a text or a schema cannot be written, the
        # document is never ahead of the files it names.
        for name in sorted(changed, key=lambda name: name == json):
            _files.write_bytes(name, files[name])
    return Written(result, tuple(files), tuple(changed))


def _under(folder: Path, resource: str) -> Path:
    return folder.joinpath(*resource.split("/"))


def _folder(base: TextBase) -> Path | None:
    """The folder that ``base`` names, if it is one on the file system."""
    return Path(base) if isinstance(base, (str, os.PathLike)) else None


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them is not there (yet)
        return os.path.abspath(one) == os.path.abspath(other)
