"""Hostile documents whose checks must stay linear: glossary, shared texts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ma_proposals._source_texts import sha256

from .helpers import ARTICLE, ends_in_time

if TYPE_CHECKING:
    from pathlib import Path


def _sources_sharing_one_text(
    raw: dict[str, Any], folder: Path, count: int
) -> dict[str, Any]:
    (folder / "sources").mkdir()
    data = ARTICLE.read_bytes()
    (folder / "sources" / "a.txt").write_bytes(data)
    first = raw["sources"][0]
    (folder / first["resource"]).write_bytes(data)
    copy = first | {"notes": [], "resource": "sources/a.txt", "sha256": sha256(data)}
    raw["sources"] += [copy | {"id": f"copy-{i}"} for i in range(count)]
    return raw


def test_glossary_variants_are_looked_up_once_for_many_sources(
    raw: dict[str, Any], tmp_path: Path
) -> None:
    # 20,000 sources of one text and 20,000 missing variants: the lookup rebuilt
    # per text made 400 million checks (the old pass: about an hour).
    raw = _sources_sharing_one_text(raw, tmp_path, 20_000)
    term = raw["glossary"][0]
    raw["glossary"] += [
        term | {"canonical": f"term {i}", "variants": [f"nowhere {i}"]}
        for i in range(20_000)
    ]
    (tmp_path / "set.json").write_text(json.dumps(raw), encoding="utf-8")
    out = ends_in_time(
        "import collections, pathlib, ma_proposals as mp\n"
        "r = mp.validate(pathlib.Path('set.json'), max_problems=None, max_bytes=None)\n"
        "print(collections.Counter(p.code for p in r.problems))\n",
        cwd=tmp_path,
    )
    assert out.strip() == "Counter({'variant-not-found': 20000})"


def test_no_variant_is_found_across_two_texts() -> None:
    from ma_proposals._checks import _not_in_texts

    variants = ["c\x00d", "c\x00\x00d", "X\x00Y", "Ab", "E"]
    wanted = {v.casefold(): [(f"$.v{i}", v)] for i, v in enumerate(variants)}
    left = _not_in_texts(wanted, ["abc", "def", "x\x00y", "abc"])
    assert sorted(left) == ["c\x00\x00d", "c\x00d"]
