r"""Strict JSON reading: UTF-8 only, no duplicate keys, finite numbers, bounded.

The standard library keeps the last of duplicate keys silently, accepts ``NaN``,
``Infinity`` and numbers too large for a float (read as infinity), and decodes
escaped lone surrogates (``"\\ud800"``) that cannot be written back as UTF-8;
all are reported here as problems instead. Parsing never lets a
:class:`RecursionError`, :class:`MemoryError` or :class:`ValueError` escape.
"""

from __future__ import annotations

import collections
import json
import math
import re
from typing import Any

from ._paths import member
from .validation import Problem

__all__ = ["parse"]


class _Object(dict[str, Any]):
    """A parsed JSON object that had duplicate keys."""

    __slots__ = ("duplicates",)
    duplicates: list[str]


class _ConstantError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _ConstantError(f"{name} is not valid JSON")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _ConstantError(f"{literal} is too large for a number")
    return value


# An escaped surrogate: the only way a parsed string can hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _unencodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _find_surrogates(root: Any) -> list[Problem]:
    """Locate strings (keys included) that hold lone surrogates."""
    problems = []
    stack: list[tuple[str, Any]] = [("$", root)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _unencodable(value):
                problems.append(_surrogate_problem(path))
        elif isinstance(value, dict):
            for key, item in value.items():
                if _unencodable(key):
                    problems.append(_surrogate_problem(path))
                else:
                    stack.append((member(path, key), item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
    return problems


def _surrogate_problem(path: str) -> Problem:
    return Problem(
        "not-utf8",
        path,
        "text holds an escaped lone surrogate (\\ud800-\\udfff), which UTF-8 "
        "cannot encode",
    )


# A JSON string, or one of the constants the standard library accepts.
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _constant_problem(text: str, message: str) -> Problem:
    for match in _CONSTANT.finditer(text):
        if match.group(1):
            pos = match.start(1)
            line = text.count("\n", 0, pos) + 1
            column = pos - text.rfind("\n", 0, pos)
            return Problem(
                "invalid-json",
                "$",
                f"{match.group(1)} is not valid JSON: numbers must be finite",
                line,
                column,
            )
    return Problem("invalid-json", "$", message)


def _find_duplicates(root: Any) -> list[Problem]:
    """Locate the objects the hook marked, iteratively (any depth is fine)."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("$", root)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _Object):
                problems.extend(
                    Problem(
                        "duplicate-key",
                        member(path, key),
                        f"key {key!r} appears more than once in this object; "
                        "each key may appear once",
                    )
                    for key in sorted(value.duplicates)
                )
            stack.extend((member(path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
    return problems


def parse(data: str | bytes, max_bytes: int | None) -> tuple[Any, list[Problem]]:
    """Parse a JSON document strictly.

    Args:
        data: The document as text or as UTF-8 bytes (a byte order mark is
            allowed and ignored).
        max_bytes: Refuse bytes longer than this (text: longer in characters);
            ``None`` for no limit.

    Returns:
        ``(value, problems)``. When the document cannot be read at all, the value
        is ``None`` and the problems say why; duplicate keys are reported but the
        value is still returned, keeping the last of each duplicated key.
    """
    if max_bytes is not None and len(data) > max_bytes:
        unit = "bytes" if isinstance(data, bytes) else "characters"
        return None, [
            Problem(
                "too-large",
                "$",
                f"document is {len(data)} {unit}, more than the maximum of "
                f"{max_bytes}; pass a larger max_bytes to read it",
            )
        ]
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [
                Problem(
                    "not-utf8",
                    "$",
                    f"byte {exc.start} ({data[exc.start : exc.start + 1]!r}) is not "
                    "valid UTF-8; documents must be encoded as UTF-8",
                )
            ]
    else:
        text = data
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return None, [
                Problem(
                    "not-utf8",
                    "$",
                    f"character {exc.start} ({text[exc.start]!r}) is a lone "
                    "surrogate, which UTF-8 cannot encode",
                )
            ]

    found_duplicates = False

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            nonlocal found_duplicates
            found_duplicates = True
            marked = _Object(obj)
            counts = collections.Counter(k for k, _ in pairs)
            marked.duplicates = [k for k, n in counts.items() if n > 1]
            return marked
        return obj

    try:
        value = json.loads(
            text,
            object_pairs_hook=hook,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        message = exc.msg
        if isinstance(data, str) and exc.pos == 0 and "\n" not in text[:4096]:
            message += (
                " (strings are read as JSON text; pass a pathlib.Path to read a file)"
            )
        return None, [Problem("invalid-json", "$", message, exc.lineno, exc.colno)]
    except _ConstantError as exc:
        return None, [_constant_problem(text, str(exc))]
    except RecursionError:
        return None, [
            Problem("too-deep", "$", "arrays or objects are nested too deeply to read")
        ]
    except MemoryError:
        return None, [
            Problem("too-large", "$", "not enough memory to read the document")
        ]
    except ValueError as exc:  # e.g. an integer with more digits than int() reads
        return None, [Problem("invalid-json", "$", f"cannot read a number: {exc}")]
    problems = _find_duplicates(value) if found_duplicates else []
    if _SURROGATE_ESCAPE.search(text):
        problems.extend(_find_surrogates(value))
    return value, problems
