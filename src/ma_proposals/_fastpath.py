"""The fast path: valid canonical documents built while they are parsed.

The standard JSON parser calls ``object_pairs_hook`` with the key/value pairs of
each object, innermost first. The hook generated here recognises the model
class of each object by its keys (a canonical document, as :func:`~ma_proposals.dumps`
writes it, has every key of its class in the model's order), checks every value
as the walks do, and builds the model object at once: no dictionaries are built,
then walked, then dropped. What needs the whole document (references, evidence
against the source texts, numbering, the glossary) is checked when the parse
ends.

This path only accepts. At the first thing it does not expect (a key order it
does not know, a wrong type, a broken rule, anything) it gives up, and the
document is read again by the walk (:mod:`._checks`), which locates and reports
every problem. So it needs no paths and no messages, and it cannot change what
is reported: the test suite checks that it accepts exactly the documents that
the walk finds valid, and builds the same objects.
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

import attrs

from ._compile import Writer
from ._fields import Rule
from ._jsonparse import decode, finite_float, reject_constant, surrogate_escape
from ._plan import Kind, rule_test
from ._run import Run
from ._texts import MAX_TEXT_BYTES, keep
from .model import SCHEMA_VERSION, Evidence, ProposalSet, Source

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from . import _texts
    from ._plan import ClassPlan, FieldPlan

__all__ = ["available", "read_fast"]


class GiveUp(Exception):  # noqa: N818 - not an error: a signal to take the walk
    """The fast path does not take this document."""


class _Raw:
    """An object whose keys fit more than one class: its parent decides."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs


def _resolve(value: Any, handler: Callable[[Any], Any], keys: tuple[str, ...]) -> Any:
    # The handler trusts the keys that the hook's lookup compared: compare all.
    if value.__class__ is _Raw and tuple([k for k, _ in value.pairs]) == keys:
        return handler(value.pairs)
    raise GiveUp


@attrs.frozen
class _Generated:
    """The generated code of one root class."""

    #: Called with one document's callbacks and state, returns the parse hook
    #: and the handler of the root object.
    factory: Callable[..., tuple[Callable[[Any], Any], Callable[[Any], Any]]]
    #: The (collection, rule) of every reference the hook collects.
    refs: tuple[tuple[str, Rule | None], ...]


_lock = threading.Lock()
_factories: dict[type, _Generated | None] = {}


def available(root: type = ProposalSet) -> bool:
    """Whether the model can be read by the fast path (every kind is known)."""
    return _factory(root) is not None


def _factory(root: type) -> _Generated | None:
    try:
        return _factories[root]
    except KeyError:
        pass
    with _lock:
        if root not in _factories:
            _factories[root] = _generate(root)
        return _factories[root]


def _generate(root: type) -> _Generated | None:
    w = Writer(root)
    if any(f.kind is Kind.OTHER for plan in w.plans for f in plan.fields):
        return None  # a kind only the converter structures: always walk
    w.consts.update(GIVE_UP=GiveUp, RESOLVE=_resolve, RAW=_Raw)
    lookup = _Lookup(w)
    body: list[str] = []
    refs: dict[tuple[str, Rule | None], str] = {}
    inline: list[str] = []  # the spans' handler, the commonest, inside the hook
    for plan in w.plans:
        name = w.names[plan.cls]
        w.lines = []
        _handler(w, plan, refs, lookup.trusted.get(name, set()))
        body.extend(w.lines)
        if plan.cls is Evidence and lookup.by_last.get(plan.fields[-1].name) == name:
            # The hook finds it by its last key alone: handle it there.
            inline = [
                f"        if last == {plan.fields[-1].name!r}:",
                *("    " + line for line in w.lines[1:]),
            ]
    head = [
        "def factory(EVIDENCE, SOURCE, TEXTS, REFS):",
        *(f"    {var} = REFS[KEYS[{i}]]" for i, var in enumerate(refs.values())),
    ]
    w.consts["KEYS"] = list(refs)
    tail = [
        f"    FULL = {_literal(lookup.full)}",
        f"    LAST = {_literal(lookup.by_last)}",
        "    def hook(pairs):",
        "        try:",
        "            last = pairs[-1][0]",
        "        except IndexError:",
        "            return FULL.get((), RAW)(pairs)",
        *inline,
        "        try:",
        "            handle = LAST[last]",
        "            if handle.__class__ is dict:",
        "                handle = handle[pairs[1][0]]",
        "        except (KeyError, IndexError):",
        "            return FULL.get(tuple([p[0] for p in pairs]), RAW)(pairs)",
        "        return handle(pairs)",
        f"    return hook, {w.names[root]}",
        "",
    ]
    text = "\n".join([*head, *body, *tail])
    namespace = dict(w.consts)
    filename = f"<ma_proposals generated fast path {root.__qualname__}>"
    exec(compile(text, filename, "exec"), namespace)
    return _Generated(namespace["factory"], tuple(refs))


