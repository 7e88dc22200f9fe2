"""The packaged set follows the curation rules (docs/curation-rules.md).

Each test states the rule it checks. The stated-count tests hold every count the
article states against the items the set records; the last of them scans the
article for count words so that a count no test knows about fails loudly.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import pytest

import ma_proposals as mp
from ma_proposals import Claim, Evidence, Proposal, Qualifier, Recommendation, TitleKind

if TYPE_CHECKING:
    from ma_proposals import ProposalSet, Statistic


@pytest.fixture(scope="module")
def s() -> ProposalSet:
    return mp.load()


def stat(owner: tuple[Statistic, ...], sid: str) -> Statistic:
    (found,) = (st for st in owner if st.id == sid)
    return found


def quoted(item: Claim | Recommendation | Statistic | Evidence) -> str:
    """Every evidence quote of an item, joined."""
    if isinstance(item, Evidence):
        return item.exact
    return " ".join(ev.exact for ev in item.evidence)


# -- Stated counts hold ------------------------------------------------------


def test_seven_proposals(s: ProposalSet) -> None:
    """ "plans to submit 7 written proposals": seven proposals, all numbered."""
    (claim,) = (c for c in s.claims if c.id == "seven-proposals")
    assert "7 written proposals" in quoted(claim)
    assert "7 suggestions" in quoted(claim)
    assert s.declared_count == len(s.proposals) == 7
    assert [p.number for p in s] == list(range(1, 8))


def test_three_proposals_refer_to_new_infrastructure(s: ProposalSet) -> None:
    """ "Three of the proposals ...": three named, and marked as inferred."""
    (claim,) = (c for c in s.claims if c.id == "new-infrastructure")
    (theme,) = (t for t in s.themes if t.id == "new-infrastructure")
    tagged = tuple(p.id for p in s if theme.id in p.themes)
    assert "Three of the proposals referred to new infrastructure." in quoted(claim)
    assert len(claim.proposals) == len(tagged) == 3
    assert claim.proposals == tagged
    # The article names none of the three: both say so, with what they rest on.
    for item in (claim, theme):
        assert item.inferred is not None
        assert item.inferred.evidence
        assert "curators' reading" in item.inferred.basis
        assert "never says 'new infrastructure'" in item.inferred.basis
    assert "curators' reading" in theme.description
    assert "as the article says" not in theme.description


def test_the_headings_four_greater_bay_area_suggestions(s: ProposalSet) -> None:
    """ "Four suggestions on ... the Great Bay area": four recommendations."""
    gba = s["gba-marine-ecology"]
    count = stat(gba.statistics, "suggestion-count")
    assert quoted(count).startswith("Four suggestions")
    assert count.value == len(gba.recommendations) == 4
    assert count.qualifier is Qualifier.EXACT


def test_twice_made_suggestions_on_health(s: ProposalSet) -> None:
    """ "twice made suggestions": a figure of 2, from that sentence."""
    twice = stat(s["medical-staff"].statistics, "earlier-health-suggestions")
    assert "twice made suggestions" in quoted(twice)
    assert (twice.value, twice.unit, twice.qualifier) == (2, "times", Qualifier.EXACT)


def test_three_consecutive_years_on_the_greater_bay_area(s: ProposalSet) -> None:
    """ "for three consecutive years": a figure of 3 years."""
    years = stat(s["gba-marine-ecology"].statistics, "years-of-gba-suggestions")
    assert "for three consecutive years" in quoted(years)
    assert (years.value, years.unit, years.qualifier) == (3, "years", Qualifier.EXACT)


def test_career_figures_agree_with_each_other(s: ProposalSet) -> None:
    """More than 40 in eight consecutive years is more than 5 a year."""
    assert s.deputy.career is not None
    stats = s.deputy.career.statistics
    total = stat(stats, "written-proposals")
    years = stat(stats, "consecutive-years")
    per_year = stat(stats, "proposals-per-year")
    assert "more than 40" in quoted(total)
    assert "eight consecutive years" in quoted(years)
    assert "more than 5" in quoted(per_year)
    assert (total.value, total.qualifier) == (40, Qualifier.MORE_THAN)
    assert (years.value, years.qualifier) == (8, Qualifier.EXACT)
    assert (per_year.value, per_year.qualifier) == (5, Qualifier.MORE_THAN)
    assert total.value / years.value == per_year.value


def test_the_topic_list_is_seven_topics_and_open(s: ProposalSet) -> None:
    """The article lists seven topics "and other topics": seven, left open."""
    (claim,) = (c for c in s.claims if c.id == "topics")
    assert quoted(claim).endswith("and other topics")
    assert claim.text.rstrip(".").endswith("and other topics")
    assert len(s.topics) == 7
    assert {p.topic for p in s} == {t.id for t in s.topics}


#: Every count word of the article, by the text around it, and the test that
#: holds it. A count word the table does not know fails the test below, so a
#: curator who adds a count to the article's reading adds its test too.
COUNTS = {
    "brought 7 suggestions": test_seven_proposals,
    "submit 7 written proposals": test_seven_proposals,
    "Three of the proposals": test_three_proposals_refer_to_new_infrastructure,
    "Four suggestions on": test_the_headings_four_greater_bay_area_suggestions,
    "twice made suggestions": test_twice_made_suggestions_on_health,
    "for three consecutive years": test_three_consecutive_years_on_the_greater_bay_area,
    "more than 40 written": test_career_figures_agree_with_each_other,
    "for eight consecutive years": test_career_figures_agree_with_each_other,
    "more than 5 proposals": test_career_figures_agree_with_each_other,
    "two sessions": None,  # the name of the meeting (两会), not a count
    "in the three regions": None,  # Guangdong, Hong Kong and Macao, not a count
    "from the three regions": None,  # the same, in the repeated paragraph
}
_COUNT_WORD = re.compile(
    r"\b(?:[1-9][0-9]?|one|two|three|four|five|six|seven|eight|nine|ten|twice)\b"
    r"(?![0-9,.]*(?:th|st|nd|rd)\b)",  # ordinals (12th, 13th) are not counts
    re.IGNORECASE,
)


def test_every_count_word_of_the_article_is_held_by_a_test(article: str) -> None:
    unknown = []
    for match in _COUNT_WORD.finditer(article):
        around = article[max(0, match.start() - 30) : match.end() + 30]
        if not any(phrase in around for phrase in COUNTS):
            unknown.append(around)
    assert not unknown, "count words no test holds: " + " | ".join(unknown)


# -- One meaning for a recommendation ---------------------------------------

#: Recommendations per proposal under the rules: one per item of a suggestion
#: list the article attributes to him. Pinned so that a change is deliberate.
RECOMMENDATIONS = {
    "industrial-internet": 5,
    "rural-revitalization": 3,
    "sme-relief": 3,
    "medical-staff": 3,
    "fintech": 3,
    "shenzhen-demonstration-zone": 5,
    "gba-marine-ecology": 4,
}


def test_recommendation_counts(s: ProposalSet) -> None:
    assert {p.id: len(p.recommendations) for p in s} == RECOMMENDATIONS


def _item_end(article: str, end: int) -> bool:
    """Whether a span ends where a list item or a sentence ends."""
    if article[end - 1] in ";.":
        return True
    rest = article[end:]
    # "u3002" is the article's escaped full stop (a quirk on the source).
    return rest.startswith((";", "\n", " u3002"))


def test_each_recommendation_quotes_a_whole_item(s: ProposalSet, article: str) -> None:
    """An item is never split into its clauses: each span runs to its item's end."""
    for p in s:
        for rec in p.recommendations:
            for ev in rec.evidence:
                assert _item_end(article, ev.end), (p.id, rec.id, ev.exact[-40:])


