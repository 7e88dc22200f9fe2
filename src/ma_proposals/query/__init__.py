"""Query helpers: composable predicates, facets, flat rows and evidence in context.

Most of this is reached through :class:`~ma_proposals.ProposalSet` methods
(:meth:`~ma_proposals.ProposalSet.filter`,
:meth:`~ma_proposals.ProposalSet.count_by`,
:meth:`~ma_proposals.ProposalSet.rows`,
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

# The names imported "as" themselves are helpers of ProposalSet's methods, search
# and the exports, not public API (they are not in __all__).
from ._context import EvidenceContext, EvidenceContexts
from ._context import context as context
from ._rows import EvidenceRow, RecommendationRow, StatisticRow
from ._rows import evidence_rows as evidence_rows
from ._rows import owned as owned
from ._rows import recommendation_rows as recommendation_rows
from ._rows import rows as rows
from ._rows import statistic_rows as statistic_rows
from ._select import Predicate, ids, text, theme, topic, where
from ._select import by_id as by_id
from ._select import by_key as by_key
from ._select import count_by as count_by
from ._select import filter_set as filter_set
from ._select import missing as missing
from ._select import proposal_texts as proposal_texts

__all__ = [
    "EvidenceContext",
    "EvidenceContexts",
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

# The public names are defined in private modules; this is the name that
# pickles, reprs, doctest and the docs use.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
