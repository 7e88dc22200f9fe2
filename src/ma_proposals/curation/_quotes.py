"""Placing the quotes of an authoring file, and reporting where it goes wrong.

:class:`Reader` collects the problems of one build, each with the line of the
file it is on; :class:`Sources` reads the shipped texts; :class:`Placer` walks
the set along the model and turns the quotes of every evidence list into spans.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from ma_proposals._checks import Shipped, TextCache, read_shipped
from ma_proposals._paths import member
from ma_proposals._plan import Kind
from ma_proposals._wording import Suggester, clip, close_matches
from ma_proposals.model import ProposalSet
from ma_proposals.problems import MAX_PROBLEMS, Problem

from . import _passages
from ._format import CURATION_KEYS, QUOTE_KEYS, REPEATED_QUOTES, evidence_field, plans

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ma_proposals import _source_texts

    from ._positions import Path, Position

__all__ = ["Placer", "Reader", "Sources", "render"]


def render(path: Path) -> str:
    """A path for a message; a long key is clipped (its start is enough to find it)."""
    text = "$"
    for part in path:
        if isinstance(part, int):
            text = f"{text}[{part}]"
        else:
            text = member(text, part if len(part) <= _KEY_SHOWN else clip(part))
    return text


#: Characters of a key shown in a path.
_KEY_SHOWN = 60


class Reader:
    """One build: its problems, the positions of values and the placed quotes."""

    def __init__(self, where: Mapping[Path, Position]) -> None:
        self.where = where
        self.problems: list[Problem] = []
        # Paths (in the set's JSON) whose problems are already reported, such
        # as evidence that could not be placed: the validator's are dropped.
        self.placeholders: list[str] = []

    def problem(self, code: str, path: Path, message: str) -> None:
        at = self.locate(path)
        self.problems.append(
            Problem(
                code,
                render(path),
                message,
                None if at is None else at.line,
                None if at is None else at.column,
            )
        )

    def locate(self, path: Path) -> Position | None:
        """The position of ``path``, or of its closest ancestor that has one."""
        for cut in range(len(path), 0, -1):
            found = self.where.get(path[:cut])
            if found is not None:
                return found
        return None

    # -- The authoring file's own keys -------------------------------------------

    def table(self, data: Any, path: Path, what: str) -> dict[str, Any] | None:
        if isinstance(data, dict):
            return data
        self.problem("wrong-type", path, f"expected a table ({what})")
        return None

    def unknown(self, data: dict[str, Any], known: tuple[str, ...], path: Path) -> None:
        for key in data:
            if key not in known:
                close = close_matches(key, known)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                allowed = ", ".join(known)
                self.problem(
                    "unknown-key",
                    (*path, key),
                    f"unknown key {clip(key)!r} (allowed: {allowed}){hint}",
                )

    def settings(self, document: dict[str, Any]) -> dict[str, Any]:
        """The checked ``[curation]`` settings."""
        settings: dict[str, Any] = {"default_source": None, "repeated_quotes": "error"}
        raw = document.get("curation", {})
        table = self.table(raw, ("curation",), "the build's settings")
        if table is None:
            return settings
        self.unknown(table, tuple(k.name for k in CURATION_KEYS), ("curation",))
        source = table.get("default_source")
        if source is not None:
            if isinstance(source, str):
                settings["default_source"] = source
            else:
                self.problem(
                    "wrong-type",
                    ("curation", "default_source"),
                    "expected a string, the id of a shipped source",
                )
        mode = table.get("repeated_quotes", "error")
        if mode in REPEATED_QUOTES:
            settings["repeated_quotes"] = mode
        else:
            self.problem(
                "bad-enum",
                ("curation", "repeated_quotes"),
                f"expected one of {', '.join(map(repr, REPEATED_QUOTES))}, "
                f"got {mode!r}",
            )
        return settings

    def dates(self, node: Any, path: Path, cls: Any = ProposalSet) -> Any:
        """Replace TOML dates and times by strings, reporting each.

        Only the model's keys are followed (``cls``: the model class of a
        table, ``None`` where no table belongs, :data:`_QUOTE` for a quote
        table): the validator reports an unknown key, whatever it holds.
        """
        if isinstance(node, dict):
            if cls is None:
                return node  # the validator reports the table
            if cls is _QUOTE:
                known: dict[str, Any] = dict.fromkeys(k.name for k in QUOTE_KEYS)
            else:
                known = {
                    name: _QUOTE if evidence_field(plan) else plan.cls
                    for name, plan in plans(cls).items()
                }
            return {
                k: self.dates(v, (*path, k), known[k]) if k in known else v
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [self.dates(v, (*path, i), cls) for i, v in enumerate(node)]
        if isinstance(node, (datetime.date, datetime.time)):
            text = node.isoformat()
            self.placeholders.append(render(path[1:]))  # one problem, not two
            self.problem(
                "wrong-type",
                path,
                f"expected a string, got a TOML date or time; write it as a "
                f'string: "{text}"',
            )
            return text
        return node


#: The model class of a quote table, for :meth:`Reader.dates`.
_QUOTE = object()


class Sources:
    """The set's sources: which are shipped, and the usable text of each.

    Each shipped text is read once, with the validator's own reader: the
    build places quotes in it, and the validator then uses the same reading
    (:attr:`shipped`) rather than reading and hashing the file again. A
    checksum the file leaves out is filled in from the bytes read.
    """

    def __init__(
        self,
        raw_set: dict[str, Any],
        base: _source_texts.TextBase,
        budget: int | None,
    ) -> None:
        self.ids: set[str] = set()
        self.texts: dict[str, str | None] = {}  # shipped id -> usable text
        self.data: dict[str, bytes] = {}  # resource -> bytes
        self.shipped: dict[str, Shipped] = {}  # path of the source -> its reading
        self.line_starts: dict[int, list[int]] = {}  # by id() of a kept text
        # Sources naming one file share its bytes and text; the distinct texts
        # share the budget.
        cache = TextCache(budget)
        sources = raw_set.get("sources")
        for i, source in enumerate(sources if isinstance(sources, list) else ()):
            if not isinstance(source, dict):
                continue
            sid = source.get("id")
            if isinstance(sid, str):
                self.ids.add(sid)
            resource = source.get("resource")
            if not isinstance(resource, str):
                continue
            path = f"$.sources[{i}]"
            read = read_shipped(
                path,
                resource,
                source.get("sha256"),
                base,
                remember=True,
                fill=True,
                cache=cache,
            )
            self.shipped[path] = read
            if read.data is not None:
                self.data[resource] = read.data
            if source.get("sha256") is None and read.checksum is not None:
                source["sha256"] = read.checksum
            if isinstance(sid, str):
                self.texts[sid] = read.text

    def lines(self, source: str, text: str) -> list[int]:
        """The offsets at which the lines of a source's text start (cached).

        Sources that share a text share its line offsets too.
        """
        key = self.texts.get(source)
        if key is not text:  # pragma: no cover - always the source's own text
            return _passages.line_offsets(text)
        starts = self.line_starts.get(id(text))
        if starts is None:
            starts = self.line_starts[id(text)] = _passages.line_offsets(text)
        return starts


class Placer:
    """Turns the quotes of every evidence list into spans."""

    def __init__(
        self, reader: Reader, sources: Sources, settings: dict[str, Any]
    ) -> None:
        self.reader = reader
        self.sources = sources
        self.default: str | None = settings["default_source"]
        self.first = settings["repeated_quotes"] == "first"
        self.unsourced: list[Path] = []
        # A default source that is given but wrong is reported once, not per quote.
        self.default_broken = False
        self.suggester: Suggester | None = None
        #: Whether the table being walked has ``citations`` (see check_source).
        self.citable = False
        #: Characters of text still to search for closest passages in this build.
        self.budget = _passages.CLOSEST_BUDGET
        shipped = sorted(sources.texts)
        if self.default is None and len(shipped) == 1:
            self.default = shipped[0]
        elif self.default is not None:
            self.default = self.check_source(
                self.default, ("curation", "default_source")
            )
            self.default_broken = self.default is None

    def check_source(self, sid: str, path: Path, citable: bool = False) -> str | None:
        """``sid`` if it names a shipped source; else report it.

        ``citable``: the quote's table has ``citations``, which the message
        then suggests for an external source (never a key the table lacks).
        """
        if sid in self.sources.texts:
            return sid
        if sid in self.sources.ids:
            hint = " (use a citation for external sources)" if citable else ""
            self.reader.problem(
                "evidence-not-shipped",
                path,
                f"source {sid!r} has no shipped text (it has a url); quotes must be "
                f"in a shipped text{hint}",
            )
            return None
        if self.suggester is None:  # one for every quote's source
            self.suggester = Suggester(self.sources.ids)
        close = self.suggester.close(sid)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.reader.problem(
            "dangling-reference",
            path,
            f"no source has id {sid!r}{hint}",
        )
        return None

    def walk(self, cls: type, data: Any, path: Path) -> None:
        """Place the quotes of ``data`` (an object of ``cls``) in place."""
        if not isinstance(data, dict):
            return  # the validator reports the wrong type
        for name, plan in plans(cls).items():
            value = data.get(name)
            if value is None or plan.cls is None:
                continue
            here = (*path, name)
            if evidence_field(plan):
                self.citable = "citations" in plans(cls)
                data[name] = self.evidence(value, here)
            elif plan.kind is Kind.OBJ:
                self.walk(plan.cls, value, here)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    self.walk(plan.cls, item, (*here, i))

    def evidence(self, entries: Any, path: Path) -> Any:
        if isinstance(entries, str):
            self.reader.problem(
                "wrong-type",
                path,
                "expected an array of quotes; write a single quote in brackets: "
                f'{path[-1]} = ["..."]',
            )
            entries = [entries]
        if not isinstance(entries, list):
            return entries  # the validator reports the wrong type
        return [self.entry(entry, (*path, i)) for i, entry in enumerate(entries)]

    def placeholder(self, path: Path, source: Any) -> dict[str, Any]:
        """A well-formed span for a quote that could not be placed."""
        self.reader.placeholders.append(render(path[1:]))
        sid = source if isinstance(source, str) else "?"
        text = self.sources.texts.get(sid) or "?"
        return {"source": sid, "start": 0, "end": 1, "exact": text[0]}

    def entry(self, entry: Any, path: Path) -> dict[str, Any]:
        parsed = self.parse(entry, path)
        if parsed is None:
            return self.placeholder(path, self.default)
        quote, occurrence, source = parsed
        quote_path = path if isinstance(entry, str) else (*path, "quote")
        if source is None:
            if self.default is None:
                if not self.default_broken:
                    self.unsourced.append(path)
                return self.placeholder(path, None)
            source = self.default
        elif self.check_source(source, (*path, "source"), self.citable) is None:
            return self.placeholder(path, source)
        text = self.sources.texts.get(source)
        if text is None:
            return self.placeholder(path, source)  # the validator says why
        start = self.find(text, quote, occurrence, source, path, quote_path)
        if start is None:
            return self.placeholder(path, source)
        return {
            "source": source,
            "start": start,
            "end": start + len(quote),
            "exact": quote,
        }

    def parse(self, entry: Any, path: Path) -> tuple[str, int | None, Any] | None:
        """Read one evidence entry: (quote, occurrence, source id or None)."""
        quote: Any
        occurrence: Any
        source: Any
        if isinstance(entry, str):
            quote, occurrence, source = entry, None, None
        elif isinstance(entry, dict):
            self.reader.unknown(entry, tuple(k.name for k in QUOTE_KEYS), path)
            quote = entry.get("quote")
            occurrence = entry.get("occurrence")
            source = entry.get("source")
            problems = len(self.reader.problems)
            if quote is None:
                self.reader.problem(
                    "missing-key", (*path, "quote"), "a quote table needs a quote"
                )
            elif not isinstance(quote, str):
                self.reader.problem("wrong-type", (*path, "quote"), "expected a string")
            if occurrence is not None and (
                type(occurrence) is not int or occurrence < 1
            ):
                self.reader.problem(
                    "bad-occurrence",
                    (*path, "occurrence"),
                    f"occurrence must be a whole number from 1, not {occurrence!r}",
                )
            if source is not None and not isinstance(source, str):
                self.reader.problem(
                    "wrong-type", (*path, "source"), "expected a string, a source id"
                )
            if len(self.reader.problems) > problems:
                return None
            assert isinstance(quote, str)
        else:
            self.reader.problem(
                "wrong-type",
                path,
                'expected a quote: a string, or a table { quote = "...", '
                "occurrence = 2, source = ... }",
            )
            return None
        if not quote.strip():
            quote_path = path if isinstance(entry, str) else (*path, "quote")
            self.reader.problem("empty-text", quote_path, "a quote must not be empty")
            return None
        return quote, occurrence, source

    @staticmethod
    def budget_spent() -> str:
        """Why a closest passage was not searched."""
        mi = _passages.CLOSEST_BUDGET // 2**20
        return (
            f"this build spent its budget for that search ({mi} Mi characters of "
            "source text) on the quotes before it; fix those first"
        )

    def where(self, text: str, source: str, found: _passages.Found) -> str:
        starts = self.sources.lines(source, text)
        shown = [_passages.describe_at(text, at, starts) for at in found.shown]
        listed = "; ".join(f"#{n} at {s}" for n, s in enumerate(shown, 1))
        rest = found.count - len(found.shown)
        if found.more:
            return f"{listed}; and more than {rest} more"
        return listed + (f"; and {rest} more" if rest else "")

    def find(
        self,
        text: str,
        quote: str,
        occurrence: int | None,
        source: str,
        path: Path,
        quote_path: Path,
    ) -> int | None:
        if occurrence is None and self.first:
            occurrence = 1
        found = _passages.Found.search(text, quote, occurrence)
        if not found.count:
            self.not_found(text, quote, source, quote_path)
            return None
        if found.nth is not None:
            return found.nth
        if occurrence is not None:
            times = "once" if found.count == 1 else f"{found.count} times"
            self.reader.problem(
                "bad-occurrence",
                (*path, "occurrence"),
                f"occurrence {occurrence} asked for, but the quote occurs {times} "
                f"in {source!r}: {self.where(text, source, found)}",
            )
            return None
        if found.count == 1:
            return found.shown[0]
        times = f"more than {found.count}" if found.more else str(found.count)
        upto = "N from 1" if found.more else f"N from 1 to {found.count}"
        self.reader.problem(
            "ambiguous-quote",
            path,
            f"the quote occurs {times} times in {source!r}: "
            f"{self.where(text, source, found)}; say which with a table "
            f'{{ quote = "...", occurrence = N }} ({upto})',
        )
        return None

    def not_found(self, text: str, quote: str, source: str, path: Path) -> None:
        if len(self.reader.problems) >= MAX_PROBLEMS:
            # Past the report's cap, the problem is counted, not shown.
            self.reader.problem(
                "quote-not-found", path, f"the quote is not in {source!r}"
            )
            return
        if self.budget <= 0:
            spent = self.budget_spent()
            self.reader.problem(
                "quote-not-found",
                path,
                f"the quote {clip(quote)!r} is not in {source!r}; the closest "
                f"passage was not searched: {spent}",
            )
            return
        self.budget -= max(len(text), _passages.CLOSEST_COST)
        passage = _passages.closest(text, quote)
        if passage is None or passage.similarity < 0.4:
            self.reader.problem(
                "quote-not-found",
                path,
                f"the quote {clip(quote)!r} is not in {source!r}, and no passage "
                "of it is alike",
            )
            return
        starts = self.sources.lines(source, text)
        at = _passages.describe_at(text, passage.start, starts)
        if passage.partial:
            self.reader.problem(
                "quote-not-found",
                path,
                f"the quote {clip(quote)!r} is not in {source!r}; it is too long "
                "to compare word by word, but the passage most like its "
                f"beginning starts at {at}: {clip(passage.text)!r}",
            )
            return
        diff = _passages.inline_diff(quote, passage.text)
        self.reader.problem(
            "quote-not-found",
            path,
            f"the quote is not in {source!r}; the closest passage, at {at}, "
            f"differs where marked ([-quote-]{{+source+}}): {diff}",
        )
