"""Loading proposal sets and writing them as canonical JSON.

:func:`load` returns a packaged set, parsed and validated once, then cached;
:func:`load_path` and :func:`loads` read a user's own document with the same
checks. Nothing is ever half-loaded: either every check passes and a complete,
immutable :class:`~ma_proposals.ProposalSet` comes back, or
:class:`~ma_proposals.ValidationError` lists every problem.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _source_texts
from ._checks import check_document
from ._collector import Collector
from ._index import VALUES_CHECKED, index_of
from ._jsonparse import parse
from .errors import UnknownIdError, ValidationError
from .problems import MAX_PROBLEMS, Problem, Report

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator, Mapping

    from importlib_resources.abc import Traversable

    from ._checks import Shipped
    from .model import ProposalSet

__all__ = [
    "MAX_BYTES",
    "MAX_TEXT_BYTES",
    "MAX_TOTAL_TEXT_BYTES",
    "available",
    "dumps",
    "load",
    "load_path",
    "loads",
]

#: The largest document the loaders read unless told otherwise (64 MiB).
MAX_BYTES = _source_texts.MAX_BYTES

#: The largest source text (a ``resource`` file) the loaders read unless told
#: otherwise (64 MiB).
MAX_TEXT_BYTES = _source_texts.MAX_TEXT_BYTES

#: The most bytes the distinct source texts of one document may have in all,
#: unless the loaders are told otherwise (256 MiB): the source whose text
#: would cross it is a ``too-large`` problem.
MAX_TOTAL_TEXT_BYTES = _source_texts.MAX_TOTAL_TEXT_BYTES

_DEFAULT_SET = "ma-huateng-2020"
_PLAIN_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_cache: dict[str, ProposalSet] = {}
_cache_lock = threading.Lock()


def available() -> tuple[str, ...]:
    """Name the proposal sets shipped inside the package.

    Returns:
        The ids that :func:`load` accepts, sorted.

    Example:
        >>> import ma_proposals as mp
        >>> mp.available()
        ('ma-huateng-2020',)
    """
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in _data_folder().iterdir()
            if entry.name.endswith(".json") and entry.is_file()
        )
    )


def load(name: str = _DEFAULT_SET) -> ProposalSet:
    """Load a packaged proposal set.

    The set is read from the package's folder, or with importlib-resources where
    the package is not a folder (so it works from a wheel or a zip), fully
    validated, and cached: later calls return the same immutable object,
    which is safe to share between threads.

    Args:
        name: The id of a packaged set; see :func:`available`.

    Returns:
        The proposal set.

    Raises:
        UnknownIdError: No packaged set has that id.
        ValidationError: The packaged files are damaged (e.g. a checksum differs).

    Example:
        >>> import ma_proposals as mp
        >>> s = mp.load()
        >>> len(s.proposals), s.proposals[4].id
        (7, 'fintech')
        >>> mp.load() is s
        True
    """
    try:
        return _cache[name]
    except (KeyError, TypeError):
        pass
    data = _data_folder()
    # Only a plain name of a file directly in the data folder is a packaged set.
    resource = data.joinpath(f"{name}.json") if _PLAIN_NAME.fullmatch(name) else None
    if resource is None or not resource.is_file():
        from ._wording import close_matches

        names = available()
        raise UnknownIdError(name, close_matches(name, names, n=3), what="packaged set")
    with _cache_lock:
        if name in _cache:
            return _cache[name]
        proposal_set, report = check_text(
            resource.read_bytes(),
            base=data,
            max_bytes=None,
            max_text_bytes=None,
            max_total_text_bytes=None,
            document=f"ma_proposals/data/{name}.json",
            remember=True,
        )
        if proposal_set is None:
            raise ValidationError(report)
        _cache[name] = proposal_set
        return proposal_set


def _data_folder() -> Traversable:
    """The packaged data folder.

    Where the package is installed as files, the folder itself: reading it
    needs nothing more. Elsewhere (a zip, a frozen application), the view that
    importlib-resources gives of it, whose machinery costs more to start than
    reading the whole set.
    """
    folder = Path(__file__).parent / "data"
    return folder if folder.is_dir() else _source_texts.package_data()


def load_path(
    path: str | os.PathLike[str],
    *,
    base: _source_texts.TextBase | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_problems: int | None = MAX_PROBLEMS,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
    max_total_text_bytes: int | None = MAX_TOTAL_TEXT_BYTES,
) -> ProposalSet:
    """Load and validate a proposal set from a JSON file.

    Only a regular file is read (a FIFO or a device is refused, as they could
    block or never end), and no more than ``max_bytes`` of it. Its source texts
    are read from inside ``base`` only: a ``resource`` that leads outside it,
    through a symbolic link too, is a problem, and the file is not read. See
    :doc:`/limits`.

    Args:
        path: The file to read.
        base: Where shipped source texts (``resource`` paths) are resolved;
            defaults to the file's directory.
        max_bytes: Refuse larger files; ``None`` for no limit.
        max_problems: Keep at most this many problems in the error's report
            and count the rest; ``None`` keeps all.
        max_text_bytes: Refuse source texts larger than this (a ``too-large``
            problem); ``None`` for no limit.

            .. versionadded:: 0.1.0
        max_total_text_bytes: Refuse a source text that would take the
            distinct source texts of the document past this many bytes in all
            (a ``too-large`` problem at the source that crosses it); ``None``
            for no limit.

            .. versionadded:: 0.1.0

    Returns:
        The proposal set.

    Raises:
        ValidationError: The document has problems; all of them are listed.
        OSError: The file cannot be read, or is not a regular file.

    Example:
        >>> import tempfile, pathlib, ma_proposals as mp
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "bad.json").write_text('{"id": 7}', encoding="utf-8")
        >>> mp.load_path(folder / "bad.json")
        Traceback (most recent call last):
        ...
        ma_proposals.errors.ValidationError: .../bad.json: 8 problems
          $.declared_count: required key is missing [missing-key]
          ...
    """
    proposal_set, report = check_path(
        path,
        base=base,
        max_bytes=max_bytes,
        remember=True,
        max_problems=max_problems,
        max_text_bytes=max_text_bytes,
        max_total_text_bytes=max_total_text_bytes,
    )
    if proposal_set is None:
        raise ValidationError(report)
    return proposal_set


def loads(
    data: str | bytes,
    *,
    base: _source_texts.TextBase | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_problems: int | None = MAX_PROBLEMS,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
    max_total_text_bytes: int | None = MAX_TOTAL_TEXT_BYTES,
) -> ProposalSet:
    """Load and validate a proposal set from JSON text or bytes.

    Args:
        data: The document; bytes must be UTF-8.
        base: Where shipped source texts (``resource`` paths) are resolved;
            defaults to the packaged data, so a packaged document round-trips.
        max_bytes: Refuse longer documents: bytes, or for a ``str`` its
            characters (up to four bytes each in UTF-8); ``None`` for no limit.
        max_problems: Keep at most this many problems in the error's report
            and count the rest; ``None`` keeps all.
        max_text_bytes: Refuse source texts larger than this (a ``too-large``
            problem); ``None`` for no limit.

            .. versionadded:: 0.1.0
        max_total_text_bytes: Refuse a source text that would take the
            distinct source texts of the document past this many bytes in all
            (a ``too-large`` problem at the source that crosses it); ``None``
            for no limit.

            .. versionadded:: 0.1.0

    Returns:
        The proposal set.

    Raises:
        ValidationError: The document has problems; all of them are listed.
        TypeError: ``data`` is not text or bytes.

    Example:
        >>> import ma_proposals as mp
        >>> s = mp.loads(mp.dumps(mp.load()))
        >>> s == mp.load()
        True
    """
    proposal_set, report = check_text(
        data,
        base=base,
        max_bytes=max_bytes,
        remember=True,
        max_problems=max_problems,
        max_text_bytes=max_text_bytes,
        max_total_text_bytes=max_total_text_bytes,
    )
    if proposal_set is None:
        raise ValidationError(report)
    return proposal_set


def dumps(proposal_set: ProposalSet) -> str:
    r"""Write a proposal set as canonical JSON.

    Canonical means: keys in the model's field order, every field present, UTF-8
    characters written as themselves, two-space indentation and a trailing
    newline. A packaged file equals ``dumps(load())`` byte for byte.

    Args:
        proposal_set: The set to write.

    Returns:
        The JSON text; encode it as UTF-8 to write a file.

    Raises:
        ValueError: A statistic's value is not finite (only a set built in code
            can hold one; :func:`~ma_proposals.validate` reports it).

    Example:
        >>> import ma_proposals as mp
        >>> text = mp.dumps(mp.load())
        >>> text.startswith('{\n  "schema_version": 1,') and text.endswith("}\n")
        True
    """
    from .conversion import unstructure

    data = unstructure(proposal_set)
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# -- Shared by the loaders and validate(): they check, never raise --------------


def check_text(
    data: str | bytes | bytearray | memoryview,
    *,
    base: _source_texts.TextBase | None,
    max_bytes: int | None,
    document: str = "<string>",
    remember: bool = False,
    max_problems: int | None = MAX_PROBLEMS,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
    max_total_text_bytes: int | None = MAX_TOTAL_TEXT_BYTES,
) -> tuple[ProposalSet | None, Report]:
    """Parse, structure and check a document; never raises for bad data.

    ``remember`` keeps the verified source texts for ``source_text()``: the
    loaders ask for it, :func:`~ma_proposals.validate` does not.
    """
    if not isinstance(data, (str, bytes, bytearray, memoryview)):
        raise TypeError(
            f"expected JSON text or bytes, not {type(data).__name__}; "
            "use validate() for data that is already parsed"
        )
    if not isinstance(data, str):
        data = bytes(data)
    run = Collector(max_problems, max_text_bytes, max_total_text_bytes)
    run.parsed = True  # parse() reports every lone surrogate
    with _gc_paused() if len(data) >= _LARGE else contextlib.nullcontext():
        root = parse(data, max_bytes, run)
        if root is None and run.failed:
            return None, _report(run, document)
        return _check(root, base, document, remember, run)


def check_path(
    path: str | os.PathLike[str],
    *,
    base: _source_texts.TextBase | None,
    max_bytes: int | None,
    remember: bool = False,
    max_problems: int | None = MAX_PROBLEMS,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
    max_total_text_bytes: int | None = MAX_TOTAL_TEXT_BYTES,
) -> tuple[ProposalSet | None, Report]:
    """Like :func:`check_text`, for a file; ``base`` defaults to its directory.

    Raises:
        NotRegularFileError: The path names a FIFO, a device, a socket or a folder.
        OSError: The file cannot be read.
    """
    path = Path(path)
    try:
        data = _source_texts.read_file(path, max_bytes)
    except _source_texts.TooLargeError as exc:
        problem = Problem(
            "too-large", "$", f"file is {exc}; pass a larger max_bytes to read it"
        )
        return None, Report([problem], str(path))
    return check_text(
        data,
        base=path.parent if base is None else base,
        max_bytes=max_bytes,
        document=str(path),
        remember=remember,
        max_problems=max_problems,
        max_text_bytes=max_text_bytes,
        max_total_text_bytes=max_total_text_bytes,
    )


def check_object(
    root: Any,
    *,
    base: _source_texts.TextBase | None,
    document: str = "<object>",
    remember: bool = False,
    max_problems: int | None = MAX_PROBLEMS,
    max_text_bytes: int | None = MAX_TEXT_BYTES,
    max_total_text_bytes: int | None = MAX_TOTAL_TEXT_BYTES,
    shipped: Mapping[str, Shipped] | None = None,
) -> tuple[ProposalSet | None, Report]:
    """Structure and check parsed data; never raises for bad data.

    ``shipped`` holds source texts read already (see
    ``_checks.read_shipped``), which are not read again.
    """
    run = Collector(max_problems, max_text_bytes, max_total_text_bytes)
    proposals = root.get("proposals") if isinstance(root, dict) else None
    large = isinstance(proposals, list) and len(proposals) >= _MANY
    with _gc_paused() if large else contextlib.nullcontext():
        return _check(root, base, document, remember, run, shipped)


def _check(
    root: Any,
    base: _source_texts.TextBase | None,
    document: str,
    remember: bool,
    run: Collector,
    shipped: Mapping[str, Shipped] | None = None,
) -> tuple[ProposalSet | None, Report]:
    if base is None:
        base = _source_texts.package_data()
    proposal_set = check_document(root, base, run, remember=remember, shipped=shipped)
    if proposal_set is None:
        return None, _report(run, document)
    if remember:
        _source_texts.keep(proposal_set, run.texts)
        # Its values were checked as it was read: the exports need not again.
        index_of(proposal_set).get(VALUES_CHECKED, lambda: True)
    return proposal_set, Report((), document)


def _report(run: Collector, document: str) -> Report:
    return Report(run.problems, document, omitted=run.omitted)


#: From what size on (bytes of JSON, or proposals) reading pauses the collector.
_LARGE = 1 << 20
_MANY = 100


_pauses = 0  # reads pausing the collector now, in any thread
_pause_lock = threading.Lock()
_resume = False  # whether the collector was on when the first of them began


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while reading a large document.

    Parsing, checking and structuring create many objects, none of them in
    reference cycles, so the collections they trigger only cost time: on large
    sets, more than the work itself, and more the larger the set. The pause is
    process-wide, hence only for large documents, and only while reading; reads
    in several threads share one pause, which ends with the last of them.
    """
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
