"""Writing exports: one file, or a folder of them moved into place as a whole.

Each file is written by the package's one file writer (:mod:`ma_proposals._writing`:
atomic, flushed, links replaced and never followed). On top of it:

- A multi-file export is built in a temporary folder beside the target and
  renamed into place as a whole. An existing target folder is replaced only if
  it holds nothing but files this kind of export writes (an earlier export);
  anything else there is an error, and nothing is written.
- On any failure, everything this write created is removed: temporary files,
  the temporary folder, and folders made on the way to the target; the
  failure is an :class:`~ma_proposals.ExportError` naming the target.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import stat
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from ma_proposals import _source_texts
from ma_proposals._writing import (
    fsync,
    fsync_directory,
    made_parents,
    remove,
    temporary_name,
)
from ma_proposals.errors import ExportError, MaProposalsError

from ._values import check_values

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterator
    from pathlib import Path

__all__ = ["errors_of", "refusing", "write_directory"]

P = ParamSpec("P")
R = TypeVar("R")


def _check_folder(target: Path, owns: Container[str]) -> bool:
    """Whether ``target`` exists; refuse a folder that holds files we do not write."""
    if target.is_symlink():
        raise ExportError(
            f"cannot write {target}: it is a symbolic link; give the folder itself"
        )
    if not target.exists():
        return False
    if not target.is_dir():
        mode = os.lstat(target).st_mode
        what = "a file" if stat.S_ISREG(mode) else _source_texts.kind(mode)
        raise ExportError(f"cannot write {target}: it is {what}, not a folder")
    foreign = sorted(
        entry.name
        for entry in os.scandir(target)
        if entry.name not in owns or not entry.is_file(follow_symlinks=False)
    )
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise ExportError(
            f"cannot write {target}: the folder holds files this export does not "
            f"write ({shown}); give a new or empty folder"
        )
    return True


def write_directory(
    target: Path, fill: Callable[[Path], list[str]], owns: Container[str]
) -> list[Path]:
    """Write a folder of files as a whole.

    ``fill`` writes the files into a new temporary folder beside ``target`` and
    returns their names; the folder then replaces ``target``. An existing
    ``target`` must hold only names in ``owns`` (an earlier export of the same
    kind).

    Returns:
        The paths of the files written, in the order ``fill`` gave.

    Raises:
        ExportError: ``target`` is a file, a link, holds other files, or is not
            named (``.``, ``..``, ``/``).
        OSError: The files cannot be written (the caller names the target).
    """
    if target.name in ("", ".", ".."):  # replacing it would replace a parent
        raise ExportError(f"cannot write {target}: name the folder to write")
    _check_folder(target, owns)
    with made_parents(target.parent):
        stage = temporary_name(target, ".tmp")
        stage.mkdir()
        try:
            names = fill(stage)
            for name in names:  # whoever wrote them, flush them
                fsync(stage / name)
            fsync_directory(stage)
            if _check_folder(target, owns):
                old = temporary_name(target, ".old")
                os.rename(target, old)
                try:
                    os.rename(stage, target)
                except BaseException:
                    os.rename(old, target)
                    raise
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(stage, target)
        except BaseException:
            remove(stage)
            raise
    fsync_directory(target.parent)
    return [target / name for name in names]


@contextlib.contextmanager
def errors_of(target: Path) -> Iterator[None]:
    """Report file-system failures as :class:`ExportError` naming ``target``."""
    try:
        yield
    except ExportError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"cannot write {target}: {reason}") from exc
    except UnicodeEncodeError as exc:
        raise ExportError(
            f"cannot write {target}: a text holds {exc.object[exc.start : exc.end]!r}, "
            "which is not a Unicode character (a lone surrogate)"
        ) from exc


def refusing(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Make an export raise :class:`ExportError` for any value it cannot hold.

    A set built in code and never validated may hold anything: a ``str`` where
    a vocabulary member belongs, ``NaN``, a number where a text belongs. Before
    the export runs, :func:`~._values.check_values` checks the set's values with
    the package's one engine and refuses the set, naming the format (``what``)
    and the first value, if one is of the wrong type, out of range or not
    UTF-8. Whatever else the writer or the DataFrame library raises for a set
    (``AttributeError``, ``ValueError``, ``TypeError``, ``ArrowTypeError``...)
    becomes an :class:`ExportError` too. Both point at
    :func:`~ma_proposals.validate`, which finds every problem of the set. (It
    is not run: the exports are below validation, which the model's
    :meth:`~ma_proposals.ProposalSet.to_pandas` reaches.)
    """

    def wrap(export: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(export)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                # Every export takes the set first.
                check_values(what, args[0] if args else kwargs.get("proposal_set"))
                return export(*args, **kwargs)
            except (MaProposalsError, OSError, MemoryError):
                raise  # already ours, or the file system's (named by errors_of)
            except Exception as exc:
                raise ExportError(_refusal(what, exc)) from exc

        return checked

    return wrap


def _refusal(what: str, exc: Exception) -> str:
    """Why an export failed, and where to look for the cause."""
    from ma_proposals._wording import clip

    problem = f"{type(exc).__name__}: {clip(str(exc), 200)}"
    return (
        f"cannot export {what}: a value cannot be written ({problem}); "
        "validate() reports every problem of the set"
    )
