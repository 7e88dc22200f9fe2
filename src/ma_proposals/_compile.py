"""The compiled walk: code generated from the model, once, for large documents.

Like cattrs, which generates a structuring function per class, this module
writes Python source for every model class reachable from the root class, from
the same plans (:mod:`._plan`) that guide the interpreted walk (:mod:`._walk`),
and compiles it at first use. The generated functions do exactly what the
interpreted walk does (the test suite runs both and compares problems and
objects), with the type tests, rules and references of each field written
inline, so a valid object costs a few dictionary lookups and its constructor.

The source is a factory: calling it with one document's :class:`~._run.Run`
returns the root function, whose inner functions reach the run's state through
closure cells. The compiled code is shared by all threads; the state is not.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, Any

from ._fields import Rule
from ._plan import INT_MAX, INT_MIN, Kind, reachable
from ._run import BAD, SURROGATE
from .model import Evidence

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._plan import ClassPlan, FieldPlan
    from ._run import Run

__all__ = ["Writer", "compiled", "is_compiled", "source"]

_MISSING: Any = object()
# An integer, not a boolean.
_INT = "v.__class__ is int or (isinstance(v, int) and v.__class__ is not bool)"
_lock = threading.Lock()
_factories: dict[type, Callable[..., Callable[[Any, Any], Any]]] = {}
_sources: dict[type, str] = {}


class Writer:
    """Source lines and the constants they name (shared with :mod:`._fastpath`)."""

    def __init__(self, root: type) -> None:
        self.lines: list[str] = []
        self.consts: dict[str, Any] = {
            "BAD": BAD,
            "MISSING": _MISSING,
            "INT_MIN": INT_MIN,
            "INT_MAX": INT_MAX,
            "isfinite": math.isfinite,
            "NEW": object.__new__,
            "SURROGATE": SURROGATE,
        }
        self.plans = reachable(root)
        self.names = {plan.cls: f"c{i}" for i, plan in enumerate(self.plans)}
        self.plan_of = {plan.cls: plan for plan in self.plans}
        self.valid: dict[tuple[str, Rule | None], str] = {}

    def const(self, name: str, value: Any) -> str:
        self.consts[name] = value
        return name

    def emit(self, indent: int, *lines: str) -> None:
        self.lines.extend(" " * indent + line for line in lines)

    def valid_set(self, ref: str, rule: Rule | None) -> str:
        """The variable holding the valid ids of collection ``ref``."""
        key = (ref, rule)
        if key not in self.valid:
            self.valid[key] = f"V{len(self.valid)}"
        return self.valid[key]

    def item(self, f: FieldPlan) -> tuple[str, ClassPlan]:
        """The generated function and the plan of the class a field holds."""
        assert f.cls is not None, f"{f.name} holds no model class"  # OBJ and OBJS
        return self.names[f.cls], self.plan_of[f.cls]


def source(root: type) -> str:
    """The generated source for ``root`` (for reading and debugging)."""
    _factory(root)
    return _sources[root]


def _factory(root: type) -> Callable[..., Callable[[Any, Any], Any]]:
    try:
        return _factories[root]
    except KeyError:
        pass
    with _lock:
        if root not in _factories:
            w = Writer(root)
            body: list[str] = []
            for plan in w.plans:
                w.lines = []
                _class(w, plan)
                body.extend(w.lines)
            head = [
                "def factory(R, NB, FLAG, TEXTS, VALID):",
                *(
                    f"    {name} = VALID({key[0]!r}, RULES[{i}])"
                    for i, (key, name) in enumerate(w.valid.items())
                ),
            ]
            w.consts["RULES"] = [key[1] for key in w.valid]
            text = "\n".join([*head, *body, f"    return {w.names[root]}", ""])
            namespace = dict(w.consts)
            filename = f"<ma_proposals generated walk {root.__qualname__}>"
            exec(compile(text, filename, "exec"), namespace)
            _sources[root] = text
            _factories[root] = namespace["factory"]
        return _factories[root]


def is_compiled(root: type) -> bool:
    """Whether the walk of ``root`` has been generated already."""
    return root in _factories


def compiled(run: Run, root: type) -> Callable[[Any, Any], Any]:
    """The generated walk of ``root``, bound to ``run``: call it on the data."""
    return _factory(root)(run, run.nbad, run.flag, run.texts, run.valid_ids)


def _class(w: Writer, plan: ClassPlan) -> None:
    cls = plan.cls
    name = w.names[cls]
    c = w.const(f"{name}_cls", cls)
    p = w.const(f"{name}_plan", plan)
    required = sum(f.required for f in plan.fields)
    w.emit(
        4,
        f"def {name}(d, loc):  # {cls.__module__}.{cls.__qualname__}",
        "    if d.__class__ is not dict and not isinstance(d, dict):",
        "        R.wrong_type(loc, 'an object', d)",
        "        NB[0] += 1",
        "        return BAD",
        "    ok = True",
        f"    n = {required}",
    )
    if not all(f.required for f in plan.fields):
        w.emit(8, "get = d.get")
    support = {s.name for s in plan.support}
    for k, f in enumerate(plan.fields):
        _field(w, name, k, f, raw=f.name in support)
    w.emit(8, "if len(d) != n:", f"    R.unknown({p}, d, loc)")
    if cls is Evidence:
        _evidence(w, plan)
    if plan.support:
        test = " and ".join(
            f"(r{k} is None or r{k} == [])"
            for k, f in enumerate(plan.fields)
            if f.name in support
        )
        w.emit(8, f"if {test}:", f"    R.missing_evidence(loc, {c})")
    if plan.setters is not None:
        # Fill the slots of a bare instance: what the constructor does, faster.
        # Once a problem is found, the set is not returned: stop building.
        w.emit(8, "if ok and not FLAG[0]:", f"    o = NEW({c})")
        for k, setter in enumerate(plan.setters):
            w.emit(12, f"{w.const(f'{name}_s{k}', setter)}(o, a{k})")
        w.emit(12, "return o")
    else:
        if plan.positional:
            args = ", ".join(f"a{k}" for k in range(len(plan.fields)))
        else:
            args = ", ".join(f"{f.alias}=a{k}" for k, f in enumerate(plan.fields))
        w.emit(
            8,
            "if ok:",
            "    try:",
            f"        return {c}({args})",
            "    except Exception as e:",
            f"        R.constructor(e, loc, {c})",
        )
    w.emit(8, "NB[0] += 1", "return BAD")


def _field(w: Writer, cname: str, k: int, f: FieldPlan, *, raw: bool) -> None:
    a = f"a{k}"
    if f.required:
        w.emit(
            8,
            "try:",
            f"    v = d[{f.name!r}]",
            "except KeyError:",
            f"    R.missing(loc, {f.name!r})",
            "    ok = False",
            "    n -= 1",
            f"    {a} = None",
            *([f"    r{k} = None"] if raw else []),
            "else:",
        )
    else:
        default = w.const(f"{cname}_d{k}", f.default)
        w.emit(
            8,
            f"v = get({f.name!r}, MISSING)",
            "if v is MISSING:",
            f"    {a} = {default}{'()' if f.factory else ''}",
            *([f"    r{k} = None"] if raw else []),
            "else:",
            "    n += 1",
        )
    if raw:
        w.emit(12, f"r{k} = v")
    indent = 12
    if f.optional:
        w.emit(indent, "if v is None:", f"    {a} = None", "else:")
        indent += 4
    _value(w, cname, k, f, indent)


def _value(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    """Check (and structure) the value ``v`` of field ``k`` into ``a<k>``."""
    _VALUES.get(f.kind, _other)(w, cname, k, f, i)


def _fail(k: int) -> list[str]:
    """The lines that mark field ``k`` as failed."""
    return ["    ok = False", f"    a{k} = None"]


def _here(f: FieldPlan) -> str:
    """The location of the field's value, as generated code builds it."""
    return f"(loc, {f.name!r})"


