"""JSON Schema (draft 2020-12) of the format, generated from the model.

The schema is derived from the attrs classes and their field metadata, so it
cannot drift from the code; the copy shipped in the package is checked against
:func:`json_schema` by the test suite. It describes the shape of a document
(types, required and allowed keys, vocabularies, id, text, date and checksum
formats). Rules that need the whole document or the source texts (unique ids,
references, evidence spans, checksums) are :func:`~ma_proposals.validate`'s.

Example:
    >>> from ma_proposals import schema
    >>> s = schema.json_schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s == schema.packaged_schema()
    True
"""

from __future__ import annotations

import enum
import inspect
import json
import types
import typing
from typing import Any

import attrs

from . import _texts
from ._fields import DOC, PATTERNS, RULE, Rule, data_fields
from .model import SCHEMA_VERSION, ProposalSet

__all__ = ["RESOURCE", "json_schema", "packaged_schema", "schema_text"]

#: Path of the shipped schema inside the package's ``data`` directory.
RESOURCE = "schema/proposal-set.schema.json"


def _string(rule: Rule | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if rule is Rule.TEXT:
        schema["pattern"] = "\\S"
        schema["minLength"] = 1
    elif rule is not None:
        schema["pattern"] = f"^{PATTERNS[rule]}$"
    return schema


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, tp: Any, rule: Rule | None) -> dict[str, Any]:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if isinstance(tp, types.UnionType) or origin is typing.Union:
            members = [a for a in args if a is not type(None)]
            if set(members) == {int, float}:
                schema = {"type": "number"}
            else:
                (inner,) = members
                schema = self.type_schema(inner, rule)
            if type(None) in args:
                return {"anyOf": [schema, {"type": "null"}]}
            return schema
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0], rule)}
        if tp is str:
            return _string(rule)
        if tp is int:
            return {"type": "integer"}
        if tp is bool:
            return {"type": "boolean"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if attrs.has(tp):
            self.add(tp)
            return {"$ref": f"#/$defs/{tp.__name__}"}
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover

    def add(self, cls: type) -> None:
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # reserve the name before recursing
        hints = typing.get_type_hints(cls)
        properties = {}
        required = []
        for field in data_fields(cls):
            schema = self.type_schema(hints[field.name], field.metadata.get(RULE))
            if cls is ProposalSet and field.name == "schema_version":
                schema = {"const": SCHEMA_VERSION}
            properties[field.name] = {"description": field.metadata[DOC], **schema}
            if field.default is attrs.NOTHING:
                required.append(field.name)
        doc = inspect.getdoc(cls) or ""
        self.defs[cls.__name__] = {
            "title": cls.__name__,
            "description": doc.split("\n\n")[0].replace("\n", " "),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """Generate the JSON Schema of a proposal-set document from the model.

    Returns:
        A draft 2020-12 schema as a JSON-ready dict, with one ``$defs`` entry per
        model class and every property described.

    Example:
        >>> from ma_proposals.schema import json_schema
        >>> s = json_schema()
        >>> s["$defs"]["Recommendation"]["required"]
        ['id', 'text']
        >>> s["$defs"]["Statistic"]["properties"]["qualifier"]["enum"]
        ['exact', 'more-than', 'about']
    """
    builder = _Builder()
    builder.add(ProposalSet)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:ma-proposals:proposal-set:{SCHEMA_VERSION}",
        "title": "ma-proposals proposal set",
        "description": (
            "A deputy's proposals to one meeting, every fact evidenced by a span "
            "of a shipped source text. Format version "
            f"{SCHEMA_VERSION}."
        ),
        "$ref": "#/$defs/ProposalSet",
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_text() -> str:
    """The generated schema as JSON text, formatted as the shipped file is.

    Returns:
        :func:`json_schema` with two-space indentation and a trailing newline.

    Example:
        >>> from ma_proposals.schema import schema_text, RESOURCE
        >>> import importlib_resources
        >>> shipped = importlib_resources.files("ma_proposals") / "data" / RESOURCE
        >>> schema_text() == shipped.read_text(encoding="utf-8")
        True
    """
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def packaged_schema() -> dict[str, Any]:
    """Read the JSON Schema shipped inside the package.

    Returns:
        The schema, equal to :func:`json_schema` of this release.

    Example:
        >>> from ma_proposals.schema import packaged_schema
        >>> packaged_schema()["$ref"]
        '#/$defs/ProposalSet'
    """
    text = _texts.package_data().joinpath(*RESOURCE.split("/")).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
