"""Matching, ranking and name resolution in the core, without the CLI."""

from __future__ import annotations

import pytest

from brtrade.core.errors import NotFoundError, UsageError
from brtrade.core.memory import Searcher
from brtrade.core.model import FactBase
from brtrade.core.names import (
    Names,
    find_record,
    resolve_entity,
    resolve_speakers,
    resolve_topic,
)
from brtrade.core.query import query_words
from brtrade.core.text import words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Belt & Road", "belt and road"),
        ("ASEAN", "ａｓｅａｎ"),
        ("Café", "cafe"),
        ("Cafe\u0301", "café"),
        ("as\u200dean", "asean"),
        ("\u200fasean", "ASEAN"),
        ("China’s", "china's"),
    ],
)
def test_folding_equates(a: str, b: str) -> None:
    assert words(a) == words(b)


def test_decimal_numbers_stay_whole() -> None:
    assert words("9.37 trillion") == ["9.37", "trillion"]


@pytest.mark.parametrize("query", [[""], ["   "], ["..."], ["-- / --"], ["—", "!"], ["🙂"]])
def test_query_of_nothing_is_a_usage_error(query: list[str]) -> None:
    with pytest.raises(UsageError):
        query_words(query)


def test_no_query_means_everything(base: FactBase) -> None:
    hits = Searcher(base).claims([])
    assert [h.record.id for h in hits] == [c.id for c in base.claims]


def ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.record.id for h in hits]


def test_asean_through_name_and_alias(base: FactBase) -> None:
    s = Searcher(base)
    assert set(ids(s.claims(["asean"]))) == {"asean-largest-partner-2020", "asean-trade-2020"}
    by_alias = ids(s.claims(["Association of Southeast Asian Nations"]))
    assert set(by_alias) == {"asean-largest-partner-2020", "asean-trade-2020"}


def test_and_matches_ampersand(base: FactBase) -> None:
    s = Searcher(base)
    assert ids(s.claims(["belt and road"])) and ids(s.claims(["belt and road"])) == ids(
        s.claims(["Belt & Road"])
    )
    assert "asean-trade-2020" not in ids(s.claims(["belt and road"]))


def test_every_word_must_match(base: FactBase) -> None:
    s = Searcher(base)
    assert ids(s.claims(["asean", "train"])) == []
    assert ids(s.claims(["train"])) == ["br-rail-trade-growth"]


def test_prefix_matches_a_word_start(base: FactBase) -> None:
    assert "bicycle-export-soon" in ids(Searcher(base).claims(["export"]))


def test_query_is_text_not_a_pattern(base: FactBase) -> None:
    s = Searcher(base)
    with pytest.raises(UsageError):
        s.claims([".*"])
    assert ids(s.claims(["(asean.*"])) == ids(s.claims(["asean"]))
    assert ids(s.claims(["9.37"])) == ["br-trade-2020-total", "br-trade-2020-growth"]


def test_best_match_first_then_document_order(base: FactBase) -> None:
    hits = Searcher(base).claims(["trade", "asean", "total"])
    assert ids(hits)[0] == "asean-trade-2020"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_ties_keep_document_order(base: FactBase) -> None:
    hits = Searcher(base).claims(["china"])
    for a, b in zip(hits, hits[1:], strict=False):
        if a.score == b.score:
            assert a.order < b.order


def test_filters(base: FactBase) -> None:
    s = Searcher(base)
    assert ids(s.claims(topic="rail")) == ["br-rail-trade-growth"]
    assert set(ids(s.claims(entity="Singapore"))) == {"yantian-port-new-routes-2020"}
    assert set(ids(s.claims(speaker="Zhou"))) == {
        "br-cooperation-resilient",
        "br-complementarity",
        "bri-significance",
    }
    assert ids(s.claims(limit=2)) == [c.id for c in base.claims[:2]]


@pytest.mark.parametrize(
    "typed",
    ["Tu Xinquan", "tu xinquan", "  Tu   Xinquan ", "Xinquan Tu", "Xinquan", "TU", "tu-xinquan"],
)
def test_speaker_matching_forgives(base: FactBase, typed: str) -> None:
    assert resolve_speakers(Names.of(base), typed) == ["tu-xinquan"]


def test_unknown_speaker_suggests(base: FactBase) -> None:
    with pytest.raises(NotFoundError) as info:
        resolve_speakers(Names.of(base), "Zhou Mo")
    assert "did you mean 'Zhou Mi'" in info.value.describe()
    assert "Li Xiangrong" in info.value.describe()


def test_topic_and_entity_resolution(base: FactBase) -> None:
    names = Names.of(base)
    assert resolve_topic(names, "Trade by train") == "rail"
    assert resolve_entity(names, "b&r") == "belt-and-road"
    with pytest.raises(NotFoundError, match="no topic"):
        resolve_topic(names, "weather")


def test_find_record_across_kinds(base: FactBase) -> None:
    rec, others = find_record(base, "asean")
    assert type(rec).__name__ == "Entity" and others == ["topic:asean"]
    rec, others = find_record(base, "topic:asean")
    assert type(rec).__name__ == "Topic" and others == []
    with pytest.raises(NotFoundError, match="no record"):
        find_record(base, "asean-trade-2021")


@pytest.mark.parametrize("text", ["Belt & Road", "ASEAN 9.37", "a\tb\x1b", "MiXeD_case-1,000"])
def test_ascii_fast_path_agrees_with_the_full_fold(text: str) -> None:
    import unicodedata

    from brtrade.core.text import fold

    slow = "".join(
        c
        for c in unicodedata.normalize("NFKD", text)
        if unicodedata.category(c) not in ("Mn", "Me", "Cf", "Cs")
    )
    assert fold(text) == slow.casefold().replace("&", " and ")
