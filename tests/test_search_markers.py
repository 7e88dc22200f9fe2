"""Search highlighting: text that looks like a marker is never shown as a match."""

from __future__ import annotations

import attrs
import pytest

import ma_proposals as mp

S = mp.load()


def _with_summary(summary: str) -> mp.ProposalSet:
    proposals = list(S.proposals)
    proposals[0] = attrs.evolve(proposals[0], summary=summary)
    return attrs.evolve(S, proposals=tuple(proposals))


def test_brackets_in_the_data_are_not_a_hit() -> None:
    s = _with_summary("Build [cloud] platforms in [x] towns and zebra valleys.")
    (hit,) = [h for h in s.search("zebra") if h.field == "summary"]
    assert hit.snippet.count("[zebra]") == 1
    assert "\\[x\\]" in hit.snippet
    assert "\\[cloud\\]" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["zebra"]
    html = hit._repr_html_()
    assert html.count("<mark>") == 1
    assert "<mark>zebra</mark>" in html
    assert "[x]" in html  # shown as the data has it


@pytest.mark.parametrize("markers", [("<<", ">>"), ("*", "*"), ("\ufdd0", "\ufdd1")])
def test_any_markers_mark_only_the_matches(markers: tuple[str, str]) -> None:
    text = f"A {markers[0]}fake{markers[1]} mark near the zebra."
    s = _with_summary(text + " \ufdd0\ufdd1\ufdd2")
    (hit,) = [h for h in s.search("zebra", highlight=markers) if h.field == "summary"]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["zebra"]
    start, end = markers
    assert hit.snippet[hit.marks[0][0] - len(start) : hit.marks[0][0]] == start
    assert hit.snippet[hit.marks[0][1] : hit.marks[0][1] + len(end)] == end
    assert "<mark>fake</mark>" not in hit._repr_html_()


def test_the_packaged_set_is_marked_as_before() -> None:
    hit = S.search("smart hospital*", limit=1)[0]
    assert "[smart] [hospitals]" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["smart", "hospitals"]
