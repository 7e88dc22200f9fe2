"""The checks as they were before the one-pass walk, kept as a test oracle.

This is ``src/ma_proposals/_checks.py`` as of commit b4f13df (the generic
``_Walk`` over the parsed data), together with the strict cattrs converter's
detailed pass (:func:`ma_proposals.conversion.structure_problems`), which
together were ``validate()``. ``tests/test_engines.py`` runs it and the new
walks on the same documents and requires the same problems, apart from the
checks added since (``ORACLE_LACKS``). Only the imports changed: they are
absolute, shipped texts are read here, and suggestions use difflib directly
(as they did), so that later changes to the package's helpers do not change
the oracle.
"""

from __future__ import annotations

import math
import re
import threading
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ma_proposals import conversion
from ma_proposals._fields import PATTERNS, REF, RULE, Rule, data_fields
from ma_proposals._paths import member
from ma_proposals._strings import clip
from ma_proposals.model import SCHEMA_VERSION, Evidence, ProposalSet
from ma_proposals.validation import Problem

from . import oracle_texts as _texts

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["FieldPlan", "check_data", "field_plan", "oracle_problems", "render"]


def close_matches(value: object, known: Any, n: int = 1) -> tuple[str, ...]:
    """Suggestions as they were made: difflib over every known id."""
    if not isinstance(value, str):
        return ()
    import difflib

    return tuple(difflib.get_close_matches(value, sorted(known), n=n))


_SLUG = re.compile(PATTERNS[Rule.ID], re.ASCII)
_DATE = re.compile(PATTERNS[Rule.DATE], re.ASCII)
_SHA256 = re.compile(PATTERNS[Rule.SHA256], re.ASCII)
_REF_COLLECTIONS = ("topics", "themes", "sources", "proposals")
_SUPPORT = ("evidence", "citations")


@attrs.frozen
class FieldPlan:
    """How the checker treats one field of a model class."""

    name: str
    rule: Rule | None
    ref: str | None
    #: ``"str"``, ``"strs"`` (tuple of str), ``"obj"``, ``"objs"`` or ``"other"``.
    shape: str
    cls: type | None = None


_plans: dict[type, tuple[FieldPlan, ...]] = {}
_plans_lock = threading.Lock()


def _unwrap_optional(tp: Any) -> Any:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def field_plan(cls: type) -> tuple[FieldPlan, ...]:
    """How each data field of a model class is checked (cached per class)."""
    try:
        return _plans[cls]
    except KeyError:
        pass
    hints = typing.get_type_hints(cls)
    plan = []
    for field in data_fields(cls):
        tp = _unwrap_optional(hints[field.name])
        item = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else None
        if tp is str:
            shape, sub = "str", None
        elif item is str:
            shape, sub = "strs", None
        elif attrs.has(tp):
            shape, sub = "obj", tp
        elif item is not None and attrs.has(item):
            shape, sub = "objs", item
        else:
            shape, sub = "other", None
        plan.append(
            FieldPlan(
                field.name,
                field.metadata.get(RULE),
                field.metadata.get(REF),
                shape,
                sub,
            )
        )
    with _plans_lock:
        return _plans.setdefault(cls, tuple(plan))


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date_ok(value: str) -> bool:
    """An ISO 8601 month, or a day that the (proleptic Gregorian) calendar has."""
    if not _DATE.fullmatch(value):
        return False
    if len(value) == 7:
        return True  # the pattern allows months 01 to 12 only
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (29 if month == 2 and leap else _DAYS[month - 1])


_Test = Callable[[str], object]

#: Whether a string follows each rule (a true result).
_RULE_OK: dict[Rule, _Test] = {
    Rule.TEXT: str.strip,
    Rule.ID: _SLUG.fullmatch,
    Rule.DATE: _date_ok,
    Rule.SHA256: _SHA256.fullmatch,
}


def _rule_problem(rule: Rule, value: str, path: str) -> Problem:
    """The problem of a string that does not follow ``rule``."""
    if rule is Rule.TEXT:
        return Problem("empty-text", path, "text must not be empty")
    if rule is Rule.ID:
        return Problem(
            "bad-id",
            path,
            f"{value!r} is not a lowercase slug (a-z, 0-9 and inner hyphens, "
            "e.g. 'rural-revitalization')",
        )
    if rule is Rule.DATE:
        return Problem(
            "bad-date",
            path,
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD) or month (YYYY-MM)",
        )
    return Problem(
        "bad-sha256", path, f"{value!r} is not 64 lowercase hexadecimal digits"
    )


