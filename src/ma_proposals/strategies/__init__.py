"""Hypothesis strategies for valid and single-fault proposal sets.

For tools built on this package, and for its own tests: :func:`proposal_sets`
generates valid :class:`~ma_proposals.ProposalSet` objects whose evidence really
sits at its offsets in generated source texts, :func:`corruptions` turns them into
documents with exactly one known fault, and smaller strategies generate single
proposals, recommendations and statistics. Needs the ``testing`` extra
(``pip install 'ma-proposals[testing]'``), which brings hypothesis.

A generated set's texts are remembered by checksum, so
:meth:`~ma_proposals.ProposalSet.source_text` and
:meth:`~ma_proposals.ProposalSet.context` work on it; :func:`texts` gives the
mapping to pass as ``base=`` to :func:`~ma_proposals.validate` and the loaders.

Example:
    >>> import ma_proposals as mp
    >>> from hypothesis import given
    >>> from ma_proposals.strategies import proposal_sets, texts
    >>> @given(proposal_sets(max_proposals=3))
    ... def test_valid(s):
    ...     assert mp.validate(s, base=texts(s)).valid
    >>> test_valid()
"""

from __future__ import annotations

from ma_proposals.errors import MissingDependencyError

try:
    import hypothesis  # noqa: F401 - imported to fail early without the extra
except ImportError:  # pragma: no cover - exercised without the extra only
    raise MissingDependencyError(
        "ma_proposals.strategies needs hypothesis: pip install 'ma-proposals[testing]'"
    ) from None

from . import _faults
from ._corpus import Corpus, corpora
from ._faults import Corruption, corruptions
from ._sets import proposal_sets, proposals, recommendations, statistics, texts

#: The problem codes :func:`corruptions` can produce (all but the size limits).
CORRUPTION_CODES: tuple[str, ...] = _faults.CORRUPTION_CODES

__all__ = [
    "CORRUPTION_CODES",
    "Corpus",
    "Corruption",
    "corpora",
    "corruptions",
    "proposal_sets",
    "proposals",
    "recommendations",
    "statistics",
    "texts",
]

# The public names are defined in private modules; this is the name that pickles,
# reprs, doctest and the docs use.
for _name in __all__:
    if hasattr(globals()[_name], "__module__"):
        globals()[_name].__module__ = __name__
del _name
