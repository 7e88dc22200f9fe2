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
    "str-for-enum": lambda: _statistic(qualifier="about"),
    "str-for-kind": lambda: _proposal(kind="suggestion"),
    "int-for-text": lambda: _proposal(summary=3),
}
WRITERS = {
    "write_json": "as JSON",
    "write_jsonl": "as JSON Lines",
    "write_csv": "as CSV",
    "write_sqlite": "as SQLite",
    "write_datapackage": "Frictionless data package",
    "write_parquet": "as Parquet",
    "to_pandas": "pandas DataFrame",
    "to_polars": "polars DataFrame",
    "to_arrow": "Arrow table",
}


def _export(name: str, s: mp.ProposalSet, folder: Any) -> None:
    if name.startswith("to_"):
        library = {"to_pandas": "pandas", "to_polars": "polars"}.get(name, "pyarrow")
        pytest.importorskip(library)
        for table in ("statistics", "proposals"):
            getattr(export, name)(s, table)
        return
    if name == "write_parquet":
        pytest.importorskip("pyarrow")
    getattr(export, name)(s, folder / "out")


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_export_of_a_set_that_does_not_validate_raises_an_export_error(
    tmp_path: Any, case: str, writer: str
) -> None:
    s = HOSTILE[case]()
    assert not mp.validate(s).valid
    try:
        _export(writer, s, tmp_path)
    except mp.ExportError as exc:
        message = str(exc)
        assert WRITERS[writer] in message or "cannot write" in message
        assert "Traceback" not in message
        if "cannot export" in message:
            assert "validate() reports every problem of the set" in message
    # Some formats write what they are given as text: no error is fine, a raw
    # one is not (pytest reports any other exception as the failure).
