"""JSONPath strings for problems: building them and sorting them naturally."""

from __future__ import annotations

import re

__all__ = ["member", "parts", "sort_key"]

_NAME = r"[A-Za-z_][A-Za-z0-9_-]*\Z"  # compiled (and cached) by re when used
_PART = r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]"


def member(path: str, key: object) -> str:
    """The path of ``key`` in the object at ``path``.

    Plain names use dot notation (``$.title``); any other key is quoted in
    brackets (``$['a b']``) so that paths stay unambiguous. A key that is not a
    string (only possible in data built in code) is written as its ``str()``.
    """
    key = str(key)
    if re.match(_NAME, key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"


def parts(path: str) -> list[str | int]:
    r"""The keys and indices of a path that :func:`member` wrote, in order.

    Example:
        >>> parts("$.proposals[2]['odd \\'key']")
        ['proposals', 2, "odd 'key"]
    """
    found: list[str | int] = []
    for name, index, quoted in re.findall(_PART, path):
        if index:
            found.append(int(index))
        elif name:
            found.append(name)
        else:
            found.append(re.sub(r"\\(.)", r"\1", quoted))
    return found


def sort_key(path: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders ``$.a[2]`` before ``$.a[10]``."""
    return tuple(
        (0, part) if isinstance(part, int) else (1, part) for part in parts(path)
    )
