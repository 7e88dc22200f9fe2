"""The one definition of the exported tables, which every tabular format writes."""

from __future__ import annotations

import dataclasses
import enum
import operator
from typing import TYPE_CHECKING, Any

from ma_proposals._plan import Kind, field_plan
from ma_proposals._wording import close_matches
from ma_proposals.errors import UnknownIdError
from ma_proposals.query import (
    EvidenceRow,
    RecommendationRow,
    StatisticRow,
    owned,
)

from ._definitions import Column, ForeignKey, Table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ma_proposals.model import Claim, ProposalSet, Theme, Topic

__all__ = ["TABLE_NAMES", "table", "tables"]


_TYPES = {
    Kind.STR: "string",
    Kind.STRS: "string",
    Kind.ENUM: "string",
    Kind.INT: "integer",
    Kind.NUM: "number",
    Kind.BOOL: "boolean",
}


def _f(
    cls: type, name: str, column: str | None = None, *, item: bool = False
) -> Column:
    """The column of the model field ``cls.name``, described by the model.

    Its type, closed vocabulary, whether every row has a value and its
    description come from the field (its type annotation and ``meta(doc)``);
    ``item`` makes the column of one string of a list field, which every row
    has. ``column`` names it when the field's name would not do.
    """
    (f,) = (f for f in field_plan(cls) if f.name == name)
    enum = tuple(f.enum_values) if f.enum_values is not None else None
    required = item or (f.required and not f.optional)
    return Column(column or name, _TYPES[f.kind], f.doc, required, enum)


