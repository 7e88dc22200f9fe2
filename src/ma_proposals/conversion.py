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

from typing import Any, TypeVar

from ._converter import converter as _converter
from ._converter import problems as _problems
from .errors import ValidationError
from .validation import Problem, Report

__all__ = ["structure", "structure_problems", "unstructure"]

T = TypeVar("T")


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
        (None, [('missing-key', '$.start'), ('missing-key', '$.end'),
                ('missing-key', '$.exact')])
    """
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