class _Lookup:
    """How the hook finds the handler of an object from its keys.

    By the last key, or where classes share it, by the second key too; failing
    that, by all the keys. Where all the keys are shared, the object waits for
    its parent, which knows its class. A handler need not compare again the
    keys its lookup compared.
    """

    def __init__(self, w: Writer) -> None:
        handlers: dict[tuple[str, ...], list[str]] = {}  # keys in order -> handlers
        for plan in w.plans:
            if plan.fields:
                keys = tuple(f.name for f in plan.fields)
                handlers.setdefault(keys, []).append(w.names[plan.cls])
        #: Every class's keys in order -> its handler, or ``RAW`` if shared.
        self.full = {
            keys: names[0] if len(names) == 1 else "RAW"
            for keys, names in handlers.items()
        }
        signatures: dict[str, dict[tuple[str, ...], str]] = {}
        for keys, name in self.full.items():
            signatures.setdefault(keys[-1], {})[keys] = name
        #: Last key -> the handler, or a mapping of the second key to it.
        self.by_last: dict[str, str | dict[str, str]] = {}
        #: Handler -> the positions of the keys that its lookup compared.
        self.trusted: dict[str, set[int]] = {}
        for last, found in signatures.items():
            if len(found) == 1:
                ((keys, name),) = found.items()
                if name != "RAW":
                    self.by_last[last] = name
                    self.trusted[name] = {len(keys) - 1}
            else:
                self.by_last[last] = self._by_second(found)

    def _by_second(self, found: dict[tuple[str, ...], str]) -> dict[str, str]:
        second: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for keys, name in found.items():
            if len(keys) > 1:
                second.setdefault(keys[1], []).append((keys, name))
        table = {}
        for key, candidates in second.items():
            if len(candidates) == 1 and candidates[0][1] != "RAW":
                keys, name = candidates[0]
                table[key] = name
                self.trusted[name] = {1, len(keys) - 1}
        return table


def _literal(names: Mapping[Any, str | Mapping[str, str]]) -> str:
    """A dict of handlers as source: ``{key: handler, ...}``, nested if needed."""
    items = (
        f"{key!r}: {value if isinstance(value, str) else _literal(value)}"
        for key, value in names.items()
    )
    return f"{{{', '.join(items)}}}"


def _handler(
    w: Writer,
    plan: ClassPlan,
    refs: dict[tuple[str, Rule | None], str],
    trusted: set[int],
) -> None:
    cls = plan.cls
    name = w.names[cls]
    c = w.const(f"{name}_cls", cls)
    fields = plan.fields
    w.emit(4, f"def {name}(pairs):  # {cls.__module__}.{cls.__qualname__}")
    if not fields:
        w.emit(8, "raise GIVE_UP")
        return
    unpack = ", ".join(f"(k{k}, v{k})" for k in range(len(fields)))
    keys = " or ".join(
        f"k{k} != {f.name!r}" for k, f in enumerate(fields) if k not in trusted
    )
    w.emit(8, f"{unpack}{',' if len(fields) == 1 else ''} = pairs")
    if keys:
        w.emit(8, f"if {keys}:", "    raise GIVE_UP")
    for k, f in enumerate(fields):
        indent = 8
        if f.optional:
            w.emit(indent, f"if v{k} is not None:")
            indent += 4
        # A span's source and offsets are checked against its text (so the
        # source is a known one, the offsets in range).
        spans = cls is Evidence and f.name in ("source", "start", "end")
        _check(w, name, k, f, indent, refs, spans=spans)
    if plan.support:
        test = " and ".join(
            f"not v{k}"
            for k, f in enumerate(fields)
            if f.name in {s.name for s in plan.support}
        )
        w.emit(8, f"if {test}:", "    raise GIVE_UP")
    if plan.setters is not None:
        w.emit(8, f"o = NEW({c})")
        for k, setter in enumerate(plan.setters):
            w.emit(8, f"{w.const(f'{name}_s{k}', setter)}(o, v{k})")
    elif plan.positional:
        w.emit(8, f"o = {c}({', '.join(f'v{k}' for k in range(len(fields)))})")
    else:
        w.emit(
            8, f"o = {c}({', '.join(f'{f.alias}=v{k}' for k, f in enumerate(fields))})"
        )
    if cls is Evidence:
        _evidence(w, plan)
    elif cls is Source:
        w.emit(8, "SOURCE(o)")
    w.emit(8, "return o")


