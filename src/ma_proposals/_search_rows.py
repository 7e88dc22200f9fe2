"""What search indexes: one row per passage, with the evidence quotes behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .model import Evidence, Proposal, ProposalSet

__all__ = ["Row", "passages"]

#: A row of the index: (proposal, field, item, text, quotes, details).
Row = tuple[str | None, str, str | None, str, str, str]


def _quotes(evidence: tuple[Evidence, ...]) -> str:
    return "\n".join(ev.exact for ev in evidence)


def _passages(proposal: Proposal) -> Iterator[Row]:
    """Rows of (proposal, field, item, text, quotes, details)."""
    pid = proposal.id
    yield pid, "title", None, proposal.title, _quotes(proposal.evidence), ""
    yield pid, "summary", None, proposal.summary, "", ""
    for claim in proposal.background:
        yield pid, "background", claim.id, claim.text, _quotes(claim.evidence), ""
    for claim in proposal.aims:
        yield pid, "aim", claim.id, claim.text, _quotes(claim.evidence), ""
    for rec in proposal.recommendations:
        area = rec.area or ""
        yield pid, "recommendation", rec.id, rec.text, _quotes(rec.evidence), area
    for stat in proposal.statistics:
        details = "\n".join(filter(None, (stat.unit, stat.source_org, stat.note)))
        yield pid, "statistic", stat.id, stat.label, _quotes(stat.evidence), details
    for d in proposal.divergences:
        yield pid, "divergence", d.id, d.text, _quotes(d.evidence), ""


def passages(proposal_set: ProposalSet) -> list[Row]:
    """Every row of the index: the proposals' passages, then the set's claims.

    Chinese wordings are not passages: FTS5's ``unicode61`` tokenizer reads a
    run of Chinese characters as one word, so no query would find a word inside
    one (the text filter, :func:`~ma_proposals.text`, does). A proposal's note,
    bases and citations are not searched either (see ``_shown.NOT_SHOWN["search"]``).
    """
    rows = [row for p in proposal_set.proposals for row in _passages(p)]
    rows.extend(
        (None, "claim", c.id, c.text, _quotes(c.evidence), "")
        for c in proposal_set.claims
    )
    return rows