# A location in the document while walking it: ``None`` for the root, else
# ``(parent, key)``. Rendered as a JSONPath only when a problem needs it, so that
# a valid document costs no path strings.
_Loc = tuple[Any, str | int] | None


def render(loc: _Loc) -> str:
    """The JSONPath of a location."""
    parts = []
    while loc is not None:
        loc, key = loc
        parts.append(f"[{key}]" if type(key) is int else member("", key))
    return "$" + "".join(reversed(parts))


@attrs.frozen
class _ClassPlan:
    """What the walk does with one model class, compiled from its field plan."""

    # (field name, the rule's test or None, the rule, the referenced collection)
    strings: tuple[tuple[str, _Test | None, Rule | None, str | None], ...]
    string_lists: tuple[tuple[str, _Test | None, Rule | None, str | None], ...]
    objects: tuple[tuple[str, type], ...]
    object_lists: tuple[tuple[str, type], ...]
    numbers: tuple[str, ...]
    support: tuple[str, ...]
    has_id: bool


_class_plans: dict[type, _ClassPlan] = {}


def _class_plan(cls: type) -> _ClassPlan:
    try:
        return _class_plans[cls]
    except KeyError:
        pass
    fields = field_plan(cls)

    def pick(
        shape: str,
    ) -> tuple[tuple[str, _Test | None, Rule | None, str | None], ...]:
        return tuple(
            # A rule added since (Rule.LANGUAGE) is not checked: the oracle
            # did not have it (see ORACLE_LACKS in tests/test_engines.py).
            (f.name, _RULE_OK.get(f.rule) if f.rule else None, f.rule, f.ref)
            for f in fields
            if f.shape == shape
        )

    plan = _ClassPlan(
        strings=pick("str"),
        string_lists=pick("strs"),
        objects=tuple((f.name, f.cls) for f in fields if f.shape == "obj" and f.cls),
        object_lists=tuple(
            (f.name, f.cls) for f in fields if f.shape == "objs" and f.cls
        ),
        numbers=tuple(f.name for f in fields if f.shape == "other"),
        support=tuple(f.name for f in fields if f.name in _SUPPORT),
        has_id=any(f.name == "id" for f in fields),
    )
    with _plans_lock:
        return _class_plans.setdefault(cls, plan)


