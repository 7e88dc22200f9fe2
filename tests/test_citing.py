"""Citing and licensing: every citation names the data version; the licences ship."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import citing, export

ROOT = Path(__file__).resolve().parent.parent
S = mp.load()
ARTICLE = next(src for src in S.sources if src.resource)


@pytest.fixture
def versioned(monkeypatch: pytest.MonkeyPatch) -> mp.ProposalSet:
    """The packaged set as if it had the data version ``2099.1``."""
    s = attrs.evolve(S, version="2099.1")
    monkeypatch.setattr(mp.loading, "load", lambda: s)
    return s


def test_citation_cff_is_cite_cff() -> None:
    path = ROOT / "CITATION.cff"
    if not path.exists():
        pytest.skip("not a source checkout")
    assert path.read_text(encoding="utf-8") == mp.cite("cff"), (
        "CITATION.cff is stale: run `ma-proposals cite --format cff > CITATION.cff`"
    )


@pytest.mark.parametrize("style", citing.STYLES)
def test_every_citation_names_the_data_version_and_the_article(
    versioned: mp.ProposalSet, style: str
) -> None:
    text = mp.cite(style)
    assert "2099.1" in text
    assert ARTICLE.publisher is not None
    assert ARTICLE.publisher in text
    assert citing.source_title(ARTICLE) in text.replace("\\", "")
    assert text.endswith("\n")


@pytest.mark.parametrize("style", citing.STYLES)
def test_an_unversioned_set_is_cited_by_the_package_version(
    monkeypatch: pytest.MonkeyPatch, style: str
) -> None:
    s = attrs.evolve(S, version=None)
    monkeypatch.setattr(mp.loading, "load", lambda: s)
    text = mp.cite(style)
    assert mp.__version__ in text
    # The CFF format's own version ("cff-version: 1.2.0") is not the set's.
    rest = text.replace(mp.__version__, "").replace("cff-version: 1.2.0", "")
    assert S.version is None or S.version not in rest


def test_cff_is_yaml_with_the_fields_of_the_format(versioned: mp.ProposalSet) -> None:
    yaml = pytest.importorskip("yaml")
    cff = yaml.safe_load(mp.cite("cff"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    assert cff["version"] == "2099.1"
    assert cff["license"] == "CC-BY-4.0"
    assert cff["title"] == S.title
    [article] = cff["references"]
    assert article["type"] == "article"
    assert article["title"] == ARTICLE.title
    assert article["editors"] == [{"name": ARTICLE.editor}]


def test_bibtex_entries_are_balanced_and_escaped(versioned: mp.ProposalSet) -> None:
    bib = mp.cite("bibtex")
    entries = re.findall(r"^@(\w+)\{([^,]+),$", bib, re.MULTILINE)
    external = [("misc", src.id) for src in S.sources if src.url]
    # The article has no date, which BibTeX's plain @article requires: a @misc.
    assert entries == [("misc", S.id), ("misc", ARTICLE.id), *external]
    assert bib.count("{") == bib.count("}")
    assert "ma\\_proposals" in bib
    # The data version is in the note: `version` is a biblatex-only field.
    assert "note = {Data version 2099.1." in bib
    assert "version =" not in bib


def test_unknown_style_lists_the_styles() -> None:
    with pytest.raises(ValueError, match="choose one of text, bibtex, cff"):
        mp.cite("apa")


def test_sources_always_have_a_title() -> None:
    ids = {src.id for src in S.sources}
    for src in S.sources:
        title = citing.source_title(src)
        assert title
        assert title not in ids
    bare = mp.Source(id="x")
    assert citing.source_title(bare) == "Untitled source"
    assert citing.source_title(attrs.evolve(bare, url="https://a.example/p")) == (
        "Web page on a.example"
    )


def test_licence_files_say_what_covers_what() -> None:
    if not (ROOT / "NOTICE").exists():
        pytest.skip("not a source checkout")
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "MIT AND CC-BY-4.0" in notice
    assert ARTICLE.resource is not None
    assert ARTICLE.resource.rpartition("/")[2] in notice
    assert "no licence to it is granted" in notice
    cc = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert cc.startswith("Attribution 4.0 International")
    assert "Section 1 -- Definitions." in cc
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert export.datapackage(S)["licenses"][0]["name"] == "CC-BY-4.0"


def test_notice_names_only_paths_that_exist() -> None:
    # Every path NOTICE names is where it says: the authoring file is in the
    # package's data folder, not in curation/.
    if not (ROOT / "NOTICE").exists():
        pytest.skip("not a source checkout")
    notice = " ".join((ROOT / "NOTICE").read_text(encoding="utf-8").split())
    assert "src/ma_proposals/data/ma-huateng-2020.toml" in notice
    for path in re.findall(r"\bsrc/[\w./*-]+[\w/*]", notice):
        assert list(ROOT.glob(path.rstrip("/"))), path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist and a wheel built from this checkout."""
    pytest.importorskip("build")
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not a source checkout")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def test_wheel_metadata_names_both_licences_and_the_notice(built: Path) -> None:
    [wheel] = built.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
        licences = [n for n in names if "/licenses/" in n]
        notice = next(n for n in licences if n.endswith("NOTICE"))
        assert "Not covered by either licence" in archive.read(notice).decode()
    assert metadata["License-Expression"] == "MIT AND CC-BY-4.0"
    assert sorted(metadata.get_all("License-File") or []) == [
        "LICENSE",
        "LICENSES/CC-BY-4.0.txt",
        "NOTICE",
    ]
    assert len(licences) == 3
    assert "## Citing" in (metadata.get_payload() or "")


def test_sdist_has_the_citation_and_the_licences(built: Path) -> None:
    [sdist] = built.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.partition("/")[2] for name in archive.getnames()}
    for name in ("CITATION.cff", "LICENSE", "LICENSES/CC-BY-4.0.txt", "NOTICE"):
        assert name in names, name


def test_an_address_that_does_not_parse_still_gives_a_title() -> None:
    # urlsplit refuses "http://[bad"; a set that validates may hold it.
    bad = attrs.evolve(S.sources[1], title=None, publisher=None, url="http://[bad")
    assert citing.source_title(bad) == "Untitled source"
    s = attrs.evolve(S, sources=(S.sources[0], bad, *S.sources[2:]))
    titles = [src["title"] for src in export.datapackage(s)["sources"]]
    assert "Untitled source" in titles


def test_the_licence_cannot_be_changed_through_a_data_package() -> None:
    package = export.datapackage(S)
    package["licenses"][0]["name"] = "MIT"
    assert "Licence: CC-BY-4.0." in mp.cite()
    with pytest.raises(TypeError):
        citing.DATA_LICENSE["name"] = "MIT"  # type: ignore[index]  # read-only
