"""Curation: authoring files of quotes, built into the JSON format and back.

The rules checked here: the packaged JSON is what its authoring file builds, byte
for byte; ``build(authoring(s)) == s`` for every valid set; every problem of an
authoring file is reported at once, with a code, a path and the line it is on;
the authoring format's schema and documentation cover every field of the model.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import json
import sys
import tomllib
import typing
from pathlib import Path
from typing import Any

import attrs
import importlib_resources
import jsonschema
import pytest
from hypothesis import given

import ma_proposals as mp
from ma_proposals import curation, model, schema
from ma_proposals._fields import data_fields
from ma_proposals.cli import main
from ma_proposals.curation import _passages
from ma_proposals.curation._build import _authoring_path
from ma_proposals.curation._format import table_paths
from ma_proposals.strategies import proposal_sets, texts

from .helpers import heavy

DATA = importlib_resources.files("ma_proposals").joinpath("data")
PACKAGED_TOML = DATA.joinpath("ma-huateng-2020.toml")
MODEL_CLASSES = [
    getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))
]

SOURCE = (
    "Deputy Zhang San (张三) brought one suggestion to the 2024 two sessions.\n"
    'He proposed to "plant more trees in cities" and to water them.\n'
    "He said trees cool cities. Trees cool cities in summer.\n"
)

AUTHORING = """\
[curation]
default_source = "report"

[set]
schema_version = 1
id = "zhang-san-2024"
title = "Zhang San's suggestion to the 2024 two sessions"
year = 2024
declared_count = 1

[[set.sources]]
id = "report"
resource = "sources/report.txt"

[set.deputy]
id = "zhang-san"
name = "Zhang San"
name_zh = "张三"
evidence = ["Deputy Zhang San (张三)"]

[set.meeting]
id = "two-sessions-2024"
name = "The 2024 two sessions"
year = 2024
evidence = ["the 2024 two sessions"]

[[set.topics]]
id = "urban-greening"
label = "Urban greening"
description = "Trees and green space in cities."
evidence = ['"plant more trees in cities"']

[[set.proposals]]
id = "city-trees"
number = 1
title = "Planting more trees in cities"
title_kind = "descriptive"
kind = "suggestion"
topic = "urban-greening"
summary = "Asks for more trees in cities, and for watering them."
evidence = ["one suggestion"]

[[set.proposals.recommendations]]
id = "plant-trees"
text = "Plant more trees in cities."
evidence = ["plant more trees in cities"]

[[set.proposals.background]]
id = "trees-cool-cities"
text = "Trees cool cities."
evidence = [{ quote = "trees cool cities", occurrence = 1 }]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a source text and an authoring file that builds."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_bytes(SOURCE.encode("utf-8"))
    (tmp_path / "zhang.toml").write_text(AUTHORING, encoding="utf-8")
    return tmp_path


def problems(text: str, folder: Path) -> list[tuple[str, str, int | None]]:
    """(code, path, line) of every problem of an authoring text."""
    report = curation.read(text, base=folder).report
    return [(p.code, p.path, p.line) for p in report.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The line on which ``needle`` occurs for the ``nth`` time."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


# -- The packaged set -----------------------------------------------------------------


def test_the_packaged_json_is_built_byte_for_byte_from_its_authoring_file() -> None:
    built = curation.build(Path(str(PACKAGED_TOML)))
    packaged = DATA.joinpath("ma-huateng-2020.json").read_bytes()
    assert mp.dumps(built).encode("utf-8") == packaged
    assert built == mp.load()


def test_the_packaged_files_are_fresh() -> None:
    written = curation.write(Path(str(PACKAGED_TOML)), schemas=True, check=True)
    assert written.build.report.valid
    assert written.changed == (), "stale: run python curation/build.py"
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


# -- Closest passages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "diff"),
    [
        ("strengthen top level design", "strengthen top[- -]{+-+}level design"),
        ("chairman of Tencent's board", "chairman of [-Tencent's-]{+Tencents+} board"),
        ("数字经济的发展", "数字经济[-的-]发展"),
    ],
)
def test_the_closest_passage_shows_the_differences(quote: str, diff: str) -> None:
    text = (
        "We should strengthen top-level design. He is the chairman of Tencents "
        "board. 促进数字经济发展。"
    )
    passage = _passages.closest(text, quote)
    assert passage is not None
    assert text[passage.start : passage.end] == passage.text
    assert _passages.inline_diff(quote, passage.text) == diff


