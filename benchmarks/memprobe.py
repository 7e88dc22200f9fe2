"""Measure the memory a loaded set holds, in a fresh process (used by run.py).

Usage: ``python benchmarks/memprobe.py DIR KIND`` where ``DIR`` holds
``set.json`` and ``sources/`` (as written by ``synth.py --write``) and ``KIND``
is ``ma_proposals``, ``msgspec``, ``pydantic`` or ``json``. Prints one JSON
object: ``retained`` (bytes still allocated after the load returned, while the
result is held, after a full collection), ``peak`` (the most allocated at any
moment during the load), both from :mod:`tracemalloc`, which sees every
allocation of Python objects; and ``texts`` (the decoded size of the source
texts, which ma_proposals keeps in a module-level cache of verified texts so
that evidence can be shown in context). The input bytes are read, and every
library imported, before tracing starts, so neither is counted.
"""

import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _loader(kind: str, texts: dict[str, bytes]) -> Callable[[bytes], Any] | None:
    if kind == "ma_proposals":
        import ma_proposals

        def load(data: bytes) -> Any:
            return ma_proposals.loads(
                data, base=texts, max_bytes=None, max_total_text_bytes=None
            )

        return load
    if kind == "json":
        return json.loads
    import peers

    if kind == "msgspec":
        return peers.msgspec_loader()
    if kind == "pydantic":
        return peers.pydantic_loader()
    raise SystemExit(f"unknown kind {kind!r}")


def main() -> int:
    folder, kind = Path(sys.argv[1]), sys.argv[2]
    data = (folder / "set.json").read_bytes()
    texts = {
        f"sources/{path.name}": path.read_bytes()
        for path in sorted((folder / "sources").iterdir())
    }
    load = _loader(kind, texts)
    if load is None:
        print(json.dumps({"kind": kind, "missing": True}))
        return 0
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    result = load(data)
    seconds = time.perf_counter() - started
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    decoded = sum(sys.getsizeof(t.decode("utf-8")) for t in texts.values())
    print(
        json.dumps(
            {
                "kind": kind,
                "retained": retained,
                "peak": peak,
                "texts": decoded if kind == "ma_proposals" else 0,
                "seconds_traced": seconds,
            }
        )
    )
    del result
    return 0


if __name__ == "__main__":
    sys.exit(main())
