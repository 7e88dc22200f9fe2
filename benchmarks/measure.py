"""Reporting and timing for the benchmarks: rows, budgets, and medians of rounds.

Every figure is printed as it is measured and kept for ``--json``; a budget
prints its verdict (MET, MISSED, reported, SKIPPED). Timings are medians of
rounds that alternate the contenders, so that a busy moment of a shared machine
hits all of them alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "Budget",
    "Results",
    "alternate",
    "count_text",
    "per_call",
    "size_text",
    "time_text",
    "verdict",
]


# -- Reporting ----------------------------------------------------------------


@dataclass
class Budget:
    """A figure's budget and whether this run met it."""

    name: str
    ratio: float | None
    limit: str
    met: bool | None  # None: not measured (a peer is missing)
    kind: str = "budget"  # "aim": wanted, not required; "info": no limit


@dataclass
class Results:
    """Everything one run measured, for the table and ``--json``."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def section(self, title: str) -> None:
        print(f"\n== {title} ==")
        print(f"  {'figure':<50} {'median':>10} {'per item':>11}  {'ratio':<22}")

    def row(
        self,
        name: str,
        seconds: float | None = None,
        *,
        per: float | None = None,
        ratio: str = "",
        text: str | None = None,
    ) -> None:
        median = text if text is not None else time_text(seconds)
        each = time_text(per) if per is not None else ""
        print(f"  {name:<50} {median:>10} {each:>11}  {ratio}", flush=True)
        self.rows.append(
            {"figure": name, "seconds": seconds, "per": per, "ratio": ratio}
        )

    def budget(
        self, name: str, ratio: float | None, limit: str, ok: bool | None, kind: str
    ) -> None:
        self.budgets.append(Budget(name, ratio, limit, ok, kind))
        said = verdict(ok, kind)
        shown = "n/a" if ratio is None else f"{ratio:.2f}x"
        print(f"  -> {kind} {name}: {shown} (limit {limit}): {said}", flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  note: {text}", flush=True)


def verdict(ok: bool | None, kind: str) -> str:
    if ok is None:
        return "SKIPPED"
    if kind == "aim":
        return "reached" if ok else "not reached"
    if kind == "info":
        return "reported"
    return "MET" if ok else "MISSED"


def time_text(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} us"
    return f"{seconds * 1e9:.0f} ns"


def size_text(size: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.1f} {unit}" if unit != "B" else f"{size:.0f} B"
        size /= 1024
    raise AssertionError  # pragma: no cover


def count_text(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# -- Timing -------------------------------------------------------------------


def alternate(
    contenders: dict[str, Callable[[], object]], repeats: int
) -> dict[str, float]:
    """Median wall time of each contender, run in rotating order each round.

    The garbage collector is left as users have it (on) but a full collection
    runs before each call, and each result is dropped before the next call.
    """
    names = list(contenders)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeats):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            started = time.perf_counter()
            result = contenders[name]()
            times[name].append(time.perf_counter() - started)
            del result
    return {name: statistics.median(t) for name, t in times.items()}


def per_call(fn: Callable[[], object], min_time: float, repeats: int = 7) -> float:
    """Median seconds per call, ``timeit``-style (collector paused)."""
    number = 1
    enabled = gc.isenabled()
    gc.disable()
    try:
        while True:
            started = time.perf_counter()
            for _ in range(number):
                fn()
            elapsed = time.perf_counter() - started
            if elapsed >= min_time or number >= 10**6:
                break
            number = max(number * 2, int(number * min_time / max(elapsed, 1e-9)))
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            for _ in range(number):
                fn()
            samples.append((time.perf_counter() - started) / number)
    finally:
        if enabled:
            gc.enable()
    return statistics.median(samples)
