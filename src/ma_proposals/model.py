"""The typed data model of a proposal set.

Every class is a frozen, slotted :mod:`attrs` class; sequences are tuples and closed
vocabularies are enums, so a loaded set cannot be changed in place and is safe to
share between threads. Each field's description lives in its ``metadata`` and feeds
the data dictionary and the JSON Schema.

Curated items (proposals, recommendations, statistics, claims, topics, themes) carry
:class:`Evidence`: the span of a shipped source text that supports them. Facts that
come from elsewhere carry a :class:`Citation` of an external :class:`Source`
instead.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, overload

import attrs

from ._fields import Rule, meta
from ._strings import clip

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .query import (
        EvidenceContext,
        EvidenceRow,
        Predicate,
        RecommendationRow,
        StatisticRow,
    )
    from .search import Hit

__all__ = [
    "Career",
    "ChineseTitle",
    "Citation",
    "Claim",
    "Deputy",
    "Evidence",
    "Horizon",
    "Meeting",
    "Proposal",
    "ProposalKind",
    "ProposalSet",
    "Qualifier",
    "Recommendation",
    "Session",
    "Source",
    "Statistic",
    "Term",
    "Theme",
    "TitleKind",
    "Topic",
]

#: The version of the format that this release reads and writes.
SCHEMA_VERSION = 1


class TitleKind(enum.Enum):
    """How a title relates to the source that gives it.

    Example:
        >>> import ma_proposals as mp
        >>> mp.TitleKind("quoted")
        <TitleKind.QUOTED: 'quoted'>
    """

    #: The source names the document by its title ("the proposal on ...").
    QUOTED = "quoted"
    #: The source only describes the document; the title is the curators' wording.
    DESCRIPTIVE = "descriptive"


class ProposalKind(enum.Enum):
    """The kind of document an NPC deputy submits.

    Example:
        >>> import ma_proposals as mp
        >>> mp.load().proposals[0].kind.value
        'suggestion'
    """

    #: A written suggestion (建议), which one deputy may submit alone.
    SUGGESTION = "suggestion"
    #: A bill or motion (议案), which needs a delegation or at least 30 deputies.
    MOTION = "motion"


class Horizon(enum.Enum):
    """When a recommendation is meant to take effect, where the source says.

    Example:
        >>> import ma_proposals as mp
        >>> [h.value for h in mp.Horizon]
        ['near-term', 'medium-long-term']
    """

    #: In the near term (the source's "in the near future").
    NEAR_TERM = "near-term"
    #: In the medium and long term.
    MEDIUM_LONG_TERM = "medium-long-term"


class Qualifier(enum.Enum):
    """How a source states a figure.

    Example:
        >>> import ma_proposals as mp
        >>> mp.Qualifier("more-than") is mp.Qualifier.MORE_THAN
        True
    """

    #: Stated as a plain figure, without a hedge (it may still be rounded, as
    #: "255 million" is).
    EXACT = "exact"
    #: Stated as a lower bound ("more than 40").
    MORE_THAN = "more-than"
    #: Stated as an approximation ("about 40").
    ABOUT = "about"


@attrs.frozen
class Evidence:
    """A span of a shipped source text that supports a curated item.

    Offsets count Unicode code points from the start of the decoded text, like
    W3C Web Annotation's TextPositionSelector; ``exact`` repeats the span verbatim,
    like its TextQuoteSelector, so that validation can prove the two agree.

    Example:
        >>> import ma_proposals as mp
        >>> ev = mp.load().claims[0].evidence[0]
        >>> mp.load().source_text(ev.source)[ev.start : ev.end] == ev.exact
        True
    """

    source: str = attrs.field(
        metadata=meta("Id of the shipped source the span is in.", ref="sources")
    )
    start: int = attrs.field(
        metadata=meta("Offset of the first code point of the span (inclusive).")
    )
    end: int = attrs.field(
        metadata=meta("Offset just past the last code point of the span (exclusive).")
    )
    exact: str = attrs.field(
        metadata=meta("The span's text, verbatim, artifacts included.", rule=Rule.TEXT)
    )


@attrs.frozen
class Citation:
    """A reference to an external source that supports a fact.

    Used for facts that the shipped article does not give, such as Chinese titles
    and meeting dates; the source is named by id and has a ``url``.

    Example:
        >>> import ma_proposals as mp
        >>> session = mp.load().meeting.sessions[0]
        >>> session.citations[0].source
        'cri-npc-dates'
    """

    source: str = attrs.field(
        metadata=meta("Id of the source that states the fact.", ref="sources")
    )
    quote: str | None = attrs.field(
        default=None,
        metadata=meta(
            "The words of the source that state the fact, where recorded.",
            rule=Rule.TEXT,
        ),
    )


@attrs.frozen
class Claim:
    """A statement the source makes, in the curators' words, with its evidence.

    Claims record set-level statements ("three of the proposals refer to new
    infrastructure"), the background a proposal gives and the deputy's roles.

    Example:
        >>> import ma_proposals as mp
        >>> claim = mp.load().claims[1]
        >>> claim.text
        'Three of the seven proposals refer to new infrastructure.'
        >>> claim.proposals
        ('industrial-internet', 'rural-revitalization', 'medical-staff')
    """

    id: str = attrs.field(
        metadata=meta("Stable id, unique among its siblings.", rule=Rule.ID)
    )
    text: str = attrs.field(
        metadata=meta("The statement in clean English.", rule=Rule.TEXT)
    )
    proposals: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("Ids of the proposals the statement is about.", ref="proposals"),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that support it.")
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata=meta("External sources that support it.")
    )


@attrs.frozen
class Statistic:
    """A figure the source cites, with who measured it and when.

    Example:
        >>> import ma_proposals as mp
        >>> stat = mp.load().proposals[1].statistics[0]
        >>> (stat.value, stat.unit, stat.as_of)
        (255000000, 'internet users', '2020-03')
    """

    id: str = attrs.field(
        metadata=meta("Stable id, unique within its proposal or career.", rule=Rule.ID)
    )
    label: str = attrs.field(
        metadata=meta("What the figure counts, in clean English.", rule=Rule.TEXT)
    )
    value: int | float = attrs.field(metadata=meta("The figure as a number."))
    unit: str = attrs.field(
        metadata=meta("The unit of ``value`` (people, years, percent).", rule=Rule.TEXT)
    )
    qualifier: Qualifier = attrs.field(
        metadata=meta("How the source states it: exact, more-than or about.")
    )
    as_of: str | None = attrs.field(
        default=None,
        metadata=meta(
            "When the figure holds, as an ISO date or month; none if not given.",
            rule=Rule.DATE,
        ),
    )
    source_org: str | None = attrs.field(
        default=None,
        metadata=meta(
            "Who measured it, as the source names them; none if not given.",
            rule=Rule.TEXT,
        ),
    )
    note: str | None = attrs.field(
        default=None,
        metadata=meta("Curators' remark on the figure, if any.", rule=Rule.TEXT),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that state it.")
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata=meta("External sources that state or confirm it.")
    )


@attrs.frozen
class Recommendation:
    """One distinct action a proposal suggests.

    Example:
        >>> import ma_proposals as mp
        >>> rec = mp.load().proposals[2].recommendations[0]
        >>> rec.horizon
        <Horizon.NEAR_TERM: 'near-term'>
    """

    id: str = attrs.field(
        metadata=meta("Stable id, unique within its proposal.", rule=Rule.ID)
    )
    text: str = attrs.field(
        metadata=meta("The suggested action in clean English.", rule=Rule.TEXT)
    )
    area: str | None = attrs.field(
        default=None,
        metadata=meta(
            "The field the source files it under (e.g. rural governance); none if "
            "the source gives none.",
            rule=Rule.TEXT,
        ),
    )
    horizon: Horizon | None = attrs.field(
        default=None,
        metadata=meta("Near-term or medium-long-term, where the source says."),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources that state it.")
    )


@attrs.frozen
class ChineseTitle:
    """A Chinese title of a proposal as one external source gives it.

    Sources do not always agree; every variant is kept with its own source.

    Example:
        >>> import ma_proposals as mp
        >>> for title in mp.load().proposals[1].titles_zh:
        ...     print(title.text, title.source)
        《关于"后脱贫期"促进乡村振兴的建议》 guangming-daily-2021
        《关于在"后脱贫期"促进乡村振兴的建议》 financial-news
    """

    text: str = attrs.field(
        metadata=meta("The title as the source writes it.", rule=Rule.TEXT)
    )
    kind: TitleKind = attrs.field(
        metadata=meta("Whether the source quotes the title or only describes it.")
    )
    source: str = attrs.field(
        metadata=meta("Id of the source that gives it.", ref="sources")
    )


@attrs.frozen(repr=False)
class Proposal:
    """One written proposal.

    Example:
        >>> import ma_proposals as mp
        >>> p = mp.load().proposals[0]
        >>> (p.number, p.id, p.topic, p.title_kind.value)
        (1, 'industrial-internet', 'industrial-internet', 'quoted')
    """

    id: str = attrs.field(metadata=meta("Stable id, unique in the set.", rule=Rule.ID))
    number: int = attrs.field(
        metadata=meta("Position in the source's order, from 1 without gaps.")
    )
    title: str = attrs.field(
        metadata=meta("English title in clean, faithful wording.", rule=Rule.TEXT)
    )
    title_kind: TitleKind = attrs.field(
        metadata=meta("Whether the source quotes the title or only describes it.")
    )
    kind: ProposalKind = attrs.field(metadata=meta("The kind of document."))
    topic: str = attrs.field(metadata=meta("Id of its main topic.", ref="topics"))
    summary: str = attrs.field(
        metadata=meta("What it asks for, in the curators' own words.", rule=Rule.TEXT)
    )
    themes: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("Ids of the cross-cutting themes.", ref="themes")
    )
    titles_zh: tuple[ChineseTitle, ...] = attrs.field(
        default=(),
        metadata=meta("Chinese titles confirmed by external sources, every variant."),
    )
    background: tuple[Claim, ...] = attrs.field(
        default=(), metadata=meta("The context the source gives for it.")
    )
    recommendations: tuple[Recommendation, ...] = attrs.field(
        default=(), metadata=meta("Every distinct action it suggests, in order.")
    )
    statistics: tuple[Statistic, ...] = attrs.field(
        default=(), metadata=meta("Every figure the source cites for it.")
    )
    note: str | None = attrs.field(
        default=None,
        metadata=meta(
            "Curators' remark (e.g. on a misplaced heading).", rule=Rule.TEXT
        ),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(),
        metadata=meta("Spans of shipped sources that name or describe it."),
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata=meta("External sources about it.")
    )

    def __repr__(self) -> str:
        return f"<Proposal {self.number} {self.id!r}: {clip(self.title)}>"

    def _repr_html_(self) -> str:
        """A compact HTML view for notebooks (every text escaped).

        Example:
            >>> import ma_proposals as mp
            >>> mp.load()["fintech"]._repr_html_()[:40]
            '<div><p><strong>5. Further raising China'
        """
        from ._html import proposal_html

        return proposal_html(self)


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
    fields: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("Broad fields the proposals covered.", rule=Rule.TEXT),
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
        default=None, metadata=meta("BCP 47 language tag (``en``, ``zh``).")
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


@attrs.frozen(repr=False)
class ProposalSet:
    """A deputy's proposals to one meeting: the root of a document.

    It is also a read-only collection of its proposals: ``len(s)``, iteration
    in the source's order, ``s["fintech"]``, ``"fintech" in s``.

    Example:
        >>> import ma_proposals as mp
        >>> s = mp.load()
        >>> s
        <ProposalSet 'ma-huateng-2020': 7 proposals>
        >>> (s.id, s.year, s.declared_count, len(s))
        ('ma-huateng-2020', 2020, 7, 7)
        >>> s["fintech"]
        <Proposal 5 'fintech': Further raising China's level of financial technology and a…>
    """  # noqa: E501

    schema_version: int = attrs.field(
        metadata=meta("Version of the format; this release reads and writes 1.")
    )
    id: str = attrs.field(metadata=meta("Stable id of the set.", rule=Rule.ID))
    title: str = attrs.field(metadata=meta("Display title.", rule=Rule.TEXT))
    year: int = attrs.field(metadata=meta("Year of the meeting."))
    deputy: Deputy = attrs.field(metadata=meta("Who submitted the proposals."))
    meeting: Meeting = attrs.field(metadata=meta("Where they were submitted."))
    declared_count: int = attrs.field(
        metadata=meta("How many proposals the source says there are.")
    )
    sources: tuple[Source, ...] = attrs.field(
        metadata=meta("Every source cited anywhere in the set.")
    )
    topics: tuple[Topic, ...] = attrs.field(default=(), metadata=meta("Main topics."))
    themes: tuple[Theme, ...] = attrs.field(
        default=(), metadata=meta("Cross-cutting themes.")
    )
    proposals: tuple[Proposal, ...] = attrs.field(
        default=(), metadata=meta("The proposals, in the source's order.")
    )
    claims: tuple[Claim, ...] = attrs.field(
        default=(), metadata=meta("Statements about the set as a whole.")
    )
    glossary: tuple[Term, ...] = attrs.field(
        default=(), metadata=meta("Translation and spelling variants in the sources.")
    )

    def __repr__(self) -> str:
        return f"<ProposalSet {self.id!r}: {len(self.proposals)} proposals>"

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks (every text escaped).

        Example:
            >>> import ma_proposals as mp
            >>> "<table>" in mp.load()._repr_html_()
            True
        """
        from ._html import set_html

        return set_html(self)

    # -- A collection of proposals, in the source's order --------------------

    def __len__(self) -> int:
        return len(self.proposals)

    def __iter__(self) -> Iterator[Proposal]:
        return iter(self.proposals)

    def __contains__(self, item: object) -> bool:
        from .query import by_id

        if isinstance(item, str):
            return item in by_id(self)
        return item in self.proposals

    def __getitem__(self, proposal_id: str) -> Proposal:
        """The proposal with ``proposal_id``.

        Raises:
            UnknownIdError: No proposal has that id (a :class:`KeyError` whose
                message suggests close ids).

        Example:
            >>> import ma_proposals as mp
            >>> mp.load()["fintech"].number
            5
            >>> mp.load()["fintec"]
            Traceback (most recent call last):
            ...
            ma_proposals.errors.UnknownIdError: no proposal with id 'fintec'; did you mean 'fintech'?
        """  # noqa: E501
        from .query import by_id, missing

        try:
            return by_id(self)[proposal_id]
        except KeyError:
            raise missing(self, proposal_id) from None

    @overload
    def get(self, proposal_id: str) -> Proposal | None: ...
    @overload
    def get(self, proposal_id: str, default: Proposal) -> Proposal: ...
    @overload
    def get(self, proposal_id: str, default: Any) -> Any: ...

    def get(self, proposal_id: str, default: Any = None) -> Any:
        """The proposal with ``proposal_id``, or ``default`` if there is none.

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().get("sme-relief").topic
            'sme-development'
            >>> mp.load().get("nope") is None
            True
        """
        from .query import by_id

        return by_id(self).get(proposal_id, default)

    def filter(
        self,
        *predicates: Predicate,
        topic: str | None = None,
        theme: str | None = None,
        text: str | None = None,
    ) -> ProposalSet:
        """The proposals that satisfy every condition, as a new set.

        The result keeps the set's metadata (deputy, topics, sources, claims...)
        and the source's order. Topic and theme conditions use indexes built on
        first use. A filtered set is a view, not a document of its own:
        :func:`~ma_proposals.validate` reports that its proposals no longer match
        ``declared_count`` and their numbering, and claims about proposals it
        left out.

        Args:
            *predicates: Predicates from :mod:`ma_proposals.query`, combined
                with "and".
            topic: Keep proposals with this main topic id.
            theme: Keep proposals tagged with this theme id.
            text: Keep proposals whose texts or evidence contain this text,
                ignoring case.

        Returns:
            A new :class:`ProposalSet` (the same one if no condition is given).

        Raises:
            UnknownIdError: A topic or theme id is not defined by the set.

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> [p.id for p in s.filter(theme="new-infrastructure")]
            ['industrial-internet', 'rural-revitalization', 'medical-staff']
            >>> s.filter(theme="new-infrastructure", text="hospital").proposals[0].id
            'medical-staff'
        """
        from .query import filter_set

        return filter_set(self, predicates, topic, theme, text)

    def count_by_topic(self) -> dict[str, int]:
        """How many proposals each topic has, in the set's topic order.

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().count_by_topic()["fintech"]
            1
        """
        from .query import count_by

        return count_by(self, "topic")

    def count_by_theme(self) -> dict[str, int]:
        """How many proposals carry each theme, in the set's theme order.

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().count_by_theme()
            {'new-infrastructure': 3, 'digital-economy': 2, 'cloud-computing': 2, 'digital-upgrading': 4, 'top-level-design': 3, 'greater-bay-area': 1}
        """  # noqa: E501
        from .query import count_by

        return count_by(self, "theme")

    def group_by_topic(self) -> dict[str, tuple[Proposal, ...]]:
        """The proposals of each topic that has any, in the set's topic order.

        Example:
            >>> import ma_proposals as mp
            >>> groups = mp.load().group_by_topic()
            >>> [p.id for p in groups["regional-development"]]
            ['shenzhen-demonstration-zone']
        """
        from .query import group_by_topic

        return group_by_topic(self)

    def recommendation_rows(self) -> tuple[RecommendationRow, ...]:
        """Every recommendation as a flat row that names its proposal.

        Example:
            >>> import ma_proposals as mp
            >>> rows = mp.load().recommendation_rows()
            >>> [r.text for r in rows if r.proposal == "fintech"][:2]
            ['Deepen the innovation of institutions and mechanisms.', "Improve the financial sector's ability to apply and create technology, further stimulating the industry's vitality."]
        """  # noqa: E501
        from .query import recommendation_rows

        return recommendation_rows(self)

    def statistic_rows(self) -> tuple[StatisticRow, ...]:
        """Every statistic as a flat row (the deputy's career figures included).

        Example:
            >>> import ma_proposals as mp
            >>> len(mp.load().statistic_rows())
            9
        """
        from .query import statistic_rows

        return statistic_rows(self)

    def evidence_rows(self) -> tuple[EvidenceRow, ...]:
        """Every evidence span as a flat row naming the item it supports.

        Example:
            >>> import ma_proposals as mp
            >>> rows = mp.load().evidence_rows()
            >>> sorted({r.owner_kind for r in rows})[:4]
            ['career', 'claim', 'deputy', 'meeting']
        """
        from .query import evidence_rows

        return evidence_rows(self)

    def search(
        self,
        query: str,
        limit: int | None = 10,
        *,
        highlight: tuple[str, str] = ("[", "]"),
    ) -> tuple[Hit, ...]:
        """Ranked full-text search over the proposals, glossary-aware.

        Searches titles, summaries, background, recommendations and statistic
        labels, together with their evidence quotes, using SQLite FTS5 with
        Porter stemming and bm25 ranking. The FTS5 query syntax applies:
        ``"exact phrases"``, ``prefix*``, ``AND``, ``OR``, ``NOT`` and
        parentheses. Glossary terms in the query are expanded to their variants,
        so "Greater Bay Area" also finds "Dawan District". The index is built on
        first use, once per set.

        Args:
            query: The search query.
            limit: At most this many hits; ``None`` for all.
            highlight: Markers put around matched words in snippets.

        Returns:
            The hits, best first.

        Raises:
            QueryError: The query is empty or not valid FTS5 syntax.

        Example:
            >>> import ma_proposals as mp
            >>> hits = mp.load().search("Greater Bay Area", limit=3)
            >>> [h.proposal for h in hits]
            ['gba-marine-ecology', 'gba-marine-ecology', 'gba-marine-ecology']
        """
        from .search import search

        return search(self, query, limit, highlight)

    def context(self, evidence: Evidence, width: int = 60) -> EvidenceContext:
        """An evidence span with up to ``width`` code points of text around it.

        Args:
            evidence: A span of one of the set's shipped sources.
            width: How much text to show on each side.

        Returns:
            The :class:`~ma_proposals.query.EvidenceContext`; ``str()`` of it
            marks the quote with brackets.

        Raises:
            SourceTextError: The source's text is not available.

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> ctx = s.context(s["fintech"].recommendations[0].evidence[0], width=12)
            >>> print(ctx)
            …challenges. [We must deepen the innovation of the system and mechanism], improve th…
        """  # noqa: E501
        from .query import context

        return context(self, evidence, width)

    def evidence_of(self, item: Any, width: int = 60) -> tuple[EvidenceContext, ...]:
        """The evidence of any item (proposal, recommendation, claim...) in context.

        Args:
            item: A model object with an ``evidence`` field.
            width: How much text to show on each side of each span.

        Returns:
            One :class:`~ma_proposals.query.EvidenceContext` per span.

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> [c.exact for c in s.evidence_of(s["sme-relief"])]
            ['the proposal on using digital technology and innovative application mode to help small and medium-sized micro enterprises rescue']
        """  # noqa: E501
        return tuple(self.context(ev, width) for ev in item.evidence)

    def source_text(self, source_id: str) -> str:
        """The full text of one of the set's shipped sources.

        Args:
            source_id: The id of a source with a ``resource``.

        Returns:
            The decoded text, verified against the source's ``sha256``.

        Raises:
            SourceTextError: No such source, it is external, or its text is not
                available (sets built in code must be validated or loaded with a
                ``base`` that holds their texts).

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().source_text("21st-century-economic-report")[:10]
            'Ma Huateng'
        """
        from ._texts import text_of

        return text_of(self, source_id)
