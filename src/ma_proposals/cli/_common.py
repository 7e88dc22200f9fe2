"""What the commands share: exit statuses, user errors, output, loading."""

from __future__ import annotations

import json
import sys
import textwrap
import unicodedata
from typing import TYPE_CHECKING, Any

from ma_proposals import loading
from ma_proposals._terminal import writes_utf8
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


def _columns(c: str) -> int:
    """How many columns a terminal gives ``c``.

    Two for Chinese and full-width forms, none for combining marks and format
    characters, else one.
    """
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def _breaks_before(previous: str, c: str) -> bool:
    """Whether a line may break between ``previous`` and ``c`` (no white space).

    Only next to a wide character, as Chinese allows; never before a mark or
    closing punctuation, never after opening punctuation.
    """
    if _columns(c) == 0 or unicodedata.category(c) in ("Pe", "Pf", "Po"):
        return False
    if unicodedata.category(previous) in ("Ps", "Pi"):
        return False
    return _columns(previous) == 2 or _columns(c) == 2


def _segments(text: str) -> Iterator[str]:
    """What lines break between, and " " for each run of white space."""
    segment = ""
    for c in text:
        if c.isspace() and c != "\xa0":  # a no-break space does not break
            if segment:
                yield segment
            segment = ""
            yield " "
        elif segment and _breaks_before(segment[-1], c):
            yield segment
            segment = c
        else:
            segment += c
    if segment:
        yield segment


def wrap(text: str, indent: str, hanging: int = 0) -> str:
    """Fill ``text`` to 88 columns; continuation lines indent ``hanging`` more.

    English is filled by :func:`textwrap.fill`. Text with wide characters
    (Chinese) is filled by the columns a terminal gives each character, and
    may also break between two Chinese characters, but not before closing
    punctuation or after opening punctuation; a part too long for a line is cut.
    """
    subsequent = indent + " " * hanging
    if all(_columns(c) < 2 for c in text):
        return textwrap.fill(
            text,
            width=WIDTH,
            initial_indent=indent,
            subsequent_indent=subsequent,
            break_on_hyphens=False,
        )
    lines: list[str] = []
    line, width, space = indent, len(indent), False
    for segment in _segments(text):
        if segment == " ":
            space = True
            continue
        gap = 1 if space and line.strip() else 0
        space = False
        columns = sum(map(_columns, segment))
        if line.strip() and width + gap + columns > WIDTH:
            lines.append(line)
            line, width, gap = subsequent, len(subsequent), 0
        line, width = line + " " * gap, width + gap
        for c in segment:  # one by one, to cut a part too long for a line
            n = _columns(c)
            if n and line.strip() and width + n > WIDTH:
                lines.append(line)
                line, width = subsequent, len(subsequent)
            line, width = line + c, width + n
    lines.append(line)
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
