"""Who a quotation is from: the speaker lookups verify makes for every quotation,
held to a plain scan of the speakers in the base's order (which they replace, for
speed on bases with tens of thousands of speakers)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brtrade.core.draft_text import Draft, named_speaker, speaker_of
from brtrade.core.text import words

NAMES = ["Tu Xinquan", "Zhou Mi", "Li Xiangrong", "Tu Mi", "Zhou Xinquan", "Mi Zhou", "Mi", "Zhou"]


def _scan_speaker_of(name: str, speakers: Sequence[tuple[str, str]]) -> str | None:
    said = words(name)
    for sid, full in speakers:
        parts = words(full)
        if said and (said == parts or sorted(said) == sorted(parts) or said == parts[:1]):
            return sid
    return None


def _scan_named(window: list[str], speakers: Sequence[tuple[str, str]]) -> str | None:
    found: dict[str, str] = {}
    for sid, full in speakers:
        parts = words(full)
        n = len(parts)
        if any(window[i : i + n] == parts for i in range(len(window) - n + 1)):
            found[sid] = full
        elif parts[0] in window:
            found.setdefault(sid, parts[0])
    return next(iter(found)) if len(found) == 1 else None


speakers_st = st.lists(st.sampled_from(NAMES), min_size=1, max_size=6).map(
    lambda names: tuple((f"s{i}", n) for i, n in enumerate(names))
)


@given(speakers_st, st.lists(st.sampled_from(["Tu", "Zhou", "Mi", "Xinquan", "Li"]), max_size=3))
def test_speaker_of_is_the_first_speaker_a_scan_finds(
    speakers: tuple[tuple[str, str], ...], said: list[str]
) -> None:
    name = " ".join(said)
    assert speaker_of(name, speakers) == _scan_speaker_of(name, speakers)


@given(speakers_st, st.lists(st.sampled_from(["Tu", "Zhou", "Mi", "Xinquan", "said", "it"])))
def test_the_speaker_a_sentence_names_is_the_one_a_scan_finds(
    speakers: tuple[tuple[str, str], ...], before: list[str]
) -> None:
    text = " ".join(before) + ' "the market is wide open" for the firms.'
    start = text.index('"') + 1
    end = text.index('"', start)
    got = named_speaker(Draft(text, "draft.md"), start, end, speakers)
    window = words(text[:start] + " " + text[end:])
    assert (got[1] if got else None) == _scan_named(window, speakers)


def test_many_speakers_and_one_named() -> None:
    speakers = tuple((f"s{i}", f"Family{i} Given{i}") for i in range(20_000)) + (
        ("tu", "Tu Xinquan"),
    )
    assert speaker_of("Tu", speakers) == "tu"
    text = 'Tu Xinquan said the strategy was "a wide and open market for the firms".'
    start = text.index('"') + 1
    got = named_speaker(Draft(text, "d.md"), start, text.index('"', start), speakers)
    assert got == ("Tu Xinquan", "tu")


QUOTE = '"China\'s market diversification strategy has had remarkable results,"'


@pytest.mark.parametrize(
    "text",
    [
        f"{QUOTE} Tu Xinqaun said.",
        f"{QUOTE} said Professor Tu.",
        f"{QUOTE} said Xinquan Tu.",
        f"{QUOTE} said Dean Tu.",
    ],
)
def test_a_title_or_a_slip_in_the_name_is_still_the_speaker(text: str) -> None:
    """'Professor Tu' is Tu Xinquan, and so is 'Tu Xinqaun' (one slip a word): not a
    misattribution; the finding names him as the base spells him."""
    from tests.verify.test_verify import verdicts

    assert verdicts(text) == [["quote", "supported"]]


def test_a_stranger_with_a_name_two_slips_away_is_not_the_speaker() -> None:
    from tests.verify.test_verify import verdicts

    assert verdicts(f"{QUOTE} Tu Xinqiang said.") == [["quote", "misattributed"]]
