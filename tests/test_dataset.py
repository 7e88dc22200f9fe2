"""The packaged 2020 set: stable ids, curation rules, evidence.

Its freshness (the JSON rebuilt from its authoring file) is tested in
``tests/test_curation.py``.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path
from typing import Any

import pytest

import ma_proposals as mp
from ma_proposals import (
    Citation,
    Evidence,
    ProposalKind,
    TitleKind,
)

from .helpers import ARTICLE, walk

ROOT = Path(__file__).resolve().parent.parent
SEED_SHA256 = "d2edcd21328605347bad87eda1edb7bcf723defeb84bbdc807b387b885dc5676"

#: DESIGN.md's table of stable ids: (number, proposal id, topic id).
STABLE_IDS = [
    (1, "industrial-internet", "industrial-internet"),
    (2, "rural-revitalization", "rural-revitalization"),
    (3, "sme-relief", "sme-development"),
    (4, "medical-staff", "medical-services"),
    (5, "fintech", "fintech"),
    (6, "shenzhen-demonstration-zone", "regional-development"),
    (7, "gba-marine-ecology", "ecological-protection"),
]


def all_of(kind: type) -> list[tuple[str, Any]]:
    return [(p, v) for p, v in walk(mp.load()) if isinstance(v, kind)]


def test_seven_proposals_with_stable_ids_and_topics() -> None:
    s = mp.load()
    assert [(p.number, p.id, p.topic) for p in s.proposals] == STABLE_IDS
    assert s.declared_count == len(s.proposals) == 7
    assert s.id == "ma-huateng-2020"
    assert s.year == s.meeting.year == 2020
    assert {t.id for t in s.topics} == {topic for _, _, topic in STABLE_IDS}


def test_shipped_article_is_the_seed_byte_for_byte() -> None:
    data = ARTICLE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    seed = ROOT.parent / "shared" / "seeds" / "000_eec08dd450b011ef.txt"
    if seed.exists():  # only beside the team's shared folder
        assert seed.read_bytes() == data
    (article,) = (src for src in mp.load().sources if src.resource)
    assert article.sha256 == SEED_SHA256
    assert article.editor == "Zhong Qiming"


@pytest.mark.parametrize(
    ("path", "evidence"),
    all_of(Evidence),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_every_evidence_span_matches_the_shipped_text(
    path: str, evidence: Evidence, article: str
) -> None:
    assert evidence.source == "21st-century-economic-report"
    assert 0 <= evidence.start < evidence.end <= len(article)
    assert article[evidence.start : evidence.end] == evidence.exact


def test_evidence_spans_were_found_at_their_first_occurrence(article: str) -> None:
    # The article repeats paragraphs; curation points at the first copy.
    for _, ev in all_of(Evidence):
        assert article.find(ev.exact) == ev.start


def test_every_curated_item_is_evidenced() -> None:
    s = mp.load()
    items: list[Any] = [
        *s.claims,
        *s.topics,
        *s.themes,
        *s.deputy.roles,
        *s.proposals,
        *(x for p in s.proposals for x in (*p.background, *p.aims, *p.recommendations)),
    ]
    for item in items:
        assert item.evidence, item.id
    for stat in itertools.chain(
        (st for p in s.proposals for st in p.statistics),
        s.deputy.career.statistics if s.deputy.career else (),
    ):
        assert stat.evidence or stat.citations, stat.id


def test_external_facts_cite_external_sources() -> None:
    s = mp.load()
    by_id = {src.id: src for src in s.sources}
    for _, citation in all_of(Citation):
        assert by_id[citation.source].url, citation
    for p in s.proposals:
        for title in p.titles_zh:
            assert by_id[title.source].url


def test_new_infrastructure_tags_exactly_the_three_proposals() -> None:
    s = mp.load()
    tagged = [p.id for p in s.proposals if "new-infrastructure" in p.themes]
    assert tagged == ["industrial-internet", "rural-revitalization", "medical-staff"]
    (claim,) = (c for c in s.claims if c.id == "new-infrastructure")
    assert claim.proposals == tuple(tagged)
    assert (
        claim.evidence[0].exact
        == "Three of the proposals referred to new infrastructure."
    )


def test_title_kinds() -> None:
    kinds = {p.id: p.title_kind for p in mp.load().proposals}
    descriptive = {k for k, v in kinds.items() if v is TitleKind.DESCRIPTIVE}
    assert descriptive == {"medical-staff"}
    for p in mp.load().proposals:
        if p.title_kind is TitleKind.QUOTED:
            names = ("proposal on", "suggestions on")
            assert any(n in ev.exact for ev in p.evidence for n in names), p.id


def test_documented_chinese_titles_only_where_confirmed() -> None:
    titles = {p.id: [t.text for t in p.titles_zh] for p in mp.load().proposals}
    assert titles["fintech"] == []
    assert titles["gba-marine-ecology"] == []
    assert titles["medical-staff"] == []  # no stored page gives it
    assert len(titles["rural-revitalization"]) == 2
    shenzhen = mp.load().proposals[5].titles_zh
    assert [t.kind for t in shenzhen] == [TitleKind.QUOTED, TitleKind.DESCRIPTIVE]


def test_all_proposals_are_written_suggestions() -> None:
    assert {p.kind for p in mp.load().proposals} == {ProposalKind.SUGGESTION}


def test_meeting_dates_from_external_facts() -> None:
    npc, cppcc = mp.load().meeting.sessions
    assert (npc.opened, npc.closed) == ("2020-05-22", "2020-05-28")
    assert (cppcc.opened, cppcc.closed) == ("2020-05-21", "2020-05-27")


def test_statistics_record_who_measured_and_when() -> None:
    rural = mp.load().proposals[1]
    users = rural.statistics[0]
    assert (users.value, users.as_of) == (255_000_000, "2020-03")
    assert "CNNIC" in (users.source_org or "")
    survey = rural.statistics[1]
    assert (survey.value, survey.qualifier.value, survey.as_of) == (
        20000,
        "more-than",
        "2019-10",
    )
    career = mp.load().deputy.career
    assert career is not None
    assert [(s.value, s.qualifier.value) for s in career.statistics] == [
        (40, "more-than"),
        (8, "exact"),
        (5, "more-than"),
    ]


def test_horizons_and_areas_where_the_article_gives_them() -> None:
    sme = mp.load().proposals[2]
    assert [r.horizon.value if r.horizon else None for r in sme.recommendations] == [
        "near-term",
        "near-term",
        "medium-long-term",
    ]
    rural = mp.load().proposals[1]
    assert {r.area for r in rural.recommendations} >= {
        "rural governance",
        "rural economic development",
        "rural public services",
    }


def test_glossary_finds_the_literal_translations(article: str) -> None:
    terms = {t.canonical: t.variants for t in mp.load().glossary}
    assert "Dawan District" in terms["Greater Bay Area"]
    assert "Great Bay area" in terms["Greater Bay Area"]
    assert "sense of access" in terms["sense of gain"]
    for variants in terms.values():
        for variant in variants:
            assert variant.casefold() in article.casefold()


def test_curated_text_is_clean() -> None:
    # Artifacts of the source stay in evidence quotes, never in curated text.
    artifacts = [
        "Tencents",
        "Chinas",
        "Peoples",
        "u3002",
        "Dawan",
        "the NPC and the NPC",
    ]
    # The source's notes and the glossary name the quirks on purpose.
    exempt = (".exact", ".glossary", ".notes")
    for path, value in walk(mp.load()):
        if isinstance(value, str) and not any(part in path for part in exempt):
            for artifact in artifacts:
                assert artifact not in value, (path, artifact)
