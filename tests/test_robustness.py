"""Odd inputs and object behaviours: nothing escapes but the package's errors
(or a TypeError for an argument of the wrong type), and sets stay plain values."""

from __future__ import annotations

import copy
import json
import math
import os
import pickle
import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import _source_texts, export, search
from ma_proposals.cli import main

from .helpers import ARTICLE, PACKAGED

S = mp.load()


def codes(report: mp.Report) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in report.problems]


class TestStrictJson:
    def test_an_integer_too_long_to_read(self, raw: dict[str, Any]) -> None:
        text = PACKAGED.read_text(encoding="utf-8").replace(
            '"value": 255000000', '"value": ' + "9" * 5000
        )
        assert [c for c, _ in codes(mp.validate(text))] == ["out-of-range"]
        with pytest.raises(mp.ValidationError):
            mp.loads(text)

    @pytest.mark.parametrize("number", ["1e400", "-1e400"])
    def test_a_number_too_large_for_a_float(self, number: str) -> None:
        text = PACKAGED.read_text(encoding="utf-8").replace(
            '"value": 255000000', f'"value": {number}'
        )
        (problem,) = mp.validate(text).problems
        assert problem.code == "invalid-json"
        assert "too large" in problem.message

    def test_escaped_lone_surrogates(self, raw: dict[str, Any]) -> None:
        raw["proposals"][2]["summary"] = "\ud800"
        text = json.dumps(raw)  # ASCII: the surrogate is written as an escape
        assert codes(mp.validate(text)) == [("not-utf8", "$.proposals[2].summary")]
        raw["proposals"][2]["summary"] = "ok"
        raw["proposals"][2]["\udfff"] = 1
        assert codes(mp.validate(json.dumps(raw))) == [
            ("not-utf8", "$.proposals[2]"),
            ("unknown-key", "$.proposals[2]['\udfff']"),
        ]

    def test_a_surrogate_pair_is_fine(self, raw: dict[str, Any]) -> None:
        raw["proposals"][2]["summary"] = "rice 🌾"
        assert mp.validate(json.dumps(raw)).valid

    def test_a_lone_surrogate_in_a_str_document(self) -> None:
        (problem,) = mp.validate('{"title": "\ud800"}').problems
        assert problem.code == "not-utf8"

    def test_non_string_keys_in_a_mapping(self, raw: dict[Any, Any]) -> None:
        raw[1] = "x"
        assert codes(mp.validate(raw)) == [("unknown-key", "$['1']")]

    def test_loads_takes_text_or_bytes_only(self) -> None:
        value: object
        for value in (None, 5, {}, []):
            with pytest.raises(TypeError, match="JSON text or bytes"):
                mp.loads(value)  # type: ignore[arg-type]


class TestSetsBuiltInCode:
    def test_wrong_types_are_reported(self) -> None:
        changed = attrs.evolve(S, title=123, year="2020")  # type: ignore[arg-type]
        assert codes(mp.validate(changed)) == [
            ("wrong-type", "$.title"),
            ("wrong-type", "$.year"),
        ]

    @pytest.mark.parametrize("value", [math.nan, math.inf])
    def test_non_finite_numbers_are_reported(self, value: float) -> None:
        proposal = S.proposals[1]
        stat = attrs.evolve(proposal.statistics[1], value=value)
        p = attrs.evolve(proposal, statistics=(proposal.statistics[0], stat))
        changed = attrs.evolve(S, proposals=(S.proposals[0], p, *S.proposals[2:]))
        assert codes(mp.validate(changed)) == [
            ("wrong-type", "$.proposals[1].statistics[1].value")
        ]
        with pytest.raises(ValueError, match="not JSON compliant"):
            mp.dumps(changed)


class TestBases:
    def test_a_string_base_is_a_directory(self, tmp_path: Path) -> None:
        (tmp_path / "sources").mkdir()
        name = "sources/21st-century-economic-report-2020.txt"
        (tmp_path / name).write_bytes(ARTICLE.read_bytes())
        assert mp.loads(PACKAGED.read_bytes(), base=str(tmp_path)) == S

    def test_mapping_values_must_be_bytes(self) -> None:
        base = {"sources/21st-century-economic-report-2020.txt": "text"}
        with pytest.raises(TypeError, match="must be bytes"):
            mp.loads(PACKAGED.read_bytes(), base=base)  # type: ignore[arg-type]

    def test_a_loaded_set_keeps_its_texts_but_validation_does_not(self) -> None:
        folder = Path(__file__).parent / "data" / "valid"
        document = json.loads((folder / "minimal.json").read_text(encoding="utf-8"))
        # A text no other test has read: the minimal one with a sentence added.
        blob = (folder / "sources" / "minimal.txt").read_bytes() + b" A new end."
        checksum = _source_texts.sha256(blob)
        document["sources"][0]["sha256"] = checksum
        data, base = json.dumps(document), {"sources/minimal.txt": blob}
        assert mp.validate(data, base=base).valid
        assert checksum not in _source_texts._verified
        s = mp.loads(data, base=base)
        assert s.source_text("text").endswith("A new end.")
        ev = s.proposals[0].evidence[0]
        assert s.context(ev, width=3).exact == ev.exact