class _Walk:
    """One pass over a document: field rules, ids, references, evidence sites."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.refs: list[tuple[_Loc, str, str]] = []
        self.evidence: list[tuple[_Loc, dict[str, Any]]] = []

    def visit(self, cls: type, data: Any, loc: _Loc) -> None:
        if not isinstance(data, dict):
            return  # the converter reports the wrong type
        if cls is Evidence:
            self.evidence.append((loc, data))
        plan = _class_plan(cls)
        get = data.get
        for name, test, rule, ref in plan.strings:
            value = get(name)
            if type(value) is str:
                if test is not None and not test(value):
                    self.fail(rule, value, (loc, name))
                elif ref is not None:
                    self.refs.append(((loc, name), ref, value))
        for name, test, rule, ref in plan.string_lists:
            values = get(name)
            if type(values) is list:
                here = (loc, name)
                for i, value in enumerate(values):
                    if type(value) is str:
                        if test is not None and not test(value):
                            self.fail(rule, value, (here, i))
                        elif ref is not None:
                            self.refs.append(((here, i), ref, value))
        for name, sub in plan.objects:
            value = get(name)
            if value is not None:
                self.visit(sub, value, (loc, name))
        for name, sub in plan.object_lists:
            values = get(name)
            if type(values) is list:
                self.visit_all(sub, values, (loc, name))
        for name in plan.numbers:
            value = get(name)
            if type(value) is float and not math.isfinite(value):
                # JSON cannot hold it; only a set built in code can.
                self.problems.append(
                    Problem(
                        "wrong-type",
                        render((loc, name)),
                        f"expected a finite number, got {value}",
                    )
                )
        if plan.support and all(get(k) is None or get(k) == [] for k in plan.support):
            self.problems.append(
                Problem(
                    "missing-evidence",
                    render(loc),
                    f"{cls.__name__} has no evidence or citation; every curated "
                    "item must point at what supports it",
                )
            )

    def visit_all(self, cls: type, items: list[Any], loc: _Loc) -> None:
        seen: dict[str, int] = {}
        has_id = _class_plan(cls).has_id
        for i, item in enumerate(items):
            self.visit(cls, item, (loc, i))
            if has_id and isinstance(item, dict):
                value = item.get("id")
                if type(value) is str:
                    first = seen.setdefault(value, i)
                    if first != i:
                        self.problems.append(
                            Problem(
                                "duplicate-id",
                                render(((loc, i), "id")),
                                f"id {value!r} is already used by "
                                f"{render((loc, first))}",
                            )
                        )

    def fail(self, rule: Rule | None, value: str, loc: _Loc) -> None:
        assert rule is not None
        self.problems.append(_rule_problem(rule, value, render(loc)))


def _ids(root: dict[str, Any], collection: str) -> set[str]:
    items = root.get(collection)
    if not isinstance(items, list):
        return set()
    return {
        item["id"]
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _check_refs(walk: _Walk, root: dict[str, Any]) -> list[Problem]:
    ids = {name: _ids(root, name) for name in _REF_COLLECTIONS}
    problems = []
    for loc, collection, value in walk.refs:
        known = ids[collection]
        if value not in known:
            close = close_matches(value, known)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(
                    "dangling-reference",
                    render(loc),
                    f"no item of {collection!r} has id {value!r}{hint}",
                )
            )
    return problems


def _iter_sources(root: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    sources = root.get("sources")
    if isinstance(sources, list):
        for i, source in enumerate(sources):
            if isinstance(source, dict):
                yield f"$.sources[{i}]", source


def _read_sources(
    root: dict[str, Any], base: _texts.TextBase, remember: bool
) -> tuple[dict[str, str | None], list[Problem], bool]:
    """Read and verify shipped texts.

    Returns:
        A mapping from the id of each shipped source to its verified text, or to
        ``None`` when the text cannot be used; the problems found; and whether
        every shipped text could be used.
    """
    texts: dict[str, str | None] = {}
    problems = []
    complete = True
    for path, source in _iter_sources(root):
        sid = source.get("id")
        resource, url, checksum = (source.get(k) for k in ("resource", "url", "sha256"))
        if (resource is None) == (url is None):
            problems.append(
                Problem(
                    "bad-source",
                    path,
                    "a source needs exactly one of 'resource' (a shipped text) and "
                    "'url' (an external page)",
                )
            )
        if isinstance(resource, str):
            text, problem = _read_source(path, resource, checksum, base, remember)
            if problem is not None:
                problems.append(problem)
            complete = complete and text is not None
            if isinstance(sid, str):
                texts[sid] = text
    return texts, problems, complete


def _read_source(
    path: str, resource: str, checksum: Any, base: _texts.TextBase, remember: bool
) -> tuple[str | None, Problem | None]:
    rpath = f"{path}.resource"
    if not _texts.is_plain_relative(resource):
        return None, Problem(
            "bad-source",
            rpath,
            f"{resource!r} is not a plain relative path (like 'sources/text.txt')",
        )
    if not isinstance(checksum, str):
        # A missing checksum is this check's; a wrong type is the converter's.
        if checksum is None:
            return None, Problem(
                "bad-source",
                f"{path}.sha256",
                "a shipped source needs the sha256 of its text",
            )
        return None, None
    try:
        data = _texts.read_resource(base, resource)
    except OSError as exc:
        return None, Problem(
            "source-unreadable", rpath, f"cannot read {resource!r}: {exc}"
        )
    actual = _texts.sha256(data)
    if actual != checksum:
        if not _SHA256.fullmatch(checksum):
            return None, None  # reported as bad-sha256 by the field rules
        return None, Problem(
            "checksum-mismatch",
            f"{path}.sha256",
            f"{resource!r} has sha256 {actual}, not the recorded {checksum}; "
            "evidence in it was not checked",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem(
            "source-unreadable",
            rpath,
            f"{resource!r} is not UTF-8 (byte {exc.start})",
        )
    if remember:
        _texts.remember(actual, text)
    return text, None


def _check_evidence(
    walk: _Walk, root: dict[str, Any], texts: dict[str, str | None]
) -> list[Problem]:
    external = _ids(root, "sources") - texts.keys()
    problems = []
    for loc, ev in walk.evidence:
        get = ev.get
        sid, start, end, exact = get("source"), get("start"), get("end"), get("exact")
        if type(sid) is not str:
            continue  # a wrong type, reported by the converter
        text = texts.get(sid)
        if (  # the common case, first: the quote is where it should be
            text is not None
            and type(start) is int
            and type(end) is int
            and 0 <= start < end <= len(text)
            and text[start:end] == exact
        ):
            continue
        if sid in external:
            problems.append(
                Problem(
                    "evidence-not-shipped",
                    render((loc, "source")),
                    f"source {sid!r} has no shipped text; evidence must point into "
                    "a shipped text (use a citation for external sources)",
                )
            )
            continue
        if text is None:
            continue  # a dangling reference or an unusable text, reported elsewhere
        if type(start) is not int or type(end) is not int or type(exact) is not str:
            continue  # wrong types, reported by the converter
        if not 0 <= start < end <= len(text):
            problems.append(
                Problem(
                    "bad-span",
                    render(loc),
                    f"span {start}..{end} is not a non-empty range within the "
                    f"{len(text)} code points of {sid!r}",
                )
            )
            continue
        if text[start:end] != exact:
            found = text.find(exact) if exact else -1
            hint = (
                f"; the quote occurs at {found}..{found + len(exact)}"
                if found >= 0
                else "; the quote does not occur in the text"
            )
            problems.append(
                Problem(
                    "quote-mismatch",
                    render((loc, "exact")),
                    f"the text at {start}..{end} is {clip(text[start:end])!r}, "
                    f"not the quoted {clip(exact)!r}{hint}",
                )
            )
    return problems


def _check_set(root: dict[str, Any]) -> list[Problem]:
    problems = []
    version = root.get("schema_version")
    if type(version) is int and version != SCHEMA_VERSION:
        problems.append(
            Problem(
                "unsupported-version",
                "$.schema_version",
                f"schema_version {version} is not supported; this release reads "
                f"{SCHEMA_VERSION}",
            )
        )
    proposals = root.get("proposals")
    count = root.get("declared_count")
    if isinstance(proposals, list) and type(count) is int and count != len(proposals):
        problems.append(
            Problem(
                "count-mismatch",
                "$.declared_count",
                f"declared_count is {count} but the set has {len(proposals)} proposals",
            )
        )
    if isinstance(proposals, list):
        for i, proposal in enumerate(proposals):
            number = proposal.get("number") if isinstance(proposal, dict) else None
            if type(number) is int and number != i + 1:
                problems.append(
                    Problem(
                        "bad-numbering",
                        f"$.proposals[{i}].number",
                        f"number is {number}; proposals are numbered 1, 2, ... in "
                        f"order, so this one should be {i + 1}",
                    )
                )
    return problems


def _check_glossary(
    root: dict[str, Any], texts: dict[str, str | None], complete: bool
) -> list[Problem]:
    glossary = root.get("glossary")
    if not isinstance(glossary, list):
        return []
    problems = []
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
                problems.append(
                    Problem(
                        "duplicate-id",
                        f"$.glossary[{i}].canonical",
                        f"term {canonical!r} is already defined by $.glossary[{first}]",
                    )
                )
        variants = term.get("variants")
        if not complete or not isinstance(variants, list):
            continue
        for j, variant in enumerate(variants):
            if isinstance(variant, str) and variant.strip():
                places = wanted.setdefault(variant.casefold(), [])
                places.append((f"$.glossary[{i}].variants[{j}]", variant))
    # Texts are case-folded one at a time, until every variant has been found.
    for text in texts.values():
        if not wanted:
            break
        if text is not None:
            folded = text.casefold()
            wanted = {v: places for v, places in wanted.items() if v not in folded}
    problems.extend(
        Problem(
            "variant-not-found",
            path,
            f"{variant!r} does not occur in any shipped source text",
        )
        for places in wanted.values()
        for path, variant in places
    )
    return problems


def check_data(
    root: Any, base: _texts.TextBase, *, remember: bool = False
) -> list[Problem]:
    """Run every field rule and meaning check on JSON-ready data.

    Args:
        root: The parsed document.
        base: Where shipped source texts are read from.
        remember: Keep the verified texts for
            :meth:`~ma_proposals.ProposalSet.source_text` (the loaders do; a
            plain validation does not, so validating many documents does not
            accumulate their texts).

    Returns:
        The problems found (unsorted). Shape problems (types, keys, enums) are not
        among them: the converter reports those.
    """
    if not isinstance(root, dict):
        return []
    walk = _Walk()
    walk.visit(ProposalSet, root, None)
    texts, source_problems, complete = _read_sources(root, base, remember)
    return [
        *walk.problems,
        *_check_refs(walk, root),
        *source_problems,
        *_check_evidence(walk, root, texts),
        *_check_set(root),
        *_check_glossary(root, texts, complete),
    ]


def oracle_problems(root: Any, base: _texts.TextBase) -> list[Problem]:
    """What ``validate()`` reported for parsed data before the one-pass walk."""
    problems = check_data(root, base)
    _, shape = conversion.structure_problems(root, ProposalSet)
    return [*problems, *shape]
