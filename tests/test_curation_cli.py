"""Curation on the command line: ``ma-proposals build`` and ``ma-proposals init``.

Both write files the way every writer of the package does, and report every
user error on one line, without a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tomllib
from pathlib import Path

import pytest

import ma_proposals as mp
from ma_proposals import _writing, curation, schema
from ma_proposals.cli import main

from .curation_samples import AUTHORING, DATA, SOURCE, line_of

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


def test_cli_build_of_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(tmp_path / "x.toml")]) == 1
    assert "cannot read or write" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff[set]", "not-utf8"),
        (b"[set]\nx = " + b"[" * 5000 + b"]" * 5000, "too-deep"),
        (b"[set]\nx = " + b"[" * 450 + b"]" * 450, "unknown-key"),
        # Every private-use character of the BMP: positions use other planes.
        (
            "[set]\nid = '{}'\n".format(
                "".join(map(chr, range(0xE000, 0xF900)))
            ).encode(),
            "missing-key",
        ),
    ],
    ids=["not-utf8", "too-deep", "deep", "private-use"],
)
def test_cli_build_reports_what_it_cannot_read_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str
) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(content)
    assert main(["build", str(path)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"{path}: ")
    assert f"[{code}]" in out
    assert main(["build", str(path), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert code in {p["code"] for p in problems}
    if code == "missing-key":  # positions were found: every problem has a line
        assert all(p["line"] in (1, 2) for p in problems)


def test_cli_build_counts_the_problems_it_did_not_keep(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = '[[set.topics]]\nid = "T{}"\nlabel = "T"\ndescription = "T"\n'
    text = AUTHORING + "".join(topic.format(i) for i in range(1100))
    (folder / "zhang.toml").write_text(text, encoding="utf-8")
    assert main(["build", str(folder / "zhang.toml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{folder / 'zhang.toml'}: 2200 problems"
    assert out[-1] == "  ... and 1200 more (only the first 1000 were kept)"
    assert main(["build", str(folder / "zhang.toml"), "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert (len(found["problems"]), found["omitted"]) == (1000, 1200)


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
    assert json.loads(capsys.readouterr().out) == {"written": []}  # the same
    Path("report-2024.toml").write_text("edited", encoding="utf-8")
    assert main(["init", "Report 2024.txt", "--force", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"written": ["report-2024.toml"]}
    assert Path("report-2024.toml").read_text(encoding="utf-8") == text
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


@pytest.mark.parametrize("case", ["file-in-the-way", "read-only", "target-is-a-folder"])
def test_cli_init_reports_what_is_in_the_way(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("src.txt").write_text(SOURCE, encoding="utf-8")
    args = ["init", "src.txt"]
    if case == "file-in-the-way":
        # The source is outside the output folder: its copy would come first.
        Path("out").mkdir()
        Path("out", "schema").write_text("not a folder", encoding="utf-8")
        args += ["-o", str(Path("out", "x.toml"))]
        expected = (
            f"cannot write {Path('out', 'schema')}: it is a symbolic link or a file"
        )
    elif case == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder")
        Path("ro").mkdir()
        Path("ro").chmod(0o555)
        args += ["-o", str(Path("ro", "x.toml"))]
        # The source is outside the folder: its copy, in a new folder, is the
        # first file written, and that folder cannot be made.
        expected = f"cannot write {Path('ro', 'sources')}: Permission denied"
    else:
        Path("x.toml").mkdir()
        args += ["-o", "x.toml", "--force"]
        expected = "x.toml is a folder; give the name of a file"
    before = _tree(tmp_path)
    try:
        assert main(args) == 1
    finally:
        if case == "read-only":
            Path("ro").chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith(f"ma-proposals: {expected}")
    assert len(err.splitlines()) == 1  # one line, no traceback
    assert _tree(tmp_path) == before  # checked before anything is written


def _modes(*folders: Path) -> dict[str, int]:
    """The permissions of every file in ``folders``, by path."""
    return {
        p.as_posix(): stat.S_IMODE(p.stat().st_mode)
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_built_and_started_files_get_the_usual_permissions(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    old = os.umask(0o022)
    try:
        assert main(["build", "zhang.toml", "-o", "out", "--schemas"]) == 0
        assert main(["init", "--from", "out/zhang.json", "-o", "again/z.toml"]) == 0
        assert main(["schema", "-o", "schema.json"]) == 0
    finally:
        os.umask(old)
    modes = _modes(Path("out"), Path("again"))
    assert len(modes) == 7
    assert set(modes.values()) == {0o644}, modes
    assert stat.S_IMODE(Path("schema.json").stat().st_mode) == 0o644
    # A rebuilt file keeps its own permissions, neither narrowed nor widened.
    built = folder / "out" / "zhang.json"
    built.chmod(0o640)
    (folder / "zhang.toml").write_text(
        AUTHORING.replace('"Urban greening"', '"Greening"'), encoding="utf-8"
    )
    assert main(["build", "zhang.toml", "-o", "out"]) == 0
    assert "Greening" in built.read_text(encoding="utf-8")
    assert stat.S_IMODE(built.stat().st_mode) == 0o640


def test_a_link_in_place_of_an_output_is_replaced_not_followed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    elsewhere = folder / "elsewhere.json"
    elsewhere.write_text("keep me", encoding="utf-8")
    for link in (Path("zhang.json"), Path("schema.json")):
        link.symlink_to(elsewhere)
    assert main(["build", "zhang.toml"]) == 0
    assert main(["schema", "-o", "schema.json"]) == 0
    assert elsewhere.read_text(encoding="utf-8") == "keep me"
    for link in (Path("zhang.json"), Path("schema.json")):
        assert not link.is_symlink()
        assert json.loads(link.read_text(encoding="utf-8"))
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_a_link_at_an_output_is_never_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A link to the same bytes is replaced too, and a link to a FIFO is neither
    # opened (which would wait forever) nor an error.
    monkeypatch.chdir(folder)
    assert main(["build", "zhang.toml", "-o", "first"]) == 0
    same = folder / "first" / "zhang.json"
    Path("out").mkdir()
    Path("out", "zhang.json").symlink_to(same)
    os.mkfifo(folder / "fifo")
    Path("out", "sources").mkdir()
    Path("out", "sources", "report.txt").symlink_to(folder / "fifo")
    assert main(["build", "zhang.toml", "-o", "out"]) == 0
    for built in (Path("out", "zhang.json"), Path("out", "sources", "report.txt")):
        assert not built.is_symlink()
    assert Path("out", "zhang.json").read_bytes() == same.read_bytes()
    assert stat.S_ISFIFO((folder / "fifo").lstat().st_mode)


def test_the_json_is_written_after_its_texts(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk fills up while the text is written: the JSON is not written.
    written: list[str] = []
    real = _writing.write_bytes

    def full_disk(target: Path, data: bytes) -> Path:
        written.append(target.name)
        if target.suffix == ".txt":
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(target, data)

    monkeypatch.setattr(_writing, "write_bytes", full_disk)
    (folder / "out").mkdir()
    (folder / "out" / "zhang.json").write_text("the last build", encoding="utf-8")
    with pytest.raises(OSError, match="No space left"):
        curation.write(folder / "zhang.toml", output=folder / "out")
    assert written == ["report.txt"]
    assert (folder / "out" / "zhang.json").read_text(encoding="utf-8") == (
        "the last build"
    )
    monkeypatch.setattr(_writing, "write_bytes", real)
    written_now = curation.write(folder / "zhang.toml", output=folder / "out")
    assert [p.name for p in written_now.changed] == ["zhang.json", "report.txt"]


# -- What build and init refuse before writing anything ------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def test_build_never_writes_over_its_own_inputs(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder)
    # An authoring file named .json would be replaced by the set it builds.
    Path("zhang.toml").rename("zs.json")
    before = _tree(folder)
    assert main(["build", "zs.json"]) == 1
    assert "zs.json: it is zs.json, which this write reads" in capsys.readouterr().err
    assert _tree(folder) == before
    # A source text where a schema goes would be replaced by the schema.
    Path("zs.json").rename("zhang.toml")
    Path("schema").mkdir()
    Path("sources", "report.txt").rename(Path("schema", "proposal-set.schema.json"))
    text = Path("zhang.toml").read_text(encoding="utf-8")
    Path("zhang.toml").write_text(
        text.replace("sources/report.txt", "schema/proposal-set.schema.json"),
        encoding="utf-8",
    )
    before = _tree(folder)
    assert main(["build", "zhang.toml", "--schemas"]) == 1
    assert "which this write reads" in capsys.readouterr().err
    assert _tree(folder) == before


def test_build_in_place_never_writes_its_texts_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The text is a link (inside the folder): it stays one, and the build reads
    # through it every time.
    monkeypatch.chdir(folder)
    Path("texts").mkdir()
    Path("sources", "report.txt").rename(Path("texts", "report.txt"))
    Path("sources", "report.txt").symlink_to(Path("..", "texts", "report.txt"))
    written = curation.write(folder / "zhang.toml")
    assert [p.name for p in written.changed] == ["zhang.json"]
    assert Path("sources", "report.txt").is_symlink()
    assert curation.write(folder / "zhang.toml", check=True).changed == ()


def test_build_refuses_links_below_its_output_folder(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder)
    Path("out").mkdir()
    Path("victim").mkdir()
    Path("out", "sources").symlink_to(Path("..", "victim"))
    assert main(["build", "zhang.toml", "-o", "out", "--schemas"]) == 1
    err = capsys.readouterr().err
    assert (
        f"cannot read or write {Path('out', 'sources')}: it is a symbolic link" in err
    )
    assert list(Path("victim").iterdir()) == []
    assert [p.name for p in Path("out").iterdir()] == ["sources"]


def test_build_refuses_to_replace_another_text_with_its_copy(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder)
    Path("out", "sources").mkdir(parents=True)
    Path("out", "sources", "report.txt").write_text("another set's", encoding="utf-8")
    assert main(["build", "zhang.toml", "-o", "out"]) == 1
    assert "exists with other content" in capsys.readouterr().err
    assert Path("out", "sources", "report.txt").read_text(encoding="utf-8") == (
        "another set's"
    )
    assert not Path("out", "zhang.json").exists()


def test_the_stale_message_quotes_the_command_to_run(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder)
    assert main(["build", "zhang.toml", "-o", "my out; rm x", "--check"]) == 1
    err = capsys.readouterr().err
    assert "run: ma-proposals build zhang.toml --output 'my out; rm x'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--from", "ma-huateng-2020", "-o", "o/\udcff.toml"],
        ["init", "--from", "ma-huateng-2020", "-o", "a\x01b.toml"],
    ],
    ids=["undecodable", "control-character"],
)
def test_init_refuses_names_an_authoring_file_cannot_hold(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "must be UTF-8 without control characters" in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_init_copies_a_source_under_a_plain_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "My Note.t x"
    source.write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["init", str(source), "-o", str(Path("set", "note.toml"))]) == 0
    assert [p.name for p in Path("set", "sources").iterdir()] == ["my-note.txt"]
    assert 'resource = "sources/my-note.txt"' in Path("set", "note.toml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("name", ["n\udcfft.txt", "in\tbox.txt"])
def test_init_copies_a_source_whose_name_toml_cannot_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(SOURCE, encoding="utf-8")
    assert main(["init", name, "-o", "set.toml"]) == 0
    (copy,) = Path("sources").iterdir()
    assert copy.read_text(encoding="utf-8") == SOURCE
    text = Path("set.toml").read_text(encoding="utf-8")
    assert f'resource = "sources/{copy.name}"' in text
    assert copy.name.isascii()


def test_a_rebuild_after_a_source_is_edited_replaces_its_own_copy(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The copy in out/ is the one the earlier build's JSON records: the build's
    # own, stale after the edit, not another file to protect.
    monkeypatch.chdir(folder)
    assert main(["build", "zhang.toml", "-o", "out"]) == 0
    edited = Path("sources", "report.txt").read_text(encoding="utf-8") + "More.\n"
    Path("sources", "report.txt").write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "zhang.toml", "-o", "out", "--check"]) == 1
    err = capsys.readouterr().err
    assert (
        f"stale: {Path('out', 'zhang.json')}, {Path('out', 'sources', 'report.txt')}"
        in err
    )
    assert main(["build", "zhang.toml", "-o", "out"]) == 0
    assert Path("out", "sources", "report.txt").read_text(encoding="utf-8") == edited
    assert mp.load_path(Path("out", "zhang.json")).source_text("report") == edited


def test_a_linked_folder_is_refused_only_when_something_is_written_through_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder)
    assert main(["build", "zhang.toml", "--schemas", "-o", "shared"]) == 0
    assert main(["build", "zhang.toml"]) == 0
    Path("schema").symlink_to(Path("shared", "schema"))
    assert main(["build", "zhang.toml", "--schemas", "--check"]) == 0
    Path("shared", "schema", "authoring.schema.json").write_text("{}", encoding="utf-8")
    assert main(["build", "zhang.toml", "--schemas"]) == 1
    assert "schema: it is a symbolic link" in capsys.readouterr().err
    assert (
        Path("shared", "schema", "authoring.schema.json").read_text(encoding="utf-8")
        == "{}"
    )


def test_init_writes_into_a_folder_whose_name_toml_cannot_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--from", "ma-huateng-2020", "-o", "in\tbox/ma.toml"]) == 0
    assert curation.build(Path("in\tbox", "ma.toml")) == mp.load()
