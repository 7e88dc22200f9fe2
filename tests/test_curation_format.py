"""The authoring format: its template, its JSON Schema and its reference.

All three are generated from the model, so each must cover every field of every
model class.
"""

from __future__ import annotations

import tomllib
import typing
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import ma_proposals as mp
from ma_proposals import curation, schema
from ma_proposals._fields import PATTERNS, Rule, data_fields, meta
from ma_proposals._plan import Kind, field_plan
from ma_proposals.curation import _schema as curation_schema
from ma_proposals.curation._format import table_paths
from ma_proposals.schema import Builder

from .curation_samples import DATA, MODEL_CLASSES, SOURCE
from .helpers import DOCS_EXT, docs_extension

# -- The template --------------------------------------------------------------------


def _uncommented(text: str) -> str:
    """The template with its examples uncommented and its banners dropped."""
    lines = []
    banner = False
    for line in text.splitlines():
        if line.startswith("# ---"):
            banner = not banner
        elif not banner:
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    return "\n".join(lines)


def test_the_template_shows_every_field_of_every_class() -> None:
    text = curation.template(SOURCE.encode(), resource="sources/report.txt")
    tomllib.loads(text)
    # With its examples uncommented, every table of the format is there, each
    # with every field of its class.
    body = text[text.index("\n[curation]\n") :]
    document = tomllib.loads(_uncommented(body))
    for cls, headers in table_paths().items():
        for header in headers:
            node: Any = document
            for part in header.strip("[]").split("."):
                node = node[part]
                node = node[0] if isinstance(node, list) else node
            assert set(node) == {f.name for f in data_fields(cls)}, header


def test_a_filled_in_template_builds(tmp_path: Path) -> None:
    source = SOURCE.encode()
    text = curation.template(source, resource="report.txt", source_id="report")
    (tmp_path / "report.txt").write_bytes(source)
    body = (
        text.replace('# title = ""', 'title = "A set"', 1)
        .replace("# year = 0", "year = 2024", 1)
        .replace("# declared_count = 0", "declared_count = 0", 1)
    )
    people = (
        '\n[set.deputy]\nid = "zhang-san"\nname = "Zhang San"\n'
        'evidence = ["Zhang San"]\n\n[set.meeting]\nid = "m"\nname = "M"\n'
        'year = 2024\nevidence = ["two sessions"]\n'
    )
    s = curation.build(body + people, base=tmp_path)
    assert (s.title, s.deputy.name, len(s)) == ("A set", "Zhang San", 0)


# -- The schema and the model ---------------------------------------------------------


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_the_authoring_schema_has_every_field_of_the_model(cls: type) -> None:
    definitions = curation.json_schema()["definitions"]
    if cls is mp.Evidence:  # written as quotes
        assert "Evidence" not in definitions
        return
    entry = definitions[cls.__name__]
    assert list(entry["properties"]) == [f.name for f in data_fields(cls)]
    hints = typing.get_type_hints(cls)
    for field in data_fields(cls):
        prop = entry["properties"][field.name]
        assert prop["description"]
        if hints[field.name] == tuple[mp.Evidence, ...]:
            assert prop["items"] == {"$ref": "#/definitions/Quote"}
    required = [f.name for f in data_fields(cls) if f.default is attrs.NOTHING]
    assert entry.get("required", []) == required


def test_every_model_class_has_a_place_in_an_authoring_file() -> None:
    placed = set(table_paths())
    assert placed == set(MODEL_CLASSES) - {mp.Evidence}


@attrs.frozen
class _EveryKind:
    """A class with a field of every kind a model field may have."""

    text: str
    texts: tuple[str, ...]
    refs: tuple[str, ...] = attrs.field(metadata=meta("Ids.", ref="themes"))
    count: int
    value: int | float
    flag: bool
    qualifier: mp.Qualifier
    career: mp.Career | None
    evidence: tuple[mp.Evidence, ...]


