"""The interpreted walk: checks and structures a document in one pass.

Guided by the plans of :mod:`._plan`, it visits every object the model
describes, checks each value's type, rule and reference, builds the model
objects, and reports every problem to a :class:`~._run.Run`. A value of the
wrong type does not stop the walk: everything else is still checked, which is
how one pass reports every problem of a document.

:mod:`._compile` generates code that does exactly the same, faster, for large
documents; this walk costs nothing to set up, so small documents (the packaged
set among them) use it. The test suite runs both on the same documents and
requires the same problems and the same objects.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ._plan import INT_MAX, INT_MIN, Kind, class_plan
from ._run import BAD, SURROGATE
from .model import Evidence

if TYPE_CHECKING:
    from ._plan import ClassPlan, FieldPlan
    from ._run import Loc, Run

__all__ = ["walk"]

_MISSING: Any = object()


def walk(run: Run, cls: type, data: Any) -> Any:
    """Check and structure ``data`` as ``cls``; :data:`~._run.BAD` if it fails."""
    return _Walk(run).obj(class_plan(cls), data, None)


class _Walk:
    __slots__ = ("run",)

    def __init__(self, run: Run) -> None:
        self.run = run

    def obj(self, plan: ClassPlan, d: Any, loc: Loc) -> Any:
        run = self.run
        if not isinstance(d, dict):
            run.wrong_type(loc, "an object", d)
            run.nbad[0] += 1
            return BAD
        args: list[Any] = []
        ok = True
        present = 0
        for f in plan.fields:
            v = d.get(f.name, _MISSING)
            if v is _MISSING:
                if f.required:
                    run.missing(loc, f.name)
                    ok = False
                    args.append(None)
                else:
                    args.append(f.default() if f.factory else f.default)
                continue
            present += 1
            if v is None and f.optional:
                args.append(None)
                continue
            value = self.value(f, v, (loc, f.name))
            if value is BAD:
                ok = False
            args.append(value)
        if present != len(d):
            run.unknown(plan, d, loc)
        if plan.cls is Evidence:
            run.evidence(d, loc)
        if plan.support and all(
            d.get(s.name) is None or d.get(s.name) == [] for s in plan.support
        ):
            run.missing_evidence(loc, plan.cls)
        if ok and plan.setters is not None:
            if run.flag[0]:  # the set will not be returned: stop building
                run.nbad[0] += 1
                return BAD
            made: Any = object.__new__(plan.cls)
            for setter, arg in zip(plan.setters, args, strict=True):
                setter(made, arg)
            return made
        if ok:
            try:
                if plan.positional:
                    return plan.cls(*args)
                return plan.cls(
                    **{f.alias: a for f, a in zip(plan.fields, args, strict=True)}
                )
            except Exception as exc:  # reported as the converter reports it
                run.constructor(exc, loc, plan.cls)
        run.nbad[0] += 1
        return BAD

    def value(self, f: FieldPlan, v: Any, loc: Loc) -> Any:
        run = self.run
        kind = f.kind
        if kind is Kind.STR:
            if not isinstance(v, str):
                run.wrong_type(loc, "a string", v)
                return BAD
            self.string(f, v, loc)
            return v
        if kind is Kind.OBJ:
            assert f.cls is not None  # an OBJ field holds a model class
            return self.obj(class_plan(f.cls), v, loc)
        if kind is Kind.OBJS:
            return self.objects(f, v, loc)
        if kind is Kind.STRS:
            if not isinstance(v, list):
                run.wrong_type(loc, "an array", v)
                return BAD
            ok = True
            for i, s in enumerate(v):
                if isinstance(s, str):
                    self.string(f, s, (loc, i))
                else:
                    run.wrong_type((loc, i), "a string", s)
                    ok = False
            if f.ref is not None and len(v) > 1:
                run.duplicate_references(v, loc)
            return tuple(v) if ok else BAD
        if kind is Kind.INT:
            if isinstance(v, int) and not isinstance(v, bool):
                if not INT_MIN <= v <= INT_MAX:
                    run.out_of_range(loc, v)
                return v
            self.finite(v, loc)
            run.wrong_type(loc, "an integer", v)
            return BAD
        if kind is Kind.NUM:
            if isinstance(v, float):
                self.finite(v, loc)
                return v
            if isinstance(v, int) and not isinstance(v, bool):
                if not INT_MIN <= v <= INT_MAX:
                    run.out_of_range(loc, v)
                return v
            run.wrong_type(loc, "a number", v)
            return BAD
        if kind is Kind.BOOL:
            if isinstance(v, bool):
                return v
            self.finite(v, loc)
            run.wrong_type(loc, "a boolean", v)
            return BAD
        if kind is Kind.ENUM:
            values = f.enum_values
            assert values is not None  # an ENUM field has its values
            if isinstance(v, str):
                member = values.get(v, BAD)
                if member is BAD:
                    run.bad_enum(loc, values, v)
                return member
            self.finite(v, loc)
            run.wrong_type(loc, "a string", v)
            return BAD
        return run.other(f, v, loc)

    def string(self, f: FieldPlan, v: str, loc: Loc) -> None:
        if not v.isascii() and SURROGATE(v):
            self.run.lone_surrogate(loc, v)
        if f.ref is not None:
            if v not in self.run.valid_ids(f.ref, f.rule):
                self.run.reference(loc, f, v)
        elif f.rule is not None and f.test is not None and not f.test(v):
            self.run.rule(f.rule, v, loc)

    def objects(self, f: FieldPlan, v: Any, loc: Loc) -> Any:
        run = self.run
        if not isinstance(v, list):
            run.wrong_type(loc, "an array", v)
            return BAD
        assert f.cls is not None  # an OBJS field holds a model class
        plan = class_plan(f.cls)
        before = run.nbad[0]
        items = tuple([self.obj(plan, x, (loc, i)) for i, x in enumerate(v)])
        if plan.has_id and len(v) > 1:
            run.duplicate_ids(v, loc)
        return items if run.nbad[0] == before else BAD

    def finite(self, v: Any, loc: Loc) -> None:
        if isinstance(v, float) and not math.isfinite(v):
            self.run.not_finite(loc, v)
