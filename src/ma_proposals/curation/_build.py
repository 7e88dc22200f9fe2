"""Building a proposal set from an authoring file: quotes in, offsets out."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Any

import attrs

from ma_proposals import _paths, _source_texts, loading
from ma_proposals._plan import Kind
from ma_proposals.errors import CurationError
from ma_proposals.model import ProposalSet
from ma_proposals.problems import MAX_PROBLEMS, Problem, Report

from ._format import evidence_field, plans
from ._positions import Path, positions
from ._quotes import Placer, Reader, Sources, render

__all__ = ["Build", "build", "read"]

_TOP_KEYS = ("curation", "set")
_TOML_ERROR = re.compile(r"\(at line (\d+), column (\d+)\)")
_JSON_PATH = re.compile(r"(?<![\w'\"$])\$(?=[.\[])")
#: A decimal integer token of TOML (hexadecimal, octal and binary ones are
#: read at any length).
_DECIMAL = re.compile(r"[+-]?[0-9][0-9_]*")


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


def _authoring_path(json_path: str, raw_set: Any) -> Path:
    """The path in the authoring file of a path in the set's JSON."""
    parts = _paths.parts(json_path)
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
            if plan.kind is Kind.OBJS and i + 1 < len(parts):
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


_TOO_DEEP = Problem("too-deep", "$", "arrays or tables are nested too deeply to read")


def _long_integer(text: str) -> Problem:
    """The problem of a document with an integer too long to read.

    :mod:`tomllib` raises a plain :class:`ValueError`, without a position, for
    an integer of more digits than :func:`sys.get_int_max_str_digits` allows;
    the first such integer is found by its position among the document's values
    (never in a string or a comment). The message gives its length, not its
    digits.
    """
    limit = sys.get_int_max_str_digits()
    found = []
    for path, at in positions(text).items():
        token = text[at.start : at.end]
        digits = sum(char.isdigit() for char in token)
        if _DECIMAL.fullmatch(token) and digits > limit:
            # A table made by dotted keys shares its first value's position.
            found.append((at.start, -len(path), path, at, digits))
    if not found:  # not found where expected: say what, without a line
        return Problem(
            "out-of-range",
            "$",
            f"an integer has more than {limit} digits; integers must fit in a "
            "signed 64-bit integer (-2**63 to 2**63 - 1)",
        )
    _, _, path, at, digits = min(found, key=lambda item: item[:2])
    return Problem(
        "out-of-range",
        render(path),
        f"an integer of {digits} digits does not fit in a signed 64-bit integer "
        "(-2**63 to 2**63 - 1)",
        at.line,
        at.column,
    )


def _decode(data: bytes) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        byte = data[exc.start : exc.start + 1]
        return None, Problem(
            "not-utf8",
            "$",
            f"byte {exc.start} ({byte!r}) is not valid UTF-8; authoring files "
            "must be encoded as UTF-8",
        )


def _parse(
    document: Any,
) -> tuple[Any, str | None, str, _source_texts.TextBase | None, Problem | None]:
    """(parsed data, text, name, default base, problem) of a document.

    The problem is one that stops reading: the file is too large, not UTF-8,
    not TOML or nested too deeply.
    """
    if isinstance(document, os.PathLike):
        path = FilePath(document)
        name, base = str(path), path.parent
        try:  # a regular file only (not a FIFO or a device), of a bounded size
            data = _source_texts.read_file(path, loading.MAX_BYTES)
        except _source_texts.TooLargeError as exc:
            problem = Problem("too-large", "$", f"file is {exc}; it is not read")
            return None, None, name, base, problem
        text, undecodable = _decode(data)
        if text is None:
            return None, None, name, base, undecodable
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
    except ValueError:  # an integer of more digits than Python converts
        return None, text, name, base, _long_integer(text)
    except RecursionError:
        return None, text, name, base, _TOO_DEEP


