"""Flat rows: recommendations, statistics and evidence spans as table rows."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import attrs

from ma_proposals._fields import data_fields

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ma_proposals.model import ProposalSet, Statistic

# -- Flat rows ----------------------------------------------------------------------
#
# Rows are frozen, slotted dataclasses: ``pandas.DataFrame(rows)`` and
# ``polars.DataFrame(rows)`` make one column of each field. Their fields are the
# columns of the export table of the same name (tests/test_export.py checks it).


@dataclasses.dataclass(frozen=True, slots=True)
class RecommendationRow:
    """One recommendation, flattened, naming its proposal.

    The fields are the columns of the ``recommendations`` export table, in the
    same order, so ``pandas.DataFrame(s.rows("recommendations"))`` has the
    table's columns.

    Attributes:
        proposal: Id of the proposal.
        proposal_number: The proposal's number.

            .. versionchanged:: 0.1.0
               Was ``number``: the name of the ``proposals`` table's column
               that a join on ``proposal`` brings in.
        id: The recommendation's id (unique within its proposal).
        position: Its position in the proposal, from 1.
        text: The recommendation in clean English.
        area: The field the source files it under, if any.
        horizon: ``"near-term"`` or ``"medium-long-term"``, if the source says.
        evidence_count: How many evidence spans support it.

    Example:
        >>> import ma_proposals as mp
        >>> row = mp.load().rows("recommendations")[0]
        >>> (row.proposal, row.position, row.id)
        ('industrial-internet', 1, 'national-strategy')
    """

    proposal: str
    proposal_number: int
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
        >>> rows = mp.load().rows("statistics")
        >>> [(r.value, r.source_org) for r in rows
        ...  if r.proposal == "rural-revitalization"][0]
        (255000000, 'China Internet Network Information Center (CNNIC)')
    """

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
        >>> row = mp.load().rows("evidence")[0]
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
    """Every item with a ``name`` field (``evidence``, ``citations``, ``wordings_zh``).

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


#: The tables of :func:`rows`, with the function that makes each.
_ROWS = {
    "recommendations": recommendation_rows,
    "statistics": statistic_rows,
    "evidence": evidence_rows,
}


def rows(proposal_set: ProposalSet, table: str) -> tuple[Any, ...]:
    """The rows of ``table`` (see :meth:`~ma_proposals.ProposalSet.rows`)."""
    try:
        make = _ROWS[table]
    except (KeyError, TypeError):
        from ma_proposals._wording import close_matches
        from ma_proposals.errors import UnknownIdError

        names = tuple(_ROWS)
        raise UnknownIdError(
            table, close_matches(str(table), names), what="table of rows"
        ) from None
    return make(proposal_set)
