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
    # The proposal on the Greater Bay Area, and a claim about the whole set.
    assert {h.proposal for h in canonical} == {"gba-marine-ecology", None}
    assert [h.item for h in canonical if h.proposal is None] == ["key-year"]


@pytest.mark.parametrize(
    "query",
    [
        "大湾区",  # the term's Chinese form
        '"大湾区"',
        "Great Bay area",
        '"Guangdong, Hong Kong and Macao Bay area"',  # punctuation: a phrase
        "greater bay area",  # any case
    ],
)
def test_every_spelling_of_a_term_finds_the_same_passages(query: str) -> None:
    assert S.search(query, limit=None) == S.search("Greater Bay Area", limit=None)


def test_a_chinese_query_finds_the_english_passages() -> None:
    for term in S.glossary:
        if term.zh is None:
            continue
        english = S.search(f'"{term.canonical}"', limit=None)
        assert S.search(term.zh, limit=None) == english, term
    hits = S.search("纾困 AND digital", limit=None)  # relief, rescue
    assert {h.proposal for h in hits} == {"sme-relief"}


def test_a_blank_chinese_form_is_not_a_spelling() -> None:
    term = attrs.evolve(S.glossary[0], zh=" ")
    assert expand_query("a  b", (term,)) == "a  b"
    assert expand_query("Dawan District", (term,)).count(" OR ") == 3


def test_claims_about_the_whole_set_are_searched() -> None:
    hits = S.search('"two sessions"', limit=None)
    assert [(h.proposal, h.field, h.item) for h in hits] == [
        (None, "claim", "seven-proposals")
    ]
    for claim in S.claims:
        words = " ".join(re.findall(r"\w+", claim.text)[:5])
        found = S.search(f'"{words}"', limit=None)
        assert (None, "claim", claim.id) in {
            (h.proposal, h.field, h.item) for h in found
        }
    filtered = S.filter(topic="fintech")  # a view keeps the set's claims
    assert filtered.search('"two sessions"')[0].item == "seven-proposals"


def test_a_hit_says_whether_its_snippet_is_curated_or_quoted() -> None:
    # The article's "Tencents for the village platform" is a quote only.
    (quoted,) = [
        h
        for h in S.search("village platform", limit=None)
        if h.item == "wecounty-survey-respondents"
    ]
    assert quoted.snippet_from == "quote"
    assert "Tencents [for the village platform]" in quoted.snippet
    assert "Tencents" not in quoted.text
    curated = S.search("smart hospital*", limit=1)[0]
    assert curated.snippet_from == "curated"
    assert curated.snippet.replace("[", "").replace("]", "") in curated.text


QUOTES = "\n".join(row.exact for row in S.rows("evidence"))


@given(st.sampled_from([*VOCABULARY, "rescue", "Dawan", "Chinas", "two sessions"]))
def test_a_snippet_is_from_where_its_hit_says(word: str) -> None:
    markers = ("\ue000", "\ue001")  # characters the set does not hold
    for hit in S.search(word, limit=None, highlight=markers):
        excerpt = hit.snippet.replace(markers[0], "").replace(markers[1], "")
        excerpt = excerpt.removeprefix("…").removesuffix("…")
        if hit.snippet_from == "quote":
            assert excerpt not in hit.text, hit
            assert excerpt in QUOTES, hit
        else:
            assert hit.snippet_from == "curated"
            details = hit.field in ("statistic", "recommendation")
            assert excerpt in hit.text or details, hit


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
        '("relief" OR "rescue" OR "纾困") OR rescue*'
    )
    assert expand_query('"relief"', glossary) == '("relief" OR "rescue" OR "纾困")'
    assert expand_query("纾困企业", glossary) == "纾困企业"  # a longer word
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


def test_divergences_are_searched() -> None:
    hits = mp.load().search("smart factories")
    assert [(h.proposal, h.field, h.item) for h in hits] == [
        ("industrial-internet", "divergence", "examples-of-the-platform-item")
    ]
