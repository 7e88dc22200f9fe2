r"""Curating a proposal set: an authoring file of quotes in, the JSON format out.

Curators write a set as an *authoring file*, a TOML document whose ``[set]``
table mirrors the JSON format but whose evidence is written as quotes of the
source, never as offsets. :func:`build` places every quote in its source,
computes the checksums of shipped texts, validates the set with the package's
own checks and returns it; :func:`write` (and ``ma-proposals build``) writes the
canonical JSON beside its sources. Problems come all at once, each with a code,
its path in the file and its line: a quote that is not in its source shows the
closest passage with the differing words marked.

The reverse, :func:`authoring` and :func:`authoring_toml`, turns any valid set
into an authoring file, and :func:`template` starts one for a new source text
(``ma-proposals init``); writing TOML needs the ``curation`` extra (tomli-w).
Reading it needs only the standard library.

Example:
    >>> import ma_proposals as mp
    >>> from ma_proposals import curation
    >>> result = curation.read('[set]\nid = "my-set"\ntitle = ""\n')
    >>> print(result.report.format(limit=3))
    <string>: 7 problems
      $.set.declared_count (line 1, column 1): required key is missing [missing-key]
      $.set.deputy (line 1, column 1): required key is missing [missing-key]
      $.set.meeting (line 1, column 1): required key is missing [missing-key]
      ... and 4 more
    >>> curation.build(curation.authoring(mp.load())) == mp.load()
    True

.. versionadded:: 0.1.0
"""

import importlib
from typing import TYPE_CHECKING, Any

from ma_proposals.problems import AUTHORING_CODES

if TYPE_CHECKING:
    from ._build import Build, build, read
    from ._reverse import authoring, authoring_toml, template
    from ._schema import json_schema, schema_text
    from ._write import Written, write

#: The problem codes that only authoring files have, with what they mean. An
#: authoring file's report also uses the codes of :data:`ma_proposals.CODES`: for
#: a file it cannot read (``not-utf8``, ``too-large``, ``too-deep``, and
#: ``out-of-range`` for an integer too long to read), for its own
#: keys (``unknown-key``, ``missing-key``, ``wrong-type``, ``bad-enum``,
#: ``empty-text``, ``dangling-reference``, ``evidence-not-shipped``) and for every
#: problem of the set it describes. Codes are stable: tools may match on them.
CODES = AUTHORING_CODES

#: Path of the shipped JSON Schema of the authoring format inside the package's
#: ``data`` directory (``ma-proposals init`` and ``build --schemas`` also write
#: it beside your files).
SCHEMA_RESOURCE = "schema/authoring.schema.json"

# The functions are imported on first use, so that the command line (which
# registers ``build`` and ``init``) does not load them for other commands.
_LAZY = {
    "Build": "_build",
    "build": "_build",
    "read": "_build",
    "authoring": "_reverse",
    "authoring_toml": "_reverse",
    "template": "_reverse",
    "json_schema": "_schema",
    "schema_text": "_schema",
    "Written": "_write",
    "write": "_write",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ma_proposals.curation' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CODES",
    "SCHEMA_RESOURCE",
    "Build",
    "Written",
    "authoring",
    "authoring_toml",
    "build",
    "json_schema",
    "read",
    "schema_text",
    "template",
    "write",
]