def _evidence(w: Writer, plan: ClassPlan) -> None:
    """Check a span now if its text is known, else when the parse ends."""
    names = [f.name for f in plan.fields]
    s, b, e, x = (f"v{names.index(n)}" for n in ("source", "start", "end", "exact"))
    # t[b:e] == x and 0 <= b < e <= len(t): the quote is not empty, starts at
    # b, in the text, and ends at e.
    w.emit(
        8,
        f"t = TEXTS.get({s})",
        "if t is None:",
        "    EVIDENCE(o)",
        f"elif (not {x} or {b} < 0 or {b} + len({x}) != {e}",
        f"        or not t.startswith({x}, {b})):",
        "    raise GIVE_UP",
    )


def _check(
    w: Writer,
    name: str,
    k: int,
    f: FieldPlan,
    i: int,
    refs: dict[tuple[str, Rule | None], str],
    *,
    spans: bool = False,
) -> None:
    v = f"v{k}"
    kind = f.kind
    give_up = "    raise GIVE_UP"
    if kind is Kind.STR:
        w.emit(i, f"if {v}.__class__ is not str:", give_up)
        if not spans:
            _string(w, name, k, f, i, v, refs)
    elif kind is Kind.STRS:
        w.emit(i, f"if {v}.__class__ is not list:", give_up)
        w.emit(
            i,
            f"for s in {v}:",
            "    if s.__class__ is not str:",
            "        raise GIVE_UP",
        )
        if f.ref is not None:
            # Named ids are checked when the parse ends; none may repeat.
            var = refs.setdefault((f.ref, f.rule), f"R{len(refs)}")
            w.emit(
                i,
                f"{var}.extend({v})",
                f"if len({v}) > 1 and len(set({v})) != len({v}):",
                give_up,
            )
        elif f.rule is not None:
            w.emit(i, f"for s in {v}:")
            _string(w, name, k, f, i + 4, "s", refs)
        w.emit(i, f"{v} = tuple({v})")
    elif kind is Kind.OBJ:
        sub, plan = w.item(f)
        cls = w.const(f"{sub}_cls", plan.cls)
        keys = w.const(f"{sub}_keys", tuple(g.name for g in plan.fields))
        w.emit(
            i,
            f"if {v}.__class__ is not {cls}:",
            f"    {v} = RESOLVE({v}, {sub}, {keys})",
        )
    elif kind is Kind.OBJS:
        sub, plan = w.item(f)
        cls = w.const(f"{sub}_cls", plan.cls)
        keys = w.const(f"{sub}_keys", tuple(g.name for g in plan.fields))
        w.emit(
            i,
            f"if {v}.__class__ is not list:",
            give_up,
            f"for x in {v}:",
            f"    if x.__class__ is not {cls}:",
            f"        {v} = [x if x.__class__ is {cls} else RESOLVE(x, {sub}, {keys})",
            f"              for x in {v}]",
            "        break",
            f"{v} = tuple({v})",
        )
        if plan.has_id:
            w.emit(
                i,
                f"if len({v}) > 1 and len({{x.id for x in {v}}}) != len({v}):",
                give_up,
            )
    elif kind is Kind.INT and spans:
        w.emit(i, f"if {v}.__class__ is not int:", give_up)
    elif kind is Kind.INT:
        w.emit(
            i, f"if {v}.__class__ is not int or not INT_MIN <= {v} <= INT_MAX:", give_up
        )
    elif kind is Kind.NUM:
        w.emit(
            i,
            f"if {v}.__class__ is int:",
            f"    if not INT_MIN <= {v} <= INT_MAX:",
            "        raise GIVE_UP",
            f"elif {v}.__class__ is not float:",
            give_up,
        )
    elif kind is Kind.BOOL:
        w.emit(i, f"if {v} is not True and {v} is not False:", give_up)
    elif kind is Kind.ENUM:
        values = w.const(f"{name}_e{k}", f.enum_values)
        w.emit(
            i,
            f"{v} = {values}.get({v}) if {v}.__class__ is str else None",
            f"if {v} is None:",
            give_up,
        )
    else:  # pragma: no cover - excluded by _generate
        w.emit(i, "raise GIVE_UP")


