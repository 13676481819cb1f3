"""Exports set against imports ask for a balance, which the base does not hold; other
things set one above another ('did rail trade growth **exceed** ASEAN's') are compared,
each side answered; an amount ('more than 9 trillion yuan') is a bound, not a side."""

from __future__ import annotations

import pytest

from brtrade.core.asking import compared_sides
from tests.helpers import Run, answer_ids

VERBS = ["exceed", "outpace", "outstrip", "surpass"]


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize(
    "question",
    [
        "by how much did Chinese exports {} imports",
        "did China's imports from ASEAN {} its exports to ASEAN",
        "how far did sales abroad {} purchases from abroad",
        "did exports to belt and road countries {} imports from them in 2020",
    ],
)
def test_exports_set_against_imports_ask_for_a_balance_no_record_holds(
    run: Run, verb: str, question: str
) -> None:
    text = question.format(verb)
    assert compared_sides(text) is None
    assert answer_ids(run, text) == []


@pytest.mark.parametrize("verb", VERBS)
def test_one_thing_set_above_another_is_a_comparison_of_both(run: Run, verb: str) -> None:
    text = f"did rail trade growth {verb} ASEAN trade growth"
    assert compared_sides(text) is not None
    found = answer_ids(run, text)
    assert {"br-rail-trade-growth", "asean-trade-2020"} <= set(found)


@pytest.mark.parametrize(
    "question",
    [
        "was belt and road trade more than 9 trillion yuan",
        "did ASEAN trade exceed 700 billion dollars",
        "did trade with ASEAN surpass 4 trillion renminbi",
        "was rail trade growth higher than 30 percent",
    ],
)
def test_an_amount_is_a_bound_not_a_side(question: str) -> None:
    assert compared_sides(question) is None
