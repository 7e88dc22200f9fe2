"""Query helpers: composable predicates, facets, flat rows and evidence in context.

Most of this is reached through :class:`~ma_proposals.ProposalSet` methods
(:meth:`~ma_proposals.ProposalSet.filter`,
:meth:`~ma_proposals.ProposalSet.count_by_topic`,
:meth:`~ma_proposals.ProposalSet.recommendation_rows`,
:meth:`~ma_proposals.ProposalSet.context`, ...). Predicates are small immutable
objects built by :func:`topic`, :func:`theme`, :func:`text`, :func:`ids` and
:func:`where`, and combined with ``&``, ``|`` and ``~``.

Example:
    >>> import ma_proposals as mp
    >>> from ma_proposals.query import topic, theme
    >>> s = mp.load()
    >>> [p.id for p in s.filter(topic("fintech") | theme("greater-bay-area"))]
    ['fintech', 'gba-marine-ecology']
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ._fields import data_fields
from ._index import index_of
from ._strings import close_matches
from .errors import UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from .model import Evidence, Proposal, ProposalSet, Statistic

__all__ = [
    "EvidenceContext",
    "EvidenceRow",
    "Predicate",
    "RecommendationRow",
    "StatisticRow",
    "ids",
    "text",
    "theme",
    "topic",
    "where",
]


# -- Predicates -----------------------------------------------------------------


class Predicate:
    """A test on one proposal, combinable with ``&`` (and), ``|`` (or), ``~`` (not).

    Call a predicate on a :class:`~ma_proposals.Proposal` to test it, or pass it
    to :meth:`~ma_proposals.ProposalSet.filter`, which uses the set's lazily
    built indexes where it can.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.query import theme
        >>> digital = theme("digital-economy")
        >>> [digital(p) for p in mp.load()][:3]
        [True, True, False]
        >>> len(mp.load().filter(~digital))
        5
        >>> ~digital | theme("cloud-computing")
        (~theme('digital-economy') | theme('cloud-computing'))
    """

    __slots__ = ()

    def __call__(self, proposal: Proposal) -> bool:
        """Whether ``proposal`` satisfies the predicate."""
        raise NotImplementedError

    def positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        """Positions in ``proposal_set.proposals`` of the proposals that match.

        The default tests every proposal; index-backed predicates override it.
        """
        return frozenset(i for i, p in enumerate(proposal_set.proposals) if self(p))

    def cached(self, proposal_set: ProposalSet) -> tuple[Proposal, ...] | None:
        """The matching proposals from an index, when one holds them ready."""
        return None

    def __and__(self, other: Predicate) -> Predicate:
        return _And(self, other)

    def __or__(self, other: Predicate) -> Predicate:
        return _Or(self, other)

    def __invert__(self) -> Predicate:
        return _Not(self)


def _known(s: ProposalSet, kind: str) -> frozenset[str]:
    """The ids of the set's topics or themes (built once, on first use)."""
    return index_of(s).get(
        ("ids", kind), lambda: frozenset(t.id for t in getattr(s, kind + "s"))
    )


def _check_ids(s: ProposalSet, kind: str, wanted: frozenset[str]) -> None:
    known_ids = _known(s, kind)
    if wanted <= known_ids:
        return
    value = sorted(wanted - known_ids)[0]
    raise UnknownIdError(value, close_matches(value, known_ids, n=2), what=kind)


def _selected(s: ProposalSet, kind: str, value: str) -> ProposalSet:
    """The set filtered by one topic or theme: built once, then looked up.

    A set is immutable, so the filtered set is kept in the index like the
    groups it is made of; a repeated filter costs a dictionary lookup.
    """
    index = index_of(s)
    key = (kind, "set", value)
    found: ProposalSet | None = index.peek(key)
    if found is None:
        _check_ids(s, kind, frozenset((value,)))
        groups = _by_topic(s) if kind == "topic" else _by_theme(s)
        selected = groups.get(value, ((), frozenset()))[0]
        found = index.get(key, lambda: attrs.evolve(s, proposals=selected))
    return found


def _grouped(
    proposal_set: ProposalSet, key: Callable[[Proposal], tuple[str, ...]]
) -> dict[str, tuple[tuple[Proposal, ...], frozenset[int]]]:
    groups: dict[str, list[int]] = {}
    for i, proposal in enumerate(proposal_set.proposals):
        for value in key(proposal):
            groups.setdefault(value, []).append(i)
    proposals = proposal_set.proposals
    return {
        value: (tuple(proposals[i] for i in positions), frozenset(positions))
        for value, positions in groups.items()
    }