def _string(
    w: Writer,
    name: str,
    k: int,
    f: FieldPlan,
    i: int,
    v: str,
    refs: dict[tuple[str, Rule | None], str],
) -> None:
    if f.ref is not None:
        # Checked when the parse ends: the id must be a known one that follows
        # the rule.
        var = refs.setdefault((f.ref, f.rule), f"R{len(refs)}")
        w.emit(i, f"{var}.append({v})")
    elif f.rule is Rule.TEXT:
        w.emit(i, f"if not {v} or {v}.isspace():", "    raise GIVE_UP")
    elif f.rule is not None:
        test = w.const(f"{name}_t{k}", f.test)
        w.emit(i, f"if not {test}({v}):", "    raise GIVE_UP")


# -- Reading ------------------------------------------------------------------------


def read_fast(
    data: str | bytes,
    base: _texts.TextBase,
    *,
    remember: bool,
    root: type = ProposalSet,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
) -> Any:
    """The set, if the fast path takes the document and it is valid; else ``None``.

    ``None`` says nothing about the document: the walk decides.
    """
    factory = _factory(root)
    if factory is None:
        return None
    try:
        if isinstance(data, bytes):
            text = decode(data)
        else:
            data.encode("utf-8")  # text that UTF-8 cannot write is refused
            text = data
    except UnicodeError:
        return None
    if surrogate_escape(data):
        return None
    evidence: list[Any] = []
    refs: dict[tuple[str, Rule | None], list[str]] = {key: [] for key in factory.refs}
    texts: dict[str, str] = {}

    def source(obj: Any) -> None:
        """Read and verify a shipped text as soon as its source is parsed."""
        from ._checks import read_shipped

        if (obj.resource is None) == (obj.url is None):
            raise GiveUp
        if obj.resource is not None:
            read = read_shipped(
                "$", obj.resource, obj.sha256, base, remember, limit=max_text_bytes
            )
            if read.text is None or read.problem is not None:
                raise GiveUp
            texts[obj.id] = read.text

    hook, handle_root = factory.factory(evidence.append, source, texts, refs)
    try:
        result = json.loads(
            text,
            object_pairs_hook=hook,
            parse_constant=reject_constant,
            parse_float=finite_float,
        )
        if result.__class__ is _Raw:
            result = handle_root(result.pairs)
        if result.__class__ is not root or not _finish(result, texts, evidence, refs):
            return None
    except Exception:  # anything at all: the walk reads it and says why
        return None
    if remember:
        keep(result, texts)
    return result


def _finish(
    s: Any,
    texts: dict[str, str],
    evidence: list[Any],
    refs: dict[tuple[str, Rule | None], list[str]],
) -> bool:
    """The checks that need the whole document; true if all pass."""
    from ._checks import _check_glossary

    # Spans were checked against the texts of sources: of the set's sources.
    if not {x.id for x in s.sources}.issuperset(texts):
        return False
    for ev in evidence:  # spans read before their source
        t = texts.get(ev.source)
        start, end, exact = ev.start, ev.end, ev.exact
        if t is None or not 0 <= start < end <= len(t) or t[start:end] != exact:
            return False
    for (collection, rule), values in refs.items():
        known = {x.id for x in getattr(s, collection)}
        test = None if rule is None else rule_test(rule)
        valid = known if test is None else {i for i in known if test(i)}
        if not valid.issuperset(values):
            return False
    if s.schema_version != SCHEMA_VERSION or s.declared_count != len(s.proposals):
        return False
    if any(p.number != i for i, p in enumerate(s.proposals, 1)):
        return False
    if s.glossary:
        run = Run(1)
        run.texts.update(texts)
        terms = [
            {"canonical": t.canonical, "variants": list(t.variants)} for t in s.glossary
        ]
        _check_glossary({"glossary": terms}, run)
        return not run.failed
    return True
