"""Words of the field a reporter uses: the editors' vocabulary of exports (facts.yaml,
``export``) holds buyers abroad ('the bikes leave for **foreign buyers**' are exported),
and a word before 'trade' that says where it goes ('**corridor** trade', 'regional
trade') is no good traded (brtrade.core.goods.TRADE_SCOPE)."""

from __future__ import annotations

import json

import pytest

from brtrade.core.goods import traded_goods
from tests.helpers import Run


@pytest.mark.parametrize(
    "buyers", ["foreign buyers", "foreign customers", "overseas buyers", "overseas customers"]
)
def test_goods_leaving_for_buyers_abroad_are_exports(run: Run, buyers: str) -> None:
    result = run("facts", f"when do the bikes leave for {buyers}", "--json")
    assert result.exit_code == 0, result.stderr
    assert "bicycle-export-soon" in [r["id"] for r in json.loads(result.stdout)][:3]


@pytest.mark.parametrize("scope", ["corridor", "regional", "border"])
def test_where_trade_goes_is_no_good_traded(scope: str) -> None:
    assert traded_goods(f"how large was China's {scope} trade") == []
    assert traded_goods("how large was China's car trade") == ["car"]


def test_corridor_trade_is_the_belt_and_road_total(run: Run) -> None:
    result = run("facts", "expressed in dollars, how large was China's corridor trade", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "br-trade-2020-total"


@pytest.mark.parametrize("verb", ["begun", "commenced"])
def test_routes_begun_are_routes_launched(run: Run, verb: str) -> None:
    result = run("facts", f"how many sea routes were {verb} at Yantian", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "yantian-port-new-routes-2020"


@pytest.mark.parametrize(
    "question",
    ["has Yantian added new international lines", "did Yantian add 11 new routes in 2020"],
)
def test_a_thing_added_is_no_speech(run: Run, question: str) -> None:
    result = run("facts", question, "--json")
    assert result.exit_code == 0, result.stderr
    assert "yantian-port-new-routes-2020" in [r["id"] for r in json.loads(result.stdout)][:2]


def test_what_someone_added_is_speech() -> None:
    from brtrade.core.language import speaks

    assert speaks(["as", "zhou", "mi", "added"], 3)
    assert speaks(["zhou", "mi", "added", "that", "trade", "held"], 2)
    assert not speaks(["has", "yantian", "added", "new", "lines"], 2)
