"""Links that close on themselves are refused by `check` and by every load, with the
cycle's path: figures' part_of, applies_to and converted_from, entities' relations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brtrade.cli import ExitCode
from brtrade.core.errors import FactBaseError
from brtrade.core.loader import load_fact_base
from brtrade.core.rules.records import _cycles
from tests.helpers import ROOT, Run, mutate


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "facts.yaml", tmp_path / "facts.yaml")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path / "facts.yaml"


SELF_PART = (
    "        part_of: br-trade-2020-total-cny\n",
    "        part_of: asean-trade-2020-cny\n",
)
TWO_PARTS = (
    "        wording: 9.37 trillion yuan\n",
    "        part_of: asean-trade-2020-cny\n        wording: 9.37 trillion yuan\n",
)
CONVERSIONS = (
    "      - id: br-trade-2020-total-usd\n",
    "      - id: br-trade-2020-total-usd\n        part_of: br-trade-2020-total-usd\n",
)
ENTITIES = (
    "    name: Ministry of Commerce\n    type: ministry\n",
    "    name: Ministry of Commerce\n    type: ministry\n"
    "    relations:\n      - {type: part-of, target: institute-of-american-and-oceania-studies, "
    "basis: editorial}\n",
)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (SELF_PART, "'asean-trade-2020-cny' is part of 'asean-trade-2020-cny'"),
        (TWO_PARTS, "is part of 'asean-trade-2020-cny' is part of"),
        (CONVERSIONS, "'br-trade-2020-total-usd' is part of 'br-trade-2020-total-usd'"),
        (
            ENTITIES,
            "'institute-of-american-and-oceania-studies' part-of 'caitec' part-of 'mofcom' "
            "part-of 'institute-of-american-and-oceania-studies'",
        ),
    ],
    ids=["self", "two", "self-usd", "entities-of-three"],
)
def test_a_cycle_is_refused_by_check_and_by_every_load(
    run: Run, bundled_copy: Path, change: tuple[str, str], path: str
) -> None:
    mutate(bundled_copy, *change)
    checked = run("--facts", str(bundled_copy), "check")
    assert checked.exit_code == ExitCode.NO_MATCH, checked.stderr  # problems found
    assert path in checked.stdout + checked.stderr
    assert checked.stdout.count("may not lead back to itself") == 1
    for args in (["derive", "--json"], ["facts", "asean"]):
        result = run("--facts", str(bundled_copy), *args)
        assert result.exit_code == ExitCode.BAD_FACTS, result.stderr
        assert "may not lead back to itself" in result.stderr
        assert "Traceback" not in result.stderr
    with pytest.raises(FactBaseError, match="may not lead back"):
        load_fact_base(bundled_copy)


def test_the_bundled_base_has_no_cycle() -> None:
    load_fact_base(ROOT / "facts.yaml")


def _reference_cycles(graph: dict[str, list[str]]) -> set[frozenset[str]]:
    """Every cycle by brute force: the node sets of the strongly connected pieces that
    close (each node's reachable set contains itself)."""

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph.get(start, []))
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(graph.get(n, []))
        return seen

    reaches = {n: reach(n) for n in graph}
    return {
        frozenset(m for m in graph if n in reaches[m] and m in reaches[n])
        for n in graph
        if n in reaches[n]
    }


@given(st.dictionaries(st.sampled_from("abcdefg"), st.sampled_from("abcdefg"), max_size=7))
def test_every_cycle_of_a_chain_is_found_once(links: dict[str, str]) -> None:
    """Figures link to at most one figure each: every cycle is found, once."""
    graph = {n: [t] for n, t in links.items()}
    order = sorted(set(graph) | set(links.values()))
    found = _cycles(graph, order)
    assert {frozenset(c) for c in found} == _reference_cycles(graph)
    assert len(found) == len({frozenset(c) for c in found})
    for cycle in found:  # each is a real path that closes
        for a, b in zip(cycle, (*cycle[1:], cycle[0]), strict=True):
            assert b in graph[a]


def test_a_long_chain_is_walked_in_linear_time() -> None:
    """100,000 links in one chain, and one that closes it: no recursion limit, no
    quadratic walk (this would take minutes if either)."""
    n = 100_000
    graph = {str(i): [str(i + 1)] for i in range(n)}
    assert _cycles(graph, [str(i) for i in range(n + 1)]) == []
    graph[str(n)] = ["0"]
    (cycle,) = _cycles(graph, [str(i) for i in range(n + 1)])
    assert len(cycle) == n + 1
