"""Lazily built lookups attached to one proposal set.

A :class:`~ma_proposals.ProposalSet` is immutable, so anything derived from it
(an id lookup, topic and theme indexes, the full-text index) can be built once on
first use and kept. Building happens under a lock, so concurrent first uses build
each index once and every thread sees the same object.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from .model import ProposalSet

__all__ = ["Index", "index_of"]

T = TypeVar("T")
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


def index_of(proposal_set: ProposalSet) -> Index:
    """The :class:`Index` of ``proposal_set``, created on first use."""
    index = proposal_set._index  # the set's private cache slot
    if index is None:
        with _attach:
            index = proposal_set._index
            if index is None:
                index = Index()
                # The set is frozen; its cache slot is set once, here.
                object.__setattr__(proposal_set, "_index", index)
    return index
