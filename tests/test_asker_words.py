"""The asker's own words around a question (an interjection, a chat abbreviation, 'quick
question', 'out of curiosity', 'exactly') are its form: they never stand between a
question and its answer. Without this, a word general English and the base do not
know ('hey', 'thx') weighed as a name does, and nothing answered."""

from __future__ import annotations

import pytest

from brtrade.core.language import QUESTION_WORDS, STOP_WORDS
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
