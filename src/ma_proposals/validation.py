"""Validation: every problem of a document at once, each with a code and a path.

:func:`validate` accepts a :class:`~ma_proposals.ProposalSet`, a mapping, a path, or
the text or bytes of a document, and returns a :class:`Report`. It never raises for
bad data. The loaders run the same checks and raise
:class:`~ma_proposals.ValidationError` carrying the report.

Problem codes are stable and listed, with their meaning, in :data:`CODES`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs

from ._paths import sort_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._texts import TextBase

__all__ = ["CODES", "Problem", "Report", "validate"]

#: Every problem code, with what it means. Codes are stable: tools may match on them.
CODES: Mapping[str, str] = {
    # Reading the document.
    "not-utf8": "The document's bytes are not valid UTF-8.",
    "invalid-json": "The document is not valid JSON (the problem has line and column).",
    "too-large": "The document is larger than the configured maximum size.",
    "too-deep": "The document nests arrays or objects too deeply to read.",
    "duplicate-key": "A JSON object has the same key more than once.",
    # Shape.
    "wrong-type": "A value has the wrong JSON type (e.g. a string where a number "
    "is expected, a boolean where an integer is).",
    "missing-key": "A required key is absent.",
    "unknown-key": "An object has a key that the format does not define.",
    "bad-enum": "A value is not one of the allowed words of a closed vocabulary.",
    "unsupported-version": "The ``schema_version`` is not one this release reads.",
    # Field rules.
    "bad-id": "An id is not a lowercase slug (``a-z``, ``0-9``, inner hyphens).",
    "empty-text": "A text field is empty or only white space.",
    "bad-date": "A date is not an ISO 8601 calendar date or month.",
    "bad-sha256": "A checksum is not 64 lowercase hexadecimal digits.",
    # Meaning.
    "duplicate-id": "Two items of one collection share an id (or two glossary "
    "terms share a canonical form).",
    "dangling-reference": "A reference names a topic, theme, source or proposal "
    "that the set does not define.",
    "missing-evidence": "A curated item has neither evidence nor a citation.",
    "bad-source": "A source does not have exactly one of ``resource`` and ``url``, a "
    "shipped source has no checksum, or its resource path is not a plain relative "
    "path.",
    "source-unreadable": "A shipped source's text cannot be read or is not UTF-8.",
    "checksum-mismatch": "A shipped source's bytes do not match its ``sha256``.",
    "evidence-not-shipped": "Evidence points at a source that has no shipped text.",
    "bad-span": "Evidence offsets are negative, reversed or past the end of the text.",
    "quote-mismatch": "Evidence's ``exact`` quote is not the text at its offsets.",
    "count-mismatch": "``declared_count`` disagrees with the number of proposals.",
    "bad-numbering": "Proposal numbers are not 1, 2, ..., n in order.",
    "variant-not-found": "A glossary variant does not occur in any shipped source.",
}


@attrs.frozen
class Problem:
    """One thing wrong with a document.

    Attributes:
        code: A stable code from :data:`CODES` (or, for authoring files, from
            :data:`ma_proposals.curation.CODES`).
        path: JSONPath of the offending value, e.g.
            ``$.proposals[3].recommendations[0].text``; ``$`` is the document.
        message: One sentence saying what is wrong and what was expected.
        line: Line of a syntax error (1-based), else ``None``.
        column: Column of a syntax error (1-based), else ``None``.

    Example:
        >>> from ma_proposals import Problem
        >>> p = Problem("missing-key", "$.proposals[0].title", "required key missing")
        >>> str(p)
        '$.proposals[0].title: required key missing [missing-key]'
    """

    code: str = attrs.field()
    path: str
    message: str
    line: int | None = None
    column: int | None = None

    @code.validator
    def _known_code(self, _: attrs.Attribute[str], value: str) -> None:
        if value not in CODES:
            # Authoring files have a few codes of their own.
            from .curation._codes import CODES as AUTHORING_CODES

            if value not in AUTHORING_CODES:
                raise ValueError(f"unknown problem code {value!r}")

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" (line {self.line}, column {self.column})"
        return f"{where}: {self.message} [{self.code}]"


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Distinct problems, sorted by path, then code and message."""
    return tuple(
        sorted(set(problems), key=lambda p: (sort_key(p.path), p.code, p.message))
    )


@attrs.frozen
class Report:
    """The outcome of validating one document.

    Attributes:
        problems: Every problem found, sorted by path, then code and message.
        document: What was validated, for messages: a file name, ``"<string>"`` or
            ``"<object>"``.

    Example:
        >>> import ma_proposals as mp
        >>> report = mp.validate(mp.load())
        >>> report.valid, report.problems
        (True, ())
    """

    problems: tuple[Problem, ...] = attrs.field(converter=_sorted)
    document: str = "<object>"

    @property
    def valid(self) -> bool:
        """Whether there are no problems."""
        return not self.problems

    def format(self, limit: int | None = None) -> str:
        """Render the report as text, one problem a line.

        Args:
            limit: Show at most this many problems and say how many more there
                are; ``None`` shows all.

        Returns:
            A summary line followed by the problems.

        Example:
            >>> from ma_proposals import Problem, Report
            >>> problem = Problem("empty-text", "$.title", "text is empty")
            >>> print(Report([problem], "x.json").format())
            x.json: 1 problem
              $.title: text is empty [empty-text]
        """
        count = len(self.problems)
        if not count:
            return f"{self.document}: valid"
        lines = [f"{self.document}: {count} problem{'s' if count != 1 else ''}"]
        shown = self.problems if limit is None else self.problems[:limit]
        lines.extend(f"  {p}" for p in shown)
        if count > len(shown):
            lines.append(f"  ... and {count - len(shown)} more")
        return "\n".join(lines)


def validate(
    document: Any,
    *,
    base: TextBase | None = None,
    max_bytes: int | None = 64 * 1024 * 1024,
) -> Report:
    """Check a document and report every problem at once.

    Args:
        document: A :class:`~ma_proposals.ProposalSet`; a mapping as parsed from
            JSON; a :class:`str` or :class:`bytes` holding JSON text; or a path
            (:class:`os.PathLike`) to a JSON file. A :class:`str` is always read as
            JSON text, never as a file name.
        base: Where the ``resource`` paths of shipped sources are resolved: a
            directory (a :class:`~pathlib.Path` or importlib-resources
            ``Traversable``) or a mapping from resource path to bytes. Defaults to
            the file's directory for paths and to the packaged data otherwise.
        max_bytes: Refuse documents larger than this (default 64 MiB, the
            loaders' :data:`~ma_proposals.loading.MAX_BYTES`); ``None`` for no
            limit.

    Returns:
        The :class:`Report`; ``report.valid`` is true when there is no problem.

    Raises:
        OSError: A path could not be read.

    Example:
        >>> import ma_proposals as mp
        >>> report = mp.validate(b'{"schema_version": 1, "id": "Bad Id"}')
        >>> report.valid
        False
        >>> [p.code for p in report.problems if p.path == "$.id"]
        ['bad-id']
    """
    from . import loading
    from .conversion import unstructure
    from .model import ProposalSet

    if isinstance(document, ProposalSet):
        # Unstructured, so that a set built in code gets the shape checks too.
        data = unstructure(document)
        return loading.read_object(data, base=base, document="<object>")[1]
    if isinstance(document, os.PathLike):
        return loading.read_path(document, base=base, max_bytes=max_bytes)[1]
    if isinstance(document, (str, bytes, bytearray, memoryview)):
        return loading.read(document, base=base, max_bytes=max_bytes)[1]
    return loading.read_object(document, base=base)[1]
