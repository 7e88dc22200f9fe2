"""Problems and reports: what is wrong with a document, each with a code and a path.

The base types of every check in the package. A :class:`Problem` has a stable
code from :data:`CODES` (or, for authoring files, :data:`AUTHORING_CODES`), the
JSONPath of the offending value and a sentence saying what was expected; a
:class:`Report` holds the problems of one document. This module imports nothing
else of the package but a private helper of JSON paths, so every other module
can use it.

Example:
    >>> from ma_proposals.problems import Problem, Report
    >>> report = Report([Problem("empty-text", "$.title", "text is empty")], "x.json")
    >>> print(report.format())
    x.json: 1 problem
      $.title: text is empty [empty-text]
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

import attrs

from ._paths import sort_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["AUTHORING_CODES", "CODES", "MAX_PROBLEMS", "Problem", "Report"]

#: How many problems a report keeps by default; the rest are counted
#: (:attr:`~ma_proposals.Report.omitted`), so that a document with a million
#: faults costs about what a valid one of its size does. Pass ``max_problems``
#: to change it.
MAX_PROBLEMS = 1000

_CODES = {
    # Reading the document.
    "not-utf8": "The document's bytes are not valid UTF-8.",
    "invalid-json": "The document is not valid JSON (the problem has line and column).",
    "too-large": "The document, or a shipped source's text, is larger than the "
    "configured maximum size (``max_bytes``, ``max_text_bytes``).",
    "too-deep": "The document nests arrays or objects too deeply to read.",
    "duplicate-key": "A JSON object has the same key more than once.",
    # Shape.
    "wrong-type": "A value has the wrong JSON type (e.g. a string where a number "
    "is expected, a boolean where an integer is, a document that is not an "
    "object).",
    "missing-key": "A required key is absent.",
    "out-of-range": "An integer does not fit in a signed 64-bit integer "
    "(-2**63 to 2**63 - 1), the range SQLite and most tools hold.",
    "unknown-key": "An object has a key that the format does not define.",
    "bad-enum": "A value is not one of the allowed words of a closed vocabulary.",
    "unsupported-version": "The ``schema_version`` is not one this release reads.",
    # Field rules.
    "bad-id": "An id is not a lowercase slug (``a-z``, ``0-9``, inner hyphens).",
    "empty-text": "A text field is empty or only white space.",
    "bad-date": "A date is not an ISO 8601 calendar date or month.",
    "bad-sha256": "A checksum is not 64 lowercase hexadecimal digits.",
    "bad-language": "A ``language`` is not a well-formed BCP 47 language tag "
    "(``en``, ``zh-Hant``, ``pt-BR``; not ``english`` or ``en_US``).",
    # Meaning.
    "duplicate-id": "Two items of one collection share an id (or two glossary "
    "terms share a canonical form).",
    "dangling-reference": "A reference names a topic, theme, source or proposal "
    "that the set does not define.",
    "duplicate-reference": "A list of references names the same id twice (e.g. a "
    "theme repeated in a proposal's ``themes``).",
    "missing-evidence": "A curated item has neither evidence nor a citation.",
    "bad-source": "A source does not have exactly one of ``resource`` and ``url``, a "
    "shipped source has no checksum, or its resource path is not a plain relative "
    "path.",
    "source-unreadable": "A shipped source's text cannot be read (it is missing, "
    "is not a regular file, or leads outside the document's folder through a "
    "symbolic link) or is not UTF-8.",
    "checksum-mismatch": "A shipped source's bytes do not match its ``sha256``.",
    "evidence-not-shipped": "Evidence points at a source that has no shipped text.",
    "bad-span": "Evidence offsets are negative, reversed or past the end of the text.",
    "quote-mismatch": "Evidence's ``exact`` quote is not the text at its offsets.",
    "count-mismatch": "``declared_count`` disagrees with the number of proposals.",
    "bad-numbering": "Proposal numbers are not 1, 2, ..., n in order.",
    "variant-not-found": "A glossary variant does not occur in any shipped source.",
}

#: Every problem code, with what it means. Codes are stable: tools may match on
#: them. A read-only mapping.
CODES: Mapping[str, str] = types.MappingProxyType(_CODES)

_AUTHORING_CODES = {
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
AUTHORING_CODES: Mapping[str, str] = types.MappingProxyType(_AUTHORING_CODES)


@attrs.frozen
class Problem:
    """One thing wrong with a document.

    Attributes:
        code: A stable code from :data:`CODES` (or, for authoring files, from
            :data:`~ma_proposals.problems.AUTHORING_CODES`, also
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
        if value not in CODES and value not in AUTHORING_CODES:
            raise ValueError(f"unknown problem code {value!r}")

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" (line {self.line}, column {self.column})"
        return f"{where}: {self.message} [{self.code}]"


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Distinct problems, sorted by path, then code and message."""
    if not problems:
        return ()
    return tuple(
        sorted(set(problems), key=lambda p: (sort_key(p.path), p.code, p.message))
    )


@attrs.frozen
class Report:
    """The outcome of validating one document.

    Attributes:
        problems: The problems kept, sorted by path, then code and message: every
            problem found, up to the ``max_problems`` the check was given (by
            default :data:`~ma_proposals.problems.MAX_PROBLEMS`), keeping the
            first ones found.
        document: What was validated, for messages: a file name, ``"<string>"`` or
            ``"<object>"``.
        omitted: How many more problems were found but not kept.

    Example:
        >>> import ma_proposals as mp
        >>> report = mp.validate(mp.load())
        >>> report.valid, report.problems, report.omitted
        (True, (), 0)
    """

    problems: tuple[Problem, ...] = attrs.field(converter=_sorted)
    document: str = "<object>"
    omitted: int = attrs.field(default=0, kw_only=True)

    @property
    def valid(self) -> bool:
        """Whether there are no problems.

        Example:
            >>> import ma_proposals as mp
            >>> mp.validate(mp.load()).valid, mp.validate(b'{"id": 7}').valid
            (True, False)
        """
        return not self.problems and not self.omitted

    @property
    def count(self) -> int:
        """How many problems were found, those kept and those omitted.

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> report = mp.validate(b'{"id": 7}', max_problems=2)
            >>> len(report.problems), report.omitted, report.count
            (2, 6, 8)
        """
        return len(self.problems) + self.omitted

    def format(self, limit: int | None = None) -> str:
        """Render the report as text, one problem a line.

        Args:
            limit: Show at most this many problems and say how many more there
                are; ``None`` shows all that were kept. Problems that were not
                kept (:attr:`omitted`) are always counted in the last line.

        Returns:
            A summary line followed by the problems.

        Example:
            >>> from ma_proposals import Problem, Report
            >>> problem = Problem("empty-text", "$.title", "text is empty")
            >>> print(Report([problem], "x.json").format())
            x.json: 1 problem
              $.title: text is empty [empty-text]
            >>> print(Report([problem], "y.json", omitted=4).format())
            y.json: 5 problems
              $.title: text is empty [empty-text]
              ... and 4 more (only the first 1 were kept)
        """
        count = self.count
        if not count:
            return f"{self.document}: valid"
        lines = [f"{self.document}: {count} problem{'s' if count != 1 else ''}"]
        shown = self.problems if limit is None else self.problems[:limit]
        lines.extend(f"  {p}" for p in shown)
        if count > len(shown):
            more = f"  ... and {count - len(shown)} more"
            if self.omitted:
                more += f" (only the first {len(self.problems)} were kept)"
            lines.append(more)
        return "\n".join(lines)
