"""A standard output that cannot be written: one line on stderr, status 1.

``ma-proposals list > /dev/full`` (a full disk) and ``ma-proposals list >&-``
(no standard output at all) printed tracebacks. Like other command-line tools,
the command now says so in one line on standard error, if it is open, and
exits with status 1; a closed pipe stays status 141 (see test_cli_hostile).
Each case runs in a real process, where Python's own streams and its flush at
exit take part.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shells")

FULL = Path("/dev/full")


def shell(line: str, **kwargs: Any) -> Any:
    """Run ``ma-proposals`` (``$0 -m ma_proposals``) with shell redirections."""
    return subprocess.run(
        [
            "sh",
            "-c",
            line.replace("ma-proposals", '"$0" -m ma_proposals'),
            sys.executable,
        ],
        capture_output=True,
        timeout=120,
        check=False,
        **kwargs,
    )


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "argv", [["list"], ["list", "--json"], ["summary"], ["cite"], ["schema"]]
)
def test_a_full_standard_output_is_one_line_and_status_1(argv: list[str]) -> None:
    with FULL.open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ma_proposals", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "ma-proposals: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize("argv", ["list", "list --json", "summary", "show fintech"])
def test_a_closed_standard_output_is_one_line_and_status_1(argv: str) -> None:
    done = shell(f"ma-proposals {argv} >&-")
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "ma-proposals: cannot write to standard output: it is closed\n"
    )


def test_a_command_that_prints_nothing_needs_no_standard_output(
    tmp_path: Path,
) -> None:
    target = tmp_path / "schema.json"
    done = shell(f"ma-proposals schema -o '{target}' >&-")
    assert (done.returncode, done.stderr) == (0, b"")
    assert target.read_bytes().startswith(b"{")


def test_with_stderr_closed_too_the_status_still_says_so() -> None:
    done = shell("ma-proposals list >&- 2>&-")
    assert done.returncode == 1
    if FULL.exists():
        done = shell(f"ma-proposals list >{FULL} 2>{FULL}")
        assert done.returncode == 1
        assert done.stderr == b""


def test_a_full_standard_error_alone_does_not_fail_a_success() -> None:
    if not FULL.exists():
        pytest.skip("no /dev/full here")
    done = shell(f"ma-proposals list 2>{FULL}")
    assert done.returncode == 0
    assert done.stdout.startswith(b"  1  industrial-internet")


def _columns(line: str) -> int:
    """A terminal's columns, measured independently of the code under test."""
    return sum(
        0
        if unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in line
    )


WORDS = "在风险防范上,做好应急体系建设,创新监管体制,做到有备无患。"


@pytest.mark.parametrize(
    "text",
    [
        "Chinese (cqcb): " + WORDS * 4,
        "中\u0301文\u0301" * 40,  # combining marks stay with their character
        "中 " + "x" * 200,  # a part too long for a line is cut
        "“桥头堡”" * 30,
        "a\tb\n中文",
    ],
)
def test_chinese_is_wrapped_by_the_columns_a_terminal_gives_it(text: str) -> None:
    from ma_proposals.cli._common import WIDTH, wrap

    lines = wrap(text, "   ", 2).split("\n")
    assert max(map(_columns, lines)) <= WIDTH
    assert "".join("".join(x.split()) for x in lines) == "".join(text.split())
    assert all(x.startswith("     ") for x in lines[1:])
    for before, after in itertools.pairwise(lines):
        # Never a break before a mark or closing punctuation, or after opening
        # punctuation (these texts have no space to break at instead).
        assert unicodedata.category(after.strip()[0]) not in ("Mn", "Pe", "Pf", "Po")
        assert unicodedata.category(before[-1]) not in ("Ps", "Pi")


def test_chinese_wrapping_leaves_controls_for_the_streams_to_escape() -> None:
    from ma_proposals.cli._common import WIDTH, wrap

    # Only the white space textwrap breaks at is a break: the others stay, as
    # in English, and the escaping streams show them.
    assert wrap("中文\x1cdef\x85ghi\u2028jkl", "  ") == "  中文\x1cdef\x85ghi\u2028jkl"
    # Lines are measured as printed: ESC is written as four columns, "\x1b".
    lines = wrap("中" + "\x1b" * 60, "").split("\n")
    printed = [_columns(x.replace("\x1b", "\\x1b")) for x in lines]
    assert len(lines) >= 3
    assert max(printed) <= WIDTH


def test_chinese_wrapping_keeps_long_runs_of_zero_width_characters() -> None:
    from ma_proposals.cli._common import wrap

    # They never end a line; the line is built in parts, not copied for each
    # (benchmarks/hostile.py --only wrap times it at two sizes).
    text = "中" + "\u0301" * 5_000 + "\u200b" * 5_000
    assert wrap(text, "  ") == "  " + text


def test_chinese_lines_are_filled() -> None:
    from ma_proposals.cli._common import WIDTH, wrap

    lines = wrap(WORDS * 4, "   ", 2).split("\n")
    assert len(lines) > 2
    assert min(map(_columns, lines[:-1])) > WIDTH - 4
