r"""The ``ma-proposals`` command line (also ``python -m ma_proposals``).

Commands: ``summary`` (the default), ``list``, ``show ID``, ``topics``,
``themes``, ``search QUERY``, ``validate FILE...``, ``export``, ``cite``,
``schema``. Output
is plain text; ``--json`` prints JSON for machines instead. ``--file PATH`` reads
your own set instead of the packaged one.

``build AUTHORING.toml`` and ``init SOURCE.txt`` curate sets from quotes (see
:mod:`ma_proposals.curation`).

Exit status: 0 on success; 1 when the data is invalid, nothing is found (no
search hits, an unknown id) or an output cannot be written; 2 for a usage error
(bad arguments or a malformed search query); 130 when interrupted (Ctrl-C); 141
when the output pipe closed early (``... | head``), as for a program stopped by
SIGPIPE. Errors print one line on stderr, never a traceback; an output that
cannot be written (a full disk, ``>&-``) is one of them, with status 1.

Text from the data never reaches the terminal raw: control characters (ESC,
BEL, CR...), bidirectional overrides and lone surrogates are printed as escapes
(``\x1b``), in JSON as JSON escapes (``\u001b``), so the output stays valid
JSON whatever the terminal's encoding.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING

from ma_proposals._terminal import OutputError, escaping, shown
from ma_proposals.errors import MaProposalsError

from ._common import BROKEN_PIPE, FAILED, INTERRUPTED, OK, UserError
from ._parser import parser
from ._read import summary

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns:
        The exit status: 0 success, 1 invalid data or nothing found, 2 usage
        error.

    Example:
        >>> from ma_proposals.cli import main
        >>> main(["list", "--theme", "new-infrastructure"])
          1  industrial-internet   Speeding up the formulation of a national strategy for the industrial Internet and strengthening the digital economy
          2  rural-revitalization  Strengthening rural revitalization in the post-poverty-alleviation period
          4  medical-staff         Institutional and technological innovation to improve medical and health services and increase medical staff's sense of gain
        0
    """  # noqa: E501 - doctest output
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets an escape, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    json_output = False
    try:
        with escaping(json_output=False):
            args = parser().parse_args(argv)
        json_output = bool(getattr(args, "json", False))
        run: Callable[[argparse.Namespace], int] = getattr(args, "run", summary)
        with escaping(json_output):
            status = run(args)
            sys.stdout.flush()  # a closed pipe is found here, not at exit
        return status
    except UserError as exc:
        _error(str(exc))
        return exc.status
    except MaProposalsError as exc:  # a damaged installation, for instance
        _error(str(exc))
        return FAILED
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else OK
    except BrokenPipeError:  # e.g. piped into head: stop quietly, but say so
        _discard_output()
        return BROKEN_PIPE
    except OutputError as exc:  # a full disk, a closed descriptor (`>&-`)
        _discard_output()
        _error(f"cannot write to standard output: {exc}")
        return FAILED
    except KeyboardInterrupt:
        _error("interrupted")
        return INTERRUPTED


def _discard_output() -> None:
    """Send what stdout still holds nowhere, so that the flush at exit succeeds."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _error(message: str) -> None:
    """Print one line on stderr, its control characters (line feeds too) escaped."""
    with contextlib.suppress(OSError), escaping(json_output=False):
        print(f"ma-proposals: {shown(message)}", file=sys.stderr)
        sys.stderr.flush()  # a full stderr fails here, not at exit
