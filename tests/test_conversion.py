"""structure() is strict: no coercion, no unknown keys, errors with paths.

It is the engine that validate() and the loaders use, so it applies the same
rules to one object as they do to a whole set.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import conversion
from ma_proposals.model import Citation, Evidence, Recommendation, Statistic

#: Evidence for the classes that need it (references are not checked without
#: a set, nor spans without texts).
EV = [{"source": "a", "start": 0, "end": 1, "exact": "x"}]


def codes_at(data: Any, cls: type) -> list[tuple[str, str]]:
    obj, problems = conversion.structure_problems(data, cls)
    assert obj is None
    return [(p.code, p.path) for p in problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"source": 123}, ("wrong-type", "$.source")),  # no str coercion
        ({"source": "s", "quote": ["a"]}, ("wrong-type", "$.quote")),
    ],
)
def test_strings_are_not_coerced(
    data: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert codes_at(data, Citation) == [expected]


@pytest.mark.parametrize("value", ["5", True, 5.0, None])
def test_integers_are_strict(value: object) -> None:
    data = {"source": "s", "start": value, "end": 9, "exact": "x"}
    assert codes_at(data, Evidence) == [("wrong-type", "$.start")]


@pytest.mark.parametrize("value", [True, "1.5", None])
def test_numbers_are_strict(value: object) -> None:
    data = {"id": "s", "label": "l", "value": value, "unit": "u", "qualifier": "exact"}
    data["evidence"] = EV
    assert codes_at(data, Statistic) == [("wrong-type", "$.value")]


@pytest.mark.parametrize("value", [1, 1.5])
def test_numbers_keep_their_type(value: float) -> None:
    data = {"id": "s", "label": "l", "value": value, "unit": "u", "qualifier": "exact"}
    stat = conversion.structure({**data, "evidence": EV}, Statistic)
    assert type(stat.value) is type(value)


@attrs.frozen
class _Flagged:
    open: bool


@pytest.mark.parametrize("value", ["yes", 1, 0, None, "false"])
def test_booleans_are_strict(value: object) -> None:
    assert codes_at({"open": value}, _Flagged) == [("wrong-type", "$.open")]
    assert conversion.structure({"open": False}, _Flagged) == _Flagged(open=False)


def test_a_string_is_not_a_sequence() -> None:
    data = {"id": "r", "text": "t", "evidence": "abc"}
    assert codes_at(data, Recommendation) == [("wrong-type", "$.evidence")]


def test_the_rules_of_one_object_are_those_of_validate() -> None:
    data = {"id": "s", "label": "l", "value": 2**70, "unit": "u", "qualifier": "exact"}
    assert codes_at(data, Statistic) == [
        ("missing-evidence", "$"),
        ("out-of-range", "$.value"),
    ]
    assert codes_at(
        {"id": "Not An Id", "text": " ", "evidence": EV}, Recommendation
    ) == [
        ("bad-id", "$.id"),
        ("empty-text", "$.text"),
    ]
    # A reference follows the id rule; what it names needs the set.
    assert codes_at({"source": "No Id"}, Citation) == [("bad-id", "$.source")]


def test_bad_enum_lists_the_allowed_values() -> None:
    data = {"id": "r", "text": "t", "horizon": "soon", "evidence": EV}
    obj, problems = conversion.structure_problems(data, Recommendation)
    assert obj is None
    assert problems[0].code == "bad-enum"
    assert "'near-term', 'medium-long-term'" in problems[0].message


def test_enum_of_the_wrong_type() -> None:
    data = {"id": "r", "text": "t", "horizon": 1, "evidence": EV}
    assert codes_at(data, Recommendation) == [("wrong-type", "$.horizon")]


def test_unknown_keys_are_refused_with_a_suggestion() -> None:
    obj, problems = conversion.structure_problems(
        {"id": "r", "text": "t", "txt": "x", "evidence": EV}, Recommendation
    )
    assert obj is None
    assert [(p.code, p.path) for p in problems] == [("unknown-key", "$.txt")]
    assert "did you mean 'text'?" in problems[0].message


def test_odd_unknown_keys_get_bracketed_paths() -> None:
    data = {"id": "r", "text": "t", "a b": 1, "it's": 2, "evidence": EV}
    problems = codes_at(data, Recommendation)
    assert problems == [("unknown-key", "$['a b']"), ("unknown-key", "$['it\\'s']")]


def test_a_non_object_where_an_object_is_expected() -> None:
    assert codes_at({"id": "r", "text": "t", "evidence": [5]}, Recommendation) == [
        ("wrong-type", "$.evidence[0]")
    ]


def test_nested_paths(raw: dict[str, Any]) -> None:
    raw["proposals"][3]["recommendations"][0]["text"] = 1
    del raw["proposals"][6]["statistics"][1]["unit"]
    obj, problems = conversion.structure_problems(raw, mp.ProposalSet)
    assert obj is None
    assert {(p.code, p.path) for p in problems} == {
        ("wrong-type", "$.proposals[3].recommendations[0].text"),
        ("missing-key", "$.proposals[6].statistics[1].unit"),
    }


def test_structure_raises_validation_error() -> None:
    with pytest.raises(mp.ValidationError) as info:
        conversion.structure({"id": "r", "evidence": EV}, Recommendation)
    assert isinstance(info.value, ValueError)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("missing-key", "$.text")
    ]


def test_unstructure_round_trips(raw: dict[str, Any]) -> None:
    s = conversion.structure(raw, mp.ProposalSet)
    assert conversion.unstructure(s) == raw
    assert json.loads(json.dumps(conversion.unstructure(s))) == raw
