"""Writing a file safely: staged beside the target, flushed, moved into place whole.

The package's writer of files (exports, ``ma-proposals build``, ``init`` and
``schema -o`` write every file with it; an export of a folder, and the JSON
export's file with its texts, stage their files with it and move them into
place as a whole in :mod:`ma_proposals.export._targets` and
:mod:`ma_proposals.export._json`):

- A file is written to an unused temporary name in the target's folder, flushed
  to disk (``fsync``), then renamed over the target in one step, so that a
  reader never sees half a file.
- A new file gets the permissions of any file the user creates (``0o666``
  less the umask); a replaced regular file keeps its own (less set-user-ID
  and set-group-ID, since the new file may have another owner). A target that is a
  symbolic link is replaced by a new file: what it pointed to is not touched,
  and its permissions are not copied (links are never followed for metadata).
- Anything else at the target (a folder, a FIFO, a device, a socket) is
  refused (:func:`check_target`): renaming a file over ``/dev/null`` would
  replace the device itself.
- On any failure, everything this write created is removed: the temporary file
  and the folders made on the way to the target (not those another writer
  made meanwhile: two writers may make one new folder at the same time).
- Writers of several files check them all first (:func:`changes`, below).

Failures are :class:`OSError`, with the target as its ``filename``; callers
name the target in their own error (exports raise
:class:`~ma_proposals.ExportError`, the command line prints one line).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Iterator, Sequence

__all__ = [
    "changes",
    "check_target",
    "fsync",
    "fsync_directory",
    "holds",
    "inside",
    "kept_mode",
    "made_parents",
    "remove",
    "replace_file",
    "temporary_name",
    "write_bytes",
    "write_new",
]


def temporary_name(target: Path, suffix: str) -> Path:
    """An unused hidden name beside ``target``."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{suffix}")


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data``, flushed to disk."""
    with open(path, "xb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def fsync(path: Path) -> None:
    """Flush a file (or a folder) that is already written to disk."""
    # Windows flushes only what is open for writing (and no folder at all);
    # POSIX flushes any descriptor, and a file kept read-only opens only so.
    descriptor = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(path: Path) -> None:
    """Flush a folder's entries (new and renamed files) where the system can."""
    with contextlib.suppress(OSError):  # not possible on every system
        fsync(path)


def holds(target: Path, data: bytes) -> bool | None:
    """Whether the regular file ``target`` holds ``data``; ``None`` if there is none.

    Anything else at ``target`` (a link, a folder, a FIFO, a device) is
    ``False``: never followed nor read, it is what a write replaces or refuses.
    A file is read no further than ``data`` is long.

    Raises:
        OSError: ``target`` cannot be read.
    """
    from . import _source_texts

    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False
        return _source_texts.read_file(target, len(data)) == data
    except (FileNotFoundError, NotADirectoryError):  # nothing there
        return None
    except _source_texts.TooLargeError:
        return False


def kept_mode(target: Path) -> int | None:
    """The permissions a replacement of ``target`` keeps: a regular file's only."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    # Not set-user-ID nor set-group-ID: the new file may have another owner.
    return stat.S_IMODE(info.st_mode) & ~(stat.S_ISUID | stat.S_ISGID)


def check_target(target: Path) -> None:
    """Refuse to replace ``target`` unless it is a regular file, a link or nothing.

    A symbolic link is replaced, never followed; a folder, a FIFO, a device or
    a socket is refused, since a rename would replace it (run as root, a write
    to ``/dev/null`` would replace the device with a file).

    Raises:
        IsADirectoryError: ``target`` is a folder (its message: "it is a folder").
        OSError: ``target`` is another special file; ``filename`` names it.
    """
    from . import _source_texts

    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there: made anew
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OSError(
            errno.EEXIST,
            f"it is {_source_texts.kind(mode)}, not a regular file; only regular files "
            "are replaced",
            str(target),
        )


@contextlib.contextmanager
def made_parents(folder: Path) -> Iterator[None]:
    """Make ``folder`` and its missing parents; unmake them if the block fails.

    Another writer may make the same folders at the same time (two builds into
    one new folder): a folder that appears meanwhile is used, and is not this
    write's to remove. Only the folders this write made are removed, and only
    while they are empty.
    """
    made: list[Path] = []
    try:
        _make_folders(folder, made)
        yield
    except BaseException:
        for directory in reversed(made):  # deepest first
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make ``folder`` and its missing parents, adding those made to ``made``."""
    missing: list[Path] = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir()
        except FileExistsError:
            # Made meanwhile by another writer: used, if it is a real folder.
            if not stat.S_ISDIR(os.lstat(directory).st_mode):
                raise
            continue
        made.append(directory)


