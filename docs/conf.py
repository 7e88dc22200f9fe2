"""Sphinx configuration of the ma-proposals documentation.

Build with warnings as errors and nitpicky references, and run the examples::

    sphinx-build -W -n -b html docs docs/_build/html
    sphinx-build -W -n -b doctest docs docs/_build/doctest

The build needs no network: there is no intersphinx, no remote theme asset and no
page that downloads anything.
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import ma_proposals

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project -------------------------------------------------------------------------

project = "ma-proposals"
author = "The ma_proposals developers"
copyright = "2026, The ma_proposals developers"
release = ma_proposals.__version__
version = release

# -- General -------------------------------------------------------------------------

extensions = [
    # MyST-NB reads the Markdown pages (it brings MyST-Parser) and the tour
    # notebook, which it executes with a local kernel on every build.
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "ma_proposals_docs",  # docs/_ext: data dictionary, problem codes, field docs
    "ma_proposals_review",  # docs/_ext: the review page of the curated set
    "ma_proposals_authoring",  # docs/_ext: the authoring format's reference
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints"]
nitpicky = True

# Sphinx already exempts builtins and typing names from nitpicky checks; these are
# the rest, kept as narrow as the warnings they silence.
nitpick_ignore = [
    # Standard library and third-party names: linking them needs intersphinx, which
    # would need the network.
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "importlib_resources.abc.Traversable"),
    ("py:class", "os.PathLike"),
    ("py:class", "pathlib.Path"),
    ("py:class", "Path"),
    ("py:class", "pandas.DataFrame"),
    ("py:class", "polars.DataFrame"),
    ("py:class", "pyarrow.Table"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "SearchStrategy"),
    ("py:class", "DrawFn"),
    ("py:func", "json.dumps"),
    ("py:mod", "attrs"),
    # Private names in public signatures: the type variable of conversion's
    # functions and the type alias of ``base`` (a directory or a mapping of
    # resource paths to bytes, which the docstrings describe).
    ("py:class", "ma_proposals.conversion.T"),
    ("py:class", "TextBase"),
    ("py:class", "_source_texts.TextBase"),
]

# -- MyST ----------------------------------------------------------------------------

myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3

# -- MyST-NB: the notebook is run on every build, offline, and must not fail --------

nb_execution_mode = "force"
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# -- autodoc and Napoleon -------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- doctest -------------------------------------------------------------------------

# The same flags as tests/test_docstrings.py; exception details are compared too.
doctest_default_flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
doctest_test_doctest_blocks = "default"

# -- HTML ----------------------------------------------------------------------------

html_theme = "furo"
html_title = f"ma-proposals {release}"
html_static_path: list[str] = []
