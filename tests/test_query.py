"""Query helpers: collection behaviour, predicates and their laws, facets, rows."""

from __future__ import annotations

import functools
import pickle
import re
import threading
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ma_proposals as mp
from ma_proposals.query import Predicate, ids, text, theme, topic, where

from .helpers import combined, walk

S = mp.load()
ALL = frozenset(p.id for p in S)
WORDS = sorted(
    {w.casefold() for p in S for w in re.findall(r"[A-Za-z]{4,}", p.summary)}
)


def selected(predicate: Predicate, s: mp.ProposalSet = S) -> frozenset[str]:
    return frozenset(p.id for p in s.filter(predicate))


def reference(predicate: Predicate, s: mp.ProposalSet = S) -> frozenset[str]:
    return frozenset(p.id for p in s if predicate(p))


@functools.cache
def _membership(subset: frozenset[str]) -> Predicate:
    return where(lambda p: p.id in subset)


atoms = st.one_of(
    st.sampled_from([t.id for t in S.topics]).map(topic),
    st.sampled_from([t.id for t in S.themes]).map(theme),
    st.sets(st.sampled_from(sorted(ALL)), max_size=3).map(lambda v: ids(*v)),
    st.sampled_from(WORDS).map(text),
    st.frozensets(st.sampled_from(sorted(ALL))).map(_membership),
)
predicates = combined(atoms, max_leaves=6)


class TestCollection:
    """A set behaves as a read-only collection of proposals in article order."""

    def test_len_iter_and_order(self) -> None:
        assert len(S) == 7
        assert [p.number for p in S] == [1, 2, 3, 4, 5, 6, 7]

    def test_lookup_by_id(self) -> None:
        assert S["fintech"] is S.proposals[4]
        assert S.get("fintech") is S.proposals[4]
        assert S.get("nope") is None
        assert S.get("nope", S.proposals[0]) is S.proposals[0]
        assert "fintech" in S
        assert S.proposals[0] in S
        assert "nope" not in S

    def test_missing_id_suggests_close_ones(self) -> None:
        with pytest.raises(KeyError, match="did you mean 'fintech'") as info:
            S["fin-tech"]
        assert isinstance(info.value, mp.UnknownIdError)
        assert info.value.suggestions == ("fintech",)

    def test_lookup_by_number(self) -> None:
        assert S[5] is S.get(5) is S["fintech"]
        assert 7 in S
        assert 8 not in S
        assert S.get(8) is None
        assert S.get([1]) is None  # type: ignore[call-overload]  # unhashable
        with pytest.raises(mp.UnknownIdError, match="number 8; the set's are 1 to 7"):
            S[8]
        with pytest.raises(mp.UnknownIdError, match="no proposal with id True"):
            S[True]  # a boolean is not a number here
        pickled = pickle.loads(pickle.dumps(mp.UnknownIdError(9, what="x", known="1")))
        assert str(pickled) == "no x with number 9; the set's are 1"

    def test_a_filtered_set_keeps_the_numbers(self) -> None:
        s = S.filter(topic="fintech")
        assert s[5].id == "fintech"
        with pytest.raises(mp.UnknownIdError, match="the set's are 5 to 5"):
            s[1]

    def test_lookup_uses_the_first_of_duplicate_ids(self) -> None:
        twin = attrs.evolve(S.proposals[1], id="fintech")
        s = attrs.evolve(S, proposals=(*S.proposals, twin))
        assert s["fintech"] is S.proposals[4]


