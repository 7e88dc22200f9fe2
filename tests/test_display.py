"""Notebook display and reprs: short, useful, and every text HTML-escaped."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp

S = mp.load()
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def hostile_set(text: str) -> mp.ProposalSet:
    p = S.proposals[1]
    rec = attrs.evolve(p.recommendations[0], text=text, area=text)
    stat = attrs.evolve(p.statistics[0], label=text, unit=text, source_org=text)
    proposal = attrs.evolve(
        p,
        id=text,
        title=text,
        summary=text,
        topic=text,
        themes=(text,),
        aims=(attrs.evolve(p.aims[0], text=text),),
        recommendations=(rec,),
        statistics=(stat,),
    )
    deputy = attrs.evolve(S.deputy, name=text)
    meeting = attrs.evolve(S.meeting, name=text)
    return attrs.evolve(
        S, id=text, title=text, deputy=deputy, meeting=meeting, proposals=(proposal,)
    )


def test_reprs_are_short() -> None:
    assert repr(S) == "<ProposalSet 'ma-huateng-2020': 7 proposals>"
    assert repr(S["sme-relief"]).startswith("<Proposal 3 'sme-relief': Using digital")
    assert len(repr(S["sme-relief"])) < 100


def test_html_shows_the_proposals() -> None:
    html = S._repr_html_()
    assert html.count("<tr>") == 1 + 7
    assert "<code>gba-marine-ecology</code>" in html
    rural = S["rural-revitalization"]
    proposal = rural._repr_html_()
    assert proposal.count("<li>") == len(rural.recommendations) + len(rural.aims)
    assert "<p>Aims:</p>" in proposal
    assert "255,000,000" in proposal
    assert "more than 20,000" in proposal
    assert "China Internet Network Information Center (CNNIC)" in proposal


def test_hostile_strings_are_escaped() -> None:
    s = hostile_set(HOSTILE)
    for html in (s._repr_html_(), s.proposals[0]._repr_html_()):
        assert "<script>" not in html
        assert "<img" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in html


@given(st.text(min_size=1))
def test_no_text_can_open_a_tag(text: str) -> None:
    s = hostile_set(text)
    for html in (s._repr_html_(), s.proposals[0]._repr_html_()):
        stripped = html
        for tag in (
            "div",
            "p",
            "strong",
            "code",
            "table",
            "tr",
            "th",
            "td",
            "ol",
            "ul",
            "li",
            "em",
        ):
            stripped = stripped.replace(f"<{tag}>", "").replace(f"</{tag}>", "")
        assert "<" not in stripped
