"""HTML for notebooks: compact tables, every text escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._strings import QUALIFIER_WORDS

if TYPE_CHECKING:
    from .model import Proposal, ProposalSet

__all__ = ["proposal_html", "set_html"]


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"


def set_html(s: ProposalSet) -> str:
    """A table of the set's proposals under a one-line heading."""
    deputy = escape(s.deputy.name)
    head = (
        f"<p><strong>{escape(s.title)}</strong> ({escape(s.id)}): "
        f"{len(s.proposals)} proposals by {deputy}, {escape(s.meeting.name)}</p>"
    )
    rows = [_row(["#", "id", "title", "topic", "themes", "rec.", "stat."], "th")]
    rows.extend(
        _row(
            [
                str(p.number),
                f"<code>{escape(p.id)}</code>",
                escape(p.title),
                escape(p.topic),
                escape(", ".join(p.themes)),
                str(len(p.recommendations)),
                str(len(p.statistics)),
            ]
        )
        for p in s.proposals
    )
    return f"<div>{head}<table>{''.join(rows)}</table></div>"


def proposal_html(p: Proposal) -> str:
    """The proposal's title, facts, summary, recommendations and statistics."""
    parts = [
        f"<p><strong>{p.number}. {escape(p.title)}</strong> "
        f"(<code>{escape(p.id)}</code>, {escape(p.title_kind.value)} title)</p>",
        f"<p>Topic: {escape(p.topic)}; themes: {escape(', '.join(p.themes))}</p>",
        f"<p>{escape(p.summary)}</p>",
    ]
    if p.aims:
        items = "".join(f"<li>{escape(a.text)}</li>" for a in p.aims)
        parts.append(f"<p>Aims:</p><ul>{items}</ul>")
    if p.recommendations:
        items = "".join(
            f"<li>{escape(r.text)}"
            + (f" <em>({escape(r.area)})</em>" if r.area else "")
            + (f" <em>[{escape(r.horizon.value)}]</em>" if r.horizon else "")
            + "</li>"
            for r in p.recommendations
        )
        parts.append(f"<ol>{items}</ol>")
    if p.statistics:
        rows = [_row(["statistic", "value", "unit", "as of", "measured by"], "th")]
        # A figure without evidence is cited to an external source: say so.
        rows.extend(
            _row(
                [
                    escape(st.label),
                    escape(QUALIFIER_WORDS[st.qualifier.value] + f"{st.value:,}"),
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
                ]
            )
            for st in p.statistics
        )
        parts.append(f"<table>{''.join(rows)}</table>")
    return "<div>" + "".join(parts) + "</div>"
