"""Hostile JSON documents: bounded time, problems at their paths."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ma_proposals as mp

from .helpers import PACKAGED, ends_in_time


def test_a_constant_after_an_unclosed_string_of_escapes_is_found_in_one_pass() -> None:
    # 1 MB: the old rescan from each escaped quote took about 30 minutes.
    out = ends_in_time(
        "import ma_proposals as mp\n"
        "text = '[1e999, \"' + '\\\\\"' * 500_000\n"
        "(p,) = mp.validate(text).problems\n"
        "print(p.code, p.line, p.column, p.message)\n"
    )
    assert out.split()[:3] == ["invalid-json", "1", "2"]
    assert "1e999 is too large" in out


@pytest.mark.parametrize(
    ("text", "column", "said"),
    [
        ('{"a": "NaN", "b": [1, 2.5, -Infinity]}', 28, "-Infinity is not valid"),
        ('{"a": "x\\"1e999", "b": -1e999}', 24, "-1e999 is too large"),
        ("[0, 1e999, NaN]", 5, "1e999 is too large"),
    ],
)
def test_the_first_number_that_is_not_finite_is_located(
    text: str, column: int, said: str
) -> None:
    (problem,) = mp.validate(text).problems
    assert (problem.code, problem.path) == ("invalid-json", "$")
    assert (problem.line, problem.column) == (1, column)
    assert said in problem.message


def test_a_long_infinite_number_is_clipped_in_the_message() -> None:
    (problem,) = mp.validate("[" + "9" * 10_000 + "e999]").problems
    assert "too large" in problem.message
    assert len(problem.message) < 200


def _owner(raw: dict[str, Any]) -> int:
    return next(i for i, p in enumerate(raw["proposals"]) if p["statistics"])


@pytest.mark.parametrize("sign", ["", "-"])
def test_an_integer_past_the_digits_python_reads_is_out_of_range_at_its_path(
    raw: dict[str, Any], sign: str
) -> None:
    owner = _owner(raw)
    raw["proposals"][owner]["statistics"][0]["value"] = 0
    text = json.dumps(raw).replace('"value": 0', f'"value": {sign}{"7" * 5000}', 1)
    (problem,) = mp.validate(text).problems
    assert problem.code == "out-of-range"
    assert problem.path == f"$.proposals[{owner}].statistics[0].value"
    assert f"{sign}<an integer of 16610 bits>" in problem.message
    with pytest.raises(mp.ValidationError):
        mp.loads(text)


def test_long_integers_elsewhere_are_reported_each(raw: dict[str, Any]) -> None:
    raw["declared_count"] = 0
    raw["year"] = 0
    text = json.dumps(raw)
    text = text.replace('"declared_count": 0', '"declared_count": ' + "1" * 9000)
    text = text.replace('"year": 0', '"year": ' + "2" * 4301)
    paths = {(p.code, p.path) for p in mp.validate(text).problems}
    assert ("out-of-range", "$.declared_count") in paths
    assert ("out-of-range", "$.year") in paths


def test_a_document_with_a_long_integer_is_still_checked_whole() -> None:
    text = PACKAGED.read_text(encoding="utf-8")
    text = text.replace('"value": 255000000', '"value": ' + "9" * 5000)
    text = text.replace('"id": "ma-huateng-2020"', '"id": "Bad Id"', 1)
    found = [p.code for p in mp.validate(text).problems]
    assert sorted(found) == ["bad-id", "out-of-range"]
