"""Hostile authoring files: reported problems with their lines, never a traceback.

An integer too long for Python to read (more than ``sys.get_int_max_str_digits()``
digits) is an ``out-of-range`` problem at its line, and a file with more
problems than a report keeps (20,000 quotes not found, say) is capped as
validation's reports are: the rest are counted in ``omitted``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ma_proposals import curation
from ma_proposals.cli import main
from ma_proposals.validation import MAX_PROBLEMS

from .curation_samples import AUTHORING, SOURCE, line_of

#: More digits than Python converts to an integer by default (4,300).
HUGE = "9" * 5000
LIMITED = pytest.mark.skipif(
    sys.get_int_max_str_digits() == 0, reason="this Python reads integers of any size"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


@LIMITED
@pytest.mark.parametrize("number", [HUGE, f"+{HUGE}", "1_" + "2" * 4500])
def test_an_integer_too_long_to_read_is_a_problem_at_its_line(
    folder: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    text = AUTHORING.replace("declared_count = 1", f"declared_count = {number}")
    report = curation.read(text, base=folder).report
    [problem] = report.problems
    assert problem.code == "out-of-range"
    assert problem.path == "$.set.declared_count"
    assert problem.line == line_of(text, "declared_count")
    assert problem.column == len("declared_count = ") + 1
    assert "digits" in problem.message
    assert "9999" not in problem.message  # the number is never printed
    (folder / "z.toml").write_text(text, encoding="utf-8")
    assert main(["build", str(folder / "z.toml")]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert f"(line {problem.line}, column {problem.column})" in out
    assert "[out-of-range]" in out
    assert "Traceback" not in out
    assert not (folder / "z.json").exists()


@LIMITED
def test_an_integer_too_long_to_read_under_a_dotted_key(folder: Path) -> None:
    text = AUTHORING.replace("[set]\n", f"[set]\nx.y = [1, {HUGE}]\n")
    [problem] = curation.read(text, base=folder).report.problems
    assert (problem.code, problem.path) == ("out-of-range", "$.set.x.y[1]")
    assert (problem.line, problem.column) == (
        line_of(text, "x.y"),
        len("x.y = [1, ") + 1,
    )


def test_long_digits_in_strings_and_comments_are_not_integers(folder: Path) -> None:
    text = AUTHORING.replace(
        "declared_count = 1", f"# {HUGE}\ndeclared_count = 1\nnote = '{HUGE}'"
    )
    codes = [p.code for p in curation.read(text, base=folder).report.problems]
    assert codes == ["unknown-key"]  # note: the file reads as TOML


def test_a_build_report_keeps_as_many_problems_as_validation(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    more = 234
    text = AUTHORING + "".join(
        f'\n[[set.proposals.recommendations]]\nid = "r{i}"\ntext = "Do {i}."\n'
        f'evidence = ["nowhere {i}"]\n'
        for i in range(MAX_PROBLEMS + more)
    )
    report = curation.read(text, base=folder).report
    assert len(report.problems) == MAX_PROBLEMS
    assert report.omitted == more
    assert {p.code for p in report.problems} == {"quote-not-found"}
    (folder / "z.toml").write_text(text, encoding="utf-8")
    assert main(["build", str(folder / "z.toml")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(f": {MAX_PROBLEMS + more} problems")
    assert len(lines) == 1 + MAX_PROBLEMS + 1
    assert (
        lines[-1] == f"  ... and {more} more (only the first {MAX_PROBLEMS} were kept)"
    )
    assert main(["build", "--json", str(folder / "z.toml")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (len(data["problems"]), data["omitted"]) == (MAX_PROBLEMS, more)
