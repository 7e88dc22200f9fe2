"""Exports: each format read back gives the same records; rows agree with tables."""

from __future__ import annotations

import builtins
import contextlib
import csv
import dataclasses
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


def test_table_names_are_the_tables() -> None:
    assert tuple(TABLES) == export.TABLE_NAMES
    for name in export.TABLE_NAMES:
        assert export.table(S, name) == TABLES[name]
    with pytest.raises(mp.UnknownIdError, match="did you mean 'proposals'"):
        export.table(S, "proposal")


def test_tables_have_unique_primary_keys_and_resolving_foreign_keys() -> None:
    for table in TABLES.values():
        names = list(table.column_names)
        key = [names.index(k) for k in table.primary_key]
        keys = [tuple(row[i] for i in key) for row in table.rows]
        assert len(set(keys)) == len(keys), table.name
        for fk in table.foreign_keys:
            target = TABLES[fk.table]
            target_names = list(target.column_names)
            targets = {
                tuple(row[target_names.index(r)] for r in fk.references)
                for row in target.rows
            }
            for row in table.rows:
                value = tuple(row[names.index(c)] for c in fk.columns)
                assert None in value or value in targets, (table.name, value)


def test_tables_cover_the_set() -> None:
    assert len(TABLES["proposals"].rows) == len(S)
    assert len(TABLES["recommendations"].rows) == sum(len(p.recommendations) for p in S)
    assert len(TABLES["evidence"].rows) == len(S.rows("evidence"))
    assert len(TABLES["statistics"].rows) == len(S.rows("statistics"))
    assert len(TABLES["chinese_titles"].rows) == sum(len(p.titles_zh) for p in S)
    claims = (
        len(S.claims)
        + len(S.deputy.roles)
        + sum(len(p.background) + len(p.aims) for p in S)
    )
    assert len(TABLES["claims"].rows) == claims
    scopes = {row[1] for row in TABLES["claims"].rows}
    assert scopes <= {"set", "role", "background", "aim"}
    wordings = TABLES["chinese_wordings"].records()
    items: list[mp.Claim | mp.Recommendation] = []
    for p in S:
        items += [*p.aims, *p.recommendations]
    assert len(wordings) == sum(len(i.wordings_zh) for i in items)
    first = next(i for i in items if i.wordings_zh)
    assert (wordings[0]["owner_id"], wordings[0]["text"]) == (
        first.id,
        first.wordings_zh[0].text,
    )
    divergences = TABLES["divergences"].records()
    assert [d["id"] for d in divergences] == [d.id for p in S for d in p.divergences]
    # A divergence's evidence and citations join on its path.
    paths = {d["path"] for d in divergences}
    for name in ("evidence", "citations"):
        owned = [r for r in TABLES[name].records() if r["owner"] in paths]
        assert len(owned) == sum(
            len(getattr(d, name)) for p in S for d in p.divergences
        )
    inferred = [row for row in TABLES["claims"].rows if row[5] is not None]
    assert len(inferred) == sum(
        1
        for c in (*S.claims, *(c for p in S for c in (*p.background, *p.aims)))
        if c.inferred
    )


def test_tables_are_in_the_articles_order() -> None:
    numbers = [row[1] for row in TABLES["proposals"].rows]
    assert numbers == sorted(numbers) == [p.number for p in S]
    recs = TABLES["recommendations"].records()
    assert [(r["proposal_number"], r["position"]) for r in recs] == sorted(
        (r["proposal_number"], r["position"]) for r in recs
    )


@pytest.mark.parametrize("table", ["recommendations", "statistics", "evidence"])
def test_flat_rows_are_the_tables(table: str) -> None:
    got = S.rows(table)
    fields = tuple(f.name for f in dataclasses.fields(got[0]))
    assert fields == TABLES[table].column_names
    assert [dataclasses.astuple(r) for r in got] == list(TABLES[table].rows)


def test_flat_rows_and_hits_become_columns_in_pandas() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(S.rows("recommendations"))
    assert tuple(frame.columns) == TABLES["recommendations"].column_names
    assert frame["proposal_number"].tolist() == [
        r[1] for r in TABLES["recommendations"].rows
    ]
    hits = S.search("digital", limit=5)
    frame = pd.DataFrame(hits)
    assert list(frame.columns)[:6] == [
        "proposal",
        "field",
        "item",
        "text",
        "snippet",
        "score",
    ]
    assert frame["proposal"].tolist() == [h.proposal for h in hits]


