"""Columns described by the model: the helpers every exported table is built with."""

from __future__ import annotations

import enum
from typing import Any

from ma_proposals._plan import Kind, field_plan

from ._definitions import Column, ForeignKey

__all__ = [
    "INFERRED",
    "PROPOSAL",
    "TO_PROPOSAL",
    "TO_SOURCE",
    "cells",
    "column",
    "columns",
    "held",
    "integer",
    "scalars",
    "string",
]


_TYPES = {
    Kind.STR: "string",
    Kind.STRS: "string",
    Kind.ENUM: "string",
    Kind.INT: "integer",
    Kind.NUM: "number",
    Kind.BOOL: "boolean",
}


def column(
    cls: type, name: str, title: str | None = None, *, item: bool = False
) -> Column:
    """The column of the model field ``cls.name``, described by the model.

    Its type, closed vocabulary, whether every row has a value and its
    description come from the field (its type annotation and ``meta(doc)``);
    ``item`` makes the column of one string of a list field, which every row
    has. ``title`` names it when the field's name would not do.
    """
    (f,) = (f for f in field_plan(cls) if f.name == name)
    words = tuple(f.enum_values) if f.enum_values is not None else None
    required = item or (f.required and not f.optional)
    return Column(title or name, _TYPES[f.kind], f.doc, required, words)


def scalars(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold one value each: a column each, in order.

    A scalar field added to the model is a column of its class's table with
    no change here; lists and objects are tables of their own.
    """
    return tuple(
        f.name for f in field_plan(cls) if f.kind in _TYPES and f.kind is not Kind.STRS
    )


def columns(cls: type) -> tuple[Column, ...]:
    """The columns of the scalar fields of ``cls`` (see :func:`scalars`), in order."""
    return tuple(column(cls, name) for name in scalars(cls))


def cells(item: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The values of ``names`` in ``item``, closed vocabularies as their words."""
    values = (getattr(item, name) for name in names)
    return tuple(v.value if isinstance(v, enum.Enum) else v for v in values)


def held(cls: type, name: str) -> type:
    """The model class that field ``cls.name`` holds (one, or a tuple of them)."""
    (f,) = (f for f in field_plan(cls) if f.name == name)
    assert f.cls is not None, f"{cls.__name__}.{name} holds no model class"
    return f.cls


def string(name: str, description: str, *, required: bool = False) -> Column:
    return Column(name, "string", description, required)


def integer(name: str, description: str, *, required: bool = True) -> Column:
    return Column(name, "integer", description, required)


PROPOSAL = string("proposal", "Id of the proposal (proposals.id).", required=True)
TO_PROPOSAL = ForeignKey(("proposal",), "proposals", ("id",))
TO_SOURCE = ForeignKey(("source",), "sources", ("id",))
INFERRED = string(
    "inferred",
    "What the curators infer rather than read in the source, and why; empty when "
    "the source states it all.",
)
