"""Documents with a fault in every proposal: what an invalid load costs.

:func:`faulty` takes a valid synthetic set (:mod:`synth`) and puts one fault in
each proposal, eight kinds in turn (:data:`FAULTS`), so that ``run.py`` can
compare ``validate()`` of the invalid document with that of the valid one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from synth import Synthetic

__all__ = ["FAULTS", "faulty"]

JSON = dict[str, Any]


def _misspell(p: JSON) -> str:
    p["topic"] += "s"  # a dangling reference, with a suggestion
    return "dangling-reference"


def _bad_id(p: JSON) -> str:
    p["recommendations"][0]["id"] = "Not A Slug"
    return "bad-id"


def _moved_quote(p: JSON) -> str:
    ev = p["recommendations"][0]["evidence"][0]
    ev["exact"] = ev["exact"][1:] + "."  # same length, shifted
    return "quote-mismatch"


def _string_number(p: JSON) -> str:
    p["number"] = str(p["number"])
    return "wrong-type"


def _typo_key(p: JSON) -> str:
    p["summry"] = p.pop("summary")  # an unknown key and a missing one
    return "unknown-key"


def _blank(p: JSON) -> str:
    p["title"] = "   "
    return "empty-text"


def _repeated_theme(p: JSON) -> str:
    p["themes"].append(p["themes"][0])
    return "duplicate-reference"


def _huge(p: JSON) -> str:
    p["recommendations"][0]["evidence"][0]["end"] = 2**64
    return "out-of-range"


#: One fault per kind, applied in turn to the proposals of ``faulty``.
FAULTS = (
    _misspell,
    _bad_id,
    _moved_quote,
    _string_number,
    _typo_key,
    _blank,
    _repeated_theme,
    _huge,
)


def faulty(synthetic: Synthetic) -> tuple[bytes, int]:
    """The document with one fault in every proposal (of the kinds in ``FAULTS``).

    Returns:
        The document (compact JSON, like the valid one) and how many problems
        ``validate()`` must find: one per proposal, plus one for each typo'd key
        (which is also a missing key) and each huge offset (also a bad span).
    """
    document = json.loads(synthetic.document)
    problems = 0
    for i, proposal in enumerate(document["proposals"]):
        code = FAULTS[i % len(FAULTS)](proposal)
        problems += 2 if code in ("unknown-key", "out-of-range") else 1
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return data.encode("utf-8"), problems
