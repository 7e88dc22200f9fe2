"""Hypothesis strategies for valid and single-fault proposal sets.

For tools built on this package, and for its own tests: :func:`proposal_sets`
generates valid :class:`~ma_proposals.ProposalSet` objects whose evidence really
sits at its offsets in generated source texts, :func:`corruptions` turns them into
documents with exactly one known fault, and smaller strategies generate single
proposals, recommendations and statistics. Needs the ``testing`` extra
(``pip install 'ma-proposals[testing]'``), which brings hypothesis.

A generated set's texts are remembered by checksum, so
:meth:`~ma_proposals.ProposalSet.source_text` and
:meth:`~ma_proposals.ProposalSet.context` work on it; :func:`texts` gives the
mapping to pass as ``base=`` to :func:`~ma_proposals.validate` and the loaders.

Example:
    >>> import ma_proposals as mp
    >>> from hypothesis import given
    >>> from ma_proposals.strategies import proposal_sets, texts
    >>> @given(proposal_sets(max_proposals=3))
    ... def test_valid(s):
    ...     assert mp.validate(s, base=texts(s)).valid
    >>> test_valid()
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import attrs

from . import _texts
from ._checks import field_plan
from .conversion import unstructure
from .errors import MissingDependencyError
from .model import (
    SCHEMA_VERSION,
    Career,
    ChineseTitle,
    Citation,
    Claim,
    Deputy,
    Evidence,
    Horizon,
    Inference,
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

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - exercised without the extra only
    raise MissingDependencyError(
        "ma_proposals.strategies needs hypothesis: pip install 'ma-proposals[testing]'"
    ) from None

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from hypothesis.strategies import DrawFn, SearchStrategy

__all__ = [
    "CORRUPTION_CODES",
    "Corpus",
    "Corruption",
    "corpora",
    "corruptions",
    "proposal_sets",
    "proposals",
    "recommendations",
    "statistics",
    "texts",
]

# Words of generated texts. A few are non-ASCII, including one outside the Basic
# Multilingual Plane, so that offsets are tested in code points, not bytes.
_WORDS = (  # noqa: SIM905 - one string reads better than 25 quoted words
    "digital rural economy cloud platform park river city health data network "
    "policy reform service school market green energy village trade bridge "
    "café naïve 数字 经济 稻🌾"
).split()
_STEMS = ("park", "river", "city", "data", "cloud", "rural", "trade", "green")
_SHIPPED = "text"
_EXTERNAL = "web"


def _words(min_size: int = 1, max_size: int = 6) -> SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=min_size, max_size=max_size).map(
        " ".join
    )


def _slug() -> SearchStrategy[str]:
    """Lowercase slugs such as ``park``, ``river-7`` or ``data-7-12``."""
    return st.tuples(
        st.sampled_from(_STEMS), st.lists(st.integers(0, 99), max_size=2)
    ).map(lambda t: "-".join([t[0], *map(str, t[1])]))


def _slugs(n_min: int, n_max: int) -> SearchStrategy[list[str]]:
    return st.lists(_slug(), min_size=n_min, max_size=n_max, unique=True)


def _versions() -> SearchStrategy[str]:
    """Data versions: semantic versions, as the packaged sets use."""
    numbers = st.integers(min_value=0, max_value=99).map(str)
    return st.tuples(numbers, numbers, numbers).map(".".join)


def _maybe(draw: DrawFn, strategy: SearchStrategy[Any], optional: bool | None) -> Any:
    """Draw from ``strategy`` if optional fields are on (or, if None, by chance)."""
    present = draw(st.booleans()) if optional is None else optional
    return draw(strategy) if present else None


@attrs.frozen
class Corpus:
    """A generated source text, split into sentences that evidence can quote.

    Attributes:
        text: The whole text.
        spans: ``(start, end)`` of each sentence, in code points.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import corpora
        >>> corpus = find(corpora(), lambda c: len(c.spans) > 3, settings=first)
        >>> all(corpus.text[a:b].strip() for a, b in corpus.spans)
        True
    """

    text: str
    spans: tuple[tuple[int, int], ...]

    def evidence(self, draw: DrawFn, source: str = _SHIPPED) -> Evidence:
        """Draw an evidence span: one sentence, or a part of one."""
        start, end = draw(st.sampled_from(self.spans))
        cut = draw(st.integers(min_value=start + 1, max_value=end))
        return Evidence(source, start, cut, self.text[start:cut])


@st.composite
def corpora(draw: DrawFn, min_sentences: int = 3, max_sentences: int = 12) -> Corpus:
    """Generate a source text made of sentences.

    Args:
        draw: Supplied by hypothesis.
        min_sentences: Fewest sentences.
        max_sentences: Most sentences.

    Returns:
        A strategy of :class:`Corpus`.
    """
    sentences = draw(
        st.lists(
            _words(2, 8).map(lambda s: s[0].upper() + s[1:] + "."),
            min_size=min_sentences,
            max_size=max_sentences,
        )
    )
    spans = []
    position = 0
    for sentence in sentences:
        spans.append((position, position + len(sentence)))
        position += len(sentence) + 1
    return Corpus(" ".join(sentences), tuple(spans))


def _evidence_list(
    draw: DrawFn, corpus: Corpus, max_size: int = 2
) -> tuple[Evidence, ...]:
    count = draw(st.integers(min_value=1, max_value=max_size))
    return tuple(corpus.evidence(draw) for _ in range(count))


@st.composite
def recommendations(
    draw: DrawFn,
    corpus: Corpus | None = None,
    *,
    id: str | None = None,
    optional_fields: bool | None = None,
) -> Recommendation:
    """Generate a recommendation evidenced in ``corpus``.

    Args:
        draw: Supplied by hypothesis.
        corpus: The text its evidence quotes (a new one if not given).
        id: Its id (drawn if not given).
        optional_fields: Include ``area`` and ``horizon`` always (True), never
            (False) or by chance (None).

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


