"""Predicates, filters, lookup by id and facets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ma_proposals._index import VALUES_CHECKED, index_of, peek
from ma_proposals._wording import close_matches
from ma_proposals.errors import UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ma_proposals.model import (
        Claim,
        Evidence,
        Proposal,
        ProposalSet,
        Recommendation,
    )

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

    def _positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        """Positions in ``proposal_set.proposals`` of the proposals that match.

        The default tests every proposal; index-backed predicates override it.
        """
        return frozenset(i for i, p in enumerate(proposal_set.proposals) if self(p))

    def _cached(self, proposal_set: ProposalSet) -> tuple[Proposal, ...] | None:
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
        found = index.get(key, lambda: _view(s, selected))
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

    def _positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        groups = self.groups(proposal_set)
        empty: frozenset[int] = frozenset()
        return empty.union(*(groups.get(v, ((), empty))[1] for v in self.values))

    def _cached(self, proposal_set: ProposalSet) -> tuple[Proposal, ...] | None:
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

    def _positions(self, proposal_set: ProposalSet) -> frozenset[int]:
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
    """Every curated text and evidence quote of a proposal and its items.

    The items' texts, their Chinese wordings and the divergences' texts are
    curated text; notes, bases and citations are not looked at (see
    ``_shown.NOT_SHOWN["filter"]``).
    """
    yield proposal.title
    yield proposal.summary
    for title in proposal.titles_zh:
        yield title.text
    claims = (*proposal.background, *proposal.aims)
    for claim in claims:
        yield claim.text
    for rec in proposal.recommendations:
        yield rec.text
        if rec.area:
            yield rec.area
    worded: tuple[Claim | Recommendation, ...] = (*claims, *proposal.recommendations)
    for item in worded:
        for wording in item.wordings_zh:
            yield wording.text
    for stat in proposal.statistics:
        yield stat.label
    for divergence in proposal.divergences:
        yield divergence.text
    evidenced: tuple[tuple[Evidence, ...], ...] = (
        proposal.evidence,
        *(claim.evidence for claim in claims),
        *(rec.evidence for rec in proposal.recommendations),
        *(stat.evidence for stat in proposal.statistics),
        *(divergence.evidence for divergence in proposal.divergences),
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

    def _positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        return self.left._positions(proposal_set) & self.right._positions(proposal_set)


@attrs.frozen(repr=False)
class _Or(Predicate):
    left: Predicate
    right: Predicate

    def __call__(self, proposal: Proposal) -> bool:
        return self.left(proposal) or self.right(proposal)

    def __repr__(self) -> str:
        return f"({self.left!r} | {self.right!r})"

    def _positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        return self.left._positions(proposal_set) | self.right._positions(proposal_set)


@attrs.frozen(repr=False)
class _Not(Predicate):
    inner: Predicate

    def __call__(self, proposal: Proposal) -> bool:
        return not self.inner(proposal)

    def __repr__(self) -> str:
        return f"~{self.inner!r}"

    def _positions(self, proposal_set: ProposalSet) -> frozenset[int]:
        everything = frozenset(range(len(proposal_set.proposals)))
        return everything - self.inner._positions(proposal_set)


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
    selected = combined._cached(proposal_set)
    if selected is None:
        proposals = proposal_set.proposals
        selected = tuple(
            proposals[i] for i in sorted(combined._positions(proposal_set))
        )
    return _view(proposal_set, selected)


def _view(s: ProposalSet, proposals: tuple[Proposal, ...]) -> ProposalSet:
    """``s`` with only ``proposals``: the same sources, and the texts ``s`` keeps."""
    from ma_proposals._source_texts import carry

    view = attrs.evolve(s, proposals=proposals)
    carry(s, view)
    if peek(s, VALUES_CHECKED):  # its values are some of s's
        index_of(view).get(VALUES_CHECKED, lambda: True)
    return view


# -- Lookup and facets --------------------------------------------------------------


def by_id(proposal_set: ProposalSet) -> dict[str, Proposal]:
    """The set's proposals by id (built once, on first use)."""
    proposals = proposal_set.proposals
    return index_of(proposal_set).get(
        "by-id",
        lambda: {k: proposals[i] for k, i in _positions_by_id(proposal_set).items()},
    )


def by_key(proposal_set: ProposalSet, key: object) -> dict[Any, Proposal]:
    """The set's proposals by number if ``key`` is an integer, else by id."""
    if isinstance(key, int) and not isinstance(key, bool):
        proposals = proposal_set.proposals
        return index_of(proposal_set).get(
            "by-number", lambda: {p.number: p for p in reversed(proposals)}
        )
    return by_id(proposal_set)


def missing(proposal_set: ProposalSet, key: object) -> UnknownIdError:
    """The error for a lookup of an unknown proposal id or number."""
    if isinstance(key, int) and not isinstance(key, bool):
        numbers = sorted(p.number for p in proposal_set.proposals)
        known = f"{numbers[0]} to {numbers[-1]}" if numbers else "none"
        return UnknownIdError(key, what="proposal", known=known)
    known_ids = _positions_by_id(proposal_set)
    suggestions = close_matches(key, known_ids, n=3) if isinstance(key, str) else ()
    return UnknownIdError(key, suggestions, what="proposal")


def count_by(proposal_set: ProposalSet, kind: str) -> dict[str, int]:
    """Counts of proposals per topic or theme, every one of the set's listed."""
    if kind not in ("topic", "theme"):
        raise ValueError(f"can count by 'topic' or 'theme', not {kind!r}")
    groups = _by_topic(proposal_set) if kind == "topic" else _by_theme(proposal_set)
    declared = proposal_set.topics if kind == "topic" else proposal_set.themes
    counts = {
        item.id: len(groups.get(item.id, ((), frozenset()))[0]) for item in declared
    }
    for value, (members, _) in groups.items():  # ids the set does not declare
        counts.setdefault(value, len(members))
    return counts
