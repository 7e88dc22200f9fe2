"""What each view of a set leaves out of the model, and why.

The views (the flat rows of :meth:`~ma_proposals.ProposalSet.rows`, the export
tables, notebook HTML, the command line's ``summary``, ``show``, ``topics`` and
``themes``, and the texts that the text filter and search look at) are written
for their readers. A model class that a view does
not present, or a field of a class it presents that it does not show, is
listed here for that view, with the reason. ``tests/test_field_coverage.py``
fills a set with a distinct value in every field and fails when a view neither
shows a field nor lists it, and when a listed field is shown after all. See
``docs/development.md`` for what a new field touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["NOT_PRESENTED", "NOT_SHOWN"]

_SET_LEVEL = "the set's own description is in the JSON export and in citations"
_CAREER = "the career lists are in the JSON export; its figures are statistics"
_MEETING = "the meeting and its sessions are in the JSON export"
_ROWS = "rows flatten recommendations, statistics and evidence; tables hold the rest"
_SOURCES = "sources are listed by the export tables and the JSON export"
_GLOSSARY = "the glossary is used by search; the export tables list it"
_IDS = "the text is shown; ids are in the tables and in --json"
_SPAN = "the quote is shown; its offsets are in the tables and in --json"
_WORDS = "they look at a proposal's own words, not the set's description"
_KEYS = "ids, numbers and closed vocabularies are not words to find"
_NOTE = "a curators' remark on an item, not what the item says"
_CITED = "the words of another page, not the set's or the article's"
_BASIS = "the curators' reasoning, not what the item says"
_ZH = "FTS5's unicode61 tokenizer reads a run of Chinese as one word; filter finds it"
_SET_WIDE = (
    "ProposalSet",
    "Deputy",
    "Career",
    "Meeting",
    "Session",
    "Source",
    "Topic",
    "Theme",
    "Term",
)

#: By view, the model classes it does not present at all, with the reason.
NOT_PRESENTED: Mapping[str, Mapping[str, str]] = {
    "rows": dict.fromkeys(
        (
            *_SET_WIDE,
            "Proposal",
            "ChineseTitle",
            "Claim",
            "Inference",
            "ChineseWording",
            "Divergence",
        ),
        _ROWS,
    ),
    "tables": {
        "Career": _CAREER,
        "Meeting": _MEETING,
        "Session": _MEETING,
    },
    "html": {
        "Career": _CAREER,
        "Meeting": _MEETING,
        "Session": _MEETING,
        "Source": _SOURCES,
        "Term": _GLOSSARY,
    },
    "cli": {
        "Career": _CAREER,
        "Meeting": _MEETING,
        "Session": _MEETING,
        "Source": _SOURCES,
        "Term": _GLOSSARY,
    },
    "filter": {
        **dict.fromkeys(_SET_WIDE, _WORDS),
        "Citation": _CITED,
        "Inference": _BASIS,
    },
    "search": {
        **dict.fromkeys(_SET_WIDE, _WORDS),
        "Citation": _CITED,
        "Inference": _BASIS,
        "ChineseTitle": _ZH,
        "ChineseWording": _ZH,
    },
}

#: By view, the fields (``"Class.field"``) of the classes it presents that it
#: leaves out, with the reason.
NOT_SHOWN: Mapping[str, Mapping[str, str]] = {
    "rows": {
        "Citation.quote": "rows count citations; the citations table has them",
    },
    "tables": {
        "ProposalSet.id": _SET_LEVEL,
        "ProposalSet.schema_version": _SET_LEVEL,
        "ProposalSet.version": _SET_LEVEL,
        "ProposalSet.title": _SET_LEVEL,
        "ProposalSet.year": _SET_LEVEL,
        "ProposalSet.declared_count": _SET_LEVEL,
        "Deputy.name": _SET_LEVEL,
        "Deputy.name_zh": _SET_LEVEL,
    },
    "html": {
        "ProposalSet.schema_version": _SET_LEVEL,
        "ProposalSet.year": "the meeting's name says it",
        "ProposalSet.declared_count": "the table counts the proposals",
        "Deputy.id": _IDS,
        "Deputy.name_zh": "the heading gives the name the set uses",
        "Topic.label": "the proposals table names topics by id",
        "Topic.description": "the proposals table names topics by id",
        "Theme.label": "the proposals table names themes by id",
        "Theme.description": "the proposals table names themes by id",
        "Proposal.kind": "every proposal of a set is of one kind",
        "Recommendation.id": _IDS,
        "Statistic.id": _IDS,
        "Statistic.note": "the figure, its unit and its source are shown",
        "Claim.id": _IDS,
        "Evidence.start": _SPAN,
        "Evidence.end": _SPAN,
    },
    "cli": {
        "ProposalSet.id": "the title is shown; the id is in --json",
        "ProposalSet.schema_version": _SET_LEVEL,
        "ProposalSet.version": _SET_LEVEL,
        "ProposalSet.year": "the meeting's name says it",
        "Deputy.id": _IDS,
        "Topic.description": "topics lists ids and labels; --json has the rest",
        "Theme.description": "themes lists ids and labels; --json has the rest",
        "Recommendation.id": _IDS,
        "Statistic.id": _IDS,
        "Statistic.note": "the figure, its unit and its source are shown",
        "Claim.id": _IDS,
        "Inference.basis": "show marks what is inferred in --json only",
        "Evidence.start": _SPAN,
        "Evidence.end": _SPAN,
    },
    "filter": {
        **dict.fromkeys(
            (
                "Proposal.id",
                "Proposal.number",
                "Proposal.kind",
                "Proposal.title_kind",
                "Proposal.topic",
                "Proposal.themes",
                "ChineseTitle.kind",
                "ChineseTitle.source",
                "Claim.id",
                "Claim.proposals",
                "Recommendation.id",
                "Recommendation.horizon",
                "Statistic.id",
                "Statistic.value",
                "Statistic.qualifier",
                "Statistic.as_of",
                "ChineseWording.source",
                "Divergence.id",
                "Evidence.source",
            ),
            _KEYS,
        ),
        "Evidence.start": _SPAN,
        "Evidence.end": _SPAN,
        "Proposal.note": _NOTE,
        "ChineseWording.note": _NOTE,
        "Statistic.note": _NOTE,
        "Statistic.unit": "a figure is found by its label and quotes; search has more",
        "Statistic.source_org": "a figure is found by its label and quotes",
    },
    "search": {
        **dict.fromkeys(
            (
                "Proposal.number",
                "Proposal.kind",
                "Proposal.title_kind",
                "Proposal.topic",
                "Proposal.themes",
                "Recommendation.horizon",
                "Statistic.value",
                "Statistic.qualifier",
                "Statistic.as_of",
                "Evidence.source",
            ),
            _KEYS,
        ),
        "Evidence.start": _SPAN,
        "Evidence.end": _SPAN,
        "Proposal.note": _NOTE,
    },
}
