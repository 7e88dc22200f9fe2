"""HTML for notebooks: compact, left-aligned, every text escaped, never a raise.

Jupyter's stylesheet right-aligns table cells and lets long ids break at
hyphens; each cell here says ``text-align: left``, and id cells do not wrap.
Evidence quotes sit in collapsed ``<details>`` blocks. The tables of search
hits and of quotes in their context are in :mod:`._display_found`.

A set built in code is not checked, so any field may hold anything: a string in
a number's field, ``None`` where a text or an item belongs, a huge text, a
tuple nested thousands deep, an object whose ``__str__`` raises. Every value
goes through :func:`_text`, which never raises, escapes it with
:func:`html.escape` (no value can open a tag), writes a container with
bounded depth and breadth, and clips what is longer than
:data:`MAX_CHARACTERS` with a note; lists show their first :data:`MAX_ITEMS`
items. A display that fails all the same says so, in HTML.
"""

from __future__ import annotations

import enum
import functools
import reprlib
from html import escape
from typing import TYPE_CHECKING, Any, TypeVar

from ._wording import QUALIFIER_WORDS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .model import (
        Evidence,
        Proposal,
        ProposalSet,
        Recommendation,
        Statistic,
    )

__all__ = [
    "MAX_CHARACTERS",
    "MAX_ITEMS",
    "evidence_html",
    "proposal_html",
    "recommendation_html",
    "set_html",
    "statistic_html",
]

#: The most characters of one value shown; the rest is clipped, with a note.
MAX_CHARACTERS = 10_000
#: The most items of one list shown (proposals, evidence...), with a note.
MAX_ITEMS = 1_000

_LEFT = "text-align:left;vertical-align:top"
_CELL = f' style="{_LEFT}"'
_NOWRAP = f' style="{_LEFT};white-space:nowrap"'
_TABLE = ' style="border-collapse:collapse"'
_PRE = ' style="white-space:pre-wrap"'

# Containers are written to a bounded depth and breadth: a tuple nested
# thousands deep, or of millions of items, reads as ``((((...),),),)``.
_REPR = reprlib.Repr()
_REPR.maxlevel = 4
_REPR.maxstring = _REPR.maxother = MAX_CHARACTERS + 1
_CONTAINERS = (tuple, list, dict, set, frozenset)

T = TypeVar("T")


def _plain(value: object) -> str:
    """Any value as text: a string as it is, anything else as it writes itself.

    Never raises: a value that cannot be written (its ``__str__`` raises, an
    integer of more digits than Python writes) reads as what it is.
    """
    try:
        if isinstance(value, enum.Enum):
            value = value.value
        if type(value) is str:
            return value
        if isinstance(value, _CONTAINERS):
            return _REPR.repr(value)
        text = str(value)
        if type(text) is not str:  # pragma: no cover - str() makes a str
            raise TypeError
        return text
    except Exception:  # whatever it raises, it is shown as what it is
        return f"(a value of type {_type_name(value)} that cannot be shown)"


def _type_name(value: object) -> str:
    try:
        return str(type(value).__name__)
    except Exception:  # a metaclass may raise
        return "value"


def _text(value: object) -> str:
    """Any value of a field as escaped HTML, clipped to :data:`MAX_CHARACTERS`."""
    text = _plain(value)
    if len(text) <= MAX_CHARACTERS:
        return escape(text)
    return escape(text[:MAX_CHARACTERS]) + (
        f"<small><em> … (clipped: {len(text):,} characters, the first "
        f"{MAX_CHARACTERS:,} shown)</em></small>"
    )


def _get(obj: object, name: str) -> Any:
    """``obj.name``; ``None`` where ``obj`` (a value built in code) has none."""
    try:
        return getattr(obj, name, None)
    except Exception:  # a property of a value built in code
        return None


def _items(value: object) -> tuple[Any, ...]:
    """The items of a field that holds many: a tuple or list, else none or one."""
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return () if value is None else (value,)


def _first(items: tuple[T, ...]) -> tuple[tuple[T, ...], str]:
    """The first :data:`MAX_ITEMS` items, and a note on the rest (or ``""``)."""
    if len(items) <= MAX_ITEMS:
        return items, ""
    note = f"<p><small><em>… and {len(items) - MAX_ITEMS:,} more</em></small></p>"
    return items[:MAX_ITEMS], note


def _never_raises(what: str) -> Callable[[Callable[[T], str]], Callable[[T], str]]:
    """A display that says, in HTML, that it failed rather than raise."""

    def decorate(display: Callable[[T], str]) -> Callable[[T], str]:
        @functools.wraps(display)
        def shown(obj: T) -> str:
            try:
                return display(obj)
            except Exception as exc:  # a display never raises
                return (
                    f"<div><em>(a {what} that cannot be shown: "
                    f"{_text(_type_name(exc))})</em></div>"
                )

        return shown

    return decorate


