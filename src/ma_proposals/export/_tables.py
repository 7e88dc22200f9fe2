"""The one definition of the exported tables, which every tabular format writes."""

from __future__ import annotations

import dataclasses
import operator
from typing import TYPE_CHECKING, Any

from ma_proposals._strings import close_matches
from ma_proposals._vocabulary import Horizon, ProposalKind, Qualifier, TitleKind
from ma_proposals.errors import UnknownIdError
from ma_proposals.query import (
    EvidenceRow,
    RecommendationRow,
    StatisticRow,
    owned,
)

from ._schema import Column, ForeignKey, Table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ma_proposals.model import Claim, ProposalSet, Theme

__all__ = ["TABLE_NAMES", "table", "tables"]


def _values(enum_type: type[TitleKind | ProposalKind | Horizon | Qualifier]) -> Any:
    return tuple(member.value for member in enum_type)


def _s(name: str, description: str, *, required: bool = False) -> Column:
    return Column(name, "string", description, required)


def _i(name: str, description: str, *, required: bool = True) -> Column:
    return Column(name, "integer", description, required)


_ID = _s("id", "Stable id.", required=True)
_PROPOSAL = _s("proposal", "Id of the proposal (proposals.id).", required=True)
_TO_PROPOSAL = ForeignKey(("proposal",), "proposals", ("id",))
_TO_SOURCE = ForeignKey(("source",), "sources", ("id",))
_INFERRED = _s(
    "inferred",
    "What the curators infer rather than read in the source, and why; empty when "
    "the source states it all.",
)


def _basis(item: Claim | Theme) -> str | None:
    return item.inferred.basis if item.inferred else None


