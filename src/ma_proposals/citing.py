"""How to cite the packaged data set and the source article it was curated from.

:func:`cite` writes a citation of the packaged set, with its data version, and
of its shipped source article, as plain text, BibTeX or a ``CITATION.cff``
file; ``ma-proposals cite --format ...`` prints the same. The repository's
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
import re
import types
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .model import ProposalSet, Source

__all__ = ["AUTHORS", "DATA_LICENSE", "STYLES", "cite", "source_title"]

#: Who curated the packaged set.
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


def _data_version(s: ProposalSet) -> str:
    if s.version:
        return f"data version {s.version}"
    return f"data as shipped with ma-proposals {__version__}"


def _articles(s: ProposalSet) -> list[Source]:
    return [src for src in s.sources if src.resource is not None]


def _text(s: ProposalSet) -> str:
    lines = [
        f"{AUTHORS}. {s.title} ({s.id}), {_data_version(s)} [data set]. "
        f"Distributed in the ma-proposals Python package {__version__}. "
        f"Licence: {DATA_LICENSE['name']}.",
    ]
    for src in _articles(s):
        who = src.publisher or "Unknown publisher"
        if src.editor:
            who += f" (responsible editor: {src.editor})"
        date = src.published or "n.d."
        lines.append(
            f"Source: {who}. {source_title(src)} ({date}). "
            f"Language: {src.language or 'unknown'}. SHA-256 {src.sha256}."
        )
    return "\n\n".join(lines) + "\n"


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(value: str) -> str:
    value = value.replace("\\", r"\textbackslash{}")
    value = _BIBTEX_SPECIAL.sub(r"\\\1", value)
    return value.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _entry(kind: str, key: str, fields: dict[str, str | None]) -> str:
    body = ",\n".join(
        f"  {name} = {{{value}}}" for name, value in fields.items() if value
    )
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _bibtex(s: ProposalSet) -> str:
    entries = [
        _entry(
            "misc",
            s.id,
            {
                "author": "{" + _bib(AUTHORS) + "}",
                "title": "{" + _bib(s.title) + "}",
                "version": _bib(s.version) if s.version else None,
                "howpublished": _bib(
                    f"ma-proposals Python package {__version__}, data set {s.id}"
                ),
                "note": _bib(
                    f"{_data_version(s).capitalize()}. Licence: {DATA_LICENSE['name']}."
                ),
            },
        )
    ]
    for src in _articles(s):
        entries.append(
            _entry(
                "article",
                src.id,
                {
                    "author": "{" + _bib(src.publisher or "Unknown") + "}",
                    "title": "{" + _bib(source_title(src)) + "}",
                    "journal": _bib(src.publisher) if src.publisher else None,
                    "editor": _bib(src.editor) if src.editor else None,
                    "date": src.published,
                    "language": src.language,
                    "note": _bib(f"SHA-256 {src.sha256}. {_ARTICLE_NOTE}"),
                },
            )
        )
    return "\n".join(entries)


def _abstract(s: ProposalSet) -> str:
    return (
        f"{s.title}: {len(s.proposals)} proposals by {s.deputy.name} "
        f"({s.meeting.name}), as typed, evidence-backed data in the ma-proposals "
        "Python package (code: MIT; data: CC-BY-4.0). Every curated fact points "
        "at the span of the shipped source article that supports it."
    )


def _yaml(value: Any) -> str:
    """A YAML scalar: JSON strings are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def _cff(s: ProposalSet) -> str:
    version = s.version or __version__
    out = [
        "cff-version: 1.2.0",
        "message: >-",
        "  If you use this data set, please cite it as below, and cite the source",
        "  article it was curated from (listed under references).",
        "type: dataset",
        f"title: {_yaml(s.title)}",
        f"version: {_yaml(version)}",
        "authors:",
        f"  - name: {_yaml(AUTHORS)}",
        f"license: {DATA_LICENSE['name']}",
        f"abstract: {_yaml(_abstract(s))}",
        "keywords:",
        '  - "dataset"',
        '  - "China"',
        '  - "National People\'s Congress"',
        '  - "two sessions"',
        "identifiers:",
        "  - type: other",
        f"    value: {_yaml(s.id)}",
        f"    description: {_yaml('Id of the set in the ma-proposals package')}",
    ]
    articles = _articles(s)
    if articles:
        out.append("references:")
    for src in articles:
        out += [
            "  - type: article",
            f"    title: {_yaml(source_title(src))}",
            "    authors:",
            f"      - name: {_yaml(src.publisher or 'Unknown')}",
        ]
        if src.editor:
            out += ["    editors:", f"      - name: {_yaml(src.editor)}"]
        if src.publisher:
            out += ["    publisher:", f"      name: {_yaml(src.publisher)}"]
        if src.language:
            out += ["    languages:", f"      - {_yaml(src.language)}"]
        if src.published:
            out.append(f"    date-published: {_yaml(src.published)}")
        out.append(f"    notes: {_yaml(f'SHA-256 {src.sha256}. {_ARTICLE_NOTE}')}")
    return "\n".join(out) + "\n"


_WRITERS = {"text": _text, "bibtex": _bibtex, "cff": _cff}


def cite(style: str = "text") -> str:
    """A citation of the packaged data set and of its source article.

    The data set is cited with its data version
    (:attr:`ProposalSet.version <ma_proposals.ProposalSet.version>`; while the
    set has none, with the version of the package that ships it) and its
    licence; the article with its publisher, editor, language and checksum.

    Args:
        style: ``"text"`` (plain text), ``"bibtex"`` or ``"cff"`` (a
            ``CITATION.cff`` file).

    Returns:
        The citation, ending with a newline.

    Raises:
        ValueError: ``style`` is not one of
            :data:`~ma_proposals.citing.STYLES`.

    .. versionadded:: 0.1.0

    Example:
        >>> import ma_proposals as mp
        >>> print(mp.cite("bibtex").splitlines()[0])
        @misc{ma-huateng-2020,
        >>> "type: dataset" in mp.cite("cff")
        True
    """
    try:
        write = _WRITERS[style]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}"
        ) from None
    from .loading import load

    return write(load())
