"""The problem codes of authoring files (kept apart so that it imports nothing)."""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CODES"]

_CODES = {
    "invalid-toml": "The authoring file is not valid TOML (the problem has line and "
    "column).",
    "quote-not-found": "A quote is not in its source. The message shows the closest "
    "passage of the source, with the differing words marked: ``[-...-]`` what the "
    "quote has, ``{+...+}`` what the source has instead.",
    "ambiguous-quote": "A quote occurs more than once in its source and no "
    "``occurrence`` says which one is meant. The message says where each "
    "occurrence is.",
    "bad-occurrence": "An ``occurrence`` is less than 1, or more than the number of "
    "times the quote occurs (the message says where each occurrence is).",
}

#: The problem codes that only authoring files have, with what they mean. An
#: authoring file's report also uses the codes of :data:`ma_proposals.CODES`: for
#: its own keys (``unknown-key``, ``missing-key``, ``wrong-type``, ``bad-enum``,
#: ``empty-text``, ``dangling-reference``, ``evidence-not-shipped``) and for
#: every problem of the set it describes. Codes are stable. A read-only mapping.
CODES: Mapping[str, str] = types.MappingProxyType(_CODES)
