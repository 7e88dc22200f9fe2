"""Shared fixtures and the hypothesis profiles.

``default`` is quick, for local runs; ``ci`` is thorough and is what ``.ci/run``
selects by setting ``HYPOTHESIS_PROFILE=ci``. The example database is kept out of the
repository (see ``.gitignore``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from .curation_samples import AUTHORING, SOURCE
from .helpers import ARTICLE, PACKAGED

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def raw() -> dict[str, Any]:
    """A fresh, mutable copy of the packaged document."""
    data: dict[str, Any] = json.loads(PACKAGED.read_bytes())
    return data


@pytest.fixture(scope="session")
def article() -> str:
    """The shipped source article, decoded."""
    return ARTICLE.read_bytes().decode("utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a source text and an authoring file that builds."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_bytes(SOURCE.encode("utf-8"))
    (tmp_path / "zhang.toml").write_text(AUTHORING, encoding="utf-8")
    return tmp_path
