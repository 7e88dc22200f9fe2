"""The tour notebook runs from top to bottom, headless, and shows HTML displays."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "tour.ipynb"

pytestmark = pytest.mark.skipif(not NOTEBOOK.exists(), reason="no docs folder")


def test_the_tour_runs_and_shows_html() -> None:
    why = "the tour runs with the docs extra: pip install -e '.[docs]'"
    nbformat = pytest.importorskip("nbformat", reason=why)
    nbclient = pytest.importorskip("nbclient", reason=why)
    pytest.importorskip("ipykernel", reason=why)
    for extra in ("pandas", "polars", "duckdb", "pyarrow"):
        pytest.importorskip(extra)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:  # run from a clean state, not stored outputs
        if cell.cell_type == "code":
            assert not cell.outputs, "clear the notebook's outputs before committing"
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", allow_errors=False
    ).execute(cwd=str(NOTEBOOK.parent))
    html = [
        output["data"]["text/html"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]
    assert any("<details>" in h for h in html)  # a proposal's evidence
    assert sum("<mark>" in h for h in html) >= 2  # a context and a hit
    # Tuples of search hits and of evidence in context are tables.
    assert any(">shows</th>" in h and "curated text" in h for h in html)
    assert any(">in context</th>" in h for h in html)
    text = "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "The ma_proposals developers." in text  # the citation
