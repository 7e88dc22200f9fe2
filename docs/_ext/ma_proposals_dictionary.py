"""The data dictionary of the documentation, generated from the model.

One section per model class reachable from :class:`ma_proposals.ProposalSet`
(every field with its type, whether it is required, the rule its value follows
and its description) and one per enum (its values), taken from the attrs
classes, the checker's plans of them (:mod:`ma_proposals._plan`) and their field
metadata, so the dictionary cannot drift from the code. Also the docutils
helpers that the other local extensions build their nodes with.

The generator functions need neither Sphinx nor docutils (``tests/test_docs.py``
imports this module without them); those are imported only to build nodes.
"""

from __future__ import annotations

import enum
import inspect
import json
import re
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import attrs

import ma_proposals as mp
from ma_proposals import conversion
from ma_proposals._fields import DOC, REF, RULE, Rule, data_fields
from ma_proposals._plan import SUPPORT, Kind, field_plan

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from docutils import nodes

__all__ = [
    "EVIDENCE_FIELDS",
    "Field",
    "ModelClass",
    "Vocabulary",
    "api_ref",
    "describe",
    "describe_enum",
    "dictionary_nodes",
    "inline",
    "model_classes",
    "paragraph",
    "rule_docs",
    "table",
    "type_name",
    "vocabularies",
]

#: Fields that make a class "evidenced": validate() requires every object of such
#: a class to have at least one evidence span or citation.
EVIDENCE_FIELDS: tuple[str, ...] = tuple(SUPPORT)

_LITERAL = re.compile(r"``(.+?)``")


# -- The generator (no Sphinx, no docutils) ---------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of a model class, as the data dictionary shows it."""

    name: str
    type: str
    required: bool
    default: str | None
    rule: str | None
    ref: str | None
    description: str


@dataclass(frozen=True)
class ModelClass:
    """One model class and its fields."""

    cls: type
    summary: str
    fields: tuple[Field, ...]

    @property
    def name(self) -> str:
        """The class's public name."""
        return self.cls.__name__

    @property
    def evidenced(self) -> tuple[str, ...]:
        """Its fields named in :data:`EVIDENCE_FIELDS` (empty if none)."""
        names = {f.name for f in self.fields}
        return tuple(name for name in EVIDENCE_FIELDS if name in names)


@dataclass(frozen=True)
class Vocabulary:
    """One enum of the model and its values."""

    cls: type[enum.Enum]
    summary: str
    values: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        """The enum's public name."""
        return self.cls.__name__


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.split("\n\n")[0].replace("\n", " ")


def type_name(tp: Any) -> str:
    """Render an annotation as it is written: ``tuple[Evidence, ...]``."""
    if tp is type(None):
        return "None"
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return " | ".join(type_name(a) for a in typing.get_args(tp))
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        return (
            "tuple["
            + ", ".join("..." if a is Ellipsis else type_name(a) for a in args)
            + "]"
        )
    if isinstance(tp, type):
        return tp.__name__
    return str(tp)  # the model uses none but the forms above


def _walk(root: type) -> Iterator[type]:
    """Model classes and enums reachable from ``root``, breadth first."""
    seen: list[type] = [root]
    queue = [root]
    while queue:
        cls = queue.pop(0)
        yield cls
        if not attrs.has(cls):
            continue
        for field in field_plan(cls):
            found = field.type if field.kind is Kind.ENUM else field.cls
            if found is not None and found not in seen:
                seen.append(found)
                queue.append(found)


def model_classes(root: type = mp.ProposalSet) -> tuple[type, ...]:
    """The attrs classes of a document, starting at its root, breadth first."""
    return tuple(cls for cls in _walk(root) if attrs.has(cls))


def vocabularies(root: type = mp.ProposalSet) -> tuple[type[enum.Enum], ...]:
    """The enums that a document's fields use, in the order they are met."""
    return tuple(cls for cls in _walk(root) if issubclass(cls, enum.Enum))


def _default(field: attrs.Attribute[Any]) -> str | None:
    if field.default is attrs.NOTHING:
        return None
    return json.dumps(conversion.unstructure(field.default), ensure_ascii=False)


