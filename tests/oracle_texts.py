"""Reading shipped texts for the oracle (``tests/oracle.py``), as it was done."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeAlias

TextBase: TypeAlias = Any

_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


def is_plain_relative(resource: str) -> bool:
    """Whether ``resource`` is ``a/b.txt``-like: relative, no ``..``, no drive."""
    return all(_PART.match(part) for part in resource.split("/"))


def read_resource(base: TextBase, resource: str) -> bytes:
    """Read the bytes of ``resource`` under ``base``."""
    if isinstance(base, Mapping):
        try:
            data = base[resource]
        except KeyError:
            raise FileNotFoundError(f"no text for {resource!r} in base") from None
        return bytes(data)
    if isinstance(base, (str, os.PathLike)):
        base = Path(base)
    data = base.joinpath(*resource.split("/")).read_bytes()
    assert isinstance(data, bytes)
    return data


def sha256(data: bytes) -> str:
    """The hexadecimal SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def remember(checksum: str, text: str) -> None:
    """The oracle never keeps texts."""
