"""A local Sphinx extension: the reference of the authoring format, generated.

Directive:

``authoring-format``
    One section for the ``[curation]`` table, one for quotes, and one per model
    class, saying where the class appears in an authoring file (its TOML table
    headers) and listing every key with its TOML type, whether it is required,
    the rule its value follows and its description, all taken from the model and
    from :mod:`ma_proposals.curation`'s own specs; then the table of the problem
    codes that only authoring files have.

The generator functions need neither Sphinx nor docutils, so that the tests can
check that the reference covers every field of the model.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import attrs
from ma_proposals_dictionary import inline as _inline
from ma_proposals_dictionary import model_classes
from ma_proposals_dictionary import paragraph as _paragraph
from ma_proposals_dictionary import table as _table

import ma_proposals as mp
from ma_proposals import curation
from ma_proposals._fields import DOC, REF, RULE, Rule, data_fields
from ma_proposals.curation._format import CURATION_KEYS, QUOTE_KEYS, Key, table_paths
from ma_proposals.model import SCHEMA_VERSION

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["Entry", "Table", "authoring_tables", "key_entries", "setup", "toml_type"]


@dataclass(frozen=True)
class Entry:
    """One key of an authoring file's table, as the reference shows it."""

    name: str
    type: str
    required: bool
    value: str
    description: str


@dataclass(frozen=True)
class Table:
    """One kind of table of an authoring file."""

    name: str
    headers: tuple[str, ...]
    summary: str
    entries: tuple[Entry, ...]


def _members(tp: Any) -> list[Any]:
    return [a for a in typing.get_args(tp) if a is not type(None)]


def toml_type(tp: Any) -> str:
    """How a field's annotation is written in TOML: ``array of quotes``..."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        members = _members(tp)
        if set(members) == {int, float}:
            return "number"
        (inner,) = members
        return toml_type(inner)
    if typing.get_origin(tp) is tuple:
        item = typing.get_args(tp)[0]
        if item is mp.Evidence:
            return "array of quotes"
        if attrs.has(item):
            return f"array of tables {item.__name__}"
        return f"array of {toml_type(item)}s"
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer"
    if tp is str or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return "string"
    if attrs.has(tp):
        return f"table {tp.__name__}"
    raise TypeError(f"no TOML type for {tp!r}")  # pragma: no cover


def _value(cls: type, field: attrs.Attribute[Any], tp: Any) -> str:
    """The rule a value follows, in words."""
    if cls is mp.ProposalSet and field.name == "schema_version":
        return f"``{SCHEMA_VERSION}``"
    ref = field.metadata.get(REF)
    if ref is not None:
        return f"the id of one of the set's ``{ref}``"
    for member in [tp, *_members(tp)]:
        if isinstance(member, type) and issubclass(member, enum.Enum):
            return "one of " + ", ".join(f"``{m.value}``" for m in member)
    rule: Rule | None = field.metadata.get(RULE)
    if rule is Rule.SHA256:
        return "sha256; computed by the build if left out, checked if given"
    if typing.get_origin(tp) is tuple and typing.get_args(tp)[0] is mp.Evidence:
        return "see quotes"
    return "" if rule is None else rule.value


def key_entries(keys: tuple[Key, ...]) -> tuple[Entry, ...]:
    """The entries of the format's own keys (``[curation]``, quote tables)."""
    entries = []
    for key in keys:
        schema = key.schema
        value = ""
        if "enum" in schema:
            value = "one of " + ", ".join(f"``{v}``" for v in schema["enum"])
        elif schema.get("pattern", "").startswith("^[a-z0-9]"):
            value = "id"
        elif "minimum" in schema:
            value = f"from {schema['minimum']}"
        elif schema.get("minLength"):
            value = "text"
        entries.append(
            Entry(key.name, schema["type"], key.required, value, key.description)
        )
    return tuple(entries)


