"""How to cite a proposal set and the source texts it was curated from.

:func:`cite` writes a citation of a set (the packaged one, or any other), with
its data version, and of the shipped source texts it was curated from, as
plain text, BibTeX or a ``CITATION.cff`` file; ``ma-proposals cite --format
...`` prints the same, and ``ma-proposals -f my.json cite`` cites a set file.
Everything in a citation comes from the set's own metadata. The repository's
``CITATION.cff`` is ``cite("cff")``.

Licences: the code is MIT-licensed; the curated data (the JSON, the TOML and
the JSON Schema) is under CC-BY-4.0 (:data:`DATA_LICENSE`); the source article
is the work of its publisher, shipped only so that the quotations can be
verified, and is covered by neither.

.. versionadded:: 0.1.0

Example:
    >>> import ma_proposals as mp
    >>> print(mp.cite())  # doctest: +ELLIPSIS
    The ma_proposals developers. Ma Huateng's written proposals to the 2020 two
    sessions (ma-huateng-2020), ...
"""

from __future__ import annotations

import json
import types
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from . import _bibtex as bib
from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .model import ProposalSet, Source

__all__ = ["AUTHORS", "DATA_LICENSE", "STYLES", "cite", "source_title"]

#: Who curated the packaged set, and so the author of its citations. Any other
#: set is cited without an author unless :func:`cite` is given ``authors``.
AUTHORS = "The ma_proposals developers"

#: The licence of the curated data, as a Frictionless ``licenses`` entry
#: (read-only: copy it to change it).
DATA_LICENSE: Mapping[str, str] = types.MappingProxyType(
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
)

#: The styles :func:`cite` writes.
STYLES: tuple[str, ...] = ("text", "bibtex", "cff")

_ARTICLE_NOTE = (
    "The article is not covered by the data's licence; it is shipped unchanged, "
    "with attribution, only so that the quotations can be verified."
)


def source_title(source: Source) -> str:
    """A title for a source: its own, or one made from its publisher and address.

    Never the bare id: a source without a title is named by its publisher and
    the site it is on (``"Financial News (www.financialnews.com.cn)"``), or by
    the site alone (``"Web page on news.cri.cn"``).

    Args:
        source: A source of a set.

    Returns:
        The title to show.

    Example:
        >>> import ma_proposals as mp
        >>> from ma_proposals.citing import source_title
        >>> [source_title(s) for s in mp.load().sources if s.id == "cnecz-60493"]
        ['Web page on cnecz.com']
    """
    if source.title:
        return source.title
    host = _host(source.url)
    if source.publisher and host:
        return f"{source.publisher} ({host})"
    if source.publisher:
        return source.publisher
    if host:
        return f"Web page on {host}"
    if source.resource:
        return f"Text shipped as {source.resource}"
    return "Untitled source"


