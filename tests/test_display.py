"""Notebook display and reprs: short, useful, left-aligned, and every text escaped."""

from __future__ import annotations

import dataclasses
import pickle
from html.parser import HTMLParser

import attrs
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp

S = mp.load()
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
TAGS = {
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
    "small",
    "details",
    "summary",
    "blockquote",
    "mark",
}


class Parsed(HTMLParser):
    """The tags, attributes and text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.marked: list[str] = []
        self._in_mark = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_mark:
            self.marked.append(data)


def hostile_set(text: str) -> mp.ProposalSet:
    p = S.proposals[1]
    wording = mp.ChineseWording(text, text, text)
    rec = attrs.evolve(
        p.recommendations[0], id=text, text=text, area=text, wordings_zh=(wording,)
    )
    stat = attrs.evolve(
        p.statistics[0], id=text, label=text, unit=text, source_org=text
    )
    claim = attrs.evolve(p.background[0], text=text, wordings_zh=(wording,))
    divergence = mp.Divergence(
        text, text, (mp.Evidence(text, 0, 1, text),), (mp.Citation(text, text),)
    )
    proposal = attrs.evolve(
        p,
        id=text,
        title=text,
        summary=text,
        topic=text,
        themes=(text,),
        note=text,
        background=(claim,),
        aims=(claim,),
        recommendations=(rec,),
        statistics=(stat,),
        divergences=(divergence,),
    )
    deputy = attrs.evolve(S.deputy, name=text)
    meeting = attrs.evolve(S.meeting, name=text)
    return attrs.evolve(
        S,
        id=text,
        title=text,
        version=text,
        deputy=deputy,
        meeting=meeting,
        proposals=(proposal,),
    )


def displays(s: mp.ProposalSet, text: str) -> list[str]:
    p = s.proposals[0]
    hit = mp.search.Hit(p.id, text, text, text, f"[{text}] {text}", 1.0)
    ev = mp.Evidence(text, 0, 1, text)
    context = mp.query.EvidenceContext(ev, text, text, True, True)
    return [
        s._repr_html_(),
        p._repr_html_(),
        p.recommendations[0]._repr_html_(),
        p.statistics[0]._repr_html_(),
        hit._repr_html_(),
        mp.search.Hits((hit, dataclasses.replace(hit, proposal=None)))._repr_html_(),
        ev._repr_html_(),
        mp.query.EvidenceContexts((context,))._repr_html_(),
    ]


def test_reprs_are_short() -> None:
    assert repr(S) == f"<ProposalSet 'ma-huateng-2020': {len(S)} proposals>"
    assert repr(S["sme-relief"]).startswith("<Proposal 3 'sme-relief': Using digital")
    assert len(repr(S["sme-relief"])) < 100


def test_set_html_lists_the_proposals_in_left_aligned_cells() -> None:
    parsed = Parsed(S._repr_html_())
    rows = [tag for tag, _ in parsed.tags if tag == "tr"]
    assert len(rows) == 1 + len(S)
    cells = [dict(a) for tag, a in parsed.tags if tag in {"td", "th"}]
    assert all("text-align:left" in (c.get("style") or "") for c in cells)
    assert sum(
        "white-space:nowrap" in (c.get("style") or "") for c in cells
    ) == 2 * len(S)
    assert "gba-marine-ecology" in parsed.text


def test_proposal_html_shows_items_and_collapsed_evidence() -> None:
    p = S["rural-revitalization"]
    parsed = Parsed(p._repr_html_())
    tags = [tag for tag, _ in parsed.tags]
    text = "".join(parsed.text)
    assert p.divergences
    assert tags.count("li") == (
        len(p.recommendations)
        + len(p.background)
        + len(p.aims)
        + len(p.titles_zh)
        + len(p.divergences)
    )
    for st_ in p.statistics:
        assert f"{st_.value:,}" in text
    assert "China Internet Network Information Center (CNNIC)" in text
    evidenced = [
        p,
        *p.background,
        *p.aims,
        *p.recommendations,
        *(x for x in p.statistics if x.evidence or x.citations),
        *p.divergences,
    ]
    assert tags.count("details") >= len(evidenced)
    worded: list[mp.Claim | mp.Recommendation] = [*p.aims, *p.recommendations]
    for item in worded:
        for wording in item.wordings_zh:
            assert wording.text in text
    assert "<details open" not in p._repr_html_()  # collapsed
    for ev in p.recommendations[0].evidence:
        assert ev.exact in text


def test_inferences_and_aims_are_shown() -> None:
    inferred = [
        (p, c) for p in S for c in (*p.background, *p.aims) if c.inferred is not None
    ]
    for p, claim in inferred:
        assert claim.inferred is not None
        assert claim.inferred.basis in "".join(Parsed(p._repr_html_()).text)
    with_aims = [p for p in S if p.aims]
    for p in with_aims:
        assert "Aims:" in p._repr_html_()


def test_evidence_in_context_marks_the_quote() -> None:
    ev = S["fintech"].recommendations[0].evidence[0]
    context = S.context(ev, width=30)
    parsed = Parsed(context._repr_html_())
    assert parsed.marked == [ev.exact]
    assert "".join(parsed.text).endswith(context.after + "…")


def test_hits_show_the_snippet_with_marks() -> None:
    hit = S.search("smart hospital*", limit=1)[0]
    parsed = Parsed(hit._repr_html_())
    assert parsed.marked == ["smart", "hospitals"]
    assert hit.proposal in parsed.text
    other = S.search("smart", limit=1, highlight=("<<", ">>"))[0]
    assert Parsed(other._repr_html_()).marked == ["smart"]


def test_hits_say_what_their_snippet_shows_and_whose_it_is() -> None:
    curated = S.search("smart hospital*", limit=1)[0]
    assert "curated text" in "".join(Parsed(curated._repr_html_()).text)
    (claim,) = S.search('"two sessions"')
    parsed = Parsed(claim._repr_html_())
    assert claim.proposal is None
    assert "the set" in "".join(parsed.text)
    assert "source quote" in "".join(parsed.text)
    assert "None" not in "".join(parsed.text)


def _rows(html: str) -> list[list[str]]:
    """The text of each cell of each row of an HTML table."""

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.rows: list[list[str]] = []

        def handle_starttag(self, tag: str, a: list[tuple[str, str | None]]) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.rows[-1].append("")

        def handle_data(self, data: str) -> None:
            if self.rows and self.rows[-1]:
                self.rows[-1][-1] += data

    cells = Cells()
    cells.feed(html)
    return cells.rows


def test_search_hits_are_a_tuple_that_notebooks_show_as_a_table() -> None:
    hits = S.search("Greater Bay Area", limit=4)
    assert isinstance(hits, tuple)
    assert hits == tuple(hits)
    assert tuple(hits) == hits
    assert repr(hits) == repr(tuple(hits))  # readable as before
    assert isinstance(hits[1:], mp.search.Hits)
    assert hits[1:] == tuple(hits)[1:]
    assert hits[-1] == tuple(hits)[-1]
    assert pickle.loads(pickle.dumps(hits)) == hits
    rows = _rows(hits._repr_html_())
    assert rows[0] == ["#", "proposal", "passage", "score", "shows", "snippet"]
    assert [r[1] for r in rows[1:]] == ["the set", *["gba-marine-ecology"] * 3]
    assert [r[2] for r in rows[1:]] == [
        "claim key-year",
        "title",
        "aim social-forces",
        "background cooperation-lags",
    ]
    assert [r[4] for r in rows[1:]] == ["curated text"] * 4
    assert all("Greater Bay Area" in r[5] for r in rows[1:])
    assert Parsed(hits._repr_html_()).marked == ["Greater Bay Area"] * 4
    assert "No hits" in S.search("zzzqqq")._repr_html_()
    quoted = S.search('"for the village platform"', limit=None)
    assert "source quote" in [r[4] for r in _rows(quoted._repr_html_())]


def test_evidence_in_context_is_a_tuple_that_notebooks_show_as_a_table() -> None:
    item = S["rural-revitalization"].background[0]  # two spans
    spans = S.evidence_of(item, width=20)
    assert isinstance(spans, mp.query.EvidenceContexts)
    assert spans == tuple(S.context(ev, width=20) for ev in item.evidence)
    assert repr(spans) == repr(tuple(spans))
    assert isinstance(spans[:1], mp.query.EvidenceContexts)
    assert pickle.loads(pickle.dumps(spans)) == spans
    html = spans._repr_html_()
    rows = _rows(html)
    assert rows[0] == ["#", "source", "span", "in context"]
    assert [r[2] for r in rows[1:]] == [f"{e.start}:{e.end}" for e in item.evidence]
    assert Parsed(html).marked == [e.exact for e in item.evidence]
    assert rows[1][3] == str(spans[0]).replace("[", "").replace("]", "")
    assert len(rows) == 3
    bare = attrs.evolve(item, evidence=())
    assert "No evidence" in S.evidence_of(bare)._repr_html_()


def test_evidence_shows_its_quote_source_and_offsets() -> None:
    ev = S["fintech"].recommendations[0].evidence[0]
    parsed = Parsed(ev._repr_html_())
    assert parsed.text == [ev.exact, f"{ev.source} [{ev.start}:{ev.end}]"]
    assert [tag for tag, _ in parsed.tags] == ["div", "blockquote", "p", "small"]


def test_recommendation_and_statistic_html() -> None:
    rec = S["sme-relief"].recommendations[0]
    parsed = Parsed(rec._repr_html_())
    assert rec.id in parsed.text
    assert rec.horizon is not None
    assert f"[{rec.horizon.value}]" in "".join(parsed.text)
    stat = S.deputy.career.statistics[0] if S.deputy.career else None
    assert stat is not None
    assert "more than 40" in "".join(Parsed(stat._repr_html_()).text)


def test_hostile_strings_are_escaped() -> None:
    for html in displays(hostile_set(HOSTILE), HOSTILE):
        assert "<script>" not in html
        assert "<img" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in html


@given(st.text(min_size=1))
def test_no_text_can_open_a_tag_or_an_attribute(value: str) -> None:
    for html in displays(hostile_set(value), value):
        parsed = Parsed(html)
        for tag, attributes in parsed.tags:
            assert tag in TAGS, tag
            assert all(name == "style" for name, _ in attributes)
        assert value.replace("\r", "\n") in "".join(parsed.text).replace("\r", "\n")


def test_reprs_of_sets_built_in_code_never_raise() -> None:
    p = attrs.evolve(S.proposals[0], title=123, number="x")  # type: ignore[arg-type]  # on purpose
    assert repr(p) == "<Proposal 'x' 'industrial-internet': 123>"
    one = attrs.evolve(S, proposals=S.proposals[:1])
    assert repr(one) == "<ProposalSet 'ma-huateng-2020': 1 proposal>"
