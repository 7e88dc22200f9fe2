"""Positions of values in TOML text: the lines that authoring problems point at.

The rule each test checks: the span found for a path decodes (by tomllib itself)
to the value at that path, and its line is the line where the value is written,
whatever the escapes, string kinds, repetitions or table order.
"""

from __future__ import annotations

import datetime
import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from ma_proposals.curation import _positions
from ma_proposals.curation._positions import Path, Position, positions

TRICKY = r"""# a comment with "quotes", 'apostrophes', [brackets] and = signs
[set]  # a trailing [comment] = "x"
title = "a \"quoted\" word with a \\ backslash and \u00e9"
path = 'C:\no\escapes'
multi = QQQ
first line
second "line" with ""quotes"" QQQ
literal = '''it's "raw"'''
dotted.key = 5
"quoted key" = [ "a", 'b', QQQcQQQ, { x = 1, y = "z" }, {} ]
date = 1979-05-27 07:32:00Z
numbers = [
  1,  # one, with a comment
  2
]
same = ["repeated", "repeated"]
hash = "a # is not a comment here"

[[set.items]]
v = "repeated"

[[set.items]]
v = "repeated"

[later]
flag = true

[set.sub]  # a table of [set], defined after [later]
deep = 'last'""".replace("QQQ", '"' * 3)


def values(node: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """Every scalar of a parsed document, with its path."""
    if isinstance(node, dict):
        return [kv for k, v in node.items() for kv in values(v, (*path, k))]
    if isinstance(node, list):
        return [kv for i, v in enumerate(node) for kv in values(v, (*path, i))]
    return [(path, node)]


def decode(text: str, at: Position) -> Any:
    """The value written at ``at``, decoded by tomllib."""
    return tomllib.loads("v = " + text[at.start : at.end])["v"]


def test_every_scalar_of_a_tricky_document_is_found() -> None:
    document = tomllib.loads(TRICKY)
    found = positions(TRICKY)
    scalars = values(document)
    assert len(scalars) == 20
    for path, value in scalars:
        assert decode(TRICKY, found[path]) == value, path


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("set",), 2, 1),
        (("set", "title"), 3, 9),
        (("set", "path"), 4, 8),
        (("set", "multi"), 5, 9),
        (("set", "dotted", "key"), 9, 14),
        (("set", "quoted key", 3), 10, 37),
        (("set", "quoted key", 3, "y"), 10, 50),
        (("set", "numbers"), 12, 11),
        (("set", "numbers", 1), 14, 3),
        (("set", "same", 1), 16, 21),
        (("set", "items", 0), 19, 1),
        (("set", "items", 1, "v"), 23, 5),
        (("later", "flag"), 26, 8),
        (("set", "sub"), 28, 1),
        (("set", "sub", "deep"), 29, 8),
    ],
)
def test_lines_and_columns(path: Path, line: int, column: int) -> None:
    at = positions(TRICKY)[path]
    assert (at.line, at.column) == (line, column)


def test_repeated_values_keep_their_own_lines() -> None:
    found = positions(TRICKY)
    lines = {found[("set", "items", i, "v")].line for i in (0, 1)}
    assert lines == {20, 23}
    assert found[("set", "same", 0)].column != found[("set", "same", 1)].column


def test_windows_line_endings_and_a_header_at_the_very_end() -> None:
    text = '[a]\r\nx = "one"\r\n\r\n[b]'
    found = positions(text)
    assert (found[("a", "x")].line, found[("a", "x")].column) == (2, 5)
    assert found[("b",)].line == 4


def test_empty_arrays_and_tables_have_positions() -> None:
    text = "[t]\nempty = []\ninline = {}\n"
    found = positions(text)
    assert found[("t", "empty")].line == 2
    assert found[("t", "inline")].line == 3


def test_private_use_characters_in_the_document_are_not_markers() -> None:
    text = '"\ue002" = "\ue000\ue0011\ue001"\n"\ue003" = ["\ue003"]\n'
    found = positions(text)
    document = tomllib.loads(text)
    for path, value in values(document):
        assert decode(text, found[path]) == value
    assert found[("\ue003",)].column == 7  # the array's bracket


def test_private_use_characters_written_as_escapes_are_not_markers() -> None:
    # The text holds no private-use character, but its data does: a key that
    # equals a marker would clash with the marker key added to its table.
    text = '[t]\n"\\uE002" = "\\uE000"\n"\\U000F0000" = ["\\uE003"]\n'
    found = positions(text)
    assert (found[("t", "\ue002")].line, found[("t", "\ue002")].column) == (2, 12)
    assert found[("t", "\U000f0000", 0)].line == 3


def test_every_private_use_character_of_the_bmp_in_use() -> None:
    # Markers come from the supplementary private-use planes then.
    used = "".join(map(chr, range(0xE000, 0xF900)))
    text = f'[set]\nid = "{used}"\nn = 1\n'
    found = positions(text)
    assert (found[("set", "n")].line, found[("set", "id")].line) == (3, 2)


def test_every_private_use_character_in_use_gives_no_positions() -> None:
    used = "".join(
        chr(c)
        for plane in ((0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE))
        for c in range(*plane)
    )
    assert positions(f'id = "{used}"\n') == {}


def test_positions_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    def unforeseen(self: object) -> None:
        raise RuntimeError("a case the lexer does not foresee")

    monkeypatch.setattr(_positions._Lexer, "document", unforeseen)
    assert positions("x = 1\n") == {}


def test_text_the_lexer_cannot_mark_yields_no_positions() -> None:
    # Not valid TOML: callers only pass text that tomllib accepted, and the
    # lexer must then fail quietly rather than give wrong lines.
    assert positions('x = [1, "') == {}


_KEYS = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=6
)
_SCALARS = (
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
)


def _documents() -> st.SearchStrategy[dict[str, Any]]:
    values = st.recursive(
        _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3)
        ),
        max_leaves=12,
    )
    return st.dictionaries(_KEYS, values, max_size=4)


@given(_documents(), st.booleans())
def test_every_scalar_written_by_tomli_w_is_found(
    document: dict[str, Any], multiline: bool
) -> None:
    text = tomli_w.dumps(document, multiline_strings=multiline)
    parsed = tomllib.loads(text)
    found = positions(text)
    for path, value in values(parsed):
        at = found[path]
        written = decode(text, at)
        if isinstance(value, float) and value != value:  # pragma: no cover
            continue
        assert written == value, (path, text)
        assert type(written) is type(value) or isinstance(value, datetime.date)
        assert text.count("\n", 0, at.start) + 1 == at.line