def test_json_round_trip(tmp_path: Path) -> None:
    written = export.write_json(S, tmp_path / "set.json")
    shipped = [src for src in S.sources if src.resource]
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "set.json",
        *(f"set.sources/{src.id}.txt" for src in shipped),
    ]
    again = mp.load_path(written[0])
    moved = tuple(
        attrs.evolve(src, resource=f"set.sources/{src.id}.txt") if src.resource else src
        for src in S.sources
    )
    assert again == attrs.evolve(S, sources=moved)
    for src in shipped:
        assert again.source_text(src.id) == S.source_text(src.id)
    [bare] = export.write_json(S, tmp_path / "bare.json", texts=False)
    assert bare.read_bytes() == mp.dumps(S).encode()


def test_jsonl_round_trip(tmp_path: Path) -> None:
    [path] = export.write_jsonl(S, tmp_path / "p.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(S)
    proposals = tuple(
        mp.conversion.structure(json.loads(x), mp.Proposal) for x in lines
    )
    assert proposals == S.proposals


def test_csv_round_trip(tmp_path: Path) -> None:
    paths = export.write_csv(S, tmp_path / "tables")
    assert paths == [tmp_path / "tables" / f"{name}.csv" for name in TABLES]
    for table in TABLES.values():
        with (tmp_path / "tables" / f"{table.name}.csv").open(
            encoding="utf-8", newline=""
        ) as f:
            records = list(csv.DictReader(f))
        assert records == [as_csv_record(table, row) for row in table.rows]


def test_one_csv_table(tmp_path: Path) -> None:
    assert export.write_csv(S, tmp_path / "r.csv", table="recommendations") == [
        tmp_path / "r.csv"
    ]
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    table = TABLES["recommendations"]
    assert records == [as_csv_record(table, row) for row in table.rows]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_sqlite_round_trip_keys_and_search(tmp_path: Path) -> None:
    [path] = export.write_sqlite(S, tmp_path / "p.db")
    db = sqlite3.connect(path)
    try:
        for table in TABLES.values():
            columns = ", ".join(f'"{c}"' for c in table.column_names)
            rows = db.execute(f"SELECT {columns} FROM {table.name}").fetchall()
            assert rows == list(table.rows), table.name
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        fks = db.execute("PRAGMA foreign_key_list(recommendations)").fetchall()
        assert [(fk[2], fk[3], fk[4]) for fk in fks] == [
            ("proposals", "proposal", "id")
        ]
        hits = db.execute(
            "SELECT r.proposal FROM recommendations_fts f JOIN recommendations r "
            "ON r.rowid = f.rowid WHERE recommendations_fts MATCH 'hospitals'"
        ).fetchall()
        want = {r.proposal for r in S.rows("recommendations") if "hospital" in r.text}
        assert {h[0] for h in hits} == want
    finally:
        db.close()


def test_sqlite_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "p.db"
    target.write_text("not a database")
    target.chmod(0o600)
    export.write_sqlite(S, target)
    db = sqlite3.connect(target)
    assert db.execute("SELECT count(*) FROM proposals").fetchone() == (len(S),)
    db.close()
    assert [p.name for p in tmp_path.iterdir()] == ["p.db"]  # no temporary left
    assert target.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its mode


def test_datapackage_is_valid_frictionless(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor, *tables = export.write_datapackage(S, tmp_path / "package")
    assert descriptor.name == "datapackage.json"
    assert [t.name for t in tables] == [f"{name}.csv" for name in TABLES]
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(str(descriptor))
    for table in TABLES.values():
        resource = package.get_resource(table.name)
        rows = resource.read_rows()
        assert len(rows) == len(table.rows)
        for got, want in zip(rows, table.rows, strict=True):
            values = [got[c] for c in table.column_names]
            # frictionless reads numbers as Decimal
            values = [float(v) if isinstance(v, Decimal) else v for v in values]
            assert values == list(want)


def test_datapackage_describes_keys_licences_version_and_sources() -> None:
    package = export.datapackage(S)
    resources = {r["name"]: r for r in package["resources"]}
    evidence = resources["evidence"]["schema"]
    assert evidence["primaryKey"] == ["owner", "index"]
    assert {
        "fields": ["source"],
        "reference": {"resource": "sources", "fields": ["id"]},
    } in (evidence["foreignKeys"])
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert package["description"].startswith(S.title)
    assert package.get("version") == S.version
    ids = {src.id for src in S.sources}
    titles = [source["title"] for source in package["sources"]]
    assert len(titles) == len(S.sources)
    assert all(title and title not in ids for title in titles)


def test_datapackage_version_is_the_data_version() -> None:
    assert "version" not in export.datapackage(attrs.evolve(S, version=None))
    versioned = attrs.evolve(S, version="2026.1")
    assert export.datapackage(versioned)["version"] == "2026.1"


def test_to_pandas_dtypes_and_records() -> None:
    pd = pytest.importorskip("pandas")
    recs = S.to_pandas("recommendations")
    assert str(recs["position"].dtype) == "Int64"
    assert isinstance(recs["horizon"].dtype, pd.CategoricalDtype)
    assert list(recs["horizon"].cat.categories) == ["near-term", "medium-long-term"]
    assert str(recs["text"].dtype).startswith("string")
    assert str(S.to_pandas("statistics")["value"].dtype) == "Int64"  # all integers
    assert list(S.to_pandas("proposals").columns) == list(
        TABLES["proposals"].column_names
    )
    for name, table in TABLES.items():
        frame = export.to_pandas(S, name)
        assert tuple(frame.columns) == table.column_names
        assert len(frame) == len(table.rows)
        for got, want in zip(frame.itertuples(index=False), table.rows, strict=True):
            assert [None if pd.isna(v) else v for v in got] == list(want), name


def test_to_polars_types_and_records() -> None:
    pl = pytest.importorskip("polars")
    for name, table in TABLES.items():
        frame = export.to_polars(S, name)
        assert tuple(frame.columns) == table.column_names
        assert frame.rows() == list(table.rows), name
    recs = export.to_polars(S, "recommendations")
    assert recs.schema["position"] == pl.Int64
    assert recs.schema["horizon"] == pl.Enum(["near-term", "medium-long-term"])
    assert export.to_polars(S, "statistics").schema["value"] == pl.Int64


def test_to_arrow_types_keys_and_records() -> None:
    pa = pytest.importorskip("pyarrow")
    for name, table in TABLES.items():
        arrow = export.to_arrow(S, name)
        assert tuple(arrow.column_names) == table.column_names
        records = arrow.to_pylist()
        assert [tuple(r.values()) for r in records] == list(table.rows), name
        metadata = arrow.schema.metadata
        assert json.loads(metadata[b"primary_key"]) == list(table.primary_key)
        assert len(json.loads(metadata[b"foreign_keys"])) == len(table.foreign_keys)
    recs = export.to_arrow(S, "recommendations")
    assert recs.schema.field("position").type == pa.int64()
    assert not recs.schema.field("id").nullable
    horizon = recs.schema.field("horizon").type
    assert pa.types.is_dictionary(horizon)
    assert recs.column("horizon").chunk(0).dictionary.to_pylist() == [
        "near-term",
        "medium-long-term",
    ]


@pytest.mark.parametrize(
    ("method", "module", "extra"),
    [
        ("to_pandas", "pandas", "pandas"),
        ("to_polars", "polars", "polars"),
        ("to_arrow", "pyarrow", "arrow"),
    ],
)
def test_frames_without_their_library_name_the_extra(
    monkeypatch: pytest.MonkeyPatch, method: str, module: str, extra: str
) -> None:
    real_import = builtins.__import__

    def missing(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module or name.startswith(module + "."):
            raise ImportError(f"No module named {module!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", missing)
    monkeypatch.setattr("importlib.import_module", lambda name: missing(name))
    with pytest.raises(mp.MissingDependencyError, match=rf"ma-proposals\[{extra}\]"):
        getattr(export, method)(S, "proposals")


def test_parquet_without_pyarrow_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def missing(name: str) -> Any:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr("importlib.import_module", missing)
    with pytest.raises(mp.MissingDependencyError, match=r"ma-proposals\[arrow\]"):
        export.write_parquet(S, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_parquet_folder_read_by_pyarrow_duckdb_and_polars(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths = export.write_parquet(S, tmp_path / "pq")
    assert paths == [tmp_path / "pq" / f"{name}.parquet" for name in TABLES]
    for name, table in TABLES.items():
        stored = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert [tuple(r.values()) for r in stored.to_pylist()] == list(table.rows)
        primary_key = json.loads(stored.schema.metadata[b"primary_key"])
        assert primary_key == list(table.primary_key)
    duckdb = pytest.importorskip("duckdb")
    folder = (tmp_path / "pq").as_posix()
    counts = duckdb.sql(
        f"SELECT p.number, count(*) FROM '{folder}/recommendations.parquet' r "
        f"JOIN '{folder}/proposals.parquet' p ON p.id = r.proposal "
        "GROUP BY p.number ORDER BY p.number"
    ).fetchall()
    assert counts == [
        (p.number, len(p.recommendations)) for p in S if p.recommendations
    ]
    pl = pytest.importorskip("polars")
    frame = pl.read_parquet(tmp_path / "pq" / "statistics.parquet")
    assert frame.rows() == list(TABLES["statistics"].rows)


def test_one_parquet_table_opens_in_hugging_face_datasets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    [path] = export.write_parquet(S, tmp_path / "recs.parquet", table="recommendations")
    dataset = datasets.load_dataset(
        "parquet",
        data_files=str(path),
        split="train",
        cache_dir=str(tmp_path / "cache"),
    )
    assert dataset.column_names == list(TABLES["recommendations"].column_names)
    assert [tuple(r.values()) for r in dataset] == list(TABLES["recommendations"].rows)


def test_exports_of_a_filtered_set(tmp_path: Path) -> None:
    subset = S.filter(topic="fintech")
    tables = {t.name: t for t in export.tables(subset)}
    assert [row[0] for row in tables["proposals"].rows] == ["fintech"]
    assert {row[0] for row in tables["recommendations"].rows} == {"fintech"}
    # Claims about proposals the subset left out keep their text, not the link.
    assert {row[2] for row in tables["claim_proposals"].rows} <= {"fintech"}
    [path] = export.write_sqlite(subset, tmp_path / "f.db")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_formats_and_guessing() -> None:
    assert list(export.FORMATS) == [
        "json",
        "jsonl",
        "csv",
        "sqlite",
        "datapackage",
        "parquet",
    ]
    guesses = {
        "a.json": "json",
        "a.JSONL": "jsonl",
        "a.ndjson": "jsonl",
        "a.csv": "csv",
        "a.db": "sqlite",
        "a.sqlite3": "sqlite",
        "a.parquet": "parquet",
        "folder": None,
        "a.txt": None,
    }
    for name, want in guesses.items():
        assert export.guess_format(name) == want, name
    with pytest.raises(ValueError, match="no single tables"):
        export.FORMATS["json"].write(S, "x.json", "topics")


def test_datapackage_states_its_csv_dialect(tmp_path: Path) -> None:
    # Notes that quote words in single quotes made frictionless sniff "'" as the
    # quote character (and ";" as the delimiter) when the dialect was not stated.
    frictionless = pytest.importorskip("frictionless")
    notes = ("Spellings: 'Dawan District', 'Great Bay area' (大湾区); 'x' is y; z.",)
    source = attrs.evolve(S.sources[0], notes=notes)
    s = attrs.evolve(S, sources=(source, *S.sources[1:]))
    descriptor, *_ = export.write_datapackage(s, tmp_path / "package")
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_lone_carriage_return_is_quoted_in_every_csv(tmp_path: Path) -> None:
    # With "\n" ending rows, a field holding a lone "\r" was written unquoted,
    # and readers split it into two rows.
    texts = ["one\rtwo", "three\r", "\rfour", "five\r\nsix", "seven\neight"]
    first = S.proposals[0]
    recommendations = tuple(
        attrs.evolve(r, text=texts[i]) if i < len(texts) else r
        for i, r in enumerate(first.recommendations)
    )
    proposal = attrs.evolve(first, recommendations=recommendations)
    s = attrs.evolve(S, proposals=(proposal, *S.proposals[1:]))
    table = export.table(s, "recommendations")
    assert len(recommendations) >= len(texts)
    expected = [
        list(table.column_names),
        *(["" if v is None else str(v) for v in row] for row in table.rows),
    ]
    written = [
        *export.write_csv(s, tmp_path / "csv"),
        *export.write_csv(s, tmp_path / "one.csv", table="recommendations"),
        *export.write_datapackage(s, tmp_path / "package"),
    ]
    files = [p for p in written if p.name in ("recommendations.csv", "one.csv")]
    assert len(files) == 3
    for path in files:
        with path.open(encoding="utf-8", newline="") as f:
            assert list(csv.reader(f)) == expected, path
    [excel] = export.write_csv(
        s, tmp_path / "x.csv", table="recommendations", excel=True
    )
    with excel.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == len(expected)
    assert [row[:2] for row in rows] == [row[:2] for row in expected]


def test_the_recommendations_call_the_proposals_number_proposal_number(
    tmp_path: Path,
) -> None:
    # So that joining the proposals table brings no second "number" column.
    names = TABLES["recommendations"].column_names
    assert names[:2] == ("proposal", "proposal_number")
    assert not set(names) & set(TABLES["proposals"].column_names) - {"id"}
    fields = [f.name for f in dataclasses.fields(mp.query.RecommendationRow)]
    assert fields == list(names)
    assert S.rows("recommendations")[0].proposal_number == S.proposals[0].number
    (written,) = export.write_csv(S, tmp_path / "r.csv", table="recommendations")
    with written.open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f))[:2] == ["proposal", "proposal_number"]
    package = export.datapackage(S)
    (resource,) = [r for r in package["resources"] if r["name"] == "recommendations"]
    assert [f["name"] for f in resource["schema"]["fields"]][:2] == [
        "proposal",
        "proposal_number",
    ]
    export.write_sqlite(S, tmp_path / "s.db")
    with contextlib.closing(sqlite3.connect(tmp_path / "s.db")) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(recommendations)")]
        assert columns[:2] == ["proposal", "proposal_number"]
        numbers = db.execute(
            "SELECT DISTINCT r.proposal_number = p.number FROM recommendations r "
            "JOIN proposals p ON p.id = r.proposal"
        ).fetchall()
        assert numbers == [(1,)]


def test_the_tidy_table_is_a_row_per_recommendation_with_its_proposal() -> None:
    quick = export.tidy(S)
    proposals, recs = TABLES["proposals"], TABLES["recommendations"]
    prefixed = tuple(f"proposal_{name}" for name in proposals.column_names)
    own = tuple(
        n for n in recs.column_names if n not in ("proposal", "proposal_number")
    )
    assert quick.column_names == prefixed + own
    assert len(set(quick.column_names)) == len(quick.column_names)
    assert quick.primary_key == ("proposal_id", "id")
    by_id = {p["id"]: p for p in proposals.records()}
    records = quick.records()
    assert len(records) == len(recs.rows)
    for row, rec in zip(records, recs.records(), strict=True):
        proposal = by_id[rec["proposal"]]
        assert {k: row[f"proposal_{k}"] for k in proposal} == proposal
        assert {k: row[k] for k in own} == {k: rec[k] for k in own}
        assert row["proposal_number"] == rec["proposal_number"]
    topic = next(c for c in quick.columns if c.name == "proposal_topic")
    assert topic.description.startswith("Of the proposal (proposals.topic): ")
    kinds = {c.name: c.enum for c in quick.columns}
    assert kinds["proposal_title_kind"] == next(
        c.enum for c in proposals.columns if c.name == "title_kind"
    )
    keys = {(fk.columns, fk.table) for fk in quick.foreign_keys}
    assert keys == {(("proposal_id",), "proposals"), (("proposal_topic",), "topics")}


def test_to_pandas_with_no_argument_is_the_tidy_table() -> None:
    pd = pytest.importorskip("pandas")
    frame = S.to_pandas()
    quick = export.tidy(S)
    assert tuple(frame.columns) == quick.column_names
    assert frame.columns[:3].tolist() == [
        "proposal_id",
        "proposal_number",
        "proposal_title",
    ]
    assert "proposal_topic" in frame.columns
    assert len(frame) == sum(len(p.recommendations) for p in S)
    for got, want in zip(frame.itertuples(index=False), quick.rows, strict=True):
        assert [None if pd.isna(v) else v for v in got] == list(want)
    assert str(frame["proposal_number"].dtype) == "Int64"
    assert isinstance(frame["proposal_title_kind"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["horizon"].dtype, pd.CategoricalDtype)
    assert frame.equals(export.to_pandas(S, None))
    fintech = frame[frame["proposal_id"] == "fintech"]
    assert fintech["id"].tolist() == [r.id for r in S["fintech"].recommendations]
    assert set(fintech["proposal_topic"]) == {S["fintech"].topic}
    # The named tables are as they were.
    named = S.to_pandas("recommendations")
    assert tuple(named.columns) == TABLES["recommendations"].column_names


def test_the_tidy_table_in_polars_and_arrow() -> None:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    quick = export.tidy(S)
    frame = export.to_polars(S, None)
    assert frame.rows() == list(quick.rows)
    assert frame.schema["proposal_number"] == pl.Int64
    arrow = export.to_arrow(S, None)
    assert json.loads(arrow.schema.metadata[b"primary_key"]) == ["proposal_id", "id"]
    assert [tuple(r.values()) for r in arrow.to_pylist()] == list(quick.rows)
