"""Classes and fields added to the model are checked and built with no change.

The model will grow. A new class, or a new field of a kind the format knows,
must be checked and structured by the engine (``_structure``) as it is; a field
of a type the format cannot hold is refused when its class is first read.
"""

from __future__ import annotations

import copy
import enum
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals._checks import check_document
from ma_proposals._collector import BAD, Collector
from ma_proposals._fields import Rule, meta
from ma_proposals._structure import structure

from .helpers import DATA

# -- Classes and fields added to the model are checked ------------------------------


class Mood(enum.Enum):
    """A vocabulary of the test model."""

    CALM = "calm"


@attrs.frozen
class Reading:
    """Like the model's Inference: a basis and its (required) evidence."""

    basis: str = attrs.field(metadata=meta("Why.", rule=Rule.TEXT))
    evidence: tuple[mp.Evidence, ...] = attrs.field(metadata=meta("Spans."))


@attrs.frozen
class Extended(mp.Claim):
    """A claim with fields the walks have never seen: a new class among them."""

    reading: Reading | None = attrs.field(default=None, metadata=meta("How."))
    open: bool = attrs.field(default=False, metadata=meta("A flag."))
    mood: Mood | None = attrs.field(default=None, metadata=meta("A vocabulary."))
    seen: str | None = attrs.field(
        default=None, metadata=meta("A date.", rule=Rule.DATE)
    )


@attrs.frozen
class Root:
    """A root holding the new class, with a collection its references name."""

    proposals: tuple[mp.Proposal, ...] = attrs.field(metadata=meta("Referenced."))
    claims: tuple[Extended, ...] = attrs.field(metadata=meta("New items."))


TEXT = "The quick brown fox."


def _run_all(data: dict[str, Any]) -> tuple[Any, list[tuple[str, str]]]:
    run = Collector(None)
    run.texts["t"] = TEXT
    run.known.update(proposals={"p"}, sources={"t"})
    result = structure(run, Root, copy.deepcopy(data))
    pairs = sorted((p.code, p.path) for p in run.problems)
    return (None if result is BAD or pairs else result, pairs)


def _extended(**changes: Any) -> dict[str, Any]:
    claim = {
        "id": "c",
        "text": "A claim.",
        "proposals": ["p"],
        "evidence": [{"source": "t", "start": 4, "end": 9, "exact": "quick"}],
        "citations": [],
        "inferred": None,
        "reading": {
            "basis": "Read so.",
            "evidence": [{"source": "t", "start": 10, "end": 15, "exact": "brown"}],
        },
        "open": True,
        "mood": "calm",
        "seen": "2020-02-29",
    }
    claim.update(changes)
    return {"proposals": [], "claims": [claim]}


def test_a_new_class_and_new_fields_are_structured() -> None:
    result, problems = _run_all(_extended())
    assert problems == []
    (claim,) = result.claims
    assert isinstance(claim, Extended)
    assert isinstance(claim.reading, Reading)
    assert (claim.open, claim.mood, claim.reading.evidence[0].exact) == (
        True,
        Mood.CALM,
        "brown",
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"reading": {"basis": "Read so.", "evidence": []}}, "missing-evidence"),
        ({"reading": {"basis": " ", "evidence": []}}, "empty-text"),
        ({"reading": {"basis": "x"}}, "missing-key"),
        ({"reading": {"basis": "x", "evidence": [], "why": 1}}, "unknown-key"),
        ({"open": "yes"}, "wrong-type"),
        ({"open": 1}, "wrong-type"),
        ({"mood": "angry"}, "bad-enum"),
        ({"seen": "2021-02-29"}, "bad-date"),
        ({"proposals": ["q"]}, "dangling-reference"),
        ({"proposals": ["p", "p"]}, "duplicate-reference"),
        (
            {
                "reading": {
                    "basis": "x",
                    "evidence": [
                        {"source": "t", "start": 0, "end": 3, "exact": "quick"}
                    ],
                }
            },
            "quote-mismatch",
        ),
    ],
)
def test_a_new_class_and_new_fields_are_checked(
    changes: dict[str, Any], expected: str
) -> None:
    result, problems = _run_all(_extended(**changes))
    assert result is None
    assert expected in {code for code, _ in problems}, problems


@attrs.frozen
class _Odd:
    pair: tuple[int, int] = attrs.field(metadata=meta("A fixed-length tuple."))


def test_a_field_of_a_type_the_format_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError, match=r"_Odd.pair: tuple\[int, int\] is not a type"):
        structure(Collector(None), _Odd, {"pair": [1, 2]})


@attrs.frozen(repr=False)
class ExtendedSet(mp.ProposalSet):
    """A document class with a new field of new classes, as the model may grow."""

    extra: tuple[Extended, ...] = attrs.field(default=(), metadata=meta("New."))


def test_a_new_field_of_the_document_is_read(raw: dict[str, Any]) -> None:
    claim = _extended(
        proposals=["fintech"],
        evidence=[raw["claims"][0]["evidence"][0]],
        reading={"basis": "Read so.", "evidence": [raw["claims"][1]["evidence"][0]]},
    )["claims"][0]
    raw["extra"] = [claim]
    run = Collector(None)
    result = check_document(copy.deepcopy(raw), DATA, run, cls=ExtendedSet)
    assert run.problems == []
    assert isinstance(result, ExtendedSet)
    reading = result.extra[0].reading
    assert reading is not None
    assert reading.basis == "Read so."
    # A fault in the new class is found.
    claim["reading"]["evidence"] = []
    run = Collector(None)
    assert check_document(raw, DATA, run, cls=ExtendedSet) is None
    assert [(p.code, p.path) for p in run.problems] == [
        ("missing-evidence", "$.extra[0].reading")
    ]


def _even(instance: object, attribute: Any, value: int) -> None:
    if value % 2:
        raise ValueError(f"{attribute.name} must be even")


@attrs.frozen
class _Checked:
    """A class with a validator of its own: built by its constructor."""

    count: int = attrs.field(validator=_even, metadata=meta("An even count."))


def test_a_class_with_a_validator_is_built_by_its_constructor() -> None:
    run = Collector(None)
    assert structure(run, _Checked, {"count": 2}) == _Checked(2)
    assert run.problems == []
    run = Collector(None)
    assert structure(run, _Checked, {"count": 3}) is BAD
    assert [(p.code, p.path, p.message) for p in run.problems] == [
        ("wrong-type", "$", "invalid value for _Checked: count must be even")
    ]
