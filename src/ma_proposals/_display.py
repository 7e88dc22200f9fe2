"""HTML for notebooks: compact, left-aligned, every text escaped.

Jupyter's stylesheet right-aligns table cells and lets long ids break at
hyphens; each cell here says ``text-align: left``, and id cells do not wrap.
Evidence quotes sit in collapsed ``<details>`` blocks; a quote in its context
is marked with ``<mark>``. Every value from the data, whatever its type (a set
built in code may hold a string in a number's field), goes through
:func:`html.escape`, so no value can open a tag.
"""

from __future__ import annotations

import enum
import re
from html import escape
from typing import TYPE_CHECKING

from ._wording import SNIPPET_FROM, external, figure

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model import (
        Citation,
        Claim,
        Evidence,
        Proposal,
        ProposalSet,
        Recommendation,
        Statistic,
    )
    from .query import EvidenceContext
    from .search import Hit

__all__ = [
    "context_html",
    "contexts_html",
    "evidence_html",
    "hit_html",
    "hits_html",
    "proposal_html",
    "recommendation_html",
    "set_html",
    "statistic_html",
]

_LEFT = "text-align:left;vertical-align:top"
_CELL = f' style="{_LEFT}"'
_NOWRAP = f' style="{_LEFT};white-space:nowrap"'
_TABLE = ' style="border-collapse:collapse"'
_PRE = ' style="white-space:pre-wrap"'


def _word(value: object) -> object:
    """An enum member's value; any other value as it is."""
    return value.value if isinstance(value, enum.Enum) else value


def _text(value: object) -> str:
    """Any value of a field as escaped text.

    A set built in code may hold any value in any field (an int field holding a
    string, a string field an int): each is written with ``str()`` and escaped.
    """
    return escape(str(_word(value)))


def _score(score: object) -> str:
    if type(score) in (int, float):
        return f"{score:.2f}"
    return _text(score)  # only a hit built in code holds anything else


def _cell(value: str, tag: str = "td", *, nowrap: bool = False) -> str:
    return f"<{tag}{_NOWRAP if nowrap else _CELL}>{value}</{tag}>"


