"""Hostile authoring files whose build must stay bounded in time and memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import ma_proposals as mp
from ma_proposals import _source_texts, _wording, curation
from ma_proposals.curation import _passages
from ma_proposals.problems import MAX_PROBLEMS

from .curation_samples import AUTHORING, SOURCE
from .helpers import ends_in_time

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = _source_texts.read_resource

    def counting(
        base: _source_texts.TextBase, resource: str, limit: int | None = None
    ) -> bytes:
        read.append(resource)
        return real(base, resource, limit)

    monkeypatch.setattr(_source_texts, "read_resource", counting)
    return read


def _many_sources(count: int) -> str:
    return AUTHORING + "".join(
        f'\n[[set.sources]]\nid = "copy-{i}"\nresource = "sources/report.txt"\n'
        for i in range(count)
    )


def test_sources_naming_one_file_share_one_reading(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _reads(monkeypatch)
    built = curation.read(_many_sources(80), base=folder)
    assert built.report.valid, built.report.problems[:3]
    assert read == ["sources/report.txt"]
    assert built.proposal_set is not None
    texts = {id(built.proposal_set.source_text(f"copy-{i}")) for i in range(80)}
    assert len(texts) == 1


def test_validating_sources_that_name_one_file_reads_it_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = curation.build(_many_sources(80), base=folder)
    (folder / "set.json").write_text(mp.dumps(built), encoding="utf-8")
    read = _reads(monkeypatch)
    assert mp.validate(folder / "set.json").valid
    assert read == ["sources/report.txt"]


def _repeated(folder: Path, size: int, entries: str, mode: str = "error") -> str:
    (folder / "sources" / "big.txt").write_text("a" * size, encoding="utf-8")
    text = AUTHORING.replace(
        '[curation]\ndefault_source = "report"',
        f'[curation]\ndefault_source = "report"\nrepeated_quotes = "{mode}"',
    )
    text = text.replace(
        'evidence = [{ quote = "trees cool cities", occurrence = 1 }]',
        f"evidence = [{entries}]",
    )
    return text.replace(
        '[[set.sources]]\nid = "report"',
        '[[set.sources]]\nid = "big"\nresource = "sources/big.txt"\n\n'
        '[[set.sources]]\nid = "report"',
    )


@pytest.mark.parametrize(
    ("mode", "entry"),
    [
        ("first", '{ quote = "aa", source = "big" }'),
        ("error", '{ quote = "aa", source = "big", occurrence = 1 }'),
    ],
)
def test_a_repeated_quote_is_searched_only_as_far_as_needed(
    folder: Path, mode: str, entry: str
) -> None:
    # 300 quotes of "aa" over 16 MiB of "a": every overlapping match was
    # collected for each (about 90 minutes and 600 MB a quote).
    text = _repeated(folder, 16 * 2**20, ", ".join([entry] * 300), mode)
    (folder / "set.toml").write_text(text, encoding="utf-8")
    out = ends_in_time(
        "import pathlib\n"
        "from ma_proposals import curation\n"
        "r = curation.read(pathlib.Path('set.toml')).report\n"
        "print(sorted({p.code for p in r.problems}))\n",
        cwd=folder,
    )
    assert "ambiguous-quote" not in out
    assert "bad-occurrence" not in out


def test_an_ambiguous_quote_is_counted_up_to_a_bound(folder: Path) -> None:
    text = _repeated(folder, 5000, '{ quote = "aa", source = "big" }')
    problems = curation.read(text, base=folder).report.problems
    (problem,) = [p for p in problems if p.code == "ambiguous-quote"]
    assert "occurs more than 1000 times" in problem.message
    assert "#10 at source line 1, column 10 (offset 9); and more than 990 more" in (
        problem.message
    )
    assert "(N from 1)" in problem.message


@pytest.mark.parametrize(
    ("size", "occurrence", "said"),
    [
        (3, 3, "occurs 2 times"),
        (30, 40, "occurs 29 times"),
    ],
)
def test_an_occurrence_past_the_last_says_how_many_there_are(
    folder: Path, size: int, occurrence: int, said: str
) -> None:
    entry = f'{{ quote = "aa", source = "big", occurrence = {occurrence} }}'
    problems = curation.read(
        _repeated(folder, size, entry), base=folder
    ).report.problems
    (problem,) = [p for p in problems if p.code == "bad-occurrence"]
    assert f"occurrence {occurrence} asked for" in problem.message
    assert said in problem.message


def _cells(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The sizes (quote tokens, window tokens) of each alignment, not computed."""
    sizes: list[tuple[int, int]] = []

    def align(quote: list[str], window: list[str]) -> tuple[int, int, int]:
        sizes.append((len(quote), len(window)))
        return 0, len(window), len(quote)

    monkeypatch.setattr(_passages, "_align", align)
    return sizes


