"""Where a full-validation load spends its time: stages and a profile.

Usage: ``python benchmarks/profile_load.py [N] [--top K] [--no-profile]``

Generates a synthetic set of ``N`` proposals (default 10000), then times, with
the garbage collector on and off, ``json.loads`` and the two stages of a load:
strict parsing (``_jsonparse.parse``) and the one pass that checks and
structures (``_checks.check_document``, the engine of ``_structure``), and
finally profiles one whole ``ma_proposals.loads`` with cProfile. The stage
functions are private: when they change, the stage table is skipped and only
the profile is printed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import statistics
import sys
import time
from typing import TYPE_CHECKING, Any

import synth

import ma_proposals as mp

if TYPE_CHECKING:
    from collections.abc import Callable


def _median(fn: Callable[[], Any], repeats: int, collector: bool) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        if not collector:
            gc.disable()
        try:
            started = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
        del result
    return statistics.median(times)


def _stages(s: synth.Synthetic, repeats: int) -> None:
    try:
        from ma_proposals import _checks, _jsonparse
        from ma_proposals._collector import Collector
    except ImportError as exc:
        print(f"stages skipped: {exc}")
        return
    root = _jsonparse.parse(s.document, None, Collector(None))

    def check() -> Any:
        run = Collector(None)
        result = _checks.check_document(root, s.texts, run)
        assert result is not None, run.problems[:3]
        return result

    rows: list[tuple[str, Callable[[], Any]]] = [
        ("json.loads (reference)", lambda: json.loads(s.document)),
        (
            "1. parse (strict: duplicate keys, NaN)",
            lambda: _jsonparse.parse(s.document, None, Collector(None)),
        ),
        ("2. check and structure (the engine)", check),
        (
            "ma_proposals.loads (all of it)",
            lambda: mp.loads(
                s.document, base=s.texts, max_bytes=None, max_total_text_bytes=None
            ),
        ),
    ]
    print(f"{'stage':<44} {'gc on':>9} {'gc off':>9}")
    for name, fn in rows:
        on = _median(fn, repeats, True)
        off = _median(fn, repeats, False)
        print(f"{name:<44} {on * 1e3:7.0f}ms {off * 1e3:7.0f}ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--top", type=int, default=25, help="profile rows to print")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    s = synth.generate(args.n)
    print(f"{args.n} proposals, {len(s.document):,} bytes of JSON")
    _stages(s, args.repeats)
    if not args.no_profile:
        gc.collect()
        profile = cProfile.Profile()
        profile.enable()
        mp.loads(s.document, base=s.texts, max_bytes=None, max_total_text_bytes=None)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
