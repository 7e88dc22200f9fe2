"""cite() of any set: its own metadata, no invented author, BibTeX that parses.

The BibTeX is parsed with pybtex and formatted with pybtex's ``plain`` style
(strict mode: any error raises), for the packaged set and for a set built in
code whose texts hold TeX's special characters, braces that do not balance,
newlines and non-ASCII text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import citing, export
from ma_proposals.cli import main

S = mp.load()
ARTICLE = next(src for src in S.sources if src.resource)
EXTERNAL = next(src for src in S.sources if src.url)
HOSTILE = "Odd {title} 100% \\ & $x$ #1 _a_ ~ ^ 张三 }{ and\nnewline"
#: Fields that BibTeX's plain style and biblatex both know.
SHARED_FIELDS = {
    "author",
    "title",
    "howpublished",
    "note",
    "journal",
    "editor",
    "year",
    "month",
    "url",
}


def hostile_set() -> mp.ProposalSet:
    """A set built in code: every cited text is hostile; the article is dated."""
    article = attrs.evolve(
        ARTICLE,
        publisher="Pub {x} 50% \\ 南方",
        editor="Ed } \\",
        published="2020-05-22",
        title=HOSTILE,
    )
    page = attrs.evolve(
        EXTERNAL, url="https://e.example/a{b}\\c%20d", publisher="Web & Co {"
    )
    return attrs.evolve(
        S,
        id="my-set",
        title=HOSTILE,
        version="2.0 {beta}",
        deputy=attrs.evolve(S.deputy, name="Dep { 李"),
        meeting=attrs.evolve(S.meeting, name="Meet %"),
        sources=(article, page),
    )


def plain_format(bib: str) -> tuple[Any, list[str]]:
    """Parse BibTeX with pybtex and format it with the plain style."""
    pytest.importorskip("pybtex")
    import pybtex.errors
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    pybtex.errors.set_strict_mode(True)
    data = parse_string(bib, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    formatted = style.format_bibliography(data)
    return data, [entry.text.render(backend) for entry in formatted]


# -- The signature: cite(), cite(style), cite(s), cite(s, style) -----------------------


@pytest.mark.parametrize("style", citing.STYLES)
def test_every_way_to_name_the_packaged_set_gives_one_citation(style: str) -> None:
    expected = mp.cite(style)
    assert mp.cite(style=style) == expected
    assert mp.cite(None, style) == expected
    assert mp.cite(S, style) == expected
    assert mp.cite(S, style=style) == expected
    # An equal set, read from a copy of the file, is the packaged set too.
    assert mp.cite(mp.loads(mp.dumps(S)), style) == expected
    assert mp.cite() == mp.cite(S) == mp.cite(S, "text")


def test_the_style_cannot_be_given_twice_and_a_set_must_be_a_set() -> None:
    with pytest.raises(TypeError, match="two styles"):
        mp.cite("text", "bibtex")
    with pytest.raises(TypeError, match="not dict"):
        mp.cite({"id": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="choose one of text, bibtex, cff"):
        mp.cite(S, "apa")
    with pytest.raises(ValueError, match="non-empty"):
        mp.cite(S, authors=["A", " "])


# -- Another set: its metadata, and no invented author ---------------------------------


@pytest.mark.parametrize("style", ["text", "bibtex"])
def test_another_set_is_cited_from_its_metadata_without_an_author(style: str) -> None:
    s = attrs.evolve(S, id="my-copy", title="My copy", version="3.1")
    text = mp.cite(s, style)
    assert citing.AUTHORS not in text.replace("\\_", "_")
    assert "CC-BY-4.0" not in text
    assert "ma-proposals Python package" not in text
    assert "author" not in text.split("\n\n")[0]
    for fact in ("My copy", "my-copy", "3.1", S.deputy.name, S.meeting.name):
        assert fact in text
    assert ARTICLE.sha256 is not None
    assert ARTICLE.sha256 in text


def test_another_set_takes_its_authors_when_given() -> None:
    s = attrs.evolve(S, title="My copy")
    names = ["Zhang, San", "Li Si and Partners"]
    assert mp.cite(s, authors=names).startswith("Zhang, San; Li Si and Partners. ")
    bib = mp.cite(s, "bibtex", authors=names)
    assert "author = {Zhang, San and {Li Si and Partners}}" in bib
    assert mp.cite(s, "bibtex", authors="Solo").splitlines()[1] == "  author = {Solo},"
    data, _ = plain_format(bib)
    persons = data.entries[s.id].persons["author"]
    assert [str(p) for p in persons] == ["Zhang, San", "{Li Si and Partners}"]


def test_a_cff_needs_authors_for_another_set() -> None:
    yaml = pytest.importorskip("yaml")
    s = attrs.evolve(S, title="My copy", version=None)
    with pytest.raises(ValueError, match=r"give authors=\[\.\.\.\]"):
        mp.cite(s, "cff")
    cff = yaml.safe_load(mp.cite(s, "cff", authors=["Zhang San"]))
    assert cff["authors"] == [{"name": "Zhang San"}]
    assert "license" not in cff
    assert "version" not in cff  # an unversioned set is not given the package's


# -- BibTeX that BibTeX's plain style and biblatex accept ------------------------------


def test_the_packaged_bibtex_parses_and_formats_in_plain_style() -> None:
    data, rendered = plain_format(mp.cite("bibtex"))
    assert list(data.entries) == [S.id, *(src.id for src in S.sources)]
    for entry in data.entries.values():
        assert set(entry.fields) | set(entry.persons) <= SHARED_FIELDS
    assert "date" not in data.entries[EXTERNAL.id].fields
    assert data.entries[EXTERNAL.id].fields["url"] == EXTERNAL.url
    assert len(rendered) == len(data.entries)
    assert any(S.title in text for text in rendered)


def test_hostile_text_parses_formats_and_keeps_its_characters() -> None:
    s = hostile_set()
    bib = mp.cite(s, "bibtex", authors=["X {y", "Zhang, San"])
    data, rendered = plain_format(bib)
    assert list(data.entries) == ["my-set", ARTICLE.id, EXTERNAL.id]
    for entry in data.entries.values():
        assert set(entry.fields) | set(entry.persons) <= SHARED_FIELDS
    article = data.entries[ARTICLE.id]
    assert article.type == "article"  # dated, with a publisher: an article
    assert (article.fields["year"], article.fields["month"]) == ("2020", "May")
    page = data.entries[EXTERNAL.id]
    assert page.fields["url"] == "https://e.example/a%7Bb%7D%5Cc%20d"
    note = data.entries["my-set"].fields["note"]
    assert "Data version 2.0 \\textbraceleft{}beta\\textbraceright{}." in note
    assert "\n" not in bib.split("title = ", 1)[1].split("\n", 1)[0]
    text = "\n".join(rendered)
    for kept in ("张三", "李", "南方", "100%", "Meet %", "Web & Co"):
        assert kept in text, kept


def test_no_biblatex_only_fields_even_with_every_fact_known() -> None:
    bib = mp.cite(hostile_set(), "bibtex")
    fields = {
        line.split(" = ")[0].strip() for line in bib.splitlines() if " = " in line
    }
    assert fields <= SHARED_FIELDS
    assert not fields & {"date", "version", "language", "urldate"}
    assert "Language: en." in bib


def test_hostile_cff_stays_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    s = hostile_set()
    cff = yaml.safe_load(mp.cite(s, "cff", authors=['Odd "name": {x}']))
    assert cff["title"] == " ".join(HOSTILE.split())
    assert cff["authors"] == [{"name": 'Odd "name": {x}'}]
    assert cff["version"] == "2.0 {beta}"
    [article] = cff["references"]
    assert article["authors"] == [{"name": "Pub {x} 50% \\ 南方"}]
    assert article["date-published"] == "2020-05-22"


def test_hostile_text_is_one_line_per_fact() -> None:
    text = mp.cite(hostile_set())
    first, source = text.split("\n\n")
    assert first.startswith(" ".join(HOSTILE.split()) + " (my-set), data version 2.0")
    assert "Deputy: Dep { 李. Meeting: Meet % (2020)." in first
    assert source.startswith(
        "Source: Pub {x} 50% \\ 南方 (responsible editor: Ed } \\)."
    )


# -- The command line ------------------------------------------------------------------


def test_cite_a_set_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = attrs.evolve(S, title="My copy")
    path = tmp_path / "my.json"
    export.write_json(s, path)  # with its source texts
    mine = mp.load_path(path)
    assert main(["-f", str(path), "cite", "--format", "bibtex"]) == 0
    assert capsys.readouterr().out == mp.cite(mine, "bibtex")
    assert main(["-f", str(path), "cite", "--json", "--authors", "Zhang San"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["set"] == S.id
    assert report["citation"].startswith("Zhang San. My copy (")


def test_an_id_that_is_no_bibtex_key_is_made_one() -> None:
    # A set built in code need not be valid: its ids become safe, unique keys.
    s = attrs.evolve(
        hostile_set(),
        id="my set,{x}",
        sources=(attrs.evolve(ARTICLE, id="my-set-x"), EXTERNAL),
    )
    data, _ = plain_format(mp.cite(s, "bibtex"))
    assert list(data.entries) == ["my-set-x", "my-set-x-source", EXTERNAL.id]
