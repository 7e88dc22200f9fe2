"""Writing a built set, its sources and the schemas into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ma_proposals import _files, _texts, loading
from ma_proposals import schema as data_schema

from . import _schema
from ._build import Build, read

if TYPE_CHECKING:
    import os

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
    alone.

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
    files: dict[Path, bytes] = {
        folder / f"{path.stem}.json": loading.dumps(result.proposal_set).encode("utf-8")
    }
    for resource, data in result.texts.items():
        files[folder.joinpath(*resource.split("/"))] = data
    if schemas:
        for resource, text in (
            (data_schema.RESOURCE, data_schema.schema_text()),
            (_schema.RESOURCE, _schema.schema_text()),
        ):
            files[folder.joinpath(*resource.split("/"))] = text.encode("utf-8")
    changed = []
    for target, data in files.items():
        if holds(target, data) is True:
            continue
        changed.append(target)
        if not check:
            _files.write_bytes(target, data)
    return Written(result, tuple(files), tuple(changed))


def holds(target: Path, data: bytes) -> bool | None:
    """Whether the file ``target`` holds ``data``; ``None`` if there is no file.

    Reads no more than ``data`` is long, and only a regular file (a FIFO or a
    folder is an error, not a wait or a crash).

    Raises:
        OSError: ``target`` cannot be read, or is not a regular file.
    """
    try:
        return _texts.read_file(target, len(data)) == data
    except FileNotFoundError:
        return None
    except _texts.TooLargeError:
        return False
