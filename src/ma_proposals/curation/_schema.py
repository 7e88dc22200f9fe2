"""The JSON Schema of the authoring format, generated from the model.

It is written for TOML editors: Taplo and the Even Better TOML extension for VS
Code (which uses Taplo) read JSON Schema draft 4, so the schema keeps to draft 4
(``definitions``, no ``const``) and wraps each ``$ref`` in ``allOf`` so that its
description is shown too. Editors then complete keys, show each key's meaning and
flag unknown keys and wrong types while you type.
"""

from __future__ import annotations

import enum
import inspect
import json
import types
import typing
from typing import Any

import attrs

from ma_proposals._fields import DOC, RULE, Rule, data_fields
from ma_proposals.curation import SCHEMA_RESOURCE
from ma_proposals.model import SCHEMA_VERSION, Evidence, ProposalSet
from ma_proposals.schema import _string

from ._format import CURATION_KEYS, QUOTE_KEYS, Key

__all__ = ["RESOURCE", "json_schema", "schema_text"]

#: Path of the shipped authoring schema inside the package's ``data`` directory.
RESOURCE = SCHEMA_RESOURCE


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "allOf": [{"$ref": f"#/definitions/{name}"}]}


def _required(names: list[str]) -> dict[str, Any]:
    """``required``, left out when empty (draft 4 wants at least one name)."""
    return {"required": names} if names else {}


def _keys_schema(keys: tuple[Key, ...], title: str, description: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": description,
        "type": "object",
        "properties": {
            k.name: {"description": k.description, **k.schema} for k in keys
        },
        **_required([k.name for k in keys if k.required]),
        "additionalProperties": False,
    }


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def type_schema(self, tp: Any, rule: Rule | None) -> dict[str, Any]:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if isinstance(tp, types.UnionType) or origin is typing.Union:
            members = [a for a in args if a is not type(None)]
            if set(members) == {int, float}:
                return {"type": "number"}
            (inner,) = members  # TOML has no null: a missing key is the None
            return self.type_schema(inner, rule)
        if origin is tuple:
            if args[0] is Evidence:
                return {"type": "array", "items": {"$ref": "#/definitions/Quote"}}
            return {"type": "array", "items": self.type_schema(args[0], rule)}
        if tp is str:
            return _string(rule)
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [member.value for member in tp]}
        if attrs.has(tp):
            self.add(tp)
            return {"$ref": f"#/definitions/{tp.__name__}"}
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover

    def add(self, cls: type) -> None:
        if cls.__name__ in self.definitions:
            return
        self.definitions[cls.__name__] = {}  # reserve the name before recursing
        hints = typing.get_type_hints(cls)
        properties = {}
        for field in data_fields(cls):
            description = field.metadata[DOC].replace("``", "`")
            if cls is ProposalSet and field.name == "schema_version":
                schema: dict[str, Any] = {"enum": [SCHEMA_VERSION]}
            else:
                schema = self.type_schema(hints[field.name], field.metadata.get(RULE))
            if "$ref" in schema:
                properties[field.name] = _ref(
                    schema["$ref"].rpartition("/")[2], description
                )
            else:
                properties[field.name] = {"description": description, **schema}
        doc = inspect.getdoc(cls) or ""
        self.definitions[cls.__name__] = {
            "title": cls.__name__,
            "description": doc.split("\n\n")[0].replace("\n", " ").replace("``", "`"),
            "type": "object",
            "properties": properties,
            **_required(
                [f.name for f in data_fields(cls) if f.default is attrs.NOTHING]
            ),
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """Generate the JSON Schema (draft 4) of the authoring format from the model.

    Returns:
        The schema as a JSON-ready dict: one definition per model class, where
        every list of evidence is a list of ``Quote``, and the ``[curation]``
        table.

    Example:
        >>> from ma_proposals import curation
        >>> schema = curation.json_schema()
        >>> schema["properties"]["set"]["allOf"]
        [{'$ref': '#/definitions/ProposalSet'}]
        >>> schema["definitions"]["Recommendation"]["properties"]["evidence"]["items"]
        {'$ref': '#/definitions/Quote'}

    .. versionadded:: 0.1.0
    """
    builder = _Builder()
    builder.add(ProposalSet)
    definitions = dict(builder.definitions)
    definitions["Curation"] = _keys_schema(
        CURATION_KEYS, "Curation", "How the build reads the quotes of [set]."
    )
    definitions["QuoteTable"] = _keys_schema(
        QUOTE_KEYS,
        "QuoteTable",
        "A quote with the occurrence or the source that places it.",
    )
    definitions["Quote"] = {
        "title": "Quote",
        "description": (
            "Words of a shipped source, verbatim: a string (its only occurrence in "
            "the default source), or a table with its occurrence or source."
        ),
        "anyOf": [
            {"type": "string", "minLength": 1, "pattern": "\\S"},
            {"$ref": "#/definitions/QuoteTable"},
        ],
    }
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "ma-proposals authoring file",
        "description": (
            "A proposal set written as quotes, which `ma-proposals build` turns "
            f"into the JSON format (version {SCHEMA_VERSION}). [set] mirrors the "
            "JSON format; every evidence list holds quotes."
        ),
        "type": "object",
        "properties": {
            "curation": _ref("Curation", "Settings of the build."),
            "set": _ref("ProposalSet", "The proposal set, with quotes for evidence."),
        },
        "required": ["set"],
        "additionalProperties": False,
        "definitions": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    """The generated authoring schema as JSON text, formatted as the shipped file.

    Returns:
        :func:`json_schema` with two-space indentation and a final newline.

    Example:
        >>> from ma_proposals import curation
        >>> import importlib_resources
        >>> data = importlib_resources.files("ma_proposals") / "data"
        >>> shipped = data / curation.SCHEMA_RESOURCE
        >>> curation.schema_text() == shipped.read_text(encoding="utf-8")
        True

    .. versionadded:: 0.1.0
    """
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