def _by_topic(s: ProposalSet) -> dict[str, tuple[tuple[Proposal, ...], frozenset[int]]]:
    return index_of(s).get("topic", lambda: _grouped(s, lambda p: (p.topic,)))


def _by_theme(s: ProposalSet) -> dict[str, tuple[tuple[Proposal, ...], frozenset[int]]]:
    return index_of(s).get("theme", lambda: _grouped(s, lambda p: p.themes))


@attrs.frozen(repr=False)
class _Indexed(Predicate):
    """Proposals whose topic (or one of whose themes) is among ``values``."""

    values: frozenset[str]

    kind: ClassVar[str] = "topic"

    def groups(
        self, s: ProposalSet
    ) -> dict[str, tuple[tuple[Proposal, ...], frozenset[int]]]:
        _check_ids(s, self.kind, self.values)
        return _by_topic(s) if self.kind == "topic" else _by_theme(s)

    def __repr__(self) -> str:
        return f"{self.kind}({', '.join(map(repr, sorted(self.values)))})"

    def positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        groups = self.groups(proposal_set)
        empty: frozenset[int] = frozenset()
        return empty.union(*(groups.get(v, ((), empty))[1] for v in self.values))

    def cached(self, proposal_set: ProposalSet) -> tuple[Proposal, ...] | None:
        if len(self.values) != 1:
            return None
        (value,) = self.values
        return self.groups(proposal_set).get(value, ((), frozenset()))[0]


@attrs.frozen(repr=False)
class _Topic(_Indexed):
    def __call__(self, proposal: Proposal) -> bool:
        return proposal.topic in self.values


@attrs.frozen(repr=False)
class _Theme(_Indexed):
    kind: ClassVar[str] = "theme"

    def __call__(self, proposal: Proposal) -> bool:
        return not self.values.isdisjoint(proposal.themes)


@attrs.frozen(repr=False)
class _Ids(Predicate):
    values: frozenset[str]

    def __call__(self, proposal: Proposal) -> bool:
        return proposal.id in self.values

    def __repr__(self) -> str:
        return f"ids({', '.join(map(repr, sorted(self.values)))})"

    def positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        positions = _positions_by_id(proposal_set)
        return frozenset(positions[v] for v in self.values if v in positions)


def _positions_by_id(s: ProposalSet) -> dict[str, int]:
    def build() -> dict[str, int]:
        positions: dict[str, int] = {}
        for i, p in enumerate(s.proposals):
            positions.setdefault(p.id, i)  # the first wins, as lookup does
        return positions

    return index_of(s).get("position-by-id", build)


def proposal_texts(proposal: Proposal) -> Iterator[str]:
    """Every curated text and evidence quote of a proposal and its items."""
    yield proposal.title
    yield proposal.summary
    for title in proposal.titles_zh:
        yield title.text
    for claim in (*proposal.background, *proposal.aims):
        yield claim.text
    for rec in proposal.recommendations:
        yield rec.text
        if rec.area:
            yield rec.area
    for stat in proposal.statistics:
        yield stat.label
    evidenced: tuple[tuple[Evidence, ...], ...] = (
        proposal.evidence,
        *(claim.evidence for claim in (*proposal.background, *proposal.aims)),
        *(rec.evidence for rec in proposal.recommendations),
        *(stat.evidence for stat in proposal.statistics),
    )
    for evidence in evidenced:
        for ev in evidence:
            yield ev.exact


@attrs.frozen(repr=False)
class _Text(Predicate):
    needle: str

    def __call__(self, proposal: Proposal) -> bool:
        return any(self.needle in t.casefold() for t in proposal_texts(proposal))

    def __repr__(self) -> str:
        return f"text({self.needle!r})"


@attrs.frozen(repr=False)
class _Where(Predicate):
    function: Callable[[Proposal], bool]

    def __call__(self, proposal: Proposal) -> bool:
        return bool(self.function(proposal))

    def __repr__(self) -> str:
        return f"where({getattr(self.function, '__qualname__', self.function)})"


@attrs.frozen(repr=False)
class _And(Predicate):
    left: Predicate
    right: Predicate

    def __call__(self, proposal: Proposal) -> bool:
        return self.left(proposal) and self.right(proposal)

    def __repr__(self) -> str:
        return f"({self.left!r} & {self.right!r})"

    def positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        return self.left.positions(proposal_set) & self.right.positions(proposal_set)


