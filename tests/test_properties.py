"""Property suites over generated sets, each class stating the rule it checks.

The strategies are imported exactly as a downstream project would import them.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import tempfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import find, given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals import conversion, export
from ma_proposals.query import Predicate, text, theme, topic, where
from ma_proposals.schema import json_schema
from ma_proposals.strategies import (
    CORRUPTION_CODES,
    Corruption,
    corruptions,
    proposal_sets,
    proposals,
    recommendations,
    statistics,
    texts,
)

from .helpers import combined, heavy

SOME = heavy(3)
FEW = heavy(10)


class TestRoundTrip:
    """model -> canonical JSON -> model is the identity; canonical JSON is a fixed
    point: dumps(loads(dumps(x))) == dumps(x)."""

    @SOME
    @given(proposal_sets())
    def test_sets(self, s: mp.ProposalSet) -> None:
        text = mp.dumps(s)
        again = mp.loads(text, base=texts(s))
        assert again == s
        assert mp.dumps(again) == text

    @SOME
    @given(st.one_of(proposals(), recommendations(), statistics()))
    def test_items(self, item: mp.Proposal | mp.Recommendation | mp.Statistic) -> None:
        data = json.loads(json.dumps(conversion.unstructure(item)))
        assert conversion.structure(data, type(item)) == item


class TestValidation:
    """Validation is sound and complete on generated data: valid sets have no
    problems, and each single fault yields exactly its code at its path."""

    @SOME
    @given(proposal_sets())
    def test_valid_sets_have_no_problems(self, s: mp.ProposalSet) -> None:
        assert mp.validate(s, base=texts(s)).valid
        assert mp.validate(mp.dumps(s), base=texts(s)).valid

    @SOME
    @given(proposal_sets())
    def test_valid_sets_pass_the_json_schema(self, s: mp.ProposalSet) -> None:
        # The schema is never stricter than validate(): what validates, passes.
        jsonschema.Draft202012Validator(json_schema()).validate(json.loads(mp.dumps(s)))

    @SOME
    @given(corruptions())
    def test_each_corruption_is_found_exactly(self, c: Corruption) -> None:
        report = mp.validate(c.data, base=c.texts)
        assert [(p.code, p.path) for p in report.problems] == [(c.code, c.path)]
        with pytest.raises(mp.ValidationError) as info:
            mp.loads(c.data, base=c.texts)
        assert info.value.problems == report.problems

    @pytest.mark.parametrize("code", CORRUPTION_CODES)
    def test_every_code_can_be_produced(self, code: str) -> None:
        @FEW
        @given(corruptions(codes=[code]))
        def check(c: Corruption) -> None:
            assert c.code == code
            report = mp.validate(c.data, base=c.texts)
            assert [(p.code, p.path) for p in report.problems] == [(code, c.path)]

        check()

    def test_unknown_codes_are_refused(self) -> None:
        with pytest.raises(ValueError, match="cannot produce"):
            find(corruptions(codes=["too-large"]), lambda c: True)


def _predicates(s: mp.ProposalSet) -> st.SearchStrategy[Predicate]:
    words = sorted({w for p in s for w in p.summary.split()})
    options = [
        st.sampled_from([t.id for t in s.topics]).map(topic),
        st.sampled_from(words).map(text),
        st.sampled_from([p.id for p in s]).map(
            lambda pid: where(lambda p: p.id == pid)
        ),
    ]
    if s.themes:
        options.append(st.sampled_from([t.id for t in s.themes]).map(theme))
    return combined(st.one_of(options), max_leaves=5)


class TestQueryLaws:
    """On any set, index-backed filtering equals a scan, and the predicates obey
    De Morgan's laws and complementation."""

    @SOME
    @given(st.data(), proposal_sets(min_proposals=1))
    def test_laws(self, data: st.DataObject, s: mp.ProposalSet) -> None:
        a = data.draw(_predicates(s))
        b = data.draw(_predicates(s))

        def ids(predicate: Predicate) -> set[str]:
            return {p.id for p in s.filter(predicate)}

        everything = {p.id for p in s}
        assert ids(a) == {p.id for p in s if a(p)}
        assert ids(~(a & b)) == ids(~a | ~b) == everything - ids(a & b)
        assert ids(a & ~a) == set()
        assert ids(a | ~a) == everything
        assert [p.number for p in s.filter(a)] == sorted(p.number for p in s.filter(a))


class TestSearch:
    """Search is deterministic and honours its limit on any set."""

    @SOME
    @given(proposal_sets(min_proposals=1), st.integers(min_value=0, max_value=5))
    def test_deterministic_and_limited(self, s: mp.ProposalSet, limit: int) -> None:
        word = s.proposals[0].summary.split()[0]
        query = f'"{word}"'
        hits = s.search(query, limit=limit)
        assert len(hits) <= limit
        assert hits == s.search(query, limit=limit)
        assert hits == s.search(query, limit=None)[:limit]
        assert all("[" in h.snippet for h in hits)


class TestExportRoundTrips:
    """Every table read back from CSV and from SQLite gives the same records."""

    @SOME
    @given(proposal_sets())
    def test_csv_and_sqlite(self, s: mp.ProposalSet) -> None:
        tables = export.tables(s)
        with tempfile.TemporaryDirectory() as folder:
            export.write_csv(s, folder)
            [db_path] = export.write_sqlite(s, Path(folder) / "x.db")
            db = sqlite3.connect(db_path)
            try:
                for table in tables:
                    with (Path(folder) / f"{table.name}.csv").open(
                        encoding="utf-8", newline=""
                    ) as f:
                        rows = list(csv.reader(f))[1:]
                    assert rows == [
                        ["" if v is None else str(v) for v in row] for row in table.rows
                    ]
                    names = ", ".join(f'"{c.name}"' for c in table.columns)
                    stored = db.execute(f"SELECT {names} FROM {table.name}").fetchall()
                    assert stored == list(table.rows)
            finally:
                db.close()

    @SOME
    @given(proposal_sets())
    def test_jsonl(self, s: mp.ProposalSet) -> None:
        with tempfile.TemporaryDirectory() as folder:
            [path] = export.write_jsonl(s, Path(folder) / "x.jsonl")
            lines = path.read_text(encoding="utf-8").splitlines()
        again = tuple(conversion.structure(json.loads(x), mp.Proposal) for x in lines)
        assert again == s.proposals
