"""Questions as people type them: stems, vocabulary, numbers, the relevance floor,
--explain, --all-words and spelling (docs/matching.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brtrade.cli import ExitCode
from brtrade.core.check import check_fact_base
from brtrade.core.match import closest
from brtrade.core.numbers import find_mentions
from tests.helpers import MINI, Run, line_of


def ids(run: Run, *args: str) -> list[str]:
    result = run("facts", *args, "--json")
    assert result.exit_code in (0, 1), result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


# -- the issue's own examples, and their class ----------------------------------------


@pytest.mark.parametrize(
    "question, answer",
    [
        ("how much did China trade with ASEAN in 2020", "asean-trade-2020"),
        ("who is China's biggest trading partner", "asean-largest-partner-2020"),
        ("what did the commerce ministry expert say about the belt and road", None),
        ("did covid hurt trade", "br-cooperation-resilient"),
        ("by how much did rail freight rise", "br-rail-trade-growth"),
    ],
)
def test_plain_questions_are_answered(run: Run, question: str, answer: str | None) -> None:
    got = ids(run, *question.split())
    assert got, question
    if answer is not None:
        assert got[0] == answer
    else:
        assert got[0] in {"br-cooperation-resilient", "br-complementarity", "bri-significance"}


@pytest.mark.parametrize("word", ["rose", "rise", "rising", "risen", "rises", "grew", "growth"])
def test_every_form_of_a_verb_meets(run: Run, word: str) -> None:
    assert "br-trade-2020-growth" in ids(run, "belt", "and", "road", "trade", word)


@pytest.mark.parametrize("figure", ["34.4%", "34.4 percent", "34.4 per cent", "34.4 Percent"])
def test_percent_in_every_spelling(run: Run, figure: str) -> None:
    assert ids(run, figure)[:1] == ["br-rail-trade-growth"]


@pytest.mark.parametrize(
    "figure",
    ["$730 billion", "US$730bn", "730 billion dollars", "730 billion U.S dollars", "USD 730bn"],
)
def test_dollars_in_every_spelling(run: Run, figure: str) -> None:
    assert ids(run, figure)[:1] == ["asean-trade-2020"]


@pytest.mark.parametrize(
    "figure", ["4.74 trillion", "4.74 trillion yuan", "RMB 4.74tn", "4,740 billion yuan"]
)
def test_amounts_are_numbers(run: Run, figure: str) -> None:
    assert ids(run, figure)[:1] == ["asean-trade-2020"]


@pytest.mark.parametrize(
    "question",
    [
        "what did Li Keqiang say about trade",
        "how much did China trade with Africa in 2020",
        "what did the IMF say about China",
        "how many containers did Yantian handle",
    ],
)
def test_no_answer_is_said_with_the_closest_records(run: Run, question: str) -> None:
    result = run("facts", *question.split())
    assert result.exit_code == ExitCode.NO_MATCH
    assert "no record has:" in result.stderr
    assert "the closest, not shown:" in result.stderr or "no claims" in result.stderr


# -- the mentions parser (shared with verify) --------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("4.74 trillion yuan", 4.74e12, "CNY"),
        ("about 730 billion U.S dollars", 7.3e11, "USD"),
        ("US$730bn", 7.3e11, "USD"),
        ("$1.45 trillion", 1.45e12, "USD"),
        ("34.4 per cent", 34.4, "percent"),
        ("2 percentage points", 2, "percentage-points"),
        ("RMB 9.37 trillion", 9.37e12, "CNY"),
        ("11 new routes", 11, None),
    ],
)
def test_mentions(text: str, value: float, unit: str | None) -> None:
    (m,) = find_mentions(text)
    assert m.value == pytest.approx(value) and m.unit == unit


def test_a_year_is_not_a_figure() -> None:
    assert [m.is_year for m in find_mentions("in 2020, 11 routes")] == [True, False]


@pytest.mark.parametrize(
    "written, value, agrees",
    [
        ("4.7 trillion", 4.74e12, True),
        ("4.8 trillion", 4.74e12, False),
        ("730 billion", 7.3e11, True),
        ("4.74 trillion", 4.74e12, True),
        ("4.75 trillion", 4.74e12, False),
        ("34 percent", 34.4, True),
    ],
)
def test_agreement_at_the_precision_written(written: str, value: float, agrees: bool) -> None:
    assert find_mentions(written)[0].agrees_with(value) is agrees


@pytest.mark.parametrize(
    "written, value, agrees",
    [
        ("nearly 30 percent", 29.1, True),  # a round number said to be near: within 5 %
        ("about 700 billion", 7.3e11, True),
        ("almost 1,000 routes", 990, True),
        ("about 30 percent", 34.4, False),  # 15 % away
        ("about 10 percent", 7, False),
        ("about 830 billion", 7.3e11, False),
        ("30 percent", 29.1, False),  # not hedged: the digits written
        ("more than 30 percent", 29.1, False),  # a lower bound is no hedge
        ("about 29 percent", 29.6, False),  # not a round number: the digits written
    ],
)
def test_a_hedged_round_number_agrees_with_a_value_near_it(
    written: str, value: float, agrees: bool
) -> None:
    assert find_mentions(written)[0].agrees_with(value) is agrees


@given(st.integers(1, 99), st.sampled_from(["about", "nearly", "roughly", "almost"]))
def test_a_hedged_round_number_agrees_with_itself_and_not_with_a_tenth_more(
    tens: int, hedge: str
) -> None:
    (m,) = find_mentions(f"{hedge} {tens * 10} percent")
    assert m.agrees_with(tens * 10) and not m.agrees_with(tens * 10 * 1.1)


@given(st.text(max_size=60))
def test_mentions_never_raise(text: str) -> None:
    for m in find_mentions(text):
        assert m.start <= m.end


# -- options ------------------------------------------------------------------------------


def test_explain_is_an_extra_key_only_with_the_flag(run: Run) -> None:
    plain = json.loads(run("facts", "biggest", "trading", "partner", "--json").stdout)
    explained = json.loads(
        run("facts", "biggest", "trading", "partner", "--json", "--explain").stdout
    )
    assert [set(r) for r in plain] == [set(r) - {"explain"} for r in explained]
    assert all("explain" not in r for r in plain)
    why: dict[str, Any] = explained[0]["explain"]
    assert why["score"] > 0
    via = {m["word"]: m["via"] for m in why["matched"]}
    assert via["biggest"] == "vocabulary" and via["partner"] == "word"


def test_explain_in_a_table(run: Run) -> None:
    out = run("facts", "biggest", "partner", "--explain").stdout
    assert "why: score" in out and "biggest→v:largest" in out


def test_all_words_keeps_the_strict_rule(run: Run) -> None:
    assert ids(run, "how", "much", "did", "china", "trade", "with", "asean", "--all-words") == []
    assert ids(run, "asean", "trade", "--all-words")


def test_spelling_is_corrected_and_said(run: Run) -> None:
    result = run("quote", "Xinquna", "--json")
    assert result.exit_code == 0
    assert "reading 'xinquna' as 'xinquan'" in result.stderr
    assert json.loads(result.stdout)[0]["speaker"]["name"] == "Tu Xinquan"
    assert "reading 'yantain' as 'yantian'" in run("facts", "Yantain").stderr


def test_short_words_are_never_corrected(run: Run) -> None:
    assert "reading" not in run("facts", "fast", "trade").stderr


@pytest.mark.parametrize(
    "typed, expected",
    [("xinquna", "xinquan"), ("yantain", "yantian"), ("diversificaton", "diversification")],
)
def test_closest(typed: str, expected: str) -> None:
    assert closest(typed, ["xinquan", "yantian", "diversification", "trade"]) == expected


def test_closest_refuses_a_tie() -> None:
    assert closest("bxxxx", ["bxxxa", "bxxxb"]) is None


# -- the vocabulary in the fact base --------------------------------------------------------


def _with_vocabulary(tmp_path: Path, entries: str) -> Path:
    folder = tmp_path / "base"
    shutil.copytree(MINI, folder)
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text("utf-8") + "vocabulary:\n" + entries, "utf-8")
    return facts


@pytest.mark.parametrize(
    "entries, says",
    [
        ("  - {id: empty, words: []}\n", "two or more different words"),
        ("  - {id: one, words: [port]}\n", "two or more different words"),
        (
            "  - {id: a, words: [port, harbour]}\n  - {id: b, words: [harbour, dock]}\n",
            "synonym loop",
        ),
        ("  - {id: a, words: [port, alpha-containers]}\n", "is the id of a record"),
        ("  - {id: a, words: [port, '<b>dock</b>']}\n", "markup or control characters"),
        ('  - {id: a, words: [port, "do\\x1bck"]}\n', "markup or control characters"),
        (
            "  - {id: a, words: [port, dock]}\n  - {id: a, words: [quay, pier]}\n",
            "duplicate vocabulary id",
        ),
    ],
)
def test_check_reports_bad_vocabulary_with_file_and_line(
    tmp_path: Path, entries: str, says: str, run: Run
) -> None:
    facts = _with_vocabulary(tmp_path, entries)
    report = check_fact_base(facts)
    problems = [p for p in report.problems if p.rule.value == "vocabulary"]
    assert problems and says in problems[0].message
    assert problems[0].line is not None and problems[0].line >= line_of(facts, "vocabulary:")
    assert run("--facts", str(facts), "facts", "port").exit_code == ExitCode.BAD_FACTS


def test_a_new_article_brings_its_own_words(tmp_path: Path, run: Run) -> None:
    facts = _with_vocabulary(tmp_path, "  - {id: box, words: [containers, TEU, boxes]}\n")
    assert check_fact_base(facts).ok
    got = json.loads(run("--facts", str(facts), "facts", "TEU", "--json").stdout)
    assert got[0]["id"] == "alpha-containers"


def test_what_a_quote_says_outranks_the_topic_an_editor_gave_it(run: Run) -> None:
    """Zhou Mi speaks of 'cooperation with countries along the Belt & Road'; Li
    Xiangrong's quote names the routes and has the editors' Belt and Road topic (whose
    label is 'Belt and Road cooperation'). The words said weigh more than the label."""
    result = run("quote", "belt and road cooperation", "--json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)][:1] == ["q-zhou-mi-cooperation"]


def test_every_quote_is_first_for_words_only_it_says() -> None:
    """The class: for any word of one quote's text that no other quote says (nor a word
    of the same first five letters, nor one the editors' vocabulary joins it to:
    'stable' meets 'stability'), whatever topics the others carry, that quote comes
    first."""
    from brtrade.core.language import is_stop
    from brtrade.core.loader import load_fact_base
    from brtrade.core.memory import Searcher
    from brtrade.core.paths import bundled_facts_path
    from brtrade.core.stems import stem
    from brtrade.core.text import words

    base = load_fact_base(bundled_facts_path())
    searcher = Searcher(base)
    joined = {stem(w): t.id for t in base.vocabulary for w in t.words}

    def meets(w: str) -> set[str]:
        return {w[:5], joined.get(w, w)}

    said = {
        q.id: {stem(w) for w in words(q.text) if w.isalpha() and not is_stop(w)}
        for q in base.quotes
    }
    checked = 0
    for q in base.quotes:
        others = set().union(*(meets(w) for i, s in said.items() if i != q.id for w in s))
        for w in sorted(w for w in said[q.id] if not meets(w) & others):
            hits = searcher.quotes([w])
            assert hits and hits[0].record.id == q.id, (w, [h.record.id for h in hits])
            checked += 1
    assert checked > 20


def test_every_claim_is_first_for_words_only_its_statement_says() -> None:
    """As for quotes: a word of one claim's statement that no other statement says
    (nor a word of the same first five letters, nor one the vocabulary joins it to)
    puts that claim first, whatever entities the others are linked to ('initiative'
    is in the name of the Belt and Road Initiative, an entity of many claims)."""
    from brtrade.core.language import is_stop
    from brtrade.core.loader import load_fact_base
    from brtrade.core.memory import Searcher
    from brtrade.core.paths import bundled_facts_path
    from brtrade.core.stems import stem
    from brtrade.core.text import words

    base = load_fact_base(bundled_facts_path())
    searcher = Searcher(base)
    joined = {stem(w): t.id for t in base.vocabulary for w in t.words}

    def meets(w: str) -> set[str]:
        return {w[:5], joined.get(w, w)}

    said = {
        c.id: {stem(w) for w in words(c.statement) if w.isalpha() and not is_stop(w)}
        for c in base.claims
    }
    checked = 0
    for c in base.claims:
        others = set().union(*(meets(w) for i, s in said.items() if i != c.id for w in s))
        for w in sorted(w for w in said[c.id] if not meets(w) & others):
            hits = searcher.claims([w])
            assert hits and hits[0].record.id == c.id, (w, [h.record.id for h in hits][:3])
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("word", ["trying", "using", "dying", "tying"])
def test_a_stem_shorter_than_a_prefix_is_matched_whole_only(word: str) -> None:
    """'trying' stems to 'tri': as a prefix it would match 'trillion'."""
    from brtrade.core.match import MIN_PREFIX, plan_query
    from brtrade.core.terms import Vocabulary

    (group,) = plan_query(word, Vocabulary([])).groups
    assert len(group.exact[0]) < MIN_PREFIX and group.prefix is None


def test_a_word_of_a_long_enough_stem_still_matches_as_a_prefix() -> None:
    from brtrade.core.match import plan_query
    from brtrade.core.terms import Vocabulary

    (group,) = plan_query("expo", Vocabulary([])).groups
    assert group.prefix == "expo"
