"""Helpers shared by the test modules."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import importlib_resources
from hypothesis import settings
from hypothesis import strategies as st

from ma_proposals.query import Predicate

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

T = TypeVar("T")

DATA = importlib_resources.files("ma_proposals").joinpath("data")
PACKAGED = DATA.joinpath("ma-huateng-2020.json")
ARTICLE = DATA.joinpath("sources", "21st-century-economic-report-2020.txt")
#: The documentation's Sphinx extensions (missing from an sdist without docs).
DOCS_EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext"


def docs_extension(name: str) -> ModuleType:
    """Import one of the documentation's extensions from :data:`DOCS_EXT`."""
    sys.path.insert(0, str(DOCS_EXT))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(DOCS_EXT))


def walk(obj: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Yield (path, value) for ``obj`` and everything inside it."""
    yield path, obj
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            if not field.init:
                continue  # private caches, not data
            yield from walk(getattr(obj, field.name), f"{path}.{field.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from walk(item, f"{path}[{i}]")


def heavy(fraction: int) -> settings:
    """Settings for costly properties: a fraction of the profile's examples.

    Generating a whole proposal set costs tens of milliseconds, so these tests
    run ``max_examples // fraction`` examples (more under the ``ci`` profile).
    """
    return settings(max_examples=max(5, settings().max_examples // fraction))


def combined(
    atoms: st.SearchStrategy[Predicate], max_leaves: int
) -> st.SearchStrategy[Predicate]:
    """Predicates built from ``atoms`` with ``&``, ``|`` and ``~``."""
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda ab: ab[0] & ab[1]),
            st.tuples(inner, inner).map(lambda ab: ab[0] | ab[1]),
            inner.map(lambda a: ~a),
        ),
        max_leaves=max_leaves,
    )


# -- Hostile files, made at run time -------------------------------------------------


def make_hostile(folder: Path, make: dict[str, str], *, text: bytes) -> list[Path]:
    """Make the files a corpus case names (``make`` in ``expected.toml``).

    ``folder`` is a copy of the corpus folder; ``text`` is the bytes whose
    checksum the case's document records. Returns the FIFOs made, which
    :func:`finishes` unblocks if a read of one hangs.
    """
    fifos = []
    for resource, kind in make.items():
        place = folder.joinpath(*resource.split("/"))
        if kind == "link-outside":
            outside = folder.parent / f"outside-{place.name}"
            outside.write_bytes(text)
            place.symlink_to(outside)
        elif kind == "link-device":
            place.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(place)
            fifos.append(place)
        else:  # pragma: no cover - a mistake in expected.toml
            raise ValueError(f"unknown kind of hostile file {kind!r}")
    return fifos


def finishes(
    call: Callable[[], T], fifos: Sequence[Path] = (), seconds: float = 60
) -> T:
    """``call()``, which must return within ``seconds`` (a read must not hang)."""
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(call())
        except BaseException as exc:  # reported in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for fifo in fifos:  # let a reader blocked on a FIFO go
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        raise AssertionError(f"still running after {seconds} s: a read blocks")
    if failed:
        raise failed[0]
    return done[0]


#: Seconds a bounded check may take in :func:`ends_in_time`. Its inputs are sized
#: so that a quadratic pass takes tens of minutes, a linear one seconds at most.
PATIENCE = 120


def ends_in_time(code: str, cwd: str | os.PathLike[str] | None = None) -> str:
    """Run ``code`` in a fresh interpreter; what it prints, if it ends in time.

    For inputs small enough for a test that would take minutes if a pass over
    them were quadratic: no time is asserted, only that it ends at all.
    """
    import subprocess

    import pytest

    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=PATIENCE,
            check=False,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"took more than {PATIENCE} s: the pass is not linear")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
