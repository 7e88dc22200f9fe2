"""A local Sphinx extension: documentation generated from the package itself.

Directives:

``data-dictionary``
    One section per model class reachable from :class:`ma_proposals.ProposalSet`
    (every field with its type, whether it is required, the rule its value follows
    and its description) and one per enum (its values), taken from the attrs
    classes and their field metadata, so the dictionary cannot drift from the code.
``problem-codes``
    A table of every validation problem code in :data:`ma_proposals.CODES`.
``package-contents``
    Every name of ``ma_proposals.__all__``, grouped by the module that defines
    it, each linked to its entry in the API reference.

Events:

``autodoc-process-docstring``
    Appends each model field, with its type and description, to the class's
    docstring, so the API reference documents fields from the same metadata.
``missing-reference``
    Resolves a reference to a re-exported function or constant by its defining
    module's path (``load`` inside ``ma_proposals.loading``) to its public entry
    (``ma_proposals.load``); classes get such aliases from autodoc already.

The generator functions need neither Sphinx nor docutils (``tests/test_docs.py``
imports this module without them); those are imported only to build nodes.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import re
import sys
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import attrs

import ma_proposals as mp
from ma_proposals import _checks, conversion
from ma_proposals._fields import DOC, REF, RULE, Rule, data_fields

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "EVIDENCE_FIELDS",
    "Field",
    "ModelClass",
    "Vocabulary",
    "defining_module",
    "describe",
    "describe_enum",
    "model_classes",
    "package_contents",
    "problem_codes",
    "setup",
    "type_name",
    "vocabularies",
]

#: Fields that make a class "evidenced": validate() requires every object of such
#: a class to have at least one evidence span or citation.
EVIDENCE_FIELDS: tuple[str, ...] = tuple(_checks._SUPPORT)

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


def _members(tp: Any) -> tuple[Any, ...]:
    """The types inside an annotation (``X | None``, ``tuple[X, ...]``)."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return tuple(typing.get_args(tp))
    if typing.get_origin(tp) is tuple:
        return tuple(a for a in typing.get_args(tp) if a is not Ellipsis)
    return ()


def _named(tp: Any) -> Iterator[type]:
    """Every model class and enum that an annotation mentions, in order."""
    inner = _members(tp)
    if inner:
        for member in inner:
            yield from _named(member)
    elif isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
        yield tp


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
        hints = typing.get_type_hints(cls)
        for field in data_fields(cls):
            for found in _named(hints[field.name]):
                if found not in seen:
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


def defining_module(name: str) -> str:
    """The public module whose ``__all__`` holds a name the package re-exports.

    Returns ``"ma_proposals"`` for names that no public module lists (such as
    ``__version__``).
    """
    obj = getattr(mp, name)
    for module_name, module in sorted(sys.modules.items()):
        if (
            module_name.startswith("ma_proposals.")
            and not module_name.rpartition(".")[2].startswith("_")
            and name in getattr(module, "__all__", ())
            and getattr(module, name) is obj
        ):
            return module_name
    return "ma_proposals"


def package_contents() -> dict[str, tuple[str, ...]]:
    """The names of ``ma_proposals.__all__``, grouped by defining module.

    Modules come in alphabetical order, the package itself last.
    """
    groups: dict[str, list[str]] = {}
    for name in mp.__all__:
        groups.setdefault(defining_module(name), []).append(name)
    order = sorted(groups, key=lambda module: (module == "ma_proposals", module))
    return {module: tuple(groups[module]) for module in order}


def problem_codes() -> tuple[tuple[str, str], ...]:
    """Every validation problem code and its meaning, in registry order."""
    return tuple(mp.CODES.items())


# -- docutils nodes ----------------------------------------------------------------


def rule_docs() -> dict[str, str]:
    """What each :class:`~ma_proposals._fields.Rule` means, from its ``#:`` comment."""
    from sphinx.pycode import ModuleAnalyzer

    docs = ModuleAnalyzer.for_module(Rule.__module__).find_attr_docs()
    return {
        rule.value: " ".join(docs[(Rule.__qualname__, rule.name)]).strip()
        for rule in Rule
    }


