"""The root of a document: a deputy's proposals to one meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

import attrs

from ma_proposals._fields import Rule, meta

from ._items import Claim, Evidence, Proposal
from ._setting import Deputy, Meeting, Source, Term, Theme, Topic

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pandas

    from ma_proposals.query import EvidenceContext, EvidenceContexts, Predicate
    from ma_proposals.search import Hits

__all__ = ["SCHEMA_VERSION", "ProposalSet"]

#: The version of the format that this release reads and writes.
SCHEMA_VERSION = 1


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
    version: str | None = attrs.field(
        default=None,
        kw_only=True,
        metadata=meta(
            "Version of the data (not of the format): changes when curated "
            "content changes, so that a citation names exactly what was used.",
            rule=Rule.TEXT,
        ),
    )
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
        n = len(self.proposals)
        return f"<ProposalSet {self.id!r}: {n} proposal{'' if n == 1 else 's'}>"

    def __reduce__(self) -> tuple[Any, ...]:
        """How a set pickles (and copies): its data and its verified texts.

        A set unpickled in another process (``multiprocessing``'s spawn, say)
        still has the texts of its shipped sources, for :meth:`source_text`,
        :meth:`context` and the JSON export.
        """
        from ma_proposals._source_texts import reduce_set

        return reduce_set(self)

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks (every text escaped).

        Example:
            >>> import ma_proposals as mp
            >>> "<table style=" in mp.load()._repr_html_()
            True
        """
        from ma_proposals._display import set_html

        return set_html(self)

    # -- A collection of proposals, in the source's order --------------------

    def __len__(self) -> int:
        return len(self.proposals)

    def __iter__(self) -> Iterator[Proposal]:
        return iter(self.proposals)

    def __contains__(self, item: object) -> bool:
        from ma_proposals.query import by_key

        if isinstance(item, (str, int)):
            return item in by_key(self, item)
        return item in self.proposals

    def __getitem__(self, key: str | int) -> Proposal:
        """The proposal with id ``key``, or with number ``key`` (from 1).

        Raises:
            UnknownIdError: No proposal has that id or number (a
                :class:`KeyError` whose message suggests close ids, or says
                which numbers there are).

        .. versionchanged:: 0.1.0
           A number finds the proposal of that number.

        Example:
            >>> import ma_proposals as mp
            >>> mp.load()["fintech"].number, mp.load()[5].id
            (5, 'fintech')
            >>> mp.load()["fintec"]
            Traceback (most recent call last):
            ...
            ma_proposals.errors.UnknownIdError: no proposal with id 'fintec'; did you mean 'fintech'?
            >>> mp.load()[0]
            Traceback (most recent call last):
            ...
            ma_proposals.errors.UnknownIdError: no proposal with number 0; the set's are 1 to 7
        """  # noqa: E501
        from ma_proposals.query import by_key, missing

        try:
            return by_key(self, key)[key]
        except (KeyError, TypeError):
            raise missing(self, key) from None

    @overload
    def get(self, key: str | int) -> Proposal | None: ...
    @overload
    def get(self, key: str | int, default: Proposal) -> Proposal: ...
    @overload
    def get(self, key: str | int, default: Any) -> Any: ...

    def get(self, key: str | int, default: Any = None) -> Any:
        """The proposal with id (or number) ``key``, or ``default`` if none has.

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().get("sme-relief").topic
            'sme-development'
            >>> mp.load().get(3).id
            'sme-relief'
            >>> mp.load().get("nope") is None
            True
        """
        from ma_proposals.query import by_key

        try:
            return by_key(self, key).get(key, default)
        except TypeError:  # an unhashable key
            return default

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
        from ma_proposals.query import filter_set

        return filter_set(self, predicates, topic, theme, text)

    def count_by(self, facet: str) -> dict[str, int]:
        """How many proposals each topic or theme has, in the set's order.

        Args:
            facet: ``"topic"`` or ``"theme"``.

        Returns:
            The count of each topic (or theme) id, zero included.

        Raises:
            ValueError: ``facet`` is neither.

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().count_by("topic")["fintech"]
            1
            >>> mp.load().count_by("theme")["new-infrastructure"]
            3
        """
        from ma_proposals.query import count_by

        return count_by(self, facet)

    def rows(self, table: str) -> tuple[Any, ...]:
        """The flat rows of one table: recommendations, statistics or evidence.

        Each row names the item it belongs to, so the rows of a table make a
        DataFrame as they are (``pandas.DataFrame(s.rows("recommendations"))``),
        with the columns of the export table of the same name.

        Args:
            table: ``"recommendations"``
                (:class:`~ma_proposals.query.RecommendationRow`),
                ``"statistics"`` (:class:`~ma_proposals.query.StatisticRow`,
                the deputy's career figures included) or ``"evidence"``
                (:class:`~ma_proposals.query.EvidenceRow`).

        Returns:
            The rows, in the article's order.

        Raises:
            UnknownIdError: There is no such table of rows.

        .. versionadded:: 0.1.0

        Example:
            >>> import ma_proposals as mp
            >>> rows = mp.load().rows("recommendations")
            >>> [r.id for r in rows if r.proposal == "fintech"]
            ['favourable-environment', 'top-level-guidance', 'industry-chain-cooperation']
            >>> len(mp.load().rows("statistics"))
            8
        """  # noqa: E501
        from ma_proposals.query import rows

        return rows(self, table)

    def to_pandas(self, table: str | None = None) -> pandas.DataFrame:
        """A tidy table for a quick look, or one export table, as a DataFrame.

        With no argument, one row per recommendation with its proposal's
        columns joined and prefixed ``proposal_`` (``proposal_id``,
        ``proposal_number``, ``proposal_title``, ``proposal_topic``...), then
        the recommendation's own (``id``, ``position``, ``text``, ``area``,
        ``horizon``, ``evidence_count``): the one tidy table, as
        palmerpenguins gives, built by :func:`ma_proposals.export.tidy`.

        With a table's name, that table of every tabular export
        (:data:`ma_proposals.export.TABLE_NAMES`). Rows are in the article's
        order. Strings are ``string``, integers ``Int64``, numbers
        ``Float64`` (``Int64`` when every value is an integer) and closed
        vocabularies ``category``. Needs the ``pandas`` extra
        (``pip install 'ma-proposals[pandas]'``); polars and Arrow tables
        come from :func:`ma_proposals.export.to_polars` and
        :func:`ma_proposals.export.to_arrow`.

        Args:
            table: The table's name: ``"proposals"``, ``"recommendations"``,
                ``"statistics"``, ``"evidence"``...; ``None`` (the default)
                for the tidy table.

        Returns:
            The DataFrame.

        Raises:
            MissingDependencyError: pandas is not installed.
            UnknownIdError: There is no table of that name.

        .. versionadded:: 0.1.0

        .. versionchanged:: 0.1.0
           With no argument, the tidy table (was the ``proposals`` table:
           ask for it by name).

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> df = s.to_pandas()
            >>> list(df.columns)  # doctest: +NORMALIZE_WHITESPACE
            ['proposal_id', 'proposal_number', 'proposal_title',
             'proposal_title_kind', 'proposal_kind', 'proposal_topic',
             'proposal_summary', 'proposal_note', 'id', 'position', 'text',
             'area', 'horizon', 'evidence_count']
            >>> len(df) == len(s.rows("recommendations"))
            True
            >>> df.groupby("proposal_topic", sort=False).size().head(3).to_dict()
            {'industrial-internet': 5, 'rural-revitalization': 3, 'sme-development': 3}
            >>> recs = s.to_pandas("recommendations")
            >>> list(recs.columns[:4])
            ['proposal', 'proposal_number', 'id', 'position']
            >>> counts = recs.groupby("proposal", sort=False).size()
            >>> counts.to_dict() == {p.id: len(p.recommendations) for p in s}
            True
        """
        from ma_proposals.export._frames import to_pandas

        return to_pandas(self, table)

    def search(
        self,
        query: str,
        limit: int | None = 10,
        *,
        highlight: tuple[str, str] = ("[", "]"),
    ) -> Hits:
        """Ranked full-text search over the proposals, glossary-aware.

        Searches titles, summaries, background, aims, recommendations,
        statistic labels, divergences and the set's own :attr:`claims`,
        together with their evidence quotes (not the Chinese wordings, which
        the text filter finds: FTS5 reads a run of Chinese as one word), using
        SQLite FTS5 with Porter stemming and bm25
        ranking. The FTS5 query syntax applies: ``"exact phrases"``,
        ``prefix*``, ``AND``, ``OR``, ``NOT`` and parentheses. Glossary terms
        in the query are expanded to all their spellings, the Chinese one
        included: "Greater Bay Area", its variant "Dawan District" and
        "大湾区" find the same passages. Each hit says whether its snippet
        shows curated text or a source's own words
        (:attr:`~ma_proposals.search.Hit.snippet_from`). The index is built on
        first use, once per set.

        Args:
            query: The search query.
            limit: At most this many hits; ``None`` for all.
            highlight: Markers put around matched words in snippets.

        Returns:
            The hits, best first: a tuple (:class:`~ma_proposals.search.Hits`)
            that notebooks show as a table.

        Raises:
            QueryError: The query is empty or not valid FTS5 syntax.

        .. versionchanged:: 0.1.0
           Searches the set's claims (their hits' ``proposal`` is ``None``)
           and a glossary term's Chinese form; hits say what their snippet
           shows, and notebooks show the hits as a table.

        Example:
            >>> import ma_proposals as mp
            >>> hits = mp.load().search("大湾区", limit=3)
            >>> [(h.proposal, h.field) for h in hits]
            [(None, 'claim'), ('gba-marine-ecology', 'title'), ('gba-marine-ecology', 'aim')]
            >>> hits == mp.load().search("Greater Bay Area", limit=3)
            True
            >>> hit = mp.load().search("for the village platform", limit=1)[0]
            >>> hit.snippet_from, hit.snippet[:59]
            ('quote', 'According to the questionnaire survey conducted by Tencents')
        """  # noqa: E501
        from ma_proposals.search import search

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
            >>> ctx = s.context(s.deputy.career.statistics[1].evidence[0], width=12)
            >>> print(ctx)
            …and the NPC [for eight consecutive years], with an av…
        """
        from ma_proposals.query import context

        return context(self, evidence, width)

    def evidence_of(self, item: Any, width: int = 60) -> EvidenceContexts:
        """The evidence of any item (proposal, recommendation, claim...) in context.

        Args:
            item: A model object with an ``evidence`` field.
            width: How much text to show on each side of each span.

        Returns:
            One :class:`~ma_proposals.query.EvidenceContext` per span, in a
            tuple (:class:`~ma_proposals.query.EvidenceContexts`) that
            notebooks show as a table.

        .. versionchanged:: 0.1.0
           Notebooks show the spans as a table.

        Example:
            >>> import ma_proposals as mp
            >>> s = mp.load()
            >>> [c.exact for c in s.evidence_of(s["sme-relief"])]
            ['the proposal on using digital technology and innovative application mode to help small and medium-sized micro enterprises rescue']
            >>> "<mark>the proposal on using" in s.evidence_of(s["sme-relief"])._repr_html_()
            True
        """  # noqa: E501
        from ma_proposals.query import EvidenceContexts

        return EvidenceContexts(self.context(ev, width) for ev in item.evidence)

    def source_text(self, source_id: str) -> str:
        """The full text of one of the set's shipped sources.

        Args:
            source_id: The id of a source with a ``resource``.

        Returns:
            The decoded text, verified against the source's ``sha256``.

        Raises:
            SourceTextError: No such source, it is external, or its text is not
                available (a set built in code finds the texts of sets loaded in
                this process, by checksum; otherwise load it with
                :func:`~ma_proposals.loads` or :func:`~ma_proposals.load_path`
                and a ``base`` that holds its texts).

        Example:
            >>> import ma_proposals as mp
            >>> mp.load().source_text("21st-century-economic-report")[:10]
            'Ma Huateng'
        """
        from ma_proposals._source_texts import text_of

        return text_of(self, source_id)
