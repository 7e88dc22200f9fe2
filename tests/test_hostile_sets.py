"""Hostile sets: what validates exports, what is shown is escaped, state is bounded.

A set built in code is not checked as it is made: it may hold text that is not
Unicode, figures no format can hold, a language that is not a tag, or a string
in a number's field. Validation reports each; exports of a set that was not
validated fail with the package's own error; displays escape every field. The
package's own state stays bounded and immutable: the cache of verified texts,
the registry of problem codes, and errors that cross a pickle keep their
message.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import pickle
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import ma_proposals as mp
from ma_proposals import _checks, _source_texts, curation, export, search
from ma_proposals._checks import check_document
from ma_proposals._collector import Collector
from ma_proposals.cli import main
from ma_proposals.schema import json_schema

from .helpers import DATA
from .test_display import TAGS, Parsed

S = mp.load()
LONE = "a\ud800b"


def with_proposal(s: mp.ProposalSet, index: int, **changes: Any) -> mp.ProposalSet:
    proposals = list(s.proposals)
    proposals[index] = attrs.evolve(proposals[index], **changes)
    return attrs.evolve(s, proposals=tuple(proposals))


def pairs(report: mp.Report) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in report.problems]


# -- Lone surrogates in sets built in code ---------------------------------------------


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda s: attrs.evolve(s, title=LONE), "$.title"),
        (lambda s: with_proposal(s, 0, summary=LONE), "$.proposals[0].summary"),
        (
            lambda s: with_proposal(s, 0, themes=(*s.proposals[0].themes, LONE)),
            f"$.proposals[0].themes[{len(S.proposals[0].themes)}]",
        ),
        (
            lambda s: attrs.evolve(
                s, sources=(attrs.evolve(s.sources[0], notes=("note\udcff",)),)
            ),
            "$.sources[0].notes[0]",
        ),
    ],
)
def test_a_lone_surrogate_is_not_utf8(build: Any, path: str) -> None:
    hostile = build(S)
    report = mp.validate(hostile)
    assert ("not-utf8", path) in pairs(report)
    assert not report.valid
    problem = next(p for p in report.problems if p.code == "not-utf8")
    assert "lone surrogate" in problem.message


def test_every_lone_surrogate_of_parsed_data_is_found(raw: dict[str, Any]) -> None:
    raw["title"] = LONE
    raw["proposals"][2]["recommendations"][0]["text"] = "\udfff"
    raw["proposals"][1]["themes"].append("x\ud800")
    last = len(raw["proposals"][1]["themes"]) - 1
    run = Collector(None)
    result = check_document(copy.deepcopy(raw), DATA, run)
    found = sorted((p.code, p.path) for p in run.problems)
    assert result is None
    assert [p for p in found if p[0] == "not-utf8"] == [
        ("not-utf8", f"$.proposals[1].themes[{last}]"),
        ("not-utf8", "$.proposals[2].recommendations[0].text"),
        ("not-utf8", "$.title"),
    ]


def test_json_text_reports_each_surrogate_once(raw: dict[str, Any]) -> None:
    raw["title"] = LONE
    text = json.dumps(raw)  # escaped: "a\\ud800b"
    assert pairs(mp.validate(text)) == [("not-utf8", "$.title")]
    assert pairs(mp.validate(raw)) == [("not-utf8", "$.title")]


def test_a_set_with_a_lone_surrogate_that_validated_no_longer_does(
    tmp_path: Path,
) -> None:
    """It used to pass validate() and then fail every export."""
    hostile = attrs.evolve(S, title=LONE)
    assert not mp.validate(hostile).valid
    with pytest.raises(mp.ExportError):
        export.write_json(hostile, tmp_path / "set.json", texts=False)


# -- Figures no format holds -----------------------------------------------------------


def huge_figure(value: int) -> mp.ProposalSet:
    owner = next(i for i, p in enumerate(S.proposals) if p.statistics)
    p = S.proposals[owner]
    stat = attrs.evolve(p.statistics[0], value=value)
    return with_proposal(S, owner, statistics=(stat, *p.statistics[1:]))


def test_a_figure_of_400_digits_from_json_is_out_of_range(
    raw: dict[str, Any],
) -> None:
    owner = next(i for i, p in enumerate(raw["proposals"]) if p["statistics"])
    raw["proposals"][owner]["statistics"][0]["value"] = 10**400
    text = json.dumps(raw)
    assert str(10**400) in text
    path = f"$.proposals[{owner}].statistics[0].value"
    assert pairs(mp.validate(text)) == [("out-of-range", path)]
    with pytest.raises(mp.ValidationError):
        mp.loads(text)
    assert pairs(mp.validate(huge_figure(10**400))) == [("out-of-range", path)]


@pytest.mark.parametrize("library", ["to_pandas", "to_polars", "to_arrow"])
@pytest.mark.parametrize(
    ("build", "table"),
    [
        (lambda: huge_figure(10**400), "statistics"),
        (lambda: with_proposal(S, 0, number=2**70), "proposals"),
    ],
)
def test_frames_refuse_what_they_cannot_hold_with_an_export_error(
    library: str, build: Any, table: str
) -> None:
    pytest.importorskip(
        {"to_pandas": "pandas", "to_polars": "polars"}.get(library, "pyarrow")
    )
    hostile = build()
    assert not mp.validate(hostile).valid
    with pytest.raises(mp.ExportError, match=r"\[out-of-range\]"):
        getattr(export, library)(hostile, table)


# -- Language tags ---------------------------------------------------------------------

WELL_FORMED = [
    "en",
    "zh",
    "zh-Hant",
    "zh-Hans-CN",
    "zh-yue-HK",
    "en-GB",
    "es-419",
    "de-CH-1901",
    "sl-rozaj-biske",
    "en-US-u-ca-gregory",
    "en-a-bbb-x-a-ccc",
    "x-whatever",
    "EN-gb",
]
MALFORMED = [
    "english",
    "en_US",
    "",
    "e",
    "en-",
    "-en",
    "zh--Hant",
    "zh-Hant-",
    "123",
    "en-GB-x",
    "en US",
    "en-abcdefghi",
    "zh-Hänt",
]


def _with_language(language: str) -> mp.ProposalSet:
    source = attrs.evolve(S.sources[0], language=language)
    return attrs.evolve(S, sources=(source, *S.sources[1:]))


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_language_tags(tag: str) -> None:
    assert mp.validate(_with_language(tag)).valid


@pytest.mark.parametrize("tag", MALFORMED)
def test_malformed_language_tags(tag: str) -> None:
    report = mp.validate(_with_language(tag))
    assert pairs(report) == [("bad-language", "$.sources[0].language")]
    assert "BCP 47" in report.problems[0].message


@pytest.mark.parametrize("tag", WELL_FORMED + MALFORMED)
def test_the_json_schema_agrees_on_language_tags(tag: str) -> None:
    document = json.loads(mp.dumps(S))
    document["sources"][0]["language"] = tag
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(document))
    assert bool(errors) == (tag in MALFORMED)


# -- Notebook display of a set built in code -------------------------------------------

HOSTILE = '<script>alert("x")</script>'


def hostile_everywhere(obj: Any) -> Any:
    """``obj`` with every scalar field, whatever its type, replaced by markup."""
    if attrs.has(type(obj)):
        changes = {
            f.alias or f.name: hostile_everywhere(getattr(obj, f.name))
            for f in attrs.fields(type(obj))
            if f.init
        }
        return attrs.evolve(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(hostile_everywhere(x) for x in obj)
    return None if obj is None else HOSTILE


def test_every_field_of_a_set_built_in_code_is_escaped() -> None:
    hostile = hostile_everywhere(S)
    p = next(x for x in hostile.proposals if x.statistics and x.recommendations)
    assert p.number == HOSTILE
    assert p.evidence[0].start == HOSTILE
    hit = search.Hit(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)  # type: ignore[arg-type]
    shown = [
        hostile._repr_html_(),
        p._repr_html_(),
        p.recommendations[0]._repr_html_(),
        p.statistics[0]._repr_html_(),
        hit._repr_html_(),
    ]
    for html in shown:
        parsed = Parsed(html)
        for tag, attributes in parsed.tags:
            assert tag in TAGS, tag
            assert all(name == "style" for name, _ in attributes)
        assert "<script>" not in html


# -- Errors keep their message across a pickle -----------------------------------------

ERRORS = [
    mp.MaProposalsError("base"),
    mp.ValidationError(mp.validate(b'{"{x}": 1, "id": "{0}"}')),
    mp.CurationError(curation.read("[set]\nid = '{x}'\n").report),
    mp.QueryError("unbalanced quote"),
    mp.UnknownIdError("fintec", ("fintech",), what="proposal"),
    mp.UnknownIdError(7),
    mp.SourceTextError("no source with id 'x'"),
    mp.MissingDependencyError("pip install 'ma-proposals[pandas]'"),
    mp.ExportError("cannot write x: it is a folder"),
]


def test_every_error_class_is_covered() -> None:
    assert {type(e) for e in ERRORS} == {
        getattr(mp.errors, name) for name in mp.errors.__all__
    }


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_keep_their_message_across_a_pickle(error: Exception) -> None:
    copy_ = pickle.loads(pickle.dumps(error))
    assert type(copy_) is type(error)
    assert str(copy_) == str(error)
    assert copy_.args == error.args
    assert vars(copy_) == vars(error)


# -- The registries are read-only ------------------------------------------------------


@pytest.mark.parametrize("codes", [mp.CODES, curation.CODES])
def test_problem_codes_cannot_be_changed(codes: Any) -> None:
    before = dict(codes)
    with pytest.raises(TypeError):
        codes["my-code"] = "mine"
    with pytest.raises(TypeError):
        del codes["not-utf8" if "not-utf8" in codes else "invalid-toml"]
    with pytest.raises((TypeError, AttributeError)):
        codes.clear()
    assert dict(codes) == before
    with pytest.raises(ValueError, match="unknown problem code"):
        mp.Problem("my-code", "$", "x")


# -- The cache of verified texts is bounded --------------------------------------------


@pytest.fixture
def small_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_source_texts, "_verified", type(_source_texts._verified)())
    monkeypatch.setattr(_source_texts, "_cached", 0)
    monkeypatch.setattr(_source_texts, "MAX_CACHED_CHARACTERS", 100)


@pytest.mark.usefixtures("small_cache")
def test_the_cache_of_texts_keeps_the_recently_used_within_its_bound() -> None:
    for i in range(50):
        _source_texts.remember(f"{i:064x}", str(i % 10) * 30)
        assert sum(map(len, _source_texts._verified.values())) <= 100
        assert _source_texts._cached == sum(map(len, _source_texts._verified.values()))
    assert list(_source_texts._verified) == [f"{i:064x}" for i in (47, 48, 49)]
    _source_texts.recall(f"{47:064x}")  # used: now the most recent
    _source_texts.remember(f"{50:064x}", "x" * 30)
    assert list(_source_texts._verified) == [f"{i:064x}" for i in (49, 47, 50)]
    _source_texts.remember("f" * 64, "y" * 101)  # larger than the cache: not kept
    assert "f" * 64 not in _source_texts._verified


@pytest.mark.usefixtures("small_cache")
def test_a_loaded_set_keeps_its_texts_when_the_cache_drops_them(
    raw: dict[str, Any],
) -> None:
    raw["title"] = "A copy read again"  # another set, so that it is read anew
    s = mp.loads(json.dumps(raw, ensure_ascii=False))
    article = (DATA / "sources" / "21st-century-economic-report-2020.txt").read_text(
        encoding="utf-8"
    )
    assert len(article) > 100
    assert not _source_texts._verified  # too large for this cache
    assert s.source_text("21st-century-economic-report") == article
    ev = s.proposals[0].evidence[0]
    assert s.context(ev, width=5).exact == ev.exact


# -- CSV for spreadsheets --------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def formula_set() -> mp.ProposalSet:
    p = next(x for x in S.proposals if x.recommendations and x.statistics)
    index = S.proposals.index(p)
    recs = tuple(
        attrs.evolve(r, text=FORMULAS[i % len(FORMULAS)])
        for i, r in enumerate(p.recommendations[: len(FORMULAS)])
    )
    stat = attrs.evolve(p.statistics[0], value=-5, label="=1+1")
    return with_proposal(
        S, index, recommendations=recs, statistics=(stat, *p.statistics[1:])
    )


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_for_spreadsheets_neutralises_formulas(tmp_path: Path) -> None:
    s = formula_set()
    n = min(
        len(FORMULAS),
        len(next(p for p in s if p.statistics and p.recommendations).recommendations),
    )
    [plain] = export.write_csv(s, tmp_path / "plain.csv", table="recommendations")
    [excel] = export.write_csv(
        s, tmp_path / "excel.csv", table="recommendations", excel=True
    )
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")  # default unchanged
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    plain_texts = [r["text"] for r in _rows(plain.read_bytes())]
    excel_texts = [r["text"] for r in _rows(excel.read_bytes())]
    for formula in FORMULAS[:n]:
        assert formula in plain_texts
        assert "'" + formula in excel_texts
        assert formula not in excel_texts
    for text in excel_texts:
        assert not text.startswith(export.FORMULA_STARTS)
    # Numbers are numbers: a negative figure is not quoted; labels are.
    [stats] = export.write_csv(s, tmp_path / "s.csv", table="statistics", excel=True)
    rows = _rows(stats.read_bytes())
    assert any(r["value"] == "-5" and r["label"] == "'=1+1" for r in rows)


def test_every_table_for_spreadsheets(tmp_path: Path) -> None:
    written = export.write_csv(formula_set(), tmp_path / "tables", excel=True)
    assert len(written) == len(export.TABLE_NAMES)
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
            assert not any(
                cell.startswith(export.FORMULA_STARTS)
                for cell in row
                if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?", cell)
            ), (path.name, row)


def test_the_cli_writes_csv_for_spreadsheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "topics.csv"
    assert main(["export", "--excel", "--table", "topics", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    capsys.readouterr()
    assert main(["export", "--excel", str(tmp_path / "set.db")]) == 2
    assert "--excel works with csv, not sqlite" in capsys.readouterr().err


def test_a_text_verified_before_is_not_decoded_again() -> None:
    # Its checksum proves the bytes are those already decoded: the same text.
    data = "A text of its own: ünïcode.".encode()
    checksum = _source_texts.sha256(data)
    _source_texts.remember(checksum, data.decode())
    read = _checks.read_shipped(
        "$.sources[0]", "t.txt", checksum, {"t.txt": data}, remember=True
    )
    assert read.problem is None
    assert read.text is _source_texts.recall(checksum)
