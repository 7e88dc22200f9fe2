"""The proposal-set format as pydantic v2 and msgspec models, for comparison.

Both mirror the shape of ``ma_proposals.ProposalSet`` class for class and field
for field (frozen, tuples, the library's enums, unknown keys forbidden, no type
coercion), so they check exactly what ma_proposals' converter checks: keys,
JSON types and enum values. They do **not** check what ma_proposals checks on
top: slug ids, non-blank texts, dates, references between items, duplicate ids
and keys, the sources' checksums, or that each evidence quote sits at its
offsets in the source text. Their timings are therefore a lower bound for a
fully validating loader built on them.

Each peer is optional: ``pydantic_loader()`` and ``msgspec_loader()`` return
``None`` when the package is not installed.
"""

from collections.abc import Callable
from typing import Any

from ma_proposals import Horizon, ProposalKind, Qualifier, TitleKind

__all__ = ["Loader", "msgspec_loader", "orjson_loads", "pydantic_loader"]

#: Parses the bytes of a document into that peer's objects.
Loader = Callable[[bytes], Any]


def orjson_loads() -> Loader | None:
    """``orjson.loads``: parsing into dicts only, the fastest reference."""
    try:
        import orjson
    except ImportError:
        return None
    loads: Loader = orjson.loads
    return loads