def _row_values(row_type: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function that turns a flat row (a dataclass) into a tuple of its fields."""
    names = [f.name for f in dataclasses.fields(row_type)]
    return operator.attrgetter(*names)


def _sources(s: ProposalSet) -> Table:
    return Table(
        "sources",
        "A source the data was curated from.",
        (
            _ID,
            _s("title", "Title as published."),
            _s("publisher", "Who published it."),
            _s("editor", "Responsible editor."),
            _s("category", "Section or category."),
            _s("language", "BCP 47 language tag."),
            _s("published", "Publication date (ISO 8601)."),
            _s("resource", "Path of the shipped text, relative to the document."),
            _s("url", "Address of an external source."),
            _s("sha256", "SHA-256 of the shipped text."),
        ),
        ("id",),
        (),
        tuple(
            (
                src.id,
                src.title,
                src.publisher,
                src.editor,
                src.category,
                src.language,
                src.published,
                src.resource,
                src.url,
                src.sha256,
            )
            for src in s.sources
        ),
    )


def _source_notes(s: ProposalSet) -> Table:
    return Table(
        "source_notes",
        "A known quirk of a source and how the curators read it.",
        (
            _s("source", "Id of the source (sources.id).", required=True),
            _i("position", "Order among its notes, from 1."),
            _s("note", "The note.", required=True),
        ),
        ("source", "position"),
        (_TO_SOURCE,),
        tuple(
            (src.id, i, note)
            for src in s.sources
            for i, note in enumerate(src.notes, 1)
        ),
    )


def _topics(s: ProposalSet) -> Table:
    return Table(
        "topics",
        "A main topic of proposals.",
        (
            _ID,
            _s("label", "Display name.", required=True),
            _s("description", "What it covers.", required=True),
        ),
        ("id",),
        (),
        tuple((t.id, t.label, t.description) for t in s.topics),
    )


def _themes(s: ProposalSet) -> Table:
    return Table(
        "themes",
        "A cross-cutting theme.",
        (
            _ID,
            _s("label", "Display name.", required=True),
            _s("description", "What it covers.", required=True),
            _INFERRED,
        ),
        ("id",),
        (),
        tuple((t.id, t.label, t.description, _basis(t)) for t in s.themes),
    )


def _proposals(s: ProposalSet) -> Table:
    return Table(
        "proposals",
        "A proposal.",
        (
            _ID,
            _i("number", "Position in the source."),
            _s("title", "English title.", required=True),
            Column(
                "title_kind",
                "string",
                "Whether the source quotes or describes the title.",
                True,
                _values(TitleKind),
            ),
            Column("kind", "string", "Kind of document.", True, _values(ProposalKind)),
            _s("topic", "Id of the main topic (topics.id).", required=True),
            _s("summary", "The curators' summary.", required=True),
            _s("note", "Curators' remark."),
        ),
        ("id",),
        (ForeignKey(("topic",), "topics", ("id",)),),
        tuple(
            (
                p.id,
                p.number,
                p.title,
                p.title_kind.value,
                p.kind.value,
                p.topic,
                p.summary,
                p.note,
            )
            for p in s.proposals
        ),
    )


def _proposal_themes(s: ProposalSet) -> Table:
    return Table(
        "proposal_themes",
        "A theme a proposal is tagged with.",
        (
            _PROPOSAL,
            _i("position", "Order among its themes, from 1."),
            _s("theme", "Id of the theme (themes.id).", required=True),
        ),
        ("proposal", "position"),
        (_TO_PROPOSAL, ForeignKey(("theme",), "themes", ("id",))),
        tuple(
            (p.id, i, theme) for p in s.proposals for i, theme in enumerate(p.themes, 1)
        ),
    )


def _chinese_titles(s: ProposalSet) -> Table:
    return Table(
        "chinese_titles",
        "A Chinese title of a proposal as one external source gives it.",
        (
            _PROPOSAL,
            _i("position", "Order among its titles, from 1."),
            _s("text", "The title as the source writes it.", required=True),
            Column(
                "kind",
                "string",
                "Whether the source quotes or describes it.",
                True,
                _values(TitleKind),
            ),
            _s("source", "Id of the source (sources.id).", required=True),
        ),
        ("proposal", "position"),
        (_TO_PROPOSAL, _TO_SOURCE),
        tuple(
            (p.id, i, t.text, t.kind.value, t.source)
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
            _s("path", "JSON path of the claim in the document.", required=True),
            Column(
                "scope",
                "string",
                "Where it belongs.",
                True,
                ("set", "role", "background", "aim"),
            ),
            _s("proposal", "Id of the proposal, for background and aims."),
            _ID,
            _s("text", "The statement.", required=True),
            _INFERRED,
        ),
        ("path",),
        (_TO_PROPOSAL,),
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
            _s("claim", "Path of the claim (claims.path).", required=True),
            _i("position", "Order in the claim, from 1."),
            _PROPOSAL,
        ),
        ("claim", "position"),
        (ForeignKey(("claim",), "claims", ("path",)), _TO_PROPOSAL),
        tuple(
            (path, i, pid)
            for path, _, _, claim in _claim_items(s)
            for i, pid in enumerate(claim.proposals, 1)
            if pid in present
        ),
    )


def _recommendations(s: ProposalSet) -> Table:
    values = _row_values(RecommendationRow)
    return Table(
        "recommendations",
        "One distinct action a proposal suggests.",
        (
            _PROPOSAL,
            _i("number", "The proposal's number (proposals.number)."),
            _ID,
            _i("position", "Order in the proposal, from 1."),
            _s("text", "The action.", required=True),
            _s("area", "The field the source files it under."),
            Column(
                "horizon",
                "string",
                "When it should take effect.",
                False,
                _values(Horizon),
            ),
            _i("evidence_count", "How many evidence spans support it."),
        ),
        ("proposal", "id"),
        (_TO_PROPOSAL,),
        tuple(values(r) for r in s.rows("recommendations")),
    )


def _statistics(s: ProposalSet) -> Table:
    values = _row_values(StatisticRow)
    return Table(
        "statistics",
        "A figure cited by a proposal, or one of the deputy's career figures.",
        (
            _s("path", "JSON path of the figure in the document.", required=True),
            _s("proposal", "Id of the proposal; empty for career figures."),
            _ID,
            _s("label", "What it counts.", required=True),
            Column("value", "number", "The figure.", True),
            _s("unit", "Unit of the value.", required=True),
            Column(
                "qualifier",
                "string",
                "How the source states it.",
                True,
                _values(Qualifier),
            ),
            _s("as_of", "When it holds (ISO date or month)."),
            _s("source_org", "Who measured it."),
            _s("note", "Curators' remark."),
        ),
        ("path",),
        (_TO_PROPOSAL,),
        tuple(values(r) for r in s.rows("statistics")),
    )


def _glossary(s: ProposalSet) -> Table:
    return Table(
        "glossary",
        "A term and, in glossary_variants, the spellings the sources use.",
        (
            _s("canonical", "The clean English term.", required=True),
            _s("zh", "The Chinese term."),
            _s("note", "Why the variants arise."),
        ),
        ("canonical",),
        (),
        tuple((t.canonical, t.zh, t.note) for t in s.glossary),
    )


def _glossary_variants(s: ProposalSet) -> Table:
    return Table(
        "glossary_variants",
        "A spelling of a glossary term found in the sources.",
        (
            _s("canonical", "The term (glossary.canonical).", required=True),
            _i("position", "Order among its variants, from 1."),
            _s("variant", "The spelling, as the source writes it.", required=True),
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
        _s("proposal", "Id of the proposal the item belongs to, if any."),
        _s("owner", "JSON path of the supported item.", required=True),
        _s("owner_kind", "Class of the item, in lower case.", required=True),
        _s("owner_id", "Id of the item, if it has one."),
        _i("index", f"Position in the item's {kind} list, from 0."),
    )


def _evidence(s: ProposalSet) -> Table:
    values = _row_values(EvidenceRow)
    return Table(
        "evidence",
        "A span of a shipped source that supports an item.",
        (
            *_owner_columns("evidence"),
            _s("source", "Id of the source (sources.id).", required=True),
            _i("start", "Offset of the first code point."),
            _i("end", "Offset past the last code point."),
            _s("exact", "The quote, verbatim.", required=True),
        ),
        ("owner", "index"),
        (_TO_PROPOSAL, _TO_SOURCE),
        tuple(values(r) for r in s.rows("evidence")),
    )


def _citations(s: ProposalSet) -> Table:
    return Table(
        "citations",
        "An external source that supports an item.",
        (
            *_owner_columns("citation"),
            _s("source", "Id of the source (sources.id).", required=True),
            _s("quote", "The source's words, where recorded."),
        ),
        ("owner", "index"),
        (_TO_PROPOSAL, _TO_SOURCE),
        tuple(
            (
                proposal,
                path,
                type(item).__name__.lower(),
                getattr(item, "id", None),
                i,
                citation.source,
                citation.quote,
            )
            for proposal, path, item, citations in owned(s, "citations")
            for i, citation in enumerate(citations)
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
    "glossary": _glossary,
    "glossary_variants": _glossary_variants,
    "evidence": _evidence,
    "citations": _citations,
}

#: The names of the exported tables, referenced tables first.
TABLE_NAMES: tuple[str, ...] = tuple(_BUILDERS)


def tables(proposal_set: ProposalSet) -> tuple[Table, ...]:
    """The set as related tables, referenced tables first.

    The tables hold the proposals and everything in them (recommendations,
    statistics, Chinese titles, background and aims), the set's claims and the
    proposals they are about, topics, themes (with what the curators infer),
    sources and their notes, the glossary, and every evidence span and citation.

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
