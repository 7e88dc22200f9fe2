"""Ranked full-text search: FTS5 syntax, glossary expansion, errors, properties."""

from __future__ import annotations

import re
import threading
import time

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals.search import expand_query

S = mp.load()
VOCABULARY = sorted(
    {
        w.casefold()
        for row in S.rows("recommendations")
        for w in re.findall(r"[A-Za-z]{4,}", row.text)
    }
)
MARKED = re.compile(r"\[([^\]]+)\]")


def test_glossary_variants_are_expanded() -> None:
    canonical = S.search("Greater Bay Area", limit=None)
    literal = S.search("Dawan District", limit=None)
    assert canonical == literal  # one group of spellings, either way round
    snippets = " ".join(h.snippet for h in canonical)
    assert "[Great Bay area]" in snippets  # a variant, found in an evidence quote
    assert {h.proposal for h in canonical} == {"gba-marine-ecology"}


def test_search_finds_curated_text_with_stemming() -> None:
    hits = S.search("hospital")  # "hospitals" in the text
    assert hits[0].item == "smart-hospitals"
    assert "construction of smart [hospitals]" in hits[0].snippet


def test_fts5_syntax() -> None:
    phrase = S.search('"digital divide"')[0]
    assert (phrase.field, phrase.item) == ("aim", "digital-rural-revitalization")
    prefix = S.search("regul*")
    assert [h.item for h in prefix] == ["risk-prevention", None]
    assert prefix[1].field == "summary"
    both = S.search("cloud AND platform*", limit=None)
    assert {h.proposal for h in both} == {"sme-relief", "industrial-internet"}
    for hit in both:
        assert "cloud" in hit.text.casefold()
        assert "platform" in hit.text.casefold()
    without = S.search("cloud NOT platform*", limit=None)
    assert "cloud-platforms-and-upgrading" not in {h.item for h in without}
    assert {h.item for h in S.search('CNNIC OR "village platform"', limit=None)} >= {
        "rural-internet-users",
        "wecounty-survey-respondents",
    }


def test_apostrophes_work_through_the_glossary() -> None:
    # A bare apostrophe is not FTS5 syntax; the glossary term "China's" is quoted.
    assert S.search("China's")


@pytest.mark.parametrize(
    "query", ["", "   ", "AND", '"open', "Hong Kong, Macao", "a:b"]
)
def test_malformed_queries_raise_query_error(query: str) -> None:
    with pytest.raises(mp.QueryError) as info:
        S.search(query)
    assert isinstance(info.value, ValueError)


def test_negative_limit_is_an_error() -> None:
    with pytest.raises(mp.QueryError, match="limit"):
        S.search("cloud", limit=-1)


def test_custom_highlight_markers() -> None:
    hit = S.search("hospital", highlight=("<b>", "</b>"))[0]
    assert "construction of smart <b>hospitals</b>" in hit.snippet


def test_expand_query_leaves_longer_phrases_and_syntax_alone() -> None:
    glossary = S.glossary
    assert expand_query('"the Greater Bay Area plan"', glossary) == (
        '"the Greater Bay Area plan"'
    )
    assert expand_query("relief OR rescue*", glossary) == (
        '("relief" OR "rescue") OR rescue*'
    )
    assert expand_query('"relief"', glossary) == '("relief" OR "rescue")'
    assert expand_query("reliefs", glossary) == "reliefs"


def test_index_is_built_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    s = attrs.evolve(S, title="a fresh copy")
    built: list[object] = []
    real = mp.search._SearchIndex

    def counted(proposal_set: mp.ProposalSet) -> object:
        built.append(proposal_set)
        time.sleep(0.01)  # widen the window in which a second build could start
        return real(proposal_set)

    monkeypatch.setattr(mp.search, "_SearchIndex", counted)
    results: list[tuple[mp.search.Hit, ...]] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append(s.search("digital", limit=None))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [s]
    assert len(results) == 8
    assert all(r == results[0] for r in results)
    assert results[0] == S.search("digital", limit=None)


@given(st.sampled_from(VOCABULARY), st.integers(min_value=0, max_value=12))
def test_limit_is_honoured_and_results_are_deterministic(word: str, limit: int) -> None:
    hits = S.search(word, limit=limit)
    assert len(hits) <= limit
    assert hits == S.search(word, limit=limit)
    everything = S.search(word, limit=None)
    assert hits == everything[:limit]
    scores = [h.score for h in everything]
    assert scores == sorted(scores, reverse=True)


@given(st.sampled_from(VOCABULARY), st.booleans())
def test_every_hit_shows_a_query_term_or_a_glossary_variant(
    word: str, prefix: bool
) -> None:
    hits = S.search(word + ("*" if prefix else ""), limit=None)
    assert hits  # every word comes from an indexed recommendation
    spellings = {
        s.casefold() for term in S.glossary for s in (term.canonical, *term.variants)
    }
    for hit in hits:
        marked = [m.casefold() for m in MARKED.findall(hit.snippet)]
        assert marked, hit
        # Porter stemming keeps a word's start: "digitalization" finds "digital",
        # "make" finds "making".
        assert any(m[:3] == word[:3] or m in spellings for m in marked), (word, hit)
