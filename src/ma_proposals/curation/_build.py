"""Building a proposal set from an authoring file: quotes in, offsets out."""

from __future__ import annotations

import datetime
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Any

import attrs

from ma_proposals import _texts, loading
from ma_proposals._paths import member
from ma_proposals._strings import clip, close_matches
from ma_proposals.errors import CurationError
from ma_proposals.model import ProposalSet
from ma_proposals.validation import Problem, Report

from . import _passages
from ._format import CURATION_KEYS, QUOTE_KEYS, REPEATED_QUOTES, evidence_field, plans
from ._positions import Path, Position, positions

__all__ = ["Build", "build", "read"]

_TOP_KEYS = ("curation", "set")
_TOML_ERROR = re.compile(r"\(at line (\d+), column (\d+)\)")
_JSON_PART = re.compile(
    r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]"
)
_JSON_PATH = re.compile(r"(?<![\w'\"$])\$(?=[.\[])")


@attrs.frozen
class Build:
    r"""The outcome of reading an authoring file.

    Attributes:
        proposal_set: The set, or ``None`` if there is any problem.
        report: Every problem, with paths into the authoring file (``$.set...``)
            and, when it was read from text, lines and columns.
        texts: The bytes of each shipped source that was read, by ``resource``.

    Example:
        >>> from ma_proposals import curation
        >>> result = curation.read("[set]\nid = 'x'\n")
        >>> result.proposal_set is None, result.report.problems[0].code
        (True, 'missing-key')

    .. versionadded:: 0.1.0
    """

    proposal_set: ProposalSet | None
    report: Report
    texts: Mapping[str, bytes] = attrs.field(factory=dict)


