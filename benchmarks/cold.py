"""Cold start: ``import ma_proposals; load()`` in fresh processes, against the floor.

The floor is the import of the package's three dependencies. Children run with
bytecode caching on, under a private prefix (see :func:`env`), and ``python -X
importtime`` says which modules cost what.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import Results, alternate

__all__ = ["COLD", "FLOOR", "bench_cold", "python"]

FLOOR = "import attrs, cattrs, importlib_resources"
COLD = "import ma_proposals; ma_proposals.load()"
PYCACHE = "ma-proposals-bench-pycache"


def env() -> dict[str, str]:
    """The environment of child processes: bytecode caches on, but private.

    Installed packages have their bytecode compiled at install time; an
    editable checkout run with PYTHONDONTWRITEBYTECODE compiles every module
    from source at each start. Caching bytecode under a private prefix puts the
    library and the floor on the same footing without writing into the tree.
    """
    env = dict(os.environ)
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir(), PYCACHE))
    return env


def python(*args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        check=True,
        cwd=tempfile.gettempdir(),
        env=env(),
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else None,
        text=True,
    )


def _wall(code: str) -> float:
    started = time.perf_counter()
    python("-c", code)
    return time.perf_counter() - started


def _importtime(code: str, runs: int) -> dict[str, tuple[float, float, str]]:
    """Module -> (median self us, median cumulative us, importer)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    parents: dict[str, str] = {}
    for _ in range(runs):
        err = python("-X", "importtime", "-c", code, capture=True).stderr
        lines = []
        for line in err.splitlines():
            if not line.startswith("import time:") or "[us]" in line:
                continue
            own_us, cumulative_us, rest = line.removeprefix("import time:").split(
                "|", 2
            )
            rest = rest[1:]
            level = (len(rest) - len(rest.lstrip(" "))) // 2
            lines.append((rest.strip(), int(own_us), int(cumulative_us), level))
        # Imports finish (and print) before their importer: read backwards.
        stack: list[tuple[int, str]] = []
        for name, own, cumulative, level in reversed(lines):
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents.setdefault(name, stack[-1][1] if stack else "-c")
            stack.append((level, name))
            seen.setdefault(name, []).append((own, cumulative))
    return {
        name: (
            statistics.median(s for s, _ in values),
            statistics.median(c for _, c in values),
            parents[name],
        )
        for name, values in seen.items()
    }


def bench_cold(out: Results, quick: bool) -> None:
    out.section("Cold start (fresh processes, wall time)")
    arms = {
        "python -c pass": "pass",
        f"floor: {FLOOR}": FLOOR,
        "import ma_proposals": "import ma_proposals",
        "import ma_proposals; ma_proposals.load()": COLD,
    }
    for code in arms.values():
        _wall(code)  # write bytecode caches; warm the file system
    rounds = 3 if quick else 40
    times = alternate(
        {name: functools.partial(_wall, code) for name, code in arms.items()}, rounds
    )
    floor = times[f"floor: {FLOOR}"]
    for name, seconds in times.items():
        out.row(name, seconds, ratio=f"{seconds / floor:.2f}x floor")
    bare = times["python -c pass"]
    cold = times["import ma_proposals; ma_proposals.load()"]
    out.row(
        "  above the interpreter's own start-up",
        cold - bare,
        ratio=f"{(cold - bare) / (floor - bare):.2f}x (floor - bare)",
    )
    out.row(f"  (median of {rounds} alternating runs each)", text="")
    ratio = cold / floor
    out.budget("cold start vs floor", ratio, "<= 1.25x", ratio <= 1.25, "budget")

    runs = 1 if quick else 7
    lib = _importtime(COLD, runs)
    base = _importtime(FLOOR, runs)
    print(f"\n  -X importtime, median of {runs} runs (us):")
    print(f"  {'module':<40} {'self':>8} {'cumul.':>8}  imported by")
    own = sorted(
        ((n, v) for n, v in lib.items() if n.split(".")[0] == "ma_proposals"),
        key=lambda item: -item[1][1],
    )
    for name, (self_us, cumulative, parent) in own:
        print(f"  {name:<40} {self_us:>8.0f} {cumulative:>8.0f}  {parent}")
    extra = sorted(
        (
            (n, v)
            for n, v in lib.items()
            if n not in base and n.split(".")[0] != "ma_proposals"
        ),
        key=lambda item: -item[1][0],
    )
    print(f"  modules beyond the floor's ({len(extra)}), largest self time first:")
    for name, (self_us, cumulative, parent) in extra[:10]:
        print(f"  {name:<40} {self_us:>8.0f} {cumulative:>8.0f}  {parent}")
    total_own = sum(v[0] for _, v in own)
    total_extra = sum(v[0] for _, v in extra)
    print(
        f"  self time: ma_proposals modules {total_own / 1e3:.1f} ms, other modules "
        f"beyond the floor {total_extra / 1e3:.1f} ms"
    )
    out.rows.append(
        {
            "importtime": {
                "own": {n: v[:2] for n, v in own},
                "extra": {n: v[:2] for n, v in extra[:20]},
            }
        }
    )
