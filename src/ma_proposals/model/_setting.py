"""What surrounds the proposals: topics, themes, glossary, deputy, meeting, sources."""

from __future__ import annotations

import attrs

from ma_proposals._fields import Rule, meta

from ._items import Citation, Claim, Evidence, Inference, Statistic

__all__ = [
    "Career",
    "Deputy",
    "Meeting",
    "Session",
    "Source",
    "Term",
    "Theme",
    "Topic",
]


@attrs.frozen
class Topic:
    """The main subject of one or more proposals.

    Example:
        >>> import ma_proposals as mp
        >>> mp.load().topics[2].label
        'Development of small and medium-sized enterprises'
    """

    id: str = attrs.field(metadata=meta("Stable id, unique in the set.", rule=Rule.ID))
    label: str = attrs.field(metadata=meta("Short display name.", rule=Rule.TEXT))
    description: str = attrs.field(
        metadata=meta("What the topic covers.", rule=Rule.TEXT)
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that name it.")
    )
    inferred: Inference | None = attrs.field(
        default=None,
        metadata=meta(
            "Set when which proposals have this topic is the curators' reading "
            "rather than what the source says; none when the source ties each "
            "proposal to it."
        ),
    )


@attrs.frozen
class Theme:
    """A cross-cutting tag shared by proposals of different topics.

    Example:
        >>> import ma_proposals as mp
        >>> mp.load().themes[0].id
        'new-infrastructure'
    """

    id: str = attrs.field(metadata=meta("Stable id, unique in the set.", rule=Rule.ID))
    label: str = attrs.field(metadata=meta("Short display name.", rule=Rule.TEXT))
    description: str = attrs.field(
        metadata=meta("What the theme covers.", rule=Rule.TEXT)
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(),
        metadata=meta("Spans of shipped sources that tie proposals to it."),
    )
    inferred: Inference | None = attrs.field(
        default=None,
        metadata=meta(
            "Set when which proposals carry the theme is the curators' reading "
            "rather than what the source says; none when the source ties each "
            "proposal to it."
        ),
    )


@attrs.frozen
class Term:
    """A glossary entry: a clean term and the spellings the source uses for it.

    Search expands a term to its variants, so a query for "Greater Bay Area" also
    finds "Dawan District".

    Example:
        >>> import ma_proposals as mp
        >>> term = mp.load().glossary[0]
        >>> term.canonical, term.variants[:2]
        ('Greater Bay Area', ('Great Bay area', 'Dawan District'))
    """

    canonical: str = attrs.field(
        metadata=meta("The clean English term, unique in the glossary.", rule=Rule.TEXT)
    )
    variants: tuple[str, ...] = attrs.field(
        metadata=meta(
            "Spellings found in the source text (matched ignoring case).",
            rule=Rule.TEXT,
        )
    )
    zh: str | None = attrs.field(
        default=None, metadata=meta("The Chinese term, if known.", rule=Rule.TEXT)
    )
    note: str | None = attrs.field(
        default=None, metadata=meta("Why the variants arise.", rule=Rule.TEXT)
    )


@attrs.frozen
class Career:
    """The deputy's record as a proposer, as the source states it.

    Example:
        >>> import ma_proposals as mp
        >>> stat = mp.load().deputy.career.statistics[0]
        >>> (stat.qualifier.value, stat.value, stat.unit)
        ('more-than', 40, 'written proposals')
    """

    statistics: tuple[Statistic, ...] = attrs.field(
        metadata=meta("Counts over the deputy's terms.")
    )
    subjects: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta(
            "Subjects of earlier proposals, in clean wording.", rule=Rule.TEXT
        ),
    )
    subjects_open: bool = attrs.field(
        default=False,
        metadata=meta(
            'Whether the source leaves the list of subjects open ("etc."): '
            "then they are examples, not all of them."
        ),
    )
    fields: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("Broad fields the proposals covered.", rule=Rule.TEXT),
    )
    fields_open: bool = attrs.field(
        default=False,
        metadata=meta(
            'Whether the source leaves the list of fields open ("and so on").'
        ),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that state it.")
    )