def test_long_equal_stretches_are_shortened() -> None:
    quote = "a" * 40 + " one " + "b" * 70 + " two " + "c" * 40
    passage = quote.replace("one", "1").replace("two", "2")
    diff = _passages.inline_diff(quote, passage)
    assert diff.startswith("…" + "a" * 29 + " [-one-]{+1+} ")
    assert " " + "b" * 29 + "…" + "b" * 29 + " " in diff
    assert diff.endswith("[-two-]{+2+} " + "c" * 29 + "…")
    # Short stretches are kept whole.
    short = "a" * 30 + " one " + "c" * 30
    assert _passages.inline_diff(short, short.replace("one", "1")) == (
        "a" * 30 + " [-one-]{+1+} " + "c" * 30
    )


def test_a_quote_with_nothing_alike(folder: Path) -> None:
    assert _passages.closest("xyz", "quite different") is None
    text = AUTHORING.replace("one suggestion", "Lorem ipsum dolor sit amet")
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "quote-not-found"
    assert "no passage of it is alike" in problem.message


# -- The command line -----------------------------------------------------------------


def test_cli_build_writes_and_checks(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = str(folder / "zhang.toml")
    assert main(["build", toml, "--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["build", toml]) == 0
    assert capsys.readouterr().out == f"wrote {folder / 'zhang.json'}\n"
    assert main(["build", toml, "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert mp.load_path(folder / "zhang.json") == curation.build(folder / "zhang.toml")
    assert main(["build", toml, "--check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["valid"], out["changed"]) == (True, [])


def test_cli_build_check_names_the_command_to_run(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(folder / "out")
    toml = str(folder / "zhang.toml")
    assert main(["build", toml, "-o", out, "--schemas", "--check"]) == 1
    err = capsys.readouterr().err
    assert f"run: ma-proposals build {toml} --schemas --output {out}" in err
    assert not (folder / "out").exists()


def test_cli_build_into_another_folder(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(folder / "zhang.toml"), "-o", str(out), "--schemas"]) == 0
    assert (out / "sources" / "report.txt").read_text(encoding="utf-8") == SOURCE
    assert mp.validate(out / "zhang.json").valid
    authoring_schema = (out / curation.SCHEMA_RESOURCE).read_text(encoding="utf-8")
    assert json.loads(authoring_schema) == curation.json_schema()
    assert (out / schema.RESOURCE).read_text(encoding="utf-8") == schema.schema_text()


def test_cli_build_reports_every_problem_without_a_traceback(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = AUTHORING.replace("one suggestion", "1 suggestion").replace(
        'id = "city-trees"', 'id = "City trees"'
    )
    (folder / "zhang.toml").write_text(text, encoding="utf-8")
    assert main(["build", str(folder / "zhang.toml")]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{folder / 'zhang.toml'}: 2 problems\n")
    assert err == ""
    assert f"(line {line_of(text, '1 suggestion')}, column 13)" in out
    assert not (folder / "zhang.json").exists()
    assert main(["build", str(folder / "zhang.toml"), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in out["problems"]] == ["quote-not-found", "bad-id"]
    assert out["valid"] is False


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read or write"), (b"\xff[set]", "not UTF-8")],
)
def test_cli_build_unreadable_files(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / "x.toml"
    if content is not None:
        path.write_bytes(content)
    assert main(["build", str(path)]) == 1
    assert message in capsys.readouterr().err


def test_cli_init_then_build_a_new_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("Report 2024.txt").write_text(SOURCE, encoding="utf-8")
    assert main(["init", "Report 2024.txt"]) == 0
    out = capsys.readouterr().out
    # A resource path has no spaces: the text is copied under sources/.
    assert out.splitlines()[:3] == [
        "wrote report-2024.toml",
        f"copied {Path('sources', 'report-2024.txt')}",
        f"wrote {Path('schema', 'authoring.schema.json')}",
    ]
    text = Path("report-2024.toml").read_text(encoding="utf-8")
    assert text.startswith("#:schema ./schema/authoring.schema.json\n")
    document = tomllib.loads(text)
    assert document["curation"] == {"default_source": "report-2024"}
    assert document["set"]["sources"][0]["resource"] == "sources/report-2024.txt"
    # Refuses to overwrite without --force.
    assert main(["init", "Report 2024.txt"]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["init", "Report 2024.txt", "--force", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"written": ["report-2024.toml"]}
    # The fresh file builds with a to-do list of what is missing, not a crash.
    assert main(["build", "report-2024.toml"]) == 1
    assert "required key is missing [missing-key]" in capsys.readouterr().out


def test_cli_init_copies_a_source_from_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "Text.TXT").write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "set" / "zhang.toml"
    assert main(["init", str(tmp_path / "in" / "Text.TXT"), "-o", str(target)]) == 0
    copied = tmp_path / "set" / "sources" / "text.txt"
    assert copied.read_text(encoding="utf-8") == SOURCE
    document = tomllib.loads(target.read_text(encoding="utf-8"))
    assert document["set"]["sources"][0]["resource"] == "sources/text.txt"
    assert document["set"]["id"] == "zhang"


def test_cli_init_from_the_packaged_set_rebuilds_it(tmp_path: Path) -> None:
    target = tmp_path / "ma.toml"
    assert main(["init", "--from", "ma-huateng-2020", "-o", str(target)]) == 0
    assert main(["build", str(target)]) == 0
    packaged = DATA.joinpath("ma-huateng-2020.json").read_bytes()
    assert (tmp_path / "ma.json").read_bytes() == packaged
    # And from the JSON file just written, into another folder.
    again = tmp_path / "again" / "ma.toml"
    assert main(["init", "--from", str(tmp_path / "ma.json"), "-o", str(again)]) == 0
    assert main(["build", str(again)]) == 0
    assert (again.parent / "ma.json").read_bytes() == packaged


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["init"], 2, "either a SOURCE"),
        (["init", "a.txt", "--from", "x"], 2, "either a SOURCE"),
        (["init", "missing.txt"], 1, "cannot read missing.txt"),
        (["init", "latin1.txt"], 1, "not UTF-8"),
        (["init", "ok.txt", "-o", "x.json"], 1, "must end in .toml"),
        (["init", "--from", "nothing-here"], 1, "neither a file nor a packaged set"),
        (["init", "--from", "bad.json"], 1, "is not a valid proposal set"),
    ],
)
def test_cli_init_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    status: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("latin1.txt").write_bytes("café".encode("latin-1"))
    Path("ok.txt").write_text("ok", encoding="utf-8")
    Path("bad.json").write_text("{}", encoding="utf-8")
    assert main(args) == status
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_cli_init_does_not_clobber_a_different_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    resource = tmp_path / "sources" / "21st-century-economic-report-2020.txt"
    resource.write_text("something else", encoding="utf-8")
    target = str(tmp_path / "ma.toml")
    assert main(["init", "--from", "ma-huateng-2020", "-o", target]) == 1
    assert "exists with other content" in capsys.readouterr().err
    assert resource.read_text(encoding="utf-8") == "something else"


# -- The template --------------------------------------------------------------------


def _uncommented(text: str) -> str:
    """The template with its examples uncommented and its banners dropped."""
    lines = []
    banner = False
    for line in text.splitlines():
        if line.startswith("# ---"):
            banner = not banner
        elif not banner:
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    return "\n".join(lines)


def test_the_template_shows_every_field_of_every_class() -> None:
    text = curation.template(SOURCE.encode(), resource="sources/report.txt")
    tomllib.loads(text)
    # With its examples uncommented, every table of the format is there, each
    # with every field of its class.
    body = text[text.index("\n[curation]\n") :]
    document = tomllib.loads(_uncommented(body))
    for cls, headers in table_paths().items():
        for header in headers:
            node: Any = document
            for part in header.strip("[]").split("."):
                node = node[part]
                node = node[0] if isinstance(node, list) else node
            assert set(node) == {f.name for f in data_fields(cls)}, header


def test_a_filled_in_template_builds(tmp_path: Path) -> None:
    source = SOURCE.encode()
    text = curation.template(source, resource="report.txt", source_id="report")
    (tmp_path / "report.txt").write_bytes(source)
    body = (
        text.replace('# title = ""', 'title = "A set"', 1)
        .replace("# year = 0", "year = 2024", 1)
        .replace("# declared_count = 0", "declared_count = 0", 1)
    )
    people = (
        '\n[set.deputy]\nid = "zhang-san"\nname = "Zhang San"\n'
        'evidence = ["Zhang San"]\n\n[set.meeting]\nid = "m"\nname = "M"\n'
        'year = 2024\nevidence = ["two sessions"]\n'
    )
    s = curation.build(body + people, base=tmp_path)
    assert (s.title, s.deputy.name, len(s)) == ("A set", "Zhang San", 0)


# -- The schema and the model ---------------------------------------------------------


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_the_authoring_schema_has_every_field_of_the_model(cls: type) -> None:
    definitions = curation.json_schema()["definitions"]
    if cls is mp.Evidence:  # written as quotes
        assert "Evidence" not in definitions
        return
    entry = definitions[cls.__name__]
    assert list(entry["properties"]) == [f.name for f in data_fields(cls)]
    hints = typing.get_type_hints(cls)
    for field in data_fields(cls):
        prop = entry["properties"][field.name]
        assert prop["description"]
        if hints[field.name] == tuple[mp.Evidence, ...]:
            assert prop["items"] == {"$ref": "#/definitions/Quote"}
    required = [f.name for f in data_fields(cls) if f.default is attrs.NOTHING]
    assert entry.get("required", []) == required


def test_every_model_class_has_a_place_in_an_authoring_file() -> None:
    placed = set(table_paths())
    assert placed == set(MODEL_CLASSES) - {mp.Evidence}


def test_the_authoring_schema_knows_every_type_the_model_may_use() -> None:
    from ma_proposals.curation._schema import _Builder

    builder = _Builder()
    assert builder.type_schema(bool, None) == {"type": "boolean"}
    assert builder.type_schema(float | None, None) == {"type": "number"}
    assert builder.type_schema(tuple[int, ...], None) == {
        "type": "array",
        "items": {"type": "integer"},
    }


def test_the_authoring_schema_is_shipped() -> None:
    shipped = DATA.joinpath(*curation.SCHEMA_RESOURCE.split("/"))
    assert shipped.read_text(encoding="utf-8") == curation.schema_text()


def test_the_authoring_schema_rejects_what_the_build_rejects() -> None:
    validator = jsonschema.Draft4Validator(curation.json_schema())
    document = curation.authoring(mp.load())
    document["set"]["proposals"][0]["evidence"].append({"quote": "x", "nth": 2})
    document["curation"]["repeated_quotes"] = "last"
    document["set"]["topics"][0]["colour"] = "red"
    document["set"]["proposals"][1]["evidence"].append("")
    assert len(list(validator.iter_errors(document))) == 4


@pytest.mark.parametrize(
    "module", ["_build", "_passages", "_reverse", "_schema", "_write", "_format"]
)
def test_docstring_examples_of_the_curation_modules(module: str) -> None:
    found = importlib.import_module(f"ma_proposals.curation.{module}")
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    tests = doctest.DocTestFinder(exclude_empty=True).find(found, found.__name__)
    assert tests or module == "_codes"
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


# -- The generated reference of the format -------------------------------------------

EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext"


@pytest.fixture(scope="module")
def reference() -> Any:
    """The docs' extension that generates the authoring format's reference."""
    if not EXT.is_dir():  # pragma: no cover - an sdist without docs
        pytest.skip("no docs folder")
    sys.path.insert(0, str(EXT))
    try:
        return importlib.import_module("ma_proposals_authoring")
    finally:
        sys.path.remove(str(EXT))


def test_the_reference_covers_every_field_of_the_model(reference: Any) -> None:
    tables = {table.name: table for table in reference.authoring_tables()}
    for cls in MODEL_CLASSES:
        if cls is mp.Evidence:
            assert "Evidence" not in tables
            continue
        table = tables[cls.__name__]
        assert table.headers == table_paths()[cls]
        fields = data_fields(cls)
        assert [e.name for e in table.entries] == [f.name for f in fields]
        for entry, field in zip(table.entries, fields, strict=True):
            assert entry.required is (field.default is attrs.NOTHING)
            assert entry.description == field.metadata["ma_proposals.doc"]
    assert [e.name for e in tables["curation"].entries] == [
        "default_source",
        "repeated_quotes",
    ]
    assert [e.name for e in tables["Quote"].entries] == [
        "quote",
        "occurrence",
        "source",
    ]


def test_toml_types_read_like_toml(reference: Any) -> None:
    hints = typing.get_type_hints(mp.Proposal)
    assert reference.toml_type(hints["evidence"]) == "array of quotes"
    assert reference.toml_type(hints["themes"]) == "array of strings"
    assert reference.toml_type(hints["note"]) == "string"
    stat = typing.get_type_hints(mp.Statistic)
    assert reference.toml_type(stat["value"]) == "number"
    deputy = typing.get_type_hints(mp.Deputy)
    assert reference.toml_type(deputy["career"]) == "table Career"
    assert reference.toml_type(bool) == "boolean"


def test_the_rendered_reference_names_every_key_and_code(reference: Any) -> None:
    pytest.importorskip("sphinx")
    frontend = pytest.importorskip("docutils.frontend")
    rst = pytest.importorskip("docutils.parsers.rst")
    utils = pytest.importorskip("docutils.utils")
    document = utils.new_document("<test>", frontend.get_default_settings(rst.Parser))
    text = "\n".join(n.astext() for n in reference.format_nodes(document, "x"))
    for cls in MODEL_CLASSES:
        if cls is not mp.Evidence:  # written as quotes
            for field in data_fields(cls):
                assert field.name in text
    for code in curation.CODES:
        assert code in text
    assert "authoring-proposal" in document.nameids
