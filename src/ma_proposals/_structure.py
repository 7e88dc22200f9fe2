"""The one engine: check data against the model and build its objects, in one pass.

Guided by the plans of :mod:`._plan` (derived from the model's classes and
their field metadata), :func:`structure` visits every object the model
describes, checks each value's type, rule and reference, compares every
evidence span with its text, builds the model objects, and reports every
problem to a :class:`~._collector.Collector`. A value of the wrong type does
not stop it: everything else is still checked, which is how one pass reports
every problem of a document.

It is plain Python, the same for every document whatever its size: no code is
generated, nothing depends on what the process did before. The valid path is
kept short (one loop over the fields of each object, type tests inline, the
slots of a new object filled directly); every problem is described by the
collector, which only then builds paths and messages.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ._collector import BAD, find_surrogate
from ._fields import Rule
from ._plan import INT_MAX, INT_MIN, Kind, class_plan

if TYPE_CHECKING:
    from collections.abc import Callable, Container

    from ._collector import Collector, Loc
    from ._plan import ClassPlan, FieldPlan

__all__ = ["structure"]

_MISSING: Any = object()
_STR, _STRS, _OBJ, _OBJS = Kind.STR, Kind.STRS, Kind.OBJ, Kind.OBJS
_INT, _NUM, _BOOL, _ENUM = Kind.INT, Kind.NUM, Kind.BOOL, Kind.ENUM
_NEW: Any = object.__new__


class _Following:
    """Every string that follows a rule: the ids of a collection not known."""

    __slots__ = ("test",)

    def __init__(self, test: Callable[[str], object]) -> None:
        self.test = test

    def __contains__(self, value: object) -> bool:
        return bool(self.test(value))  # type: ignore[arg-type]


def structure(run: Collector, cls: type, data: Any) -> Any:
    """Check and build ``data`` as ``cls``; :data:`~._collector.BAD` if it fails.

    Problems go to ``run``; once it has one, objects are still checked but no
    longer built (the result will not be returned).
    """
    return _Walk(run).obj(class_plan(cls), data, None)


class _Walk:
    __slots__ = ("run", "surrogates", "valid")

    def __init__(self, run: Collector) -> None:
        self.run = run
        # Text parsed from JSON had its lone surrogates reported already.
        self.surrogates = not run.parsed
        #: The ids each reference may name, by field.
        self.valid: dict[FieldPlan, Container[str]] = {}

    def valid_ids(self, f: FieldPlan) -> Container[str]:
        """The ids that field ``f`` may name: any id, when the set is unknown.

        :func:`~ma_proposals.conversion.structure` reads an object without its
        set: a reference then only has to follow the field's rule.
        """
        ref = f.ref
        assert ref is not None  # only references name ids
        valid: Container[str]
        if ref in self.run.known:
            valid = self.run.valid_ids(ref, f.rule)
        else:
            assert f.test is not None  # a reference follows the id rule
            valid = _Following(f.test)
        self.valid[f] = valid
        return valid

    def obj(self, plan: ClassPlan, d: Any, loc: Loc) -> Any:
        """Check and build one object of ``plan``'s class."""
        run = self.run
        if d.__class__ is not dict and not isinstance(d, dict):
            run.wrong_type(loc, "an object", d)
            run.nbad += 1
            return BAD
        try:
            values = plan.values(d)
        except KeyError:  # a key is missing: marked, and reported below
            values = tuple([d.get(key, _MISSING) for key in plan.keys])
        args: list[Any] = []
        add = args.append
        ok = True
        present = len(values)
        value = self.value
        for f, v in zip(plan.fields, values, strict=True):
            if v is None and f.optional:
                add(None)
            elif v is _MISSING:
                present -= 1
                if f.required:
                    run.missing(loc, f.name)
                    ok = False
                add(f.default() if f.factory else f.default)
            else:
                v = value(f, v, loc)
                if v is BAD:
                    ok = False
                add(v)
        if present != len(d):
            run.unknown(plan, d, loc)
        if plan.evidence:
            self.evidence(args, d, loc)
        if plan.support:
            for i in plan.support:
                if args[i]:  # a non-empty tuple (or a value of the wrong type)
                    break
            else:
                run.missing_evidence(loc, plan.cls)
        if ok and not run.flag:
            setters = plan.setters
            if setters is not None:
                made = _NEW(plan.cls)
                for setter, arg in zip(setters, args, strict=True):
                    setter(made, arg)
                return made
            try:
                return plan.build(args)
            except Exception as exc:  # a class that validates its own values
                run.constructor(exc, loc, plan.cls)
        run.nbad += 1
        return BAD

    def value(self, f: FieldPlan, v: Any, parent: Loc) -> Any:
        """Check and build the value ``v`` of field ``f`` of the object at ``parent``.

        Returns:
            The value to build with, or :data:`~._collector.BAD`.
        """
        kind = f.kind
        if kind is _STR:
            if isinstance(v, str):
                if f.rule is not None or self.surrogates:
                    self.string(f, v, parent, f.name)
                return v
            expected = "a string"
        elif kind is _INT or kind is _NUM:
            if isinstance(v, int) and not isinstance(v, bool):
                if not INT_MIN <= v <= INT_MAX:
                    self.run.out_of_range((parent, f.name), v)
                return v
            if kind is _NUM and isinstance(v, float):
                self.run.finite((parent, f.name), v)
                return v
            expected = "an integer" if kind is _INT else "a number"
        elif kind is _OBJS:
            if isinstance(v, list):
                return self.obj_list(f, v, (parent, f.name))
            expected = "an array"
        elif kind is _ENUM:
            if isinstance(v, str):
                member = f.enum_values.get(v, BAD)  # type: ignore[union-attr]
                if member is BAD:
                    self.run.bad_enum((parent, f.name), f.enum_values, v)  # type: ignore[arg-type]
                return member
            expected = "a string"
        elif kind is _OBJ:
            return self.obj(class_plan(f.cls), v, (parent, f.name))  # type: ignore[arg-type]
        elif kind is _STRS:
            if isinstance(v, list):
                return self.strings(f, v, (parent, f.name))
            expected = "an array"
        else:
            if isinstance(v, bool):
                return v
            expected = "a boolean"
        if isinstance(v, float) and not math.isfinite(v):
            self.run.not_finite((parent, f.name), v)  # only data built in code
        else:
            self.run.wrong_type((parent, f.name), expected, v)
        return BAD

    def obj_list(self, f: FieldPlan, v: list[Any], loc: Loc) -> Any:
        """Check and build a list of objects, whose ids (if any) are unique."""
        run = self.run
        sub = class_plan(f.cls)  # type: ignore[arg-type]
        before = run.nbad
        obj = self.obj
        items = tuple([obj(sub, x, (loc, i)) for i, x in enumerate(v)])
        built = run.nbad == before
        # Built objects have string ids; anything else needs a closer look.
        if (
            sub.has_id
            and len(v) > 1
            and (not built or len({x.id for x in items}) != len(items))
        ):
            run.duplicate_ids(v, loc)
        return items if built else BAD

    def strings(self, f: FieldPlan, v: list[Any], loc: Loc) -> Any:
        """Check a list of strings, whose references (if any) are unique."""
        ok = True
        for i, s in enumerate(v):
            if isinstance(s, str):
                if f.rule is not None or self.surrogates:
                    self.string(f, s, loc, i)
            else:
                self.run.wrong_type((loc, i), "a string", s)
                ok = False
        if f.ref is not None and len(v) > 1:
            self.run.duplicate_references(v, loc)
        return tuple(v) if ok else BAD

    def string(self, f: FieldPlan, v: str, parent: Loc, key: str | int) -> None:
        """The rule, reference and surrogate checks of one string."""
        if f.ref is not None:
            valid = self.valid.get(f)
            if valid is None:
                valid = self.valid_ids(f)
            if v not in valid:
                self.run.reference((parent, key), f, v)
        elif f.text:
            if not v or v.isspace():
                self.run.rule(Rule.TEXT, v, (parent, key))
        elif f.test is not None and not f.test(v):
            self.run.rule(f.rule, v, (parent, key))  # type: ignore[arg-type]
        if self.surrogates and not v.isascii() and find_surrogate(v):
            self.run.lone_surrogate((parent, key), v)

    def evidence(self, args: list[Any], d: dict[str, Any], loc: Loc) -> None:
        """An evidence span's quote is where it says, in its source's text."""
        sid, start, end, exact = args[:4]
        text = self.run.texts.get(sid) if sid.__class__ is str else None
        if (
            text is None
            or start.__class__ is not int
            or end.__class__ is not int
            or exact.__class__ is not str
            or not 0 <= start < end <= len(text)
            or end - start != len(exact)
            or not text.startswith(exact, start)
        ):
            self.run.evidence(d, loc)
