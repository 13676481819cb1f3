"""The editors' vocabulary of exports (facts.yaml, ``export``) holds the reporter's
buyers abroad: 'the bikes leave for **foreign buyers**' are exported."""

from __future__ import annotations

import json

import pytest

from tests.helpers import Run


@pytest.mark.parametrize(
    "buyers", ["foreign buyers", "foreign customers", "overseas buyers", "overseas customers"]
)
def test_goods_leaving_for_buyers_abroad_are_exports(run: Run, buyers: str) -> None:
    result = run("facts", f"when do the bikes leave for {buyers}", "--json")
    assert result.exit_code == 0, result.stderr
    assert "bicycle-export-soon" in [r["id"] for r in json.loads(result.stdout)][:3]
