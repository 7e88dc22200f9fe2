"""How the checker treats each model class and field, derived from the model.

Every plan is computed from a class's attrs fields, their type annotations and
their metadata (:mod:`._fields`) at first use, and cached. Nothing here names a
model field, except the two names that mark support (``evidence`` and
``citations``) and the ``id`` of collection items: a class or field added to the
model is checked with no change to this module.
"""

from __future__ import annotations

import enum
import operator
import sys
import threading
import types
import typing
from typing import Any

import attrs

from ._fields import DOC, REF, RULE, Rule, data_fields, rule_test

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "SPAN",
    "SUPPORT",
    "ClassPlan",
    "FieldPlan",
    "Kind",
    "class_plan",
    "field_plan",
    "reachable",
]

#: Fields whose presence makes a class "evidenced": an object of such a class
#: needs at least one evidence span or citation.
SUPPORT = ("evidence", "citations")

#: The integers a signed 64-bit integer holds (SQLite's, and most tools').
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


class Kind(enum.Enum):
    """What a field holds, as far as checking and structuring go."""

    STR = "str"
    STRS = "strs"  # a tuple of strings
    OBJ = "obj"  # a model class
    OBJS = "objs"  # a tuple of a model class
    INT = "int"
    NUM = "num"  # int | float
    BOOL = "bool"
    ENUM = "enum"


#: The fields of an evidence span, in this order, that the engine compares with
#: the source's text.
SPAN = ("source", "start", "end", "exact")


class FieldPlan:
    """How the checker treats one data field of a model class."""

    __slots__ = (
        "alias",
        "cls",
        "default",
        "doc",
        "enum_values",
        "factory",
        "kind",
        "name",
        "optional",
        "ref",
        "required",
        "rule",
        "test",
        "text",
        "type",
    )

    def __init__(self, field: attrs.Attribute[Any], tp: Any, owner: type) -> None:
        self.name: str = field.name
        self.alias: str = field.alias or field.name
        #: The field's description (its ``meta(doc)``).
        self.doc: str = field.metadata.get(DOC, "")
        self.rule: Rule | None = field.metadata.get(RULE)
        self.ref: str | None = field.metadata.get(REF)
        self.test = None if self.rule is None else rule_test(self.rule)
        #: Whether the rule is :attr:`Rule.TEXT` (tested inline by the engine).
        self.text = self.rule is Rule.TEXT
        default = field.default
        self.required = default is attrs.NOTHING
        self.factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type]
        if self.factory and default.takes_self:  # type: ignore[union-attr]
            raise TypeError(f"{field.name}: a default that takes self is unsupported")
        self.default: Any = (
            default.factory if self.factory else default  # type: ignore[union-attr]
        )
        self.optional, tp = _unwrap_optional(tp)
        self.type: Any = tp
        item = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else None
        if item is not None and typing.get_args(tp)[1:] != (...,):
            item = None  # a fixed-length tuple: not a kind of the format
        self.cls: type | None = None
        self.enum_values: dict[Any, enum.Enum] | None = None
        if tp is str:
            self.kind = Kind.STR
        elif item is str:
            self.kind = Kind.STRS
        elif attrs.has(tp):
            self.kind, self.cls = Kind.OBJ, tp
        elif item is not None and attrs.has(item):
            self.kind, self.cls = Kind.OBJS, item
        elif tp is int:
            self.kind = Kind.INT
        elif tp == int | float:
            self.kind = Kind.NUM
        elif tp is bool:
            self.kind = Kind.BOOL
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            self.kind = Kind.ENUM
            self.enum_values = {member.value: member for member in tp}
        else:
            raise TypeError(
                f"{owner.__qualname__}.{field.name}: {tp!r} is not a type the format "
                "holds (str, int, int | float, bool, an enum, a model class, a "
                "tuple of str or of a model class, or one of these or None)"
            )

    def __repr__(self) -> str:
        return f"<FieldPlan {self.name} {self.kind.value}>"


