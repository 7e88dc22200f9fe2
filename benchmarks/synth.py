"""Deterministic synthetic proposal sets that pass ma_proposals' full validation.

``generate(n, seed)`` builds a document of ``n`` proposals shaped like the
packaged ones (about 8 recommendations, 2 statistics, 2 background claims and
1-2 evidence spans per proposal, with text lengths close to the packaged set's
averages) together with the shipped source texts that its evidence quotes.

Each source text is built by concatenating generated sentences and recording
the code point offsets at which every quoted sentence (or clause of one) lands,
so every ``start``/``end``/``exact`` triple matches exactly. One source text
("article") covers ``PROPOSALS_PER_SOURCE`` proposals; the first also carries
the set-level statements (deputy, meeting, topics, themes, glossary variants).
One text in ten contains some non-ASCII characters, so code point offsets
differ from byte offsets there; the rest are ASCII, like the packaged article.

The document is written as compact JSON (``separators=(",", ":")``), which
makes the JSON parser's share of the work as small as it gets: the harshest
fair setting for a comparison against ``json.loads``. Keys are in the model's
field order and every field is present, so apart from white space the document
is canonical (``check_canonical`` proves it on a small set).

Run ``python benchmarks/synth.py N`` to print a size summary, or
``python benchmarks/synth.py N --write DIR`` to write ``DIR/set.json`` and
``DIR/sources/*.txt`` for ``ma-proposals validate`` or ``load_path``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import words

__all__ = ["PROPOSALS_PER_SOURCE", "Synthetic", "check_canonical", "generate"]

#: How many proposals one generated source text (article) covers.
PROPOSALS_PER_SOURCE = 50
N_TOPICS = 40
N_THEMES = 12

JSON = dict[str, Any]


@dataclass(frozen=True)
class Synthetic:
    """A generated document and the source texts its evidence points into.

    Attributes:
        n: Number of proposals.
        seed: The seed it was generated from.
        document: The JSON document, UTF-8 encoded.
        texts: Source texts by resource path: the ``base`` mapping to pass to
            ``ma_proposals.loads``.
        topics: Topic ids, most used first.
        themes: Theme ids, most used first.
        words: Vocabulary, most frequent first (for choosing search queries).
    """

    n: int
    seed: int
    document: bytes
    texts: dict[str, bytes]
    topics: tuple[str, ...]
    themes: tuple[str, ...]
    words: tuple[str, ...]


class _Vocabulary:
    """Zipf-distributed words, grouped into a pool of short phrases."""

    def __init__(self, rng: random.Random) -> None:
        tail: list[str] = []
        seen = set(words.COMMON)
        while len(tail) < 6000:
            word = "".join(rng.choices(words.SYLLABLES, k=rng.choice((2, 3, 3, 4))))
            if word not in seen:
                seen.add(word)
                tail.append(word)
        self.words = tuple(dict.fromkeys(words.COMMON)) + tuple(tail)
        cum = list(itertools.accumulate(1.0 / (r + 2) for r in range(len(self.words))))
        phrases = [
            " ".join(rng.choices(self.words, cum_weights=cum, k=rng.randint(2, 6)))
            for _ in range(20000)
        ]
        self.phrases = phrases
        self.phrase_length = sum(len(p) + 1 for p in phrases) / len(phrases)
        self.rng = rng

    def text(self, mean: int, *, period: bool = True, non_ascii: bool = False) -> str:
        """A sentence of about ``mean`` characters (uniformly 60-140%).

        With ``non_ascii``, one sentence in 20 has a non-ASCII phrase.
        """
        rng = self.rng
        k = max(1, round(mean * rng.uniform(0.6, 1.4) / self.phrase_length))
        parts = rng.choices(self.phrases, k=k)
        if non_ascii and rng.random() < 0.05:
            parts[rng.randrange(k)] = rng.choice(words.NON_ASCII)
        # Commas after some phrases give clauses that evidence can quote.
        for i in range(2, k - 1, 3):
            parts[i] += ","
        out = " ".join(parts)
        out = out[0].upper() + out[1:]
        return out + "." if period else out

    def slug(self, *extra: object) -> str:
        words = self.rng.sample(self.words[:400], 2)
        return "-".join([*words, *(str(e) for e in extra)])


class _Article:
    """One source text, built sentence by sentence with recorded offsets."""

    def __init__(self, source_id: str, vocab: _Vocabulary, index: int) -> None:
        self.source_id = source_id
        self.vocab = vocab
        # Like the packaged article, most texts are ASCII (one byte per code
        # point in memory); one in ten is not, so that code point offsets
        # differ from byte offsets there.
        self.non_ascii = index % 10 == 0
        self.parts: list[str] = []
        self.length = 0  # in code points
        self.since_break = 0

    def write(self, sentence: str) -> int:
        """Append ``sentence``; return its start offset."""
        if self.parts:
            sep = "\n\n" if self.since_break >= 5 else " "
            self.since_break = 0 if sep != " " else self.since_break + 1
            self.parts.append(sep)
            self.length += len(sep)
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        return start

    def quote(self, mean: int, sentence: str | None = None) -> JSON:
        """Write a sentence (maybe after filler) and return evidence for it.

        A quarter of the spans quote only the clause after the first comma, as
        curators often do.
        """
        rng = self.vocab.rng
        if rng.random() < 0.3:
            self.write(self.vocab.text(110, non_ascii=self.non_ascii))  # unquoted
        if sentence is None:
            sentence = self.vocab.text(mean, non_ascii=self.non_ascii)
        start = self.write(sentence)
        exact = sentence
        cut = sentence.find(", ")
        if rng.random() < 0.25 and 0 < cut < len(sentence) - 20:
            start += cut + 2
            exact = sentence[cut + 2 :]
        return {
            "source": self.source_id,
            "start": start,
            "end": start + len(exact),
            "exact": exact,
        }

    def bytes(self) -> bytes:
        return "".join(self.parts).encode("utf-8")


def _source(article: _Article, index: int, data: bytes) -> JSON:
    return {
        "id": article.source_id,
        "title": f"Synthetic report {index}: proposals to the two sessions",
        "publisher": "Synthetic Economic Report",
        "editor": "Zhong Qiming" if index % 2 == 0 else None,
        "category": "Finance",
        "language": "en",
        "published": f"2020-05-{1 + index % 28:02d}",
        "resource": f"sources/{article.source_id}.txt",
        "url": None,
        "sha256": hashlib.sha256(data).hexdigest(),
        "notes": ["Generated text; words are drawn from a Zipf distribution."]
        if index == 0
        else [],
    }


def _citation(rng: random.Random, quote: bool = True) -> JSON:
    return {
        "source": rng.choice(words.EXTERNAL)[0],
        "quote": rng.choice(words.ZH_QUOTES) if quote else None,
    }


def _claim(art: _Article, cid: str, proposals: list[str] | None = None) -> JSON:
    return {
        "id": cid,
        "text": art.vocab.text(180),
        "proposals": proposals or [],
        "evidence": [art.quote(235)],
        "citations": [],
        "wordings_zh": [],
        "inferred": None,
    }


def _statistic(art: _Article, sid: str) -> JSON:
    rng = art.vocab.rng
    value: int | float = (
        rng.randint(1, 10**9) if rng.random() < 0.8 else round(rng.uniform(0, 100), 1)
    )
    unit = rng.choice(words.UNITS)
    label = art.vocab.text(76, period=False)
    org = rng.choice(words.ORGS)
    said = (
        f"According to {org or 'a survey'}, {label[0].lower()}{label[1:]}, "
        f"as of March 2020, reached {value} {unit}."
    )
    return {
        "id": sid,
        "label": label,
        "value": value,
        "unit": unit,
        "qualifier": rng.choice(("exact", "exact", "more-than", "about")),
        "as_of": rng.choice(("2020-03", "2019-12-31", None)),
        "source_org": org,
        "note": art.vocab.text(74) if rng.random() < 0.2 else None,
        "evidence": [art.quote(159, said)],
        "citations": [_citation(rng)] if rng.random() < 0.2 else [],
    }


def _wording(rng: random.Random) -> JSON:
    return {
        "text": rng.choice(words.ZH_QUOTES),
        "source": rng.choice(words.EXTERNAL)[0],
        "note": None,
    }


def _divergence(art: _Article, k: int) -> JSON:
    return {
        "id": f"divergence-{k}",
        "text": art.vocab.text(200),
        "evidence": [art.quote(60)],
        "citations": [_citation(art.vocab.rng)],
    }


def _recommendation(art: _Article, rid: str, extra: JSON) -> JSON:
    rng = art.vocab.rng
    evidence = [art.quote(142)]
    if rng.random() < 0.1:
        evidence.append(extra)  # a second span: the proposal's own mention
    return {
        "id": rid,
        "text": art.vocab.text(106),
        "area": rng.choice(words.AREAS) if rng.random() < 0.4 else None,
        "horizon": rng.choice((None, None, "near-term", "medium-long-term")),
        "evidence": evidence,
        "wordings_zh": [_wording(rng)] if rng.random() < 0.4 else [],
    }


def _proposal(
    art: _Article, number: int, topic: str, themes: list[str]
) -> tuple[str, JSON]:
    vocab, rng = art.vocab, art.vocab.rng
    pid = vocab.slug(number)
    evidence = [art.quote(128) for _ in range(rng.choice((1, 2, 2)))]
    n_zh = rng.choice((0, 1, 1, 2))
    return pid, {
        "id": pid,
        "number": number,
        "title": vocab.text(120, period=False),
        "title_kind": rng.choice(("quoted", "descriptive")),
        "kind": "suggestion" if rng.random() < 0.95 else "motion",
        "topic": topic,
        "summary": vocab.text(337),
        "themes": rng.sample(themes, rng.choice((1, 2, 2, 3))),
        "titles_zh": [
            {
                "text": rng.choice(words.ZH_TITLES),
                "kind": "quoted",
                "source": words.EXTERNAL[i][0],
            }
            for i in range(n_zh)
        ],
        "background": [
            _claim(art, f"background-{k}") for k in range(rng.choice((1, 1, 2, 3, 4)))
        ],
        "aims": [],
        "recommendations": [
            _recommendation(art, vocab.slug(k), evidence[0])
            for k in range(rng.randint(5, 11))
        ],
        "statistics": [_statistic(art, f"stat-{k}") for k in range(rng.randint(0, 4))],
        "note": vocab.text(74) if rng.random() < 0.3 else None,
        "evidence": evidence,
        "citations": [],
        "divergences": [
            _divergence(art, k) for k in range(rng.choice((0, 0, 0, 1, 2)))
        ],
    }


def _labelled(art: _Article, prefix: str, count: int) -> list[JSON]:
    return [
        {
            "id": f"{prefix}-{k}-{art.vocab.slug()}",
            "label": art.vocab.text(30, period=False),
            "description": art.vocab.text(90),
            "evidence": [art.quote(40)],
            "inferred": None,
        }
        for k in range(count)
    ]


def _header(art: _Article) -> tuple[JSON, JSON, list[JSON]]:
    """The deputy, the meeting and the glossary, evidenced in ``art``."""
    rng = art.vocab.rng
    for canonical, variants, _, _ in words.GLOSSARY:
        art.write(f"The {canonical}, also written {' and '.join(variants)}.")
    deputy = {
        "id": "synthetic-deputy",
        "name": "Ma Huateng",
        "name_zh": "马化腾",
        "roles": [_claim(art, f"role-{k}") for k in range(3)],
        "career": {
            "statistics": [_statistic(art, f"career-{k}") for k in range(3)],
            "subjects": ["Internet Plus", "digital economy", "basic science"],
            "subjects_open": False,
            "fields": ["industrial development", "health"],
            "fields_open": False,
            "evidence": [art.quote(300)],
        },
        "evidence": [art.quote(60)],
        "citations": [_citation(rng, quote=False)],
    }
    meeting = {
        "id": "two-sessions-2020",
        "name": "The 2020 two sessions",
        "year": 2020,
        "sessions": [
            {
                "id": f"session-{k}",
                "name": art.vocab.text(80, period=False),
                "opened": "2020-05-22",
                "closed": "2020-05-28",
                "note": None,
                "citations": [_citation(rng)],
            }
            for k in range(2)
        ],
        "evidence": [art.quote(30)],
    }
    glossary = [
        {"canonical": c, "variants": list(v), "zh": zh, "note": note}
        for c, v, zh, note in words.GLOSSARY
    ]
    return deputy, meeting, glossary


def _document(n: int, seed: int) -> tuple[JSON, dict[str, bytes], _Vocabulary]:
    rng = random.Random(seed)
    vocab = _Vocabulary(rng)
    first = _Article("article-00000", vocab, 0)
    deputy, meeting, glossary = _header(first)
    topics = _labelled(first, "topic", N_TOPICS)
    themes = _labelled(first, "theme", N_THEMES)
    topic_ids = [t["id"] for t in topics]
    theme_ids = [t["id"] for t in themes]
    # Skewed popularity, as real topics have.
    topic_cum = list(itertools.accumulate(1.0 / (k + 1) for k in range(N_TOPICS)))

    proposals: list[JSON] = []
    sources: list[JSON] = []
    texts: dict[str, bytes] = {}
    art = first
    for i in range(n):
        if i and i % PROPOSALS_PER_SOURCE == 0:
            _finish(art, len(sources), sources, texts)
            art = _Article(f"article-{len(sources):05d}", vocab, len(sources))
        topic = rng.choices(topic_ids, cum_weights=topic_cum)[0]
        proposals.append(_proposal(art, i + 1, topic, theme_ids)[1])
    _finish(art, len(sources), sources, texts)
    ids = [p["id"] for p in proposals]
    claims = [
        _claim(first if k == 0 else art, f"set-claim-{k}", rng.sample(ids, min(3, n)))
        for k in range(5)
    ]
    # The claims wrote into two articles that were already hashed: redo them.
    for article, j in ((first, 0), (art, len(sources) - 1)):
        data = article.bytes()
        texts[sources[j]["resource"]] = data
        sources[j]["sha256"] = hashlib.sha256(data).hexdigest()
    sources.extend(
        {
            "id": sid,
            "title": None,
            "publisher": None,
            "editor": None,
            "category": None,
            "language": "zh",
            "published": None,
            "resource": None,
            "url": url,
            "sha256": None,
            "notes": [],
        }
        for sid, url in words.EXTERNAL
    )
    document = {
        "schema_version": 1,
        "id": f"synthetic-{n}",
        "version": None,
        "title": f"A synthetic set of {n} proposals",
        "year": 2020,
        "deputy": deputy,
        "meeting": meeting,
        "declared_count": n,
        "sources": sources,
        "topics": topics,
        "themes": themes,
        "proposals": proposals,
        "claims": claims,
        "glossary": glossary,
    }
    return document, texts, vocab


def _finish(
    art: _Article, index: int, sources: list[JSON], texts: dict[str, bytes]
) -> None:
    data = art.bytes()
    source = _source(art, index, data)
    sources.append(source)
    texts[source["resource"]] = data


def _by_use(ids: list[str], counts: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(ids, key=lambda i: (-counts.get(i, 0), ids.index(i))))


def generate(n: int, seed: int = 2020) -> Synthetic:
    """Generate a valid document of ``n`` proposals (deterministic per seed)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    enabled = gc.isenabled()
    gc.disable()  # many containers, no cycles: collections only cost time
    try:
        document, texts, vocab = _document(n, seed)
    finally:
        if enabled:
            gc.enable()
    topic_counts: dict[str, int] = {}
    theme_counts: dict[str, int] = {}
    for p in document["proposals"]:
        topic_counts[p["topic"]] = topic_counts.get(p["topic"], 0) + 1
        for t in p["themes"]:
            theme_counts[t] = theme_counts.get(t, 0) + 1
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return Synthetic(
        n=n,
        seed=seed,
        document=data.encode("utf-8"),
        texts=texts,
        topics=_by_use([t["id"] for t in document["topics"]], topic_counts),
        themes=_by_use([t["id"] for t in document["themes"]], theme_counts),
        words=vocab.words,
    )


