"""Hostile files: read regular files only, bounded, and never outside the folder.

A document or a source text may be a device that never ends (``/dev/zero``), a
FIFO that blocks until someone writes, a file that grows while it is read, or a
symbolic link to a file the user never meant to expose. Each is refused at once,
saying why, and a refused file is neither read nor described. The corpus
(``tests/data/invalid``, ``make`` in ``expected.toml``) has the same cases as
documents; these tests add the documents themselves, the bases other than a
folder, and the messages.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import ma_proposals as mp
from ma_proposals import _source_texts
from ma_proposals.cli import main

from .helpers import ARTICLE, PACKAGED, finishes

MINIMAL = Path(__file__).parent / "data" / "valid" / "minimal.json"
TEXT = MINIMAL.parent / "sources" / "minimal.txt"

posix = pytest.mark.skipif(
    sys.platform == "win32", reason="FIFOs, devices and links as POSIX has them"
)


def minimal_copy(folder: Path) -> Path:
    """The minimal valid set with its text in ``folder``; returns the document."""
    (folder / "sources").mkdir(parents=True)
    shutil.copyfile(MINIMAL, folder / "set.json")
    shutil.copyfile(TEXT, folder / "sources" / "minimal.txt")
    return folder / "set.json"


def pairs(report: mp.Report) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in report.problems]


# -- Documents ----------------------------------------------------------------------


@posix
def test_a_device_as_document_is_refused_at_once() -> None:
    # It reports a size of 0 and never ends: the limit must hold while reading.
    with pytest.raises(OSError, match="character device, not a regular file"):
        finishes(lambda: mp.validate(Path("/dev/zero"), max_bytes=1000), seconds=20)
    with pytest.raises(_source_texts.NotRegularFileError):
        finishes(lambda: mp.load_path("/dev/zero"), seconds=20)


@posix
def test_a_fifo_as_document_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "set.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match=r"a FIFO \(named pipe\), not a regular file"):
        finishes(lambda: mp.validate(fifo), [fifo], seconds=20)


def test_a_document_is_read_in_bounded_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows while it is read (its size said little) stops at the limit."""
    asked: list[int] = []

    def endless(n: int) -> bytes:
        asked.append(n)
        return b" " * n

    with pytest.raises(_source_texts.TooLargeError) as info:
        _source_texts._drain(endless, 10, 5000)
    assert sum(asked) == 5001  # one byte past the limit, no more
    assert (info.value.size, info.value.limit) == (None, 5000)
    assert str(info.value) == "larger than the maximum of 5000 bytes"
    chunks = iter([b"ab", b"c", b""])
    assert _source_texts._drain(lambda n: next(chunks), 2, None) == b"abc"


def test_a_too_large_document_is_a_problem_not_a_read(tmp_path: Path) -> None:
    path = minimal_copy(tmp_path)
    report = mp.validate(path, max_bytes=100)
    assert pairs(report) == [("too-large", "$")]
    size = path.stat().st_size
    assert report.problems[0].message == (
        f"file is {size} bytes, more than the maximum of 100; pass a larger "
        "max_bytes to read it"
    )


# -- Source texts -------------------------------------------------------------------


@posix
def test_a_link_outside_the_folder_is_refused_and_not_described(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"the password is hunter2\n")
    path = minimal_copy(tmp_path / "set")
    text = path.parent / "sources" / "minimal.txt"
    text.unlink()
    text.symlink_to(secret)
    report = mp.validate(path)
    assert pairs(report) == [("source-unreadable", "$.sources[0].resource")]
    message = report.format()
    # Nothing about the file: not its path, its checksum, its size or content.
    assert str(secret) not in message
    assert "secret" not in message
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in message
    assert "hunter2" not in message
    assert "leads outside the document's folder" in message


@posix
def test_a_folder_on_the_way_that_leaves_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copyfile(TEXT, outside / "minimal.txt")
    path = minimal_copy(tmp_path / "set")
    shutil.rmtree(path.parent / "sources")
    (path.parent / "sources").symlink_to(outside, target_is_directory=True)
    report = mp.validate(path)
    assert pairs(report) == [("source-unreadable", "$.sources[0].resource")]
    assert "leads outside the document's folder" in report.problems[0].message


@posix
def test_links_that_stay_inside_the_folder_are_followed(tmp_path: Path) -> None:
    path = minimal_copy(tmp_path)
    sources = path.parent / "sources"
    (sources / "minimal.txt").rename(path.parent / "kept.txt")
    (sources / "minimal.txt").symlink_to(Path("..") / "kept.txt")
    assert mp.validate(path).valid
    # The folder itself may be reached through a link.
    (tmp_path.parent / f"{tmp_path.name}-link").symlink_to(tmp_path)
    linked = tmp_path.parent / f"{tmp_path.name}-link" / "set.json"
    assert mp.load_path(linked) == mp.load_path(path)


