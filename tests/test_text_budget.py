"""One budget for all the source texts of a document (issue 20, round two).

Each source text is bounded (``max_text_bytes``), and a file that several
sources name is read once; but a document naming many *different* large files
read and decoded every one of them. The texts of one document now share one
budget, ``max_total_text_bytes``: the source whose text crosses it is a
``too-large`` problem, in validation and in curation alike.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import ma_proposals as mp
from ma_proposals import _source_texts, curation, loading

from .helpers import ARTICLE, PACKAGED

#: The article's bytes: each copy below differs from it by a few line ends.
TEXT = ARTICLE.read_bytes()
SIZE = len(TEXT)
#: Room for two of the four texts, not for three.
BUDGET = 2 * SIZE + 1000


def _many_texts(folder: Path, copies: int = 3) -> dict[str, Any]:
    """The packaged document, with ``copies`` more sources, each its own file.

    Writes every text under ``folder`` (the article, then copies that differ
    from it), and returns the document.
    """
    raw: dict[str, Any] = json.loads(PACKAGED.read_bytes())
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    first = raw["sources"][0]
    folder.joinpath(*first["resource"].split("/")).write_bytes(TEXT)
    for k in range(1, copies + 1):
        data = TEXT + b"\n" * k
        source = copy.deepcopy(first)
        source.update(
            id=f"copy-{k}",
            resource=f"sources/copy-{k}.txt",
            sha256=_source_texts.sha256(data),
        )
        (folder / "sources" / f"copy-{k}.txt").write_bytes(data)
        raw["sources"].append(source)
    return raw


def _pairs(report: mp.Report) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in report.problems]


#: Where the copies go: after the packaged sources.
FIRST_COPY = len(json.loads(PACKAGED.read_bytes())["sources"])
#: The paths of the second and third copies, which find no room.
SECOND, THIRD = (f"$.sources[{FIRST_COPY + k}].resource" for k in (1, 2))


def test_the_default_budget_is_a_multiple_of_the_limit_on_one_text() -> None:
    assert loading.MAX_TOTAL_TEXT_BYTES == 256 * 1024 * 1024
    assert loading.MAX_TOTAL_TEXT_BYTES == 4 * loading.MAX_TEXT_BYTES


def test_the_source_that_crosses_the_budget_is_too_large(tmp_path: Path) -> None:
    raw = _many_texts(tmp_path)
    data = json.dumps(raw).encode()
    assert mp.validate(data, base=tmp_path).valid
    report = mp.validate(data, base=tmp_path, max_total_text_bytes=BUDGET)
    # The second copy crosses the budget, and the third finds no room either.
    assert _pairs(report) == [("too-large", SECOND), ("too-large", THIRD)]
    message = report.problems[0].message
    assert message == (
        f"'sources/copy-2.txt' would bring the source texts of this document "
        f"past the maximum of {BUDGET} bytes in all; pass a larger "
        "max_total_text_bytes to read it"
    )
    assert TEXT.decode()[:20] not in str(report.format())
    assert mp.validate(data, base=tmp_path, max_total_text_bytes=None).valid
    room = 4 * SIZE + 1 + 2 + 3
    assert mp.validate(data, base=tmp_path, max_total_text_bytes=room).valid
    assert not mp.validate(data, base=tmp_path, max_total_text_bytes=room - 1).valid


def test_the_budget_applies_to_every_way_of_reading(tmp_path: Path) -> None:
    raw = _many_texts(tmp_path)
    path = tmp_path / "set.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    texts = {
        f"sources/copy-{k}.txt": (tmp_path / "sources" / f"copy-{k}.txt").read_bytes()
        for k in (1, 2, 3)
    }
    texts[raw["sources"][0]["resource"]] = TEXT
    for document, base in ((path, None), (path.read_bytes(), texts), (raw, tmp_path)):
        report = mp.validate(document, base=base, max_total_text_bytes=BUDGET)
        assert _pairs(report)[0] == ("too-large", SECOND)
    with pytest.raises(mp.ValidationError, match="max_total_text_bytes"):
        mp.load_path(path, max_total_text_bytes=BUDGET)
    with pytest.raises(mp.ValidationError, match="max_total_text_bytes"):
        mp.loads(path.read_bytes(), base=texts, max_total_text_bytes=BUDGET)
    assert len(mp.load_path(path).sources) == FIRST_COPY + 3


def test_a_file_that_several_sources_name_counts_once(tmp_path: Path) -> None:
    raw = _many_texts(tmp_path, copies=1)
    for k in (2, 3, 4):  # three more names of the first copy
        source = copy.deepcopy(raw["sources"][-1])
        source["id"] = f"again-{k}"
        raw["sources"].append(source)
    report = mp.validate(raw, base=tmp_path, max_total_text_bytes=2 * SIZE + 1)
    assert report.valid, report.format()


def test_a_link_to_a_text_read_already_counts_once(tmp_path: Path) -> None:
    raw = _many_texts(tmp_path, copies=1)
    (tmp_path / "sources" / "link.txt").symlink_to("copy-1.txt")
    source = copy.deepcopy(raw["sources"][-1])
    source.update(id="link", resource="sources/link.txt")
    raw["sources"].append(source)
    report = mp.validate(raw, base=tmp_path, max_total_text_bytes=2 * SIZE + 1)
    assert report.valid, report.format()


def test_no_more_than_the_budget_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _many_texts(tmp_path)
    limits: list[int | None] = []
    real = _source_texts.read_resource

    def read(base: Any, resource: str, limit: int | None = None) -> bytes:
        limits.append(limit)
        return real(base, resource, limit)

    monkeypatch.setattr(_source_texts, "read_resource", read)
    mp.validate(raw, base=tmp_path, max_total_text_bytes=SIZE // 2)
    # The first text is read no further than the budget; the others, no
    # further than the largest text read (none).
    assert limits[0] == SIZE // 2
    assert all(limit is not None and limit <= SIZE // 2 for limit in limits)


def test_the_budget_in_an_authoring_file(tmp_path: Path) -> None:
    raw = _many_texts(tmp_path)
    text = curation.authoring_toml(mp.loads(json.dumps(raw), base=tmp_path))
    assert curation.read(text, base=tmp_path).report.valid
    report = curation.read(text, base=tmp_path, max_total_text_bytes=BUDGET).report
    assert [(p.code, p.path) for p in report.problems][:1] == [
        ("too-large", SECOND.replace("$", "$.set"))
    ]
    assert "max_total_text_bytes" in report.problems[0].message
    assert report.problems[0].line is not None
    with pytest.raises(mp.CurationError, match="too-large"):
        curation.build(text, base=tmp_path, max_total_text_bytes=BUDGET)
    built = curation.build(text, base=tmp_path, max_total_text_bytes=None)
    assert len(built.sources) == FIRST_COPY + 3


def test_the_budget_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ma_proposals.cli import main

    path = tmp_path / "set.json"
    path.write_text(json.dumps(_many_texts(tmp_path)), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    capsys.readouterr()
    assert main(["validate", str(path), "--max-total-text-bytes", str(BUDGET)]) == 1
    out = capsys.readouterr().out
    assert f"{SECOND}: 'sources/copy-2.txt' would bring" in out
    assert "[too-large]" in out
