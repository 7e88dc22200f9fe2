"""What a proposal is made of: its evidence, statements, figures and actions."""

from __future__ import annotations

import attrs

from ma_proposals._fields import Rule, meta
from ma_proposals._vocabulary import Horizon, ProposalKind, Qualifier, TitleKind
from ma_proposals._wording import clip

__all__ = [
    "ChineseTitle",
    "ChineseWording",
    "Citation",
    "Claim",
    "Divergence",
    "Evidence",
    "Inference",
    "Proposal",
    "Recommendation",
    "Statistic",
]


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

    def _repr_html_(self) -> str:
        """The quote for notebooks, with its source and offsets (escaped).

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> ev = mp.load().claims[0].evidence[1]
            >>> print(ev._repr_html_()[-63:])
            <small>21st-century-economic-report [307:342]</small></p></div>
        """
        from ma_proposals._display import evidence_html

        return evidence_html(self)


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
class Inference:
    """Marks what the curators infer, rather than read, in the source, and why.

    The source may state a fact without saying everything the data records
    about it: "Three of the proposals referred to new infrastructure" names no
    proposal, so which three is the curators' reading. Such an item keeps its
    evidence for what the source does say and carries an ``Inference`` that
    says what is inferred, on what basis, and points at the spans the reading
    rests on.

    Example:
        >>> import ma_proposals as mp
        >>> claim = mp.load().claims[1]
        >>> claim.inferred is not None
        True
        >>> claim.inferred.evidence[0].exact
        'with new infrastructure as the strategic cornerstone'
    """

    basis: str = attrs.field(
        metadata=meta(
            "What is inferred and why, in the curators' words: which part of the "
            "item the source does not state, and what in the source the reading "
            "rests on.",
            rule=Rule.TEXT,
        )
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=meta("Spans of shipped sources the reading rests on.")
    )


@attrs.frozen
class ChineseWording:
    """The Chinese words of a curated item, as one external source gives them.

    The shipped article is an English translation. Where a stored Chinese report
    gives an item's words, they are kept, verbatim, with the report that gives
    them; reports that differ are each kept with their own source.

    Example:
        >>> import ma_proposals as mp
        >>> rec = mp.load()["industrial-internet"].recommendations[1]
        >>> wording = rec.wordings_zh[0]
        >>> wording.source, wording.text
        ('guancha-163', '加快推进云计算等新基建,筑牢数字经济发展的战略基石;')
    """

    text: str = attrs.field(
        metadata=meta(
            "The item's words as the source writes them: one passage of the page, "
            "copied character for character, artifacts included.",
            rule=Rule.TEXT,
        )
    )
    source: str = attrs.field(
        metadata=meta("Id of the source that gives them.", ref="sources")
    )
    note: str | None = attrs.field(
        default=None,
        metadata=meta(
            "Curators' remark on how the words differ from the shipped article's, "
            "if they do.",
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
    wordings_zh: tuple[ChineseWording, ...] = attrs.field(
        default=(),
        metadata=meta(
            "Its Chinese words as external sources give them; empty where no "
            "source read gives them."
        ),
    )
    inferred: Inference | None = attrs.field(
        default=None,
        metadata=meta(
            "Set when part of the statement (such as which proposals it is about) "
            "is the curators' reading rather than what the source says; none when "
            "the source states all of it."
        ),
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

    def _repr_html_(self) -> str:
        """The figure for notebooks, with its evidence collapsed (escaped).

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> "<details>" in mp.load().deputy.career.statistics[0]._repr_html_()
            True
        """
        from ma_proposals._display import statistic_html

        return statistic_html(self)


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
    wordings_zh: tuple[ChineseWording, ...] = attrs.field(
        default=(),
        metadata=meta(
            "Its Chinese words as external sources give them; empty where no "
            "source read gives them."
        ),
    )

    def _repr_html_(self) -> str:
        """The action for notebooks, with its evidence collapsed (escaped).

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> rec = mp.load()["fintech"].recommendations[0]
            >>> print(rec._repr_html_()[:40])
            <div><code>favourable-environment</code>
        """
        from ma_proposals._display import recommendation_html

        return recommendation_html(self)


@attrs.frozen
class ChineseTitle:
    """A Chinese title of a proposal as one external source gives it.

    Sources do not always agree; every variant is kept with its own source.

    Example:
        >>> import ma_proposals as mp
        >>> for title in mp.load().proposals[1].titles_zh:
        ...     print(title.text, title.source)
        《关于“后脱贫期”促进乡村振兴的建议》 guangming-daily-2021
        《关于在“后脱贫期”促进乡村振兴的建议》 financial-news
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


@attrs.frozen
class Divergence:
    """Where other coverage of a proposal differs from the shipped article.

    The Chinese reports of the proposals sometimes give an item the English
    article leaves out, or words it renders differently. A divergence says so in
    the curators' words, points at the article's spans it concerns and cites the
    pages that show the difference. It records a difference; it does not add to
    the proposal's items, which follow the article.

    Example:
        >>> import ma_proposals as mp
        >>> d = mp.load()["medical-staff"].divergences[0]
        >>> d.evidence[0].exact
        'medical services and doctors sense of access'
        >>> d.citations[0].source
        'guancha-163'
    """

    id: str = attrs.field(
        metadata=meta("Stable id, unique within its proposal.", rule=Rule.ID)
    )
    text: str = attrs.field(
        metadata=meta(
            "What the other coverage says that the article leaves out or renders "
            "differently, in the curators' words.",
            rule=Rule.TEXT,
        )
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(),
        metadata=meta("Spans of shipped sources the difference concerns."),
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(),
        metadata=meta("External sources that show the difference, with their words."),
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
        default=(),
        metadata=meta(
            "The context the source gives for it: the problems it describes and "
            "the reasons it gives."
        ),
    )
    aims: tuple[Claim, ...] = attrs.field(
        default=(),
        metadata=meta(
            "What it sets out to achieve, as the source states it: opening "
            "statements of purpose and argument, which are not recommendations."
        ),
    )
    recommendations: tuple[Recommendation, ...] = attrs.field(
        default=(),
        metadata=meta(
            "Every item of the suggestion lists the source attributes to the "
            "deputy, one item each, in order (see the curation rules)."
        ),
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
    divergences: tuple[Divergence, ...] = attrs.field(
        default=(),
        metadata=meta(
            "Where other coverage differs from the shipped article: an item the "
            "article leaves out, or words it renders differently."
        ),
    )

    def __repr__(self) -> str:
        # str(): a set built in code may hold anything until it is validated.
        return f"<Proposal {self.number!r} {self.id!r}: {clip(str(self.title))}>"

    def _repr_html_(self) -> str:
        """A compact HTML view for notebooks (every text escaped).

        Example:
            >>> import ma_proposals as mp
            >>> mp.load()["fintech"]._repr_html_()[:40]
            '<div><p><strong>5. Further raising China'
        """
        from ma_proposals._display import proposal_html

        return proposal_html(self)
