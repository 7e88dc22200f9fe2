"""A set that validates exports in every format, and every format reads back.

The rule, over generated sets (:func:`ma_proposals.strategies.proposal_sets`):
if ``validate(s)`` finds no problem, then every writer of
:data:`ma_proposals.export.FORMATS` succeeds, and

- SQLite passes ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``
  and holds the tables' rows;
- ``frictionless`` validates the data package (types, required fields,
  vocabularies, primary and foreign keys);
- the CSV tables, the Parquet tables, the JSON document (with its texts) and
  the JSON Lines read back equal to what was written.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals import conversion, export
from ma_proposals.strategies import proposal_sets, texts

from .helpers import heavy

# Ids that earlier versions joined into keys ("career/<id>"), and plain ones.
_IDS = st.sampled_from(["career", "career-x", "a", "a-b", "proposals", "x"])


@st.composite
def colliding_sets(draw: st.DrawFn) -> mp.ProposalSet:
    """Valid sets whose proposal ids may equal key prefixes or statistic ids."""
    s = draw(proposal_sets(min_proposals=1, optional_fields=True))
    p = s.proposals[0]
    new_id = draw(_IDS)
    if any(q.id == new_id for q in s.proposals[1:]):
        return s

    def rename(claim: mp.Claim) -> mp.Claim:
        ids = tuple(new_id if x == p.id else x for x in claim.proposals)
        return attrs.evolve(claim, proposals=ids)

    career = s.deputy.career
    statistics = p.statistics
    if career and career.statistics and statistics:  # share a statistic id
        statistics = (
            attrs.evolve(statistics[0], id=career.statistics[0].id),
            *statistics[1:],
        )
        if len({x.id for x in statistics}) != len(statistics):
            statistics = p.statistics
    first = attrs.evolve(p, id=new_id, statistics=statistics)
    return attrs.evolve(
        s,
        proposals=(first, *s.proposals[1:]),
        claims=tuple(rename(c) for c in s.claims),
        deputy=attrs.evolve(s.deputy, roles=tuple(rename(c) for c in s.deputy.roles)),
    )


def _check_sqlite(s: mp.ProposalSet, folder: Path) -> None:
    [path] = export.write_sqlite(s, folder / "x.db")
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in export.tables(s):
            names = ", ".join(f'"{c}"' for c in table.column_names)
            stored = db.execute(f"SELECT {names} FROM {table.name}").fetchall()
            assert stored == list(table.rows), table.name
    finally:
        db.close()


def _check_csv(s: mp.ProposalSet, folder: Path) -> None:
    export.write_csv(s, folder / "csv")
    for table in export.tables(s):
        with (folder / "csv" / f"{table.name}.csv").open(
            encoding="utf-8", newline=""
        ) as f:
            header, *rows = list(csv.reader(f))
        assert tuple(header) == table.column_names
        assert rows == [
            ["" if v is None else str(v) for v in row] for row in table.rows
        ]


def _check_datapackage(s: mp.ProposalSet, folder: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = export.write_datapackage(s, folder / "package")[0]
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def _check_json(s: mp.ProposalSet, folder: Path) -> None:
    document = export.write_json(s, folder / "set.json")[0]
    again = mp.load_path(document)
    assert again.proposals == s.proposals
    assert attrs.evolve(again, sources=s.sources) == s
    for source in s.sources:
        if source.resource:
            assert again.source_text(source.id) == s.source_text(source.id)
    [lines] = export.write_jsonl(s, folder / "x.jsonl")
    proposals = tuple(
        conversion.structure(json.loads(x), mp.Proposal)
        for x in lines.read_text(encoding="utf-8").splitlines()
    )
    assert proposals == s.proposals


def _check_parquet(s: mp.ProposalSet, folder: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export.write_parquet(s, folder / "pq")
    for table in export.tables(s):
        stored = pq.read_table(folder / "pq" / f"{table.name}.parquet")
        rows = [tuple(r.values()) for r in stored.to_pylist()]
        # A "number" column is stored as a float: equal in value.
        assert rows == list(table.rows), table.name


class TestValidSetsExportInEveryFormat:
    """validate(s) is valid => every format is written and reads back equal."""

    @heavy(5)
    @given(st.one_of(proposal_sets(), colliding_sets()))
    def test_every_format(self, s: mp.ProposalSet) -> None:
        assert mp.validate(s, base=texts(s)).valid
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            _check_sqlite(s, folder)
            _check_csv(s, folder)
            _check_json(s, folder)
            _check_parquet(s, folder)
            for format in export.FORMATS.values():  # every writer, by the registry
                target = folder / "all" / format.name
                assert format.write(s, target)

    @heavy(10)
    @given(colliding_sets())
    def test_datapackage_validates_with_frictionless(self, s: mp.ProposalSet) -> None:
        assert mp.validate(s, base=texts(s)).valid
        with tempfile.TemporaryDirectory() as name:
            _check_datapackage(s, Path(name))
