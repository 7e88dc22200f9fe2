"""One tidy table for a quick look: a row per recommendation, with its proposal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._definitions import ForeignKey, Table
from ._tables import table

if TYPE_CHECKING:
    from ma_proposals.model import ProposalSet

__all__ = ["tidy"]

#: The name of the tidy table (it is not one of the exported tables).
_NAME = "recommendations_with_proposals"

#: The prefix of the proposal's columns in the tidy table.
_PREFIX = "proposal_"
#: The recommendations table's columns that the proposal's columns repeat
#: (as ``proposal_id`` and ``proposal_number``).
_REPEATED = frozenset({"proposal", "proposal_number"})


def tidy(proposal_set: ProposalSet) -> Table:
    """One row per recommendation, with its proposal's columns joined: a quick look.

    The ``proposals`` table joined to the ``recommendations`` table, as
    palmerpenguins gives one tidy table beside its raw ones: first the
    proposal's columns, each prefixed ``proposal_`` (``proposal_id``,
    ``proposal_number``, ``proposal_title``, ``proposal_topic``...), then the
    recommendation's own (``id``, ``position``, ``text``, ``area``,
    ``horizon``, ``evidence_count``), with their types, vocabularies and
    descriptions. Rows are in the article's order; a proposal without
    recommendations has no row. A proposal's themes, statistics and evidence
    are tables of their own (:func:`tables`), joined on ``proposal_id``.

    Args:
        proposal_set: The set.

    Returns:
        The table, named ``recommendations_with_proposals``; its key is
        ``proposal_id`` and ``id``.

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import export
        >>> quick = export.tidy(mp.load())
        >>> quick.column_names[:4]
        ('proposal_id', 'proposal_number', 'proposal_title', 'proposal_title_kind')
        >>> row = quick.records()[-1]
        >>> row["proposal_topic"], row["id"], row["position"]
        ('ecological-protection', 'nature-education-centre', 4)
    """
    proposals = table(proposal_set, "proposals")
    recommendations = table(proposal_set, "recommendations")
    own = [i for i, c in enumerate(recommendations.columns) if c.name not in _REPEATED]
    columns = (
        *(
            attrs.evolve(
                c,
                name=_PREFIX + c.name,
                description=f"Of the proposal (proposals.{c.name}): {c.description}",
            )
            for c in proposals.columns
        ),
        *(recommendations.columns[i] for i in own),
    )
    key = proposals.column_names.index("id")
    by_id = {row[key]: row for row in proposals.rows}
    at = recommendations.column_names.index("proposal")
    rows = tuple(
        (*by_id[row[at]], *(row[i] for i in own))
        for row in recommendations.rows
        if row[at] in by_id
    )
    return Table(
        _NAME,
        "One recommendation, with the columns of its proposal (prefixed proposal_).",
        columns,
        ("proposal_id", "id"),
        (
            ForeignKey(("proposal_id",), "proposals", ("id",)),
            *(
                ForeignKey(
                    tuple(_PREFIX + c for c in fk.columns), fk.table, fk.references
                )
                for fk in proposals.foreign_keys
            ),
        ),
        rows,
    )
