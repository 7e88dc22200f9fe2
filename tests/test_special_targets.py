"""Writers never replace a FIFO, a device or a socket at their target.

Run as root, ``ma-proposals export --format sqlite /dev/null`` used to rename a
regular file over ``/dev/null``. Every writer (exports, ``schema -o``,
``build -o``) now refuses a target that exists and is neither a regular file
nor a symbolic link, in one line that names it, and leaves it as it was. A FIFO
made here stands for every special file: the tests never touch ``/dev``.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

import ma_proposals as mp
from ma_proposals import _writing as files
from ma_proposals import _writing as outputs
from ma_proposals import export
from ma_proposals.cli import main

from .curation_samples import AUTHORING, SOURCE

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="needs FIFOs"
)


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def still_a_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def only(folder: Path) -> list[str]:
    """What is in ``folder`` (hidden temporary files too)."""
    return sorted(p.name for p in folder.iterdir())


def one_line_naming(err: str, target: Path) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("ma-proposals: "), err
    assert str(target) in err, err
    assert "it is a FIFO (named pipe), not a regular file" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["sqlite", "json", "jsonl", "csv", "datapackage"])
def test_export_refuses_a_fifo_at_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    target = fifo(tmp_path / "out")
    argv = ["export", "--format", name, str(target)]
    if name == "csv":
        argv += ["--table", "topics"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert still_a_fifo(target)
    assert only(tmp_path) == ["out"]
    if name == "datapackage":  # a folder format: the target is not a folder
        reason = "it is a FIFO (named pipe), not a folder"
        assert err == f"ma-proposals: cannot write {target}: {reason}\n"
    else:
        one_line_naming(err, target)


def test_schema_refuses_a_fifo_at_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = fifo(tmp_path / "schema.json")
    assert main(["schema", "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    one_line_naming(err, target)
    assert still_a_fifo(target)
    assert only(tmp_path) == ["schema.json"]


def test_build_refuses_a_fifo_at_its_target_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "z.toml").write_text(AUTHORING, encoding="utf-8")
    target = fifo(tmp_path / "out" / "z.json")
    assert main(["build", str(tmp_path / "z.toml"), "-o", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    one_line_naming(err, target)
    assert still_a_fifo(target)
    # Checked before anything is written: no copy of the source text either.
    assert only(tmp_path / "out") == ["z.json"]


def test_the_one_writer_refuses_special_files_and_replaces_links(
    tmp_path: Path,
) -> None:
    target = fifo(tmp_path / "f")
    with pytest.raises(OSError, match="FIFO") as caught:
        files.write_bytes(target, b"data")
    assert caught.value.filename == str(target)
    assert still_a_fifo(target)
    with pytest.raises(OSError, match="FIFO"):
        outputs.changes(tmp_path, [(target, b"data")])
    with pytest.raises(mp.ExportError, match="FIFO"):
        export.write_json(mp.load(), target, texts=False)
    assert only(tmp_path) == ["f"]
    # A link to the FIFO is replaced, never followed: the FIFO stays.
    link = tmp_path / "link"
    link.symlink_to(target)
    files.write_bytes(link, b"data")
    assert not link.is_symlink()
    assert link.read_bytes() == b"data"
    assert still_a_fifo(target)
