"""The command line's terminal: what reaches it, and the numbers it takes.

Text from the data, which a hostile set controls, is written through
:func:`escaping`: control characters (ESC starts terminal commands, CR
overwrites a line, C1 controls act as ESC on some terminals), bidirectional
overrides and line separators (which reorder or break what is shown) and lone
surrogates (undecodable bytes of arguments, text built in code) are written as
visible escapes, and in JSON as JSON escapes, which keeps it valid JSON.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import re
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "OutputError",
    "columns",
    "count",
    "escaping",
    "nonempty",
    "shown",
    "size",
    "writes_utf8",
]


def writes_utf8(stream: Any) -> bool:
    """Whether ``stream`` encodes as UTF-8 (else JSON is written as ASCII)."""
    try:
        return codecs.lookup(stream.encoding).name == "utf-8"
    except (AttributeError, LookupError, TypeError):
        return False


# Characters that must not reach a terminal raw: C0 and C1 controls but the
# line feed and the tab (ESC starts terminal commands, CR overwrites a line),
# bidirectional controls and line separators (which reorder what is shown), and
# lone surrogates (undecodable bytes of arguments, text built in code).
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _text_escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # an undecodable byte of an argument
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def columns(char: str) -> int:
    r"""How many columns ``char`` takes on a terminal, as the streams write it.

    A control character the streams escape takes the columns of its escape
    (``\x1b`` is four); a combining mark or a format character takes none;
    Chinese and full-width forms take two; any other character one.

    Example:
        >>> [columns(c) for c in "a中\x1b\u0301"]
        [1, 2, 4, 0]
    """
    control = _CONTROLS.match(char)
    if control is not None:
        return len(_text_escape(control))
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Every C0 control and DEL: in a name or a value shown on one line, a line feed
# or a tab is no less misleading than the controls the streams escape.
_IN_A_LINE = re.compile("[\x00-\x1f\x7f]")


def shown(value: object) -> str:
    r"""A path or a value the user gave, for one line of output.

    Its line feeds, tabs and every other C0 control are visible escapes, so that
    a name never breaks a line (the streams of :func:`escaping` escape the
    other controls, but not the line feeds and tabs of the output itself).

    Example:
        >>> print(shown("odd\nname\t.json"))
        odd\nname\t.json
    """
    return _IN_A_LINE.sub(_text_escape, str(value))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class OutputError(Exception):
    """Standard output cannot be written: it is full, closed or failing.

    Not raised for a closed pipe (:class:`BrokenPipeError`), which the command
    line reports as a program stopped by SIGPIPE would be.
    """


class _Escaping:
    """A text stream that writes control characters as visible escapes.

    ``stream`` may be ``None``, as Python's own streams are when their file
    descriptor was closed before it started (``>&-``): writes to the output are
    then an :class:`OutputError`, and writes to stderr go nowhere.
    """

    def __init__(
        self,
        stream: Any,
        escape: Callable[[re.Match[str]], str],
        *,
        output: bool = False,
    ) -> None:
        self._stream = stream
        self._escape = escape
        self._output = output

    def write(self, text: str) -> int:
        if self._stream is None:
            if self._output and text:
                raise OutputError("it is closed")
            return len(text)
        escaped = _CONTROLS.sub(self._escape, text)
        with self._failures():
            self._stream.write(escaped)
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:  # nothing was written to a closed one
            with self._failures():
                self._stream.flush()

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        """On the output: a full or failing stream is an OutputError."""
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as exc:
            if not self._output:
                raise
            raise OutputError(exc.strerror or str(exc)) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def escaping(json_output: bool) -> Iterator[None]:
    """Escape control characters on stdout (as JSON escapes in JSON) and stderr.

    Writing stdout raises :class:`OutputError` where it fails (but for a closed
    pipe) or is closed.
    """
    out, err = sys.stdout, sys.stderr
    escape = _json_escape if json_output else _text_escape
    sys.stdout = _Escaping(out, escape, output=True)
    sys.stderr = _Escaping(err, _text_escape)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def count(text: str) -> int:
    """A number of items to show: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of hits, like 10, not {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"{value} hits would show nothing: give 1 or more (the default is 10)"
        )
    return value


def nonempty(text: str) -> str:
    """A file or folder name that is not empty (``""`` would mean the current one)."""
    if not text:
        raise argparse.ArgumentTypeError(
            "the name is empty; give a name, or leave the option out"
        )
    return text


def size(text: str) -> int:
    """A size in bytes: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a size in bytes, like 1000000, not {text!r}"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"a size cannot be negative ({value})")
    return value
