"""Field metadata shared by the model, the validator and the schema generator.

Every field of the model carries ``metadata`` built by :func:`meta`: a description
(used by the data dictionary and the JSON Schema) and, for strings, the rule its
value must follow. Declaring the rule next to the field keeps the model, the
validator and the schema from drifting apart.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

__all__ = ["DOC", "PATTERNS", "REF", "RULE", "Rule", "data_fields", "meta"]

DOC = "ma_proposals.doc"
RULE = "ma_proposals.rule"
REF = "ma_proposals.ref"


class Rule(enum.Enum):
    """What a string field (or each string of a sequence field) must look like."""

    #: A lowercase slug: ``a-z``, ``0-9`` and single inner hyphens.
    ID = "id"
    #: Non-empty text that is not only white space.
    TEXT = "text"
    #: An ISO 8601 calendar date (``2020-05-22``) or month (``2020-03``).
    DATE = "date"
    #: 64 lowercase hexadecimal digits.
    SHA256 = "sha256"


#: What a whole string must match, per rule: one table for the validator (which
#: matches it in full, ASCII only) and the JSON Schema (which anchors it). Text
#: has no pattern: it only needs a character that is not white space. Dates are
#: also checked against the calendar by the validator.
PATTERNS = {
    Rule.ID: "[a-z0-9]+(-[a-z0-9]+)*",
    Rule.DATE: "[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?",
    Rule.SHA256: "[0-9a-f]{64}",
}


def meta(
    doc: str, *, rule: Rule | None = None, ref: str | None = None
) -> dict[str, Any]:
    """Build the ``metadata`` of a model field.

    Args:
        doc: One or two sentences describing the field for the data dictionary.
        rule: The :class:`Rule` its string value (or each string in it) follows.
        ref: The name of the :class:`~ma_proposals.ProposalSet` collection whose
            ids the value must name (``"topics"``, ``"themes"``, ``"sources"`` or
            ``"proposals"``). Implies :attr:`Rule.ID`.

    Returns:
        The metadata mapping for :func:`attrs.field`.
    """
    data: dict[str, Any] = {DOC: doc}
    if ref is not None:
        data[REF] = ref
        rule = Rule.ID
    if rule is not None:
        data[RULE] = rule
    return data


def data_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a model class that are part of the format.

    Private caches (``init=False`` fields) are not: they are never read from or
    written to a document.
    """
    return tuple(field for field in attrs.fields(cls) if field.init)
