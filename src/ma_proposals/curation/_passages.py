"""Placing quotes in a source text, and explaining the ones that are not there.

A quote is placed by exact search. When it is not in the text, the closest
passage is found in two steps: words and pieces of the quote vote for where in
the text the quote would start, then the quote is aligned, word by word, with the
text around the best-voted places (an edit distance whose ends are free). The
differences are shown inline, in the notation of ``git diff --word-diff``:
``[-...-]`` marks what the quote has and the source does not, ``{+...+}`` what
the source has instead.

The alignment costs the quote's tokens times the window's, so a quote of more
than :data:`MAX_ALIGNED` tokens or :data:`MAX_ALIGNED_CHARACTERS` characters is
not aligned whole: only its beginning is, to say where the passage most like it
starts; and the window holds at most about 1.5 times the quote's tokens,
whatever the text's tokens are like.
"""

from __future__ import annotations

import bisect
import collections
import difflib
import itertools
import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "MAX_ALIGNED",
    "MAX_COUNTED",
    "Found",
    "Passage",
    "closest",
    "describe_at",
    "each_occurrence",
    "inline_diff",
    "occurrences",
]

_WORD = re.compile(r"\w+")
# Chinese, Japanese and Korean characters are words of their own.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+|\\s+|[^\\w\\s]")
#: Equal stretches longer than this are shortened in a diff.
_KEEP = 30
#: Quotes of more tokens (words, spaces, marks) than this, or of more than
#: :data:`MAX_ALIGNED_CHARACTERS` characters, are not aligned whole: only their
#: first :data:`_HEAD` tokens are, cut to :data:`_HEAD_CHARACTERS` characters.
MAX_ALIGNED = 400
MAX_ALIGNED_CHARACTERS = 4000
_HEAD = 100
_HEAD_CHARACTERS = 1000


def each_occurrence(text: str, quote: str) -> Iterator[int]:
    """Each offset where ``quote`` starts in ``text``, overlapping ones too.

    Found one at a time: a caller that needs the first, or the n-th, stops
    there.
    """
    at = text.find(quote)
    while at >= 0:
        yield at
        at = text.find(quote, at + 1)


def occurrences(text: str, quote: str, limit: int | None = None) -> list[int]:
    """Where ``quote`` starts in ``text``: every offset, or the first ``limit``."""
    return list(itertools.islice(each_occurrence(text, quote), limit))


class Found:
    """The occurrences of a quote in a text, as far as they were looked for.

    A quote with an ``occurrence`` is searched up to it (the first, for
    ``repeated_quotes = "first"``); one without, up to :data:`MAX_COUNTED`
    occurrences, enough to say it is ambiguous and where. Only the first
    :data:`SHOWN` offsets are kept, for messages.
    """

    __slots__ = ("count", "more", "nth", "shown")

    def __init__(self) -> None:
        self.count = 0  # occurrences seen
        self.more = False  # the search stopped with more to find
        self.nth: int | None = None  # the one asked for, if found
        self.shown: list[int] = []

    @classmethod
    def search(cls, text: str, quote: str, occurrence: int | None) -> Found:
        found = cls()
        last = MAX_COUNTED if occurrence is None else occurrence
        for at in each_occurrence(text, quote):
            if found.count == last:
                found.more = True
                break
            found.count += 1
            if found.count <= SHOWN:
                found.shown.append(at)
            if found.count == occurrence:
                found.nth = at
                break
        return found


#: Characters of source text that one build searches for the closest passages
#: of quotes it does not find (each search scans the quote's whole text, so
#: many missing quotes over a long text cost their number times its length);
#: once spent, a quote that is not found is reported without its closest passage.
CLOSEST_BUDGET = 32 * 2**20
#: What a search is counted at least, however short its text.
CLOSEST_COST = 2**16

#: Occurrences of a quote without an ``occurrence`` that are counted at most.
MAX_COUNTED = 1000
#: Occurrences listed in a message.
SHOWN = 10


def describe_at(text: str, offset: int, line_starts: list[int] | None = None) -> str:
    r"""Where an offset of a source text is, for messages.

    Example:
        >>> describe_at("one\ntwo", 5)
        'source line 2, column 2 (offset 5)'
    """
    if line_starts is None:
        line_starts = line_offsets(text)
    line = bisect.bisect_right(line_starts, offset)
    column = offset - line_starts[line - 1] + 1
    return f"source line {line}, column {column} (offset {offset})"


