"""An authoring file and its source, shared by the curation tests."""

from __future__ import annotations

from pathlib import Path

import attrs
import importlib_resources

from ma_proposals import curation, model

DATA = importlib_resources.files("ma_proposals").joinpath("data")
PACKAGED_TOML = DATA.joinpath("ma-huateng-2020.toml")
MODEL_CLASSES = [
    getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))
]


SOURCE = (
    "Deputy Zhang San (张三) brought one suggestion to the 2024 two sessions.\n"
    'He proposed to "plant more trees in cities" and to water them.\n'
    "He said trees cool cities. Trees cool cities in summer.\n"
)

AUTHORING = """\
[curation]
default_source = "report"

[set]
schema_version = 1
id = "zhang-san-2024"
title = "Zhang San's suggestion to the 2024 two sessions"
year = 2024
declared_count = 1

[[set.sources]]
id = "report"
resource = "sources/report.txt"

[set.deputy]
id = "zhang-san"
name = "Zhang San"
name_zh = "张三"
evidence = ["Deputy Zhang San (张三)"]

[set.meeting]
id = "two-sessions-2024"
name = "The 2024 two sessions"
year = 2024
evidence = ["the 2024 two sessions"]

[[set.topics]]
id = "urban-greening"
label = "Urban greening"
description = "Trees and green space in cities."
evidence = ['"plant more trees in cities"']

[[set.proposals]]
id = "city-trees"
number = 1
title = "Planting more trees in cities"
title_kind = "descriptive"
kind = "suggestion"
topic = "urban-greening"
summary = "Asks for more trees in cities, and for watering them."
evidence = ["one suggestion"]

[[set.proposals.recommendations]]
id = "plant-trees"
text = "Plant more trees in cities."
evidence = ["plant more trees in cities"]

[[set.proposals.background]]
id = "trees-cool-cities"
text = "Trees cool cities."
evidence = [{ quote = "trees cool cities", occurrence = 1 }]
"""


def problems(text: str, folder: Path) -> list[tuple[str, str, int | None]]:
    """(code, path, line) of every problem of an authoring text."""
    report = curation.read(text, base=folder).report
    return [(p.code, p.path, p.line) for p in report.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The line on which ``needle`` occurs for the ``nth`` time."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1
