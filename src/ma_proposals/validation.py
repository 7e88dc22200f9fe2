"""Validation: every problem of a document at once, each with a code and a path.

:func:`validate` accepts a :class:`~ma_proposals.ProposalSet`, a mapping, a path, or
the text or bytes of a document, and returns a :class:`Report`. It never raises for
bad data. The loaders run the same checks and raise
:class:`~ma_proposals.ValidationError` carrying the report.

Problem codes are stable and listed, with their meaning, in :data:`CODES`; the
base types (:class:`Problem`, :class:`Report`, the codes) are those of
:mod:`ma_proposals.problems`, and are also importable from here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ._source_texts import MAX_BYTES, MAX_TEXT_BYTES, MAX_TOTAL_TEXT_BYTES
from .problems import CODES, MAX_PROBLEMS, Problem, Report

if TYPE_CHECKING:
    from ._source_texts import TextBase

__all__ = ["CODES", "MAX_PROBLEMS", "Problem", "Report", "validate"]


def validate(
    document: Any,
    *,
    base: TextBase | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_problems: int | None = MAX_PROBLEMS,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
    max_total_text_bytes: int | None = MAX_TOTAL_TEXT_BYTES,
) -> Report:
    """Check a document and report every problem at once.

    Args:
        document: A :class:`~ma_proposals.ProposalSet`; a mapping as parsed from
            JSON; a :class:`str` or :class:`bytes` holding JSON text; or a path
            (:class:`os.PathLike`) to a JSON file. A :class:`str` is always read as
            JSON text, never as a file name.
        base: Where the ``resource`` paths of shipped sources are resolved: a
            directory (a :class:`~pathlib.Path` or importlib-resources
            ``Traversable``) or a mapping from resource path to bytes. Defaults to
            the file's directory for paths and to the packaged data otherwise.
        max_bytes: Refuse documents larger than this (default 64 MiB, the
            loaders' :data:`~ma_proposals.loading.MAX_BYTES`); ``None`` for no
            limit.
        max_problems: Keep at most this many problems (the first found) and
            count the rest in :attr:`Report.omitted`; ``None`` keeps all.
        max_text_bytes: Refuse source texts larger than this (default 64 MiB,
            :data:`~ma_proposals.loading.MAX_TEXT_BYTES`) with a ``too-large``
            problem; ``None`` for no limit.

            .. versionadded:: 0.1.0
        max_total_text_bytes: Refuse a source text that would take the
            distinct source texts of the document past this many bytes in all
            (default 256 MiB,
            :data:`~ma_proposals.loading.MAX_TOTAL_TEXT_BYTES`), with a
            ``too-large`` problem at the source that crosses it; ``None`` for
            no limit.

            .. versionadded:: 0.1.0

    Only regular files are read, the document's and its source texts (never a
    FIFO or a device), and a ``resource`` is read only where it lies inside
    ``base`` once its links are resolved; see :doc:`/limits`.

    Returns:
        The :class:`Report`; ``report.valid`` is true when there is no problem.

    Raises:
        OSError: A path could not be read, or is not a regular file.

    Example:
        >>> import ma_proposals as mp
        >>> report = mp.validate(b'{"schema_version": 1, "id": "Bad Id"}')
        >>> report.valid
        False
        >>> [p.code for p in report.problems if p.path == "$.id"]
        ['bad-id']
    """
    from . import loading
    from .conversion import checkable
    from .model import ProposalSet

    limits: dict[str, Any] = {
        "max_problems": max_problems,
        "max_text_bytes": max_text_bytes,
        "max_total_text_bytes": max_total_text_bytes,
    }
    if isinstance(document, ProposalSet):
        # As data, so that a set built in code gets the shape checks too, with
        # whatever its fields hold.
        data = checkable(document)
        return loading.check_object(data, base=base, **limits)[1]
    if isinstance(document, os.PathLike):
        return loading.check_path(document, base=base, max_bytes=max_bytes, **limits)[1]
    if isinstance(document, (str, bytes, bytearray, memoryview)):
        return loading.check_text(document, base=base, max_bytes=max_bytes, **limits)[1]
    return loading.check_object(document, base=base, **limits)[1]
