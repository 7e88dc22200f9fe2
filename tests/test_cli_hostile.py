"""The command line against hostile input: one line, an honest status, a safe terminal.

No user error prints a traceback (undecodable arguments, sizes beyond any
number, negative sizes, empty names, Ctrl-C); a closed output pipe never turns
invalid data into a success; ``--json`` is valid JSON whatever the terminal's
encoding; and text from the data (a title with ESC, BEL, CR, C1 controls or
bidirectional overrides) never reaches the terminal raw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import ma_proposals as mp
from ma_proposals.cli import main

from .helpers import ARTICLE, DOCS_EXT, PACKAGED

EXAMPLE = DOCS_EXT.parent / "examples" / "zhang-san-2024"

INVALID = Path(__file__).parent / "data" / "invalid"
#: Characters that must never reach a terminal raw.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
EVIL = "\x1b[2J\x1b]0;pwned\x07\rfake \x9b31m\u202etxt.exe\u2028 é 马 😀"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def command(*argv: Any, env: dict[str, str] | None = None) -> Any:
    """Run ``python -m ma_proposals`` (arguments may be bytes, as argv can be)."""
    return subprocess.run(
        [sys.executable, "-m", "ma_proposals", *argv],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid set whose texts hold terminal controls, with an invalid sibling."""
    folder = tmp_path_factory.mktemp("hostile")
    raw = json.loads(PACKAGED.read_bytes())
    raw["title"] = f"A set {EVIL}"
    raw["proposals"][0]["title"] = f"Proposal {EVIL}"
    raw["proposals"][0]["summary"] = f"Summary {EVIL}"
    raw["proposals"][0]["recommendations"][0]["text"] = f"Do {EVIL}"
    (folder / "sources").mkdir()
    (folder / "sources" / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    (folder / "set.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    raw["proposals"][1][f"key {EVIL}"] = EVIL
    raw["proposals"][2]["topic"] = f"topic {EVIL}"
    (folder / "bad.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    assert mp.validate(folder / "set.json").valid
    return folder / "set.json"


def many_faults(folder: Path) -> Path:
    """A document with far more problems than a pipe holds (lines of output)."""
    raw = json.loads(PACKAGED.read_bytes())
    proposals = []
    for i in range(1500):
        p = dict(raw["proposals"][i % 7], id=f"p{i}", number=i + 1)
        p["topic"] = f"no-such-topic-{i}"
        proposals.append(p)
    raw.update(proposals=proposals, declared_count=1500, claims=[])
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    path = folder / "many.json"
    path.write_text(json.dumps(raw), "utf-8")
    return path


def strings(value: Any) -> list[str]:
    """Every string in parsed JSON."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def one_line(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("ma-proposals: ")


# -- No traceback for any user error ---------------------------------------------------


def test_undecodable_arguments_are_shown_as_their_bytes(tmp_path: Path) -> None:
    result = command("search", b"\xff")
    assert result.returncode == 2
    one_line(result.stderr.decode())
    result = command("--file", os.fsencode(tmp_path) + b"/\xff.json")
    assert result.returncode == 1
    err = result.stderr.decode()
    one_line(err)
    assert "\\xff.json: No such file or directory" in err
    result = command("export", "--format", "json", os.fsencode(tmp_path) + b"/x\xff")
    assert result.returncode == 0, result.stderr
    assert b"/x\\xff" in result.stdout


def test_a_search_with_an_undecodable_query_is_a_query_error() -> None:
    with pytest.raises(mp.QueryError, match="lone surrogate"):
        mp.load().search("cloud \udcff")
    with pytest.raises(mp.QueryError, match="lone surrogate"):
        mp.load().search("cloud", highlight=("\ud800", "]"))


def test_a_limit_beyond_any_size(capsys: pytest.CaptureFixture[str]) -> None:
    s = mp.load()
    assert s.search("cloud", limit=10**30) == s.search("cloud", limit=None)
    assert s.search("cloud", limit=2**63) == s.search("cloud", limit=None)
    status, out, err = run(capsys, "search", "cloud", "-n", "9" * 30)
    assert (status, err) == (0, "")
    assert out == run(capsys, "search", "cloud", "-n", "1000")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "cloud", "-n", "0"], "0 hits would show nothing: give 1 or more"),
        (["search", "cloud", "-n", "-3"], "give 1 or more"),
        (["search", "cloud", "-n", "ten"], "expected a whole number of hits"),
        (["validate", "--max-bytes", "-5", "x.json"], "a size cannot be negative"),
        (["validate", "--max-text-bytes", "-1", "x.json"], "cannot be negative"),
        (["validate", "--max-bytes", "1e3", "x.json"], "expected a size in bytes"),
        (["schema", "-o", ""], "schema: argument -o/--output: the name is empty"),
        (["export", ""], "export: the output name is empty"),
        (["--file", "", "list"], "argument -f/--file: the name is empty"),
        (["build", "x.toml", "-o", ""], "build: argument -o/--output: the name"),
        (["init", "x.txt", "-o", ""], "init: argument -o/--output: the name"),
    ],
)
def test_bad_arguments_are_usage_errors_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert message in err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("ma-proposals: ")


def test_nothing_found_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "zzzqqqxx")
    assert (status, out) == (1, "")
    assert err.startswith("no matches for 'zzzqqqxx'; try fewer or other words")
    assert "'ma-proposals list'" in err
    status, _, err = run(capsys, "list", "--text", "zzzqqqxx")
    assert status == 1
    assert "drop a filter" in err


def test_ctrl_c_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(mp.loading, "load", interrupted)
    try:
        outcome = run(capsys, "summary")
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped main() (a traceback on the terminal)")
    assert outcome == (130, "", "ma-proposals: interrupted\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_in_a_real_process(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    code = (
        "import sys, time, pathlib, signal\n"
        # As at a terminal, whatever this test runs under: a shell's background
        # job starts its children with SIGINT ignored, and Python keeps that.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from ma_proposals import cli, loading\n"
        "def slow(*args, **kwargs):\n"
        f"    pathlib.Path({str(ready)!r}).touch()\n"
        "    time.sleep(60)\n"
        "loading.load = slow\n"
        "sys.exit(cli.main(['summary']))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # never left running for the next tests
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert (out, err) == (b"", b"ma-proposals: interrupted\n")


# -- A closed pipe is not a success ----------------------------------------------------


class _ClosedPipe:
    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(INVALID / "five-faults.json")],
        ["validate", "--json", str(INVALID / "five-faults.json")],
        ["list"],
    ],
)
def test_a_closed_pipe_is_status_141(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(argv) == 141  # 128 + SIGPIPE, as documented


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_invalid_data_piped_into_head_does_not_exit_0(tmp_path: Path) -> None:
    path = many_faults(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "ma_proposals", "validate", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    with process.stdout, process.stderr:
        first = process.stdout.readline()  # as head -1 does, then it goes away
        process.stdout.close()
        err = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert first.startswith(str(path).encode())
    assert err == b""  # quietly


# -- JSON whatever the encoding; no raw controls ---------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["show", "1"],
        ["search", "fake"],
        ["list"],
        ["validate", "{bad}"],
    ],
)
def test_json_output_is_json_on_any_terminal(
    hostile: Path, encoding: str, argv: list[str]
) -> None:
    argv = [a.replace("{bad}", str(hostile.parent / "bad.json")) for a in argv]
    if argv[0] != "validate":
        argv = ["--file", str(hostile), *argv]
    result = command("--json", *argv, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == (1 if argv[0] == "validate" else 0), result.stderr
    data = json.loads(result.stdout.decode(encoding))
    assert not RAW.search(result.stdout.decode(encoding))
    reference = command("--json", *argv, env={"PYTHONIOENCODING": "utf-8"})
    assert data == json.loads(reference.stdout.decode("utf-8"))
    assert any(EVIL in text for text in strings(data))  # nothing lost


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["list"],
        ["show", "1", "--evidence"],
        ["search", "fake"],
        ["themes"],
        ["validate", "{bad}"],
    ],
)
def test_controls_from_the_data_are_escaped_on_the_terminal(
    hostile: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    argv = [a.replace("{bad}", str(hostile.parent / "bad.json")) for a in argv]
    if argv[0] != "validate":
        argv = ["--file", str(hostile), *argv]
    status, out, err = run(capsys, *argv)
    assert status == (1 if argv[0] == "validate" else 0), err
    assert not RAW.search(out), RAW.findall(out)
    assert not RAW.search(err)
    if argv[2:3] != ["themes"]:  # the themes are not hostile
        # Visible escapes (a CR that text wrapping makes a space is harmless);
        # search snippets put a backslash before brackets, the markers of a match.
        if argv[2:3] == ["search"]:
            assert "\\x1b\\[2J\\x1b\\]0;pwned\\x07" in out
        else:
            assert "\\x1b[2J\\x1b]0;pwned\\x07" in out
        assert "\\x9b31m\\u202etxt.exe" in out
        assert "é 马 😀" in out  # printable text is left as it is


def test_controls_in_arguments_are_escaped_in_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = str(tmp_path / "\x1b[31mred\x07.json")
    status, out, err = run(capsys, "--file", name, "summary")
    assert (status, out) == (1, "")
    assert not RAW.search(err)
    assert "\\x1b[31mred\\x07.json" in err


def _lines_of(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("control", ["\n", "\t", "\x0b", "\x0c", "\x1f"])
def test_a_line_feed_in_a_written_name_is_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, control: str
) -> None:
    target = tmp_path / f"odd{control}name.json"
    status, out, err = run(capsys, "export", "--format", "jsonl", str(target))
    assert (status, err) == (0, "")
    shown = control.encode("unicode_escape").decode("ascii")
    assert _lines_of(out) == [f"wrote {tmp_path}/odd{shown}name.json"]
    assert target.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_an_error_naming_a_file_with_a_line_feed_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "f\nx.json"
    os.mkfifo(fifo)
    status, out, err = run(capsys, "export", str(fifo))
    assert (status, out) == (1, "")
    (line,) = _lines_of(err)
    assert "f\\nx.json" in line
    status, out, err = run(capsys, "--file", str(tmp_path / "no\tsuch\n.json"))
    assert status == 1
    (line,) = _lines_of(err)
    assert "no\\tsuch\\n.json" in line
    status, out, err = run(capsys, "validate", str(tmp_path / "a\nb.json"))
    assert status == 1
    (line,) = _lines_of(err)
    assert "a\\nb.json" in line


def test_a_report_and_a_build_name_a_file_with_a_line_feed_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad\nset.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(bad))
    assert status == 1
    assert _lines_of(out)[0].startswith(f"{tmp_path}/bad\\nset.json: ")
    source = tmp_path / "a\tsource.txt"
    source.write_text("He proposed to plant trees.\n", encoding="utf-8")
    (tmp_path / "new\ndir").mkdir()
    authoring = tmp_path / "new\ndir" / "set.toml"
    status, out, err = run(capsys, "init", str(source), "-o", str(authoring))
    assert status == 0, err
    lines = _lines_of(out)
    assert lines[-1] == (
        f"next: edit {tmp_path}/new\\ndir/set.toml, then run: "
        f"ma-proposals build {tmp_path}/new\\ndir/set.toml"
    )
    assert all(line.startswith(("wrote ", "copied ", "next: ")) for line in lines)
    assert f"wrote {tmp_path}/new\\ndir/set.toml" in lines


def _shipped_copy(folder: Path) -> tuple[Path, Path]:
    """A copy of the packaged set and its source text: (document, text)."""
    (folder / "sources").mkdir()
    text = folder / "sources" / ARTICLE.name
    text.write_bytes(ARTICLE.read_bytes())
    document = folder / "set.json"
    document.write_bytes(PACKAGED.read_bytes())
    return document, text


@pytest.mark.parametrize("what", ["text", "document", "hard-link", "folder-link"])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "sqlite"])
def test_an_export_never_replaces_the_files_it_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, what: str, fmt: str
) -> None:
    """As a build never does: it overwrote the set's own source text."""
    document, text = _shipped_copy(tmp_path)
    target = {"text": text, "document": document}.get(what, tmp_path / "other.txt")
    if what == "hard-link":
        os.link(text, target)
    elif what == "folder-link":  # the text, by a name through a link to its folder
        (tmp_path / "linked").symlink_to(tmp_path / "sources")
        target = tmp_path / "linked" / text.name
    before = text.read_bytes(), document.read_bytes()
    status, out, err = run(
        capsys, "-f", str(document), "export", "--format", fmt, str(target)
    )
    assert (status, out) == (1, "")
    (line,) = err.splitlines()
    assert line.startswith(f"ma-proposals: cannot write {target}: it is ")
    assert "which this export reads" in line
    assert (text.read_bytes(), document.read_bytes()) == before
    extra = {"hard-link": ["other.txt"], "folder-link": ["linked"]}.get(what, [])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["set.json", "sources", *extra]
    )


def test_an_export_beside_the_files_it_reads_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document, text = _shipped_copy(tmp_path)
    before = text.read_bytes()
    link = tmp_path / "link.txt"
    link.symlink_to(text)  # a link at the target is replaced, never followed
    for target in (tmp_path / "copy.json", link):
        status, _, err = run(
            capsys, "-f", str(document), "export", "--format", "json", str(target)
        )
        assert (status, err) == (0, "")
    assert text.read_bytes() == before
    assert not link.is_symlink()
    copy = mp.load_path(tmp_path / "copy.json")
    assert copy.proposals == mp.load_path(document).proposals


@pytest.mark.parametrize(
    ("fmt", "document_name", "text_name"),
    [
        ("csv", "proposals.csv", "topics.csv"),
        ("datapackage", "datapackage.json", "sources.csv"),
        ("parquet", "proposals.parquet", "topics.parquet"),
        ("json", "set.json", "out.sources/text.txt"),
    ],
)
def test_an_export_never_writes_where_its_inputs_are(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    fmt: str,
    document_name: str,
    text_name: str,
) -> None:
    """A folder export's files (or the JSON export's texts) may bear the names
    of the set's own document and text: the export is refused, nothing moves."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    folder = tmp_path / ("out.sources" if fmt == "json" else "out")
    text = tmp_path / text_name if fmt == "json" else folder / text_name
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_bytes(ARTICLE.read_bytes())
    document = (tmp_path if fmt == "json" else folder) / document_name
    resource = text.relative_to(document.parent).as_posix()
    document.write_text(
        PACKAGED.read_text(encoding="utf-8").replace(
            f'"sources/{ARTICLE.name}"', f'"{resource}"'
        ),
        encoding="utf-8",
    )
    assert mp.validate(document).valid
    target = tmp_path / "out.json" if fmt == "json" else folder
    before = text.read_bytes(), document.read_bytes()
    status, out, err = run(
        capsys, "-f", str(document), "export", "--format", fmt, str(target)
    )
    assert (status, out) == (1, "")
    (line,) = err.splitlines()
    assert line.startswith(f"ma-proposals: cannot write {target}: the export ")
    assert "which it reads" in line
    assert (text.read_bytes(), document.read_bytes()) == before


def test_an_export_never_replaces_what_its_inputs_link_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The document read through a link, or a text reached through a link in
    its folder, is an input all the same (its real path)."""
    document, text = _shipped_copy(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(document.name)
    real = text.parent / "real.txt"
    text.rename(real)
    text.symlink_to(real.name)
    before = real.read_bytes(), document.read_bytes()
    for target in (document, real):
        status, out, err = run(
            capsys, "-f", str(link), "export", "--format", "jsonl", str(target)
        )
        assert (status, out) == (1, ""), target
        assert "which this export reads" in err
    assert (real.read_bytes(), document.read_bytes()) == before


def test_an_export_of_the_packaged_set_never_replaces_its_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = ARTICLE.read_bytes(), PACKAGED.read_bytes()
    for target in (ARTICLE, PACKAGED):
        status, out, err = run(capsys, "export", "--format", "jsonl", str(target))
        assert (status, out) == (1, ""), target
        assert "which this export reads" in err
    assert (ARTICLE.read_bytes(), PACKAGED.read_bytes()) == before


def test_a_build_never_replaces_a_text_it_reads_through_a_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    example = tmp_path / "ex"
    shutil.copytree(EXAMPLE, example)
    text = example / "sources" / "report.txt"
    json_file = example / f"{EXAMPLE.name}.json"
    json_file.unlink(missing_ok=True)
    text.rename(json_file)
    text.symlink_to(Path("..") / json_file.name)
    before = json_file.read_bytes()
    status, _, err = run(capsys, "build", str(example / f"{EXAMPLE.name}.toml"))
    assert status != 0
    assert err.count("\n") == 1
    assert "reads" in err
    assert json_file.read_bytes() == before
