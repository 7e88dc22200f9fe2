"""The authoring format's own keys, and how it maps onto the model.

An authoring file has two tables: ``[curation]``, the settings of the build, and
``[set]``, which mirrors the JSON format (the model's fields) except that every
list of :class:`~ma_proposals.Evidence` holds quotes. Both the JSON Schema of the
format and its documentation are generated from the specs here and from the
model, and the builder checks the same specs.
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ma_proposals._fields import PATTERNS, Rule
from ma_proposals._plan import FieldPlan, Kind, field_plan
from ma_proposals.model import Evidence, ProposalSet

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CURATION_KEYS",
    "QUOTE_KEYS",
    "REPEATED_QUOTES",
    "Key",
    "evidence_field",
    "plans",
    "table_paths",
]

#: The values of ``[curation] repeated_quotes``.
REPEATED_QUOTES = ("error", "first")


@attrs.frozen
class Key:
    """A key of the authoring format that is not a model field."""

    name: str
    #: Its JSON Schema (draft 4), without the description.
    schema: dict[str, Any]
    required: bool
    description: str


_ID = {"type": "string", "pattern": f"^{PATTERNS[Rule.ID]}$"}

#: The keys of the ``[curation]`` table.
CURATION_KEYS: tuple[Key, ...] = (
    Key(
        "default_source",
        _ID,
        False,
        "Id of the shipped source that quotes are looked for in when they do not "
        "name one. May be left out when the set has exactly one shipped source.",
    ),
    Key(
        "repeated_quotes",
        {"type": "string", "enum": list(REPEATED_QUOTES)},
        False,
        "What a quote that occurs more than once in its source, and has no "
        "``occurrence``, means: ``error`` (the default) reports it as "
        "``ambiguous-quote``, saying where each occurrence is; ``first`` takes "
        "the first occurrence.",
    ),
)

#: The keys of a quote written as a table.
QUOTE_KEYS: tuple[Key, ...] = (
    Key(
        "quote",
        {"type": "string", "minLength": 1, "pattern": "\\S"},
        True,
        "The words of the source, verbatim, artifacts included.",
    ),
    Key(
        "occurrence",
        {"type": "integer", "minimum": 1},
        False,
        "Which occurrence of the quote is meant, counting from 1 (overlapping "
        "occurrences count). Needed when the quote occurs more than once.",
    ),
    Key(
        "source",
        _ID,
        False,
        "Id of the shipped source the quote is in; defaults to "
        "``[curation] default_source``.",
    ),
)


@functools.cache
def plans(cls: type) -> Mapping[str, FieldPlan]:
    """The data fields of a model class, by name, with how they are shaped.

    Computed once per class (a build asks for every key and table header).
    """
    return MappingProxyType({plan.name: plan for plan in field_plan(cls)})


def evidence_field(plan: FieldPlan) -> bool:
    """Whether a field holds evidence, which the authoring format writes as quotes."""
    return plan.kind is Kind.OBJS and plan.cls is Evidence


def table_paths(root: type = ProposalSet) -> dict[type, tuple[str, ...]]:
    """Where each model class appears in an authoring file, as TOML table headers.

    Example:
        >>> from ma_proposals import Recommendation
        >>> table_paths()[Recommendation]
        ('[[set.proposals.recommendations]]',)
    """
    found: dict[type, list[str]] = {root: ["[set]"]}

    def visit(cls: type, prefix: str, depth: int) -> None:
        if depth > 8:  # pragma: no cover - the model has no cycles
            return
        for plan in field_plan(cls):
            if plan.cls is None or evidence_field(plan):
                continue
            path = f"{prefix}.{plan.name}"
            header = f"[[{path}]]" if plan.kind is Kind.OBJS else f"[{path}]"
            found.setdefault(plan.cls, []).append(header)
            visit(plan.cls, path, depth + 1)

    visit(root, "set", 0)
    return {cls: tuple(headers) for cls, headers in found.items()}