def test_one_schema_builder_knows_every_kind_of_field() -> None:
    plans = {plan.name: plan for plan in field_plan(_EveryKind)}
    assert {p.kind for p in plans.values()} == set(Kind)
    data = Builder(schema._DIALECT)
    authoring = Builder(curation_schema._DIALECT)
    expected = {
        "text": ({"type": "string"},) * 2,
        "texts": ({"type": "array", "items": {"type": "string"}},) * 2,
        "refs": (  # each id may be named once
            {
                "type": "array",
                "items": {"type": "string", "pattern": f"^{PATTERNS[Rule.ID]}$"},
                "uniqueItems": True,
            },
        )
        * 2,
        "count": (  # a signed 64-bit integer
            {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1},
        )
        * 2,
        "value": ({"type": "number"},) * 2,
        "flag": ({"type": "boolean"},) * 2,
        "qualifier": (
            {"enum": ["exact", "more-than", "about"]},
            {"type": "string", "enum": ["exact", "more-than", "about"]},
        ),
        "career": (  # TOML has no null: an optional key is left out
            {"anyOf": [{"$ref": "#/$defs/Career"}, {"type": "null"}]},
            {"$ref": "#/definitions/Career"},
        ),
        "evidence": (
            {"type": "array", "items": {"$ref": "#/$defs/Evidence"}},
            {"type": "array", "items": {"$ref": "#/definitions/Quote"}},
        ),
    }
    for name, (in_data, in_authoring) in expected.items():
        assert data.value(plans[name]) == in_data, name
        assert authoring.value(plans[name]) == in_authoring, name


def test_the_authoring_schema_is_shipped() -> None:
    shipped = DATA.joinpath(*curation.SCHEMA_RESOURCE.split("/"))
    assert shipped.read_text(encoding="utf-8") == curation.schema_text()


def test_a_returned_schema_is_the_callers_to_change() -> None:
    for generate in (curation.json_schema, schema.json_schema):
        first = generate()
        definitions = first.get("definitions") or first["$defs"]
        definitions["Recommendation"]["properties"]["evidence"]["items"]["x"] = 1
        assert generate() != first
    assert curation.schema_text() == (DATA / curation.SCHEMA_RESOURCE).read_text(
        encoding="utf-8"
    )


def test_the_authoring_schema_rejects_what_the_build_rejects() -> None:
    validator = jsonschema.Draft4Validator(curation.json_schema())
    document = curation.authoring(mp.load())
    document["set"]["proposals"][0]["evidence"].append({"quote": "x", "nth": 2})
    document["curation"]["repeated_quotes"] = "last"
    document["set"]["topics"][0]["colour"] = "red"
    document["set"]["proposals"][1]["evidence"].append("")
    assert len(list(validator.iter_errors(document))) == 4


# -- The generated reference of the format -------------------------------------------


@pytest.fixture(scope="module")
def reference() -> Any:
    """The docs' extension that generates the authoring format's reference."""
    if not DOCS_EXT.is_dir():  # pragma: no cover - an sdist without docs
        pytest.skip("no docs folder")
    return docs_extension("ma_proposals_authoring")


def test_the_reference_covers_every_field_of_the_model(reference: Any) -> None:
    tables = {table.name: table for table in reference.authoring_tables()}
    for cls in MODEL_CLASSES:
        if cls is mp.Evidence:
            assert "Evidence" not in tables
            continue
        table = tables[cls.__name__]
        assert table.headers == table_paths()[cls]
        fields = data_fields(cls)
        assert [e.name for e in table.entries] == [f.name for f in fields]
        for entry, field in zip(table.entries, fields, strict=True):
            assert entry.required is (field.default is attrs.NOTHING)
            assert entry.description == field.metadata["ma_proposals.doc"]
    assert [e.name for e in tables["curation"].entries] == [
        "default_source",
        "repeated_quotes",
    ]
    assert [e.name for e in tables["Quote"].entries] == [
        "quote",
        "occurrence",
        "source",
    ]


def test_toml_types_read_like_toml(reference: Any) -> None:
    hints = typing.get_type_hints(mp.Proposal)
    assert reference.toml_type(hints["evidence"]) == "array of quotes"
    assert reference.toml_type(hints["themes"]) == "array of strings"
    assert reference.toml_type(hints["note"]) == "string"
    stat = typing.get_type_hints(mp.Statistic)
    assert reference.toml_type(stat["value"]) == "number"
    deputy = typing.get_type_hints(mp.Deputy)
    assert reference.toml_type(deputy["career"]) == "table Career"
    assert reference.toml_type(bool) == "boolean"


def test_the_rendered_reference_names_every_key_and_code(reference: Any) -> None:
    pytest.importorskip("sphinx")
    frontend = pytest.importorskip("docutils.frontend")
    rst = pytest.importorskip("docutils.parsers.rst")
    utils = pytest.importorskip("docutils.utils")
    document = utils.new_document("<test>", frontend.get_default_settings(rst.Parser))
    text = "\n".join(n.astext() for n in reference.format_nodes(document, "x"))
    for cls in MODEL_CLASSES:
        if cls is not mp.Evidence:  # written as quotes
            for field in data_fields(cls):
                assert field.name in text
    for code in curation.CODES:
        assert code in text
    assert "authoring-proposal" in document.nameids
