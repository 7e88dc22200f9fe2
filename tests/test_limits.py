"""Bad input is bounded: capped problems, cheap suggestions, bounded searches.

Each test states a limit that a hostile document or query once got past: a
report that grew with every fault, a "did you mean" computed against every id
for every dangling reference, a search of thousands of terms holding the set's
lock, and data that made validation raise instead of report.
"""

from __future__ import annotations

import copy
import difflib
import gc
import json
import threading
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals import search
from ma_proposals._index import index_of
from ma_proposals._wording import FULL_SEARCH, Suggester, close_matches
from ma_proposals.cli import main
from ma_proposals.validation import MAX_PROBLEMS

from .helpers import DATA, PACKAGED


def _with_bad_topics(raw: dict[str, Any], count: int) -> dict[str, Any]:
    """The packaged document with ``count`` proposals, each naming a missing topic."""
    proposals = []
    for i in range(count):
        p = copy.deepcopy(raw["proposals"][i % 7])
        p.update(id=f"p{i}", number=i + 1, topic=f"no-such-topic-{i}")
        proposals.append(p)
    raw.update(proposals=proposals, declared_count=count, claims=[])
    return raw


# -- Problems are capped ------------------------------------------------------------


def test_problems_beyond_the_cap_are_counted_not_kept(raw: dict[str, Any]) -> None:
    doc = _with_bad_topics(raw, MAX_PROBLEMS + 500)
    report = mp.validate(doc)
    assert len(report.problems) == MAX_PROBLEMS
    assert report.omitted == 500
    assert report.count == MAX_PROBLEMS + 500
    assert not report.valid
    assert {p.code for p in report.problems} == {"dangling-reference"}
    assert mp.validate(doc, max_problems=None).count == MAX_PROBLEMS + 500
    small = mp.validate(doc, max_problems=3)
    assert (len(small.problems), small.omitted) == (3, MAX_PROBLEMS + 497)
    with pytest.raises(mp.ValidationError) as info:
        mp.loads(json.dumps(doc), max_problems=3)
    assert info.value.report == attrs.evolve(small, document="<string>")


def test_the_count_of_the_rest_is_shown(raw: dict[str, Any]) -> None:
    report = mp.validate(_with_bad_topics(raw, 20), max_problems=2)
    lines = report.format().splitlines()
    assert lines[0] == "<object>: 20 problems"
    assert len(lines) == 4
    assert lines[-1] == "  ... and 18 more (only the first 2 were kept)"
    assert report.format(limit=1).splitlines()[-1] == (
        "  ... and 19 more (only the first 2 were kept)"
    )
    assert str(mp.ValidationError(report)).splitlines()[0] == "<object>: 20 problems"