def _table(head: list[str], rows: Iterable[list[str]], nowrap: set[int]) -> str:
    lines = ["<tr>" + "".join(_cell(_text(h), "th") for h in head) + "</tr>"]
    lines.extend(
        "<tr>"
        + "".join(_cell(v, nowrap=i in nowrap) for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table{_TABLE}>{''.join(lines)}</table>"


def _code(value: str) -> str:
    return f"<code>{_text(value)}</code>"


def _evidence(
    evidence: tuple[Evidence, ...], citations: tuple[Citation, ...] = ()
) -> str:
    """The item's evidence quotes and citations, collapsed."""
    if not evidence and not citations:
        return ""
    quotes = "".join(
        f"<blockquote{_PRE}>{_text(ev.exact)}</blockquote>"
        f"<p><small>{_span(ev)}</small></p>"
        for ev in evidence
    )
    cited = "".join(
        f"<p><small>cited: {_text(c.source)}"
        + (f": {_text(c.quote)}" if c.quote else "")
        + "</small></p>"
        for c in citations
    )
    count = len(evidence) + len(citations)
    label = "evidence" if count == 1 else f"evidence ({count})"
    return f"<details><summary>{label}</summary>{quotes}{cited}</details>"


def set_html(s: ProposalSet) -> str:
    """A table of the set's proposals under a one-line heading."""
    deputy = _text(s.deputy.name)
    version = f", data version {_text(s.version)}" if s.version else ""
    head = (
        f"<p><strong>{_text(s.title)}</strong> ({_text(s.id)}{version}): "
        f"{len(s.proposals)} proposals by {deputy}, {_text(s.meeting.name)}</p>"
    )
    rows = (
        [
            _text(str(p.number)),
            _code(p.id),
            _text(p.title),
            _text(p.topic),
            _text(", ".join(map(str, p.themes))),
            str(len(p.recommendations)),
            str(len(p.statistics)),
        ]
        for p in s.proposals
    )
    table = _table(
        ["#", "id", "title", "topic", "themes", "rec.", "stat."], rows, {1, 3}
    )
    return f"<div>{head}{table}</div>"


def _claims(heading: str, claims: tuple[Claim, ...]) -> str:
    if not claims:
        return ""
    items = "".join(
        f"<li>{_text(c.text)}"
        + (
            f" <em>(inferred: {_text(c.inferred.basis)})</em>"
            + _evidence(c.inferred.evidence)
            if c.inferred
            else ""
        )
        + _evidence(c.evidence, c.citations)
        + "</li>"
        for c in claims
    )
    return f"<p>{heading}:</p><ul>{items}</ul>"


def _recommendation_item(r: Recommendation) -> str:
    return (
        _text(r.text)
        + (f" <em>({_text(r.area)})</em>" if r.area else "")
        + (f" <em>[{_text(r.horizon)}]</em>" if r.horizon else "")
        + _evidence(r.evidence)
    )


def _statistic_rows(statistics: tuple[Statistic, ...]) -> str:
    # A figure without evidence is cited to an external source: say so.
    rows = (
        [
            _text(st.label),
            _text(figure(st)),
            _text(st.unit),
            _text(st.as_of or ""),
            _text(st.source_org or "")
            + ("" if st.evidence else f" <em>({_text(external(st))})</em>"),
            _evidence(st.evidence, st.citations),
        ]
        for st in statistics
    )
    return _table(
        ["statistic", "value", "unit", "as of", "measured by", ""], rows, {1, 3}
    )


def proposal_html(p: Proposal) -> str:
    """The proposal in full, each item with its evidence collapsed."""
    parts = [
        f"<p><strong>{_text(str(p.number))}. {_text(p.title)}</strong> "
        f"({_code(p.id)}, {_text(p.title_kind)} title)"
        f"{_evidence(p.evidence, p.citations)}</p>",
        f"<p>Topic: {_code(p.topic)}; themes: "
        f"{', '.join(_code(t) for t in p.themes) or '-'}</p>",
        f"<p>{_text(p.summary)}</p>",
    ]
    if p.titles_zh:
        items = "".join(
            f"<li>{_text(t.text)} <small>({_text(t.kind)}, "
            f"{_text(t.source)})</small></li>"
            for t in p.titles_zh
        )
        parts.append(f"<p>Chinese titles:</p><ul>{items}</ul>")
    if p.note:
        parts.append(f"<p><em>Note: {_text(p.note)}</em></p>")
    parts.append(_claims("Background", p.background))
    parts.append(_claims("Aims", p.aims))
    if p.recommendations:
        items = "".join(
            f"<li>{_recommendation_item(r)}</li>" for r in p.recommendations
        )
        parts.append(f"<p>Recommendations:</p><ol>{items}</ol>")
    if p.statistics:
        parts.append(_statistic_rows(p.statistics))
    return "<div>" + "".join(parts) + "</div>"


def recommendation_html(r: Recommendation) -> str:
    """One recommendation with its id, area, horizon and evidence."""
    return f"<div>{_code(r.id)}: {_recommendation_item(r)}</div>"


def statistic_html(st: Statistic) -> str:
    """One statistic as a one-row table with its evidence."""
    return f"<div>{_code(st.id)}{_statistic_rows((st,))}</div>"


def _span(ev: Evidence) -> str:
    """Where a span is: its source and offsets."""
    return f"{_text(ev.source)} [{_text(ev.start)}:{_text(ev.end)}]"


def evidence_html(ev: Evidence) -> str:
    """One evidence span: the quote, then its source and offsets."""
    return (
        f"<div><blockquote{_PRE}>{_text(ev.exact)}</blockquote>"
        f"<p><small>{_span(ev)}</small></p></div>"
    )


def _in_context(ctx: EvidenceContext) -> str:
    """The quote marked, in the text around it (with an ellipsis where cut)."""
    return (
        f"{'…' if ctx.clipped_before else ''}{_text(ctx.before)}"
        f"<mark>{_text(ctx.evidence.exact)}</mark>{_text(ctx.after)}"
        f"{'…' if ctx.clipped_after else ''}"
    )


def context_html(ctx: EvidenceContext) -> str:
    """An evidence span in its context, the quote marked."""
    return (
        f"<div><p><small>{_span(ctx.evidence)}</small></p>"
        f"<blockquote{_PRE}>{_in_context(ctx)}</blockquote></div>"
    )


def contexts_html(contexts: Iterable[EvidenceContext]) -> str:
    """Evidence spans in context as a table: one row per span."""
    rows = [
        [
            str(i),
            _text(ctx.evidence.source),
            f"{_text(ctx.evidence.start)}:{_text(ctx.evidence.end)}",
            _in_context(ctx),
        ]
        for i, ctx in enumerate(contexts, 1)
    ]
    if not rows:
        return "<p><em>No evidence.</em></p>"
    return _table(["#", "source", "span", "in context"], rows, {1, 2})


def _marked(hit: Hit) -> str:
    """The snippet escaped, with the matched words (:attr:`Hit.marks`) in ``<mark>``.

    The text between the marks is shown as the data has it: the backslash
    before a marker that the data holds is dropped.
    """
    start, end = hit.highlight
    markers = sorted({m for m in hit.highlight if m}, key=len, reverse=True)
    pattern = (
        re.compile(r"\\(" + "|".join(map(re.escape, markers)) + ")")
        if markers
        else None
    )

    def plain(text: str) -> str:
        return _text(pattern.sub(r"\1", text) if pattern is not None else text)

    out: list[str] = []
    at = 0
    snippet = hit.snippet
    for first, last in hit.marks:
        out.append(plain(snippet[at : first - len(start)]))
        out.append(f"<mark>{plain(snippet[first:last])}</mark>")
        at = last + len(end)
    out.append(plain(snippet[at:]))
    return "".join(out)


def _owner(hit: Hit) -> str:
    """The hit's proposal, or "the set" for a claim about the whole set."""
    return "the set" if hit.proposal is None else _code(hit.proposal)


def _shows(hit: Hit) -> str:
    """What the hit's snippet shows: curated text or a source's own words."""
    return _text(SNIPPET_FROM.get(hit.snippet_from, hit.snippet_from))


def hits_html(hits: Iterable[Hit]) -> str:
    """Search hits as a table, best first: one row per hit."""
    rows = [
        [
            str(i),
            _owner(hit),
            _text(hit.field) + (f" {_code(hit.item)}" if hit.item else ""),
            _score(hit.score),
            _shows(hit),
            _marked(hit),
        ]
        for i, hit in enumerate(hits, 1)
    ]
    if not rows:
        return "<p><em>No hits.</em></p>"
    return _table(
        ["#", "proposal", "passage", "score", "shows", "snippet"], rows, {1, 2, 4}
    )


def hit_html(hit: Hit) -> str:
    """A search hit: where it is, its score, what it shows, its snippet marked."""
    where = _text(hit.field) + (f" {_code(hit.item)}" if hit.item else "")
    return (
        f"<div><p>{_owner(hit)} · {where} · score {_score(hit.score)}"
        f" · {_shows(hit)}</p>"
        f"<blockquote{_PRE}>{_marked(hit)}</blockquote></div>"
    )