def test_no_two_recommendations_share_an_item(s: ProposalSet, article: str) -> None:
    """Two recommendations in one paragraph are separated by an item boundary."""
    for p in s:
        spans = sorted(
            (ev.start, ev.end) for r in p.recommendations for ev in r.evidence
        )
        for (_, end), (start, _) in itertools.pairwise(spans):
            between = article[end:start] if start >= end else ""
            assert start >= end, (p.id, "overlapping recommendation spans")
            assert article[end - 1] in ";." or "\n" in between or ";" in between


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def test_aims_and_background_are_not_recommendations(s: ProposalSet) -> None:
    """Statements of purpose, diagnosis and argument are never recommendations."""
    for p in s:
        recs = [ev for r in p.recommendations for ev in r.evidence]
        for claim in (*p.aims, *p.background):
            for ev in claim.evidence:
                assert not any(_overlaps(ev, other) for other in recs), (p.id, claim.id)


@pytest.mark.parametrize(
    ("proposal", "opening"),
    [
        ("industrial-internet", "We should put the industrial Internet"),
        ("fintech", "We must deepen the innovation"),
        ("fintech", "The main body of Chinas financial science"),
        ("medical-staff", "We should further deepen the reform"),
        ("rural-revitalization", "we should vigorously promote the digital"),
        ("gba-marine-ecology", "It is necessary to encourage the participation"),
    ],
)
def test_the_reviews_examples_of_aims(
    s: ProposalSet, proposal: str, opening: str
) -> None:
    p = s[proposal]
    assert any(opening in quoted(a) for a in p.aims)
    assert not any(opening in quoted(r) for r in p.recommendations)


