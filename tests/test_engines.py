"""The three ways a document is read agree, and agree with the checks they replaced.

A document is checked and structured by the interpreted walk (small documents),
by the same walk generated as code (large ones), or, when it is valid and
canonical, built while it is parsed by the fast path (see
``src/ma_proposals/_checks.py``). Each test here feeds the same documents to all
of them and requires: the same problems and the same objects from the two walks;
the fast path accepting only documents the walks find valid, building the same
set, and accepting every valid canonical one; and the problems that the checks
before the one-pass walk reported (``tests/oracle.py``), apart from the checks
added since.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals import _compile, _fastpath, _walk, loading
from ma_proposals._checks import check_document
from ma_proposals._fields import Rule, meta
from ma_proposals._jsonparse import parse
from ma_proposals._run import BAD, Run
from ma_proposals._texts import MAX_TEXT_BYTES
from ma_proposals.strategies import Corruption, corruptions, proposal_sets, texts

from .helpers import DATA, PACKAGED, finishes, heavy
from .oracle import oracle_problems
from .test_validation import (
    CORPUS,
    EXPECTED,
    LOCATIONS,
    corpus_document,
    json_values,
    mutated,
)

#: Problem codes added since the oracle's checks: it cannot report them.
#: ``not-utf8`` the oracle reported only while parsing JSON text; the walks
#: also report a lone surrogate in the text of data built in code.
ORACLE_LACKS = frozenset(
    {"out-of-range", "duplicate-reference", "bad-language", "not-utf8"}
)

_ERRNO = re.compile(r"\[Errno \d+\] (?P<reason>.*?)(?:: '.*')?\Z")


def as_now(problem: mp.Problem) -> mp.Problem:
    """An oracle's problem as the checks word it since they were changed.

    A source text that cannot be read is described by the reason alone: the
    message no longer has the error number or the resolved path of the file.
    """
    if problem.code == "source-unreadable":
        match = _ERRNO.search(problem.message)
        if match:
            head = problem.message[: match.start()]
            return attrs.evolve(problem, message=head + match["reason"])
    return problem


SOME = heavy(3)


def _check(
    root: Any, base: Any, engine: str, text_limit: int | None = MAX_TEXT_BYTES
) -> tuple[Any, tuple[mp.Problem, ...]]:
    run = Run(None, text_limit)
    result = check_document(root, base, run, engine=engine)
    return result, mp.Report(run.problems).problems


def agree(
    root: Any,
    base: Any,
    *,
    oracle: bool = True,
    text_limit: int | None = MAX_TEXT_BYTES,
) -> tuple[Any, tuple[Any, ...]]:
    """Run both walks (and the oracle) on parsed data; return the set and problems.

    The oracle reads every text whole, as it did: it is not asked about texts
    that are hostile files or larger than ``text_limit``.
    """
    walked, problems = _check(copy.deepcopy(root), base, "walk", text_limit)
    compiled, compiled_problems = _check(
        copy.deepcopy(root), base, "compiled", text_limit
    )
    assert compiled_problems == problems
    assert compiled == walked
    assert (walked is None) == bool(problems)
    if oracle and root is not None:
        before = mp.Report(
            [as_now(p) for p in oracle_problems(copy.deepcopy(root), base)]
        ).problems
        now = tuple(p for p in problems if p.code not in ORACLE_LACKS)
        assert now == before
    return walked, problems


def agree_on_bytes(
    data: bytes,
    base: Any,
    *,
    oracle: bool = True,
    text_limit: int | None = MAX_TEXT_BYTES,
) -> tuple[Any, tuple[Any, ...]]:
    """Parse, run both walks, and the fast path; all must agree."""
    run = Run(None)
    root = parse(data, None, run)
    walked: Any = None
    problems: tuple[Any, ...] = mp.Report(run.problems).problems
    if not problems:
        walked, problems = agree(root, base, oracle=oracle, text_limit=text_limit)
    for document in (data, _text(data)):
        if document is None:
            continue
        fast = _fastpath.read_fast(
            document, base, remember=False, max_text_bytes=text_limit
        )
        if fast is not None:
            assert not problems
            assert fast == walked
        elif not problems and data == mp.dumps(walked).encode():
            pytest.fail("the fast path refused a valid canonical document")
    return walked, problems


def _text(data: bytes) -> str | None:
    """The document as text, as ``loads(str)`` takes it (if it is UTF-8)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


