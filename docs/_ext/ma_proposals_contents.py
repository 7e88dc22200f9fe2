"""The problem codes and the package's contents, for the documentation.

``problem-codes`` shows every validation problem code in
:data:`ma_proposals.CODES`; ``package-contents`` shows every name of
``ma_proposals.__all__``, grouped by the module that defines it, each linked to
its entry in the API reference.

The generator functions need neither Sphinx nor docutils; those are imported
only to build nodes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ma_proposals_dictionary import api_ref, inline, table

import ma_proposals as mp

if TYPE_CHECKING:
    from docutils import nodes

__all__ = [
    "codes_table",
    "contents_list",
    "defining_module",
    "package_contents",
    "problem_codes",
]


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
            para += api_ref(name, docname, "obj")
        para += nodes.Text(".")
        items += nodes.list_item("", para)
    return items


def codes_table() -> nodes.table:
    """The table of problem codes, one row per entry of ``ma_proposals.CODES``."""
    from docutils import nodes

    rows: list[list[list[nodes.Node]]] = [
        [[nodes.literal(code, code)], inline(meaning)]
        for code, meaning in problem_codes()
    ]
    return table(("Code", "Meaning"), rows, (25, 75), classes=["problem-codes"])
