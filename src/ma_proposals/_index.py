"""Lazily built lookups of proposal sets, kept beside the sets.

A :class:`~ma_proposals.ProposalSet` is immutable, so anything derived from it
(an id lookup, topic and theme indexes, the full-text index) can be built once on
first use and kept. The indexes live here, keyed by the set's identity, not on
the set: a set stays a plain value that pickles, copies and compares as its data.
An index is dropped, and its resources closed, when its set is garbage collected.

Building happens under a lock, so concurrent first uses build each index once and
every thread sees the same object.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from .model import ProposalSet

__all__ = ["VALUES_CHECKED", "Index", "index_of", "peek"]

T = TypeVar("T")

#: The key under which a set's index records that its values were checked: a
#: loaded set, or one an export checked (see ``export/_values.py``).
VALUES_CHECKED = "values checked"
_indexes: dict[int, Index] = {}
_attach = threading.Lock()


class Index:
    """Memoized values derived from one set, each built at most once."""

    __slots__ = ("_built", "_lock")

    def __init__(self) -> None:
        self._lock = threading.RLock()  # a build may use other entries
        self._built: dict[Hashable, Any] = {}

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value under ``key``, built by ``build()`` on first use."""
        try:
            value: T = self._built[key]
        except KeyError:
            with self._lock:
                if key not in self._built:
                    self._built[key] = build()
                value = self._built[key]
        return value

    def peek(self, key: Hashable) -> Any:
        """The value under ``key`` if it is built, else ``None``."""
        return self._built.get(key)

    def close(self) -> None:
        """Release what the built values hold (e.g. a database connection)."""
        for value in self._built.values():
            close = getattr(value, "close", None)
            if close is not None:
                close()
        self._built.clear()


def _drop(key: int) -> None:
    index = _indexes.pop(key, None)
    if index is not None:
        index.close()


def index_of(proposal_set: ProposalSet) -> Index:
    """The :class:`Index` of ``proposal_set``, created on first use."""
    key = id(proposal_set)
    index = _indexes.get(key)
    if index is None:
        with _attach:
            index = _indexes.get(key)
            if index is None:
                index = _indexes[key] = Index()
                # Runs when the set is collected, before its id can be reused.
                weakref.finalize(proposal_set, _drop, key)
    return index


def peek(proposal_set: ProposalSet, key: Hashable) -> Any:
    """The value under ``key`` if ``proposal_set`` has it built, else ``None``.

    Unlike :func:`index_of`, it attaches nothing to a set that has no index.
    """
    index = _indexes.get(id(proposal_set))
    return None if index is None else index.peek(key)
