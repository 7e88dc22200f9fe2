"""Small text helpers shared by messages and displays."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model import ChineseWording, Statistic

__all__ = [
    "QUALIFIER_WORDS",
    "SNIPPET_FROM",
    "Suggester",
    "chinese",
    "clip",
    "close_matches",
    "external",
    "figure",
]

#: How a figure's qualifier reads in front of the figure.
QUALIFIER_WORDS = {"exact": "", "more-than": "more than ", "about": "about "}

#: What a search hit's snippet shows, by ``Hit.snippet_from``.
SNIPPET_FROM = {"curated": "curated text", "quote": "source quote"}

#: Up to this many known ids, suggestions compare the value with every one;
#: beyond it, only with the ids that sort next to it (by prefix and by suffix),
#: so that a suggestion costs about the same whatever the number of ids.
FULL_SEARCH = 256
_NEIGHBOURS = 32
_CUTOFF = 0.6  # difflib's default: how alike a suggestion must be
_REMEMBERED = 4096


def figure(stat: Statistic) -> str:
    """A statistic's figure as it reads: ``"more than 40"``, ``"255,000,000"``.

    Any value of a set built in code reads as itself.
    """
    qualifier = getattr(stat.qualifier, "value", stat.qualifier)
    words = QUALIFIER_WORDS.get(qualifier, "") if isinstance(qualifier, str) else ""
    value: object = stat.value
    return f"{words}{value:,}" if type(value) in (int, float) else f"{words}{value}"


def chinese(wording: ChineseWording) -> str:
    """A Chinese wording as one line: ``"Chinese (source): words (note)"``."""
    note = f" ({wording.note})" if wording.note else ""
    return f"Chinese ({wording.source}): {wording.text}{note}"


def external(stat: Statistic) -> str | None:
    """Where a figure without evidence comes from; ``None`` if the article has it."""
    if stat.evidence:
        return None
    return "not in the article; from " + ", ".join(
        str(c.source) for c in stat.citations
    )


def clip(text: str, width: int = 60) -> str:
    """``text``, cut to ``width`` characters with an ellipsis if longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


class Suggester:
    """Finds the known ids that look like a value ("did you mean ...?").

    Build one per set of ids and ask it many times: the sorting is done once.
    """

    def __init__(self, known: Iterable[str]) -> None:
        self._sorted = sorted(known)
        self._reversed: list[str] | None = None
        self._answers: dict[tuple[str, int], tuple[str, ...]] = {}

    def _candidates(self, value: str) -> list[str]:
        ids = self._sorted
        if len(ids) <= FULL_SEARCH:
            return ids
        if self._reversed is None:
            self._reversed = sorted(s[::-1] for s in ids)
        i = bisect.bisect_left(ids, value)
        found = set(ids[max(0, i - _NEIGHBOURS) : i + _NEIGHBOURS])
        backward, key = self._reversed, value[::-1]
        j = bisect.bisect_left(backward, key)
        found.update(
            s[::-1] for s in backward[max(0, j - _NEIGHBOURS) : j + _NEIGHBOURS]
        )
        return sorted(found)

    def close(self, value: object, n: int = 1) -> tuple[str, ...]:
        """Up to ``n`` ids close to ``value``, closest first (none for non-strings).

        The same answer as :func:`difflib.get_close_matches` over the
        candidates, found with fewer comparisons: the full ratio, the costly
        one, is computed in decreasing order of its upper bound, and only
        while that bound can still beat the ``n`` best found. Answers are
        remembered, so a repeated misspelling costs nothing.
        """
        if not isinstance(value, str):
            return ()
        try:
            return self._answers[value, n]
        except KeyError:
            pass
        from difflib import SequenceMatcher  # only when a message needs it

        matcher = SequenceMatcher()
        matcher.set_seq2(value)
        bounded = []
        for candidate in self._candidates(value):
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() >= _CUTOFF:
                bound = matcher.quick_ratio()
                if bound >= _CUTOFF:
                    bounded.append((bound, candidate))
        bounded.sort(reverse=True)
        scored: list[tuple[float, str]] = []
        for bound, candidate in bounded:
            if len(scored) >= n and bound < scored[n - 1][0]:
                break  # the ratio is at most the bound: it cannot enter
            matcher.set_seq1(candidate)
            ratio = matcher.ratio()
            if ratio >= _CUTOFF:
                scored.append((ratio, candidate))
                scored.sort(reverse=True)
        answer = tuple(candidate for _, candidate in scored[:n])
        if len(self._answers) < _REMEMBERED:
            self._answers[value, n] = answer
        return answer


def close_matches(value: object, known: Iterable[str], n: int = 1) -> tuple[str, ...]:
    """The ids in ``known`` that look like ``value``, closest first.

    ``value`` may be of any type (user input); only strings get suggestions.
    """
    if not isinstance(value, str):
        return ()
    return Suggester(known).close(value, n)
