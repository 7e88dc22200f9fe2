"""Small text helpers shared by messages and displays."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["QUALIFIER_WORDS", "clip", "close_matches"]

#: How a figure's qualifier reads in front of the figure.
QUALIFIER_WORDS = {"exact": "", "more-than": "more than ", "about": "about "}


def clip(text: str, width: int = 60) -> str:
    """``text``, cut to ``width`` characters with an ellipsis if longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def close_matches(value: object, known: Iterable[str], n: int = 1) -> tuple[str, ...]:
    """The ids in ``known`` that look like ``value``, closest first.

    ``value`` may be of any type (user input); only strings get suggestions.
    """
    if not isinstance(value, str):
        return ()
    import difflib  # only when a message needs it

    return tuple(difflib.get_close_matches(value, sorted(known), n=n))
