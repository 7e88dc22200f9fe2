"""Every field of the model is shown by every view, or listed as left out.

A set is built from the model's plans alone, with a value in every field (and
one item in every list) that can be told apart from every other value: a
string marker naming its class and field, a distinct integer. Each view (flat
rows, export tables, notebook HTML, the command line's ``show`` and
``summary``) is rendered from it, and each field's value must appear in the
view, unless :mod:`ma_proposals._shown` lists the field (or its class) for
that view with a reason. A field added to the model is given a value here with no
change to this test: it fails until a view shows the field or the list says
why it does not.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import _shown, export
from ma_proposals._display import proposal_html, set_html
from ma_proposals._fields import meta
from ma_proposals._plan import Kind, class_plan, reachable
from ma_proposals._search_rows import passages
from ma_proposals.cli import _read
from ma_proposals.query import proposal_texts

VIEWS = ("cli", "filter", "html", "rows", "search", "tables")


class _Sample:
    """Builds an instance of a model class with a distinct value in every field."""

    def __init__(self) -> None:
        self.numbers = itertools.count(700_001)
        #: What each leaf field holds: (class name, field name) -> forms of the
        #: value as a view may write it.
        self.values: dict[tuple[str, str], tuple[str, ...]] = {}

    def make(self, cls: type) -> Any:
        args = {f.alias: self.value(cls, f) for f in class_plan(cls).fields}
        return cls(**args)

    def value(self, cls: type, f: Any) -> Any:
        key = (cls.__name__, f.name)
        kind = f.kind
        if kind is Kind.OBJ:
            return self.make(f.cls)
        if kind is Kind.OBJS:
            return (self.make(f.cls),)
        if f.ref is not None:  # the id of the one item of its collection
            fields = class_plan(mp.ProposalSet).fields
            (target,) = (t for t in fields if t.name == f.ref)
            marker = _marker(target.cls, "id")  # type: ignore[arg-type]
            self.values[key] = (marker,)
            return marker if kind is Kind.STR else (marker,)
        if kind in (Kind.STR, Kind.STRS):
            marker = _marker(cls, f.name)
            self.values[key] = (marker,)
            return marker if kind is Kind.STR else (marker,)
        if kind in (Kind.INT, Kind.NUM):
            number = next(self.numbers)
            self.values[key] = (str(number), f"{number:,}")
            return number
        if kind is Kind.ENUM:
            assert f.enum_values is not None
            member = list(f.enum_values.values())[-1]
            self.values[key] = (str(member.value),)
            return member
        self.values[key] = ("True",)
        return True


def _marker(cls: type, name: str) -> str:
    """A string no other field holds, that every view writes as it is."""
    return f"q{cls.__name__.lower()}{name.replace('_', '')}q"


@pytest.fixture(scope="module")
def sample() -> tuple[mp.ProposalSet, dict[tuple[str, str], tuple[str, ...]]]:
    builder = _Sample()
    return builder.make(mp.ProposalSet), builder.values


def _cli(s: mp.ProposalSet, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(_read, "load_set", lambda args: s)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _read.summary(argparse.Namespace(json=False))
        for p in s.proposals:
            _read.show(argparse.Namespace(json=False, id=p.id, evidence=True))
        for kind in ("topics", "themes"):
            _read.facet(kind)(argparse.Namespace(json=False))
    return out.getvalue()


def _rendered(view: str, s: mp.ProposalSet, monkeypatch: pytest.MonkeyPatch) -> str:
    if view == "rows":
        tables = ("recommendations", "statistics", "evidence")
        rows = [r for table in tables for r in s.rows(table)]
        return "\n".join(map(repr, rows))
    if view == "tables":
        cells = (
            str(value)
            for table in export.tables(s)
            for row in table.rows
            for value in row
        )
        return "\n".join(cells)
    if view == "html":
        return set_html(s) + "".join(proposal_html(p) for p in s.proposals)
    if view == "filter":
        return "\n".join(text for p in s.proposals for text in proposal_texts(p))
    if view == "search":
        return "\n".join(str(value) for row in passages(s) for value in row)
    return _cli(s, monkeypatch)


def _fields(view: str, root: type = mp.ProposalSet) -> set[tuple[str, str]]:
    """The leaf fields of the classes a view presents (every class of the model
    but those it lists as not presented)."""
    return {
        (plan.cls.__name__, f.name)
        for plan in reachable(root)
        if plan.cls.__name__ not in _shown.NOT_PRESENTED[view]
        for f in plan.fields
        if f.kind not in (Kind.OBJ, Kind.OBJS)
    }


def _missing(
    view: str, monkeypatch: pytest.MonkeyPatch, root: type = mp.ProposalSet
) -> list[str]:
    """The fields that ``view`` neither shows nor lists."""
    builder = _Sample()
    text = _rendered(view, builder.make(root), monkeypatch)
    listed = _shown.NOT_SHOWN[view]
    return sorted(
        f"{cls}.{name}"
        for cls, name in _fields(view, root)
        if f"{cls}.{name}" not in listed
        and not any(form in text for form in builder.values[cls, name])
    )


@pytest.mark.parametrize("view", VIEWS)
def test_every_field_is_shown_or_listed(
    view: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _missing(view, monkeypatch) == [], f"{view} shows neither, nor lists"


@pytest.mark.parametrize("view", VIEWS)
def test_the_list_names_only_fields_the_view_leaves_out(
    view: str, sample: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    s, values = sample
    text = _rendered(view, s, monkeypatch)
    known = {f"{cls}.{name}" for cls, name in _fields(view)}
    for name, reason in _shown.NOT_SHOWN[view].items():
        assert name in known, f"{name} is not a field that {view} presents"
        assert reason.strip()
        cls, field = name.split(".")
        assert not any(form in text for form in values[cls, field]), (
            f"{view} shows {name}: take it off the list"
        )
    classes = {plan.cls.__name__ for plan in reachable(mp.ProposalSet)}
    for name, reason in _shown.NOT_PRESENTED[view].items():
        assert name in classes, f"{name} is not a class of the model"
        assert reason.strip()


# -- A field added to the model is caught ------------------------------------------


@attrs.frozen
class Recommendation(mp.Recommendation):
    """The model's recommendation with a field no view knows."""

    cost: str | None = attrs.field(default=None, metadata=meta("What it costs."))


@attrs.frozen(repr=False)
class Proposal(mp.Proposal):
    recommendations: tuple[Recommendation, ...] = attrs.field(
        default=(), metadata=meta("Its recommendations.")
    )


@attrs.frozen(repr=False)
class ProposalSet(mp.ProposalSet):
    proposals: tuple[Proposal, ...] = attrs.field(
        default=(), metadata=meta("The proposals.")
    )


@pytest.mark.parametrize("view", VIEWS)
def test_a_new_field_that_no_view_shows_is_caught(
    view: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _missing(view, monkeypatch, ProposalSet) == ["Recommendation.cost"]