def _copy(node: Any) -> Any:
    """A JSON-ready copy of parsed data (lists and dicts; values as they are)."""
    if isinstance(node, dict):
        return {key: _copy(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_copy(value) for value in node]
    return node


def _render(path: Path) -> str:
    text = "$"
    for part in path:
        text = f"{text}[{part}]" if isinstance(part, int) else member(text, part)
    return text


class _Reader:
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
                _render(path),
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
                    f"unknown key {key!r} (allowed: {allowed}){hint}",
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

    def dates(self, node: Any, path: Path) -> Any:
        """Replace TOML dates and times by strings, reporting each."""
        if isinstance(node, dict):
            return {k: self.dates(v, (*path, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [self.dates(v, (*path, i)) for i, v in enumerate(node)]
        if isinstance(node, (datetime.date, datetime.time)):
            text = node.isoformat()
            self.placeholders.append(_render(path[1:]))  # one problem, not two
            self.problem(
                "wrong-type",
                path,
                f"expected a string, got a TOML date or time; write it as a "
                f'string: "{text}"',
            )
            return text
        return node


class _Sources:
    """The set's sources: which are shipped, and the usable text of each."""

    def __init__(self, raw_set: dict[str, Any], base: _texts.TextBase) -> None:
        self.ids: set[str] = set()
        self.texts: dict[str, str | None] = {}  # shipped id -> usable text
        self.data: dict[str, bytes] = {}  # resource -> bytes
        self.line_starts: dict[str, list[int]] = {}
        sources = raw_set.get("sources")
        for source in sources if isinstance(sources, list) else ():
            if not isinstance(source, dict):
                continue
            sid = source.get("id")
            if isinstance(sid, str):
                self.ids.add(sid)
            resource = source.get("resource")
            if not isinstance(resource, str):
                continue
            text = self.read(source, resource, base)
            if isinstance(sid, str):
                self.texts[sid] = text

    def read(
        self, source: dict[str, Any], resource: str, base: _texts.TextBase
    ) -> str | None:
        """Read a shipped text; fill in its checksum if the file does not give it.

        The validator reports whatever is wrong with the source (an unreadable
        file, a checksum that differs, bytes that are not UTF-8); its quotes are
        then not placed.
        """
        recorded = source.get("sha256")
        try:
            if not _texts.is_plain_relative(resource):
                return None
            data = _texts.read_resource(base, resource)
        except (OSError, TypeError):
            if recorded is None:  # so that the validator says it cannot read it
                source["sha256"] = "0" * 64
            return None
        actual = _texts.sha256(data)
        self.data[resource] = data
        if recorded is None:
            source["sha256"] = actual
        elif recorded != actual:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None


class _Placer:
    """Turns the quotes of every evidence list into spans."""

    def __init__(
        self, reader: _Reader, sources: _Sources, settings: dict[str, Any]
    ) -> None:
        self.reader = reader
        self.sources = sources
        self.default: str | None = settings["default_source"]
        self.first = settings["repeated_quotes"] == "first"
        self.unsourced: list[Path] = []
        # A default source that is given but wrong is reported once, not per quote.
        self.default_broken = False
        shipped = sorted(sources.texts)
        if self.default is None and len(shipped) == 1:
            self.default = shipped[0]
        elif self.default is not None:
            self.default = self.check_source(
                self.default, ("curation", "default_source")
            )
            self.default_broken = self.default is None

    def check_source(self, sid: str, path: Path) -> str | None:
        """``sid`` if it names a shipped source; else report it."""
        if sid in self.sources.texts:
            return sid
        if sid in self.sources.ids:
            self.reader.problem(
                "evidence-not-shipped",
                path,
                f"source {sid!r} has no shipped text (it has a url); quotes must be "
                "in a shipped text (use a citation for external sources)",
            )
            return None
        close = close_matches(sid, self.sources.ids)
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
                data[name] = self.evidence(value, here)
            elif plan.shape == "obj":
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
        self.reader.placeholders.append(_render(path[1:]))
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
        elif self.check_source(source, (*path, "source")) is None:
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

    def where(self, text: str, source: str, offsets: list[int]) -> str:
        starts = self.sources.line_starts.setdefault(
            source, _passages.line_offsets(text)
        )
        shown = [_passages.describe_at(text, at, starts) for at in offsets[:10]]
        more = f"; and {len(offsets) - 10} more" if len(offsets) > 10 else ""
        return "; ".join(f"#{n} at {s}" for n, s in enumerate(shown, 1)) + more

    def find(
        self,
        text: str,
        quote: str,
        occurrence: int | None,
        source: str,
        path: Path,
        quote_path: Path,
    ) -> int | None:
        found = _passages.occurrences(text, quote)
        if not found:
            self.not_found(text, quote, source, quote_path)
            return None
        if occurrence is not None:
            if occurrence <= len(found):
                return found[occurrence - 1]
            times = "once" if len(found) == 1 else f"{len(found)} times"
            self.reader.problem(
                "bad-occurrence",
                (*path, "occurrence"),
                f"occurrence {occurrence} asked for, but the quote occurs {times} "
                f"in {source!r}: {self.where(text, source, found)}",
            )
            return None
        if len(found) == 1 or self.first:
            return found[0]
        self.reader.problem(
            "ambiguous-quote",
            path,
            f"the quote occurs {len(found)} times in {source!r}: "
            f"{self.where(text, source, found)}; say which with a table "
            f'{{ quote = "...", occurrence = N }} (N from 1 to {len(found)})',
        )
        return None

    def not_found(self, text: str, quote: str, source: str, path: Path) -> None:
        passage = _passages.closest(text, quote)
        if passage is None or passage.similarity < 0.4:
            self.reader.problem(
                "quote-not-found",
                path,
                f"the quote {clip(quote)!r} is not in {source!r}, and no passage "
                "of it is alike",
            )
            return
        starts = self.sources.line_starts.setdefault(
            source, _passages.line_offsets(text)
        )
        at = _passages.describe_at(text, passage.start, starts)
        diff = _passages.inline_diff(quote, passage.text)
        self.reader.problem(
            "quote-not-found",
            path,
            f"the quote is not in {source!r}; the closest passage, at {at}, "
            f"differs where marked ([-quote-]{{+source+}}): {diff}",
        )


def _json_parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index, quoted in _JSON_PART.findall(path):
        if index:
            parts.append(int(index))
        else:
            parts.append(name or quoted.replace("\\'", "'").replace("\\\\", "\\"))
    return parts


def _authoring_path(json_path: str, raw_set: Any) -> Path:
    """The path in the authoring file of a path in the set's JSON."""
    parts = _json_parts(json_path)
    out: list[str | int] = ["set"]
    cls: type | None = ProposalSet
    node: Any = raw_set
    i = 0
    while i < len(parts):
        part = parts[i]
        out.append(part)
        plan = (
            plans(cls).get(part) if cls is not None and isinstance(part, str) else None
        )
        node = _child(node, part)
        if plan is not None and evidence_field(plan):
            if i + 1 < len(parts):
                out.append(parts[i + 1])
                entry = _child(node, parts[i + 1])
                if i + 2 < len(parts) and isinstance(entry, dict):
                    key = parts[i + 2]
                    out.append(
                        "source" if key == "source" and "source" in entry else "quote"
                    )
            break
        if plan is not None and plan.cls is not None:
            cls = plan.cls
            if plan.shape == "objs" and i + 1 < len(parts):
                i += 1
                out.append(parts[i])
                node = _child(node, parts[i])
        elif isinstance(part, str):
            cls = None
        i += 1
    return tuple(out)


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, dict) and isinstance(key, str):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _toml_problem(exc: tomllib.TOMLDecodeError, text: str) -> Problem:
    message = str(exc)
    match = _TOML_ERROR.search(message)
    line = column = None
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()].rstrip()
    elif message.endswith("(at end of document)"):
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        message = message.removesuffix("(at end of document)").rstrip()
    return Problem("invalid-toml", "$", message, line, column)


def _parse(
    document: Any,
) -> tuple[Any, str | None, str, _texts.TextBase | None, Problem | None]:
    """(parsed data, text, name, default base, syntax problem) of a document."""
    if isinstance(document, os.PathLike):
        path = FilePath(document)
        text = path.read_bytes().decode("utf-8", errors="strict")
        name, base = str(path), path.parent
    elif isinstance(document, str):
        text, name, base = document, "<string>", None
    elif isinstance(document, Mapping):
        return _copy(dict(document)), None, "<object>", None, None
    else:
        raise TypeError(
            "expected an authoring file's path, its TOML text or its parsed data, "
            f"not {type(document).__name__}"
        )
    try:
        return tomllib.loads(text), text, name, base, None
    except tomllib.TOMLDecodeError as exc:
        return None, text, name, base, _toml_problem(exc, text)


def read(document: Any, *, base: _texts.TextBase | None = None) -> Build:
    """Build the set that an authoring file describes, reporting every problem.

    Never raises for bad data: every problem of the file is in the report, each
    with a code, its path in the file (``$.set.proposals[0].evidence[1]``) and,
    when the file was read as text, its line and column.

    Args:
        document: A path (:class:`os.PathLike`) to an authoring file, its TOML
            text (a :class:`str`, never a file name), or its parsed data (a
            mapping).
        base: Where the ``resource`` paths of shipped sources are read: a
            directory or a mapping from resource path to bytes. Defaults to the
            file's directory for paths and to the packaged data otherwise.

    Returns:
        The :class:`Build`: the set (if there is no problem) and the report.

    Raises:
        OSError: A path could not be read.
        UnicodeDecodeError: A file is not UTF-8.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> text = curation.authoring_toml(mp.load())
        >>> typo = text.replace("top-level design", "top level design", 1)
        >>> result = curation.read(typo)
        >>> [problem.code for problem in result.report.problems]
        ['quote-not-found']

    .. versionadded:: 0.1.0
    """
    data, text, name, default_base, syntax = _parse(document)
    if syntax is not None:
        return Build(None, Report([syntax], name))
    if base is None:
        base = default_base if default_base is not None else _texts.package_data()
    reader = _Reader(positions(text) if text is not None else {})
    root: dict[str, Any] = data  # a TOML document, or a copy of a mapping
    reader.unknown(root, _TOP_KEYS, ())
    settings = reader.settings(root)
    if "set" not in root:
        reader.problem("missing-key", ("set",), "the [set] table is missing")
        return Build(None, Report(reader.problems, name))
    raw_set = reader.table(root["set"], ("set",), "the proposal set")
    if raw_set is None:
        return Build(None, Report(reader.problems, name))
    raw_set = reader.dates(_copy(raw_set), ("set",))
    sources = _Sources(raw_set, base)
    placer = _Placer(reader, sources, settings)
    placer.walk(ProposalSet, raw_set, ("set",))
    if placer.unsourced:
        count = len(placer.unsourced)
        shipped = ", ".join(map(repr, sorted(sources.texts))) or "none"
        reader.problem(
            "missing-key",
            ("curation", "default_source"),
            f"{count} quote{'s name' if count != 1 else ' names'} no source and "
            f"there is no default source; name one (shipped sources: {shipped}) "
            'with [curation] default_source = "..."',
        )
    proposal_set, report = loading.read_object(
        raw_set, base=base, document=name, remember=True
    )
    raw_original = data["set"] if isinstance(data, dict) else None
    for problem in report.problems:
        if any(
            problem.path == p or problem.path.startswith((p + ".", p + "["))
            for p in reader.placeholders
        ):
            continue
        path = _authoring_path(problem.path, raw_original)
        message = _JSON_PATH.sub("$.set", problem.message)
        if problem.code == "checksum-mismatch":
            message += (
                "; if the text was changed on purpose, check its quotes and delete "
                "sha256 (the build computes it)"
            )
        reader.problem(problem.code, path, message)
    if reader.problems:
        return Build(None, Report(reader.problems, name), sources.data)
    assert proposal_set is not None
    return Build(proposal_set, Report((), name), sources.data)


def build(document: Any, *, base: _texts.TextBase | None = None) -> ProposalSet:
    """Build the set that an authoring file describes.

    Every quote is placed in its source (its first and only occurrence, or the
    ``occurrence`` it names), the checksums of shipped texts are computed (or
    checked, where the file records them), and the set is validated with the
    package's own checks.

    Args:
        document: A path to an authoring file, its TOML text or its parsed data;
            see :func:`read`.
        base: Where shipped source texts are read; see :func:`read`.

    Returns:
        The proposal set, equal to loading the JSON that ``ma-proposals build``
        writes.

    Raises:
        CurationError: The file has problems; all of them are in its report.
        OSError: A path could not be read.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> curation.build(curation.authoring(mp.load())) == mp.load()
        True

    .. versionadded:: 0.1.0
    """
    result = read(document, base=base)
    if result.proposal_set is None:
        raise CurationError(result.report)
    return result.proposal_set
