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

import inspect
import json
from typing import Any

import attrs

from . import _source_texts
from ._fields import DOC, PATTERNS, Rule, data_fields
from ._plan import INT_MAX, INT_MIN, FieldPlan, Kind, field_plan
from .model import SCHEMA_VERSION, Evidence, ProposalSet

__all__ = ["RESOURCE", "json_schema", "packaged_schema", "schema_text"]

#: Path of the shipped schema inside the package's ``data`` directory.
RESOURCE = "schema/proposal-set.schema.json"


# -- One builder, two dialects ------------------------------------------------------
#
# The schema of the data format (above, draft 2020-12) and the schema of the
# authoring format (:mod:`ma_proposals.curation`, draft 4 for TOML editors) are
# the same walk over the model's field plans. A Dialect says how they differ:
# where definitions live, whether an optional value may be ``null``, what draft
# 4 needs, and what an evidence list holds.


@attrs.frozen
class Dialect:
    """How one schema of the model differs from the other."""

    #: The prefix of a reference to a definition (``#/$defs/``).
    refs: str
    #: Whether an optional value may be ``null`` (JSON); else it is left out
    #: (TOML has no ``null``).
    nulls: bool
    #: Draft 4, as TOML editors read it: enums name their type, the schema
    #: version is an ``enum`` (no ``const``), a described reference is wrapped
    #: in ``allOf`` (so that editors show the description), an empty
    #: ``required`` is left out, and Markdown's double backquotes are single.
    draft4: bool = False
    #: The definition an item of an evidence list refers to; ``None``: Evidence.
    evidence: str | None = None


def string_schema(rule: Rule | None) -> dict[str, Any]:
    """The schema of a string that follows ``rule``."""
    schema: dict[str, Any] = {"type": "string"}
    if rule is Rule.TEXT:
        schema["pattern"] = "\\S"
        schema["minLength"] = 1
    elif rule is not None:
        schema["pattern"] = f"^{PATTERNS[rule]}$"
    return schema


class Builder:
    """Collects the definitions of the model classes that :meth:`add` reaches."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.definitions: dict[str, Any] = {}

    def text(self, text: str) -> str:
        """A description, as the dialect writes it."""
        return text.replace("``", "`") if self.dialect.draft4 else text

    def ref(self, name: str) -> dict[str, Any]:
        """A reference to the definition ``name`` (a new dict at each call)."""
        return {"$ref": f"{self.dialect.refs}{name}"}

    def reference(self, cls: type) -> dict[str, Any]:
        """A reference to the definition of ``cls``, which is added."""
        self.add(cls)
        return self.ref(cls.__name__)

    def object(
        self,
        title: str,
        description: str,
        properties: dict[str, Any],
        required: list[str],
    ) -> dict[str, Any]:
        """The definition of an object with exactly these ``properties``."""
        return {
            "title": title,
            "description": self.text(description),
            "type": "object",
            "properties": properties,
            # Draft 4 wants at least one name in a ``required``.
            **({"required": required} if required or not self.dialect.draft4 else {}),
            "additionalProperties": False,
        }

    def value(self, plan: FieldPlan) -> dict[str, Any]:
        """The schema of the value of a field."""
        kind, cls = plan.kind, plan.cls
        schema: dict[str, Any]
        if kind is Kind.STR:
            schema = string_schema(plan.rule)
        elif kind is Kind.STRS:
            schema = {"type": "array", "items": string_schema(plan.rule)}
            if plan.ref is not None:  # each id may be named once
                schema["uniqueItems"] = True
        elif kind is Kind.OBJ and cls is not None:
            schema = self.reference(cls)
        elif kind is Kind.OBJS and cls is not None:
            evidence = self.dialect.evidence if cls is Evidence else None
            items = self.ref(evidence) if evidence else self.reference(cls)
            schema = {"type": "array", "items": items}
        elif kind is Kind.INT:
            schema = {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
        elif kind is Kind.NUM:
            schema = {"type": "number"}
        elif kind is Kind.BOOL:
            schema = {"type": "boolean"}
        else:
            assert plan.enum_values is not None  # the last kind: an enum
            values = list(plan.enum_values)
            strings = self.dialect.draft4 and all(isinstance(v, str) for v in values)
            schema = {"type": "string", "enum": values} if strings else {"enum": values}
        if plan.optional and self.dialect.nulls:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema

    def described(self, schema: dict[str, Any], description: str) -> dict[str, Any]:
        """``schema`` with a description."""
        if self.dialect.draft4 and "$ref" in schema:
            return {"description": description, "allOf": [schema]}
        return {"description": description, **schema}

    def add(self, cls: type) -> None:
        """Add the definition of a model class and of the classes it holds."""
        name = cls.__name__
        if name in self.definitions:
            return
        self.definitions[name] = {}  # reserve the name before recursing
        docs = {field.name: field.metadata[DOC] for field in data_fields(cls)}
        plans = field_plan(cls)
        properties = {}
        for plan in plans:
            if cls is ProposalSet and plan.name == "schema_version":
                key = "enum" if self.dialect.draft4 else "const"
                value = [SCHEMA_VERSION] if self.dialect.draft4 else SCHEMA_VERSION
                schema: dict[str, Any] = {key: value}
            else:
                schema = self.value(plan)
            properties[plan.name] = self.described(schema, self.text(docs[plan.name]))
        required = [plan.name for plan in plans if plan.required]
        doc = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
        self.definitions[name] = self.object(name, doc, properties, required)


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
    text = (
        _source_texts.package_data().joinpath(*RESOURCE.split("/")).read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema
