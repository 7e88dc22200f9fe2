"""A local Sphinx extension: documentation generated from the package itself.

Directives:

``data-dictionary``
    The model's classes, fields and enums (:mod:`ma_proposals_dictionary`).
``problem-codes``
    A table of every validation problem code (:mod:`ma_proposals_contents`).
``package-contents``
    Every name of ``ma_proposals.__all__``, grouped by the module that defines
    it, each linked to its entry in the API reference (:mod:`ma_proposals_contents`).

Events (this module):

``autodoc-process-docstring``
    Appends each model field, with its type and description, to the class's
    docstring, so the API reference documents fields from the same metadata.
``missing-reference``
    Resolves a reference to a re-exported function or constant by its defining
    module's path (``load`` inside ``ma_proposals.loading``) to its public entry
    (``ma_proposals.load``); classes get such aliases from autodoc already.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import attrs
from ma_proposals_contents import codes_table, contents_list, defining_module
from ma_proposals_dictionary import describe, dictionary_nodes, rule_docs

import ma_proposals as mp
from ma_proposals._fields import DOC, data_fields

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["field_lines", "setup"]


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
