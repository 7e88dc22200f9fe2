"""A local Sphinx extension: the review page, every curated item beside its words.

Directive:

``curation-review``
    The packaged set laid out for an audit: the set-level claims and themes (with
    what the curators infer and why), then one section per proposal, with its
    aims, background, recommendations, statistics and divergences, each beside
    the verbatim evidence it rests on, the external pages it cites and the
    Chinese wordings stored pages give, then the deputy and his career. A reader
    can check every curated item against the article's words in one sitting.

:func:`review` builds the page's content as plain data and needs neither Sphinx
nor docutils (``tests/test_docs.py`` checks that it leaves no item out); docutils
is imported only to build nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ma_proposals as mp
from ma_proposals._wording import chinese, figure

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from ma_proposals import (
        ChineseWording,
        Citation,
        Claim,
        Evidence,
        Proposal,
        Recommendation,
        Statistic,
    )

__all__ = ["Entry", "Section", "coverage", "review", "setup"]


@dataclass(frozen=True)
class Entry:
    """One curated item and what supports it."""

    kind: str
    id: str | None
    text: str
    details: tuple[str, ...]
    quotes: tuple[str, ...]
    citations: tuple[str, ...]
    wordings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading, facts about its subject, and its items."""

    key: str
    title: str
    facts: tuple[str, ...]
    entries: tuple[Entry, ...]


def _quotes(evidence: tuple[Evidence, ...]) -> tuple[str, ...]:
    return tuple(ev.exact for ev in evidence)


def _cited(citations: tuple[Citation, ...]) -> tuple[str, ...]:
    return tuple(f"{c.source}: {c.quote}" if c.quote else c.source for c in citations)


def _wordings(wordings: tuple[ChineseWording, ...]) -> tuple[str, ...]:
    return tuple(chinese(w) for w in wordings)


def _worded(p: Proposal) -> list[Claim | Recommendation]:
    """The items of ``p`` whose Chinese wordings are counted: aims, recommendations.

    Any claim may hold wordings; the curators looked for those of the aims and
    recommendations, so the coverage is of them.
    """
    return [*p.aims, *p.recommendations]


def coverage(items: list[Claim | Recommendation]) -> str:
    """How many of ``items`` have a Chinese wording, and from how many pages.

    Example:
        >>> import ma_proposals as mp
        >>> coverage(list(mp.load()["sme-relief"].recommendations))
        'Chinese wording for 3 of 3 recommendations and aims, from 1 page'
    """
    worded = [item for item in items if item.wordings_zh]
    pages = {w.source for item in worded for w in item.wordings_zh}
    return (
        f"Chinese wording for {len(worded)} of {len(items)} recommendations and "
        f"aims, from {len(pages)} page{'' if len(pages) == 1 else 's'}"
    )


def _claim(kind: str, claim: Claim) -> Entry:
    details = []
    if claim.proposals:
        details.append("about: " + ", ".join(claim.proposals))
    quotes = _quotes(claim.evidence)
    if claim.inferred is not None:
        details.append("inferred: " + claim.inferred.basis)
        quotes += tuple(f"(basis) {q}" for q in _quotes(claim.inferred.evidence))
    return Entry(
        kind,
        claim.id,
        claim.text,
        tuple(details),
        quotes,
        _cited(claim.citations),
        _wordings(claim.wordings_zh),
    )


def _statistic(stat: Statistic) -> Entry:
    shown = f"{figure(stat)} {stat.unit}"
    details = tuple(
        f"{name}: {value}"
        for name, value in (
            ("as of", stat.as_of),
            ("measured by", stat.source_org),
            ("note", stat.note),
        )
        if value
    )
    return Entry(
        "statistic",
        stat.id,
        f"{stat.label}: {shown}",
        details,
        _quotes(stat.evidence),
        _cited(stat.citations),
    )


def _proposal(p: Proposal) -> Section:
    facts = [
        f"id: {p.id}; topic: {p.topic}; themes: {', '.join(p.themes) or 'none'}",
        f"title ({p.title_kind.value}): {p.title}",
        *(f"Chinese title ({t.kind.value}, {t.source}): {t.text}" for t in p.titles_zh),
        f"summary (the curators' words): {p.summary}",
        *([f"note: {p.note}"] if p.note else []),
        *(f"named or described as: “{q}”" for q in _quotes(p.evidence)),
        coverage(_worded(p)),
    ]
    entries = [
        *(_claim("aim", claim) for claim in p.aims),
        *(_claim("background", claim) for claim in p.background),
        *(
            Entry(
                "recommendation",
                rec.id,
                rec.text,
                tuple(
                    f"{name}: {value}"
                    for name, value in (
                        ("area", rec.area),
                        ("horizon", rec.horizon.value if rec.horizon else None),
                    )
                    if value
                ),
                _quotes(rec.evidence),
                (),
                _wordings(rec.wordings_zh),
            )
            for rec in p.recommendations
        ),
        *(_statistic(stat) for stat in p.statistics),
        *(
            Entry(
                "divergence",
                d.id,
                d.text,
                (),
                _quotes(d.evidence),
                _cited(d.citations),
            )
            for d in p.divergences
        ),
    ]
    return Section(p.id, f"{p.number}. {p.title}", tuple(facts), tuple(entries))