def test_the_cli_shows_the_count_of_the_rest(
    raw: dict[str, Any], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _with_bad_topics(raw, MAX_PROBLEMS + 5)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    for source in raw["sources"]:
        if source.get("resource"):
            (tmp_path / source["resource"]).write_bytes(
                DATA.joinpath(*source["resource"].split("/")).read_bytes()
            )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        f"  ... and 5 more (only the first {MAX_PROBLEMS} were kept)"
    )
    assert main(["validate", "--json", str(path)]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    assert (result["omitted"], len(result["problems"])) == (5, MAX_PROBLEMS)


def test_problems_beyond_the_cap_cost_no_suggestion(
    raw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = Suggester.close

    def counted(self: Suggester, value: object, n: int = 1) -> tuple[str, ...]:
        calls.append(value)
        return real(self, value, n)

    monkeypatch.setattr(Suggester, "close", counted)
    report = mp.validate(_with_bad_topics(raw, 300), max_problems=5)
    assert report.count == 300
    assert len(calls) == 5


# -- Suggestions are cheap and as good as difflib's ---------------------------------

_ids = st.text(alphabet="abcdef-", min_size=1, max_size=10)


@given(st.sets(_ids, max_size=FULL_SEARCH), _ids, st.integers(1, 3))
def test_suggestions_are_difflibs(known: set[str], value: str, n: int) -> None:
    expected = tuple(difflib.get_close_matches(value, sorted(known), n=n))
    assert Suggester(known).close(value, n) == expected
    assert close_matches(value, known, n) == expected


def test_suggestions_among_many_ids_compare_few(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    known = [f"topic-{i:05d}-{'abcdefgh'[i % 8]}" for i in range(20_000)]
    ratios = []
    real = difflib.SequenceMatcher.ratio

    def counted(self: difflib.SequenceMatcher[str]) -> float:
        ratios.append(1)
        return real(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    suggester = Suggester(known)
    assert suggester.close("topic-12345-b") == ("topic-12345-b",)
    assert suggester.close("topic-12345-x") == ("topic-12345-b",)
    assert suggester.close("tpic-12345-b") != ()  # a typo in front: found by suffix
    assert len(ratios) <= 3 * 4 * 32
    ratios.clear()
    assert suggester.close("topic-12345-x") == ("topic-12345-b",)
    assert ratios == []  # remembered


# -- Validation reports, it does not raise ---------------------------------------------


@pytest.mark.parametrize(
    ("place", "code"),
    [
        (("proposals", 0, "evidence", 0, "start"), "out-of-range"),
        (("proposals", 0, "evidence", 0, "end"), "out-of-range"),
        (("declared_count",), "count-mismatch"),
        (("proposals", 1, "number"), "bad-numbering"),
        (("schema_version",), "unsupported-version"),
        (("proposals", 1, "statistics", 0, "value"), "out-of-range"),
    ],
)
def test_huge_integers_are_reported(
    raw: dict[str, Any], place: tuple[Any, ...], code: str
) -> None:
    target = raw
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = 10**5000
    report = mp.validate(raw)
    assert code in {p.code for p in report.problems}
    assert all(len(p.message) < 500 for p in report.problems)


def test_an_integer_key_too_long_to_write_is_reported(raw: dict[str, Any]) -> None:
    raw["proposals"][0][10**5000] = 1  # only data built in code has such keys
    report = mp.validate(raw)
    assert [p.code for p in report.problems] == ["unknown-key"]


def test_the_boundaries_of_64_bits(raw: dict[str, Any]) -> None:
    stat = raw["proposals"][1]["statistics"][0]
    for value, valid in ((2**63 - 1, True), (2**63, False), (-(2**63), True)):
        stat["value"] = value
        assert mp.validate(raw).valid is valid, value


@pytest.mark.parametrize("document", [b"null", b"[]", b"7", b'"x"', b"true"])
def test_a_document_that_is_not_an_object(document: bytes) -> None:
    report = mp.validate(document)
    assert [(p.code, p.path) for p in report.problems] == [("wrong-type", "$")]
    with pytest.raises(mp.ValidationError):
        mp.loads(document)


def test_repeated_references(raw: dict[str, Any]) -> None:
    raw["proposals"][0]["themes"] *= 2
    raw["claims"][1]["proposals"].append(raw["claims"][1]["proposals"][0])
    pairs = [(p.code, p.path) for p in mp.validate(raw).problems]
    n = len(raw["proposals"][0]["themes"]) // 2
    assert pairs == [
        ("duplicate-reference", "$.claims[1].proposals[3]"),
        *(("duplicate-reference", f"$.proposals[0].themes[{n + i}]") for i in range(n)),
    ]


# -- Searches are bounded and do not hold the set's lock ------------------------------


def test_long_queries_are_refused_saying_why() -> None:
    s = mp.load()
    many = " OR ".join(["digital"] * (search.MAX_QUERY_TERMS + 1))
    with pytest.raises(mp.QueryError, match=r"65 terms; at most 64"):
        s.search(many)
    with pytest.raises(mp.QueryError, match=r"characters long; at most 1000"):
        s.search("a" * (search.MAX_QUERY_CHARACTERS + 1))
    assert s.search(" OR ".join(["digital"] * search.MAX_QUERY_TERMS))
    assert s.search('"Greater Bay Area" NOT "Pearl River"', limit=None)


def test_a_query_does_not_wait_for_the_sets_lock() -> None:
    s = attrs.evolve(mp.load(), title="a copy with an index of its own")
    assert s.search("cloud")  # builds the index and one connection
    built: Any = index_of(s).peek("search")
    found: list[tuple[Any, ...]] = []
    with built.lock:  # as if a query held it
        thread = threading.Thread(target=lambda: found.append(s.search("cloud")))
        thread.start()
        thread.join(timeout=30)
    assert found
    assert found[0] == s.search("cloud")


def test_concurrent_queries_agree() -> None:
    s = attrs.evolve(mp.load(), title="another copy")
    words = ["cloud", "digital", "hospital*", '"Greater Bay Area"', "rural"]
    expected = {w: s.search(w, limit=None) for w in words}
    barrier = threading.Barrier(len(words) * 2)
    failures: list[str] = []

    def work(word: str) -> None:
        barrier.wait()
        for _ in range(20):
            if s.search(word, limit=None) != expected[word]:
                failures.append(word)

    threads = [threading.Thread(target=work, args=(w,)) for w in words * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_a_byte_order_mark_does_not_shift_the_reported_byte() -> None:
    for prefix in (b"", b"\xef\xbb\xbf"):
        (problem,) = mp.validate(prefix + b'{"a\xff": 1}').problems
        assert problem.message.startswith(f"byte {len(prefix) + 3} (b'\\xff')")
    assert mp.validate(b"\xef\xbb\xbf" + PACKAGED.read_bytes()).valid


def test_overlapping_reads_share_one_pause_of_the_collector() -> None:
    # Two reads in two threads: the first to finish must not turn the collector
    # back on under the second.
    from ma_proposals import loading

    assert gc.isenabled()
    first, second = loading._gc_paused(), loading._gc_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    from ma_proposals import loading

    gc.disable()
    try:
        with loading._gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