@attrs.frozen(repr=False)
class _Or(Predicate):
    left: Predicate
    right: Predicate

    def __call__(self, proposal: Proposal) -> bool:
        return self.left(proposal) or self.right(proposal)

    def __repr__(self) -> str:
        return f"({self.left!r} | {self.right!r})"

    def positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        return self.left.positions(proposal_set) | self.right.positions(proposal_set)


@attrs.frozen(repr=False)
class _Not(Predicate):
    inner: Predicate

    def __call__(self, proposal: Proposal) -> bool:
        return not self.inner(proposal)

    def __repr__(self) -> str:
        return f"~{self.inner!r}"

    def positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        everything = frozenset(range(len(proposal_set.proposals)))
        return everything - self.inner.positions(proposal_set)


def topic(*ids: str) -> Predicate:
    """Proposals whose main topic is one of ``ids``.

    Filtering with it uses the set's topic index; an id that is not among the
    set's topics raises :class:`~ma_proposals.UnknownIdError` (a
    :class:`KeyError`) that suggests close ids.

    Args:
        *ids: Topic ids.

    Returns:
        The predicate.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.query import topic
        >>> [p.id for p in mp.load().filter(topic("fintech", "medical-services"))]
        ['medical-staff', 'fintech']
    """
    return _Topic(frozenset(ids))


def theme(*ids: str) -> Predicate:
    """Proposals tagged with at least one of the themes ``ids``.

    Args:
        *ids: Theme ids.

    Returns:
        The predicate, backed by the set's theme index.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.query import theme
        >>> [p.id for p in mp.load().filter(theme("new-infrastructure"))]
        ['industrial-internet', 'rural-revitalization', 'medical-staff']
    """
    return _Theme(frozenset(ids))


def ids(*values: str) -> Predicate:
    """Proposals with one of the given ids.

    Ids that the set does not hold select nothing (a filtered set holds only
    some proposals); look a proposal up with ``s[id]`` to get an error instead.

    Args:
        *values: Proposal ids.

    Returns:
        The predicate.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.query import ids
        >>> [p.number for p in mp.load().filter(ids("fintech", "sme-relief"))]
        [3, 5]
    """
    return _Ids(frozenset(values))


def text(query: str) -> Predicate:
    """Proposals whose texts contain ``query``, ignoring case.

    The texts are the title (and Chinese titles), summary, background, aims,
    recommendations (and their areas), statistic labels and every evidence
    quote. This is plain substring
    matching; for ranked search with stemming and glossary variants use
    :meth:`~ma_proposals.ProposalSet.search`.

    Args:
        query: The text to look for.

    Returns:
        The predicate.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.query import text
        >>> [p.id for p in mp.load().filter(text("Dawan"))]
        ['gba-marine-ecology']
    """
    return _Text(query.casefold())


def where(function: Callable[[Proposal], bool]) -> Predicate:
    """Proposals for which ``function(proposal)`` is true.

    Args:
        function: Any test on a :class:`~ma_proposals.Proposal`.

    Returns:
        The predicate (evaluated by a scan, not an index).

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.query import where
        >>> [p.id for p in mp.load().filter(where(lambda p: len(p.statistics) > 1))]
        ['rural-revitalization', 'gba-marine-ecology']
    """
    return _Where(function)


def filter_set(
    proposal_set: ProposalSet,
    predicates: tuple[Predicate, ...],
    topic_id: str | None,
    theme_id: str | None,
    query: str | None,
) -> ProposalSet:
    """Implement :meth:`ProposalSet.filter <ma_proposals.ProposalSet.filter>`."""
    if not predicates and query is None and (topic_id is None) != (theme_id is None):
        if isinstance(topic_id, str):
            return _selected(proposal_set, "topic", topic_id)
        if isinstance(theme_id, str):
            return _selected(proposal_set, "theme", theme_id)
    parts = list(predicates)
    for value, make in ((topic_id, topic), (theme_id, theme), (query, text)):
        if value is not None:
            parts.append(make(value))
    for part in parts:
        if not isinstance(part, Predicate):
            raise TypeError(f"filter() takes predicates, not {type(part).__name__}")
    if not parts:
        return proposal_set
    combined = parts[0]
    if len(parts) == 1 and isinstance(combined, _Indexed) and len(combined.values) == 1:
        (value,) = combined.values
        return _selected(proposal_set, combined.kind, value)
    for part in parts[1:]:
        combined = combined & part
    selected = combined.cached(proposal_set)
    if selected is None:
        proposals = proposal_set.proposals
        selected = tuple(proposals[i] for i in sorted(combined.positions(proposal_set)))
    return attrs.evolve(proposal_set, proposals=selected)