class ClassPlan:
    """How the checker treats one model class."""

    __slots__ = (
        "cls",
        "evidence",
        "fields",
        "has_id",
        "keys",
        "names",
        "positional",
        "setters",
        "support",
        "values",
    )

    def __init__(self, cls: type, fields: tuple[FieldPlan, ...]) -> None:
        self.cls = cls
        self.fields = fields
        #: The keys of the fields, in order.
        self.keys = tuple(f.name for f in fields)
        self.names = frozenset(self.keys)
        #: The values of every field's key in a mapping, in order (in one
        #: call); raises :class:`KeyError` when one is missing.
        self.values: typing.Callable[[Any], tuple[Any, ...]] = (
            operator.itemgetter(*self.keys)
            if len(fields) > 1
            else lambda d: tuple([d[key] for key in self.keys])
        )
        #: The positions of the fields that make the class evidenced.
        self.support = tuple(i for i, f in enumerate(fields) if f.name in SUPPORT)
        self.has_id = "id" in self.names
        #: Whether objects of the class are evidence spans (:data:`SPAN` are
        #: their first fields), compared with their source's text.
        self.evidence = tuple(f.name for f in fields[: len(SPAN)]) == SPAN
        # Positional arguments are fastest; keyword-only fields need names.
        init = [a for a in attrs.fields(cls) if a.init]
        self.positional = not any(a.kw_only for a in init)
        #: Setters of the fields' slots, in field order, when filling the slots
        #: of a bare instance makes exactly what the constructor makes.
        self.setters = _slot_setters(cls, fields)

    def build(self, args: list[Any]) -> Any:
        """An instance made by the class's constructor from checked values.

        Raises:
            Exception: The constructor refused the values (a class with
                validators of its own).
        """
        if self.positional:
            return self.cls(*args)
        return self.cls(**{f.alias: a for f, a in zip(self.fields, args, strict=True)})


def _slots(cls: type) -> list[str]:
    names: list[str] = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    return [n for n in names if n not in ("__weakref__", "__dict__")]


def _slot_setters(
    cls: type, fields: tuple[FieldPlan, ...]
) -> tuple[typing.Callable[[Any, Any], None], ...] | None:
    """The slots' setters, if building an instance from them is safe.

    attrs' constructor of a frozen, slotted class sets each slot in turn; doing
    that directly saves the constructor's own overhead. It is safe only when
    the constructor does nothing else (no validators, converters, hooks or
    private fields); this is checked on the class's attributes, then proven by
    building one instance both ways and comparing every slot.
    """
    fields_ = attrs.fields(cls)
    if (
        not attrs.has(cls)
        or any(not a.init or a.validator or a.converter for a in fields_)
        or len(fields_) != len(fields)
        or any(hasattr(cls, h) for h in ("__attrs_pre_init__", "__attrs_post_init__"))
    ):
        return None
    setters = []
    for f in fields:
        descriptor = getattr(cls, f.name, None)
        if not isinstance(descriptor, types.MemberDescriptorType):
            return None
        setters.append(descriptor.__set__)
    samples = [object() for _ in fields]
    try:
        made = cls(**{f.alias: v for f, v in zip(fields, samples, strict=True)})
    except Exception:  # a constructor that refuses plain objects
        return None
    bare = object.__new__(cls)
    for setter, value in zip(setters, samples, strict=True):
        setter(bare, value)
    if getattr(made, "__dict__", None) or getattr(bare, "__dict__", None):
        return None
    for name in _slots(cls):
        if getattr(made, name, _ABSENT) is not getattr(bare, name, _ABSENT):
            return None
    return tuple(setters)


_ABSENT = object()


def _unwrap_optional(tp: Any) -> tuple[bool, Any]:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return True, rest[0]
    return False, tp


_hints: dict[tuple[str, str], Any] = {}


def _field_types(cls: type) -> dict[str, Any]:
    """The resolved type of each field (cheaper than typing.get_type_hints)."""
    namespace = vars(sys.modules[cls.__module__])
    resolved = {}
    for field in attrs.fields(cls):
        tp = field.type
        if isinstance(tp, str):
            key = (cls.__module__, tp)
            try:
                tp = _hints[key]
            except KeyError:
                try:
                    tp = _hints[key] = eval(tp, namespace)
                except Exception:  # e.g. a name defined in a base class's module
                    return typing.get_type_hints(cls)
        resolved[field.name] = tp
    return resolved


_lock = threading.Lock()
_field_plans: dict[type, tuple[FieldPlan, ...]] = {}
_class_plans: dict[type, ClassPlan] = {}


def field_plan(cls: type) -> tuple[FieldPlan, ...]:
    """How each data field of a model class is checked (cached per class)."""
    try:
        return _field_plans[cls]
    except KeyError:
        pass
    types_ = _field_types(cls)
    plan = tuple(FieldPlan(f, types_[f.name], cls) for f in data_fields(cls))
    with _lock:
        return _field_plans.setdefault(cls, plan)


def class_plan(cls: type) -> ClassPlan:
    """The :class:`ClassPlan` of a model class (cached)."""
    try:
        return _class_plans[cls]
    except KeyError:
        pass
    plan = ClassPlan(cls, field_plan(cls))
    with _lock:
        return _class_plans.setdefault(cls, plan)


def reachable(root: type) -> list[ClassPlan]:
    """The plans of ``root`` and of every model class reachable from it."""
    found: dict[type, ClassPlan] = {}
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found[cls] = plan = class_plan(cls)
            todo.extend(f.cls for f in plan.fields if f.cls is not None)
    return list(found.values())
