"""Shipped source texts: where to find them and a cache of verified ones.

A source's ``resource`` is a relative POSIX path, resolved against a *base*: a
directory (a :class:`pathlib.Path` or an importlib-resources ``Traversable``, which
also works inside zip files and wheels) or a mapping from resource path to bytes.

Texts whose bytes matched their source's ``sha256`` are remembered by checksum, so
that any set that names the same checksum can show evidence in context.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import importlib_resources
from importlib_resources.abc import Traversable

from .errors import SourceTextError

if TYPE_CHECKING:
    from .model import ProposalSet

__all__ = [
    "TextBase",
    "is_plain_relative",
    "package_data",
    "read_resource",
    "remember",
    "sha256",
    "text_of",
]

#: Where ``resource`` paths are resolved: a directory (a path or an
#: importlib-resources ``Traversable``) or a mapping from resource path to bytes.
TextBase: TypeAlias = Traversable | Mapping[str, bytes] | str | os.PathLike[str]

_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
_verified: dict[str, str] = {}
_lock = threading.Lock()


@functools.cache
def package_data() -> Traversable:
    """The ``data`` directory inside the installed package."""
    return importlib_resources.files("ma_proposals").joinpath("data")


def is_plain_relative(resource: str) -> bool:
    """Whether ``resource`` is ``a/b.txt``-like: relative, no ``..``, no drive."""
    return all(_PART.match(part) for part in resource.split("/"))


def read_resource(base: TextBase, resource: str) -> bytes:
    """Read the bytes of ``resource`` under ``base``.

    Raises:
        OSError: It does not exist or cannot be read.
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
        return bytes(data)
    if isinstance(base, (str, os.PathLike)):
        base = Path(base)
    return base.joinpath(*resource.split("/")).read_bytes()


def sha256(data: bytes) -> str:
    """The hexadecimal SHA-256 of ``data``."""
    import hashlib  # loads OpenSSL: only when a text is hashed

    return hashlib.sha256(data).hexdigest()


def remember(checksum: str, text: str) -> None:
    """Cache a text whose bytes were verified against ``checksum``."""
    with _lock:
        _verified.setdefault(checksum, text)


def text_of(proposal_set: ProposalSet, source_id: str) -> str:
    """The text of a shipped source of ``proposal_set``.

    Texts verified by a loader are cached by checksum; other texts are looked for
    in the packaged data and verified before use.

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
    try:
        return _verified[source.sha256]
    except KeyError:
        pass
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
