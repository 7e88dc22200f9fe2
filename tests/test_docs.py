"""The documentation's generated parts cover the code they describe.

The data dictionary, the table of problem codes and the list of the package's
names are generated at build time by the extensions in ``docs/_ext``. These
tests check that the generator leaves nothing out: every field of every model
class, every enum value, every problem code and every public name. The generator
itself needs neither Sphinx nor docutils; the tests that render docutils nodes are
skipped when those are not installed.
"""

from __future__ import annotations

import enum
import re
import typing
from types import ModuleType

import attrs
import pytest

import ma_proposals as mp
from ma_proposals import (
    citing,
    cli,
    conversion,
    curation,
    errors,
    export,
    loading,
    model,
    problems,
    query,
    schema,
    search,
    strategies,
    validation,
)
from ma_proposals._fields import DOC, data_fields

from .helpers import DOCS_EXT, docs_extension

DOCS = DOCS_EXT.parent
EXT = DOCS_EXT
API = DOCS / "reference" / "api"

pytestmark = pytest.mark.skipif(not EXT.is_dir(), reason="no docs folder")

MODEL_CLASSES = [
    getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))
]
ENUMS = [
    obj
    for obj in (getattr(model, name) for name in model.__all__)
    if isinstance(obj, type) and issubclass(obj, enum.Enum)
]
PUBLIC_MODULES = [
    mp,
    citing,
    cli,
    conversion,
    curation,
    errors,
    export,
    loading,
    model,
    problems,
    query,
    schema,
    search,
    strategies,
    validation,
]


@pytest.fixture(scope="module")
def dictionary() -> ModuleType:
    """The data dictionary's generator."""
    return docs_extension("ma_proposals_dictionary")


@pytest.fixture(scope="module")
def contents() -> ModuleType:
    """The generator of the problem codes' table and the package's contents."""
    return docs_extension("ma_proposals_contents")


def test_every_model_class_is_reachable_from_the_root(dictionary: ModuleType) -> None:
    assert set(dictionary.model_classes()) == set(MODEL_CLASSES)
    assert dictionary.model_classes()[0] is mp.ProposalSet


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_dictionary_covers_every_field(dictionary: ModuleType, cls: type) -> None:
    entry = dictionary.describe(cls)
    hints = typing.get_type_hints(cls)
    fields = data_fields(cls)
    assert [f.name for f in entry.fields] == [f.name for f in fields]
    for shown, field in zip(entry.fields, fields, strict=True):
        assert shown.description == field.metadata[DOC]
        assert shown.description.strip()
        assert shown.required is (field.default is attrs.NOTHING)
        assert shown.type == dictionary.type_name(hints[field.name])
        assert (shown.default is None) is shown.required
    names = {f.name for f in fields}
    assert set(entry.evidenced) == names & {"evidence", "citations"}


def test_type_names_read_like_annotations(dictionary: ModuleType) -> None:
    hints = typing.get_type_hints(mp.Proposal)
    assert (
        dictionary.type_name(hints["recommendations"]) == "tuple[Recommendation, ...]"
    )
    assert dictionary.type_name(hints["note"]) == "str | None"
    assert (
        dictionary.type_name(typing.get_type_hints(mp.Statistic)["value"])
        == "int | float"
    )


@pytest.mark.parametrize("cls", ENUMS, ids=lambda cls: cls.__name__)
def test_dictionary_lists_every_enum_value(
    dictionary: ModuleType, cls: type[enum.Enum]
) -> None:
    assert cls in dictionary.vocabularies()
    entry = dictionary.describe_enum(cls)
    assert [value for value, _ in entry.values] == [member.value for member in cls]


def test_every_problem_code_is_in_the_table(contents: ModuleType) -> None:
    assert dict(contents.problem_codes()) == dict(mp.CODES)


def test_package_contents_names_every_export(contents: ModuleType) -> None:
    listed = [name for names in contents.package_contents().values() for name in names]
    assert sorted(listed) == sorted(mp.__all__)
    assert contents.defining_module("load") == "ma_proposals.loading"
    assert contents.defining_module("CODES") == "ma_proposals.problems"


