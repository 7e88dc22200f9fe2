"""From a set to its authoring file, and a starting authoring file for a source.

Writing TOML uses tomli-w (the ``curation`` extra); these functions only decide
what to write, and add comments around what tomli-w writes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from ma_proposals._fields import DOC, Rule
from ma_proposals._plan import SUPPORT, Kind
from ma_proposals.conversion import unstructure
from ma_proposals.errors import MissingDependencyError
from ma_proposals.model import SCHEMA_VERSION, ProposalSet

from . import _passages
from ._format import evidence_field, plans

if TYPE_CHECKING:
    from collections.abc import Callable

    from ma_proposals._plan import FieldPlan

__all__ = ["authoring", "authoring_toml", "template"]

_HEADER = re.compile(r"^\[\[?([^\]]+)\]\]?$")
_KEY_LINE = re.compile(r"^([A-Za-z0-9_-]+) = ")

_INTRO = """\
# The authoring file of a proposal set, for ma-proposals.
#
# `ma-proposals build {name}` turns it into {stem}.json beside it: it finds every
# quote in its source, computes the offsets and checksums, and checks the set.
# The [set] table mirrors the JSON format, except that evidence is written as
# quotes, never as offsets. Each entry of an `evidence` list is the source's
# words, verbatim (looked for in [curation] default_source), or a table
#     {{ quote = "...", occurrence = 2, source = "other-source-id" }}
# for words that occur more than once, or that are in another source."""

_START = """\
#
# To start: fill in [set]; uncomment the examples you need (one block per item),
# fill them in, and delete the optional keys you do not use. Then run
# `ma-proposals build {name}` and fix what it reports, line by line."""


def _tomli_w() -> Callable[..., str]:
    try:
        import tomli_w
    except ImportError:
        raise MissingDependencyError(
            "writing authoring files needs tomli-w: "
            "pip install 'ma-proposals[curation]'"
        ) from None
    dumps: Callable[..., str] = tomli_w.dumps
    return dumps


def _dumps(data: dict[str, Any]) -> str:
    return _tomli_w()(data, indent=2)


# -- authoring(): a set as an authoring document ---------------------------------


def _default_source(proposal_set: ProposalSet, shipped: list[str]) -> str | None:
    """The shipped source that most evidence points at (the first, on a tie)."""
    from ma_proposals import query

    counts = Counter(row.source for row in query.evidence_rows(proposal_set))
    if not shipped:
        return None
    return max(shipped, key=lambda sid: (counts[sid], -shipped.index(sid)))