def _rule(field: attrs.Attribute[Any]) -> str | None:
    rule: Rule | None = field.metadata.get(RULE)
    return None if rule is None else rule.value


def describe(cls: type) -> ModelClass:
    """The data dictionary entry of one model class."""
    hints = typing.get_type_hints(cls)
    fields = tuple(
        Field(
            name=field.name,
            type=type_name(hints[field.name]),
            required=field.default is attrs.NOTHING,
            default=_default(field),
            rule=_rule(field),
            ref=field.metadata.get(REF),
            description=field.metadata[DOC],
        )
        for field in data_fields(cls)
    )
    return ModelClass(cls, _summary(cls), fields)


def describe_enum(
    cls: type[enum.Enum], member_docs: Mapping[str, str] | None = None
) -> Vocabulary:
    """The data dictionary entry of one enum; ``member_docs`` maps names to docs."""
    docs = member_docs or {}
    values = tuple((str(m.value), docs.get(m.name, "")) for m in cls)
    return Vocabulary(cls, _summary(cls), values)


# -- docutils nodes ----------------------------------------------------------------


def rule_docs() -> dict[str, str]:
    """What each :class:`~ma_proposals._fields.Rule` means, from its ``#:`` comment."""
    from sphinx.pycode import ModuleAnalyzer

    docs = ModuleAnalyzer.for_module(Rule.__module__).find_attr_docs()
    return {
        rule.value: " ".join(docs[(Rule.__qualname__, rule.name)]).strip()
        for rule in Rule
    }


def inline(text: str) -> list[nodes.Node]:
    """Text with ````literal```` spans turned into literal nodes."""
    from docutils import nodes

    parts: list[nodes.Node] = []
    for i, piece in enumerate(_LITERAL.split(text)):
        if i % 2:
            parts.append(nodes.literal(piece, piece))
        elif piece:
            parts.append(nodes.Text(piece))
    return parts


def paragraph(*content: nodes.Node | str) -> nodes.paragraph:
    from docutils import nodes

    para = nodes.paragraph()
    for item in content:
        para.extend(inline(item) if isinstance(item, str) else [item])
    return para


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Sequence[nodes.Node]]],
    widths: Sequence[int],
    classes: Sequence[str] = (),
) -> nodes.table:
    from docutils import nodes

    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    head = nodes.thead()
    group += head
    row = nodes.row()
    row.extend(nodes.entry("", nodes.paragraph(text=text)) for text in headers)
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", nodes.paragraph("", "", *cell))
        body += row
    return table


def api_ref(name: str, docname: str, reftype: str = "class") -> nodes.Node:
    """A cross-reference to ``ma_proposals.<name>`` in the API reference."""
    from docutils import nodes
    from sphinx import addnodes

    text = f"{name}()" if reftype == "func" else name
    return addnodes.pending_xref(
        "",
        nodes.literal(text, text, classes=["xref", "py", f"py-{reftype}"]),
        refdomain="py",
        reftype=reftype,
        reftarget=f"ma_proposals.{name}",
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )


def _type_cell(annotation: str, ids: Mapping[str, str]) -> list[nodes.Node]:
    """An annotation as code, with model names linked to their sections."""
    from docutils import nodes

    code = nodes.literal()
    for token in re.split(r"(\w+)", annotation):
        if token in ids:
            code += nodes.reference(token, token, refid=ids[token])
        elif token:
            code += nodes.Text(token)
    return [code]


def _rule_cell(field: Field, rules_id: str) -> list[nodes.Node]:
    """The field's rule, linked to the table of rules."""
    from docutils import nodes

    if field.ref is not None:
        rule = nodes.reference("", "id in ", refid=rules_id)
        return [rule, nodes.literal(field.ref, field.ref)]
    if field.rule is None:
        return []
    return [nodes.reference(field.rule, field.rule, refid=rules_id)]