def test_it_is_suggested_that_plus_a_fact_is_background(s: ProposalSet) -> None:
    """ "It is suggested that" + a statement of fact asks for nothing: background."""
    for pid in ("fintech", "gba-marine-ecology"):
        p = s[pid]
        assert any(quoted(c).startswith("It is suggested that") for c in p.background)


# -- Keep every qualifier ----------------------------------------------------

#: A qualifier of the source and the renderings that keep it in clean English.
QUALIFIERS = {
    "etc.": ("and so on", "etc."),
    "and so on": ("and so on",),
    "and other": ("and other",),
    "such as": ("such as", "for example"),
    "a large number of": ("a large number of",),
    "explore": ("explore",),
    "more than": ("more than",),
    "many": ("many",),
    "financial and tax": ("financial and tax",),
    "relatively": ("relatively",),
    "as soon as possible": ("as soon as possible",),
    "further": ("further",),
    "even": ("even",),
}


#: Narration inside a list item that its recommendation's text leaves out, because
#: the text states the suggested action alone (Decision 2); the proposal's note
#: quotes it, qualifiers and all.
NARRATION = {
    "npc-communication-mechanism": (
        "he studied in-depth key topics such as the legislative power and "
        "comprehensive authorization of the special zone"
    ),
}


def _curated(p: Proposal) -> list[Claim | Recommendation]:
    return [*p.background, *p.aims, *p.recommendations]


def _restated(item: Claim | Recommendation) -> str:
    """The words of an item's evidence that its text restates."""
    source = quoted(item)
    narration = NARRATION.get(item.id)
    if narration is not None and isinstance(item, Recommendation):
        assert narration in source
        source = source.replace(narration, "")
    return source


def test_curated_text_keeps_every_qualifier_of_its_evidence(
    s: ProposalSet,
) -> None:
    items: list[Claim | Recommendation] = [
        *s.claims,
        *s.deputy.roles,
        *(item for p in s for item in _curated(p)),
    ]
    lost = []
    for item in items:
        source = _restated(item).lower()
        text = item.text.lower()
        for qualifier, renderings in QUALIFIERS.items():
            if re.search(rf"\b{re.escape(qualifier)}", source) and not any(
                rendering in text for rendering in renderings
            ):
                lost.append((item.id, qualifier))
    assert not lost


def test_narration_left_out_of_a_recommendation_is_quoted_in_the_note(
    s: ProposalSet,
) -> None:
    found = {}
    for p in s:
        for r in p.recommendations:
            if r.id in NARRATION:
                found[r.id] = NARRATION[r.id] in (p.note or "")
    assert found == dict.fromkeys(NARRATION, True)


#: Qualifiers of a phrase that a summary must keep when it restates the phrase.
PHRASE_QUALIFIERS = ("relatively", "further", "explore", "even", "a large number of")
_MINOR = {"the", "a", "an", "to", "of", "in", "and"}


def _qualified_words(text: str, qualifier: str) -> list[str]:
    """The first significant word after each use of ``qualifier`` in ``text``."""
    words = []
    for match in re.finditer(rf"\b{qualifier}\b((?:\s+\w+){{1,3}})", text):
        following = [w for w in match.group(1).split() if w.lower() not in _MINOR]
        if following:
            words.append(following[0])
    return words


def test_summaries_keep_the_qualifiers_of_what_they_restate(s: ProposalSet) -> None:
    """A summary that restates a qualified phrase keeps its qualifier: where a
    summary uses the word a qualifier governs in an item, one of its uses has the
    qualifier close before it."""
    lost = []
    for p in s:
        for item in _curated(p):
            for qualifier in PHRASE_QUALIFIERS:
                for word in _qualified_words(item.text, qualifier):
                    stem = word[:6].lower()
                    uses = [
                        m.start()
                        for m in re.finditer(rf"\b{stem}", p.summary, re.IGNORECASE)
                    ]
                    if uses and not any(
                        qualifier in p.summary[max(0, u - 40) : u] for u in uses
                    ):
                        lost.append((p.id, item.id, qualifier, word))
    assert not lost


def test_open_lists_stay_open(s: ProposalSet) -> None:
    """ "etc." and "and so on" close the career lists: they are marked open."""
    career = s.deputy.career
    assert career is not None
    assert "basic science, etc." in quoted(career.evidence[0])
    assert "and so on" in quoted(career.evidence[0])
    assert career.subjects_open
    assert career.fields_open


