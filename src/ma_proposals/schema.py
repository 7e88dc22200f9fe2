"""JSON Schema (draft 2020-12) of the format, generated from the model.

The schema is derived from the attrs classes and their field metadata, so it
cannot drift from the code; the copy shipped in the package is checked against
:func:`json_schema` by the test suite. It describes the shape of a document
(types, required and allowed keys, vocabularies, id, text, date and checksum
formats, the 64-bit range of integer fields, and that a list of references names
each id once). Rules that need the whole document or the source texts (unique
ids, references, evidence spans, checksums), and the range of a number that may
also be a fraction (a statistic's value), are :func:`~ma_proposals.validate`'s.

Example:
    >>> from ma_proposals import schema
    >>> s = schema.json_schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s == schema.packaged_schema()
    True
"""

from __future__ import annotations

import json
from typing import Any

from . import _texts
from ._jsonschema import Builder, Dialect
from .model import SCHEMA_VERSION, ProposalSet

__all__ = ["RESOURCE", "json_schema", "packaged_schema", "schema_text"]

#: Path of the shipped schema inside the package's ``data`` directory.
RESOURCE = "schema/proposal-set.schema.json"


#: The data format's dialect: JSON has ``null``; definitions are ``$defs``.
_DIALECT = Dialect(refs="#/$defs/", nulls=True)


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
    builder = Builder(_DIALECT)
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
        "$defs": dict(sorted(builder.definitions.items())),
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