class _Writer:
    def __init__(self, proposal_set: ProposalSet, default: str | None) -> None:
        self.set = proposal_set
        self.default = default
        self.texts: dict[str, str] = {}

    def text(self, source: str) -> str:
        if source not in self.texts:
            self.texts[source] = self.set.source_text(source)
        return self.texts[source]

    def quote(self, evidence: dict[str, Any]) -> str | dict[str, Any]:
        source, start, exact = evidence["source"], evidence["start"], evidence["exact"]
        found = _passages.occurrences(self.text(source), exact)
        if start not in found:
            raise ValueError(
                f"evidence {exact!r} is not at {start} in {source!r}; only a valid "
                "set has an authoring document (run validate() first)"
            )
        if source == self.default and len(found) == 1:
            return str(exact)
        entry: dict[str, Any] = {"quote": exact}
        if len(found) > 1:
            entry["occurrence"] = found.index(start) + 1
        if source != self.default:
            entry["source"] = source
        return entry

    def table(self, cls: type, data: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, plan in plans(cls).items():
            value = data[name]
            if not plan.required and value == unstructure(_default(plan)):
                continue  # TOML has no null; a left-out key takes its default
            if evidence_field(plan):
                out[name] = [self.quote(e) for e in value]
            elif plan.kind is Kind.OBJ and plan.cls is not None:
                out[name] = self.table(plan.cls, value)
            elif plan.kind is Kind.OBJS and plan.cls is not None:
                out[name] = [self.table(plan.cls, item) for item in value]
            else:
                out[name] = value
        return out


def authoring(
    proposal_set: ProposalSet, *, default_source: str | None = None
) -> dict[str, Any]:
    """The authoring document of a valid set, as data.

    Evidence becomes quotes: a plain string where the quote occurs once in the
    default source, else a table with the ``occurrence`` (and ``source``) that
    places it. Keys whose value is their default are left out (TOML has no
    ``null``). :func:`build` of the result equals the set.

    Args:
        proposal_set: A valid set whose source texts are known (loaded, built
            or validated in this process).
        default_source: The source that quotes are looked for in when they do
            not name one; defaults to the shipped source most evidence is in.

    Returns:
        The document: ``{"curation": {...}, "set": {...}}``.

    Raises:
        SourceTextError: The text of a shipped source is not available.
        ValueError: An evidence quote is not at its offsets (an invalid set).

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> document = curation.authoring(mp.load())
        >>> document["curation"]
        {'default_source': '21st-century-economic-report'}
        >>> document["set"]["proposals"][6]["recommendations"][1]["evidence"]
        ['Speed up the construction process of Pearl River mouth National Park;']

    .. versionadded:: 0.1.0
    """
    shipped = [s.id for s in proposal_set.sources if s.resource is not None]
    default = default_source or _default_source(proposal_set, shipped)
    writer = _Writer(proposal_set, default)
    document: dict[str, Any] = {}
    if default is not None:
        document["curation"] = {"default_source": default}
    document["set"] = writer.table(ProposalSet, unstructure(proposal_set))
    return document


def _wrap(comment: str) -> str:
    """Re-fill ``# `` comment paragraphs to 80 columns (indented lines kept)."""
    import textwrap

    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            text = " ".join(paragraph)
            out.extend(
                textwrap.wrap(
                    text,
                    78,
                    initial_indent="# ",
                    subsequent_indent="# ",
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
            paragraph.clear()

    for line in comment.splitlines():
        body = line[2:] if line.startswith("# ") else ""
        if not body or body.startswith(" "):
            flush()
            out.append(line)
        else:
            paragraph.append(body)
    flush()
    return "\n".join(out)


def _intro(name: str, schema: str | None) -> str:
    directive = f"#:schema {schema}\n" if schema else ""
    stem = name.removesuffix(".toml")
    return directive + _wrap(_INTRO.format(name=name, stem=stem))


def authoring_toml(
    proposal_set: ProposalSet,
    *,
    name: str | None = None,
    schema: str | None = None,
    default_source: str | None = None,
) -> str:
    r"""The authoring file of a valid set, as TOML text (needs tomli-w).

    Args:
        proposal_set: A valid set whose source texts are known.
        name: The file name the text will be saved as, for its comments;
            defaults to the set's id with ``.toml``.
        schema: A path or URL of the authoring format's JSON Schema, written as
            a ``#:schema`` line that TOML editors (Taplo, Even Better TOML) use
            for completion and checks; none by default.
        default_source: See :func:`authoring`.

    Returns:
        The text: a comment that explains the format, then the document.

    Raises:
        MissingDependencyError: tomli-w is not installed (``pip install
            'ma-proposals[curation]'``).

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals import curation
        >>> text = curation.authoring_toml(mp.load())
        >>> print(text[text.index("\n[curation]\n") + 1 :][:85])
        [curation]
        default_source = "21st-century-economic-report"
        <BLANKLINE>
        [set]
        schema_version = 1

    .. versionadded:: 0.1.0
    """
    document = authoring(proposal_set, default_source=default_source)
    intro = _intro(name or f"{proposal_set.id}.toml", schema)
    return f"{intro}\n\n{_dumps(document)}"


# -- template(): a starting file for a new source -----------------------------------


def _default(plan: FieldPlan) -> Any:
    """The value a field takes when its key is left out."""
    return plan.default() if plan.factory else plan.default


def _example_value(plan: FieldPlan, depth: int) -> Any:
    """A placeholder that the build rejects until it is filled in."""
    if evidence_field(plan):
        return [""]
    if plan.kind is Kind.STR:
        return ""
    if plan.kind is Kind.STRS:
        return [""]
    if plan.kind is Kind.OBJ and plan.cls is not None:
        return _example(plan.cls, depth + 1)
    if plan.kind is Kind.OBJS and plan.cls is not None:
        return [_example(plan.cls, depth + 1)]
    if plan.kind is Kind.BOOL:
        return False
    if plan.kind is Kind.ENUM:
        return ""  # no silent choice: the build reports it until it is filled
    return 0


def _example(cls: type, depth: int = 0) -> dict[str, Any]:
    """One example object of ``cls`` with every field, for a template."""
    if depth > 8:  # pragma: no cover - the model has no cycles
        return {}
    return {name: _example_value(plan, depth) for name, plan in plans(cls).items()}


def _plain(text: str) -> str:
    return text.replace("``", "`")


def _comment(cls: type, name: str) -> str:
    """What a key of a template means, from the model's metadata."""
    plan = plans(cls)[name]
    words = [_requirement(cls, name)]
    words.append(_plain(attrs.fields_dict(cls)[name].metadata[DOC]))
    if plan.ref is not None:
        words.append(f"Names an item of the set's {plan.ref} by its id.")
    if plan.rule is Rule.SHA256:
        words.append("The build computes it if left out, and checks it if given.")
    if plan.enum_values is not None:
        words.append("One of: " + ", ".join(map(str, plan.enum_values)) + ".")
    if evidence_field(plan):
        words.append("Written as quotes: strings, or { quote, occurrence, source }.")
    return " ".join(words)


def _requirement(cls: type, name: str) -> str:
    """Whether a key is required, as the build checks it.

    Evidence and citations are optional keys, but the build requires at least
    one entry among those the class has (``missing-evidence``).
    """
    support = [key for key in SUPPORT if key in plans(cls)]
    if name in support:
        if len(support) == 1:
            return "Required: at least one."
        return f"At least one entry of {' or '.join(support)} is required."
    return "Required." if plans(cls)[name].required else "Optional."


def _class_at(header: str) -> type | None:
    """The model class of the table ``set.a.b`` (None outside ``[set]``)."""
    parts = header.split(".")
    if parts[0] != "set":
        return None
    cls: type | None = ProposalSet
    for part in parts[1:]:
        plan = plans(cls).get(part) if cls is not None else None
        cls = plan.cls if plan is not None else None
    return cls


def _annotate(text: str, commented: bool, skip: tuple[str, ...] = ()) -> str:
    """Add each key's meaning to TOML text that tomli-w wrote; comment it out."""
    lines = []
    cls: type | None = None
    for line in text.splitlines():
        header = _HEADER.match(line)
        key = _KEY_LINE.match(line)
        if header:
            cls = _class_at(header.group(1))
        elif key and cls is not None and key.group(1) not in skip:
            line = f"{line}  # {_comment(cls, key.group(1))}"
        if commented:
            line = f"# {line}" if line else "#"
        lines.append(line)
    return "\n".join(lines)


def _banner(title: str) -> str:
    rule = "# " + "-" * 77
    return f"{rule}\n# {title}\n{rule}"


def template(
    source: bytes,
    *,
    resource: str,
    source_id: str = "source",
    set_id: str = "my-set",
    name: str | None = None,
    schema: str | None = None,
) -> str:
    r"""A starting authoring file for a new source text (needs tomli-w).

    The file names the source and records its checksum, and holds one commented
    example of each kind of item, every key with its meaning, generated from the
    model. Placeholders are empty, so that the build reports each one that is
    left unfilled.

    Args:
        source: The bytes of the source text (UTF-8).
        resource: Its path relative to the authoring file, such as
            ``sources/report.txt``.
        source_id: The id to give the source.
        set_id: The id to give the set.
        name: The file name the text will be saved as, for its comments.
        schema: A path or URL of the authoring format's JSON Schema, for a
            ``#:schema`` line (see :func:`authoring_toml`).

    Returns:
        The TOML text.

    Raises:
        MissingDependencyError: tomli-w is not installed.
        UnicodeDecodeError: The source is not UTF-8.

    Example:
        >>> from ma_proposals import curation
        >>> text = curation.template(b"A text.", resource="sources/a.txt")
        >>> print(text[text.index("[[set.sources]]") :].split("\n")[1])
        id = "source"  # Required. Stable id, unique in the set.

    .. versionadded:: 0.1.0
    """
    from ma_proposals._source_texts import sha256

    source.decode("utf-8")
    name = name or f"{set_id}.toml"
    given = {"id": source_id, "resource": resource, "sha256": sha256(source)}
    set_fields = plans(ProposalSet)
    scalars = {
        key: _example_value(plan, 0)
        for key, plan in set_fields.items()
        if plan.cls is None and key not in ("schema_version", "id")
    }
    source_extra = {
        key: value
        for key, value in _example(_class_of("sources")).items()
        if key not in given
    }
    parts = [
        _intro(name, schema) + "\n" + _wrap(_START.format(name=name)),
        _dumps({"curation": {"default_source": source_id}}).rstrip(),
        _annotate(
            _dumps({"set": {"schema_version": SCHEMA_VERSION, "id": set_id}}),
            commented=False,
        )
        + "\n"
        + _annotate("[set]\n" + _dumps(scalars), commented=True).split("\n", 1)[1],
        _banner("Sources: the text quoted, and any external page cited.")
        + "\n"
        + _annotate(_dumps({"set": {"sources": [given]}}), commented=False)
        + "\n"
        + _annotate("[[set.sources]]\n" + _dumps(source_extra), commented=True).split(
            "\n", 1
        )[1],
    ]
    for key, plan in set_fields.items():
        if plan.cls is None or key == "sources":
            continue
        field_doc = _plain(attrs.fields_dict(ProposalSet)[key].metadata[DOC])
        example = _example_value(plan, 0)
        each = " One block per item." if plan.kind is Kind.OBJS else ""
        parts.append(
            _banner(f"{key}: {field_doc}{each}")
            + "\n"
            + _annotate(_dumps({"set": {key: example}}), commented=True)
        )
    return "\n\n".join(part.rstrip() for part in parts) + "\n"


def _class_of(key: str) -> type:
    cls = plans(ProposalSet)[key].cls
    assert cls is not None
    return cls
