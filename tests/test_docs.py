"""The README documents every command, and its commands are the ones CI runs."""

from __future__ import annotations

import re

import pytest
import typer

from brtrade.cli import ExitCode, app
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text("utf-8")
CI = (ROOT / ".ci" / "run").read_text("utf-8")
COMMANDS = sorted(c.name for c in typer.main.get_command(app).commands.values())  # type: ignore[attr-defined]


def test_the_commands_are_the_documented_ones() -> None:
    documented = ["facts", "quote", "figures", "speakers", "topics", "show", "sources"]
    documented += ["check", "derive"]
    assert COMMANDS == sorted([*documented, "schema"])


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_is_in_readme(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 40
    assert f"`brtrade {name}" in README
    assert f"$ brtrade {name} --help" in README


def test_readme_has_the_two_newcomer_commands() -> None:
    assert "pip install . && brtrade facts asean" in README
    test_line = re.search(r"## Run the tests\n\n```console\n(.+)\n```", README)
    assert test_line, "README lost its 'Run the tests' block"
    assert test_line.group(1) in CI.splitlines(), "CI must run the README's test command verbatim"


def test_readme_documents_every_exit_code() -> None:
    for code in ExitCode:
        assert f"| {int(code)} | `{code.name}` |" in README


def test_ci_runs_lint_types_and_cog() -> None:
    for step in ("ruff check", "ruff format --check", "mypy --strict brtrade", "cog --check"):
        assert step in CI
