"""The one definition of the exported tables, which every tabular format writes."""

from __future__ import annotations

import dataclasses
import operator
from typing import TYPE_CHECKING, Any

from ma_proposals._wording import close_matches
from ma_proposals.errors import UnknownIdError
from ma_proposals.query import (
    EvidenceRow,
    RecommendationRow,
    StatisticRow,
    owned,
)

from ._columns import (
    INFERRED,
    PROPOSAL,
    TO_PROPOSAL,
    TO_SOURCE,
    cells,
    column,
    columns,
    held,
    integer,
    scalars,
    string,
)
from ._definitions import Column, ForeignKey, Table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ma_proposals.model import Claim, ProposalSet, Theme, Topic

__all__ = ["TABLE_NAMES", "table", "tables"]


def _basis(item: Claim | Theme | Topic) -> str | None:
    return item.inferred.basis if item.inferred else None


def _row_values(row_type: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function that turns a flat row (a dataclass) into a tuple of its fields."""
    names = [f.name for f in dataclasses.fields(row_type)]
    return operator.attrgetter(*names)


def _sources(s: ProposalSet) -> Table:
    names = scalars(held(type(s), "sources"))
    return Table(
        "sources",
        "A source the data was curated from.",
        columns(held(type(s), "sources")),
        ("id",),
        (),
        tuple(cells(src, names) for src in s.sources),
    )


def _source_notes(s: ProposalSet) -> Table:
    return Table(
        "source_notes",
        "A known quirk of a source and how the curators read it.",
        (
            string("source", "Id of the source (sources.id).", required=True),
            integer("position", "Order among its notes, from 1."),
            column(held(type(s), "sources"), "notes", "note", item=True),
        ),
        ("source", "position"),
        (TO_SOURCE,),
        tuple(
            (src.id, i, note)
            for src in s.sources
            for i, note in enumerate(src.notes, 1)
        ),
    )


def _topics(s: ProposalSet) -> Table:
    topic = held(type(s), "topics")
    names = scalars(topic)
    return Table(
        "topics",
        "A main topic of proposals.",
        (*columns(topic), INFERRED),
        ("id",),
        (),
        tuple((*cells(t, names), _basis(t)) for t in s.topics),
    )


def _themes(s: ProposalSet) -> Table:
    theme = held(type(s), "themes")
    names = scalars(theme)
    return Table(
        "themes",
        "A cross-cutting theme.",
        (*columns(theme), INFERRED),
        ("id",),
        (),
        tuple((*cells(t, names), _basis(t)) for t in s.themes),
    )


def _proposals(s: ProposalSet) -> Table:
    proposal = held(type(s), "proposals")
    names = scalars(proposal)
    return Table(
        "proposals",
        "A proposal.",
        columns(proposal),
        ("id",),
        (ForeignKey(("topic",), "topics", ("id",)),),
        tuple(cells(p, names) for p in s.proposals),
    )


def _proposal_themes(s: ProposalSet) -> Table:
    return Table(
        "proposal_themes",
        "A theme a proposal is tagged with.",
        (
            PROPOSAL,
            integer("position", "Order among its themes, from 1."),
            column(held(type(s), "proposals"), "themes", "theme", item=True),
        ),
        ("proposal", "position"),
        (TO_PROPOSAL, ForeignKey(("theme",), "themes", ("id",))),
        tuple(
            (p.id, i, theme) for p in s.proposals for i, theme in enumerate(p.themes, 1)
        ),
    )


def _chinese_titles(s: ProposalSet) -> Table:
    title = held(held(type(s), "proposals"), "titles_zh")
    names = scalars(title)
    return Table(
        "chinese_titles",
        "A Chinese title of a proposal as one external source gives it.",
        (
            PROPOSAL,
            integer("position", "Order among its titles, from 1."),
            *columns(title),
        ),
        ("proposal", "position"),
        (TO_PROPOSAL, TO_SOURCE),
        tuple(
            (p.id, i, *cells(t, names))
            for p in s.proposals
            for i, t in enumerate(p.titles_zh, 1)
        ),
    )


def _claim_items(s: ProposalSet) -> Iterator[tuple[str, str | None, str, Claim]]:
    for i, claim in enumerate(s.claims):
        yield f"$.claims[{i}]", None, "set", claim
    for i, claim in enumerate(s.deputy.roles):
        yield f"$.deputy.roles[{i}]", None, "role", claim
    for i, p in enumerate(s.proposals):
        for j, claim in enumerate(p.background):
            yield f"$.proposals[{i}].background[{j}]", p.id, "background", claim
        for j, claim in enumerate(p.aims):
            yield f"$.proposals[{i}].aims[{j}]", p.id, "aim", claim


def _claims(s: ProposalSet) -> Table:
    return Table(
        "claims",
        "A statement: about the set, a role of the deputy, or a proposal's "
        "background or aim.",
        (
            string("path", "JSON path of the claim in the document.", required=True),
            Column(
                "scope",
                "string",
                "Where it belongs.",
                True,
                ("set", "role", "background", "aim"),
            ),
            string("proposal", "Id of the proposal, for background and aims."),
            column(held(type(s), "claims"), "id"),
            column(held(type(s), "claims"), "text"),
            INFERRED,
        ),
        ("path",),
        (TO_PROPOSAL,),
        tuple(
            (path, scope, pid, claim.id, claim.text, _basis(claim))
            for path, pid, scope, claim in _claim_items(s)
        ),
    )


def _claim_proposals(s: ProposalSet) -> Table:
    # A filtered set keeps its claims but not every proposal they are about:
    # only the proposals the set holds are listed, so that the keys join.
    present = {p.id for p in s.proposals}
    return Table(
        "claim_proposals",
        "A proposal a claim is about.",
        (
            string("claim", "Path of the claim (claims.path).", required=True),
            integer("position", "Order in the claim, from 1."),
            PROPOSAL,
        ),
        ("claim", "position"),
        (ForeignKey(("claim",), "claims", ("path",)), TO_PROPOSAL),
        tuple(
            (path, i, pid)
            for path, _, _, claim in _claim_items(s)
            for i, pid in enumerate(claim.proposals, 1)
            if pid in present
        ),
    )


def _recommendations(s: ProposalSet) -> Table:
    values = _row_values(RecommendationRow)
    recommendation = held(held(type(s), "proposals"), "recommendations")
    return Table(
        "recommendations",
        "One distinct action a proposal suggests.",
        (
            PROPOSAL,
            integer("proposal_number", "The proposal's number (proposals.number)."),
            column(recommendation, "id"),
            integer("position", "Order in the proposal, from 1."),
            column(recommendation, "text"),
            column(recommendation, "area"),
            column(recommendation, "horizon"),
            integer("evidence_count", "How many evidence spans support it."),
        ),
        ("proposal", "id"),
        (TO_PROPOSAL,),
        tuple(values(r) for r in s.rows("recommendations")),
    )


def _statistics(s: ProposalSet) -> Table:
    values = _row_values(StatisticRow)
    statistic = held(held(type(s), "proposals"), "statistics")
    return Table(
        "statistics",
        "A figure cited by a proposal, or one of the deputy's career figures.",
        (
            string("path", "JSON path of the figure in the document.", required=True),
            string("proposal", "Id of the proposal; empty for career figures."),
            *columns(statistic),
        ),
        ("path",),
        (TO_PROPOSAL,),
        tuple(values(r) for r in s.rows("statistics")),
    )


def _glossary(s: ProposalSet) -> Table:
    term = held(type(s), "glossary")
    names = scalars(term)
    return Table(
        "glossary",
        "A term and, in glossary_variants, the spellings the sources use.",
        columns(term),
        ("canonical",),
        (),
        tuple(cells(t, names) for t in s.glossary),
    )


def _glossary_variants(s: ProposalSet) -> Table:
    return Table(
        "glossary_variants",
        "A spelling of a glossary term found in the sources.",
        (
            string("canonical", "The term (glossary.canonical).", required=True),
            integer("position", "Order among its variants, from 1."),
            column(held(type(s), "glossary"), "variants", "variant", item=True),
        ),
        ("canonical", "position"),
        (ForeignKey(("canonical",), "glossary", ("canonical",)),),
        tuple(
            (t.canonical, i, variant)
            for t in s.glossary
            for i, variant in enumerate(t.variants, 1)
        ),
    )


def _owner_columns(kind: str) -> tuple[Column, ...]:
    """The columns that say which item an evidence span or citation supports."""
    return (
        string("proposal", "Id of the proposal the item belongs to, if any."),
        string("owner", "JSON path of the supported item.", required=True),
        string("owner_kind", "Class of the item, in lower case.", required=True),
        string("owner_id", "Id of the item, if it has one."),
        integer("index", f"Position in the item's {kind} list, from 0."),
    )


def _owner(proposal: str | None, path: str, item: Any, index: int) -> tuple[Any, ...]:
    """The cells of :func:`_owner_columns` for the ``index``-th entry of ``item``."""
    kind = type(item).__name__.lower()
    return (proposal, path, kind, getattr(item, "id", None), index)


def _evidence(s: ProposalSet) -> Table:
    values = _row_values(EvidenceRow)
    evidence = held(held(type(s), "proposals"), "evidence")
    return Table(
        "evidence",
        "A span of a shipped source that supports an item.",
        (
            *_owner_columns("evidence"),
            *(column(evidence, name) for name in ("source", "start", "end", "exact")),
        ),
        ("owner", "index"),
        (TO_PROPOSAL, TO_SOURCE),
        tuple(values(r) for r in s.rows("evidence")),
    )


def _citations(s: ProposalSet) -> Table:
    citation = held(held(held(type(s), "proposals"), "statistics"), "citations")
    return Table(
        "citations",
        "An external source that supports an item.",
        (
            *_owner_columns("citation"),
            column(citation, "source"),
            column(citation, "quote"),
        ),
        ("owner", "index"),
        (TO_PROPOSAL, TO_SOURCE),
        tuple(
            (*_owner(proposal, path, item, i), citation.source, citation.quote)
            for proposal, path, item, citations in owned(s, "citations")
            for i, citation in enumerate(citations)
        ),
    )


def _chinese_wordings(s: ProposalSet) -> Table:
    wording = held(held(held(type(s), "proposals"), "recommendations"), "wordings_zh")
    names = scalars(wording)
    return Table(
        "chinese_wordings",
        "The Chinese words of a recommendation or claim, as one external source "
        "gives them.",
        (*_owner_columns("Chinese wordings"), *columns(wording)),
        ("owner", "index"),
        (TO_PROPOSAL, TO_SOURCE),
        tuple(
            (*_owner(proposal, path, item, i), *cells(w, names))
            for proposal, path, item, wordings in owned(s, "wordings_zh")
            for i, w in enumerate(wordings)
        ),
    )


def _divergences(s: ProposalSet) -> Table:
    divergence = held(held(type(s), "proposals"), "divergences")
    names = scalars(divergence)
    return Table(
        "divergences",
        "Where other coverage of a proposal differs from the shipped article; its "
        "evidence and citations are in those tables, by path.",
        (
            string(
                "path", "JSON path of the divergence in the document.", required=True
            ),
            PROPOSAL,
            *columns(divergence),
        ),
        ("path",),
        (TO_PROPOSAL,),
        tuple(
            (f"$.proposals[{i}].divergences[{j}]", p.id, *cells(d, names))
            for i, p in enumerate(s.proposals)
            for j, d in enumerate(p.divergences)
        ),
    )


# Referenced tables come before the tables that reference them.
_BUILDERS: dict[str, Callable[[ProposalSet], Table]] = {
    "sources": _sources,
    "source_notes": _source_notes,
    "topics": _topics,
    "themes": _themes,
    "proposals": _proposals,
    "proposal_themes": _proposal_themes,
    "chinese_titles": _chinese_titles,
    "claims": _claims,
    "claim_proposals": _claim_proposals,
    "recommendations": _recommendations,
    "statistics": _statistics,
    "divergences": _divergences,
    "glossary": _glossary,
    "glossary_variants": _glossary_variants,
    "evidence": _evidence,
    "citations": _citations,
    "chinese_wordings": _chinese_wordings,
}

#: The names of the exported tables, referenced tables first.
TABLE_NAMES: tuple[str, ...] = tuple(_BUILDERS)


def tables(proposal_set: ProposalSet) -> tuple[Table, ...]:
    """The set as related tables, referenced tables first.

    The tables hold the proposals and everything in them (recommendations,
    statistics, Chinese titles, background and aims, and where other coverage
    differs from the article), the set's claims and the proposals they are
    about, topics, themes (with what the curators infer), sources and their
    notes, the glossary, every evidence span and citation, and the Chinese
    wordings of recommendations and claims.

    Args:
        proposal_set: The set to flatten.

    Returns:
        One :class:`Table` for each name of :data:`TABLE_NAMES`, in that order.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> [t.name for t in export.tables(mp.load())][:5]
        ['sources', 'source_notes', 'topics', 'themes', 'proposals']
    """
    return tuple(build(proposal_set) for build in _BUILDERS.values())


def table(proposal_set: ProposalSet, name: str) -> Table:
    """One table of :func:`tables`, built alone.

    Args:
        proposal_set: The set to flatten.
        name: One of :data:`TABLE_NAMES`.

    Returns:
        The table.

    Raises:
        UnknownIdError: There is no table of that name (a :class:`KeyError`
            whose message suggests close names).

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> stats = export.table(mp.load(), "statistics")
        >>> stats.primary_key, stats.records()[0]["value"]
        (('path',), 255000000)
        >>> export.table(mp.load(), "statistic")
        Traceback (most recent call last):
        ...
        ma_proposals.errors.UnknownIdError: no table with id 'statistic'; did you mean 'statistics'?
    """  # noqa: E501
    try:
        build = _BUILDERS[name]
    except (KeyError, TypeError):
        raise UnknownIdError(
            name, close_matches(str(name), TABLE_NAMES, n=2), what="table"
        ) from None
    return build(proposal_set)
