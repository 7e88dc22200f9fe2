"""A missing optional dependency names its extra for an index and for a checkout."""

from __future__ import annotations

import importlib
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import ma_proposals as mp
from ma_proposals import curation
from ma_proposals.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable

BOTH = (
    r"pip install 'ma-proposals\[{0}\]' "
    r"\(in a source checkout: pip install -e '\.\[{0}\]'\)"
)


def test_the_message_gives_both_commands_once() -> None:
    err = mp.MissingDependencyError(
        "x needs pandas: pip install 'ma-proposals[pandas]'"
    )
    assert str(err) == (
        "x needs pandas: pip install 'ma-proposals[pandas]' "
        "(in a source checkout: pip install -e '.[pandas]')"
    )
    # Made again from its own message (as a pickle does), it is unchanged.
    assert str(mp.MissingDependencyError(str(err))) == str(err)
    assert str(pickle.loads(pickle.dumps(err))) == str(err)
    # A message with no install command is left as it is.
    assert str(mp.MissingDependencyError("no hint")) == "no hint"


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("pandas", "pandas", lambda: mp.load().to_pandas()),
        ("polars", "polars", lambda: mp.export.to_polars(mp.load())),
        ("pyarrow", "arrow", lambda: mp.export.to_arrow(mp.load())),
        ("tomli_w", "curation", lambda: curation.authoring_toml(mp.load())),
    ],
)
def test_each_extra_is_named_both_ways(
    monkeypatch: pytest.MonkeyPatch, module: str, extra: str, call: Callable[[], object]
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(mp.MissingDependencyError, match=BOTH.format(extra)):
        call()


def test_strategies_without_hypothesis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "ma_proposals.strategies", raising=False)
    with pytest.raises(mp.MissingDependencyError, match=BOTH.format("testing")):
        importlib.import_module("ma_proposals.strategies")


def test_the_cli_prints_both_commands(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    (tmp_path / "a.txt").write_text("A text.\n", encoding="utf-8")
    assert main(["init", str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.toml")]) == 1
    err = capsys.readouterr().err
    assert "pip install 'ma-proposals[curation]'" in err
    assert "pip install -e '.[curation]'" in err
