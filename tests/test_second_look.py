"""When nothing answers a question whole, a second look leaves out the reporter's own
words of general English that no record holds as written (:func:`brtrade.core.engine.
_second_look`): 'does the bike's motor aid cyclists on steep craggy **terrain**' finds
the smart engine. Never a name, what a question counts or asks for, and never with
fewer than two words of substance left."""

from __future__ import annotations

import json

import pytest

from tests.helpers import Run


def answered(run: Run, question: str) -> list[tuple[str, str]]:
    """(id, --explain's order note) of each answer; [] for none (exit 1)."""
    result = run("facts", question, "--json", "--explain")
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        return []
    return [(r["id"], str(r["explain"].get("order") or "")) for r in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "does the bike's motor aid cyclists tackling steep craggy terrain",
            "bicycle-smart-engine",
        ),
        (
            "does the bicycle's engine gauge pedal pressure for riders tackling gradients",
            "bicycle-smart-engine",
        ),
        (
            "did the cycle plant near the harbour devise an ingenious contraption",
            "bicycle-smart-engine",
        ),
        (
            "which neighbouring club of nations became Beijing's number one counterpart",
            "asean-largest-partner-2020",
        ),
        (
            "what kind of alliance is China courting with its neighbours on the routes",
            "br-cooperation-drive",
        ),
    ],
)
def test_a_question_in_a_reporters_words_is_answered_by_a_second_look(
    run: Run, question: str, first: str
) -> None:
    found = answered(run, question)
    assert found and found[0][0] == first
    assert "a second look" in found[0][1]  # --explain says so, and which words it left out


@pytest.mark.parametrize(
    "question",
    [
        "what subsidies does the government give the bicycle company despite fierce rivalry",
        "what did trade with Peru amount to amid the turbulence",  # a name no record holds
        "how many containers passed through Yantian during the stormy months",  # counted
        "what is the dividend of the bicycle company after its brisk year",
        "does the bike gleam",  # one word of substance left
        "did the marvellous gadget dazzle onlookers",
    ],
)
def test_a_second_look_never_leaves_out_what_is_asked(run: Run, question: str) -> None:
    assert not [a for a in answered(run, question) if "a second look" in a[1]]


@pytest.mark.parametrize("place", ["Peru", "Kenya", "Norway", "Chile", "Egypt"])
@pytest.mark.parametrize("tail", ["", " amid fierce turbulence", " despite the gloomy climate"])
def test_a_place_no_record_holds_is_never_left_out(run: Run, place: str, tail: str) -> None:
    assert answered(run, f"how did commerce with {place} fare{tail}") == []
