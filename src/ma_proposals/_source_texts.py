"""Shipped source texts: where to find them, reading them safely, and a cache.

A source's ``resource`` is a relative POSIX path, resolved against a *base*: a
directory (a :class:`pathlib.Path` or an importlib-resources ``Traversable``, which
also works inside zip files and wheels) or a mapping from resource path to bytes.

Files are read safely: only regular files (never a FIFO, a device or a socket,
which could block or never end), in bounded chunks up to a limit, and for a
resource only what lies inside its base folder once every symbolic link is
resolved. A refused file is not opened, and no message says anything about it
beyond why it was refused.

Texts whose bytes matched their source's ``sha256`` are remembered by checksum, so
that any set that names the same checksum can show evidence in context. That
cache is bounded (:data:`MAX_CACHED_CHARACTERS`, least recently used texts go
first); a loaded set also keeps the texts it was verified with for as long as it
lives.
"""

from __future__ import annotations

import collections
import errno
import functools
import os
import re
import stat
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import importlib_resources
from importlib_resources.abc import Traversable

from .errors import SourceTextError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .model import ProposalSet

__all__ = [
    "MAX_BYTES",
    "MAX_CACHED_CHARACTERS",
    "MAX_TEXT_BYTES",
    "MAX_TOTAL_TEXT_BYTES",
    "NotRegularFileError",
    "OutsideFolderError",
    "TextBase",
    "TooLargeError",
    "is_plain_relative",
    "keep",
    "kind",
    "package_data",
    "read_file",
    "read_resource",
    "remember",
    "sha256",
    "text_of",
]

#: Where ``resource`` paths are resolved: a directory (a path or an
#: importlib-resources ``Traversable``) or a mapping from resource path to bytes.
TextBase: TypeAlias = Traversable | Mapping[str, bytes] | str | os.PathLike[str]

#: The largest document the loaders read unless told otherwise (64 MiB).
MAX_BYTES = 64 * 1024 * 1024

#: The largest source text the loaders read unless told otherwise (64 MiB).
MAX_TEXT_BYTES = 64 * 1024 * 1024

#: The most bytes the distinct source texts of one document may have in all,
#: unless the loaders are told otherwise (256 MiB, four of the largest texts).
MAX_TOTAL_TEXT_BYTES = 4 * MAX_TEXT_BYTES

#: How many characters of verified texts the cache by checksum keeps at most.
MAX_CACHED_CHARACTERS = 64 * 1024 * 1024

_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
# Checksum -> text, least recently used first; at most MAX_CACHED_CHARACTERS.
_verified: collections.OrderedDict[str, str] = collections.OrderedDict()
_cached = 0
_lock = threading.Lock()
# Opening never blocks (a FIFO without a writer), never follows a last link
# where that is asked for, and never leaks the descriptor into a child.
_OPEN = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 20


class _ReadError(OSError):
    """A file was not read; ``str()`` is the reason alone (no path)."""

    def __str__(self) -> str:
        return str(self.strerror)


def _plain(exc: OSError) -> _ReadError:
    """The same error, described by its reason alone (not the resolved path)."""
    missing = isinstance(exc, FileNotFoundError)
    reason = exc.strerror or ("No such file" if missing else type(exc).__name__)
    return _ReadError(exc.errno, reason)


class NotRegularFileError(_ReadError):
    """A path names a FIFO, a device, a socket or a folder: it is not read."""


class OutsideFolderError(_ReadError):
    """A resource leads outside its base folder (through ``..`` or a link)."""


