"""Hostile inputs, doubled: the time of each check should about double too.

For each hostile input of issue 20 (round two), the script times the check at
a size and at twice that size, and prints the ratio of the times: about 2 for a
linear pass, about 4 for a quadratic one. It asserts nothing (the machines are
shared and noisy); a ratio above 3 is flagged.

    python benchmarks/hostile.py            # every case
    python benchmarks/hostile.py --only glossary,occurrences --scale 2
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ma_proposals as mp
from ma_proposals import curation
from ma_proposals._source_texts import sha256
from ma_proposals.curation import _passages

if TYPE_CHECKING:
    from collections.abc import Callable

PACKAGED = Path(mp.__file__).parent / "data" / "ma-huateng-2020.json"
SOURCE = "He proposed to plant more trees in cities and to water them.\n"
AUTHORING = """\
[curation]
default_source = "report"
repeated_quotes = "first"

[set]
schema_version = 1
id = "zhang-san-2024"
title = "Zhang San's suggestion"
year = 2024
declared_count = 1

[[set.sources]]
id = "report"
resource = "sources/report.txt"

[[set.sources]]
id = "big"
resource = "sources/big.txt"

[set.deputy]
id = "zhang-san"
name = "Zhang San"
evidence = ["He proposed"]

[set.meeting]
id = "two-sessions-2024"
name = "The 2024 two sessions"
year = 2024

[[set.proposals]]
id = "city-trees"
number = 1
title = "Planting more trees in cities"
title_kind = "descriptive"
kind = "suggestion"
summary = "Asks for more trees in cities."
evidence = [QUOTES]
"""


def constant(n: int, folder: Path) -> Callable[[], object]:
    """A string of n escaped quotes, -Infinity, then an unclosed one of n more."""
    text = '["' + '\\"' * n + '", -Infinity, "' + '\\"' * n
    return lambda: mp.validate(text, max_bytes=None)


def glossary(n: int, folder: Path) -> Callable[[], object]:
    """n sources sharing one text, and n glossary variants found nowhere."""
    raw: dict[str, Any] = json.loads(PACKAGED.read_bytes())
    article = (PACKAGED.parent / raw["sources"][0]["resource"]).read_bytes()
    (folder / "sources").mkdir(exist_ok=True)
    (folder / raw["sources"][0]["resource"]).write_bytes(article)
    (folder / "sources" / "a.txt").write_bytes(article)
    copy = raw["sources"][0] | {
        "notes": [],
        "resource": "sources/a.txt",
        "sha256": sha256(article),
    }
    raw["sources"] += [copy | {"id": f"copy-{i}"} for i in range(n)]
    term = raw["glossary"][0]
    raw["glossary"] += [
        term | {"canonical": f"term {i}", "variants": [f"nowhere {i}"]}
        for i in range(n)
    ]
    path = folder / f"set-{n}.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return lambda: mp.validate(path, max_bytes=None, max_problems=None)


def _authoring(folder: Path, big: str, quotes: list[str]) -> str:
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "report.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "sources" / "big.txt").write_text(big, encoding="utf-8")
    return AUTHORING.replace("QUOTES", ", ".join(quotes))


def occurrences(n: int, folder: Path) -> Callable[[], object]:
    """n quotes of "aa", the first wanted, over n * 4 KiB of "a"."""
    entry = '{ quote = "aa", source = "big" }'
    text = _authoring(folder, "a" * (n * 4096), [entry] * n)
    return lambda: curation.read(text, base=folder)


def alignment(n: int, folder: Path) -> Callable[[], object]:
    """A quote of n characters (399 words) over one-character tokens."""
    word = "w" * max(1, n // 400)
    quote = " ".join([word] * 399)
    text = ". " * n + word
    return lambda: _passages.closest(text, quote)


def closest(n: int, folder: Path) -> Callable[[], object]:
    """n quotes of 30 words found nowhere, over n * 2,400 characters of text.

    Each missing quote's closest passage is searched in the whole text, within
    a budget per build.
    """
    words = " ".join(f"w{i % 5000}" for i in range(n * 400)) + "\n"
    quote = " ".join(f"missing{j}" for j in range(30))
    quotes = [f'{{ quote = "{quote} {i}", source = "big" }}' for i in range(n)]
    text = _authoring(folder, words, quotes)
    return lambda: curation.read(text, base=folder)


def suggester(n: int, folder: Path) -> Callable[[], object]:
    """n quotes naming n unknown sources."""
    quotes = [f'{{ quote = "x", source = "nowhere-{i}" }}' for i in range(n)]
    text = _authoring(folder, "b", quotes)
    return lambda: curation.read(text, base=folder)


def dates(n: int, folder: Path) -> Callable[[], object]:
    """n TOML dates under a key of n characters that the model does not have."""
    key = "k" * n
    body = "\n".join(f"d{i} = 1979-05-27" for i in range(n // 100))
    text = _authoring(folder, "b", ['"He proposed"']) + f'\n[set."{key}"]\n{body}\n'
    return lambda: curation.read(text, base=folder)


def wrap(n: int, folder: Path) -> Callable[[], object]:
    """A Chinese character and n zero-width characters, wrapped for ``show``."""
    from ma_proposals.cli._common import wrap as fill

    text = "中" + "\u0301" * (n // 2) + "\u200b" * (n // 2)
    return lambda: fill(text, "  ")


CASES: dict[str, tuple[Callable[[int, Path], Callable[[], object]], int]] = {
    "constant": (constant, 1_000_000),
    "glossary": (glossary, 10_000),
    "occurrences": (occurrences, 1_000),
    "alignment": (alignment, 100_000),
    "closest": (closest, 200),
    "suggester": (suggester, 5_000),
    "dates": (dates, 100_000),
    "wrap": (wrap, 200_000),
}


def best_of(call: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times) if repeats < 3 else statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated cases: " + ", ".join(CASES))
    parser.add_argument("--scale", type=float, default=1.0, help="size factor")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(CASES)
    print(f"{'case':<12} {'n':>10} {'t(n)':>10} {'t(2n)':>10} {'ratio':>6}")
    flagged = 0
    for name in names:
        make, size = CASES[name]
        n = max(1, int(size * args.scale))
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
            small = best_of(make(n, Path(one)), args.repeats)
            large = best_of(make(2 * n, Path(two)), args.repeats)
        ratio = large / small if small else float("nan")
        flag = "  <- above 3: not linear?" if ratio > 3 else ""
        flagged += ratio > 3
        print(f"{name:<12} {n:>10,} {small:>9.3f}s {large:>9.3f}s {ratio:>6.2f}{flag}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
