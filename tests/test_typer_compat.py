"""One test per use of Typer's private API (brtrade/cli/typer_compat.py): when the Typer
pin is raised, these say which of brtrade's fix-ups still hold."""

from __future__ import annotations

import typer

from brtrade.cli import shells, typer_compat
from brtrade.cli.typer_compat import click
from tests.helpers import Run, complete


def test_click_is_typers_own() -> None:
    """The Click that Typer raises its errors from and builds its contexts on."""
    assert issubclass(typer.Context, click.Context)
    assert issubclass(click.exceptions.UsageError, click.exceptions.ClickException)


def test_current_context_is_the_running_commands() -> None:
    """Inside a command it is that command's context (its root holds the root options'
    state); outside one it is None."""
    seen: list[object] = []
    app = typer.Typer()

    @app.command()
    def one() -> None:
        seen.append(typer_compat.current_context())

    from typer.testing import CliRunner

    assert CliRunner().invoke(app, []).exit_code == 0
    assert isinstance(seen[0], click.Context) and seen[0].command.name == "one"
    assert typer_compat.current_context() is None


def test_no_pager_reaches_the_command_and_not_the_next_run(run: Run) -> None:
    """--no-pager is read from the running command's root state, not a module global."""
    from brtrade.cli import output

    seen: list[bool] = []
    real = output.settings

    def spy() -> output.Settings:
        seen.append(real().pager)
        return real()

    output.settings = spy  # type: ignore[assignment]
    try:
        run("--no-pager", "topics")
        run("topics")
    finally:
        output.settings = real  # type: ignore[assignment]
    assert seen and seen[0] is False and seen[-1] is True
    assert output.settings() == output.Settings()  # the defaults outside a command


def test_a_bad_option_is_clicks_usage_error_and_one_line(run: Run) -> None:
    result = run("facts", "--no-such-option")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("brtrade: usage error: ")


def test_completion_candidates_are_not_filtered_again(run: Run) -> None:
    """Typer would keep only exact, case-sensitive prefixes: 'zh' would offer nothing."""
    assert "Zhou Mi" in complete(run, "brtrade quote --speaker zh")
    assert "Tu Xinquan" in complete(run, "brtrade quote --speaker xinq")  # a later word


def test_brtrades_zsh_script_and_install_replace_typers() -> None:
    shells.use_brtrade_scripts()
    script = typer_compat.completion_script(
        prog_name="brtrade", complete_var="_BRTRADE_COMPLETE", shell="zsh"
    )
    assert "compadd -U -Q" in script and "_arguments" not in script
    from typer import _completion_shared

    assert _completion_shared.install_zsh is shells.install_zsh
