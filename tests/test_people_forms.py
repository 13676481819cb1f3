"""Questions about a named speaker in forms the fixed patterns of
:func:`brtrade.core.people.about_a_person` did not read: a word general English relates
to a job ('what **duties** does ...'), and the body asked for after a preposition or
with words of its own ('**for which manufacturer** does ...'); the kind of body asked for
and what someone studies, which only a speaker whose record says so answers."""

from __future__ import annotations

import json

import pytest

from brtrade.core.loader import load_fact_base
from brtrade.core.paths import bundled_facts_path
from brtrade.core.people import (
    _a_word_for_a_job,
    _asks_for_their_body,
    about_a_person,
    speaker_words,
)
from brtrade.core.text import words
from tests.helpers import Run

BASE = load_fact_base(bundled_facts_path())
NAMES = speaker_words([{"name": s.name} for s in BASE.speakers])
SPEAKERS = {s.id: s.name for s in BASE.speakers}


@pytest.mark.parametrize("word", ["duties", "duty", "function", "functions", "status", "standing"])
def test_a_word_general_english_relates_to_two_words_for_a_job_is_one(word: str) -> None:
    assert _a_word_for_a_job(word)


@pytest.mark.parametrize(
    "word", ["trade", "task", "exports", "price", "growth", "engine", "port", "share", "e-bike"]
)
def test_a_word_of_work_or_of_the_base_is_not_a_word_for_a_job(word: str) -> None:
    assert not _a_word_for_a_job(word)


@pytest.mark.parametrize(
    "question",
    [
        "for which manufacturer does {} act",
        "at which institute is {} a researcher",
        "which academic body has {} at its head",
        "what research institution does {} serve",
        "in which ministry's academy is {} found",
    ],
)
@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_the_body_asked_for_of_a_speaker_named_asks_about_them(question: str, speaker: str) -> None:
    text = question.format(SPEAKERS[speaker])
    assert _asks_for_their_body(words(text))
    assert about_a_person(text, NAMES)
    assert about_a_person(text.lower(), NAMES)  # the name typed in lower case


@pytest.mark.parametrize(
    "question",
    [
        "what duties does {} have",
        "what are the functions of {} at work",
        "what is the standing of {}",
    ],
)
@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_a_word_for_a_job_asked_of_a_speaker_named_asks_about_them(
    run: Run, question: str, speaker: str
) -> None:
    text = question.format(SPEAKERS[speaker])
    assert about_a_person(text, NAMES)
    rows = json.loads(run("facts", text, "--json").stdout)
    assert (rows[0]["type"], rows[0]["id"]) == ("speaker", speaker)


@pytest.mark.parametrize(
    "question",
    [
        "what did {} say about duties on exports",  # what was said, not who said it
        "what did {} tell reporters about the function of the smart engine",
        "which exports did {} describe",
        "how did {} describe the status of trade",
    ],
)
@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_what_a_speaker_named_said_is_no_question_about_them(question: str, speaker: str) -> None:
    assert not about_a_person(question.format(SPEAKERS[speaker]), NAMES)


@pytest.mark.parametrize(
    "question",
    [
        "what duties did China cut on imports",  # no speaker named
        "which company exported more bicycles",
        "for which markets did the port open routes",
        "what is the status of trade with ASEAN",
        "at which port were new routes opened",
    ],
)
def test_without_a_speaker_named_such_words_ask_for_claims(question: str) -> None:
    assert not about_a_person(question, NAMES)


@pytest.mark.parametrize(
    "question",
    ["what is {}'s area of study", "what field is {} in", "what is the focus of {}'s research"],
)
@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_what_a_speaker_named_studies_asks_about_them(question: str, speaker: str) -> None:
    assert about_a_person(question.format(SPEAKERS[speaker]), NAMES)


@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_the_subject_a_speaker_named_spoke_of_asks_for_claims(speaker: str) -> None:
    assert not about_a_person(f"which subject did {SPEAKERS[speaker]} discuss", NAMES)


@pytest.mark.parametrize("verb", ["lead", "head", "run", "direct"])
@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_what_a_speaker_named_leads_asks_about_them(verb: str, speaker: str) -> None:
    assert about_a_person(f"what does {SPEAKERS[speaker]} {verb}", NAMES)


@pytest.mark.parametrize("speaker", sorted(SPEAKERS))
def test_what_led_a_speaker_to_say_something_asks_for_claims(speaker: str) -> None:
    assert not about_a_person(f"what led {SPEAKERS[speaker]} to praise diversification", NAMES)


# -- the kind of body asked for, and what someone studies ------------------------------


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("which university is Tu Xinquan from", "tu-xinquan"),
        ("which institute does Tu Xinquan lead", "tu-xinquan"),
        ("which ministry is Zhou Mi's academy under", "zhou-mi"),
        ("which academy does Zhou Mi work at", "zhou-mi"),
        ("for which manufacturer does Li Xiangrong work", "li-xiangrong"),
        ("which company does Li Xiangrong work for", "li-xiangrong"),
        ("what does Zhou Mi study", "zhou-mi"),
        ("what is Tu Xinquan's area of study", "tu-xinquan"),
        ("which body does Li Xiangrong belong to", "li-xiangrong"),  # any body is one
    ],
)
def test_a_speaker_whose_body_is_of_the_kind_asked_answers(
    run: Run, question: str, speaker: str
) -> None:
    rows = json.loads(run("facts", question, "--json").stdout)
    assert (rows[0]["type"], rows[0]["id"]) == ("speaker", speaker)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("which university does Zhou Mi teach at", "Zhou Mi"),  # an academy of a ministry
        ("which university does Li Xiangrong work for", "Li Xiangrong"),  # a company
        ("which firm does Zhou Mi work for", "Zhou Mi"),
        ("which institute is Li Xiangrong at", "Li Xiangrong"),
        ("what did Li Xiangrong study", "Li Xiangrong"),  # a company studies nothing
        ("what did li xiangrong study", "Li Xiangrong"),  # the name typed in lower case
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_question_about_someone_named_that_no_speaker_answers_finds_nothing(
    run: Run, question: str, name: str, memory: bool
) -> None:
    """Not the claims in their words, which their name alone would find."""
    args = (["--no-cache"] if memory else []) + ["facts", question, "--json"]
    result = run(*args)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert result.stderr.count("\n") == 1 and f"--speaker '{name}'" in result.stderr


def test_a_question_about_someone_unnamed_still_finds_the_claims(run: Run) -> None:
    """No speaker named, no speaker fits: the claims may still say it."""
    rows = json.loads(run("facts", "which countries do the new sea routes serve", "--json").stdout)
    assert rows[0]["id"] == "yantian-port-new-routes-2020"