# -- Documents ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(name: str, tmp_path: Path) -> None:
    case = EXPECTED[name]
    path, fifos = corpus_document(name, tmp_path)
    data = path.read_bytes()
    _, problems = finishes(
        lambda: agree_on_bytes(
            data,
            path.parent,
            oracle=not case.get("make") and "max_text_bytes" not in case,
            text_limit=case.get("max_text_bytes", MAX_TEXT_BYTES),
        ),
        fifos,
    )
    expected = sorted(map(tuple, case["problems"]))
    if "max_bytes" not in case:
        assert sorted((p.code, p.path) for p in problems) == expected


def test_packaged_and_minimal_documents() -> None:
    for path, base in (
        (PACKAGED, DATA),
        (CORPUS.parent / "valid" / "minimal.json", None),
    ):
        folder = Path(str(path)).parent if base is None else base
        walked, problems = agree_on_bytes(path.read_bytes(), folder)
        assert not problems
        assert walked == mp.loads(path.read_bytes(), base=folder)


@SOME
@given(proposal_sets())
def test_generated_sets(s: mp.ProposalSet) -> None:
    walked, problems = agree_on_bytes(mp.dumps(s).encode(), texts(s))
    assert not problems
    assert walked == s


@SOME
@given(corruptions())
def test_corruptions(c: Corruption) -> None:
    _, problems = agree_on_bytes(c.data, c.texts)
    assert [(p.code, p.path) for p in problems] == [(c.code, c.path)]


@given(
    location=st.sampled_from(LOCATIONS),
    action=st.sampled_from(["replace", "delete", "add-key"]),
    value=json_values,
)
def test_single_fault_mutations(
    location: tuple[Any, ...], action: str, value: Any
) -> None:
    doc = mutated(location, action, value)
    agree(doc, DATA)
    agree_on_bytes(json.dumps(doc, ensure_ascii=False, indent=2).encode(), DATA)


@given(json_values)
def test_arbitrary_json(value: Any) -> None:
    agree(value, DATA)
    agree_on_bytes(json.dumps(value).encode(), DATA)


# -- The engines are chosen and used --------------------------------------------------


