"""What the commands share: exit statuses, user errors, output, loading."""

from __future__ import annotations

import json
import sys
import textwrap
import unicodedata
from typing import TYPE_CHECKING, Any

from ma_proposals import loading
from ma_proposals._terminal import columns, writes_utf8
from ma_proposals.errors import (
    ValidationError,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator

    from ma_proposals.model import ProposalSet
    from ma_proposals.problems import Report

    #: Adds a command: ``add(name, run, help)`` returns the command's parser.
    AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], Any]

OK, FAILED, USAGE = 0, 1, 2
#: Interrupted (128 + SIGINT), and the output pipe closed (128 + SIGPIPE).
INTERRUPTED, BROKEN_PIPE = 130, 141


class UserError(Exception):
    """A user error: its message goes to stderr with this exit status."""

    def __init__(self, message: str, status: int = FAILED) -> None:
        super().__init__(message)
        self.status = status


def print_json(data: Any) -> None:
    # Characters the output's encoding cannot write are JSON escapes, so that
    # the output is valid JSON on any terminal.
    print(json.dumps(data, ensure_ascii=not writes_utf8(sys.stdout), indent=2))


def problem_dicts(report: Report) -> list[dict[str, Any]]:
    """The problems of a report as JSON objects, for ``--json`` output."""
    return [
        {
            "code": p.code,
            "path": p.path,
            "message": p.message,
            "line": p.line,
            "column": p.column,
        }
        for p in report.problems
    ]


def reason(exc: OSError) -> str:
    """Why a file could not be read or written, without a traceback's details."""
    return exc.strerror or str(exc)


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``n`` and the noun, plural unless ``n`` is 1 (``nouns``, or ``noun`` + s)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def invalid_set(report: Report, given: object) -> UserError:
    """The error for a proposal-set file that does not validate.

    Args:
        report: Its report.
        given: The file as the user named it, for the command to run.
    """
    count = report.count
    return UserError(
        f"{report.document} is not a valid proposal set "
        f"({counted(count, 'problem')}; "
        f"run: ma-proposals validate {given})"
    )


WIDTH = 88


#: Where lines break, as :func:`textwrap.fill` breaks them: other white space
#: (U+2028, C1 controls) is left for the escaping streams to show.
_SPACES = frozenset(" \t\n\v\f\r")


def _breaks_before(previous: str, c: str) -> bool:
    """Whether a line may break between ``previous`` and ``c`` (no white space).

    Only next to a wide character, as Chinese allows; never before a mark or
    closing punctuation, never after opening punctuation.
    """
    if columns(c) == 0 or unicodedata.category(c) in ("Pe", "Pf", "Po"):
        return False
    if unicodedata.category(previous) in ("Ps", "Pi"):
        return False
    return columns(previous) == 2 or columns(c) == 2


def _segments(text: str) -> Iterator[str]:
    """What lines break between, and " " for each run of white space."""
    start = 0
    for i, c in enumerate(text):
        if c in _SPACES:
            if start < i:
                yield text[start:i]
            start = i + 1
            yield " "
        elif start < i and _breaks_before(text[i - 1], c):
            yield text[start:i]
            start = i
    if start < len(text):
        yield text[start:]


def wrap(text: str, indent: str, hanging: int = 0) -> str:
    """Fill ``text`` to 88 columns; continuation lines indent ``hanging`` more.

    English is filled by :func:`textwrap.fill`. Text with wide characters
    (Chinese) is filled by the columns each character takes as it is printed
    (:func:`~ma_proposals._terminal.columns`), and may also break between two
    Chinese characters, but not before closing punctuation or after opening
    punctuation; a part too long for a line is cut.
    """
    subsequent = indent + " " * hanging
    if all(columns(c) < 2 for c in text):
        return textwrap.fill(
            text,
            width=WIDTH,
            initial_indent=indent,
            subsequent_indent=subsequent,
            break_on_hyphens=False,
        )
    lines: list[str] = []
    parts, width, filled, space = [indent], len(indent), False, False
    for segment in _segments(text):
        if segment == " ":
            space = filled
            continue
        gap = 1 if space else 0
        space = False
        if filled and width + gap + sum(map(columns, segment)) > WIDTH:
            lines.append("".join(parts))
            parts, width, filled, gap = [subsequent], len(subsequent), False, 0
        parts.append(" " * gap)
        width += gap
        for c in segment:  # one by one, to cut a part too long for a line
            n = columns(c)
            if n and filled and width + n > WIDTH:
                lines.append("".join(parts))
                parts, width = [subsequent], len(subsequent)
            parts.append(c)
            width += n
            filled = True
    lines.append("".join(parts))
    return "\n".join(lines)


def load_set(args: argparse.Namespace) -> ProposalSet:
    if args.file is None:
        return loading.load()
    try:
        return loading.load_path(args.file)
    except ValidationError as exc:
        raise invalid_set(exc.report, args.file) from None
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {reason(exc)}") from None