@pytest.mark.parametrize(
    "quote",
    [
        ("w" * 250 + " ") * 199 + "w" * 250,  # 399 tokens, 100 KB
        "w" * 100_000,  # one token
        ("w" * 250 + " ") * 800,  # partial: its first 100 tokens
    ],
)
def test_the_alignment_window_is_bounded_in_tokens(
    monkeypatch: pytest.MonkeyPatch, quote: str
) -> None:
    # A text of one-character tokens: a window as long in characters as the
    # quote held 125,000 tokens to align with (a 100 KB quote took 33 s).
    sizes = _cells(monkeypatch)
    _passages.closest(". " * 100_000 + "w" * 300, quote)
    assert sizes
    for ours, window in sizes:
        assert ours <= _passages.MAX_ALIGNED
        assert window <= ours + 2 * (ours // 4 + 16)
        assert ours * window <= 250_000


def test_a_quote_of_many_characters_is_partial() -> None:
    text = "alpha beta " * 2000
    passage = _passages.closest(text, "alpha gamma " + "x" * 5000)
    assert passage is not None
    assert passage.partial


def test_dates_under_an_unknown_key_are_not_walked(folder: Path) -> None:
    # A 100 KB key over 1,000 dates: each date's problem held the key twice
    # (a 248 KB file took 4.7 GB).
    key = "k" * 100_000
    dates = "\n".join(f"d{i} = 1979-05-27" for i in range(1000))
    text = AUTHORING + f'\n[set.proposals.extra."{key}"]\n{dates}\n'
    problems = curation.read(text, base=folder).report.problems
    assert not any("TOML date" in p.message for p in problems)
    assert sum(len(p.path) for p in problems) < 1000
    (problem,) = problems
    assert (problem.code, problem.line) == (
        "unknown-key",
        text.count("\n", 0, text.index("[set.proposals.extra")) + 1,
    )


def test_a_long_unknown_key_of_the_file_is_clipped(folder: Path) -> None:
    key = "k" * 100_000
    text = f'"{key}" = 1\n' + AUTHORING
    (problem,) = curation.read(text, base=folder).report.problems
    assert problem.code == "unknown-key"
    assert len(problem.path) < 100
    assert len(problem.message) < 200


@pytest.mark.parametrize(
    ("before", "after", "path"),
    [
        (
            'resource = "sources/report.txt"',
            'resource = "sources/report.txt"\npublished = 1979-05-27',
            "$.set.sources[0].published",
        ),
        (
            '{ quote = "trees cool cities", occurrence = 1 }',
            "{ quote = 07:32:00 }",
            "$.set.proposals[0].background[0].evidence[0].quote",
        ),
    ],
)
def test_dates_where_the_model_has_keys_are_reported(
    folder: Path, before: str, after: str, path: str
) -> None:
    text = AUTHORING.replace(before, after)
    problems = curation.read(text, base=folder).report.problems
    assert [(p.code, p.path) for p in problems if "TOML date" in p.message] == [
        ("wrong-type", path)
    ]


def test_one_suggester_serves_every_unknown_source(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = _wording.Suggester.__init__

    def counting(self: _wording.Suggester, known: Iterable[str]) -> None:
        made.append(1)
        real(self, known)

    monkeypatch.setattr(_wording.Suggester, "__init__", counting)
    entries = ", ".join(
        f'{{ quote = "x", source = "nowhere-{i}" }}' for i in range(500)
    )
    text = AUTHORING.replace(
        'evidence = [{ quote = "trees cool cities", occurrence = 1 }]',
        f"evidence = [{entries}]",
    )
    problems = curation.read(text, base=folder).report.problems
    assert sum(p.code == "dangling-reference" for p in problems) == 500
    assert len(made) <= 3


def test_links_to_one_file_share_its_bytes(folder: Path) -> None:
    for i in range(5):
        (folder / "sources" / f"link-{i}.txt").symlink_to("report.txt")
    text = AUTHORING + "".join(
        f'\n[[set.sources]]\nid = "copy-{i}"\nresource = "sources/link-{i}.txt"\n'
        for i in range(5)
    )
    built = curation.read(text, base=folder)
    assert built.report.valid, built.report.problems[:3]
    assert len(built.texts) == 6
    assert len({id(data) for data in built.texts.values()}) == 1


def _closest_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of the text of each search for a closest passage (not run)."""
    searched: list[int] = []

    def closest(text: str, quote: str) -> _passages.Passage | None:
        searched.append(len(text))
        return None

    monkeypatch.setattr(_passages, "closest", closest)
    return searched


def _missing(folder: Path, big: str, n: int) -> str:
    """An authoring file of ``n`` quotes, none of them in ``big``."""
    entries = ", ".join(
        f'{{ quote = "no such words {i} here", source = "big" }}' for i in range(n)
    )
    text = _repeated(folder, 1, entries)
    (folder / "sources" / "big.txt").write_text(big, encoding="utf-8")
    return text


def test_the_closest_passages_of_a_build_are_searched_within_a_budget(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each missing quote searched the whole text for its closest passage:
    # 800 missing quotes of 30 words over a 480 KB text took 42 s.
    big = "plant more trees in towns and cities\n" * (2**20 // 36)
    searched = _closest_calls(monkeypatch)
    problems = curation.read(_missing(folder, big, 100), base=folder).report.problems
    missing = [p for p in problems if p.code == "quote-not-found"]
    assert len(missing) == 100
    assert 0 < len(searched) < 100
    assert sum(searched) - searched[-1] < _passages.CLOSEST_BUDGET
    unsearched = missing[len(searched) :]
    assert unsearched
    for problem in unsearched:
        assert "the closest passage was not searched" in problem.message
        assert "budget" in problem.message
    assert "not searched" not in missing[0].message


def test_no_closest_passage_is_searched_past_the_reports_cap(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched = _closest_calls(monkeypatch)
    text = _missing(folder, "plant more trees\n", MAX_PROBLEMS + 200)
    report = curation.read(text, base=folder).report
    assert len(report.problems) == MAX_PROBLEMS
    assert report.omitted >= 200
    assert len(searched) <= MAX_PROBLEMS