class TooLargeError(_ReadError):
    """A file is larger than the limit it was read with.

    Attributes:
        size: Its size in bytes, or ``None`` where it was only seen to pass the
            limit (a file that grew while it was read).
        limit: The limit.
    """

    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        reason = (
            f"larger than the maximum of {limit} bytes"
            if size is None
            else f"{size} bytes, more than the maximum of {limit}"
        )
        super().__init__(errno.EFBIG, reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.size, self.limit))


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind(mode: int) -> str:
    """What a file that is not a regular file is (``a FIFO (named pipe)``...)."""
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _read_descriptor(fd: int, limit: int | None) -> bytes:
    """Read an open regular file to its end, refusing more than ``limit`` bytes."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(
            errno.EINVAL,
            f"it is {kind(info.st_mode)}, not a regular file; only regular files "
            "are read",
        )
    if limit is not None and info.st_size > limit:
        raise TooLargeError(info.st_size, limit)
    return _drain(functools.partial(os.read, fd), info.st_size + 1, limit)


def _drain(read: Callable[[int], bytes], first: int, limit: int | None) -> bytes:
    """Read to the end: ``first`` bytes, then in chunks, at most ``limit``.

    The first amount is a hint (a file's size and one byte more, to see the
    end); a file may grow while it is read, so no more than one byte past the
    limit is ever read.
    """
    room = None if limit is None else limit + 1
    want = max(first, 1)
    chunks = []
    total = 0
    while room is None or total < room:
        chunk = read(want if room is None else min(want, room - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = _CHUNK
    if limit is not None and total > limit:
        raise TooLargeError(None, limit)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_file(
    path: str | os.PathLike[str], limit: int | None, *, follow: bool = True
) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them.

    Args:
        path: The file.
        limit: Refuse files larger than this many bytes; ``None`` for no limit.
        follow: Whether a symbolic link as the last part of ``path`` is
            followed (links in the folders on the way always are).

    Raises:
        TooLargeError: The file has more than ``limit`` bytes.
        NotRegularFileError: It is a FIFO, a device, a socket or a folder.
        OSError: It cannot be opened or read.
    """
    fd = os.open(path, _OPEN if follow else _OPEN | _NOFOLLOW)
    try:
        return _read_descriptor(fd, limit)
    finally:
        os.close(fd)


@functools.cache
def package_data() -> Traversable:
    """The ``data`` directory inside the installed package."""
    return importlib_resources.files("ma_proposals").joinpath("data")


def is_plain_relative(resource: str) -> bool:
    """Whether ``resource`` is ``a/b.txt``-like: relative, no ``..``, no drive."""
    return all(_PART.match(part) for part in resource.split("/"))


def read_resource(base: TextBase, resource: str, limit: int | None = None) -> bytes:
    """Read the bytes of ``resource`` under ``base``, at most ``limit`` of them.

    In a folder, the resource is resolved (every symbolic link followed) and
    must still lie inside the folder, also resolved; it must be a regular file.

    Raises:
        OutsideFolderError: It leads outside the folder.
        TooLargeError: It is larger than ``limit``.
        NotRegularFileError: It is a FIFO, a device, a socket or a folder.
        OSError: It does not exist or cannot be read; the message is the
            reason alone.
        TypeError: ``base`` is a mapping whose value is not bytes.
    """
    if isinstance(base, Mapping):
        try:
            data = base[resource]
        except KeyError:
            raise FileNotFoundError(f"no text for {resource!r} in base") from None
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"base[{resource!r}] must be bytes, not {type(data).__name__}"
            )
        if limit is not None and len(data) > limit:
            raise TooLargeError(len(data), limit)
        return bytes(data)
    if isinstance(base, (str, os.PathLike)):
        return _read_inside(os.fspath(base), resource, limit)
    # A Traversable that is not a path: inside a zip file, for instance, where
    # there are no links or devices; its size is still bounded.
    try:
        with base.joinpath(*resource.split("/")).open("rb") as file:
            return _drain(file.read, _CHUNK, limit)
    except _ReadError:
        raise
    except OSError as exc:
        raise _plain(exc) from None


def _read_inside(folder: str, resource: str, limit: int | None) -> bytes:
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, *resource.split("/")))
    try:
        inside = target != root and os.path.commonpath([root, target]) == root
    except ValueError:  # another drive
        inside = False
    if not inside:
        raise OutsideFolderError(
            errno.EACCES,
            "it leads outside the document's folder (through a symbolic link); "
            "only files inside the folder are read",
        )
    try:
        fd = _open_beneath(root, target)
        try:
            return _read_descriptor(fd, limit)
        finally:
            os.close(fd)
    except _ReadError:
        raise
    except OSError as exc:  # the reason, without the resolved path
        raise _plain(exc) from None


