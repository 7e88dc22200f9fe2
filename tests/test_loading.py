"""Loaders and canonical JSON: caching, immutability, round trips, bases."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import loading

from .helpers import ARTICLE, DATA, PACKAGED


def test_load_prints_seven() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ma_proposals as mp; print(len(mp.load().proposals))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == "7\n"


def test_available_names_the_packaged_sets() -> None:
    assert mp.available() == ("ma-huateng-2020",)


def test_load_is_cached() -> None:
    assert mp.load() is mp.load() is mp.load("ma-huateng-2020")


def test_load_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(
        mp.UnknownIdError, match="did you mean 'ma-huateng-2020'"
    ) as info:
        mp.load("ma-huateng-2021")
    assert isinstance(info.value, KeyError)


def test_concurrent_first_loads_share_one_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(loading, "_cache", {})
    results: list[mp.ProposalSet] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        results.append(mp.load())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    assert all(r is results[0] for r in results)


def test_loaded_set_is_immutable() -> None:
    s = mp.load()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.title = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.proposals[0].recommendations[0].text = "changed"  # type: ignore[misc]
    assert isinstance(s.proposals, tuple)
    assert isinstance(s.proposals[0].recommendations, tuple)
    with pytest.raises(AttributeError):
        s.extra = 1  # type: ignore[attr-defined]  # slotted: no new attributes


def test_dumps_is_byte_identical_to_the_packaged_file() -> None:
    assert mp.dumps(mp.load()).encode("utf-8") == PACKAGED.read_bytes()


def test_round_trip_through_loads() -> None:
    s = mp.load()
    again = mp.loads(mp.dumps(s))
    assert again == s
    assert again is not s
    assert mp.dumps(again) == mp.dumps(s)


def test_canonical_form() -> None:
    text = mp.dumps(mp.load())
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert "马化腾" in text  # not \\u-escaped
    assert text.splitlines()[1] == '  "schema_version": 1,'
    # Key order follows the model, not the alphabet.
    keys = list(json.loads(text))
    assert keys == [f.name for f in attrs.fields(mp.ProposalSet) if f.init]


def test_loads_accepts_str_and_bytes() -> None:
    text = PACKAGED.read_bytes().decode("utf-8")
    assert mp.loads(text) == mp.loads(text.encode("utf-8")) == mp.load()


def test_loads_accepts_a_byte_order_mark() -> None:
    assert mp.loads(b"\xef\xbb\xbf" + PACKAGED.read_bytes()) == mp.load()


def copy_set(folder: Path) -> Path:
    (folder / "sources").mkdir()
    (folder / "sources" / "21st-century-economic-report-2020.txt").write_bytes(
        ARTICLE.read_bytes()
    )
    target = folder / "mine.json"
    target.write_bytes(PACKAGED.read_bytes())
    return target


def test_load_path_resolves_sources_beside_the_file(tmp_path: Path) -> None:
    target = copy_set(tmp_path)
    assert mp.load_path(target) == mp.load()
    assert mp.load_path(str(target)) == mp.load()


def test_load_path_reports_a_missing_source_text(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_bytes(PACKAGED.read_bytes())
    with pytest.raises(mp.ValidationError) as info:
        mp.load_path(target)
    (problem,) = info.value.problems
    assert (problem.code, problem.path) == (
        "source-unreadable",
        "$.sources[0].resource",
    )
    assert str(target) in str(info.value)


def test_load_path_with_explicit_base(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_bytes(PACKAGED.read_bytes())
    assert mp.load_path(target, base=DATA) == mp.load()


def test_loads_with_a_mapping_base(raw: dict[str, Any]) -> None:
    base = {"sources/21st-century-economic-report-2020.txt": ARTICLE.read_bytes()}
    assert mp.loads(json.dumps(raw), base=base) == mp.load()
    with pytest.raises(mp.ValidationError, match="source-unreadable"):
        mp.loads(json.dumps(raw), base={})


def test_changed_source_text_fails_the_checksum(tmp_path: Path) -> None:
    target = copy_set(tmp_path)
    text = tmp_path / "sources" / "21st-century-economic-report-2020.txt"
    text.write_bytes(text.read_bytes().replace(b"Tencents", b"Tencent's"))
    with pytest.raises(mp.ValidationError) as info:
        mp.load_path(target)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("checksum-mismatch", "$.sources[0].sha256")
    ]


def test_max_bytes_refuses_large_documents(tmp_path: Path) -> None:
    data = PACKAGED.read_bytes()
    with pytest.raises(mp.ValidationError, match="too-large"):
        mp.loads(data, max_bytes=100)
    target = copy_set(tmp_path)
    with pytest.raises(mp.ValidationError, match="too-large"):
        mp.load_path(target, max_bytes=100)
    assert mp.load_path(target, max_bytes=None) == mp.load()


def test_load_path_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        mp.load_path(tmp_path / "nope.json")


def test_source_text_of_the_packaged_set() -> None:
    s = mp.load()
    text = s.source_text("21st-century-economic-report")
    assert text == ARTICLE.read_bytes().decode("utf-8")
    with pytest.raises(mp.SourceTextError, match="no shipped text"):
        s.source_text("financial-news")
    with pytest.raises(mp.SourceTextError, match="no source with id"):
        s.source_text("nope")


def test_source_text_of_an_unknown_text_is_explained() -> None:
    s = mp.load()
    src = attrs.evolve(s.sources[0], sha256="0" * 64)
    other = attrs.evolve(s, sources=(src, *s.sources[1:]))
    with pytest.raises(mp.SourceTextError, match="not available"):
        other.source_text(src.id)


def test_works_from_a_zip_file(tmp_path: Path) -> None:
    """importlib-resources reads the data inside a zip, as from a zipped wheel."""
    package = Path(mp.__file__).parent
    archive = tmp_path / "ma_proposals.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, Path("ma_proposals") / path.relative_to(package))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import ma_proposals as mp; "
        "assert '.zip' in mp.__file__, mp.__file__; s = mp.load(); "
        "print(len(s.proposals), mp.available(), len(s.source_text(s.sources[0].id)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(archive)],
        capture_output=True,
        text=True,
        check=True,
    )
    s = mp.load()
    expected = (
        f"{len(s.proposals)} {mp.available()} {len(s.source_text(s.sources[0].id))}"
    )
    assert out.stdout.strip() == expected


def test_reading_does_not_leave_the_gc_disabled(
    raw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    # Make every document "large", so that reading pauses the collector, and
    # see that it does, then that the collector runs again after a valid and
    # after an invalid document.
    monkeypatch.setattr(mp.loading, "_LARGE", 0)
    monkeypatch.setattr(mp.loading, "_MANY", 0)
    paused: list[bool] = []
    disable = gc.disable

    def spy() -> None:
        paused.append(True)
        disable()

    monkeypatch.setattr(gc, "disable", spy)
    assert gc.isenabled()
    mp.loads(json.dumps(raw))
    assert paused
    assert gc.isenabled()
    paused.clear()
    mp.validate(raw)
    assert paused
    assert gc.isenabled()
    raw["year"] = "x"
    with pytest.raises(mp.ValidationError):
        mp.loads(json.dumps(raw))
    assert gc.isenabled()


def test_package_is_typed() -> None:
    assert (Path(mp.__file__).parent / "py.typed").is_file()