def _tag(kind: str, tag: Any, members: list[str]) -> Entry:
    """A topic or theme: who carries it and, if inferred, on what basis."""
    inferred = tag.inferred
    return Entry(
        kind,
        tag.id,
        f"{tag.label}: {tag.description}",
        (
            "carried by: " + (", ".join(members) or "none"),
            *(["inferred: " + inferred.basis] if inferred is not None else []),
        ),
        _quotes(tag.evidence)
        + (
            tuple(f"(basis) {q}" for q in _quotes(inferred.evidence))
            if inferred is not None
            else ()
        ),
        (),
    )


def review(s: mp.ProposalSet) -> tuple[Section, ...]:
    """The review page's content: every curated item with its support.

    Example:
        >>> import ma_proposals as mp
        >>> sections = review(mp.load())
        >>> [section.key for section in sections][:3]
        ['set', 'industrial-internet', 'rural-revitalization']
    """
    tags = [
        *(_tag("topic", t, [p.id for p in s if p.topic == t.id]) for t in s.topics),
        *(_tag("theme", t, [p.id for p in s if t.id in p.themes]) for t in s.themes),
    ]
    overview = Section(
        "set",
        "The set as a whole",
        (
            f"{len(s)} proposals; the article states {s.declared_count}",
            f"data version: {s.version or 'none'}",
            coverage([i for p in s for i in _worded(p)]),
        ),
        (*(_claim("claim", claim) for claim in s.claims), *tags),
    )
    deputy = s.deputy
    career = deputy.career
    person = Section(
        "deputy",
        f"The deputy: {deputy.name}",
        tuple(f"named as: “{q}”" for q in _quotes(deputy.evidence)),
        (
            *(_claim("role", role) for role in deputy.roles),
            *(
                (
                    Entry(
                        "career",
                        None,
                        "subjects: "
                        + "; ".join(career.subjects)
                        + (" (an open list)" if career.subjects_open else "")
                        + ". fields: "
                        + "; ".join(career.fields)
                        + (" (an open list)" if career.fields_open else ""),
                        (),
                        _quotes(career.evidence),
                        (),
                    ),
                    *(_statistic(stat) for stat in career.statistics),
                )
                if career is not None
                else ()
            ),
        ),
    )
    return (overview, *(_proposal(p) for p in s), person)


# -- docutils ------------------------------------------------------------------------


def _cell(*paragraphs: str, quoted: bool = False) -> list[nodes.Node]:
    from docutils import nodes

    cell: list[nodes.Node] = []
    for text in paragraphs:
        if quoted and not text.startswith("(basis) "):
            cell.append(nodes.paragraph("", "", nodes.Text(f"“{text}”")))
        else:
            cell.append(nodes.paragraph(text=text))
    return cell


def _entry_row(entry: Entry) -> list[list[nodes.Node]]:
    from docutils import nodes

    item = nodes.paragraph()
    item += nodes.strong(entry.kind, entry.kind)
    if entry.id:
        item += nodes.Text(" ")
        item += nodes.literal(entry.id, entry.id)
    return [
        [item],
        _cell(entry.text, *entry.details),
        _cell(*entry.quotes, quoted=True)
        + _cell(*(f"cites {c}" for c in entry.citations))
        + _cell(*entry.wordings),
    ]


def review_nodes(document: nodes.document) -> list[nodes.Node]:
    """One section per :class:`Section`, each with a table of its items."""
    from docutils import nodes

    result: list[nodes.Node] = []
    for section in review(mp.load()):
        node = nodes.section(names=[f"review-{section.key}"])
        node += nodes.title(section.title, section.title)
        document.note_explicit_target(node, node)
        facts = nodes.bullet_list()
        for fact in section.facts:
            facts += nodes.list_item("", nodes.paragraph(text=fact))
        node += facts
        table = nodes.table(classes=["curation-review"])
        group = nodes.tgroup(cols=3)
        table += group
        group.extend(nodes.colspec(colwidth=w) for w in (16, 42, 42))
        head = nodes.thead()
        row = nodes.row()
        for text in (
            "Item",
            "Curated",
            "The article's words (pages cited, Chinese wordings)",
        ):
            row += nodes.entry("", nodes.paragraph(text=text))
        head += row
        group += head
        body = nodes.tbody()
        for entry in section.entries:
            row = nodes.row()
            for cell in _entry_row(entry):
                row += nodes.entry("", *cell)
            body += row
        group += body
        node += table
        result.append(node)
    return result


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive."""
    from sphinx.util.docutils import SphinxDirective

    class CurationReview(SphinxDirective):
        """``curation-review``: every curated item beside its evidence."""

        def run(self) -> list[nodes.Node]:
            return review_nodes(self.state.document)

    app.add_directive("curation-review", CurationReview)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
