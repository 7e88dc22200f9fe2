"""The ``ma-proposals`` command line (also ``python -m ma_proposals``).

Plain text by default; exit status 0 on success, 1 for invalid data or when
nothing is found, 2 for usage errors. User errors print one line on stderr and
never a traceback.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from . import loading
from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import ProposalSet

__all__ = ["main"]


def _summary(proposal_set: ProposalSet) -> str:
    deputy = proposal_set.deputy
    name = f"{deputy.name} ({deputy.name_zh})" if deputy.name_zh else deputy.name
    lines = [
        proposal_set.title,
        f"Deputy: {name}",
        f"Meeting: {proposal_set.meeting.name}",
        f"{len(proposal_set.proposals)} proposals "
        f"(the source says {proposal_set.declared_count}):",
    ]
    for p in proposal_set.proposals:
        lines.append(f"{p.number:>3}. {p.title}")
        lines.append(
            f"     id: {p.id} | topic: {p.topic} | "
            f"{len(p.recommendations)} recommendations | "
            f"{len(p.statistics)} statistics"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns:
        The exit status.

    Example:
        >>> from ma_proposals.cli import main
        >>> main(["--version"])  # doctest: +ELLIPSIS
        ma-proposals ...
        0
    """
    parser = argparse.ArgumentParser(
        prog="ma-proposals",
        description="Ma Huateng's proposals to the 2020 two sessions, as data.",
    )
    parser.add_argument("--version", action="store_true", help="print the version")
    args = parser.parse_args(argv)
    if args.version:
        print(f"ma-proposals {__version__}")
        return 0
    print(_summary(loading.load()))
    return 0