def test_a_large_document_takes_the_fast_path_and_the_generated_walk(
    raw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Spies, not the modules' state, say which engine read the document: an
    # earlier test may have generated both already.
    fast: list[object] = []
    walks: list[type] = []
    read_fast, compiled = _fastpath.read_fast, _compile.compiled

    def spy_fast(*args: Any, **kwargs: Any) -> Any:
        fast.append(result := read_fast(*args, **kwargs))
        return result

    def spy_compiled(run: Run, root: type) -> Any:
        walks.append(root)
        return compiled(run, root)

    monkeypatch.setattr(_fastpath, "read_fast", spy_fast)
    monkeypatch.setattr(_compile, "compiled", spy_compiled)
    proposals = raw["proposals"]
    many = [
        dict(copy.deepcopy(proposals[i % 7]), id=f"p{i}", number=i + 1)
        for i in range(300)
    ]
    raw["proposals"], raw["declared_count"], raw["claims"] = many, 300, []
    data = json.dumps(raw, ensure_ascii=False).encode()
    s = mp.loads(data)
    assert len(s) == 300
    assert fast == [s]  # read on the fast path alone
    assert walks == []
    raw["proposals"][299]["topic"] = "nope"
    report = mp.validate(json.dumps(raw).encode())
    assert fast[1:] == [None]  # the fast path gives up on an invalid document,
    assert walks == [mp.ProposalSet]  # and the generated walk reports its problems
    assert [(p.code, p.path) for p in report.problems] == [
        ("dangling-reference", "$.proposals[299].topic")
    ]


def test_text_that_utf8_cannot_write_is_not_taken(raw: dict[str, Any]) -> None:
    raw["title"] = "a lone \ud800 surrogate"
    text = json.dumps(raw, ensure_ascii=False)
    assert _fastpath.read_fast(text, DATA, remember=False) is None
    assert [p.code for p in mp.validate(text).problems] == ["not-utf8"]


def test_the_loaders_use_the_same_checks() -> None:
    data = PACKAGED.read_bytes()
    for remember in (False, True):
        result, report = loading.read(
            data, base=DATA, max_bytes=None, remember=remember
        )
        assert report.valid
        assert result == mp.load()


# -- Fields the walks only hand over, classes with their own constructors ------------


def _positive(_: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive")


@attrs.frozen
class Unusual:
    """Kinds the walks leave to the converter, and a constructor that checks."""

    counts: tuple[int, ...] = attrs.field(metadata=meta("Not a kind of the walks."))
    size: int = attrs.field(validator=_positive, metadata=meta("Checked by attrs."))
    tags: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=meta("A factory default.", rule=Rule.ID)
    )
    note: str | None = attrs.field(default=None, kw_only=True, metadata=meta("Named."))


@attrs.frozen
class UnusualRoot:
    """A root holding them."""

    items: tuple[Unusual, ...] = attrs.field(metadata=meta("Items."))


@pytest.mark.parametrize(
    "item",
    [
        {"counts": [1, 2], "size": 3},
        {"counts": [1, 2], "size": 3, "tags": ["a", "b"], "note": "n"},
        {"counts": [1, "2"], "size": 3},
        {"counts": "12", "size": 3},
        {"counts": [1], "size": 0},
        {"counts": [1], "size": -1, "tags": ["Bad"]},
        {"size": 3, "extra": 1},
    ],
)
def test_the_walks_agree_with_the_converter_on_unusual_fields(
    item: dict[str, Any],
) -> None:
    outcomes = []
    for engine in ("walk", "compiled"):
        run = Run(None)
        data = {"items": [copy.deepcopy(item)]}
        if engine == "walk":
            result = _walk.walk(run, UnusualRoot, data)
        else:
            result = _compile.compiled(run, UnusualRoot)(data, None)
        outcomes.append(
            (result, sorted((p.code, p.path, p.message) for p in run.problems))
        )
    assert outcomes[0] == outcomes[1]
    result, problems = outcomes[0]
    shape = mp.conversion.structure_problems({"items": [item]}, UnusualRoot)[1]
    expected = sorted((p.code, p.path, p.message) for p in shape)
    # The converter checks shape; the walks add the field rules (bad-id).
    assert [p for p in problems if p[0] != "bad-id"] == expected
    assert (result is BAD) == bool(problems)
    if not problems:
        assert result == mp.conversion.structure({"items": [item]}, UnusualRoot)
    assert not _fastpath.available(UnusualRoot)  # a kind it does not know
    assert "def c" in _compile.source(UnusualRoot)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1.5])
@pytest.mark.parametrize(
    "place",
    [
        ("year",),
        ("proposals", 1, "statistics", 0, "value"),
        ("proposals", 0, "title_kind"),
        ("proposals", 0, "recommendations", 0, "horizon"),
        ("proposals", 0, "themes"),
        ("proposals", 0, "themes", 0),
        ("title",),
    ],
)
def test_numbers_json_cannot_hold(
    raw: dict[str, Any], place: tuple[Any, ...], value: float
) -> None:
    target = raw
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = value
    _, problems = agree(raw, DATA)  # only data built in code holds them
    assert bool(problems) != (place[-1] == "value" and value == 1.5)


def test_small_texts_hash_alike_without_openssl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import hashlib

    from ma_proposals import _checks

    data = PACKAGED.read_bytes()
    monkeypatch.delitem(sys.modules, "_hashlib")
    assert _checks._sha256(data) == hashlib.sha256(data).hexdigest()
    assert _checks._sha256(b"") == hashlib.sha256(b"").hexdigest()
