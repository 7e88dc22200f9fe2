"""Helpers shared by the test modules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import importlib_resources
from hypothesis import settings
from hypothesis import strategies as st

from ma_proposals.query import Predicate

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = importlib_resources.files("ma_proposals").joinpath("data")
PACKAGED = DATA.joinpath("ma-huateng-2020.json")
ARTICLE = DATA.joinpath("sources", "21st-century-economic-report-2020.txt")


def walk(obj: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Yield (path, value) for ``obj`` and everything inside it."""
    yield path, obj
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            if not field.init:
                continue  # private caches, not data
            yield from walk(getattr(obj, field.name), f"{path}.{field.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from walk(item, f"{path}[{i}]")


def heavy(fraction: int) -> settings:
    """Settings for costly properties: a fraction of the profile's examples.

    Generating a whole proposal set costs tens of milliseconds, so these tests
    run ``max_examples // fraction`` examples (more under the ``ci`` profile).
    """
    return settings(max_examples=max(5, settings().max_examples // fraction))


def combined(
    atoms: st.SearchStrategy[Predicate], max_leaves: int
) -> st.SearchStrategy[Predicate]:
    """Predicates built from ``atoms`` with ``&``, ``|`` and ``~``."""
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda ab: ab[0] & ab[1]),
            st.tuples(inner, inner).map(lambda ab: ab[0] | ab[1]),
            inner.map(lambda a: ~a),
        ),
        max_leaves=max_leaves,
    )
