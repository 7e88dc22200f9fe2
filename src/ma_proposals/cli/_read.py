"""The commands that read a set: summary, list, show, topics, themes, search."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ma_proposals._wording import SNIPPET_FROM, chinese, external, figure
from ma_proposals.errors import (
    QueryError,
    UnknownIdError,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from ma_proposals.model import (
        ChineseWording,
        Citation,
        Claim,
        Divergence,
        Proposal,
        ProposalSet,
        Recommendation,
        Statistic,
    )

from ._common import (
    FAILED,
    OK,
    USAGE,
    UserError,
    counted,
    load_set,
    print_json,
    wrap,
)

# -- Commands ----------------------------------------------------------------


def summary(args: argparse.Namespace) -> int:
    s = load_set(args)
    if args.json:
        print_json(
            {
                "id": s.id,
                "title": s.title,
                "deputy": s.deputy.name,
                "meeting": s.meeting.name,
                "declared_count": s.declared_count,
                "proposals": [_brief(p) for p in s],
            }
        )
        return OK
    deputy = s.deputy
    name = f"{deputy.name} ({deputy.name_zh})" if deputy.name_zh else deputy.name
    print(s.title)
    print(f"Deputy: {name}")
    print(f"Meeting: {s.meeting.name}")
    print(f"{len(s)} proposals (the source says {s.declared_count}):")
    for p in s:
        print(f"{p.number:>3}. {p.title}")
        print(
            f"     id: {p.id} | topic: {p.topic} | "
            f"{counted(len(p.recommendations), 'recommendation')} | "
            f"{counted(len(p.statistics), 'statistic')}"
        )
    return OK


def _brief(p: Proposal) -> dict[str, Any]:
    return {
        "number": p.number,
        "id": p.id,
        "title": p.title,
        "title_kind": p.title_kind.value,
        "topic": p.topic,
        "themes": list(p.themes),
        "recommendations": len(p.recommendations),
        "statistics": len(p.statistics),
    }


def list_proposals(args: argparse.Namespace) -> int:
    s = load_set(args)
    try:
        selected = s.filter(topic=args.topic, theme=args.theme, text=args.text)
    except UnknownIdError as exc:
        topics = [x.id for x in s.topics]
        bad_topic = args.topic is not None and args.topic not in topics
        known = topics if bad_topic else [x.id for x in s.themes]
        raise UserError(choices(str(exc), known)) from None
    if args.json:
        print_json([_brief(p) for p in selected])
    else:
        width = max((len(p.id) for p in selected), default=0)
        for p in selected:
            print(f"{p.number:>3}  {p.id:<{width}}  {p.title}")
    if not len(selected):
        print(
            "no proposals match; drop a filter, or see the topics and themes with "
            "'ma-proposals topics' and 'ma-proposals themes'",
            file=sys.stderr,
        )
        return FAILED
    return OK


def choices(message: str, values: Sequence[str]) -> str:
    """``message``, followed by the valid choices."""
    if not values:
        return message
    joiner = " Valid: " if message.endswith("?") else "; valid: "
    return message + joiner + ", ".join(values)


def proposal_of(s: ProposalSet, key: str) -> Proposal:
    """The proposal with id ``key``, else with number ``key`` if it is a number."""
    found = s.get(key)  # an id may be all digits: the id comes first
    if found is not None:
        return found
    if key.isdecimal():
        for p in s:
            if p.number == int(key):
                return p
        numbers = ", ".join(str(p.number) for p in s)
        raise UserError(f"no proposal has number {key}; numbers: {numbers or '-'}")
    try:
        return s[key]
    except UnknownIdError as exc:
        raise UserError(choices(str(exc), [p.id for p in s])) from None


def show(args: argparse.Namespace) -> int:
    s = load_set(args)
    p = proposal_of(s, args.id)
    if args.json:
        from ma_proposals.conversion import unstructure

        print_json(unstructure(p))
        return OK
    print(f"{p.number}. {p.title}")
    print(f"   id: {p.id} | kind: {p.kind.value} | title: {p.title_kind.value}")
    print(f"   topic: {p.topic} | themes: {', '.join(p.themes) or '-'}")
    for title in p.titles_zh:
        line = f"Chinese title ({title.kind.value}, {title.source}): {title.text}"
        print(wrap(line, "   ", 2))
    print()
    print(wrap(p.summary, "   "))
    if p.note:
        print(wrap(f"Note: {p.note}", "   "))
    for heading, claims in (("Background", p.background), ("Aims", p.aims)):
        if claims:
            print(f"\n{heading}:")
            for claim in claims:
                print(wrap(f"- {claim.text}", "   ", 2))
                _print_wordings(claim.wordings_zh, "     ")
                if args.evidence:
                    _print_support(claim, "     ")
    if p.recommendations:
        print("\nRecommendations:")
        for i, rec in enumerate(p.recommendations, 1):
            tags = ", ".join(
                filter(None, (rec.area, rec.horizon.value if rec.horizon else None))
            )
            line = f"{i}. {rec.text}" + (f" [{tags}]" if tags else "")
            print(wrap(line, "   ", len(f"{i}. ")))
            _print_wordings(rec.wordings_zh, "   " + " " * len(f"{i}. "))
            if args.evidence:
                _print_support(rec, "        ")
    if p.statistics:
        print("\nStatistics:")
        for st in p.statistics:
            facts = ", ".join(filter(None, (st.as_of, st.source_org, external(st))))
            line = f"- {st.label}: {figure(st)} {st.unit}"
            print(wrap(line + (f" ({facts})" if facts else ""), "   ", 2))
            if args.evidence:
                _print_support(st, "        ")
    if p.divergences:
        print("\nWhere other coverage differs:")
        for d in p.divergences:
            print(wrap(f"- {d.id}: {d.text}", "   ", 2))
            if args.evidence:
                _print_support(d, "     ")
    if args.evidence:
        print("\nEvidence for the proposal:")
        _print_support(p, "   ")
    return OK


def _print_wordings(wordings: tuple[ChineseWording, ...], indent: str) -> None:
    for wording in wordings:
        print(wrap(chinese(wording), indent))


def _print_support(
    item: Proposal | Claim | Recommendation | Statistic | Divergence, indent: str
) -> None:
    """An item's evidence quotes, then the sources it cites (with their words)."""
    for ev in item.evidence:
        print(wrap(f'"{ev.exact}"', indent))
    citations: tuple[Citation, ...] = getattr(item, "citations", ())
    for c in citations:
        print(wrap(f"cited: {c.source}" + (f": {c.quote}" if c.quote else ""), indent))