def _inference(draw: DrawFn, corpus: Corpus, optional: bool | None) -> Inference | None:
    present = draw(st.booleans()) if optional is None else optional
    if not present:
        return None
    return Inference(draw(_words()), _evidence_list(draw, corpus))


def _claim(
    draw: DrawFn,
    corpus: Corpus,
    id: str,
    refs: list[str],
    optional_fields: bool | None = None,
) -> Claim:
    about = draw(st.lists(st.sampled_from(refs), unique=True)) if refs else []
    return Claim(
        id,
        draw(_words()),
        tuple(about),
        _evidence_list(draw, corpus),
        inferred=_inference(draw, corpus, optional_fields),
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
        external_source: Id of an external source for Chinese titles, if any.
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
                draw(
                    st.text(st.sampled_from("关于数字经济乡村振兴的建议"), min_size=1)
                ),
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
        aims=tuple(_claim(draw, corpus, aid, [], optional_fields) for aid in aim_ids),
        recommendations=tuple(
            draw(recommendations(corpus, id=rid, optional_fields=optional_fields))
            for rid in rec_ids
        ),
        statistics=tuple(
            draw(statistics(corpus, id=sid, optional_fields=optional_fields))
            for sid in stat_ids
        ),
        note=_maybe(draw, _words(), optional_fields),
        evidence=_evidence_list(draw, corpus),
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
    data = corpus.text.encode("utf-8")
    checksum = hashlib.sha256(data).hexdigest()
    _texts.remember(checksum, corpus.text)
    sources = [
        Source(
            id=_SHIPPED,
            title=_maybe(draw, _words(), optional_fields),
            language="en",
            resource=f"sources/{checksum[:12]}.txt",
            sha256=checksum,
        )
    ]
    external = _maybe(draw, st.just(_EXTERNAL), optional_fields)
    if external:
        sources.append(Source(id=external, url="https://example.org/source"))
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
    sessions: tuple[Session, ...] = ()
    if external:
        day = draw(st.dates())
        sessions = (
            Session(
                id="session",
                name=draw(_words()),
                opened=day.isoformat(),
                closed=day.isoformat(),
                citations=(Citation(external, _maybe(draw, _words(), None)),),
            ),
        )
    career = None
    if optional_fields or (optional_fields is None and draw(st.booleans())):
        career = Career(
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
    glossary: list[Term] = []
    if optional_fields or (optional_fields is None and draw(st.booleans())):
        start, end = draw(st.sampled_from(corpus.spans))
        variant = corpus.text[start:end].split()[0]
        glossary.append(Term(canonical=draw(_words(1, 3)), variants=(variant,)))
    return ProposalSet(
        schema_version=SCHEMA_VERSION,
        id=draw(_slug()),
        version=_maybe(draw, _versions(), optional_fields),
        title=draw(_words()),
        year=draw(st.integers(min_value=1949, max_value=2100)),
        deputy=Deputy(
            id="deputy",
            name=draw(_words(1, 3)),
            roles=tuple(_claim(draw, corpus, rid, []) for rid in draw(_slugs(0, 2))),
            career=career,
            evidence=_evidence_list(draw, corpus),
        ),
        meeting=Meeting(
            id="meeting",
            name=draw(_words()),
            year=draw(st.integers(min_value=1949, max_value=2100)),
            sessions=sessions,
            evidence=_evidence_list(draw, corpus),
        ),
        declared_count=len(proposal_list),
        sources=tuple(sources),
        topics=tuple(
            Topic(t, draw(_words(1, 3)), draw(_words()), _evidence_list(draw, corpus))
            for t in topic_ids
        ),
        themes=tuple(
            Theme(
                t,
                draw(_words(1, 3)),
                draw(_words()),
                _evidence_list(draw, corpus),
                _inference(draw, corpus, optional_fields),
            )
            for t in theme_ids
        ),
        proposals=tuple(proposal_list),
        claims=tuple(
            _claim(draw, corpus, cid, proposal_ids, optional_fields)
            for cid in draw(_slugs(0, 2))
        ),
        glossary=tuple(glossary),
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


# -- Corruptions ------------------------------------------------------------------


@attrs.frozen
class Corruption:
    """A document with exactly one known fault.

    Attributes:
        data: The document's bytes (JSON, except for the faults that are about
            reading it).
        texts: The shipped texts, to pass as ``base=``.
        code: The problem code validation must report.
        path: The JSON path at which it must report it.
        description: What was changed.

    Example:
        >>> import ma_proposals as mp
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import corruptions
        >>> c = find(corruptions(codes=["count-mismatch"]), bool, settings=first)
        >>> report = mp.validate(c.data, base=c.texts)
        >>> [(p.code, p.path) for p in report.problems] == [(c.code, c.path)]
        True
    """

    data: bytes
    texts: Mapping[str, bytes]
    code: str
    path: str
    description: str


_Fault = tuple[str, str, str]  # code, path, description


def _objects(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any], type]]:
    """Every object of a document, with its path and model class."""
    found: list[tuple[str, dict[str, Any], type]] = []

    def visit(cls: type, data: Any, path: str) -> None:
        found.append((path, data, cls))
        for field in field_plan(cls):
            value = data.get(field.name)
            if field.cls is None or value is None:
                continue
            if field.shape == "obj":
                visit(field.cls, value, f"{path}.{field.name}")
            else:
                for i, item in enumerate(value):
                    visit(field.cls, item, f"{path}.{field.name}[{i}]")

    visit(ProposalSet, doc, "$")
    return found


def _pick(
    draw: DrawFn, doc: dict[str, Any], cls: type | tuple[type, ...]
) -> tuple[str, dict[str, Any], type] | None:
    matches = [o for o in _objects(doc) if issubclass(o[2], cls)]
    return draw(st.sampled_from(matches)) if matches else None


def _unknown_key(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    path, obj, _ = draw(st.sampled_from(_objects(doc)))
    obj["zz_unknown"] = draw(st.none() | st.integers() | st.text())
    return "unknown-key", f"{path}.zz_unknown", "added a key the format lacks"


def _missing_key(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    path, obj, cls = draw(st.sampled_from(_objects(doc)))
    required = [
        f.name for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING
    ]
    # Removing an id or the sources would break the references to them too.
    required = [n for n in required if n not in ("id", "source", "sources")]
    if not required:
        return None
    name = draw(st.sampled_from(required))
    del obj[name]
    return "missing-key", f"{path}.{name}", f"removed {name}"


_TEXT_FIELDS = {
    Proposal: ("title", "summary"),
    Recommendation: ("text",),
    Statistic: ("label", "unit"),
    Claim: ("text",),
    Topic: ("label", "description"),
}


def _text_target(
    draw: DrawFn, doc: dict[str, Any]
) -> tuple[str, dict[str, Any], str] | None:
    target = _pick(draw, doc, tuple(_TEXT_FIELDS))
    if target is None:
        return None
    path, obj, cls = target
    name = draw(st.sampled_from(_TEXT_FIELDS[cls]))
    return f"{path}.{name}", obj, name


def _wrong_type(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    if draw(st.booleans()):
        target = _text_target(draw, doc)
        if target is None:
            return None
        path, obj, name = target
        obj[name] = draw(st.integers() | st.booleans() | st.lists(st.integers()))
        return "wrong-type", path, f"{name} is not a string"
    doc["year"] = draw(
        st.text(max_size=4)
        | st.booleans()
        | st.floats(allow_nan=False, allow_infinity=False)
    )
    return "wrong-type", "$.year", "year is not an integer"


def _empty_text(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    target = _text_target(draw, doc)
    if target is None:
        return None
    path, obj, name = target
    obj[name] = draw(st.sampled_from(["", " ", "\t\n"]))
    return "empty-text", path, f"{name} is blank"


def _bad_enum(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    target = _pick(draw, doc, (Proposal, Statistic))
    if target is None:
        return None
    path, obj, cls = target
    name = "title_kind" if cls is Proposal else "qualifier"
    obj[name] = "zz-" + draw(st.from_regex(r"[a-z]{1,6}", fullmatch=True))
    return "bad-enum", f"{path}.{name}", f"{name} is not in its vocabulary"


def _bad_id(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    target = _pick(draw, doc, Recommendation)
    if target is None:
        return None
    path, obj, _ = target
    obj["id"] = draw(st.sampled_from(["", "Not A Slug", "-x", "a--b", "UPPER"]))
    return "bad-id", f"{path}.id", "a recommendation id is not a slug"


def _bad_date(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    target = _pick(draw, doc, Statistic)
    if target is None:
        return None
    path, obj, _ = target
    obj["as_of"] = draw(st.sampled_from(["2020-13", "2021-02-30", "May 2020", "20"]))
    return "bad-date", f"{path}.as_of", "as_of is not an ISO date"


def _duplicate_id(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    owners = [(i, p) for i, p in enumerate(doc["proposals"]) if p["recommendations"]]
    if not owners:
        return None
    i, proposal = draw(st.sampled_from(owners))
    recs = proposal["recommendations"]
    recs.append(json.loads(json.dumps(draw(st.sampled_from(recs)))))
    return (
        "duplicate-id",
        f"$.proposals[{i}].recommendations[{len(recs) - 1}].id",
        "a recommendation appears twice",
    )


def _dangling(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    if not doc["proposals"]:
        return None
    i = draw(st.integers(min_value=0, max_value=len(doc["proposals"]) - 1))
    doc["proposals"][i]["topic"] = "zz-no-such-topic"
    return "dangling-reference", f"$.proposals[{i}].topic", "the topic is undefined"


def _missing_evidence(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    target = _pick(draw, doc, (Recommendation, Topic))
    if target is None:
        return None
    path, obj, _ = target
    obj["evidence"] = []
    return "missing-evidence", path, "an item lost its evidence"


def _quote_mismatch(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    path, obj, _ = draw(st.sampled_from(_pick_all(doc, Evidence)))
    obj["exact"] = obj["exact"] + "zz"
    return "quote-mismatch", f"{path}.exact", "a quote no longer matches its offsets"


def _pick_all(doc: dict[str, Any], cls: type) -> list[tuple[str, dict[str, Any], type]]:
    return [o for o in _objects(doc) if o[2] is cls]


def _bad_span(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    path, obj, _ = draw(st.sampled_from(_pick_all(doc, Evidence)))
    if draw(st.booleans()):
        obj["end"] = obj["start"]  # empty
    else:
        obj["end"] = 10**9  # past the end
    return "bad-span", path, "evidence offsets are out of range"


def _checksum(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    source = doc["sources"][0]
    source["sha256"] = draw(
        st.from_regex(r"[0-9a-f]{64}", fullmatch=True).filter(
            lambda h: h != source["sha256"]
        )
    )
    return "checksum-mismatch", "$.sources[0].sha256", "the text's checksum is wrong"


def _unreadable(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    doc["sources"][0]["resource"] = "sources/zz-missing.txt"
    return "source-unreadable", "$.sources[0].resource", "the text is missing"


def _no_checksum(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    doc["sources"][0]["sha256"] = None
    return "bad-source", "$.sources[0].sha256", "a shipped source has no checksum"


def _not_shipped(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    if len(doc["sources"]) < 2:
        return None
    path, obj, _ = draw(st.sampled_from(_pick_all(doc, Evidence)))
    obj["source"] = doc["sources"][1]["id"]
    return "evidence-not-shipped", f"{path}.source", "evidence points at a web page"


def _count(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    doc["declared_count"] += draw(st.integers(min_value=1, max_value=5))
    return "count-mismatch", "$.declared_count", "declared_count is off"


def _numbering(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    if not doc["proposals"]:
        return None
    i = draw(st.integers(min_value=0, max_value=len(doc["proposals"]) - 1))
    doc["proposals"][i]["number"] += draw(st.integers(min_value=1, max_value=9))
    return "bad-numbering", f"$.proposals[{i}].number", "a proposal is misnumbered"


def _version(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    doc["schema_version"] = draw(st.integers(min_value=2, max_value=99))
    return "unsupported-version", "$.schema_version", "a future schema_version"


def _variant(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    doc["glossary"].append({"canonical": "zz term", "variants": ["zzq-absent"]})
    path = f"$.glossary[{len(doc['glossary']) - 1}].variants[0]"
    return "variant-not-found", path, "a variant that is not in the text"


def _bad_sha256(draw: DrawFn, doc: dict[str, Any]) -> _Fault | None:
    doc["sources"][0]["sha256"] = draw(st.sampled_from(["", "abc", "G" * 64]))
    return "bad-sha256", "$.sources[0].sha256", "a malformed checksum"


def _duplicate_key(draw: DrawFn, doc: dict[str, Any]) -> bytes:
    # The first copy is ignored by the parser (the last wins), so only the
    # duplicate itself is wrong.
    body = json.dumps(doc, ensure_ascii=False)
    return ('{"title": "an earlier title", ' + body[1:]).encode("utf-8")


def _invalid_json(draw: DrawFn, doc: dict[str, Any]) -> bytes:
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return body + draw(st.sampled_from([b"]", b",", b"{", b" x"]))


def _not_utf8(draw: DrawFn, doc: dict[str, Any]) -> bytes:
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return body.replace(b'"schema_version"', b'"schema_version\xff"', 1)


_FAULTS: dict[str, Callable[[DrawFn, dict[str, Any]], Any]] = {
    "unknown-key": _unknown_key,
    "missing-key": _missing_key,
    "wrong-type": _wrong_type,
    "empty-text": _empty_text,
    "bad-enum": _bad_enum,
    "bad-id": _bad_id,
    "bad-date": _bad_date,
    "duplicate-id": _duplicate_id,
    "dangling-reference": _dangling,
    "missing-evidence": _missing_evidence,
    "quote-mismatch": _quote_mismatch,
    "bad-span": _bad_span,
    "checksum-mismatch": _checksum,
    "source-unreadable": _unreadable,
    "bad-source": _no_checksum,
    "evidence-not-shipped": _not_shipped,
    "count-mismatch": _count,
    "bad-numbering": _numbering,
    "unsupported-version": _version,
    "variant-not-found": _variant,
    "bad-sha256": _bad_sha256,
    "duplicate-key": _duplicate_key,
    "invalid-json": _invalid_json,
    "not-utf8": _not_utf8,
}
_READING = {
    "duplicate-key": ("$.title", "the root has a duplicated key"),
    "invalid-json": ("$", "trailing garbage after the document"),
    "not-utf8": ("$", "a byte that is not UTF-8"),
}

_CORRUPTIBLE = proposal_sets(
    min_proposals=1, min_recommendations=1, min_statistics=1, optional_fields=True
)

#: The problem codes :func:`corruptions` can produce (all but the size limits).
CORRUPTION_CODES: tuple[str, ...] = tuple(_FAULTS)


@st.composite
def corruptions(
    draw: DrawFn,
    sets: SearchStrategy[ProposalSet] | None = None,
    *,
    codes: tuple[str, ...] | list[str] | None = None,
) -> Corruption:
    """Generate documents that have exactly one known fault.

    Each corruption starts from a valid set and changes one thing, chosen so
    that validation must report exactly one problem: ``(code, path)``.

    Args:
        draw: Supplied by hypothesis.
        sets: Where the valid sets come from (default: :func:`proposal_sets`
            with at least one proposal, recommendation and statistic and every
            optional field, so that every kind of fault has a target).
        codes: Only produce faults with these codes (default: every code in
            :data:`CORRUPTION_CODES`).

    Returns:
        A strategy of :class:`Corruption`.

    Raises:
        ValueError: A code in ``codes`` is not one this strategy can produce.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # unshrunk
        >>> from ma_proposals.strategies import corruptions
        >>> c = find(corruptions(codes=["quote-mismatch"]), bool, settings=first)
        >>> c.code, c.path.endswith(".exact")
        ('quote-mismatch', True)
    """
    wanted = tuple(codes) if codes is not None else CORRUPTION_CODES
    unknown = set(wanted) - set(_FAULTS)
    if unknown:
        raise ValueError(f"corruptions() cannot produce {sorted(unknown)}")
    proposal_set = draw(sets if sets is not None else _CORRUPTIBLE)
    base = texts(proposal_set)
    order = draw(st.permutations(wanted))
    for code in order:
        doc = unstructure(proposal_set)
        outcome = _FAULTS[code](draw, doc)
        if outcome is None:
            continue  # this set has nothing to break that way
        if isinstance(outcome, bytes):
            path, description = _READING[code]
            return Corruption(outcome, base, code, path, description)
        fault_code, path, description = outcome
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        return Corruption(data, base, fault_code, path, description)
    assume(False)  # no requested fault applies to this set
    raise AssertionError  # pragma: no cover - assume() does not return