def line_offsets(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


@attrs.frozen
class Passage:
    """The passage of a text that is most like a quote.

    For a quote of more than :data:`MAX_ALIGNED` tokens (``partial``), the
    passage most like its beginning.
    """

    start: int
    end: int
    text: str
    similarity: float
    partial: bool = False


def _candidates(text: str, quote: str, limit: int = 4) -> list[int]:
    """Likely start offsets of ``quote`` in ``text``, by votes of its words."""
    votes: collections.Counter[int] = collections.Counter()
    words = [(m.group(), m.start()) for m in _WORD.finditer(quote)]
    # Rare (long) words are the most telling; a few dozen are enough.
    words.sort(key=lambda w: -len(w[0]))
    for word, offset in words[:40]:
        at = text.find(word)
        seen = 0
        while at >= 0 and seen < 200:
            votes[(at - offset) // 8] += len(word)
            at = text.find(word, at + 1)
            seen += 1
    # Pieces of the quote too, for texts without spaces (Chinese) and for
    # quotes whose every word differs a little.
    step = max(1, len(quote) // 12)
    for offset in range(0, max(1, len(quote) - 3), step):
        piece = quote[offset : offset + 4]
        at = text.find(piece)
        seen = 0
        while at >= 0 and seen < 200:
            votes[(at - offset) // 8] += 1
            at = text.find(piece, at + 1)
            seen += 1
    return [bucket * 8 for bucket, _ in votes.most_common(limit)]


def _align(quote: list[str], window: list[str]) -> tuple[int, int, int]:
    """Where ``quote`` fits best in ``window``: (start, end, edits), in tokens.

    A semi-global edit distance over tokens: the quote must be matched whole,
    the window's tokens before and after the match are free. Of alignments with
    as few edits, the one with the most equal tokens wins, so that a word missing
    from the quote shows as missing rather than as a run of changed words.
    """
    weight = len(quote) + 1  # one edit outweighs every equal token
    width = len(window)
    previous = [0] * (width + 1)  # the match may start anywhere: no cost yet
    starts = list(range(width + 1))
    for i, token in enumerate(quote, 1):
        current = [i * weight] + [0] * width
        current_starts = [0] * (width + 1)
        for j in range(1, width + 1):
            replace = previous[j - 1] + (weight if token != window[j - 1] else -1)
            skip_quote = previous[j] + weight
            skip_text = current[j - 1] + weight
            best = min(replace, skip_quote, skip_text)
            current[j] = best
            if best == replace:
                current_starts[j] = starts[j - 1]
            elif best == skip_quote:
                current_starts[j] = starts[j]
            else:
                current_starts[j] = current_starts[j - 1]
        previous, starts = current, current_starts
    # Of the best ends, the last: a changed word at the end is shown as changed,
    # not as missing.
    end = min(range(width + 1), key=lambda j: (previous[j], -j))
    edits = (previous[end] + weight - 1) // weight
    return starts[end], end, edits


def closest(text: str, quote: str) -> Passage | None:
    """The passage of ``text`` that is most like ``quote``, if any is alike.

    Args:
        text: The source text.
        quote: A quote that is not in it.

    Returns:
        The passage, or ``None`` when the text has nothing in common with it;
        for a quote of more than :data:`MAX_ALIGNED` tokens, the passage most
        like its beginning (:attr:`Passage.partial`).
    """
    best: Passage | None = None
    ours = _TOKEN.findall(quote)
    partial = len(ours) > MAX_ALIGNED or len(quote) > MAX_ALIGNED_CHARACTERS
    if partial:  # where the whole quote votes, its beginning is aligned
        ours = _TOKEN.findall("".join(ours[:_HEAD])[:_HEAD_CHARACTERS])
    length = sum(map(len, ours))  # len(quote) unless partial
    for guess in _candidates(text, quote):
        spans = _window(text, guess, len(ours), length)
        window = [text[a:b] for a, b in spans]
        first, last, edits = _align(ours, window)
        if last <= first:
            continue
        similarity = 1 - edits / max(len(ours), 1)
        if best is None or similarity > best.similarity:
            start, end = spans[first][0], spans[last - 1][1]
            best = Passage(start, end, text[start:end], similarity, partial)
    return best if best is not None and best.similarity > 0 else None


def _window(text: str, guess: int, tokens: int, length: int) -> list[tuple[int, int]]:
    """The spans of the tokens of ``text`` around ``guess`` to align a quote with.

    For a quote of ``tokens`` tokens and ``length`` characters: a margin of a
    quarter more on each side, counted in characters and in tokens alike, so
    that the window's tokens are bounded whatever the text's tokens are like
    (the alignment costs the quote's tokens times the window's).
    """
    margin = length // 4 + 16
    spare = tokens // 4 + 16
    before: collections.deque[tuple[int, int]] = collections.deque(maxlen=spare)
    after: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text, max(0, guess - margin), guess + length + margin):
        if match.start() < guess:
            before.append(match.span())
        elif len(after) < tokens + spare:
            after.append(match.span())
        else:
            break
    return [*before, *after]


def _shorten(text: str, keep: str = "both") -> str:
    """A long equal stretch of a diff, cut in the middle or at its outer end."""
    if len(text) <= (2 * _KEEP if keep == "both" else _KEEP) + 8:
        return text
    if keep == "end":
        return "…" + text[-_KEEP:]
    if keep == "start":
        return text[:_KEEP] + "…"
    return text[:_KEEP] + "…" + text[-_KEEP:]


def inline_diff(quote: str, passage: str) -> str:
    """``quote`` with its differences from ``passage`` marked inline.

    Words are compared as wholes (like ``git diff --word-diff``), so a changed
    letter marks its whole word; long equal stretches are shortened with ``…``.

    Example:
        >>> inline_diff("plant more trees in towns", "plant more trees in cities")
        'plant more trees in [-towns-]{+cities+}'
        >>> inline_diff("top level design", "top-level design")
        'top[- -]{+-+}level design'
    """
    ours, theirs = _TOKEN.findall(quote), _TOKEN.findall(passage)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    opcodes = matcher.get_opcodes()
    pieces = []
    for n, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            same = "".join(ours[a1:a2])
            if len(opcodes) == 1:
                pieces.append(same)
            elif n == 0:
                pieces.append(_shorten(same, "end"))
            elif n == len(opcodes) - 1:
                pieces.append(_shorten(same, "start"))
            else:
                pieces.append(_shorten(same))
            continue
        if a2 > a1:
            pieces.append(f"[-{''.join(ours[a1:a2])}-]")
        if b2 > b1:
            pieces.append(f"{{+{''.join(theirs[b1:b2])}+}}")
    return "".join(pieces)
