"""Property-based tests: open-ended queries never crash and never lie."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from brtrade.core.errors import UsageError
from brtrade.core.loader import load_fact_base
from brtrade.core.memory import Searcher
from brtrade.core.paths import bundled_facts_path
from brtrade.core.query import query_words
from brtrade.core.text import strip_controls, words

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
    texts = [c.statement, c.provenance.evidence, c.id.replace("-", " "), *c.topics]
    texts += [p for p in (c.period, *(f.period for f in c.figures)) if p]
    if c.quote:
        texts.append(BASE.quote(c.quote).text)
    texts += [BASE.topic(t).label for t in c.topics]
    for e in c.entities:
        texts += [BASE.entity(e).name, *BASE.entity(e).aliases, BASE.entity(e).type]
        place = e
        while True:  # the places it lies in, in turn (Yantian Port, Shenzhen, Guangdong)
            inside = [r.target for r in BASE.entity(place).relations if r.type == "located-in"]
            if not inside:
                break
            place = inside[0]
            texts += [BASE.entity(place).name, *BASE.entity(place).aliases]
    if c.speaker:
        sp = BASE.speaker(c.speaker)
        texts += [sp.name, sp.role, sp.organisation]
    texts += [t for f in c.figures for t in (f.measure, f.wording, f.scope) if t]
    return [w for t in texts for w in words(t)]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(queries)
@example(["1", "PERCENTAG"])  # found: keywords of a kind needed it, '1 percent' is a change
@example(["VALU", "VALU"])  # found: a word in capitals is a name, and a topic does not say it
def test_random_queries_never_raise_and_strict_hits_are_answers(query: list[str]) -> None:
    """Any query is answered or refused cleanly; a record matching every word (--all-words)
    covers the whole question, so it is above the relevance floor too. (A word written in
    capitals is read as a name, which a record must say, not only carry as its editors'
    topic, while --all-words matches topics: the floor is held in lower case.)"""
    try:
        query_words(query)
    except UsageError:  # refused only when nothing but control sequences and marks is left
        assert query and not words(strip_controls(" ".join(query)))
        return
    SEARCHER.claims(query)  # as written: answered without an error
    lower = [w.lower() for w in query]
    strict = {h.record.id for h in SEARCHER.claims(lower, all_words=True)}
    loose = {h.record.id for h in SEARCHER.claims(lower)}
    assert strict <= loose


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([w for w in VOCAB if w.isalpha() and len(w) > 3]), min_size=1, max_size=3
    )
)
def test_strict_hits_hold_every_word_or_its_stem(query: list[str]) -> None:
    """With --all-words, each query word is in the record: as itself, its stem, a word it
    starts, or a word of its vocabulary entry."""
    from brtrade.core.stems import stem

    vocab = {stem(w2) for t in BASE.vocabulary for w in t.words for w2 in words(w)}
    for hit in SEARCHER.claims(query, all_words=True):
        have = searchable_words(hit.record.id)
        stems = {stem(h) for h in have}
        for w in query:
            s = stem(w)
            assert (
                s in stems
                or any(h.startswith(s) or s.startswith(h[:5]) for h in stems if len(h) >= 5)
                or s in vocab
            ), (w, hit.record.id)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3))
@example(["percent", "of"])  # keywords of a share's form: still the company's 30 percent
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