def check_canonical(synthetic: Synthetic) -> None:
    """Prove the document is canonical apart from white space, and valid.

    Raises:
        AssertionError: ``dumps(loads(doc))`` differs from the document
            re-indented the canonical way, or validation finds problems.
    """
    import ma_proposals as mp

    report = mp.validate(
        synthetic.document,
        base=synthetic.texts,
        max_bytes=None,
        max_total_text_bytes=None,
    )
    if not report.valid:
        raise AssertionError(report.format(limit=10))
    loaded = mp.loads(
        synthetic.document,
        base=synthetic.texts,
        max_bytes=None,
        max_total_text_bytes=None,
    )
    expected = (
        json.dumps(json.loads(synthetic.document), ensure_ascii=False, indent=2) + "\n"
    )
    if mp.dumps(loaded) != expected:
        raise AssertionError("the generated document is not in canonical key order")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of proposals")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--write", type=Path, help="write set.json and sources/")
    parser.add_argument(
        "--check", action="store_true", help="validate and check canonical order"
    )
    args = parser.parse_args(argv)
    synthetic = generate(args.n, args.seed)
    text_bytes = sum(len(t) for t in synthetic.texts.values())
    print(
        f"{args.n} proposals: document {len(synthetic.document):,} bytes "
        f"({len(synthetic.document) / args.n:,.0f} per proposal), "
        f"{len(synthetic.texts)} source texts of {text_bytes:,} bytes"
    )
    if args.check:
        check_canonical(synthetic)
        print("valid and canonical")
    if args.write:
        (args.write / "sources").mkdir(parents=True, exist_ok=True)
        (args.write / "set.json").write_bytes(synthetic.document)
        for resource, data in synthetic.texts.items():
            (args.write / resource).write_bytes(data)
        print(f"written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