# -- Lookup and facets --------------------------------------------------------------


def by_id(proposal_set: ProposalSet) -> dict[str, Proposal]:
    """The set's proposals by id (built once, on first use)."""
    proposals = proposal_set.proposals
    return index_of(proposal_set).get(
        "by-id",
        lambda: {k: proposals[i] for k, i in _positions_by_id(proposal_set).items()},
    )


def missing(proposal_set: ProposalSet, key: str) -> UnknownIdError:
    """The error for a lookup of an unknown proposal id, with suggestions."""
    known = _positions_by_id(proposal_set)
    return UnknownIdError(key, close_matches(key, known, n=3), what="proposal")


def count_by(proposal_set: ProposalSet, kind: str) -> dict[str, int]:
    """Counts of proposals per topic or theme, every one of the set's listed."""
    groups = _by_topic(proposal_set) if kind == "topic" else _by_theme(proposal_set)
    declared = proposal_set.topics if kind == "topic" else proposal_set.themes
    counts = {
        item.id: len(groups.get(item.id, ((), frozenset()))[0]) for item in declared
    }
    for value, (members, _) in groups.items():  # ids the set does not declare
        counts.setdefault(value, len(members))
    return counts


def group_by_topic(proposal_set: ProposalSet) -> dict[str, tuple[Proposal, ...]]:
    """The proposals of each topic, in the set's topic order."""
    groups = _by_topic(proposal_set)
    order = [t.id for t in proposal_set.topics]
    order += [value for value in groups if value not in order]
    return {value: groups[value][0] for value in order if value in groups}


# -- Flat rows ----------------------------------------------------------------------
#
# Rows are frozen, slotted dataclasses: ``pandas.DataFrame(rows)`` and
# ``polars.DataFrame(rows)`` make one column of each field. Their fields are the
# columns of the export table of the same name (tests/test_export.py checks it).


@dataclasses.dataclass(frozen=True, slots=True)
class RecommendationRow:
    """One recommendation, flattened, naming its proposal.

    The fields are the columns of the ``recommendations`` export table, in the
    same order, so ``pandas.DataFrame(s.recommendation_rows())`` has the
    table's columns.

    Attributes:
        proposal: Id of the proposal.
        number: The proposal's number.
        id: The recommendation's id (unique within its proposal).
        position: Its position in the proposal, from 1.
        text: The recommendation in clean English.
        area: The field the source files it under, if any.
        horizon: ``"near-term"`` or ``"medium-long-term"``, if the source says.
        evidence_count: How many evidence spans support it.

    Example:
        >>> import ma_proposals as mp
        >>> row = mp.load().recommendation_rows()[0]
        >>> (row.proposal, row.position, row.id)
        ('industrial-internet', 1, 'national-strategy')
    """

    proposal: str
    number: int
    id: str
    position: int
    text: str
    area: str | None
    horizon: str | None
    evidence_count: int