def _figure(stat: object) -> str:
    """A statistic's figure as it reads (see ``_wording.figure``), escaped."""
    qualifier = _plain(_get(stat, "qualifier"))
    words = QUALIFIER_WORDS.get(qualifier, "")
    value = _get(stat, "value")
    if type(value) in (int, float):
        try:
            return escape(words) + _text(f"{value:,}")
        except ValueError:  # an integer of more digits than Python writes
            pass
    return escape(words) + _text(value)


def _cell(value: str, tag: str = "td", *, nowrap: bool = False) -> str:
    return f"<{tag}{_NOWRAP if nowrap else _CELL}>{value}</{tag}>"


def _table(head: list[str], rows: Iterable[list[str]], nowrap: set[int]) -> str:
    lines = ["<tr>" + "".join(_cell(_text(h), "th") for h in head) + "</tr>"]
    lines.extend(
        "<tr>"
        + "".join(_cell(v, nowrap=i in nowrap) for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table{_TABLE}>{''.join(lines)}</table>"


def _code(value: object) -> str:
    return f"<code>{_text(value)}</code>"


def _given(value: object) -> bool:
    """Whether an optional field holds something (``None`` and ``""`` do not)."""
    try:
        return bool(value)
    except Exception:  # a value built in code: show it
        return True


def _optional(value: object) -> str:
    """An optional field's value, escaped; nothing for ``None`` or ``""``."""
    return _text(value) if _given(value) else ""


def _evidence(evidence: object, citations: object = ()) -> str:
    """The item's evidence quotes and citations, collapsed."""
    spans, more = _first(_items(evidence))
    cites, more_cited = _first(_items(citations))
    if not spans and not cites:
        return ""
    quotes = "".join(
        f"<blockquote{_PRE}>{_text(_get(ev, 'exact'))}</blockquote>"
        f"<p><small>{_span(ev)}</small></p>"
        for ev in spans
    )
    cited = "".join(
        f"<p><small>cited: {_text(_get(c, 'source'))}"
        + (f": {_text(_get(c, 'quote'))}" if _given(_get(c, "quote")) else "")
        + "</small></p>"
        for c in cites
    )
    count = len(_items(evidence)) + len(_items(citations))
    label = "evidence" if count == 1 else f"evidence ({count:,})"
    return (
        f"<details><summary>{label}</summary>{quotes}{more}{cited}{more_cited}"
        "</details>"
    )


def _wordings(wordings: object) -> str:
    """The item's Chinese wordings, each with its source and note."""
    shown, more = _first(_items(wordings))
    lines = "".join(
        f"<p><small>Chinese ({_text(_get(w, 'source'))}): {_text(_get(w, 'text'))}"
        + (f" <em>({_text(_get(w, 'note'))})</em>" if _given(_get(w, "note")) else "")
        + "</small></p>"
        for w in shown
    )
    return lines + more


def _themes(themes: object) -> str:
    return _text(", ".join(_plain(t) for t in _first(_items(themes))[0]))


@_never_raises("proposal set")
def set_html(s: ProposalSet) -> str:
    """A table of the set's proposals under a one-line heading."""
    version = _get(s, "version")
    version_text = f", data version {_text(version)}" if _given(version) else ""
    proposals, more = _first(_items(_get(s, "proposals")))
    head = (
        f"<p><strong>{_text(_get(s, 'title'))}</strong> ({_text(_get(s, 'id'))}"
        f"{version_text}): {len(_items(_get(s, 'proposals'))):,} proposals by "
        f"{_text(_get(_get(s, 'deputy'), 'name'))}, "
        f"{_text(_get(_get(s, 'meeting'), 'name'))}</p>"
    )
    rows = (
        [
            _text(_get(p, "number")),
            _code(_get(p, "id")),
            _text(_get(p, "title")),
            _text(_get(p, "topic")),
            _themes(_get(p, "themes")),
            str(len(_items(_get(p, "recommendations")))),
            str(len(_items(_get(p, "statistics")))),
        ]
        for p in proposals
    )
    table = _table(
        ["#", "id", "title", "topic", "themes", "rec.", "stat."], rows, {1, 3}
    )
    return f"<div>{head}{table}{more}</div>"


def _listed(
    heading: str, values: object, item: Callable[[Any], str], tag: str = "ul"
) -> str:
    """A headed list of ``values``, each written by ``item``; nothing if empty."""
    shown, more = _first(_items(values))
    if not shown:
        return ""
    items = "".join(f"<li>{item(v)}</li>" for v in shown)
    return f"<p>{heading}:</p><{tag}>{items}</{tag}>{more}"


def _chinese_title(t: object) -> str:
    return (
        f"{_text(_get(t, 'text'))} <small>({_text(_get(t, 'kind'))}, "
        f"{_text(_get(t, 'source'))})</small>"
    )


def _divergence(d: object) -> str:
    return (
        f"{_code(_get(d, 'id'))}: {_text(_get(d, 'text'))}"
        f"{_evidence(_get(d, 'evidence'), _get(d, 'citations'))}"
    )


def _claim(c: object) -> str:
    inferred = _get(c, "inferred")
    basis = (
        f" <em>(inferred: {_text(_get(inferred, 'basis'))})</em>"
        + _evidence(_get(inferred, "evidence"))
        if _given(inferred)
        else ""
    )
    return (
        _text(_get(c, "text"))
        + basis
        + _evidence(_get(c, "evidence"), _get(c, "citations"))
        + _wordings(_get(c, "wordings_zh"))
    )


def _recommendation_item(r: object) -> str:
    area, horizon = _get(r, "area"), _get(r, "horizon")
    return (
        _text(_get(r, "text"))
        + (f" <em>({_text(area)})</em>" if _given(area) else "")
        + (f" <em>[{_text(horizon)}]</em>" if _given(horizon) else "")
        + _evidence(_get(r, "evidence"))
        + _wordings(_get(r, "wordings_zh"))
    )


def _external(st: object) -> str:
    """Where a figure without evidence comes from (see ``_wording.external``)."""
    if _given(_get(st, "evidence")):
        return ""
    sources = (
        _plain(_get(c, "source")) for c in _first(_items(_get(st, "citations")))[0]
    )
    return f" <em>({_text('not in the article; from ' + ', '.join(sources))})</em>"


def _statistic_rows(statistics: object) -> str:
    shown, more = _first(_items(statistics))
    # A figure without evidence is cited to an external source: say so.
    rows = (
        [
            _text(_get(st, "label")),
            _figure(st),
            _text(_get(st, "unit")),
            _optional(_get(st, "as_of")),
            _optional(_get(st, "source_org")) + _external(st),
            _evidence(_get(st, "evidence"), _get(st, "citations")),
        ]
        for st in shown
    )
    return (
        _table(["statistic", "value", "unit", "as of", "measured by", ""], rows, {1, 3})
        + more
    )


@_never_raises("proposal")
def proposal_html(p: Proposal) -> str:
    """The proposal in full, each item with its evidence collapsed."""
    themes, more_themes = _first(_items(_get(p, "themes")))
    parts = [
        f"<p><strong>{_text(_get(p, 'number'))}. {_text(_get(p, 'title'))}</strong> "
        f"({_code(_get(p, 'id'))}, {_text(_get(p, 'title_kind'))} title)"
        f"{_evidence(_get(p, 'evidence'), _get(p, 'citations'))}</p>",
        f"<p>Topic: {_code(_get(p, 'topic'))}; themes: "
        f"{', '.join(_code(t) for t in themes) or '-'}{more_themes}</p>",
        f"<p>{_text(_get(p, 'summary'))}</p>",
    ]
    parts.append(_listed("Chinese titles", _get(p, "titles_zh"), _chinese_title))
    note = _get(p, "note")
    if _given(note):
        parts.append(f"<p><em>Note: {_text(note)}</em></p>")
    parts.append(_listed("Background", _get(p, "background"), _claim))
    parts.append(_listed("Aims", _get(p, "aims"), _claim))
    parts.append(
        _listed(
            "Recommendations", _get(p, "recommendations"), _recommendation_item, "ol"
        )
    )
    if _items(_get(p, "statistics")):
        parts.append(_statistic_rows(_get(p, "statistics")))
    parts.append(
        _listed("Where other coverage differs", _get(p, "divergences"), _divergence)
    )
    return "<div>" + "".join(parts) + "</div>"


@_never_raises("recommendation")
def recommendation_html(r: Recommendation) -> str:
    """One recommendation with its id, area, horizon and evidence."""
    return f"<div>{_code(_get(r, 'id'))}: {_recommendation_item(r)}</div>"


@_never_raises("statistic")
def statistic_html(st: Statistic) -> str:
    """One statistic as a one-row table with its evidence."""
    return f"<div>{_code(_get(st, 'id'))}{_statistic_rows((st,))}</div>"


def _span(ev: object) -> str:
    """Where a span is: its source and offsets."""
    return (
        f"{_text(_get(ev, 'source'))} [{_text(_get(ev, 'start'))}:"
        f"{_text(_get(ev, 'end'))}]"
    )


@_never_raises("evidence span")
def evidence_html(ev: Evidence) -> str:
    """One evidence span: the quote, then its source and offsets."""
    return (
        f"<div><blockquote{_PRE}>{_text(_get(ev, 'exact'))}</blockquote>"
        f"<p><small>{_span(ev)}</small></p></div>"
    )
