"""validate(): every problem at once, each with a stable code and a JSON path."""

from __future__ import annotations

import copy
import json
import shutil
import sys
import tomllib
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals import strategies
from ma_proposals.conversion import unstructure
from ma_proposals.schema import json_schema

from .helpers import PACKAGED, finishes, heavy, make_hostile

CORPUS = Path(__file__).parent / "data" / "invalid"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)
MINIMAL = Path(__file__).parent / "data" / "valid" / "minimal.json"


def pairs(report: mp.Report) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in report.problems]


def _decoder_position(path: Path) -> tuple[int, int] | None:
    """Where the standard library's JSON decoder reports a syntax error, if any."""
    try:
        json.loads(path.read_bytes())
    except json.JSONDecodeError as exc:
        return exc.lineno, exc.colno
    except ValueError:  # not UTF-8, for instance
        return None
    return None


def test_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.glob("*.json")}
    assert files == set(EXPECTED)
    assert len(files) >= 40
    covered = {code for case in EXPECTED.values() for code, _ in case["problems"]}
    assert covered == set(mp.CODES), set(mp.CODES) - covered


def corpus_document(name: str, tmp_path: Path) -> tuple[Path, list[Path]]:
    """The path of a corpus document, in a copy of the corpus if it makes files.

    Returns the path and the FIFOs made (see ``make`` in ``expected.toml``).
    """
    make = EXPECTED[name].get("make")
    if not make:
        return CORPUS / name, []
    folder = tmp_path / "corpus"
    (folder / "sources").mkdir(parents=True)
    shutil.copyfile(CORPUS / name, folder / name)
    for text in (CORPUS / "sources").iterdir():
        shutil.copyfile(text, folder / "sources" / text.name)
    minimal = (CORPUS / "sources" / "minimal.txt").read_bytes()
    return folder / name, make_hostile(folder, make, text=minimal)


def limits(case: dict[str, Any]) -> dict[str, Any]:
    """The limits a corpus case is read with (the defaults unless it says)."""
    return {key: case[key] for key in ("max_bytes", "max_text_bytes") if key in case}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_document(name: str, tmp_path: Path) -> None:
    case = EXPECTED[name]
    path, fifos = corpus_document(name, tmp_path)
    report = finishes(lambda: mp.validate(path, **limits(case)), fifos)
    assert not report.valid
    assert sorted(pairs(report)) == sorted(map(tuple, case["problems"]))
    if "line" in case:
        (problem,) = report.problems
        expected = (case["line"], case["column"])
        decoder = _decoder_position(CORPUS / name)
        if decoder is not None and sys.version_info >= (3, 13):
            # Python 3.13's json reports a trailing comma at the comma, not at
            # what follows it: the problem must point where the decoder does.
            expected = decoder
        elif decoder is not None:
            assert decoder == expected
        assert (problem.line, problem.column) == expected
    # The loaders raise the same problems.
    with pytest.raises(mp.ValidationError) as info:
        finishes(lambda: mp.load_path(path, **limits(case)), fifos)
    assert info.value.problems == report.problems


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_against_the_json_schema(name: str) -> None:
    case = EXPECTED[name]
    if case["schema"] == "skip":
        return
    validator = jsonschema.Draft202012Validator(json_schema())
    instance = json.loads((CORPUS / name).read_bytes())
    errors = list(validator.iter_errors(instance))
    assert bool(errors) == (case["schema"] == "reject"), errors


def test_valid_documents_pass_the_json_schema() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    jsonschema.Draft202012Validator.check_schema(json_schema())
    for path in (MINIMAL, Path(str(PACKAGED))):
        validator.validate(json.loads(path.read_bytes()))


def test_packaged_data_is_clean() -> None:
    assert mp.validate(mp.load()).valid
    assert mp.validate(PACKAGED.read_bytes()).valid
    assert mp.validate(MINIMAL).valid


def test_every_kind_of_input(raw: dict[str, Any]) -> None:
    text = PACKAGED.read_bytes()
    for document in (mp.load(), raw, text, text.decode(), bytearray(text)):
        report = mp.validate(document)
        assert report.valid, document.__class__
    assert mp.validate(Path(str(PACKAGED))).document == str(PACKAGED)
    assert mp.validate(text).document == "<string>"
    assert mp.validate(raw).document == "<object>"


