"""Words, slugs and generated source texts that evidence can quote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from ma_proposals.model import (
    Evidence,
)

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

# Words of generated texts. A few are non-ASCII, including one outside the Basic
# Multilingual Plane, so that offsets are tested in code points, not bytes.
_WORDS = (  # noqa: SIM905 - one string reads better than 25 quoted words
    "digital rural economy cloud platform park river city health data network "
    "policy reform service school market green energy village trade bridge "
    "café naïve 数字 经济 稻🌾"
).split()
_STEMS = ("park", "river", "city", "data", "cloud", "rural", "trade", "green")
_SHIPPED = "text"
_EXTERNAL = "web"


def _words(min_size: int = 1, max_size: int = 6) -> SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=min_size, max_size=max_size).map(
        " ".join
    )


def _slug() -> SearchStrategy[str]:
    """Lowercase slugs such as ``park``, ``river-7`` or ``data-7-12``."""
    return st.tuples(
        st.sampled_from(_STEMS), st.lists(st.integers(0, 99), max_size=2)
    ).map(lambda t: "-".join([t[0], *map(str, t[1])]))


def _slugs(n_min: int, n_max: int) -> SearchStrategy[list[str]]:
    return st.lists(_slug(), min_size=n_min, max_size=n_max, unique=True)


def _versions() -> SearchStrategy[str]:
    """Data versions: semantic versions, as the packaged sets use."""
    numbers = st.integers(min_value=0, max_value=99).map(str)
    return st.tuples(numbers, numbers, numbers).map(".".join)


def _maybe(draw: DrawFn, strategy: SearchStrategy[Any], optional: bool | None) -> Any:
    """Draw from ``strategy`` if optional fields are on (or, if None, by chance)."""
    present = draw(st.booleans()) if optional is None else optional
    return draw(strategy) if present else None


@attrs.frozen
class Corpus:
    """A generated source text, split into sentences that evidence can quote.

    Attributes:
        text: The whole text.
        spans: ``(start, end)`` of each sentence, in code points.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import corpora
        >>> corpus = find(corpora(), lambda c: len(c.spans) > 3, settings=first)
        >>> all(corpus.text[a:b].strip() for a, b in corpus.spans)
        True
    """

    text: str
    spans: tuple[tuple[int, int], ...]

    def evidence(self, draw: DrawFn, source: str = _SHIPPED) -> Evidence:
        """Draw an evidence span: one sentence, or a part of one.

        Example:
            >>> from hypothesis import Phase, find, settings, strategies as st
            >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
            >>> from ma_proposals.strategies import corpora
            >>> quoted = corpora().flatmap(
            ...     lambda c: st.tuples(st.just(c), st.composite(c.evidence)())
            ... )
            >>> corpus, ev = find(quoted, bool, settings=first)
            >>> corpus.text[ev.start : ev.end] == ev.exact != ""
            True
        """
        start, end = draw(st.sampled_from(self.spans))
        cut = draw(st.integers(min_value=start + 1, max_value=end))
        return Evidence(source, start, cut, self.text[start:cut])


@st.composite
def corpora(draw: DrawFn, min_sentences: int = 3, max_sentences: int = 12) -> Corpus:
    """Generate a source text made of sentences.

    Args:
        draw: Supplied by hypothesis.
        min_sentences: Fewest sentences.
        max_sentences: Most sentences.

    Returns:
        A strategy of :class:`Corpus`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import corpora
        >>> corpus = find(corpora(min_sentences=5), bool, settings=first)
        >>> len(corpus.spans) >= 5 and corpus.text.endswith(".")
        True
    """
    sentences = draw(
        st.lists(
            _words(2, 8).map(lambda s: s[0].upper() + s[1:] + "."),
            min_size=min_sentences,
            max_size=max_sentences,
        )
    )
    spans = []
    position = 0
    for sentence in sentences:
        spans.append((position, position + len(sentence)))
        position += len(sentence) + 1
    return Corpus(" ".join(sentences), tuple(spans))


def _evidence_list(
    draw: DrawFn, corpus: Corpus, max_size: int = 2
) -> tuple[Evidence, ...]:
    count = draw(st.integers(min_value=1, max_value=max_size))
    return tuple(corpus.evidence(draw) for _ in range(count))