class TestFilter:
    def test_keyword_conditions(self) -> None:
        assert [p.id for p in S.filter(topic="fintech")] == ["fintech"]
        assert [p.id for p in S.filter(theme="new-infrastructure")] == [
            "industrial-internet",
            "rural-revitalization",
            "medical-staff",
        ]
        assert [p.id for p in S.filter(text="PEARL RIVER")] == ["gba-marine-ecology"]
        both = S.filter(theme("new-infrastructure"), text="hospital")
        assert [p.id for p in both] == ["medical-staff"]

    def test_result_keeps_metadata_and_order(self) -> None:
        result = S.filter(topic("ecological-protection") | topic("industrial-internet"))
        assert [p.number for p in result] == [1, 7]
        for name in ("deputy", "meeting", "topics", "themes", "sources", "claims"):
            assert getattr(result, name) == getattr(S, name)
        assert result.declared_count == 7
        assert S.filter() is S

    def test_unknown_ids_are_errors_not_empty_results(self) -> None:
        with pytest.raises(mp.UnknownIdError, match="did you mean 'fintech'"):
            S.filter(topic="fintec")
        with pytest.raises(mp.UnknownIdError, match="no theme"):
            S.filter(theme="cloud")
        # Ids select what is there: a filtered set holds only some proposals.
        assert len(S.filter(ids("fintech", "nope"))) == 1
        assert len(S.filter(topic="fintech").filter(ids("sme-relief"))) == 0

    def test_only_predicates(self) -> None:
        with pytest.raises(TypeError, match="takes predicates"):
            S.filter("fintech")  # type: ignore[arg-type]

    def test_a_filtered_set_is_a_valid_document_but_for_its_count(self) -> None:
        codes = {p.code for p in mp.validate(S.filter(topic="fintech")).problems}
        assert codes <= {"count-mismatch", "bad-numbering", "dangling-reference"}

    def test_indexes_are_built_once_and_shared_by_threads(self) -> None:
        s = attrs.evolve(S, title="fresh copy")  # no index built yet
        results: list[mp.ProposalSet] = []
        barrier = threading.Barrier(6)

        def work() -> None:
            barrier.wait()
            results.append(s.filter(topic="fintech"))

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({id(r.proposals) for r in results}) == 1  # one cached tuple


class TestPredicateLaws:
    """Filtering agrees with plain set semantics over the proposals."""

    @given(predicates)
    def test_index_and_scan_agree(self, a: Predicate) -> None:
        assert selected(a) == reference(a)

    @given(predicates, predicates)
    def test_commutativity(self, a: Predicate, b: Predicate) -> None:
        assert selected(a & b) == selected(b & a) == selected(a) & selected(b)
        assert selected(a | b) == selected(b | a) == selected(a) | selected(b)

    @given(predicates, predicates)
    def test_de_morgan(self, a: Predicate, b: Predicate) -> None:
        assert selected(~(a & b)) == selected(~a | ~b) == ALL - selected(a & b)
        assert selected(~(a | b)) == selected(~a & ~b) == ALL - selected(a | b)

    @given(predicates)
    def test_idempotence_complement_and_double_negation(self, a: Predicate) -> None:
        assert selected(a & a) == selected(a | a) == selected(a)
        assert selected(a & ~a) == frozenset()
        assert selected(a | ~a) == ALL
        assert selected(~~a) == selected(a)

    @given(predicates, predicates, predicates)
    def test_associativity_and_distributivity(
        self, a: Predicate, b: Predicate, c: Predicate
    ) -> None:
        assert selected((a & b) & c) == selected(a & (b & c))
        assert selected(a & (b | c)) == selected((a & b) | (a & c))

    @given(predicates, predicates)
    def test_chained_filters_are_a_conjunction(
        self, a: Predicate, b: Predicate
    ) -> None:
        assert S.filter(a).filter(b).proposals == S.filter(a & b).proposals


class TestFacets:
    def test_counts_by_topic_list_every_topic(self) -> None:
        counts = S.count_by("topic")
        assert list(counts) == [t.id for t in S.topics]
        assert set(counts.values()) == {1}

    def test_counts_by_theme(self) -> None:
        counts = S.count_by("theme")
        assert counts["new-infrastructure"] == 3
        for theme_id, n in counts.items():
            assert n == len(S.filter(theme=theme_id))

    def test_counts_of_a_subset_keep_zeros(self) -> None:
        counts = S.filter(topic="fintech").count_by("topic")
        assert counts["fintech"] == 1
        assert sum(counts.values()) == 1
        assert len(counts) == 7

    def test_count_by_knows_two_facets(self) -> None:
        with pytest.raises(ValueError, match="'topic' or 'theme', not 'area'"):
            S.count_by("area")


