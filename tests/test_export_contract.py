"""Exports of hostile sets: exact figures; ExportError for what cannot be written."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import export

S = mp.load()
BIG = 2**53 + 1  # the first integer a 64-bit float does not hold


def with_figures(*values: Any) -> mp.ProposalSet:
    """The packaged set with its statistics' values replaced, in order."""
    left = list(values)
    proposals = []
    for p in S.proposals:
        stats = tuple(
            attrs.evolve(st, value=left.pop(0)) if left else st for st in p.statistics
        )
        proposals.append(attrs.evolve(p, statistics=stats))
    return attrs.evolve(S, proposals=tuple(proposals))


def _values(library: str, s: mp.ProposalSet) -> list[Any]:
    pytest.importorskip(
        {"to_pandas": "pandas", "to_polars": "polars"}.get(library, "pyarrow")
    )
    frame = getattr(export, library)(s, "statistics")
    column = frame["value"]
    return list(column.to_pylist() if library == "to_arrow" else column.to_list())


LIBRARIES = ["to_pandas", "to_polars", "to_arrow"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_integers_beyond_2_53_are_kept_exact(library: str) -> None:
    s = with_figures(BIG, -(2**62) - 1, 2**63 - 1)
    assert mp.validate(s).valid
    values = _values(library, s)
    assert values[:3] == [BIG, -(2**62) - 1, 2**63 - 1]
    assert all(type(v) is int for v in values)


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_column_of_integer_figures_is_of_integers(library: str) -> None:
    values = _values(library, S)  # the packaged set's figures are all counts
    assert values == [row.value for row in S.rows("statistics")]
    assert all(type(v) is int for v in values)
    assert _values(library, with_figures(3, 2**53, -7))[:3] == [3, 2**53, -7]


def test_the_frames_say_integer() -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    assert str(export.to_pandas(S, "statistics")["value"].dtype) == "Int64"
    assert export.to_polars(S, "statistics").schema["value"] == pl.Int64
    assert export.to_arrow(S, "statistics").schema.field("value").type == pa.int64()
    one_float = with_figures(1.0)
    assert str(export.to_pandas(one_float, "statistics")["value"].dtype) == "Float64"
    assert export.to_polars(one_float, "statistics").schema["value"] == pl.Float64
    no_rows = attrs.evolve(
        S,
        proposals=tuple(attrs.evolve(p, statistics=()) for p in S.proposals),
        deputy=attrs.evolve(S.deputy, career=None),
    )
    assert export.to_polars(no_rows, "statistics").schema["value"] == pl.Float64


@pytest.mark.parametrize("library", LIBRARIES)
def test_figures_a_float_holds_stay_floats(library: str) -> None:
    values = _values(library, with_figures(2**53, 1.5))
    assert values[:2] == [2.0**53, 1.5]
    assert all(type(v) is float for v in values)


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_big_integer_among_floats_is_refused_not_rounded(library: str) -> None:
    s = with_figures(BIG, 0.5)
    with pytest.raises(mp.ExportError, match="cannot hold exactly"):
        _values(library, s)


def test_parquet_keeps_a_big_figure(tmp_path: Any) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    (path,) = export.write_parquet(
        with_figures(BIG), tmp_path / "s.parquet", table="statistics"
    )
    assert pq.read_table(path)["value"].to_pylist()[0] == BIG


# -- Pickles carry the texts ---------------------------------------------------------


def _in_another_process(s: mp.ProposalSet, target: str) -> tuple[str, list[str]]:
    """What a spawned process sees of ``s``: its text, and what write_json writes."""
    from pathlib import Path

    s.context(s.proposals[0].evidence[0])  # needs the text
    written = export.write_json(s, target)
    return s.source_text("report"), [Path(p).name for p in written]


def test_a_pickled_set_keeps_its_texts_in_another_process(tmp_path: Any) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ma_proposals import curation

    from .curation_samples import AUTHORING, SOURCE

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text(SOURCE, encoding="utf-8")
    s = curation.build(AUTHORING, base=tmp_path)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        text, written = pool.submit(
            _in_another_process, s, str(tmp_path / "out" / "set.json")
        ).result(timeout=300)
    assert text == SOURCE
    assert written == ["set.json", "report.txt"]
    again = mp.load_path(tmp_path / "out" / "set.json")
    assert again.proposals == s.proposals
    assert again.source_text("report") == SOURCE


def test_a_copy_keeps_its_texts() -> None:
    import copy
    import pickle

    s = mp.load()
    for other in (copy.deepcopy(s), pickle.loads(pickle.dumps(s))):
        assert other == s
        assert other.source_text(s.sources[0].id) == s.source_text(s.sources[0].id)


# -- Sets built in code and never validated ------------------------------------------


def _statistic(**changes: Any) -> mp.ProposalSet:
    owner = next(i for i, p in enumerate(S.proposals) if p.statistics)
    p = S.proposals[owner]
    stat = attrs.evolve(p.statistics[0], **changes)
    proposals = list(S.proposals)
    proposals[owner] = attrs.evolve(p, statistics=(stat, *p.statistics[1:]))
    return attrs.evolve(S, proposals=tuple(proposals))


def _proposal(**changes: Any) -> mp.ProposalSet:
    proposals = list(S.proposals)
    proposals[0] = attrs.evolve(proposals[0], **changes)
    return attrs.evolve(S, proposals=tuple(proposals))


HOSTILE = {
    "nan": lambda: _statistic(value=float("nan")),
    "inf": lambda: _statistic(value=float("inf")),
    "int-beyond-64-bits": lambda: _statistic(value=2**70),
    "str-for-number": lambda: _statistic(value="12"),
    "str-for-enum": lambda: _statistic(qualifier="about"),
    "str-for-kind": lambda: _proposal(kind="suggestion"),
    "int-for-text": lambda: _proposal(summary=3),
    "int-for-title": lambda: _proposal(title=12),
    "bytes-for-text": lambda: _proposal(title=b"x"),
    "str-for-tuple": lambda: _proposal(themes="abc"),
    "bool-for-int": lambda: _proposal(number=True),
    "lone-surrogate": lambda: _proposal(title="a\ud800b"),
}
#: The problem each case is refused for, and where.
REFUSED = {
    "nan": ("wrong-type", "$.proposals[1].statistics[0].value"),
    "inf": ("wrong-type", "$.proposals[1].statistics[0].value"),
    "int-beyond-64-bits": ("out-of-range", "$.proposals[1].statistics[0].value"),
    "str-for-number": ("wrong-type", "$.proposals[1].statistics[0].value"),
    "str-for-enum": ("wrong-type", "$.proposals[1].statistics[0].qualifier"),
    "str-for-kind": ("wrong-type", "$.proposals[0].kind"),
    "int-for-text": ("wrong-type", "$.proposals[0].summary"),
    "int-for-title": ("wrong-type", "$.proposals[0].title"),
    "bytes-for-text": ("wrong-type", "$.proposals[0].title"),
    "str-for-tuple": ("wrong-type", "$.proposals[0].themes"),
    "bool-for-int": ("wrong-type", "$.proposals[0].number"),
    "lone-surrogate": ("not-utf8", "$.proposals[0].title"),
}
WRITERS = {
    "write_json": "as JSON",
    "write_jsonl": "as JSON Lines",
    "write_csv": "as CSV",
    "write_sqlite": "as SQLite",
    "write_datapackage": "as a Frictionless data package",
    "datapackage": "a Frictionless data package",
    "write_parquet": "as Parquet",
    "to_pandas": "a table as a pandas DataFrame",
    "to_polars": "a table as a polars DataFrame",
    "to_arrow": "a table as an Arrow table",
}


def _export(name: str, s: mp.ProposalSet, folder: Any) -> None:
    if name.startswith("to_"):
        library = {"to_pandas": "pandas", "to_polars": "polars"}.get(name, "pyarrow")
        pytest.importorskip(library)
        for table in ("statistics", "proposals"):
            getattr(export, name)(s, table)
        return
    if name == "datapackage":
        export.datapackage(s)
        return
    if name == "write_parquet":
        pytest.importorskip("pyarrow")
    getattr(export, name)(s, folder / "out")


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_export_of_a_set_that_does_not_validate_raises_an_export_error(
    tmp_path: Any, case: str, writer: str
) -> None:
    """Every value validate() says no format holds is refused, in every format.

    They used to be written: NaN as ``nan``, 2**70 rounded, a string of themes
    split into one theme a letter, a number as a title.
    """
    s = HOSTILE[case]()
    code, path = REFUSED[case]
    assert (code, path) in [(p.code, p.path) for p in mp.validate(s).problems]
    with pytest.raises(mp.ExportError) as caught:
        _export(writer, s, tmp_path)
    message = str(caught.value)
    assert message.startswith(f"cannot export {WRITERS[writer]}: ")
    assert f"{path}: " in message
    assert f"[{code}]" in message
    assert "1 value that no export can hold" in message
    assert "validate() reports every problem of the set" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_the_refusal_counts_every_value_and_names_the_first(tmp_path: Any) -> None:
    s = _statistic(value=float("nan"), qualifier="about")
    title: Any = 7
    s = attrs.evolve(
        s, proposals=(attrs.evolve(s.proposals[0], title=title), *s.proposals[1:])
    )
    with pytest.raises(mp.ExportError) as caught:
        export.write_csv(s, tmp_path / "out")
    message = str(caught.value)
    assert (
        "$.proposals[0].title: expected a string, got a number [wrong-type]" in message
    )
    assert "3 values that no export can hold" in message


@pytest.mark.parametrize(
    "build",
    [
        lambda: _proposal(title=""),  # empty-text: a rule, not a value
        lambda: _proposal(topic="no-such-topic"),  # a dangling reference
        lambda: S.filter(topic=S.proposals[1].topic),  # numbering: the whole set's
        lambda: attrs.evolve(S, declared_count=99),
    ],
)
def test_problems_of_rules_or_of_the_whole_set_do_not_stop_an_export(
    tmp_path: Any, build: Any
) -> None:
    s = build()
    assert not mp.validate(s).valid
    export.write_csv(s, tmp_path / "csv")
    export.write_sqlite(s, tmp_path / "s.db")
    export.write_json(s, tmp_path / "s.json", texts=False)


def test_a_set_is_checked_once_and_a_loaded_set_not_at_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ma_proposals.export import _values

    pytest.importorskip("pandas")
    walks: list[object] = []
    engine = _values.structure  # type: ignore[attr-defined]

    def counted(run: Any, cls: type, data: Any) -> Any:
        walks.append(cls)
        return engine(run, cls, data)

    monkeypatch.setattr(_values, "structure", counted)
    loaded = mp.load()
    for table in export.TABLE_NAMES:
        loaded.to_pandas(table)
        loaded.filter(topic=loaded.proposals[0].topic).to_pandas(table)
    assert walks == []
    built = attrs.evolve(loaded, title="Built in code")
    for table in export.TABLE_NAMES:
        export.to_pandas(built, table)
    export.datapackage(built)
    assert walks == [mp.ProposalSet]
    refused = _proposal(title=12)
    for _ in range(2):  # a refusal is not remembered
        with pytest.raises(mp.ExportError, match=r"\[wrong-type\]"):
            refused.to_pandas()
    assert len(walks) == 3


def test_the_exports_check_keeps_every_reporter_of_a_value_and_no_other() -> None:
    """A reporter added to the collector must be sorted here: kept or ignored."""
    import inspect

    from ma_proposals._collector import Collector
    from ma_proposals.export import _values

    values = {"wrong_type", "bad_enum", "not_finite", "out_of_range", "finite"}
    values |= {"lone_surrogate", "constructor"}
    plumbing = {"room", "add", "extend", "valid_ids", "failed"}
    reporters = {
        name
        for name, member in inspect.getmembers(Collector, inspect.isfunction)
        if not name.startswith("_") and name not in plumbing
    }
    ignored = {
        name
        for name in reporters
        if getattr(_values._Values, name) is not getattr(Collector, name)
    }
    assert reporters - ignored == values


class _Seven(int):
    """An integer of a set built in code whose ``str()`` is not its number."""

    def __str__(self) -> str:
        return "EVIL"


def test_a_number_of_a_subclass_is_written_as_its_value(tmp_path: Any) -> None:
    import csv
    import enum

    class Count(int, enum.Enum):
        A = 7

    for value in (Count.A, _Seven(7)):
        p = S.proposals[1]
        stat = attrs.evolve(p.statistics[0], value=value)
        s = attrs.evolve(
            S,
            proposals=(
                S.proposals[0],
                attrs.evolve(p, statistics=(stat, *p.statistics[1:])),
                *S.proposals[2:],
            ),
        )
        assert mp.validate(s).valid
        target = tmp_path / f"{type(value).__name__}.csv"
        export.write_csv(s, target, table="statistics")
        with open(target, newline="", encoding="utf-8") as f:
            first = next(csv.DictReader(f))
        assert first["value"] == "7"


class _Conforming(str):
    """A text of a set built in code that SQLite would store as another."""

    def __conform__(self, protocol: object) -> str:
        return "WRONG"


class _Five(int):
    """An integer of a set built in code whose ``__int__`` is not its value."""

    def __int__(self) -> int:
        return 5


def test_every_tabular_export_writes_a_subclass_value_as_its_value(
    tmp_path: Any,
) -> None:
    import sqlite3

    first = S.proposals[0]
    odd = attrs.evolve(
        S,
        proposals=(
            attrs.evolve(first, title=_Conforming(first.title), number=_Five(1)),
            *S.proposals[1:],
        ),
    )
    assert mp.validate(odd).valid
    [path] = export.write_sqlite(odd, tmp_path / "x.db")
    db = sqlite3.connect(path)
    try:
        row = db.execute("SELECT title, number FROM proposals LIMIT 1").fetchone()
    finally:
        db.close()
    assert row == (first.title, 1)
    assert export.table(odd, "proposals").rows[0][:3] == (first.id, 1, first.title)
    pytest.importorskip("pandas")
    assert list(export.to_pandas(odd, "proposals")["number"])[:1] == [1]
