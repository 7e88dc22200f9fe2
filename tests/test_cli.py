"""The command line: output, --json, exit codes, and errors without tracebacks."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import ma_proposals as mp
from ma_proposals.cli import main

from .helpers import ARTICLE, PACKAGED

INVALID = Path(__file__).parent / "data" / "invalid"
MINIMAL = Path(__file__).parent / "data" / "valid" / "minimal.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_summary_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert status == 0
    assert err == ""
    assert out.startswith("Ma Huateng's written proposals to the 2020 two sessions\n")
    assert out.count("     id: ") == 7
    for p in mp.load():
        counts = [len(p.recommendations), len(p.statistics)]
        words = [
            f"{n} {noun}{'' if n == 1 else 's'}"
            for n, noun in zip(counts, ("recommendation", "statistic"), strict=True)
        ]
        assert f"id: {p.id} | topic: {p.topic} | {words[0]} | {words[1]}\n" in out
    assert run(capsys, "summary")[1] == out


def test_summary_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--json")
    data = json.loads(out)
    assert [p["id"] for p in data["proposals"]] == [p.id for p in mp.load()]
    assert data["declared_count"] == 7


def test_json_flag_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = run(capsys, "--json", "topics")[1]
    after = run(capsys, "topics", "--json")[1]
    assert json.loads(before) == json.loads(after)
    assert [t["proposals"] for t in json.loads(before)] == [1] * 7


def test_list_with_filters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "--theme", "new-infrastructure")
    assert status == 0
    assert [line.split()[1] for line in out.splitlines()] == [
        "industrial-internet",
        "rural-revitalization",
        "medical-staff",
    ]
    status, out, err = run(capsys, "list", "--text", "no such words anywhere")
    assert (status, out) == (1, "")
    assert "no proposals match" in err


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "rural-revitalization", "--evidence")
    assert status == 0
    out = " ".join(out.split())  # undo the wrapping
    assert "China Internet Network Information Center (CNNIC)" in out
    assert "more than 20,000 villagers" in out
    assert '"According to China Internet Network Information Center' in out
    status, out, _ = run(capsys, "show", "fintech", "--json")
    assert json.loads(out)["id"] == "fintech"


def test_show_gives_chinese_wordings_divergences_and_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    p = mp.load()["industrial-internet"]
    status, out, _ = run(capsys, "show", "industrial-internet")
    assert status == 0
    joined = "".join(out.split())  # undo the wrapping, which may split Chinese
    items: list[mp.Claim | mp.Recommendation] = [*p.aims, *p.recommendations]
    for item in items:
        for wording in item.wordings_zh:
            assert f"Chinese({wording.source}):{wording.text}" in joined
    assert "\nWhere other coverage differs:\n" in out
    for d in p.divergences:
        assert f"- {d.id}: " in out
    assert "cited:" not in out  # citations only with --evidence
    status, out, _ = run(capsys, "show", "industrial-internet", "--evidence")
    joined = "".join(out.split())
    for d in p.divergences:
        for c in d.citations:
            assert f"cited:{c.source}:{''.join((c.quote or '').split())}" in joined


def test_unknown_id_is_one_line_and_status_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "show", "fintec")
    assert (status, out) == (1, "")
    ids = ", ".join(p.id for p in mp.load())
    assert err == (
        "ma-proposals: no proposal with id 'fintec'; did you mean 'fintech'? "
        f"Valid: {ids}\n"
    )


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "cloud computing")
    assert status == 0
    assert out.splitlines()[0].startswith("  1. industrial-internet (recommendation")
    assert "[cloud] [computing]" in out
    assert out.splitlines()[0].endswith("; curated text)")
    status, out, _ = run(capsys, "search", "Greater Bay Area", "--json", "-n", "2")
    hits = json.loads(out)
    assert [h["rank"] for h in hits] == [1, 2]
    # A claim about the whole set, then the proposal's title.
    assert [h["proposal"] for h in hits] == [None, "gba-marine-ecology"]
    assert [h["snippet_from"] for h in hits] == ["curated", "curated"]


def test_search_says_what_each_snippet_shows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "search", "two sessions")
    assert status == 0
    # The score depends on every text of the set: only its form is pinned.
    assert re.fullmatch(
        r"  1\. the set \(claim seven-proposals, score \d+\.\d\d; source quote\)",
        out.splitlines()[0],
    )
    status, out, _ = run(capsys, "search", "village platform", "--json")
    shows = {h["item"]: h["snippet_from"] for h in json.loads(out)}
    assert shows["wecounty-survey-respondents"] == "quote"
    assert shows["rural-problems"] == "curated"


def test_search_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "zzzzqqq")
    assert (status, out) == (1, "")
    assert "no matches" in err
    status, _, err = run(capsys, "search", '"unclosed')
    assert status == 2
    assert err.startswith("ma-proposals: invalid search query")
    assert "Traceback" not in err


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", str(MINIMAL))
    assert (status, out) == (0, f"{MINIMAL}: valid\n")
    bad = INVALID / "five-faults.json"
    status, out, _ = run(capsys, "validate", str(MINIMAL), str(bad))
    assert status == 1
    assert "$.proposals[1].topic: no item of 'topics' has id 'river'" in out
    status, out, _ = run(capsys, "validate", "--json", str(bad))
    (report,) = json.loads(out)
    assert report["valid"] is False
    assert len(report["problems"]) == 5
    status, _, err = run(capsys, "validate", str(INVALID / "nope.json"))
    assert status == 1
    assert err.startswith("ma-proposals: cannot read")


def test_file_option_reads_your_own_set(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "--file", str(MINIMAL))
    assert status == 0
    assert [line.split()[1] for line in out.splitlines()] == ["parks", "rivers"]
    status, _, err = run(capsys, "-f", str(INVALID / "five-faults.json"), "list")
    assert status == 1
    assert "is not a valid proposal set (5 problems" in err


def test_export_sqlite_joins(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.db"
    status, out, _ = run(capsys, "export", "--format", "sqlite", str(target))
    assert (status, out) == (0, f"wrote {target}\n")
    db = sqlite3.connect(target)
    rows = db.execute(
        "SELECT p.id, count(r.id) FROM proposals p JOIN recommendations r "
        "ON r.proposal = p.id GROUP BY p.id ORDER BY p.number"
    ).fetchall()
    db.close()
    assert rows == [(p.id, len(p.recommendations)) for p in mp.load()]


def test_export_to_an_unwritable_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    status, out, err = run(capsys, "export", "--format", "csv", str(blocker / "sub"))
    assert (status, out) == (1, "")
    assert err.startswith(f"ma-proposals: cannot write {blocker / 'sub'}")


def test_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "schema")
    assert json.loads(out) == mp.schema.json_schema()
    target = tmp_path / "schema.json"
    assert run(capsys, "schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text()) == json.loads(out)


def test_usage_errors_are_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["bogus"], ["list", "--bogus"], ["export", "x"], ["search"]):
        status, _, err = run(capsys, *argv)
        assert status == 2, argv
        assert "Traceback" not in err
        assert err.splitlines()[-1].startswith("ma-proposals: ")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    s = mp.load()
    data = f"data version {s.version}" if s.version else "data not versioned"
    assert (status, out) == (0, f"ma-proposals {mp.__version__} ({s.id}, {data})\n")
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert "Exit status" in out


@pytest.mark.parametrize(
    "argv",
    [[], ["show", "nope"], ["validate", str(INVALID / "five-faults.json")]],
)
def test_entry_points_in_a_subprocess(argv: list[str]) -> None:
    module = subprocess.run(
        [sys.executable, "-m", "ma_proposals", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in module.stderr
    assert module.returncode == main(argv)


def test_version_names_the_data_version(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import attrs

    versioned = attrs.evolve(mp.load(), version="2026.1")
    monkeypatch.setattr(mp.loading, "load", lambda: versioned)
    _, out, _ = run(capsys, "--version")
    assert (
        out == f"ma-proposals {mp.__version__} (ma-huateng-2020, data version 2026.1)\n"
    )


def test_show_by_number(capsys: pytest.CaptureFixture[str]) -> None:
    s = mp.load()
    for p in s:
        status, out, _ = run(capsys, "show", str(p.number))
        assert status == 0
        assert out == run(capsys, "show", p.id)[1]
    status, out, err = run(capsys, "show", str(len(s) + 1))
    assert (status, out) == (1, "")
    assert err.startswith(f"ma-proposals: no proposal has number {len(s) + 1}")


def test_bad_choices_list_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    s = mp.load()
    _, _, err = run(capsys, "list", "--theme", "nope")
    assert err.endswith("valid: " + ", ".join(t.id for t in s.themes) + "\n")
    _, _, err = run(capsys, "list", "--topic", "nope")
    assert err.endswith("valid: " + ", ".join(t.id for t in s.topics) + "\n")
    status, _, err = run(capsys, "export", "--table", "nope", "x.csv")
    assert status == 2
    assert all(name in err for name in mp.export.TABLE_NAMES)
    status, _, err = run(capsys, "cite", "--format", "nope")
    assert status == 2
    assert "'text', 'bibtex', 'cff'" in err


@pytest.mark.parametrize("kind", ["topics", "themes"])
def test_facets_have_a_header(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    s = mp.load()
    items = s.topics if kind == "topics" else s.themes
    header, *lines = run(capsys, kind)[1].splitlines()
    assert header.split() == ["id", "proposals", "label"]
    assert [line.split()[0] for line in lines] == [x.id for x in items]


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", "json"),
        ("out.jsonl", "jsonl"),
        ("out.db", "sqlite"),
        ("out.sqlite", "sqlite"),
    ],
)
def test_export_format_from_the_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, check: str
) -> None:
    status, out, _ = run(capsys, "export", "--json", str(tmp_path / name))
    assert status == 0
    report = json.loads(out)
    assert report["format"] == check
    assert report["written"][0] == str(tmp_path / name)


def test_export_one_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys, "export", "--table", "recommendations", str(tmp_path / "r.csv")
    )
    assert (status, out) == (0, f"wrote {tmp_path / 'r.csv'}\n")
    lines = (tmp_path / "r.csv").read_text("utf-8").splitlines()
    assert len(lines) == 1 + len(mp.load().rows("recommendations"))
    pytest.importorskip("pyarrow")
    status, out, _ = run(
        capsys, "export", "--table", "topics", str(tmp_path / "t.parquet")
    )
    assert (status, out) == (0, f"wrote {tmp_path / 't.parquet'}\n")


def test_export_refuses_what_it_cannot_tell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "export", str(tmp_path / "out.csv"))
    assert status == 2
    assert "give --table" in err
    status, _, err = run(capsys, "export", str(tmp_path / "folder"))
    assert status == 2
    assert "give --format" in err
    status, _, err = run(capsys, "export", "--table", "topics", str(tmp_path / "a.db"))
    assert status == 2
    assert "--table works with csv and parquet" in err
    status, _, err = run(capsys, "export", "")
    assert status == 2
    assert list(tmp_path.iterdir()) == []


def test_export_parquet_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    status, out, _ = run(capsys, "export", "--format", "parquet", str(tmp_path / "pq"))
    assert status == 0
    assert out.splitlines() == [
        f"wrote {tmp_path / 'pq' / name}.parquet" for name in mp.export.TABLE_NAMES
    ]


@pytest.mark.parametrize("style", ["text", "bibtex", "cff"])
def test_cite(capsys: pytest.CaptureFixture[str], style: str) -> None:
    status, out, _ = run(capsys, "cite", "--format", style)
    assert (status, out) == (0, mp.cite(style))
    assert json.loads(run(capsys, "cite", "--json")[1])["citation"] == mp.cite()
    # --file cites that set: by nobody unless --authors names them.
    minimal = mp.load_path(MINIMAL)
    if style == "cff":
        status, _, err = run(capsys, "cite", "--format", style, "--file", str(MINIMAL))
        assert status == 2
        assert err.endswith("give --authors NAME ...\n")
    else:
        status, out, _ = run(capsys, "cite", "--format", style, "--file", str(MINIMAL))
        assert (status, out) == (0, mp.cite(minimal, style))
    status, out, _ = run(
        capsys, "-f", str(MINIMAL), "cite", "--format", style, "--authors", "A B", "C"
    )
    assert (status, out) == (0, mp.cite(minimal, style, authors=["A B", "C"]))


def test_file_errors_count_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # More problems than a report keeps: the message counts them all.
    raw = json.loads(PACKAGED.read_text(encoding="utf-8"))
    raw["glossary"] = [{"canonical": "", "variants": [""]} for _ in range(700)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    report = mp.validate(path)
    assert report.omitted > 0
    assert main(["--file", str(path), "list"]) == 1
    assert f"({report.count} problems;" in capsys.readouterr().err


def test_show_finds_an_all_digit_id_before_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(PACKAGED.read_text(encoding="utf-8"))
    old = raw["proposals"][6]["id"]
    text = json.dumps(raw).replace(f'"{old}"', '"2020"')
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    path = tmp_path / "set.json"
    path.write_text(text, encoding="utf-8")
    assert main(["--file", str(path), "show", "2020"]) == 0
    assert capsys.readouterr().out.startswith("7. ")
    assert main(["--file", str(path), "show", "2"]) == 0
    assert capsys.readouterr().out.startswith("2. ")
