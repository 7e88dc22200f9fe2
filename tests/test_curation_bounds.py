"""Hostile authoring files whose build must stay bounded in time and memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import ma_proposals as mp
from ma_proposals import _texts, curation

from .curation_samples import AUTHORING, SOURCE

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = _texts.read_resource

    def counting(
        base: _texts.TextBase, resource: str, limit: int | None = None
    ) -> bytes:
        read.append(resource)
        return real(base, resource, limit)

    monkeypatch.setattr(_texts, "read_resource", counting)
    return read


def _many_sources(count: int) -> str:
    return AUTHORING + "".join(
        f'\n[[set.sources]]\nid = "copy-{i}"\nresource = "sources/report.txt"\n'
        for i in range(count)
    )


def test_sources_naming_one_file_share_one_reading(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _reads(monkeypatch)
    built = curation.read(_many_sources(80), base=folder)
    assert built.report.valid, built.report.problems[:3]
    assert read == ["sources/report.txt"]
    assert built.proposal_set is not None
    texts = {id(built.proposal_set.source_text(f"copy-{i}")) for i in range(80)}
    assert len(texts) == 1


def test_validating_sources_that_name_one_file_reads_it_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = curation.build(_many_sources(80), base=folder)
    (folder / "set.json").write_text(mp.dumps(built), encoding="utf-8")
    read = _reads(monkeypatch)
    assert mp.validate(folder / "set.json").valid
    assert read == ["sources/report.txt"]