@dataclasses.dataclass(frozen=True, slots=True)
class StatisticRow:
    """One statistic, flattened.

    The fields are the columns of the ``statistics`` export table, in the same
    order.

    Attributes:
        path: JSON path of the statistic in the document, e.g.
            ``$.proposals[1].statistics[0]``: unique, whatever the ids.
        proposal: Id of the proposal that cites it; ``None`` for the deputy's
            career figures.
        id: The statistic's id (unique within its proposal or the career).
        label: What it counts.
        value: The figure.
        unit: Its unit.
        qualifier: ``"exact"``, ``"more-than"`` or ``"about"``.
        as_of: When it holds (ISO date or month), if given.
        source_org: Who measured it, if given.
        note: The curators' remark, if any.

    Example:
        >>> import ma_proposals as mp
        >>> rows = mp.load().statistic_rows()
        >>> [(r.value, r.source_org) for r in rows if r.proposal == "rural-revitalization"][0]
        (255000000, 'China Internet Network Information Center (CNNIC)')
    """  # noqa: E501

    path: str
    proposal: str | None
    id: str
    label: str
    value: int | float
    unit: str
    qualifier: str
    as_of: str | None
    source_org: str | None
    note: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One evidence span, flattened, with the item it supports.

    The fields are the columns of the ``evidence`` export table, in the same
    order.

    Attributes:
        proposal: Id of the proposal the item belongs to; ``None`` for set-level
            items (claims, topics, themes, the deputy, the meeting).
        owner: JSON path of the supported item, e.g.
            ``$.proposals[4].recommendations[2]``.
        owner_kind: Its class in lower case (``recommendation``, ``claim``...).
        owner_id: Its id, if it has one.
        index: The span's position in the item's evidence list.
        source: Id of the source.
        start: Offset of the first code point.
        end: Offset past the last code point.
        exact: The quote.

    Example:
        >>> import ma_proposals as mp
        >>> row = mp.load().evidence_rows()[0]
        >>> (row.owner, row.owner_kind, row.exact[:10])
        ('$.deputy.roles[0]', 'claim', 'chairman o')
    """

    proposal: str | None
    owner: str
    owner_kind: str
    owner_id: str | None
    index: int
    source: str
    start: int
    end: int
    exact: str


def recommendation_rows(proposal_set: ProposalSet) -> tuple[RecommendationRow, ...]:
    """Implement :meth:`ma_proposals.ProposalSet.recommendation_rows`."""
    return tuple(
        RecommendationRow(
            p.id,
            p.number,
            r.id,
            i,
            r.text,
            r.area,
            r.horizon.value if r.horizon else None,
            len(r.evidence),
        )
        for p in proposal_set.proposals
        for i, r in enumerate(p.recommendations, 1)
    )


def statistic_rows(proposal_set: ProposalSet) -> tuple[StatisticRow, ...]:
    """Implement :meth:`ma_proposals.ProposalSet.statistic_rows`."""
    career = proposal_set.deputy.career
    owned: list[tuple[str, str | None, Statistic]] = [
        (f"$.proposals[{i}].statistics[{j}]", p.id, st)
        for i, p in enumerate(proposal_set.proposals)
        for j, st in enumerate(p.statistics)
    ]
    owned += [
        (f"$.deputy.career.statistics[{j}]", None, st)
        for j, st in enumerate(career.statistics if career else ())
    ]
    return tuple(
        StatisticRow(
            path,
            owner,
            st.id,
            st.label,
            st.value,
            st.unit,
            st.qualifier.value,
            st.as_of,
            st.source_org,
            st.note,
        )
        for path, owner, st in owned
    )


def owned(
    proposal_set: ProposalSet, name: str
) -> Iterator[tuple[str | None, str, Any, tuple[Any, ...]]]:
    """Every item with a ``name`` field (``evidence`` or ``citations``).

    Yields ``(proposal id or None, JSON path, item, the field's value)`` in
    document order.
    """

    def visit(
        obj: Any, path: str, proposal: str | None
    ) -> Iterator[tuple[str | None, str, Any, tuple[Any, ...]]]:
        for field in data_fields(type(obj)):
            value = getattr(obj, field.name)
            if field.name == name:
                yield proposal, path, obj, value
            elif attrs.has(type(value)):
                yield from visit(value, f"{path}.{field.name}", proposal)
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    if attrs.has(type(item)):
                        owner = item.id if field.name == "proposals" else proposal
                        yield from visit(item, f"{path}.{field.name}[{i}]", owner)

    return visit(proposal_set, "$", None)


def evidence_rows(proposal_set: ProposalSet) -> tuple[EvidenceRow, ...]:
    """Implement :meth:`ma_proposals.ProposalSet.evidence_rows`."""
    return tuple(
        EvidenceRow(
            proposal,
            path,
            type(item).__name__.lower(),
            getattr(item, "id", None),
            i,
            ev.source,
            ev.start,
            ev.end,
            ev.exact,
        )
        for proposal, path, item, evidence in owned(proposal_set, "evidence")
        for i, ev in enumerate(evidence)
    )


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
        """The quote itself."""
        return self.evidence.exact

    def _repr_html_(self) -> str:
        """The quote in its context for notebooks, marked with ``<mark>``.

        .. versionadded:: 0.1

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> html = s.context(s.claims[1].evidence[0], width=20)._repr_html_()
            >>> "<mark>Three of the proposals referred to new infrastructure.</mark>" in html
            True
        """  # noqa: E501
        from ._html import context_html

        return context_html(self)

    def __str__(self) -> str:
        return (
            ("…" if self.clipped_before else "")
            + f"{self.before}[{self.exact}]{self.after}"
            + ("…" if self.clipped_after else "")
        )


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
