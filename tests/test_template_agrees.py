"""The init template and the build agree on what evidence an item needs.

The build requires at least one entry of ``evidence`` or ``citations`` (those
of the two that the table has) on every curated item; the template says so,
and no build message suggests a key the table lacks (a topic has no
``citations``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ma_proposals import curation

pytest.importorskip("tomli_w")

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "docs"
    / "examples"
    / "zhang-san-2024"
    / "zhang-san-2024.toml"
)
TOPIC_EVIDENCE = 'evidence = ["On greening"]\n'
EXTERNAL = '\n[[set.sources]]\nid = "web"\nurl = "https://example.org/a"\n'


def _example() -> str:
    if not EXAMPLE.exists():
        pytest.skip("not a source checkout")
    return EXAMPLE.read_text(encoding="utf-8")


def _messages(text: str) -> list[tuple[str, str, str]]:
    report = curation.read(text, base=EXAMPLE.parent).report
    return [(p.code, p.path, p.message) for p in report.problems]


def test_the_template_says_evidence_is_required() -> None:
    text = curation.template(b"A text.", resource="sources/a.txt")
    keys = re.findall(r"^# (evidence|citations) = \[  # ([^.]+\.)", text, re.M)
    assert keys, "the template shows evidence keys"
    assert all(not said.startswith("Optional") for _, said in keys), keys
    topic = text[text.index("# [[set.topics]]") :]
    topic = topic[: topic.index("\n\n")]
    assert "# evidence = [  # Required: at least one." in topic
    assert "citations" not in topic
    proposal = text[text.index("# [[set.proposals]]") :]
    assert "At least one entry of evidence or citations is required." in proposal


def test_a_topic_without_evidence_is_told_only_of_evidence() -> None:
    text = _example()
    assert TOPIC_EVIDENCE in text
    problems = _messages(text.replace(TOPIC_EVIDENCE, "", 1))
    assert [(code, path) for code, path, _ in problems] == [
        ("missing-evidence", "$.set.topics[0]")
    ]
    message = problems[0][2]
    assert message.startswith("Topic has no evidence;")
    assert "citation" not in message


def test_a_proposal_without_evidence_is_told_of_both_keys() -> None:
    text = _example()
    line = 'evidence = ["On greening, he proposed"]\n'
    problems = _messages(text.replace(line, "", 1))
    assert problems[0][2].startswith("Proposal has no evidence or citations;")


def test_an_external_quote_suggests_citations_only_where_they_exist() -> None:
    text = _example().replace("\n[set.deputy]", EXTERNAL + "\n[set.deputy]", 1)
    on_topic = text.replace(
        TOPIC_EVIDENCE, 'evidence = [{ quote = "x", source = "web" }]\n', 1
    )
    [(code, path, message)] = _messages(on_topic)
    assert (code, path) == (
        "evidence-not-shipped",
        "$.set.topics[0].evidence[0].source",
    )
    assert "citation" not in message
    line = 'evidence = ["On greening, he proposed"]\n'
    on_proposal = text.replace(
        line, 'evidence = [{ quote = "x", source = "web" }]\n', 1
    )
    [(code, _, message)] = _messages(on_proposal)
    assert code == "evidence-not-shipped"
    assert "use a citation" in message