def test_financial_and_tax_is_not_fiscal(s: ProposalSet) -> None:
    texts = [item.text for p in s for item in _curated(p)] + [p.summary for p in s]
    assert not any("fiscal" in text for text in texts)


# -- Line breaks do not end sentences ----------------------------------------


def test_the_survey_sentence_continues_into_its_findings(s: ProposalSet) -> None:
    rural = s["rural-revitalization"]
    survey = stat(rural.statistics, "wecounty-survey-respondents")
    assert quoted(survey).endswith(",")
    (problems,) = (c for c in rural.background if c.id == "rural-problems")
    assert problems.evidence[0].exact == survey.evidence[0].exact
    assert "breaks off" not in (survey.note or "")
    notes = " ".join(src for source in s.sources for src in source.notes)
    assert "breaks off" not in notes


def test_comma_ended_paragraphs_are_read_with_the_next(
    s: ProposalSet, article: str
) -> None:
    """A span ending a paragraph with a comma goes on with the next paragraph."""
    for p in s:
        for item in _curated(p):
            following: list[Evidence | None] = [*item.evidence[1:], None]
            for ev, nxt in zip(item.evidence, following, strict=True):
                if ev.exact.endswith(",") and article[ev.end] == "\n":
                    assert nxt is not None, item.id
                    assert article[ev.end : nxt.start].strip() == "", item.id


# -- Stated versus inferred; titles; sources ---------------------------------


def test_nothing_inferred_is_described_as_said(s: ProposalSet) -> None:
    for theme in s.themes:
        assert "as the article says" not in theme.description


def test_title_kinds_follow_the_article(s: ProposalSet) -> None:
    """`quoted` exactly where the article names the document."""
    names = re.compile(r"\b(?:proposal|suggestions) on\b")
    for p in s:
        named = any(names.search(ev.exact) for ev in p.evidence)
        assert (p.title_kind is TitleKind.QUOTED) == named, p.id


def test_a_theme_goes_with_the_spans_that_support_it(s: ProposalSet) -> None:
    """A theme's spans support it for every proposal whose items use them, and
    every proposal it tags uses one of them."""

    def spans(p: Proposal) -> list[Evidence]:
        return [ev for item in (p, *_curated(p), *p.statistics) for ev in item.evidence]

    for theme in s.themes:
        support = list(theme.evidence)
        if theme.inferred is not None:
            support += theme.inferred.evidence
        for p in s:
            used = any(_overlaps(a, b) for a in spans(p) for b in support)
            assert used == (theme.id in p.themes), (theme.id, p.id)


def test_no_span_backs_items_of_two_proposals(s: ProposalSet) -> None:
    """A sentence about two proposals is a set-level claim, not background of both."""
    owner: dict[tuple[int, int], str] = {}
    for p in s:
        for item in (*_curated(p), *p.statistics):
            for ev in item.evidence:
                assert owner.setdefault((ev.start, ev.end), p.id) == p.id, ev.exact


def test_every_citation_carries_its_quote(s: ProposalSet) -> None:
    from .helpers import walk

    for path, value in walk(s):
        if isinstance(value, mp.Citation):
            assert value.quote, path


def test_one_outlet_is_one_publisher(s: ProposalSet) -> None:
    """21世纪经济报道 is recorded once, as the primary article's outlet."""
    herald = [src for src in s.sources if "Business Herald" in (src.publisher or "")]
    assert herald == []
    (term,) = (t for t in s.glossary if t.zh == "21世纪经济报道")
    assert term.variants == ("21st century economic report",)


def test_the_readme_tells_the_counts(s: ProposalSet) -> None:
    from pathlib import Path

    readme = Path(__file__).resolve().parent.parent / "README.md"
    if not readme.exists():  # only in a source checkout
        pytest.skip("no README beside the tests")
    text = " ".join(readme.read_text(encoding="utf-8").split())
    counts = {
        "proposals with": len(s),
        "recommendations (one per item": sum(len(p.recommendations) for p in s),
        "aims and": sum(len(p.aims) for p in s),
        "background statements": sum(len(p.background) for p in s),
        "statistics of the proposals": sum(len(p.statistics) for p in s),
    }
    for phrase, count in counts.items():
        assert f"{count} {phrase}" in text, phrase
    items: list[Claim | Recommendation] = []
    for p in s:
        items += [*p.aims, *p.recommendations]
    worded = sum(bool(item.wordings_zh) for item in items)
    assert f"`wordings_zh`: {worded} of the {len(items)}," in text
    assert f"now {s.version})" in text
