"""The state of checking one document, and every problem the checks can report.

A :class:`Collector` collects problems up to a cap: beyond it, problems are
only counted, without building their paths, messages or suggestions, so that a
document with a million faults costs about what a valid one of its size does.
The engine (:mod:`._structure`) calls the methods here only when something is
wrong; the valid path never builds a path or a message.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ._plan import INT_MAX, INT_MIN, class_plan
from ._source_texts import MAX_TEXT_BYTES, MAX_TOTAL_TEXT_BYTES
from .problems import Problem

if TYPE_CHECKING:
    import enum
    from collections.abc import Iterable

    from ._fields import Rule
    from ._plan import ClassPlan, FieldPlan
    from ._wording import Suggester

__all__ = [
    "BAD",
    "Collector",
    "Loc",
    "find_surrogate",
    "json_type",
    "render",
    "show_int",
]

#: What the engine returns for a value it could not structure.
BAD: Any = type("Bad", (), {"__repr__": lambda self: "BAD", "__slots__": ()})()


#: Finds a lone surrogate in a string (which UTF-8 cannot encode): only text
#: built in code holds one (JSON text is checked while it is parsed).
def find_surrogate(text: str) -> re.Match[str] | None:
    """Where ``text`` holds a lone surrogate (compiled by re at first use)."""
    return re.search("[\ud800-\udfff]", text)


# A location in the document while walking it: ``None`` for the root, else
# ``(parent, key)``. Rendered as a JSONPath only when a problem needs it.
Loc = tuple[Any, Any] | None


def render(loc: Loc) -> str:
    """The JSONPath of a location."""
    from ._paths import member  # only when a problem needs it

    parts = []
    while loc is not None:
        loc, key = loc
        parts.append(f"[{key}]" if type(key) is int else member("", _key(key)))
    return "$" + "".join(reversed(parts))


def _key(key: object) -> str:
    """A key as text: only data built in code has keys that are not strings."""
    if isinstance(key, str):
        return key
    if isinstance(key, int):
        return show_int(key)
    try:
        return str(key)
    except Exception:  # a str() that fails
        return f"<{type(key).__name__}>"


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:  # a repr that fails, or an integer too long to write
        return f"<{type(value).__name__}>"


def show_int(value: int) -> str:
    """An integer for a message; one too long to write in full is described."""
    if value.bit_length() <= 1024:
        return str(value)
    return f"{'-' if value < 0 else ''}<an integer of {value.bit_length()} bits>"


class InCode:
    """A value of a set built in code that the model does not allow there.

    :func:`~ma_proposals.validate` turns a set built in code into data for the
    checks. A value of the wrong Python type in a field that holds model objects,
    tuples or enum members (a dict where a :class:`~ma_proposals.Claim` belongs,
    a list for a tuple, a string for a member) would read as valid data; it is
    wrapped in this instead, so that the checks report it as the wrong type.
    """

    __slots__ = ("value", "wanted")

    def __init__(self, value: object, wanted: str) -> None:
        self.value = value
        self.wanted = wanted


def json_type(value: object) -> str:
    """The JSON type of a value, as messages name it."""
    if isinstance(value, InCode):
        return (
            f"a Python {type(value.value).__name__} (a set built in code needs "
            f"{value.wanted} here)"
        )
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Collector:
    """Problems found so far (capped) and what the cross checks need."""

    __slots__ = (
        "cap",
        "complete",
        "external",
        "flag",
        "known",
        "nbad",
        "omitted",
        "parsed",
        "problems",
        "suggesters",
        "text_limit",
        "texts",
        "total_limit",
        "valid",
    )

    def __init__(
        self,
        cap: int | None,
        text_limit: int | None = MAX_TEXT_BYTES,
        total_limit: int | None = MAX_TOTAL_TEXT_BYTES,
    ) -> None:
        self.cap = cap
        #: The largest source text read, in bytes (``None``: no limit).
        self.text_limit = text_limit
        #: The most bytes of distinct source texts read in all (``None``: no
        #: limit).
        self.total_limit = total_limit
        self.problems: list[Problem] = []
        self.omitted = 0
        #: How many objects could not be structured.
        self.nbad = 0
        #: Whether a problem was found: from then on, objects are no longer
        #: built, only checked.
        self.flag = False
        #: Verified texts of shipped sources by source id (``None``: unusable).
        self.texts: dict[str, str | None] = {}
        #: Ids of sources that have no shipped text.
        self.external: set[str] = set()
        #: Whether every shipped text could be used.
        self.complete = True
        #: The string ids of each collection that references can name.
        self.known: dict[str, set[str]] = {}
        #: Per (collection, rule), the known ids that also follow the rule.
        self.valid: dict[tuple[str, Rule | None], set[str]] = {}
        self.suggesters: dict[str, Suggester] = {}
        #: Whether the data was parsed from JSON text here, which reported
        #: every lone surrogate already (keys included).
        self.parsed = False

    @property
    def failed(self) -> bool:
        """Whether any problem was found."""
        return bool(self.problems) or self.omitted > 0

    def room(self) -> bool:
        """Whether one more problem is kept (else it is only counted)."""
        self.flag = True
        if self.cap is None or len(self.problems) < self.cap:
            return True
        self.omitted += 1
        return False

    def add(self, problem: Problem) -> None:
        """Keep ``problem`` if there is room, else count it."""
        if self.room():
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def valid_ids(self, collection: str, rule: Rule | None) -> set[str]:
        """The ids of ``collection`` that a reference following ``rule`` may name."""
        key = (collection, rule)
        try:
            return self.valid[key]
        except KeyError:
            pass
        from ._fields import rule_test

        known = self.known.get(collection, set())
        test = None if rule is None else rule_test(rule)
        valid = {i for i in known if test is None or test(i)}
        return self.valid.setdefault(key, valid)

    # -- Shape --------------------------------------------------------------------

    def wrong_type(self, loc: Loc, expected: str, value: object) -> None:
        if self.room():
            message = f"expected {expected}, got {json_type(value)}"
            self.problems.append(Problem("wrong-type", render(loc), message))

    def missing(self, loc: Loc, name: str) -> None:
        if self.room():
            path = render((loc, name))
            self.problems.append(
                Problem("missing-key", path, "required key is missing")
            )

    def unknown(self, plan: ClassPlan, data: dict[Any, Any], loc: Loc) -> None:
        extra = [key for key in data if key not in plan.names]
        if not extra:
            return
        from ._paths import member
        from ._wording import Suggester

        suggester = None
        for key in sorted(extra, key=_key):
            if not self.room():
                continue
            if suggester is None:
                suggester = Suggester(f.name for f in plan.fields)
            close = suggester.close(key)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.problems.append(
                Problem(
                    "unknown-key",
                    member(render(loc), _key(key)),
                    f"unknown key {_safe_repr(key)} in {plan.cls.__name__}{hint}",
                )
            )

    def lone_surrogate(self, loc: Loc, value: str) -> None:
        """A string (of data built in code) holds a lone surrogate."""
        if self.parsed or not self.room():
            return
        found = find_surrogate(value)
        what = f"{found.group()!r} at {found.start()}" if found else "one"
        self.problems.append(
            Problem(
                "not-utf8",
                render(loc),
                f"text holds a lone surrogate ({what}), which is not a character: "
                "UTF-8 cannot encode it, so no export could write it",
            )
        )

    def bad_enum(self, loc: Loc, values: dict[Any, enum.Enum], value: str) -> None:
        if self.room():
            allowed = ", ".join(repr(v) for v in values)
            message = f"expected one of {allowed}, got {value!r}"
            self.problems.append(Problem("bad-enum", render(loc), message))

    def not_finite(self, loc: Loc, value: float) -> None:
        # JSON cannot hold it; only data built in code can.
        if self.room():
            message = f"expected a finite number, got {value}"
            self.problems.append(Problem("wrong-type", render(loc), message))

    def out_of_range(self, loc: Loc, value: int) -> None:
        if self.room():
            self.problems.append(
                Problem(
                    "out-of-range",
                    render(loc),
                    f"{show_int(value)} does not fit in a signed 64-bit integer "
                    f"({INT_MIN} to {INT_MAX})",
                )
            )

    def finite(self, loc: Loc, value: object) -> None:
        """Report a float that JSON cannot hold (only data built in code has one)."""
        if isinstance(value, float) and not math.isfinite(value):
            self.not_finite(loc, value)

    def constructor(self, exc: Exception, loc: Loc, cls: type) -> None:
        """A model class's own constructor refused the checked values."""
        if self.room():
            message = f"invalid value for {cls.__name__}: {_key(exc)}"
            self.problems.append(Problem("wrong-type", render(loc), message))

    # -- Field rules and meaning ------------------------------------------------------

    def rule(self, rule: Rule, value: str, loc: Loc) -> None:
        if self.room():
            self.problems.append(_rule_problem(rule, value, render(loc)))

    def reference(self, loc: Loc, field: FieldPlan, value: str) -> None:
        """A reference that names no valid id: a rule problem, or dangling."""
        if field.rule is not None and field.test is not None and not field.test(value):
            self.rule(field.rule, value, loc)
            return
        if not self.room():
            return
        collection = field.ref
        assert collection is not None  # only fields with a reference get here
        suggester = self.suggesters.get(collection)
        if suggester is None:
            from ._wording import Suggester

            suggester = Suggester(self.known.get(collection, ()))
            self.suggesters[collection] = suggester
        close = suggester.close(value)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problems.append(
            Problem(
                "dangling-reference",
                render(loc),
                f"no item of {collection!r} has id {value!r}{hint}",
            )
        )

    def duplicate_references(self, values: list[Any], loc: Loc) -> None:
        """Report each reference that repeats an earlier one in the same list."""
        seen: dict[str, int] = {}
        for i, value in enumerate(values):
            if isinstance(value, str):
                first = seen.setdefault(value, i)
                if first != i and self.room():
                    self.problems.append(
                        Problem(
                            "duplicate-reference",
                            render((loc, i)),
                            f"{value!r} is already listed at {render((loc, first))}; "
                            "each id may be named once",
                        )
                    )

    def duplicate_ids(self, items: list[Any], loc: Loc) -> None:
        """Report each item whose id is used by an earlier item of the list."""
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if isinstance(item, dict):
                value = item.get("id")
                if isinstance(value, str):
                    first = seen.setdefault(value, i)
                    if first != i and self.room():
                        self.problems.append(
                            Problem(
                                "duplicate-id",
                                render(((loc, i), "id")),
                                f"id {value!r} is already used by "
                                f"{render((loc, first))}",
                            )
                        )

    def missing_evidence(self, loc: Loc, cls: type) -> None:
        if self.room():
            # Name only the keys the class has: a Topic has no citations.
            plan = class_plan(cls)
            keys = " or ".join(plan.keys[i] for i in plan.support)
            self.problems.append(
                Problem(
                    "missing-evidence",
                    render(loc),
                    f"{cls.__name__} has no {keys}; every curated item must point "
                    "at what supports it",
                )
            )

    def evidence(self, data: dict[str, Any], loc: Loc) -> None:
        """Say why an evidence span is not where its quote is.

        The engine compares every span with its text; it calls this only for
        one that is not plainly in its place.
        """
        get = data.get
        sid, start, end, exact = get("source"), get("start"), get("end"), get("exact")
        if type(sid) is not str:
            return  # a wrong type, reported by the shape checks
        text = self.texts.get(sid)
        if sid in self.external:
            if self.room():
                self.problems.append(
                    Problem(
                        "evidence-not-shipped",
                        render((loc, "source")),
                        f"source {sid!r} has no shipped text; evidence must point "
                        "into a shipped text (use a citation for external sources)",
                    )
                )
            return
        if text is None:
            return  # a dangling reference or an unusable text, reported elsewhere
        if type(start) is not int or type(end) is not int or type(exact) is not str:
            return  # wrong types, reported by the shape checks
        if not 0 <= start < end <= len(text):
            if self.room():
                self.problems.append(
                    Problem(
                        "bad-span",
                        render(loc),
                        f"span {show_int(start)}..{show_int(end)} is not a non-empty "
                        f"range within the {len(text)} code points of {sid!r}",
                    )
                )
            return
        if self.room():
            from ._wording import clip

            found = text.find(exact) if exact else -1
            hint = (
                f"; the quote occurs at {found}..{found + len(exact)}"
                if found >= 0
                else "; the quote does not occur in the text"
            )
            self.problems.append(
                Problem(
                    "quote-mismatch",
                    render((loc, "exact")),
                    f"the text at {start}..{end} is {clip(text[start:end])!r}, "
                    f"not the quoted {clip(exact)!r}{hint}",
                )
            )


def _rule_problem(rule: Rule, value: str, path: str) -> Problem:
    """The problem of a string that does not follow ``rule``."""
    from ._fields import Rule

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
    if rule is Rule.LANGUAGE:
        return Problem(
            "bad-language",
            path,
            f"{value!r} is not a BCP 47 language tag (e.g. 'en', 'zh-Hant', "
            "'pt-BR'; subtags are joined by hyphens)",
        )
    return Problem(
        "bad-sha256", path, f"{value!r} is not 64 lowercase hexadecimal digits"
    )
