"""Valid sets and their parts: recommendations, statistics, proposals, sets."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from ma_proposals import _source_texts
from ma_proposals.model import (
    SCHEMA_VERSION,
    Career,
    ChineseTitle,
    Citation,
    Deputy,
    Horizon,
    Meeting,
    Proposal,
    ProposalKind,
    ProposalSet,
    Qualifier,
    Recommendation,
    Session,
    Source,
    Statistic,
    Term,
    Theme,
    TitleKind,
    Topic,
)

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn

from ._corpus import (
    _EXTERNAL,
    _SHIPPED,
    Corpus,
    _evidence_list,
    _maybe,
    _slug,
    _slugs,
    _versions,
    _words,
    corpora,
)
from ._parts import _CHINESE, _claim, _divergences, _inference, _wordings


@st.composite
def recommendations(
    draw: DrawFn,
    corpus: Corpus | None = None,
    *,
    id: str | None = None,
    external_source: str | None = None,
    optional_fields: bool | None = None,
) -> Recommendation:
    """Generate a recommendation evidenced in ``corpus``.

    Args:
        draw: Supplied by hypothesis.
        corpus: The text its evidence quotes (a new one if not given).
        id: Its id (drawn if not given).
        external_source: Id of an external source for Chinese wordings, if any.

            .. versionadded:: 0.1.0
        optional_fields: Include ``area``, ``horizon`` and (with an external
            source) Chinese wordings always (True), never (False) or by chance
            (None).

    Returns:
        A strategy of :class:`~ma_proposals.Recommendation`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import recommendations
        >>> rec = find(recommendations(optional_fields=True), bool, settings=first)
        >>> rec.horizon is not None and rec.evidence != ()
        True
    """
    corpus = corpus if corpus is not None else draw(corpora())
    return Recommendation(
        id=id if id is not None else draw(_slug()),
        text=draw(_words()),
        area=_maybe(draw, _words(1, 3), optional_fields),
        horizon=_maybe(draw, st.sampled_from(Horizon), optional_fields),
        evidence=_evidence_list(draw, corpus),
        wordings_zh=_wordings(draw, external_source, optional_fields),
    )


@st.composite
def statistics(
    draw: DrawFn,
    corpus: Corpus | None = None,
    *,
    id: str | None = None,
    optional_fields: bool | None = None,
) -> Statistic:
    """Generate a statistic evidenced in ``corpus``.

    Args:
        draw: Supplied by hypothesis.
        corpus: The text its evidence quotes (a new one if not given).
        id: Its id (drawn if not given).
        optional_fields: Include ``as_of``, ``source_org`` and ``note`` always
            (True), never (False) or by chance (None).

    Returns:
        A strategy of :class:`~ma_proposals.Statistic`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import statistics
        >>> stat = find(statistics(), lambda s: s.value > 1000, settings=first)
        >>> stat.value > 1000 and stat.evidence != ()
        True
    """
    corpus = corpus if corpus is not None else draw(corpora())
    dates = st.dates().map(lambda d: d.isoformat()) | st.dates().map(
        lambda d: d.isoformat()[:7]
    )
    return Statistic(
        id=id if id is not None else draw(_slug()),
        label=draw(_words()),
        value=draw(
            st.integers(min_value=-(10**12), max_value=10**12)
            | st.floats(allow_nan=False, allow_infinity=False, width=64)
        ),
        unit=draw(_words(1, 2)),
        qualifier=draw(st.sampled_from(Qualifier)),
        as_of=_maybe(draw, dates, optional_fields),
        source_org=_maybe(draw, _words(1, 3), optional_fields),
        note=_maybe(draw, _words(), optional_fields),
        evidence=_evidence_list(draw, corpus),
    )


@st.composite
def proposals(
    draw: DrawFn,
    corpus: Corpus | None = None,
    *,
    number: int = 1,
    id: str | None = None,
    topics: tuple[str, ...] = ("topic",),
    themes: tuple[str, ...] = (),
    external_source: str | None = None,
    min_recommendations: int = 0,
    max_recommendations: int = 3,
    min_statistics: int = 0,
    max_statistics: int = 2,
    optional_fields: bool | None = None,
) -> Proposal:
    """Generate a proposal evidenced in ``corpus``.

    Args:
        draw: Supplied by hypothesis.
        corpus: The text its evidence quotes (a new one if not given).
        number: Its number.
        id: Its id (drawn if not given).
        topics: Topic ids to choose its topic from.
        themes: Theme ids to choose its themes from.
        external_source: Id of an external source for Chinese titles and
            wordings and for the citations of divergences, if any.
        min_recommendations: Fewest recommendations.
        max_recommendations: Most recommendations.
        min_statistics: Fewest statistics.
        max_statistics: Most statistics.
        optional_fields: Include optional fields always (True), never (False) or
            by chance (None).

    Returns:
        A strategy of :class:`~ma_proposals.Proposal`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import proposals
        >>> p = find(proposals(number=3, topics=("parks",)), bool, settings=first)
        >>> (p.number, p.topic)
        (3, 'parks')
    """
    corpus = corpus if corpus is not None else draw(corpora())
    rec_ids = draw(_slugs(min_recommendations, max_recommendations))
    stat_ids = draw(_slugs(min_statistics, max_statistics))
    claim_ids = draw(_slugs(0, 2))
    aim_ids = draw(_slugs(0, 2))
    titles: tuple[ChineseTitle, ...] = ()
    if external_source is not None and (
        optional_fields or (optional_fields is None and draw(st.booleans()))
    ):
        titles = (
            ChineseTitle(
                draw(_CHINESE),
                draw(st.sampled_from(TitleKind)),
                external_source,
            ),
        )
    return Proposal(
        id=id if id is not None else draw(_slug()),
        number=number,
        title=draw(_words()),
        title_kind=draw(st.sampled_from(TitleKind)),
        kind=draw(st.sampled_from(ProposalKind)),
        topic=draw(st.sampled_from(topics)),
        summary=draw(_words(3, 12)),
        themes=tuple(draw(st.lists(st.sampled_from(themes), unique=True)))
        if themes
        else (),
        titles_zh=titles,
        background=tuple(_claim(draw, corpus, cid, []) for cid in claim_ids),
        aims=tuple(
            _claim(draw, corpus, aid, [], optional_fields, external_source)
            for aid in aim_ids
        ),
        recommendations=tuple(
            draw(
                recommendations(
                    corpus,
                    id=rid,
                    external_source=external_source,
                    optional_fields=optional_fields,
                )
            )
            for rid in rec_ids
        ),
        statistics=tuple(
            draw(statistics(corpus, id=sid, optional_fields=optional_fields))
            for sid in stat_ids
        ),
        note=_maybe(draw, _words(), optional_fields),
        evidence=_evidence_list(draw, corpus),
        divergences=_divergences(draw, corpus, external_source, optional_fields),
    )


@st.composite
def proposal_sets(
    draw: DrawFn,
    *,
    min_proposals: int = 0,
    max_proposals: int = 4,
    min_recommendations: int = 0,
    max_recommendations: int = 3,
    min_statistics: int = 0,
    max_statistics: int = 2,
    optional_fields: bool | None = None,
) -> ProposalSet:
    """Generate valid proposal sets with consistent source texts and evidence.

    Every evidence span quotes its generated source text at its offsets (in
    code points; the texts include non-ASCII words), every reference resolves,
    ids are unique slugs, and ``declared_count`` and numbering agree, so
    :func:`~ma_proposals.validate` finds no problem (given ``base=texts(s)``).

    Args:
        draw: Supplied by hypothesis.
        min_proposals: Fewest proposals.
        max_proposals: Most proposals.
        min_recommendations: Fewest recommendations per proposal.
        max_recommendations: Most recommendations per proposal.
        min_statistics: Fewest statistics per proposal.
        max_statistics: Most statistics per proposal.
        optional_fields: Include optional fields (an external source with
            citations, Chinese titles, sessions, career, glossary, notes...)
            always (True), never (False) or by chance (None).

    Returns:
        A strategy of :class:`~ma_proposals.ProposalSet`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import proposal_sets
        >>> two = proposal_sets(min_proposals=2, max_proposals=2)
        >>> s = find(two, bool, settings=first)
        >>> [p.number for p in s], s.declared_count
        ([1, 2], 2)
    """
    corpus = draw(corpora())
    sources = _sources(draw, corpus, optional_fields)
    external = sources[1].id if len(sources) > 1 else None
    topic_ids = draw(_slugs(1, 3))
    theme_ids = draw(_slugs(0, 3))
    proposal_ids = draw(_slugs(min_proposals, max_proposals))
    proposal_list = [
        draw(
            proposals(
                corpus,
                number=i,
                id=pid,
                topics=tuple(topic_ids),
                themes=tuple(theme_ids),
                external_source=external,
                min_recommendations=min_recommendations,
                max_recommendations=max_recommendations,
                min_statistics=min_statistics,
                max_statistics=max_statistics,
                optional_fields=optional_fields,
            )
        )
        for i, pid in enumerate(proposal_ids, 1)
    ]
    sessions = _sessions(draw, external)
    career = _career(draw, corpus, optional_fields)
    glossary = _glossary(draw, corpus, optional_fields)
    return ProposalSet(
        schema_version=SCHEMA_VERSION,
        id=draw(_slug()),
        version=_maybe(draw, _versions(), optional_fields),
        title=draw(_words()),
        year=draw(st.integers(min_value=1949, max_value=2100)),
        deputy=_deputy(draw, corpus, career),
        meeting=_meeting(draw, corpus, sessions),
        declared_count=len(proposal_list),
        sources=sources,
        topics=tuple(_topic(draw, corpus, t) for t in topic_ids),
        themes=tuple(_theme(draw, corpus, t, optional_fields) for t in theme_ids),
        proposals=tuple(proposal_list),
        claims=tuple(
            _claim(draw, corpus, cid, proposal_ids, optional_fields)
            for cid in draw(_slugs(0, 2))
        ),
        glossary=glossary,
    )


def _sources(
    draw: DrawFn, corpus: Corpus, optional_fields: bool | None
) -> tuple[Source, ...]:
    """The shipped source (``corpus``, remembered) and maybe an external one."""
    data = corpus.text.encode("utf-8")
    checksum = hashlib.sha256(data).hexdigest()
    _source_texts.remember(checksum, corpus.text)
    shipped = Source(
        id=_SHIPPED,
        title=_maybe(draw, _words(), optional_fields),
        language="en",
        resource=f"sources/{checksum[:12]}.txt",
        sha256=checksum,
    )
    external = _maybe(draw, st.just(_EXTERNAL), optional_fields)
    if external:
        return shipped, Source(id=external, url="https://example.org/source")
    return (shipped,)


def _sessions(draw: DrawFn, external: str | None) -> tuple[Session, ...]:
    """A session cited in the external source, if there is one."""
    if not external:
        return ()
    day = draw(st.dates())
    return (
        Session(
            id="session",
            name=draw(_words()),
            opened=day.isoformat(),
            closed=day.isoformat(),
            citations=(Citation(external, _maybe(draw, _words(), None)),),
        ),
    )


def _career(
    draw: DrawFn, corpus: Corpus, optional_fields: bool | None
) -> Career | None:
    if not (optional_fields or (optional_fields is None and draw(st.booleans()))):
        return None
    return Career(
        statistics=tuple(
            draw(statistics(corpus, id=sid, optional_fields=optional_fields))
            for sid in draw(_slugs(0, 2))
        ),
        subjects=tuple(draw(st.lists(_words(1, 3), max_size=3))),
        subjects_open=draw(st.booleans()),
        fields=tuple(draw(st.lists(_words(1, 3), max_size=3))),
        fields_open=draw(st.booleans()),
        evidence=_evidence_list(draw, corpus),
    )


def _glossary(
    draw: DrawFn, corpus: Corpus, optional_fields: bool | None
) -> tuple[Term, ...]:
    """No term, or one whose variant is a word of the corpus."""
    if not (optional_fields or (optional_fields is None and draw(st.booleans()))):
        return ()
    start, end = draw(st.sampled_from(corpus.spans))
    variant = corpus.text[start:end].split()[0]
    return (Term(canonical=draw(_words(1, 3)), variants=(variant,)),)


def _topic(draw: DrawFn, corpus: Corpus, id: str) -> Topic:
    return Topic(id, draw(_words(1, 3)), draw(_words()), _evidence_list(draw, corpus))


def _theme(
    draw: DrawFn, corpus: Corpus, id: str, optional_fields: bool | None
) -> Theme:
    return Theme(
        id,
        draw(_words(1, 3)),
        draw(_words()),
        _evidence_list(draw, corpus),
        _inference(draw, corpus, optional_fields),
    )


def _deputy(draw: DrawFn, corpus: Corpus, career: Career | None) -> Deputy:
    return Deputy(
        id="deputy",
        name=draw(_words(1, 3)),
        roles=tuple(_claim(draw, corpus, rid, []) for rid in draw(_slugs(0, 2))),
        career=career,
        evidence=_evidence_list(draw, corpus),
    )


def _meeting(draw: DrawFn, corpus: Corpus, sessions: tuple[Session, ...]) -> Meeting:
    return Meeting(
        id="meeting",
        name=draw(_words()),
        year=draw(st.integers(min_value=1949, max_value=2100)),
        sessions=sessions,
        evidence=_evidence_list(draw, corpus),
    )


def texts(proposal_set: ProposalSet) -> dict[str, bytes]:
    """The shipped texts of a generated (or loaded) set, by resource path.

    Pass the result as ``base=`` to :func:`~ma_proposals.validate`,
    :func:`~ma_proposals.loads` or :func:`~ma_proposals.load_path`.

    Args:
        proposal_set: A set whose texts were generated or loaded in this process.

    Returns:
        A mapping from each shipped source's ``resource`` to its bytes.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.strategies import texts
        >>> list(texts(mp.load()))
        ['sources/21st-century-economic-report-2020.txt']
    """
    return {
        src.resource: proposal_set.source_text(src.id).encode("utf-8")
        for src in proposal_set.sources
        if src.resource is not None
    }
