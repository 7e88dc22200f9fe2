"""Checking a parsed document: its source texts, the one pass, the whole set.

:func:`check_document` reads and verifies the shipped source texts (bounded,
hashed, shared between sources that name one file), gathers the ids each
reference may name, hands the data to the engine (:mod:`._structure`), which
checks every value and evidence span and builds the model objects in one
pass, and then runs the checks that span the whole set: the format version,
the declared count, numbering and glossary variants.
"""

from __future__ import annotations

import errno
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from . import _source_texts
from ._collector import Collector, show_int
from ._plan import reachable
from ._structure import structure
from .model import SCHEMA_VERSION, ProposalSet
from .problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "OverBudgetError",
    "Shipped",
    "TextCache",
    "check_document",
    "read_shipped",
]


def check_document(
    root: Any,
    base: _source_texts.TextBase,
    run: Collector,
    *,
    remember: bool = False,
    shipped: Mapping[str, Shipped] | None = None,
    cls: type = ProposalSet,
) -> Any:
    """Check a parsed document and build its set.

    Args:
        root: The parsed document.
        base: Where shipped source texts are read from.
        run: Collects the problems.
        remember: Keep the verified texts for
            :meth:`~ma_proposals.ProposalSet.source_text` (the loaders do; a
            plain validation does not, so validating many documents does not
            accumulate their texts).
        shipped: Texts read already with :func:`read_shipped`, by the path of
            their source (``$.sources[0]``), with the checksum the document
            now records: they are not read again.
        cls: The class of the document: :class:`~ma_proposals.ProposalSet`, or
            (in tests) a class derived from it.

    Returns:
        The set, or ``None`` when there is any problem.
    """
    if not isinstance(root, dict):
        run.wrong_type(None, "an object", root)
        return None
    _read_sources(root, base, remember, run, shipped or {})
    for collection in _collections(cls):
        run.known[collection] = _ids(root, collection)
    result = structure(run, cls, root)
    _check_set(root, run)
    _check_glossary(root, run)
    return None if run.failed else result


_collections_of: dict[type, tuple[str, ...]] = {}


def _collections(root: type) -> tuple[str, ...]:
    """The collections of ``root`` that some field of the model refers to."""
    try:
        return _collections_of[root]
    except KeyError:
        names = {f.ref for plan in reachable(root) for f in plan.fields if f.ref}
        return _collections_of.setdefault(root, tuple(sorted(names)))


