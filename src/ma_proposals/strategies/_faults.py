"""Documents with exactly one known fault, and the problem each must cause."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from ma_proposals._plan import Kind, field_plan
from ma_proposals.conversion import unstructure
from ma_proposals.model import (
    Claim,
    Evidence,
    Proposal,
    ProposalSet,
    Recommendation,
    Statistic,
    Topic,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from hypothesis.strategies import DrawFn, SearchStrategy

from ._sets import proposal_sets, texts

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
            if field.kind is Kind.OBJ:
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

# The problem codes corruptions() can produce; documented where it is public.
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
