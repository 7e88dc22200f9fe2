"""Ma Huateng's seven written proposals to China's 2020 two sessions, as data.

The packaged set is typed, immutable and evidence-backed: every curated fact
points at the span of the shipped source article that supports it.

Example:
    >>> import ma_proposals as mp
    >>> s = mp.load()
    >>> [p.id for p in s.proposals][:3]
    ['industrial-internet', 'rural-revitalization', 'sme-relief']
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    CurationError,
    ExportError,
    MaProposalsError,
    MissingDependencyError,
    QueryError,
    SourceTextError,
    UnknownIdError,
    ValidationError,
)
from .loading import available, dumps, load, load_path, loads
from .model import (
    Career,
    ChineseTitle,
    ChineseWording,
    Citation,
    Claim,
    Deputy,
    Divergence,
    Evidence,
    Horizon,
    Inference,
    Meeting,
    Proposal,
    ProposalKind,
    ProposalSet,
    Qualifier,
    Recommendation,
    Session,
    Source,
    Statistic,
    Term,
    Theme,
    TitleKind,
    Topic,
)
from .problems import CODES, Problem, Report
from .validation import validate

if TYPE_CHECKING:
    from .citing import cite
    from .query import Predicate, ids, text, theme, topic, where

# Names imported on first use, to keep ``import ma_proposals`` light.
_LAZY = dict.fromkeys(("Predicate", "ids", "text", "theme", "topic", "where"), "query")
_LAZY["cite"] = "citing"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ma_proposals' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CODES",
    "Career",
    "ChineseTitle",
    "ChineseWording",
    "Citation",
    "Claim",
    "CurationError",
    "Deputy",
    "Divergence",
    "Evidence",
    "ExportError",
    "Horizon",
    "Inference",
    "MaProposalsError",
    "Meeting",
    "MissingDependencyError",
    "Predicate",
    "Problem",
    "Proposal",
    "ProposalKind",
    "ProposalSet",
    "Qualifier",
    "QueryError",
    "Recommendation",
    "Report",
    "Session",
    "Source",
    "SourceTextError",
    "Statistic",
    "Term",
    "Theme",
    "TitleKind",
    "Topic",
    "UnknownIdError",
    "ValidationError",
    "__version__",
    "available",
    "cite",
    "dumps",
    "ids",
    "load",
    "load_path",
    "loads",
    "text",
    "theme",
    "topic",
    "validate",
    "where",
]