def test_a_file_name_string_gets_a_hint() -> None:
    (problem,) = mp.validate("my-set.json").problems
    assert problem.code == "invalid-json"
    assert "pathlib.Path" in problem.message


def test_validating_a_changed_object() -> None:
    s = mp.load()
    rec = attrs.evolve(s.proposals[0].recommendations[0], id="Bad", evidence=())
    proposal = attrs.evolve(s.proposals[0], recommendations=(rec,), topic="nope")
    changed = attrs.evolve(s, proposals=(proposal, *s.proposals[1:]))
    assert pairs(mp.validate(changed)) == [
        ("missing-evidence", "$.proposals[0].recommendations[0]"),
        ("bad-id", "$.proposals[0].recommendations[0].id"),
        ("dangling-reference", "$.proposals[0].topic"),
    ]


def test_five_independent_faults_give_five_problems() -> None:
    report = mp.validate(CORPUS / "five-faults.json")
    assert len(report.problems) == 5
    assert len({p.code for p in report.problems}) == 5


def eleven_recommendations(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Give the first proposal eleven recommendations (more than the data has)."""
    recs: list[dict[str, Any]] = raw["proposals"][0]["recommendations"]
    recs[:] = [dict(recs[0], id=f"rec-{i}") for i in range(11)]
    return recs


def test_problems_are_sorted_naturally(raw: dict[str, Any]) -> None:
    eleven_recommendations(raw)
    for i in (10, 2, 0):
        raw["proposals"][0]["recommendations"][i]["id"] = f"X{i}"
    paths = [p.path for p in mp.validate(raw).problems]
    assert paths == [
        "$.proposals[0].recommendations[0].id",
        "$.proposals[0].recommendations[2].id",
        "$.proposals[0].recommendations[10].id",
    ]


def test_error_message_lists_the_first_problems_and_counts_the_rest(
    raw: dict[str, Any],
) -> None:
    for rec in eleven_recommendations(raw):
        rec["text"] = ""
    with pytest.raises(mp.ValidationError) as info:
        mp.loads(json.dumps(raw))
    message = str(info.value)
    lines = message.splitlines()
    assert lines[0] == "<string>: 11 problems"
    assert lines[1] == (
        "  $.proposals[0].recommendations[0].text: text must not be empty [empty-text]"
    )
    assert len(lines) == 1 + mp.ValidationError.SHOWN + 1
    assert lines[-1] == "  ... and 1 more"
    assert len(info.value.report.problems) == 11


def test_problem_codes_are_registered() -> None:
    with pytest.raises(ValueError, match="unknown problem code"):
        mp.Problem("no-such-code", "$", "x")


def test_report_formats() -> None:
    assert mp.Report(()).format() == "<object>: valid"
    problem = mp.Problem("invalid-json", "$", "Expecting value", 3, 7)
    assert str(problem) == "$ (line 3, column 7): Expecting value [invalid-json]"


def test_deep_nesting_inside_a_field_is_a_type_problem(raw: dict[str, Any]) -> None:
    deep: Any = "x"
    for _ in range(900):
        deep = [deep]
    raw["title"] = deep
    raw["proposals"][0]["recommendations"][0] = {"id": deep}
    assert ("wrong-type", "$.title") in pairs(mp.validate(raw))


def test_deep_nesting_beyond_the_parser(raw: dict[str, Any]) -> None:
    text = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert pairs(mp.validate(text)) == [("too-deep", "$")]


def test_nothing_half_loaded(raw: dict[str, Any]) -> None:
    raw["proposals"][6]["recommendations"][3]["evidence"][0]["start"] += 1
    with pytest.raises(mp.ValidationError) as info:
        mp.loads(json.dumps(raw))
    assert pairs(info.value.report) == [
        ("quote-mismatch", "$.proposals[6].recommendations[3].evidence[0].exact")
    ]
    assert "the quote occurs at" in info.value.problems[0].message


# -- Fuzzing: bad input never escapes as anything but the package's errors ----

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_arbitrary_json_gives_a_report(value: Any) -> None:
    report = mp.validate(value)
    assert isinstance(report, mp.Report)
    assert not report.valid
    with pytest.raises(mp.ValidationError):
        mp.loads(json.dumps(value))


@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_a_report(data: bytes) -> None:
    assert isinstance(mp.validate(data), mp.Report)


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_locations(child, (*path, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found.extend(_locations(child, (*path, i)))
    return found


PACKAGED_RAW = json.loads(PACKAGED.read_bytes())
LOCATIONS = _locations(PACKAGED_RAW)[1:]


def mutated(location: tuple[Any, ...], action: str, value: Any) -> Any:
    """A copy of the packaged set with one fault at ``location``.

    ``action`` is ``replace`` (the value by ``value``), ``delete`` (the key or
    item) or ``add-key`` (an unknown key holding ``value``).
    """
    doc = copy.deepcopy(PACKAGED_RAW)
    parent = doc
    for step in location[:-1]:
        parent = parent[step]
    last = location[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last]["zz-extra"] = value
    else:
        parent[last] = {"zz-extra": value}
    return doc


@given(
    location=st.sampled_from(LOCATIONS),
    action=st.sampled_from(["replace", "delete", "add-key"]),
    value=json_values,
)
def test_single_fault_mutations_of_the_packaged_set(
    location: tuple[Any, ...], action: str, value: Any
) -> None:
    doc = mutated(location, action, value)
    report = mp.validate(doc)
    assert isinstance(report, mp.Report)
    if report.valid:
        # Only a harmless change (e.g. the same value again) may pass.
        assert mp.validate(mp.loads(json.dumps(doc))).valid
    else:
        with pytest.raises(mp.ValidationError) as info:
            mp.loads(json.dumps(doc))
        assert info.value.problems == report.problems


def evolve(obj: Any, **changes: Any) -> Any:
    """attrs.evolve without the type checker: these sets are wrong on purpose."""
    return attrs.evolve(obj, **changes)


def _in_code_faults() -> list[tuple[str, Any, str]]:
    s = mp.load()
    p = s.proposals[0]
    return [
        (
            "a string for a claim",
            evolve(s, deputy=evolve(s.deputy, roles=("x",))),
            "$.deputy.roles[0]",
        ),
        (
            "a string for a proposal",
            evolve(s, proposals=(p, "oops", *s.proposals[2:])),
            "$.proposals[1]",
        ),
        (
            "a string for an enum member",
            evolve(s, proposals=(evolve(p, title_kind="quoted"),)),
            "$.proposals[0].title_kind",
        ),
        ("a string for a tuple", evolve(s, themes="abc"), "$.themes"),
        ("a number for a string", evolve(s, title=5), "$.title"),
        (
            "another class for a claim",
            evolve(s, claims=(p.recommendations[0],)),
            "$.claims[0]",
        ),
        # Data that unstructures like the object it replaces is still not it.
        ("a dict for the deputy", evolve(s, deputy=unstructure(s.deputy)), "$.deputy"),
        (
            "dicts for claims",
            evolve(s, claims=tuple(unstructure(c) for c in s.claims)),
            "$.claims[0]",
        ),
        ("a list for a tuple", evolve(s, proposals=list(s.proposals)), "$.proposals"),
        (
            "a list of strings for a tuple",
            evolve(s, proposals=(evolve(p, themes=list(p.themes)),)),
            "$.proposals[0].themes",
        ),
    ]


@pytest.mark.parametrize(
    ("case", "s", "path"),
    _in_code_faults(),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_sets_built_in_code_with_wrong_types_are_reported_not_raised(
    case: str, s: Any, path: str
) -> None:
    report = mp.validate(s)
    assert ("wrong-type", path) in [(p.code, p.path) for p in report.problems], case


@given(strategies.proposal_sets())
@heavy(4)
def test_the_checks_see_a_set_built_in_code_as_its_document(s: mp.ProposalSet) -> None:
    from ma_proposals.conversion import _checkable, unstructure

    assert _checkable(s, mp.ProposalSet) == unstructure(s)
