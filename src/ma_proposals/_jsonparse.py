r"""Strict JSON reading: UTF-8 only, no duplicate keys, finite numbers, bounded.

The standard library keeps the last of duplicate keys silently, accepts ``NaN``,
``Infinity`` and numbers too large for a float (read as infinity), and decodes
escaped lone surrogates (``"\\ud800"``) that cannot be written back as UTF-8;
all are reported here as problems instead. Parsing never lets a
:class:`RecursionError`, :class:`MemoryError` or :class:`ValueError` escape.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING, Any

from ._collector import render
from .problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._collector import Collector, Loc

__all__ = [
    "LongInteger",
    "decode",
    "finite_float",
    "parse",
    "read_int",
    "reject_constant",
    "surrogate_escape",
]


class _Object(dict[str, Any]):
    """A parsed JSON object that had duplicate keys."""

    __slots__ = ("duplicates",)
    duplicates: list[str]


class _ConstantError(ValueError):
    pass


_BOM = b"\xef\xbb\xbf"


def decode(data: bytes) -> str:
    """UTF-8 bytes as text, without a byte order mark (as ``"utf-8-sig"`` does)."""
    if data.startswith(_BOM):
        data = data[3:]
    return data.decode("utf-8")


def reject_constant(name: str) -> Any:
    raise _ConstantError(f"{name} is not valid JSON")


def finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _ConstantError("a number is too large for a float")
    return value


class LongInteger(int):
    """An integer too long to read (past :func:`sys.get_int_max_str_digits`).

    It stands for the integer in the parsed document: out of every range, of
    the same sign, and as many bits long (:meth:`bit_length`) as the digits
    make it, so that it is reported as ``out-of-range`` at its path.
    """

    bits: int

    def __new__(cls, literal: str) -> LongInteger:
        negative = literal.startswith("-")
        digits = literal.lstrip("-")
        made = super().__new__(cls, -(2**64) if negative else 2**64)
        # log2 of 0.ddd... times 10**len(digits); exact enough for any length
        scale = math.log2(float("0." + digits[:17])) + len(digits) * math.log2(10)
        made.bits = math.floor(scale) + 1
        return made

    def bit_length(self) -> int:
        return self.bits


def read_int(literal: str) -> int:
    """A JSON integer; one too long to read is a :class:`LongInteger`."""
    try:
        return int(literal)
    except ValueError:
        return LongInteger(literal)


def _too_many_digits(exc: ValueError) -> bool:
    """Whether ``int()`` refused an integer for its length, not JSON its syntax."""
    return not isinstance(exc, (json.JSONDecodeError, _ConstantError))


# An escaped surrogate: the only way a parsed string can hold a lone one.
_SURROGATE = r"\\u[dD][89a-fA-F]"
_SURROGATE_BYTES = rb"\\u[dD][89a-fA-F]"


def surrogate_escape(data: str | bytes) -> bool:
    """Whether a document has an escaped surrogate (a backslash, ``u``, ``d8``-``df``).

    Most documents have no backslash at all, which memchr finds fast; bytes are
    searched as they are (UTF-8 never uses a backslash byte inside a
    multi-byte character).
    """
    if isinstance(data, bytes):
        return b"\\" in data and re.search(_SURROGATE_BYTES, data) is not None
    return "\\" in data and re.search(_SURROGATE, data) is not None


def _unencodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk(root: Any) -> Iterator[tuple[Loc, Any]]:
    """Every value of a document with its location, iteratively (any depth)."""
    stack: list[tuple[Loc, Any]] = [(None, root)]
    while stack:
        loc, value = stack.pop()
        yield loc, value
        if isinstance(value, dict):
            stack.extend(((loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((loc, i), v) for i, v in enumerate(value))


def _find_surrogates(root: Any, run: Collector) -> None:
    """Locate strings (keys included) that hold lone surrogates."""
    stack: list[tuple[Loc, Any]] = [(None, root)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            if _unencodable(value):
                _surrogate_problem(loc, run)
        elif isinstance(value, dict):
            for key, item in value.items():
                if _unencodable(key):
                    _surrogate_problem(loc, run)
                else:
                    stack.append(((loc, key), item))
        elif isinstance(value, list):
            stack.extend(((loc, i), v) for i, v in enumerate(value))


def _surrogate_problem(loc: Loc, run: Collector) -> None:
    if run.room():
        run.problems.append(
            Problem(
                "not-utf8",
                render(loc),
                "text holds an escaped lone surrogate (\\ud800-\\udfff), which "
                "UTF-8 cannot encode",
            )
        )


# One pass over the document's tokens, left to right as the parser reads them:
# a string (closed or not: an unclosed one runs to the end, so no position is
# read twice), a constant the standard library accepts, or a number.
_TOKENS = (
    r'"[^"\\]*(?:\\.[^"\\]*)*"?|(-?Infinity|NaN)'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
)  # compiled (and cached by re) only when a document needs it


def _constant_problem(text: str, message: str) -> Problem:
    """Where the first constant or number that is not a finite float is."""
    from ._wording import clip

    for match in re.finditer(_TOKENS, text, re.DOTALL):
        constant, number = match.group(1, 2)
        if constant:
            what = f"{constant} is not valid JSON: numbers must be finite"
        elif number and number.lstrip("-").isdigit():
            continue  # an integer: not a float
        elif number and math.isinf(float(number)):
            what = f"{clip(number)} is too large for a number"
        else:
            continue
        pos = match.start()
        line = text.count("\n", 0, pos) + 1
        column = pos - text.rfind("\n", 0, pos)
        return Problem("invalid-json", "$", what, line, column)
    return Problem("invalid-json", "$", message)


def _find_duplicates(root: Any, run: Collector) -> None:
    """Locate the objects the hook marked."""
    for loc, value in _walk(root):
        if isinstance(value, _Object):
            for key in sorted(value.duplicates):
                if run.room():
                    run.problems.append(
                        Problem(
                            "duplicate-key",
                            render((loc, key)),
                            f"key {key!r} appears more than once in this object; "
                            "each key may appear once",
                        )
                    )


def parse(data: str | bytes, max_bytes: int | None, run: Collector) -> Any:
    """Parse a JSON document strictly.

    Args:
        data: The document as text or as UTF-8 bytes (a byte order mark is
            allowed and ignored).
        max_bytes: Refuse bytes longer than this (text: longer in characters);
            ``None`` for no limit.
        run: Collects the problems.

    Returns:
        The value. When the document cannot be read at all, it is ``None`` and
        the problems say why; duplicate keys are reported but the value is
        still returned, keeping the last of each duplicated key.
    """
    text = _text(data, max_bytes, run)
    if text is None:
        return None
    found_duplicates = False

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            nonlocal found_duplicates
            found_duplicates = True
            import collections

            marked = _Object(obj)
            counts = collections.Counter(k for k, _ in pairs)
            marked.duplicates = [k for k, n in counts.items() if n > 1]
            return marked
        return obj

    try:
        try:
            value = json.loads(
                text,
                object_pairs_hook=hook,
                parse_constant=reject_constant,
                parse_float=finite_float,
            )
        except ValueError as exc:
            if not _too_many_digits(exc):
                raise
            # Rare: read again, with each integer read by Python code, so that
            # one too long for int() is reported at its path.
            found_duplicates = False
            value = json.loads(
                text,
                object_pairs_hook=hook,
                parse_constant=reject_constant,
                parse_float=finite_float,
                parse_int=read_int,
            )
    except (RecursionError, MemoryError, ValueError) as exc:
        run.add(_unreadable(exc, data, text))
        return None
    if found_duplicates:
        _find_duplicates(value, run)
    if surrogate_escape(data):
        _find_surrogates(value, run)
    return value


def _text(data: str | bytes, max_bytes: int | None, run: Collector) -> str | None:
    """The document as text, if it is not too large and is valid UTF-8."""
    if max_bytes is not None and len(data) > max_bytes:
        unit = "bytes" if isinstance(data, bytes) else "characters"
        run.add(
            Problem(
                "too-large",
                "$",
                f"document is {len(data)} {unit}, more than the maximum of "
                f"{max_bytes}; pass a larger max_bytes to read it",
            )
        )
        return None
    if isinstance(data, bytes):
        try:
            return decode(data)
        except UnicodeDecodeError as exc:
            start = exc.start + (3 if data.startswith(_BOM) else 0)
            run.add(
                Problem(
                    "not-utf8",
                    "$",
                    f"byte {start} ({data[start : start + 1]!r}) is not "
                    "valid UTF-8; documents must be encoded as UTF-8",
                )
            )
            return None
    try:
        data.encode("utf-8")
    except UnicodeEncodeError as exc:
        run.add(
            Problem(
                "not-utf8",
                "$",
                f"character {exc.start} ({data[exc.start]!r}) is a lone "
                "surrogate, which UTF-8 cannot encode",
            )
        )
        return None
    return data


def _unreadable(exc: BaseException, data: str | bytes, text: str) -> Problem:
    """Why the parser could not read the document."""
    if isinstance(exc, json.JSONDecodeError):
        message = exc.msg
        if isinstance(data, str) and exc.pos == 0 and "\n" not in text[:4096]:
            message += (
                " (strings are read as JSON text; pass a pathlib.Path to read a file)"
            )
        return Problem("invalid-json", "$", message, exc.lineno, exc.colno)
    if isinstance(exc, _ConstantError):
        return _constant_problem(text, str(exc))
    if isinstance(exc, RecursionError):
        return Problem(
            "too-deep", "$", "arrays or objects are nested too deeply to read"
        )
    if isinstance(exc, MemoryError):
        return Problem("too-large", "$", "not enough memory to read the document")
    # e.g. an integer with more digits than int() reads
    return Problem("invalid-json", "$", f"cannot read a number: {exc}")
