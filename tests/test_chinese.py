"""The Chinese layer follows the curation rules (decisions 11 and 12).

Chinese wordings come from Chinese pages that were read, never from a
machine-reworded copy, without the reports' lead-ins, each page once; a
divergence is a cited note that adds no item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

import ma_proposals as mp

if TYPE_CHECKING:
    from ma_proposals import Claim, ProposalSet, Recommendation


@pytest.fixture(scope="module")
def s() -> ProposalSet:
    return mp.load()


#: Hosts of machine-reworded copies of Chinese reports (words swapped for
#: synonyms): never a source (docs/curation-rules.md, decision 11).
REWORDED_HOSTS = ("itgcw.com", "hunanwang.cn", "vtbcorp.com")


def _wordings(s: ProposalSet) -> list[tuple[str, mp.ChineseWording]]:
    items: list[Claim | Recommendation] = [*s.claims]
    for p in s:
        items += [*p.aims, *p.background, *p.recommendations]
    return [(item.id, w) for item in items for w in item.wordings_zh]


def test_chinese_wordings_come_from_chinese_pages_read(s: ProposalSet) -> None:
    """A wording is Chinese, from an external Chinese page with an address."""
    sources = {src.id: src for src in s.sources}
    assert _wordings(s)
    for item, wording in _wordings(s):
        source = sources[wording.source]
        assert source.url, item
        assert source.resource is None, item
        assert (source.language or "").startswith("zh"), item
        assert re.search("[\u4e00-\u9fff]", wording.text), item


def test_no_source_is_a_machine_reworded_copy(s: ProposalSet) -> None:
    for src in s.sources:
        assert not any(host in (src.url or "") for host in REWORDED_HOSTS), src.id


def test_chinese_wordings_leave_out_the_reports_lead_in(s: ProposalSet) -> None:
    """The words of the item, not the report's "马化腾建议," or "他指出,"."""
    for item, wording in _wordings(s):
        assert not re.match("(马化腾|他|建议)", wording.text), item


def test_no_wording_is_recorded_twice(s: ProposalSet) -> None:
    """Each page's words are one wording; several pages are several wordings."""
    pairs = [(item, w.text, w.source) for item, w in _wordings(s)]
    assert len(pairs) == len(set(pairs))


def test_divergences_are_notes_not_items(s: ProposalSet) -> None:
    """A divergence cites the pages that show it and adds no recommendation."""
    for p in s:
        recommendation_ids = {r.id for r in p.recommendations}
        for d in p.divergences:
            assert d.citations, d.id
            assert all(c.quote for c in d.citations), d.id
            assert d.evidence, d.id
            assert d.id not in recommendation_ids
    assert [r.id for r in s["industrial-internet"].recommendations] == [
        "national-strategy",
        "cloud-computing",
        "open-source-ecosystem",
        "international-platform",
        "retail-digital-tools",
    ]
