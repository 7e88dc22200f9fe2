"""Exports: each format read back gives the same records; the package validates."""

from __future__ import annotations

import builtins
import csv
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import export

S = mp.load()
TABLES = {t.name: t for t in export.tables(S)}


def as_csv_record(table: export.Table, row: tuple[Any, ...]) -> dict[str, str]:
    return {
        c.name: "" if v is None else str(v)
        for c, v in zip(table.columns, row, strict=True)
    }


def test_tables_have_unique_primary_keys_and_resolving_foreign_keys() -> None:
    for table in TABLES.values():
        names = [c.name for c in table.columns]
        key = [names.index(k) for k in table.primary_key]
        keys = [tuple(row[i] for i in key) for row in table.rows]
        assert len(set(keys)) == len(keys), table.name
        for fk in table.foreign_keys:
            target = TABLES[fk.table]
            target_names = [c.name for c in target.columns]
            targets = {
                tuple(row[target_names.index(r)] for r in fk.references)
                for row in target.rows
            }
            for row in table.rows:
                value = tuple(row[names.index(c)] for c in fk.columns)
                assert None in value or value in targets, (table.name, value)


def test_tables_cover_the_set() -> None:
    assert len(TABLES["proposals"].rows) == 7
    assert len(TABLES["recommendations"].rows) == sum(len(p.recommendations) for p in S)
    assert len(TABLES["evidence"].rows) == len(S.evidence_rows())
    assert len(TABLES["statistics"].rows) == len(S.statistic_rows())
    assert len(TABLES["chinese_titles"].rows) == sum(len(p.titles_zh) for p in S)
    claims = len(S.claims) + len(S.deputy.roles)
    claims += sum(len(p.background) + len(p.aims) for p in S)
    assert len(TABLES["claims"].rows) == claims


def test_json_round_trip(tmp_path: Path) -> None:
    path = export.write_json(S, tmp_path / "set.json")
    assert path.read_bytes() == mp.dumps(S).encode()
    assert mp.loads(path.read_bytes()) == S


def test_jsonl_round_trip(tmp_path: Path) -> None:
    path = export.write_jsonl(S, tmp_path / "p.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    proposals = tuple(
        mp.conversion.structure(json.loads(x), mp.Proposal) for x in lines
    )
    assert proposals == S.proposals


def test_csv_round_trip(tmp_path: Path) -> None:
    paths = export.write_csv(S, tmp_path)
    assert [p.name for p in paths] == [f"{name}.csv" for name in TABLES]
    for table in TABLES.values():
        with (tmp_path / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            records = list(csv.DictReader(f))
        assert records == [as_csv_record(table, row) for row in table.rows]


def test_sqlite_round_trip_keys_and_search(tmp_path: Path) -> None:
    path = export.write_sqlite(S, tmp_path / "p.db")
    db = sqlite3.connect(path)
    try:
        for table in TABLES.values():
            columns = ", ".join(f'"{c.name}"' for c in table.columns)
            rows = db.execute(f"SELECT {columns} FROM {table.name}").fetchall()
            assert rows == list(table.rows), table.name
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        fks = db.execute("PRAGMA foreign_key_list(recommendations)").fetchall()
        assert [(fk[2], fk[3], fk[4]) for fk in fks] == [
            ("proposals", "proposal", "id")
        ]
        hits = db.execute(
            "SELECT r.proposal FROM recommendations_fts f JOIN recommendations r "
            "ON r.rowid = f.rowid WHERE recommendations_fts MATCH 'hospitals'"
        ).fetchall()
        assert hits == [("medical-staff",)]
    finally:
        db.close()


def test_sqlite_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "p.db"
    target.write_text("not a database")
    export.write_sqlite(S, target)
    db = sqlite3.connect(target)
    assert db.execute("SELECT count(*) FROM proposals").fetchone() == (7,)
    db.close()
    assert [p.name for p in tmp_path.iterdir()] == ["p.db"]  # no temporary left


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p.db"
    target.write_text("old")

    def boom(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export, "_create", boom)
    with pytest.raises(OSError, match="disk full"):
        export.write_sqlite(S, target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.db"]


def test_datapackage_is_valid_frictionless(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = export.write_datapackage(S, tmp_path)
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(str(descriptor))
    for table in TABLES.values():
        resource = package.get_resource(table.name)
        rows = resource.read_rows()
        assert len(rows) == len(table.rows)
        for got, want in zip(rows, table.rows, strict=True):
            values = [got[c.name] for c in table.columns]
            # frictionless reads numbers as Decimal
            values = [float(v) if isinstance(v, Decimal) else v for v in values]
            assert values == list(want)


def test_datapackage_describes_keys() -> None:
    package = export.datapackage(S)
    resources = {r["name"]: r for r in package["resources"]}
    evidence = resources["evidence"]["schema"]
    assert evidence["primaryKey"] == ["owner", "index"]
    assert {
        "fields": ["source"],
        "reference": {"resource": "sources", "fields": ["id"]},
    } in (evidence["foreignKeys"])


def test_to_pandas_dtypes_and_records() -> None:
    pd = pytest.importorskip("pandas")
    frames = export.to_pandas(S)
    assert list(frames) == list(TABLES)
    recs = frames["recommendations"]
    assert str(recs["position"].dtype) == "Int64"
    assert isinstance(recs["horizon"].dtype, pd.CategoricalDtype)
    assert list(recs["horizon"].cat.categories) == ["near-term", "medium-long-term"]
    assert str(recs["text"].dtype).startswith("string")
    for name, table in TABLES.items():
        frame = frames[name]
        assert len(frame) == len(table.rows)
        for got, want in zip(frame.itertuples(index=False), table.rows, strict=True):
            assert [None if pd.isna(v) else v for v in got] == list(want), name


def test_to_pandas_without_pandas_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(mp.MissingDependencyError, match=r"ma-proposals\[pandas\]"):
        export.to_pandas(S)


def test_exports_of_a_filtered_set(tmp_path: Path) -> None:
    subset = S.filter(topic="fintech")
    tables = {t.name: t for t in export.tables(subset)}
    assert [row[0] for row in tables["proposals"].rows] == ["fintech"]
    assert {row[0] for row in tables["recommendations"].rows} == {"fintech"}


def test_datapackage_states_its_csv_dialect(tmp_path: Path) -> None:
    # Notes that quote words in single quotes made frictionless sniff "'" as the
    # quote character (and ";" as the delimiter) when the dialect was not stated.
    frictionless = pytest.importorskip("frictionless")
    notes = ("Spellings: 'Dawan District', 'Great Bay area' (大湾区); 'x' is y; z.",)
    source = attrs.evolve(S.sources[0], notes=notes)
    s = attrs.evolve(S, sources=(source, *S.sources[1:]))
    descriptor = export.write_datapackage(s, tmp_path)
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
