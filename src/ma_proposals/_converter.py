"""The package's one cattrs converter: model objects to JSON-ready data.

Its public face is :func:`ma_proposals.conversion.unstructure`. Reading data
into model objects is the engine's (:mod:`._structure`), which checks every
rule on the way.
"""

from __future__ import annotations

import threading

import cattrs

__all__ = ["converter"]

_converters: list[cattrs.Converter] = []
_lock = threading.Lock()


def converter() -> cattrs.Converter:
    """The package's converter (made at first use: cattrs is not imported before)."""
    if not _converters:
        with _lock:
            if not _converters:
                _converters.append(cattrs.Converter())
    return _converters[0]
