"""Writing BibTeX: field values that BibTeX and LaTeX read as they are meant.

Used by :mod:`ma_proposals.citing`. Values are written as BibTeX and biblatex
both read them: braced text with TeX's special characters escaped, month
macros, and keys made of safe characters.
"""

from __future__ import annotations

import re

__all__ = ["braced", "corporate", "dates", "entry", "key", "person", "text", "url"]


def _one_line(value: str) -> str:
    """Any run of white space (newlines too) as one space."""
    return " ".join(value.split())


#: What LaTeX and BibTeX read specially, written so that both print it as it is.
#: Braces become commands, not ``\{``: BibTeX counts every brace, escaped or
#: not, so a lone ``\{`` would unbalance the entry.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{c: "\\" + c for c in "&%$#_"},
}
_BIBTEX_SPECIAL = re.compile("|".join(map(re.escape, _BIBTEX_ESCAPES)))
_AND = re.compile(r"\band\b", re.IGNORECASE)
_MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec"
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")


def text(value: str) -> str:
    """Text as a BibTeX field value's content (one line, specials escaped)."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], _one_line(value))


def braced(value: str) -> str:
    """Text as a braced BibTeX field value."""
    return "{" + text(value) + "}"


def corporate(name: str) -> str:
    """A name BibTeX must not split into first and last names (double braces)."""
    return "{" + braced(name) + "}"


def person(name: str) -> str:
    """A name as BibTeX reads it ("First Last" or "Last, First")."""
    # An "and" inside a name would split it into two authors: keep it whole.
    return braced(name) if _AND.search(name) else text(name)


def key(value: str, taken: set[str]) -> str:
    """A BibTeX key from an id (ids of a valid set already are keys), unique."""
    made = _KEY_UNSAFE.sub("-", value).strip("-") or "entry"
    while made in taken:
        made += "-source"
    taken.add(made)
    return made


def dates(published: str | None) -> dict[str, str | None]:
    """``year`` and ``month`` (a month macro) of an ISO 8601 date, if any."""
    if not published or not re.fullmatch(r"\d{4}(-\d\d){0,2}", published):
        return {}
    parts = published.split("-")
    month = int(parts[1]) if len(parts) > 1 else 0
    return {
        "year": "{" + parts[0] + "}",
        "month": _MONTHS[3 * month - 3 : 3 * month] if 1 <= month <= 12 else None,
    }


def entry(kind: str, key: str, fields: dict[str, str | None]) -> str:
    """An entry; each value is written as given (braced text or a macro)."""
    body = ",\n".join(
        f"  {name} = {value}" for name, value in fields.items() if value is not None
    )
    return f"@{kind}{{{key},\n{body}\n}}\n"


def url(url: str) -> str:
    """An address as a ``url`` value's content, on one line.

    Braces and backslashes are percent-encoded: BibTeX counts every brace.
    """
    return _one_line(url).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