def remove(path: Path) -> None:
    """Remove a file or a folder tree, if it is there; never raises."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def replace_file(target: Path, fill: Callable[[Path], object]) -> Path:
    """Write one file: ``fill`` writes a new temporary file, which replaces ``target``.

    Args:
        target: The file to write.
        fill: Writes the content to the path it is given (an empty new file).

    Returns:
        ``target``.

    Raises:
        IsADirectoryError: ``target`` is a folder (its message: "it is a folder").
        OSError: ``target`` is a FIFO, a device or a socket (see
            :func:`check_target`), or the file cannot be written.
    """
    check_target(target)
    with made_parents(target.parent):
        temporary = temporary_name(target, ".tmp")
        try:
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except OSError as exc:
            raise _naming(exc, temporary, target) from exc
        try:
            fill(temporary)
            fsync(temporary)
            mode = kept_mode(target)
            if mode is not None:
                os.chmod(temporary, mode)
            check_target(target)  # again: it may have been made meanwhile
            os.replace(temporary, target)
        except OSError as exc:
            _remove_temporary(temporary)
            raise _naming(exc, temporary, target) from exc
        except BaseException:
            _remove_temporary(temporary)
            raise
    fsync_directory(target.parent)
    return target


def _naming(exc: OSError, temporary: Path, target: Path) -> OSError:
    """``exc``, naming the file the user named rather than a temporary one."""
    if exc.errno is not None and exc.filename in (None, str(temporary)):
        return OSError(exc.errno, exc.strerror or str(exc), str(target))
    return exc  # an error of its own (an ExportError), or naming another file


def _remove_temporary(temporary: Path) -> None:
    remove(temporary)
    remove(temporary.with_name(temporary.name + "-journal"))  # SQLite's


def write_bytes(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` with :func:`replace_file`.

    Returns:
        ``target``.

    Raises:
        OSError: The file cannot be written (``IsADirectoryError`` for a folder),
            or ``target`` is a FIFO, a device or a socket.
    """
    return replace_file(target, lambda temporary: temporary.write_bytes(data))


# -- Several files, checked before the first one is written ----------------------
#
# Checking a write of several files before the first one is written.
#
# ``ma-proposals build`` and ``init`` (and :func:`ma_proposals.curation.write`)
# write a set's files into a folder the user names. Before anything is written,
# :func:`changes` refuses what would lose or misplace a file:
#
# - two files of the write in one place, or a file written over one that the
#   write reads (an authoring file named ``.json``, a source text where a schema
#   goes), compared as the entry of a folder that a rename replaces, and as the
#   same file where both exist (case-insensitive file systems);
# - a link or a file where a folder belongs below the folder the user named
#   (a ``sources`` link would take the copies elsewhere), or a folder, a FIFO, a
#   device or a socket where a file goes;
# - a copy of a source text over a regular file with other bytes, unless the
#   caller knows that file as an earlier copy of its own.
#
# Files that already hold their bytes are left alone and are not checked for
# links: nothing is written to them. Each file is then written by
# :mod:`._writing`.


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
    for target in seen.values():
        source = replaced_input(target, inputs)
        if source is not None:
            raise FileExistsError(
                errno.EEXIST,
                f"it is {source}, which this write reads; rename one of them",
                str(target),
            )


def replaced_input(target: Path, inputs: Iterable[Path]) -> Path | None:
    """The input that writing ``target`` would replace, if any.

    The same entry of the same folder (links to folders followed, names
    compared as the system does), or the same file by another name (a hard
    link, a case-insensitive system's other spelling), whether the input is
    named as it is or reached through links (its real path). A symbolic link
    at ``target`` is not its file: it is replaced, never followed.
    """
    for source in inputs:
        real = Path(os.path.realpath(source))  # an input read through a link
        for name in (source, real):
            if _entry(name) == _entry(target) or _same_file(name, target):
                return source
    return None


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is below ``folder`` (links to folders followed)."""
    inner = os.path.normcase(os.path.realpath(path))
    outer = os.path.normcase(os.path.realpath(folder))
    return inner.startswith(outer.rstrip(os.sep) + os.sep)


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