def _host(url: str | None) -> str | None:
    """The host of an address; ``None`` for none or one that does not parse."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:  # "http://[bad": a URL has no rule the set must follow
        return None


class _Cited(NamedTuple):
    """What a citation is made from.

    The set, whether it is the packaged one, and its authors (none when they
    are not known).
    """

    set: ProposalSet
    packaged: bool
    authors: tuple[str, ...]


def _data_version(c: _Cited) -> str | None:
    if c.set.version:
        return f"data version {c.set.version}"
    if c.packaged:
        return f"data as shipped with ma-proposals {__version__}"
    return None


def _shipped_note(packaged: bool) -> str:
    """What a citation says of a shipped text (the package's licence: its own)."""
    return _ARTICLE_NOTE if packaged else "The text is shipped with the data set."


def _articles(s: ProposalSet) -> list[Source]:
    """The shipped sources: the texts the set was curated from."""
    return [src for src in s.sources if src.resource is not None]


def _one_line(value: str) -> str:
    """Any run of white space (newlines too) as one space."""
    return " ".join(value.split())


def _about(s: ProposalSet) -> str:
    """The set's deputy and meeting, as a sentence."""
    return _one_line(
        f"Deputy: {s.deputy.name}. Meeting: {s.meeting.name} ({s.meeting.year})."
    )


def _text(c: _Cited) -> str:
    s = c.set
    version = _data_version(c)
    first = f"{'; '.join(c.authors)}. " if c.authors else ""
    first += f"{s.title} ({s.id}){', ' + version if version else ''} [data set]. "
    first += _about(s)
    if c.packaged:
        first += (
            f" Distributed in the ma-proposals Python package {__version__}. "
            f"Licence: {DATA_LICENSE['name']}."
        )
    lines = [_one_line(first)]
    for src in _articles(s):
        who = src.publisher or ""
        if src.editor:
            who += f" (responsible editor: {src.editor})"
        date = src.published or "n.d."
        line = (
            f"Source: {who.strip() + '. ' if who else ''}{source_title(src)} "
            f"({date}). Language: {src.language or 'unknown'}."
        )
        if src.sha256:
            line += f" SHA-256 {src.sha256}."
        lines.append(_one_line(line))
    return "\n\n".join(lines) + "\n"


# -- BibTeX ---------------------------------------------------------------------------


def _set_entry(c: _Cited, key: str) -> str:
    s = c.set
    author = None
    if c.packaged and c.authors == (AUTHORS,):
        author = bib.corporate(AUTHORS)
    elif c.authors:
        author = "{" + " and ".join(map(bib.person, c.authors)) + "}"
    where = f"Data set {s.id}"
    where += (
        f" in the ma-proposals Python package {__version__}"
        if c.packaged
        else ", in the ma-proposals format"
    )
    version = _data_version(c)
    note = f"{version.capitalize()}. " if version else ""
    note += _about(s)
    if c.packaged:
        note += f" Licence: {DATA_LICENSE['name']}."
    return bib.entry(
        "misc",
        key,
        {
            "author": author,
            "title": "{" + bib.braced(s.title) + "}",
            "howpublished": bib.braced(where),
            "note": bib.braced(note),
        },
    )


def _source_entry(src: Source, key: str, packaged: bool) -> str:
    shipped = src.resource is not None
    dates = bib.dates(src.published)
    facts = [
        f"Language: {src.language}." if src.language else "",
        f"SHA-256 {src.sha256}." if src.sha256 else "",
        _shipped_note(packaged) if shipped else "An external page the data set cites.",
    ]
    # A shipped text is by its publisher (an article in it, when dated); an
    # external page is only published by it.
    article = shipped and bool(src.publisher and dates)
    publisher = bib.braced(src.publisher) if src.publisher else None
    fields: dict[str, str | None] = {
        "author": bib.corporate(src.publisher) if shipped and src.publisher else None,
        "title": "{" + bib.braced(source_title(src)) + "}",
        "journal": publisher if article else None,
        "howpublished": None if shipped else publisher,
        "editor": bib.braced(src.editor) if src.editor else None,
        **dates,
        "url": "{" + bib.url(src.url) + "}" if src.url else None,
        "note": bib.braced(" ".join(f for f in facts if f)),
    }
    return bib.entry("article" if article else "misc", key, fields)


def _bibtex(c: _Cited) -> str:
    """BibTeX that BibTeX's ``plain`` style and biblatex both accept.

    Only fields both know: ``year`` and ``month``, never biblatex's ``date``;
    what only biblatex has a field for (the version, the language) is in
    ``note``.
    """
    s = c.set
    taken: set[str] = set()
    entries = [_set_entry(c, bib.key(s.id, taken))]
    shipped = _articles(s)
    external = [src for src in s.sources if src.resource is None and src.url]
    for src in [*shipped, *external]:
        entries.append(_source_entry(src, bib.key(src.id, taken), c.packaged))
    return "\n".join(entries)


# -- CITATION.cff ---------------------------------------------------------------------


def _abstract(c: _Cited) -> str:
    s = c.set
    where = (
        "in the ma-proposals Python package (code: MIT; data: CC-BY-4.0)"
        if c.packaged
        else "in the format of the ma-proposals Python package"
    )
    return _one_line(
        f"{s.title}: {len(s.proposals)} proposals by {s.deputy.name} "
        f"({s.meeting.name}), as typed, evidence-backed data {where}. Every "
        "curated fact points at the span of the shipped source article that "
        "supports it."
    )


def _yaml(value: Any) -> str:
    """A YAML scalar: JSON strings are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def _cff_set(c: _Cited) -> list[str]:
    s = c.set
    if not c.authors:
        raise ValueError(
            "a CITATION.cff must name the set's authors, and this set's are not "
            "known: give authors=[...]"
        )
    version = s.version or (__version__ if c.packaged else None)
    out = [
        "cff-version: 1.2.0",
        "message: >-",
        "  If you use this data set, please cite it as below, and cite the source",
        "  article it was curated from (listed under references).",
        "type: dataset",
        f"title: {_yaml(_one_line(s.title))}",
    ]
    if version:
        out.append(f"version: {_yaml(version)}")
    out.append("authors:")
    out += [f"  - name: {_yaml(_one_line(name))}" for name in c.authors]
    if c.packaged:
        out.append(f"license: {DATA_LICENSE['name']}")
    out.append(f"abstract: {_yaml(_abstract(c))}")
    if c.packaged:
        out += [
            "keywords:",
            '  - "dataset"',
            '  - "China"',
            '  - "National People\'s Congress"',
            '  - "two sessions"',
        ]
    what = "in the ma-proposals package" if c.packaged else "(ma-proposals format)"
    return [
        *out,
        "identifiers:",
        "  - type: other",
        f"    value: {_yaml(s.id)}",
        f"    description: {_yaml(f'Id of the set {what}')}",
    ]


def _cff_reference(src: Source, packaged: bool) -> list[str]:
    out = [
        "  - type: article",
        f"    title: {_yaml(_one_line(source_title(src)))}",
        "    authors:",
        # CFF requires authors; "anonymous" is its word for none known.
        f"      - name: {_yaml(_one_line(src.publisher or 'anonymous'))}",
    ]
    if src.editor:
        out += ["    editors:", f"      - name: {_yaml(_one_line(src.editor))}"]
    if src.publisher:
        out += ["    publisher:", f"      name: {_yaml(_one_line(src.publisher))}"]
    if src.language:
        out += ["    languages:", f"      - {_yaml(src.language)}"]
    if src.published:
        out.append(f"    date-published: {_yaml(src.published)}")
    checksum = f"SHA-256 {src.sha256}. " if src.sha256 else ""
    out.append(f"    notes: {_yaml(checksum + _shipped_note(packaged))}")
    return out


def _cff(c: _Cited) -> str:
    out = _cff_set(c)
    articles = _articles(c.set)
    if articles:
        out.append("references:")
    for src in articles:
        out += _cff_reference(src, c.packaged)
    return "\n".join(out) + "\n"


_WRITERS: dict[str, Callable[[_Cited], str]] = {
    "text": _text,
    "bibtex": _bibtex,
    "cff": _cff,
}


def _names(authors: str | Iterable[str]) -> tuple[str, ...]:
    given: tuple[object, ...] = (
        (authors,) if isinstance(authors, str) else tuple(authors)
    )
    names = []
    for name in given:
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"an author's name must be a non-empty string: {name!r}")
        names.append(_one_line(name))
    return tuple(names)


def _is_packaged(s: ProposalSet) -> bool:
    """Whether ``s`` is a packaged set: equal to it (not merely of its id)."""
    from .loading import available, load

    return s.id in available() and s == load(s.id)


def cite(
    proposal_set: ProposalSet | str | None = None,
    style: str | None = None,
    *,
    authors: str | Iterable[str] | None = None,
) -> str:
    r"""A citation of a proposal set and of the source texts it was curated from.

    ``cite()`` cites the packaged set, ``cite(s)`` any set; the style is the
    second argument, or the first when no set is given: ``cite("bibtex")`` is
    ``cite(None, "bibtex")``, and ``cite(style="bibtex")`` works too.

    Everything comes from the set's own metadata: its title, id and data
    version (:attr:`ProposalSet.version <ma_proposals.ProposalSet.version>`),
    its deputy and meeting, and its shipped sources (publisher, editor, date,
    language, checksum); BibTeX also has an entry, with its ``url``, for each
    external page the set cites.

    Authors are never invented. The packaged set (a set equal to it) is by
    :data:`~ma_proposals.citing.AUTHORS`, and carries its licence and the
    package's version. Any other set is cited without an author, and without a
    licence, unless ``authors`` names them; a ``CITATION.cff`` must have
    authors, so ``"cff"`` needs them for such a set.

    BibTeX is accepted by BibTeX's ``plain`` style and by biblatex: it uses
    only fields both know (``year`` and ``month``, not ``date``; the data
    version and the language are in ``note``), and writes TeX's special
    characters (``{ } \ % & $ # _ ~ ^``) so that they print as they are.

    Args:
        proposal_set: The set to cite; the packaged set by default. A style
            name here is taken as ``style`` (``cite("bibtex")``).
        style: ``"text"`` (plain text; the default), ``"bibtex"`` or ``"cff"``
            (a ``CITATION.cff`` file).
        authors: The set's authors, one name each (as BibTeX reads names:
            ``"Zhang San"`` or ``"Zhang, San"``); a single string is one name.
            They replace the default (:data:`~ma_proposals.citing.AUTHORS`
            for the packaged set, none for any other).

    Returns:
        The citation, ending with a newline.

    Raises:
        ValueError: ``style`` is not one of :data:`~ma_proposals.citing.STYLES`;
            an author's name is empty; or ``"cff"`` is asked of a set whose
            authors are not known.
        TypeError: The style is given twice (``cite("text", "bibtex")``), or
            ``proposal_set`` is not a set.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       Cites any set (``cite(s)``), with ``authors``.

    Example:
        >>> import ma_proposals as mp
        >>> print(mp.cite("bibtex").splitlines()[0])
        @misc{ma-huateng-2020,
        >>> "type: dataset" in mp.cite("cff")
        True
        >>> import attrs
        >>> s = attrs.evolve(mp.load(), title="My reading of the proposals")
        >>> print(mp.cite(s))  # doctest: +ELLIPSIS
        My reading of the proposals (ma-huateng-2020), data version ... [data set].
        Deputy: Ma Huateng. Meeting: The 2020 two sessions (2020).
        <BLANKLINE>
        Source: 21st Century Economic Report (responsible editor: Zhong Qiming). ...
        >>> mp.cite(s, "bibtex", authors=["Zhang, San"]).splitlines()[1]
        '  author = {Zhang, San},'
    """
    if isinstance(proposal_set, str):
        if style is not None:
            raise TypeError("cite() got two styles; give the set first: cite(s, style)")
        proposal_set, style = None, proposal_set
    style = "text" if style is None else style
    try:
        write = _WRITERS[style]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}"
        ) from None
    if proposal_set is None:
        from .loading import load

        s, packaged = load(), True
    else:
        from .model import ProposalSet

        if not isinstance(proposal_set, ProposalSet):
            raise TypeError(
                f"cite() cites a ProposalSet, not {type(proposal_set).__name__}"
            )
        s, packaged = proposal_set, _is_packaged(proposal_set)
    default = (AUTHORS,) if packaged else ()
    names = default if authors is None else _names(authors)
    return write(_Cited(s, packaged, names))
