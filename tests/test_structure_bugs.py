"""Regression tests for the four bugs found while restructuring (the structure issue)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from brtrade.cli import app
from brtrade.core.check import check_fact_base
from brtrade.core.errors import FactBaseError
from brtrade.core.files import FORMAT_VERSION
from brtrade.core.loader import load_fact_base
from brtrade.core.numbers import DEFAULT_RATE_TOLERANCE
from brtrade.core.rules import Rule
from brtrade.index.store import FactStore
from tests.helpers import Run, line_of, mutate


def _problems(facts: Path) -> list[FactBaseError]:
    report = check_fact_base(facts)
    assert not report.ok
    return report.problems


def test_a_change_without_basis_is_a_figure_problem(mini_copy: Path) -> None:
    mutate(mini_copy, "        basis: year-on-year\n", "")
    [problem] = _problems(mini_copy)
    assert problem.rule is Rule.FIGURE
    assert problem.field == "figures[1].basis"


def test_paragraph_zero_is_a_schema_problem_at_its_line(mini_copy: Path) -> None:
    mutate(mini_copy, "      paragraphs: [1]\n", "      paragraphs: [0]\n")
    problems = [p for p in _problems(mini_copy) if p.field == "provenance.paragraphs"]
    assert Rule.SCHEMA in {p.rule for p in problems}
    assert Rule.IDENTITY not in {p.rule for p in problems}
    assert {p.line for p in problems} == {line_of(mini_copy, "paragraphs: [0]")}


def test_a_missing_field_is_placed_at_its_enclosing_field(mini_copy: Path) -> None:
    mutate(mini_copy, "        basis: year-on-year\n", "")
    [problem] = _problems(mini_copy)
    assert problem.line == line_of(mini_copy, "- id: alpha-containers-growth")


def test_a_strict_load_also_points_at_the_field(mini_copy: Path) -> None:
    mutate(mini_copy, "      paragraphs: [1]\n", "      paragraphs: [0]\n")
    with pytest.raises(FactBaseError) as info:
        load_fact_base(mini_copy)
    assert info.value.line == line_of(mini_copy, "paragraphs: [0]")
    assert info.value.rule is Rule.SCHEMA


def test_every_record_of_the_index_keeps_its_origin(mini_copy: Path) -> None:
    memory = FactStore(mini_copy, use_cache=False).base()
    FactStore(mini_copy).base()  # builds the index
    store = FactStore(mini_copy)
    assert store.index() is not None
    indexed = store.base()
    for (_, from_yaml), (_, from_index) in zip(memory.groups(), indexed.groups(), strict=True):
        assert [r.origin for r in from_yaml] == [r.origin for r in from_index]
        assert all(r.origin is not None for r in from_index)
    assert indexed.claims[0].origin is not None
    assert indexed.claims[0].origin.file == str(mini_copy)


def test_version_names_the_format_constant(run: Run) -> None:
    out = run("--version").stdout
    assert f"fact-file format {FORMAT_VERSION})" in out


@pytest.mark.parametrize("command", ["check", "derive"])
def test_rate_tolerance_defaults_to_the_constant(command: str) -> None:
    group = typer.main.get_command(app)
    params = {p.name: p for p in group.commands[command].params}  # type: ignore[attr-defined]
    assert params["rate_tolerance"].default == DEFAULT_RATE_TOLERANCE
