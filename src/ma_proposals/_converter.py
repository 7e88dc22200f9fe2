"""The package's one cattrs converter, and its failures as problems.

The converter is strict at the boundary (see :mod:`ma_proposals.conversion`,
which is its public face). The walks (:mod:`._run`) use it too, for field types
they do not check themselves, and report its failures the same way.
"""

from __future__ import annotations

import enum
import threading
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from ._fields import data_fields
from ._paths import member
from ._run import json_type
from ._strings import close_matches
from .validation import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["converter", "problems"]


class _WrongTypeError(TypeError):
    """Raised by the strict hooks; ``expected`` names the JSON type wanted."""

    def __init__(self, expected: str, value: object) -> None:
        self.expected = expected
        self.got = json_type(value)
        super().__init__(f"expected {expected}, got {self.got}")


class _BadEnumError(ValueError):
    def __init__(self, cls: type[enum.Enum], value: object) -> None:
        allowed = ", ".join(repr(m.value) for m in cls)
        self.message = f"expected one of {allowed}, got {value!r}"
        super().__init__(self.message)


def _structure_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    raise _WrongTypeError("a string", value)


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _WrongTypeError("an integer", value)


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _WrongTypeError("a boolean", value)


def _structure_number(value: Any, _: type) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise _WrongTypeError("a number", value)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    values = {member.value: member for member in cls}

    def structure_enum(value: Any, _: type) -> enum.Enum:
        if not isinstance(value, str):
            raise _WrongTypeError("a string", value)
        try:
            return values[value]
        except KeyError:
            raise _BadEnumError(cls, value) from None

    return structure_enum


def _make_converter(detailed: bool) -> cattrs.Converter:
    made = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    made.register_structure_hook(str, _structure_str)
    made.register_structure_hook(int, _structure_int)
    made.register_structure_hook(bool, _structure_bool)
    made.register_structure_hook(int | float, _structure_number)
    made.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def tuple_factory(t: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        inner = homogenous_tuple_structure_factory(t, made)

        def structure_tuple(value: Any, t: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise _WrongTypeError("an array", value)
            result: tuple[Any, ...] = inner(value, t)
            return result

        return structure_tuple

    made.register_structure_hook_factory(is_sequence, tuple_factory)

    def attrs_factory(cls: type) -> Callable[[Any, type], Any]:
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(cls, made)

        def structure_class(value: Any, t: type) -> Any:
            if not isinstance(value, dict):
                raise _WrongTypeError("an object", value)
            return inner(value, t)

        return structure_class

    if detailed:
        # Without the check a non-object fails all the same (it cannot be
        # indexed by key), so the fast pass leaves it out and the detailed
        # pass, which explains failures, has it.
        made.register_structure_hook_factory(attrs.has, attrs_factory)
    return made


_converters: dict[bool, cattrs.Converter] = {}
_lock = threading.Lock()


def converter(detailed: bool = False) -> cattrs.Converter:
    """The package's converter; ``detailed`` for the pass that explains failures."""
    try:
        return _converters[detailed]
    except KeyError:
        with _lock:
            return _converters.setdefault(detailed, _make_converter(detailed))


def problems(exc: BaseException, path: str, cls: Any) -> list[Problem]:
    """Flatten a (detailed) cattrs exception tree into problems."""
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        out = [
            p
            for sub, item in items
            for p in problems(sub, f"{path}[{item.index}]", item.type)
        ]
        out.extend(p for sub in rest for p in problems(sub, path, None))
        return out
    if isinstance(exc, ClassValidationError):
        fields, rest = exc.group_exceptions()
        out = [
            p
            for sub, field in fields
            for p in problems(sub, f"{path}.{field.name}", field.type)
        ]
        out.extend(p for sub in rest for p in problems(sub, path, exc.cl))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in data_fields(exc.cl)]
        out = []
        for key in sorted(exc.extra_fields, key=str):
            close = close_matches(key, known)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            out.append(
                Problem(
                    "unknown-key",
                    member(path, key),
                    f"unknown key {key!r} in {exc.cl.__name__}{hint}",
                )
            )
        return out
    if isinstance(exc, KeyError):
        return [Problem("missing-key", path, "required key is missing")]
    if isinstance(exc, _WrongTypeError):
        return [Problem("wrong-type", path, str(exc))]
    if isinstance(exc, _BadEnumError):
        return [Problem("bad-enum", path, exc.message)]
    name = getattr(cls, "__name__", None) or str(cls)
    return [Problem("wrong-type", path, f"invalid value for {name}: {exc}")]
