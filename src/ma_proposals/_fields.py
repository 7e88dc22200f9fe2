"""Field metadata, and the rules that string fields follow.

Every field of the model carries ``metadata`` built by :func:`meta`: a description
(used by the data dictionary and the JSON Schema) and, for strings, the rule its
value must follow. Declaring the rule next to the field keeps the model, the
validator and the schema from drifting apart.
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from typing import Any

import attrs

__all__ = [
    "DOC",
    "PATTERNS",
    "REF",
    "RULE",
    "Rule",
    "data_fields",
    "date_ok",
    "meta",
    "rule_test",
]

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
    #: A well-formed BCP 47 language tag (``en``, ``zh-Hant``, ``pt-BR``).
    LANGUAGE = "language"


# A BCP 47 language tag, as RFC 5646 (section 2.1) writes its syntax, with one
# restriction: the primary language subtag has 2 or 3 letters (an ISO 639
# code), as every registered one has; the syntax's 4 and 5-8 letter forms are
# reserved or unused, and they would accept words such as "english". A tag of
# private use alone ("x-...") is well-formed too; the deprecated irregular
# "grandfathered" tags ("i-klingon") are not accepted. Case does not matter.
_LANGTAG = (
    "[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}"  # language, extended language subtags
    "(-[A-Za-z]{4})?"  # script
    "(-([A-Za-z]{2}|[0-9]{3}))?"  # region
    "(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
    "(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*"  # extensions
    "(-[Xx](-[A-Za-z0-9]{1,8})+)?"  # private use
)

#: What a whole string must match, per rule: one table for the validator (which
#: matches it in full, ASCII only) and the JSON Schema (which anchors it). Text
#: has no pattern: it only needs a character that is not white space. Dates are
#: also checked against the calendar by the validator.
PATTERNS = {
    Rule.ID: "[a-z0-9]+(-[a-z0-9]+)*",
    Rule.DATE: "[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?",
    Rule.SHA256: "[0-9a-f]{64}",
    Rule.LANGUAGE: f"({_LANGTAG}|[Xx](-[A-Za-z0-9]{{1,8}})+)",
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


# -- The rules, as tests of a string --------------------------------------------

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_patterns: dict[Rule, re.Pattern[str]] = {}


def _pattern(rule: Rule) -> re.Pattern[str]:
    try:
        return _patterns[rule]
    except KeyError:
        return _patterns.setdefault(rule, re.compile(PATTERNS[rule], re.ASCII))


def date_ok(value: str) -> bool:
    """An ISO 8601 month, or a day that the (proleptic Gregorian) calendar has."""
    # Only strings of a date's length reach the cache: it must not keep alive
    # whatever long strings a hostile document holds.
    return len(value) in (7, 10) and _date_ok(value)


@functools.lru_cache(maxsize=4096)  # documents repeat their few dates
def _date_ok(value: str) -> bool:
    if not _pattern(Rule.DATE).fullmatch(value):
        return False
    if len(value) == 7:
        return True  # the pattern allows months 01 to 12 only
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (29 if month == 2 and leap else _DAYS[month - 1])


def _text_ok(value: str) -> bool:
    # The same as ``bool(value.strip())``, without building a string.
    return bool(value) and not value.isspace()


def rule_test(rule: Rule) -> typing.Callable[[str], object]:
    """A function whose result is true when a string follows ``rule``."""
    if rule is Rule.TEXT:
        return _text_ok
    if rule is Rule.DATE:
        return date_ok
    return _pattern(rule).fullmatch