def _ids(root: dict[str, Any], collection: str) -> set[str]:
    items = root.get(collection)
    if not isinstance(items, list):
        return set()
    return {
        item["id"]
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


# -- Shipped source texts ---------------------------------------------------------


def _iter_sources(root: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    sources = root.get("sources")
    if isinstance(sources, list):
        for i, source in enumerate(sources):
            if isinstance(source, dict):
                yield f"$.sources[{i}]", source


def _read_sources(
    root: dict[str, Any],
    base: _source_texts.TextBase,
    remember: bool,
    run: Collector,
    shipped: Mapping[str, Shipped],
) -> None:
    """Read and verify shipped texts, into ``run.texts`` (``None``: unusable)."""
    texts = run.texts
    cache = TextCache(run.total_limit)
    for path, source in _iter_sources(root):
        sid = source.get("id")
        resource, url, checksum = (source.get(k) for k in ("resource", "url", "sha256"))
        if (resource is None) == (url is None):
            run.add(
                Problem(
                    "bad-source",
                    path,
                    "a source needs exactly one of 'resource' (a shipped text) and "
                    "'url' (an external page)",
                )
            )
        if isinstance(resource, str):
            read = shipped.get(path)
            if read is None:
                read = read_shipped(
                    path,
                    resource,
                    checksum,
                    base,
                    remember,
                    limit=run.text_limit,
                    cache=cache,
                )
            if read.problem is not None:
                run.add(read.problem)
            if isinstance(sid, str):
                texts[sid] = read.text
            run.complete = run.complete and read.text is not None
    run.external = _ids(root, "sources") - texts.keys()


class Shipped(NamedTuple):
    """A shipped source's text as read and checked by :func:`read_shipped`."""

    #: The verified text; ``None`` when it cannot be used.
    text: str | None
    #: What is wrong with the source, if anything is.
    problem: Problem | None = None
    #: The bytes read (``None``: not read).
    data: bytes | None = None
    #: Their SHA-256.
    checksum: str | None = None


def read_shipped(
    path: str,
    resource: str,
    checksum: Any,
    base: _source_texts.TextBase,
    remember: bool,
    *,
    limit: int | None = _source_texts.MAX_TEXT_BYTES,
    fill: bool = False,
    cache: TextCache | None = None,
) -> Shipped:
    """Read a shipped text once: bounded, hashed, compared and decoded.

    Args:
        path: The JSON path of its source, for problems.
        resource: Its ``resource``.
        checksum: Its recorded ``sha256``, as the document gives it.
        base: Where it is read from.
        remember: Keep the verified text in the cache of texts.
        limit: The most bytes it may have.
        fill: A missing checksum is not a problem: it is the one of the bytes
            read (an authoring file's build records it).
        cache: Shared by the sources of one document, so that a file that
            several name is read and decoded once, and so that their distinct
            texts share the document's budget (:class:`TextCache`).

    Returns:
        The text, the problem and, when the bytes were read, the bytes and
        their checksum.
    """
    rpath = f"{path}.resource"
    if not _source_texts.is_plain_relative(resource):
        return _refused(
            "bad-source",
            rpath,
            f"{resource!r} is not a plain relative path (like 'sources/text.txt')",
        )
    if not isinstance(checksum, str) and not (fill and checksum is None):
        # A missing checksum is this check's; a wrong type is the shape check's.
        if checksum is None:
            return _refused(
                "bad-source",
                f"{path}.sha256",
                "a shipped source needs the sha256 of its text",
            )
        return Shipped(None)
    try:
        data, actual = _read_once(base, resource, limit, cache)
    except OverBudgetError as exc:
        return _refused(
            "too-large",
            rpath,
            f"{resource!r} would bring the source texts of this document past "
            f"the maximum of {exc.budget} bytes in all; pass a larger "
            "max_total_text_bytes to read it",
        )
    except _source_texts.TooLargeError as exc:
        return _refused(
            "too-large",
            rpath,
            f"{resource!r} is {exc}; pass a larger max_text_bytes to read it",
        )
    except OSError as exc:  # a missing file, a FIFO, a link leaving the folder
        return _refused("source-unreadable", rpath, f"cannot read {resource!r}: {exc}")
    if checksum is not None and actual != checksum:
        from ._fields import Rule, rule_test

        if not rule_test(Rule.SHA256)(checksum):
            return Shipped(None, None, data, actual)  # bad-sha256, by the rules
        return _refused(
            "checksum-mismatch",
            f"{path}.sha256",
            f"{resource!r} has sha256 {actual}, not the recorded {checksum}; "
            "evidence in it was not checked",
            data,
            actual,
        )
    # Bytes of this checksum were decoded before: the text is the same.
    text = _source_texts.recall(actual)
    if text is None and cache is not None:
        text = cache.texts.get(actual)
    if text is not None:
        return Shipped(text, None, data, actual)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _refused(
            "source-unreadable",
            rpath,
            f"{resource!r} is not UTF-8 (byte {exc.start})",
            data,
            actual,
        )
    if remember:
        _source_texts.remember(actual, text)
    if cache is not None:
        cache.texts[actual] = text
    return Shipped(text, None, data, actual)


class TextCache:
    """What one document's sources read, shared by the sources naming a file.

    Eighty sources naming one file read, hash and decode it once, and share
    one copy of its bytes and of its text. The distinct texts share one
    budget too (``max_total_text_bytes``): a text that would take their bytes
    past it is refused, and no file is read further than the budget's room
    (or, since it may hold bytes read already, which cost nothing more, than
    the largest text read).
    """

    def __init__(self, budget: int | None = None) -> None:
        #: By resource: the bytes and their checksum, or why they were refused.
        self.reads: dict[str, tuple[bytes, str] | OSError] = {}
        #: The bytes read and their decoded texts, by checksum.
        self.data: dict[str, bytes] = {}
        self.texts: dict[str, str] = {}
        #: The most bytes of distinct texts in all (``None``: no limit).
        self.budget = budget
        #: The bytes of the distinct texts read so far, and the largest one's.
        self.spent = 0
        self.largest = 0

    def allowance(self, limit: int | None) -> tuple[int | None, bool]:
        """The most bytes the next file may have, and whether the budget says so.

        ``limit`` is the limit on one text.
        """
        if self.budget is None:
            return limit, False
        room = max(self.budget - self.spent, self.largest)
        return (room, True) if limit is None or room < limit else (limit, False)

    def admit(self, data: bytes, checksum: str) -> tuple[bytes, str]:
        """Bytes just read: shared with the same bytes read before, or counted.

        Raises:
            OverBudgetError: They are new and there is no room for them.
        """
        known = self.data.get(checksum)
        if known is not None:
            return known, checksum
        if self.budget is not None and len(data) > self.budget - self.spent:
            raise OverBudgetError(self.budget)
        self.spent += len(data)
        self.largest = max(self.largest, len(data))
        self.data[checksum] = data
        return data, checksum


class OverBudgetError(OSError):
    """A text would take the texts of one document past their budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        super().__init__(errno.EFBIG, f"more than {budget} bytes of texts in all")


def _read_once(
    base: _source_texts.TextBase,
    resource: str,
    limit: int | None,
    cache: TextCache | None,
) -> tuple[bytes, str]:
    """A resource's bytes and their checksum, read at most once per cache."""
    if cache is None:
        data = _source_texts.read_resource(base, resource, limit)
        return data, _source_texts.sha256(data)
    known = cache.reads.get(resource)
    if known is None:
        most, budgeted = cache.allowance(limit)
        try:
            data = _source_texts.read_resource(base, resource, most)
            # Another name of the same bytes (a link) shares them too.
            known = cache.admit(data, _source_texts.sha256(data))
        except _source_texts.TooLargeError as exc:
            known = _why_too_large(exc, limit, cache.budget) if budgeted else exc
        except OSError as exc:
            known = exc
        cache.reads[resource] = known
    if isinstance(known, OSError):
        raise known
    return known


def _why_too_large(
    exc: _source_texts.TooLargeError, limit: int | None, budget: int | None
) -> OSError:
    """Why a file read no further than the budget's room was refused.

    Its own limit, where its size is known to pass that too; else the budget.
    """
    if budget is None:
        return exc
    if exc.size is not None and limit is not None and exc.size > limit:
        return _source_texts.TooLargeError(exc.size, limit)
    return OverBudgetError(budget)


def _refused(
    code: str,
    path: str,
    message: str,
    data: bytes | None = None,
    checksum: str | None = None,
) -> Shipped:
    """A shipped text refused with a problem (its bytes, if they were read)."""
    return Shipped(None, Problem(code, path, message), data, checksum)


# -- Checks of the whole set -----------------------------------------------------


def _check_set(root: dict[str, Any], run: Collector) -> None:
    version = root.get("schema_version")
    if type(version) is int and version != SCHEMA_VERSION:
        run.add(
            Problem(
                "unsupported-version",
                "$.schema_version",
                f"schema_version {show_int(version)} is not supported; this "
                f"release reads {SCHEMA_VERSION}",
            )
        )
    proposals = root.get("proposals")
    count = root.get("declared_count")
    if isinstance(proposals, list) and type(count) is int and count != len(proposals):
        run.add(
            Problem(
                "count-mismatch",
                "$.declared_count",
                f"declared_count is {show_int(count)} but the set has "
                f"{len(proposals)} proposals",
            )
        )
    if isinstance(proposals, list):
        for i, proposal in enumerate(proposals):
            number = proposal.get("number") if isinstance(proposal, dict) else None
            if type(number) is int and number != i + 1:
                run.add(
                    Problem(
                        "bad-numbering",
                        f"$.proposals[{i}].number",
                        f"number is {show_int(number)}; proposals are numbered 1, "
                        f"2, ... in order, so this one should be {i + 1}",
                    )
                )


def _check_glossary(root: dict[str, Any], run: Collector) -> None:
    glossary = root.get("glossary")
    if not isinstance(glossary, list):
        return
    # casefolded variant -> (path, variant as written) of each occurrence
    wanted: dict[str, list[tuple[str, str]]] = {}
    seen: dict[str, int] = {}
    for i, term in enumerate(glossary):
        if not isinstance(term, dict):
            continue
        canonical = term.get("canonical")
        if isinstance(canonical, str):
            first = seen.setdefault(canonical.casefold(), i)
            if first != i:
                run.add(
                    Problem(
                        "duplicate-id",
                        f"$.glossary[{i}].canonical",
                        f"term {canonical!r} is already defined by $.glossary[{first}]",
                    )
                )
        variants = term.get("variants")
        if not run.complete or not isinstance(variants, list):
            continue
        for j, variant in enumerate(variants):
            if isinstance(variant, str) and variant.strip():
                places = wanted.setdefault(variant.casefold(), [])
                places.append((f"$.glossary[{i}].variants[{j}]", variant))
    wanted = _not_in_texts(wanted, [t for t in run.texts.values() if t is not None])
    run.extend(
        Problem(
            "variant-not-found",
            path,
            f"{variant!r} does not occur in any shipped source text",
        )
        for places in wanted.values()
        for path, variant in places
    )


def _not_in_texts(
    wanted: dict[str, list[tuple[str, str]]], texts: list[str]
) -> dict[str, list[tuple[str, str]]]:
    """The variants (casefolded, with their places) found in none of ``texts``.

    Each variant is searched once in all the distinct texts joined, as written
    and then case-folded: sources sharing a file share its text, and the
    lookup is not rebuilt per text. The texts are joined by a run of NULs
    longer than any in a variant, so that no variant spans two texts.
    """
    texts = list(dict.fromkeys(texts))  # by value: a file named by many sources
    if not wanted or not texts:
        return wanted
    longest = max(
        (len(run) for v in wanted for run in re.findall("\x00+", v)), default=0
    )
    separator = "\x00" * (longest + 1)  # folding keeps NUL, and makes none
    joined = separator.join(texts)
    # A variant written as in a text is found without case folding (folding is
    # done a character at a time, so a substring's folding is a substring of
    # the text's folding).
    wanted = {
        v: places
        for v, places in wanted.items()
        if not any(variant in joined for _, variant in places)
    }
    if not wanted:
        return wanted
    joined = joined.casefold()
    return {v: places for v, places in wanted.items() if v not in joined}
