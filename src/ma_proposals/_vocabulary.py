"""The closed vocabularies of the model, as enums."""

from __future__ import annotations

import enum

__all__ = ["Horizon", "ProposalKind", "Qualifier", "TitleKind"]


class TitleKind(enum.Enum):
    """How a title relates to the source that gives it.

    Example:
        >>> import ma_proposals as mp
        >>> mp.TitleKind("quoted")
        <TitleKind.QUOTED: 'quoted'>
    """

    #: The source names the document by its title ("the proposal on ...").
    QUOTED = "quoted"
    #: The source only describes the document; the title is the curators' wording.
    DESCRIPTIVE = "descriptive"


class ProposalKind(enum.Enum):
    """The kind of document an NPC deputy submits.

    Example:
        >>> import ma_proposals as mp
        >>> mp.load().proposals[0].kind.value
        'suggestion'
    """

    #: A written suggestion (建议), which one deputy may submit alone.
    SUGGESTION = "suggestion"
    #: A bill or motion (议案), which needs a delegation or at least 30 deputies.
    MOTION = "motion"


class Horizon(enum.Enum):
    """When a recommendation is meant to take effect, where the source says.

    Example:
        >>> import ma_proposals as mp
        >>> [h.value for h in mp.Horizon]
        ['near-term', 'medium-long-term']
    """

    #: In the near term (the source's "in the near future").
    NEAR_TERM = "near-term"
    #: In the medium and long term.
    MEDIUM_LONG_TERM = "medium-long-term"


class Qualifier(enum.Enum):
    """How a source states a figure.

    Example:
        >>> import ma_proposals as mp
        >>> mp.Qualifier("more-than") is mp.Qualifier.MORE_THAN
        True
    """

    #: Stated as a plain figure, without a hedge (it may still be rounded, as
    #: "255 million" is).
    EXACT = "exact"
    #: Stated as a lower bound ("more than 40").
    MORE_THAN = "more-than"
    #: Stated as an approximation ("about 40").
    ABOUT = "about"
