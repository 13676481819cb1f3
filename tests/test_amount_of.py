"""'What volume (amount, quantity, value, sum, total) **of** X': X is what is measured,
asked for itself as after 'how much' (:data:`brtrade.core.language.COUNTING`). A thing
no record holds is no answer; trade, commerce and goods, which records hold or English
relates to what they hold, still find their records."""

from __future__ import annotations

import pytest

from tests.helpers import Run, answer_ids

AMOUNTS = ["volume", "amount", "value", "quantity", "sum", "total"]


@pytest.mark.parametrize("amount", AMOUNTS)
@pytest.mark.parametrize(
    "question",
    [
        "what {} of bank lending went to ASEAN",
        "what {} of farm produce did China buy from ASEAN",
        "what {} of foreign investment reached ASEAN",
        "what {} of ASEAN capital flowed into Chinese factories",
    ],
)
def test_an_amount_of_a_thing_no_record_holds_is_no_answer(
    run: Run, amount: str, question: str
) -> None:
    assert answer_ids(run, question.format(amount)) == []


@pytest.mark.parametrize("amount", AMOUNTS)
@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what {} of trade did China do with ASEAN", "asean-trade-2020"),
        ("what {} of commerce did China do with belt and road countries", "br-trade-2020-total"),
        ("what {} of goods went by train to belt and road countries", "br-rail-trade-growth"),
    ],
)
def test_an_amount_of_what_records_hold_finds_them(
    run: Run, amount: str, question: str, first: str
) -> None:
    assert first in answer_ids(run, question.format(amount))[:2]
