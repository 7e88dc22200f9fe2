"""The typed data model of a proposal set.

Every class is a frozen, slotted :mod:`attrs` class; sequences are tuples and closed
vocabularies are enums, so a loaded set cannot be changed in place and is safe to
share between threads. Each field's description lives in its ``metadata`` and feeds
the data dictionary and the JSON Schema.

Curated items (proposals, recommendations, statistics, claims, topics, themes) carry
:class:`Evidence`: the span of a shipped source text that supports them. Facts that
come from elsewhere carry a :class:`Citation` of an external :class:`Source`
instead.
"""

from ma_proposals._vocabulary import Horizon, ProposalKind, Qualifier, TitleKind

from ._items import (
    ChineseTitle,
    ChineseWording,
    Citation,
    Claim,
    Divergence,
    Evidence,
    Inference,
    Proposal,
    Recommendation,
    Statistic,
)
from ._set import SCHEMA_VERSION as SCHEMA_VERSION
from ._set import ProposalSet
from ._setting import Career, Deputy, Meeting, Session, Source, Term, Theme, Topic

__all__ = [
    "Career",
    "ChineseTitle",
    "ChineseWording",
    "Citation",
    "Claim",
    "Deputy",
    "Divergence",
    "Evidence",
    "Horizon",
    "Inference",
    "Meeting",
    "Proposal",
    "ProposalKind",
    "ProposalSet",
    "Qualifier",
    "Recommendation",
    "Session",
    "Source",
    "Statistic",
    "Term",
    "Theme",
    "TitleKind",
    "Topic",
]


# The classes are defined in private modules; they are public here, and this is
# the name that pickles, reprs, the docs and type resolution use.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
