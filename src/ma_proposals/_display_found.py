"""HTML for notebooks of what a search or a lookup finds: hits, quotes in context.

Built from the never-raising pieces of :mod:`._display`, with the same promise:
every text escaped, never a raise. A quote in its context is marked with
``<mark>``; a hit's matched words likewise.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._display import (
    _PRE,
    MAX_ITEMS,
    _code,
    _first,
    _get,
    _given,
    _items,
    _never_raises,
    _span,
    _table,
    _text,
)
from ._wording import SNIPPET_FROM

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .query import EvidenceContext
    from .search import Hit

__all__ = ["context_html", "contexts_html", "hit_html", "hits_html"]


def _score(score: object) -> str:
    if type(score) in (int, float):
        try:
            return f"{score:.2f}"
        except OverflowError:  # an integer beyond a float, built in code
            pass
    return _text(score)  # only a hit built in code holds anything else


def _in_context(ctx: object) -> str:
    """The quote marked, in the text around it (with an ellipsis where cut)."""
    return (
        f"{'…' if _clipped(ctx, 'before') else ''}{_text(_get(ctx, 'before'))}"
        f"<mark>{_text(_get(_get(ctx, 'evidence'), 'exact'))}</mark>"
        f"{_text(_get(ctx, 'after'))}{'…' if _clipped(ctx, 'after') else ''}"
    )


def _clipped(ctx: object, side: str) -> bool:
    return _get(ctx, f"clipped_{side}") is True


@_never_raises("quote in its context")
def context_html(ctx: EvidenceContext) -> str:
    """An evidence span in its context, the quote marked."""
    return (
        f"<div><p><small>{_span(_get(ctx, 'evidence'))}</small></p>"
        f"<blockquote{_PRE}>{_in_context(ctx)}</blockquote></div>"
    )


@_never_raises("list of evidence in context")
def contexts_html(contexts: Iterable[EvidenceContext]) -> str:
    """Evidence spans in context as a table: one row per span."""
    shown, more = _first(_items(tuple(contexts)))
    rows = [
        [
            str(i),
            _text(_get(_get(ctx, "evidence"), "source")),
            f"{_text(_get(_get(ctx, 'evidence'), 'start'))}:"
            f"{_text(_get(_get(ctx, 'evidence'), 'end'))}",
            _in_context(ctx),
        ]
        for i, ctx in enumerate(shown, 1)
    ]
    if not rows:
        return "<p><em>No evidence.</em></p>"
    return _table(["#", "source", "span", "in context"], rows, {1, 2}) + more


def _marked(hit: Hit) -> str:
    """The snippet escaped, with the matched words (:attr:`Hit.marks`) in ``<mark>``.

    The text between the marks is shown as the data has it: the backslash
    before a marker that the data holds is dropped. A hit built in code whose
    snippet, markers or marks are not what a search gives is shown plain.
    """
    snippet = _get(hit, "snippet")
    highlight, marks = _get(hit, "highlight"), _get(hit, "marks")
    if not _searched(snippet, highlight, marks):
        return _text(snippet)
    start, end = highlight
    markers = sorted({m for m in highlight if m}, key=len, reverse=True)
    pattern = (
        re.compile(r"\\(" + "|".join(map(re.escape, markers)) + ")")
        if markers
        else None
    )

    def plain(text: str) -> str:
        return _text(pattern.sub(r"\1", text) if pattern is not None else text)

    out: list[str] = []
    at = 0
    for first, last in marks[:MAX_ITEMS]:
        out.append(plain(snippet[at : first - len(start)]))
        out.append(f"<mark>{plain(snippet[first:last])}</mark>")
        at = last + len(end)
    out.append(plain(snippet[at:]))
    return "".join(out)


def _searched(snippet: object, highlight: object, marks: object) -> bool:
    """Whether a hit's snippet, markers and marks are of the types a search gives."""
    return (
        type(snippet) is str
        and isinstance(highlight, tuple)
        and len(highlight) == 2
        and all(type(m) is str for m in highlight)
        and isinstance(marks, tuple)
        and all(
            isinstance(m, tuple) and len(m) == 2 and all(type(i) is int for i in m)
            for m in marks
        )
    )


def _owner(hit: object) -> str:
    """The hit's proposal, or "the set" for a claim about the whole set."""
    proposal = _get(hit, "proposal")
    return "the set" if proposal is None else _code(proposal)


def _shows(hit: object) -> str:
    """What the hit's snippet shows: curated text or a source's own words."""
    shown = _get(hit, "snippet_from")
    try:
        return _text(SNIPPET_FROM.get(shown, shown))
    except TypeError:  # an unhashable value built in code
        return _text(shown)


def _where(hit: object) -> str:
    item = _get(hit, "item")
    return _text(_get(hit, "field")) + (f" {_code(item)}" if _given(item) else "")


@_never_raises("list of search hits")
def hits_html(hits: Iterable[Hit]) -> str:
    """Search hits as a table, best first: one row per hit."""
    shown, more = _first(_items(tuple(hits)))
    rows = [
        [
            str(i),
            _owner(hit),
            _where(hit),
            _score(_get(hit, "score")),
            _shows(hit),
            _marked(hit),
        ]
        for i, hit in enumerate(shown, 1)
    ]
    if not rows:
        return "<p><em>No hits.</em></p>"
    head = ["#", "proposal", "passage", "score", "shows", "snippet"]
    return _table(head, rows, {1, 2, 4}) + more


@_never_raises("search hit")
def hit_html(hit: Hit) -> str:
    """A search hit: where it is, its score, what it shows, its snippet marked."""
    return (
        f"<div><p>{_owner(hit)} · {_where(hit)} · score "
        f"{_score(_get(hit, 'score'))} · {_shows(hit)}</p>"
        f"<blockquote{_PRE}>{_marked(hit)}</blockquote></div>"
    )