_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _open_beneath(root: str, target: str) -> int:
    """Open ``target``, a resolved path inside ``root``, following no link.

    ``target`` has no links left (it is resolved), so each folder on the way is
    opened relative to the one before, refusing links: a folder or file swapped
    for a link since it was resolved is refused (``ELOOP``), not followed.
    Where the system cannot open relative to a folder, the path is opened
    whole, refusing a link only in its last part.
    """
    if os.open not in os.supports_dir_fd or not _NOFOLLOW:
        return os.open(target, _OPEN | _NOFOLLOW)
    *folders, name = os.path.relpath(target, root).split(os.sep)
    fd = os.open(root, _DIRECTORY)
    try:
        for folder in folders:
            inner = os.open(folder, _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        return os.open(name, _OPEN | _NOFOLLOW, dir_fd=fd)
    finally:
        os.close(fd)


def sha256(data: bytes) -> str:
    """The hexadecimal SHA-256 of ``data``."""
    import hashlib  # loads OpenSSL: only when a text is hashed

    return hashlib.sha256(data).hexdigest()


def remember(checksum: str, text: str) -> None:
    """Cache a text whose bytes were verified against ``checksum``.

    The cache keeps at most :data:`MAX_CACHED_CHARACTERS` characters: the texts
    used least recently are dropped first, and a text larger than that is not
    kept (a loaded set keeps its own texts: see :func:`keep`).
    """
    global _cached
    with _lock:
        if checksum in _verified:
            _verified.move_to_end(checksum)
            return
        if len(text) > MAX_CACHED_CHARACTERS:
            return
        _verified[checksum] = text
        _cached += len(text)
        while _cached > MAX_CACHED_CHARACTERS:
            _, dropped = _verified.popitem(last=False)
            _cached -= len(dropped)


def recall(checksum: str) -> str | None:
    """A cached text, now the most recently used; ``None`` if it is not kept."""
    with _lock:
        text = _verified.get(checksum)
        if text is not None:
            _verified.move_to_end(checksum)
        return text


def keep(proposal_set: object, texts: Mapping[str, str | None]) -> None:
    """Keep a loaded set's verified texts (by source id) for as long as it lives."""
    from ._index import index_of

    kept = {sid: text for sid, text in texts.items() if text is not None}
    if kept:  # any set: ProposalSet or, in tests, another document class
        index_of(cast("ProposalSet", proposal_set)).get(_KEPT, lambda: kept)


_KEPT = "verified texts"


def carry(parent: ProposalSet, view: ProposalSet) -> None:
    """Let ``view``, a set with ``parent``'s sources, keep ``parent``'s texts."""
    from ._index import peek

    kept = peek(parent, _KEPT)
    if kept is not None:
        keep(view, kept)


def reduce_set(proposal_set: ProposalSet) -> tuple[Any, ...]:
    """How a set pickles: its data, and the verified texts of its sources.

    The texts are kept beside a set, by its identity, in this process
    (:func:`keep`); a set unpickled in another process (``multiprocessing``'s
    spawn, say) has them only if the pickle carries them. Registered with
    :mod:`copyreg`, so it serves :mod:`copy` too.
    """
    from ._index import peek

    kept = peek(proposal_set, _KEPT) or {}
    texts = {}
    for source in proposal_set.sources:
        if source.resource is not None and source.sha256 is not None:
            text = kept.get(source.id) or recall(source.sha256)
            if text is not None:
                texts[source.id] = text
    state = proposal_set.__getstate__()
    return _restore_set, (type(proposal_set), state, texts)


def _restore_set(
    cls: type[ProposalSet], state: Any, texts: Mapping[str, str]
) -> ProposalSet:
    """A pickled set, with the texts it carried kept for it."""
    made = cls.__new__(cls)
    made.__setstate__(state)  # type: ignore[attr-defined]
    keep(made, texts)
    return made


def text_of(proposal_set: ProposalSet, source_id: str) -> str:
    """The text of a shipped source of ``proposal_set``.

    The texts a loader verified for this set come first; then the texts cached
    by checksum (verified for any set); then the packaged data, verified
    before use.

    Raises:
        SourceTextError: No such source, it is not shipped, or its text with the
            recorded checksum cannot be found.
    """
    source = next((s for s in proposal_set.sources if s.id == source_id), None)
    if source is None:
        known = ", ".join(repr(s.id) for s in proposal_set.sources)
        raise SourceTextError(f"no source with id {source_id!r} (known: {known})")
    if source.resource is None or source.sha256 is None:
        raise SourceTextError(f"source {source_id!r} has no shipped text")
    if not is_plain_relative(source.resource):  # e.g. a set built in code
        raise SourceTextError(
            f"source {source_id!r} has resource {source.resource!r}, which is not "
            "a relative path inside the document's folder"
        )
    from ._index import peek

    kept = peek(proposal_set, _KEPT)
    if kept is not None and source_id in kept:
        text: str = kept[source_id]
        return text
    cached = recall(source.sha256)
    if cached is not None:
        return cached
    try:
        data = read_resource(package_data(), source.resource)
    except OSError:
        data = b""
    if sha256(data) != source.sha256:
        raise SourceTextError(
            f"the text of source {source_id!r} (sha256 {source.sha256[:12]}...) is "
            "not available; load the set with load_path() or loads(base=...) so "
            "that its texts are read and verified"
        )
    text = data.decode("utf-8")
    remember(source.sha256, text)
    return text