class TestRowsByTable:
    def test_rows_by_table_name(self) -> None:
        assert S.rows("statistics")[-1].proposal is None  # a career figure
        with pytest.raises(mp.UnknownIdError, match="statistics"):
            S.rows("statistic")


class TestRows:
    def test_recommendation_rows(self) -> None:
        rows = S.rows("recommendations")
        assert len(rows) == sum(len(p.recommendations) for p in S)
        fintech = [r for r in rows if r.proposal == "fintech"]
        assert [r.position for r in fintech] == list(range(1, len(fintech) + 1))
        assert {r.proposal_number for r in fintech} == {5}
        sme = [r.horizon for r in rows if r.proposal == "sme-relief"]
        assert sme == ["near-term", "near-term", "medium-long-term"]

    def test_statistic_rows_name_who_measured_and_when(self) -> None:
        rows = {(r.proposal, r.id): r for r in S.rows("statistics")}
        users = rows["rural-revitalization", "rural-internet-users"]
        assert (users.value, users.as_of, users.qualifier) == (
            255_000_000,
            "2020-03",
            "exact",
        )
        assert rows[None, "written-proposals"].qualifier == "more-than"

    def test_evidence_rows_cover_every_span(self, article: str) -> None:
        rows = S.rows("evidence")
        spans = [v for _, v in walk(S) if isinstance(v, mp.Evidence)]
        assert len(rows) == len(spans)
        assert len({(r.owner, r.index) for r in rows}) == len(rows)
        for row in rows:
            assert article[row.start : row.end] == row.exact
        owners = {r.owner: r for r in rows}
        rec = owners["$.proposals[4].recommendations[0]"]
        assert (rec.proposal, rec.owner_kind, rec.owner_id) == (
            "fintech",
            "recommendation",
            "favourable-environment",
        )
        assert owners["$.claims[0]"].proposal is None


class TestContext:
    def test_context_surrounds_the_quote(self, article: str) -> None:
        ev = S["fintech"].recommendations[0].evidence[0]
        ctx = S.context(ev, width=10)
        assert ctx.before == article[ev.start - 10 : ev.start]
        assert ctx.after == article[ev.end : ev.end + 10]
        assert str(ctx) == f"…{ctx.before}[{ev.exact}]{ctx.after}…"

    def test_context_at_the_edges_is_not_clipped(self, article: str) -> None:
        ev = S.claims[0].evidence[0]  # the headline, at offset 0
        ctx = S.context(ev, width=5)
        assert ev.start == 0
        assert (ctx.before, ctx.clipped_before) == ("", False)
        whole = S.context(ev, width=len(article))
        assert not whole.clipped_after
        assert whole.before + whole.exact + whole.after == article

    def test_width_must_not_be_negative(self) -> None:
        with pytest.raises(ValueError, match="width"):
            S.context(S.claims[0].evidence[0], width=-1)

    def test_evidence_of_any_item(self) -> None:
        rec = S["rural-revitalization"].recommendations[-1]
        contexts = S.evidence_of(rec, width=0)
        assert [c.exact for c in contexts] == [e.exact for e in rec.evidence]
        assert len(contexts) == 2


def test_a_filtered_set_keeps_the_texts_of_its_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ma_proposals import _source_texts, export

    # A set from load_path keeps its texts; once the shared cache has dropped
    # them, a filtered view of it still finds them.
    [document, *_] = export.write_json(S, tmp_path / "set.json")
    s = mp.load_path(document)
    ev = s["fintech"].evidence[0]
    monkeypatch.setattr(_source_texts, "_verified", type(_source_texts._verified)())
    assert s.context(ev).exact == ev.exact
    for view in (s.filter(topic="fintech"), s.filter(ids("fintech", "sme-relief"))):
        assert view.context(ev).exact == ev.exact
