"""Writing exports: contained, never replacing others' files, whole or nothing.

Each test here would fail on a writer that wrote outside its target, replaced a
file it did not create, left part of an export behind, renamed before flushing,
followed a link for permissions, or let a database error escape as a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import _writing as files
from ma_proposals import _writing as outputs
from ma_proposals import export
from ma_proposals.cli import main
from ma_proposals.export import _csv, _sqlite, _targets

S = mp.load()
SHIPPED = next(src for src in S.sources if src.resource)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def renamed_source(resource: str) -> mp.ProposalSet:
    """The packaged set with its shipped source at another ``resource``."""
    sources = tuple(
        attrs.evolve(src, resource=resource) if src.id == SHIPPED.id else src
        for src in S.sources
    )
    return attrs.evolve(S, sources=sources)


# -- Source texts stay in a folder of their own -------------------------------------


@pytest.mark.parametrize("resource", ["Makefile", "conftest.py", "sources/x.txt"])
def test_texts_never_land_at_their_resource_path(tmp_path: Path, resource: str) -> None:
    (tmp_path / resource).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / resource).write_text("precious\n")
    written = export.write_json(renamed_source(resource), tmp_path / "set.json")
    assert (tmp_path / resource).read_text() == "precious\n"
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "set.json",
        f"set.sources/{SHIPPED.id}.txt",
    ]
    assert mp.validate(written[0]).valid


def test_an_existing_different_text_is_an_error_not_an_overwrite(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "set.sources"
    folder.mkdir()
    (folder / f"{SHIPPED.id}.txt").write_text("someone else's file\n")
    before = tree(tmp_path)
    with pytest.raises(mp.ExportError, match="exists and is not this export's copy"):
        export.write_json(S, tmp_path / "set.json")
    assert tree(tmp_path) == before


def test_texts_join_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "set.sources"
    folder.mkdir()
    (folder / "README").write_text("notes\n")
    written = export.write_json(S, tmp_path / "set.json")
    assert written == [tmp_path / "set.json", folder / f"{SHIPPED.id}.txt"]
    assert (folder / "README").read_text() == "notes\n"
    assert mp.validate(tmp_path / "set.json").valid


@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_texts_folder_that_is_not_a_folder_is_refused(
    tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "set.sources"
    if kind == "file":
        folder.write_text("x")
    else:
        (tmp_path / "elsewhere").mkdir()
        folder.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(mp.ExportError, match="is in the way"):
        export.write_json(S, tmp_path / "set.json")
    assert not (tmp_path / "set.json").exists()


def test_an_identical_text_is_kept_and_not_reported(tmp_path: Path) -> None:
    first = export.write_json(S, tmp_path / "set.json")
    again = export.write_json(S, tmp_path / "set.json")
    assert len(first) == 2
    assert again == [tmp_path / "set.json"]
    assert mp.validate(tmp_path / "set.json").valid


@pytest.mark.parametrize("resource", ["../../x.txt", "/etc/passwd", "a/../../b"])
def test_resources_leaving_the_folder_are_refused_on_sets_built_in_code(
    tmp_path: Path, resource: str
) -> None:
    hostile = renamed_source(resource)
    (tmp_path / "out").mkdir()
    with pytest.raises(mp.ExportError, match="not a relative path"):
        export.write_json(hostile, tmp_path / "out" / "set.json")
    with pytest.raises(mp.ExportError, match="not a relative path"):
        export.write_json(hostile, tmp_path / "out" / "set.json", texts=False)
    assert tree(tmp_path) == {}
    # Reading through text_of refuses it too, even with nothing cached.
    unknown = attrs.evolve(
        hostile,
        sources=tuple(
            attrs.evolve(src, sha256="0" * 64) if src.id == SHIPPED.id else src
            for src in hostile.sources
        ),
    )
    with pytest.raises(mp.SourceTextError, match="not a relative path"):
        unknown.source_text(SHIPPED.id)


# -- Folders: whole or nothing ------------------------------------------------------


def test_a_folder_with_other_files_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "tables"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    for write in (export.write_csv, export.write_datapackage):
        with pytest.raises(mp.ExportError, match=r"holds files .* \(notes.txt\)"):
            write(S, target)
    assert tree(tmp_path) == {"tables/notes.txt": b"mine\n"}


def test_a_second_export_replaces_the_first_whole(tmp_path: Path) -> None:
    target = tmp_path / "tables"
    export.write_csv(S.filter(topic="fintech"), target)
    export.write_csv(S, target)
    proposals = (target / "proposals.csv").read_text("utf-8").splitlines()
    assert len(proposals) == 1 + len(S)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def fail_after(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, n: int) -> None:
    """Make ``module.name`` raise "disk full" on its call number ``n + 1``."""
    real = getattr(module, name)
    calls = 0

    def flaky(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls > n:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, flaky)


@pytest.mark.parametrize("exists", [False, True])
def test_a_failure_midway_leaves_the_old_folder_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    target = tmp_path / "deep" / "er" / "tables"
    if exists:
        export.write_csv(S.filter(topic="fintech"), target)
    before = tree(tmp_path)
    fail_after(monkeypatch, _csv, "write_new", 9)
    with pytest.raises(mp.ExportError, match="No space left on device") as caught:
        export.write_csv(S, target)
    assert str(target) in str(caught.value)
    assert tree(tmp_path) == before
    if not exists:  # the folders made on the way are gone too
        assert list(tmp_path.iterdir()) == []


def test_a_failed_json_export_removes_its_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def refuse(source: Any, target: Any) -> None:
        if Path(target).name == "set.json":
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(mp.ExportError, match="Permission denied"):
        export.write_json(S, tmp_path / "set.json")
    assert tree(tmp_path) == {}


def test_a_failed_sqlite_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p.db"
    target.write_text("old")
    fail_after(monkeypatch, _sqlite, "_create", 3)
    with pytest.raises(mp.ExportError, match="No space left"):
        export.write_sqlite(S, target)
    assert tree(tmp_path) == {"p.db": b"old"}


@pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="names open files through /proc"
)
def test_data_is_flushed_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: set[str] = set()
    real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename

    def fsync(descriptor: int) -> None:
        flushed.add(os.path.realpath(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    def checked(real: Any) -> Any:
        def move(source: Any, target: Any) -> None:
            source = os.path.realpath(source)
            if os.path.isfile(source):
                assert source in flushed, source
            else:
                for entry in os.scandir(source):
                    assert os.path.realpath(entry.path) in flushed, entry.path
            real(source, target)

        return move

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", checked(real_replace))
    monkeypatch.setattr(os, "rename", checked(real_rename))
    export.write_csv(S, tmp_path / "tables")
    export.write_sqlite(S, tmp_path / "p.db")
    export.write_json(S, tmp_path / "set.json")
    assert len(flushed) >= len(export.TABLE_NAMES) + 3


# -- Links are not followed for metadata --------------------------------------------


def test_a_link_to_dev_null_is_replaced_by_a_private_new_file(tmp_path: Path) -> None:
    link = tmp_path / "p.db"
    link.symlink_to(os.devnull)
    old_umask = os.umask(0o022)
    try:
        export.write_sqlite(S, link)
        export.write_jsonl(S, tmp_path / "p.db")
    finally:
        os.umask(old_umask)
    assert not link.is_symlink()
    assert stat.S_ISREG(link.lstat().st_mode)
    assert link.stat().st_mode & 0o777 == 0o644  # not /dev/null's 0o666
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_link_as_a_folder_target_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(mp.ExportError, match="symbolic link"):
        export.write_csv(S, tmp_path / "link")
    assert list(real.iterdir()) == []


def test_a_folder_is_not_a_file_target(tmp_path: Path) -> None:
    (tmp_path / "p.db").mkdir()
    with pytest.raises(mp.ExportError, match="it is a folder"):
        export.write_sqlite(S, tmp_path / "p.db")
    with pytest.raises(mp.ExportError, match="it is a folder"):
        export.write_json(S, tmp_path / "p.db")


# -- Database errors are package errors ---------------------------------------------


def test_rows_sharing_a_key_are_an_export_error(tmp_path: Path) -> None:
    p = S.proposals[0]
    doubled = attrs.evolve(p, recommendations=p.recommendations[:1] * 2)
    broken = attrs.evolve(S, proposals=(doubled, *S.proposals[1:]))
    with pytest.raises(mp.ExportError, match=r"'recommendations'.*same key") as info:
        export.write_sqlite(broken, tmp_path / "p.db")
    assert str(info.value).count("cannot write") == 1  # named once, not twice
    assert list(tmp_path.iterdir()) == []


def test_a_figure_beyond_64_bits_is_refused_not_rounded(tmp_path: Path) -> None:
    owner = next(p for p in S if p.statistics)
    big = attrs.evolve(owner.statistics[0], value=2**70)
    proposals = tuple(
        attrs.evolve(p, statistics=(big, *p.statistics[1:])) if p is owner else p
        for p in S
    )
    s = attrs.evolve(S, proposals=proposals)
    with pytest.raises(
        mp.ExportError, match=r"statistics\[0\]\.value: .*\[out-of-range\]"
    ):
        export.write_sqlite(s, tmp_path / "p.db")
    assert list(tmp_path.iterdir()) == []


def test_an_integer_beyond_64_bits_is_an_export_error(tmp_path: Path) -> None:
    p = S.proposals[0]
    big = attrs.evolve(p, number=2**70)
    broken = attrs.evolve(S, proposals=(big, *S.proposals[1:]))
    with pytest.raises(mp.ExportError, match=r"\$\.proposals\[0\]\.number: "):
        export.write_sqlite(broken, tmp_path / "p.db")
    pytest.importorskip("pyarrow")
    with pytest.raises(mp.ExportError):
        export.write_parquet(broken, tmp_path / "pq")
    assert list(tmp_path.iterdir()) == []


def test_a_lone_surrogate_is_an_export_error(tmp_path: Path) -> None:
    p = S.proposals[0]
    broken = attrs.evolve(
        S, proposals=(attrs.evolve(p, title="a\ud800b"), *S.proposals[1:])
    )
    for write in (export.write_csv, export.write_sqlite):
        with pytest.raises(mp.ExportError, match=r"surrogate|encod"):
            write(broken, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database or disk is full"),
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite3.IntegrityError("UNIQUE constraint failed: proposals.id"),
    ],
)
def test_the_command_line_reports_database_errors_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: Exception,
) -> None:
    def fail(db: Any, table: Any) -> None:
        raise error

    monkeypatch.setattr(_sqlite, "_create", fail)
    status = main(["export", str(tmp_path / "p.db")])
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err.startswith(f"ma-proposals: cannot write {tmp_path / 'p.db'}: ")
    assert len(err.splitlines()) == 1
    assert str(error).split(":")[0] in err
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Root ignores permissions, so refuse the temporary file's creation.
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    status = main(["export", str(tmp_path / "p.db")])
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"ma-proposals: cannot write {tmp_path / 'p.db'}: Permission denied\n"


def test_every_file_written_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--json", str(tmp_path / "set.json")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["written"] == [
        str(tmp_path / "set.json"),
        str(tmp_path / "set.sources" / f"{SHIPPED.id}.txt"),
    ]
    assert sorted(tree(tmp_path)) == ["set.json", f"set.sources/{SHIPPED.id}.txt"]
    assert main(["export", "--format", "datapackage", str(tmp_path / "pkg")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"wrote {tmp_path / 'pkg' / 'datapackage.json'}",
        *(f"wrote {tmp_path / 'pkg' / name}.csv" for name in export.TABLE_NAMES),
    ]


def test_nothing_is_left_behind_by_any_writer(tmp_path: Path) -> None:
    for name, format in export.FORMATS.items():
        if format.extra:
            pytest.importorskip("pyarrow")
        target = tmp_path / name / ("out" if format.directory else f"out.{name}")
        written = format.write(S, target)
        on_disk = {p for p in (tmp_path / name).rglob("*") if p.is_file()}
        assert on_disk == set(written), name
    assert not list(tmp_path.rglob(".*"))  # no temporary file or folder


def test_helpers_refuse_a_file_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(mp.ExportError, match="it is a file, not a folder"):
        _targets.write_directory(tmp_path / "f", lambda folder: [], set())


@pytest.mark.parametrize("sid", ["../../../../escaped", "a/b", "nul\x00", "Upper"])
def test_source_ids_that_cannot_name_a_file_are_refused(
    tmp_path: Path, sid: str
) -> None:
    # The text is written as <id>.txt beside the document: only a slug will do.
    hostile = attrs.evolve(
        S,
        sources=tuple(
            attrs.evolve(src, id=sid) if src.id == SHIPPED.id else src
            for src in S.sources
        ),
    )
    (tmp_path / "out" / "sub").mkdir(parents=True)
    with pytest.raises(mp.ExportError, match="not a lowercase slug"):
        export.write_json(hostile, tmp_path / "out" / "sub" / "set.json")
    assert tree(tmp_path) == {}


# -- The one file writer ------------------------------------------------------------


def test_a_failed_write_names_its_target_not_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")  # no file name

    monkeypatch.setattr(Path, "write_bytes", full)
    target = tmp_path / "out.json"
    with pytest.raises(OSError, match="No space left") as info:
        files.write_bytes(target, b"{}")
    assert info.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_keeps_its_mode_but_not_set_id_bits(tmp_path: Path) -> None:
    target = tmp_path / "tool"
    target.write_bytes(b"old")
    target.chmod(0o6755)
    files.write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_two_writes_to_one_place_or_over_an_input_are_refused(tmp_path: Path) -> None:
    (tmp_path / "in.toml").write_text("x", encoding="utf-8")
    inputs = [tmp_path / "in.toml"]
    twice = [(tmp_path / "a", b"1"), (tmp_path / "sub" / ".." / "a", b"2")]
    with pytest.raises(FileExistsError, match="two files of this write"):
        outputs.changes(tmp_path, twice)
    over = [(tmp_path / "b", b"1"), (tmp_path / "." / "in.toml", b"2")]
    with pytest.raises(FileExistsError, match="which this write reads") as info:
        outputs.changes(tmp_path, over, inputs=inputs)
    assert info.value.filename == str(tmp_path / "in.toml")
    assert tree(tmp_path) == {"in.toml": b"x"}
    fine = [(tmp_path / "b", b"1"), (tmp_path / "c", b"2")]
    assert outputs.changes(tmp_path, fine, inputs=inputs) == [p for p, _ in fine]


def test_a_link_or_a_file_where_a_folder_belongs_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "out"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "sources").symlink_to(tmp_path / "elsewhere")
    (root / "schema").write_text("a file", encoding="utf-8")
    for folder in ("sources", "schema"):
        with pytest.raises(NotADirectoryError) as info:
            outputs.changes(root, [(root / folder / "x.txt", b"x")])
        assert info.value.filename == str(root / folder)
    (root / "dir").mkdir()
    with pytest.raises(IsADirectoryError):
        outputs.changes(root, [(root / "dir", b"x")])
    # Nothing to write through the link: nothing refused.
    (tmp_path / "elsewhere" / "same.txt").write_bytes(b"same")
    assert outputs.changes(root, [(root / "sources" / "same.txt", b"same")]) == []
    new = root / "new" / "deeper" / "x.txt"
    assert outputs.changes(root, [(new, b"x")]) == [new]


def test_a_copy_over_another_file_is_refused_unless_it_is_its_own(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "sources" / "text.txt"
    copy.parent.mkdir()
    copy.write_bytes(b"an older copy")
    with pytest.raises(FileExistsError, match="other content"):
        outputs.changes(tmp_path, [(copy, b"new")], copies={copy})
    assert outputs.changes(tmp_path, [(copy, b"new")], copies={copy}, own={copy}) == [
        copy
    ]


def test_a_temporary_file_that_cannot_be_made_is_named_as_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)
    target = tmp_path / "out.json"
    with pytest.raises(PermissionError) as info:
        files.write_bytes(target, b"{}")
    assert info.value.filename == str(target)


@pytest.mark.parametrize("name", [".", "..", "sub/.."])
def test_an_unnamed_folder_is_not_an_export_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(mp.ExportError, match="name the folder to write"):
        export.write_csv(mp.load(), Path(name))
