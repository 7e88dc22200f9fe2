"""The package's exceptions: one hierarchy rooted in :class:`MaProposalsError`.

Each subclass is also the builtin exception that fits it, so callers can catch
either: a :class:`ValidationError` is a :class:`ValueError`, a lookup by an unknown
id raises :class:`UnknownIdError`, which is a :class:`KeyError`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .problems import Problem, Report

__all__ = [
    "CurationError",
    "ExportError",
    "MaProposalsError",
    "MissingDependencyError",
    "QueryError",
    "SourceTextError",
    "UnknownIdError",
    "ValidationError",
]


class MaProposalsError(Exception):
    """Base class of every exception this package raises on purpose.

    Example:
        >>> import ma_proposals as mp
        >>> try:
        ...     mp.loads(b"{}")
        ... except mp.MaProposalsError as exc:
        ...     print(type(exc).__name__)
        ValidationError
    """


class ValidationError(MaProposalsError, ValueError):
    """A document is not a valid proposal set.

    Carries the whole :class:`~ma_proposals.Report`; its message shows the first
    problems, each with its JSON path, and says how many more there are.

    Attributes:
        report: The problems found, sorted by path: the first
            :data:`~ma_proposals.problems.MAX_PROBLEMS` (or ``max_problems``),
            with the number of the others in ``report.omitted``.

    Example:
        >>> import ma_proposals as mp
        >>> try:
        ...     mp.loads(b'{"schema_version": "1"}')
        ... except mp.ValidationError as exc:
        ...     print([p.path for p in exc.problems if p.code == "wrong-type"])
        ['$.schema_version']
    """

    #: How many problems the message lists before summarising the rest.
    SHOWN = 10

    report: Report

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.format(limit=self.SHOWN))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (e.g. to another process) with its report, not its message.
        return (type(self), (self.report,), self.__dict__)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems of :attr:`report`, sorted by path.

        Example:
            >>> import ma_proposals as mp
            >>> try:
            ...     mp.loads(b'{"schema_version": "1"}')
            ... except mp.ValidationError as exc:
            ...     print(exc.problems == exc.report.problems, exc.problems[0].path)
            True $.declared_count
        """
        return self.report.problems


class CurationError(ValidationError):
    r"""An authoring file does not describe a valid proposal set.

    Raised by :func:`ma_proposals.curation.build`. Like its base class, it
    carries the whole report; the problems' paths point into the authoring file
    (``$.set.proposals[0].evidence[1]``) and, where the file was read as text,
    they have its line and column.

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> try:
        ...     curation.build("[set]\nid = 'x'\n")
        ... except mp.CurationError as exc:
        ...     print(exc.problems[0])
        $.set.declared_count (line 1, column 1): required key is missing [missing-key]
    """


class QueryError(MaProposalsError, ValueError):
    """A query or filter argument cannot be used (e.g. malformed search syntax).

    Example:
        >>> import ma_proposals as mp
        >>> isinstance(mp.QueryError("unbalanced quote"), ValueError)
        True
    """


class UnknownIdError(MaProposalsError, KeyError):
    """No item has the requested id; the message suggests close ids.

    Attributes:
        id: The id that was asked for.
        suggestions: Existing ids that look like it, closest first.
        what: What kind of item was looked for (``"proposal"``, ``"topic"``).
        known: For a number, which numbers there are (``"1 to 7"``).

    Example:
        >>> import ma_proposals as mp
        >>> err = mp.UnknownIdError("fintec", ("fintech",), what="proposal")
        >>> str(err)
        "no proposal with id 'fintec'; did you mean 'fintech'?"
    """

    def __init__(
        self,
        id: object,
        suggestions: tuple[str, ...] = (),
        *,
        what: str = "item",
        known: str | None = None,
    ) -> None:
        self.id = id
        self.suggestions = suggestions
        self.what = what
        self.known = known
        if known is not None:  # a number
            message = f"no {what} with number {id!r}; the set's are {known}"
        else:
            message = f"no {what} with id {id!r}"
        if suggestions:
            message += "; did you mean " + " or ".join(map(repr, suggestions)) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and add quotes.
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with what it was made from, so that it keeps its message.
        return (
            _unknown_id,
            (type(self), self.id, self.suggestions, self.what, self.known),
            self.__dict__,
        )


def _unknown_id(
    cls: type[UnknownIdError],
    id: object,
    suggestions: tuple[str, ...],
    what: str,
    known: str | None = None,
) -> UnknownIdError:
    """Remake a pickled :class:`UnknownIdError` (``what`` is keyword-only)."""
    return cls(id, suggestions, what=what, known=known)


class SourceTextError(MaProposalsError, LookupError):
    """The text of a source is not available (unknown id, not shipped, or missing).

    Example:
        >>> import ma_proposals as mp
        >>> try:
        ...     mp.load().source_text("no-such-source")
        ... except mp.SourceTextError as exc:
        ...     print(str(exc).split(" (")[0])
        no source with id 'no-such-source'
    """


#: ``pip install 'ma-proposals[EXTRA]'`` in a message, and the extra.
_FROM_INDEX = r"pip install 'ma-proposals\[([A-Za-z0-9_,-]+)\]'"


class MissingDependencyError(MaProposalsError, ImportError):
    """An optional feature needs a package that is not installed.

    The message names the extra to install in both of the ways it is
    installed: from a package index (``pip install 'ma-proposals[pandas]'``)
    and, in a source checkout, in place (``pip install -e '.[pandas]'``).
    A message that gives the first form gets the second added.

    .. versionchanged:: 0.1.0
       The message also gives the command for a source checkout.

    Example:
        >>> import ma_proposals as mp
        >>> issubclass(mp.MissingDependencyError, ImportError)
        True
        >>> err = mp.MissingDependencyError("pip install 'ma-proposals[pandas]'")
        >>> print(err)  # doctest: +NORMALIZE_WHITESPACE
        pip install 'ma-proposals[pandas]'
        (in a source checkout: pip install -e '.[pandas]')
    """

    def __init__(
        self, *args: object, name: str | None = None, path: str | None = None
    ) -> None:
        if args and isinstance(args[0], str):
            args = (_with_checkout_command(args[0]), *args[1:])
        super().__init__(*args, name=name, path=path)


def _with_checkout_command(message: str) -> str:
    """Add the checkout form after each index form of ``pip install``; once."""
    if "pip install -e '." in message:
        return message
    return re.sub(
        _FROM_INDEX,
        lambda m: (
            f"{m.group(0)} (in a source checkout: pip install -e '.[{m.group(1)}]')"
        ),
        message,
    )


class ExportError(MaProposalsError, OSError):
    """An export cannot be written, and nothing of it was.

    Raised when the target is in the way (a folder that holds other files, a
    link, a file that a source text would replace), when the disk or the
    database refuses the data (a full disk, a read-only folder, two rows with
    one key), or when a value cannot be stored in the format. It is an
    :class:`OSError`, so code that catches file errors around a write catches
    it too; its message names the target and the reason.

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> issubclass(mp.ExportError, OSError)
        True
    """
