"""The one search engine (brtrade.core.engine): its ranking rule on small hand-made
postings, and the two stores that feed it holding the same postings.

The index and memory no longer rank separately: both hand their postings to
``engine.rank``. So what must be equal is what they store, term by term; the
answers of whole commands are compared in tests/test_cache.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.core.engine import Way, explain, rank, ways
from brtrade.core.loader import load_fact_base
from brtrade.core.match import LOOSE_COVER, RELATED_COVER, WHOLE, Group, Plan, Weighed
from brtrade.core.memory import MemoryPostings, Searcher
from brtrade.core.paths import bundled_facts_path
from brtrade.core.query import Asked
from brtrade.core.terms import TOPIC, Tokens, posted
from brtrade.index.layout import Kind
from brtrade.index.store import FactStore

BASE = load_fact_base(bundled_facts_path())


def weighed(*groups: Group, weights: tuple[int, ...] | None = None, floor: bool = True) -> Weighed:
    w = weights or tuple(10 for _ in groups)
    return Weighed(Plan(tuple(groups), ()), w, tuple(1 for _ in groups), floor)


def store(*records: dict[str, int]) -> MemoryPostings:
    """Records holding terms at field weights (field code 0)."""
    tokens: list[Tokens] = [{t: (w, 0) for t, w in r.items()} for r in records]
    return MemoryPostings(tokens)


def test_a_whole_term_counts_double_and_a_record_takes_its_best_way() -> None:
    g = Group("export", ("export",), near=("exp",))
    s = store({"export": 3, "exp": 5}, {"exp": 5}, {"other": 9})
    ranked = rank(weighed(g), s.postings)
    assert ranked == [(0, 10 * 3 * WHOLE, 1000), (1, 10 * 5, 1000)]


def test_related_words_cover_less_and_the_floor_turns_them_away() -> None:
    a = Group("ship", ("ship",), related=("vessel",))
    b = Group("port", ("port",), loose=("harbour",))
    s = store({"ship": 1, "port": 1}, {"vessel": 1, "port": 1}, {"vessel": 1, "harbour": 1})
    w = weighed(a, b)
    covers = {o: c for o, _, c in rank(w._replace(floor=False), s.postings)}
    assert covers == {0: 2000, 1: 1000 * RELATED_COVER // 100 + 1000, 2: 1000 * (50 + 25) // 100}
    assert LOOSE_COVER == 25 and RELATED_COVER == 50
    floor = w.need
    assert [o for o, _, _ in rank(w, s.postings)] == [o for o, c in covers.items() if c >= floor]


def test_ties_fall_to_document_order_and_a_limit_is_a_prefix() -> None:
    g = Group("asean", ("asean",))
    s = store(*[{"asean": 1 + (i % 3)} for i in range(10)])
    full = rank(weighed(g), s.postings)
    assert [o for o, _, _ in full] == [2, 5, 8, 1, 4, 7, 0, 3, 6, 9]
    assert rank(weighed(g), s.postings, limit=4) == full[:4]


def test_a_group_weighing_nothing_adds_nothing() -> None:
    s = store({"the": 1}, {"the": 1, "rail": 1})
    w = weighed(Group("the", ("the",), required=False), Group("rail", ("rail",)), weights=(0, 7))
    assert rank(w, s.postings) == [(1, 7 * WHOLE, 700)]


def test_filters_let_records_through_after_ranking() -> None:
    g = Group("rail", ("rail",))
    s = store({"rail": 1}, {"rail": 2}, {"rail": 3})
    assert [o for o, _, _ in rank(weighed(g), s.postings, allowed={0, 2})] == [2, 0]


def test_a_prefix_way_reads_every_term_it_starts() -> None:
    s = store({"exports": 1}, {"exporter": 2}, {"expo": 4}, {"import": 1})
    assert sorted(s.postings(Way((), "export", 1, 100))) == [(0, posted(1, 0)), (1, posted(2, 0))]
    assert s.df(Group("export", ("export",), prefix="export")) == 1


def test_explain_names_the_way_the_ranking_took() -> None:
    g = Group("exports", ("export",), near=("exp",), related=("trade",))
    tokens: Tokens = {"exp": (5, 0), "trade": (9, 0)}
    got = explain(weighed(g), tokens)
    assert got["matched"] == [
        {"word": "exports", "term": "trade", "field": "statement", "via": "related", "points": 90}
    ]
    assert got["score"] == rank(weighed(g), store({"exp": 5, "trade": 9}).postings)[0][1]


def test_ways_are_heaviest_first() -> None:
    g = Group("x", ("a",), near=("b",), prefix="c", related=("d",), loose=("e",))
    assert [(w.times, w.share) for w in ways(g)] == [
        (WHOLE, 100),
        (1, 100),
        (1, 100),
        (1, RELATED_COVER),
        (1, LOOSE_COVER),
    ]


@pytest.fixture(scope="module")
def both() -> tuple[Searcher, FactStore]:
    warm = FactStore(bundled_facts_path())
    warm.claim_rows(Asked([]))  # build the index if needed
    warm = FactStore(bundled_facts_path())
    assert warm.index() is not None
    return Searcher(BASE), warm


TERMS = sorted(
    {t for toks in Searcher(BASE).store("claim").records for t in toks}
    | {t for toks in Searcher(BASE).store("quote").records for t in toks}
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([Kind.CLAIM, Kind.QUOTE]),
    st.lists(st.sampled_from(TERMS), min_size=1, max_size=4, unique=True),
    st.none() | st.sampled_from(TERMS).map(lambda t: t[:4]),
)
def test_the_index_holds_the_postings_memory_makes(
    both: tuple[Searcher, FactStore], kind: Kind, terms: list[str], prefix: str | None
) -> None:
    memory, warm = both
    index = warm.index()
    assert index is not None
    way = Way(tuple(terms), prefix, 1, 100)
    mem = memory.store(kind.word)
    disk = index.store(kind)
    assert sorted(disk.postings(way)) == sorted(mem.postings(way))
    g = Group(terms[0], tuple(terms), prefix=prefix)
    assert disk.df(g) == mem.df(g)
    assert disk.n_docs == mem.n_docs


def test_every_store_is_searched_by_the_same_function() -> None:
    """No ranking is written outside the engine: the index reader has no SQL sums."""
    reader = (Path(__file__).parent.parent / "brtrade" / "index" / "reader.py").read_text("utf-8")
    assert "SUM(" not in reader and "GROUP BY" not in reader


@given(
    st.dictionaries(st.integers(0, 2**24), st.integers(1, 255), min_size=1, max_size=300),
    st.sampled_from([1 << 20, 1 << 22]),
)
def test_packed_postings_round_trip_a_file_at_a_time(held: dict[int, int], stride: int) -> None:
    from brtrade.index.postings import packed, unpack

    ords = sorted(held)
    flat = [x for o in ords for x in (o, held[o])]
    rows = list(packed({7: flat}, stride))
    assert [f for _, f, _ in rows] == sorted({o // stride for o in ords})
    back = [p for _, f, data in rows for p in unpack(f * stride, data)]
    assert back == [(o, held[o]) for o in ords]


def test_a_damaged_packed_row_is_an_error_not_an_answer() -> None:
    import zlib

    from brtrade.index.postings import pack, unpack

    row = bytearray(pack(0, [1, 5, 9], [3, 2, 1]))
    row[-2] ^= 0xFF
    with pytest.raises(zlib.error):
        list(unpack(0, bytes(row)))


def test_what_is_counted_is_named_by_the_record_not_by_its_topic_alone() -> None:
    """'how many ships docked at Yantian' is not answered by a count of routes the
    editors filed under the topic *shipping*: a topic is their label, not the record's
    words. The same term in any other field names it."""
    g = Group("ships", ("ship",))
    plan = Weighed(Plan((g,), ()), (10,), (1,), True, counted=frozenset({0}))
    filed = MemoryPostings([{"ship": (4, TOPIC)}, {"ship": (4, 6)}, {"ship": (6, 0)}])
    assert [o for o, _, _ in rank(plan, filed.postings)] == [2, 1]
