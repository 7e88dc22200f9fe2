"""Every public name is documented, and every example in a docstring runs."""

from __future__ import annotations

import doctest
import enum
import importlib
import inspect
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

import ma_proposals as mp
from ma_proposals.errors import MissingDependencyError

#: Modules left out because an optional extra they need is not installed.
SKIPPED: list[str] = []


def _unimportable(name: str) -> None:
    """Fail on a package that does not import, unless an extra is missing."""
    exc = sys.exc_info()[1]
    if exc is not None and not isinstance(exc, MissingDependencyError):
        raise exc
    SKIPPED.append(name)  # with its modules, which the walk does not enter


def modules() -> list[ModuleType]:
    """The package and every module in it, subpackages' private modules too.

    A module that does not import fails the collection of these tests, unless
    it needs an optional extra that is not installed (it raises
    :class:`~ma_proposals.MissingDependencyError` then).
    """
    found = [mp]
    for info in pkgutil.walk_packages(mp.__path__, "ma_proposals.", _unimportable):
        if info.name.endswith("__main__"):
            continue
        try:
            found.append(importlib.import_module(info.name))
        except MissingDependencyError:  # an optional extra is not installed
            SKIPPED.append(info.name)
    return found


MODULES = modules()
#: The public modules: no part of their name starts with an underscore.
PUBLIC_MODULES = [
    m for m in MODULES if not any(p.startswith("_") for p in m.__name__.split("."))
]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def public_api() -> list[tuple[str, object]]:
    """Every class and function in a public module's ``__all__``, and the public
    methods and properties of those classes, with their dotted names.

    Constants are left out: they are documented by their ``#:`` comments.
    """
    found: list[tuple[str, object]] = []
    for module in PUBLIC_MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or inspect.isroutine(obj)):
                continue
            found.append((f"{module.__name__}.{name}", obj))
            if not inspect.isclass(obj) or issubclass(obj, enum.Enum):
                continue
            for member_name, member in vars(obj).items():
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if not member_name.startswith("_") and (
                    inspect.isfunction(member) or isinstance(member, property)
                ):
                    found.append((f"{module.__name__}.{name}.{member_name}", member))
    return found


def test_every_module_is_checked() -> None:
    package = Path(mp.__file__).parent
    files = {
        ".".join(("ma_proposals", *path.relative_to(package).with_suffix("").parts))
        for path in package.rglob("*.py")
    }
    names = {name.removesuffix(".__init__") for name in files}
    names.discard("ma_proposals.__main__")
    skipped = {
        name
        for name in names
        if any(name == s or name.startswith(f"{s}.") for s in SKIPPED)
    }
    assert names - skipped == {m.__name__ for m in MODULES}


def test_every_public_module_is_covered() -> None:
    expected = {
        "cli",
        "citing",
        "conversion",
        "curation",
        "errors",
        "export",
        "loading",
        "model",
        "problems",
        "query",
        "schema",
        "search",
        "strategies",
        "validation",
    }
    names = {m.__name__.removeprefix("ma_proposals.") for m in PUBLIC_MODULES}
    skipped = {name.removeprefix("ma_proposals.") for name in SKIPPED}
    assert expected - skipped <= names


_HERE = str(Path(mp.__file__).parent)


class _Finder(doctest.DocTestFinder):
    """Finds a class's examples in the module that defines its methods.

    The standard finder places a class by its ``__module__``, which the package
    sets to the module that re-exports it (``ma_proposals``), and a method by
    its globals, which are those of the defining module: so it never looked at
    the methods of a re-exported class. Here a class whose methods are written
    in a module is that module's.
    """

    def _from_module(self, module: ModuleType, obj: object) -> bool:
        if inspect.isclass(obj):
            files = {
                f.__code__.co_filename
                for f in vars(obj).values()
                if inspect.isfunction(f) and f.__code__.co_filename.startswith(_HERE)
            }
            if files:
                return getattr(module, "__file__", None) in files
        return bool(super()._from_module(module, obj))  # type: ignore[misc]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    finder = _Finder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


@pytest.mark.parametrize(
    ("name", "obj"), [pytest.param(name, obj, id=name) for name, obj in public_api()]
)
def test_public_names_have_docstrings_with_examples(name: str, obj: object) -> None:
    doc = inspect.getdoc(obj)
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_modules_declare_all(module: ModuleType) -> None:
    assert module.__doc__, module.__name__
    if not module.__name__.rpartition(".")[2].startswith("_"):
        assert hasattr(module, "__all__"), module.__name__


def test_the_examples_of_a_re_exported_class_s_methods_are_run() -> None:
    module = importlib.import_module("ma_proposals.model._set")
    names = {t.name for t in _Finder(exclude_empty=True).find(module) if t.examples}
    assert "ma_proposals.model._set.ProposalSet.count_by" in names
    assert "ma_proposals.model._set.ProposalSet._repr_html_" in names
