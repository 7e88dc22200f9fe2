"""Model objects to JSON-ready data and back, by the rules of the format.

:func:`structure` builds a model object from data as parsed from JSON with the
package's one engine, the one that :func:`~ma_proposals.validate` and the
loaders use: no coercion (``"2020"`` is not an integer, ``true`` is not a
number, ``"yes"`` is not a boolean, a string is not an array), unknown keys
refused, and every rule that an object can be checked against on its own
(ids, non-empty text, dates, 64-bit integers, evidence present). References
between items and evidence against source texts need the whole set: those
are :func:`~ma_proposals.validate`'s. :func:`unstructure` is the package's one
cattrs converter: enums become their values and tuples become arrays.

Example:
    >>> from ma_proposals import conversion, Citation
    >>> cite = conversion.structure({"source": "wikipedia"}, Citation)
    >>> conversion.unstructure(cite)
    {'source': 'wikipedia', 'quote': None}
"""

from __future__ import annotations

import operator
import threading
from typing import TYPE_CHECKING, Any, TypeVar

from ._collector import Collector, InCode
from ._plan import Kind, field_plan
from ._structure import structure as _structure
from .errors import ValidationError
from .problems import Problem, Report

__all__ = ["structure", "structure_problems", "unstructure"]

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

T = TypeVar("T")

_converters: list[cattrs.Converter] = []
_lock = threading.Lock()


def _converter() -> cattrs.Converter:
    """The package's one cattrs converter, made at first use.

    Reading a set never imports cattrs: only writing one does.
    """
    if not _converters:
        import cattrs

        with _lock:
            if not _converters:
                _converters.append(cattrs.Converter())
    return _converters[0]


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
        (None, [('missing-key', '$.end'), ('missing-key', '$.exact'),
                ('missing-key', '$.start')])
    """
    run = Collector(None)
    obj = _structure(run, cls, data)
    if run.failed:
        return None, list(Report(run.problems).problems)
    return obj, []


def structure(data: Any, cls: type[T]) -> T:
    """Structure JSON-ready data into a model class, strictly.

    This checks everything an object holds on its own; use
    :func:`~ma_proposals.validate` for references between items and for
    evidence against the source texts.

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
    :class:`~ma_proposals._collector.InCode`; other values stay as they are (the checks
    test their types). For objects of the right types it gives exactly what
    :func:`unstructure` gives.
    """
    return _checkable(obj, type(obj))


# How a class's fields are made checkable: a plain value is copied as it is; the
# others are checked for their Python type and converted.
_OBJ, _OBJS, _STRS, _ENUM = range(4)
_Steps = tuple[tuple[str, ...], Any, tuple[tuple[int, str, int, Any], ...]]
_steps_of: dict[type, _Steps] = {}


def _steps(cls: type) -> _Steps:
    """How to make an object of ``cls`` checkable (cached per class).

    The names of its fields, a getter of their values, and the fields that do
    not hold a plain value, each with how to convert it.
    """
    try:
        return _steps_of[cls]
    except KeyError:
        pass
    plan = field_plan(cls)
    names = tuple(f.name for f in plan)
    get: Callable[[Any], tuple[Any, ...]]
    if len(names) > 1:
        get = operator.attrgetter(*names)
    else:  # attrgetter of one name gives the value, not a tuple
        get = lambda obj: tuple(getattr(obj, name) for name in names)  # noqa: E731
    special: list[tuple[int, str, int, Any]] = []
    for i, f in enumerate(plan):
        if f.kind is Kind.OBJ:
            special.append((i, f.name, _OBJ, f.cls))
        elif f.kind is Kind.OBJS:
            special.append((i, f.name, _OBJS, f.cls))
        elif f.kind is Kind.STRS:
            special.append((i, f.name, _STRS, None))
        elif f.kind is Kind.ENUM:
            special.append((i, f.name, _ENUM, f.type))
    return _steps_of.setdefault(cls, (names, get, tuple(special)))


def _checkable(value: Any, cls: type) -> Any:
    if not isinstance(value, cls):
        return InCode(value, f"a {cls.__name__}")
    names, get, special = _steps(cls)
    values = get(value)
    data: dict[str, Any] = dict(zip(names, values, strict=True))
    for i, name, how, sub in special:
        v = values[i]
        if v is None:
            continue
        if how == _OBJ:
            data[name] = _checkable(v, sub)
        elif how == _ENUM:
            data[name] = (
                v.value if isinstance(v, sub) else InCode(v, f"a {sub.__name__}")
            )
        elif type(v) is not tuple:
            data[name] = InCode(v, "a tuple")
        elif how == _OBJS:
            data[name] = [_checkable(x, sub) for x in v]
        elif how == _STRS:
            data[name] = list(v)
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
