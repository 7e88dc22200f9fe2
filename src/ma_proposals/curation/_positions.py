"""Where each value of a TOML document is written: line and column by path.

:mod:`tomllib` returns the parsed data but no positions. To point problems at the
line of the authoring file, the text is scanned once with a small lexer that knows
only what it must: strings (all four kinds, with their escapes), comments, table
headers, keys and where a value begins and ends. Each scalar value is then
replaced by a marker string that names its position, a marker key is added to
every table that has a header or braces, and a marker item ends every inline
array. Parsing the marked text with
:mod:`tomllib` yields the document's very shape with markers in place of values,
so the position of every value follows from tomllib's own reading of the
document: tables in any order, dotted keys, arrays of tables, escapes and
repeated values all come out right, because none of it is interpreted here. The
markers are made of private-use characters that occur nowhere in the document,
so they cannot be mistaken for its own keys or values.

If the marked text cannot be parsed (a case the lexer does not foresee), no
positions are returned and problems simply go without a line.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from typing import Any

import attrs

__all__ = ["Path", "Position", "positions"]

#: A path into the parsed document: keys and list indices from the root.
Path = tuple[str | int, ...]


_SPACE = " \t"
_BLANK = " \t\r\n"


@attrs.frozen
class Position:
    """Where a value (or a table's header) starts and ends in the text.

    ``line`` and ``column`` are 1-based and count code points; ``start`` and
    ``end`` are offsets into the text.
    """

    line: int
    column: int
    start: int
    end: int


class _Lexer:
    """One pass over valid TOML text, recording scalar tokens and tables."""

    def __init__(self, text: str, marks: tuple[str, str, str, str]) -> None:
        # Four characters that occur nowhere in the document, its keys and its
        # values: markers made of them cannot be mistaken for the document's own.
        self.mark_open, self.mark_close, self.mark_table, self.mark_array = marks
        self.s = text
        self.n = len(text)
        self.spans: list[tuple[int, int]] = []
        # (offset, what to insert there): markers of tables and inline tables.
        self.inserts: list[tuple[int, str]] = []
        # (start, end, marker index) of each scalar token, to replace.
        self.tokens: list[tuple[int, int, int]] = []

    # -- Pieces ---------------------------------------------------------------

    def skip(self, i: int, chars: str) -> int:
        while i < self.n and self.s[i] in chars:
            i += 1
        return i

    def skip_comment(self, i: int) -> int:
        while i < self.n and self.s[i] != "\n":
            i += 1
        return i

    def skip_blank(self, i: int) -> int:
        """Skip white space, newlines and comments (inside arrays)."""
        while i < self.n:
            i = self.skip(i, _BLANK)
            if i < self.n and self.s[i] == "#":
                i = self.skip_comment(i)
            else:
                break
        return i

    def string_end(self, i: int) -> int:
        """The offset just past the string that starts at ``i``."""
        s = self.s
        for delim in ('"""', "'''"):
            if s.startswith(delim, i):
                j = i + 3
                while j < self.n:
                    if delim == '"""' and s[j] == "\\":
                        j += 2
                    elif s.startswith(delim, j):
                        # A closing delimiter may follow one or two quotes.
                        run = self.skip(j, delim[0]) - j
                        return j + min(run, 5)
                    else:
                        j += 1
                return self.n
        quote = s[i]
        j = i + 1
        while j < self.n and s[j] != quote:
            j += 2 if quote == '"' and s[j] == "\\" else 1
        return j + 1

    def key_end(self, i: int, stop: str) -> int:
        """Skip a (dotted, possibly quoted) key up to the first ``stop`` char."""
        while i < self.n and self.s[i] not in stop:
            if self.s[i] in "\"'":
                i = self.string_end(i)
            else:
                i += 1
        return i

    def table_entry(self, index: int) -> str:
        """The marker key added to a table: ``"<table>" = "<open>N<close>"``."""
        return f'"{self.mark_table}" = "{self.mark_open}{index}{self.mark_close}"'

    def marker(self, start: int, end: int) -> int:
        self.spans.append((start, end))
        return len(self.spans) - 1

    # -- Structure ----------------------------------------------------------------

    def document(self) -> None:
        i = 0
        while i < self.n:
            i = self.skip_blank(i)
            if i >= self.n:
                break
            if self.s[i] == "[":
                i = self.header(i)
            else:
                i = self.key_end(i, "=") + 1
                i = self.value(i)

    def header(self, i: int) -> int:
        end = self.key_end(i + 1, "]")
        end = self.skip(end, "]")
        index = self.marker(i, end)
        line_end = self.skip_comment(end)
        entry = f"{self.table_entry(index)}\n"
        if line_end >= self.n:
            self.inserts.append((self.n, "\n" + entry))
            return self.n
        self.inserts.append((line_end + 1, entry))
        return line_end + 1

    def value(self, i: int) -> int:
        i = self.skip(i, _SPACE)
        c = self.s[i] if i < self.n else ""
        if c in ('"', "'"):
            end = self.string_end(i)
            self.tokens.append((i, end, self.marker(i, end)))
            return end
        if c == "[":
            return self.array(i)
        if c == "{":
            return self.inline_table(i)
        end = i
        while end < self.n and self.s[end] not in ",]}#\r\n":
            end += 1
        stop = end
        while stop > i and self.s[stop - 1] in _SPACE:
            stop -= 1
        self.tokens.append((i, stop, self.marker(i, stop)))
        return end

    def array(self, i: int) -> int:
        index = self.marker(i, i + 1)
        i += 1
        pending = False  # whether an item was read since the last comma
        while True:
            i = self.skip_blank(i)
            if i >= self.n or self.s[i] == "]":
                # The array's own marker goes last, so items keep their indices.
                comma = ", " if pending else ""
                self.inserts.append(
                    (i, f'{comma}"{self.mark_array}{index}{self.mark_close}"')
                )
                return i + 1
            i = self.skip_blank(self.value(i))
            pending = True
            if i < self.n and self.s[i] == ",":
                pending = False
                i += 1

    def inline_table(self, i: int) -> int:
        index = self.marker(i, i + 1)
        empty = self.s[self.skip(i + 1, _BLANK)] == "}"
        entry = self.table_entry(index)
        entry += " " if empty else ", "
        self.inserts.append((i + 1, entry))
        i += 1
        while True:
            i = self.skip(i, _BLANK)
            if i >= self.n or self.s[i] == "}":
                return i + 1
            i = self.key_end(i, "=") + 1
            i = self.skip(self.value(i), _BLANK)
            if i < self.n and self.s[i] == ",":
                i += 1

    def marked(self) -> str:
        """The text with every scalar replaced and every table marked."""
        edits = [
            (start, end, f'"{self.mark_open}{n}{self.mark_close}"')
            for start, end, n in self.tokens
        ]
        edits += [(at, at, text) for at, text in self.inserts]
        edits.sort(key=lambda e: (e[0], e[1]))
        pieces = []
        last = 0
        for start, end, text in edits:
            pieces.append(self.s[last:start])
            pieces.append(text)
            last = end
        pieces.append(self.s[last:])
        return "".join(pieces)


def _position(text: str, line_starts: list[int], span: tuple[int, int]) -> Position:
    import bisect

    start, end = span
    line = bisect.bisect_right(line_starts, start)
    return Position(line, start - line_starts[line - 1] + 1, start, end)


#: Where markers are drawn from: the private-use area of the BMP, then the
#: supplementary private-use planes (15 and 16).
_PRIVATE_USE = (
    range(0xE000, 0xF900),
    range(0xF0000, 0xFFFFE),
    range(0x100000, 0x10FFFE),
)
#: A character that a TOML escape writes (``\uXXXX``, ``\UXXXXXXXX``).
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unused(text: str) -> tuple[str, str, str, str] | None:
    """Four private-use characters that the document does not contain.

    Its keys and values hold only the characters of its text and those that
    its escapes write; ``None`` if it uses every private-use character.
    """
    used = set(text)
    for short, long in _ESCAPE.findall(text):
        code = int(short or long, 16)
        if code <= 0x10FFFF:
            used.add(chr(code))
    free = (chr(c) for plane in _PRIVATE_USE for c in plane if chr(c) not in used)
    marks = list(itertools.islice(free, 4))
    if len(marks) < 4:
        return None
    return marks[0], marks[1], marks[2], marks[3]


def positions(text: str) -> dict[Path, Position]:
    """The position of every value of a valid TOML document, by path.

    Scalars map to their token; tables with a header map to the header, inline
    tables and arrays to their opening bracket; other tables (and arrays of
    tables) map to their first member that has a position. Paths of tables
    created only by dotted keys may be missing: callers fall back to the closest
    ancestor.

    Args:
        text: A document that :func:`tomllib.loads` accepts.

    Returns:
        A mapping from each path to its :class:`Position`; empty if the text
        could not be marked (a case the lexer does not foresee, or a document
        that uses every private-use character). It never raises.
    """
    try:
        return _positions(text)
    except Exception:  # a case the lexer does not foresee: no positions
        return {}


def _positions(text: str) -> dict[Path, Position]:
    marks = _unused(text)
    if marks is None:
        return {}
    lexer = _Lexer(text, marks)
    lexer.document()
    marked = tomllib.loads(lexer.marked())
    marker = re.compile(
        f"[{lexer.mark_open}{lexer.mark_array}]([0-9]+){lexer.mark_close}"
    )
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: dict[Path, Position] = {}

    def visit(node: Any, path: Path) -> Position | None:
        here: Position | None = None
        children: list[Position] = []
        if isinstance(node, dict):
            for key, value in node.items():
                if key == lexer.mark_table:
                    here = _at(value)
                else:
                    child = visit(value, (*path, key))
                    if child is not None:
                        children.append(child)
        elif isinstance(node, list):
            if node and isinstance(node[-1], str) and node[-1][:1] == lexer.mark_array:
                here = _at(node[-1])
                node = node[:-1]
            for i, value in enumerate(node):
                child = visit(value, (*path, i))
                if child is not None:
                    children.append(child)
        else:
            here = _at(node)
        if here is None and children:
            here = min(children, key=lambda p: p.start)
        if here is not None:
            found[path] = here
        return here

    def _at(value: Any) -> Position | None:
        match = marker.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            return None
        return _position(text, line_starts, lexer.spans[int(match.group(1))])

    visit(marked, ())
    return found
