"""Writers running at the same time: two builds into one new folder both succeed.

Two ``ma-proposals build`` of one authoring file into one new folder used to
fail now and then: each looked for the folders on the way, found them missing,
and the slower one's ``mkdir`` met the faster one's folder (``File exists``),
then removed the folders it thought it had made.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import ma_proposals as mp
from ma_proposals import _writing, curation

from .helpers import DATA

#: Rounds of two builds started together; each round writes a new folder.
ROUNDS = 20


def _other_writer_makes(monkeypatch: pytest.MonkeyPatch, made: set[Path]) -> None:
    """Another writer makes each folder of ``made`` just after it is looked for."""
    real = os.path.lexists
    pending = set(made)

    def lexists(path: str | os.PathLike[str]) -> bool:
        found = real(path)
        if not found and Path(path) in pending:
            pending.discard(Path(path))
            Path(path).mkdir(parents=True)  # made meanwhile, by someone else
        return found

    monkeypatch.setattr(os.path, "lexists", lexists)


def test_a_folder_made_meanwhile_by_another_writer_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _other_writer_makes(monkeypatch, {out, out / "sources"})
    target = _writing.write_bytes(out / "sources" / "a.txt", b"text")
    assert target.read_bytes() == b"text"


def test_a_failed_write_keeps_the_folders_another_writer_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _other_writer_makes(monkeypatch, {out})

    def fail(_: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        _writing.replace_file(out / "sources" / "a.txt", fail)
    # The folder is the other writer's, which may be writing into it: kept.
    # The one below it was this write's own: removed.
    assert out.is_dir()
    assert list(out.iterdir()) == []


_WORKER = textwrap.dedent(
    """
    import contextlib, io, json, os, sys, time, traceback
    from ma_proposals.cli import main
    from ma_proposals.curation import _build, _cli, _write  # imported before

    me, other, folder, authoring, rounds = sys.argv[1:6]
    results = []
    for i in range(int(rounds)):
        # A barrier: both processes are here before either builds.
        open(os.path.join(folder, f"ready-{me}-{i}"), "w").close()
        deadline = time.monotonic() + 60
        while not os.path.exists(os.path.join(folder, f"ready-{other}-{i}")):
            if time.monotonic() > deadline:
                sys.exit("the other process never came")
            time.sleep(0.0002)
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(["build", authoring, "-o",
                               os.path.join(folder, f"out-{i}")])
        except BaseException:
            status, err = -1, io.StringIO(traceback.format_exc())
        results.append([status, out.getvalue(), err.getvalue()])
    print(json.dumps(results))
    """
)


@pytest.fixture
def authoring(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sources").mkdir(parents=True)
    for source in mp.load().sources:
        if source.resource is not None:
            data = DATA.joinpath(*source.resource.split("/")).read_bytes()
            folder.joinpath(*source.resource.split("/")).write_bytes(data)
    path = folder / "ma.toml"
    path.write_text(curation.authoring_toml(mp.load(), name=path.name), "utf-8")
    return path


def test_two_builds_into_one_new_folder_both_succeed(
    tmp_path: Path, authoring: Path
) -> None:
    folder = tmp_path / "runs"
    folder.mkdir()
    argv = [str(folder), str(authoring), str(ROUNDS)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, me, other, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me, other in (("a", "b"), ("b", "a"))
    ]
    try:
        outcomes = [worker.communicate(timeout=600) for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
    for worker, (_, stderr) in zip(workers, outcomes, strict=True):
        assert worker.returncode == 0, stderr
    runs = [json.loads(stdout) for stdout, _ in outcomes]
    expected = mp.dumps(mp.load())
    for i in range(ROUNDS):
        for status, _, stderr in (runs[0][i], runs[1][i]):
            assert (status, stderr) == (0, ""), f"round {i}"
        out = folder / f"out-{i}"
        assert (out / "ma.json").read_text(encoding="utf-8") == expected
        names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
        texts = [s.resource for s in mp.load().sources if s.resource]
        assert names == sorted(["ma.json", "sources", *texts]), f"round {i}"