class TestLookupsAndArguments:
    def test_load_accepts_only_packaged_names(self) -> None:
        for name in ("schema/proposal-set.schema", "../data/ma-huateng-2020", ""):
            with pytest.raises(mp.UnknownIdError):
                mp.load(name)

    def test_unknown_numbers(self) -> None:
        with pytest.raises(KeyError):
            S[123]
        assert S.get(123) is None

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"query": None}, "query must be a string"),
            ({"query": "x", "limit": "3"}, "limit"),
            ({"query": "x", "limit": 2.5}, "limit"),
            ({"query": "x", "limit": True}, "limit"),
            ({"query": "x", "highlight": ("[",)}, "highlight"),
        ],
    )
    def test_search_argument_types(self, kwargs: dict[str, Any], match: str) -> None:
        with pytest.raises(TypeError, match=match):
            S.search(**kwargs)

    def test_fts5_syntax_the_glossary_leaves_alone(self) -> None:
        near = S.search("NEAR(relief digital, 20)")
        assert [h.proposal for h in near] == ["sme-relief"]
        assert S.search("^Accelerate")
        assert search.expand_query("^relief", S.glossary) == "^relief"

    def test_non_ascii_queries(self) -> None:
        # A letter whose case-folding differs from its lower case: left as written.
        hits = S.search("Dawan Dİstrict")
        assert hits
        assert {h.proposal for h in hits} == {"gba-marine-ecology"}
        assert [p.id for p in S.filter(text="马化腾")] == []
        assert [p.id for p in S.filter(text="关于在")] == ["rural-revitalization"]


class TestPlainValues:
    """Lazily built indexes do not stick to the set: it pickles and copies."""

    def test_pickle_and_copy_after_use(self) -> None:
        s = attrs.evolve(S, title="a copy")
        s["fintech"]
        s.filter(topic="fintech")
        s.search("cloud")
        for other in (pickle.loads(pickle.dumps(s)), copy.deepcopy(s), copy.copy(s)):
            assert other == s
            assert other.search("cloud") == s.search("cloud")
        assert "_index" not in attrs.asdict(s)

    def test_search_index_is_built_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        built = []
        original = search._SearchIndex.__init__

        def slow_init(self: Any, proposal_set: mp.ProposalSet) -> None:
            built.append(1)
            time.sleep(0.05)  # widen the window for a race
            original(self, proposal_set)

        monkeypatch.setattr(search._SearchIndex, "__init__", slow_init)
        s = attrs.evolve(S, title="another copy")
        barrier = threading.Barrier(6)

        def work() -> None:
            barrier.wait()
            s.search("digital")

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert built == [1]


class TestExportedFiles:
    def test_datasette_detects_the_full_text_indexes(self, tmp_path: Path) -> None:
        db = sqlite3.connect(export.write_sqlite(S, tmp_path / "p.db")[0])
        try:
            for table in ("proposals", "recommendations"):
                # Datasette's detect_fts() query (datasette.utils.detect_fts_sql).
                found = db.execute(
                    "select name from sqlite_master where rootpage = 0 and ("
                    f"sql like '%VIRTUAL TABLE%USING FTS%content=\"{table}\"%' or "
                    f"sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%' or "
                    f"(tbl_name = '{table}' and sql like '%VIRTUAL TABLE%USING FTS%'))"
                ).fetchall()
                assert found == [(f"{table}_fts",)]
        finally:
            db.close()

    def test_files_get_the_usual_permissions(self, tmp_path: Path) -> None:
        old = os.umask(0o022)
        try:
            paths = [
                *export.write_json(S, tmp_path / "set.json"),
                *export.write_sqlite(S, tmp_path / "p.db"),
                *export.write_csv(S, tmp_path / "csv"),
            ]
        finally:
            os.umask(old)
        for path in paths:
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
        target = tmp_path / "set.json"
        target.chmod(0o600)
        export.write_json(S, target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o600  # a replaced file's

    def test_an_exported_json_validates_on_its_own(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        target = tmp_path / "out" / "set.json"
        assert main(["export", "--format", "json", str(target)]) == 0
        assert main(["validate", str(target)]) == 0
        # The same set, its source texts in a folder of their own.
        assert mp.load_path(target).proposals == S.proposals
        assert main(["--file", str(target), "list", "--topic", "fintech"]) == 0
        capsys.readouterr()