def authoring_tables() -> tuple[Table, ...]:
    """Every kind of table of an authoring file, the model's classes included."""
    tables = [
        Table(
            "curation",
            ("[curation]",),
            "How the build reads the quotes of ``[set]``. Optional.",
            key_entries(CURATION_KEYS),
        ),
        Table(
            "Quote",
            ("evidence = [...]",),
            "An entry of an ``evidence`` list: the words of a shipped source, "
            "verbatim, either as a string (found in the default source, where it "
            'must occur exactly once unless ``repeated_quotes = "first"``) or as '
            "a table with these keys.",
            key_entries(QUOTE_KEYS),
        ),
    ]
    paths = table_paths()
    for cls in model_classes():
        if cls is mp.Evidence:
            continue
        hints = typing.get_type_hints(cls)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        tables.append(
            Table(
                cls.__name__,
                paths[cls],
                " ".join(doc.split()),
                tuple(
                    Entry(
                        field.name,
                        toml_type(hints[field.name]),
                        field.default is attrs.NOTHING,
                        _value(cls, field, hints[field.name]),
                        field.metadata[DOC],
                    )
                    for field in data_fields(cls)
                ),
            )
        )
    return tuple(tables)


# -- docutils nodes ----------------------------------------------------------------


def _type_cell(text: str, ids: dict[str, str]) -> list[nodes.Node]:
    from docutils import nodes

    *words, last = text.split(" ")
    if last in ids:
        prefix = " ".join(words) + " "
        return [nodes.Text(prefix), nodes.reference(last, last, refid=ids[last])]
    if last == "quotes":
        prefix = " ".join(words) + " "
        return [nodes.Text(prefix), nodes.reference(last, last, refid=ids["Quote"])]
    return [nodes.Text(text)]


def format_nodes(document: nodes.document, docname: str) -> list[nodes.Node]:
    """The reference: a section per kind of table, and the problem codes."""
    from docutils import nodes
    from sphinx import addnodes

    tables = authoring_tables()
    sections: dict[str, nodes.section] = {}
    for table in tables:
        section = nodes.section(names=[f"authoring-{table.name.lower()}"])
        title = table.headers[0] if table.name == "curation" else table.name
        section += nodes.title("", "", nodes.literal(title, title))
        document.note_explicit_target(section, section)
        sections[table.name] = section
    ids = {name: section["ids"][0] for name, section in sections.items()}
    for table in tables:
        section = sections[table.name]
        section += _paragraph(table.summary)
        if table.name not in ("curation", "Quote"):
            headers = ", ".join(f"``{h}``" for h in table.headers)
            section += _paragraph(
                f"Written as {headers}. In JSON: ",
                addnodes.pending_xref(
                    "",
                    nodes.literal(table.name, table.name),
                    refdomain="std",
                    reftype="ref",
                    reftarget=f"data-dictionary-{table.name.lower()}",
                    refexplicit=True,
                    refwarn=True,
                    refdoc=docname,
                ),
                ".",
            )
        rows: list[list[list[nodes.Node]]] = [
            [
                [nodes.literal(entry.name, entry.name)],
                _type_cell(entry.type, ids),
                [nodes.Text("yes" if entry.required else "no")],
                _inline(entry.value),
                _inline(entry.description),
            ]
            for entry in table.entries
        ]
        section += _table(
            ("Key", "TOML type", "Required", "Value", "Description"),
            rows,
            (16, 20, 10, 18, 36),
            classes=["authoring-format"],
        )
    codes = nodes.section(names=["authoring-problem-codes"])
    codes += nodes.title("", "Problem codes of authoring files")
    document.note_explicit_target(codes, codes)
    codes += _paragraph(
        "Besides every code of the data format (the set's own problems, "
        "``not-utf8``, ``too-large`` and ``too-deep`` for a file that cannot be "
        "read, and ``unknown-key``, ``missing-key``, ``wrong-type``, ``bad-enum``, "
        "``empty-text``, ``dangling-reference`` and ``evidence-not-shipped`` for "
        "the file's own keys), an authoring file's report may have these:"
    )
    code_rows: list[list[list[nodes.Node]]] = [
        [[nodes.literal(code, code)], _inline(meaning)]
        for code, meaning in curation.CODES.items()
    ]
    codes += _table(("Code", "Meaning"), code_rows, (25, 75), classes=["problem-codes"])
    return [*sections.values(), codes]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``authoring-format`` directive."""
    from sphinx.util.docutils import SphinxDirective

    class AuthoringFormat(SphinxDirective):
        """``authoring-format``: every table and key of an authoring file."""

        def run(self) -> list[nodes.Node]:
            return format_nodes(self.state.document, self.env.docname)

    app.add_directive("authoring-format", AuthoringFormat)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