def _inline(text: str) -> list[nodes.Node]:
    """Text with ````literal```` spans turned into literal nodes."""
    from docutils import nodes

    parts: list[nodes.Node] = []
    for i, piece in enumerate(_LITERAL.split(text)):
        if i % 2:
            parts.append(nodes.literal(piece, piece))
        elif piece:
            parts.append(nodes.Text(piece))
    return parts


def _paragraph(*content: nodes.Node | str) -> nodes.paragraph:
    from docutils import nodes

    para = nodes.paragraph()
    for item in content:
        para.extend(_inline(item) if isinstance(item, str) else [item])
    return para


def _table(
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


def _api_ref(name: str, docname: str, reftype: str = "class") -> nodes.Node:
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
                _inline(field.description),
            ]
        )
    return rows


def _evidenced(entry: ModelClass) -> nodes.paragraph:
    from docutils import nodes

    if not entry.evidenced:
        return _paragraph(
            nodes.strong("", "Evidenced: no."),
            " It has neither an ``evidence`` nor a ``citations`` field.",
        )
    fields = " and ".join(f"``{name}``" for name in entry.evidenced)
    return _paragraph(nodes.strong("", "Evidenced: yes,"), f" by its {fields}.")


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
        [[nodes.Text(rule)], _inline(doc)] for rule, doc in rule_docs().items()
    ]
    refs = sorted({f.ref for c in classes for f in c.fields if f.ref is not None})
    rows.append(
        [
            [nodes.Text("id in "), nodes.literal("X", "X")],
            _inline(
                "An id (as above) of an item of the set's collection ``X``, one of "
                + ", ".join(f"``{ref}``" for ref in refs)
                + "."
            ),
        ]
    )
    return _table(
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
        section += _paragraph(
            entry.summary, " API: ", _api_ref(entry.name, docname), "."
        )
        section += _evidenced(entry)
        section += _table(
            ("Field", "Type", "Required", "Rule", "Description"),
            _field_rows(entry, ids),
            (16, 24, 14, 12, 34),
            classes=["data-dictionary"],
        )
    for vocabulary in enums:
        section = sections[vocabulary.name]
        section += _paragraph(
            vocabulary.summary,
            " In JSON, one of these strings. API: ",
            _api_ref(vocabulary.name, docname),
            ".",
        )
        rows: list[list[list[nodes.Node]]]
        if any(meaning for _, meaning in vocabulary.values):
            rows = [
                [[nodes.literal(value, value)], _inline(meaning)]
                for value, meaning in vocabulary.values
            ]
            section += _table(("Value", "Meaning"), rows, (25, 75))
        else:
            rows = [[[nodes.literal(value, value)]] for value, _ in vocabulary.values]
            section += _table(("Value",), rows, (100,))
    sections["Rules"] += _paragraph(
        "What the strings of a field with a rule must look like; ",
        _api_ref("validate", docname, "func"),
        " reports every value that breaks its rule.",
    )
    sections["Rules"] += _rules_table(classes)
    return list(sections.values())


def contents_list(docname: str) -> nodes.bullet_list:
    """A list of the package's names by module, each linked to its entry."""
    from docutils import nodes
    from sphinx import addnodes

    items = nodes.bullet_list()
    for module, names in package_contents().items():
        para = nodes.paragraph()
        para += addnodes.pending_xref(
            "",
            nodes.literal(module, module, classes=["xref", "py", "py-mod"]),
            refdomain="py",
            reftype="mod",
            reftarget=module,
            refexplicit=True,
            refwarn=True,
            refdoc=docname,
        )
        para += nodes.Text(": ")
        for i, name in enumerate(names):
            if i:
                para += nodes.Text(", ")
            para += _api_ref(name, docname, "obj")
        para += nodes.Text(".")
        items += nodes.list_item("", para)
    return items


def codes_table() -> nodes.table:
    """The table of problem codes, one row per entry of ``ma_proposals.CODES``."""
    from docutils import nodes

    rows: list[list[list[nodes.Node]]] = [
        [[nodes.literal(code, code)], _inline(meaning)]
        for code, meaning in problem_codes()
    ]
    return _table(("Code", "Meaning"), rows, (25, 75), classes=["problem-codes"])


# -- API reference helpers -----------------------------------------------------------


def field_lines(cls: type) -> list[str]:
    """reST ``attribute`` entries for the fields of a model class."""
    rules = rule_docs()
    lines: list[str] = []
    for field in describe(cls).fields:
        text = field.description
        if field.ref is not None:
            text += f" Rule: the id of one of the set's ``{field.ref}``."
        elif field.rule is not None:
            rule = rules[field.rule]
            text += f" Rule: {rule[:1].lower()}{rule[1:]}"
        lines += ["", f".. attribute:: {field.name}", f"   :type: {field.type}", ""]
        lines.append(f"   {text}")
    return lines


def _is_model_class(obj: object) -> bool:
    return (
        isinstance(obj, type)
        and attrs.has(obj)
        and obj.__module__ == "ma_proposals.model"
        and all(DOC in f.metadata for f in data_fields(obj))
    )


def _constant_doc(name: str, obj: object) -> list[str] | None:
    """The ``#:`` comment of a constant that the package re-exports.

    autodoc reads such comments only in the module being documented, so
    ``ma_proposals.CODES`` would otherwise show the docstring of :class:`dict`.
    """
    from sphinx.pycode import ModuleAnalyzer

    short = name.removeprefix("ma_proposals.")
    if short not in mp.__all__ or getattr(mp, short) is not obj:
        return None
    module = defining_module(short)
    docs = ModuleAnalyzer.for_module(module).find_attr_docs()
    return list(docs[("", short)]) if ("", short) in docs else None


def _process_docstring(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what == "class" and _is_model_class(obj):
        assert isinstance(obj, type)
        lines.extend(field_lines(obj))
    elif what == "data" and name.startswith("ma_proposals."):
        doc = _constant_doc(name, obj)
        if doc is not None:
            lines[:] = doc


def _resolve_reexport(
    app: Sphinx, env: BuildEnvironment, node: Any, contnode: nodes.TextElement
) -> nodes.Node | None:
    """Send ``load`` (in ``ma_proposals.loading``) to ``ma_proposals.load``."""
    if node.get("refdomain") != "py":
        return None
    target: str = node["reftarget"]
    module, _, name = target.rpartition(".")
    if name not in mp.__all__ or module == "ma_proposals":
        return None
    public = getattr(mp, name)
    context = module or node.get("py:module") or ""
    if not context.startswith("ma_proposals"):
        return None
    try:
        owner = importlib.import_module(context)
    except ImportError:
        return None
    if getattr(owner, name, None) is not public:
        return None
    domain = env.get_domain("py")
    resolved: nodes.Node | None = domain.resolve_xref(
        env,
        node["refdoc"],
        app.builder,
        node["reftype"],
        f"ma_proposals.{name}",
        node,
        contnode,
    )
    return resolved


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives and event handlers."""
    from sphinx.util.docutils import SphinxDirective

    class DataDictionary(SphinxDirective):
        """``data-dictionary``: the model's classes, fields and enums."""

        def run(self) -> list[nodes.Node]:
            return dictionary_nodes(self.state.document, self.env.docname)

    class ProblemCodes(SphinxDirective):
        """``problem-codes``: the table of validation problem codes."""

        def run(self) -> list[nodes.Node]:
            return [codes_table()]

    class PackageContents(SphinxDirective):
        """``package-contents``: the names ``ma_proposals`` exports, by module."""

        def run(self) -> list[nodes.Node]:
            return [contents_list(self.env.docname)]

    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("package-contents", PackageContents)
    app.add_directive("problem-codes", ProblemCodes)
    app.connect("autodoc-process-docstring", _process_docstring)
    app.connect("missing-reference", _resolve_reexport)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
