"""The examples of docs/curating.md run when pasted.

They are run here as a reader runs them: in a fresh namespace (nothing that
the Sphinx configuration defines, such as a path to the example files), in
Python started at the root of the checkout.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "curating.md"
BLOCK = re.compile(r"^```\{doctest\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_the_curating_examples_run_when_pasted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("tomli_w")
    if not PAGE.exists():
        pytest.skip("not a source checkout")
    blocks = BLOCK.findall(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 5, "the page's examples were not found"
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest(
        "\n".join(blocks), {}, "curating.md", str(PAGE), 0
    )
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    found: list[str] = []
    runner.run(test, out=found.append)
    assert runner.failures == 0, "".join(found)
    assert "EXAMPLES" not in "".join(blocks)  # nothing defined only by Sphinx