def _field_rows(
    entry: ModelClass, ids: Mapping[str, str]
) -> list[list[list[nodes.Node]]]:
    from docutils import nodes

    rows: list[list[list[nodes.Node]]] = []
    for field in entry.fields:
        required: list[nodes.Node] = [nodes.Text("yes")]
        if field.default is not None:
            required = [
                nodes.Text("no, default "),
                nodes.literal(field.default, field.default),
            ]
        rows.append(
            [
                [nodes.literal(field.name, field.name)],
                _type_cell(field.type, ids),
                required,
                _rule_cell(field, ids["Rules"]),
                inline(field.description),
            ]
        )
    return rows


def _evidenced(entry: ModelClass) -> nodes.paragraph:
    from docutils import nodes

    if not entry.evidenced:
        return paragraph(
            nodes.strong("", "Evidenced: no."),
            " It has neither an ``evidence`` nor a ``citations`` field.",
        )
    fields = " and ".join(f"``{name}``" for name in entry.evidenced)
    return paragraph(nodes.strong("", "Evidenced: yes,"), f" by its {fields}.")


def _enum_entries(root: type) -> list[Vocabulary]:
    from sphinx.pycode import ModuleAnalyzer

    entries = []
    for cls in vocabularies(root):
        docs = ModuleAnalyzer.for_module(cls.__module__).find_attr_docs()
        member_docs = {
            attr: " ".join(lines).strip()
            for (owner, attr), lines in docs.items()
            if owner == cls.__qualname__
        }
        entries.append(describe_enum(cls, member_docs))
    return entries


def _rules_table(classes: Sequence[ModelClass]) -> nodes.table:
    from docutils import nodes

    rows: list[list[list[nodes.Node]]] = [
        [[nodes.Text(rule)], inline(doc)] for rule, doc in rule_docs().items()
    ]
    refs = sorted({f.ref for c in classes for f in c.fields if f.ref is not None})
    rows.append(
        [
            [nodes.Text("id in "), nodes.literal("X", "X")],
            inline(
                "An id (as above) of an item of the set's collection ``X``, one of "
                + ", ".join(f"``{ref}``" for ref in refs)
                + "."
            ),
        ]
    )
    return table(
        ("Rule", "The value (or each string of an array) must be"), rows, (20, 80)
    )


def dictionary_nodes(
    document: nodes.document, docname: str, root: type = mp.ProposalSet
) -> list[nodes.Node]:
    """The data dictionary: a section per model class, per enum, and the rules."""
    from docutils import nodes

    classes = [describe(cls) for cls in model_classes(root)]
    enums = _enum_entries(root)

    sections: dict[str, nodes.section] = {}
    titles = [c.name for c in classes] + [e.name for e in enums] + ["Rules"]
    for name in titles:
        section = nodes.section(names=[f"data-dictionary-{name.lower()}"])
        title = nodes.Text(name) if name == "Rules" else nodes.literal(name, name)
        section += nodes.title("", "", title)
        document.note_explicit_target(section, section)
        sections[name] = section
    ids = {name: section["ids"][0] for name, section in sections.items()}

    for entry in classes:
        section = sections[entry.name]
        section += paragraph(entry.summary, " API: ", api_ref(entry.name, docname), ".")
        section += _evidenced(entry)
        section += table(
            ("Field", "Type", "Required", "Rule", "Description"),
            _field_rows(entry, ids),
            (16, 24, 14, 12, 34),
            classes=["data-dictionary"],
        )
    for vocabulary in enums:
        section = sections[vocabulary.name]
        section += paragraph(
            vocabulary.summary,
            " In JSON, one of these strings. API: ",
            api_ref(vocabulary.name, docname),
            ".",
        )
        rows: list[list[list[nodes.Node]]]
        if any(meaning for _, meaning in vocabulary.values):
            rows = [
                [[nodes.literal(value, value)], inline(meaning)]
                for value, meaning in vocabulary.values
            ]
            section += table(("Value", "Meaning"), rows, (25, 75))
        else:
            rows = [[[nodes.literal(value, value)]] for value, _ in vocabulary.values]
            section += table(("Value",), rows, (100,))
    sections["Rules"] += paragraph(
        "What the strings of a field with a rule must look like; ",
        api_ref("validate", docname, "func"),
        " reports every value that breaks its rule.",
    )
    sections["Rules"] += _rules_table(classes)
    return list(sections.values())
