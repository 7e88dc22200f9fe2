"""Exports: canonical JSON, JSON Lines, CSV tables, SQLite, a Frictionless package.

The tabular exports share one definition, :func:`tables`: the same tables with
the same columns, types, primary keys and foreign keys are written as CSV files,
as SQLite tables (with full-text indexes that Datasette picks up), described by
a Frictionless ``datapackage.json``, and returned as pandas DataFrames by
:func:`to_pandas`.

The tables hold the proposals and everything in them (recommendations,
statistics, Chinese titles, background), the set's claims and the proposals they
are about, topics, themes, sources and their notes, the glossary, and every
evidence span and citation. Only the JSON export (a complete document) also has
the deputy's name, career lists and the meeting with its sessions; JSON Lines
holds the proposals alone.

Every writer replaces its target in one step: a failed export leaves no
half-written file behind, and a replaced file keeps its permissions.

Example:
    >>> import ma_proposals as mp
    >>> from ma_proposals import export
    >>> for table in export.tables(mp.load()):
    ...     print(table.name, len(table.rows))
    sources 15
    source_notes 18
    topics 7
    themes 6
    proposals 7
    proposal_themes 15
    chinese_titles 7
    claims 25
    claim_proposals 5
    recommendations 26
    statistics 8
    glossary 15
    glossary_variants 21
    evidence 110
    citations 26
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._version import __version__
from .conversion import unstructure
from .errors import MissingDependencyError, SourceTextError
from .loading import dumps
from .model import Horizon, ProposalKind, Qualifier, TitleKind
from .query import owned

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import pandas

    from .model import Claim, ProposalSet, Theme

__all__ = [
    "FORMATS",
    "Column",
    "ForeignKey",
    "Table",
    "datapackage",
    "tables",
    "to_pandas",
    "write_csv",
    "write_datapackage",
    "write_json",
    "write_jsonl",
    "write_sqlite",
]


@attrs.frozen
class Column:
    """A column of an exported table.

    Attributes:
        name: Column name.
        type: Table Schema type: ``"string"``, ``"integer"`` or ``"number"``.
        description: What the column holds.
        required: Whether every row has a value.
        enum: The allowed values of a closed vocabulary, if any.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.export import tables
        >>> proposals = {t.name: t for t in tables(mp.load())}["proposals"]
        >>> [c.name for c in proposals.columns if c.enum]
        ['title_kind', 'kind']
    """

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None


@attrs.frozen
class ForeignKey:
    """Columns of a table that name rows of another table.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.export import tables
        >>> {t.name: t for t in tables(mp.load())}["proposals"].foreign_keys
        (ForeignKey(columns=('topic',), table='topics', references=('id',)),)
    """

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@attrs.frozen
class Table:
    """One exported table: its schema and its rows.

    Attributes:
        name: Table name (also the CSV file's stem).
        description: What one row is.
        columns: The columns, in order.
        primary_key: Columns that identify a row.
        foreign_keys: Columns that join to other tables.
        rows: The rows, as tuples in column order; ``None`` is a missing value.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.export import tables
        >>> recs = {t.name: t for t in tables(mp.load())}["recommendations"]
        >>> recs.name, recs.primary_key, len(recs.rows)
        ('recommendations', ('proposal', 'id'), 26)
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name.

        Example:
            >>> import ma_proposals as mp
            >>> from ma_proposals.export import tables
            >>> topics = {t.name: t for t in tables(mp.load())}["topics"]
        >>> topics.records()[0]["id"]
            'industrial-internet'
        """
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


def _values(enum_type: type[TitleKind | ProposalKind | Horizon | Qualifier]) -> Any:
    return tuple(member.value for member in enum_type)


def _s(name: str, description: str, *, required: bool = False) -> Column:
    return Column(name, "string", description, required)


_ID = _s("id", "Stable id.", required=True)
_PROPOSAL = _s("proposal", "Id of the proposal (proposals.id).", required=True)
_TO_PROPOSAL = ForeignKey(("proposal",), "proposals", ("id",))


_INFERRED = _s(
    "inferred",
    "What the curators infer rather than read in the source, and why; empty when "
    "the source states it all.",
)


def _basis(item: Claim | Theme) -> str | None:
    return item.inferred.basis if item.inferred else None


def _owner_columns(kind: str) -> tuple[Column, ...]:
    """The columns that say which item an evidence span or citation supports."""
    return (
        _s("owner", "JSON path of the supported item.", required=True),
        Column("index", "integer", f"Position in its {kind} list.", True),
        _s("proposal", "Id of the proposal the item belongs to, if any."),
        _s("owner_kind", "Class of the item, in lower case.", required=True),
        _s("owner_id", "Id of the item, if it has one."),
    )


def _claims(s: ProposalSet) -> Iterator[tuple[str, str | None, str, Claim]]:
    for i, claim in enumerate(s.claims):
        yield f"$.claims[{i}]", None, "set", claim
    for i, claim in enumerate(s.deputy.roles):
        yield f"$.deputy.roles[{i}]", None, "role", claim
    for i, p in enumerate(s.proposals):
        for j, claim in enumerate(p.background):
            yield f"$.proposals[{i}].background[{j}]", p.id, "background", claim
        for j, claim in enumerate(p.aims):
            yield f"$.proposals[{i}].aims[{j}]", p.id, "aim", claim


def tables(proposal_set: ProposalSet) -> tuple[Table, ...]:
    """The set as related tables, referenced tables first.

    Args:
        proposal_set: The set to flatten.

    Returns:
        ``sources``, ``source_notes``, ``topics``, ``themes``, ``proposals``,
        ``proposal_themes``, ``chinese_titles``, ``claims``,
        ``claim_proposals``, ``recommendations``, ``statistics``, ``glossary``,
        ``glossary_variants``, ``evidence`` and ``citations``.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.export import tables
        >>> stats = {t.name: t for t in tables(mp.load())}["statistics"]
        >>> stats.records()[0]["key"], stats.records()[0]["value"]
        ('rural-revitalization/rural-internet-users', 255000000)
    """
    s = proposal_set
    ev_rows = s.evidence_rows()
    return (
        Table(
            "sources",
            "A source the data was curated from.",
            (
                _ID,
                _s("title", "Title as published."),
                _s("publisher", "Who published it."),
                _s("editor", "Responsible editor."),
                _s("category", "Section or category."),
                _s("language", "BCP 47 language tag."),
                _s("published", "Publication date (ISO 8601)."),
                _s("resource", "Path of the shipped text in the package data."),
                _s("url", "Address of an external source."),
                _s("sha256", "SHA-256 of the shipped text."),
            ),
            ("id",),
            (),
            tuple(
                (
                    src.id,
                    src.title,
                    src.publisher,
                    src.editor,
                    src.category,
                    src.language,
                    src.published,
                    src.resource,
                    src.url,
                    src.sha256,
                )
                for src in s.sources
            ),
        ),
        Table(
            "source_notes",
            "A known quirk of a source and how the curators read it.",
            (
                _s("source", "Id of the source (sources.id).", required=True),
                Column("position", "integer", "Order among its notes, from 1.", True),
                _s("note", "The note.", required=True),
            ),
            ("source", "position"),
            (ForeignKey(("source",), "sources", ("id",)),),
            tuple(
                (src.id, i, note)
                for src in s.sources
                for i, note in enumerate(src.notes, 1)
            ),
        ),
        Table(
            "topics",
            "A main topic of proposals.",
            (
                _ID,
                _s("label", "Display name.", required=True),
                _s("description", "What it covers.", required=True),
            ),
            ("id",),
            (),
            tuple((t.id, t.label, t.description) for t in s.topics),
        ),
        Table(
            "themes",
            "A cross-cutting theme.",
            (
                _ID,
                _s("label", "Display name.", required=True),
                _s("description", "What it covers.", required=True),
                _INFERRED,
            ),
            ("id",),
            (),
            tuple((t.id, t.label, t.description, _basis(t)) for t in s.themes),
        ),
        Table(
            "proposals",
            "A proposal.",
            (
                _ID,
                Column("number", "integer", "Position in the source.", True),
                _s("title", "English title.", required=True),
                Column(
                    "title_kind",
                    "string",
                    "Whether the source quotes or describes the title.",
                    True,
                    _values(TitleKind),
                ),
                Column(
                    "kind", "string", "Kind of document.", True, _values(ProposalKind)
                ),
                _s("topic", "Id of the main topic (topics.id).", required=True),
                _s("summary", "The curators' summary.", required=True),
                _s("note", "Curators' remark."),
            ),
            ("id",),
            (ForeignKey(("topic",), "topics", ("id",)),),
            tuple(
                (
                    p.id,
                    p.number,
                    p.title,
                    p.title_kind.value,
                    p.kind.value,
                    p.topic,
                    p.summary,
                    p.note,
                )
                for p in s.proposals
            ),
        ),
        Table(
            "proposal_themes",
            "A theme a proposal is tagged with.",
            (
                _PROPOSAL,
                _s("theme", "Id of the theme (themes.id).", required=True),
                Column("position", "integer", "Order among its themes, from 1.", True),
            ),
            ("proposal", "theme"),
            (_TO_PROPOSAL, ForeignKey(("theme",), "themes", ("id",))),
            tuple(
                (p.id, theme, i)
                for p in s.proposals
                for i, theme in enumerate(p.themes, 1)
            ),
        ),
        Table(
            "chinese_titles",
            "A Chinese title of a proposal as one external source gives it.",
            (
                _PROPOSAL,
                Column("position", "integer", "Order among its titles, from 1.", True),
                _s("text", "The title as the source writes it.", required=True),
                Column(
                    "kind",
                    "string",
                    "Whether the source quotes or describes it.",
                    True,
                    _values(TitleKind),
                ),
                _s("source", "Id of the source (sources.id).", required=True),
            ),
            ("proposal", "position"),
            (_TO_PROPOSAL, ForeignKey(("source",), "sources", ("id",))),
            tuple(
                (p.id, i, t.text, t.kind.value, t.source)
                for p in s.proposals
                for i, t in enumerate(p.titles_zh, 1)
            ),
        ),
        Table(
            "claims",
            "A statement: about the set, a role of the deputy, or a proposal's "
            "background or aim.",
            (
                _s("path", "JSON path of the claim in the document.", required=True),
                Column(
                    "scope",
                    "string",
                    "Where it belongs.",
                    True,
                    ("set", "role", "background", "aim"),
                ),
                _s(
                    "proposal",
                    "Id of the proposal, for background and aims (proposals.id).",
                ),
                _ID,
                _s("text", "The statement.", required=True),
                _INFERRED,
            ),
            ("path",),
            (_TO_PROPOSAL,),
            tuple(
                (path, scope, pid, claim.id, claim.text, _basis(claim))
                for path, pid, scope, claim in _claims(s)
            ),
        ),
        Table(
            "claim_proposals",
            "A proposal a claim is about.",
            (
                _s("claim", "Path of the claim (claims.path).", required=True),
                _PROPOSAL,
                Column("position", "integer", "Order in the claim, from 1.", True),
            ),
            ("claim", "proposal"),
            (ForeignKey(("claim",), "claims", ("path",)), _TO_PROPOSAL),
            tuple(
                (path, pid, i)
                for path, _, _, claim in _claims(s)
                for i, pid in enumerate(claim.proposals, 1)
            ),
        ),
        Table(
            "recommendations",
            "One distinct action a proposal suggests.",
            (
                _PROPOSAL,
                _ID,
                Column("position", "integer", "Order in the proposal, from 1.", True),
                _s("text", "The action.", required=True),
                _s("area", "The field the source files it under."),
                Column(
                    "horizon",
                    "string",
                    "When it should take effect.",
                    False,
                    _values(Horizon),
                ),
            ),
            ("proposal", "id"),
            (_TO_PROPOSAL,),
            tuple(
                (r.proposal, r.id, r.position, r.text, r.area, r.horizon)
                for r in s.recommendation_rows()
            ),
        ),
        Table(
            "statistics",
            "A figure cited by a proposal, or one of the deputy's career figures.",
            (
                _s(
                    "key",
                    "'<proposal id>/<id>', or 'career/<id>' for career figures.",
                    required=True,
                ),
                _s("proposal", "Id of the proposal; empty for career figures."),
                _ID,
                _s("label", "What it counts.", required=True),
                Column("value", "number", "The figure.", True),
                _s("unit", "Unit of the value.", required=True),
                Column(
                    "qualifier",
                    "string",
                    "How the source states it.",
                    True,
                    _values(Qualifier),
                ),
                _s("as_of", "When it holds (ISO date or month)."),
                _s("source_org", "Who measured it."),
                _s("note", "Curators' remark."),
            ),
            ("key",),
            (_TO_PROPOSAL,),
            tuple(
                (
                    f"{r.proposal or 'career'}/{r.id}",
                    r.proposal,
                    r.id,
                    r.label,
                    r.value,
                    r.unit,
                    r.qualifier,
                    r.as_of,
                    r.source_org,
                    r.note,
                )
                for r in s.statistic_rows()
            ),
        ),
        Table(
            "glossary",
            "A term and, in glossary_variants, the spellings the sources use.",
            (
                _s("canonical", "The clean English term.", required=True),
                _s("zh", "The Chinese term."),
                _s("note", "Why the variants arise."),
            ),
            ("canonical",),
            (),
            tuple((t.canonical, t.zh, t.note) for t in s.glossary),
        ),
        Table(
            "glossary_variants",
            "A spelling of a glossary term found in the sources.",
            (
                _s("canonical", "The term (glossary.canonical).", required=True),
                Column("position", "integer", "Order among its variants.", True),
                _s("variant", "The spelling, as the source writes it.", required=True),
            ),
            ("canonical", "position"),
            (ForeignKey(("canonical",), "glossary", ("canonical",)),),
            tuple(
                (t.canonical, i, variant)
                for t in s.glossary
                for i, variant in enumerate(t.variants, 1)
            ),
        ),
        Table(
            "evidence",
            "A span of a shipped source that supports an item.",
            (
                *_owner_columns("evidence"),
                _s("source", "Id of the source (sources.id).", required=True),
                Column("start", "integer", "Offset of the first code point.", True),
                Column("end", "integer", "Offset past the last code point.", True),
                _s("exact", "The quote, verbatim.", required=True),
            ),
            ("owner", "index"),
            (_TO_PROPOSAL, ForeignKey(("source",), "sources", ("id",))),
            tuple(
                (
                    r.owner,
                    r.index,
                    r.proposal,
                    r.owner_kind,
                    r.owner_id,
                    r.source,
                    r.start,
                    r.end,
                    r.exact,
                )
                for r in ev_rows
            ),
        ),
        Table(
            "citations",
            "An external source that supports an item.",
            (
                *_owner_columns("citation"),
                _s("source", "Id of the source (sources.id).", required=True),
                _s("quote", "The source's words, where recorded."),
            ),
            ("owner", "index"),
            (_TO_PROPOSAL, ForeignKey(("source",), "sources", ("id",))),
            tuple(
                (
                    path,
                    i,
                    proposal,
                    type(item).__name__.lower(),
                    getattr(item, "id", None),
                    citation.source,
                    citation.quote,
                )
                for proposal, path, item, citations in owned(s, "citations")
                for i, citation in enumerate(citations)
            ),
        ),
    )


# -- Writing files, atomically ----------------------------------------------------


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """Yield an unused path beside ``target``; move it into place on success.

    The writer creates the file, so it gets the usual permissions (the umask's);
    a replaced file's permissions are kept.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        yield temporary
        if target.exists():
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _write_text(target: str | os.PathLike[str], text: str) -> Path:
    path = Path(target)
    with _replacing(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")
    return path


def write_json(proposal_set: ProposalSet, target: str | os.PathLike[str]) -> Path:
    """Write the set as canonical JSON (:func:`~ma_proposals.dumps`), with its texts.

    The shipped source texts are written beside the file at their ``resource``
    paths, so that the file validates and loads on its own
    (:func:`~ma_proposals.load_path`). A text that is not available (a set built
    in code without its texts) is not written.

    Args:
        proposal_set: The set.
        target: The file to write (replaced if it exists).

    Returns:
        The path of the JSON file.

    Example:
        >>> import tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals.export import write_json
        >>> path = write_json(mp.load(), pathlib.Path(tempfile.mkdtemp()) / "set.json")
        >>> path.read_text(encoding="utf-8") == mp.dumps(mp.load())
        True
    """
    path = Path(target)
    for source in proposal_set.sources:
        if source.resource is None:
            continue
        try:
            data = proposal_set.source_text(source.id).encode("utf-8")
        except SourceTextError:
            continue
        beside = path.parent.joinpath(*source.resource.split("/"))
        if not (beside.is_file() and beside.read_bytes() == data):
            with _replacing(beside) as temporary:
                temporary.write_bytes(data)
    return _write_text(path, dumps(proposal_set))


def write_jsonl(proposal_set: ProposalSet, target: str | os.PathLike[str]) -> Path:
    """Write one proposal a line, as compact JSON in the document's format.

    Only the proposals: the set's metadata (sources, topics, deputy...) is in
    :func:`write_json`'s document.

    Args:
        proposal_set: The set.
        target: The file to write (replaced if it exists).

    Returns:
        The path written.

    Example:
        >>> import json, tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals.export import write_jsonl
        >>> path = write_jsonl(mp.load(), pathlib.Path(tempfile.mkdtemp()) / "p.jsonl")
        >>> [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()][:2]
        ['industrial-internet', 'rural-revitalization']
    """  # noqa: E501
    lines = (
        json.dumps(
            unstructure(p), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        for p in proposal_set.proposals
    )
    return _write_text(target, "".join(line + "\n" for line in lines))


def _csv_text(table: Table) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows(
        ["" if value is None else value for value in row] for row in table.rows
    )
    return buffer.getvalue()


def write_csv(
    proposal_set: ProposalSet, directory: str | os.PathLike[str]
) -> list[Path]:
    """Write each table of :func:`tables` as ``<name>.csv`` in ``directory``.

    Files are UTF-8 with a header row; a missing value is an empty field.

    Args:
        proposal_set: The set.
        directory: Where to write (created if missing; files are replaced).

    Returns:
        The paths written.

    Example:
        >>> import tempfile, ma_proposals as mp
        >>> from ma_proposals.export import write_csv
        >>> [p.name for p in write_csv(mp.load(), tempfile.mkdtemp())][:3]
        ['sources.csv', 'source_notes.csv', 'topics.csv']
    """
    folder = Path(directory)
    return [
        _write_text(folder / f"{table.name}.csv", _csv_text(table))
        for table in tables(proposal_set)
    ]


def datapackage(proposal_set: ProposalSet) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV tables.

    Each table is a tabular data resource with a Table Schema: field types,
    required fields, vocabularies, primary keys and foreign keys.

    Args:
        proposal_set: The set.

    Returns:
        The ``datapackage.json`` content.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.export import datapackage
        >>> package = datapackage(mp.load())
        >>> package["name"], package["resources"][0]["schema"]["primaryKey"]
        ('ma-huateng-2020', ['id'])
    """
    resources = []
    for table in tables(proposal_set):
        fields = []
        for column in table.columns:
            field: dict[str, Any] = {
                "name": column.name,
                "type": column.type,
                "description": column.description,
            }
            constraints: dict[str, Any] = {}
            if column.required:
                constraints["required"] = True
            if column.enum:
                constraints["enum"] = list(column.enum)
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        schema: dict[str, Any] = {
            "fields": fields,
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(fk.columns),
                    "reference": {"resource": fk.table, "fields": list(fk.references)},
                }
                for fk in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                # Stated, not left to sniffing: text that quotes words in single
                # quotes made readers guess "'" as the quote character.
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "description": table.description,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": proposal_set.id,
        "title": proposal_set.title,
        "version": __version__,
        "sources": [
            {"title": src.title or src.publisher or src.id, "path": src.url}
            if src.url
            else {"title": src.title or src.id}
            for src in proposal_set.sources
        ],
        "resources": resources,
    }


def write_datapackage(
    proposal_set: ProposalSet, directory: str | os.PathLike[str]
) -> Path:
    """Write the CSV tables and a Frictionless ``datapackage.json`` describing them.

    Args:
        proposal_set: The set.
        directory: Where to write (created if missing; files are replaced).

    Returns:
        The path of ``datapackage.json``.

    Example:
        >>> import json, tempfile, ma_proposals as mp
        >>> from ma_proposals.export import write_datapackage
        >>> path = write_datapackage(mp.load(), tempfile.mkdtemp())
        >>> len(json.loads(path.read_text("utf-8"))["resources"])
        15
    """
    folder = Path(directory)
    write_csv(proposal_set, folder)
    text = json.dumps(datapackage(proposal_set), ensure_ascii=False, indent=2) + "\n"
    return _write_text(folder / "datapackage.json", text)


_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC"}
# Tables and columns that get a full-text index Datasette recognises.
_FTS = {"proposals": ("title", "summary"), "recommendations": ("text",)}


def write_sqlite(proposal_set: ProposalSet, target: str | os.PathLike[str]) -> Path:
    """Write the tables to a new SQLite database, ready for Datasette.

    Tables have their primary and foreign keys; ``proposals_fts`` and
    ``recommendations_fts`` are FTS5 indexes over titles, summaries and
    recommendation texts, linked to their tables so Datasette offers search.

    Args:
        proposal_set: The set.
        target: The database file (replaced if it exists).

    Returns:
        The path written.

    Example:
        >>> import sqlite3, tempfile, pathlib, ma_proposals as mp
        >>> from ma_proposals.export import write_sqlite
        >>> path = write_sqlite(mp.load(), pathlib.Path(tempfile.mkdtemp()) / "p.db")
        >>> db = sqlite3.connect(path)
        >>> db.execute(
        ...     "SELECT p.number, count(*) FROM recommendations r "
        ...     "JOIN proposals p ON p.id = r.proposal GROUP BY p.id ORDER BY p.number"
        ... ).fetchall()[:3]
        [(1, 5), (2, 3), (3, 3)]
        >>> db.close()
    """
    import sqlite3

    path = Path(target)
    with _replacing(path) as temporary:
        db = sqlite3.connect(temporary)
        try:
            with db:
                for table in tables(proposal_set):
                    _create(db, table)
        finally:
            db.close()
    return path


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def _create(db: Any, table: Table) -> None:
    columns = [
        f'"{c.name}" {_SQL_TYPES[c.type]}' + (" NOT NULL" if c.required else "")
        for c in table.columns
    ]
    columns.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    columns.extend(
        f"FOREIGN KEY ({_names(fk.columns)}) "
        f'REFERENCES "{fk.table}" ({_names(fk.references)})'
        for fk in table.foreign_keys
    )
    db.execute(f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(columns) + "\n)")
    marks = ", ".join("?" * len(table.columns))
    db.executemany(f"INSERT INTO {table.name} VALUES ({marks})", table.rows)
    if table.name in _FTS:
        indexed = ", ".join(_FTS[table.name])
        db.execute(
            f"CREATE VIRTUAL TABLE {table.name}_fts USING fts5({indexed}, "
            f'content="{table.name}", tokenize="porter unicode61")'
        )
        db.execute(
            f"INSERT INTO {table.name}_fts (rowid, {indexed}) "
            f"SELECT rowid, {indexed} FROM {table.name}"
        )


_PANDAS_TYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
}


def to_pandas(proposal_set: ProposalSet) -> dict[str, pandas.DataFrame]:
    """The tables of :func:`tables` as pandas DataFrames with proper dtypes.

    Strings are ``string``, integers nullable ``Int64``, numbers ``Float64`` and
    closed vocabularies ``category`` columns with all their allowed values. Needs
    the ``pandas`` extra.

    Args:
        proposal_set: The set.

    Returns:
        One DataFrame per table, by table name.

    Raises:
        MissingDependencyError: pandas is not installed.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.export import to_pandas
        >>> frames = to_pandas(mp.load())
        >>> stats = frames["statistics"]
        >>> str(stats["value"].dtype), str(stats["qualifier"].dtype)
        ('Float64', 'category')
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "to_pandas() needs pandas: pip install 'ma-proposals[pandas]'"
        ) from None
    frames = {}
    for table in tables(proposal_set):
        columns = {}
        for i, column in enumerate(table.columns):
            values = [row[i] for row in table.rows]
            dtype: Any = (
                pd.CategoricalDtype(list(column.enum))
                if column.enum
                else _PANDAS_TYPES[column.type]
            )
            columns[column.name] = pd.array(values, dtype=dtype)
        frames[table.name] = pd.DataFrame(columns)
    return frames


#: The writer of each export format, by name, and whether it writes a directory
#: (used by the command line).
FORMATS: dict[str, tuple[Callable[[ProposalSet, Any], Any], bool]] = {
    "json": (write_json, False),
    "jsonl": (write_jsonl, False),
    "csv": (write_csv, True),
    "sqlite": (write_sqlite, False),
    "datapackage": (write_datapackage, True),
}
