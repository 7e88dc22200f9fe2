"""The JSON Schema of the authoring format, generated from the model.

It is written for TOML editors: Taplo and the Even Better TOML extension for VS
Code (which uses Taplo) read JSON Schema draft 4, so the schema keeps to draft 4
(``definitions``, no ``const``) and wraps each ``$ref`` in ``allOf`` so that its
description is shown too. Editors then complete keys, show each key's meaning and
flag unknown keys and wrong types while you type.
"""

from __future__ import annotations

import json
from typing import Any

from ma_proposals._fields import Rule
from ma_proposals.curation import SCHEMA_RESOURCE
from ma_proposals.model import SCHEMA_VERSION, ProposalSet
from ma_proposals.schema import Builder, Dialect, string_schema

from ._format import CURATION_KEYS, QUOTE_KEYS, Key

__all__ = ["RESOURCE", "json_schema", "schema_text"]

#: Path of the shipped authoring schema inside the package's ``data`` directory.
RESOURCE = SCHEMA_RESOURCE


def _keys_schema(
    builder: Builder, keys: tuple[Key, ...], title: str, description: str
) -> dict[str, Any]:
    properties = {k.name: builder.described(k.schema, k.description) for k in keys}
    required = [k.name for k in keys if k.required]
    return builder.object(title, description, properties, required)


#: The authoring format's dialect: draft 4, no ``null`` (a key is left out),
#: and every evidence list holds quotes.
_DIALECT = Dialect(
    refs="#/definitions/",
    nulls=False,
    draft4=True,
    evidence="Quote",
)


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
    builder = Builder(_DIALECT)
    builder.add(ProposalSet)
    definitions = dict(builder.definitions)
    definitions["Curation"] = _keys_schema(
        builder, CURATION_KEYS, "Curation", "How the build reads the quotes of [set]."
    )
    definitions["QuoteTable"] = _keys_schema(
        builder,
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
        "anyOf": [string_schema(Rule.TEXT), builder.ref("QuoteTable")],
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
            "curation": builder.described(
                builder.ref("Curation"), "Settings of the build."
            ),
            "set": builder.described(
                builder.ref("ProposalSet"),
                "The proposal set, with quotes for evidence.",
            ),
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