def _finite(f: FieldPlan) -> list[str]:
    """Report a float that JSON cannot hold (only data built in code has one)."""
    return [
        "    if isinstance(v, float) and not isfinite(v):",
        f"        R.not_finite({_here(f)}, v)",
    ]


def _str(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    here = _here(f)
    w.emit(i, "if v.__class__ is str or isinstance(v, str):", f"    a{k} = v")
    _string(w, cname, k, f, i + 4, "v", here)
    w.emit(i, "else:", f"    R.wrong_type({here}, 'a string', v)", *_fail(k))


def _strs(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    here = _here(f)
    w.emit(
        i,
        "if v.__class__ is list or isinstance(v, list):",
        f"    a{k} = tuple(v)",
        "    allstr = True",
        "    for j, s in enumerate(v):",
        "        if s.__class__ is str or isinstance(s, str):",
    )
    _string(w, cname, k, f, i + 12, "s", f"({here}, j)")
    w.emit(
        i,
        "        else:",
        f"            R.wrong_type(({here}, j), 'a string', s)",
        "            allstr = ok = False",
    )
    if f.ref is not None:
        w.emit(
            i,
            "    if len(v) > 1 and (not allstr or len(set(v)) != len(v)):",
            f"        R.duplicate_references(v, {here})",
        )
    w.emit(i, "    if not allstr:", f"        a{k} = None")
    w.emit(i, "else:", f"    R.wrong_type({here}, 'an array', v)", *_fail(k))


def _obj(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    sub, _ = w.item(f)
    a = f"a{k}"
    w.emit(i, f"{a} = {sub}(v, {_here(f)})", f"if {a} is BAD:", "    ok = False")


def _objs(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    sub, plan = w.item(f)
    a = f"a{k}"
    w.emit(
        i,
        "if v.__class__ is list or isinstance(v, list):",
        "    nb = NB[0]",
        f"    here = {_here(f)}",
        f"    {a} = tuple([{sub}(x, (here, j)) for j, x in enumerate(v)])",
        "    if NB[0] != nb:",
        "        ok = False",
    )
    if plan.has_id:
        w.emit(
            i,
            "        if len(v) > 1:",
            "            R.duplicate_ids(v, here)",
            "    elif len(v) > 1:",
            f"        ids = [x.id for x in {a}]",
            "        if len(set(ids)) != len(ids):",
            "            R.duplicate_ids(v, here)",
        )
    w.emit(i, "else:", f"    R.wrong_type({_here(f)}, 'an array', v)", *_fail(k))


def _int(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    here = _here(f)
    w.emit(
        i,
        f"if {_INT}:",
        f"    a{k} = v",
        "    if not INT_MIN <= v <= INT_MAX:",
        f"        R.out_of_range({here}, v)",
        "else:",
        *_finite(f),
        f"    R.wrong_type({here}, 'an integer', v)",
        *_fail(k),
    )


def _num(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    here = _here(f)
    w.emit(
        i,
        "if isinstance(v, float):",
        f"    a{k} = v",
        "    if not isfinite(v):",
        f"        R.not_finite({here}, v)",
        f"elif {_INT}:",
        f"    a{k} = v",
        "    if not INT_MIN <= v <= INT_MAX:",
        f"        R.out_of_range({here}, v)",
        "else:",
        f"    R.wrong_type({here}, 'a number', v)",
        *_fail(k),
    )


def _bool(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    w.emit(
        i,
        "if v is True or v is False:",
        f"    a{k} = v",
        "else:",
        *_finite(f),
        f"    R.wrong_type({_here(f)}, 'a boolean', v)",
        *_fail(k),
    )


def _enum(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    here = _here(f)
    values = w.const(f"{cname}_e{k}", f.enum_values)
    a = f"a{k}"
    w.emit(
        i,
        "if v.__class__ is str or isinstance(v, str):",
        f"    {a} = {values}.get(v, BAD)",
        f"    if {a} is BAD:",
        f"        R.bad_enum({here}, {values}, v)",
        "        ok = False",
        "else:",
        *_finite(f),
        f"    R.wrong_type({here}, 'a string', v)",
        *_fail(k),
    )


def _other(w: Writer, cname: str, k: int, f: FieldPlan, i: int) -> None:
    """A kind only the converter structures."""
    plan = w.const(f"{cname}_f{k}", f)
    a = f"a{k}"
    w.emit(
        i, f"{a} = R.other({plan}, v, {_here(f)})", f"if {a} is BAD:", "    ok = False"
    )


_VALUES: dict[Kind, Callable[[Writer, str, int, FieldPlan, int], None]] = {
    Kind.STR: _str,
    Kind.STRS: _strs,
    Kind.OBJ: _obj,
    Kind.OBJS: _objs,
    Kind.INT: _int,
    Kind.NUM: _num,
    Kind.BOOL: _bool,
    Kind.ENUM: _enum,
}


def _string(
    w: Writer, cname: str, k: int, f: FieldPlan, i: int, v: str, here: str
) -> None:
    """The rule and reference checks of one string (known to be a ``str``)."""
    w.emit(
        i,
        f"if not {v}.isascii() and SURROGATE({v}):",
        f"    R.lone_surrogate({here}, {v})",
    )
    if f.ref is not None:
        plan = w.const(f"{cname}_f{k}", f)
        w.emit(
            i,
            f"if {v} not in {w.valid_set(f.ref, f.rule)}:",
            f"    R.reference({here}, {plan}, {v})",
        )
    elif f.rule is Rule.TEXT:
        rule = w.const("TEXT", Rule.TEXT)
        w.emit(i, f"if not {v} or {v}.isspace():", f"    R.rule({rule}, {v}, {here})")
    elif f.rule is not None:
        test = w.const(f"{cname}_t{k}", f.test)
        rule = w.const(f"{cname}_r{k}", f.rule)
        w.emit(i, f"if not {test}({v}):", f"    R.rule({rule}, {v}, {here})")


def _evidence(w: Writer, plan: ClassPlan) -> None:
    """The common case of the evidence check, inline: the quote is in its place."""
    names = [f.name for f in plan.fields]
    s, b, e, x = (f"a{names.index(n)}" for n in ("source", "start", "end", "exact"))
    # t[b:e] == x, without building the slice.
    w.emit(
        8,
        f"t = TEXTS.get({s}) if {s}.__class__ is str else None",
        f"if (t is None or {b}.__class__ is not int or {e}.__class__ is not int",
        f"        or {x}.__class__ is not str or not 0 <= {b} < {e} <= len(t)",
        f"        or {e} - {b} != len({x}) or not t.startswith({x}, {b})):",
        "    R.evidence(d, loc)",
    )
