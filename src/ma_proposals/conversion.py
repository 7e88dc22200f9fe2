"""The package's one cattrs configuration: JSON-ready data to model and back.

The converter is strict at the boundary: unknown keys are refused, primitives are
not coerced (``"2020"`` is not an integer, ``true`` is not a number, ``"yes"`` is
not a boolean, a string is not a sequence), enums round-trip by value and tuples
become JSON arrays. Structuring
failures come back as :class:`~ma_proposals.Problem` objects with JSON paths, never
as raw exception groups.

Structuring first runs cattrs without detailed validation, which is faster; only
when that fails does it run again in detailed mode to explain every failure.

Example:
    >>> from ma_proposals import conversion, Recommendation
    >>> rec = conversion.structure({"id": "r1", "text": "Act."}, Recommendation)
    >>> conversion.unstructure(rec)["id"]
    'r1'
"""

from __future__ import annotations

import enum
import threading
from typing import TYPE_CHECKING, Any, TypeVar

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
from .errors import ValidationError
from .validation import Problem, Report

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["structure", "structure_problems", "unstructure"]

T = TypeVar("T")


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
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int | float, _structure_number)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def tuple_factory(t: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        inner = homogenous_tuple_structure_factory(t, converter)

        def structure_tuple(value: Any, t: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise _WrongTypeError("an array", value)
            result: tuple[Any, ...] = inner(value, t)
            return result

        return structure_tuple

    converter.register_structure_hook_factory(is_sequence, tuple_factory)

    def attrs_factory(cls: type) -> Callable[[Any, type], Any]:
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter)

        def structure_class(value: Any, t: type) -> Any:
            if not isinstance(value, dict):
                raise _WrongTypeError("an object", value)
            return inner(value, t)

        return structure_class

    if detailed:
        # Without the check a non-object fails all the same (it cannot be
        # indexed by key), so the fast pass leaves it out and the detailed
        # pass, which explains failures, has it.
        converter.register_structure_hook_factory(attrs.has, attrs_factory)
    return converter


_converters: dict[bool, cattrs.Converter] = {}
_lock = threading.Lock()


def _converter(detailed: bool = False) -> cattrs.Converter:
    try:
        return _converters[detailed]
    except KeyError:
        with _lock:
            return _converters.setdefault(detailed, _make_converter(detailed))


def _problems(exc: BaseException, path: str, cls: Any) -> list[Problem]:
    """Flatten a (detailed) cattrs exception tree into problems."""
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        out = [
            p
            for sub, item in items
            for p in _problems(sub, f"{path}[{item.index}]", item.type)
        ]
        out.extend(p for sub in rest for p in _problems(sub, path, None))
        return out
    if isinstance(exc, ClassValidationError):
        fields, rest = exc.group_exceptions()
        out = [
            p
            for sub, field in fields
            for p in _problems(sub, f"{path}.{field.name}", field.type)
        ]
        out.extend(p for sub in rest for p in _problems(sub, path, exc.cl))
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


def structure_problems(data: Any, cls: type[T]) -> tuple[T | None, list[Problem]]:
    """Structure JSON-ready data into a model class, collecting problems.

    Args:
        data: Data as parsed from JSON (dicts, lists, strings, numbers).
        cls: The model class to build, e.g. :class:`~ma_proposals.ProposalSet`.

    Returns:
        ``(obj, [])`` on success, ``(None, problems)`` on failure, where each
        problem has the JSON path of the offending value.

    Example:
        >>> from ma_proposals import conversion, Evidence
        >>> obj, problems = conversion.structure_problems({"source": "a"}, Evidence)
        >>> obj, [(p.code, p.path) for p in problems]
        (None, [('missing-key', '$.start'), ('missing-key', '$.end'), ('missing-key', '$.exact')])
    """  # noqa: E501
    try:
        return _converter().structure(data, cls), []
    except Exception:  # any failure is explained by the detailed pass
        pass
    try:
        obj = _converter(detailed=True).structure(data, cls)
    except Exception as exc:  # translated into problems
        return None, _problems(exc, "$", cls)
    return obj, []  # pragma: no cover - the fast pass failed but this one did not


def structure(data: Any, cls: type[T]) -> T:
    """Structure JSON-ready data into a model class, strictly.

    This checks shape only (keys, types, enum values); use
    :func:`~ma_proposals.validate` for the meaning (ids, references, evidence).

    Args:
        data: Data as parsed from JSON.
        cls: The model class to build.

    Returns:
        The structured instance.

    Raises:
        ValidationError: The data does not have the shape of ``cls``.

    Example:
        >>> from ma_proposals import conversion, Citation
        >>> conversion.structure({"source": "x", "quote": 1}, Citation)
        Traceback (most recent call last):
        ...
        ma_proposals.errors.ValidationError: <object>: 1 problem
          $.quote: expected a string, got a number [wrong-type]
    """
    obj, problems = structure_problems(data, cls)
    if obj is None:
        raise ValidationError(Report(problems))
    return obj


def checkable(obj: Any) -> Any:
    """A set built in code as data for the checks, whatever its fields hold.

    :func:`unstructure` trusts the annotations: a string where a
    :class:`~ma_proposals.Claim` belongs makes it raise, and a dict or a list
    passes as if it were the object or the tuple. This never raises, and keeps
    every value of the wrong type visible to the checks: a model object, tuple
    or enum member of the wrong type is wrapped in
    :class:`~ma_proposals._run.InCode`; other values stay as they are (the checks
    test their types). For objects of the right types it gives exactly what
    :func:`unstructure` gives.
    """
    return _checkable(obj, type(obj))


def _checkable(value: Any, cls: type) -> Any:
    from ._plan import Kind, field_plan
    from ._run import InCode

    if not isinstance(value, cls):
        return InCode(value, f"a {cls.__name__}")
    data: dict[str, Any] = {}
    for f in field_plan(cls):
        v = getattr(value, f.name)
        if v is None:
            data[f.name] = None
        elif f.kind is Kind.OBJ and f.cls is not None:
            data[f.name] = _checkable(v, f.cls)
        elif f.kind in (Kind.OBJS, Kind.STRS) and type(v) is not tuple:
            data[f.name] = InCode(v, "a tuple")
        elif f.kind is Kind.OBJS and f.cls is not None:
            data[f.name] = [_checkable(x, f.cls) for x in v]
        elif f.kind is Kind.STRS:
            data[f.name] = list(v)
        elif f.kind is Kind.ENUM:
            data[f.name] = (
                v.value if isinstance(v, f.type) else InCode(v, f"a {f.type.__name__}")
            )
        elif f.kind is Kind.OTHER:
            try:
                data[f.name] = unstructure(v)
            except Exception:  # left to the checks, as it is
                data[f.name] = v
        else:
            data[f.name] = v
    return data


def unstructure(obj: Any) -> Any:
    """Turn model objects into JSON-ready data (dicts, lists, strings, numbers).

    Fields come out in the model's order; enums become their values and tuples
    become lists.

    Args:
        obj: A model instance, or a tuple or list of them.

    Returns:
        Data that :func:`json.dumps` accepts.

    Example:
        >>> from ma_proposals import conversion, Statistic, Qualifier
        >>> stat = Statistic("s", "Users", 5, "people", Qualifier.MORE_THAN)
        >>> conversion.unstructure(stat)["qualifier"]
        'more-than'
    """
    return _converter().unstructure(obj)
