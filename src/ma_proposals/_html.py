"""HTML for notebooks: compact, left-aligned, every text escaped.

Jupyter's stylesheet right-aligns table cells and lets long ids break at
hyphens; each cell here says ``text-align: left``, and id cells do not wrap.
Evidence quotes sit in collapsed ``<details>`` blocks; a quote in its context
is marked with ``<mark>``. Every text from the data goes through
:func:`html.escape`, so no value can open a tag.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._strings import QUALIFIER_WORDS

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
    "hit_html",
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


def _cell(value: str, tag: str = "td", *, nowrap: bool = False) -> str:
    return f"<{tag}{_NOWRAP if nowrap else _CELL}>{value}</{tag}>"


def _table(head: list[str], rows: Iterable[list[str]], nowrap: set[int]) -> str:
    lines = ["<tr>" + "".join(_cell(escape(h), "th") for h in head) + "</tr>"]
    lines.extend(
        "<tr>"
        + "".join(_cell(v, nowrap=i in nowrap) for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table{_TABLE}>{''.join(lines)}</table>"


def _code(value: str) -> str:
    return f"<code>{escape(value)}</code>"


def _evidence(
    evidence: tuple[Evidence, ...], citations: tuple[Citation, ...] = ()
) -> str:
    """The item's evidence quotes and citations, collapsed."""
    if not evidence and not citations:
        return ""
    quotes = "".join(
        f"<blockquote{_PRE}>{escape(ev.exact)}</blockquote>"
        f"<p><small>{escape(ev.source)} [{ev.start}:{ev.end}]</small></p>"
        for ev in evidence
    )
    cited = "".join(
        f"<p><small>cited: {escape(c.source)}"
        + (f": {escape(c.quote)}" if c.quote else "")
        + "</small></p>"
        for c in citations
    )
    count = len(evidence) + len(citations)
    label = "evidence" if count == 1 else f"evidence ({count})"
    return f"<details><summary>{label}</summary>{quotes}{cited}</details>"


def _figure(st: Statistic) -> str:
    return QUALIFIER_WORDS[st.qualifier.value] + f"{st.value:,}"


def set_html(s: ProposalSet) -> str:
    """A table of the set's proposals under a one-line heading."""
    deputy = escape(s.deputy.name)
    version = f", data version {escape(s.version)}" if s.version else ""
    head = (
        f"<p><strong>{escape(s.title)}</strong> ({escape(s.id)}{version}): "
        f"{len(s.proposals)} proposals by {deputy}, {escape(s.meeting.name)}</p>"
    )
    rows = (
        [
            escape(str(p.number)),
            _code(p.id),
            escape(p.title),
            escape(p.topic),
            escape(", ".join(p.themes)),
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
        f"<li>{escape(c.text)}"
        + (
            f" <em>(inferred: {escape(c.inferred.basis)})</em>"
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
        escape(r.text)
        + (f" <em>({escape(r.area)})</em>" if r.area else "")
        + (f" <em>[{escape(r.horizon.value)}]</em>" if r.horizon else "")
        + _evidence(r.evidence)
    )


def _statistic_rows(statistics: tuple[Statistic, ...]) -> str:
    # A figure without evidence is cited to an external source: say so.
    rows = (
        [
            escape(st.label),
            escape(_figure(st)),
            escape(st.unit),
            escape(st.as_of or ""),
            escape(st.source_org or "")
            + (
                ""
                if st.evidence
                else " <em>(not in the article; from "
                + escape(", ".join(c.source for c in st.citations))
                + ")</em>"
            ),
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
        f"<p><strong>{escape(str(p.number))}. {escape(p.title)}</strong> "
        f"({_code(p.id)}, {escape(p.title_kind.value)} title)"
        f"{_evidence(p.evidence, p.citations)}</p>",
        f"<p>Topic: {_code(p.topic)}; themes: "
        f"{', '.join(_code(t) for t in p.themes) or '-'}</p>",
        f"<p>{escape(p.summary)}</p>",
    ]
    if p.titles_zh:
        items = "".join(
            f"<li>{escape(t.text)} <small>({escape(t.kind.value)}, "
            f"{escape(t.source)})</small></li>"
            for t in p.titles_zh
        )
        parts.append(f"<p>Chinese titles:</p><ul>{items}</ul>")
    if p.note:
        parts.append(f"<p><em>Note: {escape(p.note)}</em></p>")
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


def context_html(ctx: EvidenceContext) -> str:
    """An evidence span in its context, the quote marked."""
    ev = ctx.evidence
    return (
        f"<div><p><small>{escape(ev.source)} [{ev.start}:{ev.end}]</small></p>"
        f"<blockquote{_PRE}>{'…' if ctx.clipped_before else ''}"
        f"{escape(ctx.before)}<mark>{escape(ev.exact)}</mark>{escape(ctx.after)}"
        f"{'…' if ctx.clipped_after else ''}</blockquote></div>"
    )


def _marked(snippet: str, start: str, end: str) -> str:
    """The snippet escaped, with the text between the markers in ``<mark>``."""
    if not start or not end:
        return escape(snippet)
    out: list[str] = []
    rest = snippet
    while True:
        before, found, after = rest.partition(start)
        if not found:
            out.append(escape(rest))
            break
        inside, closed, tail = after.partition(end)
        if not closed:
            out.append(escape(rest))
            break
        out.append(f"{escape(before)}<mark>{escape(inside)}</mark>")
        rest = tail
    return "".join(out)


def hit_html(hit: Hit) -> str:
    """A search hit: where it is, its score, and its snippet with marks."""
    where = escape(hit.field) + (f" {_code(hit.item)}" if hit.item else "")
    return (
        f"<div><p>{_code(hit.proposal)} · {where} · score {hit.score:.2f}</p>"
        f"<blockquote{_PRE}>{_marked(hit.snippet, *hit.highlight)}</blockquote></div>"
    )
