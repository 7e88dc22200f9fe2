"""The ma_proposals benchmark suite: medians, ratios and the budgets they must meet.

Usage::

    python benchmarks/run.py            # the full run (1k, 10k and 100k proposals)
    python benchmarks/run.py --quick    # every benchmark on small sizes (CI)
    python benchmarks/run.py --only load,query --sizes 1000,10000
    python benchmarks/run.py --json results.json

Every figure is compared with a reference measured side by side in the same
run (alternating rounds, medians), because the machines are shared and noisy:
absolute times mean little, ratios are what the budgets constrain.

- **cold**: ``import ma_proposals; ma_proposals.load()`` in fresh processes
  against the floor ``import attrs, cattrs, importlib_resources`` (budget: at
  most 1.25x), and ``python -X importtime`` contributors.
- **load**: ``ma_proposals.loads(bytes, base=texts)`` (parse, validate, check
  evidence against the source texts, structure) of synthetic sets made by
  ``synth.py`` against stdlib ``json.loads`` of the same bytes (budget: at most
  3x up to 10k proposals; reported beyond), orjson, and pydantic v2 / msgspec
  models of the same shape (which check shape only, not evidence; budget: faster
  than pydantic at every size). An invalid document, the same one with a fault
  in every proposal (``faults.faulty``), must cost at most 2x the valid one to
  ``validate()``. Cost per proposal at the largest size must stay within 1.3x of
  that at the smallest (linear).
- **query**: ``filter(topic=...)`` and ``filter(theme=...)`` against a linear
  scan once their indexes are built (budget: at least 100x faster), the index
  build times, and full-text search: index build and per-query medians
  (budget: every query under 100 ms).
- **memory**: what a loaded set holds per proposal (tracemalloc, fresh
  process), against msgspec structs of the same shape.

Peers (orjson, pydantic, msgspec) come from the ``bench`` extra; rows of a
missing peer are skipped, saying so. ``--quick`` asserts nothing about speed;
it proves that the script still works. The exit status is 0 even when a budget
is missed (the table says so); it is 1 only when a benchmark fails to run.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import faults
import peers
import synth
from cold import bench_cold, python
from measure import Results, alternate, count_text, per_call, size_text, verdict

import ma_proposals as mp

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

HERE = Path(__file__).resolve().parent
SECTIONS = ("cold", "load", "query", "memory")
#: Up to this size, a load must cost at most JSON_BUDGET times json.loads;
#: beyond it, the ratio is reported (json.loads slows down with the collector
#: on, the library pauses it).
JSON_BUDGET_UP_TO = 10_000
#: The most a load may cost, as a multiple of json.loads of the same bytes.
JSON_BUDGET = 3.0


# -- Warm load ----------------------------------------------------------------


@dataclass
class Loaded:
    """What the load benchmark leaves for the query and memory benchmarks."""

    synthetic: synth.Synthetic
    per_proposal: dict[str, float]


def _mp_loads(s: synth.Synthetic) -> Callable[[], object]:
    return functools.partial(
        mp.loads, s.document, base=s.texts, max_bytes=None, max_total_text_bytes=None
    )


def bench_load(
    out: Results, sizes: Sequence[int], seed: int, repeats: int | None
) -> Loaded | None:
    loaders: dict[str, peers.Loader | None] = {
        "orjson.loads (dicts only)": peers.orjson_loads(),
        "pydantic v2 model_validate_json (shape only)": peers.pydantic_loader(),
        "msgspec.json.decode Struct (shape only)": peers.msgspec_loader(),
    }
    for name, loader in loaders.items():
        if loader is None:
            package = name.split()[0].split(".")[0]
            out.note(
                f"{package} is not installed (pip install -e '.[bench]'): "
                "its rows are skipped"
            )
    last: Loaded | None = None
    per: dict[int, dict[str, float]] = {}
    for n in sizes:
        out.section(f"Warm load, {count_text(n)} proposals")
        started = time.perf_counter()
        s = synth.generate(n, seed)
        generated = time.perf_counter() - started
        text_size = sum(len(t) for t in s.texts.values())
        out.row(
            f"generate (seed {seed}): {size_text(len(s.document))} JSON, "
            f"{len(s.texts)} texts",
            generated,
            ratio=f"{size_text(len(s.document) / n)} JSON + "
            f"{size_text(text_size / n)} text per proposal",
        )
        started = time.perf_counter()
        report = mp.validate(
            s.document, base=s.texts, max_bytes=None, max_total_text_bytes=None
        )
        if not report.valid:
            raise SystemExit(f"generated document is invalid:\n{report.format(10)}")
        out.row("validate(): valid (untimed warm-up)", time.perf_counter() - started)
        if n == min(sizes) and n <= 2000:
            synth.check_canonical(s)
        contenders: dict[str, Callable[[], object]] = {
            "json.loads (stdlib, dicts only)": functools.partial(
                json.loads, s.document
            ),
            "ma_proposals.loads (full validation)": _mp_loads(s),
        }
        for name, loader in loaders.items():
            if loader is not None:
                contenders[name] = functools.partial(loader, s.document)
        rounds = repeats or max(3, min(11, 200_000 // n))
        times = alternate(contenders, rounds)
        reference = times["json.loads (stdlib, dicts only)"]
        for name, seconds in times.items():
            out.row(
                name, seconds, per=seconds / n, ratio=f"{seconds / reference:.2f}x json"
            )
        for name in loaders:
            if name not in times:
                out.row(name, text="skipped")
        out.row(f"  (median of {rounds} alternating rounds)", text="")
        mine = times["ma_proposals.loads (full validation)"]
        ratio = mine / reference
        if n <= JSON_BUDGET_UP_TO:
            out.budget(
                f"load {count_text(n)} vs json.loads",
                ratio,
                f"<= {JSON_BUDGET:g}x",
                ratio <= JSON_BUDGET,
                "budget",
            )
        else:
            out.budget(
                f"load {count_text(n)} vs json.loads", ratio, "none", True, "info"
            )
        pyd = times.get("pydantic v2 model_validate_json (shape only)")
        out.budget(
            f"load {count_text(n)} vs pydantic",
            None if pyd is None else mine / pyd,
            "< 1x",
            None if pyd is None else mine < pyd,
            "budget",
        )
        bench_invalid(out, s, rounds)
        per[n] = {name: seconds / n for name, seconds in times.items()}
        last = Loaded(s, per[n])
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        out.section(
            f"Linearity: cost per proposal, {count_text(large)} vs {count_text(small)}"
        )
        for name in per[large]:
            growth = per[large][name] / per[small][name]
            out.row(
                name, per[large][name], per=per[small][name], ratio=f"{growth:.2f}x"
            )
        key = "ma_proposals.loads (full validation)"
        growth = per[large][key] / per[small][key]
        out.budget(
            "per-proposal load cost growth", growth, "<= 1.3x", growth <= 1.3, "budget"
        )
    return last


def bench_invalid(out: Results, s: synth.Synthetic, rounds: int) -> None:
    """An invalid document must cost about what a valid one of its size does."""
    n = s.n
    bad, expected = faults.faulty(s)
    report = mp.validate(bad, base=s.texts, max_bytes=None, max_total_text_bytes=None)
    if report.count != expected:
        raise SystemExit(
            f"the faulty document has {report.count} problems, not {expected}:\n"
            + report.format(10)
        )
    times = alternate(
        {
            "valid": functools.partial(
                mp.validate,
                s.document,
                base=s.texts,
                max_bytes=None,
                max_total_text_bytes=None,
            ),
            "invalid": functools.partial(
                mp.validate,
                bad,
                base=s.texts,
                max_bytes=None,
                max_total_text_bytes=None,
            ),
        },
        rounds,
    )
    kinds = len(faults.FAULTS)
    out.row(
        f"validate(): valid, {count_text(n)} proposals",
        times["valid"],
        per=times["valid"] / n,
    )
    out.row(
        f"validate(): a fault in every proposal ({kinds} kinds)",
        times["invalid"],
        per=times["invalid"] / n,
        ratio=f"{times['invalid'] / times['valid']:.2f}x valid; {report.count} "
        f"problems, {len(report.problems)} kept",
    )
    ratio = times["invalid"] / times["valid"]
    out.budget(
        f"invalid {count_text(n)} vs valid", ratio, "<= 2x", ratio <= 2, "budget"
    )


# -- Queries ------------------------------------------------------------------


def bench_query(out: Results, s: synth.Synthetic, quick: bool) -> None:
    n = s.n
    out.section(f"Queries, {count_text(n)} proposals")
    pset = mp.loads(s.document, base=s.texts, max_bytes=None, max_total_text_bytes=None)
    min_time = 0.02 if quick else 0.2
    topic, theme = s.topics[0], s.themes[0]  # the most used: the largest results

    def topic_scan() -> list[mp.Proposal]:
        return [p for p in pset.proposals if p.topic == topic]

    def theme_scan() -> list[mp.Proposal]:
        return [p for p in pset.proposals if theme in p.themes]

    for kind, value, scan in (
        ("topic", topic, topic_scan),
        ("theme", theme, theme_scan),
    ):
        builds = []
        for _ in range(3):
            fresh = attrs.evolve(pset)  # the same proposals, no index yet
            started = time.perf_counter()
            fresh.filter(**{kind: value})
            builds.append(time.perf_counter() - started)
        found = pset.filter(**{kind: value})
        if list(found.proposals) != scan():
            raise SystemExit(f"filter({kind}=...) disagrees with a linear scan")
        indexed = per_call(functools.partial(pset.filter, **{kind: value}), min_time)
        linear = per_call(scan, min_time)
        out.row(
            f"filter({kind}=...) first call (builds the index)",
            statistics.median(builds),
        )
        out.row(
            f"filter({kind}=...) once built ({len(found)} hits)",
            indexed,
            ratio=f"{linear / indexed:.0f}x faster than the scan",
        )
        out.row(
            f"linear scan [p for p in s.proposals if ...{kind}...]",
            linear,
            per=linear / n,
        )
        out.budget(
            f"filter by {kind} vs linear scan",
            linear / indexed,
            ">= 100x",
            linear / indexed >= 100,
            "budget",
        )

    fresh = attrs.evolve(pset)
    started = time.perf_counter()
    fresh.search(s.words[60])
    built = time.perf_counter() - started
    out.row("search() first call (builds the FTS5 index)", built, per=built / n)
    del fresh
    gc.collect()
    sample = pset.proposals[n // 2].recommendations[0].text.split()
    queries = [
        "digital",  # among the most frequent words
        s.words[150],  # mid frequency
        s.words[3000],  # rare
        f'"{sample[1]} {sample[2]}"',  # a phrase
        f"{s.words[200][:4]}*",  # a prefix
        f"{s.words[40]} AND {s.words[300]}",
        "Greater Bay Area",  # expanded to its glossary variants
    ]
    pset.search(queries[0])  # build
    worst = 0.0
    medians = []
    for query in queries:
        hits = len(pset.search(query, limit=None))
        times = []
        for _ in range(3 if quick else 7):
            started = time.perf_counter()
            pset.search(query)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        medians.append(median)
        worst = max(worst, median)
        out.row(f"search({query!r}, limit=10): {hits} matches", median)
    out.row("search: median over the queries", statistics.median(medians))
    out.budget(
        "slowest search query vs 100 ms",
        worst / 0.1,
        "< 1x (100 ms)",
        worst < 0.1,
        "budget",
    )


# -- Memory -------------------------------------------------------------------


def bench_memory(out: Results, s: synth.Synthetic) -> None:
    n = s.n
    out.section(f"Memory, {count_text(n)} proposals (tracemalloc, fresh process each)")
    folder = Path(tempfile.mkdtemp(prefix="ma-proposals-bench-"))
    try:
        (folder / "sources").mkdir()
        (folder / "set.json").write_bytes(s.document)
        for resource, data in s.texts.items():
            (folder / resource).write_bytes(data)
        results: dict[str, dict[str, Any]] = {}
        for kind in ("ma_proposals", "msgspec", "pydantic", "json"):
            done = python(
                str(HERE / "memprobe.py"), str(folder), kind, capture=True
            ).stdout
            results[kind] = json.loads(done.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder)
    msgspec = results["msgspec"]
    for kind, result in results.items():
        if result.get("missing"):
            out.row(f"{kind}: retained", text="skipped")
            continue
        ratio = ""
        if not msgspec.get("missing"):
            ratio = f"{result['retained'] / msgspec['retained']:.2f}x msgspec"
        label = {"json": "json.loads (dicts)"}.get(kind, kind)
        out.row(
            f"{label}: retained while held",
            text=size_text(result["retained"]),
            ratio=f"{size_text(result['retained'] / n)} per proposal; {ratio}",
        )
        out.row(
            f"{label}: peak during the load",
            text=size_text(result["peak"]),
            ratio=f"{size_text(result['peak'] / n)} per proposal",
        )
    mine = results["ma_proposals"]
    if mine["texts"]:
        held = mine["retained"] - mine["texts"]
        ratio = (
            ""
            if msgspec.get("missing")
            else f"{held / msgspec['retained']:.2f}x msgspec"
        )
        out.row(
            "ma_proposals without the cached source texts",
            text=size_text(held),
            ratio=f"{size_text(held / n)} per proposal; {ratio}",
        )
        out.note(
            "ma_proposals keeps every verified source text "
            f"({size_text(mine['texts'])} here) in a module-level cache, for "
            "evidence in context"
        )
    if not msgspec.get("missing"):
        out.budget(
            "retained memory vs msgspec",
            mine["retained"] / msgspec["retained"],
            "none",
            True,
            "info",
        )


# -- Main ---------------------------------------------------------------------


def _versions() -> str:
    names = ("ma-proposals", "attrs", "cattrs", "orjson", "pydantic", "msgspec")
    found = []
    for name in names:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmarks of ma_proposals: medians, ratios and budgets."
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes: prove the script works"
    )
    parser.add_argument(
        "--sizes", help="comma-separated set sizes (default 1000,10000,100000)"
    )
    parser.add_argument("--repeats", type=int, help="rounds per load benchmark")
    parser.add_argument("--only", help=f"comma-separated sections of {SECTIONS}")
    parser.add_argument("--seed", type=int, default=2020, help="generator seed")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    sizes = (
        [int(x) for x in args.sizes.split(",")]
        if args.sizes
        else [100, 1000]
        if args.quick
        else [1000, 10_000, 100_000]
    )
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {SECTIONS}")

    started = time.perf_counter()
    quick = " (quick: timings prove nothing)" if args.quick else ""
    print(f"ma_proposals benchmarks{quick}")
    print(
        f"  Python {platform.python_version()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    print(f"  {_versions()}")
    out = Results()
    if "cold" in only:
        bench_cold(out, args.quick)
    loaded = None
    if only & {"load", "query", "memory"}:
        if "load" in only:
            loaded = bench_load(out, sizes, args.seed, args.repeats)
        else:
            loaded = Loaded(synth.generate(max(sizes), args.seed), {})
    if loaded is not None and "query" in only:
        bench_query(out, loaded.synthetic, args.quick)
    gc.collect()
    if loaded is not None and "memory" in only:
        bench_memory(out, loaded.synthetic)

    print("\n== Budgets ==")
    if args.quick:
        print("  (quick run: sizes too small for the verdicts to mean anything)")
    for b in out.budgets:
        shown = "n/a" if b.ratio is None else f"{b.ratio:.2f}x"
        said = verdict(b.met, b.kind)
        print(f"  {b.kind:<6} {b.name:<40} {shown:>9}  {b.limit:<14} {said}")
    elapsed = time.perf_counter() - started
    print(f"\n  finished in {elapsed:.0f} s; load average {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "sizes": sizes,
                    "quick": args.quick,
                    "seconds": elapsed,
                    "rows": out.rows,
                    "budgets": [asdict(b) for b in out.budgets],
                    "notes": out.notes,
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