@attrs.frozen
class Deputy:
    """The NPC deputy who submitted the proposals.

    Example:
        >>> import ma_proposals as mp
        >>> mp.load().deputy.name, mp.load().deputy.name_zh
        ('Ma Huateng', '马化腾')
    """

    id: str = attrs.field(metadata=meta("Stable id.", rule=Rule.ID))
    name: str = attrs.field(
        metadata=meta("Name in English (pinyin, family name first).", rule=Rule.TEXT)
    )
    name_zh: str | None = attrs.field(
        default=None, metadata=meta("Name in Chinese, if confirmed.", rule=Rule.TEXT)
    )
    roles: tuple[Claim, ...] = attrs.field(
        default=(), metadata=meta("Offices and terms the source gives.")
    )
    career: Career | None = attrs.field(
        default=None, metadata=meta("The record as a proposer, if the source gives it.")
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that name the deputy.")
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata=meta("External sources, e.g. for the Chinese name.")
    )


@attrs.frozen
class Session:
    """One session of a national body (the NPC or the CPPCC National Committee).

    Example:
        >>> import ma_proposals as mp
        >>> s = mp.load().meeting.sessions[0]
        >>> (s.opened, s.closed)
        ('2020-05-22', '2020-05-28')
    """

    id: str = attrs.field(metadata=meta("Stable id.", rule=Rule.ID))
    name: str = attrs.field(metadata=meta("Full English name.", rule=Rule.TEXT))
    opened: str | None = attrs.field(
        default=None, metadata=meta("Opening date (ISO 8601).", rule=Rule.DATE)
    )
    closed: str | None = attrs.field(
        default=None, metadata=meta("Closing date (ISO 8601).", rule=Rule.DATE)
    )
    note: str | None = attrs.field(
        default=None, metadata=meta("Curators' remark, if any.", rule=Rule.TEXT)
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata=meta("External sources for the dates.")
    )


@attrs.frozen
class Meeting:
    """The gathering the proposals were submitted to (the "two sessions").

    Example:
        >>> import ma_proposals as mp
        >>> [s.id for s in mp.load().meeting.sessions]
        ['npc-13-3', 'cppcc-13-3']
    """

    id: str = attrs.field(metadata=meta("Stable id.", rule=Rule.ID))
    name: str = attrs.field(metadata=meta("English name.", rule=Rule.TEXT))
    year: int = attrs.field(metadata=meta("Calendar year."))
    sessions: tuple[Session, ...] = attrs.field(
        default=(), metadata=meta("The sessions that make up the meeting.")
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that name it.")
    )


@attrs.frozen
class Source:
    """A document the data was curated from.

    A shipped source has a ``resource`` (a path relative to the JSON document,
    inside the package for the packaged set) and its ``sha256``; an external one
    has a ``url``. Evidence may only point into shipped sources.

    Example:
        >>> import ma_proposals as mp
        >>> src = mp.load().sources[0]
        >>> (src.editor, src.resource)
        ('Zhong Qiming', 'sources/21st-century-economic-report-2020.txt')
    """

    id: str = attrs.field(metadata=meta("Stable id, unique in the set.", rule=Rule.ID))
    title: str | None = attrs.field(
        default=None, metadata=meta("Title as published, if known.", rule=Rule.TEXT)
    )
    publisher: str | None = attrs.field(
        default=None,
        metadata=meta("Who published it, as far as known.", rule=Rule.TEXT),
    )
    editor: str | None = attrs.field(
        default=None, metadata=meta("Responsible editor, if named.", rule=Rule.TEXT)
    )
    category: str | None = attrs.field(
        default=None,
        metadata=meta("Section or category it was filed under.", rule=Rule.TEXT),
    )
    language: str | None = attrs.field(
        default=None,
        metadata=meta(
            "BCP 47 language tag (``en``, ``zh``, ``zh-Hant``).", rule=Rule.LANGUAGE
        ),
    )
    published: str | None = attrs.field(
        default=None,
        metadata=meta("Publication date (ISO 8601), if known.", rule=Rule.DATE),
    )
    resource: str | None = attrs.field(
        default=None,
        metadata=meta(
            "Path of the shipped text, relative to the JSON document.", rule=Rule.TEXT
        ),
    )
    url: str | None = attrs.field(
        default=None, metadata=meta("Address of an external source.", rule=Rule.TEXT)
    )
    sha256: str | None = attrs.field(
        default=None,
        metadata=meta("SHA-256 of the shipped text's bytes.", rule=Rule.SHA256),
    )
    notes: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("Known quirks and how the curators read them.", rule=Rule.TEXT),
    )