def read(
    document: Any,
    *,
    base: _source_texts.TextBase | None = None,
    max_total_text_bytes: int | None = _source_texts.MAX_TOTAL_TEXT_BYTES,
) -> Build:
    r"""Build the set that an authoring file describes, reporting every problem.

    Never raises for bad data: every problem of the file is in the report (the
    first :data:`~ma_proposals.problems.MAX_PROBLEMS` found, as in
    validation's reports; the rest are counted in its ``omitted``), each with a
    code, its path in the file (``$.set.proposals[0].evidence[1]``) and,
    when the file was read as text, its line and column. A file that is larger
    than :data:`~ma_proposals.loading.MAX_BYTES` (``too-large``), not UTF-8
    (``not-utf8``), not TOML (``invalid-toml``), nested too deeply to read
    (``too-deep``) or holding an integer of more digits than Python reads
    (``out-of-range``, with its line) is a problem too.

    Args:
        document: A path (:class:`os.PathLike`) to an authoring file, its TOML
            text (a :class:`str`, never a file name), or its parsed data (a
            mapping).
        base: Where the ``resource`` paths of shipped sources are read: a
            directory or a mapping from resource path to bytes. Defaults to the
            file's directory for paths and to the packaged data otherwise.
        max_total_text_bytes: Refuse a source text that would take the
            distinct source texts of the set past this many bytes in all (a
            ``too-large`` problem at the source that crosses it; default
            :data:`~ma_proposals.loading.MAX_TOTAL_TEXT_BYTES`); ``None`` for
            no limit.

    Returns:
        The :class:`Build`: the set (if there is no problem) and the report.

    Raises:
        OSError: The file at a path cannot be read: it is missing, unreadable,
            or not a regular file (a folder, a FIFO, a device).
        TypeError: ``document`` is none of a path, a string and a mapping, or
            ``base`` is a mapping whose value is not bytes.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> text = curation.authoring_toml(mp.load())
        >>> typo = text.replace("suggested accelerating", "suggested accelerate", 1)
        >>> result = curation.read(typo)
        >>> [problem.code for problem in result.report.problems]
        ['quote-not-found']
        >>> deep = "[set]\nx = " + "[" * 5000 + "]" * 5000
        >>> print(curation.read(deep).report.format())
        <string>: 1 problem
          $: arrays or tables are nested too deeply to read [too-deep]

    .. versionadded:: 0.1.0
    """
    try:
        data, text, name, default_base, stop = _parse(document)
    except RecursionError:  # a mapping nested too deeply to copy
        return Build(None, Report([_TOO_DEEP], "<object>"))
    if stop is not None:
        return Build(None, Report([stop], name))
    if base is None:
        base = (
            default_base if default_base is not None else _source_texts.package_data()
        )
    try:
        return _read(data, text, name, base, max_total_text_bytes)
    except RecursionError:  # values nested deeper than the checks go
        return Build(None, Report([_TOO_DEEP], name))


def _read(
    data: Any,
    text: str | None,
    name: str,
    base: _source_texts.TextBase,
    budget: int | None,
) -> Build:
    reader = Reader(positions(text) if text is not None else {})
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
    sources = Sources(raw_set, base, budget)
    placer = Placer(reader, sources, settings)
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
    proposal_set, report = loading.check_object(
        raw_set,
        base=base,
        document=name,
        remember=True,
        shipped=sources.shipped,
        max_total_text_bytes=budget,
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
    if reader.problems or proposal_set is None:
        return Build(None, _capped(reader.problems, name, report.omitted), sources.data)
    return Build(proposal_set, Report((), name), sources.data)


def _capped(problems: list[Problem], name: str, omitted: int) -> Report:
    """The report of the first :data:`MAX_PROBLEMS` problems found, as validation's.

    The rest are counted in ``omitted``, with those the set's own validation
    did not keep (``omitted``).
    """
    kept = problems[:MAX_PROBLEMS]
    return Report(kept, name, omitted=omitted + len(problems) - len(kept))


def build(
    document: Any,
    *,
    base: _source_texts.TextBase | None = None,
    max_total_text_bytes: int | None = _source_texts.MAX_TOTAL_TEXT_BYTES,
) -> ProposalSet:
    """Build the set that an authoring file describes.

    Every quote is placed in its source (its first and only occurrence, or the
    ``occurrence`` it names), the checksums of shipped texts are computed (or
    checked, where the file records them), and the set is validated with the
    package's own checks.

    Args:
        document: A path to an authoring file, its TOML text or its parsed data;
            see :func:`read`.
        base: Where shipped source texts are read; see :func:`read`.
        max_total_text_bytes: The most bytes of source texts in all; see
            :func:`read`.

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
    result = read(document, base=base, max_total_text_bytes=max_total_text_bytes)
    if result.proposal_set is None:
        raise CurationError(result.report)
    return result.proposal_set
