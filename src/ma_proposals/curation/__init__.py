"""Curating a proposal set: an authoring file of quotes in, the JSON format out.

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
    >>> text = '''
    ... [curation]
    ... default_source = "21st-century-economic-report"
    ... [set]
    ... id = "ma-huateng-2020"
    ... '''
    >>> result = curation.read(text)
    >>> print(result.report.format(limit=2))
    <string>: 7 problems
      $.set.declared_count (line 5, column 1): required key is missing [missing-key]
      $.set.deputy (line 5, column 1): required key is missing [missing-key]
      ... and 5 more
    >>> curation.build(curation.authoring(mp.load())) == mp.load()
    True

.. versionadded:: 0.1.0
"""

from ._build import Build, build, read
from ._codes import CODES
from ._reverse import authoring, authoring_toml, template
from ._schema import RESOURCE as SCHEMA_RESOURCE
from ._schema import json_schema, schema_text
from ._write import Written, write

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
