"""The asker's own words around a question (an interjection, a chat abbreviation, 'quick
question', 'out of curiosity', 'exactly') are its form, and capitals on every word (a
question in capitals or in title case) say no name: neither stands between a question
and its answer. Without this, a word general English and the base do not know ('hey',
'thx'), and every capitalised word, weighed as a name does, and nothing answered."""

from __future__ import annotations

from typing import Any

import pytest

from brtrade.core.language import QUESTION_WORDS, STOP_WORDS
from brtrade.core.query import casing_told
from tests.helpers import Run, answer_ids

QUESTIONS = {
    "how much did China trade with ASEAN in 2020": "asean-trade-2020",
    "who is China's biggest trading partner": "asean-largest-partner-2020",
    "how many new routes did Yantian open in 2020": "yantian-port-new-routes-2020",
    "what did the bicycle factory near the port develop": "bicycle-smart-engine",
    "how fast did rail trade with belt and road countries grow": "br-rail-trade-growth",
}
FORMS = [
    "hey, {}",
    "hi {}",
    "ok so {}",
    "um, {}",
    "quick question: {}",
    "out of curiosity, {}",
    "briefly, {}",
    "pls {}",
    "{} thx",
    "{} lol",
    "{} exactly",
    "{}, thanks",
    "honestly, {}",
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_the_asker_s_own_words_change_no_answer(run: Run, form: str, question: str) -> None:
    plain = answer_ids(run, question)
    assert plain[:1] == [QUESTIONS[question]]  # the question alone is answered
    assert answer_ids(run, form.format(question))[:1] == plain[:1]


@pytest.mark.parametrize("word", ["hey", "okay", "thx", "pls", "lol", "curiosity", "exactly"])
def test_the_asker_s_words_are_never_required(word: str) -> None:
    assert word in QUESTION_WORDS and word in STOP_WORDS


@pytest.mark.parametrize("form", ["hey, {}", "{} thx", "quick question: {}"])
def test_a_no_answer_question_stays_unanswered_in_the_asker_s_words(run: Run, form: str) -> None:
    """The words are the form, not a reason to answer: trade with Africa is not held."""
    assert answer_ids(run, form.format("how much did China trade with Africa in 2020")) == []


# -- capitals that tell nothing ----------------------------------------------------------


def _title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


@pytest.mark.parametrize("case", [str.upper, _title], ids=["capitals", "title case"])
@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_a_question_in_capitals_or_title_case_is_answered_as_typed_plainly(
    run: Run, case: Any, question: str
) -> None:
    """Every word has a capital, so none says a name by it: 'HOW MUCH DID CHINA TRADE
    WITH ASEAN' is not a search for eight names."""
    assert answer_ids(run, case(question))[:1] == [QUESTIONS[question]]


@pytest.mark.parametrize("case", [str.upper, _title], ids=["capitals", "title case"])
@pytest.mark.parametrize(
    "question",
    ["how did trade with Brazil change in 2020", "what did Chinese exports to Japan total"],
)
def test_a_name_english_knows_stays_a_name_in_capitals(run: Run, case: Any, question: str) -> None:
    """'JAPAN' keeps what 'Japan' says: the base holds no trade with it."""
    assert answer_ids(run, case(question)) == []


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("HOW MUCH DID CHINA TRADE WITH ASEAN", "how much did CHINA trade with ASEAN"),
        ("How Did The Bicycle Maker Do Overseas", "how did the bicycle maker do overseas"),
        ("Trade With Japan", "trade with Japan"),
        ("what did the WTO say", "what did the WTO say"),  # capitals that tell: as typed
        ("Belt And Road", "belt and road"),  # the editors' phrase reads it all the same
        ("Yantian Port", "Yantian Port"),  # two names, no small word: as typed
        ("ASEAN 2020", "ASEAN 2020"),
    ],
)
def test_capitals_are_kept_only_where_they_may_say_a_name(text: str, read: str) -> None:
    assert casing_told(text) == read
