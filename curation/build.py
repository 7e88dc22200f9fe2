"""Build the packaged data: each curated set's JSON and the JSON Schema.

Usage::

    python curation/build.py            # rewrite every generated file
    python curation/build.py --check    # exit 1 if a packaged file is stale

Curators write quotes, never offsets. Each ``evidence`` entry in the TOML is the
verbatim quote (found at its first occurrence in the default source) or a table
``{quote = "...", occurrence = 2, source = "id"}``. This script locates every quote,
fills in ``start``/``end``, records the SHA-256 of every shipped text, validates the
result with the package's own checks and writes canonical JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from pathlib import Path
from typing import Any

import ma_proposals as mp
from ma_proposals import loading, schema

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "src" / "ma_proposals" / "data"


class CurationError(Exception):
    """A quote cannot be placed, or the built set does not validate."""


def _locate(text: str, quote: str, occurrence: int, where: str) -> tuple[int, int]:
    if occurrence < 1:
        raise CurationError(f"{where}: occurrence must be 1 or more, not {occurrence}")
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise CurationError(
                f"{where}: occurrence {occurrence} of quote not found: {quote!r}"
            )
    return start, start + len(quote)


def _evidence(
    entry: Any, texts: dict[str, str], default_source: str, where: str
) -> dict[str, Any]:
    if isinstance(entry, str):
        entry = {"quote": entry}
    unknown = set(entry) - {"quote", "occurrence", "source"}
    if unknown:
        raise CurationError(f"{where}: unknown evidence keys {sorted(unknown)}")
    source = entry.get("source", default_source)
    if source not in texts:
        raise CurationError(f"{where}: {source!r} is not a shipped source")
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote:
        raise CurationError(f"{where}: evidence needs a non-empty quote")
    start, end = _locate(texts[source], quote, entry.get("occurrence", 1), where)
    return {"source": source, "start": start, "end": end, "exact": quote}


def _resolve(
    node: Any, texts: dict[str, str], default_source: str, where: str = "$"
) -> Any:
    """Copy ``node``, turning every evidence quote into a located span."""
    if isinstance(node, dict):
        return {
            key: (
                [
                    _evidence(e, texts, default_source, f"{where}.evidence[{i}]")
                    for i, e in enumerate(value)
                ]
                if key == "evidence"
                else _resolve(value, texts, default_source, f"{where}.{key}")
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [
            _resolve(v, texts, default_source, f"{where}[{i}]")
            for i, v in enumerate(node)
        ]
    return node


def build(curated: Path, data: Path = DATA) -> str:
    """Return the canonical JSON of the set curated in ``curated``.

    Raises:
        CurationError: A quote is not in its source, or the set does not validate.
    """
    document = tomllib.loads(curated.read_text(encoding="utf-8"))
    default_source = document["curation"]["default_source"]
    raw = document["set"]
    texts = {}
    for source in raw["sources"]:
        if "resource" in source:
            blob = (data / source["resource"]).read_bytes()
            source["sha256"] = hashlib.sha256(blob).hexdigest()
            texts[source["id"]] = blob.decode("utf-8")
    resolved = _resolve(raw, texts, default_source)
    proposal_set, report = loading.read_object(resolved, base=data)
    if proposal_set is None:
        raise CurationError(report.format())
    return mp.dumps(proposal_set)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if a packaged file is stale"
    )
    args = parser.parse_args(argv)
    stale = []
    outputs = [(DATA / schema.RESOURCE, schema.schema_text)]
    for curated in sorted(HERE.glob("*.toml")):
        outputs.append((DATA / f"{curated.stem}.json", lambda c=curated: build(c)))
    for target, make in outputs:
        try:
            text = make()
        except CurationError as exc:
            print(f"{target.name}: {exc}", file=sys.stderr)
            return 1
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(target.name)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {target.relative_to(HERE.parent)}")
    if stale:
        print(
            f"stale: {', '.join(stale)}; run python curation/build.py", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