def msgspec_loader() -> Loader | None:
    """A loader of msgspec Structs of the same shape, or ``None``."""
    try:
        import msgspec
    except ImportError:
        return None

    class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
        pass

    class Evidence(_Struct, frozen=True):
        source: str
        start: int
        end: int
        exact: str

    class Citation(_Struct, frozen=True):
        source: str
        quote: str | None = None

    class Inference(_Struct, frozen=True):
        basis: str
        evidence: tuple[Evidence, ...] = ()

    class ChineseWording(_Struct, frozen=True):
        text: str
        source: str
        note: str | None = None

    class Claim(_Struct, frozen=True):
        id: str
        text: str
        proposals: tuple[str, ...] = ()
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()
        wordings_zh: tuple[ChineseWording, ...] = ()
        inferred: Inference | None = None

    class Statistic(_Struct, frozen=True):
        id: str
        label: str
        value: int | float
        unit: str
        qualifier: Qualifier
        as_of: str | None = None
        source_org: str | None = None
        note: str | None = None
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Recommendation(_Struct, frozen=True):
        id: str
        text: str
        area: str | None = None
        horizon: Horizon | None = None
        evidence: tuple[Evidence, ...] = ()
        wordings_zh: tuple[ChineseWording, ...] = ()

    class ChineseTitle(_Struct, frozen=True):
        text: str
        kind: TitleKind
        source: str

    class Divergence(_Struct, frozen=True):
        id: str
        text: str
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Proposal(_Struct, frozen=True):
        id: str
        number: int
        title: str
        title_kind: TitleKind
        kind: ProposalKind
        topic: str
        summary: str
        themes: tuple[str, ...] = ()
        titles_zh: tuple[ChineseTitle, ...] = ()
        background: tuple[Claim, ...] = ()
        aims: tuple[Claim, ...] = ()
        recommendations: tuple[Recommendation, ...] = ()
        statistics: tuple[Statistic, ...] = ()
        note: str | None = None
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()
        divergences: tuple[Divergence, ...] = ()

    class Topic(_Struct, frozen=True):
        id: str
        label: str
        description: str
        evidence: tuple[Evidence, ...] = ()
        inferred: Inference | None = None

    class Theme(_Struct, frozen=True):
        id: str
        label: str
        description: str
        evidence: tuple[Evidence, ...] = ()
        inferred: Inference | None = None

    class Term(_Struct, frozen=True):
        canonical: str
        variants: tuple[str, ...]
        zh: str | None = None
        note: str | None = None

    class Career(_Struct, frozen=True):
        statistics: tuple[Statistic, ...]
        subjects: tuple[str, ...] = ()
        subjects_open: bool = False
        fields: tuple[str, ...] = ()
        fields_open: bool = False
        evidence: tuple[Evidence, ...] = ()

    class Deputy(_Struct, frozen=True):
        id: str
        name: str
        name_zh: str | None = None
        roles: tuple[Claim, ...] = ()
        career: Career | None = None
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Session(_Struct, frozen=True):
        id: str
        name: str
        opened: str | None = None
        closed: str | None = None
        note: str | None = None
        citations: tuple[Citation, ...] = ()

    class Meeting(_Struct, frozen=True):
        id: str
        name: str
        year: int
        sessions: tuple[Session, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Source(_Struct, frozen=True):
        id: str
        title: str | None = None
        publisher: str | None = None
        editor: str | None = None
        category: str | None = None
        language: str | None = None
        published: str | None = None
        resource: str | None = None
        url: str | None = None
        sha256: str | None = None
        notes: tuple[str, ...] = ()

    class ProposalSet(_Struct, frozen=True):
        schema_version: int
        id: str
        title: str
        year: int
        deputy: Deputy
        meeting: Meeting
        declared_count: int
        sources: tuple[Source, ...]
        version: str | None = None
        topics: tuple[Topic, ...] = ()
        themes: tuple[Theme, ...] = ()
        proposals: tuple[Proposal, ...] = ()
        claims: tuple[Claim, ...] = ()
        glossary: tuple[Term, ...] = ()

    decoder = msgspec.json.Decoder(ProposalSet)
    loads: Loader = decoder.decode
    return loads


def pydantic_loader() -> Loader | None:
    """A loader of strict, frozen pydantic v2 models of the same shape."""
    try:
        import pydantic
    except ImportError:
        return None
    if not pydantic.VERSION.startswith("2."):
        return None
    from pydantic import BaseModel, ConfigDict

    class _Model(BaseModel):
        model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    class Evidence(_Model):
        source: str
        start: int
        end: int
        exact: str

    class Citation(_Model):
        source: str
        quote: str | None = None

    class Inference(_Model):
        basis: str
        evidence: tuple[Evidence, ...] = ()

    class ChineseWording(_Model):
        text: str
        source: str
        note: str | None = None

    class Claim(_Model):
        id: str
        text: str
        proposals: tuple[str, ...] = ()
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()
        wordings_zh: tuple[ChineseWording, ...] = ()
        inferred: Inference | None = None

    class Statistic(_Model):
        id: str
        label: str
        value: int | float
        unit: str
        qualifier: Qualifier
        as_of: str | None = None
        source_org: str | None = None
        note: str | None = None
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Recommendation(_Model):
        id: str
        text: str
        area: str | None = None
        horizon: Horizon | None = None
        evidence: tuple[Evidence, ...] = ()
        wordings_zh: tuple[ChineseWording, ...] = ()

    class ChineseTitle(_Model):
        text: str
        kind: TitleKind
        source: str

    class Divergence(_Model):
        id: str
        text: str
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Proposal(_Model):
        id: str
        number: int
        title: str
        title_kind: TitleKind
        kind: ProposalKind
        topic: str
        summary: str
        themes: tuple[str, ...] = ()
        titles_zh: tuple[ChineseTitle, ...] = ()
        background: tuple[Claim, ...] = ()
        aims: tuple[Claim, ...] = ()
        recommendations: tuple[Recommendation, ...] = ()
        statistics: tuple[Statistic, ...] = ()
        note: str | None = None
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()
        divergences: tuple[Divergence, ...] = ()

    class Topic(_Model):
        id: str
        label: str
        description: str
        evidence: tuple[Evidence, ...] = ()
        inferred: Inference | None = None

    class Theme(_Model):
        id: str
        label: str
        description: str
        evidence: tuple[Evidence, ...] = ()
        inferred: Inference | None = None

    class Term(_Model):
        canonical: str
        variants: tuple[str, ...]
        zh: str | None = None
        note: str | None = None

    class Career(_Model):
        statistics: tuple[Statistic, ...]
        subjects: tuple[str, ...] = ()
        subjects_open: bool = False
        fields: tuple[str, ...] = ()
        fields_open: bool = False
        evidence: tuple[Evidence, ...] = ()

    class Deputy(_Model):
        id: str
        name: str
        name_zh: str | None = None
        roles: tuple[Claim, ...] = ()
        career: Career | None = None
        evidence: tuple[Evidence, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Session(_Model):
        id: str
        name: str
        opened: str | None = None
        closed: str | None = None
        note: str | None = None
        citations: tuple[Citation, ...] = ()

    class Meeting(_Model):
        id: str
        name: str
        year: int
        sessions: tuple[Session, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Source(_Model):
        id: str
        title: str | None = None
        publisher: str | None = None
        editor: str | None = None
        category: str | None = None
        language: str | None = None
        published: str | None = None
        resource: str | None = None
        url: str | None = None
        sha256: str | None = None
        notes: tuple[str, ...] = ()

    class ProposalSet(_Model):
        schema_version: int
        id: str
        title: str
        year: int
        deputy: Deputy
        meeting: Meeting
        declared_count: int
        sources: tuple[Source, ...]
        version: str | None = None
        topics: tuple[Topic, ...] = ()
        themes: tuple[Theme, ...] = ()
        proposals: tuple[Proposal, ...] = ()
        claims: tuple[Claim, ...] = ()
        glossary: tuple[Term, ...] = ()

    loads: Loader = ProposalSet.model_validate_json
    return loads
