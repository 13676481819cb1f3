"""The docs: a short README, a reference per command, every exit code, and CI that
keeps them true. Commands are listed from the app itself, never by hand."""

from __future__ import annotations

import re

import pytest
import typer

from brtrade.cli import ExitCode, app
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text("utf-8")
COMMANDS_DOC = (ROOT / "docs" / "commands.md").read_text("utf-8")
CI = (ROOT / ".ci" / "run").read_text("utf-8")
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
DOCS = (
    "commands",
    "json-contract",
    "fact-files",
    "matching",
    "verify",
    "performance",
    "security",
    "design",
)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_is_in_the_reference(name: str) -> None:
    command = GROUP.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 40
    assert f"`brtrade {name}" in COMMANDS_DOC
    assert f"$ brtrade {name} --help" in COMMANDS_DOC


def test_readme_is_short_and_points_into_docs() -> None:
    assert len(README.splitlines()) <= 250  # examples are cog'd output; the manual is docs/
    for page in DOCS:
        assert f"(docs/{page}.md)" in README, page
        assert (ROOT / "docs" / f"{page}.md").is_file(), page


def test_readme_has_the_two_newcomer_commands() -> None:
    assert "pip install . && brtrade facts asean" in README
    test_line = re.search(r"## Run the tests\n\n```console\n(.+)\n```", README)
    assert test_line, "README lost its 'Run the tests' block"
    assert test_line.group(1) in CI.splitlines(), "CI must run the README's test command verbatim"


def test_every_exit_code_is_documented() -> None:
    for code in ExitCode:
        assert f"| {int(code)} | `{code.name}` |" in COMMANDS_DOC


def test_ci_runs_lint_types_and_cog_on_every_doc() -> None:
    for step in ("ruff check", "ruff format --check", "mypy --strict brtrade"):
        assert step in CI
    cog_line = next(line for line in CI.splitlines() if line.startswith("cog --check"))
    assert "README.md" in cog_line and "docs/*.md" in cog_line


def test_every_rule_is_in_the_fact_file_guide() -> None:
    from brtrade.core.rules import Rule

    guide = (ROOT / "docs" / "fact-files.md").read_text("utf-8")
    for rule in Rule:
        assert f"| `{rule.value}` | {rule.description} |" in guide


def test_license_ships() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")
