"""The package's modules form layers: no import cycle, base types at the bottom.

The graph is built from the source with :mod:`ast`, counting every import the
code makes when it runs, inside functions too; imports under ``if
TYPE_CHECKING:`` are for type checkers only and are not counted. An import of
a package counts as an import of its ``__init__``; ``from package import
module`` counts as an import of the module. See ``docs/development.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "ma_proposals"

#: What the base modules may import of the package (each other, and no more).
BASE = {
    f"{PACKAGE}._bibtex",
    f"{PACKAGE}._fields",
    f"{PACKAGE}._index",
    f"{PACKAGE}._shown",
    f"{PACKAGE}._terminal",
    f"{PACKAGE}._paths",
    f"{PACKAGE}._wording",
    f"{PACKAGE}._vocabulary",
    f"{PACKAGE}.errors",
    f"{PACKAGE}.problems",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / PACKAGE).rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(name: str, *, top_level_only: bool = False) -> set[str]:
    """The package's modules that module ``name`` imports when it runs."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit_one(other)
            else:
                visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            if target.split(".")[0] != PACKAGE:
                return
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
        elif not (
            top_level_only
            and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ):
            visit(node)
        elif isinstance(node, ast.ClassDef):
            # A class body runs at import; its methods' bodies do not.
            for item in node.body:
                if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    visit_one(item)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def test_no_module_imports_itself_back() -> None:
    graph = {name: imports(name) for name in MODULES}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_inside_functions_are_counted() -> None:
    # The model's methods reach the query helpers lazily: that is an import.
    assert f"{PACKAGE}.query" in imports(f"{PACKAGE}.model._set")
    assert f"{PACKAGE}.query" not in imports(
        f"{PACKAGE}.model._set", top_level_only=True
    )


@pytest.mark.parametrize("name", sorted(BASE))
def test_base_modules_import_only_base_modules(name: str) -> None:
    assert imports(name) <= BASE


def test_the_model_is_defined_on_base_types_and_vocabularies() -> None:
    # What the model's modules need to be defined; their methods may call the
    # helpers above them (query, search, display), which never import the
    # model back (the first test).
    model = {name for name in MODULES if name.startswith(f"{PACKAGE}.model")}
    for name in model:
        assert imports(name, top_level_only=True) <= BASE | model, name
