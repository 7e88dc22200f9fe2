"""The notebook display of hostile values built in code: always HTML, never a raise.

A set built in code is not checked (:doc:`limits`): any field may hold
``None``, a huge text, a tuple nested thousands deep or an object whose
``__str__`` raises. Every ``_repr_html_`` still returns HTML, every value
escaped, and long values clipped with a note that says so.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import ma_proposals as mp

from .test_display import TAGS, Parsed

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

S = mp.load()


class Unprintable:
    """A value whose ``__str__``, ``__repr__`` and ``__format__`` raise."""

    def __str__(self) -> str:
        raise RuntimeError("no str for you")

    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")

    def __format__(self, spec: str) -> str:
        raise RuntimeError("no format for you")


class Undecided:
    """A value that is neither true nor false: ``bool()`` of it raises."""

    def __bool__(self) -> bool:
        raise ValueError("the truth value is ambiguous")

    def __str__(self) -> str:
        return "undecided"


def _deep(depth: int) -> tuple[Any, ...]:
    value: tuple[Any, ...] = ()
    for _ in range(depth):
        value = (value,)
    return value


#: A summary of 10 MB, and the largest a value is shown whole.
HUGE = "x" * 10_000_000
VALUES: dict[str, Any] = {
    "none": None,
    "huge": HUGE,
    "deep": _deep(10_000),
    "unprintable": Unprintable(),
    "huge-int": 10**5000,
    "tuple-of-unprintables": (Unprintable(), None, _deep(10_000)),
    "int": 7,
    "undecided": Undecided(),
}


def _names(obj: object) -> list[str]:
    if attrs.has(type(obj)):
        cls: Any = type(obj)
        return [f.alias for f in attrs.fields(cls) if f.init]
    if dataclasses.is_dataclass(obj):
        return [f.name for f in dataclasses.fields(obj) if f.init]
    return []


def _replace(obj: Any, name: str, value: Any) -> Any:
    if attrs.has(type(obj)):
        return attrs.evolve(obj, **{name: value})
    return dataclasses.replace(obj, **{name: value})


def variants(obj: Any, value: Any, depth: int = 3) -> Iterator[tuple[str, Any]]:
    """Copies of ``obj``, each with one field replaced by ``value``.

    Fields of the values it holds (the first item of a tuple) are replaced
    too, down to ``depth`` levels.
    """
    if depth == 0:
        return
    for name in _names(obj):
        yield f".{name}", _replace(obj, name, value)
        current = getattr(obj, name)
        many = isinstance(current, tuple)
        if many and not current:
            continue
        inner = current[0] if many else current
        for path, changed in variants(inner, value, depth - 1):
            new = (changed, *current[1:]) if many else changed
            yield f".{name}{'[0]' if many else ''}{path}", _replace(obj, name, new)


def _context() -> mp.query.EvidenceContext:
    return S.context(S.claims[1].evidence[0], width=20)


def _hit() -> mp.search.Hit:
    return S.search("CNNIC", limit=1)[0]


P = S["rural-revitalization"]
TARGETS: dict[str, Callable[[], Any]] = {
    "set": lambda: attrs.evolve(S, proposals=(P,)),
    "proposal": lambda: P,
    "recommendation": lambda: P.recommendations[0],
    "statistic": lambda: P.statistics[0],
    "context": _context,
    "hit": _hit,
    "evidence": lambda: P.evidence[0],
}


def _check(html: object, where: str, most: int = 400_000) -> str:
    assert isinstance(html, str), where
    parsed = Parsed(html)
    for tag, attributes in parsed.tags:
        assert tag in TAGS, (where, tag)
        assert all(name == "style" for name, _ in attributes), where
    assert "<script" not in html
    assert len(html) < most, (where, len(html))
    return html


@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("target", list(TARGETS))
def test_every_field_holding_a_hostile_value_is_shown(kind: str, target: str) -> None:
    value = VALUES[kind]
    shown = 0
    for path, obj in variants(TARGETS[target](), value):
        html = _check(obj._repr_html_(), f"{target}{path}")
        # Shown field by field: never the last resort of a display that failed.
        assert "that cannot be shown:" not in html, f"{target}{path}"
        shown += 1
    assert shown >= 4  # an evidence span has four fields


@pytest.mark.parametrize("target", list(TARGETS))
def test_a_huge_text_is_clipped_with_a_note(target: str) -> None:
    obj = TARGETS[target]()
    if target == "hit":  # a snippet of its own, without the search's marks
        obj = _replace(obj, "marks", ())
    name = {"hit": "snippet", "context": "before", "evidence": "exact"}.get(target) or (
        "title" if target in ("set", "proposal") else "id"
    )
    html = _check(_replace(obj, name, HUGE)._repr_html_(), target)
    assert "x" * 10_000 in html
    assert "x" * 10_001 not in html
    assert "clipped: 10,000,000 characters, the first 10,000 shown" in html


@pytest.mark.parametrize("target", list(TARGETS))
def test_what_cannot_be_written_says_so(target: str) -> None:
    obj = TARGETS[target]()
    for name in _names(obj):
        html = _check(_replace(obj, name, Unprintable())._repr_html_(), target)
        assert "no str for you" not in html
    name = {"hit": "proposal", "context": "after", "evidence": "source"}.get(
        target, "id"
    )
    html = _replace(obj, name, Unprintable())._repr_html_()
    assert "(a value of type Unprintable that cannot be shown)" in html


@pytest.mark.parametrize("kind", list(VALUES))
def test_tables_of_hits_and_contexts_show_hostile_items(kind: str) -> None:
    hits: Any = S.search("CNNIC", limit=2)
    contexts: Any = S.evidence_of(P)
    value = VALUES[kind]
    for name in ("snippet", "proposal", "snippet_from", "score"):
        changed = type(hits)((_replace(hits[0], name, value), *hits[1:]))
        html = _check(changed._repr_html_(), f"hits.{name}")
        assert "that cannot be shown:" not in html  # shown row by row
        assert html.count("<tr>") == 1 + len(hits)
    for name in ("before", "after", "evidence"):
        changed = type(contexts)((_replace(contexts[0], name, value), *contexts[1:]))
        html = _check(changed._repr_html_(), f"contexts.{name}")
        assert "that cannot be shown:" not in html
        assert html.count("<tr>") == 1 + len(contexts)


def test_a_set_built_in_code_with_none_and_nesting_everywhere() -> None:
    evolve: Any = attrs.evolve  # values of any type, on purpose
    s = evolve(
        S,
        title=None,
        deputy=None,
        meeting=None,
        proposals=(
            evolve(
                S.proposals[0],
                title=None,
                summary=HUGE,
                themes=(_deep(10_000),),
                recommendations=None,
                statistics=(None, 3),
            ),
            None,
            "a proposal",
        ),
    )
    html = _check(s._repr_html_(), "set")
    assert "None" in html
    assert "(((" in html
    for p in s.proposals:
        _check(evolve(S.proposals[0], background=(p,))._repr_html_(), "p")
    _check(s.proposals[0]._repr_html_(), "proposal")


def test_many_items_are_shown_up_to_a_limit() -> None:
    s = attrs.evolve(S, proposals=S.proposals * 300)
    html = _check(s._repr_html_(), "set", most=1_000_000)
    assert Parsed(html).tags.count(("tr", [])) == 1 + 1000
    assert "… and 1,100 more" in html


def test_the_packaged_displays_are_not_clipped() -> None:
    assert S._repr_html_().startswith(
        "<div><p><strong>Ma Huateng&#x27;s written proposals to the 2020 two sessions"
    )
    assert "clipped" not in P._repr_html_()


def test_a_display_that_fails_all_the_same_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ma_proposals import _display

    def broken(value: object) -> tuple[Any, ...]:
        raise RuntimeError("<b>inner</b>")

    monkeypatch.setattr(_display, "_items", broken)
    html = _check(S._repr_html_(), "set")
    assert html == (
        "<div><em>(a proposal set that cannot be shown: RuntimeError)</em></div>"
    )
