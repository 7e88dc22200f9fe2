"""Checking a write of several files before the first one is written.

``ma-proposals build`` and ``init`` (and :func:`ma_proposals.curation.write`)
write a set's files into a folder the user names. Before anything is written,
:func:`changes` refuses what would lose or misplace a file:

- two files of the write in one place, or a file written over one that the
  write reads (an authoring file named ``.json``, a source text where a schema
  goes), compared as the entry of a folder that a rename replaces, and as the
  same file where both exist (case-insensitive file systems);
- a link or a file where a folder belongs below the folder the user named
  (a ``sources`` link would take the copies elsewhere), or a folder, a FIFO, a
  device or a socket where a file goes;
- a copy of a source text over a regular file with other bytes, unless the
  caller knows that file as an earlier copy of its own.

Files that already hold their bytes are left alone and are not checked for
links: nothing is written to them. Each file is then written by
:mod:`._files`.
"""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING

from ._files import check_target, holds

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Sequence
    from pathlib import Path

__all__ = ["changes"]


def changes(
    root: Path,
    files: Sequence[tuple[Path, bytes]],
    *,
    inputs: Iterable[Path] = (),
    copies: Container[Path] = (),
    own: Container[Path] = (),
) -> list[Path]:
    """The files of ``files`` to write, once every one of them is checked.

    Args:
        root: The folder the user named (it may be a link).
        files: Every file of the write and its bytes (a path twice is an error).
        inputs: Files the write reads, which it must not replace.
        copies: The files that are copies of source texts.
        own: Copies whose existing file is an earlier copy of the caller's own
            (replaced when stale, not refused).

    Returns:
        The files that are missing or differ, in the order of ``files``.

    Raises:
        FileExistsError: Two files in one place, a file over an input, or a
            copy over another file; ``filename`` names it.
        NotADirectoryError: A link or a file where a folder belongs.
        IsADirectoryError: A folder where a file goes.
        OSError: A FIFO, a device or a socket where a file goes, or a file
            there cannot be read.
    """
    _check_distinct([target for target, _ in files], inputs)
    changed = []
    for target, data in files:
        held = holds(target, data)
        if held:
            continue
        regular = os.path.isfile(target) and not os.path.islink(target)
        if held is False and regular and target in copies and target not in own:
            raise FileExistsError(
                errno.EEXIST,
                "it exists with other content (not a copy of this source text); "
                "move it away first",
                str(target),
            )
        _check_target(root, target)
        changed.append(target)
    return changed


def _check_target(root: Path, target: Path) -> None:
    """Refuse to write ``target`` below ``root`` through anything but folders."""
    check_target(target)  # a folder, a FIFO, a device: not replaced
    current, real = root, os.path.realpath(root)
    for part in target.parent.relative_to(root).parts:
        current, real = current / part, os.path.join(real, part)
        if not os.path.lexists(current):
            return  # made by the write, as are the folders below it
        # A link (or a Windows junction) resolves elsewhere than its name.
        if not os.path.isdir(current) or os.path.realpath(current) != real:
            raise NotADirectoryError(
                errno.ENOTDIR,
                "it is a symbolic link or a file; files are written only into "
                "real folders below the one you named",
                str(current),
            )


def _check_distinct(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for target in outputs:
        key = _entry(target)
        if key in seen:
            raise FileExistsError(
                errno.EEXIST,
                f"two files of this write would go there ({seen[key]})",
                str(target),
            )
        seen[key] = target
    for source in inputs:
        for target in seen.values():
            if _entry(source) == _entry(target) or _same_file(source, target):
                raise FileExistsError(
                    errno.EEXIST,
                    f"it is {source}, which this write reads; rename one of them",
                    str(target),
                )


def _entry(path: Path) -> tuple[str, str]:
    """Which entry of which folder ``path`` names (links to folders followed)."""
    folder = os.path.realpath(path.parent)
    return (os.path.normcase(folder), os.path.normcase(path.name))


def _same_file(one: Path, other: Path) -> bool:
    """Whether two existing names are one entry (a case-insensitive system's)."""
    try:
        a, b = os.lstat(one), os.lstat(other)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
