"""'Which paragraph (claim, record, fact, statement) mentions X' asks where X is said:
the word for the part of the article or the base's record is the question's form
(brtrade.core.language.PASSAGES)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import Run


@pytest.mark.parametrize("part", ["paragraph", "claim", "record", "fact", "statement"])
@pytest.mark.parametrize(
    ("said", "first"),
    [
        ("mentions Singapore", "yantian-port-new-routes-2020"),
        ("talks about rail", "br-rail-trade-growth"),
    ],
)
def test_which_part_says_it(run: Run, part: str, said: str, first: str) -> None:
    result = run("facts", f"which {part} {said}", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == first
