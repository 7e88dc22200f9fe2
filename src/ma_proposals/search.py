"""Ranked full-text search with SQLite FTS5, expanded with the glossary.

Each searchable passage of a proposal (title, summary, background claim, aim,
recommendation, statistic label, divergence), and each of the set's own claims,
is a row of an in-memory FTS5 table, together with the verbatim evidence quotes
that support it. FTS5 does the tokenising (``porter unicode61``), the query
syntax (phrases, prefixes, ``AND``/``OR``/``NOT``), the bm25 ranking and the
highlighted snippets. The only work done here is the glossary: a query term that the
glossary knows (its canonical form, a variant, or its Chinese form) is replaced
by the group of all its spellings, so "Greater Bay Area", "Dawan District" and
"大湾区" find the same passages.

The index is built on first use, once per set, under a lock. Queries hold no
lock while they run: each takes a connection of its own to the set's in-memory
database, so a long query in one thread does not hold up the others.

Queries are bounded: at most :data:`MAX_QUERY_CHARACTERS` characters and
:data:`MAX_QUERY_TERMS` terms (words, prefixes and quoted phrases; the
operators ``AND``, ``OR``, ``NOT`` and ``NEAR`` are not terms). A longer query
raises :class:`~ma_proposals.QueryError` saying which bound it passed; split it
into several searches.

Example:
    >>> import ma_proposals as mp
    >>> hit = mp.load().search("smart hospital*", limit=1)[0]
    >>> (hit.proposal, hit.field, hit.item)
    ('medical-staff', 'recommendation', 'smart-hospitals')
    >>> print(hit.snippet)
    Further accelerate the construction of [smart] [hospitals] and help medical staff
    achieve technical burden reduction.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import sqlite3
import threading
from typing import TYPE_CHECKING, Any, Literal, SupportsIndex, overload

from ._index import index_of
from ._search_rows import passages
from .errors import QueryError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .model import ProposalSet, Term

__all__ = ["MAX_QUERY_CHARACTERS", "MAX_QUERY_TERMS", "Hit", "Hits", "expand_query"]

#: The longest query searched, in characters.
MAX_QUERY_CHARACTERS = 1000
#: The most terms (words, prefixes, quoted phrases) a query may have.
MAX_QUERY_TERMS = 64

_TOKENIZER = "porter unicode61 remove_diacritics 2"
# Double-quoted FTS5 strings (a quote inside is written twice) and NEAR groups,
# which the glossary leaves as they are.
_STRING = re.compile(r'("(?:[^"]|"")*"|\bNEAR\s*\([^)]*\))')
# A term: a quoted phrase, or a run of word characters (with its prefix star).
_TERM = re.compile(r'"(?:[^"]|"")*"|\w+')
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_SURROGATE = re.compile("[\ud800-\udfff]").search
_NO_LIMIT = 2**63 - 1
_names = itertools.count()


def _check_bounds(query: str) -> None:
    """Refuse a query beyond the bounds, saying which and what to do."""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryError(
            f"the search query is {len(query)} characters long; at most "
            f"{MAX_QUERY_CHARACTERS} are searched at once: split it into several "
            "searches"
        )
    terms = sum(1 for t in _TERM.findall(query) if t not in _OPERATORS)
    if terms > MAX_QUERY_TERMS:
        raise QueryError(
            f"the search query has {terms} terms; at most {MAX_QUERY_TERMS} are "
            "searched at once: split it into several searches"
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Hit:
    r"""One matching passage.

    A frozen dataclass: ``pandas.DataFrame(hits)`` has one column per field.
    In a notebook a hit shows its snippet with the matched words marked.

    Attributes:
        proposal: Id of the proposal; ``None`` for a claim about the whole set
            (:attr:`ProposalSet.claims <ma_proposals.ProposalSet.claims>`).

            .. versionchanged:: 0.1.0
               ``None`` for the set's claims, which search now covers.
        field: ``"title"``, ``"summary"``, ``"background"``, ``"aim"``,
            ``"recommendation"``, ``"statistic"``, ``"divergence"`` or
            ``"claim"`` (a claim about the whole set).

            .. versionchanged:: 0.1.0
               ``"divergence"``: where other coverage differs from the article.
        item: Id of the recommendation, statistic, claim, aim or divergence;
            ``None`` for titles and summaries.
        text: The passage's curated text.
        snippet: An excerpt with the matched words between the highlight
            markers; it comes from the curated text or, when only they match,
            from the evidence quotes (:attr:`snippet_from` says which). A
            marker that the text itself holds is written with a backslash
            before it (``\[x\]``), so that it does not read as a match.
        score: Relevance (bm25, higher is better).
        highlight: The markers put around matched words in ``snippet``.

            .. versionadded:: 0.1.0
        marks: Where the matched words are in ``snippet``: ``(start, end)``
            offsets, the markers left out.

            .. versionadded:: 0.1.0
        snippet_from: What the snippet shows: ``"curated"``, the curators'
            words (the passage's text, or a statistic's unit, source and
            note, a recommendation's area); or ``"quote"``, a source's own
            words (an evidence quote; the article, for the packaged set), when
            the curated text does not hold the matched words.

            .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> for hit in mp.load().search("village platform"):
        ...     print(hit.proposal, hit.field, hit.item, hit.snippet_from)
        rural-revitalization statistic wecounty-survey-respondents quote
        rural-revitalization background rural-problems curated
        rural-revitalization summary None curated
    """

    proposal: str | None
    field: str
    item: str | None
    text: str
    snippet: str
    score: float
    highlight: tuple[str, str] = ("[", "]")
    marks: tuple[tuple[int, int], ...] = ()
    snippet_from: Literal["curated", "quote"] = "curated"

    def _repr_html_(self) -> str:
        """The hit for notebooks: where it is, and the snippet with ``<mark>``.

        Example:
            >>> import ma_proposals as mp
            >>> hit = mp.load().search("CNNIC", limit=1)[0]
            >>> "<mark>CNNIC</mark>" in hit._repr_html_()
            True
        """
        from ._display_found import hit_html

        return hit_html(self)


class Hits(tuple[Hit, ...]):
    """The hits of a search, best first: a tuple that notebooks show as a table.

    It is a :class:`tuple` in every other way: it compares equal to a tuple of
    the same hits, its ``repr`` is a tuple's, ``pandas.DataFrame(hits)`` has
    one column per field of :class:`Hit`, and a slice of it is :class:`Hits`
    too. In a notebook, each hit is a row: where it is, its score, what its
    snippet shows (:attr:`Hit.snippet_from`) and the snippet with the matched
    words marked, every text escaped.

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> hits = mp.load().search("smart hospital*", limit=2)
        >>> type(hits).__name__, isinstance(hits, tuple), len(hits)
        ('Hits', True, 2)
        >>> hits == tuple(hits), type(hits[:1]).__name__
        (True, 'Hits')
        >>> "<mark>hospitals</mark>" in hits._repr_html_()
        True
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> Hit: ...
    @overload
    def __getitem__(self, index: slice, /) -> Hits: ...

    def __getitem__(self, index: SupportsIndex | slice, /) -> Hit | Hits:
        if isinstance(index, slice):
            return Hits(super().__getitem__(index))
        return super().__getitem__(index)

    def _repr_html_(self) -> str:
        """The hits for notebooks: a table, one row per hit (every text escaped).

        Example:
            >>> import ma_proposals as mp
            >>> html = mp.load().search("CNNIC")._repr_html_()
            >>> html.startswith("<table"), "<mark>CNNIC</mark>" in html
            (True, True)
        """
        from ._display_found import hits_html

        return hits_html(self)


def _quote(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def expand_query(query: str, glossary: tuple[Term, ...]) -> str:
    """Replace glossary terms in an FTS5 query by the group of their spellings.

    A term (canonical form, variant or Chinese form ``zh``) found as a whole
    phrase outside quotes
    (and not as a prefix query ``term*``, an initial-token query ``^term`` or
    inside ``NEAR(...)``), or as a whole quoted phrase, becomes
    ``("canonical" OR "variant" ...)``; everything else is left as written.
    Matching ignores case.

    Args:
        query: An FTS5 query.
        glossary: The set's glossary.

    Returns:
        The expanded query.

    .. versionchanged:: 0.1.0
       A term's Chinese form is one of its spellings.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.search import expand_query
        >>> print(expand_query("sense of gain AND doctors", mp.load().glossary))
        ("sense of gain" OR "sense of access" OR "获得感") AND doctors
        >>> print(expand_query("获得感", mp.load().glossary))
        ("sense of gain" OR "sense of access" OR "获得感")
    """
    groups: dict[str, str] = {}
    for term in glossary:
        zh = (term.zh,) if term.zh and term.zh.strip() else ()
        spellings = (term.canonical, *term.variants, *zh)
        group = "(" + " OR ".join(_quote(s) for s in spellings) + ")"
        for spelling in spellings:
            groups.setdefault(spelling.casefold(), group)
    if not groups:
        return query
    phrases = sorted(groups, key=len, reverse=True)
    bare = re.compile(
        r"(?<![\w^])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w*])",
        re.IGNORECASE,
    )
    parts = []
    for i, part in enumerate(_STRING.split(query)):
        if i % 2 == 0:  # outside strings and NEAR groups
            # A match under IGNORECASE may casefold differently (e.g. "İ"):
            # then it is left as written.
            parts.append(
                bare.sub(lambda m: groups.get(m.group(1).casefold(), m.group(0)), part)
            )
        elif part.startswith('"'):
            inner = part[1:-1].replace('""', '"').casefold()
            parts.append(groups.get(inner, part))
        else:
            parts.append(part)
    return "".join(parts)


class _SearchIndex:
    """An in-memory FTS5 table of one set's passages.

    The table lives in a named in-memory database with a shared cache, which
    this object's first connection keeps alive; queries take a connection from
    a pool (opening another when all are busy) and give it back, so no lock is
    held while a query runs. Where SQLite cannot share an in-memory database,
    queries share the one connection under a lock instead.
    """

    def __init__(self, proposal_set: ProposalSet) -> None:
        self.glossary = proposal_set.glossary
        self.lock = threading.Lock()
        self.pool: list[sqlite3.Connection] = []
        self.opened: list[sqlite3.Connection] = []
        self.uri = f"file:ma-proposals-search-{next(_names)}?mode=memory&cache=shared"
        try:
            self.db = sqlite3.connect(self.uri, uri=True, check_same_thread=False)
            self.shared = True
        except sqlite3.Error:  # pragma: no cover - a build without URIs
            self.db = sqlite3.connect(":memory:", check_same_thread=False)
            self.shared = False
        try:
            self._fill(proposal_set)
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        """Close the databases (when the set is collected)."""
        for connection in self.opened:
            connection.close()
        self.db.close()

    def _run(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        if not self.shared:  # pragma: no cover - a build without URIs
            with self.lock:
                return self.db.execute(sql, params).fetchall()
        try:
            connection = self.pool.pop()
        except IndexError:
            connection = sqlite3.connect(self.uri, uri=True, check_same_thread=False)
            # The index is only read once built: readers need no table locks.
            connection.execute("PRAGMA read_uncommitted = true")
            with self.lock:
                self.opened.append(connection)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            self.pool.append(connection)

    def _fill(self, proposal_set: ProposalSet) -> None:
        try:
            self.db.execute(
                "CREATE VIRTUAL TABLE passages USING fts5("
                "proposal UNINDEXED, field UNINDEXED, item UNINDEXED, "
                f"text, quotes, details, tokenize = '{_TOKENIZER}')"
            )
        except sqlite3.OperationalError as exc:  # pragma: no cover - build option
            raise QueryError(
                f"this Python's SQLite ({sqlite3.sqlite_version}) lacks FTS5: {exc}"
            ) from None
        rows = passages(proposal_set)
        self.markers = _unused_markers([v for row in rows for v in row[3:]])
        with self.db:
            self.db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)", rows)

    def search(self, query: str, limit: int | None, highlight: tuple[str, str]) -> Hits:
        if not query.strip():
            raise QueryError("the search query is empty")
        _check_bounds(query)
        if limit is not None and limit < 0:
            raise QueryError(f"limit must be at least 0, not {limit}")
        if limit is not None and limit > _NO_LIMIT:  # more than SQLite counts
            limit = None
        for text in (query, *highlight):
            if _SURROGATE(text):
                raise QueryError(
                    f"the search query {query!r} holds a lone surrogate, which is "
                    "not a character (an undecodable byte of a command-line "
                    "argument, for instance)"
                )
        expanded = expand_query(query, self.glossary)
        rank = "bm25(passages, 0, 0, 0, 2.0, 1.0, 0.5)"
        sql = (
            "SELECT proposal, field, item, text, quotes, "
            f"snippet(passages, -1, ?, ?, '…', 16), {rank} "
            "FROM passages WHERE passages MATCH ? "
            f"ORDER BY {rank}, rowid LIMIT ?"
        )
        params = (*self.markers, expanded, -1 if limit is None else limit)
        try:
            rows = self._run(sql, params)
        except sqlite3.Error as exc:
            raise QueryError(
                f"invalid search query {query!r}: {exc}; put phrases with "
                'punctuation in double quotes, e.g. "Hong Kong, Macao"'
            ) from None
        hits = []
        for proposal, field, item, text, quotes, raw, score in rows:
            snippet, marks = _marked(raw, self.markers, highlight)
            origin = _origin(raw, self.markers, text, quotes)
            where = (proposal, field, item, text)
            hits.append(Hit(*where, snippet, -score, highlight, marks, origin))
        return Hits(hits)


def _origin(
    raw: str, markers: tuple[str, str], text: str, quotes: str
) -> Literal["curated", "quote"]:
    """Whether SQLite's snippet ``raw`` is of the curated text or of the quotes.

    A snippet is one excerpt of one column, with an ellipsis where it cuts the
    column's text: without its markers and ellipses, it is part of the column
    it comes from. Words that the curated text holds are curated, whichever
    column SQLite took them from; the third column (a statistic's unit,
    source and note, a recommendation's area) is curated too.
    """
    excerpt = raw.replace(markers[0], "").replace(markers[1], "")
    excerpt = excerpt.removeprefix("…").removesuffix("…")
    if excerpt in text or excerpt not in quotes:
        return "curated"
    return "quote"


#: Characters that mark matches in SQLite's snippets: Unicode noncharacters,
#: which no text is meant to hold; the first two that the set's texts lack.
_MARKERS = [chr(c) for c in range(0xFDD0, 0xFDF0)]


def _unused_markers(texts: list[str]) -> tuple[str, str]:
    """Two characters that none of ``texts`` holds, to mark matches with."""
    free = [m for m in _MARKERS if not any(m in text for text in texts)][:2]
    if len(free) < 2:  # a hostile set: any two characters it does not use
        used = set().union(*map(set, texts))
        spare = (chr(c) for c in range(0xE000, 0x110000) if chr(c) not in used)
        free = list(itertools.islice(spare, 2))
        if len(free) < 2:
            raise QueryError(
                "the set's texts hold every character: none is left to mark "
                "matches with"
            )
    return free[0], free[1]


def _marked(
    raw: str, markers: tuple[str, str], highlight: tuple[str, str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with the markers (escaped where the text has them), and its marks."""
    start, end = highlight
    escape = _escaper(highlight)
    pieces = raw.split(markers[0])
    out = [escape(pieces[0])]
    at = len(out[0])
    marks = []
    for piece in pieces[1:]:
        inside, _, after = piece.partition(markers[1])
        inside, after = escape(inside), escape(after)
        at += len(start)
        marks.append((at, at + len(inside)))
        out += (start, inside, end, after)
        at += len(inside) + len(end) + len(after)
    return "".join(out), tuple(marks)


def _escaper(highlight: tuple[str, str]) -> Callable[[str], str]:
    """What puts a backslash before each marker in a text (none: as it is)."""
    markers = sorted({m for m in highlight if m}, key=len, reverse=True)
    if not markers:
        return str
    pattern = re.compile("|".join(map(re.escape, markers)))
    return lambda text: pattern.sub(lambda m: "\\" + m.group(), text)


def _check_arguments(query: object, limit: object, highlight: object) -> None:
    """Refuse arguments of the wrong type (callers' mistakes, not bad queries)."""
    if not isinstance(query, str):
        raise TypeError(f"the query must be a string, not {type(query).__name__}")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
        raise TypeError(f"limit must be an integer or None, not {limit!r}")
    if not (
        isinstance(highlight, tuple)
        and len(highlight) == 2
        and all(isinstance(h, str) for h in highlight)
    ):
        raise TypeError(f"highlight must be a pair of strings, not {highlight!r}")


def search(
    proposal_set: ProposalSet,
    query: str,
    limit: int | None,
    highlight: tuple[str, str],
) -> Hits:
    """Implement :meth:`ma_proposals.ProposalSet.search`."""
    _check_arguments(query, limit, highlight)
    index = index_of(proposal_set).get("search", lambda: _SearchIndex(proposal_set))
    return index.search(query, limit, highlight)