@posix
def test_loads_with_a_folder_base_refuses_the_same(tmp_path: Path) -> None:
    path = minimal_copy(tmp_path)
    text = path.parent / "sources" / "minimal.txt"
    text.unlink()
    os.mkfifo(text)
    with pytest.raises(mp.ValidationError) as info:
        finishes(lambda: mp.loads(path.read_bytes(), base=tmp_path), [text])
    assert "a FIFO (named pipe), not a regular file" in str(info.value)


@pytest.mark.parametrize("kind", ["folder", "mapping"])
def test_a_source_text_larger_than_the_limit_is_too_large(
    tmp_path: Path, kind: str
) -> None:
    path = minimal_copy(tmp_path)
    size = TEXT.stat().st_size
    base: Any = (
        tmp_path if kind == "folder" else {"sources/minimal.txt": TEXT.read_bytes()}
    )
    report = mp.validate(path.read_bytes(), base=base, max_text_bytes=size - 1)
    assert pairs(report) == [("too-large", "$.sources[0].resource")]
    assert report.problems[0].message == (
        f"'sources/minimal.txt' is {size} bytes, more than the maximum of "
        f"{size - 1}; pass a larger max_text_bytes to read it"
    )
    assert mp.validate(path.read_bytes(), base=base, max_text_bytes=size).valid
    assert mp.validate(path.read_bytes(), base=base, max_text_bytes=None).valid
    with pytest.raises(mp.ValidationError, match="too-large"):
        mp.loads(path.read_bytes(), base=base, max_text_bytes=size - 1)
    with pytest.raises(mp.ValidationError, match="too-large"):
        mp.load_path(path, base=base, max_text_bytes=size - 1)


def test_the_limit_on_texts_applies_to_a_canonical_document() -> None:
    data = PACKAGED.read_bytes()
    size = len(ARTICLE.read_bytes())
    for limit, valid in ((size, True), (None, True), (size - 1, False)):
        assert mp.validate(data, max_text_bytes=limit).valid is valid, limit
    with pytest.raises(mp.ValidationError) as info:
        mp.loads(data, max_text_bytes=size - 1)
    assert [p.code for p in info.value.problems] == ["too-large"]


def test_a_zipped_base_is_bounded_too(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "texts.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("data/sources/minimal.txt", TEXT.read_bytes())
    base: Any = zipfile.Path(archive, "data/")  # a Traversable that is no path
    size = TEXT.stat().st_size
    assert (
        _source_texts.read_resource(base, "sources/minimal.txt", size)
        == TEXT.read_bytes()
    )
    with pytest.raises(_source_texts.TooLargeError):
        _source_texts.read_resource(base, "sources/minimal.txt", size - 1)
    with pytest.raises(OSError, match="No such file") as info:
        _source_texts.read_resource(base, "sources/nope.txt")
    assert str(archive) not in str(info.value)


def test_read_errors_give_the_reason_without_the_path(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"\ANo such file or directory\Z") as info:
        _source_texts.read_resource(tmp_path, "sources/nope.txt")
    assert info.value.errno == errno.ENOENT
    (tmp_path / "sources" / "nope.txt").mkdir(parents=True)
    with pytest.raises(_source_texts.NotRegularFileError, match="it is a folder"):
        _source_texts.read_resource(tmp_path, "sources/nope.txt")


def test_the_errors_of_reading_pickle() -> None:
    import pickle

    for error in (
        _source_texts.TooLargeError(10, 5),
        _source_texts.TooLargeError(None, 5),
        _source_texts.NotRegularFileError(22, "it is a FIFO"),
        _source_texts.OutsideFolderError(13, "it leads outside"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), str(copy)) == (type(error), str(error))


# -- The command line -------------------------------------------------------------


@posix
def test_the_cli_refuses_a_device_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = finishes(
        lambda: main(["validate", "--max-bytes", "1000", "/dev/zero"]), seconds=20
    )
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err == (
        "ma-proposals: cannot read /dev/zero: it is a character device, not a "
        "regular file; only regular files are read\n"
    )


def test_the_cli_limits_source_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = minimal_copy(tmp_path)
    assert main(["validate", "--max-text-bytes", "10", str(path)]) == 1
    assert "[too-large]" in capsys.readouterr().out
    assert main(["validate", "--max-text-bytes", "1000000", str(path)]) == 0


@posix
def test_a_link_swapped_in_after_resolving_is_not_followed(tmp_path: Path) -> None:
    """Opening follows no link: one put in place since the path was resolved."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.txt").write_bytes(b"x")
    (tmp_path / "sources").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "y.txt").symlink_to(tmp_path / "real" / "x.txt")
    root = os.path.realpath(tmp_path)
    fd = _source_texts._open_beneath(root, os.path.join(root, "real", "x.txt"))
    os.close(fd)
    for swapped in ("sources/x.txt", "real/y.txt"):  # a folder, a file
        with pytest.raises(OSError, match=r"symbolic links|Not a directory") as info:
            _source_texts._open_beneath(root, os.path.join(root, *swapped.split("/")))
        assert info.value.errno in (errno.ELOOP, errno.ENOTDIR), swapped