def _scalars(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold one value each: a column each, in order.

    A scalar field added to the model is a column of its class's table with
    no change here; lists and objects are tables of their own.
    """
    return tuple(
        f.name for f in field_plan(cls) if f.kind in _TYPES and f.kind is not Kind.STRS
    )


def _columns(cls: type) -> tuple[Column, ...]:
    return tuple(_f(cls, name) for name in _scalars(cls))


def _cells(item: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The values of ``names`` in ``item``, closed vocabularies as their words."""
    values = (getattr(item, name) for name in names)
    return tuple(v.value if isinstance(v, enum.Enum) else v for v in values)


def _held(cls: type, name: str) -> type:
    """The model class that field ``cls.name`` holds (one, or a tuple of them)."""
    (f,) = (f for f in field_plan(cls) if f.name == name)
    assert f.cls is not None, f"{cls.__name__}.{name} holds no model class"
    return f.cls


def _s(name: str, description: str, *, required: bool = False) -> Column:
    return Column(name, "string", description, required)


def _i(name: str, description: str, *, required: bool = True) -> Column:
    return Column(name, "integer", description, required)


_PROPOSAL = _s("proposal", "Id of the proposal (proposals.id).", required=True)
_TO_PROPOSAL = ForeignKey(("proposal",), "proposals", ("id",))
_TO_SOURCE = ForeignKey(("source",), "sources", ("id",))
_INFERRED = _s(
    "inferred",
    "What the curators infer rather than read in the source, and why; empty when "
    "the source states it all.",
)


def _basis(item: Claim | Theme | Topic) -> str | None:
    return item.inferred.basis if item.inferred else None


def _row_values(row_type: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function that turns a flat row (a dataclass) into a tuple of its fields."""
    names = [f.name for f in dataclasses.fields(row_type)]
    return operator.attrgetter(*names)


def _sources(s: ProposalSet) -> Table:
    names = _scalars(_held(type(s), "sources"))
    return Table(
        "sources",
        "A source the data was curated from.",
        _columns(_held(type(s), "sources")),
        ("id",),
        (),
        tuple(_cells(src, names) for src in s.sources),
    )


def _source_notes(s: ProposalSet) -> Table:
    return Table(
        "source_notes",
        "A known quirk of a source and how the curators read it.",
        (
            _s("source", "Id of the source (sources.id).", required=True),
            _i("position", "Order among its notes, from 1."),
            _f(_held(type(s), "sources"), "notes", "note", item=True),
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
    topic = _held(type(s), "topics")
    names = _scalars(topic)
    return Table(
        "topics",
        "A main topic of proposals.",
        (*_columns(topic), _INFERRED),
        ("id",),
        (),
        tuple((*_cells(t, names), _basis(t)) for t in s.topics),
    )


def _themes(s: ProposalSet) -> Table:
    theme = _held(type(s), "themes")
    names = _scalars(theme)
    return Table(
        "themes",
        "A cross-cutting theme.",
        (*_columns(theme), _INFERRED),
        ("id",),
        (),
        tuple((*_cells(t, names), _basis(t)) for t in s.themes),
    )


def _proposals(s: ProposalSet) -> Table:
    proposal = _held(type(s), "proposals")
    names = _scalars(proposal)
    return Table(
        "proposals",
        "A proposal.",
        _columns(proposal),
        ("id",),
        (ForeignKey(("topic",), "topics", ("id",)),),
        tuple(_cells(p, names) for p in s.proposals),
    )


def _proposal_themes(s: ProposalSet) -> Table:
    return Table(
        "proposal_themes",
        "A theme a proposal is tagged with.",
        (
            _PROPOSAL,
            _i("position", "Order among its themes, from 1."),
            _f(_held(type(s), "proposals"), "themes", "theme", item=True),
        ),
        ("proposal", "position"),
        (_TO_PROPOSAL, ForeignKey(("theme",), "themes", ("id",))),
        tuple(
            (p.id, i, theme) for p in s.proposals for i, theme in enumerate(p.themes, 1)
        ),
    )


def _chinese_titles(s: ProposalSet) -> Table:
    title = _held(_held(type(s), "proposals"), "titles_zh")
    names = _scalars(title)
    return Table(
        "chinese_titles",
        "A Chinese title of a proposal as one external source gives it.",
        (
            _PROPOSAL,
            _i("position", "Order among its titles, from 1."),
            *_columns(title),
        ),
        ("proposal", "position"),
        (_TO_PROPOSAL, _TO_SOURCE),
        tuple(
            (p.id, i, *_cells(t, names))
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
            _f(_held(type(s), "claims"), "id"),
            _f(_held(type(s), "claims"), "text"),
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
    recommendation = _held(_held(type(s), "proposals"), "recommendations")
    return Table(
        "recommendations",
        "One distinct action a proposal suggests.",
        (
            _PROPOSAL,
            _i("proposal_number", "The proposal's number (proposals.number)."),
            _f(recommendation, "id"),
            _i("position", "Order in the proposal, from 1."),
            _f(recommendation, "text"),
            _f(recommendation, "area"),
            _f(recommendation, "horizon"),
            _i("evidence_count", "How many evidence spans support it."),
        ),
        ("proposal", "id"),
        (_TO_PROPOSAL,),
        tuple(values(r) for r in s.rows("recommendations")),
    )


def _statistics(s: ProposalSet) -> Table:
    values = _row_values(StatisticRow)
    statistic = _held(_held(type(s), "proposals"), "statistics")
    return Table(
        "statistics",
        "A figure cited by a proposal, or one of the deputy's career figures.",
        (
            _s("path", "JSON path of the figure in the document.", required=True),
            _s("proposal", "Id of the proposal; empty for career figures."),
            *_columns(statistic),
        ),
        ("path",),
        (_TO_PROPOSAL,),
        tuple(values(r) for r in s.rows("statistics")),
    )


def _glossary(s: ProposalSet) -> Table:
    term = _held(type(s), "glossary")
    names = _scalars(term)
    return Table(
        "glossary",
        "A term and, in glossary_variants, the spellings the sources use.",
        _columns(term),
        ("canonical",),
        (),
        tuple(_cells(t, names) for t in s.glossary),
    )


def _glossary_variants(s: ProposalSet) -> Table:
    return Table(
        "glossary_variants",
        "A spelling of a glossary term found in the sources.",
        (
            _s("canonical", "The term (glossary.canonical).", required=True),
            _i("position", "Order among its variants, from 1."),
            _f(_held(type(s), "glossary"), "variants", "variant", item=True),
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
    evidence = _held(_held(type(s), "proposals"), "evidence")
    return Table(
        "evidence",
        "A span of a shipped source that supports an item.",
        (
            *_owner_columns("evidence"),
            *(_f(evidence, name) for name in ("source", "start", "end", "exact")),
        ),
        ("owner", "index"),
        (_TO_PROPOSAL, _TO_SOURCE),
        tuple(values(r) for r in s.rows("evidence")),
    )


def _citations(s: ProposalSet) -> Table:
    citation = _held(_held(_held(type(s), "proposals"), "statistics"), "citations")
    return Table(
        "citations",
        "An external source that supports an item.",
        (*_owner_columns("citation"), _f(citation, "source"), _f(citation, "quote")),
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