def facet(kind: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        s = load_set(args)
        items = s.topics if kind == "topics" else s.themes
        counts = s.count_by(kind.removesuffix("s"))
        if args.json:
            print_json(
                [
                    {
                        "id": item.id,
                        "label": item.label,
                        "description": item.description,
                        "proposals": counts.get(item.id, 0),
                    }
                    for item in items
                ]
            )
            return OK
        width = max((len(item.id) for item in items), default=2)
        print(f"{'id':<{width}}  proposals  label")
        for item in items:
            n = counts.get(item.id, 0)
            print(f"{item.id:<{width}}  {n:>9}  {item.label}")
        return OK

    return command


def search(args: argparse.Namespace) -> int:
    s = load_set(args)
    try:
        hits = s.search(args.query, limit=args.limit)
    except QueryError as exc:
        raise UserError(str(exc), USAGE) from None
    if args.json:
        print_json(
            [
                {
                    "rank": i,
                    "proposal": h.proposal,
                    "field": h.field,
                    "item": h.item,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "snippet_from": h.snippet_from,
                    "text": h.text,
                }
                for i, h in enumerate(hits, 1)
            ]
        )
    else:
        for i, h in enumerate(hits, 1):
            where = f"{h.field} {h.item}" if h.item else h.field
            owner = "the set" if h.proposal is None else h.proposal
            shows = SNIPPET_FROM.get(h.snippet_from, h.snippet_from)
            print(f"{i:>3}. {owner} ({where}, score {h.score:.2f}; {shows})")
            print(wrap(h.snippet, "     "))
    if not hits:
        print(
            f"no matches for {args.query!r}; try fewer or other words, a prefix "
            "(hospital*), OR between words, or a phrase in double quotes; "
            "'ma-proposals list' shows every proposal",
            file=sys.stderr,
        )
        return FAILED
    return OK
