"""Evidence in context: a span with the source text around it."""

from __future__ import annotations

from typing import TYPE_CHECKING, SupportsIndex, overload

import attrs

if TYPE_CHECKING:
    from ma_proposals.model import Evidence, ProposalSet

# -- Evidence in context ---------------------------------------------------------


@attrs.frozen
class EvidenceContext:
    """An evidence span with the source text around it.

    Attributes:
        evidence: The span.
        before: Up to ``width`` code points of text before it.
        after: Up to ``width`` code points after it.
        clipped_before: Whether the text goes on before ``before``.
        clipped_after: Whether the text goes on after ``after``.

    Example:
        >>> import ma_proposals as mp
        >>> s = mp.load()
        >>> print(s.context(s.claims[1].evidence[0], width=20))
        … and other topics.
        <BLANKLINE>
        [Three of the proposals referred to new infrastructure.]
        <BLANKLINE>
        Ma Huateng suggest…
    """

    evidence: Evidence
    before: str
    after: str
    clipped_before: bool
    clipped_after: bool

    @property
    def exact(self) -> str:
        """The quote itself.

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> s.context(s.claims[1].evidence[0]).exact
            'Three of the proposals referred to new infrastructure.'
        """
        return self.evidence.exact

    def _repr_html_(self) -> str:
        """The quote in its context for notebooks, marked with ``<mark>``.

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> html = s.context(s.claims[1].evidence[0], width=20)._repr_html_()
            >>> "<mark>Three of the proposals referred to new infrastructure.</mark>" in html
            True
        """  # noqa: E501
        from ma_proposals._display_found import context_html

        return context_html(self)

    def __str__(self) -> str:
        return (
            ("…" if self.clipped_before else "")
            + f"{self.before}[{self.exact}]{self.after}"
            + ("…" if self.clipped_after else "")
        )


class EvidenceContexts(tuple[EvidenceContext, ...]):
    """Evidence spans in context: a tuple that notebooks show as a table.

    It is a :class:`tuple` in every other way: it compares equal to a tuple of
    the same contexts, its ``repr`` is a tuple's, and a slice of it is
    :class:`EvidenceContexts` too. In a notebook, each span is a row: its
    source, its offsets, and the quote marked in the text around it, every
    text escaped.

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> s = mp.load()
        >>> spans = s.evidence_of(s.claims[0], width=10)
        >>> type(spans).__name__, len(spans), spans == tuple(spans)
        ('EvidenceContexts', 2, True)
        >>> print(spans[1])
        … officer, [plans to submit 7 written proposals], covering…
        >>> spans._repr_html_().count("<mark>")
        2
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> EvidenceContext: ...
    @overload
    def __getitem__(self, index: slice, /) -> EvidenceContexts: ...

    def __getitem__(
        self, index: SupportsIndex | slice, /
    ) -> EvidenceContext | EvidenceContexts:
        if isinstance(index, slice):
            return EvidenceContexts(super().__getitem__(index))
        return super().__getitem__(index)

    def _repr_html_(self) -> str:
        """The spans for notebooks: a table, one row per span (every text escaped).

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> s.evidence_of(s["fintech"])._repr_html_().startswith("<table")
            True
        """
        from ma_proposals._display_found import contexts_html

        return contexts_html(self)


def context(
    proposal_set: ProposalSet, evidence: Evidence, width: int
) -> EvidenceContext:
    """Implement :meth:`ma_proposals.ProposalSet.context`."""
    if width < 0:
        raise ValueError(f"width must be at least 0, not {width}")
    source_text = proposal_set.source_text(evidence.source)
    start = max(0, evidence.start - width)
    end = min(len(source_text), evidence.end + width)
    return EvidenceContext(
        evidence,
        source_text[start : evidence.start],
        source_text[evidence.end : end],
        start > 0,
        end < len(source_text),
    )
