"""Curation: authoring files of quotes, built into the JSON format and back.

The rules checked here: the packaged JSON is what its authoring file builds, byte
for byte; ``build(authoring(s)) == s`` for every valid set; every problem of an
authoring file is reported at once, with a code, a path and the line it is on.
The command line is tested in ``test_curation_cli.py``, the schema, the template
and the reference of the format in ``test_curation_format.py``, the closest
passage to a quote not found in ``test_curation_passages.py``.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import ma_proposals as mp
from ma_proposals import _source_texts, curation, schema
from ma_proposals.cli import main
from ma_proposals.curation._build import _authoring_path
from ma_proposals.strategies import proposal_sets, texts

from .curation_samples import AUTHORING, DATA, PACKAGED_TOML, SOURCE, line_of, problems
from .helpers import heavy

# -- The packaged set -----------------------------------------------------------------


def test_the_packaged_json_is_built_byte_for_byte_from_its_authoring_file() -> None:
    built = curation.build(Path(str(PACKAGED_TOML)))
    packaged = DATA.joinpath("ma-huateng-2020.json").read_bytes()
    assert mp.dumps(built).encode("utf-8") == packaged
    assert built == mp.load()


def test_the_packaged_files_are_fresh() -> None:
    written = curation.write(Path(str(PACKAGED_TOML)), schemas=True, check=True)
    assert written.build.report.valid
    assert written.changed == (), (
        "stale: run ma-proposals build src/ma_proposals/data/ma-huateng-2020.toml"
    )
    names = {p.relative_to(Path(str(DATA))).as_posix() for p in written.files}
    assert names == {
        "ma-huateng-2020.json",
        "sources/21st-century-economic-report-2020.txt",
        schema.RESOURCE,
        curation.SCHEMA_RESOURCE,
    }


def test_the_packaged_authoring_file_matches_its_json_schema() -> None:
    validator = jsonschema.Draft4Validator(curation.json_schema())
    jsonschema.Draft4Validator.check_schema(curation.json_schema())
    validator.validate(tomllib.loads(PACKAGED_TOML.read_text(encoding="utf-8")))


# -- The round trip ------------------------------------------------------------------


@heavy(5)
@given(proposal_sets(optional_fields=True) | proposal_sets(max_proposals=2))
def test_build_of_authoring_is_the_set(s: mp.ProposalSet) -> None:
    document = curation.authoring(s)
    assert curation.build(document, base=texts(s)) == s
    jsonschema.Draft4Validator(curation.json_schema()).validate(document)


@heavy(5)
@given(proposal_sets(optional_fields=True))
def test_build_of_authoring_toml_is_the_set(s: mp.ProposalSet) -> None:
    text = curation.authoring_toml(s)
    result = curation.read(text, base=texts(s))
    assert result.report.problems == ()
    assert result.proposal_set == s


def test_repeated_quotes_are_written_with_their_occurrence() -> None:
    s = mp.load()
    document = curation.authoring(s)
    career = document["set"]["deputy"]["career"]
    assert career["evidence"][0]["occurrence"] == 1
    assert curation.build(document) == s


def test_authoring_needs_a_valid_set() -> None:
    s = mp.load()
    ev = s.claims[0].evidence[0]
    bad = attrs.evolve(
        s, claims=(attrs.evolve(s.claims[0], evidence=(attrs.evolve(ev, start=1),)),)
    )
    with pytest.raises(ValueError, match="only a valid set"):
        curation.authoring(bad)


def test_writing_toml_without_the_extra_names_it(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    with pytest.raises(mp.MissingDependencyError, match=r"ma-proposals\[curation\]"):
        curation.authoring_toml(mp.load())
    # Reading and building need no extra.
    assert curation.build(curation.authoring(mp.load())) == mp.load()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "out" / "a.toml"
    assert main(["init", str(tmp_path / "in" / "a.txt"), "-o", str(target)]) == 1
    assert "pip install 'ma-proposals[curation]'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing written


# -- Placing quotes, and the problems of an authoring file ---------------------------


def test_a_small_set_builds(folder: Path) -> None:
    s = curation.build(folder / "zhang.toml")
    for ev in (
        s["city-trees"].recommendations[0].evidence[0],
        s.topics[0].evidence[0],
        s["city-trees"].background[0].evidence[0],
    ):
        assert SOURCE[ev.start : ev.end] == ev.exact
    assert s.topics[0].evidence[0].exact == '"plant more trees in cities"'
    # occurrence = 1 of "trees cool cities": the first, not "Trees cool cities".
    assert s["city-trees"].background[0].evidence[0].start == SOURCE.index("trees cool")
    assert s.sources[0].sha256 == hashlib.sha256(SOURCE.encode()).hexdigest()


def test_a_quote_that_is_not_in_its_source(folder: Path) -> None:
    text = AUTHORING.replace(
        'evidence = ["plant more trees in cities"]',
        'evidence = ["plant more trees in towns"]',
    )
    report = curation.read(text, base=folder).report
    (problem,) = report.problems
    assert problem.code == "quote-not-found"
    assert problem.path == "$.set.proposals[0].recommendations[0].evidence[0]"
    assert problem.line == line_of(text, "plant more trees in towns")
    assert problem.column == text.splitlines()[problem.line - 1].index('"') + 1
    assert "plant more trees in [-towns-]{+cities+}" in problem.message
    assert "source line 2, column 17" in problem.message


def test_a_quote_that_occurs_more_than_once_says_where(folder: Path) -> None:
    text = AUTHORING.replace(
        'evidence = [{ quote = "trees cool cities", occurrence = 1 }]',
        'evidence = ["ities"]',
    )
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "ambiguous-quote"
    assert problem.line == line_of(text, '["ities"]')
    assert "occurs 3 times" in problem.message
    for line, column in ((2, 38), (3, 21), (3, 40)):
        assert f"source line {line}, column {column}" in problem.message


def test_repeated_quotes_first_takes_the_first(folder: Path) -> None:
    text = AUTHORING.replace(
        'default_source = "report"',
        'default_source = "report"\nrepeated_quotes = "first"',
    ).replace('{ quote = "trees cool cities", occurrence = 1 }', '"ities"')
    s = curation.build(text, base=folder)
    assert s["city-trees"].background[0].evidence[0].start == SOURCE.index("ities")


def test_an_occurrence_past_the_last(folder: Path) -> None:
    text = AUTHORING.replace("occurrence = 1", "occurrence = 3")
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "bad-occurrence"
    assert problem.path.endswith("background[0].evidence[0].occurrence")
    assert "occurs once" in problem.message


def test_every_problem_at_once_each_on_its_line(folder: Path) -> None:
    text = (
        AUTHORING.replace('id = "urban-greening"', 'id = "Urban greening"')
        .replace('evidence = ["one suggestion"]', 'evidence = ["two suggestions"]')
        .replace("occurrence = 1", "occurrence = 0, sauce = 1")
        .replace('name = "Zhang San"\n', "")
        .replace("year = 2024\nevidence", 'year = "2024"\nevidence')
    )
    assert problems(text, folder) == [
        ("missing-key", "$.set.deputy.name", line_of(text, "[set.deputy]")),
        ("wrong-type", "$.set.meeting.year", line_of(text, 'year = "2024"')),
        (
            "bad-occurrence",
            "$.set.proposals[0].background[0].evidence[0].occurrence",
            line_of(text, "occurrence = 0"),
        ),
        (
            "unknown-key",
            "$.set.proposals[0].background[0].evidence[0].sauce",
            line_of(text, "sauce"),
        ),
        (
            "quote-not-found",
            "$.set.proposals[0].evidence[0]",
            line_of(text, "two suggestions"),
        ),
        (
            "dangling-reference",
            "$.set.proposals[0].topic",
            line_of(text, 'topic = "urban-greening"'),
        ),
        ("bad-id", "$.set.topics[0].id", line_of(text, "Urban greening")),
    ]


def test_json_paths_in_messages_point_into_the_authoring_file(folder: Path) -> None:
    topic = AUTHORING[AUTHORING.index("[[set.topics]]") :].split("[[set.proposals]]")
    text = AUTHORING + "\n" + topic[0].replace("[[set.topics]]", "[[set.topics]]")
    (problem,) = curation.read(text, base=folder).report.problems
    assert (problem.code, problem.path) == ("duplicate-id", "$.set.topics[1].id")
    assert "already used by $.set.topics[0]" in problem.message
    assert problem.line == line_of(text, 'id = "urban-greening"', 2)


SHA = "0" * 64


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        (("[curation]\n", "[other]\n"), "unknown-key", "$.other"),
        (('"report"\n\n[set]', '"nowhere"\n\n[set]'), "dangling-reference",
         "$.curation.default_source"),
        (("[curation]", "[curation]\nspeed = 1"), "unknown-key", "$.curation.speed"),
        (('default_source = "report"', 'repeated_quotes = "last"'), "bad-enum",
         "$.curation.repeated_quotes"),
        (('default_source = "report"', "default_source = 1"), "wrong-type",
         "$.curation.default_source"),
        (('["one suggestion"]', '"one suggestion"'), "wrong-type",
         "$.set.proposals[0].evidence"),
        (('["one suggestion"]', "[1]"), "wrong-type",
         "$.set.proposals[0].evidence[0]"),
        (('["one suggestion"]', '[" "]'), "empty-text",
         "$.set.proposals[0].evidence[0]"),
        (('["one suggestion"]', "[{ occurrence = 1 }]"), "missing-key",
         "$.set.proposals[0].evidence[0].quote"),
        (('["one suggestion"]', "[{ quote = 1 }]"), "wrong-type",
         "$.set.proposals[0].evidence[0].quote"),
        (('["one suggestion"]', '[{ quote = "one", source = 1 }]'), "wrong-type",
         "$.set.proposals[0].evidence[0].source"),
        (('["one suggestion"]', '[{ quote = "one", source = "web" }]'),
         "dangling-reference", "$.set.proposals[0].evidence[0].source"),
        (("year = 2024\ndeclared_count", "year = 2024-05-01\ndeclared_count"),
         "wrong-type", "$.set.year"),
        (('resource = "sources/report.txt"', 'resource = "sources/none.txt"'),
         "source-unreadable", "$.set.sources[0].resource"),
        (('resource = "sources/report.txt"', 'resource = "../report.txt"'),
         "bad-source", "$.set.sources[0].resource"),
        (('resource = "sources/report.txt"',
          f'resource = "sources/report.txt"\nsha256 = "{SHA}"'),
         "checksum-mismatch", "$.set.sources[0].sha256"),
        (("[set]\n", "[set]\nextra = 1\n"), "unknown-key", "$.set.extra"),
        (("schema_version = 1", "schema_version = 1\ndeclared_count = 2"),
         "invalid-toml", "$"),
    ],
)  # fmt: skip
def test_each_problem_of_the_file_itself(
    folder: Path, change: tuple[str, str], code: str, path: str
) -> None:
    text = AUTHORING.replace(*change, 1)
    assert text != AUTHORING
    found = problems(text, folder)
    assert [(c, p) for c, p, _ in found] == [(code, path)]
    line = found[0][2]
    assert line is not None
    if code == "invalid-toml":  # the second definition of the key
        assert line == line_of(text, "declared_count", 2)
    else:  # the line of the value, or of the table that lacks it
        lines = {line_of(text, part) for part in change[1].splitlines() if part}
        assert line in lines | {line_of(text, "[[set.sources]]")}


def test_a_changed_text_is_caught_by_its_recorded_checksum(folder: Path) -> None:
    recorded = hashlib.sha256(SOURCE.encode()).hexdigest()
    text = AUTHORING.replace(
        'resource = "sources/report.txt"',
        f'resource = "sources/report.txt"\nsha256 = "{recorded}"',
    )
    assert curation.build(text, base=folder) == curation.build(AUTHORING, base=folder)
    (folder / "sources" / "report.txt").write_text(SOURCE + "More.", encoding="utf-8")
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "checksum-mismatch"
    assert problem.line == line_of(text, "sha256")
    assert "delete sha256" in problem.message
    # Left out, the checksum is computed from the text as it is.
    assert curation.read(AUTHORING, base=folder).report.valid


def test_each_text_is_read_and_hashed_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counted(module: Any, name: str) -> None:
        real = getattr(module, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, call)

    counted(_source_texts, "read_resource")
    counted(_source_texts, "sha256")
    s = curation.build(AUTHORING, base=folder)
    assert sorted(set(calls)) == sorted(calls)  # each at most once
    assert "read_resource" in calls
    assert s.sources[0].sha256 == hashlib.sha256(SOURCE.encode()).hexdigest()


def test_one_shipped_source_is_the_default(folder: Path) -> None:
    text = AUTHORING.replace('[curation]\ndefault_source = "report"\n', "")
    assert curation.build(text, base=folder) == curation.build(AUTHORING, base=folder)


def test_quotes_in_an_external_source_are_refused(folder: Path) -> None:
    text = AUTHORING.replace(
        "[set.deputy]",
        '[[set.sources]]\nid = "web"\nurl = "https://example.org"\n\n[set.deputy]',
    ).replace('["one suggestion"]', '[{ quote = "one", source = "web" }]')
    assert problems(text, folder) == [
        (
            "evidence-not-shipped",
            "$.set.proposals[0].evidence[0].source",
            line_of(text, 'source = "web"'),
        )
    ]


def test_two_shipped_sources_need_a_default(folder: Path) -> None:
    (folder / "sources" / "other.txt").write_text("Other words.", encoding="utf-8")
    text = AUTHORING.replace('[curation]\ndefault_source = "report"\n', "").replace(
        "[set.deputy]",
        '[[set.sources]]\nid = "other"\nresource = "sources/other.txt"\n\n[set.deputy]',
    )
    report = curation.read(text, base=folder).report
    assert [(p.code, p.path) for p in report.problems] == [
        ("missing-key", "$.curation.default_source")
    ]
    assert "6 quotes name no source" in report.problems[0].message
    text = text.replace('["one suggestion"]', '[{ quote = "Other", source = "other" }]')
    assert "5 quotes" in curation.read(text, base=folder).report.problems[0].message


def test_a_wrong_default_source_is_reported_once(folder: Path) -> None:
    text = AUTHORING.replace('default_source = "report"', 'default_source = "raport"')
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "dangling-reference"
    assert "did you mean 'report'?" in problem.message


def test_files_that_cannot_be_read_as_toml_are_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"[set]\nid = '\xff'\n")
    (problem,) = curation.read(path).report.problems
    assert (problem.code, problem.path) == ("not-utf8", "$")
    assert "byte 12 (b'\\xff') is not valid UTF-8" in problem.message
    monkeypatch.setattr(mp.loading, "MAX_BYTES", 8)
    (problem,) = curation.read(path).report.problems
    assert problem.code == "too-large"


@pytest.mark.parametrize("depth", [10, 200, 450, 480, 5000])
def test_deeply_nested_values_are_a_problem_not_a_crash(depth: int) -> None:
    for text in (
        "[set]\nx = " + "[" * depth + "]" * depth,
        "[set]\nid = " + "{ a = " * depth + "1" + " }" * depth,
    ):
        report = curation.read(text).report
        assert not report.valid  # a report, whichever the problems are
        if depth >= 5000:
            assert [p.code for p in report.problems] == ["too-deep"]
    deep: dict[str, object] = {}
    node = deep
    for _ in range(depth):
        node["x"] = node = {}
    report = curation.read({"set": deep}).report
    assert not report.valid
    if depth >= 5000:
        assert [p.code for p in report.problems] == ["too-deep"]


def test_problems_past_the_cap_are_counted(folder: Path) -> None:
    topic = '[[set.topics]]\nid = "T{}"\nlabel = "T"\ndescription = "T"\n'
    text = AUTHORING + "".join(topic.format(i) for i in range(1100))
    report = curation.read(text, base=folder).report
    # A bad id and no evidence for each topic: the validator keeps 1000.
    assert (len(report.problems), report.omitted, report.count) == (1000, 1200, 2200)
    assert report.format(limit=1).endswith(
        "... and 2199 more (only the first 1000 were kept)"
    )


def test_syntax_errors_have_a_line() -> None:
    (problem,) = curation.read("[set]\nid = \n").report.problems
    assert (problem.code, problem.line, problem.column) == ("invalid-toml", 2, 6)
    (problem,) = curation.read("[set]\nx = [1,").report.problems
    assert (problem.code, problem.line, problem.column) == ("invalid-toml", 2, 8)
    assert "end of document" not in problem.message


def test_paths_of_the_set_map_to_paths_of_the_file() -> None:
    raw = {"proposals": [{"evidence": ["a", {"quote": "b", "source": "s"}]}]}
    assert _authoring_path("$.proposals[0].evidence[0].exact", raw) == (
        "set",
        "proposals",
        0,
        "evidence",
        0,
    )
    assert _authoring_path("$.proposals[0].evidence[1].exact", raw) == (
        "set",
        "proposals",
        0,
        "evidence",
        1,
        "quote",
    )
    assert _authoring_path("$.proposals[0].evidence[1].source", raw) == (
        "set",
        "proposals",
        0,
        "evidence",
        1,
        "source",
    )
    assert _authoring_path("$.deputy.career.statistics[2].id", {}) == (
        "set",
        "deputy",
        "career",
        "statistics",
        2,
        "id",
    )
    assert _authoring_path("$.sources[0]['odd key']", raw) == (
        "set",
        "sources",
        0,
        "odd key",
    )


def test_what_is_not_an_authoring_document() -> None:
    assert problems("set = 1", Path()) == [("wrong-type", "$.set", 1)]
    assert {p[:2] for p in problems("x = 1", Path())} == {
        ("unknown-key", "$.x"),
        ("missing-key", "$.set"),
    }
    assert curation.read({"curation": {}}).report.problems[0].code == "missing-key"
    (problem,) = curation.read({"set": {}, "curation": []}).report.problems[:1]
    assert problem.path == "$.curation"
    with pytest.raises(TypeError, match="authoring"):
        curation.read(b"[set]")


def test_build_raises_with_the_report(folder: Path) -> None:
    (folder / "zhang.toml").write_text(AUTHORING + "\n[x]\n", encoding="utf-8")
    with pytest.raises(mp.CurationError) as info:
        curation.build(folder / "zhang.toml")
    assert isinstance(info.value, mp.ValidationError)
    assert info.value.report.document == str(folder / "zhang.toml")
    assert [p.code for p in info.value.problems] == ["unknown-key"]


def test_problem_codes_are_registered() -> None:
    assert set(curation.CODES).isdisjoint(mp.CODES)
    for code in curation.CODES:
        assert mp.Problem(code, "$", "message").code == code
    with pytest.raises(ValueError, match="unknown problem code"):
        mp.Problem("no-such-code", "$", "message")
