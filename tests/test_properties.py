"""Property-based tests: open-ended queries never crash and never lie."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.core.errors import UsageError
from brtrade.core.loader import load_fact_base
from brtrade.core.paths import bundled_facts_path
from brtrade.core.query import Searcher, query_words
from brtrade.core.text import words

BASE = load_fact_base(bundled_facts_path())
SEARCHER = Searcher(BASE)
VOCAB = sorted({w for c in BASE.claims for w in words(c.statement)})

queries = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(VOCAB),
        st.sampled_from(
            ["Belt & Road", "ASEAN", ".*[(", "%", "$(rm -rf /)", "ａｓｅａｎ", "e\u0301"]
        ),
    ),
    max_size=4,
)


def searchable_words(claim_id: str) -> list[str]:
    """Every word a claim can be found by, computed independently of the Searcher."""
    c = next(c for c in BASE.claims if c.id == claim_id)
    texts = [c.statement, c.provenance.evidence, c.id, *c.topics]
    texts += [BASE.topic(t).label for t in c.topics]
    for e in c.entities:
        texts += [BASE.entity(e).name, *BASE.entity(e).aliases]
    if c.speaker:
        texts.append(BASE.speaker(c.speaker).name)
    texts += [t for f in c.figures for t in (f.measure, f.wording)]
    return [w for t in texts for w in words(t)]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(queries)
def test_random_queries_never_raise_and_hits_contain_every_word(query: list[str]) -> None:
    try:
        qwords = query_words(query)
    except UsageError:
        assert query and not words(" ".join(query))
        return
    for hit in SEARCHER.claims(query):
        have = searchable_words(hit.record.id)
        for w in qwords:
            assert any(h.startswith(w) for h in have), (w, hit.record.id)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3))
def test_a_claims_own_words_find_it(picked: list[str]) -> None:
    hits = {h.record.id for h in SEARCHER.claims(picked)}
    for c in BASE.claims:
        own = words(c.statement)
        if all(w in own for w in picked):
            assert c.id in hits


@given(st.text(max_size=40))
def test_folding_is_idempotent(text: str) -> None:
    once = words(text)
    assert words(" ".join(once)) == once
