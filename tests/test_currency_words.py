"""A currency named by its country's word and *money*, *currency* or *unit* ('in
**American money**', 'in Chinese currency'), or by *greenbacks*, asks for the figure in
that currency (:func:`brtrade.core.numbers.national_currency`)."""

from __future__ import annotations

import json

import pytest

from brtrade.core.numbers import national_currency
from tests.helpers import Run


@pytest.mark.parametrize(
    ("words", "currency"),
    [
        ("in american money", "dollars"),
        ("in us currency", "dollars"),
        ("in the us unit", "dollars"),
        ("in chinese currency", "yuan"),
        ("in china money", "yuan"),
        ("in the money", None),
        ("american trade", None),
        ("money", None),
    ],
)
def test_a_countrys_word_before_money_names_its_currency(words: str, currency: str | None) -> None:
    folded = words.split()
    assert national_currency(folded, len(folded) - 1) == currency


def first(run: Run, question: str) -> str | None:
    result = run("facts", question, "--json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)[0]["id"] if result.exit_code == 0 else None


@pytest.mark.parametrize(
    "said", ["in US currency", "in American money", "in American currency", "in greenbacks"]
)
def test_the_belt_and_road_total_in_dollars(run: Run, said: str) -> None:
    assert first(run, f"what was belt and road trade worth {said}") == "br-trade-2020-total"


@pytest.mark.parametrize("said", ["in Chinese currency", "in Chinese money"])
def test_asean_trade_in_yuan(run: Run, said: str) -> None:
    assert first(run, f"how much was ASEAN trade {said}") == "asean-trade-2020"
