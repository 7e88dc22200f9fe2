"""Writing a file safely: staged beside the target, flushed, moved into place whole.

The one file writer of the package (exports, ``ma-proposals build``, ``init``
and ``schema -o`` all use it):

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
  and the folders made on the way to the target.
- Writers of several files check them all first (:mod:`._outputs`).

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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

__all__ = [
    "check_target",
    "fsync",
    "fsync_directory",
    "holds",
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
    from . import _texts

    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False
        return _texts.read_file(target, len(data)) == data
    except (FileNotFoundError, NotADirectoryError):  # nothing there
        return None
    except _texts.TooLargeError:
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
    from . import _texts

    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there: made anew
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OSError(
            errno.EEXIST,
            f"it is {_texts.kind(mode)}, not a regular file; only regular files "
            "are replaced",
            str(target),
        )


@contextlib.contextmanager
def made_parents(folder: Path) -> Iterator[None]:
    """Make ``folder`` and its missing parents; unmake them if the block fails."""
    missing: list[Path] = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        for directory in reversed(missing):
            directory.mkdir()
        yield
    except BaseException:
        for directory in missing:  # deepest first
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


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
