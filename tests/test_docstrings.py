"""Every public name is documented, and every example in a docstring runs."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import ma_proposals as mp


def modules() -> list[ModuleType]:
    """The package and every module in it, subpackages' private modules too."""
    found = [mp]
    for info in pkgutil.walk_packages(mp.__path__, "ma_proposals."):
        if info.name.endswith("__main__"):
            continue
        try:
            found.append(importlib.import_module(info.name))
        except ImportError:  # an optional extra is not installed
            continue
    return found


MODULES = modules()
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


@pytest.mark.parametrize("name", mp.__all__)
def test_public_names_have_docstrings_with_examples(name: str) -> None:
    obj = getattr(mp, name)
    if name in ("__version__", "CODES"):
        return
    doc = inspect.getdoc(obj)
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_modules_declare_all(module: ModuleType) -> None:
    assert module.__doc__, module.__name__
    if not module.__name__.rpartition(".")[2].startswith("_"):
        assert hasattr(module, "__all__"), module.__name__
