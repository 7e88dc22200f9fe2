"""Curation: the closest passage of the source to a quote that is not in it.

An unfound quote's problem shows where the source says something most like it,
with the differing characters marked, so that a curator sees the typo at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ma_proposals as mp
from ma_proposals import curation
from ma_proposals.curation import _passages

from .curation_samples import AUTHORING


@pytest.mark.parametrize(
    ("quote", "diff"),
    [
        ("strengthen top level design", "strengthen top[- -]{+-+}level design"),
        ("chairman of Tencent's board", "chairman of [-Tencent's-]{+Tencents+} board"),
        ("数字经济的发展", "数字经济[-的-]发展"),
    ],
)
def test_the_closest_passage_shows_the_differences(quote: str, diff: str) -> None:
    text = (
        "We should strengthen top-level design. He is the chairman of Tencents "
        "board. 促进数字经济发展。"
    )
    passage = _passages.closest(text, quote)
    assert passage is not None
    assert text[passage.start : passage.end] == passage.text
    assert _passages.inline_diff(quote, passage.text) == diff


def test_long_equal_stretches_are_shortened() -> None:
    quote = "a" * 40 + " one " + "b" * 70 + " two " + "c" * 40
    passage = quote.replace("one", "1").replace("two", "2")
    diff = _passages.inline_diff(quote, passage)
    assert diff.startswith("…" + "a" * 29 + " [-one-]{+1+} ")
    assert " " + "b" * 29 + "…" + "b" * 29 + " " in diff
    assert diff.endswith("[-two-]{+2+} " + "c" * 29 + "…")
    # Short stretches are kept whole.
    short = "a" * 30 + " one " + "c" * 30
    assert _passages.inline_diff(short, short.replace("one", "1")) == (
        "a" * 30 + " [-one-]{+1+} " + "c" * 30
    )


def test_a_quote_with_nothing_alike(folder: Path) -> None:
    assert _passages.closest("xyz", "quite different") is None
    text = AUTHORING.replace("one suggestion", "Lorem ipsum dolor sit amet")
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "quote-not-found"
    assert "no passage of it is alike" in problem.message


def test_a_long_quote_is_aligned_only_at_its_beginning(
    article: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Aligning costs the quote's length times the window's: a long quote that
    # is not in its source says where the passage like its beginning starts.
    aligned: list[int] = []
    real = _passages._align

    def align(quote: list[str], window: list[str]) -> tuple[int, int, int]:
        aligned.append(len(quote))
        return real(quote, window)

    monkeypatch.setattr(_passages, "_align", align)
    start = article.index("\nCall for digital technology") + 1  # a line's start
    quote = article[start : start + 6000].replace(" the ", " teh ")
    passage = _passages.closest(article, quote)
    assert passage is not None
    assert passage.partial
    assert passage.start == start
    assert aligned
    assert max(aligned) <= _passages.MAX_ALIGNED
    # A quote of up to MAX_ALIGNED tokens is compared whole, as before.
    short = "".join(_passages._TOKEN.findall(quote)[: _passages.MAX_ALIGNED])
    whole = _passages.closest(article, short)
    assert whole is not None
    assert not whole.partial
    assert whole.end - whole.start >= len(short) - 40

    document = curation.authoring(mp.load())
    document["set"]["proposals"][0]["evidence"] = [quote]
    (problem,) = curation.read(document).report.problems
    line = article.count("\n", 0, start) + 1
    assert problem.code == "quote-not-found"
    assert "too long to compare word by word" in problem.message
    assert f"starts at source line {line}, column 1 (offset {start})" in problem.message
