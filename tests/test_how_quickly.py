"""'How quickly' asks how soon, not for a size: *quickly* stems as *quick*, so 'how
quick(ly) is/are/do' no longer asks for an amount (brtrade.core.language.SIZE_FORMS),
while 'how big (heavy, fast) is X' still does."""

from __future__ import annotations

import pytest

from tests.helpers import Run, answer_ids


@pytest.mark.parametrize(
    "question",
    [
        "how quickly are the bikes exported",
        "once assembled and checked, how quickly are the bikes shipped",
        "how quickly do the bikes get exported",
        "how quickly were the bikes sent abroad after testing",
    ],
)
def test_how_quickly_asks_how_soon(run: Run, question: str) -> None:
    assert "bicycle-export-soon" in answer_ids(run, question)[:3]


@pytest.mark.parametrize(
    "question", ["how big is the Xidesheng factory", "how heavy is the smart engine"]
)
def test_a_size_is_still_asked_for_as_a_figure(run: Run, question: str) -> None:
    assert answer_ids(run, question) == []