def test_rendered_tables_cover_every_field_and_code(
    dictionary: ModuleType, contents: ModuleType
) -> None:
    # The docs extra; it brings docutils.
    pytest.importorskip(
        "sphinx", reason="needs the docs extra: pip install -e '.[docs]'"
    )
    frontend = pytest.importorskip("docutils.frontend")
    rst = pytest.importorskip("docutils.parsers.rst")
    utils = pytest.importorskip("docutils.utils")

    document = utils.new_document("<test>", frontend.get_default_settings(rst.Parser))
    text = "\n".join(
        node.astext()
        for node in dictionary.dictionary_nodes(document, "data-dictionary")
    )
    for cls in MODEL_CLASSES:
        assert f"data-dictionary-{cls.__name__.lower()}" in document.nameids
        for field in data_fields(cls):
            assert field.name in text
    for cls in ENUMS:
        for member in cls:
            assert member.value in text
    codes = contents.codes_table().astext()
    for code in mp.CODES:
        assert code in codes


# -- The API reference names every public name --------------------------------------

_AUTO = re.compile(
    r"^\.\. auto(?:class|function|exception|data)::\s+(\S+)|^```\{py:data\}\s+(\S+)",
    re.MULTILINE,
)
_ALL_MEMBERS = re.compile(r"^\.\. automodule::\s+(\S+)\n\s+:members:\s*$", re.MULTILINE)


def _documented() -> tuple[set[str], set[str]]:
    names: set[str] = set()
    modules: set[str] = set()
    for page in API.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for match in _AUTO.finditer(text):
            names.add((match.group(1) or match.group(2)).rpartition(".")[2])
        modules.update(_ALL_MEMBERS.findall(text))
    return names, modules


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_api_reference_documents_every_public_name(module: ModuleType) -> None:
    names, modules = _documented()
    if module.__name__ in modules:
        return
    missing = [name for name in module.__all__ if name not in names]
    assert not missing, f"{module.__name__}: not in docs/reference/api: {missing}"


@pytest.fixture(scope="module")
def review_ext() -> ModuleType:
    """The review page's extension."""
    return docs_extension("ma_proposals_review")


def test_review_page_shows_every_item_with_its_words(review_ext: ModuleType) -> None:
    s = mp.load()
    sections = {section.key: section for section in review_ext.review(s)}
    assert list(sections) == ["set", *(p.id for p in s), "deputy"]
    for p in s:
        shown = {(e.kind, e.id): e for e in sections[p.id].entries}
        items: list[
            tuple[str, mp.Claim | mp.Recommendation | mp.Statistic | mp.Divergence]
        ] = [
            *(("aim", a) for a in p.aims),
            *(("background", b) for b in p.background),
            *(("recommendation", r) for r in p.recommendations),
            *(("statistic", st) for st in p.statistics),
            *(("divergence", d) for d in p.divergences),
        ]
        assert len(shown) == len(sections[p.id].entries) == len(items)
        for kind, item in items:
            entry = shown[kind, item.id]
            assert [ev.exact for ev in item.evidence] == list(entry.quotes)
            assert len(entry.citations) == len(getattr(item, "citations", ()))
            wordings = getattr(item, "wordings_zh", ())
            assert len(entry.wordings) == len(wordings)
            for w, line in zip(wordings, entry.wordings, strict=True):
                assert w.text in line
        worded = sum(bool(i.wordings_zh) for i in review_ext._worded(p))
        assert f"Chinese wording for {worded} of " in sections[p.id].facts[-1]
    overview = {(e.kind, e.id): e for e in sections["set"].entries}
    for claim in s.claims:
        entry = overview["claim", claim.id]
        if claim.inferred is not None:
            assert any(d.startswith("inferred: ") for d in entry.details)
            assert sum(q.startswith("(basis) ") for q in entry.quotes) == len(
                claim.inferred.evidence
            )
    assert {e.id for e in sections["set"].entries if e.kind == "theme"} == {
        t.id for t in s.themes
    }
